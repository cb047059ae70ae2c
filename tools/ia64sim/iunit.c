/*
 * tools/ia64sim/iunit.c - the I unit's integer forms: shifts, bit-field
 * extract and deposit, test bit, zero and sign extension, and the moves
 * of the predicate registers (SDM vol. 3, formats I5-I29).
 *
 * The field positions were checked against ia64-linux-gnu-as: each form
 * assembled, its fields read back (see the tests in tools/ia64sim/tests).
 *
 * NaT bits: a result is NaT if a source register is (immediates have
 * none); tbit with a NaT source writes its predicates as a compare does;
 * tnat tests the bit; mov pr = r2 with r2 NaT is a Register NaT
 * Consumption fault.
 */
#include "regs.h"

/* A shift count of 64 or more: shl and shr.u give 0, shr the sign. */
static uint64_t shift_right(uint64_t v, uint64_t n, bool arith)
{
	if (n > 63)
		return arith ? (uint64_t)((int64_t)v >> 63) : 0;
	return arith ? (uint64_t)((int64_t)v >> n) : v >> n;
}

/* Major 7: I5 shr/shr.u r1 = r3, r2 and I7 shl r1 = r2, r3 (za = zb = 1,
 * x2a = ve = 0; x2c:x2b selects). */
static bool shift_var(struct cpu *c, uint64_t insn, bool qp)
{
	unsigned r1 = (unsigned)bits(insn, 6, 12);
	bool n2, n3;
	uint64_t f2 = get_gr_nat(c, bits(insn, 13, 19), &n2),
		 f3 = get_gr_nat(c, bits(insn, 20, 26), &n3);
	if (!bits(insn, 36, 36) || bits(insn, 34, 35) || !bits(insn, 33, 33) ||
	    bits(insn, 32, 32))
		return false;
	unsigned form =
	    (unsigned)(bits(insn, 30, 31) << 2 | bits(insn, 28, 29));
	if (form != 0 && form != 2 && form != 4)
		return false;
	if (!qp)
		return true;
	uint64_t v = form == 4	 ? (f3 > 63 ? 0 : f2 << f3)
		     : form == 0 ? shift_right(f3, f2, false)
				 : shift_right(f3, f2, true);
	set_gr_nat(c, r1, v, n2 || n3);
	return true;
}

/* I2's element width from za:zb: 8, 16 or 32 bits; 0 for 1:1, which is
 * not a width. */
static unsigned i2_width(uint64_t insn)
{
	unsigned zazb =
	    (unsigned)(bits(insn, 36, 36) << 1 | bits(insn, 33, 33));
	return zazb == 3 ? 0 : 8u << zazb;
}

/* Is this I2 (x2a = 2, ve = 0) with x2c and an x2b of 0 or 2, and a
 * width? */
static bool i2_form(uint64_t insn, unsigned x2c)
{
	unsigned x2b = (unsigned)bits(insn, 28, 29);
	return bits(insn, 34, 35) == 2 && !bits(insn, 32, 32) &&
	       bits(insn, 30, 31) == x2c && (x2b == 0 || x2b == 2) &&
	       i2_width(insn);
}

/* r2 and r3 of an I2 form, and whether either is NaT. */
static bool i2_sources(struct cpu *c, uint64_t insn, uint64_t *a, uint64_t *b)
{
	bool na, nb;
	*a = get_gr_nat(c, bits(insn, 13, 19), &na);
	*b = get_gr_nat(c, bits(insn, 20, 26), &nb);
	return na || nb;
}

/*
 * Major 7, I2 mix and unpack, 1/2/4 .l/.r/.h r1 = r2, r3 (x2c = 2 mix,
 * 1 unpack; za:zb = 0:0 bytes, 0:1 halfwords, 1:0 words; x2b 2 .l, 0
 * .r/.h): elements of r2 and r3 interleaved, r3's in the even positions
 * of the result, r2's in the odd.  mix takes the even-numbered elements
 * of each (.r) or the odd ones (.l); unpack the elements of the low half
 * of each (.l) or of the high half (.h).
 */
static bool interleave(struct cpu *c, uint64_t insn, bool qp, unsigned x2c)
{
	if (!i2_form(insn, x2c))
		return false;
	if (!qp)
		return true;
	unsigned w = i2_width(insn), n = 32 / w; /* n: pairs in the result */
	bool l = bits(insn, 28, 29) != 0;
	uint64_t a, b, v = 0;
	bool nat = i2_sources(c, insn, &a, &b);
	uint64_t mask = w == 32 ? 0xffffffffu : (1ull << w) - 1;
	for (unsigned k = 0; k < n; k++) {
		unsigned elem = x2c == 2 ? 2 * k + l : k + (l ? 0 : n);
		v |= (b >> (elem * w) & mask) << (2 * k * w);
		v |= (a >> (elem * w) & mask) << ((2 * k + 1) * w);
	}
	set_gr_nat(c, (unsigned)bits(insn, 6, 12), v, nat);
	return true;
}

/* Major 7, I9 popcnt r1 = r3 (za = 0, x2a = 1, zb = 1, ve = 0, x2c = 2,
 * x2b = 1, r2 = 0): the number of bits set. */
static bool popcnt(struct cpu *c, uint64_t insn, bool qp)
{
	if (bits(insn, 36, 36) || bits(insn, 34, 35) != 1 ||
	    !bits(insn, 33, 33) || bits(insn, 32, 32) ||
	    bits(insn, 30, 31) != 2 || bits(insn, 28, 29) != 1 ||
	    bits(insn, 13, 19))
		return false;
	if (!qp)
		return true;
	bool n3;
	uint64_t v = get_gr_nat(c, bits(insn, 20, 26), &n3);
	set_gr_nat(c, (unsigned)bits(insn, 6, 12),
		   (uint64_t)__builtin_popcountll(v), n3);
	return true;
}

/* A mask of len ones (1..64). */
static uint64_t ones(unsigned len)
{
	return len >= 64 ? ~0ull : (1ull << len) - 1;
}

/* Major 5 with x2 = 1: I11 extr/extr.u, I12 dep.z (register), I13 dep.z
 * (imm8).  x2 = 3: I14 dep (imm1).  x2 = 0: I16 tbit (handled apart). */
static bool field_5(struct cpu *c, uint64_t insn, bool qp)
{
	unsigned r1 = (unsigned)bits(insn, 6, 12),
		 x2 = (unsigned)bits(insn, 34, 35);
	unsigned len = (unsigned)bits(insn, 27, 32) + 1;
	bool known = x2 == 1 || (x2 == 3 && bits(insn, 33, 33));
	if (!known || !qp)
		return known;
	if (x2 == 1 &&
	    !bits(insn, 33, 33)) { /* I11 extr[.u] r1 = r3, pos, len */
		unsigned pos = (unsigned)bits(insn, 14, 19);
		bool nat;
		uint64_t v = get_gr_nat(c, bits(insn, 20, 26), &nat) >> pos;
		if (pos + len < 64)
			v &= ones(len);
		if (bits(insn, 13, 13) && pos + len <= 64) /* signed */
			v = sext(v & ones(len), len);
		else if (bits(insn, 13, 13))
			v = sext(v, 64 - pos);
		set_gr_nat(c, r1, v, nat);
		return true;
	}
	if (x2 == 1) { /* I12/I13 dep.z r1 = r2|imm8, pos, len */
		unsigned pos = 63 - (unsigned)bits(insn, 20, 25);
		bool nat = false;
		uint64_t v =
		    bits(insn, 26, 26)
			? sext(bits(insn, 36, 36) << 7 | bits(insn, 13, 19), 8)
			: get_gr_nat(c, bits(insn, 13, 19), &nat);
		set_gr_nat(c, r1, (v & ones(len)) << pos, nat);
		return true;
	}
	if (x2 == 3 &&
	    bits(insn, 33, 33)) { /* I14 dep r1 = imm1, r3, pos, len */
		unsigned pos = 63 - (unsigned)bits(insn, 14, 19);
		uint64_t mask = ones(len) << pos;
		uint64_t v = bits(insn, 36, 36) ? ~0ull : 0;
		bool nat;
		uint64_t b = get_gr_nat(c, bits(insn, 20, 26), &nat);
		set_gr_nat(c, r1, (b & ~mask) | (v & mask), nat);
		return true;
	}
	return false;
}

/* Major 4: I15 dep r1 = r2, r3, pos, len (len 1..16). */
static void dep_15(struct cpu *c, uint64_t insn)
{
	unsigned pos = 63 - (unsigned)bits(insn, 31, 36);
	unsigned len = (unsigned)bits(insn, 27, 30) + 1;
	uint64_t mask = ones(len) << pos;
	bool na, nb;
	uint64_t v = get_gr_nat(c, bits(insn, 13, 19), &na) << pos;
	uint64_t b = get_gr_nat(c, bits(insn, 20, 26), &nb);
	set_gr_nat(c, (unsigned)bits(insn, 6, 12), (b & ~mask) | (v & mask),
		   na || nb);
}

/*
 * I16 tbit p1, p2 = r3, pos (x2 = 0, y = 0) and I17 tnat p1, p2 = r3 (y =
 * 1, bits 14-19 zero): the bit is r3's bit pos, or its NaT bit.  ta = tb
 * = 0: the normal and .unc (c = 1) types, p1 = the bit is zero (.nz is .z
 * with the predicates swapped).  Otherwise the parallel types, tb:ta =
 * 2 .and, 1 .or, 3 .or.andcm, the relation the bit is zero (c = 0, .z)
 * or one (c = 1, .nz).  tbit of a NaT register writes as a compare does.
 */
static bool tbit(struct cpu *c, uint64_t insn, bool qp)
{
	bool tnat = bits(insn, 13, 13), cbit = bits(insn, 12, 12);
	if (tnat && bits(insn, 14, 19))
		return false;
	unsigned p1 = (unsigned)bits(insn, 6, 11),
		 p2 = (unsigned)bits(insn, 27, 32);
	unsigned type =
	    (unsigned)(bits(insn, 36, 36) ? 1 + 2 * bits(insn, 33, 33)
					  : 2 * bits(insn, 33, 33));
	bool nat;
	uint64_t v = get_gr_nat(c, bits(insn, 20, 26), &nat);
	bool bit = tnat ? nat : v >> bits(insn, 14, 19) & 1;
	if (tnat)
		nat = false;
	if (type == 0)
		set_pr_compare(c, p1, p2, !bit, nat, 0, qp, cbit);
	else
		set_pr_compare(c, p1, p2, bit == cbit, nat, type, qp, false);
	return true;
}

/* Major 0: I23 mov pr = r2, mask17; I25 mov r1 = pr / ip; I29 zxt, sxt. */
static bool misc_0(struct cpu *c, uint64_t insn, bool qp)
{
	unsigned r1 = (unsigned)bits(insn, 6, 12);
	unsigned x3 = (unsigned)bits(insn, 33, 35),
		 x6 = (unsigned)bits(insn, 27, 32);
	bool known =
	    x3 == 3 || (x3 == 0 && (x6 == 0x33 || x6 == 0x30 ||
				    (x6 >= 0x10 && x6 <= 0x16 && x6 != 0x13)));
	if (!known || !qp)
		return known;
	if (x3 == 3) { /* I23 */
		uint64_t mask =
		    sext(bits(insn, 36, 36) << 16 | bits(insn, 24, 31) << 8 |
			     bits(insn, 6, 12) << 1,
			 17);
		bool nat;
		uint64_t v = get_gr_nat(c, bits(insn, 13, 19), &nat);
		if (nat) {
			nat_consumed(c, (unsigned)bits(insn, 13, 19), 0);
			return true;
		}
		for (unsigned p = 1; p < 64; p++)
			if (mask >> (p < 16 ? p : 16) & 1)
				c->pr[p] = v >> p & 1;
		return true;
	}
	if (x3 != 0)
		return false;
	if (x6 == 0x33) { /* I25 mov r1 = pr */
		uint64_t v = 0;
		for (unsigned p = 0; p < 64; p++)
			v |= (uint64_t)c->pr[p] << p;
		set_gr(c, r1, v);
		return true;
	}
	if (x6 == 0x30) { /* I25 mov r1 = ip */
		set_gr(c, r1, c->ip);
		return true;
	}
	bool nat;
	uint64_t v = get_gr_nat(c, bits(insn, 20, 26), &nat);
	switch (x6) {
	case 0x10: /* zxt1 */
		v &= 0xff;
		break;
	case 0x11: /* zxt2 */
		v &= 0xffff;
		break;
	case 0x12: /* zxt4 */
		v &= 0xffffffff;
		break;
	case 0x14: /* sxt1 */
		v = sext(v & 0xff, 8);
		break;
	case 0x15: /* sxt2 */
		v = sext(v & 0xffff, 16);
		break;
	default: /* sxt4 */
		v = sext(v & 0xffffffff, 32);
		break;
	}
	set_gr_nat(c, r1, v, nat);
	return true;
}

bool exec_i_integer(struct cpu *c, uint64_t insn, bool qp)
{
	switch (bits(insn, 37, 40)) {
	case 7:
		return shift_var(c, insn, qp) || interleave(c, insn, qp, 2) ||
		       interleave(c, insn, qp, 1) || popcnt(c, insn, qp);
	case 5:
		if (bits(insn, 34, 35) == 0)
			return tbit(c, insn, qp);
		return field_5(c, insn, qp);
	case 4:
		if (qp)
			dep_15(c, insn);
		return true;
	case 0:
		return misc_0(c, insn, qp);
	}
	return false;
}

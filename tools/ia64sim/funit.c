/*
 * tools/ia64sim/funit.c - the FP registers, as far as integer code needs
 * them.
 *
 * IA-64 has no integer multiply or divide in its integer units: gcc moves
 * the operands to FP registers (setf.sig), multiplies there (xma, xmpy)
 * and moves the result back (getf.sig) - dividing by a constant is a
 * multiply by its reciprocal.  A procedure that uses f2-f5 saves them with
 * stf.spill and restores them with ldf.fill.  These forms are here; the
 * FP arithmetic proper (fma, frcpa, conversions, and the division by a
 * variable that libgcc builds from them) comes next.
 *
 * A register holds sign, a 17-bit exponent and a 64-bit significand; an
 * integer is its significand with the exponent 0x1003e.  In memory, the
 * spill format is the significand in bytes 0-7, the exponent in bits
 * 64-80 and the sign in bit 81 (SDM vol. 1, "Memory Access Instructions:
 * Spill/Fill").
 */
#include "regs.h"

#define EXP_INTEGER 0x1003e

void fp_reset(struct cpu *c)
{
	for (int i = 0; i < 128; i++)
		c->fr[i] = (struct fr){0, 0, false};
	c->fr[1] = (struct fr){1ull << 63, 0xffff, false}; /* +1.0 */
}

/* Writing f0 or f1 is an illegal operation. */
static bool set_fr(struct machine *m, struct cpu *c, unsigned f, struct fr v)
{
	if (f < 2) {
		sim_error(
		    m, "cpu %u: f%u written at ip %#llx: an illegal operation",
		    c->id, f, (unsigned long long)c->ip);
		return false;
	}
	c->fr[f] = v;
	return true;
}

/* F2 xma.l / xma.h / xma.hu f1 = f3 * f4 + f2 (major 0xe, bit 36 set;
 * x2 in bits 34-35: 0 l, 2 hu, 3 h). */
static int xma(struct machine *m, struct cpu *c, uint64_t insn)
{
	unsigned x2 = (unsigned)bits(insn, 34, 35);
	if (x2 == 1)
		return 0;
	uint64_t a = c->fr[bits(insn, 20, 26)].sig,
		 b = c->fr[bits(insn, 27, 33)].sig;
	uint64_t add = c->fr[bits(insn, 13, 19)].sig, v;
	if (x2 == 0) {
		v = a * b + add;
	} else { /* the high half of the 128-bit a * b + add */
		bool sign = x2 == 3;
		unsigned __int128 p =
		    sign
			? (unsigned __int128)((__int128)(int64_t)a * (int64_t)b)
			: (unsigned __int128)a * b;
		p += sign ? (unsigned __int128)(__int128)(int64_t)add : add;
		v = (uint64_t)(p >> 64);
	}
	return set_fr(m, c, (unsigned)bits(insn, 6, 12),
		      (struct fr){v, EXP_INTEGER, false})
		   ? 1
		   : -1;
}

static bool aligned16(struct machine *m, struct cpu *c, uint64_t addr)
{
	if (addr & 15) {
		sim_error(m,
			  "cpu %u: FP spill or fill at %#llx (ip %#llx): not "
			  "16-byte aligned",
			  c->id, (unsigned long long)addr,
			  (unsigned long long)c->ip);
		return false;
	}
	return true;
}

/* M9 stf.spill [r3] = f2 (x6 0x3b) and M6 ldf.fill f1 = [r3] (x6 0x1b),
 * major 6 (m = 1: r2 post-increment) or 7 (imm9 post-increment). */
static int spill_fill(struct machine *m, struct cpu *c, uint64_t insn)
{
	unsigned major = (unsigned)bits(insn, 37, 40),
		 x6 = (unsigned)bits(insn, 30, 35);
	bool fill = x6 == 0x1b;
	if (x6 != 0x1b && x6 != 0x3b)
		return 0;
	unsigned r3 = (unsigned)bits(insn, 20, 26);
	uint64_t addr = get_gr(c, r3), lo, hi, inc = 0;
	bool post = major == 7 || bits(insn, 36, 36);
	if (major == 7)
		inc = sext(bits(insn, 36, 36) << 8 | bits(insn, 27, 27) << 7 |
			       (fill ? bits(insn, 13, 19) : bits(insn, 6, 12)),
			   9);
	else if (post)
		inc = fill ? get_gr(c, bits(insn, 13, 19)) : 0;
	if (post && major == 6 && !fill)
		return 0; /* no register post-increment for stores */
	if (!aligned16(m, c, addr))
		return -1;
	if (fill) {
		if (!mem_read(m, addr, 8, &lo) ||
		    !mem_read(m, addr + 8, 8, &hi))
			return -1;
		struct fr v = {lo, (uint32_t)(hi & 0x1ffff), (hi >> 17) & 1};
		if (!set_fr(m, c, (unsigned)bits(insn, 6, 12), v))
			return -1;
	} else {
		struct fr v = c->fr[bits(insn, 13, 19)];
		if (!mem_write(m, addr, 8, v.sig) ||
		    !mem_write(m, addr + 8, 8,
			       (uint64_t)v.exp | (uint64_t)v.sign << 17))
			return -1;
	}
	if (post)
		set_gr(c, r3, addr + inc);
	return 1;
}

int exec_fp(struct machine *m, struct cpu *c, uint64_t insn, bool qp,
	    bool f_unit)
{
	unsigned major = (unsigned)bits(insn, 37, 40);
	if (f_unit)
		return major == 0xe && bits(insn, 36, 36)
			   ? (qp ? xma(m, c, insn) : 1)
			   : 0;
	bool x = bits(insn, 27, 27), mbit = bits(insn, 36, 36);
	unsigned x6 = (unsigned)bits(insn, 30, 35);
	if (major == 6 && !mbit && x && x6 == 0x1c) { /* M18 setf.sig */
		if (!qp)
			return 1;
		return set_fr(m, c, (unsigned)bits(insn, 6, 12),
			      (struct fr){get_gr(c, bits(insn, 13, 19)),
					  EXP_INTEGER, false})
			   ? 1
			   : -1;
	}
	if (major == 4 && !mbit && x && x6 == 0x1c) { /* M19 getf.sig */
		if (qp)
			set_gr(c, (unsigned)bits(insn, 6, 12),
			       c->fr[bits(insn, 13, 19)].sig);
		return 1;
	}
	if ((major == 6 && !x) || major == 7) {
		if ((x6 != 0x1b && x6 != 0x3b))
			return 0;
		return qp ? spill_fill(m, c, insn) : 1;
	}
	return 0;
}

/*
 * tools/ia64sim/aunit.c - the A unit: integer add, subtract, logical
 * operations and compares, which run in M and I slots alike (major
 * opcodes 8-0xe).
 */
#include "regs.h"

/* A1, A2, A3, A4: major 8.  The result is NaT if a source register is. */
static bool alu_8(struct cpu *c, uint64_t insn)
{
	unsigned x2a = (unsigned)bits(insn, 34, 35),
		 ve = (unsigned)bits(insn, 33, 33);
	unsigned x4 = (unsigned)bits(insn, 29, 32),
		 x2b = (unsigned)bits(insn, 27, 28);
	unsigned r1 = (unsigned)bits(insn, 6, 12),
		 r2 = (unsigned)bits(insn, 13, 19),
		 r3 = (unsigned)bits(insn, 20, 26);
	bool na = false, nb;
	uint64_t b = get_gr_nat(c, r3, &nb);
	uint64_t imm8 = sext(bits(insn, 36, 36) << 7 | bits(insn, 13, 19), 8);
	if (x2a >= 2) { /* A4 adds (x2a 2), addp4 (3) r1 = imm14, r3 */
		uint64_t imm14 = bits(insn, 36, 36) << 13 |
				 bits(insn, 27, 32) << 7 | bits(insn, 13, 19);
		uint64_t v = sext(imm14, 14) + b;
		if (x2a == 3) /* a 32-bit pointer, its region from r3 */
			v = (v & 0xffffffffu) | (b >> 30 & 3) << 61;
		set_gr_nat(c, r1, v, nb);
		return true;
	}
	if (x2a != 0 || ve)
		return false;
	/* bits 13-19 are r2 in A1 and A2, an immediate in A3 */
	uint64_t a = x4 == 9 || x4 == 11 ? 0 : get_gr_nat(c, r2, &na), v;
	switch (x4 << 2 | x2b) {
	case 0 << 2 | 0: /* add */
		v = a + b;
		break;
	case 0 << 2 | 1: /* add ,1 */
		v = a + b + 1;
		break;
	case 1 << 2 | 1: /* sub */
		v = a - b;
		break;
	case 1 << 2 | 0: /* sub ,1 */
		v = a - b - 1;
		break;
	case 2 << 2 | 0: /* addp4: a 32-bit pointer, its region from r3 */
		v = ((a + b) & 0xffffffffu) | (b >> 30 & 3) << 61;
		break;
	case 3 << 2 | 0: /* and */
		v = a & b;
		break;
	case 3 << 2 | 1: /* andcm */
		v = a & ~b;
		break;
	case 3 << 2 | 2: /* or */
		v = a | b;
		break;
	case 3 << 2 | 3: /* xor */
		v = a ^ b;
		break;
	case 9 << 2 | 1: /* A3 sub */
		v = imm8 - b;
		break;
	case 11 << 2 | 0: /* A3 and */
		v = imm8 & b;
		break;
	case 11 << 2 | 1: /* andcm */
		v = imm8 & ~b;
		break;
	case 11 << 2 | 2: /* or */
		v = imm8 | b;
		break;
	case 11 << 2 | 3: /* xor */
		v = imm8 ^ b;
		break;
	default:
		if (x4 != 4) /* A2 shladd (6: shladdp4, not here) */
			return false;
		v = (a << (x2b + 1)) + b;
		break;
	}
	set_gr_nat(c, r1, v, na || nb);
	return true;
}

/* A5 addl r1 = imm22, r3 (r3 in r0-r3): major 9 */
static void addl(struct cpu *c, uint64_t insn)
{
	uint64_t imm22 = bits(insn, 36, 36) << 21 | bits(insn, 22, 26) << 16 |
			 bits(insn, 27, 35) << 7 | bits(insn, 13, 19);
	bool nat;
	uint64_t b = get_gr_nat(c, bits(insn, 20, 21), &nat);
	set_gr_nat(c, (unsigned)bits(insn, 6, 12), sext(imm22, 22) + b, nat);
}

/*
 * A6 (registers), A7 (r0 against a register) and A8 (imm8 : register)
 * compares: majors 0xC, 0xD, 0xE; x2 = 0/2 for 64 bits, 1/3 for cmp4 (32
 * bits), 2/3 with an imm8.  With ta = tb = 0 (the normal and .unc types,
 * c = 1 for .unc) the major is the relation: lt, ltu, eq.  Otherwise it
 * is the parallel type - 0xC .and, 0xD .or, 0xE .or.andcm - and the
 * relation is eq (c = 0) or ne (c = 1) with ta = 1, tb = 0 (or any imm8
 * form with ta = 1), or, in A7 (tb = 1), 0 gt/le/ge/lt r3 (signed) as
 * ta:c = 0/1/2/3.  A parallel compare writes its predicates only in one
 * case: .and clears both when the relation is false, .or sets both when
 * it is true, .or.andcm sets p1 and clears p2 when it is true.  A NaT
 * source: see set_pr_compare.
 */
static bool compare(struct cpu *c, uint64_t insn, bool qp)
{
	unsigned major = (unsigned)bits(insn, 37, 40);
	unsigned x2 = (unsigned)bits(insn, 34, 35);
	unsigned p1 = (unsigned)bits(insn, 6, 11),
		 p2 = (unsigned)bits(insn, 27, 32);
	bool cbit = bits(insn, 12, 12), imm = x2 >= 2, four = x2 & 1;
	bool ta = bits(insn, 33, 33), tb = !imm && bits(insn, 36, 36);
	if (tb && bits(insn, 13, 19)) /* A7 names r0 */
		return false;
	bool na = false, nb;
	uint64_t a = imm ? sext(bits(insn, 36, 36) << 7 | bits(insn, 13, 19), 8)
			 : get_gr_nat(c, bits(insn, 13, 19), &na);
	uint64_t b = get_gr_nat(c, bits(insn, 20, 26), &nb);
	if (four) {
		a = sext(a & 0xffffffffu, 32);
		b = sext(b & 0xffffffffu, 32);
	}
	bool rel;
	if (!ta && !tb) {
		switch (major) {
		case 0xc:
			rel = (int64_t)a < (int64_t)b;
			break;
		case 0xd:
			rel = four ? (uint32_t)a < (uint32_t)b : a < b;
			break;
		default:
			rel = a == b;
			break;
		}
		set_pr_compare(c, p1, p2, rel, na || nb, 0, qp, cbit);
		return true;
	}
	if (tb) {
		int64_t v = (int64_t)b;
		switch ((unsigned)ta << 1 | cbit) {
		case 0:
			rel = 0 > v;
			break;
		case 1:
			rel = 0 <= v;
			break;
		case 2:
			rel = 0 >= v;
			break;
		default:
			rel = 0 < v;
			break;
		}
	} else {
		rel = (a == b) != cbit;
	}
	/* majors 0xc, 0xd, 0xe: .and, .or, .or.andcm */
	set_pr_compare(c, p1, p2, rel, na || nb, major - 0xb, qp, false);
	return true;
}

/* Major opcodes 8-0xe; false if the form is not implemented (then nothing
 * was done).  qp false: only an .unc compare has an effect. */
bool exec_a(struct cpu *c, uint64_t insn, bool qp)
{
	unsigned major = (unsigned)bits(insn, 37, 40);
	if (major == 8)
		return alu_8(c, insn);
	if (major == 9) {
		addl(c, insn);
		return true;
	}
	if (major >= 0xc)
		return compare(c, insn, qp);
	return false;
}

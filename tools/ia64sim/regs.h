/*
 * tools/ia64sim/regs.h - reading and writing a CPU's registers, for the
 * files that execute instructions.
 */
#ifndef IA64SIM_REGS_H
#define IA64SIM_REGS_H

#include "sim.h"

static inline uint64_t sext(uint64_t v, unsigned width)
{
	uint64_t sign = 1ull << (width - 1);
	return (v ^ sign) - sign;
}

/*
 * Where general register r lives: r0-r31 are static, r32 up are renamed
 * into the stacked file from the frame's base.  A register beyond the
 * frame is noted (the slot then stops the run) and reads a scratch.
 *
 * Every general register has a NaT bit ("not a thing": the value is the
 * deferred result of something that failed, such as a speculative load):
 * nat[] for gr[], bank_nat[] for bank[], stk_nat[] for stk[].  Writing a
 * value with set_gr clears it; set_gr_nat writes both.
 */
static inline uint64_t *gr_slot(struct cpu *c, unsigned r)
{
	if (r < 32)
		return &c->gr[r];
	if (r - 32 >= c->cfm.sof) {
		c->bad_reg = r;
		return &c->scratch;
	}
	return &c->stk[(c->bof + r - 32) % STACKED_PHYS];
}

static inline uint64_t get_gr(struct cpu *c, uint64_t r)
{
	return *gr_slot(c, (unsigned)r);
}

/* A register's value, and its NaT bit in *nat. */
static inline uint64_t get_gr_nat(struct cpu *c, uint64_t r, bool *nat)
{
	if (r < 32) {
		*nat = c->nat[r];
		return c->gr[r];
	}
	if (r - 32 >= c->cfm.sof) {
		c->bad_reg = (unsigned)r;
		*nat = false;
		return c->scratch;
	}
	unsigned i = (unsigned)((c->bof + r - 32) % STACKED_PHYS);
	*nat = c->stk_nat[i];
	return c->stk[i];
}

static inline bool get_nat(struct cpu *c, uint64_t r)
{
	bool nat;
	get_gr_nat(c, r, &nat);
	return nat;
}

static inline void set_gr_nat(struct cpu *c, unsigned r, uint64_t v, bool nat)
{
	if (r == 0) /* r0 reads as 0; writes to it are ignored */
		return;
	if (r < 32) {
		c->gr[r] = v;
		c->nat[r] = nat;
		return;
	}
	if (r - 32 >= c->cfm.sof) {
		c->bad_reg = r;
		return;
	}
	unsigned i = (unsigned)((c->bof + r - 32) % STACKED_PHYS);
	c->stk[i] = v;
	c->stk_nat[i] = nat;
}

static inline void set_gr(struct cpu *c, unsigned r, uint64_t v)
{
	set_gr_nat(c, r, v, false);
}

/*
 * A Register NaT Consumption fault: an instruction that may not take a
 * NaT (a store's address or data, mov to a branch, predicate or
 * application register...) named register r with its NaT bit set.  The
 * unit does nothing else and returns as done; exec_bundle, seeing
 * cpu.bad_reg, takes the interruption (vector 0x5600) or reports.  ISR.r
 * and ISR.w say whether it was a read or a write of memory.
 */
#define BAD_NAT	   0x10000u
#define BAD_NAT_R  0x20000u
#define BAD_NAT_W  0x40000u
#define BAD_NAT_FR 0x80000u /* the register is f (NaTVal), not r */
static inline void nat_consumed(struct cpu *c, unsigned r, unsigned rw)
{
	c->bad_reg = BAD_NAT | rw | r;
}

/* Swap r16-r31 with the other bank, their NaT bits with them: what a
 * change of psr.bn does (interrupt.c's switch_bank). */
static inline void swap_bank(struct cpu *c)
{
	for (int i = 0; i < 16; i++) {
		uint64_t t = c->gr[16 + i];
		c->gr[16 + i] = c->bank[i];
		c->bank[i] = t;
		bool n = c->nat[16 + i];
		c->nat[16 + i] = c->bank_nat[i];
		c->bank_nat[i] = n;
	}
}

static inline void set_pr(struct cpu *c, unsigned p, bool v)
{
	if (p) /* p0 is always true */
		c->pr[p] = v;
}

/* The predicate write of a compare or test of the normal and .unc types:
 * p1 = rel and p2 = !rel if qp; .unc clears both first, even when qp is
 * false. */
static inline void set_pr_pair(struct cpu *c, unsigned p1, unsigned p2,
			       bool rel, bool qp, bool unc)
{
	if (unc) {
		set_pr(c, p1, false);
		set_pr(c, p2, false);
	}
	if (qp) {
		set_pr(c, p1, rel);
		set_pr(c, p2, !rel);
	}
}

/*
 * The predicate write of an integer compare or test (cmp, cmp4, tbit,
 * tnat), all types (SDM vol. 3, cmp): `type` 0 normal or .unc (`unc`), 1
 * .and, 2 .or, 3 .or.andcm.  A NaT source (nat) clears both predicates
 * for the normal, .unc and .and types, and writes nothing for .or and
 * .or.andcm.  The parallel types write only on one outcome: .and clears
 * both when rel is false, .or sets both when it is true, .or.andcm sets
 * p1 and clears p2 when it is true.
 */
static inline void set_pr_compare(struct cpu *c, unsigned p1, unsigned p2,
				  bool rel, bool nat, unsigned type, bool qp,
				  bool unc)
{
	if (type == 0) {
		if (unc) {
			set_pr(c, p1, false);
			set_pr(c, p2, false);
		}
		if (qp) {
			set_pr(c, p1, rel && !nat);
			set_pr(c, p2, !rel && !nat);
		}
		return;
	}
	if (!qp)
		return;
	if (type == 1 && (nat || !rel)) {
		set_pr(c, p1, false);
		set_pr(c, p2, false);
	} else if (type == 2 && !nat && rel) {
		set_pr(c, p1, true);
		set_pr(c, p2, true);
	} else if (type == 3 && !nat && rel) {
		set_pr(c, p1, true);
		set_pr(c, p2, false);
	}
}

#endif

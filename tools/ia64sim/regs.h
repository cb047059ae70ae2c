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

/* Where general register r lives: r0-r31 are static, r32 up are renamed
 * into the stacked file from the frame's base.  A register beyond the
 * frame is noted (the slot then stops the run) and reads a scratch. */
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

static inline void set_gr(struct cpu *c, unsigned r, uint64_t v)
{
	if (r) /* r0 reads as 0; writes to it are ignored */
		*gr_slot(c, r) = v;
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

#endif

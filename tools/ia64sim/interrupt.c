/*
 * tools/ia64sim/interrupt.c - interruptions, and each CPU's local SAPIC
 * (its interrupt controller and interval timer).
 *
 * An interruption (SDM vol. 2, "Interruptions") stops the instruction
 * stream at a slot and branches to a vector of the table at cr.iva.  If
 * psr.ic is set, the CPU first collects what the handler needs to come
 * back: cr.ipsr (the PSR, with the slot in ipsr.ri), cr.iip (the bundle)
 * and cr.ifs with its valid bit clear (the handler's `cover` fills it).
 * Then the PSR is set for the handler: interrupts and collection off, and
 * register bank 0 for r16-r31, so the handler has 16 registers that
 * cannot hold anything of the interrupted code.  `rfi` undoes all of it.
 *
 * External interrupts are vectors 0-255, pending in cr.irr0-3.  A higher
 * vector has the higher priority.  One is delivered (to the External
 * Interrupt vector) when psr.i is set and the highest pending vector is
 * above the highest one in service and not masked by cr.tpr; reading
 * cr.ivr then takes it into service, and a write to cr.eoi ends the
 * highest one in service.
 *
 * The interval timer: when ar.itc reaches cr.itm, the vector in cr.itv
 * becomes pending (unless itv.m masks it).  The ITC counts one cycle per
 * instruction, so time is a function of the program, not of the host.
 */
#include "regs.h"

/* psr bits an interruption clears (the rest, it/dt/rt among them, stay) */
#define PSR_CLEARED_ON_INTERRUPTION                                            \
	(PSR_AC | PSR_IC | PSR_I | PSR_PK | PSR_DFL | PSR_DFH | PSR_SP |       \
	 PSR_DI | PSR_DB | PSR_LP | PSR_TB | 3ull << PSR_CPL_SHIFT | PSR_IS |  \
	 PSR_ID | PSR_DA | PSR_DD | PSR_SS | PSR_ED | PSR_BN | PSR_IA)

/* Switch r16-r31 to the bank that `psr` names. */
static void switch_bank(struct cpu *c, uint64_t psr)
{
	if ((c->psr ^ psr) & PSR_BN)
		swap_bank(c);
}

void set_psr(struct cpu *c, uint64_t psr)
{
	switch_bank(c, psr);
	c->psr = psr;
	c->irq_maybe = true;
}

uint64_t itc(const struct cpu *c)
{
	return c->cycles + c->itc_delta;
}

bool interrupt(struct machine *m, struct cpu *c, unsigned vec, unsigned slot)
{
	if (!(c->psr & PSR_IC)) {
		sim_error(m,
			  "cpu %u: interruption (vector %#x) at ip %#llx slot "
			  "%u with psr.ic = 0: the state to return to would "
			  "be lost",
			  c->id, vec, (unsigned long long)c->ip, slot);
		return false;
	}
	if (!c->cr[CR_IVA]) {
		sim_error(m,
			  "cpu %u: interruption (vector %#x) at ip %#llx slot "
			  "%u, and no vector table (cr.iva is 0)",
			  c->id, vec, (unsigned long long)c->ip, slot);
		return false;
	}
	c->cr[CR_IPSR] = c->psr | (uint64_t)slot << PSR_RI_SHIFT;
	c->cr[CR_IIP] = c->ip;
	c->cr[CR_IFS] = 0;
	c->cr[CR_ISR] = (uint64_t)slot << 41; /* isr.ei */
	uint64_t psr = c->psr & ~PSR_CLEARED_ON_INTERRUPTION;
	psr = (psr & ~PSR_BE) | (c->cr[CR_DCR] & 2 ? PSR_BE : 0);
	set_psr(c, psr);
	c->ip = (c->cr[CR_IVA] & ~0x7fffull) + vec;
	c->ri = 0;
	return true;
}

/* rfi: the interrupted state back.  With ifs.v, the frame that `cover`
 * put aside becomes current again (the inverse of cover). */
void rfi(struct machine *m, struct cpu *c)
{
	uint64_t ipsr = c->cr[CR_IPSR], ifs = c->cr[CR_IFS];
	if (ifs & IFS_V) {
		struct cfm f = {(unsigned)(ifs & 0x7f),
				(unsigned)(ifs >> 7 & 0x7f)};
		if (f.sof > c->bof) { /* (numbers start at RSE_NUM_BASE) */
			sim_error(m,
				  "cpu %u: rfi at ip %#llx restores a frame "
				  "below register number 0",
				  c->id, (unsigned long long)c->ip);
			return;
		}
		c->bof -= f.sof;
		c->cfm = f;
		if (!rse_load_frame(m, c))
			return;
	}
	set_psr(c, ipsr & ~(3ull << PSR_RI_SHIFT));
	c->ip = c->cr[CR_IIP] & ~15ull;
	c->ri = (unsigned)(ipsr >> PSR_RI_SHIFT & 3);
}

/* --- the local SAPIC -------------------------------------------------------
 */

static int highest(const uint64_t v[4])
{
	for (int w = 3; w >= 0; w--)
		if (v[w])
			return w * 64 + 63 - __builtin_clzll(v[w]);
	return -1;
}

void pend_vector(struct machine *m, struct cpu *c, unsigned vector)
{
	(void)m;
	c->irr[vector / 64] |= 1ull << (vector % 64);
	c->irq_maybe = true;
}

/* The highest pending vector that may interrupt now, or -1. */
static int deliverable(const struct cpu *c)
{
	int v = highest(c->irr);
	if (v < 0 || v <= highest(c->insvc))
		return -1;
	if (v == VECTOR_NMI)
		return v;
	uint64_t tpr = c->cr[CR_TPR];
	if (tpr & TPR_MMI || (unsigned)v >> 4 <= (tpr >> 4 & 15))
		return -1;
	return v;
}

bool interrupt_pending(const struct cpu *c)
{
	return deliverable(c) >= 0;
}

bool deliver_interrupt(struct machine *m, struct cpu *c)
{
	if (!c->irq_maybe)
		return false;
	if (!(c->psr & PSR_I) || deliverable(c) < 0) {
		c->irq_maybe = false; /* set again by psr, irr, tpr, eoi */
		return false;
	}
	return interrupt(m, c, IVT_EXTERNAL, c->ri);
}

/* cr.ivr: the highest deliverable vector goes into service. */
static uint64_t read_ivr(struct cpu *c)
{
	int v = deliverable(c);
	if (v < 0)
		return VECTOR_SPURIOUS;
	c->irr[v / 64] &= ~(1ull << (v % 64));
	c->insvc[v / 64] |= 1ull << (v % 64);
	return (uint64_t)v;
}

uint64_t read_cr(struct machine *m, struct cpu *c, unsigned cr)
{
	(void)m;
	switch (cr) {
	case CR_IVR:
		return read_ivr(c);
	case CR_IRR0:
	case CR_IRR0 + 1:
	case CR_IRR0 + 2:
	case CR_IRR0 + 3:
		return c->irr[cr - CR_IRR0];
	case CR_EOI:
		return 0;
	}
	return c->cr[cr];
}

void write_cr(struct machine *m, struct cpu *c, unsigned cr, uint64_t v)
{
	(void)m;
	switch (cr) {
	case CR_EOI: {
		int h = highest(c->insvc);
		if (h >= 0)
			c->insvc[h / 64] &= ~(1ull << (h % 64));
		c->irq_maybe = true;
		return;
	}
	case CR_ITM:
		c->itm_armed = true;
		break;
	case CR_TPR:
		c->irq_maybe = true;
		break;
	case CR_IVR:
	case CR_IRR0:
	case CR_IRR0 + 1:
	case CR_IRR0 + 2:
	case CR_IRR0 + 3:
		return; /* read-only */
	}
	c->cr[cr] = v;
}

void timer_check(struct machine *m, struct cpu *c, uint64_t before)
{
	if (!c->itm_armed)
		return;
	uint64_t from = before + c->itc_delta, to = itc(c);
	/* did the ITC pass cr.itm: itm in (from, to]? */
	if (c->cr[CR_ITM] - from - 1 < to - from) {
		c->itm_armed = false;
		if (!(c->cr[CR_ITV] & ITV_M))
			pend_vector(m, c, (unsigned)(c->cr[CR_ITV] & 0xff));
	}
}

uint64_t timer_distance(const struct cpu *c)
{
	if (!c->itm_armed || c->cr[CR_ITV] & ITV_M)
		return UINT64_MAX;
	return c->cr[CR_ITM] - itc(c);
}

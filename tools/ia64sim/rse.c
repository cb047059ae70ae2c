/*
 * tools/ia64sim/rse.c - the register stack engine.
 *
 * IA-64 gives each procedure a frame of stacked registers (r32 up: sof of
 * them, the first sol locals, the rest outputs).  br.call makes the
 * caller's outputs the callee's r32 up; alloc sizes the new frame; br.ret
 * puts the caller's frame back.  The machine has only STACKED_PHYS
 * physical stacked registers (96, as an Itanium 2), so frames nest deeper
 * than that only because the RSE saves the oldest ones to memory - the
 * backing store, which grows upwards from ar.bspstore - and brings them
 * back when a return needs them (SDM vol. 2, "Register Stack Engine").
 *
 * The model.  Think of all frames ever allocated as one long stack of
 * registers, numbered from 0 upwards; the current frame's r32 is number
 * `bof`.  Register number n lives in physical register n % STACKED_PHYS
 * while it is in the file, and at rse_addr(n) in the backing store when it
 * is not.  The file holds numbers [file_low, bof + sof); those below
 * file_low are in memory.  This RSE is lazy: it spills only when a frame
 * would not fit (alloc), and fills only what a return needs (br.ret), as
 * the architecture's "enforced lazy" mode does.
 *
 * The backing store's layout is the architecture's: register n at
 * consecutive 8-byte slots, except that every slot whose address has bits
 * 3-8 all set holds a NaT collection (the NaT bits of the 63 registers
 * below it).  The NaT bit of a register spilled to the slot at bits 3-8 =
 * n goes to bit n of ar.rnat; when the spill reaches slot 63, ar.rnat is
 * stored there and starts again from 0.  Filling goes the other way: when
 * the register to fill is in slot 62, ar.rnat is first loaded from slot
 * 63 above it, and each register's NaT bit comes back from ar.rnat.  So
 * between the two, ar.rnat holds the NaT bits of the registers spilled to
 * the group that ar.bspstore points into, as the SDM says, and a program
 * that saves ar.rnat with ar.bspstore (after flushrs) and puts both back
 * finds its NaT bits again.
 */
#include "sim.h"

/* Slot index within its 64-slot group: 63 is the NaT collection. */
static unsigned slot_of(uint64_t addr)
{
	return (unsigned)(addr >> 3) & 63;
}

/* Register `num` is t registers from the start of bs_base's group; 63
 * registers fill a group of 64 slots.  t is negative for registers below
 * bs_base (a context switch gives the RSE a backing store that already
 * holds the callers' frames), hence the floor division. */
uint64_t rse_addr(const struct cpu *c, uint64_t num)
{
	uint64_t group = c->bs_base & ~511ull;
	int64_t t = (int64_t)slot_of(c->bs_base) + (int64_t)(num - c->bs_num0);
	int64_t g = t >= 0 ? t / 63 : -((-t + 62) / 63);
	return group + (uint64_t)(8 * (64 * g + (t - 63 * g)));
}

/* Save the oldest register in the file to the backing store. */
static bool spill_one(struct machine *m, struct cpu *c)
{
	uint64_t n = c->file_low, addr = rse_addr(c, n);
	unsigned i = (unsigned)(n % STACKED_PHYS);
	if (!mem_write(m, addr, 8, c->stk[i]))
		return false;
	uint64_t bit = 1ull << slot_of(addr);
	c->ar_rnat = c->stk_nat[i] ? c->ar_rnat | bit : c->ar_rnat & ~bit;
	c->rse_spills++;
	if (slot_of(addr) == 62) { /* the group is full: its collection */
		if (!mem_write(m, addr + 8, 8, c->ar_rnat))
			return false;
		c->ar_rnat = 0;
	}
	c->file_low++;
	return true;
}

/* Bring back the youngest register that is not in the file. */
static bool fill_one(struct machine *m, struct cpu *c)
{
	uint64_t n = c->file_low - 1, addr = rse_addr(c, n), v;
	unsigned i = (unsigned)(n % STACKED_PHYS);
	if (slot_of(addr) == 62) { /* the group's collection first */
		if (!mem_read(m, addr + 8, 8, &c->ar_rnat))
			return false;
		c->ar_rnat &= ~(1ull << 63);
	}
	if (!mem_read(m, addr, 8, &v))
		return false;
	c->stk[i] = v;
	c->stk_nat[i] = c->ar_rnat >> slot_of(addr) & 1;
	c->rse_fills++;
	c->file_low = n;
	return true;
}

bool rse_make_room(struct machine *m, struct cpu *c, uint64_t top)
{
	while (top - c->file_low > STACKED_PHYS)
		if (!spill_one(m, c))
			return false;
	return true;
}

bool rse_load_frame(struct machine *m, struct cpu *c)
{
	while (c->bof < c->file_low)
		if (!fill_one(m, c))
			return false;
	return true;
}

bool rse_flush(struct machine *m, struct cpu *c)
{
	while (c->file_low < c->bof)
		if (!spill_one(m, c))
			return false;
	return true;
}

void rse_set_bspstore(struct cpu *c, uint64_t addr)
{
	/* Only with nothing dirty (after flushrs and loadrs): the current
	 * frame's r32 is then the register that goes at `addr`, and the
	 * registers below it (a return's) are below `addr`. */
	c->bs_base = addr;
	c->bs_num0 = c->bof;
	c->file_low = c->bof;
}

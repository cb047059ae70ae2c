/*
 * tools/ia64sim/exec.c - executing the instructions of one bundle.
 *
 * The three slots run in order.  That is a correct way to run an
 * instruction group: the architecture forbids read-after-write and
 * write-after-write between the instructions of one group, and a
 * write-after-read sees the old value when run in order.
 *
 * Each slot is dispatched on its unit and major opcode (bits 37-40), then
 * on the format's extension fields, as the SDM's volume 3 lays them out
 * (format names A1, M1, B1... are the manual's).  A form not implemented
 * here stops the run with a report: never a silent wrong answer.
 */
#include <stdio.h>

#include "regs.h"
#include "sim.h"

static enum step unimplemented(struct machine *m, struct cpu *c,
			       const struct bundle *b, unsigned s,
			       const char *what)
{
	static const char *const units = "MIFBLX";
	enum unit u = template_of(b->tmpl)->unit[s];
	sim_error(
	    m,
	    "cpu %u: instruction not implemented (%s): ip %#llx slot %u, "
	    "template %#x (%s), %c-unit slot %#011llx, major opcode %llu",
	    c->id, what, (unsigned long long)c->ip, s, b->tmpl,
	    template_of(b->tmpl)->name, u < UNIT_NONE ? units[u] : '?',
	    (unsigned long long)b->slot[s],
	    (unsigned long long)bits(b->slot[s], 37, 40));
	print_disassembly(m, c->ip, s);
	return STEP_STOP;
}

/* --- ski's simulator calls: break 0x80001, r15 = the call ------------- */

enum { SSC_PUTCHAR = 31, SSC_EXIT = 66 };

static enum step simulator_call(struct machine *m, struct cpu *c)
{
	switch (get_gr(c, 15)) {
	case SSC_PUTCHAR:
		putchar((int)(get_gr(c, 32) & 0xff));
		return STEP_NEXT;
	case SSC_EXIT:
		fflush(stdout);
		m->exit_status = (int)(get_gr(c, 32) & 0xff);
		m->halted = true;
		return STEP_STOP;
	default:
		sim_error(
		    m, "cpu %u: unknown simulator call %llu (r15) at ip %#llx",
		    c->id, (unsigned long long)get_gr(c, 15),
		    (unsigned long long)c->ip);
		return STEP_STOP;
	}
}

/* The immediates of break that the simulator answers itself: ski's
 * simulator call anywhere, and the firmware's entry points, which are a
 * break in the firmware's area (firmware.c). */
#define BREAK_SSC 0x80001

/*
 * break.{m,i,b,x}: imm21 = i (bit 36) : imm20a (bits 6-25).  Anything but
 * the simulator's own immediates is the Break Instruction interruption,
 * with the immediate in cr.iim.
 */
static enum step do_break(struct machine *m, struct cpu *c, uint64_t insn,
			  unsigned s)
{
	uint64_t imm = bits(insn, 36, 36) << 20 | bits(insn, 6, 25);
	if (imm == BREAK_SSC)
		return simulator_call(m, c);
	if ((imm & ~0xffull) == BREAK_FIRMWARE && c->ip >= m->fw_base &&
	    c->ip - m->fw_base < m->fw_size)
		return firmware_call(m, c, imm & 0xff) ? STEP_BRANCH
						       : STEP_STOP;
	if (!interrupt(m, c, IVT_BREAK, s))
		return STEP_STOP;
	c->cr[CR_IIM] = imm;
	return STEP_BRANCH;
}

/* --- M unit: loads and stores -------------------------------------------- */

/* x6 & 3 is the size: 1, 2, 4, 8 bytes */
static unsigned access_size(unsigned x6)
{
	return 1u << (x6 & 3);
}

/*
 * M16 cmpxchg and xchg, M17 fetchadd (major 4, m = 0, x = 1): the old
 * value to r1, the new one to memory (cmpxchg: only if the old one equals
 * ar.ccv).  Each is just its read and its write (the CPUs take turns by
 * whole bundles), and .acq/.rel change nothing.  A NaT address or value
 * is a Register NaT Consumption fault (ISR.r and .w).
 */
static enum step semaphore(struct machine *m, struct cpu *c, uint64_t insn,
			   const struct bundle *bu, unsigned s)
{
	static const int64_t fetchadd_inc[4] = {16, 8, 4, 1};
	unsigned x6 = (unsigned)bits(insn, 30, 35);
	unsigned size;
	if (x6 <= 0x0b)
		size = 1u << (x6 & 3);
	else if (x6 == 0x12 || x6 == 0x13 || x6 == 0x16 || x6 == 0x17)
		size = x6 & 1 ? 8 : 4;
	else
		return unimplemented(m, c, bu, s, "M unit, x = 1");
	unsigned r2 = (unsigned)bits(insn, 13, 19),
		 r3 = (unsigned)bits(insn, 20, 26);
	uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
	bool n2 = false, n3;
	uint64_t addr = get_gr_nat(c, r3, &n3), old, new;
	uint64_t v = x6 <= 0x0b ? get_gr_nat(c, r2, &n2) : 0;
	if (n3 || n2) {
		nat_consumed(c, n3 ? r3 : r2, BAD_NAT_R | BAD_NAT_W);
		return STEP_NEXT;
	}
	if (!mem_read(m, addr, size, &old))
		return STEP_STOP;
	bool write = true;
	if (x6 <= 0x07) { /* cmpxchg */
		new = v;
		write = old == (c->ar_ccv & mask);
	} else if (x6 <= 0x0b) { /* xchg */
		new = v;
	} else { /* fetchadd: inc3 is s (bit 15) : i2b (bits 13-14) */
		int64_t inc = fetchadd_inc[bits(insn, 13, 14)];
		new = old + (uint64_t)(bits(insn, 15, 15) ? -inc : inc);
	}
	if (write && !mem_write(m, addr, size, new &mask))
		return STEP_STOP;
	set_gr(c, (unsigned)bits(insn, 6, 12), old);
	return STEP_NEXT;
}

/*
 * Whether a speculative load of `size` bytes at `addr` may read memory:
 * only RAM, and not through the uncacheable half of the physical space
 * (bit 63 set: a non-speculative attribute; such an address is above
 * RAM).  Anything else - a device, or nothing at all - is a deferred
 * exception: the load gives NaT.
 */
static bool speculable(struct machine *m, uint64_t addr, unsigned size)
{
	return addr < m->ram_size && size <= m->ram_size - addr;
}

/*
 * M1/M2 (major 4; M2: m = 1, register post-increment) and M3 (major 5,
 * imm9 post-increment) integer loads; M4 (major 4) and M5 (major 5)
 * stores.  x6 is the type and size (the size in x6 & 3):
 *
 *   0x00 ld           0x04 ld.s         0x08 ld.a         0x0c ld.sa
 *   0x10 ld.bias      0x14 ld.acq       0x1b ld8.fill
 *   0x20 ld.c.clr     0x24 ld.c.nc      0x28 ld.c.clr.acq
 *   0x30 st           0x34 st.rel       0x3b st8.spill
 *
 * Ordering completers change nothing (the CPUs take turns by bundles),
 * nor do hints.  NaT bits (SDM vol. 3, ld and st):
 *
 * - A NaT address is a Register NaT Consumption fault for every load but
 *   the speculative ones (.s, .sa), and for every store, as is a NaT
 *   value to store but for st8.spill.
 * - ld.s and ld.sa defer instead: r1 gets 0 and NaT when the address is
 *   NaT, when psr.ed is set, or when the access may not be made
 *   speculatively (speculable: a device, bit 63 set, or nothing there).
 *   ld.a of an uncacheable address (bit 63) gives 0, not NaT.
 * - ld8.fill sets r1's NaT bit from ar.unat bit (address bits 3-8);
 *   st8.spill stores the value and puts its NaT bit there.
 * - Every other load clears r1's NaT bit.
 * - The register post-increment makes r3 NaT if r2 is.
 *
 * Data speculation: the ALAT never holds an entry (architecturally
 * allowed: an implementation may fail any check), so ld.a and ld.sa are
 * plain (and speculative) loads, and ld.c.clr, ld.c.nc, ld.c.clr.acq
 * always miss: they load again, as a plain load.
 */
static enum step mem_op(struct machine *m, struct cpu *c, uint64_t insn,
			const struct bundle *bu, unsigned s)
{
	unsigned major = (unsigned)bits(insn, 37, 40);
	unsigned x6 = (unsigned)bits(insn, 30, 35),
		 mbit = (unsigned)bits(insn, 36, 36);
	unsigned r1 = (unsigned)bits(insn, 6, 12),
		 r2 = (unsigned)bits(insn, 13, 19),
		 r3 = (unsigned)bits(insn, 20, 26);
	bool load = x6 <= 0x17 || x6 == 0x1b || (x6 >= 0x20 && x6 <= 0x2b);
	bool store = (x6 >= 0x30 && x6 <= 0x37) || x6 == 0x3b;
	if (bits(insn, 27, 27) && major == 4)
		return mbit ? unimplemented(m, c, bu, s, "M unit, m = x = 1")
			    : semaphore(m, c, insn, bu, s);
	if (!load && !store)
		return unimplemented(m, c, bu, s, "this load or store form");
	bool n3, n2 = false, post = false;
	uint64_t addr = get_gr_nat(c, r3, &n3), v, inc = 0;
	if (major == 5) { /* M3 / M5: imm9 post-increment */
		uint64_t lo7 = load ? bits(insn, 13, 19) : bits(insn, 6, 12);
		inc = sext(
		    bits(insn, 36, 36) << 8 | bits(insn, 27, 27) << 7 | lo7, 9);
		post = true;
	} else if (mbit) { /* M2: register post-increment (loads only) */
		if (!load)
			return unimplemented(m, c, bu, s, "store with m = 1");
		inc = get_gr_nat(c, r2, &n2);
		post = true;
	}
	unsigned size = access_size(x6);
	if (load) {
		bool spec = (x6 & 0x3c) == 0x04 || (x6 & 0x3c) == 0x0c;
		bool nat = false;
		if (n3 && !spec) {
			nat_consumed(c, r3, BAD_NAT_R);
			return STEP_NEXT;
		}
		if (spec &&
		    (n3 || c->psr & PSR_ED || !speculable(m, addr, size))) {
			v = 0; /* deferred: ld.s, ld.sa */
			nat = true;
		} else if (x6 >= 0x08 && x6 <= 0x0b && addr >> 63) {
			v = 0; /* ld.a of uncacheable memory */
		} else {
			if (!mem_read(m, addr, size, &v))
				return STEP_STOP;
			if (x6 == 0x1b) /* ld8.fill */
				nat = c->ar_unat >> (addr >> 3 & 63) & 1;
		}
		set_gr_nat(c, r1, v, nat);
	} else {
		bool nv;
		v = get_gr_nat(c, r2, &nv);
		if (n3 || (nv && x6 != 0x3b)) {
			nat_consumed(c, n3 ? r3 : r2, BAD_NAT_W);
			return STEP_NEXT;
		}
		if (!mem_write(m, addr, size, v))
			return STEP_STOP;
		if (x6 == 0x3b) { /* st8.spill */
			uint64_t bit = 1ull << (addr >> 3 & 63);
			c->ar_unat = nv ? c->ar_unat | bit : c->ar_unat & ~bit;
		}
	}
	/* a store's imm9 post-increment leaves r3 not NaT (it faulted if
	 * it was) */
	if (post)
		set_gr_nat(c, r3, addr + inc, load && (n3 || n2));
	return STEP_NEXT;
}

/*
 * chk.s.i (I20: I unit, major 0, x3 = 1), chk.s.m (M20: M unit, major 1,
 * x3 = 1): branch if r2 is NaT; chk.s f2 (M21: major 1, x3 = 3): if f2 is
 * NaTVal.  The target is ip + imm21 * 16, imm21 = s (bit 36) : imm13c
 * (20-32) : imm7a (6-12).  chk.a.nc and chk.a.clr (M22: M unit, major 0,
 * x3 = 4, 5 for r1, 6, 7 for f1; imm21 = s : imm20b (13-32)) ask the
 * ALAT, which never holds an entry: they always branch.
 */
static enum step check(struct cpu *c, uint64_t insn, bool qp)
{
	unsigned x3 = (unsigned)bits(insn, 33, 35);
	uint64_t imm;
	bool fail;
	if (x3 >= 4) {
		imm = bits(insn, 36, 36) << 20 | bits(insn, 13, 32);
		fail = true;
	} else {
		imm = bits(insn, 36, 36) << 20 | bits(insn, 20, 32) << 7 |
		      bits(insn, 6, 12);
		if (x3 == 3) {
			struct fr f = c->fr[bits(insn, 13, 19)];
			fail = f.sig == 0 && f.exp == 0x1fffe && !f.sign;
		} else {
			fail = get_nat(c, bits(insn, 13, 19));
		}
	}
	if (!qp || !fail)
		return STEP_NEXT;
	c->ip += sext(imm, 21) << 4;
	return STEP_BRANCH;
}

/* The Register NaT Consumption fault noted in cpu.bad_reg: the
 * interruption, or a report if there is no vector table. */
static bool nat_fault(struct machine *m, struct cpu *c, unsigned s)
{
	unsigned why = c->bad_reg;
	c->bad_reg = 0;
	if (!c->cr[CR_IVA]) {
		sim_error(m,
			  "cpu %u: register NaT consumption: %c%u is %s at ip "
			  "%#llx slot %u, and no vector table (cr.iva is 0)",
			  c->id, why & BAD_NAT_FR ? 'f' : 'r', why & 0x7f,
			  why & BAD_NAT_FR ? "NaTVal" : "NaT",
			  (unsigned long long)c->ip, s);
		return false;
	}
	if (!interrupt(m, c, IVT_NAT_CONSUMPTION, s))
		return false;
	/* ISR.code 0x10: register NaT consumption; ISR.w (33), ISR.r (34) */
	c->cr[CR_ISR] |= 0x10 | (why & BAD_NAT_W ? 1ull << 33 : 0) |
			 (why & BAD_NAT_R ? 1ull << 34 : 0);
	return true;
}

/* --- B unit --------------------------------------------------------------- */

/* B1: IP-relative branches, major 4; btype 0 cond, 5 cloop. */
static enum step branch_rel(struct machine *m, struct cpu *c, uint64_t insn,
			    bool qp, const struct bundle *bu, unsigned s)
{
	unsigned btype = (unsigned)bits(insn, 6, 8);
	uint64_t target =
	    c->ip +
	    (sext(bits(insn, 36, 36) << 20 | bits(insn, 13, 32), 21) << 4);
	switch (btype) {
	case 0: /* br.cond */
		if (!qp)
			return STEP_NEXT;
		c->ip = target;
		return STEP_BRANCH;
	case 5: /* br.cloop: taken while ar.lc != 0, counting it down */
		if (c->ar_lc == 0)
			return STEP_NEXT;
		c->ar_lc--;
		c->ip = target;
		return STEP_BRANCH;
	}
	return unimplemented(m, c, bu, s, "this IP-relative branch type");
}

/* --- the register frame: alloc, br.call, br.ret --------------------------- */

/* ar.pfs.pfm holds a frame marker: sof in bits 0-6, sol in 7-13. */
static uint64_t pfm_of(struct cfm f)
{
	return f.sof | (uint64_t)f.sol << 7;
}

/* M34 alloc r1 = ar.pfs, i, l, o, r: the frame becomes sof = i+l+o
 * registers, sol = i+l of them locals; r1 (in the new frame) gets ar.pfs. */
static enum step alloc(struct machine *m, struct cpu *c, uint64_t insn,
		       const struct bundle *b, unsigned s)
{
	unsigned sof = (unsigned)bits(insn, 13, 19),
		 sol = (unsigned)bits(insn, 20, 26);
	if (bits(insn, 27, 30))
		return unimplemented(m, c, b, s,
				     "alloc with rotating registers");
	if (sol > sof || sof > 96) {
		sim_error(
		    m,
		    "cpu %u: alloc of %u registers, %u locals at ip %#llx: "
		    "an illegal operation",
		    c->id, sof, sol, (unsigned long long)c->ip);
		return STEP_STOP;
	}
	if (!rse_make_room(m, c, c->bof + sof))
		return STEP_STOP;
	uint64_t pfs = c->ar_pfs;
	c->cfm = (struct cfm){sof, sol};
	set_gr(c, (unsigned)bits(insn, 6, 12), pfs);
	return STEP_NEXT;
}

/* The frame switch of every call: the caller's outputs become the
 * callee's whole frame. */
static void call_frame(struct cpu *c, unsigned b1, uint64_t target)
{
	c->br[b1] = c->ip + 16;
	c->ar_pfs = (c->ar_pfs & ~((1ull << 38) - 1)) | pfm_of(c->cfm);
	c->bof += c->cfm.sol;
	c->cfm = (struct cfm){c->cfm.sof - c->cfm.sol, 0};
	c->ip = target;
}

/* br.ret: the caller's frame back, from ar.pfs. */
enum step return_frame(struct machine *m, struct cpu *c, uint64_t target)
{
	struct cfm f = {(unsigned)(c->ar_pfs & 0x7f),
			(unsigned)(c->ar_pfs >> 7 & 0x7f)};
	if (f.sol > c->bof) { /* (register numbers start at RSE_NUM_BASE) */
		sim_error(m,
			  "cpu %u: br.ret at ip %#llx returns below register "
			  "number 0",
			  c->id, (unsigned long long)c->ip);
		return STEP_STOP;
	}
	c->bof -= f.sol;
	c->cfm = f;
	if (!rse_load_frame(m, c))
		return STEP_STOP;
	c->ip = target & ~15ull;
	return STEP_BRANCH;
}

/* --- I unit moves --------------------------------------------------------- */

/*
 * Moves to and from application registers: I26/I28 (mov.i, I unit: ar.pfs
 * 64, ar.lc 65) and M29/M31 (mov.m, M unit: ar.rsc 16, ar.bsp 17 (read
 * only), ar.bspstore 18, ar.rnat 19), and their imm8 forms I27/M30.
 * `to` is a move into the AR, of `imm8` if `from_imm`, else of r2.
 */
static enum step ar_move(struct machine *m, struct cpu *c, uint64_t insn,
			 bool to, bool from_imm, bool m_unit,
			 const struct bundle *b, unsigned s)
{
	unsigned ar = (unsigned)bits(insn, 20, 26);
	uint64_t v = 0;
	bool nat = false;
	if (to)
		v = from_imm
			? sext(bits(insn, 36, 36) << 7 | bits(insn, 13, 19), 8)
			: get_gr_nat(c, bits(insn, 13, 19), &nat);
	if (nat) {
		nat_consumed(c, (unsigned)bits(insn, 13, 19), 0);
		return STEP_NEXT;
	}
	if (to && m_unit && ar == 19)
		v &= ~(1ull << 63); /* ar.rnat bit 63 is ignored, reads 0 */
	uint64_t *reg = NULL;
	if (m_unit && ar <= 7)
		reg = &c->ar_k[ar];
	else if (!m_unit)
		reg = ar == 64 ? &c->ar_pfs : ar == 65 ? &c->ar_lc : NULL;
	else if (ar == 16)
		reg = &c->ar_rsc;
	else if (ar == 19)
		reg = &c->ar_rnat;
	else if (ar == 32)
		reg = &c->ar_ccv;
	else if (ar == 36)
		reg = &c->ar_unat;
	else if (ar == 40)
		reg = &c->ar_fpsr;
	if (reg) {
		if (to)
			*reg = v;
		else
			set_gr(c, (unsigned)bits(insn, 6, 12), *reg);
		return STEP_NEXT;
	}
	if (m_unit && ar == 44) { /* ar.itc */
		if (to)
			c->itc_delta = v - c->cycles;
		else
			set_gr(c, (unsigned)bits(insn, 6, 12), itc(c));
		return STEP_NEXT;
	}
	if (m_unit && (ar == 17 || ar == 18) && !to) {
		uint64_t n = ar == 17 ? c->bof : c->file_low;
		set_gr(c, (unsigned)bits(insn, 6, 12), rse_addr(c, n));
		return STEP_NEXT;
	}
	if (m_unit && ar == 18 && to) {
		if (c->file_low != c->bof) {
			sim_error(
			    m,
			    "cpu %u: mov ar.bspstore at ip %#llx with %llu "
			    "registers not yet in the backing store "
			    "(flushrs and loadrs first)",
			    c->id, (unsigned long long)c->ip,
			    (unsigned long long)(c->bof - c->file_low));
			return STEP_STOP;
		}
		rse_set_bspstore(c, v);
		return STEP_NEXT;
	}
	return unimplemented(m, c, b, s, "a move of this application register");
}

/* --- one slot ------------------------------------------------------------- */

static enum step system_or_unimplemented(struct machine *m, struct cpu *c,
					 const struct bundle *b, unsigned s,
					 bool qp, const char *what)
{
	switch (exec_system(m, c, b, s, qp)) {
	case 1:
		return STEP_NEXT;
	case 2:
		return STEP_BRANCH;
	case -1:
		return STEP_STOP;
	}
	return unimplemented(m, c, b, s, what);
}

static enum step exec_slot(struct machine *m, struct cpu *c,
			   const struct bundle *b, unsigned s)
{
	uint64_t insn = b->slot[s];
	enum unit u = template_of(b->tmpl)->unit[s];
	unsigned major = (unsigned)bits(insn, 37, 40);
	bool qp = c->pr[bits(insn, 0, 5)];

	if (u == UNIT_L) /* the immediate of the X slot that follows */
		return STEP_NEXT;
	if (u == UNIT_X) {
		if (major == 0 && bits(insn, 33, 35) == 0) {
			unsigned x6 = (unsigned)bits(insn, 27, 32);
			if (x6 == 1) /* nop.x */
				return STEP_NEXT;
			if (x6 == 0)
				return qp ? do_break(m, c, insn, s) : STEP_NEXT;
		}
		if (major == 6 && !bits(insn, 20, 20)) { /* X2 movl */
			uint64_t imm =
			    bits(insn, 36, 36) << 63 | b->slot[1] << 22 |
			    bits(insn, 21, 21) << 21 |
			    bits(insn, 22, 26) << 16 | bits(insn, 27, 35) << 7 |
			    bits(insn, 13, 19);
			if (qp)
				set_gr(c, (unsigned)bits(insn, 6, 12), imm);
			return STEP_NEXT;
		}
		return unimplemented(m, c, b, s, "X unit");
	}
	if (u == UNIT_B) {
		if (major == 4)
			return branch_rel(m, c, insn, qp, b, s);
		if (major == 5 || major == 1) { /* B3 / B5 br.call */
			if (!qp)
				return STEP_NEXT;
			uint64_t target =
			    major == 5
				? c->ip + (sext(bits(insn, 36, 36) << 20 |
						    bits(insn, 13, 32),
						21)
					   << 4)
				: c->br[bits(insn, 13, 15)] & ~15ull;
			call_frame(c, (unsigned)bits(insn, 6, 8), target);
			return STEP_BRANCH;
		}
		if (major == 0 && bits(insn, 27, 32) == 0x02) { /* B8 cover */
			if (!qp)
				return STEP_NEXT;
			/* with collection off (in an interruption handler),
			 * the frame put aside goes to cr.ifs for rfi */
			if (!(c->psr & PSR_IC))
				c->cr[CR_IFS] = IFS_V | pfm_of(c->cfm);
			c->bof += c->cfm.sof;
			c->cfm = (struct cfm){0, 0};
			return STEP_NEXT;
		}
		if (major == 0 && bits(insn, 27, 32) == 0x21 &&
		    bits(insn, 6, 8) == 4) /* B4 br.ret */
			return qp ? return_frame(m, c,
						 c->br[bits(insn, 13, 15)])
				  : STEP_NEXT;
		if (major == 0 && bits(insn, 27, 32) == 0x20 &&
		    bits(insn, 6, 8) == 0) { /* B4 br.cond to b2 */
			if (!qp)
				return STEP_NEXT;
			c->ip = c->br[bits(insn, 13, 15)] & ~15ull;
			return STEP_BRANCH;
		}
		if (major == 2 && bits(insn, 27, 32) == 0) /* nop.b */
			return STEP_NEXT;
		if (major == 0 && bits(insn, 27, 32) == 0)
			return qp ? do_break(m, c, insn, s) : STEP_NEXT;
		return system_or_unimplemented(m, c, b, s, qp, "B unit");
	}
	if (u == UNIT_F) { /* F15 break.f, F16 nop.f; the FP unit comes later */
		if (major == 0 && !bits(insn, 33, 33) &&
		    bits(insn, 27, 32) <= 1)
			return bits(insn, 27, 32) == 1 || !qp
				   ? STEP_NEXT
				   : do_break(m, c, insn, s);
		int r = exec_fp(m, c, insn, qp, true);
		if (r)
			return r > 0 ? STEP_NEXT : STEP_STOP;
		return unimplemented(m, c, b, s, "F unit");
	}

	/* M and I slots share the A-unit opcodes 8-0xe */
	if (major >= 8 && major <= 0xe) {
		if (!qp && !(major >= 0xc && bits(insn, 12, 12)))
			return STEP_NEXT; /* (an .unc compare clears anyway) */
		return exec_a(c, insn, qp)
			   ? STEP_NEXT
			   : unimplemented(m, c, b, s, "A unit");
	}
	if (major == 0) {
		unsigned x3 = (unsigned)bits(insn, 33, 35);
		if (u == UNIT_M) {
			unsigned x4 = (unsigned)bits(insn, 27, 30),
				 x2 = (unsigned)bits(insn, 31, 32);
			if (x3 == 0 && x2 == 0 && x4 == 1) /* nop.m */
				return STEP_NEXT;
			if (x3 == 0 && x2 == 0 && x4 == 0)
				return qp ? do_break(m, c, insn, s) : STEP_NEXT;
			if (x3 == 0 && x2 == 2 &&
			    x4 == 8) /* M30 mov.m ar = imm8 */
				return qp ? ar_move(m, c, insn, true, true,
						    true, b, s)
					  : STEP_NEXT;
			if (x3 == 0 && x2 == 2 && (x4 == 2 || x4 == 3))
				return STEP_NEXT; /* M24 mf, mf.a: one CPU */
			if (x3 >= 4)		  /* M22 chk.a.nc, chk.a.clr */
				return check(c, insn, qp);
			if (x3 == 0 && x2 == 1 && (x4 == 2 || x4 == 3))
				return STEP_NEXT; /* M26/M27 invala.e: no ALAT
						   */
			if (x3 == 0 && x2 == 0 && x4 == 0xc) /* M25 flushrs */
				return rse_flush(m, c) ? STEP_NEXT : STEP_STOP;
			if (x3 == 0 && x2 == 0 && x4 == 0xa) { /* M25 loadrs */
				if (c->ar_rsc >> 16 & 0x3fff)
					return unimplemented(
					    m, c, b, s,
					    "loadrs with ar.rsc.loadrs > 0");
				/* forget what is below the frame: flushrs
				 * put it in the backing store */
				c->file_low = c->bof;
				return STEP_NEXT;
			}
			return system_or_unimplemented(m, c, b, s, qp,
						       "M unit, system");
		}
		unsigned x6 = (unsigned)bits(insn, 27, 32);
		if (x3 == 0 && x6 == 1) /* nop.i */
			return STEP_NEXT;
		if (x3 == 0 && x6 == 0)
			return qp ? do_break(m, c, insn, s) : STEP_NEXT;
		if (x3 == 7) { /* I21 mov b1 = r2: a NaT r2 faults */
			bool nat;
			uint64_t v = get_gr_nat(c, bits(insn, 13, 19), &nat);
			if (qp && nat)
				nat_consumed(c, (unsigned)bits(insn, 13, 19),
					     0);
			else if (qp)
				c->br[bits(insn, 6, 8)] = v;
			return STEP_NEXT;
		}
		if (x3 == 1) /* I20 chk.s.i */
			return check(c, insn, qp);
		if (x3 == 0 && x6 == 0x31) { /* I22 mov r1 = b2 */
			if (qp)
				set_gr(c, (unsigned)bits(insn, 6, 12),
				       c->br[bits(insn, 13, 15)]);
			return STEP_NEXT;
		}
		if (x3 == 0 && x6 == 0x0a) /* I27 mov.i ar3 = imm8 */
			return qp ? ar_move(m, c, insn, true, true, false, b, s)
				  : STEP_NEXT;
		if (x3 == 0 && (x6 == 0x2a || x6 == 0x32))
			return qp ? ar_move(m, c, insn, x6 == 0x2a, false,
					    false, b, s)
				  : STEP_NEXT;
		if (exec_i_integer(c, insn, qp))
			return STEP_NEXT;
		return unimplemented(m, c, b, s, "I unit, misc");
	}
	if (u == UNIT_M && major == 1 &&
	    (bits(insn, 33, 35) == 1 || bits(insn, 33, 35) == 3))
		return check(c, insn, qp); /* M20 chk.s.m, M21 chk.s f2 */
	if (u == UNIT_M && major == 1) {
		int r = exec_system(m, c, b, s, qp);
		if (r)
			return r == 1 ? STEP_NEXT : STEP_STOP;
	}
	if (u == UNIT_M && major == 1 && bits(insn, 33, 35) == 6)
		return qp ? alloc(m, c, insn, b, s) : STEP_NEXT; /* M34 */
	if (u == UNIT_M && major == 1 && bits(insn, 33, 35) == 0 &&
	    (bits(insn, 27, 32) == 0x2a || bits(insn, 27, 32) == 0x22))
		return qp ? ar_move(m, c, insn, bits(insn, 27, 32) == 0x2a,
				    false, true, b, s)
			  : STEP_NEXT; /* M29, M31 */
	if (u == UNIT_M && (major == 4 || major == 6 || major == 7)) {
		int r = exec_fp(m, c, insn, qp, false);
		if (r)
			return r > 0 ? STEP_NEXT : STEP_STOP;
	}
	if (u == UNIT_M && (major == 4 || major == 5))
		return qp ? mem_op(m, c, insn, b, s) : STEP_NEXT;
	if (u == UNIT_I && exec_i_integer(c, insn, qp))
		return STEP_NEXT;
	return unimplemented(m, c, b, s, u == UNIT_M ? "M unit" : "I unit");
}

bool exec_bundle(struct machine *m, struct cpu *c)
{
	uint8_t bytes[16];
	struct bundle b;
	if (c->ip + 16 > m->ram_size || (c->ip & 15)) {
		sim_error(m, "cpu %u: ip %#llx is not a bundle in RAM", c->id,
			  (unsigned long long)c->ip);
		return false;
	}
	for (int i = 0; i < 16; i++)
		bytes[i] = m->ram[c->ip + i];
	bundle_split(bytes, &b);
	const struct template *t = template_of(b.tmpl);
	if (t->unit[0] == UNIT_NONE) {
		sim_error(m, "cpu %u: reserved template %#x at ip %#llx", c->id,
			  b.tmpl, (unsigned long long)c->ip);
		return false;
	}
	if (m->trace)
		fprintf(stderr,
			"cpu %u itc %llu ip %#llx %s %011llx %011llx %011llx\n",
			c->id, (unsigned long long)itc(c),
			(unsigned long long)c->ip, t->name,
			(unsigned long long)b.slot[0],
			(unsigned long long)b.slot[1],
			(unsigned long long)b.slot[2]);
	unsigned first = c->ri, last = 2;
	if (c->one_slot) /* an L slot runs with its X slot */
		last = t->unit[first] == UNIT_L ? 2 : first;
	c->ri = 0;
	for (unsigned s = first; s <= last; s++) {
		enum step st = exec_slot(m, c, &b, s);
		c->insns++;
		c->cycles++;
		if (c->bad_reg & BAD_NAT) {
			if (!nat_fault(m, c, s))
				return false;
			return true;
		}
		if (c->bad_reg) {
			sim_error(m,
				  "cpu %u: r%u named at ip %#llx slot %u is "
				  "outside the current frame (%u registers): "
				  "an illegal operation",
				  c->id, c->bad_reg, (unsigned long long)c->ip,
				  s, c->cfm.sof);
			return false;
		}
		if (st == STEP_STOP)
			return false;
		if (st == STEP_BRANCH) /* the rest of the bundle is skipped */
			return true;
	}
	if (last < 2) {
		c->ri = last + 1;
		return true;
	}
	c->ip += 16;
	return true;
}

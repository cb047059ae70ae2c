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
	    "template %#x (%s), %c-unit slot %#011llx, major opcode %llu; "
	    "ia64-linux-gnu-objdump -d names it",
	    c->id, what, (unsigned long long)c->ip, s, b->tmpl,
	    template_of(b->tmpl)->name, u < UNIT_NONE ? units[u] : '?',
	    (unsigned long long)b->slot[s],
	    (unsigned long long)bits(b->slot[s], 37, 40));
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
 * M1/M2 (major 4) and M3 (major 5) integer loads; M4 (major 4) and M5
 * (major 5) stores.  Plain, .acq (x6 0x14-0x17) and .rel (0x34-0x37):
 * with one CPU, ordering completers change nothing.
 */
/*
 * M16 cmpxchg and xchg, M17 fetchadd (major 4, m = 0, x = 1): the old
 * value to r1, the new one to memory (cmpxchg: only if the old one equals
 * ar.ccv).  One CPU so far: each is just its read and its write, and
 * .acq/.rel change nothing.
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
	uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
	uint64_t addr = get_gr(c, bits(insn, 20, 26)), old, new;
	if (!mem_read(m, addr, size, &old))
		return STEP_STOP;
	bool write = true;
	if (x6 <= 0x07) { /* cmpxchg */
		new = get_gr(c, bits(insn, 13, 19));
		write = old == (c->ar_ccv & mask);
	} else if (x6 <= 0x0b) { /* xchg */
		new = get_gr(c, bits(insn, 13, 19));
	} else { /* fetchadd: inc3 is s (bit 15) : i2b (bits 13-14) */
		int64_t inc = fetchadd_inc[bits(insn, 13, 14)];
		new = old + (uint64_t)(bits(insn, 15, 15) ? -inc : inc);
	}
	if (write && !mem_write(m, addr, size, new &mask))
		return STEP_STOP;
	set_gr(c, (unsigned)bits(insn, 6, 12), old);
	return STEP_NEXT;
}

static enum step mem_op(struct machine *m, struct cpu *c, uint64_t insn,
			const struct bundle *bu, unsigned s)
{
	unsigned major = (unsigned)bits(insn, 37, 40);
	unsigned x6 = (unsigned)bits(insn, 30, 35),
		 mbit = (unsigned)bits(insn, 36, 36);
	unsigned r1 = (unsigned)bits(insn, 6, 12),
		 r2 = (unsigned)bits(insn, 13, 19),
		 r3 = (unsigned)bits(insn, 20, 26);
	/* ld8.fill (0x1b) and st8.spill (0x3b) as ld8 and st8: NaT bits are
	 * not modelled yet */
	bool load = x6 <= 0x03 || (x6 >= 0x14 && x6 <= 0x17) || x6 == 0x1b;
	bool store = (x6 >= 0x30 && x6 <= 0x37) || x6 == 0x3b;
	if (bits(insn, 27, 27) && major == 4)
		return mbit ? unimplemented(m, c, bu, s, "M unit, m = x = 1")
			    : semaphore(m, c, insn, bu, s);
	if (!load && !store)
		return unimplemented(m, c, bu, s, "this load or store form");
	uint64_t addr = get_gr(c, r3), v, inc = 0;
	bool post = false;
	if (major == 5) { /* M3 / M5: imm9 post-increment */
		uint64_t lo7 = load ? bits(insn, 13, 19) : bits(insn, 6, 12);
		inc = sext(
		    bits(insn, 36, 36) << 8 | bits(insn, 27, 27) << 7 | lo7, 9);
		post = true;
	} else if (mbit) { /* M2: register post-increment (loads only) */
		if (!load)
			return unimplemented(m, c, bu, s, "store with m = 1");
		inc = get_gr(c, r2);
		post = true;
	}
	if (load) {
		if (!mem_read(m, addr, access_size(x6), &v))
			return STEP_STOP;
		set_gr(c, r1, v);
	} else {
		if (!mem_write(m, addr, access_size(x6), get_gr(c, r2)))
			return STEP_STOP;
	}
	if (post)
		set_gr(c, r3, addr + inc);
	return STEP_NEXT;
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
	if (f.sol > c->bof - c->bs_num0) {
		sim_error(m,
			  "cpu %u: br.ret at ip %#llx returns to a frame below "
			  "the bottom of the register stack",
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
	if (to)
		v = from_imm
			? sext(bits(insn, 36, 36) << 7 | bits(insn, 13, 19), 8)
			: get_gr(c, bits(insn, 13, 19));
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
		if (x3 == 7) { /* I21 mov b1 = r2 */
			if (qp)
				c->br[bits(insn, 6, 8)] =
				    get_gr(c, bits(insn, 13, 19));
			return STEP_NEXT;
		}
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
		fprintf(stderr, "cpu %u ip %#llx %s %011llx %011llx %011llx\n",
			c->id, (unsigned long long)c->ip, t->name,
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

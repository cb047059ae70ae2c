/*
 * arch/ia64/unwind.c - backtraces: walking the register stack.
 *
 * On x86 a backtrace follows saved frame pointers.  IA-64 has none: a
 * function keeps its return address (rp, from b0) and its caller's frame
 * marker (ar.pfs) in registers of its own register frame, which the RSE
 * spills to the backing store.  Where each function keeps them is in the
 * unwind tables gcc writes (.IA_64.unwind: for each function its start,
 * end and an info block of byte-coded descriptors - the "Itanium Software
 * Conventions and Runtime Architecture Guide", chapter 11).  So a step is:
 *   1. find ip's function in the table and read its prologue descriptors:
 *      which general register holds rp (R2's mask with grsave, or P3
 *      rp_gr) and which holds ar.pfs, and from which slot on (P7 when);
 *   2. read those registers from the frame in the backing store (all of
 *      it there after flushrs): frame register rN is N - 32 slots above
 *      the frame's start, every 64th slot being a NaT collection;
 *   3. the caller is at rp, its frame marker is the saved ar.pfs, and its
 *      frame starts sol(pfs) registers below this one.
 * Only what Tern's C needs is understood: rp and ar.pfs in general
 * registers.  Anything else ends the backtrace with a line saying why.
 */
#include "arch/ia64/asm.h"
#include "arch/ia64/trap_frame.h"
#include "kernel/hal.h"
#include "kernel/ksyms.h"
#include "kernel/printk.h"

struct unw_entry {
	u64 start, end, info; /* from the text segment's start */
};

extern const struct unw_entry __unwind_start[], __unwind_end[];
extern char ia64_interrupt_entry[], ia64_interrupt_entry_end[];
extern char _load_start_phys[], _etext[];
void ia64_unwind_here(u64 out[3]);

#define MAX_FRAMES 64

/* Where a function keeps rp and ar.pfs, and from which slot on. */
struct saves {
	unsigned rp_gr, pfs_gr; /* 0: not in a general register */
	u64 rp_when, pfs_when;	/* slots from the function's start */
	const char *why;	/* non-NULL: not understood */
};

/* A frame marker's sizes (asm.h): the whole frame, and its locals. */
static long cfm_sof(u64 cfm)
{
	return (long)(cfm & IA64_CFM_SOF_MASK);
}

static long cfm_sol(u64 cfm)
{
	return (long)((cfm >> IA64_CFM_SOL_SHIFT) & IA64_CFM_SOL_MASK);
}

/*
 * The backing store, in groups of 64 slots of 8 bytes (512-byte aligned):
 * 63 registers, then the NaT collection of those 63 (the slot whose
 * address has bits 3-8 all set), which the RSE writes and skips.
 */
#define RSE_GROUP_SLOTS 64
#define RSE_GROUP_REGS	63
#define RSE_GROUP_BYTES (RSE_GROUP_SLOTS * 8)

/* Register n slots from addr in a backing store (n may be negative). */
static u64 rse_skip(u64 addr, long n)
{
	long t = (long)((addr / 8) % RSE_GROUP_SLOTS) + n;
	long g = t >= 0 ? t / RSE_GROUP_REGS
			: -((-t + RSE_GROUP_REGS - 1) / RSE_GROUP_REGS);
	return (addr & ~(u64)(RSE_GROUP_BYTES - 1)) +
	       (u64)(8 * (RSE_GROUP_SLOTS * g + (t - RSE_GROUP_REGS * g)));
}

static u64 uleb(const u8 **p, const u8 *end)
{
	u64 v = 0;
	for (unsigned shift = 0; *p < end && shift < 64; shift += 7) {
		u8 b = *(*p)++;
		v |= (u64)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
	}
	return v;
}

static const struct unw_entry *find_entry(u64 ip)
{
	u64 off = ip - (u64)_load_start_phys;
	for (const struct unw_entry *e = __unwind_start; e < __unwind_end; e++)
		if (off >= e->start && off < e->end)
			return e;
	return NULL;
}

/* A prologue descriptor (P1-P10, X1-X4); false if it is not understood. */
static bool prologue_desc(u8 b, const u8 **p, const u8 *end, u64 region,
			  u64 rlen, struct saves *s)
{
	if ((b & 0xe0) == 0x80 || (b & 0xe0) == 0xc0)
		return true; /* P1 br_mem, P6 fr/gr_mem */
	if ((b & 0xf0) == 0xa0 || b == 0xf1 || b == 0xff) {
		*p += b == 0xa0 || (b & 0xf0) == 0xa0 ? 1 : 2; /* P2, P9, P10 */
		return true;
	}
	if ((b & 0xf8) == 0xb0) { /* P3: r:4, gr:7 */
		u8 b2 = *(*p)++;
		unsigned r = (b & 7) << 1 | b2 >> 7, gr = b2 & 0x7f;
		if (r == 1)
			s->rp_gr = gr;
		else if (r == 2)
			s->pfs_gr = gr;
		else if (r == 6)
			s->why = "rp kept in a branch register";
		return true;
	}
	if (b == 0xb8) { /* P4 spill_mask: 2 bits a slot of the region */
		*p += (rlen * 2 + 7) / 8;
		return true;
	}
	if (b == 0xb9) { /* P5 frgr_mem */
		*p += 3;
		return true;
	}
	if ((b & 0xf0) == 0xe0) { /* P7: r:4, t (and size for r = 0) */
		unsigned r = b & 0xf;
		u64 t = uleb(p, end);
		if (r == 0)
			uleb(p, end);
		else if (r == 4)
			s->rp_when = region + t;
		else if (r == 6)
			s->pfs_when = region + t;
		else if (r == 5 || r == 7)
			s->why = "rp or ar.pfs kept in memory";
		return true;
	}
	if (b == 0xf0) { /* P8: r, t */
		u8 r = *(*p)++;
		uleb(p, end);
		if (r == 1 || r == 2)
			s->why = "rp or ar.pfs kept in memory";
		return true;
	}
	return false;
}

/* A body descriptor (B1-B4); false if it is not understood. */
static bool body_desc(u8 b, const u8 **p, const u8 *end)
{
	if ((b & 0xc0) == 0x80)
		return true; /* B1 label/copy state */
	if ((b & 0xe0) == 0xc0 || (b & 0xf7) == 0xf0) {
		uleb(p, end); /* B2 epilogue, B4 */
		return true;
	}
	if (b == 0xe0) { /* B3 */
		uleb(p, end);
		uleb(p, end);
		return true;
	}
	return false;
}

/* Read the descriptors of ip's function. */
static struct saves read_saves(const struct unw_entry *e)
{
	struct saves s = {0, 0, ~0ULL, ~0ULL, NULL};
	const u8 *info = (const u8 *)((u64)_load_start_phys + e->info);
	u64 hdr = *(const u64 *)info;
	const u8 *p = info + 8, *end = p + 8 * (hdr & 0xffffffff);
	u64 next = 0, region = 0, rlen = 0;
	bool prologue = false;
	while (p < end && !s.why) {
		u8 b = *p++;
		if ((b & 0xc0) == 0x00) { /* R1 */
			prologue = !(b & 0x20);
			rlen = b & 0x1f;
		} else if ((b & 0xf8) == 0x40) { /* R2 prologue_gr */
			u8 b2 = *p++;
			unsigned mask = (b & 7) << 1 | b2 >> 7, gr = b2 & 0x7f;
			if (mask & 8)
				s.rp_gr = gr++;
			if (mask & 4)
				s.pfs_gr = gr;
			prologue = true;
			rlen = uleb(&p, end);
		} else if ((b & 0xfc) == 0x60) { /* R3 */
			prologue = !(b & 3);
			rlen = uleb(&p, end);
		} else {
			if (prologue
				? !prologue_desc(b, &p, end, region, rlen, &s)
				: !body_desc(b, &p, end))
				s.why = "an unwind descriptor not understood";
			continue;
		}
		region = next; /* a region header: where it starts */
		next += rlen;
	}
	if (s.rp_gr && s.rp_when == ~0ULL)
		s.rp_when = 0; /* no `when`: saved at the start */
	if (s.pfs_gr && s.pfs_when == ~0ULL)
		s.pfs_when = 0;
	return s;
}

/* A caller's ip is the return address, the bundle after the call: its
 * name is looked up one byte before, so that a call that ends a function
 * (to one that does not return) is named after the caller. */
static void print_frame(u64 ip, bool returns_here)
{
	char name[96];
	ksym_format((ip & ~15UL) - (returns_here ? 1 : 0), name, sizeof(name));
	pr_emerg("  [<%016llx>] %s\n", ip, name);
}

/*
 * Where a walk is: a frame's ip (bundle | slot), where the frame starts in
 * the backing store, and - for the innermost frame only, which may not
 * have saved them yet - b0 and ar.pfs (0: unknown).
 */
struct unw_frame {
	u64 ip, bsp, b0, pfs;
	bool returns_here; /* ip is a return address */
};

/* Frame register rN (N >= 32) of the frame that starts at bsp. */
static u64 frame_reg(u64 bsp, unsigned n)
{
	return *(const u64 *)rse_skip(bsp, (long)n - 32);
}

/* interrupt.S's frame: its loc0 is the trap frame; go on in the code it
 * interrupted, whose b0 and ar.pfs the frame kept. */
static void step_interrupted(struct unw_frame *fr)
{
	const struct trap_frame *f =
	    (const struct trap_frame *)*(const u64 *)fr->bsp;
	pr_emerg("  -- interrupted at:\n");
	fr->ip = hal_frame_ip(f);
	fr->bsp = rse_skip(f->bsp, -cfm_sof(f->ifs));
	fr->b0 = f->b0;
	fr->pfs = f->pfs;
	fr->returns_here = false;
}

/* fr's return address and its caller's frame marker, where the unwind
 * entry e says fr's function keeps them by now; false: the end. */
static bool saved_rp_pfs(const struct unw_frame *fr, const struct unw_entry *e,
			 u64 *rp, u64 *caller_cfm)
{
	struct saves s = read_saves(e);
	if (s.why) {
		pr_emerg("  (%s: the end)\n", s.why);
		return false;
	}
	u64 start = (u64)_load_start_phys + e->start;
	u64 t = ((fr->ip & ~15UL) - start) / 16 * 3 + (fr->ip & 3);
	if (s.rp_gr >= 32 && t > s.rp_when)
		*rp = frame_reg(fr->bsp, s.rp_gr);
	else if (fr->b0)
		*rp = fr->b0; /* innermost, before its prologue */
	else
		return false;
	if (s.pfs_gr >= 32 && t > s.pfs_when)
		*caller_cfm = frame_reg(fr->bsp, s.pfs_gr);
	else if (fr->pfs)
		*caller_cfm = fr->pfs;
	else
		return false;
	return true;
}

/* One frame out: fr becomes its caller's; false at the end of the walk. */
static bool step_caller(struct unw_frame *fr)
{
	const struct unw_entry *e = find_entry(fr->ip);
	u64 rp, caller_cfm;
	if (!e && fr->b0) {
		/* a leaf with no unwind information (libgcc's division): its
		 * return address is still in b0 and its caller's frame marker
		 * in ar.pfs */
		rp = fr->b0;
		caller_cfm = fr->pfs;
	} else if (!e) {
		pr_emerg("  (no unwind information: the end)\n");
		return false;
	} else if (!saved_rp_pfs(fr, e, &rp, &caller_cfm)) {
		return false;
	}
	/* the caller's frame: its locals are sol registers below */
	fr->bsp = rse_skip(fr->bsp, -cfm_sol(caller_cfm));
	fr->ip = rp;
	fr->b0 = fr->pfs = 0;
	fr->returns_here = true;
	return true;
}

/* Print fr and its callers, through interrupts, until the text ends or
 * the unwind information does (or MAX_FRAMES). */
static void walk(struct unw_frame fr)
{
	for (int i = 0; i < MAX_FRAMES; i++) {
		if (fr.ip < (u64)_load_start_phys || fr.ip >= (u64)_etext)
			return;
		print_frame(fr.ip, fr.returns_here);
		if (fr.ip >= (u64)ia64_interrupt_entry &&
		    fr.ip < (u64)ia64_interrupt_entry_end)
			step_interrupted(&fr);
		else if (!step_caller(&fr))
			return;
	}
}

void hal_dump_stack(void)
{
	u64 here[3]; /* return into us, our frame marker, our frame's end */
	ia64_unwind_here(here);
	walk((struct unw_frame){.ip = here[0],
				.bsp = rse_skip(here[2], -cfm_sol(here[1]))});
}

void hal_dump_frame_stack(const struct trap_frame *f)
{
	walk((struct unw_frame){.ip = hal_frame_ip(f),
				.bsp = rse_skip(f->bsp, -cfm_sof(f->ifs)),
				.b0 = f->b0,
				.pfs = f->pfs});
}

void hal_dump_switched_stack(u64 saved_sp)
{
	const struct ia64_switch_frame *sw = (const void *)saved_sp;
	walk((struct unw_frame){
	    .ip = sw->b0, .bsp = rse_skip(sw->bspstore, -cfm_sol(sw->pfs))});
}

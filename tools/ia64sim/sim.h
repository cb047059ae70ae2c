/*
 * tools/ia64sim/sim.h - the simulated Itanium machine: its state and the
 * pieces that act on it.
 *
 * This is the first step of issue 11: one CPU, physical memory, the
 * bundle decoder, a first set of instruction forms (integer ALU, compares,
 * loads and stores, movl, IP-relative branches, br.cloop, calls and
 * returns with the register frame, nop and break) and ski's simulator
 * calls, so that small bare-metal programs assembled with Debian's
 * ia64-linux-gnu-as run and print.  Anything else stops the run with a
 * report naming the CPU, ip, slot and the instruction's bits - never a
 * silent wrong answer.
 *
 * The register frame: r32 up are renamed onto STACKED_PHYS physical
 * registers, and the register stack engine (rse.c) spills the oldest
 * frames to the backing store and fills them back.  NaT bits are not
 * modelled yet (always clear).  Still to come: rotating registers,
 * interruptions, the FP unit, SMP, the platform and the gdb stub.
 */
#ifndef IA64SIM_SIM_H
#define IA64SIM_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a slot's major opcode means depends on the unit that runs it. */
enum unit { UNIT_M, UNIT_I, UNIT_F, UNIT_B, UNIT_L, UNIT_X, UNIT_NONE };

/* One of the 32 templates: the unit of each slot, and where the stops are
 * (a stop after slot n ends an instruction group). */
struct template
{
	enum unit unit[3];
	unsigned stops; /* bit n: a stop after slot n */
	const char *name;
};

/* A bundle taken apart. */
struct bundle {
	unsigned tmpl;
	uint64_t slot[3]; /* 41 bits each */
};

#define STACKED_PHYS 96 /* physical stacked registers, as an Itanium 2 */

/* The current frame marker: size of frame, size of locals (cfm.sor and
 * the rename bases come with rotating registers). */
struct cfm {
	unsigned sof, sol;
};

/* A floating-point register in the register format: sign, 17-bit
 * exponent, 64-bit significand (an integer is sig with exp 0x1003e). */
struct fr {
	uint64_t sig;
	uint32_t exp;
	bool sign;
};

struct cpu {
	struct fr fr[128]; /* f0 = +0.0 and f1 = +1.0, read-only */
	uint64_t gr[32];   /* r0-r31, static */
	bool nat[32];
	uint64_t stk[STACKED_PHYS]; /* r32 and up, renamed (rse.c) */
	uint64_t bof;		    /* register number of the frame's r32 */
	uint64_t file_low;	    /* the oldest register still in stk */
	uint64_t bs_base, bs_num0;  /* register bs_num0 is stored at bs_base */
	uint64_t ar_rnat, ar_rsc;   /* ar.rnat (19), ar.rsc (16) */
	uint64_t ar_ccv, ar_unat;   /* ar.ccv (32), ar.unat (36) */
	uint64_t ar_fpsr;	    /* ar.fpsr (40): FP status and controls */
	uint64_t rse_spills, rse_fills;
	struct cfm cfm;
	uint64_t ar_pfs; /* ar.pfs (64): pfm in bits 0-37, as 7:7:4 + rrbs */
	bool pr[64];
	uint64_t br[8];
	uint64_t ar_lc;	  /* ar.lc (65): br.cloop's count */
	uint64_t ip;	  /* of the current bundle; 16-byte aligned */
	unsigned bad_reg; /* a register outside the frame was named (0: none) */
	uint64_t scratch; /* what such a register reads and writes */
	unsigned id;
	uint64_t insns; /* instructions retired (slots executed) */
};

struct machine {
	uint8_t *ram;
	uint64_t ram_size;
	/* the executable segments loaded (for --list-bundles) */
	struct {
		uint64_t start, end;
	} text[8];
	unsigned ntext;
	struct cpu cpu;
	bool halted;
	int exit_status;
	bool trace;
};

/* decode.c */
const struct template *template_of(unsigned tmpl);
void bundle_split(const uint8_t bytes[16], struct bundle *b);
/* Bits lo..hi (inclusive) of a 41-bit slot. */
static inline uint64_t bits(uint64_t slot, unsigned lo, unsigned hi)
{
	return (slot >> lo) & ((2ull << (hi - lo)) - 1);
}

/* exec.c: run one bundle at cpu->ip; false when the run must stop. */
bool exec_bundle(struct machine *m, struct cpu *c);

/* aunit.c: the A unit (majors 8-0xe in M and I slots); false if the form
 * is not implemented (then nothing was done). */
bool exec_a(struct cpu *c, uint64_t insn, bool qp);

/* iunit.c: shifts, extr/dep, tbit, zxt/sxt, moves of pr; false if the
 * form is not one of these (then nothing was done). */
bool exec_i_integer(struct cpu *c, uint64_t insn, bool qp);

/* funit.c: moves between general and FP registers, FP spill and fill,
 * and the F unit's integer multiply (xma); STEP-like result: 1 done,
 * 0 not one of these forms, -1 stop (a report was made). */
int exec_fp(struct machine *m, struct cpu *c, uint64_t insn, bool qp,
	    bool f_unit);
void fp_reset(struct cpu *c);

/* rse.c: the register stack engine */
uint64_t rse_addr(const struct cpu *c, uint64_t num);
/* Spill until registers [file_low, top) fit in the file. */
bool rse_make_room(struct machine *m, struct cpu *c, uint64_t top);
/* Fill until the current frame is all in the file. */
bool rse_load_frame(struct machine *m, struct cpu *c);
/* flushrs: spill every register below the current frame. */
bool rse_flush(struct machine *m, struct cpu *c);
void rse_set_bspstore(struct cpu *c, uint64_t addr);

/* mem.c: physical memory; false (and a report) outside RAM. */
bool mem_read(struct machine *m, uint64_t addr, unsigned size, uint64_t *v);
bool mem_write(struct machine *m, uint64_t addr, unsigned size, uint64_t v);

/* elf.c: load an ELF64 IA-64 executable; returns its entry point or 0. */
uint64_t elf_load(struct machine *m, const char *path);

/* Stop the run with a report (printed on stderr). */
void sim_error(struct machine *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif

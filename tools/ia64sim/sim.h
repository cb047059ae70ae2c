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
 * frames to the backing store and fills them back, NaT bits with them
 * (regs.h: every general register has one).  Still to come: rotating
 * registers.
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
/* The number of the first stacked register a CPU has (rse.c numbers all
 * registers ever allocated): far from 0, so that returns into frames
 * below the first one - after a context switch gave the RSE a backing
 * store with frames in it - never wrap around. */
#define RSE_NUM_BASE (1ull << 40)

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

/* Processor status register bits (SDM vol. 2, "Processor Status
 * Register"); psr.ri, the slot to resume at, is kept in cpu.ri. */
#define PSR_BE	      (1ull << 1)
#define PSR_UP	      (1ull << 2)
#define PSR_AC	      (1ull << 3)
#define PSR_MFL	      (1ull << 4)
#define PSR_MFH	      (1ull << 5)
#define PSR_IC	      (1ull << 13) /* interruption collection */
#define PSR_I	      (1ull << 14) /* external interrupts enabled */
#define PSR_PK	      (1ull << 15)
#define PSR_DT	      (1ull << 17)
#define PSR_DFL	      (1ull << 18)
#define PSR_DFH	      (1ull << 19)
#define PSR_SP	      (1ull << 20)
#define PSR_PP	      (1ull << 21)
#define PSR_DI	      (1ull << 22)
#define PSR_SI	      (1ull << 23)
#define PSR_DB	      (1ull << 24)
#define PSR_LP	      (1ull << 25)
#define PSR_TB	      (1ull << 26)
#define PSR_RT	      (1ull << 27)
#define PSR_CPL_SHIFT 32
#define PSR_IS	      (1ull << 34)
#define PSR_MC	      (1ull << 35)
#define PSR_IT	      (1ull << 36)
#define PSR_ID	      (1ull << 37)
#define PSR_DA	      (1ull << 38)
#define PSR_DD	      (1ull << 39)
#define PSR_SS	      (1ull << 40)
#define PSR_RI_SHIFT  41
#define PSR_ED	      (1ull << 43)
#define PSR_BN	      (1ull << 44) /* register bank 1 for r16-r31 */
#define PSR_IA	      (1ull << 45)
/* The bits a program can set: what the simulator implements (physical
 * mode: dt, rt, it must stay 0). */
#define PSR_SIMULATED                                                          \
	(PSR_BE | PSR_UP | PSR_AC | PSR_MFL | PSR_MFH | PSR_IC | PSR_I |       \
	 PSR_DFL | PSR_DFH | PSR_BN)

/* Control registers, by their number in mov cr (SDM vol. 2, "Control
 * Registers"). */
enum {
	CR_DCR = 0,
	CR_ITM = 1, /* interval timer match */
	CR_IVA = 2, /* interruption vector address */
	CR_PTA = 8,
	CR_IPSR = 16, /* the interruption's saved state: */
	CR_ISR = 17,
	CR_IIP = 19,
	CR_IFA = 20,
	CR_ITIR = 21,
	CR_IIPA = 22,
	CR_IFS = 23,
	CR_IIM = 24,
	CR_IHA = 25,
	CR_LID = 64, /* the local SAPIC: */
	CR_IVR = 65,
	CR_TPR = 66,
	CR_EOI = 67,
	CR_IRR0 = 68,
	CR_ITV = 72,
	CR_PMV = 73,
	CR_CMCV = 74,
	CR_LRR0 = 80,
	CR_LRR1 = 81,
	CR_COUNT = 128
};

#define IFS_V		(1ull << 63) /* cr.ifs holds a frame marker (cover) */
#define ITV_M		(1ull << 16) /* cr.itv, cr.pmv, cr.cmcv: masked */
#define TPR_MMI		(1ull << 16) /* cr.tpr: mask all maskable interrupts */
#define VECTOR_SPURIOUS 0x0f	     /* cr.ivr with nothing to deliver */
#define VECTOR_NMI	2

/* Offsets of the interruption vectors in the table at cr.iva. */
enum {
	IVT_BREAK = 0x2c00,
	IVT_EXTERNAL = 0x3000,
	IVT_GENERAL = 0x5400,
	IVT_NAT_CONSUMPTION = 0x5600,
};

/* What a CPU is doing between bundles. */
enum cpu_state {
	CPU_RUNNING,
	CPU_HALTED, /* PAL_HALT_LIGHT: until an interrupt is pending */
	CPU_PARKED, /* an AP in firmware: until the wake-up interrupt */
};

struct cpu {
	struct fr fr[128]; /* f0 = +0.0 and f1 = +1.0, read-only */
	uint64_t gr[32];   /* r0-r31, static; r16-r31 of the psr.bn bank */
	uint64_t bank[16]; /* r16-r31 of the other bank */
	bool nat[32];	   /* the NaT bits of gr[] */
	bool bank_nat[16]; /* ... and of bank[] */
	uint64_t stk[STACKED_PHYS]; /* r32 and up, renamed (rse.c) */
	bool stk_nat[STACKED_PHYS]; /* the NaT bits of stk[] */
	uint64_t bof;		    /* register number of the frame's r32 */
	uint64_t file_low;	    /* the oldest register still in stk */
	uint64_t bs_base, bs_num0;  /* register bs_num0 is stored at bs_base */
	uint64_t ar_rnat, ar_rsc;   /* ar.rnat (19), ar.rsc (16) */
	uint64_t ar_ccv, ar_unat;   /* ar.ccv (32), ar.unat (36) */
	uint64_t ar_fpsr;	    /* ar.fpsr (40): FP status and controls */
	uint64_t ar_k[8];	    /* ar.k0-k7 (0-7), the kernel registers */
	uint64_t rse_spills, rse_fills;
	struct cfm cfm;
	uint64_t ar_pfs; /* ar.pfs (64): pfm in bits 0-37, as 7:7:4 + rrbs */
	bool pr[64];
	uint64_t br[8];
	uint64_t ar_lc; /* ar.lc (65): br.cloop's count */
	uint64_t ip;	/* of the current bundle; 16-byte aligned */
	unsigned ri;	/* the slot to start the bundle at (psr.ri) */
	uint64_t psr;	/* without ri */
	uint64_t cr[CR_COUNT];
	/* a register outside the frame was named (0: none), or, with
	 * BAD_NAT, a NaT was consumed (regs.h) */
	unsigned bad_reg;
	uint64_t scratch; /* what such a register reads and writes */
	unsigned id;	  /* index in machine.cpu */

	/* time: the ITC is cycles + itc_delta; a cycle per instruction */
	uint64_t cycles;
	uint64_t itc_delta;
	bool itm_armed; /* cr.itm written and not yet reached */

	/* the local SAPIC's interrupt state, one bit per vector */
	uint64_t irr[4];   /* pending */
	uint64_t insvc[4]; /* in service: read from cr.ivr, no cr.eoi yet */
	bool irq_maybe;	   /* irr may hold something deliverable */

	bool one_slot; /* exec_bundle runs only the slot at ri (gdb's step) */
	enum cpu_state state;
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
	uint64_t image_lo, image_hi; /* what the ELF's segments cover */
	struct cpu *cpu;	     /* ncpu of them */
	unsigned ncpu;
	struct cpu *cur; /* the CPU running now (for reports) */
	bool halted;
	int exit_status;
	bool trace;
	uint64_t seed, rng; /* --seed, and the generator's state */
	uint64_t now;	    /* the end of the last round, in cycles */
	uint64_t skipped;   /* cycles jumped over with every CPU idle */
	uint64_t max_insns;
	bool gdb; /* --gdb: a debugger is attached (gdbstub.c) */
	/* the firmware's area at the top of RAM (firmware.c) */
	uint64_t fw_base, fw_size;
	uint64_t wake_vector;	       /* the AP wake-up vector (SAL table) */
	uint64_t rendez_ip, rendez_gp; /* SAL_SET_VECTORS boot rendezvous */
	bool rendez_set;
	bool uart_input_eof;
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
/* Outcome of one slot. */
enum step { STEP_NEXT, STEP_BRANCH, STEP_STOP };
/* br.ret's half: the caller's frame back from ar.pfs, and ip = target. */
enum step return_frame(struct machine *m, struct cpu *c, uint64_t target);

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

/* mem.c: physical memory and the devices above RAM; false (and a
 * report) for an address where nothing is. */
bool mem_read(struct machine *m, uint64_t addr, unsigned size, uint64_t *v);
bool mem_write(struct machine *m, uint64_t addr, unsigned size, uint64_t v);

/* interrupt.c: interruptions and the local SAPIC */
/* Take the interruption at vector offset `vec` for the instruction in slot
 * `slot` (faults: isr, iim, ifa filled in by the caller after). */
bool interrupt(struct machine *m, struct cpu *c, unsigned vec, unsigned slot);
void rfi(struct machine *m, struct cpu *c);
void set_psr(struct cpu *c, uint64_t psr);
void pend_vector(struct machine *m, struct cpu *c, unsigned vector);
/* Deliver a pending external interrupt if one may be: true if it was. */
bool deliver_interrupt(struct machine *m, struct cpu *c);
uint64_t read_cr(struct machine *m, struct cpu *c, unsigned cr);
void write_cr(struct machine *m, struct cpu *c, unsigned cr, uint64_t v);
uint64_t itc(const struct cpu *c);
/* The time went on from `before` cycles: fire the interval timer if it
 * passed cr.itm. */
void timer_check(struct machine *m, struct cpu *c, uint64_t before);
/* Cycles until this CPU's timer fires (UINT64_MAX: never). */
uint64_t timer_distance(const struct cpu *c);
bool interrupt_pending(const struct cpu *c);

/* system.c: the system instructions (psr, cr, rfi, bsw, srlz...): 1 done,
 * 2 a branch was taken (rfi), 0 not one of these forms, -1 stop. */
int exec_system(struct machine *m, struct cpu *c, const struct bundle *b,
		unsigned s, bool qp);

/* machine.c: the CPUs and the run loop */
void machine_run(struct machine *m);
void send_ipi(struct machine *m, uint64_t offset, uint64_t data);
uint64_t rng_next(struct machine *m);

/* firmware.c: SAL, PAL and EFI, implemented by the simulator */
/* Lay out the firmware's tables; false if they do not fit. */
bool firmware_init(struct machine *m, const char *cmdline);
void firmware_start_bsp(struct machine *m, struct cpu *c, uint64_t entry);
/* A firmware entry point was reached (break in the firmware area): do the
 * call and return to the caller. */
bool firmware_call(struct machine *m, struct cpu *c, uint64_t imm);
/* The wake-up interrupt reached a parked AP. */
void firmware_wake_ap(struct machine *m, struct cpu *c);

/* uart.c: a 16550 on the console */
#define UART_BASE 0xf8000000ull
#define UART_SIZE 8
uint64_t uart_read(struct machine *m, unsigned reg);
void uart_write(struct machine *m, unsigned reg, uint64_t v);

/* The firmware's entry points are a break with an immediate of
 * BREAK_FIRMWARE + n, in the firmware's area. */
#define BREAK_FIRMWARE 0x8ff00

/* The processor interrupt block: an 8-byte store at (id << 12 | eid << 4)
 * interrupts a CPU. */
#define PIB_BASE 0xfee00000ull
#define PIB_SIZE 0x200000ull

/* gdbstub.c: the remote protocol (--gdb PORT) */
bool gdb_open(struct machine *m, int port);
/* exec_bundle when a debugger is attached: stops before the bundle or
 * between its slots where a breakpoint, a single step or a Ctrl-C says
 * so, and runs it (slot by slot if it must stop inside it). */
bool gdb_exec_bundle(struct machine *m, struct cpu *c);
/* The machine halted (exit or error): tell the debugger. */
void gdb_halted(struct machine *m);

/* disasm.c: print the bundle at ip, disassembled, on stderr (marking
 * the slot), if ia64-linux-gnu-objdump is there. */
void print_disassembly(struct machine *m, uint64_t ip, unsigned slot);

/* elf.c: load an ELF64 IA-64 executable; returns its entry point or 0. */
uint64_t elf_load(struct machine *m, const char *path);

/* Stop the run with a report (printed on stderr). */
void sim_error(struct machine *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif

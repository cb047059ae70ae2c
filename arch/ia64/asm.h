/*
 * arch/ia64/asm.h - the numbers that C, the assembly files (*.S) and the
 * linker script share, each defined here once: where the kernel is
 * loaded, the page size, stack sizes and layouts, the fields of the
 * processor registers that C and the assembly read, and the switch frame.
 * The trap frame's offsets are here too; its C structure is in
 * trap_frame.h.
 *
 * The assembly files include this through cpp, which defines
 * __ASSEMBLER__: they see the #defines only; so does linker.ld, which the
 * build runs through cpp with __ASSEMBLER__ defined (arch.mk).  C also
 * sees the C structures the offsets describe, and a BUILD_BUG_ON for every
 * offset the assembly hard-codes, so that a field moved in C without the
 * assembly (or the other way round) stops the build instead of corrupting
 * a register.
 */
#ifndef TERN_ARCH_IA64_ASM_H
#define TERN_ARCH_IA64_ASM_H

/* Where the kernel image is linked and loaded: physical mode, 1 MiB. */
#define KERNEL_LOAD_PHYS 0x100000

/* The kernel's page (kernel/page_alloc.c): 4 KiB.  PAGE_SIZE is in
 * hal_arch.h; the linker script aligns its data and its end on it. */
#define PAGE_SHIFT 12

/* Bit n of a 64-bit register, as a mask: the assembler computes in 64 bits,
 * C needs the UL. */
#ifdef __ASSEMBLER__
#define IA64_BIT(n) (1 << (n))
#else
#define IA64_BIT(n) (1UL << (n))
#endif

/*
 * The processor status register (SDM vol. 2, "Processor Status Register
 * Fields").  An interruption saves the psr in cr.ipsr (with psr.ic on)
 * and clears ic, i and bn among others; rfi brings the saved one back.  It
 * leaves dt, rt and it as they are: Tern keeps them off for good, physical
 * mode (docs/ia64.md).
 */
#define IA64_PSR_IC_BIT	  13 /* interruption collection: cr.i* are written */
#define IA64_PSR_I_BIT	  14 /* external interrupts (and IA-64's NMI) on */
#define IA64_PSR_DT_BIT	  17 /* data address translation */
#define IA64_PSR_RT_BIT	  27 /* register stack translation */
#define IA64_PSR_IT_BIT	  36 /* instruction address translation */
#define IA64_PSR_RI_SHIFT 41 /* ri: the slot (0-2) of the bundle at iip */
#define IA64_PSR_RI_MASK  3
#define IA64_PSR_BN_BIT	  44 /* register bank: 1 for r16-r31 of bank 1 */
#define IA64_PSR_IC	  IA64_BIT(IA64_PSR_IC_BIT)
#define IA64_PSR_I	  IA64_BIT(IA64_PSR_I_BIT)
#define IA64_PSR_DT	  IA64_BIT(IA64_PSR_DT_BIT)
#define IA64_PSR_RT	  IA64_BIT(IA64_PSR_RT_BIT)
#define IA64_PSR_IT	  IA64_BIT(IA64_PSR_IT_BIT)
#define IA64_PSR_BN	  IA64_BIT(IA64_PSR_BN_BIT)

/*
 * cr.lid, the local SAPIC's id register: which CPU this is, as the MADT
 * and the processor interrupt block number it (smp.c, entry.S).
 */
#define IA64_LID_EID_SHIFT  16	/* eid: bits 16-23 */
#define IA64_LID_ID_SHIFT   24	/* id: bits 24-31 */
#define IA64_LID_FIELD_BITS 8	/* each is 8 bits wide */
#define IA64_NR_SAPIC_IDS   256 /* ids a CPU can have: ia64_ap_stack[] */

/*
 * The current frame marker (cfm), and the frame markers saved from it in
 * ar.pfs and cr.ifs: the frame's size (sof) and its locals' (sol), in
 * registers, 7 bits each (unwind.c).
 */
#define IA64_CFM_SOF_MASK  0x7f
#define IA64_CFM_SOL_SHIFT 7
#define IA64_CFM_SOL_MASK  0x7f

/* The 16 bytes above the stack pointer that the calling convention gives
 * every called function as scratch: each first stack pointer leaves them. */
#define IA64_SCRATCH_SIZE 16

/* The boot CPU's first memory stack and register backing store, each. */
#define BOOT_STACK_SIZE 32768

/* The emergency stacks of the unexpected-vector handler (ivt.S). */
#define PANIC_STACK_SIZE 16384

/*
 * The top of a thread stack from hal_stack_alloc() (stack.c): the last
 * STACK_TOP_RESERVE bytes of the allocation are not stack; at
 * STACK_TOP_BSPSTORE above the returned top is the address of the
 * allocation's bottom, where its register backing store starts.  An AP's
 * first instructions (entry.S) read it there.
 */
#define STACK_TOP_RESERVE  16
#define STACK_TOP_BSPSTORE 8

/*
 * The switch frame: what hal_context_switch() keeps on a thread's memory
 * stack while it is switched out (switch.S), offsets from the saved sp.
 * sp + 0..15 is the scratch area the calling convention gives a callee.
 * Kept: the registers a called function must preserve (r4-r7, f2-f5,
 * f16-f31, b0-b5, ar.pfs, ar.lc, the predicates, ar.unat for the NaT bits
 * of r4-r7) and the thread's register stack (ar.bspstore, ar.rnat).
 * switch.S walks two pointers 16 bytes at a time: one from SW_B0 (b0, b2,
 * b4, ar.pfs, pr), one from SW_B1 (b1, b3, b5, ar.lc); the same for r4-r7
 * from SW_R4 and SW_R4 + 8, and for the FP registers from SW_F2 and
 * SW_F2 + 16 (32 bytes at a time).
 */
#define SW_B0	    16
#define SW_B1	    24
#define SW_B2	    32
#define SW_B3	    40
#define SW_B4	    48
#define SW_B5	    56
#define SW_PFS	    64
#define SW_LC	    72
#define SW_PR	    80
#define SW_UNAT	    88
#define SW_BSPSTORE 96
#define SW_RNAT	    104
#define SW_R4	    112 /* r4-r7: 8 bytes each */
#define SW_F2	    144 /* f2-f5, then f16-f31: 16 bytes each */
#define SW_SIZE	    464

/* The trap frame (trap_frame.h): offsets from the frame's start. */
#define TF_IPSR	      16  /* then iip, ifs, unat, pr, pfs, rsc, ccv, b0, */
#define TF_GR	      112 /* b6, b7, lc; then r1-r3, r8-r12, r14, r15 */
#define TF_R16	      192 /* r16-r31 of bank 1 */
#define TF_SPILL_UNAT 320
#define TF_BSP	      328
#define TF_F6	      336 /* f6-f15, 16 bytes each */
#define TF_SIZE	      496

#ifndef __ASSEMBLER__
#include "lib/compiler.h"

/* The switch frame as C sees it (stack.c builds a new thread's, unwind.c
 * reads a switched-out thread's). */
struct ia64_switch_frame {
	u64 scratch[2]; /* the 16 bytes a called function may use */
	u64 b0, b1, b2, b3, b4, b5;
	u64 pfs, lc, pr;
	u64 unat; /* after the spills of r4-r7: their NaT bits */
	u64 bspstore, rnat;
	u64 r4_7[4];
	u64 f[20][2]; /* f2-f5, f16-f31, each as stf.spill writes it */
};

#define SW_AT(field, off)                                                      \
	BUILD_BUG_ON(offsetof(struct ia64_switch_frame, field) != (off))
SW_AT(b0, SW_B0);
SW_AT(b1, SW_B1);
SW_AT(b2, SW_B2);
SW_AT(b3, SW_B3);
SW_AT(b4, SW_B4);
SW_AT(b5, SW_B5);
SW_AT(pfs, SW_PFS);
SW_AT(lc, SW_LC);
SW_AT(pr, SW_PR);
SW_AT(unat, SW_UNAT);
SW_AT(bspstore, SW_BSPSTORE);
SW_AT(rnat, SW_RNAT);
SW_AT(r4_7, SW_R4);
SW_AT(f, SW_F2);
#undef SW_AT
BUILD_BUG_ON(sizeof(struct ia64_switch_frame) != SW_SIZE);
/* switch.S's two pointers, 16 bytes a step (see above). */
BUILD_BUG_ON(SW_B2 != SW_B0 + 16 || SW_B4 != SW_B2 + 16 ||
	     SW_PFS != SW_B4 + 16 || SW_PR != SW_PFS + 16);
BUILD_BUG_ON(SW_B3 != SW_B1 + 16 || SW_B5 != SW_B3 + 16 || SW_LC != SW_B5 + 16);
/* Every stack pointer stays 16-byte aligned across a switch. */
BUILD_BUG_ON(SW_SIZE % 16 != 0 || SW_F2 % 16 != 0);
#endif

#endif

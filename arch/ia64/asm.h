/*
 * arch/ia64/asm.h - constants that C and the assembly files share.
 */
#ifndef TERN_ARCH_IA64_ASM_H
#define TERN_ARCH_IA64_ASM_H

/* The boot CPU's first memory stack and register backing store, each. */
#define BOOT_STACK_SIZE 32768

/* The emergency stacks of the unexpected-vector handler (ivt.S). */
#define PANIC_STACK_SIZE 16384

/*
 * The switch frame: what hal_context_switch() keeps on a thread's memory
 * stack while it is switched out (switch.S), offsets from the saved sp.
 * sp + 0..15 is the scratch area the calling convention gives a callee.
 * Kept: the registers a called function must preserve (r4-r7, f2-f5,
 * f16-f31, b0-b5, ar.pfs, ar.lc, the predicates, ar.unat for the NaT bits
 * of r4-r7) and the thread's register stack (ar.bspstore, ar.rnat).
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

#endif

/*
 * arch/ia64/trap_frame.h - what an interruption saves (interrupt.S), on
 * the interrupted thread's memory stack, below its stack pointer.
 *
 * The layout is the order interrupt.S stores in; TF_* in asm.h are the
 * same offsets for the assembly.  Kept: the interruption's state (ipsr,
 * iip, ifs: the interrupted register frame, put aside by `cover`), every
 * register the C code called from the handler may change (the scratch
 * ones: r1-r3, r8-r11, r14-r31 of bank 1, b0, b6, b7, the predicates,
 * ar.pfs, ar.ccv, f6-f15) and ar.unat, ar.rsc, ar.lc; and the interrupted
 * stack pointer, r12.  Not kept: r4-r7, b1-b5, f2-f5, f16-f31 (C
 * preserves them), r13 (fixed, never used by the kernel's C).
 */
#ifndef TERN_ARCH_IA64_TRAP_FRAME_H
#define TERN_ARCH_IA64_TRAP_FRAME_H

#include "lib/compiler.h"

struct trap_frame {
	u64 scratch[2]; /* the 16 bytes a called function may use */
	u64 ipsr, iip, ifs;
	u64 unat; /* the interrupted code's ar.unat */
	u64 pr, pfs, rsc, ccv;
	u64 b0, b6, b7;
	u64 lc;
	u64 r1, r2, r3, r8, r9, r10, r11, r12, r14, r15;
	u64 r16_31[16]; /* bank 1 */
	u64 spill_unat; /* ar.unat after the spills: their NaT bits */
	u64 bsp; /* ar.bsp after cover: the interrupted frame's end */
	u64 f6_15[10][2]; /* each as stf.spill writes it */
};

#endif

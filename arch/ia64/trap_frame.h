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

#include "arch/ia64/asm.h"
#include "lib/compiler.h"

struct trap_frame {
	u64 scratch[2]; /* the 16 bytes a called function may use */
	u64 ipsr, iip, ifs;
	u64 unat; /* the interrupted code's ar.unat */
	u64 pr, pfs, rsc, ccv;
	u64 b0, b6, b7;
	u64 lc;
	u64 r1, r2, r3, r8, r9, r10, r11, r12, r14, r15;
	u64 r16_31[16];	  /* bank 1 */
	u64 spill_unat;	  /* ar.unat after the spills: their NaT bits */
	u64 bsp;	  /* ar.bsp after cover: the interrupted frame's end */
	u64 f6_15[10][2]; /* each as stf.spill writes it */
};

/*
 * interrupt.S stores and loads in the order above, 8 bytes a step from
 * TF_IPSR (through r15) and from TF_R16 (through spill_unat); it finds r2
 * and r3 at TF_GR + 8 and + 16, and the FP registers from TF_F6, 16 bytes
 * each.  Each of those offsets, checked:
 */
#define TF_AT(field, off)                                                      \
	BUILD_BUG_ON(offsetof(struct trap_frame, field) != (off))
TF_AT(ipsr, TF_IPSR);
TF_AT(iip, TF_IPSR + 8);
TF_AT(ifs, TF_IPSR + 16);
TF_AT(unat, TF_IPSR + 24);
TF_AT(pr, TF_IPSR + 32);
TF_AT(pfs, TF_IPSR + 40);
TF_AT(rsc, TF_IPSR + 48);
TF_AT(ccv, TF_IPSR + 56);
TF_AT(b0, TF_IPSR + 64);
TF_AT(b6, TF_IPSR + 72);
TF_AT(b7, TF_IPSR + 80);
TF_AT(lc, TF_IPSR + 88);
TF_AT(r1, TF_GR);
TF_AT(r1, TF_IPSR + 96);
TF_AT(r2, TF_GR + 8);
TF_AT(r3, TF_GR + 16);
TF_AT(r8, TF_GR + 24);
TF_AT(r9, TF_GR + 32);
TF_AT(r10, TF_GR + 40);
TF_AT(r11, TF_GR + 48);
TF_AT(r12, TF_GR + 56);
TF_AT(r14, TF_GR + 64);
TF_AT(r15, TF_GR + 72);
TF_AT(r16_31, TF_R16);
TF_AT(r16_31, TF_GR + 80);
TF_AT(spill_unat, TF_SPILL_UNAT);
TF_AT(spill_unat, TF_R16 + 16 * 8);
TF_AT(bsp, TF_BSP);
TF_AT(f6_15, TF_F6);
#undef TF_AT
BUILD_BUG_ON(sizeof(struct trap_frame) != TF_SIZE);
/* The frame starts at an interrupted sp less TF_SIZE: sp stays aligned. */
BUILD_BUG_ON(TF_SIZE % 16 != 0 || TF_F6 % 16 != 0);

#endif

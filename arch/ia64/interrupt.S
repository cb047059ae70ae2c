// arch/ia64/interrupt.S - taking an external interrupt, and returning.
//
// The External Interrupt vector (ivt.S) comes here with r16 = cr.ipsr and
// r17 = cr.iip, interruption collection off, register bank 0.  Tern is
// always in the kernel, so the handler stays on the interrupted thread's
// memory stack and register stack:
//   1. `cover` puts the interrupted register frame aside (cr.ifs), so the
//      handler's calls stack their frames above it;
//   2. a trap frame (trap_frame.h) below the interrupted stack pointer
//      keeps the state and every scratch register, bank 0 registers
//      serving as temporaries; then bank 1's r16-r31 (bsw.1), where the
//      kernel's C runs;
//   3. ia64_interrupt(frame), with collection back on (so a fault in it
//      is reported) and interrupts still off;
//   4. everything back in the reverse order, and rfi, which also brings
//      back the covered frame.
// One st8.spill per instruction group: each writes a bit of ar.unat.
//
// Contract.  Entered only from the External Interrupt vector, in the state
// ivt.S describes (collection, interrupts and bank 1 off), which the
// interrupted code had on - interrupts are taken only with psr.i on, and
// Tern's C runs in bank 1 (ia64_interrupt() asserts both, from cr.ipsr).
// No lock is taken here; ia64_interrupt() is called with interrupts off
// and returns with them off, after perhaps switching away and back, so
// the way out may run on another CPU: nothing in the trap frame belongs to
// a CPU.  Leaves by rfi to the interrupted slot with its psr (interrupts
// on again), its register frame back from cr.ifs, and every register as
// it was, but bank 0's r16-r31 (an interruption's to use).
#include "arch/ia64/asm.h"

	.text
	.global ia64_interrupt_entry
	.proc ia64_interrupt_entry
ia64_interrupt_entry:
	cover ;;
	mov r18 = cr.ifs
	mov r31 = ar.bsp		// the interrupted frame's end
	mov r22 = ar.unat
	mov r23 = pr
	mov r24 = ar.pfs
	mov r25 = ar.rsc
	mov r26 = ar.ccv
	mov r27 = b0
	mov r28 = b6
	mov r29 = b7
	mov r30 = ar.lc
	adds r19 = -TF_SIZE, r12 ;;
	adds r20 = TF_IPSR, r19
	adds r21 = TF_BSP, r19 ;;
	st8 [r21] = r31
	st8 [r20] = r16, 8 ;;		// ipsr
	st8 [r20] = r17, 8 ;;		// iip
	st8 [r20] = r18, 8 ;;		// ifs
	st8 [r20] = r22, 8 ;;		// unat
	st8 [r20] = r23, 8 ;;		// pr
	st8 [r20] = r24, 8 ;;		// pfs
	st8 [r20] = r25, 8 ;;		// rsc
	st8 [r20] = r26, 8 ;;		// ccv
	st8 [r20] = r27, 8 ;;		// b0
	st8 [r20] = r28, 8 ;;		// b6
	st8 [r20] = r29, 8 ;;		// b7
	st8 [r20] = r30, 8 ;;		// lc
	st8.spill [r20] = r1, 8 ;;
	st8.spill [r20] = r2, 8 ;;
	st8.spill [r20] = r3, 8 ;;
	st8.spill [r20] = r8, 8 ;;
	st8.spill [r20] = r9, 8 ;;
	st8.spill [r20] = r10, 8 ;;
	st8.spill [r20] = r11, 8 ;;
	st8.spill [r20] = r12, 8 ;;
	st8.spill [r20] = r14, 8 ;;
	st8.spill [r20] = r15, 8 ;;
	mov r2 = r20			// r2, r3 are not banked
	mov r3 = r19
	bsw.1 ;;
	st8.spill [r2] = r16, 8 ;;
	st8.spill [r2] = r17, 8 ;;
	st8.spill [r2] = r18, 8 ;;
	st8.spill [r2] = r19, 8 ;;
	st8.spill [r2] = r20, 8 ;;
	st8.spill [r2] = r21, 8 ;;
	st8.spill [r2] = r22, 8 ;;
	st8.spill [r2] = r23, 8 ;;
	st8.spill [r2] = r24, 8 ;;
	st8.spill [r2] = r25, 8 ;;
	st8.spill [r2] = r26, 8 ;;
	st8.spill [r2] = r27, 8 ;;
	st8.spill [r2] = r28, 8 ;;
	st8.spill [r2] = r29, 8 ;;
	st8.spill [r2] = r30, 8 ;;
	st8.spill [r2] = r31, 8 ;;
	mov r8 = ar.unat ;;
	st8 [r2] = r8
	adds r2 = TF_F6, r3
	adds r9 = TF_F6 + 16, r3 ;;
	stf.spill [r2] = f6, 32
	stf.spill [r9] = f7, 32 ;;
	stf.spill [r2] = f8, 32
	stf.spill [r9] = f9, 32 ;;
	stf.spill [r2] = f10, 32
	stf.spill [r9] = f11, 32 ;;
	stf.spill [r2] = f12, 32
	stf.spill [r9] = f13, 32 ;;
	stf.spill [r2] = f14
	stf.spill [r9] = f15
	mov r12 = r3			// sp: the frame (its first 16 bytes
	movl r1 = __gp ;;		// are the callee's scratch)
	ssm psr.ic ;;
	srlz.i ;;
	alloc r14 = ar.pfs, 0, 1, 1, 0 ;;
	mov loc0 = r3
	mov out0 = r3 ;;
	br.call.sptk.many b0 = ia64_interrupt ;;

	rsm psr.ic | psr.i ;;		// collection off: cr.ipsr/iip/ifs
	srlz.d				// are about to be written
	mov r3 = loc0
	adds r2 = TF_F6, loc0
	adds r9 = TF_F6 + 16, loc0 ;;
	ldf.fill f6 = [r2], 32
	ldf.fill f7 = [r9], 32 ;;
	ldf.fill f8 = [r2], 32
	ldf.fill f9 = [r9], 32 ;;
	ldf.fill f10 = [r2], 32
	ldf.fill f11 = [r9], 32 ;;
	ldf.fill f12 = [r2], 32
	ldf.fill f13 = [r9], 32 ;;
	ldf.fill f14 = [r2]
	ldf.fill f15 = [r9]
	adds r2 = TF_SPILL_UNAT, r3 ;;
	ld8 r8 = [r2] ;;
	mov ar.unat = r8		// the NaT bits of the spilled registers
	adds r2 = TF_R16, r3 ;;
	ld8.fill r16 = [r2], 8 ;;
	ld8.fill r17 = [r2], 8 ;;
	ld8.fill r18 = [r2], 8 ;;
	ld8.fill r19 = [r2], 8 ;;
	ld8.fill r20 = [r2], 8 ;;
	ld8.fill r21 = [r2], 8 ;;
	ld8.fill r22 = [r2], 8 ;;
	ld8.fill r23 = [r2], 8 ;;
	ld8.fill r24 = [r2], 8 ;;
	ld8.fill r25 = [r2], 8 ;;
	ld8.fill r26 = [r2], 8 ;;
	ld8.fill r27 = [r2], 8 ;;
	ld8.fill r28 = [r2], 8 ;;
	ld8.fill r29 = [r2], 8 ;;
	ld8.fill r30 = [r2], 8 ;;
	ld8.fill r31 = [r2] ;;
	bsw.0 ;;			// bank 0: temporaries again
	adds r16 = TF_IPSR, r3 ;;
	ld8 r17 = [r16], 8 ;;		// ipsr
	ld8 r18 = [r16], 8 ;;		// iip
	ld8 r19 = [r16], 8 ;;		// ifs
	ld8 r22 = [r16], 8 ;;		// unat
	ld8 r23 = [r16], 8 ;;		// pr
	ld8 r24 = [r16], 8 ;;		// pfs
	ld8 r25 = [r16], 8 ;;		// rsc
	ld8 r26 = [r16], 8 ;;		// ccv
	ld8 r27 = [r16], 8 ;;		// b0
	ld8 r28 = [r16], 8 ;;		// b6
	ld8 r29 = [r16], 8 ;;		// b7
	ld8 r30 = [r16], 8 ;;		// lc
	ld8.fill r1 = [r16], 8 ;;
	adds r16 = 8, r16 ;;		// (r2: last)
	adds r16 = 8, r16 ;;		// (r3: last)
	ld8.fill r8 = [r16], 8 ;;
	ld8.fill r9 = [r16], 8 ;;
	ld8.fill r10 = [r16], 8 ;;
	ld8.fill r11 = [r16], 8 ;;
	ld8.fill r12 = [r16], 8 ;;
	ld8.fill r14 = [r16], 8 ;;
	ld8.fill r15 = [r16] ;;
	mov cr.ipsr = r17
	mov cr.iip = r18
	mov cr.ifs = r19
	mov pr = r23, -1
	mov ar.pfs = r24
	mov ar.rsc = r25
	mov ar.ccv = r26
	mov b0 = r27
	mov b6 = r28
	mov b7 = r29
	mov ar.lc = r30
	adds r16 = TF_GR + 8, r3 ;;
	ld8.fill r2 = [r16], 8 ;;
	ld8.fill r3 = [r16] ;;
	mov ar.unat = r22
	rfi ;;
	.global ia64_interrupt_entry_end
ia64_interrupt_entry_end:
	.endp ia64_interrupt_entry

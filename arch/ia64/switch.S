// arch/ia64/switch.S - switching from one kernel thread to another.
//
// struct task *hal_context_switch(struct task *prev, struct task *next)
//
// Contract.  Called by schedule() (kernel/sched.c) alone, on prev's
// stack, prev being the task that runs on this CPU; with this CPU's
// runqueue lock held, interrupts off and this CPU's current already
// next.  next is switched out (its saved_sp holds a switch frame: its own
// last hal_context_switch(), or hal_stack_init() for a new thread), and
// prev != next.  Returns - when some CPU switches back to prev - on that
// CPU, still interrupts off and that CPU's runqueue lock still held: the
// caller releases it (finish_task_switch()).  The first three conditions
// are checked on entry (interrupts off, prev != next, next->saved_sp not
// 0): if one fails, ia64_switch_bug() (stack.c) says which, and panics.
//
// As on x86, only what a called function must preserve is kept - here
// r4-r7, f2-f5, f16-f31, b0-b5, ar.pfs, ar.lc, the predicates - in a
// switch frame on prev's memory stack (asm.h), and the stack pointer in
// prev->saved_sp (offset 0 of struct task).  What x86 does not have is
// the register stack: each thread's stacked registers (its callers' r32
// and up) live in its own backing store.  So prev's dirty registers are
// written out (flushrs), its ar.bspstore and ar.rnat go into the frame,
// the register file is emptied of them (loadrs), and next's backing store
// becomes the RSE's (ar.bspstore, ar.rnat).  The br.ret at the end then
// returns into next's caller, whose frame the RSE fills from next's
// backing store.
//
// The value returned (r8) is the `prev` of the switch that resumed us:
// the task that ran on this CPU just before.
//
// A new thread has never switched out: hal_stack_init() (stack.c) builds
// a frame whose b0 is task_first_run, which calls kthread_entry(prev).
#include "arch/ia64/asm.h"

	.text
	.global hal_context_switch
	.proc hal_context_switch
hal_context_switch:
	alloc r16 = ar.pfs, 2, 0, 0, 0
	mov r9 = psr
	ld8 r10 = [in1]			// next->saved_sp
	cmp.eq p6, p0 = in0, in1 ;;	// prev == next?
	tbit.nz.or p6, p0 = r9, IA64_PSR_I_BIT	// or interrupts on?
	cmp.eq.or p6, p0 = 0, r10 ;;	// or next has no switch frame?
(p6)	br.cond.spnt.few switch_bug
	mov r17 = b0
	mov r18 = b1
	adds sp = -SW_SIZE, sp ;;
	mov r19 = b2
	mov r20 = b3
	adds r2 = SW_B0, sp
	adds r3 = SW_B1, sp ;;
	st8 [r2] = r17, 16		// b0
	st8 [r3] = r18, 16		// b1
	mov r21 = b4
	mov r22 = b5 ;;
	st8 [r2] = r19, 16		// b2
	st8 [r3] = r20, 16		// b3
	mov r23 = ar.lc
	mov r24 = pr ;;
	st8 [r2] = r21, 16		// b4
	st8 [r3] = r22, 16 ;;		// b5
	st8 [r2] = r16, 16		// ar.pfs
	st8 [r3] = r23 ;;		// ar.lc
	st8 [r2] = r24			// pr
	adds r2 = SW_R4, sp
	adds r3 = SW_R4 + 8, sp ;;
	st8.spill [r2] = r4, 16 ;;	// (one a group: each writes ar.unat)
	st8.spill [r3] = r5, 16 ;;
	st8.spill [r2] = r6 ;;
	st8.spill [r3] = r7 ;;
	mov r25 = ar.unat		// the NaT bits of r4-r7, now
	adds r2 = SW_UNAT, sp ;;
	st8 [r2] = r25
	adds r2 = SW_F2, sp
	adds r3 = SW_F2 + 16, sp ;;
	stf.spill [r2] = f2, 32
	stf.spill [r3] = f3, 32 ;;
	stf.spill [r2] = f4, 32
	stf.spill [r3] = f5, 32 ;;
	stf.spill [r2] = f16, 32
	stf.spill [r3] = f17, 32 ;;
	stf.spill [r2] = f18, 32
	stf.spill [r3] = f19, 32 ;;
	stf.spill [r2] = f20, 32
	stf.spill [r3] = f21, 32 ;;
	stf.spill [r2] = f22, 32
	stf.spill [r3] = f23, 32 ;;
	stf.spill [r2] = f24, 32
	stf.spill [r3] = f25, 32 ;;
	stf.spill [r2] = f26, 32
	stf.spill [r3] = f27, 32 ;;
	stf.spill [r2] = f28, 32
	stf.spill [r3] = f29, 32 ;;
	stf.spill [r2] = f30
	stf.spill [r3] = f31
	// prev's register stack: all of it into its backing store
	flushrs
	mov ar.rsc = 0 ;;		// enforced lazy (no RSE activity)
	mov r26 = ar.bspstore ;;
	mov r27 = ar.rnat
	adds r2 = SW_BSPSTORE, sp ;;
	st8 [r2] = r26, SW_RNAT - SW_BSPSTORE ;;
	st8 [r2] = r27
	st8 [in0] = sp ;;		// prev->saved_sp

	// next: its stack, then its backing store
	ld8 sp = [in1] ;;
	adds r2 = SW_BSPSTORE, sp ;;
	ld8 r26 = [r2], SW_RNAT - SW_BSPSTORE ;;
	ld8 r27 = [r2]
	loadrs ;;			// forget prev's registers in the file
	mov ar.bspstore = r26 ;;
	mov ar.rnat = r27
	adds r2 = SW_UNAT, sp ;;
	ld8 r25 = [r2] ;;
	mov ar.unat = r25
	adds r2 = SW_R4, sp
	adds r3 = SW_R4 + 8, sp ;;
	ld8.fill r4 = [r2], 16
	ld8.fill r5 = [r3], 16 ;;
	ld8.fill r6 = [r2]
	ld8.fill r7 = [r3]
	adds r2 = SW_F2, sp
	adds r3 = SW_F2 + 16, sp ;;
	ldf.fill f2 = [r2], 32
	ldf.fill f3 = [r3], 32 ;;
	ldf.fill f4 = [r2], 32
	ldf.fill f5 = [r3], 32 ;;
	ldf.fill f16 = [r2], 32
	ldf.fill f17 = [r3], 32 ;;
	ldf.fill f18 = [r2], 32
	ldf.fill f19 = [r3], 32 ;;
	ldf.fill f20 = [r2], 32
	ldf.fill f21 = [r3], 32 ;;
	ldf.fill f22 = [r2], 32
	ldf.fill f23 = [r3], 32 ;;
	ldf.fill f24 = [r2], 32
	ldf.fill f25 = [r3], 32 ;;
	ldf.fill f26 = [r2], 32
	ldf.fill f27 = [r3], 32 ;;
	ldf.fill f28 = [r2], 32
	ldf.fill f29 = [r3], 32 ;;
	ldf.fill f30 = [r2]
	ldf.fill f31 = [r3]
	adds r2 = SW_B0, sp
	adds r3 = SW_B1, sp ;;
	ld8 r17 = [r2], 16
	ld8 r18 = [r3], 16 ;;
	ld8 r19 = [r2], 16
	ld8 r20 = [r3], 16 ;;
	ld8 r21 = [r2], 16
	ld8 r22 = [r3], 16 ;;
	ld8 r16 = [r2], 16		// ar.pfs
	ld8 r23 = [r3] ;;		// ar.lc
	ld8 r24 = [r2]			// pr
	mov b0 = r17
	mov b1 = r18 ;;
	mov b2 = r19
	mov b3 = r20
	mov b4 = r21
	mov b5 = r22
	mov ar.pfs = r16
	mov ar.lc = r23
	mov pr = r24, -1
	mov r8 = in0			// "the task we came from"
	adds sp = SW_SIZE, sp ;;
	br.ret.sptk.many b0 ;;

	// A call against the contract: nothing is saved yet.  The BUG_ON in
	// ia64_switch_bug(prev, next) that fails names the condition.
switch_bug:
	alloc r2 = ar.pfs, 2, 0, 2, 0 ;;
	mov out0 = in0
	mov out1 = in1
	br.call.sptk.many b0 = ia64_switch_bug ;;
	break.i 0 ;;			// (it does not return)
	.endp hal_context_switch

// A new thread's first instructions: r8 is the task that ran before it.
	.global task_first_run
	.proc task_first_run
task_first_run:
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov out0 = r8 ;;
	br.call.sptk.many b0 = kthread_entry ;;
	break.i 0 ;;			// kthread_entry never returns
	.endp task_first_run

// void ia64_unwind_here(u64 out[3]): what a backtrace of the caller
// starts from - out[0] the return address into the caller (b0), out[1]
// the caller's frame marker (ar.pfs, as br.call saved it), out[2] the end
// of the caller's register frame in its backing store (ar.bsp, after
// flushrs has put every frame below this one there).
	.global ia64_unwind_here
	.proc ia64_unwind_here
ia64_unwind_here:
	alloc r2 = ar.pfs, 1, 0, 0, 0 ;;
	flushrs ;;
	mov r3 = ar.bsp
	mov r8 = b0 ;;
	st8 [in0] = r8, 8 ;;
	st8 [in0] = r2, 8 ;;
	st8 [in0] = r3
	br.ret.sptk.many b0 ;;
	.endp ia64_unwind_here

// tools/ia64sim/tests/smp/rt.S - start-up code, interrupt vectors and the
// PAL call for the SMP test programs.
//
// _start (the boot CPU): gp, an interrupt vector table, then main(boot
// parameters); main's return value is the exit status (ski's exit call).
// ap_entry (each other CPU, once woken through SAL's boot rendezvous): its
// own memory stack and backing store from its local SAPIC id, the vector
// table, then ap_main(id); it halts if that returns.
//
// The External Interrupt vector counts what arrives, per CPU, with bank 0
// registers only (r16-r23) and the predicates saved, so that it never
// disturbs the interrupted code: vector TIMER_VECTOR counts in ticks[id]
// and re-arms the timer tick_cycles later; IPI_VECTOR counts in ipis[id];
// anything else in others[id].
#include "vectors.h"

	.text
	.global _start
	.proc _start
_start:
	movl r1 = __gp
	movl r8 = ivt ;;
	mov cr.iva = r8
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov out0 = r28 ;;		// the firmware's boot parameters
	srlz.i
	br.call.sptk.many b0 = main ;;
	mov r32 = r8
	mov r15 = 66 ;;
	break.i 0x80001 ;;
	.endp _start

	.global ap_entry
	.proc ap_entry
ap_entry:				// r1 = gp, from SAL_SET_VECTORS
	mov r8 = cr.lid ;;
	extr.u r8 = r8, 24, 8		// the local SAPIC id
	movl r9 = ap_stacks
	movl r10 = ap_bstores ;;
	shl r11 = r8, 14 ;;		// 16 KiB of each per CPU
	add r9 = r9, r11
	add r10 = r10, r11 ;;
	movl r11 = 16384 - 16 ;;
	add r12 = r9, r11
	mov ar.rsc = 0 ;;
	mov ar.bspstore = r10
	movl r9 = ivt ;;
	mov cr.iva = r9 ;;
	srlz.i
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov out0 = r8 ;;
	br.call.sptk.many b0 = ap_main ;;
1:	mov out0 = PAL_HALT_LIGHT	// if it returns: sleep for ever
	br.call.sptk.many b0 = pal_call ;;
	br.cond.sptk.few 1b ;;
	.endp ap_entry

// struct pal_ret pal_call(long index, long a1, long a2, long a3): PAL's
// static convention - r28 the index, r29-r31 the arguments, the return
// address in b0, a plain branch there and back (no frame change); the
// results in r8-r11, which is where C expects a 32-byte struct.
	.global pal_call
	.proc pal_call
pal_call:
	alloc r3 = ar.pfs, 4, 2, 0, 0 ;;
	mov r28 = in0
	mov r29 = in1
	mov r30 = in2
	mov r31 = in3
	mov loc0 = b0
	mov loc1 = r3
	movl r9 = pal_entry ;;
	ld8 r9 = [r9] ;;
	mov b6 = r9
	movl r10 = 2f ;;
	mov b0 = r10
	br.cond.sptk.few b6 ;;
	.align 16
2:	mov b0 = loc0
	mov ar.pfs = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp pal_call

	.align 32768
ivt:
	.org ivt + 0x3000
	// External Interrupt
	mov r16 = cr.ivr
	mov r23 = pr ;;
	srlz.d
	mov r17 = cr.lid
	cmp.eq p6, p0 = 15, r16		// spurious: nothing to end
(p6)	br.cond.spnt.few 3f ;;
	extr.u r17 = r17, 24, 8
	mov r20 = TIMER_VECTOR
	mov r21 = IPI_VECTOR ;;
	cmp.eq p6, p7 = r20, r16
	movl r18 = others ;;
	cmp.eq p8, p0 = r21, r16
(p6)	movl r18 = ticks ;;
(p8)	movl r18 = ipis ;;
	shladd r18 = r17, 3, r18 ;;
	ld8 r19 = [r18] ;;
	adds r19 = 1, r19 ;;
	st8 [r18] = r19
(p7)	br.cond.sptk.few 4f ;;
	mov r20 = cr.itm			// the timer: the next tick
	movl r21 = tick_cycles ;;
	ld8 r21 = [r21] ;;
	add r20 = r20, r21 ;;
	mov cr.itm = r20 ;;
4:	mov cr.eoi = r0 ;;
	srlz.d
3:	mov pr = r23, -1 ;;
	rfi ;;
	.org ivt + 0x8000

	.bss
	.align 16
	.global ap_stacks, ap_bstores, ticks, ipis, others
ap_stacks:	.skip 256 * 16384
ap_bstores:	.skip 256 * 16384
ticks:		.skip 256 * 8
ipis:		.skip 256 * 8
others:		.skip 256 * 8
	.data
	.global pal_entry, tick_cycles
pal_entry:	data8 0
tick_cycles:	data8 0

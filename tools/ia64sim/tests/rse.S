// tools/ia64sim/tests/rse.S - the register stack engine: recursion far
// deeper than the 96 physical stacked registers.
//
// expect-status: 0
// expect-stderr: ia64sim: [0-9]+ instructions, [1-9][0-9]+ registers spilled, [1-9][0-9]+ filled
//
// Expected: sum(300) = 300 + 299 + ... + 1 = 45150, computed by a
// recursive function whose frames (5 registers each, 1,500 in all) must
// be spilled to the backing store on the way down and filled on the way
// up; each frame keeps its n in a local across the call, so a register
// lost or misplaced by a spill or fill changes the sum.  Then flushrs
// empties the file below the current frame: ar.bsp and ar.bspstore must
// then be equal.  Prints "rse ok" and exits 0 (1 if the sum is wrong,
// 2 if flushrs left something).
	.include "check.inc"
	.text
	.global _start
	.proc _start
_start:
	mov ar.rsc = 0 ;;		// enforced lazy: the RSE works only when it must
	movl r9 = 0x200000 ;;
	mov ar.bspstore = r9 ;;		// the backing store grows up from 2 MiB
	alloc r2 = ar.pfs, 0, 0, 1, 0 ;;
	mov r32 = 300
	br.call.sptk.few b0 = sum ;;
	movl r10 = 45150 ;;
	cmp.eq p6, p7 = r8, r10
	mov r15 = 66
	mov r32 = 1 ;;
(p7)	break.i 0x80001 ;;
	flushrs ;;
	mov r11 = ar.bsp
	mov r12 = ar.bspstore ;;
	cmp.eq p6, p7 = r11, r12
	mov r32 = 2 ;;
(p7)	break.i 0x80001 ;;
	finish msg, r0
	.endp _start

// sum(n): n + sum(n - 1), sum(0) = 0; result in r8.
	.proc sum
sum:
	alloc r33 = ar.pfs, 1, 3, 1, 0	// in0 r32, locals r33-r35, out0 r36
	mov r34 = b0
	cmp.eq p6, p7 = 0, r32 ;;
(p6)	mov r8 = 0
(p6)	br.cond.sptk.few done ;;
	adds r36 = -1, r32
	mov r35 = r32
	br.call.sptk.few b0 = sum ;;
	add r8 = r8, r35 ;;
done:
	mov ar.pfs = r33
	mov b0 = r34 ;;
	br.ret.sptk.few b0 ;;
	.endp sum

	.section .rodata
msg:	.asciz "rse ok\n"

// tools/ia64sim/tests/atomics.S - cmpxchg, xchg and fetchadd on one CPU.
//
// expect-status: 0
//
// Expected: a cmpxchg whose ar.ccv matches stores and returns the old
// value; one that does not match returns it and stores nothing; xchg
// swaps; fetchadd adds its increment (1, -16) and returns the old value;
// the 4-byte forms touch 4 bytes only.  Prints "atomics ok".
	.include "check.inc"
	.text
	.global _start
	.proc _start
_start:
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov r31 = 0
	movl r10 = word
	mov r11 = 5
	mov r12 = 7 ;;
	st8 [r10] = r11
	mov.m ar.ccv = r11 ;;
	cmpxchg8.acq r20 = [r10], r12, ar.ccv ;;	// 5 == 5: stores 7
	check r20, 5, 0
	ld8 r21 = [r10] ;;
	check r21, 7, 1
	cmpxchg8.rel r20 = [r10], r11, ar.ccv ;;	// 7 != 5: no store
	check r20, 7, 2
	ld8 r21 = [r10] ;;
	check r21, 7, 3
	mov r13 = 42 ;;
	xchg8 r20 = [r10], r13 ;;
	check r20, 7, 4
	fetchadd8.acq r20 = [r10], 1 ;;
	check r20, 42, 5
	fetchadd8.rel r20 = [r10], -16 ;;
	check r20, 43, 6
	ld8 r21 = [r10] ;;
	check r21, 27, 7
	movl r14 = 0x1111111100000002 ;;
	st8 [r10] = r14 ;;
	fetchadd4.acq r20 = [r10], 4 ;;
	check r20, 2, 8
	ld8 r21 = [r10] ;;
	check r21, 0x1111111100000006, 9
	mf ;;
	finish msg, r31
	.endp _start

	.data
	.align 8
word:	data8 0
msg:	.asciz "atomics ok\n"

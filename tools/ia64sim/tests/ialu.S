// tools/ia64sim/tests/ialu.S - the I unit's integer forms, each on values
// whose results are worked out by hand below (and a few A-unit forms),
// br.cloop's counts (ar.lc 0 and 2), popcnt, unpack and mix.
//
// expect-status: 0
//
// Expected: every check holds; r31 counts the ones that do not and
// becomes the exit status (0), and "ialu ok" is printed.  A failing check
// number N prints as the letter 'A' + N before the exit.
	.include "check.inc"

	.text
	.global _start
	.proc _start
_start:
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov r31 = 0
	movl r10 = 0x8000000000000000
	mov r11 = 63
	mov r12 = 64 ;;
	shr.u r20 = r10, r11 ;;
	check r20, 1, 0
	shr r20 = r10, r11 ;;
	check r20, 0xffffffffffffffff, 1
	mov r13 = 1 ;;
	shl r20 = r13, r11 ;;
	check r20, 0x8000000000000000, 2
	shl r20 = r13, r12 ;;			// a count of 64: 0
	check r20, 0, 3
	shr r20 = r10, r12 ;;			// 64, arithmetic: the sign
	check r20, 0xffffffffffffffff, 4
	movl r14 = 0xabcdef ;;
	extr.u r20 = r14, 8, 8 ;;
	check r20, 0xcd, 5
	extr r20 = r14, 8, 8 ;;			// 0xcd has its top bit set
	check r20, 0xffffffffffffffcd, 6
	mov r15 = 0x1f ;;
	dep.z r20 = r15, 4, 3 ;;
	check r20, 0x70, 7
	mov r16 = 0xff
	movl r17 = 0x1234 ;;
	dep r20 = r16, r17, 4, 4 ;;
	check r20, 0x12f4, 8
	dep r20 = -1, r0, 3, 5 ;;
	check r20, 0xf8, 9
	mov r18 = 0x1ff ;;
	zxt1 r20 = r18 ;;
	check r20, 0xff, 10
	mov r18 = 0x80 ;;
	sxt1 r20 = r18 ;;
	check r20, 0xffffffffffffff80, 11
	movl r18 = 0x80000000 ;;
	sxt4 r20 = r18 ;;
	check r20, 0xffffffff80000000, 12
	zxt4 r20 = r10 ;;
	check r20, 0, 13
	mov r18 = 8 ;;
	tbit.z p8, p9 = r18, 3 ;;
(p8)	adds r31 = 1, r31			// bit 3 is set: p8 false
(p9)	mov r20 = 7 ;;
	check r20, 7, 14
	movl r19 = 0x5a5a ;;			// p1, p3, p4, p6, ... from bits
	mov pr = r19, 0x1fffe ;;
	mov r20 = pr ;;
	movl r21 = 0xffff ;;
	and r20 = r20, r21 ;;
	check r20, 0x5a5b, 15			// p0 reads as 1
	shladd r20 = r13, 3, r13 ;;		// (1 << 3) + 1
	check r20, 9, 16
	// br.cloop with ar.lc = 0: the body runs once, the branch falls
	// through and ar.lc stays 0; with ar.lc = 2 it runs three times
	mov r20 = 0
	mov.i ar.lc = r0 ;;
1:	adds r20 = 1, r20
	br.cloop.sptk.few 1b ;;
	mov.i r21 = ar.lc ;;
	check r20, 1, 17
	check r21, 0, 18
	mov r20 = 0
	mov r22 = 2 ;;
	mov.i ar.lc = r22 ;;
2:	adds r20 = 1, r20
	br.cloop.sptk.few 2b ;;
	mov.i r21 = ar.lc ;;
	check r20, 3, 19
	check r21, 0, 20
	movl r20 = 0x8000000100000f01 ;;
	popcnt r21 = r20 ;;
	check r21, 7, 21
	popcnt r21 = r0 ;;
	check r21, 0, 22
	// unpack: the low (.l) or high (.h) halves of r2 and r3, element
	// by element, r3's in the even places, r2's in the odd ones
	movl r22 = 0x8877665544332211
	movl r23 = 0xffeeddccbbaa9988 ;;
	unpack4.l r21 = r22, r23 ;;
	check r21, 0x44332211bbaa9988, 23
	unpack4.h r21 = r22, r23 ;;
	check r21, 0x88776655ffeeddcc, 24
	unpack1.l r21 = r22, r23 ;;
	check r21, 0x44bb33aa22991188, 25
	unpack2.h r21 = r22, r23 ;;
	check r21, 0x8877ffee6655ddcc, 26
	// mix: the odd (.l) or even (.r) elements of both, interleaved
	mix4.l r21 = r22, r23 ;;
	check r21, 0x88776655ffeeddcc, 27
	mix4.r r21 = r22, r23 ;;
	check r21, 0x44332211bbaa9988, 28
	mix1.r r21 = r22, r23 ;;
	check r21, 0x77ee55cc33aa1188, 29
	finish msg, r31
	.endp _start

	.section .rodata
msg:	.asciz "ialu ok\n"

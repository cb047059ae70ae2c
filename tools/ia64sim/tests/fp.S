// tools/ia64sim/tests/fp.S - the FP unit's forms, each on values whose
// results were worked out independently of the simulator:
//
//  - fma/fms/fnma and their rounding: by hand, and confirmed with the
//    host's x87 long double (the same 64-bit significand), fmal() under
//    each rounding mode (-frounding-math);
//  - frcpa: the significand is 1.t (10 fraction bits t) with t from the
//    SDM's table of fp_ieee_recip (entry i for the divisor's significand
//    bits 62-55; entries 0, 77, 128, 192, 255 are 0x3fc, 0x224, 0x154,
//    0x091, 0x001), the exponent 0x1fffd minus the divisor's;
//  - the quotients of the frcpa-based divisions: by hand (and Python's
//    integers).
//
// A register's value is checked as its significand (getf.sig) and its
// sign and exponent (getf.exp: sign in bit 17, exponent 0x1003e for an
// integer, 0xffff for 1.0).
//
// expect-status: 0
//
// Expected: every check holds; r31 counts the ones that do not and becomes
// the exit status (0), and "fp ok" is printed.  A failing check number N
// prints as the character 'A' + N before the exit.
	.include "check.inc"

// fcheck F, SIG, SEXP, N: fF has the significand SIG, the sign and
// exponent SEXP.  Uses r20, r21 (and what check uses).
	.macro fcheck f, sig, sexp, n
	getf.sig r20 = \f
	getf.exp r21 = \f ;;
	check r20, \sig, \n
	check r21, \sexp, \n
	.endm

// int F, VALUE: fF = the signed integer VALUE, as an FP value (fcvt.xf).
	.macro int f, value
	movl r22 = \value ;;
	setf.sig \f = r22 ;;
	fcvt.xf \f = \f ;;
	.endm

// uint F, VALUE: fF = the unsigned integer VALUE, normalized (fnorm).
	.macro uint f, value
	movl r22 = \value ;;
	setf.sig \f = r22 ;;
	fnorm.s1 \f = \f ;;
	.endm

// udiv A, B, N: the unsigned 64-bit quotient A / B (B non-zero) by the
// textbook sequence: frcpa's estimate y of 1/b, e = 1 - b*y, y1 = y + y*e,
// y2 = y1 + y1*e^2, q = a*y2, r = a - b*q, q' = q + r*y2, truncated.
	.macro udiv a, b, quotient, n
	movl r8 = \a
	movl r9 = \b ;;
	setf.sig f6 = r8
	setf.sig f7 = r9 ;;
	fnorm.s1 f8 = f6
	fnorm.s1 f9 = f7 ;;
	frcpa.s1 f10, p8 = f8, f9 ;;
(p8)	fnma.s1 f11 = f9, f10, f1 ;;
(p8)	fma.s1 f12 = f10, f11, f10
(p8)	fmpy.s1 f11 = f11, f11 ;;
(p8)	fma.s1 f12 = f12, f11, f12 ;;
(p8)	fmpy.s1 f13 = f12, f8 ;;
(p8)	fnma.s1 f14 = f9, f13, f8 ;;
(p8)	fma.s1 f10 = f14, f12, f13 ;;
	fcvt.fxu.trunc.s1 f10 = f10 ;;
	getf.sig r10 = f10 ;;
	check r10, \quotient, \n
	.endm

// sdiv A, B, N: the same, signed (fcvt.xf in, fcvt.fx.trunc out).
	.macro sdiv a, b, quotient, n
	movl r8 = \a
	movl r9 = \b ;;
	setf.sig f6 = r8
	setf.sig f7 = r9 ;;
	fcvt.xf f8 = f6
	fcvt.xf f9 = f7 ;;
	frcpa.s1 f10, p8 = f8, f9 ;;
(p8)	fnma.s1 f11 = f9, f10, f1 ;;
(p8)	fma.s1 f12 = f10, f11, f10
(p8)	fmpy.s1 f11 = f11, f11 ;;
(p8)	fma.s1 f12 = f12, f11, f12 ;;
(p8)	fmpy.s1 f13 = f12, f8 ;;
(p8)	fnma.s1 f14 = f9, f13, f8 ;;
(p8)	fma.s1 f10 = f14, f12, f13 ;;
	fcvt.fx.trunc.s1 f10 = f10 ;;
	getf.sig r10 = f10 ;;
	check r10, \quotient, \n
	.endm

	.text
	.global _start
	.proc _start
_start:
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov r31 = 0 ;;

	// --- fma, fms, fnma, fnorm (sf0 and sf1: 64 bits, nearest) ---
	int f32, 3
	int f33, 5
	int f34, 7 ;;
	fma f40 = f32, f33, f34 ;;		// 3 * 5 + 7 = 22 = 1.375 * 2^4
	fcheck f40, 0xb000000000000000, 0x10003, 0
	fms f40 = f32, f33, f34 ;;		// 15 - 7 = 8
	fcheck f40, 0x8000000000000000, 0x10002, 1
	fnma f40 = f32, f33, f34 ;;		// -15 + 7 = -8
	fcheck f40, 0x8000000000000000, 0x30002, 2
	mov r23 = 1 ;;
	setf.sig f40 = r23 ;;			// unnormalized 1
	fnorm f40 = f40 ;;
	fcheck f40, 0x8000000000000000, 0xffff, 3
	fmpy f40 = f32, f0 ;;			// 3 * +0 = +0: exponent 0
	fcheck f40, 0, 0, 4
	fneg f41 = f32 ;;
	fmpy f40 = f41, f0 ;;			// -3 * +0 = -0
	fcheck f40, 0, 0x20000, 5

	// --- rounding: 2^64 - 1 + 0.5 is halfway between 2^64 - 1 and
	// 2^64; 2^64 - 2 + 0.5 between 2^64 - 2 (even) and 2^64 - 1 ---
	uint f32, 0xffffffffffffffff
	uint f33, 0xfffffffffffffffe
	mov r23 = 0xfffe ;;
	setf.exp f34 = r23 ;;			// 0.5
	fadd f40 = f32, f34 ;;			// nearest: to even, 2^64
	fcheck f40, 0x8000000000000000, 0x1003f, 6
	fadd f40 = f33, f34 ;;			// to even, 2^64 - 2
	fcheck f40, 0xfffffffffffffffe, 0x1003e, 7
	fsetc.s2 0x4f, 0x30 ;;			// sf2: sf0's controls, rc = zero
	fadd.s2 f40 = f32, f34 ;;
	fcheck f40, 0xffffffffffffffff, 0x1003e, 8
	fsetc.s2 0x4f, 0x10 ;;			// rc = down (-inf)
	fadd.s2 f40 = f32, f34 ;;
	fcheck f40, 0xffffffffffffffff, 0x1003e, 9
	fsetc.s2 0x4f, 0x20 ;;			// rc = up (+inf)
	fadd.s2 f40 = f32, f34 ;;
	fcheck f40, 0x8000000000000000, 0x1003f, 10
	fmpy f40 = f32, f32 ;;			// (2^64-1)^2 = 2^128 - 2^65 + 1
	fcheck f40, 0xfffffffffffffffe, 0x1007e, 11

	// an addend far below the product: only its sticky bit counts
	movl r23 = 0xff9b ;;			// 2^-100
	setf.exp f35 = r23
	movl r24 = 0x8000000000000000 ;;
	setf.sig f36 = r24 ;;			// 2^63 (an integer)
	fnorm f36 = f36 ;;
	fma.s2 f40 = f36, f1, f35 ;;		// up: 2^63 + 1
	fcheck f40, 0x8000000000000001, 0x1003e, 12
	fma f40 = f36, f1, f35 ;;		// nearest: 2^63
	fcheck f40, 0x8000000000000000, 0x1003e, 13
	fsetc.s2 0x4f, 0x30 ;;
	fms.s2 f40 = f36, f1, f35 ;;		// zero: 2^63 - 1/2
	fcheck f40, 0xffffffffffffffff, 0x1003d, 14
	fms f40 = f36, f1, f35 ;;		// nearest: 2^63
	fcheck f40, 0x8000000000000000, 0x1003e, 15
	uint f37, 0x8000000000000001
	fms f40 = f37, f1, f36 ;;		// (2^63 + 1) - 2^63 = 1, exactly
	fcheck f40, 0x8000000000000000, 0xffff, 16

	// single and double precision: 1 + 2^-24 is a tie in single
	// (to 1.0), 1 + 3 * 2^-25 rounds up to 1 + 2^-23
	movl r23 = 0xffe7 ;;			// 2^-24
	setf.exp f35 = r23 ;;
	fadd.s f40 = f1, f35 ;;
	fcheck f40, 0x8000000000000000, 0xffff, 17
	movl r23 = 0xffe6 ;;			// 2^-25
	setf.exp f35 = r23 ;;
	int f38, 3 ;;
	fma.s f40 = f38, f35, f1 ;;
	fcheck f40, 0x8000010000000000, 0xffff, 18
	uint f38, 0x20000000000001		// 2^53 + 1: a tie in double
	fnorm.d f40 = f38 ;;
	fcheck f40, 0x8000000000000000, 0x10034, 19
	uint f38, 0x20000000000003		// 2^53 + 3: a tie, to 2^53 + 4
	fnorm.d f40 = f38 ;;
	fcheck f40, 0x8000000000001000, 0x10034, 20

	// --- frcpa: the estimate, and p2 ---
	mov r25 = 0
	cmp.eq p9, p0 = 1, r0 ;;		// p9 = 0
	frcpa.s1 f40, p9 = f1, f1 ;;		// 1/1: entry 0, p9 = 1
(p9)	mov r25 = 1 ;;
	check r25, 1, 21
	fcheck f40, 0xff80000000000000, 0xfffe, 22
	int f32, 3 ;;				// entry 128
	frcpa.s1 f40, p8 = f1, f32 ;;
	fcheck f40, 0xaa80000000000000, 0xfffd, 23
	int f32, -7 ;;				// 1.75 * 4, negative: entry 192
	frcpa.s1 f40, p8 = f1, f32 ;;
	fcheck f40, 0x9220000000000000, 0x2fffc, 24
	uint f32, 0xffffffffffffffff ;;		// entry 255, 2^-64
	frcpa.s1 f40, p8 = f1, f32 ;;
	fcheck f40, 0x8020000000000000, 0xffbf, 25
	int f32, 333 ;;				// 1.30078125 * 2^8: entry 77
	int f33, 1000 ;;
	frcpa.s1 f40, p8 = f33, f32 ;;
	fcheck f40, 0xc480000000000000, 0xfff6, 26
	// the special cases: p2 = 0 and the IEEE quotient
	mov r25 = 0
	cmp.eq p8, p0 = r0, r0 ;;
	frcpa.s1 f40, p8 = f33, f0 ;;		// 1000 / 0: +inf
(p8)	mov r25 = 1 ;;
	check r25, 0, 27
	fcheck f40, 0x8000000000000000, 0x1ffff, 28
	cmp.eq p8, p0 = r0, r0 ;;
	frcpa.s1 f40, p8 = f0, f33 ;;		// 0 / 1000: +0
(p8)	mov r25 = 1 ;;
	check r25, 0, 29
	fcheck f40, 0, 0, 30
	cmp.eq p8, p0 = r0, r0 ;;
	frcpa.s1 f40, p8 = f0, f0 ;;		// 0 / 0: the QNaN indefinite
(p8)	mov r25 = 1 ;;
	check r25, 0, 31
	fcheck f40, 0xc000000000000000, 0x3ffff, 32
	cmp.eq p8, p0 = r0, r0
	cmp.eq p9, p0 = 1, r0 ;;		// p9 = 0: frcpa not executed
(p9)	frcpa.s1 f40, p8 = f1, f1 ;;		// still clears p8
(p8)	mov r25 = 1 ;;
	check r25, 0, 33

	// --- conversions ---
	int f32, -15
	mov r23 = 0xfffe ;;
	setf.exp f34 = r23 ;;
	fmpy f33 = f32, f34 ;;			// -7.5
	fcvt.fx.trunc f40 = f33 ;;
	fcheck f40, 0xfffffffffffffff9, 0x1003e, 34	// -7
	fcvt.fx f40 = f33 ;;			// nearest, to even: -8
	fcheck f40, 0xfffffffffffffff8, 0x1003e, 35
	int f32, 5 ;;
	fmpy f33 = f32, f34 ;;			// 2.5
	fcvt.fx f40 = f33 ;;			// to even: 2
	fcheck f40, 2, 0x1003e, 36
	fneg f33 = f34 ;;			// -0.5
	fcvt.fx.trunc f40 = f33 ;;		// 0
	fcheck f40, 0, 0x1003e, 37
	uint f32, 0xffffffffffffffff
	fcvt.fxu.trunc f40 = f32 ;;
	fcheck f40, 0xffffffffffffffff, 0x1003e, 38
	fcvt.fx.trunc f40 = f32 ;;		// 2^64 - 1: no int64, indefinite
	fcheck f40, 0x8000000000000000, 0x1003e, 39
	movl r23 = 0x8000000000000000 ;;
	setf.sig f32 = r23 ;;
	fcvt.xf f40 = f32 ;;			// -2^63
	fcheck f40, 0x8000000000000000, 0x3003e, 40
	fcvt.fx.trunc f40 = f40 ;;		// and back
	fcheck f40, 0x8000000000000000, 0x1003e, 41

	// --- fmerge, mov, fneg, fselect, setf/getf, loads and stores ---
	int f32, -3
	int f33, 20 ;;
	fmerge.s f40 = f32, f33 ;;		// -20 = -1.25 * 2^4
	fcheck f40, 0xa000000000000000, 0x30003, 42
	fmerge.ns f40 = f32, f33 ;;		// +20
	fcheck f40, 0xa000000000000000, 0x10003, 43
	fmerge.se f40 = f32, f33 ;;		// -3's sign and exponent, 20's
	fcheck f40, 0xa000000000000000, 0x30000, 44	// significand: -2.5
	mov f40 = f33 ;;
	fcheck f40, 0xa000000000000000, 0x10003, 45
	movl r23 = 0x3fc00000 ;;		// 1.5f
	setf.s f40 = r23 ;;
	fcheck f40, 0xc000000000000000, 0xffff, 46
	getf.s r26 = f40 ;;
	check r26, 0x3fc00000, 47
	movl r23 = 0xc000000000000000 ;;	// -2.0
	setf.d f40 = r23 ;;
	fcheck f40, 0x8000000000000000, 0x30000, 48
	getf.d r26 = f40 ;;
	check r26, 0xc000000000000000, 49
	movl r14 = buf ;;
	stfd [r14] = f33 ;;			// 20.0 = 0x4034000000000000
	ld8 r26 = [r14] ;;
	check r26, 0x4034000000000000, 50
	stfs [r14] = f33 ;;			// 20.0f = 0x41a00000
	ld4 r26 = [r14] ;;
	check r26, 0x41a00000, 51
	ldfs f40 = [r14] ;;
	fcheck f40, 0xa000000000000000, 0x10003, 52
	stf8 [r14] = f33 ;;			// the significand
	ldfd f40 = [r14], 8 ;;			// read as a double
	adds r14 = -8, r14 ;;
	ld8 r26 = [r14] ;;
	check r26, 0xa000000000000000, 53
	ldf8 f40 = [r14] ;;
	fcheck f40, 0xa000000000000000, 0x1003e, 54

	// --- xma: the high halves, signed and unsigned ---
	movl r23 = -1
	mov r24 = 2 ;;
	setf.sig f32 = r23
	setf.sig f33 = r24 ;;
	xma.h f40 = f32, f33, f0 ;;		// -1 * 2 = -2: high -1
	fcheck f40, 0xffffffffffffffff, 0x1003e, 55
	xma.hu f40 = f32, f33, f0 ;;		// (2^64 - 1) * 2: high 1
	fcheck f40, 1, 0x1003e, 56
	movl r23 = 0x8000000000000000
	mov r24 = 4 ;;
	setf.sig f32 = r23
	setf.sig f33 = r24
	setf.sig f34 = r0 ;;
	xma.hu f40 = f32, f33, f32 ;;		// 2^65 + 2^63: high 2
	fcheck f40, 2, 0x1003e, 57
	xma.h f40 = f32, f33, f32 ;;		// -2^65 - 2^63: high -3
	fcheck f40, 0xfffffffffffffffd, 0x1003e, 58
	mov r23 = 3
	movl r24 = -5 ;;
	setf.sig f32 = r23
	setf.sig f33 = r24
	setf.sig f34 = r24 ;;
	xma.l f40 = f32, f33, f34 ;;		// -15 - 5 = -20
	fcheck f40, 0xffffffffffffffec, 0x1003e, 59
	xma.h f40 = f32, f33, f34 ;;
	fcheck f40, 0xffffffffffffffff, 0x1003e, 60

	// --- fcmp ---
	mov r25 = 0
	int f32, 1
	int f33, 2 ;;
	fcmp.lt p8, p9 = f32, f33 ;;
(p8)	adds r25 = 1, r25
	fcmp.eq p8, p9 = f0, f32 ;;
(p9)	adds r25 = 2, r25
	fneg f34 = f0 ;;
	fcmp.eq p8, p9 = f0, f34 ;;		// +0 == -0
(p8)	adds r25 = 4, r25
	movl r23 = 0x7ff8000000000000 ;;	// a quiet NaN
	setf.d f35 = r23 ;;
	fcmp.unord p8, p9 = f35, f32 ;;
(p8)	adds r25 = 8, r25
	fcmp.eq p8, p9 = f35, f35 ;;		// NaN != NaN
(p9)	adds r25 = 16, r25
	fcmp.le p8, p9 = f33, f32 ;;
(p9)	adds r25 = 32, r25 ;;
	check r25, 63, 61

	// --- division by frcpa, fma and conversions, across the range ---
	udiv 0x8000000000000000, 1, 0x8000000000000000, 0
	udiv 0xffffffffffffffff, 3, 0x5555555555555555, 1
	udiv 0xffffffffffffffff, 0xfffffffffffffffe, 1, 2
	udiv 0xfffffffffffffffe, 0xffffffffffffffff, 0, 3
	udiv 0xffffffffffffffff, 0x8000000000000001, 1, 4
	udiv 0x8000000000000000, 0x7fffffffffffffff, 1, 5
	udiv 0xffffffffffffffff, 0x7fffffffffffffff, 2, 6
	udiv 0, 5, 0, 7
	udiv 999999943999999559, 999999937, 1000000007, 8
	udiv 0xffffffffffffffff, 0xffffffff, 0x100000001, 9
	udiv 0xffffffffffffffff, 1, 0xffffffffffffffff, 10
	sdiv -7, 2, -3, 11
	sdiv 0x8000000000000000, 1, 0x8000000000000000, 12
	sdiv 0x8000000000000000, -2, 0x4000000000000000, 13
	sdiv 0x8000000000000000, 3, -3074457345618258602, 14
	sdiv 0x7fffffffffffffff, -1, -0x7fffffffffffffff, 15
	sdiv 0x7fffffffffffffff, 0x8000000000000000, 0, 16

	// --- ar.fpsr: sf0 saw inexact results (i, bit 18), and sf1 the
	// zero divide of frcpa (z, bit 28) and the invalid 0/0 (v, 26) ---
	mov r26 = ar.fpsr ;;
	extr.u r27 = r26, 18, 1 ;;
	check r27, 1, 17
	extr.u r27 = r26, 26, 1 ;;
	check r27, 1, 18
	extr.u r27 = r26, 28, 1 ;;
	check r27, 1, 19
	fclrf.s1 ;;
	mov r26 = ar.fpsr ;;
	extr.u r27 = r26, 26, 6 ;;
	check r27, 0, 20

	// --- fsxt.r: a 32-bit int sign-extended in an FP register (gcc's
	// int to long before fcvt.xf) ---
	movl r26 = 0x12345678fffffff6 ;;	// -10 in the low half
	setf.sig f8 = r26 ;;
	fsxt.r f9 = f8, f8 ;;
	getf.sig r27 = f9 ;;
	check r27, -10, 21
	movl r26 = 0xffffffff7ffffff6 ;;
	setf.sig f8 = r26 ;;
	fsxt.r f9 = f8, f8 ;;
	getf.sig r27 = f9 ;;
	check r27, 0x7ffffff6, 22

	finish msg, r31
	.endp _start

	.section .rodata
msg:	.asciz "fp ok\n"
	.data
	.align 16
buf:	.skip 16

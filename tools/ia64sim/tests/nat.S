// tools/ia64sim/tests/nat.S - NaT bits: made by ld8.fill from ar.unat,
// kept by st8.spill in ar.unat, propagated by the A and I units, tested
// by compares, tbit and tnat, refused by stores and mov to a branch
// register (the Register NaT Consumption interruption), and carried
// through the register stack engine: a recursion 20 frames deep (180
// stacked registers, more than the 96 physical ones) with NaT locals,
// spilled to the backing store's NaT collections and filled back.
//
// expect-status: 0
// expect-stderr: ia64sim: [0-9]+ instructions, [1-9][0-9]+ registers spilled, [1-9][0-9]+ filled
//
// Expected: every check passes and it prints "nat ok".  A NaT register
// is never given to `check` (a compare with it clears both predicates):
// `natbit` turns its NaT bit into 0 or 1 first.
	.include "check.inc"

	// dst = 1 if reg is NaT, else 0 (uses p8)
	.macro natbit dst, reg
	mov \dst = 0
	tnat.nz p8, p0 = \reg ;;
(p8)	mov \dst = 1 ;;
	.endm

	// dst = p6 + 2 * p7
	.macro p67 dst
	mov \dst = pr ;;
	extr.u \dst = \dst, 6, 2 ;;
	.endm

	.text
	.global _start
	.proc _start
_start:
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov r31 = 0
	movl r8 = ivt ;;
	mov cr.iva = r8 ;;
	srlz.i

	// 1. ld8.fill: the NaT bit from ar.unat bit (address bits 3-8)
	movl r9 = buf + 5 * 8		// unat bit 5
	movl r10 = 0x1122334455667788 ;;
	st8 [r9] = r10
	mov r11 = 1 << 5 ;;
	mov ar.unat = r11 ;;
	ld8.fill r8 = [r9] ;;		// r8: NaT, value 0x1122334455667788
	natbit r12, r8
	check r12, 1, 0
	adds r9 = 8, r9 ;;		// bit 6 clear: not NaT
	st8 [r9] = r10 ;;
	ld8.fill r13 = [r9] ;;
	natbit r12, r13
	check r12, 0, 1
	check r13, 0x1122334455667788, 2

	// 2. st8.spill: the value stored, the NaT bit to ar.unat
	movl r9 = buf + 9 * 8 ;;	// unat bit 9
	st8.spill [r9] = r8 ;;
	ld8 r12 = [r9]			// the value of the NaT register
	mov r14 = ar.unat ;;
	check r12, 0x1122334455667788, 3
	check r14, (1 << 9) | (1 << 5), 4
	movl r9 = buf + 5 * 8 ;;
	st8.spill [r9] = r13 ;;		// not NaT: clears bit 5
	mov r14 = ar.unat ;;
	check r14, 1 << 9, 5
	movl r9 = buf + 9 * 8 ;;
	ld8.fill r14 = [r9] ;;		// a NaT back from a spill
	natbit r12, r14
	check r12, 1, 6

	// 3. propagation: the result is NaT if a source is
	mov r9 = 3 ;;
	add r10 = r8, r9 ;;
	natbit r12, r10
	check r12, 1, 7
	add r10 = r9, r9 ;;		// and a write of a value clears it
	natbit r12, r10
	check r12, 0, 8
	adds r10 = 1, r8 ;;
	natbit r12, r10
	check r12, 1, 9
	and r10 = 7, r8 ;;
	natbit r12, r10
	check r12, 1, 10
	shl r10 = r9, r8 ;;		// a NaT shift count (r3)
	natbit r12, r10
	check r12, 1, 11
	shr r10 = r9, r8 ;;		// ... and (r2)
	natbit r12, r10
	check r12, 1, 43
	shr.u r10 = r8, 3 ;;		// extr.u
	natbit r12, r10
	check r12, 1, 12
	zxt4 r10 = r8 ;;
	natbit r12, r10
	check r12, 1, 13
	dep r10 = r9, r8, 4, 8 ;;
	natbit r12, r10
	check r12, 1, 14
	mov r10 = r8 ;;
	natbit r12, r10
	check r12, 1, 15
	shladd r10 = r8, 2, r9 ;;
	natbit r12, r10
	check r12, 1, 16
	dep.z r10 = 3, 4, 8 ;;		// no register source: not NaT
	natbit r12, r10
	check r12, 0, 17
	movl r10 = 5 ;;
	natbit r12, r10
	check r12, 0, 18

	// 4. compares and tests of a NaT register
	cmp.eq p6, p7 = r0, r0 ;;	// p6 = p7 = 1 ...
	cmp.eq.or p7, p0 = r0, r0 ;;
	cmp.eq p6, p7 = r8, r8 ;;	// ... normal type: both cleared
	p67 r12
	check r12, 0, 19
	cmp.eq p6, p7 = r0, r0 ;;
	cmp.eq.or p7, p0 = r0, r0 ;;
	cmp4.lt.unc p6, p7 = 5, r8 ;;	// .unc, imm8: both cleared
	p67 r12
	check r12, 0, 20
	cmp.ne p6, p7 = r0, r0 ;;	// p6 = 0, p7 = 1
	cmp.eq.or p6, p7 = r8, r8 ;;	// .or: nothing written
	p67 r12
	check r12, 2, 21
	cmp.eq p6, p7 = r0, r0 ;;
	cmp.eq.or p7, p0 = r0, r0 ;;
	cmp.eq.and p6, p7 = r9, r8 ;;	// .and: both cleared
	p67 r12
	check r12, 0, 22
	cmp.eq p6, p7 = r0, r0 ;;
	cmp.eq.or p7, p0 = r0, r0 ;;
	tbit.z p6, p7 = r8, 0 ;;	// tbit: both cleared
	p67 r12
	check r12, 0, 23
	tnat.z p6, p7 = r8 ;;		// tnat: p6 = 0, p7 = 1
	p67 r12
	check r12, 2, 24
	tnat.z p6, p7 = r9 ;;
	p67 r12
	check r12, 1, 25
	cmp.eq p6, p7 = r0, r0 ;;
	cmp.eq.or p7, p0 = r0, r0 ;;
	tnat.nz.and p6, p7 = r9 ;;	// not NaT: .and clears both
	p67 r12
	check r12, 0, 26

	// 5. NaT consumption: a store of a NaT value, a store and a load at
	// a NaT address, mov to a branch register: each faults (the handler
	// records cr.isr and steps past it), and does nothing
	movl r9 = buf ;;
	st8 [r9] = r0
	mov r12 = 7 ;;
	st8 [r9] = r8 ;;		// faults: ISR.w
	ld8 r12 = [r9] ;;
	check r12, 0, 27
	movl r14 = seen ;;
	ld8 r12 = [r14] ;;
	check r12, (1 << 33) | 0x10, 28	// ISR.code 0x10, ISR.w
	mov r10 = 1 ;;
	ld8 r10 = [r8] ;;		// faults: ISR.r, r10 kept
	check r10, 1, 29
	ld8 r12 = [r14] ;;
	check r12, (1 << 34) | 0x10, 30	// ISR.r
	mov r10 = b0 ;;
	mov b0 = r8 ;;			// faults: b0 kept
	mov r12 = b0 ;;
	sub r12 = r12, r10 ;;
	check r12, 0, 31
	ld8 r12 = [r14], 8 ;;
	check r12, 0x10, 32		// neither r nor w
	ld8 r12 = [r14] ;;
	check r12, 3, 33		// faults counted
	mov r10 = ar.unat
	movl r9 = buf + 16 ;;
	st8.spill [r9] = r8 ;;		// st8.spill takes a NaT
	mov r12 = ar.unat ;;
	sub r12 = r12, r10 ;;
	check r12, 1 << 2, 34
	movl r9 = 0x1234 ;;
	mov ar.rnat = r8 ;;		// faults: ar.rnat kept
	mov ar.rnat = r9 ;;
	mov r12 = ar.rnat ;;
	check r12, 0x1234, 35
	ld8 r12 = [r14] ;;
	check r12, 4, 36

	// 6. the register stack: NaT bits spilled to the NaT collections
	// and filled back
	mov ar.rsc = 0 ;;		// enforced lazy
	movl r9 = bstore ;;
	mov ar.bspstore = r9 ;;
	loadrs ;;
	mov r27 = 0			// NaT bits found wrong on the way back
	mov r28 = 0			// values found wrong
	mov r32 = DEPTH - 1
	br.call.sptk.few b0 = deep ;;
	check r27, 0, 37
	check r28, 0, 38
	movl r9 = bstore ;;
	adds r10 = 63 * 8, r9		// the first NaT collection
	adds r11 = 127 * 8, r9 ;;	// the second
	ld8 r12 = [r10]
	ld8 r13 = [r11] ;;
	check r12, 0x0a01028040a01028, 39
	check r13, 0x0205008140205008, 40
	movl r10 = rnat ;;
	ld8 r12 = [r10] ;;		// ar.rnat after flushrs
	check r12, 0x28040a01028, 41
	movl r10 = bsp ;;
	ld8 r12 = [r10] ;;		// 171 registers and 2 collections
	sub r12 = r12, r9 ;;
	check r12, (171 + 2) * 8, 42
	finish msg, r31
	.endp _start

// deep(n): 9 locals r32-r40, then deep(n - 1) with out0 r41 = n - 1
// (r42 and r43, outputs too, are scratch).
// r35 is NaT, r36 = n * 3 is not, r37 is NaT if n is odd, r38-r40 are
// 0 - each of them defined, so that the backing store's NaT collections
// are known (nat.S's test 6).  At n = 0, flushrs; ar.rnat and ar.bsp are
// recorded.  After the call, counts wrong NaT bits in r27, wrong values
// in r28.
DEPTH = 20
	.proc deep
deep:
	alloc r33 = ar.pfs, 1, 8, 3, 0
	mov r34 = b0
	shladd r36 = r32, 1, r32
	movl r41 = buf + 5 * 8 ;;
	mov r38 = 0
	mov r39 = 0
	mov r40 = 0
	mov r42 = 1 << 5 ;;
	mov ar.unat = r42 ;;
	ld8.fill r35 = [r41]		// NaT
	tbit.nz p6, p7 = r32, 0 ;;
(p6)	ld8.fill r37 = [r41]		// NaT when n is odd
(p7)	mov r37 = 0
	cmp.eq p8, p9 = 0, r32 ;;
(p8)	br.cond.sptk.few bottom
	adds r41 = -1, r32
	br.call.sptk.few b0 = deep ;;
	tnat.z p6, p0 = r35 ;;
(p6)	adds r27 = 1, r27
	tnat.nz p6, p0 = r36 ;;
(p6)	adds r27 = 1, r27
	tbit.nz p6, p7 = r32, 0 ;;
	tnat.z.and p6, p0 = r37 ;;	// odd n, r37 not NaT
(p6)	adds r27 = 1, r27
	tnat.nz.and p7, p0 = r37 ;;	// even n, r37 NaT
(p7)	adds r27 = 1, r27
	shladd r42 = r32, 1, r32 ;;
	cmp.ne p6, p0 = r42, r36 ;;
(p6)	adds r28 = 1, r28
	br.cond.sptk.few out ;;
bottom:
	flushrs ;;
	mov r42 = ar.rnat
	movl r43 = rnat ;;
	st8 [r43] = r42
	mov r42 = ar.bsp
	movl r43 = bsp ;;
	st8 [r43] = r42
out:
	mov ar.pfs = r33
	mov b0 = r34 ;;
	br.ret.sptk.few b0 ;;
	.endp deep

	.align 32768
ivt:
	.org ivt + 0x5600
	// NaT Consumption: record cr.isr, count, step past the instruction
	movl r17 = seen ;;
	mov r16 = cr.isr ;;
	dep r16 = 0, r16, 41, 2 ;;	// without isr.ei (the slot)
	st8 [r17] = r16, 8 ;;
	ld8 r16 = [r17] ;;
	adds r16 = 1, r16 ;;
	st8 [r17] = r16
	mov r18 = cr.ipsr
	mov r20 = cr.iip ;;
	extr.u r21 = r18, 41, 2 ;;
	cmp.eq p6, p7 = 2, r21 ;;
(p6)	adds r20 = 16, r20
(p6)	dep r18 = 0, r18, 41, 2
(p7)	adds r21 = 1, r21 ;;
(p7)	dep r18 = r21, r18, 41, 2 ;;
	mov cr.ipsr = r18
	mov cr.iip = r20 ;;
	rfi ;;
	.org ivt + 0x8000

	.data
	.align 512
buf:	.skip 512
bstore:	.skip 4096
seen:	data8 0, 0
rnat:	data8 0
bsp:	data8 0
msg:	stringz "nat ok\n"

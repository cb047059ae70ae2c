// tools/ia64sim/tests/speculation.S - control speculation (ld.s, ld.sa,
// chk.s) and data speculation with an ALAT that never holds an entry
// (ld.a, ld.c, chk.a: every check misses, as the architecture allows).
//
// expect-status: 0
//
// Expected: every check passes and it prints "speculation ok".  A NaT
// register is never given to `check`: `natbit` turns its NaT bit into 0
// or 1 first.
	.include "check.inc"

	// dst = 1 if reg is NaT, else 0 (uses p8)
	.macro natbit dst, reg
	mov \dst = 0
	tnat.nz p8, p0 = \reg ;;
(p8)	mov \dst = 1 ;;
	.endm

	.text
	// recovery code before: backward chk.s.m and chk.a.clr
recover2:
	mov r13 = 2
	br.cond.sptk.few back2 ;;
recover5:
	ld8 r18 = [r9] ;;		// the reload of chk.a's recovery
	check r18, 0x3333, 22
	mov r13 = 6
	br.cond.sptk.few back5 ;;

	.global _start
	.proc _start
_start:
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov r31 = 0
	movl r9 = value ;;

	// 1. ld.s of memory: the value, not NaT; chk.s falls through
	ld8.s r8 = [r9] ;;
	natbit r12, r8
	check r12, 0, 0
	check r8, 0x0123456789abcdef, 1
	mov r13 = 0
	chk.s r8, recover1 ;;
	mov r13 = 1 ;;
back1:
	check r13, 1, 2

	// 2. ld.s where nothing is (past the end of RAM): NaT, no fault;
	// chk.s.m and chk.s.i branch to the recovery code
	movl r10 = 0x7000000000 ;;
	ld8.s r8 = [r10] ;;
	natbit r12, r8
	check r12, 1, 3
	mov r13 = 0
	chk.s.m r8, recover2 ;;
	mov r13 = 5 ;;
back2:
	check r13, 2, 4
	ld4.s r8 = [r10], 4 ;;		// post-increment: r10 stays valid
	natbit r12, r8
	check r12, 1, 5
	check r10, 0x7000000004, 6
	mov r13 = 0 ;;
	{ .mii
	nop.m 0
	chk.s.i r8, recover3
	mov r13 = 5 ;; }
back3:
	check r13, 3, 7

	// 3. the NaT flows: an add of it is NaT, and so is an ld.s at it
	add r14 = r8, r9 ;;
	ld8.s r15 = [r14] ;;
	natbit r12, r15
	check r12, 1, 8
	dep r10 = -1, r9, 63, 1 ;;	// uncacheable: not speculated
	ld8.s r15 = [r10] ;;
	natbit r12, r15
	check r12, 1, 9
	ld8.sa r15 = [r9] ;;		// speculative advanced, of memory
	natbit r12, r15
	check r12, 0, 10
	check r15, 0x0123456789abcdef, 11

	// 4. setf.sig of NaT is NaTVal: chk.s f branches; getf.sig of it
	// is NaT
	setf.sig f6 = r8
	setf.sig f7 = r9 ;;
	mov r13 = 0
	chk.s f7, recover4 ;;		// not NaTVal: falls through
	chk.s f6, recover4 ;;
	mov r13 = 5 ;;
back4:
	check r13, 4, 12
	getf.sig r14 = f6 ;;
	natbit r12, r14
	check r12, 1, 13
	getf.sig r14 = f7 ;;
	natbit r12, r14
	check r12, 0, 14
	check r14, value, 15

	// 5. data speculation: ld.a loads; a store to the same address
	// follows; ld.c.clr and ld.c.nc reload (the ALAT never hits), and
	// chk.a.clr and chk.a.nc always branch
	ld8.a r16 = [r9] ;;
	check r16, 0x0123456789abcdef, 16
	movl r17 = 0x1111 ;;
	st8 [r9] = r17 ;;
	ld8.c.clr r16 = [r9] ;;
	check r16, 0x1111, 17
	movl r17 = 0x2222 ;;
	st8 [r9] = r17 ;;
	ld8.c.nc r16 = [r9] ;;
	check r16, 0x2222, 18
	movl r17 = 0x3333 ;;
	st8 [r9] = r17 ;;
	ld4.c.clr.acq r16 = [r9] ;;
	check r16, 0x3333, 19
	ld8.a r18 = [r9] ;;
	mov r13 = 0
	chk.a.clr r18, recover5 ;;
	mov r13 = 5 ;;
back5:
	check r13, 6, 20
	ld8.a r18 = [r9] ;;
	chk.a.nc r18, recover6 ;;
	mov r13 = 5 ;;
back6:
	check r13, 7, 21
	invala.e r18
	invala ;;
	finish msg, r31
	.endp _start

	// recovery code, far enough for every bit of the displacements
	.skip 0x10000
recover1:
	mov r13 = 9
	br.cond.sptk.few back1 ;;
recover3:
	mov r13 = 3
	br.cond.sptk.few back3 ;;
recover4:
	mov r13 = 4
	br.cond.sptk.few back4 ;;
recover6:
	mov r13 = 7
	br.cond.sptk.few back6 ;;

	.data
	.align 8
value:	data8 0x0123456789abcdef
msg:	stringz "speculation ok\n"

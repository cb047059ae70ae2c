// tools/ia64sim/tests/interrupts.S - interruptions on one CPU: a break
// taken in the middle slot of a bundle, the handler's view of the state
// (cr.iim, cr.ipsr.ri, psr.ic and psr.bn cleared, the other register
// bank), cover and cr.ifs, rfi back to the next slot with the frame and
// bank 1 intact; then the interval timer: cr.itv, cr.itm, psr.i, cr.ivr
// taking the vector into service, cr.eoi, and a spurious read after.
//
// expect-status: 0
//
// Expected: every check passes and it prints "interrupts ok".
	.include "check.inc"
	.text
	.global _start
	.proc _start
_start:
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov r31 = 0
	movl r16 = 0x1616		// bank 1 (the start-up bank)
	movl r8 = ivt ;;
	mov cr.iva = r8 ;;
	srlz.i
	mov r32 = 77 ;;
	// 1. a break in slot 1; the handler returns to slot 2
	.align 16
brk_bundle:
	{ .mii
	mov r9 = 1
	break.i 0x1234
	mov r10 = 2 ;;
	}
	check r32, 77, 0		// the frame came back (cover, rfi)
	check r9, 1, 1
	check r10, 2, 2
	check r16, 0x1616, 3		// bank 1 untouched by the handler
	movl r8 = seen ;;
	ld8 r9 = [r8], 8 ;;
	check r9, 0x1234, 4		// cr.iim: the immediate
	ld8 r9 = [r8], 8 ;;
	extr.u r10 = r9, 41, 2 ;;
	check r10, 1, 5			// ipsr.ri: slot 1
	extr.u r10 = r9, 13, 2 ;;
	check r10, 1, 6			// ipsr: ic was on, i off
	ld8 r9 = [r8], 8 ;;
	extr.u r10 = r9, 13, 2 ;;
	check r10, 0, 7			// the handler's psr: ic and i off
	extr.u r10 = r9, 44, 1 ;;
	check r10, 0, 8			// ... and bank 0
	ld8 r9 = [r8], 8 ;;
	check r9, brk_bundle, 9		// cr.iip: the break's bundle
	ld8 r9 = [r8], 8 ;;
	check r9, (1 << 63) | 1, 10	// cr.ifs after cover: v, sof 1

	// 2. the interval timer: vector 0xef, 500 cycles from now
	mov r8 = 0xef ;;
	mov cr.itv = r8
	mov cr.tpr = r0 ;;
	srlz.d
	mov.m r9 = ar.itc ;;
	adds r9 = 500, r9 ;;
	mov cr.itm = r9 ;;
	ssm psr.i ;;
	srlz.d
	movl r11 = flag ;;
1:	ld8 r10 = [r11] ;;
	cmp.eq p6, p0 = 0, r10
(p6)	br.cond.sptk.few 1b ;;
	rsm psr.i ;;
	movl r8 = vec ;;
	ld8 r10 = [r8] ;;
	check r10, 0xef, 11		// cr.ivr gave the timer's vector
	movl r8 = at_itc ;;
	ld8 r10 = [r8] ;;
	sub r10 = r10, r9 ;;
	cmp.ltu p6, p7 = 100, r10 ;;	// it came within 100 cycles
(p6)	mov r10 = -1 ;;
(p7)	mov r10 = 0 ;;
	check r10, 0, 12
	mov r10 = cr.ivr ;;
	check r10, 0x0f, 13		// nothing left: spurious
	finish msg, r31
	.endp _start

	.align 32768
ivt:
	.skip 0x2c00
	// Break Instruction: record, cover, step past the break, rfi
	mov r16 = cr.iim
	movl r17 = seen ;;
	st8 [r17] = r16, 8
	mov r18 = cr.ipsr ;;
	st8 [r17] = r18, 8
	mov r19 = psr ;;
	st8 [r17] = r19, 8
	mov r20 = cr.iip ;;
	st8 [r17] = r20, 8
	cover ;;
	mov r19 = cr.ifs ;;
	st8 [r17] = r19, 8
	extr.u r21 = r18, 41, 2 ;;
	cmp.eq p6, p7 = 2, r21 ;;
(p6)	adds r20 = 16, r20
(p6)	dep r18 = 0, r18, 41, 2
(p7)	adds r21 = 1, r21 ;;
(p7)	dep r18 = r21, r18, 41, 2 ;;
	mov cr.ipsr = r18
	mov cr.iip = r20 ;;
	rfi ;;

	.org ivt + 0x3000
	// External Interrupt: take the vector, note the time, end it
	mov r16 = cr.ivr ;;
	srlz.d
	movl r17 = vec ;;
	st8 [r17] = r16
	mov.m r18 = ar.itc ;;
	movl r17 = at_itc ;;
	st8 [r17] = r18
	mov r19 = 1
	movl r17 = flag ;;
	st8 [r17] = r19
	mov cr.eoi = r0 ;;
	srlz.d
	rfi ;;
	.org ivt + 0x8000

	.data
	.align 8
seen:	.skip 40
vec:	data8 0
at_itc:	data8 0
flag:	data8 0
msg:	stringz "interrupts ok\n"

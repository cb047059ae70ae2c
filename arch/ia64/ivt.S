// arch/ia64/ivt.S - the interruption vector table (cr.iva).
//
// 68 vectors (SDM vol. 2, "IVA-based Interruption Vectors"): 20 of
// 1 KiB (offsets 0x0000-0x4c00), then 48 of 256 bytes (0x5000-0x7f00);
// the table is 32 KiB and aligned on 32 KiB.  External interrupts go to
// interrupt.S; so far every other vector is unexpected: it reports what
// happened and panics (ia64_unexpected in trap.c).
//
// The state at every vector (the CPU set it up): cr.ipsr, cr.iip, cr.ifs
// and the others collected (psr.ic is on wherever the kernel runs, but
// in these handlers' first and last instructions); then psr.ic, psr.i and psr.bn off - no further interruption is
// collected or taken, and r16-r31 are bank 0's, free as temporaries while
// bank 1 keeps the interrupted code's.  The memory stack (r12) and the
// register stack are still the interrupted thread's, untouched.  Any lock
// the interrupted code held is still held.
//
// The unexpected-vector handler leaves the interrupted stacks alone - they
// may be what went wrong - and moves to stacks of its own, collection
// still off, so it must not fault itself.  It never returns.
#include "arch/ia64/asm.h"

// Each vector: its offset in r16, then the common report.
	.macro vector at
	.org ia64_ivt + \at
	mov r16 = \at
	br.sptk.many unexpected ;;
	.endm

	.section .text.ivt, "ax"
	.align 32768
	.global ia64_ivt
ia64_ivt:
	.irp off, 0x0000,0x0400,0x0800,0x0c00,0x1000,0x1400,0x1800,0x1c00, \
		  0x2000,0x2400,0x2800,0x2c00
	vector \off
	.endr
	.org ia64_ivt + 0x3000		// External Interrupt: interrupt.S
	mov r16 = cr.ipsr
	mov r17 = cr.iip
	br.sptk.many ia64_interrupt_entry ;;
	.irp off, 0x3400,0x3800,0x3c00,0x4000,0x4400,0x4800,0x4c00
	vector \off
	.endr
	.irp off, 0x5000,0x5100,0x5200,0x5300,0x5400,0x5500,0x5600,0x5700, \
		  0x5800,0x5900,0x5a00,0x5b00,0x5c00,0x5d00,0x5e00,0x5f00, \
		  0x6000,0x6100,0x6200,0x6300,0x6400,0x6500,0x6600,0x6700, \
		  0x6800,0x6900,0x6a00,0x6b00,0x6c00,0x6d00,0x6e00,0x6f00, \
		  0x7000,0x7100,0x7200,0x7300,0x7400,0x7500,0x7600,0x7700, \
		  0x7800,0x7900,0x7a00,0x7b00,0x7c00,0x7d00,0x7e00,0x7f00
	vector \off
	.endr
	.org ia64_ivt + 0x8000

// r16 = the vector's offset.  Read what the interruption collected, move
// to the panic stacks, and call ia64_unexpected(vector, isr, iip, ipsr,
// ifa) - which does not return.
	.proc unexpected
unexpected:
	mov r17 = cr.isr
	mov r18 = cr.iip
	mov r19 = cr.ipsr
	mov r20 = cr.ifa
	mov ar.rsc = 0 ;;
	cover ;;			// the interrupted frame, out of the way
	flushrs ;;			// and in its backing store
	movl r21 = panic_bspstore ;;
	mov ar.bspstore = r21
	movl r12 = panic_stack + PANIC_STACK_SIZE - IA64_SCRATCH_SIZE
	movl r1 = __gp ;;
	alloc r22 = ar.pfs, 0, 0, 5, 0 ;;
	mov out0 = r16
	mov out1 = r17
	mov out2 = r18
	mov out3 = r19
	mov out4 = r20
	br.call.sptk.many b0 = ia64_unexpected ;;
	.endp unexpected

	.bss
	.align 16
panic_stack:	.skip PANIC_STACK_SIZE
panic_bspstore:	.skip PANIC_STACK_SIZE

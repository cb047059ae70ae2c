// arch/ia64/entry.S - the first instructions of Tern on IA-64.
//
// The firmware starts the boot CPU here (docs/ia64.md): physical mode,
// interrupts off, psr.ic on, r28 = the boot parameters.  Set up what C
// needs - gp (r1), a memory stack (r12), a backing store for the register
// stack (ar.bspstore, with the RSE in enforced lazy mode), the vector
// table (ivt.S) - and call ia64_setup(boot parameters), which never
// returns.
#include "arch/ia64/asm.h"

	.section .text.entry, "ax"
	.global _start
	.proc _start
_start:
	movl r1 = __gp
	movl r12 = boot_stack + BOOT_STACK_SIZE - 16
	mov ar.rsc = 0 ;;			// enforced lazy: no eager spills
	movl r2 = boot_bspstore ;;
	mov ar.bspstore = r2
	movl r3 = ia64_ivt ;;
	mov cr.iva = r3 ;;
	srlz.i ;;
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov out0 = r28 ;;
	br.call.sptk.many b0 = ia64_setup ;;
1:	br.cond.sptk.few 1b ;;		// (ia64_setup does not return)
	.endp _start

	.bss
	.align 16
	.global boot_stack, boot_bspstore
boot_stack:	.skip BOOT_STACK_SIZE
boot_bspstore:	.skip BOOT_STACK_SIZE

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
	movl r12 = boot_stack + BOOT_STACK_SIZE - IA64_SCRATCH_SIZE
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

// Each other CPU, woken by smp.c through SAL's boot rendezvous: physical
// mode, interrupts off, psr.ic and psr.bn on, r1 the gp registered (set
// again here all the same), no stack.  Its first stack (memory stack
// above, backing store below, stack.c) is in ia64_ap_stack[its SAPIC id,
// from cr.lid]; 0 means it was not asked to start, and it waits, for
// ever.  Then the vector table, and ia64_ap_start() in C, which does not
// return.  No lock is held; the boot CPU waits for it in hal_smp_boot().
	.text
	.global ia64_ap_entry
	.proc ia64_ap_entry
ia64_ap_entry:
	movl r1 = __gp
	mov r8 = cr.lid ;;
	extr.u r9 = r8, IA64_LID_ID_SHIFT, IA64_LID_FIELD_BITS
	movl r10 = ia64_ap_stack ;;
	shladd r10 = r9, 3, r10 ;;
	ld8 r12 = [r10] ;;
	cmp.eq p6, p0 = 0, r12
(p6)	br.cond.spnt.few 2f ;;
	adds r11 = STACK_TOP_BSPSTORE, r12 ;;
	ld8 r11 = [r11]
	mov ar.rsc = 0 ;;
	mov ar.bspstore = r11
	adds r12 = -IA64_SCRATCH_SIZE, r12
	movl r3 = ia64_ivt ;;
	mov cr.iva = r3 ;;
	srlz.i ;;
	br.call.sptk.many b0 = ia64_ap_start ;;
2:	hint @pause
	br.cond.sptk.few 2b ;;
	.endp ia64_ap_entry

	.bss
	.align 16
	.global boot_stack, boot_bspstore
boot_stack:	.skip BOOT_STACK_SIZE
boot_bspstore:	.skip BOOT_STACK_SIZE

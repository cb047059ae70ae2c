/*
 * arch/x86/layout.h - the numbers that C, the assembly code and the linker
 * script must agree on: where things are, how big, and the offsets of the
 * structure fields that assembly reads.  One definition each.
 *
 * This file holds #defines only, plain numbers without C suffixes, so that
 * three readers can take it as it is:
 *   - C includes it (hal_arch.h, smpboot.c, ...);
 *   - the linker script is run through the C preprocessor (arch.mk), and
 *     includes it;
 *   - nasm cannot read C, so arch.mk turns this file and cr_bits.h into
 *     $(BUILD)/gen/x86_defs.inc, the same macros as %define, and the .asm
 *     files %include that.
 * A field offset here is a promise the C side checks: the struct's file
 * has BUILD_BUG_ON(offsetof(...) != ...) for each one, so moving a field
 * without changing the number here does not build.
 */
#ifndef TERN_ARCH_X86_LAYOUT_H
#define TERN_ARCH_X86_LAYOUT_H

#include "kernel/kstack.h"

/* --- Addresses --- */
/* The image is loaded at 1 MiB (its physical address) and runs in the top
 * 2 GiB, at KERNEL_VMA + its physical address (-mcmodel=kernel). */
#define KERNEL_PHYS 0x100000
#define KERNEL_VMA  0xffffffff80000000
/* Every byte of RAM is mapped here (PML4 slot 256, kernel-only,
 * no-execute). */
#define DIRECT_MAP_BASE 0xffff800000000000
/* Where an AP starts: STARTUP's vector is this page's number, so it must
 * be a page below 1 MiB (smpboot.c copies trampoline.asm here). */
#define TRAMPOLINE_PHYS 0x8000

/* --- Stacks --- */
/* The boot CPU's first stack (boot/entry.asm), which idle/0 keeps: a
 * kernel stack like any other. */
#define BOOT_STACK_SIZE KSTACK_SIZE
/* Each CPU's double-fault and NMI stacks (the TSS's IST, gdt.c). */
#define IST_STACK_SIZE 0x2000

/* --- Offsets that assembly reads --- */
/* The callee-saved registers hal_context_switch pushes (switch.asm), in
 * struct x86_switch_frame (stacktrace.h), which stacktrace.c checks. */
#define SWITCH_SAVED_REGS 6
/* struct task's saved_sp (kernel/task.h): switch.asm saves and loads the
 * stack pointer there. */
#define TASK_SAVED_SP 0
/* struct cpu_data's self (kernel/percpu.h): hal_this_cpu() reads %gs:0. */
#define CPU_DATA_SELF 0
/* struct ap_boot_entry (smpboot.c), which trampoline.asm's ap_entry64
 * searches before it has a stack. */
#define AP_BOOT_APIC_ID	   0
#define AP_BOOT_CPU	   4
#define AP_BOOT_STACK_TOP  8
#define AP_BOOT_ENTRY_SIZE 16

#endif

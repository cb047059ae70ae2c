/* arch/x86/stacktrace.h - walk the frame-pointer chain. */
#ifndef TERN_ARCH_X86_STACKTRACE_H
#define TERN_ARCH_X86_STACKTRACE_H

#include "lib/compiler.h"

/*
 * A switched-out thread's stack as switch.asm leaves it: saved_sp points
 * at r15, the last register hal_context_switch pushed, and the return
 * address into schedule() sits above the six (hal_stack_init builds the
 * same shape for a new thread).  C reads it through this struct, and so
 * does tools/gdb/tern.py, from the debug information; the order of the
 * pushes is the one definition, and stacktrace.c checks the size against
 * SWITCH_SAVED_REGS (layout.h), the count hal_stack_init zeroes.
 */
struct x86_switch_frame {
	u64 r15, r14, r13, r12, rbx, rbp; /* popped in this order */
	u64 ret;			  /* where `ret` goes */
};

/* Print `rip` (unless 0), then each return address found from frame pointer
 * `rbp`. */
void stacktrace_print(u64 rip, u64 rbp);

#endif

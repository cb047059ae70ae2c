/* arch/x86/stacktrace.h - walk the frame-pointer chain. */
#ifndef TERN_ARCH_X86_STACKTRACE_H
#define TERN_ARCH_X86_STACKTRACE_H

#include "lib/compiler.h"

/* Print `rip` (unless 0), then each return address found from frame pointer
 * `rbp`. */
void stacktrace_print(u64 rip, u64 rbp);

#endif

/* kernel/panic.h - stop the kernel when it cannot go on. */
#ifndef TERN_KERNEL_PANIC_H
#define TERN_KERNEL_PANIC_H

#include "lib/compiler.h"

/* Print a backtrace and a `PANIC: <message>` line, then stop (halt for the
 * debugger, or power off: the `panic=` option). */
__printf(1, 2) __noreturn void panic(const char *fmt, ...);
/* The same without the backtrace, for callers that printed one already. */
__printf(1, 2) __noreturn void panic_nodump(const char *fmt, ...);

/* BUG_ON(cond): a condition that must never be true.  Names the file/line. */
#define BUG_ON(cond)                                                           \
	do {                                                                   \
		if (unlikely(cond))                                            \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__,          \
			      __LINE__);                                       \
	} while (0)

#endif

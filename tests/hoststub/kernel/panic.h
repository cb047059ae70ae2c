/* tests/hoststub/kernel/panic.h - BUG_ON() fails the running test. */
#ifndef TERN_KERNEL_PANIC_H
#define TERN_KERNEL_PANIC_H
void host_bug(const char *cond, const char *file, int line);
#define BUG_ON(c)                                                              \
	do {                                                                   \
		if (c)                                                         \
			host_bug(#c, __FILE__, __LINE__);                      \
	} while (0)
#endif

/*
 * kernel/ktest.h - tests that run inside the booted kernel.
 *
 *   KTEST(heap_basic)
 *   {
 *           void *p = kmalloc(10);
 *           KT_ASSERT(p != NULL);
 *           KT_EXPECT_EQ(kfree_check(p), 0);
 *   }
 *
 * Each KTEST lands in the .ktests section; `ktest=all` or
 * `ktest=heap_basic,vsnprintf` on the command line runs them after boot.
 * Every test prints `PASS name` or `FAIL name: reason (file:line)`, then the
 * run ends with `ktest: P passed, F failed` and powers off; QEMU's exit
 * status says whether everything passed.
 *
 * An assertion that fails returns from the test function at once, so use
 * KT_ASSERT in the test body itself; helpers should return a bool.
 */
#ifndef TERN_KERNEL_KTEST_H
#define TERN_KERNEL_KTEST_H

#include "lib/compiler.h"

struct ktest {
	const char *name;
	void (*fn)(void);
	bool manual; /* only when named: it is meant to crash the kernel */
};

#define KTEST_DEFINE(name_, manual_)                                           \
	static void ktest_fn_##name_(void);                                    \
	static const struct ktest ktest_##name_ __section(".ktests")           \
	    __used __aligned(8) = {#name_, ktest_fn_##name_, manual_};         \
	static void ktest_fn_##name_(void)

#define KTEST(name_) KTEST_DEFINE(name_, false)
/* A test that `ktest=all` skips: it shows a crash on purpose (the oops
 * output), and the host-side test runner checks what it printed. */
#define KTEST_MANUAL(name_) KTEST_DEFINE(name_, true)

/* Record a failure of the running test (the first one is reported). */
void ktest_fail(const char *file, int line, const char *fmt, ...)
    __printf(3, 4);
/* The test cannot check anything on this machine (too few CPUs, no
 * fw_cfg): it prints `SKIP name: why` instead of PASS, and counts as
 * neither.  Only for what the machine lacks, never for a result. */
__printf(1, 2) void ktest_skip(const char *fmt, ...);

#define KT_FAIL(...)                                                           \
	do {                                                                   \
		ktest_fail(__FILE__, __LINE__, __VA_ARGS__);                   \
		return;                                                        \
	} while (0)

#define KT_ASSERT(cond)                                                        \
	do {                                                                   \
		if (!(cond))                                                   \
			KT_FAIL("expected %s", #cond);                         \
	} while (0)

/* Compare two integers and show both values when they differ. */
#define KT_EXPECT_EQ(a, b)                                                     \
	do {                                                                   \
		long long a_ = (long long)(a), b_ = (long long)(b);            \
		if (a_ != b_)                                                  \
			KT_FAIL("expected %s == %s, got %lld and %lld", #a,    \
				#b, a_, b_);                                   \
	} while (0)

#define KT_EXPECT_STR(a, b)                                                    \
	do {                                                                   \
		const char *a_ = (a), *b_ = (b);                               \
		if (strcmp(a_, b_) != 0)                                       \
			KT_FAIL("expected %s to be \"%s\", got \"%s\"", #a,    \
				b_, a_);                                       \
	} while (0)

/* Run the tests named in `spec` ("all" or "a,b,c"), report, power off. */
__noreturn void ktest_run(const char *spec);

#endif

/*
 * kernel/ubsan_ktest.c - the sanitizer's reports, tripped on purpose.
 *
 * By name only (KTEST_MANUAL), on the UBSan build (build/ubsan/tern.elf):
 * four kinds of undefined behaviour, each at one call site that runs
 * three times.  With ubsan=warn (the default) each site is reported once
 * and the test checks the count; tools/test.sh checks the lines, e.g.
 *   UBSAN: signed integer overflow in kernel/ubsan_ktest.c:NN:
 *   2147483647 + 1 cannot be represented in type int
 * With ubsan=panic the first one stops the kernel:
 *   PANIC: UBSAN: signed integer overflow in kernel/ubsan_ktest.c:NN: ...
 * On a kernel built without UBSan nothing is checked, and the test says
 * so as a failure.
 */
#include "kernel/ktest.h"
#include "kernel/ubsan.h"

#ifdef TERN_UBSAN
/* volatile: the values come from nowhere gcc can see, so it neither folds
 * the operations nor warns about them at compile time. */
static volatile int int_max = 2147483647, one = 1, forty = 40, four = 4;
static volatile u8 two = 2;

static __noinline int overflow_add(void)
{
	return int_max + one;
}

static __noinline int shift_too_far(void)
{
	return one << forty;
}

/* Past the array, but inside the struct: the bounds check fires, and the
 * object-size check (which knows only the struct's size) does not. */
static __noinline int index_past_end(void)
{
	struct {
		int a[4];
		int after;
	} s = {{1, 2, 3, 4}, 5};
	return s.a[four];
}

static __noinline bool bool_not_0_or_1(void)
{
	const volatile u8 *raw = &two;
	return *(const volatile bool *)raw;
}

#endif

KTEST_MANUAL(ubsan_trips)
{
#ifndef TERN_UBSAN
	KT_FAIL("this kernel is built without UBSan: nothing reports "
		"(make UBSAN=1, build/ubsan/tern.elf)");
#else
	unsigned long before = ubsan_report_count();
	volatile unsigned sink = 0;

	for (int round = 0; round < 3; round++) {
		sink += (unsigned)overflow_add();
		sink += (unsigned)shift_too_far();
		sink += (unsigned)index_past_end();
		sink += bool_not_0_or_1();
	}
	(void)sink;
	/* four sites, each reported once however often it runs */
	KT_EXPECT_EQ(ubsan_report_count() - before, 4);
#endif
}

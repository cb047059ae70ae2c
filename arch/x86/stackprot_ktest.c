/*
 * arch/x86/stackprot_ktest.c - the stack protector is on, its canary is
 * this boot's, and an overrun frame stops the kernel naming its function.
 *
 * A protected function's frame, from high addresses down:
 *   return address, saved RBP, [the canary's copy], locals and arrays.
 * gcc puts arrays next to the copy, so running off the end of one
 * overwrites it before anything else.  These tests find the copy by
 * value: the first 8-byte word above a local array that equals
 * __stack_chk_guard.
 *
 * Expected output (ktest=all):
 *   ktest: stack canary 0x...... (from RDRAND | the cycle counter ...)
 *   PASS stack_protector_canary_set
 *   PASS stack_protector_guards_frames
 * tools/test.sh boots twice and checks that the two canaries differ.
 *
 * And by name only (KTEST_MANUAL), in a boot of its own:
 *   ktest=stack_protector_trips ->
 *   PANIC: stack-protector: the canary of stack_overrun_victim() was
 *   overwritten (checked at stack_overrun_victim+0x..): its stack frame
 *   was overrun
 */
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "kernel/stackprot.h"

#define SEARCH_WORDS 16 /* how far above the array to look (128 bytes) */

/* Where the frame's canary copy is: the first word at or above `p`, within
 * SEARCH_WORDS words, equal to the guard; NULL if there is none.  Not
 * inline, and reached through a pointer the compiler cannot follow, so
 * that it reads the caller's real frame. */
static __noinline unsigned long *find_canary_above(void *p)
{
	unsigned long *w = (unsigned long *)ALIGN_UP((u64)p, 8);
	unsigned long guard = READ_ONCE(__stack_chk_guard);

	for (int i = 0; i < SEARCH_WORDS; i++)
		if (READ_ONCE(w[i]) == guard)
			return &w[i];
	return NULL;
}

static volatile bool overrun; /* volatile: gcc cannot skip the write */

/* A function with a local array, so protected: it finds its own canary and
 * says whether it found one; with `overrun` set, it also overwrites it, as
 * a buffer overrun would, and returns into the check. */
static __noinline bool stack_overrun_victim(void)
{
	char buf[24];
	unsigned long *copy;

	for (unsigned i = 0; i < sizeof(buf); i++)
		((volatile char *)buf)[i] = (char)i;
	copy = find_canary_above(buf);
	if (copy && overrun)
		WRITE_ONCE(*copy, ~*copy); /* the overrun: 0 bytes spared */
	return copy != NULL;
}

KTEST(stack_protector_canary_set)
{
	unsigned long guard = READ_ONCE(__stack_chk_guard);

	printk("ktest: stack canary %#lx (from %s)\n", guard,
	       stack_protector_source ? stack_protector_source : "nowhere");
	KT_ASSERT(stack_protector_source != NULL);
	KT_ASSERT(guard != 0);
	/* the terminator byte (canary.c) */
	KT_EXPECT_EQ(guard & 0xff, 0);
}

/* A function with an array has the guard in its frame: the kernel was
 * built with the protector, and its checks read this boot's value. */
KTEST(stack_protector_guards_frames)
{
	overrun = false;
	if (!stack_overrun_victim())
		KT_FAIL("no copy of the canary %#lx in the frame of a function "
			"with an array: is the kernel built without "
			"-fstack-protector-strong?",
			__stack_chk_guard);
}

/* Not in ktest=all: overwrite a frame's canary and return through the
 * check.  tools/test.sh expects the PANIC line naming the victim. */
KTEST_MANUAL(stack_protector_trips)
{
	overrun = true;
	bool found = stack_overrun_victim();
	overrun = false;
	if (!found)
		KT_FAIL("no canary found in the victim's frame: nothing to "
			"overwrite (is the protector on?)");
	KT_FAIL("the victim returned with an overwritten canary: "
		"__stack_chk_fail() was never called");
}

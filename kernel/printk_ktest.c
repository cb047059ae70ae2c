/*
 * kernel/printk_ktest.c - in-kernel tests of printk itself.
 */
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#define LONG_BLOCKS 120 /* of 10 characters: a 1,200-character message */
static const char long_marker[] = "printk: the line after the long one\n";

/* Expected: a message longer than printk's line buffer comes out whole,
 * with its newline, and the next message starts a line of its own.  The
 * console shows one line of 120 blocks "<000>-----" ... "<119>-----"
 * (1,200 characters), then "printk: the line after the long one"
 * (tools/test.sh's boot/printk-long-line checks the console; this test
 * checks the log buffer). */
KTEST(printk_long_line)
{
	static char msg[LONG_BLOCKS * 10 + 1];
	for (unsigned i = 0; i < LONG_BLOCKS; i++)
		snprintf(msg + i * 10, 11, "<%03u>-----", i);
	KT_EXPECT_EQ(strlen(msg), 1200);

	/* One lock-free look at the log: no other CPU prints during a test
	 * (ktests run one at a time), but a warning could; then the
	 * comparison below fails and says so. */
	u64 start = log_pos;
	printk("%s\n", msg);
	printk("%s", long_marker);
	u64 want = sizeof(msg) + sizeof(long_marker) - 1; /* 1,201 + marker */
	KT_EXPECT_EQ(log_pos - start, want);
	for (u64 i = 0; i < want; i++) {
		char c = log_buf[(start + i) % LOG_BUF_SIZE];
		char e = i < sizeof(msg) - 1	? msg[i]
			 : i == sizeof(msg) - 1 ? '\n'
						: long_marker[i - sizeof(msg)];
		if (c != e)
			KT_FAIL("log byte %llu of the long line is '%c', "
				"expected '%c'",
				(unsigned long long)i, c, e);
	}
}

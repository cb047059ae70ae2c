/*
 * arch/x86/trap_ktest.c - exceptions that are handled and return, the
 * exception table, and the page permissions hal_mm_init() set up.
 */
#include "arch/x86/trap.h"
#include "kernel/hal.h"
#include "kernel/ktest.h"
#include "lib/errno.h"

static volatile int hits;
static volatile u64 seen_vector;

static void count_and_return(struct trap_frame *f)
{
	hits++;
	seen_vector = f->vector;
}

/* Expected: int3 enters the #BP handler once and execution continues right
 * after it (int3 is a trap: the saved RIP already points past it). */
KTEST(trap_breakpoint_returns)
{
	hits = 0;
	trap_handler_t old = trap_set_handler(VEC_BREAKPOINT, count_and_return);
	__asm__ __volatile__("int3");
	__asm__ __volatile__("int3");
	trap_set_handler(VEC_BREAKPOINT, old);
	KT_EXPECT_EQ(hits, 2);
	KT_EXPECT_EQ(seen_vector, VEC_BREAKPOINT);
}

static void skip_ud2(struct trap_frame *f)
{
	hits++;
	seen_vector = f->vector;
	f->rip += 2; /* #UD is a fault: RIP points at ud2 itself (2 bytes) */
}

/* Expected: ud2 raises #UD (vector 6); the handler steps over it. */
KTEST(trap_invalid_opcode_returns)
{
	hits = 0;
	trap_handler_t old = trap_set_handler(VEC_INVALID_OPCODE, skip_ud2);
	__asm__ __volatile__("ud2");
	trap_set_handler(VEC_INVALID_OPCODE, old);
	KT_EXPECT_EQ(hits, 1);
	KT_EXPECT_EQ(seen_vector, VEC_INVALID_OPCODE);
}

extern char _text[], _rodata[], _data[], boot_stack_guard[],
    boot_stack_bottom[];
static const u8 some_constant = 42;
static u8 some_variable = 7;

/* Expected: the page tables give each part of the kernel its permissions;
 * a faulting access is caught by the exception table, not an oops. */
KTEST(paging_permissions)
{
	u8 v;
	KT_EXPECT_EQ(hal_probe_read(NULL, &v), -EFAULT); /* page 0 */
	KT_EXPECT_EQ(hal_probe_write((void *)8, 1), -EFAULT);
	KT_EXPECT_EQ(hal_probe_write(_text, 0x90), -EFAULT); /* text r-x */
	KT_EXPECT_EQ(hal_probe_write((void *)&some_constant, 1),
		     -EFAULT); /* rodata */
	KT_EXPECT_EQ(hal_probe_read(&some_constant, &v), 0);
	KT_EXPECT_EQ(v, 42);
	KT_EXPECT_EQ(hal_probe_write(&some_variable, 9), 0); /* data rw- */
	KT_EXPECT_EQ(some_variable, 9);
	KT_EXPECT_EQ(hal_probe_read(boot_stack_guard, &v), -EFAULT); /* guard */
	KT_EXPECT_EQ(hal_probe_read(boot_stack_bottom, &v), 0);
	/* the old identity map of low memory is gone */
	KT_EXPECT_EQ(hal_probe_read((void *)0x100000, &v), -EFAULT);
}

/* Expected: data pages are not executable: jumping into one raises a page
 * fault with the instruction-fetch bit (4) set in the error code. */
static volatile u64 nx_error = ~0ULL;
static void nx_handler(struct trap_frame *f)
{
	nx_error = f->error;
	/* return to the caller of the "function" at the data address */
	f->rip = *(u64 *)f->rsp;
	f->rsp += 8;
}

KTEST(paging_data_not_executable)
{
	static u8 code[16] = {0xc3}; /* ret, in .data */
	nx_error = ~0ULL;
	trap_handler_t old = trap_set_handler(VEC_PAGE_FAULT, nx_handler);
	((void (*)(void))code)();
	trap_set_handler(VEC_PAGE_FAULT, old);
	KT_ASSERT(nx_error != ~0ULL);
	KT_EXPECT_EQ(nx_error & 0x11, 0x11); /* protection violation + fetch */
}

/* Not in ktest=all: dereference NULL and let the oops path report it.  The
 * host test checks for the vector's name, CR2 = 0, a backtrace naming this
 * function, and a PANIC: line. */
KTEST_MANUAL(oops_null_pointer)
{
	volatile u64 *p = NULL;
	*p = 1;
	KT_FAIL("writing to NULL did not fault");
}

static volatile u64 depth_limit = ~0ULL; /* volatile: GCC cannot see the end */

static __noinline u64 recurse(u64 depth)
{
	volatile u8 pad[512];
	pad[0] = (u8)depth;
	if (depth == depth_limit)
		return 0;
	return recurse(depth + 1) + pad[0];
}

/* Not in ktest=all: overflow the boot stack into its guard page.  The page
 * fault cannot be delivered on the dead stack, so the CPU raises a double
 * fault, which runs on its own IST stack and reports. */
KTEST_MANUAL(oops_stack_overflow)
{
	recurse(0);
	KT_FAIL("infinite recursion returned");
}

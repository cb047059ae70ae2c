/*
 * arch/ia64/stack.c - kernel thread stacks on IA-64, and a new thread's
 * first switch frame.
 *
 * An IA-64 thread has two stacks: the memory stack (r12), growing down,
 * and the register stack's backing store (ar.bspstore), growing up, where
 * the RSE spills the stacked registers of its callers.  As Linux/ia64 did,
 * both share one allocation: the backing store from its bottom up, the
 * memory stack from its top down.  For a stack of `bytes`, twice as many
 * are allocated, so each has at least `bytes`.  There is no guard page:
 * Tern runs in physical mode on IA-64, without translation to make one.
 *
 * The top 16 bytes of the allocation keep the backing store's address,
 * for hal_stack_init(); the stack top returned is below them.
 */
#include "arch/ia64/asm.h"
#include "kernel/hal.h"
#include "kernel/page_alloc.h"
#include "kernel/spinlock.h"
#include "lib/string.h"

static DEFINE_SPINLOCK(stack_lock);
static struct hal_stack_stats stats; /* protected by stack_lock */

void *hal_stack_alloc(size_t bytes)
{
	size_t pages = DIV_ROUND_UP(bytes, PAGE_SIZE);
	if (!pages)
		return NULL;
	u8 *base = alloc_pages(2 * pages);
	if (!base)
		return NULL;
	u64 top = (u64)base + 2 * pages * PAGE_SIZE - 16;
	*(u64 *)(top + 8) = (u64)base;
	irqflags_t flags = spin_lock_irqsave(&stack_lock);
	if (++stats.in_use > stats.high_water)
		stats.high_water = stats.in_use;
	spin_unlock_irqrestore(&stack_lock, flags);
	return (void *)top;
}

void hal_stack_free(void *stack_top, size_t bytes)
{
	size_t pages = DIV_ROUND_UP(bytes, PAGE_SIZE);
	free_pages((u8 *)stack_top + 16 - 2 * pages * PAGE_SIZE, 2 * pages);
	irqflags_t flags = spin_lock_irqsave(&stack_lock);
	stats.in_use--;
	spin_unlock_irqrestore(&stack_lock, flags);
}

void hal_stack_get_stats(struct hal_stack_stats *st)
{
	irqflags_t flags = spin_lock_irqsave(&stack_lock);
	*st = stats;
	spin_unlock_irqrestore(&stack_lock, flags);
}

extern char task_first_run[]; /* switch.S: the code, not a descriptor */

/* A switch frame that "returns" into task_first_run with an empty
 * register stack at the bottom of the allocation, and 16 bytes of
 * scratch above the stack pointer, as every function may assume. */
u64 hal_stack_init(void *stack_top)
{
	u64 top = (u64)stack_top;
	u64 sp = top - 16 - SW_SIZE;
	memset((void *)sp, 0, SW_SIZE);
	*(u64 *)(sp + SW_B0) = (u64)task_first_run;
	*(u64 *)(sp + SW_BSPSTORE) = *(u64 *)(top + 8);
	return sp;
}

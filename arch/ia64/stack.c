/*
 * arch/ia64/stack.c - kernel thread stacks on IA-64, a new thread's first
 * switch frame, and the C side of hal_context_switch() (switch.S).
 *
 * An IA-64 thread has two stacks: the memory stack (r12), growing down,
 * and the register stack's backing store (ar.bspstore), growing up, where
 * the RSE spills the stacked registers of its callers.  As Linux/ia64 did,
 * both share one allocation: the backing store from its bottom up, the
 * memory stack from its top down.  For a stack of `bytes`, twice as many
 * are allocated, so each has at least `bytes`.  There is no guard page:
 * Tern runs in physical mode on IA-64, without translation to make one.
 *
 * The top STACK_TOP_RESERVE bytes of the allocation keep the backing
 * store's address, for hal_stack_init() and an AP's first instructions
 * (asm.h); the stack top returned is below them.
 */
#include "arch/ia64/asm.h"
#include "kernel/hal.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/spinlock.h"
#include "kernel/task.h"
#include "lib/string.h"

/* switch.S stores and loads a task's saved stack pointer at the task's
 * address itself ([in0], [in1]: IA-64 loads and stores have no offset). */
BUILD_BUG_ON(offsetof(struct task, saved_sp) != 0);

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
	u64 top = (u64)base + 2 * pages * PAGE_SIZE - STACK_TOP_RESERVE;
	*(u64 *)(top + STACK_TOP_BSPSTORE) = (u64)base;
	irqflags_t flags = spin_lock_irqsave(&stack_lock);
	if (++stats.in_use > stats.high_water)
		stats.high_water = stats.in_use;
	spin_unlock_irqrestore(&stack_lock, flags);
	return (void *)top;
}

void hal_stack_free(void *stack_top, size_t bytes)
{
	size_t pages = DIV_ROUND_UP(bytes, PAGE_SIZE);
	free_pages((u8 *)stack_top + STACK_TOP_RESERVE - 2 * pages * PAGE_SIZE,
		   2 * pages);
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

/*
 * A switch frame that "returns" into task_first_run with an empty
 * register stack at the bottom of the allocation, and 16 bytes of
 * scratch above the stack pointer, as every function may assume.
 * Called by kthread creation (kernel/kthread.c) on a stack that
 * hal_stack_alloc() returned and no thread runs on yet; any context, no
 * lock needed.  Returns the new thread's saved_sp: 16-byte aligned, as
 * switch.S keeps every stack pointer.
 */
u64 hal_stack_init(void *stack_top)
{
	u64 top = (u64)stack_top;
	BUG_ON(!stack_top || top % 16);
	struct ia64_switch_frame *sw =
	    (void *)(top - IA64_SCRATCH_SIZE - sizeof(*sw));
	memset(sw, 0, sizeof(*sw));
	sw->b0 = (u64)task_first_run;
	sw->bspstore = *(u64 *)(top + STACK_TOP_BSPSTORE);
	return (u64)sw;
}

/*
 * switch.S calls this when hal_context_switch() was entered against its
 * contract (interrupts on, a switch to itself, or to a task with no saved
 * stack pointer); the BUG_ON that holds names which.  Interrupts as the
 * caller had them; never returns.
 */
__noreturn void ia64_switch_bug(struct task *prev, struct task *next)
{
	BUG_ON(hal_irqs_enabled());
	BUG_ON(prev == next);
	BUG_ON(!next->saved_sp);
	panic("hal_context_switch(%s, %s): called against its contract",
	      prev->name, next->name);
}

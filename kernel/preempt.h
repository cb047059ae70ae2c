/*
 * kernel/preempt.h - when the running task may be switched away.
 *
 * Tern's kernel is preemptible: a timer tick or a wake-up can make a
 * better task run at once, in the middle of kernel code.  Code that must
 * not lose the CPU halfway (it holds a spinlock another task on this CPU
 * could then spin on forever) raises current->preempt_count; preemption
 * waits until it is back to 0.  spin_lock() and spin_unlock() do it.
 */
#ifndef TERN_KERNEL_PREEMPT_H
#define TERN_KERNEL_PREEMPT_H

#include "kernel/task.h"
#include "lib/compiler.h"

/* Added to preempt_count while a task is being preempted (kernel/preempt.c):
 * schedule() then keeps it queued whatever its state. */
#define PREEMPT_ACTIVE 0x10000000

/*
 * Raise the count: no preemption until preempt_enable().  Any context.
 * And lower it without looking for a reschedule: for schedule() itself,
 * and for callers about to call it anyway.  Macros, so that schedule() and
 * spin_lock() pay no call for one increment; macros rather than inline
 * functions because `current` (percpu.h) cannot be seen here - percpu.h
 * includes spinlock.h, which includes this - but is wherever they are
 * used.
 */
#define preempt_disable()                                                      \
	do {                                                                   \
		current->preempt_count++;                                      \
		barrier();                                                     \
	} while (0)
#define preempt_enable_no_resched()                                            \
	do {                                                                   \
		barrier();                                                     \
		current->preempt_count--;                                      \
	} while (0)
/* Lower the count, and reschedule now if that was asked meanwhile. */
void preempt_enable(void);
/* Reschedule now if asked and allowed (count 0, interrupts on). */
void preempt_check_resched(void);
/* Called by the arch on the way out of an interrupt, interrupts off:
 * preempt the interrupted task if it should be and may be. */
void sched_irq_exit(bool interrupted_with_irqs_on);

#endif

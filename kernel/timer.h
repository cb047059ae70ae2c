/*
 * kernel/timer.h - run a function when jiffies reaches a value.
 *
 * Each CPU keeps its own list of pending timers; its timer interrupt runs
 * the ones that are due, in interrupt context.  msleep() is built on them.
 */
#ifndef TERN_KERNEL_TIMER_H
#define TERN_KERNEL_TIMER_H

#include "lib/compiler.h"
#include "lib/list.h"

struct timer {
	struct list_head node;
	unsigned long expires; /* jiffies */
	void (*fn)(void *arg); /* runs in the timer interrupt */
	void *arg;
	int cpu; /* whose list it is on; -1 when not pending */
};

void timer_init(struct timer *t, void (*fn)(void *), void *arg);
/* Start t on this CPU's list. */
void add_timer(struct timer *t, unsigned long expires);
/* Stop t if pending; true if it was.  After it returns, fn is not running
 * and will not run (unless called from fn itself). */
bool del_timer(struct timer *t);
/* From the tick: run this CPU's expired timers. */
void run_timers(void);

/* Is t pending?  A snapshot (an unlocked read of one word).  Pending
 * means on a list: list_del_init() leaves an idle timer's node empty. */
static inline bool timer_pending(const struct timer *t)
{
	return READ_ONCE(t->node.next) != &t->node;
}

#endif

/*
 * kernel/wait.h - sleeping until something happens.
 *
 * A wait queue is a list of sleeping tasks.  A task that waits for a
 * condition puts itself on the queue, marks itself asleep, checks the
 * condition once more (it may have come true meanwhile: then it never
 * sleeps), and calls schedule().  Whoever makes the condition true calls
 * wake_up() on the queue.  The order - on the queue and asleep first, then
 * the last check - is what makes a wake-up impossible to miss.
 *
 * A completion is a wait queue with a counter: "this has happened N times".
 * wait_for_completion() returns at once if it already has.
 */
#ifndef TERN_KERNEL_WAIT_H
#define TERN_KERNEL_WAIT_H

#include "kernel/spinlock.h"
#include "kernel/task.h"
#include "lib/list.h"

struct wait_queue_head {
	spinlock_t lock;
	struct list_head waiters; /* struct wait_entry */
};

struct wait_entry {
	struct list_head node;
	struct task *task;
};

void init_waitqueue_head(struct wait_queue_head *wq);
/* Put `e` (for current) on wq, and set current's state.  Then check the
 * condition, schedule() if still false, and finish_wait(). */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_entry *e,
		     long state);
void finish_wait(struct wait_queue_head *wq, struct wait_entry *e);
/* Wake every task waiting on wq. */
void wake_up(struct wait_queue_head *wq);

/* Sleep until `cond` is true; it is re-checked after every wake-up. */
#define wait_event(wq, cond)                                                   \
	do {                                                                   \
		struct wait_entry we__ = {.node = LIST_HEAD_INIT(we__.node)};  \
		for (;;) {                                                     \
			prepare_to_wait(&(wq), &we__, TASK_UNINTERRUPTIBLE);   \
			if (cond)                                              \
				break;                                         \
			schedule();                                            \
		}                                                              \
		finish_wait(&(wq), &we__);                                     \
	} while (0)

struct completion {
	unsigned done;
	struct wait_queue_head wait;
};

void init_completion(struct completion *c);
void complete(struct completion *c);	 /* one waiter may go on */
void complete_all(struct completion *c); /* every waiter, now and later */
void wait_for_completion(struct completion *c);

/* Sleep for at least `ms` milliseconds (timer.c). */
void msleep(unsigned ms);
/* Sleep for `ticks` timer ticks; returns 0. */
long schedule_timeout(unsigned long ticks);

#endif

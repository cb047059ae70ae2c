/*
 * kernel/wait.h - sleeping until something happens.
 *
 * A wait queue is a list of sleeping tasks.  A task that waits for a
 * condition puts itself on the queue, marks itself asleep, checks the
 * condition once more (it may have come true meanwhile: then it never
 * sleeps), and calls schedule().  Whoever makes the condition true calls
 * wake_up() on the queue.  The order - on the queue and asleep first, then
 * the last check - is what makes a wake-up impossible to miss:
 *
 *	DEFINE_WAIT_ENTRY(e);
 *	for (;;) {
 *		prepare_to_wait(&wq, &e, TASK_UNINTERRUPTIBLE);
 *		if (condition)
 *			break;
 *		schedule();
 *	}
 *	finish_wait(&wq, &e);
 *
 * (wait_event() below is exactly this.)  A waiter must check its condition
 * again after every wake-up: a wake-up says "look again", not "it is yours".
 *
 * Exclusive waits.  When one event can satisfy only one waiter (a lock
 * came free, one item arrived), waking them all is a thundering herd: all
 * run, one wins, the others go back to sleep.  A waiter that says so with
 * prepare_to_wait_exclusive() is queued at the tail, behind the ordinary
 * ("non-exclusive") waiters, which go at the head; wake_up() wakes every
 * non-exclusive waiter and the first exclusive one, and stops there.
 * wake_up_all() still wakes everyone.
 *
 * The wake-up takes each waiter it wakes off the queue, at once, under the
 * queue's lock.  That is what makes "one wake-up, one waiter" hold: a second
 * wake_up() before the first waiter gets to run finds that waiter gone and
 * wakes the next.  (Leaving it queued until it runs would let two wake-ups
 * land on the same waiter, and the second would be lost.)  The woken task
 * puts itself back with its next prepare_to_wait*() if it must wait again.
 *
 * A completion is a wait queue with a counter: "this has happened N times".
 * wait_for_completion() returns at once if it already has; otherwise it
 * waits exclusively, so each complete() lets exactly one more waiter go.
 *
 * Lock order: a queue's lock is taken before runqueue locks (wake-ups
 * take the woken task's runqueue lock), never after.
 */
#ifndef TERN_KERNEL_WAIT_H
#define TERN_KERNEL_WAIT_H

#include "kernel/spinlock.h"
#include "kernel/task.h"
#include "lib/list.h"

struct wait_queue_head {
	/* Guarded by `lock`, taken with interrupts off (wake-ups come from
	 * interrupt handlers).  waiters: struct wait_entry, the
	 * non-exclusive ones first, then the exclusive ones in the order
	 * they came. */
	spinlock_t lock;
	struct list_head waiters;
};

/* One waiting task; usually on its own stack (DEFINE_WAIT_ENTRY).
 * Invariant: on the queue from prepare_to_wait*() until a wake-up picks it
 * (which takes it off) or finish_wait(). */
struct wait_entry {
	/* Guarded by the queue's lock (wq->lock): written by
	 * prepare_to_wait*() and by the wake-up that takes the entry off,
	 * read by wake-ups.  exclusive does not change while queued. */
	struct list_head node; /* on wq->waiters, or empty */
	struct task *task;     /* the waiter: current at prepare_to_wait*() */
	bool exclusive;	       /* wake_up() wakes only the first such entry */
};

#define DEFINE_WAIT_ENTRY(name)                                                \
	struct wait_entry name = {.node = LIST_HEAD_INIT(name.node)}

void init_waitqueue_head(struct wait_queue_head *wq);

/*
 * prepare_to_wait(): queue `e` for current (at the head) unless it is
 * queued already, and set current->state to `state`.  Then the caller
 * checks its condition, calls schedule() if it is still false, and loops;
 * finish_wait() when done.
 * prepare_to_wait_exclusive(): the same for an exclusive waiter, queued at
 * the tail.
 * Task context only (never an interrupt handler), holding no spinlock: the
 * caller is about to sleep.  Takes wq->lock with interrupts saved.
 */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_entry *e,
		     long state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq, struct wait_entry *e,
			       long state);
/*
 * finish_wait(): current is running again and off the queue.  If `e` is
 * exclusive and a wake-up picked it after its last prepare_to_wait*() (the
 * caller found its condition true and is leaving anyway), that wake-up may
 * have been meant for another waiter: it is handed on to the next
 * exclusive one, which checks its own condition.  Task context, as above.
 */
void finish_wait(struct wait_queue_head *wq, struct wait_entry *e);

/*
 * wake_up(): wake every non-exclusive waiter and the first exclusive one.
 * wake_up_all(): wake every waiter.
 * Each woken waiter is taken off the queue.  Any context, interrupt
 * handlers included; the caller must not hold a runqueue lock (these take
 * wq->lock, then the woken tasks' runqueue locks).
 */
void wake_up(struct wait_queue_head *wq);
void wake_up_all(struct wait_queue_head *wq);

/* The loop at the top of this file, for wait_event*() below. */
#define wait_event_with(wq, cond, prepare)                                     \
	do {                                                                   \
		DEFINE_WAIT_ENTRY(we__);                                       \
		for (;;) {                                                     \
			prepare(&(wq), &we__, TASK_UNINTERRUPTIBLE);           \
			if (cond)                                              \
				break;                                         \
			schedule();                                            \
		}                                                              \
		finish_wait(&(wq), &we__);                                     \
	} while (0)

/* Sleep until `cond` is true; it is re-checked after every wake-up.  Task
 * context only. */
#define wait_event(wq, cond) wait_event_with(wq, cond, prepare_to_wait)
/* The same as an exclusive waiter: a wake_up() wakes only one of these.
 * For conditions that one event makes true for one waiter only; the
 * condition may take what it waits for (e.g. decrement a count). */
#define wait_event_exclusive(wq, cond)                                         \
	wait_event_with(wq, cond, prepare_to_wait_exclusive)

/* Invariant: done is the number of complete() calls not yet matched by a
 * wait_for_completion() return, or COMPLETION_ALL for ever after
 * complete_all(). */
struct completion {
	/* Guarded by wait.lock (interrupts off), the lock of the queue its
	 * waiters sleep on: a waiter checks done and queues itself under
	 * that one lock, so a complete() cannot fall between the two. */
	struct wait_queue_head wait;
	unsigned done;
};

#define COMPLETION_ALL (~0u)

void init_completion(struct completion *c);
/* One waiter may go on (now, or the next to come).  Any context, as
 * wake_up(). */
void complete(struct completion *c);
/* Every waiter, now and later.  Any context, as wake_up(). */
void complete_all(struct completion *c);
/* Return once a complete() is ours.  Task context only, no spinlock held. */
void wait_for_completion(struct completion *c);

/* Sleep for at least `ms` milliseconds (timer.c). */
void msleep(unsigned ms);
/* Sleep for `ticks` timer ticks; returns 0. */
long schedule_timeout(unsigned long ticks);

#endif

/*
 * kernel/wait.c - wait queues and completions (see wait.h).
 *
 * "Woken" here means "picked by a waker and taken off the queue", not
 * wake_up_process()'s answer: that answer is false for a waiter that has
 * marked itself asleep but not yet switched out (it is still on its
 * runqueue), and such a waiter must still count as the one woken - it will
 * look at its condition again before it sleeps.
 */
#include "kernel/wait.h"
#include "kernel/panic.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock, "waitqueue");
	INIT_LIST_HEAD(&wq->waiters);
}

/*
 * Wake every non-exclusive waiter and the first `nr_exclusive` exclusive
 * ones (0: all of them), taking each off the queue.  Non-exclusive waiters
 * sit at the head, so stopping after the last exclusive one wanted skips
 * none of them.
 * Contract: wq->lock held, interrupts off; any context.
 */
static void wake_locked(struct wait_queue_head *wq, unsigned nr_exclusive)
{
	struct wait_entry *e, *next;
	list_for_each_entry_safe(e, next, &wq->waiters, node) {
		bool exclusive = e->exclusive;
		/* Off the queue first: a second wake-up must not find it.
		 * Its task cannot leave finish_wait() (and free e) while we
		 * hold the lock. */
		list_del_init(&e->node);
		wake_up_process(e->task);
		if (exclusive && nr_exclusive && !--nr_exclusive)
			break;
	}
}

/*
 * Queue e for current (head or tail by kind) unless it is queued already,
 * and mark current asleep.  The state is set under the lock, so a waker
 * that finds e on the queue finds current marked asleep too.
 * Contract: task context, no spinlock held; the caller sleeps next.
 */
static void prepare(struct wait_queue_head *wq, struct wait_entry *e,
		    long state, bool exclusive)
{
	BUG_ON(in_interrupt());
	might_sleep(); /* the caller sleeps next (sched.h) */
	irqflags_t flags = spin_lock_irqsave(&wq->lock);
	e->task = current;
	if (list_empty(&e->node)) {
		e->exclusive = exclusive;
		if (exclusive)
			list_add_tail(&e->node, &wq->waiters);
		else
			list_add(&e->node, &wq->waiters);
	}
	BUG_ON(e->exclusive != exclusive); /* one kind while queued */
	current->state = state;
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_entry *e,
		     long state)
{
	prepare(wq, e, state, false);
}

void prepare_to_wait_exclusive(struct wait_queue_head *wq, struct wait_entry *e,
			       long state)
{
	prepare(wq, e, state, true);
}

void finish_wait(struct wait_queue_head *wq, struct wait_entry *e)
{
	current->state = TASK_RUNNING;
	irqflags_t flags = spin_lock_irqsave(&wq->lock);
	if (!list_empty(&e->node))
		list_del_init(&e->node);
	else if (e->exclusive)
		/* Picked since our last prepare, and leaving: the wake-up
		 * may have been meant for someone else.  At worst the next
		 * waiter wakes for nothing and sleeps again. */
		wake_locked(wq, 1);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(struct wait_queue_head *wq)
{
	irqflags_t flags = spin_lock_irqsave(&wq->lock);
	wake_locked(wq, 1);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up_all(struct wait_queue_head *wq)
{
	irqflags_t flags = spin_lock_irqsave(&wq->lock);
	wake_locked(wq, 0);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void init_completion(struct completion *c)
{
	c->done = 0;
	init_waitqueue_head(&c->wait);
}

void complete(struct completion *c)
{
	irqflags_t flags = spin_lock_irqsave(&c->wait.lock);
	if (c->done != COMPLETION_ALL)
		c->done++;
	wake_locked(&c->wait, 1); /* the waiters are all exclusive */
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

void complete_all(struct completion *c)
{
	irqflags_t flags = spin_lock_irqsave(&c->wait.lock);
	c->done = COMPLETION_ALL;
	wake_locked(&c->wait, 0);
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

/*
 * Why no complete() is lost: done is checked and taken under the lock, and
 * every complete() that finds waiters takes one off the queue.  So while
 * anyone is queued, each unit of done has a waiter that was taken off for
 * it and will look at done again under the lock: it takes the unit, or
 * finds that a newcomer took it first and queues again.
 * Contract: task context, no spinlock held.
 */
void wait_for_completion(struct completion *c)
{
	BUG_ON(in_interrupt());
	might_sleep();
	irqflags_t flags = spin_lock_irqsave(&c->wait.lock);
	if (!c->done) {
		DEFINE_WAIT_ENTRY(e);
		e.task = current;
		e.exclusive = true;
		do {
			if (list_empty(&e.node))
				list_add_tail(&e.node, &c->wait.waiters);
			current->state = TASK_UNINTERRUPTIBLE;
			spin_unlock_irqrestore(&c->wait.lock, flags);
			schedule();
			flags = spin_lock_irqsave(&c->wait.lock);
		} while (!c->done);
		/* still queued if something else woke us */
		if (!list_empty(&e.node))
			list_del_init(&e.node);
	}
	if (c->done != COMPLETION_ALL)
		c->done--;
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

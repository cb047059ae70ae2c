/*
 * kernel/wait.c - wait queues and completions (see wait.h).
 */
#include "kernel/wait.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock, "waitqueue");
	INIT_LIST_HEAD(&wq->waiters);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_entry *e,
		     long state)
{
	irqflags_t flags = spin_lock_irqsave(&wq->lock);
	e->task = current;
	if (list_empty(&e->node)) /* not yet on it (first time round) */
		list_add_tail(&e->node, &wq->waiters);
	current->state = state;
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_entry *e)
{
	current->state = TASK_RUNNING;
	irqflags_t flags = spin_lock_irqsave(&wq->lock);
	list_del_init(&e->node);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(struct wait_queue_head *wq)
{
	struct wait_entry *e;
	irqflags_t flags = spin_lock_irqsave(&wq->lock);
	list_for_each_entry(e, &wq->waiters, node)
		wake_up_process(e->task);
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
	c->done++;
	/* one waiter is enough: the count lets only one through */
	if (!list_empty(&c->wait.waiters)) {
		struct wait_entry *e =
		    list_first_entry(&c->wait.waiters, struct wait_entry, node);
		wake_up_process(e->task);
	}
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

void complete_all(struct completion *c)
{
	irqflags_t flags = spin_lock_irqsave(&c->wait.lock);
	c->done = ~0u / 2;
	struct wait_entry *e;
	list_for_each_entry(e, &c->wait.waiters, node)
		wake_up_process(e->task);
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

void wait_for_completion(struct completion *c)
{
	struct wait_entry e;
	INIT_LIST_HEAD(&e.node);
	irqflags_t flags = spin_lock_irqsave(&c->wait.lock);
	while (!c->done) {
		e.task = current;
		if (list_empty(&e.node))
			list_add_tail(&e.node, &c->wait.waiters);
		current->state = TASK_UNINTERRUPTIBLE;
		spin_unlock_irqrestore(&c->wait.lock, flags);
		schedule();
		flags = spin_lock_irqsave(&c->wait.lock);
	}
	list_del_init(&e.node);
	c->done--;
	current->state = TASK_RUNNING;
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

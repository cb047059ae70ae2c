/*
 * kernel/sched_prio.c - the priority array (see sched_prio.h).
 */
#include "kernel/sched_prio.h"
#include "kernel/panic.h"

void prio_array_init(struct prio_array *a)
{
	a->nr_active = 0;
	bitmap_zero(a->bitmap, MAX_PRIO + 1);
	__set_bit(MAX_PRIO, a->bitmap); /* the sentinel */
	for (int i = 0; i < MAX_PRIO; i++)
		INIT_LIST_HEAD(&a->queue[i]);
}

/* Entry and exit: the runqueue that owns `a` locked (or a test's own
 * array); p on no array on entry, on `a` at exit: at the tail of its
 * priority's list, or at the head if `head` (runs before its equals). */
static inline void enqueue(struct task *p, struct prio_array *a, bool head)
{
	BUG_ON(p->array);
	if (head)
		list_add(&p->run_list, &a->queue[p->prio]);
	else
		list_add_tail(&p->run_list, &a->queue[p->prio]);
	__set_bit(p->prio, a->bitmap);
	a->nr_active++;
	p->array = a;
}

void enqueue_task(struct task *p, struct prio_array *a)
{
	enqueue(p, a, false);
}

void enqueue_task_head(struct task *p, struct prio_array *a)
{
	enqueue(p, a, true);
}

/* Entry and exit: as enqueue_task(); p on `a` on entry (the array it is
 * really in), on none at exit. */
void dequeue_task(struct task *p, struct prio_array *a)
{
	BUG_ON(p->array != a);
	a->nr_active--;
	list_del(&p->run_list);
	/* LAB 1 BEGIN stub: (void)0; */
	if (list_empty(&a->queue[p->prio]))
		__clear_bit(p->prio, a->bitmap);
	/* LAB 1 END */
	p->array = NULL;
}

void requeue_task(struct task *p, struct prio_array *a)
{
	list_move_tail(&p->run_list, &a->queue[p->prio]);
}

int prio_array_first(const struct prio_array *a)
{
	/* The sentinel bit guarantees an answer: MAX_PRIO means empty. */
	/* LAB 1 BEGIN stub: (void)a; return MAX_PRIO; */
	return (int)find_first_bit(a->bitmap, MAX_PRIO + 1);
	/* LAB 1 END */
}

struct task *prio_array_next_task(const struct prio_array *a)
{
	int idx = prio_array_first(a);
	if (idx == MAX_PRIO)
		return NULL;
	return list_first_entry(&a->queue[idx], struct task, run_list);
}

struct prio_array *array_after_policy_change(struct prio_array *was,
					     struct prio_array *active,
					     int policy)
{
	return policy != SCHED_NORMAL ? active : was;
}

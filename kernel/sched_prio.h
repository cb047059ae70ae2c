/*
 * kernel/sched_prio.h - the O(1) scheduler's priority array.
 *
 * One list of runnable tasks per priority (140 of them) and a bitmap with
 * a bit set for each non-empty list.  Finding the highest-priority task is
 * a find-first-bit over 140 bits (three 64-bit words) plus taking the head
 * of one list: the same cost whether 2 or 20,000 tasks are runnable.  That
 * is the "O(1)" in the scheduler's name.
 *
 * Each runqueue has two arrays, `active` and `expired`: a task that used up
 * its time slice goes to `expired`; when `active` is empty the two are
 * swapped, which hands every task a new slice in one pointer exchange.
 *
 * These functions take no locks; the caller holds the runqueue lock.  They
 * compile on the host too (tests/test_sched.c).
 */
#ifndef TERN_KERNEL_SCHED_PRIO_H
#define TERN_KERNEL_SCHED_PRIO_H

#include "kernel/task.h"
#include "lib/bitmap.h"

struct prio_array {
	unsigned nr_active; /* tasks on all lists */
	DECLARE_BITMAP(bitmap,
		       MAX_PRIO + 1); /* bit MAX_PRIO: always set, a
				       * sentinel that ends the search */
	struct list_head queue[MAX_PRIO];
};

void prio_array_init(struct prio_array *a);
/* Add p at the tail of its priority's list (p->prio); p->array = a. */
void enqueue_task(struct task *p, struct prio_array *a);
/* Add p at the head instead (it goes next among its priority). */
void enqueue_task_head(struct task *p, struct prio_array *a);
/* Take p off a (p->array must be a); p->array = NULL. */
void dequeue_task(struct task *p, struct prio_array *a);
/* Move p to the tail of its priority's list (round robin). */
void requeue_task(struct task *p, struct prio_array *a);
/* Highest-priority (lowest number) non-empty list, or MAX_PRIO if none. */
int prio_array_first(const struct prio_array *a);
/* The task that would run next from a, or NULL. */
struct task *prio_array_next_task(const struct prio_array *a);
/* Where sched_setscheduler() puts a queued task back, out of `was`: the
 * active array if its new policy is real-time (it must be able to run at
 * once), else `was` (a normal task gains no new turn by asking). */
struct prio_array *array_after_policy_change(struct prio_array *was,
					     struct prio_array *active,
					     int policy);

#endif

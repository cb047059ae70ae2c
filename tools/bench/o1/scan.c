/*
 * tools/bench/o1/scan.c - the O(n) way to choose the next task: xv6's.
 *
 * xv6 keeps every process in one fixed table, and its scheduler loops
 * over the whole table, from the first slot, for a process it can run.
 * It has no priorities, so it takes the first runnable one it meets.  A
 * scheduler with priorities that keeps its tasks that way must look at
 * every slot before it knows which one is best - the tasks that cannot
 * run included.  This file does exactly that, plainly, for the benchmark
 * to set beside Tern's O(1) pick (docs/bench-o1.md): one pass over the
 * whole table per pick.
 *
 * The rules are Tern's, without its two arrays: the lowest prio number
 * wins; among equals, the task that gave up the CPU longest ago (its
 * sleep_timestamp, in this scheduler's ticks) - round robin.  Each tick
 * costs the running task one tick of its slice; at the end of the slice
 * it gets a new one (task_timeslice(), kernel/sched_calc.c) and goes to
 * the back of its priority's line.
 */
#include "kernel/sched_calc.h"
#include "tools/bench/o1/o1.h"

struct task *scan_pick(const struct scan_table *t,
		       const struct prio_array *only)
{
	struct task *best = NULL;

	for (struct task *p = t->task; p < t->task + t->n; p++) {
		if (p->state != TASK_RUNNING)
			continue;
		if (only && p->array != only)
			continue;
		if (!best || p->prio < best->prio ||
		    (p->prio == best->prio &&
		     p->sleep_timestamp < best->sleep_timestamp))
			best = p;
	}
	return best;
}

void scan_tick(struct scan_table *t)
{
	struct task *p = t->curr;

	t->now++;
	if (!p)
		return; /* idle */
	p->ticks_run++;
	if (--p->time_slice > 0)
		return;
	p->time_slice = task_timeslice(p->static_prio, HOST_HZ);
	p->sleep_timestamp = t->now; /* the back of its priority's line */
	p->need_resched = true;
}

void scan_schedule(struct scan_table *t)
{
	struct task *prev = t->curr, *next;

	if (prev)
		prev->need_resched = false;
	next = scan_pick(t, NULL);
	if (next && next != prev)
		next->nr_switches++;
	t->curr = next;
}

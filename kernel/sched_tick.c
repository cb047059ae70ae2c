/*
 * kernel/sched_tick.c - the time-slice rules of the O(1) scheduler, apart
 * from its locks.
 *
 * scheduler_tick() and schedule() (kernel/sched.c) take the runqueue lock
 * and then call these for the decisions: which task runs next, and what a
 * tick does to the one running.  The host tests (tests/test_sched.c) call
 * the very same functions to run one CPU for 100,000 ticks and measure who
 * got how much of it - nice 0 against nice 10, hogs that lose their
 * interactivity bonus - so a mistake here fails them, not just the boot.
 *
 * The rules, Linux 2.5's (April 2002, kernel/sched.c of 2.5.8):
 *  - Each tick costs the running task one tick of sleep_avg and of slice.
 *  - At the end of its slice it gets a new priority (from sleep_avg) and a
 *    new slice, and goes to the expired array - unless it is interactive,
 *    and the tasks already waiting there are not starving, in which case it
 *    stays in the active array and may run again at once.
 *  - When the active array is empty, the two arrays swap: every expired
 *    task has its new slice already, so one pointer exchange starts a new
 *    round.
 */
#include "kernel/sched_tick.h"
#include "kernel/sched_calc.h"

struct task *slice_pick_next(const struct slice_queues *q)
{
	if (!(*q->active)->nr_active) {
		struct prio_array *a = *q->active;
		*q->active = *q->expired;
		*q->expired = a;
		*q->expired_timestamp = 0;
	}
	return prio_array_next_task(*q->active);
}

bool slice_tick_normal(struct task *p, const struct slice_queues *q,
		       unsigned long ticks, unsigned long now, unsigned hz)
{
	p->sleep_avg = sleep_avg_after_run(p->sleep_avg, ticks);
	p->time_slice = slice_after_run(p->time_slice, ticks);
	if (p->time_slice > 0)
		return false;

	dequeue_task(p, *q->active);
	p->prio = effective_prio(p->policy, p->static_prio, p->rt_priority,
				 p->sleep_avg, hz);
	p->time_slice =
	    slice_refill(p->time_slice, task_timeslice(p->static_prio, hz));
	p->first_time_slice = false;
	if (!task_interactive(p->prio, p->static_prio) ||
	    expired_starving(*q->expired_timestamp, now, q->nr_running, hz)) {
		if (!*q->expired_timestamp)
			*q->expired_timestamp = now;
		enqueue_task(p, *q->expired);
	} else {
		enqueue_task(p, *q->active);
	}
	return true;
}

bool slice_tick_rr(struct task *p, const struct slice_queues *q,
		   unsigned long ticks, unsigned hz)
{
	p->time_slice = slice_after_run(p->time_slice, ticks);
	if (p->time_slice > 0)
		return false;
	p->time_slice =
	    slice_refill(p->time_slice, task_timeslice(p->static_prio, hz));
	p->first_time_slice = false;
	requeue_task(p, *q->active);
	return true;
}

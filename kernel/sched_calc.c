/*
 * kernel/sched_calc.c - the scheduler's arithmetic (see sched_calc.h).
 */
#include "kernel/sched_calc.h"

unsigned long ms_to_ticks(unsigned long ms, unsigned hz)
{
	unsigned long t = ms * hz / 1000;
	return t ? t : 1;
}

int task_timeslice(int static_prio, unsigned hz)
{
	/* LAB 2 BEGIN stub: (void)static_prio; return (int)hz / 10; */
	int range = MAX_TIMESLICE_MS - MIN_TIMESLICE_MS;
	int ms = MIN_TIMESLICE_MS +
		 range * (MAX_PRIO - 1 - static_prio) / (MAX_USER_PRIO - 1);
	return (int)ms_to_ticks((unsigned long)ms, hz);
	/* LAB 2 END */
}

unsigned long max_sleep_avg(unsigned hz)
{
	return ms_to_ticks(MAX_SLEEP_AVG_MS, hz);
}

int sleep_bonus(unsigned long sleep_avg, unsigned hz)
{
	/* LAB 2 BEGIN stub: (void)sleep_avg; (void)hz; return 0; */
	const int levels = MAX_USER_PRIO * PRIO_BONUS_RATIO / 100; /* 10 */
	unsigned long max = max_sleep_avg(hz);
	if (sleep_avg > max)
		sleep_avg = max;
	return (int)(levels * sleep_avg / max) - levels / 2;
	/* LAB 2 END */
}

int effective_prio(int policy, int static_prio, int rt_priority,
		   unsigned long sleep_avg, unsigned hz)
{
	if (policy != SCHED_NORMAL)
		return MAX_RT_PRIO - 1 - rt_priority;
	int prio = static_prio - sleep_bonus(sleep_avg, hz);
	if (prio < MAX_RT_PRIO)
		prio = MAX_RT_PRIO;
	if (prio > MAX_PRIO - 1)
		prio = MAX_PRIO - 1;
	return prio;
}

bool task_interactive(int prio, int static_prio)
{
	/* DELTA: nice scaled onto the bonus range, plus INTERACTIVE_DELTA, so
	 * a niced task must sleep more to count as interactive. */
	/* LAB 2 BEGIN stub: (void)prio; (void)static_prio; return false; */
	int nice = PRIO_TO_NICE(static_prio);
	int delta =
	    nice * (MAX_USER_PRIO * PRIO_BONUS_RATIO / 100) / NICE_WIDTH +
	    INTERACTIVE_DELTA;
	return prio <= static_prio - delta;
	/* LAB 2 END */
}

unsigned long sleep_avg_after_sleep(unsigned long sleep_avg,
				    unsigned long slept, unsigned hz)
{
	unsigned long max = max_sleep_avg(hz);
	if (slept >= max || sleep_avg + slept >= max)
		return max;
	return sleep_avg + slept;
}

unsigned long sleep_avg_after_run(unsigned long sleep_avg, unsigned long ran)
{
	return ran >= sleep_avg ? 0 : sleep_avg - ran;
}

int slice_after_run(int time_slice, unsigned long ran)
{
	/* no overflow: an overrun of more than a slice is forgiven anyway */
	if (ran > (unsigned long)MAX_TIMESLICE_MS * 100)
		ran = (unsigned long)MAX_TIMESLICE_MS * 100;
	return time_slice - (int)ran;
}

int slice_refill(int left, int full)
{
	int next = full + MIN(left, 0);
	return next > 0 ? next : 1;
}

bool period_crossed(unsigned long before, unsigned long after,
		    unsigned long period)
{
	if (!period)
		period = 1;
	return after - before >= period || after / period != before / period;
}

unsigned long next_period(unsigned long next, unsigned long now,
			  unsigned long period)
{
	if (!period)
		period = 1;
	if ((long)(now - next) < 0) /* not due yet */
		return next;
	return next + ((now - next) / period + 1) * period;
}

bool expired_starving(unsigned long expired_since, unsigned long now,
		      unsigned long nr_running, unsigned hz)
{
	if (!expired_since)
		return false;
	return now - expired_since >=
	       ms_to_ticks(STARVATION_LIMIT_MS, hz) * nr_running + 1;
}

int fork_child_slice(int parent_left)
{
	/* rounded up: a creator with one tick left gives it away, rather
	 * than starting a thread with nothing to run on */
	return parent_left > 0 ? (parent_left + 1) / 2 : 0;
}

unsigned long fork_child_sleep_avg(unsigned long parent_sleep_avg)
{
	return parent_sleep_avg * CHILD_PENALTY / 100;
}

unsigned long fork_parent_sleep_avg(unsigned long parent_sleep_avg)
{
	return parent_sleep_avg * PARENT_PENALTY / 100;
}

int exit_parent_slice(int parent_left, int child_left, int parent_full)
{
	if (child_left <= 0 || parent_left >= parent_full)
		return parent_left;
	/* no overflow: both are at most a slice (MAX_TIMESLICE_MS ticks) */
	return MIN(parent_left + child_left, parent_full);
}

unsigned long sched_imbalance(unsigned long this_load,
			      unsigned long busiest_load, bool idle)
{
	if (busiest_load <= this_load)
		return 0;
	unsigned long diff = busiest_load - this_load;
	/* a busy CPU acts only on a difference of at least 25% of the
	 * busiest load; moving half the difference evens the two out */
	if (!idle && diff < (busiest_load + 3) / 4) /* diff < busiest / 4 */
		return 0;
	return diff / 2;
}

unsigned long sched_mean_cap(unsigned long this_load,
			     unsigned long busiest_load, unsigned long total,
			     unsigned long ncpus)
{
	if (!ncpus)
		return 0;
	/* up to the mean rounded up: 5 tasks on 4 CPUs leave one with 2 */
	unsigned long floor = total / ncpus,
		      ceil = floor + (total % ncpus != 0);
	if (this_load >= ceil || busiest_load <= floor)
		return 0;
	return MIN(ceil - this_load, busiest_load - floor);
}

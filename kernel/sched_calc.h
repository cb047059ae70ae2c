/*
 * kernel/sched_calc.h - the O(1) scheduler's arithmetic, with no state.
 *
 * Time slices, dynamic priority and the load-balancing threshold, with
 * Linux 2.5's formulas (kernel/sched.c of 2.5.8, around April 2002):
 *
 *  time slice   10 ms for nice 19 up to 300 ms for nice -20, linear in the
 *               static priority: a nice 0 task gets 151 ms, nice 10 76 ms.
 *  sleep_avg    ticks of recent sleep, at most MAX_SLEEP_AVG (2 s): grows by
 *               the time slept at each wake-up, shrinks by one per tick run.
 *  bonus        sleep_avg mapped linearly onto -5..+5 priority levels:
 *               a task that mostly sleeps (interactive) rises by up to 5, a
 *               CPU hog sinks by up to 5.  prio = static_prio - bonus.
 *  interactive  prio at least DELTA(nice) better than static_prio; such a
 *               task, when its slice runs out, goes back to the active
 *               array instead of waiting for every other task (unless the
 *               expired array has been starving too long).
 *  fork         a new thread takes half, rounded up, of what is left of
 *               its creator's slice; the creator keeps the rest, so the two
 *               add up to what there was: creating threads makes no CPU
 *               time.  The child starts with CHILD_PENALTY (95%) of the
 *               creator's sleep_avg, the creator keeps PARENT_PENALTY
 *               (100%, as in 2.5) of its own.
 *  exit         a thread that ends before it has used up that first slice
 *               gives the rest back to its creator, up to a full slice.
 *  imbalance    pull (busiest - this) / 2 tasks; a busy CPU only when the
 *               difference is at least a quarter of the busiest queue's
 *               load (a 25% imbalance), an idle one always.  Linux 2.5
 *               compared the half-difference instead, which leaves 6
 *               against 3 alone; Tern evens that out to 5 and 4.
 *  mean cap     with `balance=mean` (the default), never pull beyond the
 *               mean load of all CPUs, nor leave the busiest below it, as
 *               Linux 2.6.7's scheduling domains did: the first idle CPU
 *               takes 4 of 128 tasks on 32 CPUs, not 64 (docs/sched.md).
 *
 * Every function here is pure (its result depends on its arguments only),
 * so tests/test_sched.c checks them on the host, compiled from this file.
 * Durations are in timer ticks; `hz` converts from milliseconds.
 *
 * A tick may charge more than one tick of time (kernel/time.h: a late
 * timer interrupt accounts the ticks it missed), and jiffies may move by
 * more than one between two looks, so the functions that charge time take
 * a number of ticks, and the periodic ones ask "has a period boundary been
 * passed?" rather than "is jiffies a multiple of the period?".
 */
#ifndef TERN_KERNEL_SCHED_CALC_H
#define TERN_KERNEL_SCHED_CALC_H

#include "kernel/task.h"

#define MIN_TIMESLICE_MS    10
#define MAX_TIMESLICE_MS    300
#define MAX_SLEEP_AVG_MS    2000
#define STARVATION_LIMIT_MS 2000
#define PRIO_BONUS_RATIO    25 /* percent of the 40 nice levels: +-5 */
#define INTERACTIVE_DELTA   2
#define CHILD_PENALTY	    95	/* percent of its creator's sleep_avg */
#define PARENT_PENALTY	    100 /* percent the creator keeps */

/* ms -> ticks at `hz`, never less than one tick. */
unsigned long ms_to_ticks(unsigned long ms, unsigned hz);

/* Ticks of CPU a task of this static priority gets per slice. */
int task_timeslice(int static_prio, unsigned hz);

/* MAX_SLEEP_AVG in ticks. */
unsigned long max_sleep_avg(unsigned hz);

/* -5..+5: how much better than static_prio a task with this sleep_avg is. */
int sleep_bonus(unsigned long sleep_avg, unsigned hz);

/* The priority the scheduler uses: static_prio - bonus for normal tasks,
 * clamped to 100..139; 99 - rt_priority for real-time ones. */
int effective_prio(int policy, int static_prio, int rt_priority,
		   unsigned long sleep_avg, unsigned hz);

/* Is a task with this prio and static_prio interactive? */
bool task_interactive(int prio, int static_prio);

/* sleep_avg after a sleep of `slept` ticks (capped). */
unsigned long sleep_avg_after_sleep(unsigned long sleep_avg,
				    unsigned long slept, unsigned hz);

/* sleep_avg after running for `ran` ticks: one less per tick, down to 0. */
unsigned long sleep_avg_after_run(unsigned long sleep_avg, unsigned long ran);

/* Ticks left of a time slice after running for `ran` ticks: used up at 0
 * or below.  Below 0 when an interrupt that came late charged more than was
 * left: the task overran its slice by that much. */
int slice_after_run(int time_slice, unsigned long ran);

/* The next slice of a task whose slice ran out with `left` ticks (0 or
 * less) and whose full slice is `full`: the overrun is paid from it, so
 * that late interrupts hand out no free time, but at least one tick is
 * left (an overrun of more than a whole slice is forgiven). */
int slice_refill(int left, int full);

/* Is there a multiple of `period` in (before, after]?  For "every N ticks"
 * when a tick may account several at once. */
bool period_crossed(unsigned long before, unsigned long after,
		    unsigned long period);

/* The first of next, next + period, next + 2 * period, ... that is after
 * `now` (jiffies; wraps like them): when a periodic event that was due at
 * `next` comes next, keeping its phase however late this one ran. */
unsigned long next_period(unsigned long next, unsigned long now,
			  unsigned long period);

/* Has the expired array waited too long?  `expired_since` is the jiffies
 * value when the first task expired (0: none waiting). */
bool expired_starving(unsigned long expired_since, unsigned long now,
		      unsigned long nr_running, unsigned hz);

/* The first slice of a thread created by a task with `parent_left` ticks
 * of slice left: half, rounded up (0 when nothing is left).  The creator
 * keeps parent_left minus this. */
int fork_child_slice(int parent_left);

/* sleep_avg of a new thread, and of its creator once it has created it. */
unsigned long fork_child_sleep_avg(unsigned long parent_sleep_avg);
unsigned long fork_parent_sleep_avg(unsigned long parent_sleep_avg);

/* The creator's slice once a thread it created has ended with `child_left`
 * ticks of its first slice unused: they come back, up to a full slice of
 * the creator's (`parent_full`); nothing is ever taken away. */
int exit_parent_slice(int parent_left, int child_left, int parent_full);

/* How many tasks an idle (or busy) CPU with `this_load` runnable tasks
 * should pull from one with `busiest_load`: 0 when not worth it. */
unsigned long sched_imbalance(unsigned long this_load,
			      unsigned long busiest_load, bool idle);

/* The most a CPU with `this_load` tasks may pull from one with
 * `busiest_load` when `total` tasks are runnable on `ncpus` CPUs: up to the
 * mean (rounded up), and no more than the busiest has above the mean
 * (rounded down, so that 2, 2, 0 still gives the idle CPU one). */
unsigned long sched_mean_cap(unsigned long this_load,
			     unsigned long busiest_load, unsigned long total,
			     unsigned long ncpus);

#endif

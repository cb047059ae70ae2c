/*
 * kernel/sched_tick.h - one CPU's turn-taking: which task runs next, and
 * what a tick does to the one running.  No locks, no per-CPU state: the
 * caller passes the runqueue's arrays (kernel/sched.c, with the runqueue
 * lock held) or its own (tests/test_sched.c, on the host).
 */
#ifndef TERN_KERNEL_SCHED_TICK_H
#define TERN_KERNEL_SCHED_TICK_H

#include "kernel/sched_prio.h"

/* The part of a runqueue the time-slice rules read and write. */
struct slice_queues {
	struct prio_array **active, **expired;
	unsigned long
	    *expired_timestamp;	  /* jiffies of the first expiry, or 0 */
	unsigned long nr_running; /* tasks on the runqueue */
};

/* The next task to run from q (swapping the arrays when the active one is
 * empty), or NULL when both are empty. */
struct task *slice_pick_next(const struct slice_queues *q);

/* A SCHED_NORMAL task ran `ticks` ticks up to `now`: charge them to its
 * sleep_avg and slice; at the slice's end, requeue it (expired array, or
 * active if interactive and the expired ones are not starving).  Returns
 * true when it must give up the CPU.  p must be in *q->active. */
bool slice_tick_normal(struct task *p, const struct slice_queues *q,
		       unsigned long ticks, unsigned long now, unsigned hz);

/* The same for SCHED_RR: at the slice's end, a new slice and the back of
 * its priority's line. */
bool slice_tick_rr(struct task *p, const struct slice_queues *q,
		   unsigned long ticks, unsigned hz);

#endif

/*
 * kernel/hog.h - CPU hogs: threads that only burn CPU time, started and
 * stopped together as a crowd.
 *
 * The monitor's `spin N` and the scheduler's ktests both need threads that
 * never sleep, so that the load balancer has something to move and a
 * runqueue something to queue.  Each hog spins until its crowd's `stop`
 * is set, then completes the crowd's `done` once and ends; whoever
 * started n of them ends them with hog_crowd_end(crowd, n).  A crowd may
 * also have members of its own (a ktest's sleepers) that keep the same
 * rule: look at `stop`, complete `done` once when leaving.
 */
#ifndef TERN_KERNEL_HOG_H
#define TERN_KERNEL_HOG_H

#include "kernel/wait.h"

struct hog_crowd {
	/* Written by whoever starts and ends the crowd, read unlocked by
	 * the members (READ_ONCE): false from hog_crowd_begin() until
	 * hog_crowd_end(). */
	volatile bool stop;
	/* Completed once by each member as it ends. */
	struct completion done;
};

/* Ready `c` for a new set of members: stop clear, nothing completed.
 * Task context; no member of its previous set may still be running. */
void hog_crowd_begin(struct hog_crowd *c);

/* Set `stop` and wait until `n` members have ended.  Task context, no
 * spinlock held (it sleeps). */
void hog_crowd_end(struct hog_crowd *c, unsigned n);

/* A kthread's body (arg: its struct hog_crowd): spin until the crowd's
 * stop, then complete its done.  Preemptible throughout. */
void cpu_hog(void *crowd);

#endif

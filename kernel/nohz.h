/*
 * kernel/nohz.h - tickless idle: an idle CPU with nothing to wait for stops
 * its timer, and whoever brings it work wakes it (kernel/nohz.c says why
 * and when).
 */
#ifndef TERN_KERNEL_NOHZ_H
#define TERN_KERNEL_NOHZ_H

#include "kernel/percpu.h"
#include "lib/cpumask.h"

/* The CPUs whose tick is stopped now.  Set and cleared atomically; read by
 * nohz_kick() without a lock. */
extern cpumask_t nohz_stopped_mask;

/* cpu_idle(), each time this CPU's idle task gets the CPU back: the grace
 * ticks (NOHZ_GRACE_TICKS) count from here.  Interrupts on or off. */
void nohz_idle_enter(void);

/*
 * cpu_idle(), in its loop: wait for the next interrupt, with the tick
 * stopped if it may be, and started again on the way out.  Returns with
 * interrupts on.  Called with interrupts on, by the idle task only.
 */
void nohz_idle_wait(void);

/*
 * If this CPU's tick is stopped, start it again: it leaves tickless idle.
 * schedule() calls it (an interrupt may switch from the idle task to a task
 * before the idle loop runs again), and so does the idle loop once woken.
 * Interrupts off, this CPU only.
 */
void nohz_tick_restart(void);
static inline void nohz_idle_exit(void)
{
	if (unlikely(this_cpu()->tick_stopped))
		nohz_tick_restart();
}

/*
 * A runqueue with two or more tasks has a task that may run on the CPUs in
 * `allowed`: one CPU among them whose tick is stopped (none if none is) is
 * woken by an IPI to come and look for work - the first after `from`, so
 * that a run of kicks spreads over them.  Any context; the caller holds
 * that runqueue's lock, which keeps its count from changing meanwhile.
 */
void nohz_kick(const cpumask_t *allowed, unsigned from);

#endif

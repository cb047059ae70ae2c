/*
 * tools/bench/o1/o1.h - what the parts of the O(1) benchmark program
 * tell each other (docs/bench-o1.md).
 *
 *   env.c    the rest of the kernel around kernel/sched.c, for one CPU
 *   scan.c   the O(n) picker: one table, searched whole at every pick
 *   o1.c     main(): the task sets, the measured loops, the check
 */
#ifndef TERN_BENCH_O1_O1_H
#define TERN_BENCH_O1_O1_H

#include "kernel/task.h"

#include <stdarg.h>

struct prio_array;

/* --- env.c: the machine and the kernel around the scheduler --- */

/* The tick rate the simulated CPU runs at (params.hz's default). */
#define HOST_HZ 1000
/* Its cycle counter advances this much per tick (a 1 GHz CPU). */
#define HOST_CYCLES_PER_MS 1000000ULL

/* Bring up the one CPU: per-CPU data, sched_init(), interrupts on, the
 * tick accounting started.  current is then CPU 0's idle task. */
void env_boot(void);
/* A timer interrupt, around the scheduler_tick() it calls: enter it
 * (interrupts off, in_interrupt(); one tick of time passes, and jiffies
 * and the tick accounting follow, as kernel/time.c's timer_tick() makes
 * them), and leave it (interrupts on again) - with `preempt`, through
 * sched_irq_exit() as the kernel leaves an interrupt, which switches
 * tasks if the tick asked for it.  Neither is measured. */
void env_tick_enter(void);
void env_tick_exit(bool preempt);
/* Switches hal_context_switch() has made. */
extern unsigned long env_switches;

/* --- o1.c: output and failure, for the files that cannot use stdio --- */
void host_vlog(const char *fmt, va_list ap);
__printf(1, 2) void host_log(const char *fmt, ...);
__printf(1, 2) __noreturn void host_die(const char *fmt, ...);

/* --- scan.c: the O(n) picker (see there) --- */

/* Every task the O(n) scheduler knows, in one array, and the one that
 * runs (NULL: none, the CPU idles). */
struct scan_table {
	struct task *task;
	unsigned n;
	struct task *curr;
	unsigned long now; /* ticks since the table was set up */
};

/* The best runnable task of the table (lowest prio; among equals, the one
 * that has run least recently), searched from the first slot to the last.
 * `only` non-NULL: only the tasks queued in that array count (Tern's
 * active array, for the check). */
struct task *scan_pick(const struct scan_table *t,
		       const struct prio_array *only);
/* The O(n) scheduler's tick and schedule(), as the benchmark calls them. */
void scan_tick(struct scan_table *t);
void scan_schedule(struct scan_table *t);

#endif

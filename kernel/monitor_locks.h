/*
 * kernel/monitor_locks.h - the monitor's `locks`: which CPU holds which
 * spinlock, and which CPU waits for one (monitor_locks.c).
 *
 * It reads the records spin_lock() keeps (spin_held[] in spinlock.h)
 * without taking any lock: a machine that half hangs is when you want to
 * look, and the lock you would take may be the one that hangs it.  Only
 * its own CPU writes a record, so a copy may be a moment old, never wrong
 * for long.
 */
#ifndef TERN_KERNEL_MONITOR_LOCKS_H
#define TERN_KERNEL_MONITOR_LOCKS_H

#include "kernel/spinlock.h"
#include "lib/cpumask.h"

/* One CPU's record as it was read: a copy, since the CPU goes on. */
struct locks_view {
	int depth; /* locks held; may exceed SPIN_HELD_MAX (not all kept) */
	struct held_lock held[SPIN_HELD_MAX];
	struct spinlock *waiting_on; /* NULL: not spinning */
	const void *waiting_pc;
	u64 waiting_since; /* hal_cycles() when the wait began */
	bool in_irq;	   /* in an interrupt handler when read */
	/* the wait an interrupt's own wait interrupted, if any */
	struct spinlock *outer_waiting_on;
	const void *outer_waiting_pc;
};

/* What the lines counted, for the last line. */
struct locks_count {
	unsigned holders; /* CPUs that hold at least one lock */
	unsigned locks;	  /* locks they hold, together */
	unsigned waiters; /* CPUs spinning on a lock */
};

/* Each line of the report goes to out(), without its '\n'. */
typedef void (*locks_out_fn)(const char *line, void *arg);

/* Copy CPU `cpu`'s record. */
void locks_read(unsigned cpu, struct locks_view *v);

/*
 * The lines for one CPU (none if it holds nothing and waits for nothing):
 *   cpu 3 holds 'runqueue' #3 (taken at migrate_one+0x8f/0x240)
 *   cpu 2 waits for 'stuck_lock' for 1234 ms (wanted at want+0x39/0x80),
 *     held by cpu 3 (taken at hold+0x18/0x60)          (on one line)
 * `now` is hal_cycles() on the reader.  Adds to *n.
 */
void locks_cpu_lines(unsigned cpu, const struct locks_view *v, u64 now,
		     locks_out_fn out, void *arg, struct locks_count *n);

/* The last line: "2 CPUs hold 3 locks, 1 waits", "no CPU holds a lock". */
void locks_summary(const struct locks_count *n, char *buf, size_t size);

/* The whole report for the CPUs in `cpus`, as `locks` prints it for the
 * online ones.  Returns the counts. */
struct locks_count locks_report(const cpumask_t *cpus, locks_out_fn out,
				void *arg);

/* The monitor command (argv as for every command; no arguments). */
int cmd_locks(int argc, char **argv);

#endif

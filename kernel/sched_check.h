/*
 * kernel/sched_check.h - verify the scheduler's invariants.
 *
 * Callable from ktests, the monitor (`check`) and, the same checks in
 * Python, from gdb (`tern check`).
 */
#ifndef TERN_KERNEL_SCHED_CHECK_H
#define TERN_KERNEL_SCHED_CHECK_H

#include "kernel/sched.h"

/*
 * Lock every runqueue (interrupts off, lowest CPU first) and check:
 *  - each queued task sits on exactly one list, of the runqueue of its
 *    `cpu`, in the array its `array` names, at the index of its `prio`;
 *  - a priority's bitmap bit is set exactly when its list is non-empty;
 *  - nr_active and nr_running match the lists;
 *  - every queued task's cpus_allowed contains its runqueue's CPU, unless
 *    a migration request for it is on that CPU's queue or being served;
 *  - no dead task is queued, no runnable task is on no runqueue;
 *  - each runqueue's curr is its idle task or a task of that CPU.
 * Each problem is printed as a sentence; the first is also copied to
 * `first` (if not NULL).  Returns the number of problems.
 */
int sched_check(char *first, size_t size);

/* The per-runqueue checks of this CPU's runqueue only: cheap enough for a
 * timer callback on every tick (interrupts may be off or on). */
int sched_check_this_cpu(char *first, size_t size);

/* The per-runqueue part, for a runqueue the caller has locked (or built
 * itself, as the checker's own test does). */
int sched_check_rq(struct runqueue *rq, u64 mark, char *first, size_t size);

#endif

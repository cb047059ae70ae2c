/*
 * kernel/watchdog.h - explain a hang that has already happened.
 *
 * The lock validator (lockcheck.h) warns of a deadlock before it happens;
 * the watchdog explains one that did.  With `watchdog=S` (default 10, 0 =
 * off) it looks every second for:
 *
 *   hard lockup   a CPU whose timer tick has not come for S seconds: it
 *                 spins with interrupts off.  Another CPU sees the stale
 *                 tick and interrupts it with an NMI, which gets through
 *                 with interrupts off; a CPU spinning on a lock notices its
 *                 own wait instead (its tick cannot tell anyone).
 *   soft lockup   a CPU whose ticks come but which has not scheduled for S
 *                 seconds while running a task (preemption off, spinning).
 *   hung task     a task asleep in TASK_UNINTERRUPTIBLE for more than 2S.
 *
 * The report begins with one line
 *
 *   WATCHDOG: hard lockup on cpu 3 (no timer tick for 10 s)
 *
 * then, for each stuck CPU in turn (never two at once): where it is (the
 * instruction pointer and a backtrace, taken in its own NMI), the locks it
 * holds with the site that took each, and the lock it spins on with the
 * CPU and site that hold it.  A hung task is shown with its wait site.
 * Then the machine stops (`watchdog_panic=1`, the default), or goes on
 * with `watchdog_panic=0`, each stuck CPU and task reported only once, so
 * that gdb can look at the wreck (`tern locks`).
 */
#ifndef TERN_KERNEL_WATCHDOG_H
#define TERN_KERNEL_WATCHDOG_H

#include "kernel/hal.h"
#include "lib/compiler.h"

struct trap_frame;

/* Reports made so far (tests compare it before and after). */
extern unsigned long watchdog_reports;

/* Read `watchdog=` (after the command line is parsed). */
void watchdog_init(void);
/* Every timer tick, on this CPU, interrupts off: "my tick came". */
void watchdog_tick(u64 now);
/* This CPU starts its tick again after a tickless idle (kernel/nohz.c),
 * interrupts off: a fresh stamp, without a check. */
void watchdog_tick_restarted(u64 now);
/* Every schedule(), on this CPU: "I scheduled". */
void watchdog_schedule(u64 now);
/* From a loop that makes progress without scheduling (Linux's
 * touch_softlockup_watchdog()): as good as a schedule() for the check. */
static inline void watchdog_touch(void)
{
	watchdog_schedule(hal_cycles());
}
/* From a spin_lock() that has waited since `since` (cycles, moved on by
 * the waits watchdog_progress() was told of); any context. */
void watchdog_spinning(u64 since);
/* From a spin_lock() whose line of waiters moved on after `cycles` of
 * waiting: a queue making progress, not a lockup, so that time is not held
 * against this CPU (see watchdog.c). */
void watchdog_progress(u64 cycles);
/* From the NMI handler: true if the NMI was the watchdog's (this CPU has
 * then printed its part of the report). */
bool watchdog_nmi(const struct trap_frame *f);

#endif

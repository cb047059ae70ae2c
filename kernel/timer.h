/*
 * kernel/timer.h - run a function when jiffies reaches a value.
 *
 * A timer belongs to one CPU: the one that last started it (unless its fn
 * was running on another CPU just then: see mod_timer()).  Each CPU keeps
 * its pending timers in a timer wheel (timer_wheel.h), and its timer
 * interrupt runs the ones that are due, in interrupt context, in order of
 * expiry.  msleep() and schedule_timeout() are built on them.  The course's
 * walkthrough is docs/timers.md.
 *
 * The contract, for every function below:
 *  - A timer is *pending* from add_timer()/mod_timer() until it is taken
 *    off to run, or deleted.  Its fn runs at most once per time it was
 *    made pending, on the CPU it is pending on, with interrupts off, at the
 *    first tick of that CPU at which jiffies >= expires - never earlier;
 *    an expiry already past runs at that CPU's next tick.  Timers of
 *    different jiffies run in order of expiry; those of one jiffy in no
 *    promised order.
 *  - fn may call any function here on its own timer (re-arm it, delete
 *    it) or on others, and may free the timer (nothing touches it after fn
 *    returns).  It must not sleep, must return with interrupts off, and
 *    must not wait for anything that waits for this CPU.
 *  - Every function may be called from any CPU, with interrupts on or off,
 *    from task or interrupt context (del_timer() has one more rule).
 *    They take only timer bases' locks (at most two, lower CPU first),
 *    never while holding another lock, and hold none while fn runs.
 *  - Calls on one timer from several CPUs at once (two mod_timer()s, a
 *    mod_timer() and a del_timer()) take effect one after the other, in
 *    some order.  (Two add_timer()s at once: the second finds the timer
 *    pending, a BUG.)
 */
#ifndef TERN_KERNEL_TIMER_H
#define TERN_KERNEL_TIMER_H

#include "lib/compiler.h"
#include "lib/list.h"

struct timer {
	/* The owner's: set by timer_init(), read by the CPU that runs fn.
	 * Not changed while the timer is pending or its fn runs. */
	void (*fn)(void *arg);
	void *arg;

	/* Guarded by the lock of base `cpu` (kernel/timer.c), interrupts
	 * off.  node: in a slot of that CPU's wheel, or on the wheel's list
	 * of timers due now, while pending; empty (points at itself)
	 * otherwise. */
	struct list_head node;
	unsigned long expires; /* jiffies */
	/* The CPU whose base the timer belongs to: where it is pending, or
	 * where it was last pending (and its fn may still be running: that is
	 * where del_timer() looks).  -1 until it is first started.  Changed
	 * with the old base's lock held and the new one's too, so that either
	 * lock is enough to read it; read without a lock only to find which
	 * base to lock, then checked again under it. */
	int cpu;
};

/* Set up t, not pending.  Must not be called on a pending timer. */
void timer_init(struct timer *t, void (*fn)(void *), void *arg);

/*
 * Start t, which must not be pending (BUG otherwise), to run at `expires`,
 * on this CPU - or on the CPU where its fn is running right now, if that is
 * another one (as mod_timer()).
 */
void add_timer(struct timer *t, unsigned long expires);

/*
 * (Re)start t to run at `expires`, pending or not: a pending t is moved.
 * It goes on this CPU's wheel, unless its fn is running on another CPU
 * right now: then it stays on that CPU, so that del_timer() can still find
 * that fn running.  Returns true if t was pending (and is now re-timed),
 * false if it was not.  From t's own fn this re-arms it.
 */
bool mod_timer(struct timer *t, unsigned long expires);

/*
 * Stop t.  Returns true if it was pending (it will not run for that),
 * false if it was not (it never started, already ran, or was deleted).
 *
 * On return t is not pending and its fn is not running on any CPU, so t
 * (and what fn uses) may be freed - unless someone re-arms it meanwhile,
 * which is the caller's business.  If fn is running on another CPU, it
 * waits for fn to return (and then removes t, if fn re-armed it).
 *
 * Called from t's own fn it does not wait (it would wait for itself): it
 * removes t if fn re-armed it, returns, and fn finishes as usual.
 *
 * So it must not be called with a lock held that fn takes, nor from
 * another timer's fn whose own deletion fn waits for: either deadlocks.
 */
bool del_timer(struct timer *t);

/*
 * Is t pending?  A snapshot, unless the caller keeps everyone else away
 * from t (an unlocked read of one word).
 */
static inline bool timer_pending(const struct timer *t)
{
	return READ_ONCE(t->node.next) != &t->node;
}

/*
 * The timer interrupt's part (timer_tick()), on every CPU, interrupts off:
 * run this CPU's timers whose expiry is <= jiffies, catching up through
 * every jiffy since its last call, however many that is (lost ticks).
 */
void run_timers(void);

/*
 * Has this CPU a timer pending?  Then it must keep its tick (kernel/nohz.c).
 * Interrupts off.  Only this CPU puts timers on its own wheel while it is
 * idle (mod_timer() moves one to another CPU only while that CPU runs the
 * timer's fn), so the answer holds until this CPU runs code again.
 */
bool timer_pending_here(void);

/* --- For tests and benchmarks (kernel/timer_ktest.c) ------------------- */

/* What this CPU's run_timers() is doing, read from inside a timer's fn. */
struct timer_run_info {
	unsigned long expires;	/* the running timer's, when it was taken */
	unsigned long jiffy;	/* the jiffy whose timers run now */
	unsigned long now;	/* jiffies when this run_timers() began */
	unsigned long prev_now; /* ... and when this CPU's previous one began */
};
void timer_run_info(struct timer_run_info *ri);

/* Totals for one CPU's base, since boot. */
struct timer_stats {
	unsigned long pending;	/* timers pending there now */
	unsigned long cascaded; /* timers moved down a level of the wheel */
	unsigned long waited;	/* del_timer()s that waited for a running fn */
};
void timer_get_stats(unsigned cpu, struct timer_stats *st);

/*
 * Benchmark: record, in buf[0..n-1], the cycle-counter cycles that each of
 * the next n calls of run_timers() on `cpu` takes (one CPU at a time).
 * timer_sample_count() says how many are recorded so far.
 */
void timer_sample_start(unsigned cpu, u32 *buf, unsigned n);
unsigned timer_sample_count(void);

#endif

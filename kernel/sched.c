/*
 * kernel/sched.c - the O(1) scheduler, after Linux 2.5 (Ingo Molnar, 2002).
 *
 * THE DESIGN
 *
 * Every CPU has its own runqueue (struct runqueue, sched.h) with its own
 * lock, so CPUs schedule without touching each other's data.  A runqueue
 * holds two priority arrays (sched_prio.h): `active`, the tasks that still
 * have time-slice left, and `expired`, those that used theirs up.
 *
 *  - schedule() takes the highest-priority task of the active array: a
 *    find-first-bit over 140 bits and the head of one list.  When the
 *    active array is empty the two arrays swap places; that gives every
 *    expired task a fresh slice at once.  Constant time whatever the number
 *    of tasks.
 *  - scheduler_tick(), from the timer interrupt on every CPU, charges the
 *    running task the ticks that passed on that CPU since its last tick:
 *    one, unless timer interrupts were lost (they are counted by the cycle
 *    counter, not by the interrupts: kernel/time.h).  When its slice is
 *    gone it gets a new one (by nice, less what a late tick overran:
 *    sched_calc.c) and goes to the expired array - unless it is
 *    interactive (it sleeps a lot, so its dynamic priority is high), in
 *    which case it goes back to the active array, so that a typing user
 *    does not wait for every CPU hog.  Only if the expired array has been
 *    starving too long must interactive tasks expire too.
 *  - Dynamic priority = static priority (nice) - bonus (-5..+5) from
 *    sleep_avg, which grows while a task sleeps and shrinks while it runs.
 *  - try_to_wake_up() puts a sleeping task back on its runqueue with its
 *    sleep credit, and preempts the running task there if the woken one has
 *    a better priority (a reschedule IPI when that is another CPU).
 *  - SCHED_FIFO and SCHED_RR tasks (priorities 0-99) are always above
 *    normal ones; FIFO runs until it blocks, RR round-robins within its
 *    priority every slice.
 *
 * Load balancing.  Runqueues are separate, so work has to be moved between
 * them: load_balance() (an idle CPU every tick, a busy one every 200 ms,
 * and a CPU about to go idle inside schedule()) finds the busiest runqueue
 * and, if it has at least ~25% more tasks, pulls half the difference
 * (no CPU queues for the busiest runqueue's lock: see
 * rq_trylock_balance()) - from the expired array first (those tasks have
 * not run for a while: their cache is cold), highest priority first, never
 * the running task, never a task whose cpus_allowed forbids this CPU, never
 * one that ran very recently (cache-hot).  If every task of the busiest
 * queue is forbidden to this CPU, the next-busiest is tried, and this CPU
 * notes the queue (pinned_for) so as not to scan it again in vain until
 * something there changes.
 *
 * yield().  Two meanings have been shipped.  Linux 2.5.8 lowered the
 * yielding task by one priority step within the active array; Linux 2.6
 * (and Tern, by default) moves a normal task to the expired array, behind
 * every runnable task.  Tern picks 2.6's because it is what "yield" should
 * mean on a busy CPU: with 2.5.8's, a yield lets through only tasks at
 * most one step worse, so a task that spins on yield() waiting for a CPU
 * hog (whose dynamic priority is worse: it never sleeps) gets the CPU back
 * at once, again and again, until it has yielded as many times as their
 * priorities differ.  The price of 2.6's is that a yielding task waits
 * until the arrays swap.  `sched_yield_mode=prio` gives 2.5.8's, to compare.
 *
 * Migration.  A task that must move to a CPU it is not on (its
 * cpus_allowed changed) cannot simply be moved while it might be running.
 * set_cpus_allowed() queues a request on the task's current runqueue and
 * wakes that CPU's migration thread, the highest-priority task there;
 * when that thread runs, the task is certainly not running, and the thread
 * moves it with both runqueues locked, then completes the request.
 *
 * Starting the migration threads is the subject of the 2002 lkml thread
 * retold in docs/story.md (Erich Focht's fix #2): all of them are created
 * on CPU 0, allowed
 * only on CPU 0.  CPU 0's thread registers itself as CPU 0's migration
 * thread and serves; every other thread then calls
 * set_cpus_allowed(self, {its CPU}), which goes through CPU 0's queue.  No
 * timeouts, no help from the load balancer.
 *
 * LOCKING RULES
 *
 *  1. A runqueue lock is only taken with interrupts off on this CPU
 *     (the lock validator reports LOCKCHECK: otherwise).  The timer
 *     interrupt takes this CPU's runqueue lock in scheduler_tick(); if the
 *     interrupted code held it, the CPU would deadlock against itself.
 *     This is Erich Focht's fix #1: Linux 2.5.8's migration thread took two
 *     runqueue locks with interrupts on (docs/story.md, section 6).
 *  2. Two runqueue locks are taken lower CPU number first, or two CPUs
 *     locking the same pair in opposite orders deadlock (checked too).
 *  3. schedule() holds the runqueue lock across the context switch; the
 *     task switched to releases it (finish_task_switch()).  A new task
 *     starts with preempt_count 1 for the lock it will release.
 *  4. Code that may sleep (set_cpus_allowed(), wait_for_completion(),
 *     msleep()) is never called with interrupts off, preemption disabled
 *     or in an interrupt; might_sleep() reports it when it is.
 *
 * Real-time starvation.  The migration threads are SCHED_FIFO 99, the
 * highest priority, but a FIFO task is never preempted by an equal: a
 * FIFO 99 task that spins keeps its CPU's migration thread from running,
 * so no task can be moved off that CPU until it blocks (docs/sched.md,
 * and the ktest sched_fifo99_hog_starves_migration_thread).
 *
 * THIS FILE reads top-down, each helper after its first use: schedule(),
 * yield(), the tick, wake-ups, priorities, load balancing, migration, then
 * a new task's share of CPU time and the start-up.  Elsewhere: the
 * runqueue lock helpers of rules 1 and 2 (kernel/sched_lock.h),
 * preemption and might_sleep() (kernel/preempt.c), a thread's life
 * (kernel/kthread.c), the priority arrays (sched_prio.c), the slice rules
 * (sched_tick.c) and their arithmetic (sched_calc.c).
 */
#include "kernel/sched.h"
#include "kernel/kmalloc.h"
#include "kernel/ksyms.h"
#include "kernel/loadavg.h"
#include "kernel/museum.h"
#include "kernel/nohz.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched_calc.h"
#include "kernel/sched_lock.h"
#include "kernel/sched_tick.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/trace.h"
#include "kernel/wait.h"
#include "kernel/watchdog.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

/* A runqueue's arrays as the slice rules see them (kernel/sched_tick.h). */
#define SLICE_QUEUES(rq)                                                       \
	((struct slice_queues){&(rq)->active, &(rq)->expired,                  \
			       &(rq)->expired_timestamp, (rq)->nr_running})

struct runqueue runqueues[NR_CPUS];
static struct task idle_tasks[NR_CPUS];
bool sched_running;

#define CACHE_HOT_TICKS(hz) ms_to_ticks(2, (hz)) /* "ran within 2 ms" */

struct task *sched_idle_task(unsigned cpu)
{
	return &idle_tasks[cpu];
}

static unsigned hz(void)
{
	return (unsigned)params.hz;
}

/* Helpers defined below their first use, in the order a reader meets
 * them: schedule(), then the tick, wake-ups, balancing. */
static void newidle_balance(struct runqueue *rq);
static void deactivate_task(struct task *p, struct runqueue *rq);
static void activate_task(struct task *p, struct runqueue *rq);
static void rq_add_nr_running(struct runqueue *rq, int delta);
static void rq_forget_pinned(struct runqueue *rq, const struct task *p);
static void resched_task(struct task *p);
static void idle_tick(struct runqueue *rq, u64 acc, unsigned long ticks);
static void task_tick(struct runqueue *rq, struct task *p, unsigned long ticks);
static void rebalance_tick(struct runqueue *rq);
static void sched_exit(struct task *p);

/* Why load_balance() runs, which decides whether it waits for a lock. */
enum balance_kind {
	BALANCE_BUSY,	 /* a busy CPU's tick, every busy_rebalance ms */
	BALANCE_IDLE,	 /* an idle CPU's tick: it comes back next tick */
	BALANCE_NEWIDLE, /* schedule(), about to switch to the idle task */
	BALANCE_RETRY,	 /* a busy CPU's tick after a short pull */
};
/* Ticks in a row that retry a pull cut short by cache-hot or running
 * tasks: one more than a task stays cache-hot (2 ms at hz=1000). */
#define BALANCE_RETRIES 3
/* Does this kind balance as an idle CPU (any difference of two is worth a
 * pull) or as a busy one (only a 25% imbalance, sched_imbalance())? */
static inline bool balance_as_idle(enum balance_kind kind)
{
	return kind == BALANCE_IDLE || kind == BALANCE_NEWIDLE;
}
static void load_balance(struct runqueue *this_rq, enum balance_kind kind);

/* ------------------------------------------------------------------------
 * schedule()
 */

/*
 * Give this CPU to the best runnable task of its runqueue (maybe the same
 * one).  Entry: a task, not an interrupt handler; no runqueue lock held;
 * interrupts on or off (they are on at return).  Preemption is normally
 * on: the exceptions are preempt_schedule() and sched_irq_exit()
 * (PREEMPT_ACTIVE: the task was preempted, so it stays queued whatever its
 * state) and task_exit()'s last call (schedule_from_exit()).  If
 * current->state is not TASK_RUNNING the task leaves the runqueue and
 * returns only once woken.  The runqueue lock is held across the switch
 * and released by the task switched to (rule 3: finish_task_switch()).
 */
void schedule(void)
{
	struct task *prev, *next;
	struct runqueue *rq;

	if (unlikely(in_interrupt()))
		panic("schedule() called from an interrupt handler");
	preempt_disable();
	hal_irq_disable();
	nohz_idle_exit(); /* the tick runs whenever this CPU has work */
	prev = current;
	rq = cpu_rq(cpu_id());
	rq_lock(rq);
	preempt_enable_no_resched(); /* the lock holds preemption off now */
	BUG_ON(rq->curr != prev);

	/* A task that set itself to sleep leaves the runqueue - unless it was
	 * preempted on its way to sleep: then it must run again first. */
	if (prev->state != TASK_RUNNING &&
	    !(prev->preempt_count & PREEMPT_ACTIVE) && prev->array) {
		if (prev->state == TASK_UNINTERRUPTIBLE) {
			rq->nr_uninterruptible++; /* the load average counts it
						   */
			prev->counted_uninterruptible = true;
			prev->blocked_since = hal_cycles(); /* watchdog.h */
			prev->hung_reported = false;
		}
		deactivate_task(prev, rq);
	}

	if (unlikely(!rq->nr_running))
		newidle_balance(rq);

	if (!rq->nr_running) {
		next = rq->idle;
		rq->expired_timestamp = 0;
	} else {
		next = slice_pick_next(&SLICE_QUEUES(rq)); /* sched_tick.c */
	}
	prev->need_resched = false;
	watchdog_schedule(hal_cycles());

	if (prev == next) {
		rq_unlock(rq);
		hal_irq_enable();
		return;
	}
	if (prev != rq->idle)
		prev->sleep_timestamp = jiffies;
	rq->nr_switches++;
	trace_switch(prev, next); /* under rq's lock: see sched_trace_set() */
	rq->curr = next;
	next->nr_switches++;
	this_cpu()->curr_task = next;
	prev = hal_context_switch(prev, next);
	finish_task_switch(prev);
}

/* About to go idle: look for work on the other CPUs first, now, rather
 * than at the next tick (Linux 2.5 did the same).  rq locked, interrupts
 * off: schedule() only. */
static void newidle_balance(struct runqueue *rq)
{
	u64 before = rq->nr_pulled;
	load_balance(rq, BALANCE_NEWIDLE);
	rq->nr_newidle_pulls += rq->nr_pulled - before;
}

/* Tests only (kthread_ktest.c): called by finish_task_switch() once the
 * runqueue lock is dropped, to hold that window open. */
void (*sched_test_reap_hook)(struct task *prev);

/*
 * The second half of a switch, run by the task switched to, on the CPU
 * where prev ran.  Entry: this CPU's runqueue locked (by the schedule()
 * that switched, rule 3), interrupts off.  Exit: no lock, interrupts on.
 * Callers: schedule() after hal_context_switch(), and kthread_entry() for
 * a task's first run.  It releases the runqueue lock schedule() took;
 * then, if prev has just made its last switch (task_exit()), it reaps
 * prev: from here on prev's stack is certainly unused (kthread.c says why
 * the reaping is done here).
 *
 * Whether prev is dead is read while the lock is still held.  The lock is
 * what keeps prev where it is: waking it, moving it or pulling it all take
 * this runqueue's lock.  Once the lock is dropped, a prev that was only
 * preempted or went to sleep may be pulled or woken, run on another CPU
 * and end there, all before this CPU (interrupted, or stalled by its host)
 * gets to the next line; the task that runs next over there reaps it.  Read
 * after the unlock, TASK_DEAD would make this CPU reap it as well: while it
 * still runs, or a second time.  (CI found exactly that in December 2026:
 * a #GP in release_task()'s list_del(); 1 boot in 40 of two kthread
 * ktests did the same.  Linux 2.6's
 * finish_task_switch() also reads prev's state before it unlocks, for the
 * same reason.)  kthread_reaped_once_when_it_ends_elsewhere holds the
 * window open.
 */
void finish_task_switch(struct task *prev)
{
	struct runqueue *rq = cpu_rq(cpu_id());
	BUG_ON(hal_irqs_enabled() || prev == current);
	bool prev_dead = prev->state == TASK_DEAD; /* under the lock: above */
	rq_unlock(rq);
	hal_irq_enable();
	if (unlikely(sched_test_reap_hook))
		sched_test_reap_hook(prev);
	if (unlikely(prev_dead)) {
		sched_exit(prev);
		release_task(prev);
	}
}

/* Take p off rq, where it is queued (it goes to sleep, or moves); its
 * sleep starts now.  Entry and exit: rq locked, interrupts off.  Callers:
 * schedule(), migrate_one(). */
static void deactivate_task(struct task *p, struct runqueue *rq)
{
	BUG_ON(p->cpu != rq->cpu ||
	       (p->array != rq->active && p->array != rq->expired));
	rq_add_nr_running(rq, -1);
	dequeue_task(p, p->array);
	p->sleep_timestamp = jiffies;
}

/*
 * Runqueues with two or more runnable tasks: the only ones an idle CPU can
 * pull from.  Idle CPUs look here first, so that 254 idle CPUs do not each
 * read 255 runqueues on every tick when there is nothing to take.  A bit
 * changes only under its runqueue's lock; readers may see it a moment late,
 * which costs at most one tick's delay in balancing.
 */
static cpumask_t overloaded;

/* Add delta to rq's count of runnable tasks and keep its `overloaded` bit
 * in step.  Entry and exit: rq locked by this CPU (so interrupts off).
 * Callers: activate_task(), deactivate_task(), pull_task(). */
static void rq_add_nr_running(struct runqueue *rq, int delta)
{
	BUG_ON(!rq_locked_here(rq));
	BUG_ON(delta < 0 && rq->nr_running < (unsigned long)-(long)delta);
	rq->nr_running += (unsigned long)(long)delta;
	if (rq->nr_running >= 2)
		cpumask_set_cpu_atomic(rq->cpu, &overloaded);
	else
		cpumask_clear_cpu_atomic(rq->cpu, &overloaded);
}

/* Task p arrives on rq, or p's mask changes there: the CPUs that had
 * given up on rq must look again - and if rq has a task to spare, a CPU
 * idle with its tick stopped where p may run is woken to look
 * (kernel/nohz.c). */
static void rq_forget_pinned(struct runqueue *rq, const struct task *p)
{
	if (unlikely(!cpumask_empty(&rq->pinned_for)))
		cpumask_clear(&rq->pinned_for);
	if (rq->nr_running >= 2 && params.nohz)
		nohz_kick(&p->cpus_allowed, rq->cpu);
}

/* ------------------------------------------------------------------------
 * yield()
 */

/* Give the CPU to another task if there is one (see "yield()" at the top
 * of the file).  Process context, interrupts on, no lock held. */
void yield(void)
{
	irqflags_t flags;
	struct task *p = current;
	struct runqueue *rq = task_rq_lock(p, &flags);
	if (p->array && p != rq->idle) {
		sched_yield_requeue(rq, p);
	}
	rq_unlock(rq);
	hal_irq_restore(flags);
	schedule();
}

static void yield_prio(struct task *p, struct runqueue *rq);
static void yield_expired(struct task *p, struct runqueue *rq);

void sched_yield_requeue(struct runqueue *rq, struct task *p)
{
	if (sched_yield_mode == YIELD_PRIO)
		yield_prio(p, rq);
	else
		yield_expired(p, rq);
}

/* Linux 2.5.8's yield: one priority step down, in the same array, until
 * the slice ends (scheduler_tick() then computes prio afresh); at the
 * lowest priority, or for a real-time task, the back of its line. */
static void yield_prio(struct task *p, struct runqueue *rq)
{
	(void)rq;
	if (p->prio >= MAX_PRIO - 1 || p->policy != SCHED_NORMAL) {
		requeue_task(p, p->array);
		return;
	}
	struct prio_array *array = p->array;
	dequeue_task(p, array);
	p->prio++;
	enqueue_task(p, array);
}

/* The default (Linux 2.6): a normal task goes behind everyone, to the
 * expired array; a real-time one to the back of its priority's line. */
static void yield_expired(struct task *p, struct runqueue *rq)
{
	if (p->policy != SCHED_NORMAL) {
		requeue_task(p, p->array);
		return;
	}
	dequeue_task(p, p->array);
	enqueue_task(p, rq->expired);
	if (!rq->expired_timestamp)
		rq->expired_timestamp = jiffies;
}

enum yield_mode sched_yield_mode = YIELD_EXPIRED;

/* The `sched_yield_mode=` option; a word it does not know is reported and
 * the default kept. */
static void yield_mode_from_params(void)
{
	/* in the order of enum yield_mode */
	static const char *const modes[] = {"expired", "prio", NULL};
	sched_yield_mode = (enum yield_mode)param_word(
	    "sched_yield_mode", params.sched_yield_mode, modes, YIELD_EXPIRED);
}

/* ------------------------------------------------------------------------
 * The tick
 */

/*
 * Charge the running task for the ticks that passed and balance when it is
 * time.  Caller: the timer interrupt, on every CPU, after timer_tick() has
 * counted the ticks (this_cpu()->tick): in an interrupt, interrupts off,
 * no runqueue lock held (rule 1 is why every rq lock is taken with
 * interrupts off).  Exit: the same; current->need_resched set if the task
 * must give the CPU up, for the interrupt's exit (sched_irq_exit()).
 * Three parts: the idle tick (balance now and then, nothing to charge),
 * the task tick (the slice rules) and the rebalance tick (a busy CPU's).
 */
void scheduler_tick(void)
{
	unsigned cpu = cpu_id();
	struct runqueue *rq = cpu_rq(cpu);
	struct task *p = current;
	/* the ticks that passed since this CPU's last tick (time.h) */
	unsigned long ticks = (unsigned long)this_cpu()->tick.last_ticks;
	u64 acc = this_cpu()->tick.accounted;

	if (!sched_running || !ticks) /* an early interrupt: no time passed */
		return;
	BUG_ON(hal_irqs_enabled());
	if (cpu == 0)
		loadavg_tick(acc - ticks, acc);
	p->ticks_run += ticks;
	if (p == rq->idle) {
		idle_tick(rq, acc, ticks);
		return;
	}
	rq_lock(rq);
	task_tick(rq, p, ticks);
	rebalance_tick(rq);
	rq_unlock(rq);
}

/* The idle task ran: balance every idle_rebalance ms of this CPU's ticks
 * (`acc` of them so far, `ticks` since the last tick).  Interrupts off, rq
 * not locked; it takes the lock to balance. */
static void idle_tick(struct runqueue *rq, u64 acc, unsigned long ticks)
{
	if (!period_crossed(
		acc - ticks, acc,
		ms_to_ticks((unsigned long)params.idle_rebalance, hz())))
		return;
	rq_lock(rq);
	load_balance(rq, BALANCE_IDLE);
	rq_unlock(rq);
}

/* Task p, not the idle task, ran `ticks` ticks: the slice rules
 * (kernel/sched_tick.c) - RR gets a fresh slice and the back of its line,
 * FIFO runs on, a normal task is charged sleep_avg too and may stay active
 * if interactive.  rq locked, interrupts off. */
static void task_tick(struct runqueue *rq, struct task *p, unsigned long ticks)
{
	if (p->array != rq->active) { /* expired meanwhile (yield) */
		p->need_resched = true;
		return;
	}
	if (p->policy == SCHED_NORMAL)
		p->need_resched |= slice_tick_normal(p, &SLICE_QUEUES(rq),
						     ticks, jiffies, hz());
	else if (p->policy == SCHED_RR)
		p->need_resched |=
		    slice_tick_rr(p, &SLICE_QUEUES(rq), ticks, hz());
}

/* A busy CPU balances every busy_rebalance ms (rq->next_balance), and on
 * the few ticks after a pull that fell short (rq->balance_retries).  rq
 * locked, interrupts off. */
static void rebalance_tick(struct runqueue *rq)
{
	if ((long)(jiffies - rq->next_balance) >= 0) {
		/* keep each CPU's phase (sched_init spreads them) */
		rq->next_balance = next_period(
		    rq->next_balance, jiffies,
		    ms_to_ticks((unsigned long)params.busy_rebalance, hz()));
		load_balance(rq, BALANCE_BUSY);
	} else if (rq->balance_retries) {
		rq->balance_retries--;
		load_balance(rq, BALANCE_RETRY);
	}
}

/* ------------------------------------------------------------------------
 * Wake-ups
 */

static bool task_preempts_curr(const struct task *p, const struct runqueue *rq);

/*
 * Make p runnable on its runqueue if it sleeps, and preempt what runs there
 * if p is better.  Any context (interrupt handlers too), interrupts on or
 * off, no runqueue lock held; returns with the caller's interrupt state.
 * True if p was asleep and is now queued.
 *
 * TASK_RUNNING is set even when p->array is still set: p marked itself
 * asleep but has not reached schedule() yet (or was preempted on its way
 * there, PREEMPT_ACTIVE), so it is still queued.  Setting its state back
 * is then the whole wake-up: schedule() will see it running and keep it
 * queued, and the wake-up is not lost.  A TASK_DEAD task is skipped: it
 * has made, or is about to make, its last switch and is reaped after it;
 * queueing it again would run a task whose stack is being freed.
 */
static bool try_to_wake_up(struct task *p)
{
	irqflags_t flags;
	bool woke = false;
	struct runqueue *rq = task_rq_lock(p, &flags);
	BUG_ON(p->array && p->array != rq->active && p->array != rq->expired);
	if (p->state != TASK_RUNNING && p->state != TASK_DEAD) {
		if (p->counted_uninterruptible) {
			rq->nr_uninterruptible--; /* maybe not where it slept */
			p->counted_uninterruptible = false;
		}
		if (!p->array) {
			activate_task(p, rq);
			bool preempt = task_preempts_curr(p, rq);
			trace_wakeup(p, rq->cpu, preempt);
			if (preempt)
				resched_task(rq->curr);
			woke = true;
		}
		p->state = TASK_RUNNING;
	}
	task_rq_unlock(rq, flags);
	return woke;
}

bool wake_up_process(struct task *p)
{
	return try_to_wake_up(p);
}

/* p has just been queued on rq: should it take the CPU from the task that
 * runs there (rq->curr, which may be rq's idle task)? */
static bool task_preempts_curr(const struct task *p, const struct runqueue *rq)
{
	/* LAB 3 BEGIN stub: (void)p; return rq->curr == rq->idle; */
	return p->prio < rq->curr->prio;
	/* LAB 3 END */
}

/* Queue p, which was asleep (or new), on rq's active array with the
 * priority its sleep earned it.  Entry and exit: rq locked, interrupts
 * off; p on no array and homed on rq.  Callers: try_to_wake_up(),
 * migrate_one(). */
static void activate_task(struct task *p, struct runqueue *rq)
{
	BUG_ON(p->array || p->cpu != rq->cpu);
	unsigned long slept = jiffies - p->sleep_timestamp;
	if (p != rq->idle)
		p->sleep_avg = sleep_avg_after_sleep(p->sleep_avg, slept, hz());
	p->prio = effective_prio(p->policy, p->static_prio, p->rt_priority,
				 p->sleep_avg, hz());
	enqueue_task(p, rq->active);
	rq_add_nr_running(rq, +1);
	rq_forget_pinned(rq, p);
}

/*
 * Ask the CPU running p to reschedule: p gives the CPU up at the next
 * chance - when that CPU returns from an interrupt, or leaves a section
 * with preemption off.  If that CPU is another one, it is told at once
 * with an IPI (a halted idle CPU is woken by it too); without one it would
 * find out only at its next timer tick.  No IPI when need_resched was set
 * already: the first one is on its way.
 */
static void resched_task(struct task *p)
{
	/* LAB 3 BEGIN stub: p->need_resched = true; */
	bool was = p->need_resched;
	p->need_resched = true;
	if (!was && p->cpu != cpu_id())
		smp_send_ipi(p->cpu, IPI_RESCHEDULE);
	/* LAB 3 END */
}

/* ------------------------------------------------------------------------
 * Priorities
 */

void set_user_nice(struct task *p, int nice)
{
	irqflags_t flags;
	if (nice < -20)
		nice = -20;
	if (nice > 19)
		nice = 19;
	struct runqueue *rq = task_rq_lock(p, &flags);
	struct prio_array *array = p->array;
	if (array)
		dequeue_task(p, array);
	int old_prio = p->prio;
	p->static_prio = NICE_TO_PRIO(nice);
	p->prio = effective_prio(p->policy, p->static_prio, p->rt_priority,
				 p->sleep_avg, hz());
	if (array) {
		enqueue_task(p, array);
		/* worse priority while running, or better than the runner */
		if ((p == rq->curr && p->prio > old_prio) ||
		    (p != rq->curr && p->prio < rq->curr->prio))
			resched_task(rq->curr);
	}
	task_rq_unlock(rq, flags);
}

/*
 * Change p's policy and real-time priority.  Any context that may take a
 * runqueue lock (task_rq_lock turns interrupts off itself).
 *
 * Where p goes: a task that is queued is taken out of whichever array it is
 * in and put back into the ACTIVE one if it is now real-time.  A task that
 * had used its slice sits in the expired array, which does not run until
 * every active task has had its turn; made SCHED_FIFO there and put back
 * where it was, it would wait behind all the normal tasks of the active
 * array (hundreds of ticks) - real-time in name only.  A task that stays
 * SCHED_NORMAL goes back to the array it was in, so that asking for the
 * same policy again cannot buy a fresh turn.
 *
 * Who runs next: if p is running and its priority got worse, it must give
 * the CPU up at the next chance (a FIFO task would otherwise keep it until
 * it blocks); if p is queued and now better than what runs, that is
 * preempted.  set_user_nice() does the same.
 */
int sched_setscheduler(struct task *p, int policy, int rt_priority)
{
	irqflags_t flags;
	if (policy != SCHED_NORMAL && policy != SCHED_FIFO &&
	    policy != SCHED_RR)
		return -EINVAL;
	if ((policy == SCHED_NORMAL) != (rt_priority == 0) || rt_priority < 0 ||
	    rt_priority > MAX_RT_PRIO - 1)
		return -EINVAL;
	struct runqueue *rq = task_rq_lock(p, &flags);
	struct prio_array *array = p->array;
	int old_prio = p->prio;
	if (array)
		dequeue_task(p, array);
	p->policy = policy;
	p->rt_priority = rt_priority;
	p->prio = effective_prio(policy, p->static_prio, rt_priority,
				 p->sleep_avg, hz());
	if (array) {
		enqueue_task(
		    p, array_after_policy_change(array, rq->active, policy));
		if (p == rq->curr ? p->prio > old_prio
				  : p->prio < rq->curr->prio)
			resched_task(rq->curr);
	}
	task_rq_unlock(rq, flags);
	return 0;
}

/* ------------------------------------------------------------------------
 * Load balancing
 */

/* bug=migration-init-balancer, while the migration threads start: balance
 * as 2.5.8 did then - cache-hot tasks are fair game (it set
 * cache_decay_ticks to 0). */
static volatile bool balance_as_2_5_8;

static struct runqueue *find_busiest(struct runqueue *this_rq,
				     const cpumask_t *skip,
				     unsigned long *max_load);
static unsigned long balance_cap(struct runqueue *this_rq,
				 unsigned long busiest_load);
static u64 balance_give_up(enum balance_kind kind);
static long balance_with(struct runqueue *this_rq, struct runqueue *busiest,
			 enum balance_kind kind);

/*
 * Even out this CPU's load against the busiest runqueue.  Entry and exit:
 * this_rq (this CPU's) locked, interrupts off, no other runqueue lock held
 * (a busiest one is only ever tried, and let go before return).  Callers:
 * scheduler_tick() (idle: every idle_rebalance ms, busy: every
 * busy_rebalance ms, and the retries) and schedule() when this CPU is
 * about to go idle.  It may change this_rq->nr_running.
 *
 * If every task of the busiest queue is pinned away from this CPU, the
 * next-busiest is tried (at most a few in one call): six tasks pinned to
 * CPU 1 must not hide three movable ones on CPU 2 from an idle CPU 3.
 */
static void load_balance(struct runqueue *this_rq, enum balance_kind kind)
{
	bool idle = balance_as_idle(kind);
	BUG_ON(this_rq != cpu_rq(cpu_id()) || !rq_locked_here(this_rq));
	if (params.noloadbalance)
		return;
	u64 give_up = balance_give_up(kind);
	cpumask_t tried;
	cpumask_clear(&tried);
	this_rq->nr_balance_calls++;
	for (int attempt = 0; attempt < 4; attempt++) {
		unsigned long max_load;
		struct runqueue *busiest =
		    find_busiest(this_rq, &tried, &max_load);
		if (!busiest)
			return;
		unsigned long imbalance =
		    sched_imbalance(this_rq->nr_running, max_load, idle);
		if (imbalance)
			imbalance =
			    MIN(imbalance, balance_cap(this_rq, max_load));
		if (!imbalance)
			return;
		cpumask_set_cpu(busiest->cpu, &tried);
		if (!rq_trylock_balance(busiest, give_up))
			continue; /* someone works on it: try the next one */
		long got = balance_with(this_rq, busiest, kind);
		trace_balance((int)busiest->cpu, imbalance, got, idle);
		rq_unlock(busiest);
		if (got >= 0)
			return;
	}
}

/*
 * The runqueue with the most tasks among those that have two or more, other
 * than this_rq, not in `skip`, and not known to hold only tasks that may
 * not come here (pinned_for).  Lock-free reads: a stale count only makes
 * this call pick a worse candidate, which load_balance() checks again
 * under the lock.  Caller: load_balance(), this_rq locked, interrupts off;
 * no other lock is taken.
 */
static struct runqueue *find_busiest(struct runqueue *this_rq,
				     const cpumask_t *skip,
				     unsigned long *max_load)
{
	struct runqueue *busiest = NULL;
	unsigned cpu;
	BUG_ON(!rq_locked_here(this_rq));
	*max_load = 0;
	for_each_cpu(cpu, &overloaded) {
		struct runqueue *rq = cpu_rq(cpu);
		unsigned long load = READ_ONCE(rq->nr_running);
		if (rq == this_rq || load <= *max_load ||
		    cpumask_test_cpu(cpu, skip) ||
		    cpumask_test_cpu(this_rq->cpu, &rq->pinned_for))
			continue;
		*max_load = load;
		busiest = rq;
	}
	return busiest;
}

bool sched_nothing_to_pull(unsigned cpu)
{
	unsigned other;
	if (READ_ONCE(cpu_rq(cpu)->nr_running))
		return false;
	for_each_cpu(other, &overloaded)
		if (other != cpu &&
		    !cpumask_test_cpu(cpu, &cpu_rq(other)->pinned_for))
			return false;
	return true;
}

/* How much a pull may take (`balance=`): the 2.5 rule alone, half the
 * difference with the busiest, or that capped at the mean load. */
enum balance_rule { BALANCE_MEAN, BALANCE_HALVES };
static enum balance_rule balance_rule = BALANCE_MEAN;

/* The `balance=` option; a word it does not know is reported and the
 * default kept. */
static void balance_rule_from_params(void)
{
	/* in the order of enum balance_rule */
	static const char *const rules[] = {"mean", "halves", NULL};
	balance_rule = (enum balance_rule)param_word("balance", params.balance,
						     rules, BALANCE_MEAN);
}

/*
 * The most this_rq may pull from a runqueue holding busiest_load tasks,
 * by the mean rule (sched_mean_cap()); no limit under `balance=halves`.
 * The total is read without locks, as find_busiest() reads the counts:
 * O(CPUs), paid only when there is something to pull.  Caller:
 * load_balance() and balance_with(), this_rq locked, interrupts off.
 */
static unsigned long balance_cap(struct runqueue *this_rq,
				 unsigned long busiest_load)
{
	BUG_ON(!rq_locked_here(this_rq));
	if (balance_rule == BALANCE_HALVES)
		return ~0UL;
	unsigned long total = 0;
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask)
		total += READ_ONCE(cpu_rq(cpu)->nr_running);
	return sched_mean_cap(this_rq->nr_running, busiest_load, total,
			      num_online_cpus());
}

/* How long load_balance() may try for busiest runqueues' locks (see
 * rq_trylock_balance()): not at all for an idle CPU's tick or a retry,
 * which come back next tick; BALANCE_PATIENCE_TICKS for a busy CPU, which
 * comes back only every 200 ms (and as all CPUs' ticks are in step, a single
 * try would find the busiest CPU inside its own tick every time), and for a CPU
 * about to go idle (it has nothing better to do; if it gave up it would switch
 * to its idle task and back). */
#define BALANCE_PATIENCE_TICKS 2
static u64 balance_give_up(enum balance_kind kind)
{
	u64 now = hal_cycles();
	if (kind == BALANCE_IDLE || kind == BALANCE_RETRY)
		return now;
	return now + BALANCE_PATIENCE_TICKS * hal_cycles_per_ms() * 1000 / hz();
}

/*
 * One pull: tasks from src, the busiest runqueue, to dst, this CPU's, both
 * locked.  (Later Linux bundles its balancing state the same way, in
 * struct lb_env.)
 */
struct pull {
	struct runqueue *src, *dst;
	unsigned long want; /* how many tasks dst should take */
	unsigned long got;  /* how many it has taken */
	bool all_pinned;    /* every task seen so far may never come to dst */
};

/* Why a task cannot be pulled, if it cannot. */
enum migrate_verdict {
	MIGRATE_OK,
	MIGRATE_PINNED,	 /* its cpus_allowed forbids the destination */
	MIGRATE_NOT_NOW, /* running, or cache-hot: it may be movable later */
};

static void pull_from(struct pull *pl, struct prio_array *a);
static inline enum migrate_verdict
can_migrate(struct task *p, struct runqueue *src, unsigned dest_cpu);
static inline void pull_task(struct pull *pl, struct task *p);

/*
 * Pull from busiest (locked with this_rq) as many tasks as it has too
 * many.  Returns how many came, or -1 if busiest turned out to hold only
 * tasks that may never come here; this CPU then remembers that
 * (pinned_for) and skips busiest until something there changes.  Caller:
 * load_balance(), both runqueues locked (busiest by rq_trylock_balance()),
 * interrupts off; both stay locked.
 */
static long balance_with(struct runqueue *this_rq, struct runqueue *busiest,
			 enum balance_kind kind)
{
	bool idle = balance_as_idle(kind);
	BUG_ON(!rq_locked_here(busiest) || busiest == this_rq);
	/* the numbers may have changed before we got the lock */
	unsigned long n =
	    sched_imbalance(this_rq->nr_running, busiest->nr_running, idle);
	if (n)
		n = MIN(n, balance_cap(this_rq, busiest->nr_running));
	if (!n)
		return 0;
	this_rq->nr_balance_scans++;
	struct pull pl = {
	    .src = busiest, .dst = this_rq, .want = n, .all_pinned = true};
	/* expired tasks first: they have not run for a while */
	pull_from(&pl, busiest->expired);
	pull_from(&pl, busiest->active);
	/* Short because of tasks that may move later: come back at the next
	 * ticks.  A retry that falls short again does not start another run,
	 * so a busy CPU retries at most BALANCE_RETRIES ticks in a row. */
	if (pl.got == pl.want || pl.all_pinned)
		this_rq->balance_retries = 0;
	else if (kind != BALANCE_RETRY)
		this_rq->balance_retries = BALANCE_RETRIES;
	if (!pl.got && pl.all_pinned) {
		cpumask_set_cpu(this_rq->cpu, &busiest->pinned_for);
		return -1;
	}
	return (long)pl.got;
}

/*
 * Pull tasks from array `a` of pl->src until pl->got reaches pl->want: the
 * best priority first and, within a priority, from the tail of its list,
 * as Linux 2.5 did (the head is what src runs next; the tail would wait
 * longest there).  Skip what can_migrate() refuses, and clear
 * pl->all_pinned on meeting a task that could come later (running now, or
 * cache-hot).  Caller: balance_with(), both runqueues locked, interrupts
 * off; `a` is one of pl->src's two arrays.
 */
static void pull_from(struct pull *pl, struct prio_array *a)
{
	BUG_ON(a != pl->src->active && a != pl->src->expired);
	/* LAB 5 BEGIN stub: (void)pl; (void)a; */
	for (int idx = prio_array_first(a);
	     idx < MAX_PRIO && pl->got < pl->want;
	     idx = (int)find_next_bit(a->bitmap, MAX_PRIO + 1,
				      (unsigned)idx + 1)) {
		struct list_head *pos, *prev;
		/* pull_task() takes pos off the list: note prev first */
		for (pos = a->queue[idx].prev;
		     pos != &a->queue[idx] && pl->got < pl->want; pos = prev) {
			prev = pos->prev;
			struct task *p = list_entry(pos, struct task, run_list);
			enum migrate_verdict v =
			    can_migrate(p, pl->src, pl->dst->cpu);
			if (v != MIGRATE_PINNED)
				pl->all_pinned = false;
			if (v == MIGRATE_OK)
				pull_task(pl, p);
		}
	}
	/* LAB 5 END */
}

/* May p, queued on src, come to dest_cpu now?  The rules at the top of the
 * file.  Caller: pull_from(), src and dest_cpu's runqueue locked; it
 * changes nothing. */
static inline enum migrate_verdict
can_migrate(struct task *p, struct runqueue *src, unsigned dest_cpu)
{
	BUG_ON(p->cpu != src->cpu);
	if (!cpumask_test_cpu(dest_cpu, &p->cpus_allowed))
		return MIGRATE_PINNED;
	if (p == src->curr)
		return MIGRATE_NOT_NOW;
	/* cache-hot: it ran a moment ago, its data is still in src's cache */
	if (jiffies - p->sleep_timestamp <= CACHE_HOT_TICKS(hz()) &&
	    !balance_as_2_5_8)
		return MIGRATE_NOT_NOW;
	return MIGRATE_OK;
}

/* Move p, queued on pl->src and allowed on pl->dst, to pl->dst, and count
 * it.  p did not sleep: it keeps its priority and sleep_avg (so not
 * activate_task(), which would credit it a sleep), and joins dst's active
 * array.  Caller: pull_from(), both runqueues locked, interrupts off; p is
 * not src's running task (can_migrate()). */
static inline void pull_task(struct pull *pl, struct task *p)
{
	struct runqueue *src = pl->src, *dst = pl->dst;
	BUG_ON(p == src->curr);
	trace_migrate(p, src->cpu, dst->cpu, TRACE_MIGRATE_BALANCE);
	/* LAB 5 BEGIN stub: (void)0; */
	dequeue_task(p, p->array);
	rq_add_nr_running(src, -1);
	p->cpu = dst->cpu;
	rq_add_nr_running(dst, +1);
	enqueue_task(p, dst->active);
	/* better than what dst runs (its idle task, if dst was idle) */
	if (p->prio < dst->curr->prio)
		dst->curr->need_resched = true;
	/* LAB 5 END */
	p->nr_migrations++;
	pl->got++;
	dst->nr_pulled++;
	rq_forget_pinned(dst, p); /* a task arrived there */
}

/* ------------------------------------------------------------------------
 * Migration
 */

/* Tests only (sched_regress_ktest.c): called by migrate_one() between
 * choosing the destination and locking, to hold that window open. */
void (*sched_test_migrate_hook)(struct task *p);

static void queue_migration_req(struct runqueue *rq, struct migration_req *req);
static void migrate_one(struct runqueue *rq, struct task *p);
static unsigned migration_home_by_balancer(void);
static void migration_init_by_balancer(void);
static void migration_report_home(void);

static struct completion migration0_ready;
static struct completion migration_arrived; /* completed by the last one */
static unsigned migration_expected, migration_count;

/*
 * Let p run only on the online CPUs of `mask`, and wait until it is on one
 * (sched.h).  Entry: a task that may sleep - interrupts on, preemption on,
 * no lock held, not an interrupt (rule 4); a caller that breaks it gets
 * -EDEADLK rather than a BUG_ON, so that the ktests can show it.  Exit:
 * the same, p on an allowed CPU or asleep homed on one.  A task that is
 * queued or running is moved by its CPU's migration thread
 * (migrate_one()); a sleeping one just gets a new home.
 */
int set_cpus_allowed(struct task *p, const cpumask_t *mask)
{
	irqflags_t flags;

	const char *why = sleep_forbidden_why();
	if (why && sched_running) {
		pr_err(
		    "set_cpus_allowed(%s): refused, the caller may not sleep "
		    "(%s) and moving a task means waiting for it\n",
		    p->name, why);
		return -EDEADLK;
	}
	if (!cpumask_intersects(mask, &cpu_online_mask))
		return -EINVAL;
	if (p == cpu_rq(READ_ONCE(p->cpu))->migration_thread) {
		pr_err(
		    "set_cpus_allowed(%s): refused, it is cpu %u's migration "
		    "thread and must stay there\n",
		    p->name, p->cpu);
		return -EPERM;
	}
	struct runqueue *rq = task_rq_lock(p, &flags);
	p->cpus_allowed = *mask;
	rq_forget_pinned(rq, p);
	/* LAB 6 BEGIN stub: task_rq_unlock(rq, flags); return 0; */
	if (cpumask_test_cpu(p->cpu, mask)) { /* it may stay where it is */
		task_rq_unlock(rq, flags);
		return 0;
	}
	if (!p->array && p != rq->curr) { /* asleep: just change its home */
		cpumask_t ok;
		cpumask_and(&ok, mask, &cpu_online_mask);
		trace_migrate(p, p->cpu, cpumask_first(&ok),
			      TRACE_MIGRATE_AFFINITY);
		p->cpu = cpumask_first(&ok);
		p->nr_migrations++;
		task_rq_unlock(rq, flags);
		return 0;
	}
	/* queued or running: rq's migration thread moves it, and we wait */
	struct completion done;
	struct migration_req req;
	init_completion(&done);
	req.done = &done;
	req.task = p;
	__atomic_fetch_add(&p->migration_pending, 1, __ATOMIC_RELAXED);
	queue_migration_req(rq, &req);
	struct task *mt = rq->migration_thread;
	rq_unlock(rq);
	hal_irq_restore(flags);
	if (!mt)
		panic(
		    "set_cpus_allowed(%s): cpu %u has no migration thread yet",
		    p->name, rq->cpu);
	wake_up_process(mt);
	wait_for_completion(&done);
	return 0;
	/* LAB 6 END */
}

/*
 * Queue req on rq's migration queue (rq locked).  A function of its own so
 * that the moment has a name: a breakpoint here sees every request as it is
 * made (gdb's `tern migrations` follows them this way).  __used: lab 6's
 * start state does not call it, and it must still compile.
 */
static __noinline __used void queue_migration_req(struct runqueue *rq,
						  struct migration_req *req)
{
	trace_migq_queue(req->task, rq->cpu);
	list_add_tail(&req->list, &rq->migration_queue);
}

/*
 * CPU `arg`'s migration thread, SCHED_FIFO 99.  First it goes home (the
 * start-up told at the top of the file); then, for ever: sleep until a
 * request is on its runqueue's migration queue, take one off under the
 * runqueue lock, and serve it with migrate_one() with no lock held and
 * interrupts on (it waits for two runqueue locks there).  It runs on its
 * own CPU only, so while it runs no task it moves is running there.
 */
static void migration_thread(void *arg)
{
	unsigned cpu = (unsigned)(unsigned long)arg;
	struct runqueue *rq;

	sched_setscheduler(current, SCHED_FIFO, MAX_RT_PRIO - 1);
	if (museum_on(BUG_MIGRATION_INIT_BALANCER)) {
		cpu = migration_home_by_balancer();
		cpu_rq(cpu)->migration_thread = current;
	} else if (cpu == 0) {
		cpu_rq(0)->migration_thread = current;
		complete(&migration0_ready);
	} else {
		/* LAB 7 BEGIN stub: (void)0; */
		/* Through CPU 0's migration thread, like any other task. */
		cpumask_t home = cpumask_of(cpu);
		set_cpus_allowed(current, &home);
		/* LAB 7 END */
		cpu_rq(cpu)->migration_thread = current;
	}
	pr_debug("migration: migration/%u home at %llu ms (on cpu %u)\n", cpu,
		 ms_since_boot(), cpu_id());
	/* Count arrivals; only the last one wakes migration_init().  With 255
	 * threads arriving at once, all completing one completion would queue
	 * them up on its lock (and, under TCG, on the host's scheduler). */
	if (__atomic_add_fetch(&migration_count, 1, __ATOMIC_ACQ_REL) ==
	    migration_expected)
		complete(&migration_arrived);

	rq = cpu_rq(cpu);
	for (;;) {
		BUG_ON(rq->migration_thread != current || !hal_irqs_enabled());
		irqflags_t flags = hal_irq_save();
		rq_lock(rq);
		if (list_empty(&rq->migration_queue)) {
			current->state = TASK_INTERRUPTIBLE;
			rq_unlock(rq);
			hal_irq_restore(flags);
			schedule();
			continue;
		}
		struct migration_req *req = list_first_entry(
		    &rq->migration_queue, struct migration_req, list);
		list_del(&req->list);
		rq->migration_serving = req->task;
		trace_migq_serve(req->task);
		rq_unlock(rq);
		hal_irq_restore(flags);
		migrate_one(rq, req->task);
		complete(req->done);
		/* Busy, not stuck: under a storm of requests this thread (FIFO
		 * 99, never preempted) may serve for seconds without calling
		 * schedule(); each request served is progress. */
		watchdog_touch();
	}
}

/*
 * Move p off `rq` (this CPU's) to a CPU its cpus_allowed permits.  Called
 * by rq's migration thread only, interrupts on, no lock held; never
 * inlined, so that gdb can break on it (`tern migrations` does).
 *
 * The destination is chosen from p->cpus_allowed before the two runqueue
 * locks are taken (which pair to lock depends on it), so by the time both
 * are held another set_cpus_allowed() may have changed the mask: pinning
 * to {2} and then at once to {3} must not leave p on CPU 2.  So the choice
 * is checked again under both locks, and made again if it went stale.
 * (Linux 2.5's migration thread had this flaw: it read the mask, took the
 * locks and moved the task without looking again.)  While p sits on rq and
 * its mask forbids rq, only set_cpus_allowed() changes the mask, always
 * under rq's lock - which we hold at the check - so the loop ends as soon
 * as the callers stop changing it.
 *
 * Entry: rq->migration_serving is p, taken off rq's queue by
 * migration_thread(); interrupts on, no lock held.  Exit: the same, p
 * homed on an allowed CPU (or left where it is if its mask allows it
 * there by now), migration_serving cleared, p's request counted as served.
 */
static __noinline void migrate_one(struct runqueue *rq, struct task *p)
{
	BUG_ON(current != rq->migration_thread || rq->migration_serving != p);
	BUG_ON(!hal_irqs_enabled());
	for (;;) {
		cpumask_t ok;
		cpumask_and(&ok, &p->cpus_allowed, &cpu_online_mask);
		unsigned dest = cpumask_first(&ok);
		struct runqueue *dest_rq = cpu_rq(dest);
		if (unlikely(sched_test_migrate_hook))
			sched_test_migrate_hook(p);
		/* rule 1: irqs off first (not so under bug=migration-irq) */
		bool irqs_on = museum_on(BUG_MIGRATION_IRQ);
		irqflags_t flags = irqs_on ? 0 : hal_irq_save();
		double_rq_lock(rq, dest_rq);
		/* LAB 6 BEGIN stub: bool stale = false; */
		/* still on rq, and still forbidden there? */
		bool must_move = p->cpu == rq->cpu &&
				 !cpumask_test_cpu(p->cpu, &p->cpus_allowed);
		/* and dest, chosen before the locks, forbidden by now too? */
		bool stale =
		    must_move && !cpumask_test_cpu(dest, &p->cpus_allowed);
		if (must_move && !stale) {
			trace_migrate(p, rq->cpu, dest, TRACE_MIGRATE_AFFINITY);
			if (p->array) { /* queued (not running: we are) */
				deactivate_task(p, rq);
				p->cpu = dest;
				activate_task(p, dest_rq);
				if (p->prio < dest_rq->curr->prio)
					resched_task(dest_rq->curr);
			} else { /* asleep: it wakes up on dest */
				p->cpu = dest;
			}
			p->nr_migrations++;
		}
		/* LAB 6 END */
		if (!stale) {
			__atomic_fetch_sub(&p->migration_pending, 1,
					   __ATOMIC_RELAXED);
			rq->migration_serving = NULL;
		}
		double_rq_unlock(rq, dest_rq);
		if (!irqs_on)
			hal_irq_restore(flags);
		if (!stale)
			return;
	}
}

void migration_init(void)
{
	unsigned cpu;
	cpumask_t cpu0 = cpumask_of(0);

	init_completion(&migration0_ready);
	init_completion(&migration_arrived);
	migration_count = 0;
	migration_expected = num_online_cpus();
	if (museum_on(BUG_MIGRATION_INIT_BALANCER)) {
		migration_init_by_balancer();
		return;
	}
	/* CPU 0's thread first, serving before any other exists. */
	for_each_cpu(cpu, &cpu_online_mask) {
		struct task *t =
		    kthread_create(migration_thread, (void *)(unsigned long)cpu,
				   "migration/%u", cpu);
		if (!t)
			panic("migration: no memory for migration/%u", cpu);
		t->cpus_allowed = cpu0;
		t->cpu = 0;
		wake_up_process(t);
		if (cpu == 0)
			wait_for_completion(&migration0_ready);
	}
	wait_for_completion(&migration_arrived);
	migration_report_home();
}

/* Every migration thread has arrived: check that each is on its own CPU and
 * say so (`migration: home N/N`).  A function of its own so that gdb can
 * stop at this moment (`tern migrations` does). */
static __noinline void migration_report_home(void)
{
	unsigned cpu, home = 0;
	for_each_cpu(cpu, &cpu_online_mask) {
		struct task *t = cpu_rq(cpu)->migration_thread;
		if (t && t->cpu == cpu)
			home++;
		else
			pr_err("migration: migration/%u is not on cpu %u\n",
			       cpu, cpu);
	}
	pr_info("migration: home %u/%u\n", home, num_online_cpus());
}

/*
 * bug=migration-init-balancer: how Linux 2.5.8 brought its migration
 * threads home, before Erich Focht's fix #2 (April 2002).  The threads are
 * created allowed on every CPU, and each stays busy (FIFO 99, spinning)
 * "so that the load balancer will distribute them between all CPUs
 * equally"; a thread that finds itself on a CPU nobody has claimed yet
 * claims it and stays.  Cache-hotness would keep the balancer from moving
 * tasks that have just run - which these always have - so 2.5.8 set
 * cache_decay_ticks to 0 for the while; here, balance_as_2_5_8.
 * Nothing but the load balancer moves them: with noloadbalance, all but
 * one stay on CPU 0 for ever, and migration_init() waits for ever.
 */
static volatile bool migration_claimed[NR_CPUS];
static unsigned migration_claims;

/* Stay runnable, so that the balancer sees a load: spin for a millisecond,
 * then yield() - now and then only, or this CPU's runqueue lock, which
 * yield() takes, would hardly ever be free for a balancer to try. */
static void keep_busy(void)
{
	udelay(1000);
	yield();
}

/* Until on a CPU nobody has claimed: keep busy; then claim it. */
static unsigned migration_claim_by_balancer(void)
{
	for (;;) {
		preempt_disable();
		unsigned cpu = cpu_id();
		bool free = false;
		if (__atomic_compare_exchange_n(&migration_claimed[cpu], &free,
						true, false, __ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED)) {
			irqflags_t flags;
			struct runqueue *rq = task_rq_lock(current, &flags);
			current->cpus_allowed = cpumask_of(cpu); /* here now */
			task_rq_unlock(rq, flags);
			snprintf(current->name, sizeof(current->name),
				 "migration/%u", cpu);
			preempt_enable();
			return cpu;
		}
		preempt_enable();
		keep_busy();
	}
}

static unsigned migration_home_by_balancer(void)
{
	unsigned home = migration_claim_by_balancer();
	/* Stay busy until every thread has a home: a CPU whose own thread
	 * slept would leave a homeless one alone there, running, and the
	 * balancer never moves the task a CPU is running. */
	__atomic_add_fetch(&migration_claims, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&migration_claims, __ATOMIC_ACQUIRE) <
	       migration_expected)
		keep_busy();
	return home;
}

/* bug=migration-init-balancer: create the threads unbound, and wait. */
static void migration_init_by_balancer(void)
{
	unsigned cpu;
	balance_as_2_5_8 = true;
	/* The threads are FIFO 99 and never sleep until all are home: as a
	 * normal task, the first one woken would take CPU 0 from us for good,
	 * before we even got to wait.  As their equal we get to the wait. */
	sched_setscheduler(current, SCHED_FIFO, MAX_RT_PRIO - 1);
	for_each_cpu(cpu, &cpu_online_mask) {
		struct task *t =
		    kthread_create(migration_thread, (void *)(unsigned long)cpu,
				   "migration-%u", cpu);
		if (!t)
			panic("migration: no memory for a migration thread");
		t->cpus_allowed = cpu_online_mask;
		t->cpu = 0;
		wake_up_process(t);
	}
	wait_for_completion(&migration_arrived);
	sched_setscheduler(current, SCHED_NORMAL, 0);
	balance_as_2_5_8 = false;
	migration_report_home();
}

/* ------------------------------------------------------------------------
 * Thread creation and exit
 */

/*
 * A new thread's share of CPU time, taken from its creator, as Linux 2.5
 * did at fork (sched_calc.h: fork): half of what is left of the creator's
 * slice, rounded up, so that spawning threads cannot make CPU time - a
 * task that starts a hundred threads has, with them, the slice it had; and
 * 95% of the creator's sleep_avg.  A creator left with 0 ticks runs on
 * until its next tick, which ends its slice and charges the tick it ran
 * beyond to its next one, as for a late tick (slice_refill()).
 *
 * Who counts as the creator: the task that calls kthread_create(), with
 * two exceptions, whose threads start with a full slice of their own and
 * a neutral sleep_avg (bonus 0), and give nothing back at exit:
 *  - an idle task: the boot path creates init before any thread exists,
 *    and an idle task's slice is never used anyway;
 *  - an interrupt handler: the interrupted task did not ask for the
 *    thread and must not pay for it.
 * Threads always start as SCHED_NORMAL at nice 0, whatever the creator's
 * policy (a real-time creator gives half its slice all the same, as in
 * Linux; its own slice only matters if it is SCHED_RR).
 *
 * Caller: kthread_create(), after sched_task_init() and before p is
 * visible to anyone; any context.
 */
void sched_fork(struct task *p)
{
	struct task *parent = current;
	p->sleep_timestamp = jiffies;
	if (in_interrupt() || parent == task_rq(parent)->idle) {
		p->parent = NULL;
		p->time_slice = task_timeslice(p->static_prio, hz());
		p->sleep_avg = max_sleep_avg(hz()) / 2;
	} else {
		irqflags_t flags;
		struct runqueue *rq = task_rq_lock(parent, &flags);
		p->time_slice = fork_child_slice(parent->time_slice);
		parent->time_slice -= p->time_slice;
		p->sleep_avg = fork_child_sleep_avg(parent->sleep_avg);
		parent->sleep_avg = fork_parent_sleep_avg(parent->sleep_avg);
		task_rq_unlock(rq, flags);
		get_task_struct(parent); /* until p is reaped */
		p->parent = parent;
	}
	p->prio = effective_prio(p->policy, p->static_prio, p->rt_priority,
				 p->sleep_avg, hz());
}

/*
 * p has switched away for the last time.  If it ended before using up its
 * first slice, what is left of it goes back to its creator, if that still
 * lives, up to a full slice (Linux 2.5's sched_exit()): a task that starts
 * short-lived threads loses nothing by it.
 * Caller: finish_task_switch() before reaping p; interrupts on, no
 * runqueue lock held.
 */
static void sched_exit(struct task *p)
{
	struct task *parent = p->parent;
	if (!parent || !p->first_time_slice)
		return;
	irqflags_t flags;
	struct runqueue *rq = task_rq_lock(parent, &flags);
	if (parent->state != TASK_DEAD)
		parent->time_slice = exit_parent_slice(
		    parent->time_slice, p->time_slice,
		    task_timeslice(parent->static_prio, hz()));
	task_rq_unlock(rq, flags);
}

/* ------------------------------------------------------------------------
 * Start-up
 */

/*
 * The scheduler's part of a new task, idle tasks and threads alike
 * (init_idle(); kthread_create(), whose sched_fork() then gives it its
 * share of its creator's slice): SCHED_NORMAL at nice 0, a full first
 * slice, homed on `cpu`, on no list.  Before anyone else can see p.
 */
void sched_task_init(struct task *p, unsigned cpu)
{
	p->static_prio = NICE_TO_PRIO(0);
	p->prio = p->static_prio;
	p->policy = SCHED_NORMAL;
	p->time_slice = task_timeslice(p->static_prio, hz());
	p->first_time_slice = true;
	p->cpu = cpu;
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->tasks);
}

/* Make CPU `cpu`'s boot thread its idle task: it never sits in an array. */
static void init_idle(unsigned cpu)
{
	struct task *idle = &idle_tasks[cpu];
	struct runqueue *rq = cpu_rq(cpu);
	sched_task_init(idle, cpu);
	snprintf(idle->name, sizeof(idle->name), "idle/%u", cpu);
	idle->prio = MAX_PRIO; /* below everyone */
	/* an idle task runs on its CPU's boot stack, whose top smp.c gets
	 * from the arch (hal_cpu_boot_stack) into stack_top, for gdb */
	idle->pid = 0;
	cpumask_clear(&idle->cpus_allowed);
	cpumask_set_cpu(cpu, &idle->cpus_allowed);
	rq->curr = rq->idle = idle;
}

void runqueue_init(struct runqueue *rq, unsigned cpu)
{
	memset(rq, 0, sizeof(*rq));
	spin_lock_init_ordered(&rq->lock, "runqueue", cpu, "lower CPU first");
	rq->cpu = cpu;
	rq->active = &rq->arrays[0];
	rq->expired = &rq->arrays[1];
	prio_array_init(rq->active);
	prio_array_init(rq->expired);
	INIT_LIST_HEAD(&rq->migration_queue);
}

void sched_init(void)
{
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		struct runqueue *rq = cpu_rq(cpu);
		runqueue_init(rq, cpu);
		/* spread the CPUs' busy rebalancing over the period */
		rq->next_balance = cpu * 7;
		init_idle(cpu);
	}
	yield_mode_from_params();
	balance_rule_from_params();
	sched_running = true;
}

void cpu_idle(void)
{
	for (;;) {
		nohz_idle_enter();
		/* halt until an interrupt; with the tick stopped if nothing
		 * needs it (kernel/nohz.c) */
		while (!current->need_resched)
			nohz_idle_wait();
		schedule();
	}
}

/* ------------------------------------------------------------------------
 * Reports and tests
 */

/*
 * Turn each CPU's trace ring on or off while holding that CPU's runqueue
 * lock: schedule() counts a switch (rq->nr_switches) and records it under
 * the same lock, so the count that trace.c keeps for the on-periods and
 * the switch records agree exactly - which tools/trace checks.
 * Caller: trace_start()/trace_stop(); thread context.
 */
void sched_trace_set(bool on)
{
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask) {
		struct runqueue *rq = cpu_rq(cpu);
		irqflags_t flags = hal_irq_save();
		rq_lock(rq);
		trace_cpu_set(cpu, on, rq->nr_switches);
		rq_unlock(rq);
		hal_irq_restore(flags);
	}
}

/*
 * For the watchdog's hung-task report: what `cpu`'s runqueue holds, one
 * line - the first few tasks waiting there by name, and how many of them
 * could run on another CPU.  Any context: the lock is only tried (the
 * report may come from an interrupt on a CPU that holds it).
 */
void sched_print_runqueue(unsigned cpu)
{
	struct runqueue *rq = cpu_rq(cpu);
	char names[120];
	size_t n = 0;
	unsigned listed = 0, elsewhere = 0, waiting = 0;
	/* a CPU that schedules all the time holds it most of the time: try
	 * for up to 10 ms, never wait (its holder may be the one that hangs) */
	u64 give_up = hal_cycles() + 10 * hal_cycles_per_ms();
	bool locked;
	while (!(locked = spin_trylock(&rq->lock)) && hal_cycles() < give_up)
		hal_cpu_relax();
	if (!locked) {
		pr_emerg("    cpu %u: (its runqueue is locked; not read)\n",
			 cpu);
		return;
	}
	names[0] = 0;
	for (int a = 0; a < 2; a++) {
		struct prio_array *arr = &rq->arrays[a];
		for (int i = 0; i < MAX_PRIO; i++) {
			struct task *p;
			list_for_each_entry(p, &arr->queue[i], run_list) {
				if (p == rq->curr)
					continue;
				waiting++;
				cpumask_t other, here = cpumask_of(cpu);
				cpumask_andnot(&other, &p->cpus_allowed, &here);
				if (cpumask_intersects(&other,
						       &cpu_online_mask))
					elsewhere++;
				if (listed++ < 4 && n < sizeof(names))
					n += (size_t)snprintf(names + n,
							      sizeof(names) - n,
							      " %s", p->name);
			}
		}
	}
	pr_emerg("    cpu %u: running '%s', %u waiting:%s%s; %u of them "
		 "allowed on other CPUs\n",
		 cpu, rq->curr->name, waiting, names, listed > 4 ? " ..." : "",
		 elsewhere);
	spin_unlock(&rq->lock);
}

/* For the ktest that shows rule 1 enforced: take and drop a runqueue lock
 * with interrupts as the caller left them - on, as Linux 2.5.8's migration
 * thread did. */
void sched_test_rq_lock_as_is(unsigned cpu)
{
	struct runqueue *rq = cpu_rq(cpu);
	rq_lock(rq);
	rq_unlock(rq);
}

/* For the ktest of rule 2: lock runqueue `first`, then `second`, in that
 * order, interrupts off, and let go. */
void sched_test_rq_lock_pair(unsigned first, unsigned second)
{
	irqflags_t flags = hal_irq_save();
	rq_lock(cpu_rq(first));
	rq_lock(cpu_rq(second));
	rq_unlock(cpu_rq(second));
	rq_unlock(cpu_rq(first));
	hal_irq_restore(flags);
}

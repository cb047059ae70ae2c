/*
 * kernel/sched_lock.h - the runqueue locks: locking rules 1 and 2 at the
 * top of kernel/sched.c, as code.
 *
 * For kernel/sched.c only, which includes it once.  The functions are
 * static, as they were inside sched.c, so that the compiler inlines them
 * into the hot paths as before, and the site rq_lock() records as the
 * holder stays the scheduler function that wanted the lock
 * (migrate_one+..., scheduler_tick+...: the lock validator's reports, the
 * watchdog, gdb's `tern locks` and the museum's tests name it).  They live
 * here so that sched.c can start with schedule().
 */
#ifndef TERN_KERNEL_SCHED_LOCK_H
#define TERN_KERNEL_SCHED_LOCK_H

#include "kernel/museum.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"

/* Does this CPU hold rq's lock?  One load and a compare with the holder the
 * lock records (spinlock.h): cheap enough to assert on the hot paths. */
static inline bool rq_locked_here(const struct runqueue *rq)
{
	return READ_ONCE(rq->lock.holder_cpu) == (s32)cpu_id();
}

/*
 * Lock rq.  Entry: interrupts off (rule 1), and no other runqueue lock
 * held unless rq's CPU is the higher (rule 2).  Exit: rq locked, and
 * preemption off until rq_unlock().
 *
 * Rules 1 and 2 are the lock validator's two rules (lockcheck.h) applied to
 * the class 'runqueue': scheduler_tick() takes it in every timer
 * interrupt, so one rq_lock() with interrupts on is reported; and its
 * locks are ordered by CPU (runqueue_init()), so two taken higher CPU first
 * are reported.  So they are not BUG_ON()s here: the validator reports
 * them (and the museum and the ktests break them on purpose).  Not
 * inlined, and the site recorded is the caller's: the reports and the
 * watchdog name who wanted the runqueue.
 */
static __noinline void rq_lock(struct runqueue *rq)
{
	spin_lock_at(&rq->lock, __builtin_return_address(0));
}

static void rq_unlock(struct runqueue *rq)
{
	spin_unlock(&rq->lock);
}

/*
 * Lock the runqueue p is on.  Entry: any context, interrupts on or off, no
 * runqueue lock held.  Exit: task_rq(p) locked, interrupts off (the
 * caller's state saved in *flags), so p stays on that runqueue until
 * task_rq_unlock().  p may move while we wait for the lock, so the
 * runqueue is checked again once we hold it.
 */
static struct runqueue *task_rq_lock(struct task *p, irqflags_t *flags)
{
	for (;;) {
		*flags = hal_irq_save();
		struct runqueue *rq = task_rq(p);
		rq_lock(rq);
		if (rq == task_rq(p))
			return rq;
		rq_unlock(rq);
		hal_irq_restore(*flags);
	}
}

/* Undo task_rq_lock(): entry with rq locked and interrupts off; exit with
 * the caller's interrupt state back, and preempted if a wake-up made under
 * the lock asked for it. */
static void task_rq_unlock(struct runqueue *rq, irqflags_t flags)
{
	BUG_ON(hal_irqs_enabled());
	rq_unlock(rq);
	hal_irq_restore(flags);
	preempt_check_resched(); /* a wake-up may have asked for it */
}

/* Both runqueues, lower CPU first (rule 2); one lock when a == b.  Entry:
 * interrupts off, neither lock held; exit: both held.  Caller:
 * migrate_one().  (bug=rq-order: a first, always - the museum's exhibit of
 * rule 2; bug=migration-irq calls it with interrupts on, the exhibit of
 * rule 1.) */
static void double_rq_lock(struct runqueue *a, struct runqueue *b)
{
	BUG_ON(hal_irqs_enabled() && !museum_on(BUG_MIGRATION_IRQ));
	/* LAB 4 BEGIN stub: rq_lock(a); if (a != b) rq_lock(b); */
	if (a == b) {
		rq_lock(a);
	} else if (a->cpu < b->cpu || museum_on(BUG_RQ_ORDER)) {
		rq_lock(a);
		rq_lock(b);
	} else {
		rq_lock(b);
		rq_lock(a);
	}
	/* LAB 4 END */
}

/* Undo double_rq_lock(); interrupts stay as they are. */
static void double_rq_unlock(struct runqueue *a, struct runqueue *b)
{
	rq_unlock(a);
	if (a != b)
		rq_unlock(b);
}

/*
 * Holding this_rq, take busiest too, without ever queueing for it.  A
 * trylock never waits in line, so it cannot deadlock whatever the order,
 * and rule 2 does not apply to it.  Why never queue: a ticket lock serves
 * strictly in turn, so a CPU in the queue waits for every CPU ahead of
 * it, and all balancing CPUs pick the same busiest runqueue.  Idle CPUs
 * balance on every tick: queued up, they would keep the busiest CPU
 * itself from its own runqueue.  And under an emulator that runs 32 CPUs
 * on two host cores, the CPU whose turn comes may just then be
 * descheduled by the host: busy CPUs queued for one runqueue in their
 * ticks made every tick a convoy, and no CPU ran a task for 10 s
 * (trace/boot-smp32, December 2026).
 *
 * So the lock is tried, and tried again each time it looks free, until
 * hal_cycles() reaches `give_up`.  Balancing is an optimisation: giving up
 * costs a move made later, never a hang.
 *
 * Caller: load_balance(), holding this CPU's runqueue lock, interrupts
 * off.  Returns true with busiest locked too, false with it not locked.
 */
static bool rq_trylock_balance(struct runqueue *busiest, u64 give_up)
{
	BUG_ON(hal_irqs_enabled());
	while (!spin_trylock(&busiest->lock)) {
		do {
			if (hal_cycles() >= give_up)
				return false;
			hal_cpu_relax();
		} while (spin_is_locked(&busiest->lock));
	}
	return true;
}

#endif

/*
 * kernel/timer.c - per-CPU timers, and msleep().
 *
 * Each CPU has a timer base: a lock, a timer wheel (timer_wheel.h: O(1)
 * to add, delete and run, however many timers wait) and `running`, the
 * timer whose fn it runs at this moment.  timer.h states the contract;
 * here is how it is kept.
 *
 * A timer's `cpu` names its base, and stays set after the timer has run.
 * run_timers() takes a due timer off the wheel, sets `running`, drops the
 * lock and calls fn; afterwards it clears `running` and never touches the
 * timer again.  So:
 *  - fn may re-arm its timer (it lands on this CPU's wheel, pending as any
 *    other) or free it: nothing undoes or reads it after fn.  (This kernel
 *    once set `cpu = -1` after fn; a re-armed timer then still fired, but
 *    del_timer() could no longer find it and said it was not pending.)
 *  - del_timer() on another CPU finds the base through `cpu` even between
 *    two runs, sees `running`, and waits for fn to return before it looks
 *    at the wheel - the guarantee that fn is over when it returns.
 *  - del_timer() from fn itself sees `running` on its own CPU, and then
 *    must not wait: with interrupts off in fn, a base whose `running` is
 *    t on this very CPU can only mean that we are inside t's fn.  (This
 *    kernel once waited anyway, and spun forever.)
 *  - For the same reason a timer whose fn is running is never moved to
 *    another base by mod_timer(): `running` is on the old one.
 *
 * Locks.  A base's lock is taken with interrupts off (run_timers() takes it
 * in the timer interrupt).  Nothing else is locked while one is held, and
 * none is held while fn runs; mod_timer() moving a timer holds two, the
 * lower CPU's first.  `cpu` changes only with the old base's lock held,
 * so whoever locks the base that `cpu` named, and finds that `cpu` still
 * names it, has the timer to itself.
 */
#include "kernel/timer.h"
#include "kernel/hal.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "kernel/timer_wheel.h"
#include "kernel/wait.h"

struct timer_base {
	/* Immutable once `ready`: set up by its own CPU on first use
	 * (this_base()); `ready` is stored last, with release, and read
	 * with acquire by timer_get_stats() on other CPUs. */
	bool ready;
	unsigned cpu;

	/* Guarded by `lock`, taken with interrupts off. */
	spinlock_t lock;
	struct timer_wheel wheel; /* the pending timers */
	/* The timer whose fn this CPU runs now, or NULL.  Written by this CPU
	 * under the lock; del_timer() on others also polls it unlocked
	 * (READ_ONCE) while it waits for that fn to return. */
	struct timer *running;
	unsigned long waited; /* del_timer()s that waited for a running fn */

	/* This CPU only, interrupts off (run_timers(), read back by
	 * timer_run_info() on the same CPU): the jiffy `running` was taken
	 * off the wheel for, and its expiry then; jiffies when this CPU's
	 * current (or last) run_timers() began, and when the one before
	 * began.  Written under `lock` too, as it happens. */
	unsigned long run_jiffy, run_expires;
	unsigned long now, prev_now;
};
static struct timer_base bases[NR_CPUS];

/* The benchmark's samples (timer_sample_start()); cpu -1 when off. */
static struct {
	int cpu;
	u32 *buf;
	unsigned n, max;
} sample = {.cpu = -1};

/*
 * This CPU's base, set up on first use.  Interrupts off (so the CPU
 * cannot change under us).  Another CPU reaches a base only through a
 * timer's `cpu`, which is set after the base is ready.
 */
static struct timer_base *this_base(void)
{
	struct timer_base *b = &bases[cpu_id()];
	if (unlikely(!b->ready)) {
		spin_lock_init_ordered(&b->lock, "timer_base", cpu_id(),
				       "lower CPU first");
		b->cpu = cpu_id();
		b->now = b->prev_now = (unsigned long)jiffies;
		wheel_init(&b->wheel, b->now);
		__atomic_store_n(&b->ready, true, __ATOMIC_RELEASE);
	}
	return b;
}

void timer_init(struct timer *t, void (*fn)(void *), void *arg)
{
	INIT_LIST_HEAD(&t->node);
	t->fn = fn;
	t->arg = arg;
	t->cpu = -1;
}

/* Lock bases a and b (maybe the same one), lower CPU first. */
static void lock_two(struct timer_base *a, struct timer_base *b)
{
	if (a->cpu > b->cpu) {
		struct timer_base *x = a;
		a = b;
		b = x;
	}
	spin_lock(&a->lock);
	if (b != a)
		spin_lock(&b->lock);
}

static void unlock_two(struct timer_base *a, struct timer_base *b)
{
	if (b != a)
		spin_unlock(&b->lock);
	spin_unlock(&a->lock);
}

/*
 * Lock t's base and `here` (this CPU's), t's base being the one its `cpu`
 * names once both are held.  Returns t's base, or NULL if t was never
 * started (then `here` alone is locked).  Interrupts off.
 */
static struct timer_base *lock_for_start(struct timer *t,
					 struct timer_base *here)
{
	for (;;) {
		int cpu = READ_ONCE(t->cpu);
		struct timer_base *old = cpu < 0 ? here : &bases[cpu];
		lock_two(old, here);
		if (READ_ONCE(t->cpu) == cpu)
			return cpu < 0 ? NULL : old;
		unlock_two(old, here); /* moved meanwhile: again */
	}
}

/*
 * add_timer() and mod_timer().  Any context.  Takes t off wherever it is
 * pending, and files it on this CPU's wheel - or, while its fn runs on
 * another CPU, on that CPU's (del_timer() must find it there).
 */
static bool start_timer(struct timer *t, unsigned long expires, bool fresh)
{
	irqflags_t flags = hal_irq_save();
	struct timer_base *here = this_base();
	struct timer_base *old = lock_for_start(t, here);
	bool was = old && timer_pending(t);

	BUG_ON(fresh && was); /* add_timer() on a pending timer */
	if (was)
		wheel_del(&old->wheel, t);
	struct timer_base *to = old && old->running == t ? old : here;
	t->expires = expires;
	wheel_add(&to->wheel, t);
	WRITE_ONCE(t->cpu, (int)to->cpu);
	unlock_two(old ? old : here, here);
	hal_irq_restore(flags);
	preempt_check_resched();
	return was;
}

void add_timer(struct timer *t, unsigned long expires)
{
	start_timer(t, expires, true);
}

bool mod_timer(struct timer *t, unsigned long expires)
{
	return start_timer(t, expires, false);
}

/*
 * Any context; see timer.h for when it waits.  Takes t off its wheel once
 * its fn is not running on another CPU.
 */
bool del_timer(struct timer *t)
{
	for (;;) {
		int cpu = READ_ONCE(t->cpu);
		if (cpu < 0)
			return false; /* never started */
		struct timer_base *b = &bases[cpu];
		irqflags_t flags = spin_lock_irqsave(&b->lock);
		if (t->cpu != cpu) { /* moved meanwhile */
			spin_unlock_irqrestore(&b->lock, flags);
			continue;
		}
		/* running on this CPU: we are its fn (interrupts are off in
		 * fn, so nothing else can run here meanwhile) */
		if (b->running != t || b->cpu == cpu_id()) {
			bool was = timer_pending(t);
			if (was)
				wheel_del(&b->wheel, t);
			spin_unlock_irqrestore(&b->lock, flags);
			return was;
		}
		b->waited++;
		spin_unlock_irqrestore(&b->lock, flags);
		while (READ_ONCE(b->running) == t)
			hal_cpu_relax(); /* its fn, on that CPU */
	}
}

/*
 * The timer interrupt, on every CPU, interrupts off (timer_tick()).
 * Runs each timer due by jiffies as it is now, jiffy after jiffy from where
 * the last call stopped; the lock is dropped around each fn.  A timer that
 * fn starts again for a jiffy up to `now` runs in this same call.
 */
void run_timers(void)
{
	assert_irqs_disabled();
	struct timer_base *b = this_base();
	bool sampling = READ_ONCE(sample.cpu) == (int)b->cpu;
	u64 t0 = sampling ? hal_cycles() : 0;
	unsigned long now = (unsigned long)jiffies;
	struct timer *t;

	spin_lock(&b->lock);
	b->prev_now = b->now;
	b->now = now;
	while ((t = wheel_next_expired(&b->wheel, now))) {
		void (*fn)(void *) = t->fn;
		void *arg = t->arg;
		b->run_jiffy = b->wheel.clock - 1;
		b->run_expires = t->expires;
		WRITE_ONCE(b->running, t);
		spin_unlock(&b->lock);
		fn(arg); /* may re-arm t, delete it, free it */
		BUG_ON(hal_irqs_enabled()); /* fn turned interrupts on */
		spin_lock(&b->lock);
		WRITE_ONCE(b->running, NULL);
	}
	spin_unlock(&b->lock);

	if (sampling && sample.n < sample.max) {
		sample.buf[sample.n] =
		    (u32)MIN(hal_cycles() - t0, 0xffffffffULL);
		WRITE_ONCE(sample.n, sample.n + 1);
		if (sample.n == sample.max)
			WRITE_ONCE(sample.cpu, -1);
	}
}

bool timer_pending_here(void)
{
	assert_irqs_disabled();
	return READ_ONCE(this_base()->wheel.count) != 0;
}

/* --- For tests and benchmarks -------------------------------------------- */

void timer_run_info(struct timer_run_info *ri)
{
	irqflags_t flags = hal_irq_save();
	struct timer_base *b = this_base();
	ri->expires = b->run_expires;
	ri->jiffy = b->run_jiffy;
	ri->now = b->now;
	ri->prev_now = b->prev_now;
	hal_irq_restore(flags);
}

void timer_get_stats(unsigned cpu, struct timer_stats *st)
{
	struct timer_base *b = &bases[cpu];
	*st = (struct timer_stats){0};
	if (!__atomic_load_n(&b->ready, __ATOMIC_ACQUIRE))
		return;
	irqflags_t flags = spin_lock_irqsave(&b->lock);
	st->pending = b->wheel.count;
	st->cascaded = b->wheel.cascaded;
	st->waited = b->waited;
	spin_unlock_irqrestore(&b->lock, flags);
}

void timer_sample_start(unsigned cpu, u32 *buf, unsigned n)
{
	WRITE_ONCE(sample.cpu, -1);
	sample.buf = buf;
	sample.max = n;
	WRITE_ONCE(sample.n, 0);
	barrier();
	WRITE_ONCE(sample.cpu, (int)cpu);
}

unsigned timer_sample_count(void)
{
	return READ_ONCE(sample.n);
}

/* --- Sleeping ------------------------------------------------------------ */

static void wake_task(void *arg)
{
	wake_up_process(arg);
}

long schedule_timeout(unsigned long ticks)
{
	might_sleep();
	struct timer t;
	timer_init(&t, wake_task, current);
	current->state = TASK_INTERRUPTIBLE;
	add_timer(&t, (unsigned long)jiffies + ticks);
	schedule();
	del_timer(&t); /* t is on this stack: its fn must be over */
	current->state = TASK_RUNNING;
	return 0;
}

void msleep(unsigned ms)
{
	u64 end = ms_since_boot() + ms;
	/* a wake-up may come early (another waker): sleep again for the rest */
	for (u64 now = ms_since_boot(); now < end; now = ms_since_boot())
		schedule_timeout(
		    DIV_ROUND_UP((end - now) * (u64)params.hz, 1000));
}

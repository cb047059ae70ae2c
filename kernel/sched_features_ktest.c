/*
 * kernel/sched_features_ktest.c - the parts of the O(1) design that issue
 * 9 added, tested on the booted kernel: the load average, might_sleep(),
 * set_cpus_allowed()'s refusals, the two yield() modes, and what a
 * SCHED_FIFO 99 hog does to its CPU's migration thread.
 */
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/loadavg.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/timer.h"
#include "lib/errno.h"
#include "lib/string.h"

static struct wait_queue_head nap_wq;

/* Asleep TASK_INTERRUPTIBLE until ktest_crowd.stop: never runnable
 * meanwhile. */
static void nap(void *arg)
{
	(void)arg;
	struct wait_entry e = {.node = LIST_HEAD_INIT(e.node)};
	for (;;) {
		prepare_to_wait(&nap_wq, &e, TASK_INTERRUPTIBLE);
		if (READ_ONCE(ktest_crowd.stop))
			break;
		schedule();
	}
	finish_wait(&nap_wq, &e);
	complete(&ktest_crowd.done);
}

static struct completion never;

static void wait_never(void *arg)
{
	(void)arg;
	wait_for_completion(&never); /* TASK_UNINTERRUPTIBLE until released */
	complete(&ktest_crowd.done);
}

/* The best of several samples of nr_active(): other CPUs may be in the
 * middle of a switch when one is taken. */
static bool nr_active_reaches(unsigned long want)
{
	for (int i = 0; i < 20; i++) {
		if (nr_active() == want)
			return true;
		msleep(5);
	}
	return false;
}

/* Wait (at most 5 s) until each of the n tasks sleeps: not running and
 * off its runqueue.  Under an emulator a new thread may wait a while for
 * its first turn, and until it has slept it counts as runnable. */
static bool all_asleep(struct task *const *t, int n)
{
	unsigned long t0 = jiffies;
	for (;;) {
		int k = 0;
		for (int i = 0; i < n; i++)
			k += READ_ONCE(t[i]->state) != TASK_RUNNING &&
			     !READ_ONCE(t[i]->array);
		if (k == n)
			return true;
		if (jiffies - t0 > 5 * (unsigned long)params.hz)
			return false;
		msleep(5);
	}
}

/* The count with nothing of ours running: the least of several samples
 * (a thread of the test before may still be on its way out). */
static unsigned long quiet_active(void)
{
	unsigned long least = ~0ul;
	for (int i = 0; i < 10; i++) {
		least = MIN(least, nr_active());
		msleep(5);
	}
	return least;
}

/*
 * Expected: 3 CPU hogs, 2 threads asleep uninterruptibly (waiting on a
 * completion) and 2 asleep interruptibly (on a wait queue) add exactly 5 to the
 * active count the load average samples; and twelve samples (one minute)
 * of 5 active tasks from 0 bring the 1-minute average to 5 * (1 - 1/e) =
 * 3.16 and the 15-minute one to 5 * (1 - exp(-1/15)) = 0.32.
 */
KTEST(loadavg_counts_runnable_and_uninterruptible)
{
	unsigned long base = quiet_active();
	ktest_crowd_begin();
	init_completion(&never);
	init_waitqueue_head(&nap_wq);
	for (int i = 0; i < 3; i++)
		KT_ASSERT(kthread_run(cpu_hog, &ktest_crowd, "hog/%d", i));
	struct task *sleepers[4]; /* they end only when the test says so */
	for (int i = 0; i < 2; i++)
		KT_ASSERT(sleepers[i] =
			      kthread_run(wait_never, NULL, "blocked/%d", i));
	for (int i = 0; i < 2; i++)
		KT_ASSERT(sleepers[2 + i] =
			      kthread_run(nap, NULL, "nap/%d", i));
	bool slept = all_asleep(sleepers, 4);
	bool counted = nr_active_reaches(base + 5);
	unsigned long seen = nr_active();

	unsigned long saved[3];
	memcpy(saved, avenrun, sizeof(saved));
	avenrun[0] = avenrun[1] = avenrun[2] = 0;
	for (int i = 0; i < 12; i++)
		loadavg_sample();
	unsigned long one = avenrun[0], fifteen = avenrun[2];
	memcpy(avenrun, saved, sizeof(saved));

	ktest_crowd.stop = true;
	complete_all(&never);
	wake_up_all(&nap_wq);
	for (int i = 0; i < 7; i++)
		wait_for_completion(&ktest_crowd.done);
	msleep(20);
	bool back = nr_active_reaches(base);
	if (!slept)
		KT_FAIL("the four sleepers were not all asleep after 5 s");
	if (!counted)
		KT_FAIL("expected %lu active tasks (%lu + 3 runnable + 2 "
			"uninterruptible), counted %lu",
			base + 5, base, seen);
	if (!back)
		KT_FAIL("once the threads ended the active count did not come "
			"back to %lu (now %lu): a sleep counted and never "
			"uncounted?",
			base, nr_active());
	/* (base + 5) active: the averages scale with it */
	unsigned long n = base + 5;
	printk("loadavg: 12 samples of %lu: %lu.%02lu (1 min), %lu.%02lu "
	       "(15 min)\n",
	       n, LOAD_INT(one), LOAD_FRAC(one), LOAD_INT(fifteen),
	       LOAD_FRAC(fifteen));
	/* 1 - 1/e = 0.632; 1 - exp(-1/15) = 0.0645; +-3% of n */
	KT_ASSERT(one * 1000 >= n * FIXED_1 * 602 &&
		  one * 1000 <= n * FIXED_1 * 662);
	KT_ASSERT(fifteen * 1000 >= n * FIXED_1 * 50 &&
		  fifteen * 1000 <= n * FIXED_1 * 80);
}

/*
 * Expected: might_sleep() with a spinlock held, and with interrupts off,
 * reports each call site once (the counter goes up by one per site, the
 * console shows "BUG: sleeping function called from invalid context");
 * from an ordinary thread it says nothing.
 */
KTEST(might_sleep_reports_invalid_context)
{
	static DEFINE_SPINLOCK(lock);
	unsigned long before = nr_sleep_bugs;
	might_sleep();
	KT_EXPECT_EQ(nr_sleep_bugs, before);
	for (int i = 0; i < 3; i++) {
		spin_lock(&lock);
		might_sleep(); /* one site, reported once */
		spin_unlock(&lock);
	}
	KT_EXPECT_EQ(nr_sleep_bugs, before + 1);
	irqflags_t flags = hal_irq_save();
	might_sleep();
	hal_irq_restore(flags);
	KT_EXPECT_EQ(nr_sleep_bugs, before + 2);
	KT_ASSERT(sleep_forbidden_why() == NULL);
}

/*
 * Expected: set_cpus_allowed() refuses, with an error and a message, to
 * move a CPU's migration thread (-EPERM) and to be called where it may
 * not sleep (-EDEADLK: it may have to wait for the move); the thread it
 * was asked to move is where it was.
 */
KTEST(set_cpus_allowed_refuses_what_it_must)
{
	unsigned cpu = ktest_cpu_from_top(0);
	struct task *mt = cpu_rq(cpu)->migration_thread;
	cpumask_t all = cpu_online_mask;
	KT_EXPECT_EQ(set_cpus_allowed(mt, &all), -EPERM);
	KT_EXPECT_EQ(cpumask_weight(&mt->cpus_allowed), 1);
	KT_EXPECT_EQ(mt->cpu, cpu);

	cpumask_t here = cpumask_of(cpu_id());
	preempt_disable();
	int r = set_cpus_allowed(current, &here);
	preempt_enable();
	KT_EXPECT_EQ(r, -EDEADLK);
	cpumask_t none;
	cpumask_clear(&none);
	KT_EXPECT_EQ(set_cpus_allowed(current, &none), -EINVAL);
}

/* A queue of our own for the yield tests. */
static struct runqueue fake;
static struct task ta, tb;

static void fake_rq_with_two(int policy_a)
{
	int prio = policy_a == SCHED_NORMAL ? 120 : 50;
	ktest_fake_rq(&fake, 1);
	ktest_fake_task(&ta, "a", 1, prio);
	ktest_fake_task(&tb, "b", 1, prio);
	ta.policy = policy_a;
	enqueue_task(&ta, fake.active);
	enqueue_task(&tb, fake.active);
}

/*
 * Expected: with sched_yield_mode=expired (the default, Linux 2.6), a
 * normal task that yields goes to the expired array; with prio (Linux
 * 2.5.8) it stays in the active array one priority lower; in both, a
 * real-time task goes to the back of its priority's line.  And a thread
 * that yields to a CPU hog on its CPU (expired mode) comes back after the
 * hog has run.
 */
KTEST(sched_yield_modes)
{
	enum yield_mode saved = sched_yield_mode;

	sched_yield_mode = YIELD_EXPIRED;
	fake_rq_with_two(SCHED_NORMAL);
	sched_yield_requeue(&fake, &ta);
	bool expired_ok = ta.array == fake.expired && ta.prio == 120;

	sched_yield_mode = YIELD_PRIO;
	fake_rq_with_two(SCHED_NORMAL);
	sched_yield_requeue(&fake, &ta);
	bool prio_ok = ta.array == fake.active && ta.prio == 121 &&
		       prio_array_next_task(fake.active) == &tb;

	fake_rq_with_two(SCHED_FIFO);
	sched_yield_requeue(&fake, &ta);
	bool rt_ok = ta.array == fake.active && ta.prio == 50 &&
		     prio_array_next_task(fake.active) == &tb;
	sched_yield_mode = saved;
	KT_ASSERT(expired_ok);
	KT_ASSERT(prio_ok);
	KT_ASSERT(rt_ok);

	/* live: yield beside a hog on one CPU */
	unsigned cpu = ktest_cpu_from_top(0);
	cpumask_t home = current->cpus_allowed, there = cpumask_of(cpu);
	ktest_crowd_begin();
	struct task *h = ktest_thread_on(cpu_hog, &ktest_crowd, cpu, "hog");
	KT_ASSERT(h);
	KT_EXPECT_EQ(set_cpus_allowed(current, &there), 0);
	/* Woken while we run there: it starts in the active array with a
	 * whole slice, and we yield at once.  (Had it used its slice first,
	 * both would end in the expired array, the arrays would swap, and
	 * the better priority - ours, we sleep more - would run first.) */
	sched_yield_mode = YIELD_EXPIRED;
	u64 before = READ_ONCE(h->ticks_run);
	wake_up_process(h);
	yield();
	u64 ran = READ_ONCE(h->ticks_run) - before;
	sched_yield_mode = saved;
	ktest_crowd.stop = true;
	wait_for_completion(&ktest_crowd.done);
	set_cpus_allowed(current, &home);
	if (!ran)
		KT_FAIL("after yield() (expired mode) this thread ran again "
			"before the hog on its CPU had a tick");
}

/* --- a SCHED_FIFO 99 hog and the migration thread --------------------- */

static struct task *moved;
static volatile bool move_returned;

static void mover(void *arg)
{
	cpumask_t to = cpumask_of((unsigned)(unsigned long)arg);
	set_cpus_allowed(moved, &to);
	move_returned = true;
	complete(&ktest_crowd.done);
}

/*
 * The real-time starvation demo (docs/sched.md).  Expected: on a CPU
 * where a SCHED_FIFO 99 thread spins, a task cannot be moved away: the
 * migration thread has the same priority (FIFO 99), and FIFO never
 * preempts an equal, so the set_cpus_allowed() call waits - for 300
 * ticks here, for ever in general.  When the hog stops, the move happens
 * at once.
 */
KTEST(sched_fifo99_hog_starves_migration_thread)
{
	if (!ktest_needs_cpus(2))
		return;
	unsigned cpu = ktest_cpu_from_top(0), to = ktest_cpu_from_top(1);
	ktest_crowd_begin();
	move_returned = false;
	/* a hog: queued behind the FIFO one, so only the migration thread
	 * can move it (a sleeping task would just change its home) */
	moved = ktest_thread_on(cpu_hog, &ktest_crowd, cpu, "victim");
	KT_ASSERT(moved);
	get_task_struct(moved); /* the mover may still hold it when it ends */
	wake_up_process(moved);
	msleep(10);
	struct task *h = ktest_thread_on(cpu_hog, &ktest_crowd, cpu, "fifo99");
	KT_ASSERT(h);
	sched_setscheduler(h, SCHED_FIFO, 99);
	wake_up_process(h);
	msleep(10);
	unsigned long pending_ticks = jiffies;
	KT_ASSERT(kthread_run(mover, (void *)(unsigned long)to, "mover"));
	unsigned long t0 = jiffies;
	while (jiffies - t0 < 300 && !move_returned)
		msleep(5);
	bool starved = !move_returned;
	/* the hog ends: the migration thread gets the CPU */
	ktest_crowd.stop = true;
	t0 = jiffies;
	while (jiffies - t0 < 2000 && !move_returned)
		msleep(1);
	bool freed = move_returned;
	pending_ticks = jiffies - pending_ticks;
	for (int i = 0; i < 3; i++)
		wait_for_completion(&ktest_crowd.done);
	put_task_struct(moved);
	printk("sched: a FIFO 99 hog kept cpu %u's migration thread from "
	       "running for %lu ticks\n",
	       cpu, pending_ticks);
	if (!starved)
		KT_FAIL("the move finished while a FIFO 99 hog held the CPU: "
			"something preempted it");
	if (!freed)
		KT_FAIL("the move did not finish once the hog stopped");
}

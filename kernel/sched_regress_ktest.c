/*
 * kernel/sched_regress_ktest.c - one test for each scheduler bug a review
 * found (issue 9), each failing on the code before its fix.
 *
 * Where a bug needs two things to happen in a particular order, a
 * test-only hook in the kernel holds the window open
 * (sched_test_migrate_hook in migrate_one(), smp_test_self_call_hook in
 * smp.c); the hook is NULL outside these tests and costs one predictable
 * branch.  Threads a test starts read only their own flags and end by
 * completing `done`; the test reads what it needs from them before it
 * lets them go, never after.
 */
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/sched_calc.h"
#include "kernel/sched_check.h"

static void begin(void)
{
	ktest_crowd_begin();
	/* watch from above the hogs (FIFO 90), or they would starve us */
	sched_setscheduler(current, SCHED_FIFO, 90);
}

static void end(unsigned threads)
{
	ktest_crowd_end(threads);
	sched_setscheduler(current, SCHED_NORMAL, 0);
}

/* --- bug 1: sched_setscheduler() and the expired array ----------------- */

/*
 * Expected: a CPU hog that has used its slice (it sits in the expired
 * array behind three other hogs) and is then made SCHED_FIFO 50 is put in
 * the active array at once, and runs before the other hogs get more than
 * a few ticks.  (Before the fix it stayed in the expired array, about 450
 * ticks behind the three.)
 */
KTEST(sched_setscheduler_rt_leaves_expired_array)
{
	unsigned cpu = ktest_cpu_from_top(0);
	struct runqueue *rq = cpu_rq(cpu);
	struct task *h[3], *t;
	begin();
	/* t first: it expires first, and waits while the others run */
	t = ktest_start_hog(cpu, SCHED_NORMAL, 0, "to-be-rt");
	msleep(5);
	for (int i = 0; i < 3; i++)
		h[i] = ktest_start_hog(cpu, SCHED_NORMAL, 0, "hog");
	KT_ASSERT(h[0] && h[1] && h[2] && t);
	unsigned long t0 = jiffies;
	while (READ_ONCE(t->array) != rq->expired && jiffies - t0 < 5000)
		msleep(1);
	bool expired = READ_ONCE(t->array) == rq->expired;
	u64 others = 0, others_after = 0;
	bool active = false, ran = false;
	if (expired) {
		for (int i = 0; i < 3; i++)
			others += READ_ONCE(h[i]->ticks_run);
		u64 t_ran = READ_ONCE(t->ticks_run);
		sched_setscheduler(t, SCHED_FIFO, 50);
		active = READ_ONCE(t->array) == rq->active;
		t0 = jiffies;
		while (!(ran = READ_ONCE(t->ticks_run) > t_ran) &&
		       jiffies - t0 < 3000)
			msleep(1);
		for (int i = 0; i < 3; i++)
			others_after += READ_ONCE(h[i]->ticks_run);
	}
	end(4);
	if (!expired)
		KT_FAIL(
		    "the hog never reached the expired array in 5000 ticks");
	if (!active)
		KT_FAIL("made SCHED_FIFO while in the expired array, the task "
			"stayed there instead of moving to the active array");
	if (!ran)
		KT_FAIL("the new SCHED_FIFO task did not run in 3000 ticks");
	int half = task_timeslice(NICE_TO_PRIO(0), (unsigned)params.hz) / 2;
	printk("sched: after setscheduler, the other hogs ran %llu ticks "
	       "before the FIFO task\n",
	       others_after - others);
	if (others_after - others > (u64)half)
		KT_FAIL("the other hogs ran %llu ticks before the new FIFO "
			"task (more than half a slice, %d)",
			others_after - others, half);
}

/*
 * Expected: a SCHED_FIFO 50 hog running, a FIFO 10 hog waiting on the same
 * CPU.  Lowering the running one to FIFO 5 (now below the waiting one)
 * makes it give up the CPU at once: the FIFO 10 hog runs.  (Before the
 * fix, nothing asked it to reschedule, and a FIFO task never gives up the
 * CPU by itself: the FIFO 10 hog waited forever.)
 */
KTEST(sched_setscheduler_lowering_the_runner_reschedules)
{
	unsigned cpu = ktest_cpu_from_top(0);
	struct runqueue *rq = cpu_rq(cpu);
	begin();
	struct task *hi = ktest_start_hog(cpu, SCHED_FIFO, 50, "fifo50");
	KT_ASSERT(hi);
	unsigned long t0 = jiffies;
	while (READ_ONCE(rq->curr) != hi && jiffies - t0 < 2000)
		msleep(1);
	struct task *lo = ktest_start_hog(cpu, SCHED_FIFO, 10, "fifo10");
	KT_ASSERT(lo);
	msleep(20);
	bool waited = READ_ONCE(lo->ticks_run) == 0;
	sched_setscheduler(hi, SCHED_FIFO, 5);
	t0 = jiffies;
	while (READ_ONCE(lo->ticks_run) == 0 && jiffies - t0 < 2000)
		msleep(1);
	bool ran = READ_ONCE(lo->ticks_run) > 0;
	end(2);
	KT_ASSERT(waited); /* FIFO 10 waits behind a running FIFO 50 */
	if (!ran)
		KT_FAIL("lowered below a waiting task, the running FIFO task "
			"kept the CPU for 2000 ticks");
}

/* --- bug 3: migrate_one() and a mask that changes under it ------------- */

static struct task *race_target;
static volatile bool race_in_window;
static struct completion race_first_done;
static cpumask_t race_first_mask;

/* In migration/X, between choosing the destination and locking: wait for
 * the second set_cpus_allowed() to change the mask (bounded), once. */
static void race_hook(struct task *p)
{
	if (p != race_target)
		return;
	race_target = NULL;
	race_in_window = true;
	unsigned long t0 = jiffies;
	while (cpumask_equal(&p->cpus_allowed, &race_first_mask) &&
	       jiffies - t0 < 1000)
		hal_cpu_relax();
}

static void race_first_caller(void *arg)
{
	set_cpus_allowed(arg, &race_first_mask);
	complete(&race_first_done);
}

/*
 * Expected: a hog on CPU X is pinned to {D1} by one thread and, while
 * X's migration thread is between choosing D1 and taking the locks, to
 * {D2} by another.  Both calls return, and the hog ends on D2, its only
 * allowed CPU; the checker finds nothing wrong.  (Before the fix it ended
 * on D1, which its mask forbids, and nothing would ever move it.)
 */
KTEST(sched_migrate_rechecks_mask_under_locks)
{
	if (!ktest_needs_cpus(4))
		return;
	unsigned x = ktest_cpu_from_top(0), d1 = ktest_cpu_from_top(1),
		 d2 = ktest_cpu_from_top(2);
	char why[192];
	begin();
	struct task *p = ktest_start_hog(x, SCHED_NORMAL, 0, "racer");
	KT_ASSERT(p);
	msleep(10);
	race_first_mask = cpumask_of(d1);
	race_in_window = false;
	init_completion(&race_first_done);
	race_target = p;
	sched_test_migrate_hook = race_hook;
	struct task *c1 = kthread_run(race_first_caller, p, "caller1");
	KT_ASSERT(c1);
	bool in_window = ktest_wait_flag(&race_in_window, 2000);
	cpumask_t second = cpumask_of(d2);
	int r2 = set_cpus_allowed(p, &second);
	wait_for_completion(&race_first_done);
	sched_test_migrate_hook = NULL;
	unsigned on = READ_ONCE(p->cpu);
	int bad = sched_check(why, sizeof(why));
	end(1);
	KT_ASSERT(in_window);
	KT_EXPECT_EQ(r2, 0);
	if (on != d2)
		KT_FAIL("pinned to {%u} then to {%u}, the task ended on cpu %u",
			d1, d2, on);
	if (bad)
		KT_FAIL("checker: %d problems, first: %s", bad, why);
}

/* --- bug 4: a busiest runqueue whose tasks are all pinned -------------- */

/*
 * Expected: 6 hogs pinned to CPU A, 3 hogs allowed on {B, C} all started
 * on B, C idle.  C pulls one of B's hogs (it must look past A, the
 * busiest, whose tasks it may not take).  Then an idle CPU stops scanning
 * the queues that have nothing for it: over 100 of its timer interrupts it
 * locks and scans a queue at most a few times.  (Before the fix C picked A on
 * every tick, scanned it, pulled nothing, and never helped B.)
 */
KTEST(sched_balance_looks_past_pinned_tasks)
{
	if (!ktest_needs_cpus(4))
		return;
	unsigned a = ktest_cpu_from_top(0), b = ktest_cpu_from_top(1),
		 c = ktest_cpu_from_top(2), idle = 0;
	struct task *movable[3];
	begin();
	for (int i = 0; i < 6; i++)
		KT_ASSERT(ktest_start_hog(a, SCHED_NORMAL, 0, "pinned"));
	for (int i = 0; i < 3; i++) {
		struct task *t =
		    kthread_create(cpu_hog, &ktest_crowd, "movable/%d", i);
		KT_ASSERT(t);
		kthread_bind(t, b);
		cpumask_set_cpu(c, &t->cpus_allowed);
		wake_up_process(t);
		movable[i] = t;
	}
	unsigned long t0 = jiffies;
	bool pulled = false;
	while (!pulled && jiffies - t0 < 3000) {
		msleep(2);
		for (int i = 0; i < 3; i++)
			pulled |= READ_ONCE(movable[i]->cpu) == c;
	}
	/* CPU 0 (this test sleeps there) is idle but may take nothing */
	msleep(20);
	struct runqueue *rq0 = cpu_rq(idle);
	u64 calls = rq0->nr_balance_calls, scans = rq0->nr_balance_scans;
	/* 100 timer interrupts taken there (not ticks accounted: on a busy
	 * host one interrupt may account several) */
	u64 ticks = cpu_data[idle].ticks;
	while (cpu_data[idle].ticks - ticks < 100)
		msleep(10);
	calls = rq0->nr_balance_calls - calls;
	scans = rq0->nr_balance_scans - scans;
	end(9);
	if (!pulled)
		KT_FAIL("idle cpu %u never pulled a hog from cpu %u (cpu %u's "
			"pinned tasks hid them)",
			c, b, a);
	printk("balance: idle cpu %u balanced %llu times in 100 interrupts and "
	       "scanned a queue %llu times\n",
	       idle, calls, scans);
	KT_ASSERT(calls >= 10); /* it was idle and did try */
	if (scans > 5)
		KT_FAIL("idle cpu %u scanned queues with nothing for it %llu "
			"times in 100 interrupts",
			idle, scans);
}

/* --- balancing when a CPU is about to go idle -------------------------- */

static volatile bool sleeper_go;

static void spin_then_sleep(void *arg)
{
	(void)arg;
	while (!READ_ONCE(sleeper_go))
		hal_cpu_relax();
	msleep(300);
	complete(&ktest_crowd.done);
}

/*
 * Expected: CPU C runs one task, CPU B runs a FIFO hog with a normal task
 * (allowed on B and C) waiting behind it.  When C's task goes to sleep,
 * C takes the waiting task in that same schedule() call: C's idle task is
 * never switched in.  (Before, C went idle and pulled at its next tick.)
 */
KTEST(sched_pulls_work_before_going_idle)
{
	if (!ktest_needs_cpus(3))
		return;
	unsigned c = ktest_cpu_from_top(0), b = ktest_cpu_from_top(1);
	begin();
	sleeper_go = false;
	struct task *s = ktest_thread_on(spin_then_sleep, NULL, c, "sleeper");
	KT_ASSERT(s);
	wake_up_process(s);
	KT_ASSERT(ktest_start_hog(b, SCHED_FIFO, 20, "fifo"));
	msleep(10);
	struct task *w = kthread_create(cpu_hog, &ktest_crowd, "waiting");
	KT_ASSERT(w);
	kthread_bind(w, b);
	wake_up_process(w);
	msleep(20); /* w queued long enough not to be cache-hot */
	struct task *idle = sched_idle_task(c);
	u64 idle_switches = READ_ONCE(idle->nr_switches);
	u64 newidle = cpu_rq(c)->nr_newidle_pulls;
	/* Only now may w go to C: until the sleeper sleeps, C's own busy
	 * balancing must not take it (B may have a third task for a moment,
	 * a worker or its migration thread, and then it would). */
	cpumask_t b_or_c = cpumask_of(b);
	cpumask_set_cpu(c, &b_or_c);
	KT_ASSERT(set_cpus_allowed(w, &b_or_c) == 0);
	KT_ASSERT(READ_ONCE(w->cpu) == b);
	sleeper_go = true;
	unsigned long t0 = jiffies;
	while (READ_ONCE(w->cpu) != c && jiffies - t0 < 2000)
		msleep(1);
	bool moved = READ_ONCE(w->cpu) == c;
	u64 idled = READ_ONCE(idle->nr_switches) - idle_switches;
	newidle = cpu_rq(c)->nr_newidle_pulls - newidle;
	end(3);
	if (!moved)
		KT_FAIL("cpu %u never took the task waiting on cpu %u", c, b);
	if (idled)
		KT_FAIL("cpu %u switched to its idle task %llu time(s) before "
			"taking the waiting task",
			c, idled);
	KT_EXPECT_EQ(newidle, 1);
}

/* --- bug 5: on_each_cpu() and smp_call_function_single() -------------- */

static volatile unsigned hits[NR_CPUS];
static struct task *call_target;
static volatile unsigned call_home;
static volatile bool call_in_window;
static struct completion call_done;

static void count_hit(void *arg)
{
	(void)arg;
	hits[cpu_id()]++;
}

/* Between "this CPU" and running fn here: wait until moved (on the
 * broken code) or 20 ticks (preemption off: the move has to wait). */
static void call_hook(void)
{
	if (current != call_target)
		return;
	call_target = NULL;
	call_in_window = true;
	unsigned long t0 = jiffies;
	while (cpu_id() == call_home && jiffies - t0 < 20)
		hal_cpu_relax();
}

static void caller_each(void *arg)
{
	if (arg)
		smp_call_function_single(call_home, count_hit, NULL, true);
	else
		on_each_cpu(count_hit, NULL);
	complete(&call_done);
}

/* Run caller_each on CPU `home` and move it away while it is in the
 * window between "this CPU" and the call.  Returns false if the window
 * was never reached. */
static bool call_and_move(bool single, unsigned home, unsigned away)
{
	for (unsigned i = 0; i < NR_CPUS; i++)
		hits[i] = 0;
	init_completion(&call_done);
	call_home = home;
	call_in_window = false;
	struct task *t = kthread_create(
	    caller_each, (void *)(unsigned long)single, "caller");
	if (!t)
		return false;
	kthread_bind(t, home);
	get_task_struct(t); /* we pin it below, maybe after it ended */
	call_target = t;
	smp_test_self_call_hook = call_hook;
	wake_up_process(t);
	bool reached = ktest_wait_flag(&call_in_window, 2000);
	cpumask_t there = cpumask_of(away);
	set_cpus_allowed(t, &there); /* moves it as soon as it may */
	wait_for_completion(&call_done);
	put_task_struct(t);
	smp_test_self_call_hook = NULL;
	return reached;
}

/*
 * Expected: a thread calling on_each_cpu() that is moved to another CPU
 * right between the other CPUs' calls and its own still runs the function
 * exactly once on every CPU; smp_call_function_single() to its own CPU,
 * moved the same way, runs it on that CPU.  (Before the fix, the move
 * could happen there: twice on the new CPU, never on the old.)
 */
KTEST(smp_call_own_cpu_step_not_preemptible)
{
	if (!ktest_needs_cpus(2))
		return;
	unsigned home = ktest_cpu_from_top(0), away = ktest_cpu_from_top(1);
	KT_ASSERT(call_and_move(false, home, away));
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask)
		if (hits[cpu] != 1)
			KT_FAIL("on_each_cpu() ran the function %u times on "
				"cpu %u (home %u, moved to %u)",
				hits[cpu], cpu, home, away);
	KT_ASSERT(call_and_move(true, home, away));
	if (hits[home] != 1 || hits[away] != 0)
		KT_FAIL("smp_call_function_single(%u) ran the function %u "
			"times there and %u times on cpu %u",
			home, hits[home], hits[away], away);
}

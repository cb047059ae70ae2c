/*
 * kernel/migration_ktest.c - set_cpus_allowed() really moves the task.
 *
 * A set_cpus_allowed() that returned 0 and left the task where it was
 * would pass most tests, because most tests only look at the return value
 * or at tasks that happen to be asleep.  These look at the task itself:
 * a thread that reports the CPU it runs on is pinned away from that CPU
 * while it is running (a busy loop), while it sleeps, and while another
 * CPU is waking it - from every CPU as the caller - and must then report
 * only the CPU it was sent to.
 */
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/percpu.h"
#include "kernel/sched_check.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

enum target_kind { BUSY, SLEEPY, WOKEN, NR_KINDS };
static const char *const kind_name[] = {"running", "sleeping", "being woken"};

static volatile bool stop;
static volatile int seen_cpu; /* where the target last saw itself run */
static struct completion target_done, caller_done, wake_me;
static volatile bool go;

static void note_cpu(void)
{
	preempt_disable();
	seen_cpu = (int)cpu_id();
	preempt_enable();
}

static void target(void *arg)
{
	enum target_kind kind = (enum target_kind)(unsigned long)arg;
	while (!READ_ONCE(stop)) {
		note_cpu();
		if (kind == SLEEPY)
			msleep(1);
		else if (kind == WOKEN)
			wait_for_completion(&wake_me);
		else
			hal_cpu_relax();
	}
	complete(&target_done);
}

struct call {
	struct task *target;
	unsigned to;
	int result;
};

/* On the caller CPU: wait for the start signal (so that a waker on
 * another CPU acts at the same moment), then pin the target away. */
static void caller(void *arg)
{
	struct call *c = arg;
	while (!READ_ONCE(go))
		hal_cpu_relax();
	cpumask_t to = cpumask_of(c->to);
	c->result = set_cpus_allowed(c->target, &to);
	complete(&caller_done);
}

static void waker(void *arg)
{
	(void)arg;
	while (!READ_ONCE(go))
		hal_cpu_relax();
	complete(&wake_me);
	complete(&caller_done);
}

/* The CPU after `cpu` among the online ones, round. */
static unsigned next_cpu(unsigned cpu)
{
	unsigned c = cpumask_next(cpu, &cpu_online_mask);
	return c < NR_CPUS ? c : cpumask_first(&cpu_online_mask);
}

/*
 * One round: the target starts on `from`, the caller runs on `by` and
 * pins it to `to`.  Returns 0, or writes why into `why` and returns -1.
 * *ticks is how long after the call returned the target was seen on `to`.
 */
static int one_round(enum target_kind kind, unsigned by, unsigned from,
		     unsigned to, unsigned long *ticks, char *why, size_t n)
{
	struct call c = {.to = to};
	stop = go = false;
	seen_cpu = -1;
	init_completion(&target_done);
	init_completion(&caller_done);
	init_completion(&wake_me);
	c.target = ktest_thread_on(target, (void *)(unsigned long)kind, from,
				   "target");
	struct task *ct = ktest_thread_on(caller, &c, by, "caller");
	struct task *wt =
	    kind == WOKEN ? ktest_thread_on(waker, NULL, from, "waker") : NULL;
	if (!c.target || !ct || (kind == WOKEN && !wt)) {
		snprintf(why, n, "out of memory for threads");
		return -1;
	}
	wake_up_process(c.target);
	while (READ_ONCE(seen_cpu) != (int)from)
		msleep(1);
	if (kind == WOKEN)
		msleep(2); /* surely asleep on wake_me */
	wake_up_process(ct);
	if (wt)
		wake_up_process(wt);
	go = true;
	wait_for_completion(&caller_done);
	if (wt)
		wait_for_completion(&caller_done);
	seen_cpu = -1;
	unsigned on = READ_ONCE(c.target->cpu);
	unsigned long t0 = jiffies;
	while (READ_ONCE(seen_cpu) != (int)to && jiffies - t0 < 1000) {
		if (kind == WOKEN)
			complete(&wake_me);
		msleep(1);
	}
	*ticks = jiffies - t0;
	int last_seen = seen_cpu;
	stop = true;
	complete_all(&wake_me);
	wait_for_completion(&target_done);
	if (c.result) {
		snprintf(why, n, "set_cpus_allowed returned %d", c.result);
		return -1;
	}
	if (on != to) {
		snprintf(why, n,
			 "set_cpus_allowed returned with the task on cpu %u",
			 on);
		return -1;
	}
	if (last_seen != (int)to) {
		snprintf(why, n, "1000 ticks later it ran on cpu %d",
			 last_seen);
		return -1;
	}
	return 0;
}

/*
 * Expected: for every CPU as the caller, a task running, sleeping, or
 * being woken on another CPU, pinned to a third, is on that third CPU
 * when set_cpus_allowed() returns and runs there next (the slowest time
 * from the return to the first run there is printed; it is a tick or two
 * on hardware); the checker then finds nothing wrong.
 */
KTEST(set_cpus_allowed_moves_running_sleeping_and_waking_tasks)
{
	if (!ktest_needs_cpus(2))
		return;
	char why[160], chk[192];
	unsigned long worst[NR_KINDS] = {0};
	unsigned by;
	/* watch from above the targets, or a busy one could starve us */
	sched_setscheduler(current, SCHED_FIFO, 90);
	for_each_cpu(by, &cpu_online_mask) {
		unsigned from = next_cpu(by), to = next_cpu(from);
		for (int k = 0; k < NR_KINDS; k++) {
			unsigned long ticks;
			if (one_round((enum target_kind)k, by, from, to, &ticks,
				      why, sizeof(why))) {
				sched_setscheduler(current, SCHED_NORMAL, 0);
				KT_FAIL("a %s task on cpu %u pinned to cpu %u "
					"by cpu %u: %s",
					kind_name[k], from, to, by, why);
			}
			worst[k] = MAX(worst[k], ticks);
		}
	}
	sched_setscheduler(current, SCHED_NORMAL, 0);
	printk("migration: slowest first run on the new CPU: %lu ticks "
	       "(running), %lu (sleeping), %lu (being woken)\n",
	       worst[BUSY], worst[SLEEPY], worst[WOKEN]);
	int bad = sched_check(chk, sizeof(chk));
	if (bad)
		KT_FAIL("checker: %d problems, first: %s", bad, chk);
}

/*
 * Expected: the checker reports a task queued on a CPU its cpus_allowed
 * forbids when no migration request for it is pending (a private runqueue,
 * broken on purpose), and accepts it while a request is queued.
 */
KTEST(sched_checker_notices_a_forgotten_migration)
{
	static struct runqueue fake;
	static struct task t;
	static struct migration_req req;
	char why[192];
	ktest_fake_rq(&fake, 1);
	ktest_fake_task(&t, "fake", 1, 120);
	cpumask_clear(&t.cpus_allowed);
	cpumask_set_cpu(2, &t.cpus_allowed); /* not 1 */
	t.migration_pending = 1; /* says so, but nothing is queued */
	enqueue_task(&t, fake.active);
	fake.nr_running = 1;
	fake.curr = &t;
	KT_EXPECT_EQ(sched_check_rq(&fake, 2000001, why, sizeof(why)), 1);
	KT_ASSERT(strstarts(why, "task fake (pid 0) runs on cpu 1, which its "
				 "cpus_allowed forbids"));
	req.task = &t;
	list_add_tail(&req.list, &fake.migration_queue);
	KT_EXPECT_EQ(sched_check_rq(&fake, 2000002, NULL, 0), 0);
}

/*
 * Not in ktest=all: prints `bench: migrate_cycles=C migrate_ticks=T` for
 * make bench (run under -icount, where the cycle counter counts
 * instructions).  A thread spinning on cpu 1 is pinned to cpu 2 by this
 * one, on cpu 0: C is the cycles from the call of set_cpus_allowed() to
 * the thread's first look at itself on cpu 2, T the jiffies that passed
 * meanwhile; the median of 9 rounds.  Expected: C in the thousands (the
 * request, cpu 1's migration thread, the IPI to cpu 2, the switch there),
 * T at most 1.
 */
KTEST_MANUAL(bench_migrate_cost)
{
	enum { ROUNDS = 9 };
	u64 cycles[ROUNDS], ticks[ROUNDS];
	if (!ktest_needs_cpus(3))
		return;
	sched_setscheduler(current, SCHED_FIFO, 90);
	for (int i = 0; i < ROUNDS; i++) {
		stop = false;
		seen_cpu = -1;
		init_completion(&target_done);
		struct task *t =
		    ktest_start_on(target, (void *)(unsigned long)BUSY, 1, "t");
		KT_ASSERT(t);
		while (READ_ONCE(seen_cpu) != 1)
			msleep(1);
		cpumask_t to = cpumask_of(2);
		u64 c0 = hal_cycles();
		unsigned long j0 = jiffies;
		int r = set_cpus_allowed(t, &to);
		while (READ_ONCE(seen_cpu) != 2 && jiffies - j0 < 1000)
			hal_cpu_relax();
		cycles[i] = hal_cycles() - c0;
		ticks[i] = jiffies - j0;
		bool there = READ_ONCE(seen_cpu) == 2;
		stop = true;
		wait_for_completion(&target_done);
		if (r || !there) {
			sched_setscheduler(current, SCHED_NORMAL, 0);
			KT_FAIL("round %d: set_cpus_allowed returned %d, the "
				"thread %s on cpu 2 within 1000 ticks",
				i, r, there ? "ran" : "never ran");
		}
	}
	sched_setscheduler(current, SCHED_NORMAL, 0);
	/* medians, by a small insertion sort */
	for (int i = 1; i < ROUNDS; i++)
		for (int k = i; k > 0; k--) {
			if (cycles[k] < cycles[k - 1]) {
				u64 x = cycles[k];
				cycles[k] = cycles[k - 1];
				cycles[k - 1] = x;
			}
			if (ticks[k] < ticks[k - 1]) {
				u64 x = ticks[k];
				ticks[k] = ticks[k - 1];
				ticks[k - 1] = x;
			}
		}
	printk("bench: migrate_cycles=%llu migrate_ticks=%llu\n",
	       cycles[ROUNDS / 2], ticks[ROUNDS / 2]);
}

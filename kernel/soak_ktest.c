/*
 * kernel/soak_ktest.c - ktest=soak: the scheduler under a random storm.
 *
 * Not in ktest=all; `make test` runs it for a few seconds at -smp 8 and
 * 32, `make soak` for as long as asked (soak=SECONDS, soak_seed=N).
 *
 * A population of worker threads (soak_threads per CPU, 64 unless told,
 * at most 1024) does random
 * things, each with its own random sequence from soak_seed:
 *   sleep, yield, spin, change its nice value, become SCHED_RR for a moment,
 *   pin itself or another worker to a random set of CPUs (so several CPUs
 *   call set_cpus_allowed() at once, on running, sleeping and waking
 *   tasks), wait on a completion that others wait on too, complete one,
 *   and exit - after starting its own replacement.
 * Each completion ("gate") is also completed by a timer that re-arms
 * itself from its own callback.  Meanwhile the invariant checker runs on
 * every tick of two sampled CPUs (their own runqueue, from a self-re-arming
 * timer) and over every runqueue every 100 ms.
 *
 * At the end every worker is told to stop and must finish: a worker that
 * never does is a lost wake-up, reported as lost.  The last line is
 *   soak: S s, O operations, C threads created, M migrations, alive A
 *   (expected A), lost L, checker P passes, V violations: PASS|FAIL
 */
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/sched_check.h"
#include "kernel/timer.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#define MAX_WORKERS 1024
#define NR_GATES    8

/* A worker's place: who holds it now, and how many pinners are using that
 * task pointer (the worker may not exit, and be freed, while any is). */
struct slot {
	spinlock_t lock;
	struct task *task; /* NULL while empty or changing hands */
	int refs;
};

struct gate {
	struct completion c;
	struct timer t; /* completes c every 1-2 ticks, re-arming itself */
};

static struct slot slots[MAX_WORKERS];
static struct gate gates[NR_GATES];
static struct timer check_timer[2];
static unsigned nr_slots;
static volatile bool stopping;

/* counters: atomics, summed by the controller at the end */
static u64 ops, created, create_failed, migrations, alive, finished;
static u64 tick_checks, violations;
static u64 in_gate;  /* workers inside wait_for_completion() on a gate */
static u64 quiet_ms; /* how long the drain waited for the quiet moment */
static char first_violation[192];

static void add(u64 *c, u64 n)
{
	__atomic_fetch_add(c, n, __ATOMIC_RELAXED);
}

static u32 rnd(u32 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void violation(const char *why)
{
	if (__atomic_fetch_add(&violations, 1, __ATOMIC_RELAXED) == 0)
		strlcpy(first_violation, why, sizeof(first_violation));
}

/* --- timers that re-arm themselves ------------------------------------ */

static void gate_tick(void *arg)
{
	struct gate *g = arg;
	complete(&g->c);
	if (!READ_ONCE(stopping))
		add_timer(&g->t, jiffies + 1 + (jiffies & 1));
}

/* On every tick of this CPU: check its runqueue. */
static void check_tick(void *arg)
{
	char why[192];
	if (sched_check_this_cpu(why, sizeof(why)))
		violation(why);
	add(&tick_checks, 1);
	if (!READ_ONCE(stopping))
		add_timer(arg, jiffies + 1);
}

/* Through an IPI: add_timer() puts a timer on the calling CPU's list. */
static void start_check_timer(void *arg)
{
	add_timer(arg, jiffies + 1);
}

/* --- the workers ------------------------------------------------------- */

static void worker(void *arg);

/*
 * A random set of CPUs whose lowest member is uniformly random.  A task
 * that must leave its CPU goes to the lowest CPU its mask allows (as in
 * Linux), so with each CPU in the set at even odds, half of all moves
 * went to CPU 0: at -smp 32 on two host cores, 26 CPUs queued on CPU 0's
 * runqueue lock, each turn waited for a virtual CPU the host was not
 * running, and CPU 0 went a minute without scheduling.  A storm should
 * stress the scheduler, not one lock.
 */
static void random_mask(u32 *s, cpumask_t *m)
{
	unsigned cpu, n = num_online_cpus(), low = rnd(s) % n, i = 0;
	cpumask_clear(m);
	for_each_cpu(cpu, &cpu_online_mask) {
		if (i == low || (i > low && (rnd(s) & 1)))
			cpumask_set_cpu(cpu, m);
		i++;
	}
}

/* Pin another worker (or ourselves, if the slot is ours or empty). */
static void pin_other(u32 *s)
{
	struct slot *sl = &slots[rnd(s) % nr_slots];
	irqflags_t f = spin_lock_irqsave(&sl->lock);
	struct task *t = sl->task;
	if (t)
		sl->refs++;
	spin_unlock_irqrestore(&sl->lock, f);
	if (!t)
		return;
	cpumask_t m;
	random_mask(s, &m);
	if (set_cpus_allowed(t, &m))
		violation("set_cpus_allowed() on another worker failed");
	f = spin_lock_irqsave(&sl->lock);
	sl->refs--;
	spin_unlock_irqrestore(&sl->lock, f);
}

static void pin_self(u32 *s)
{
	cpumask_t m;
	random_mask(s, &m);
	if (set_cpus_allowed(current, &m)) {
		violation("set_cpus_allowed() on itself failed");
		return;
	}
	/* Another worker may have pinned us elsewhere since: then we are
	 * on a CPU of that mask, or its request to move us is pending. */
	preempt_disable();
	bool ok = cpumask_test_cpu(cpu_id(), &current->cpus_allowed) ||
		  READ_ONCE(current->migration_pending);
	preempt_enable();
	if (!ok)
		violation("after set_cpus_allowed() a worker ran on a CPU its "
			  "mask forbids, with no move pending");
}

static void spin(u32 *s)
{
	for (u32 n = rnd(s) % 20000; n; n--)
		hal_cpu_relax();
}

/* Leave the slot to a replacement and exit.  False if none could be
 * created: then we stay. */
static bool exit_and_replace(struct slot *sl, unsigned idx)
{
	irqflags_t f = spin_lock_irqsave(&sl->lock);
	sl->task = NULL;
	spin_unlock_irqrestore(&sl->lock, f);
	while (READ_ONCE(sl->refs)) /* a pinner still holds our pointer */
		msleep(1);
	struct task *t =
	    kthread_run(worker, (void *)(unsigned long)idx, "soak/%u", idx);
	if (!t) {
		add(&create_failed, 1);
		f = spin_lock_irqsave(&sl->lock);
		sl->task = current;
		spin_unlock_irqrestore(&sl->lock, f);
		return false;
	}
	add(&created, 1);
	return true;
}

static void one_op(u32 *s, struct slot *sl, unsigned idx, bool *leave)
{
	unsigned r = rnd(s) % 100;
	if (r < 12)
		msleep(1 + rnd(s) % 3);
	else if (r < 22)
		yield();
	else if (r < 32)
		spin(s);
	else if (r < 40)
		set_user_nice(current, (int)(rnd(s) % 16) - 5);
	else if (r < 43) {
		sched_setscheduler(current, SCHED_RR, 1 + (int)(rnd(s) % 20));
		spin(s);
		sched_setscheduler(current, SCHED_NORMAL, 0);
	} else if (r < 53)
		pin_self(s);
	else if (r < 63)
		pin_other(s);
	else if (r < 75) {
		add(&in_gate, 1);
		wait_for_completion(&gates[rnd(s) % NR_GATES].c);
		__atomic_fetch_sub(&in_gate, 1, __ATOMIC_RELAXED);
	} else if (r < 85)
		complete(&gates[rnd(s) % NR_GATES].c);
	else if (r < 88)
		*leave = exit_and_replace(sl, idx);
	else
		spin(s);
}

static void worker(void *arg)
{
	unsigned idx = (unsigned)(unsigned long)arg;
	struct slot *sl = &slots[idx];
	u32 s = (u32)params.soak_seed * 2654435761u + idx * 40503u +
		(u32)READ_ONCE(created) + 1;
	u64 n = 0;
	bool leave = false;
	irqflags_t f = spin_lock_irqsave(&sl->lock);
	sl->task = current;
	spin_unlock_irqrestore(&sl->lock, f);
	while (!leave && !READ_ONCE(stopping)) {
		one_op(&s, sl, idx, &leave);
		n++;
	}
	add(&ops, n);
	add(&migrations, current->nr_migrations);
	if (!leave) { /* told to stop: give up the slot for good */
		f = spin_lock_irqsave(&sl->lock);
		sl->task = NULL;
		spin_unlock_irqrestore(&sl->lock, f);
		while (READ_ONCE(sl->refs))
			msleep(1);
		add(&finished, 1);
	}
	__atomic_fetch_sub(&alive, leave ? 0 : 1, __ATOMIC_RELAXED);
}

/* --- the controller ----------------------------------------------------- */

static void soak_setup(void)
{
	nr_slots = MIN((unsigned)params.soak_threads * num_online_cpus(),
		       (unsigned)MAX_WORKERS);
	stopping = false;
	ops = created = create_failed = migrations = finished = in_gate = 0;
	tick_checks = violations = 0;
	first_violation[0] = 0;
	for (unsigned i = 0; i < nr_slots; i++) {
		spin_lock_init(&slots[i].lock, "soak slot");
		slots[i].task = NULL;
		slots[i].refs = 0;
	}
	for (int g = 0; g < NR_GATES; g++) {
		init_completion(&gates[g].c);
		timer_init(&gates[g].t, gate_tick, &gates[g]);
		add_timer(&gates[g].t, jiffies + 1 + g % 2);
	}
	/* the checker on two sampled CPUs: the highest and one from seed */
	unsigned n = num_online_cpus();
	unsigned sample[2] = {
	    ktest_cpu_from_top(0),
	    ktest_cpu_from_top((unsigned)params.soak_seed % n)};
	for (int i = 0; i < 2; i++) {
		timer_init(&check_timer[i], check_tick, &check_timer[i]);
		smp_call_function_single(sample[i], start_check_timer,
					 &check_timer[i], true);
	}
}

/*
 * Once only the workers asleep on gates are left and nothing else runs, a
 * gate with a count to give and a waiter still asleep on it has lost a
 * wake-up (each complete() must take one waiter off the list).  Wait for
 * that quiet moment: the number of workers left equals the number inside
 * a gate, and stays so for 100 ms (a worker woken a moment ago has then
 * run and taken its count).
 */
static void check_gates_when_quiet(void)
{
	unsigned long t0 = jiffies, quiet_since = jiffies;
	u64 last = ~0ull;
	while (jiffies - t0 < 10000) {
		u64 left = READ_ONCE(alive), gated = READ_ONCE(in_gate);
		if (left != gated || left != last)
			quiet_since = jiffies;
		last = left;
		if (left == gated && jiffies - quiet_since >= 100)
			break;
		msleep(10);
	}
	for (int g = 0; g < NR_GATES; g++) {
		struct completion *c = &gates[g].c;
		irqflags_t f = spin_lock_irqsave(&c->wait.lock);
		bool lost = c->done && !list_empty(&c->wait.waiters);
		unsigned done = c->done;
		spin_unlock_irqrestore(&c->wait.lock, f);
		if (lost) {
			char why[96];
			snprintf(
			    why, sizeof(why),
			    "gate %d: a waiter sleeps while the completion "
			    "has %u to give (a lost wake-up)",
			    g, done);
			violation(why);
		}
	}
}

/* Stop the timers, check the gates, open them for good, wait for every
 * worker. */
static u64 soak_drain(void)
{
	stopping = true;
	for (int i = 0; i < 2; i++)
		del_timer(&check_timer[i]);
	for (int g = 0; g < NR_GATES; g++)
		del_timer(&gates[g].t);
	u64 q0 = ms_since_boot();
	check_gates_when_quiet();
	quiet_ms = ms_since_boot() - q0;
	for (int g = 0; g < NR_GATES; g++)
		complete_all(&gates[g].c);
	unsigned long t0 = jiffies;
	while (READ_ONCE(alive) && jiffies - t0 < 30000)
		msleep(10);
	return READ_ONCE(alive);
}

/* Create a worker for each slot, then wake them all; returns how many
 * there are (alive). */
static u64 soak_start_workers(void)
{
	/* Create them all, then wake them all: creating a thousand threads
	 * while the storm already rages takes long under an emulator, and
	 * waking them through one completion would queue all of them on its
	 * lock at once.  A worker not yet woken cannot end, so the pointers
	 * stay good until the wake-up. */
	static struct task *fresh[MAX_WORKERS];
	alive = 0;
	for (unsigned i = 0; i < nr_slots; i++) {
		fresh[alive] = kthread_create(worker, (void *)(unsigned long)i,
					      "soak/%u", i);
		if (fresh[alive])
			alive++;
		else
			add(&create_failed, 1);
	}
	for (unsigned i = 0; i < alive; i++)
		wake_up_process(fresh[i]);
	add(&created, alive);
	return alive;
}

/* Let the storm rage for soak= seconds, checking the scheduler's
 * invariants every 100 ms and saying how far it is every 5 s; returns
 * how many checks this thread made. */
static u64 soak_storm(void)
{
	char why[192];
	u64 end = ms_since_boot() + (u64)params.soak * 1000;
	u64 passes = 0;
	while (ms_since_boot() < end) {
		msleep(100);
		if (sched_check(why, sizeof(why)))
			violation(why);
		if (++passes % 50 == 0)
			printk(
			    "soak: %llu of %d s, %llu checks, %llu "
			    "violations\n",
			    (ms_since_boot() + (u64)params.soak * 1000 - end) /
				1000,
			    params.soak, passes + tick_checks, violations);
	}
	return passes;
}

/*
 * Expected: after soak= seconds of the storm, every worker finishes when
 * told to (lost 0), the checker found no violation, every operation's own
 * check held, and the numbers are printed on one line ending in PASS.
 */
KTEST_MANUAL(soak)
{
	/* above the storm, or this thread would wait behind 64 workers per
	 * CPU for every look at the clock */
	sched_setscheduler(current, SCHED_FIFO, 90);
	u64 t_start = ms_since_boot();
	soak_setup();
	u64 expected = soak_start_workers();
	u64 start_ms = ms_since_boot() - t_start;
	u64 passes = soak_storm();
	u64 t_stop = ms_since_boot();
	u64 lost = soak_drain();
	u64 stop_ms = ms_since_boot() - t_stop;
	sched_setscheduler(current, SCHED_NORMAL, 0);
	bool ok = !lost && !violations && finished == expected - lost;
	printk("soak: workers started in %llu ms, stopped in %llu ms (%llu "
	       "of them waiting for the quiet moment)\n",
	       start_ms, stop_ms, quiet_ms);
	printk("soak: %d s, %llu operations, %llu threads created (%llu "
	       "refused), %llu migrations, alive %llu (expected %llu), lost "
	       "%llu, checker %llu passes, %llu violations: %s\n",
	       params.soak, ops, created, create_failed, migrations, finished,
	       expected, lost, passes + tick_checks, violations,
	       ok ? "PASS" : "FAIL");
	if (violations)
		KT_FAIL("%llu violations, the first: %s", violations,
			first_violation);
	if (lost)
		KT_FAIL("%llu workers never finished when told to stop: a "
			"lost wake-up, or a task stuck on a runqueue",
			lost);
	KT_EXPECT_EQ(finished, expected);
}

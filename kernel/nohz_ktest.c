/*
 * kernel/nohz_ktest.c - tickless idle (kernel/nohz.c), checked on the
 * booted kernel.
 *
 * Waits are bounded by the cycle counter or by jiffies (CPU 0 ticks
 * always, so jiffies moves), and what is judged is what the CPUs did - tick
 * counts, where a thread ran - never how long the host took.
 */
#include "kernel/hal.h"
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/nohz.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/time.h"

/* Wait for cpu's tick to stop, up to 10 s of cycle-counter time. */
static bool wait_tick_stopped(unsigned cpu)
{
	u64 t0 = hal_cycles(), limit = 10000 * hal_cycles_per_ms();
	while (!READ_ONCE(cpu_data[cpu].tick_stopped)) {
		if (hal_cycles() - t0 > limit)
			return false;
		msleep(1);
	}
	return true;
}

static volatile unsigned spun_on;
static volatile u64 ticks_seen;

/* Spin on this CPU until its own tick count has risen by 5, or 10 s of
 * cycles have passed; note where, and what the tick did meanwhile. */
static void spin_for_ticks(void *arg)
{
	struct cpu_data *c = this_cpu();
	u64 t0 = c->ticks, start = hal_cycles();
	(void)arg;
	spun_on = cpu_id();
	while (c->ticks - t0 < 5 &&
	       hal_cycles() - start < 10000 * hal_cycles_per_ms())
		hal_cpu_relax();
	ticks_seen = c->ticks - t0;
	complete(&ktest_crowd.done);
}

/*
 * Expected, with nohz=on (the default): an idle CPU other than 0 stops its
 * tick - and then takes no timer interrupt at all while it stays stopped;
 * a thread that comes to run there finds its tick running again (5 ticks
 * come while it spins); CPU 0 never stops.  With nohz=off no CPU ever
 * stops, and an idle CPU keeps ticking.
 */
KTEST(nohz_idle_cpu_stops_its_tick)
{
	if (!ktest_needs_cpus(2))
		return;
	unsigned cpu = ktest_cpu_from_top(0);
	struct cpu_data *c = &cpu_data[cpu];
	if (!params.nohz) {
		u64 t0 = c->ticks;
		msleep(50);
		for_each_cpu(cpu, &cpu_online_mask)
			KT_EXPECT_EQ(cpu_data[cpu].tick_stops, 0);
		if (c->ticks == t0)
			KT_FAIL("nohz=off, but idle cpu %u took no tick in 50 "
				"ms",
				cpu);
		return;
	}
	if (!wait_tick_stopped(cpu))
		KT_FAIL("cpu %u idled for 10 s and kept its tick (%llu "
			"ticks)",
			cpu, c->ticks);
	u64 stops = c->tick_stops, ticks = c->ticks;
	msleep(50);
	/* still the same stop: then not a single interrupt came */
	if (READ_ONCE(c->tick_stopped) && c->tick_stops == stops &&
	    c->ticks != ticks)
		KT_FAIL("cpu %u's tick is stopped, yet it took %llu timer "
			"interrupts in 50 ms",
			cpu, c->ticks - ticks);
	ktest_crowd_begin();
	spun_on = ~0u;
	ticks_seen = 0;
	KT_ASSERT(ktest_start_on(spin_for_ticks, NULL, cpu, "nohz-spin"));
	ktest_crowd_end(1);
	KT_EXPECT_EQ(spun_on, cpu);
	if (ticks_seen < 5)
		KT_FAIL("a thread spinning on cpu %u saw %llu of its ticks in "
			"10 s: the tick did not start again when work came",
			cpu, ticks_seen);
	KT_EXPECT_EQ(cpu_data[0].tick_stops, 0);
	KT_ASSERT(!cpu_data[0].tick_stopped);
}

static volatile int hog_cpu[2];

/* A hog that notes each CPU it runs on (first the one it starts on). */
static void pulled_hog(void *arg)
{
	unsigned me = (unsigned)(unsigned long)arg;
	while (!READ_ONCE(ktest_crowd.stop)) {
		hog_cpu[me] = (int)cpu_id();
		hal_cpu_relax();
	}
	complete(&ktest_crowd.done);
}

/*
 * Expected: when a runqueue gets a task to spare that an idle CPU with its
 * tick stopped may run, that CPU is woken (nohz_kick()) and pulls it.
 * The test runs as SCHED_FIFO on CPU A, with CPU B idle and stopped; it
 * starts two hogs allowed on A and B, both queued on A behind itself.
 * Without the kick B would never look: it has no tick to balance from, and
 * A's own balancing only pulls towards A.  One hog must run on B.
 */
KTEST(nohz_kick_brings_a_stopped_cpu_work)
{
	if (!ktest_needs_cpus(2))
		return;
	unsigned a = cpu_id(), b = ktest_cpu_from_top(0);
	if (b == a)
		b = ktest_cpu_from_top(1);
	if (params.nohz && !wait_tick_stopped(b))
		KT_FAIL("cpu %u idled for 10 s and kept its tick", b);
	sched_setscheduler(current, SCHED_FIFO, 1);
	cpumask_t ab = cpumask_of(a);
	cpumask_set_cpu(b, &ab);
	ktest_crowd_begin();
	hog_cpu[0] = hog_cpu[1] = -1;
	struct task *h[2];
	for (unsigned long i = 0; i < 2; i++) {
		h[i] = kthread_create(pulled_hog, (void *)i, "nohz-hog/%lu", i);
		KT_ASSERT(h[i]);
		kthread_bind(h[i], a);
		h[i]->cpus_allowed = ab;
		wake_up_process(h[i]);
	}
	/* A is ours (FIFO, spinning): only B can run a hog.  Up to 10 s of
	 * cycles for it. */
	u64 t0 = hal_cycles();
	bool on_b = false;
	while (!on_b && hal_cycles() - t0 < 10000 * hal_cycles_per_ms()) {
		on_b = hog_cpu[0] == (int)b || hog_cpu[1] == (int)b;
		hal_cpu_relax();
	}
	sched_setscheduler(current, SCHED_NORMAL, 0);
	ktest_crowd_end(2);
	if (!on_b)
		KT_FAIL("two hogs waited on cpu %u for 10 s while cpu %u, "
			"idle%s, never took one",
			a, b, params.nohz ? " with its tick stopped" : "");
}

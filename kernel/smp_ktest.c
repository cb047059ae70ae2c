/*
 * kernel/smp_ktest.c - every CPU is running, ticking, and reachable.
 */
#include "kernel/hal.h"
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/preempt.h"
#include "kernel/smp.h"
#include "kernel/spinlock.h"

/* Expected: as many CPUs online as the tables offer (capped by maxcpus),
 * the boot CPU among them, each with a distinct hardware id. */
KTEST(smp_cpus_online)
{
	unsigned want = MIN((unsigned)MAX(params.maxcpus, 1), nr_cpus_present);
	KT_EXPECT_EQ(num_online_cpus(), want);
	KT_ASSERT(cpu_online(0));
	unsigned a, b;
	for_each_cpu(a, &cpu_online_mask)
		for_each_cpu(b, &cpu_online_mask)
			if (a < b && cpu_data[a].hw_id == cpu_data[b].hw_id)
				KT_FAIL("cpus %u and %u share hardware id %u",
					a, b, cpu_data[a].hw_id);
}

/*
 * Expected: on every CPU the timer interrupts come at the rate hz asks,
 * by the cycle counter, as a thread on that CPU sees the first
 * TICK_SEEN of them:
 *  - never faster: no more interrupts than tick periods passed (+25%,
 *    +2), which a divider or calibration off by 16 or more breaks;
 *  - never slower: of the interrupts that came while the thread ran
 *    without a break since the one before, at least one found at most 4
 *    tick periods passed (tick.last_ticks <= 4), which a timer 16 times
 *    too slow never does.
 *
 * Why not count interrupts in a time window: TCG runs many virtual CPUs
 * on few host cores, and a virtual CPU the host does not run for a while
 * finds several ticks due at once, which the APIC merges into one
 * interrupt.  Counts then fall short by any amount (41 of 300 was seen on
 * a busy host), but whenever the CPU runs for two periods, an interrupt
 * finds one period passed (on a busy host, 20 interrupts in a row found 2
 * or more: hence 4, and 40 interrupts).  (The shortest gap between two
 * interrupts is no measure either: after a late one, QEMU's periodic timer
 * catches up with the next a fraction of a period later.)  And on a host
 * busier still, a virtual CPU may not run for two periods in a row for
 * 40 interrupts (each of 41 found 9 periods passed, once): so only an
 * interrupt that came while the thread's own loop ran without a gap - the
 * cycle counter never jumped half a period between two of its rounds, the
 * round with the interrupt in it included - is evidence about the timer's
 * speed.  With fewer than 5 of those there
 * is no verdict on "slower", and the test says so.
 */
#define TICK_SEEN   40
#define TICK_JUDGED 5
static struct tick_probe {
	unsigned seen;	 /* interrupts seen, one by one */
	unsigned judged; /* ... that came while the loop ran without a gap */
	u64 min_ticks;	 /* least tick.last_ticks among those */
	u64 span;	 /* cycles from the first to the last */
} probes[NR_CPUS];
static unsigned probes_done;

static void probe_ticks(void *arg)
{
	unsigned cpu = cpu_id();
	struct tick_probe *p = &probes[cpu];
	struct cpu_data *c = &cpu_data[cpu];
	/* A healthy CPU takes TICK_SEEN interrupts in TICK_SEEN periods; the
	 * deadline is for a timer that does not work at all, and is long
	 * because a busy host may give this virtual CPU little of its time. */
	u64 end = hal_cycles() + 20000 * hal_cycles_per_ms();
	u64 last = READ_ONCE(c->ticks), first_at = 0;
	/* half a period: far more than a round of this loop, or the timer
	 * interrupt's handler, takes; a round that took longer was the host */
	u64 gap = hal_cycles_per_ms() * 1000 / (u64)params.hz / 2;
	u64 round = hal_cycles();
	bool unbroken = false; /* since the interrupt before (none yet) */
	(void)arg;
	p->seen = p->judged = 0;
	p->min_ticks = ~0ull;
	while (p->seen < TICK_SEEN && hal_cycles() < end) {
		u64 now = hal_cycles();
		if (now - round > gap)
			unbroken = false; /* the host (or a long handler) */
		round = now;
		u64 t = READ_ONCE(c->ticks);
		if (t == last) {
			hal_cpu_relax();
			continue;
		}
		if (!first_at)
			first_at = now;
		p->seen += (unsigned)(t - last);
		/* one interrupt, and this loop ran through the whole time
		 * since the one before: its last_ticks is the timer's */
		if (t == last + 1 && unbroken) {
			p->min_ticks =
			    MIN(p->min_ticks, READ_ONCE(c->tick.last_ticks));
			p->judged++;
		}
		p->span = now - first_at;
		last = t;
		unbroken = true;
	}
	__atomic_add_fetch(&probes_done, 1, __ATOMIC_RELEASE);
}

KTEST(timer_ticks_every_cpu)
{
	unsigned cpu, n = 0, unjudged = 0;
	u64 period = hal_cycles_per_ms() * 1000 / (u64)params.hz;

	KT_ASSERT(hal_irqs_enabled());
	probes_done = 0;
	for_each_cpu(cpu, &cpu_online_mask) {
		struct task *t =
		    ktest_thread_on(probe_ticks, NULL, cpu, "ticks");
		KT_ASSERT(t);
		wake_up_process(t);
		n++;
	}
	while (__atomic_load_n(&probes_done, __ATOMIC_ACQUIRE) < n)
		msleep(10);
	for_each_cpu(cpu, &cpu_online_mask) {
		struct tick_probe *p = &probes[cpu];
		u64 periods = p->span / period;
		if (p->seen < TICK_SEEN)
			KT_FAIL("cpu %u: a thread there saw only %u timer "
				"interrupts in 20 s (hz=%d)",
				cpu, p->seen, params.hz);
		else if (p->seen > periods + periods / 4 + 2)
			KT_FAIL("cpu %u took %u timer interrupts in %llu tick "
				"periods: its timer runs fast (hz=%d)",
				cpu, p->seen, periods, params.hz);
		else if (p->judged < TICK_JUDGED)
			unjudged++;
		else if (p->min_ticks > 4)
			KT_FAIL(
			    "cpu %u: each of %u timer interrupts found %llu "
			    "or more tick periods passed: its timer runs "
			    "slow (hz=%d)",
			    cpu, p->judged, p->min_ticks, params.hz);
	}
	if (unjudged)
		pr_info("ticks: %u of %u CPUs ran through fewer than %d timer "
			"intervals (the host ran other virtual CPUs): no "
			"verdict on a slow timer there\n",
			unjudged, n, TICK_JUDGED);
}

static void note_cpu(void *arg)
{
	*(volatile u32 *)arg = cpu_id();
}

/* Expected: a function sent to each CPU in turn runs on that CPU, and the
 * caller gets the answer back (an IPI there and a flag back). */
KTEST(ipi_round_trip_every_cpu)
{
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask) {
		volatile u32 seen = ~0u;
		u64 ipis = cpu_data[cpu].ipis;
		KT_EXPECT_EQ(smp_call_function_single(cpu, note_cpu,
						      (void *)&seen, true),
			     0);
		KT_EXPECT_EQ(seen, cpu);
		if (cpu != cpu_id())
			KT_ASSERT(cpu_data[cpu].ipis > ipis);
	}
	KT_EXPECT_EQ(
	    smp_call_function_single(NR_CPUS + 1, note_cpu, NULL, true), -22);
}

static volatile u32 visits[NR_CPUS];

static void visit(void *arg)
{
	(void)arg;
	__atomic_fetch_add(&visits[cpu_id()], 1, __ATOMIC_RELAXED);
}

/* Expected: on_each_cpu() runs the function exactly once on every online
 * CPU (this one included) and on no other. */
KTEST(smp_call_function_all_cpus)
{
	for (unsigned i = 0; i < NR_CPUS; i++)
		visits[i] = 0;
	on_each_cpu(visit, NULL);
	for (unsigned i = 0; i < NR_CPUS; i++)
		KT_EXPECT_EQ(visits[i], cpu_online(i) ? 1 : 0);
}

static DEFINE_SPINLOCK(stress_lock);
static volatile u64 stress_counter;
static unsigned stress_rounds;

static void stress(void *arg)
{
	(void)arg;
	for (unsigned i = 0; i < stress_rounds; i++) {
		irqflags_t f = spin_lock_irqsave(&stress_lock);
		/* a read-modify-write the lock alone makes safe */
		u64 v = stress_counter;
		barrier();
		stress_counter = v + 1;
		spin_unlock_irqrestore(&stress_lock, f);
	}
}

/* Expected: every CPU adds 1 to a shared counter, under one lock, the same
 * number of times, all at once; not one increment is lost. */
KTEST(spinlock_stress_all_cpus)
{
	unsigned n = num_online_cpus();
	/* Fewer rounds with more CPUs: under TCG a waiter may need a whole
	 * host time slice to notice its turn. */
	stress_rounds = MAX(320 / n, 10u);
	stress_counter = 0;
	on_each_cpu(stress, NULL);
	KT_EXPECT_EQ(stress_counter, (u64)stress_rounds * n);
	KT_ASSERT(!spin_is_locked(&stress_lock));
}

/*
 * smp_mark_cpu_concurrent.  Round r: every CPU waits at a barrier, then
 * sets its own bit of mark_masks[r % MARK_RING] at the same moment.  When
 * every CPU has reached barrier r + 1, all of round r's bits are in, so
 * the leader (the CPU that started the test) checks and clears round r's
 * mask before it arrives at barrier r + 2, while the others set the next
 * round's.  The leader also decides when to stop: after a time budget, so
 * that the test runs many rounds where the virtual CPUs really run at
 * once (a few per millisecond) and few where a busy host runs them one
 * after another (then they cannot race anyway) - and at most
 * MARK_ROUNDS / CPUs rounds, which the IA-64 simulator, whose CPUs run in
 * step, reaches well within the budget.  The verdict does not depend on
 * time: any lost bit in any round fails.
 */
#define MARK_RING	4
#define MARK_ROUNDS	4096 /* all CPUs' rounds together, at most */
#define MARK_BUDGET_MS	300
#define MARK_BARRIER_MS 5000
static cpumask_t mark_masks[MARK_RING];
static unsigned mark_cpus, mark_stop, mark_rounds, mark_bad, mark_first_bad;
static u64 mark_arrived, mark_done, mark_deadline;
static bool mark_stuck;

/* Wait until every CPU has arrived `count` times in all (a barrier that
 * needs no reset), or give up: a CPU that never comes must not hang the
 * test with interrupts off. */
static bool mark_barrier(u64 count)
{
	u64 deadline = hal_cycles() + MARK_BARRIER_MS * hal_cycles_per_ms();
	while (__atomic_load_n(&mark_arrived, __ATOMIC_ACQUIRE) < count) {
		if (READ_ONCE(mark_stuck) || hal_cycles() > deadline) {
			WRITE_ONCE(mark_stuck, true);
			return false;
		}
		hal_cpu_relax();
	}
	return true;
}

/* The leader's work between barriers: check round r (complete once every
 * CPU has passed barrier r + 1), clear its slot, decide whether to stop. */
static void mark_check(unsigned r)
{
	cpumask_t *m = &mark_masks[r % MARK_RING];
	if (!cpumask_equal(m, &cpu_online_mask) && mark_bad++ == 0)
		mark_first_bad = r;
	cpumask_clear(m);
	mark_rounds = r + 1;
}

static void mark_rounds_here(void *leader)
{
	for (unsigned r = 0;; r++) {
		__atomic_add_fetch(&mark_arrived, 1, __ATOMIC_ACQ_REL);
		if (!mark_barrier((u64)(r + 1) * mark_cpus) ||
		    r >= READ_ONCE(mark_stop))
			break;
		if (leader && r >= 1)
			mark_check(r - 1);
		smp_mark_cpu_in(&mark_masks[r % MARK_RING]); /* all at once */
		if (leader && (r + 1 >= MARK_ROUNDS / mark_cpus ||
			       hal_cycles() > mark_deadline))
			WRITE_ONCE(mark_stop,
				   r + 1); /* seen after barrier r+1 */
	}
	__atomic_add_fetch(&mark_done, 1, __ATOMIC_ACQ_REL);
}

/* Expected: in every round, all CPUs set their own bit of one shared mask
 * at the same moment through smp_mark_cpu_in(), the helper that marks a
 * CPU online, and the mask ends up with every CPU's bit.  A plain
 * (non-atomic) read-modify-write loses bits here, as it once could in
 * cpu_online_mask. */
KTEST(smp_mark_cpu_concurrent)
{
	mark_cpus = num_online_cpus();
	if (mark_cpus < 2) {
		ktest_skip("one CPU cannot race with itself");
		return;
	}
	for (unsigned i = 0; i < MARK_RING; i++)
		cpumask_clear(&mark_masks[i]);
	mark_arrived = mark_done = 0;
	mark_stop = ~0u;
	mark_rounds = mark_bad = 0;
	mark_stuck = false;
	mark_deadline = hal_cycles() + MARK_BUDGET_MS * hal_cycles_per_ms();

	preempt_disable();
	smp_call_function(mark_rounds_here, NULL, false);
	irqflags_t flags = hal_irq_save();
	mark_rounds_here((void *)1);
	hal_irq_restore(flags);
	while (__atomic_load_n(&mark_done, __ATOMIC_ACQUIRE) < mark_cpus)
		hal_cpu_relax();
	preempt_enable();

	KT_ASSERT(!mark_stuck);
	mark_check(mark_stop - 1); /* the last round, now complete */
	printk("mark: %u rounds on %u CPUs\n", mark_rounds, mark_cpus);
	if (mark_bad)
		KT_FAIL("%u of %u rounds lost a CPU's bit (the first: round "
			"%u); the bits must be set atomically",
			mark_bad, mark_rounds, mark_first_bad);
}

static spinlock_t victim = SPINLOCK_INIT("victim");

static void unlock_victim(void *arg)
{
	(void)arg;
	spin_unlock(&victim);
}

/* Expected: the lock debug checks notice recursion on one CPU, an unlock
 * by a CPU that does not hold the lock, and an unlock of a free lock. */
KTEST(spinlock_debug_checks_fire)
{
	spin_debug_catch(true);
	irqflags_t f = spin_lock_irqsave(&victim);
	spin_lock(&victim); /* recursion: caught and skipped */
	unsigned after_recursion = spin_debug_caught();
	unsigned other = cpumask_next((int)cpu_id(), &cpu_online_mask);
	if (other >= NR_CPUS)
		other = cpumask_first(&cpu_online_mask);
	unsigned expect = 1;
	if (other != cpu_id()) {
		hal_irq_restore(f);
		smp_call_function_single(other, unlock_victim, NULL, true);
		f = hal_irq_save();
		expect++;
	}
	unsigned after_foreign = spin_debug_caught();
	spin_unlock(&victim);
	spin_unlock(&victim); /* the lock is free now: caught */
	hal_irq_restore(f);
	unsigned total = spin_debug_caught();
	spin_debug_catch(false);
	KT_EXPECT_EQ(after_recursion, 1);
	KT_EXPECT_EQ(after_foreign, expect);
	KT_EXPECT_EQ(total, expect + 1);
	KT_ASSERT(!spin_is_locked(&victim));
}

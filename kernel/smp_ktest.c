/*
 * kernel/smp_ktest.c - every CPU is running, ticking, and reachable.
 */
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/smp.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"

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
 * Expected: over 300 ms of cycle-counter time every CPU takes hz * 0.3
 * timer interrupts, within -75%/+25%, in at least one of up to ten such
 * windows, and never more than +25% in any.  The margin below is wide,
 * and a CPU gets ten tries, because TCG runs many virtual CPUs on few host
 * cores: a virtual CPU that gets no host time for a while finds several
 * ticks due at once, and the APIC merges them into one.  Counts fall short
 * under load but never run ahead; a wrong calibration or divider would be
 * off by a factor of 16 or more, in every window.
 */
KTEST(timer_ticks_every_cpu)
{
	static u64 before[NR_CPUS];
	static bool ok[NR_CPUS];
	unsigned cpu, missing = 0;
	const u64 window_ms = 300;
	u64 expect = (u64)params.hz * window_ms / 1000;

	KT_ASSERT(hal_irqs_enabled());
	for_each_cpu(cpu, &cpu_online_mask)
		ok[cpu] = false;
	for (int window = 0; window < 10; window++) {
		for_each_cpu(cpu, &cpu_online_mask)
			before[cpu] = cpu_data[cpu].ticks;
		u64 j0 = jiffies;
		mdelay(window_ms);
		u64 dj = jiffies - j0;
		if (dj < expect / 4 || dj > expect + expect / 4)
			KT_FAIL("jiffies advanced %llu in %llu ms; expected "
				"about %llu",
				dj, window_ms, expect);
		missing = 0;
		for_each_cpu(cpu, &cpu_online_mask) {
			u64 got = cpu_data[cpu].ticks - before[cpu];
			if (got > expect + expect / 4)
				KT_FAIL("cpu %u took %llu ticks in %llu ms; "
					"expected about %llu (hz=%d)",
					cpu, got, window_ms, expect, params.hz);
			ok[cpu] |= got >= expect / 4;
			missing += !ok[cpu];
		}
		if (!missing)
			return;
	}
	for_each_cpu(cpu, &cpu_online_mask)
		if (!ok[cpu])
			KT_FAIL(
			    "cpu %u never took %llu of the %llu ticks due in "
			    "%llu ms, in 10 tries (hz=%d)",
			    cpu, expect / 4, expect, window_ms, params.hz);
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

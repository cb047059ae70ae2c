/*
 * kernel/trace_ktest.c - the trace rings (kernel/trace.c) on the booted
 * kernel: they record what happened, only while on, exactly as often as
 * the scheduler's own counters say, and a full ring keeps the newest.
 *
 * Each test puts tracing back as it found it (on from boot, unless
 * trace=0), so that the tests after it, and `trace dump` afterwards, see
 * the kernel as configured.  With trace=0 there are no rings: the tests
 * say so and check nothing else.
 */
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/trace.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

static bool have_ring(unsigned cpu)
{
	if (trace_rings[cpu].buf)
		return true;
	printk("trace: no ring on cpu %u (trace=%d): nothing to check\n", cpu,
	       params.trace);
	return false;
}

/* The record `back` places before the newest on cpu's ring (0: newest). */
static const struct trace_rec *recent(unsigned cpu, u64 back)
{
	const struct trace_ring *r = &trace_rings[cpu];
	return &r->buf[(r->head - 1 - back) & r->mask];
}

/* Does cpu's ring hold a record of `type` about task p? */
static bool ring_has(unsigned cpu, enum trace_type type, const struct task *p)
{
	const struct trace_ring *r = &trace_rings[cpu];
	u64 kept = MIN(r->head, r->mask + 1);
	for (u64 i = 0; i < kept; i++) {
		const struct trace_rec *rec = recent(cpu, i);
		if (rec->type == type && rec->t1.pid == (u32)p->pid)
			return true;
	}
	return false;
}

static void sleeper(void *arg)
{
	for (int i = 0; i < 20; i++)
		msleep(1);
	*(volatile bool *)arg = true;
}

/*
 * Expected: a thread that sleeps 20 times on its own CPU makes at least
 * 40 switches there (to idle and back), and the switch records of that
 * CPU are exactly as many as the runqueue counted while tracing was on.
 */
KTEST(trace_switches_match_the_kernels_count)
{
	unsigned cpu = ktest_cpu_from_top(0);
	static volatile bool done;
	if (!have_ring(cpu))
		return;
	bool was = trace_running();
	trace_clear();
	trace_start();
	done = false;
	if (!ktest_start_on(sleeper, (void *)&done, cpu, "tr-sleeper"))
		KT_FAIL("no memory for a thread");
	bool finished = ktest_wait_flag(&done, 5 * (unsigned long)params.hz);
	trace_stop();
	u64 recorded = trace_count(cpu, TR_SWITCH);
	u64 counted = trace_rings[cpu].switches_total;
	if (was)
		trace_start();
	if (!finished)
		KT_FAIL("the sleeper never finished its 20 sleeps");
	if (recorded < 40)
		KT_FAIL("expected at least 40 switches recorded on cpu %u, "
			"got %llu",
			cpu, recorded);
	KT_EXPECT_EQ(recorded, counted);
}

/* Expected: with tracing off, no CPU's ring moves while threads sleep
 * and wake; trace_printk() records nothing either. */
KTEST(trace_off_records_nothing)
{
	static u64 before[NR_CPUS];
	static volatile bool done;
	unsigned cpu = ktest_cpu_from_top(0);
	if (!have_ring(cpu))
		return;
	bool was = trace_running();
	trace_stop();
	for_each_cpu(cpu, &cpu_online_mask)
		before[cpu] = trace_rings[cpu].head;
	done = false;
	if (!ktest_start_on(sleeper, (void *)&done, ktest_cpu_from_top(0),
			    "tr-sleeper"))
		KT_FAIL("no memory for a thread");
	bool finished = ktest_wait_flag(&done, 5 * (unsigned long)params.hz);
	trace_printk("not recorded");
	unsigned moved = NR_CPUS;
	for_each_cpu(cpu, &cpu_online_mask)
		if (trace_rings[cpu].head != before[cpu])
			moved = cpu;
	if (was)
		trace_start();
	KT_ASSERT(finished);
	if (moved != NR_CPUS)
		KT_FAIL("cpu %u recorded events while tracing was off", moved);
}

/* Expected: after more trace_printk()s than the ring holds, the ring
 * holds the newest ones, in order, and counts the rest as lost. */
KTEST(trace_full_ring_keeps_the_newest)
{
	preempt_disable(); /* one CPU's ring, throughout */
	unsigned cpu = cpu_id();
	if (!have_ring(cpu)) {
		preempt_enable();
		return;
	}
	bool was = trace_running();
	trace_clear();
	trace_start();
	u64 size = trace_rings[cpu].mask + 1, n = size + size / 2;
	/* interrupts off: nothing else records on this CPU meanwhile */
	irqflags_t flags = hal_irq_save();
	u64 head0 = trace_rings[cpu].head;
	for (u64 i = 0; i < n; i++)
		trace_printk("event %llu", i);
	hal_irq_restore(flags);
	trace_stop();
	const struct trace_rec *newest = recent(cpu, 0);
	const struct trace_rec *oldest = recent(cpu, size - 1);
	u64 head = trace_rings[cpu].head;
	char want_new[32], want_old[32];
	snprintf(want_new, sizeof(want_new), "event %llu", n - 1);
	snprintf(want_old, sizeof(want_old), "event %llu", n - size);
	bool types = newest->type == TR_PRINT && oldest->type == TR_PRINT;
	bool new_ok = !strcmp(newest->text, want_new);
	bool old_ok = !strcmp(oldest->text, want_old);
	if (was)
		trace_start();
	preempt_enable();
	KT_EXPECT_EQ(head - head0, n);
	KT_ASSERT(types);
	if (!new_ok || !old_ok)
		KT_FAIL("expected the ring to hold '%s' .. '%s'", want_old,
			want_new);
}

static void parked(void *arg)
{
	(void)arg;
	while (!READ_ONCE(ktest_crowd.stop))
		msleep(2);
	complete(&ktest_crowd.done);
}

/*
 * Expected: pinning a sleeping thread to another CPU records a migrate
 * (reason affinity) on the CPU that moved it, and its wake-ups there are
 * recorded as wakeups.
 */
KTEST(trace_records_migrate_and_wakeup)
{
	if (!ktest_needs_cpus(2))
		return;
	unsigned from = ktest_cpu_from_top(0), to = ktest_cpu_from_top(1);
	if (!have_ring(from) || !have_ring(to))
		return;
	bool was = trace_running();
	trace_clear();
	trace_start();
	ktest_crowd_begin();
	struct task *t = ktest_start_on(parked, NULL, from, "tr-parked");
	if (!t) {
		trace_stop();
		if (was)
			trace_start();
		KT_FAIL("no memory for a thread");
	}
	msleep(10);
	cpumask_t there = cpumask_of(to);
	set_cpus_allowed(t, &there);
	msleep(20); /* it wakes on `to` every 2 ms */
	trace_stop();
	bool migrated = false;
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask)
		migrated |= ring_has(cpu, TR_MIGRATE, t);
	bool woke_there = false;
	for_each_cpu(cpu, &cpu_online_mask) {
		const struct trace_ring *r = &trace_rings[cpu];
		for (u64 i = 0; i < MIN(r->head, r->mask + 1); i++) {
			const struct trace_rec *rec = recent(cpu, i);
			if (rec->type == TR_WAKEUP &&
			    rec->t1.pid == (u32)t->pid && rec->c1 == to)
				woke_there = true;
		}
	}
	ktest_crowd_end(1);
	if (was)
		trace_start();
	if (!migrated)
		KT_FAIL("no migrate record for %s after pinning it from cpu "
			"%u to cpu %u",
			"tr-parked", from, to);
	if (!woke_there)
		KT_FAIL("no wakeup record for tr-parked on cpu %u", to);
}

/* --- make bench: what an event costs, and what tracing does to a switch - */

/* Cycles per trace_switch() call, interrupts off, tracing on or off.
 * Under -icount (make bench) a cycle is an instruction: exact. */
static u64 event_cost(bool on)
{
	const unsigned n = 10000;
	bool was = trace_running();
	on ? trace_start() : trace_stop();
	irqflags_t flags = hal_irq_save();
	u64 t0 = hal_cycles();
	for (unsigned i = 0; i < n; i++)
		trace_switch(current, current);
	u64 cycles = (hal_cycles() - t0) / n;
	hal_irq_restore(flags);
	was ? trace_start() : trace_stop();
	return cycles;
}

static volatile u64 switch_cycles;

/* Two of these, SCHED_FIFO at one priority on one CPU, hand the CPU to
 * each other with yield(): every call is a real context switch. */
static void yield_pair(void *arg)
{
	unsigned rounds = (unsigned)(unsigned long)arg;
	u64 t0 = hal_cycles();
	for (unsigned i = 0; i < rounds; i++)
		yield();
	switch_cycles = (hal_cycles() - t0) / (2 * rounds);
	complete(&ktest_crowd.done);
}

/* Cycles per yield() that switches to the other thread. */
static u64 switch_cost(bool on)
{
	const unsigned long rounds = 5000;
	unsigned cpu = ktest_cpu_from_top(0);
	bool was = trace_running();
	on ? trace_start() : trace_stop();
	ktest_crowd_begin();
	struct task *a = ktest_thread_on(yield_pair, (void *)rounds, cpu, "y1");
	struct task *b = ktest_thread_on(yield_pair, (void *)rounds, cpu, "y2");
	/* both real-time before either runs: each yield() then goes to the
	 * other, never back to itself */
	for (int i = 0; i < 2; i++) {
		struct task *t = i ? b : a;
		if (t) {
			sched_setscheduler(t, SCHED_FIFO, 10);
			wake_up_process(t);
		}
	}
	ktest_crowd_end((a != NULL) + (b != NULL));
	was ? trace_start() : trace_stop();
	return a && b ? switch_cycles : 0;
}

/* Not in ktest=all: prints `bench: ...` for make bench.  Expected: an
 * event costs a few dozen instructions on, a handful off; a context
 * switch costs one event more with tracing on. */
KTEST_MANUAL(bench_trace_cost)
{
	if (!have_ring(cpu_id()))
		return;
	u64 off = event_cost(false), on = event_cost(true);
	u64 sw_off = switch_cost(false), sw_on = switch_cost(true);
	printk("bench: trace_event_off=%llu trace_event_on=%llu "
	       "switch_trace_off=%llu switch_trace_on=%llu\n",
	       off, on, sw_off, sw_on);
	KT_ASSERT(on > off && sw_off > 0 && sw_on > 0);
}

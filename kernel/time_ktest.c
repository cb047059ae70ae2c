/*
 * kernel/time_ktest.c - jiffies and the per-CPU tick accounting keep up
 * with the cycle counter, even when timer interrupts are lost.
 *
 * Under QEMU's TCG with more virtual CPUs than host cores, a loaded machine
 * loses most of its timer interrupts (docs/smp.md, "Lost ticks").  These
 * tests compare two kernel clocks, jiffies and the cycle counter, with each
 * other - never with the host's wall clock - so what they assert holds
 * however slow or busy the host is.
 */
#include "kernel/hog.h"
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/wait.h"

#define HOGS_PER_CPU 2
/* Half a second: long enough that TCG loses many interrupts in it at
 * -smp 8 and 32 (docs/smp.md), short enough that the IA-64 simulator,
 * which executes every hog's every instruction, is not kept a minute at
 * -smp 32. */
#define WINDOW_MS 500
#define START_MS  2000 /* for the hogs to start (many CPUs, busy host) */

static struct hog_crowd hog_crowd; /* cpu_hog()s, kernel/hog.h */
static struct task *hogs[NR_CPUS][HOGS_PER_CPU];

/* Whole ticks of cycle-counter time from kernel entry to `cycles`. */
static u64 ticks_at(u64 cycles)
{
	return (cycles - hal_boot_cycles()) / tick_cycles();
}

/*
 * The most jiffies may show when this CPU's cycle counter reads `cycles`.
 * Whichever CPU ticks brings jiffies up to its own counter, and the CPUs'
 * counters need not agree to the cycle: the IA-64 simulator lets one CPU
 * run up to a round (about 2,000 cycles, 2% of a tick) ahead of another,
 * and then, just past a tick boundary, jiffies is one ahead of what this
 * CPU reads.  An eighth of a tick of slack covers that; a jiffies that
 * counts too fast is soon far beyond it.
 */
static u64 ticks_allowed_at(u64 cycles)
{
	return ticks_at(cycles + tick_cycles() / 8);
}

/*
 * Read jiffies with the cycle counter on both sides, just after jiffies
 * moved: whichever CPU moved it brought it up to its own cycle counter a
 * moment ago.  A moment, unless the host stopped that virtual CPU (or
 * this one) in between, so take the freshest of a few reads: jiffies can
 * only lag behind the cycle counter, never lead it.
 */
struct jiffies_read {
	u64 jiffies, before, after; /* cycle counter before and after */
};

static u64 lag(const struct jiffies_read *r)
{
	u64 t = ticks_at(r->before);
	return t > r->jiffies ? t - r->jiffies : 0;
}

static struct jiffies_read fresh_jiffies(void)
{
	struct jiffies_read best = {0}, r;
	for (int i = 0; i < 5; i++) {
		/* spin on jiffies, a plain load; the cycle counter only now and
		 * then (under TCG each read of it takes a lock all virtual
		 * CPUs share: docs/smp.md) */
		u64 j0 = jiffies, start = hal_cycles();
		for (unsigned spins = 1; jiffies == j0; spins++)
			if (spins % 4096 == 0 &&
			    hal_cycles() - start > 100 * tick_cycles())
				break;
		r.before = hal_cycles();
		r.jiffies = jiffies;
		r.after = hal_cycles();
		if (i == 0 || lag(&r) < lag(&best))
			best = r;
	}
	return best;
}

/* One CPU's tick counters and what its hogs were charged, read on that
 * CPU with interrupts off, so that no tick there falls in between. */
struct tick_snap {
	u64 taken, accounted, lost, early, last_tick, hogs_run, others_run;
};
static struct tick_snap snap_a[NR_CPUS], snap_b[NR_CPUS];

static void take_snap(void *arg)
{
	struct tick_snap *s = &((struct tick_snap *)arg)[cpu_id()];
	struct cpu_data *c = this_cpu();
	s->taken = c->ticks;
	s->accounted = c->tick.accounted;
	s->lost = c->tick.lost;
	s->early = c->tick.early;
	s->last_tick = c->tick.last;
	s->hogs_run = 0;
	for (int i = 0; i < HOGS_PER_CPU; i++)
		s->hogs_run += hogs[cpu_id()][i]->ticks_run;
	/* the only other tasks that may run there */
	s->others_run = sched_idle_task(cpu_id())->ticks_run;
	if (cpu_rq(cpu_id())->migration_thread)
		s->others_run += cpu_rq(cpu_id())->migration_thread->ticks_run;
}

/* Has a hog run through a tick on every CPU? */
static bool hogs_running(void)
{
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask) {
		u64 run = 0;
		for (int i = 0; i < HOGS_PER_CPU; i++)
			run += READ_ONCE(hogs[cpu][i]->ticks_run);
		if (!run)
			return false;
	}
	return true;
}

/* Start HOGS_PER_CPU hogs bound to each online CPU, and wait (up to
 * START_MS) until a hog has run through a tick on each; false if not. */
static bool start_hogs(void)
{
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask)
		for (int i = 0; i < HOGS_PER_CPU; i++) {
			struct task *t = kthread_create(cpu_hog, &hog_crowd,
							"hog/%u.%d", cpu, i);
			kthread_bind(t, cpu);
			hogs[cpu][i] = t;
			wake_up_process(t);
		}
	/* let them start: from then on, only they run on their CPUs */
	u64 t = hal_cycles();
	while (!hogs_running() &&
	       hal_cycles() - t < START_MS * hal_cycles_per_ms())
		msleep(1);
	return hogs_running();
}

/* jiffies over a window of cycle-counter time: fresh reads at both ends,
 * and whether it ever ran ahead or back in between. */
struct jiffies_watch {
	struct jiffies_read r0, r1;
	bool backwards;
	u64 ahead_jiffies, ahead_ticks; /* the first read ahead (0: none) */
};

static void watch_jiffies(struct jiffies_watch *w, u64 window)
{
	w->r0 = fresh_jiffies();
	u64 prev = w->r0.jiffies;
	w->backwards = false;
	w->ahead_jiffies = w->ahead_ticks = 0;
	/* WINDOW_MS of cycle-counter time, looking at jiffies now and then */
	while (hal_cycles() - w->r0.before < window) {
		msleep(5);
		u64 j = jiffies, now = hal_cycles();
		if (j > ticks_allowed_at(now) && !w->ahead_jiffies) {
			w->ahead_jiffies = j;
			w->ahead_ticks = ticks_at(now);
		}
		w->backwards |= j < prev;
		prev = j;
	}
	w->r1 = fresh_jiffies();
}

/* The window's numbers, with the tick counters averaged over the CPUs. */
static void print_totals(const struct jiffies_watch *w)
{
	const struct jiffies_read *r0 = &w->r0, *r1 = &w->r1;
	u64 taken = 0, acc = 0, lost = 0, early = 0;
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask) {
		taken += snap_b[cpu].taken - snap_a[cpu].taken;
		acc += snap_b[cpu].accounted - snap_a[cpu].accounted;
		lost += snap_b[cpu].lost - snap_a[cpu].lost;
		early += snap_b[cpu].early - snap_a[cpu].early;
	}
	unsigned n = num_online_cpus();
	pr_info(
	    "time: %llu ms of cycle counter, jiffies +%llu (hz=%d, lag "
	    "%llu/%llu); per cpu, timer interrupts taken %llu, ticks "
	    "accounted %llu, lost %llu, early %llu (averages over %u cpus)\n",
	    (r1->before - r0->before) / hal_cycles_per_ms(),
	    r1->jiffies - r0->jiffies, params.hz, lag(r0), lag(r1), taken / n,
	    acc / n, lost / n, early / n, n);
}

/* jiffies against the cycle counter over the window (a failure ends the
 * test). */
static void check_jiffies(const struct jiffies_watch *w)
{
	const struct jiffies_read *r0 = &w->r0, *r1 = &w->r1;
	u64 tol = 3 + (u64)params.hz * WINDOW_MS / 1000 / 100;
	u64 want = (r1->before - r0->before) / tick_cycles();
	u64 dj = r1->jiffies - r0->jiffies;
	bool backwards = w->backwards; /* the name a failure shows */

	if (w->ahead_jiffies)
		KT_FAIL("jiffies ran ahead of the cycle counter: %llu when "
			"%llu ticks had passed",
			w->ahead_jiffies, w->ahead_ticks);
	if (r0->jiffies > ticks_allowed_at(r0->after) ||
	    r1->jiffies > ticks_allowed_at(r1->after))
		KT_FAIL("jiffies ran ahead of the cycle counter: %llu and %llu "
			"when %llu and %llu ticks had passed",
			r0->jiffies, r1->jiffies, ticks_at(r0->after),
			ticks_at(r1->after));
	KT_ASSERT(!backwards);
	if (lag(r0) > tol || lag(r1) > tol)
		KT_FAIL("jiffies fell behind the cycle counter since boot: "
			"%llu and %llu ticks behind",
			lag(r0), lag(r1));
	if (dj + tol < want || dj > want + tol)
		KT_FAIL("jiffies advanced %llu in %llu ticks of cycle-counter "
			"time (hz=%d)",
			dj, want, params.hz);
}

/* Each CPU's tick accounting between the two snapshots, and (on each CPU
 * but `self`, the test's) what its tasks were charged for it. */
static void check_cpu_ticks(unsigned self)
{
	u64 cpt = tick_cycles();
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask) {
		struct tick_snap *a = &snap_a[cpu], *b = &snap_b[cpu];
		u64 da = b->accounted - a->accounted;
		u64 between = (b->last_tick - a->last_tick) / cpt;
		if (da < between || da > between + 1)
			KT_FAIL("cpu %u accounted %llu ticks between two of "
				"its interrupts %llu ticks apart (it took %llu "
				"interrupts)",
				cpu, da, between, b->taken - a->taken);
		KT_EXPECT_EQ(b->accounted, b->taken - b->early + b->lost);
		if (cpu == self)
			continue;
		u64 hogs = b->hogs_run - a->hogs_run;
		u64 others = b->others_run - a->others_run;
		if (hogs + others != da)
			KT_FAIL("cpu %u accounted %llu ticks but charged %llu "
				"to its hogs and %llu to idle and migration",
				cpu, da, hogs, others);
	}
}

/*
 * Expected: with every CPU loaded (two CPU-bound threads each), over
 * WINDOW_MS (half a second) of cycle-counter time
 *  - jiffies follows the cycle counter: never ahead of it (but for the
 *    CPUs' counters not agreeing: ticks_allowed_at()), and behind by
 *    at most a few ticks (3 + 1%), both since boot and over the window -
 *    however many timer interrupts the emulator lost;
 *  - each CPU accounts, between two of its interrupts, exactly the whole
 *    ticks of cycle-counter time between them (+1 for where the boundaries
 *    fall), and its counters add up: accounted = taken - early + lost;
 *  - on each CPU but this one, every tick it accounted was charged
 *    (ticks_run) to a task that runs there: its two hogs, its idle task
 *    or its migration thread - the ticks elapsed, not one per interrupt.
 * On a kernel that counts interrupts instead, under TCG, jiffies advanced
 * 151 in 1020 ms at -smp 8 and 24 in 1098 ms at -smp 32, and a CPU at
 * -smp 8 accounted 259 ticks (its interrupts) in 1031.
 */
KTEST(time_ticks_follow_cycle_counter_under_load)
{
	unsigned self = cpu_id();
	u64 window = WINDOW_MS * hal_cycles_per_ms();
	struct jiffies_watch w;

	KT_ASSERT(hal_irqs_enabled());
	hog_crowd_begin(&hog_crowd);
	/* above the hogs, or this thread would wait for their slices */
	sched_setscheduler(current, SCHED_FIFO, 1);
	bool started = start_hogs();
	on_each_cpu(take_snap, snap_a);
	watch_jiffies(&w, window);
	on_each_cpu(take_snap, snap_b);
	hog_crowd_end(&hog_crowd, HOGS_PER_CPU * num_online_cpus());
	sched_setscheduler(current, SCHED_NORMAL, 0);
	if (!started)
		KT_FAIL("the hogs did not all start within %d ms", START_MS);
	print_totals(&w);
	check_jiffies(&w);
	/* after a failure in check_jiffies() it reports nothing more: only
	 * the first failure is reported */
	check_cpu_ticks(self);
}

/*
 * Not in ktest=all: prints `bench: tick_interrupts=N tick_insns=I
 * tick_share_ppm=S` for make bench, which boots it under -icount shift=0
 * -smp 1, where the cycle counter counts this CPU's instructions exactly.
 * This thread, busy, reads the cycle counter in a tight loop for 2,000
 * ticks; a read that jumps by more than GAP means the CPU was away in
 * between - in the timer interrupt (entry, timer_tick(), scheduler_tick(),
 * the end of interrupt, and a schedule() when the slice ran out).  I is
 * the mean of those jumps, S their share of all instructions in parts per
 * million.  Every busy CPU pays the same per tick: the tick's work is its
 * own runqueue's, but for a busy CPU's rebalance every 200 ms.
 */
KTEST_MANUAL(bench_tick_share)
{
	enum { TICKS = 2000, GAP = 200 };
	unsigned long n = 0, j0 = jiffies;
	u64 start = hal_cycles(), last = start, away = 0;

	while (jiffies - j0 < TICKS) {
		u64 now = hal_cycles();
		if (now - last > GAP) {
			away += now - last;
			n++;
		}
		last = now;
	}
	u64 all = hal_cycles() - start;
	KT_ASSERT(n > 0 && all > 0);
	printk("bench: tick_interrupts=%lu tick_insns=%llu "
	       "tick_share_ppm=%llu\n",
	       n, away / n, away * 1000000 / all);
}

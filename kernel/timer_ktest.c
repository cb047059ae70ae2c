/*
 * kernel/timer_ktest.c - timers on the booted kernel: deleting and
 * re-arming a timer from its own fn, a thousand timers at once, timers
 * beyond the wheel's first level, lost ticks, and del_timer() waiting for
 * a fn that runs on another CPU.  And `make bench`'s cost of a tick with
 * and without a thousand sleeping timers.
 *
 * Each run of a test timer's fn checks the contract of timer.h with
 * timer_run_info(): it runs at exactly the jiffy it was due
 * (jiffy == expires), in the first run_timers() of its CPU that found it
 * due (prev_now < expires <= now) - "within a tick", in that CPU's ticks,
 * however late the interrupts come - on the CPU it was started on.  The
 * waits are for something to happen (a fn to run, a CPU to tick), with a
 * deadline in jiffies only to name a CPU that stopped instead of hanging
 * the run; nothing asserts how long anything took.
 */
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/wait.h"

/* How long a CPU may show no sign of life before a test calls it stuck:
 * 10 s of jiffies (under TCG a busy host may stall a CPU for a second). */
static u64 deadline(void)
{
	return 10ULL * (u64)params.hz;
}

static bool after_eq(unsigned long a, unsigned long b)
{
	return (long)(a - b) >= 0;
}

/* The highest-numbered online CPU other than this one (CPU 0 runs init
 * and the tests), or this one when it is alone. */
static unsigned other_cpu(void)
{
	unsigned cpu, self = cpu_id(), pick = self;
	for_each_cpu(cpu, &cpu_online_mask)
		if (cpu != self)
			pick = cpu;
	return pick;
}

/* Run fn(arg) on `cpu`, interrupts off there, as its timer interrupt
 * would: timers it adds are that CPU's. */
static void on_cpu(unsigned cpu, smp_call_fn fn, void *arg)
{
	irqflags_t f = hal_irq_save();
	if (cpu == cpu_id()) {
		fn(arg);
		hal_irq_restore(f);
		return;
	}
	hal_irq_restore(f);
	smp_call_function_single(cpu, fn, arg, true);
}

/* Keep this thread on its CPU (a test that waits for another CPU must not
 * be moved onto it), and let it go again. */
static cpumask_t saved_mask;

static void pin_here(void)
{
	saved_mask = current->cpus_allowed;
	cpumask_t one = cpumask_of(cpu_id());
	set_cpus_allowed(current, &one);
}

static void unpin(void)
{
	set_cpus_allowed(current, &saved_mask);
}

/*
 * Wait until `cpu`'s run_timers() has run with jiffies >= j: jiffies gets
 * there, then the CPU takes two more timer interrupts (the first of them
 * may have begun before; the second begins after the first has ended) -
 * or it stops its tick, idle with no timer left.  false if it took none
 * for deadline() jiffies: it is stuck with interrupts off.
 */
/* cpu has stopped its tick (kernel/nohz.c) and no timer is pending there:
 * every timer it had has run, or was deleted.  (Stopped alone is not
 * enough: an IPI handler may be adding timers there before the CPU starts
 * its tick again on the way out.) */
static bool idle_without_timers(unsigned cpu)
{
	struct timer_stats st;
	if (!READ_ONCE(cpu_data[cpu].tick_stopped))
		return false;
	timer_get_stats(cpu, &st);
	return st.pending == 0;
}

static bool wait_cpu_past(unsigned cpu, unsigned long j)
{
	while (!after_eq((unsigned long)jiffies, j))
		msleep(1);
	u64 t0 = cpu_data[cpu].ticks, start = jiffies;
	while (cpu_data[cpu].ticks < t0 + 2 && !idle_without_timers(cpu)) {
		if (jiffies - start > deadline())
			return false;
		msleep(1);
	}
	return true;
}

static bool wait_all_past(unsigned long j, unsigned *stuck)
{
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask)
		if (!wait_cpu_past(cpu, j)) {
			*stuck = cpu;
			return false;
		}
	return true;
}

/* --- A timer under test, and what its fn saw --------------------------- */

struct probe {
	struct timer t;
	int cpu; /* where it was started; -1: do not check */
	volatile unsigned runs;
	/* runs that broke the contract: on another CPU, at another jiffy
	 * than its expiry, not in the first run_timers() that found it due
	 * (or before jiffies got there) */
	volatile unsigned wrong_cpu, wrong_jiffy, late;
	struct timer_run_info last;
};

/* From the probe's fn: count the run and check it. */
static void probe_ran(struct probe *p)
{
	struct timer_run_info *ri = &p->last;
	timer_run_info(ri);
	if (p->cpu >= 0 && cpu_id() != (unsigned)p->cpu)
		p->wrong_cpu++;
	if (ri->jiffy != ri->expires)
		p->wrong_jiffy++;
	if (after_eq(ri->prev_now, ri->expires) ||
	    !after_eq(ri->now, ri->expires) ||
	    !after_eq((unsigned long)jiffies, ri->expires))
		p->late++;
	p->runs++;
}

static void probe_init(struct probe *p, void (*fn)(void *), int cpu)
{
	timer_init(&p->t, fn, p);
	p->cpu = cpu;
	p->runs = p->wrong_cpu = p->wrong_jiffy = p->late = 0;
}

/* Did p's runs keep the contract?  Reports the first breach. */
static bool probe_kept_contract(const char *name, struct probe *p)
{
	const struct timer_run_info *ri = &p->last;
	if (p->wrong_cpu)
		ktest_fail(__FILE__, __LINE__,
			   "%s ran %u times on a CPU other than cpu %d, "
			   "where it was started",
			   name, p->wrong_cpu, p->cpu);
	else if (p->wrong_jiffy)
		ktest_fail(__FILE__, __LINE__,
			   "%s ran %u times at another jiffy than its expiry "
			   "(last: jiffy %lu, expiry %lu)",
			   name, p->wrong_jiffy, ri->jiffy, ri->expires);
	else if (p->late)
		ktest_fail(__FILE__, __LINE__,
			   "%s ran %u times outside the first run_timers() "
			   "that found it due (last: expiry %lu, that run "
			   "began at jiffies %lu, the one before at %lu)",
			   name, p->late, ri->expires, ri->now, ri->prev_now);
	else
		return true;
	return false;
}

/* Start p on `cpu` (from there), `ahead` jiffies from now. */
struct start_req {
	struct probe *p;
	unsigned long ahead, expires;
};

static void start_there(void *arg)
{
	struct start_req *r = arg;
	r->expires = (unsigned long)jiffies + r->ahead;
	add_timer(&r->p->t, r->expires);
}

static unsigned long start_probe(struct probe *p, unsigned cpu,
				 unsigned long ahead)
{
	struct start_req r = {.p = p, .ahead = ahead};
	on_cpu(cpu, start_there, &r);
	return r.expires;
}

/* --- del_timer() from the timer's own fn ----------------------------- */

static struct probe selfdel[2];
static volatile int sd_mod, sd_del[2], sd_pending_mod, sd_pending_del[2];

/* deletes itself, not pending (it is running) */
static void selfdel_plain(void *arg)
{
	probe_ran(arg);
	sd_del[0] = del_timer(&selfdel[0].t);
	sd_pending_del[0] = timer_pending(&selfdel[0].t);
}

/* re-arms itself for 3 jiffies later, then deletes itself */
static void selfdel_rearmed(void *arg)
{
	struct probe *p = arg;
	probe_ran(p);
	sd_mod = mod_timer(&p->t, p->last.jiffy + 3);
	sd_pending_mod = timer_pending(&p->t);
	sd_del[1] = del_timer(&p->t);
	sd_pending_del[1] = timer_pending(&p->t);
}

/*
 * Expected: a timer's fn that calls del_timer() on its own timer returns
 * (the CPU goes on ticking): del_timer() says false, since the running
 * timer is not pending.  A fn that first re-arms its timer (mod_timer()
 * says false: it was not pending; timer_pending() then says true) and then
 * deletes it gets true, the timer is no longer pending, and it does not
 * run again.  Each runs once, at its expiry.  On the old code del_timer()
 * waited for the fn to return - itself - and the CPU spun forever in its
 * timer interrupt.
 */
KTEST(timer_del_from_own_callback)
{
	unsigned cpu = other_cpu();
	sd_mod = sd_pending_mod = -1;
	for (int i = 0; i < 2; i++) {
		sd_del[i] = sd_pending_del[i] = -1;
		probe_init(&selfdel[i], i ? selfdel_rearmed : selfdel_plain,
			   (int)cpu);
	}
	start_probe(&selfdel[0], cpu, 2);
	/* the later of the two: on a busy host, jiffies may move on between
	 * the two starts */
	unsigned long e = start_probe(&selfdel[1], cpu, 2);
	if (!wait_cpu_past(cpu, e + 5))
		KT_FAIL(
		    "cpu %u took no timer interrupt for %llu jiffies after "
		    "the timers were due: stuck in a timer's fn (del_timer() "
		    "on its own timer waiting for itself?)",
		    cpu, deadline());
	KT_EXPECT_EQ(selfdel[0].runs, 1);
	KT_EXPECT_EQ(selfdel[1].runs, 1);
	if (sd_del[0] != 0)
		KT_FAIL("del_timer() from the fn said its (running, not "
			"pending) timer was pending");
	KT_EXPECT_EQ(sd_mod, 0);
	if (sd_pending_mod != 1)
		KT_FAIL("the timer its fn re-armed was not pending");
	if (sd_del[1] != 1)
		KT_FAIL("del_timer() from the fn, after re-arming, said its "
			"timer was not pending");
	KT_EXPECT_EQ(sd_pending_del[0], 0);
	KT_EXPECT_EQ(sd_pending_del[1], 0);
	/* the deleted re-arm was due 3 jiffies after the run */
	if (!wait_cpu_past(cpu, selfdel[1].last.jiffy + 5))
		KT_FAIL("cpu %u stopped ticking", cpu);
	if (selfdel[1].runs != 1)
		KT_FAIL("the timer ran again (%u runs) after its fn deleted "
			"it",
			selfdel[1].runs);
	KT_ASSERT(probe_kept_contract("the self-deleting timer", &selfdel[0]));
	KT_ASSERT(probe_kept_contract("the re-armed, self-deleting timer",
				      &selfdel[1]));
}

/* --- re-arming from the fn ------------------------------------------- */

#define REARM_GAP 5
static struct probe rearm;
static volatile unsigned rearm_bad_gap, rearm_not_pending;
static volatile unsigned long rearm_prev;

/* A periodic timer: each run starts it again REARM_GAP jiffies later. */
static void rearm_fn(void *arg)
{
	struct probe *p = arg;
	probe_ran(p);
	if (p->runs > 1 && p->last.expires != rearm_prev + REARM_GAP)
		rearm_bad_gap++;
	rearm_prev = p->last.jiffy;
	add_timer(&p->t, p->last.jiffy + REARM_GAP);
	if (!timer_pending(&p->t))
		rearm_not_pending++;
}

/*
 * Expected: a timer whose fn re-arms it (add_timer() from fn, 5 jiffies
 * after the jiffy it ran at) is pending when fn returns, runs again at
 * exactly that jiffy, and again; then del_timer() from this CPU returns
 * true (it was pending: fn had re-armed it), and the timer never runs
 * again.  On the old code run_timers() marked the timer idle after fn
 * returned (cpu = -1) while it stayed on the list: del_timer() said false,
 * and the timer went on running.
 */
KTEST(timer_rearm_from_callback)
{
	unsigned cpu = other_cpu();
	rearm_bad_gap = rearm_not_pending = 0;
	probe_init(&rearm, rearm_fn, (int)cpu);
	unsigned long e = start_probe(&rearm, cpu, 2);
	/* three runs: at e, e + 5, e + 10 */
	if (!wait_cpu_past(cpu, e + 2 * REARM_GAP))
		KT_FAIL("cpu %u stopped ticking", cpu);
	if (rearm.runs < 3)
		KT_FAIL("the timer ran %u times by jiffy %lu; re-armed from "
			"its fn every %d jiffies from %lu, it should have run "
			"3 times",
			rearm.runs, e + 2 * REARM_GAP, REARM_GAP, e);
	bool was = del_timer(&rearm.t);
	unsigned runs = rearm.runs;
	if (!was)
		KT_FAIL("del_timer() said the timer was not pending, but its "
			"fn re-arms it every time it runs");
	KT_ASSERT(!timer_pending(&rearm.t));
	if (!wait_cpu_past(cpu, rearm_prev + 2 * REARM_GAP))
		KT_FAIL("cpu %u stopped ticking", cpu);
	if (rearm.runs != runs)
		KT_FAIL("the timer ran %u more times after del_timer() "
			"stopped it",
			rearm.runs - runs);
	if (rearm_not_pending)
		KT_FAIL("%u times the timer was not pending just after its fn "
			"re-armed it",
			rearm_not_pending);
	if (rearm_bad_gap)
		KT_FAIL("%u runs came at another jiffy than %d after the one "
			"before",
			rearm_bad_gap, REARM_GAP);
	KT_ASSERT(probe_kept_contract("the re-armed timer", &rearm));
}

/* --- a thousand timers ------------------------------------------------- */

#define NMANY	    1000
#define MANY_AHEAD  600 /* jiffies: tv1 and tv2 */
#define MANY_SECOND 300 /* the re-arm from fn: 300 to 339 jiffies on */
static struct probe many[NMANY];
/* times made pending, and deleted while pending (del_timer() true) */
static volatile unsigned many_armed[NMANY], many_deleted[NMANY];
static volatile unsigned long many_second[NMANY]; /* 0: not re-armed */
static unsigned long many_ahead[NMANY];
static volatile unsigned long many_latest; /* the latest expiry set */

static u32 many_rand(u32 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void note_expiry(unsigned long e)
{
	unsigned long old = READ_ONCE(many_latest);
	while (!after_eq(old, e) &&
	       !__atomic_compare_exchange_n(&many_latest, &old, e, false,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

/* The first run re-arms the timer (mod_timer() from fn), 300 to 339
 * jiffies on; later runs do nothing. */
static void many_fn(void *arg)
{
	struct probe *p = arg;
	unsigned i = (unsigned)(p - many);
	probe_ran(p);
	if (many_second[i])
		return;
	unsigned long e =
	    p->last.jiffy + MANY_SECOND + (i * 7919 + p->last.jiffy) % 40;
	note_expiry(e);
	many_second[i] = e;
	if (!mod_timer(&p->t, e))
		__atomic_fetch_add(&many_armed[i], 1, __ATOMIC_RELAXED);
}

/* On each CPU: start the timers that i % (CPUs) gives it. */
static void many_start_here(void *arg)
{
	unsigned slot = *(unsigned *)arg, n = num_online_cpus();
	for (unsigned i = slot; i < NMANY; i += n) {
		unsigned long e = (unsigned long)jiffies + many_ahead[i];
		note_expiry(e);
		many[i].cpu = (int)cpu_id();
		many_armed[i] = 1;
		add_timer(&many[i].t, e);
	}
}

/* Delete (true) or move (false) timer i from here, and count it. */
static bool many_del(unsigned i)
{
	bool was = del_timer(&many[i].t);
	if (was)
		many_deleted[i]++;
	return was;
}

static void many_move(unsigned i, u32 *seed)
{
	unsigned long e =
	    (unsigned long)jiffies + 1 + many_rand(seed) % MANY_AHEAD;
	many[i].cpu = -1; /* here now, or where its fn runs */
	note_expiry(e);
	if (!mod_timer(&many[i].t, e))
		__atomic_fetch_add(&many_armed[i], 1, __ATOMIC_RELAXED);
}

/* Wait until every expiry set so far, re-arms included, has passed on
 * every CPU. */
static bool many_wait_all(unsigned *stuck)
{
	for (unsigned long latest = 0; latest != READ_ONCE(many_latest);) {
		latest = READ_ONCE(many_latest);
		if (!wait_all_past(latest, stuck))
			return false;
	}
	return true;
}

/* Start the NMANY timers, spread over the online CPUs, at random
 * expiries; then, from here, delete a random third and move a third. */
static void many_start(u32 *seed)
{
	unsigned cpu, slot = 0;
	many_latest = (unsigned long)jiffies;
	for (unsigned i = 0; i < NMANY; i++) {
		probe_init(&many[i], many_fn, -1);
		many_armed[i] = many_deleted[i] = 0;
		many_second[i] = 0;
		many_ahead[i] = 1 + many_rand(seed) % MANY_AHEAD;
	}
	for_each_cpu(cpu, &cpu_online_mask) {
		on_cpu(cpu, many_start_here, &slot);
		slot++;
	}
	for (unsigned k = 0; k < NMANY; k++) {
		unsigned i = many_rand(seed) % NMANY;
		switch (many_rand(seed) % 3) {
		case 0:
			many_del(i);
			break;
		case 1:
			many_move(i, seed);
			break;
		}
	}
}

/* Once every first run is over: delete a random half of the timers their
 * fn re-armed (counted in *checked) and move a quarter again.  Returns
 * the first timer whose del_timer() said false though it has not run
 * again since its fn re-armed it (and stops there), or -1. */
static int many_stop_rearmed(u32 *seed, unsigned *checked)
{
	for (unsigned i = 0; i < NMANY; i++) {
		unsigned long second = READ_ONCE(many_second[i]);
		if (!second || !after_eq(second, (unsigned long)jiffies + 5) ||
		    many_rand(seed) % 4 == 0)
			continue;
		if (many_rand(seed) % 3 == 0) {
			many_move(i, seed);
			continue;
		}
		(*checked)++;
		/* fn is over when del_timer() returns: runs is final */
		if (!many_del(i) && many[i].runs == 1)
			return (int)i;
	}
	return -1;
}

/* The end of timer_thousand_random_expiries, every expiry past: no timer
 * pending, each run as often as it was made pending and not deleted, each
 * run within the contract. */
static void many_check(unsigned self, unsigned checked)
{
	unsigned total = 0, here = 0;
	for (unsigned i = 0; i < NMANY; i++) {
		struct probe *p = &many[i];
		total += p->runs;
		here += p->t.cpu == (int)self;
		if (timer_pending(&p->t))
			KT_FAIL("timer %u is still pending after its expiry "
				"(%lu) and jiffies is %llu",
				i, p->t.expires, jiffies);
		if (p->runs != many_armed[i] - many_deleted[i])
			KT_FAIL("timer %u ran %u times; it was made pending %u "
				"times and deleted %u times",
				i, p->runs, many_armed[i], many_deleted[i]);
		if (!probe_kept_contract("a timer", p)) {
			printk("  (that was timer %u)\n", i);
			return;
		}
	}
	pr_info("timer: %u timers ran %u times on %u CPUs (%u last on cpu "
		"%u, this one; %u deletions after re-arming)\n",
		NMANY, total, num_online_cpus(), here, self, checked);
}

/*
 * Expected: a thousand timers started on every CPU, 1 to 600 jiffies
 * ahead (both levels of the wheel a test can wait for, so with cascades);
 * from this CPU, in random order, a third deleted and a third moved here
 * to new random expiries.  Each fn re-arms its timer once (mod_timer()
 * from fn) 300 to 339 jiffies later.  Once every first expiry has passed,
 * del_timer() on a random half of the re-armed timers says true - unless
 * the timer ran again meanwhile - and a quarter are moved again.  Every
 * run keeps the contract (exact jiffy, first tick that found it due, on
 * the CPU it was started on unless moved), and in the end no timer is
 * pending and each ran exactly as many times as it was made pending less
 * the times del_timer() said it stopped it.  On the old code del_timer()
 * said false for timers re-armed from their fn.
 */
KTEST(timer_thousand_random_expiries)
{
	u32 seed = 2463534242u;
	unsigned self, stuck = 0, checked = 0;

	pin_here();
	self = cpu_id();
	many_start(&seed);
	/* every first run is over: the re-armed timers wait 300 jiffies */
	unsigned long first = READ_ONCE(many_latest);
	if (!wait_all_past(first, &stuck))
		goto stuck;
	int bad = many_stop_rearmed(&seed, &checked);
	if (bad >= 0) {
		unpin();
		KT_FAIL("del_timer() said timer %u was not pending, but its fn "
			"had re-armed it for jiffy %lu, and it has not run "
			"since (jiffies %llu)",
			(unsigned)bad, many_second[bad], jiffies);
	}
	if (!many_wait_all(&stuck))
		goto stuck;
	unpin();
	many_check(self, checked);
	return;
stuck:
	unpin();
	KT_FAIL("cpu %u took no timer interrupt for %llu jiffies", stuck,
		deadline());
}

/* --- beyond the first level --------------------------------------------- */

static const unsigned long far_ahead[] = {260, 300, 511, 520, 700, 1030};
#define NFAR ARRAY_SIZE(far_ahead)
static struct probe far_probes[NFAR];

static void far_fn(void *arg)
{
	probe_ran(arg);
}

/*
 * Expected: timers 260 to 1030 jiffies ahead - filed in the wheel's second
 * level, then cascaded down to the first as their time nears - each run
 * once, at exactly its expiry, on its CPU; the CPU's base counts at least
 * one cascade for each of them.
 */
KTEST(timer_far_future_fires)
{
	unsigned cpu = other_cpu();
	struct timer_stats before, after;
	unsigned long last = 0;

	timer_get_stats(cpu, &before);
	for (unsigned i = 0; i < NFAR; i++) {
		probe_init(&far_probes[i], far_fn, (int)cpu);
		last = start_probe(&far_probes[i], cpu, far_ahead[i]);
	}
	if (!wait_cpu_past(cpu, last))
		KT_FAIL("cpu %u stopped ticking", cpu);
	timer_get_stats(cpu, &after);
	for (unsigned i = 0; i < NFAR; i++) {
		if (far_probes[i].runs != 1)
			KT_FAIL("the timer %lu jiffies ahead ran %u times",
				far_ahead[i], far_probes[i].runs);
		KT_ASSERT(probe_kept_contract("a far timer", &far_probes[i]));
	}
	if (after.cascaded - before.cascaded < NFAR)
		KT_FAIL("cpu %u cascaded %lu timers; the %u far ones each "
			"needed one",
			cpu, after.cascaded - before.cascaded, (unsigned)NFAR);
}

/* --- lost ticks ---------------------------------------------------------- */

#define NLOST	   200
#define LOST_GAP   3   /* jiffies between expiries: up to 600 ahead */
#define LOST_STALL 700 /* jiffies with interrupts off */
static struct probe lost[NLOST];
static unsigned lost_order[NLOST];
static volatile unsigned lost_n;
static unsigned long lost_run_now[NLOST];

static void lost_fn(void *arg)
{
	struct probe *p = arg;
	probe_ran(p);
	if (lost_n < NLOST) {
		lost_order[lost_n] = (unsigned)(p - lost);
		lost_run_now[lost_n] = p->last.now;
	}
	lost_n++;
}

/* On the stalled CPU: start the timers in shuffled order, then miss
 * LOST_STALL jiffies of timer interrupts. */
static void lost_start_and_stall(void *arg)
{
	unsigned long *start = arg;
	static unsigned idx[NLOST];
	u32 seed = 88172645u;
	for (unsigned i = 0; i < NLOST; i++)
		idx[i] = i;
	for (unsigned i = NLOST - 1; i > 0; i--) {
		unsigned j = many_rand(&seed) % (i + 1), x = idx[i];
		idx[i] = idx[j];
		idx[j] = x;
	}
	*start = (unsigned long)jiffies;
	for (unsigned k = 0; k < NLOST; k++) {
		unsigned i = idx[k];
		add_timer(&lost[i].t, *start + 1 + LOST_GAP * i);
	}
	mdelay((u64)LOST_STALL * 1000 / (u64)params.hz);
}

/*
 * Expected: a CPU that misses 700 jiffies of timer interrupts (interrupts
 * off, as when an emulator does not run it) runs, at its next tick, every
 * timer that came due meanwhile - 200 timers 1 to 598 jiffies ahead,
 * added in shuffled order, across two cascades - in one run_timers(), in
 * order of expiry, each once and at its own jiffy.  On the old code they
 * ran in the order they were added.
 */
KTEST(timer_lost_ticks_catch_up_in_order)
{
	unsigned cpu = other_cpu();
	unsigned long start = 0;
	lost_n = 0;
	for (unsigned i = 0; i < NLOST; i++)
		probe_init(&lost[i], lost_fn, (int)cpu);
	on_cpu(cpu, lost_start_and_stall, &start);
	if (!wait_cpu_past(cpu, start + LOST_STALL))
		KT_FAIL("cpu %u stopped ticking", cpu);
	KT_EXPECT_EQ(lost_n, NLOST);
	for (unsigned k = 0; k < NLOST; k++) {
		if (lost_order[k] != k)
			KT_FAIL("run %u was timer %u (expiry %lu); in order of "
				"expiry it should have been timer %u (%lu)",
				k, lost_order[k],
				start + 1 + LOST_GAP * lost_order[k], k,
				start + 1 + LOST_GAP * k);
		if (lost_run_now[k] != lost_run_now[0])
			KT_FAIL(
			    "the timers ran in more than one run_timers() "
			    "(jiffies %lu and %lu), but all were due at the "
			    "first",
			    lost_run_now[0], lost_run_now[k]);
		if (lost[k].runs != 1)
			KT_FAIL("timer %u ran %u times", k, lost[k].runs);
		KT_ASSERT(probe_kept_contract("a timer due during the stall",
					      &lost[k]));
	}
	pr_info("timer: cpu %u caught up on %lu jiffies, %u timers\n", cpu,
		lost_run_now[0] - start, NLOST);
}

/* --- del_timer() waits for a fn running on another CPU ----------------- */

static struct probe slow;
static volatile int slow_entered, slow_done, slow_calling;
static volatile unsigned long slow_waited0, slow_rearmed_for;

/* Stays until the test has said it calls del_timer() and the base counts
 * a del_timer() waiting since: the race made certain, not likely.  (The
 * base's count alone could be moved by some other thread's del_timer() on
 * that CPU, long before the test gets there on a busy host.)  Then, with
 * del_timer() waiting for it, it re-arms itself: 200 ms ahead, so that the
 * base cannot run it again before del_timer() - which goes on the moment
 * fn returns - removes it, even when the host holds that CPU up a while.
 * (Re-armed at its start instead, it could come due during a long wait,
 * and run again: a verdict that measured the host.) */
static void slow_fn(void *arg)
{
	struct probe *p = arg;
	struct timer_stats st;
	probe_ran(p);
	slow_entered = 1;
	u64 start = jiffies;
	do {
		hal_cpu_relax();
		timer_get_stats(cpu_id(), &st);
	} while (!(slow_calling && st.waited != slow_waited0) &&
		 jiffies - start < deadline());
	slow_rearmed_for =
	    (unsigned long)jiffies + (unsigned long)params.hz / 5;
	add_timer(&p->t, slow_rearmed_for);
	slow_done = 1;
}

/*
 * Expected: del_timer() called from another CPU while the timer's fn runs
 * waits for fn to return (fn stays until the base counts the waiting
 * del_timer()), then removes the timer that fn re-armed meanwhile: it
 * returns true, the timer is not pending, and it does not run again.  On
 * one CPU there is no other CPU to call from: nothing to check.  On the
 * old code del_timer() did wait, but then said false (it took the re-armed
 * timer for an idle one) and the timer ran again.
 */
KTEST(timer_del_waits_for_running_fn)
{
	if (num_online_cpus() < 2) {
		pr_info("timer: one CPU; del_timer() from another CPU needs "
			"two\n");
		return;
	}
	pin_here();
	unsigned cpu = other_cpu();
	struct timer_stats st;
	slow_entered = slow_done = slow_calling = 0;
	probe_init(&slow, slow_fn, (int)cpu);
	start_probe(&slow, cpu, 2);
	u64 start = jiffies;
	while (!slow_entered && jiffies - start < deadline())
		hal_cpu_relax();
	if (!slow_entered) {
		unpin();
		KT_FAIL("the timer's fn did not run on cpu %u in %llu jiffies",
			cpu, deadline());
	}
	timer_get_stats(cpu, &st);
	slow_waited0 = st.waited;
	slow_calling = 1;
	bool was = del_timer(&slow.t);
	int done = slow_done;
	unpin();
	if (!done)
		KT_FAIL("del_timer() returned while the timer's fn was still "
			"running on cpu %u",
			cpu);
	if (!was)
		KT_FAIL("del_timer() said the timer was not pending, but its "
			"fn had re-armed it");
	KT_ASSERT(!timer_pending(&slow.t));
	timer_get_stats(cpu, &st);
	if (st.waited == slow_waited0)
		KT_FAIL("del_timer() never waited: fn gave up waiting for it");
	if (!wait_cpu_past(cpu, slow_rearmed_for + 2))
		KT_FAIL("cpu %u stopped ticking", cpu);
	KT_EXPECT_EQ(slow.runs, 1);
	KT_ASSERT(probe_kept_contract("the slow timer", &slow));
}

/* --- make bench: the tick's cost with 0 and 1,000 sleeping timers ------- */

#define BENCH_TIMERS  1000
#define BENCH_ROUNDS  4
#define BENCH_SAMPLES 500 /* per round and case */
static struct timer bench_timers[BENCH_TIMERS];
static u32 bench_buf[2][BENCH_ROUNDS * BENCH_SAMPLES];

static void bench_noop(void *arg)
{
	(void)arg;
}

/* 1,000 timers 1 to 11 hours ahead: sleepers, in the wheel's upper
 * levels. */
static void bench_start_here(void *arg)
{
	(void)arg;
	unsigned long now = (unsigned long)jiffies, hour = 3600UL * params.hz;
	for (unsigned i = 0; i < BENCH_TIMERS; i++) {
		timer_init(&bench_timers[i], bench_noop, NULL);
		add_timer(&bench_timers[i],
			  now + hour + i * (10 * hour / BENCH_TIMERS));
	}
}

/* Record the cycles of the next BENCH_SAMPLES run_timers() on cpu. */
static void bench_sample(unsigned cpu, u32 *buf)
{
	timer_sample_start(cpu, buf, BENCH_SAMPLES);
	while (timer_sample_count() < BENCH_SAMPLES)
		msleep(10);
}

static u32 median(u32 *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++) /* insertion sort */
		for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
			u32 x = v[j];
			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	return v[n / 2];
}

/*
 * Not in ktest=all (it takes seconds): prints `bench: ...` for make
 * bench.  The cycles of run_timers() on one CPU (the whole timer part of
 * its tick), median of 2,000 ticks with no timer there and of 2,000 with
 * 1,000 sleeping timers, measured in turns of 500 so that a slow moment
 * of the host hurts both alike.  Expected: the same - the wheel touches a
 * timer only when its slot comes round (cascaded_1000 counts those moves
 * during the measurement; 0 unless a cascade came due).  A hog keeps
 * that CPU busy: idle with no timer due, it would stop its tick (nohz)
 * and run_timers() would never run.  Not CPU 0 (-smp 1), which always
 * ticks, and where a hog would share the CPU with this test.
 */
KTEST_MANUAL(bench_timer_tick_cost)
{
	unsigned cpu = other_cpu();
	unsigned long pending = 0, cascaded = 0;
	struct timer_stats a, b;

	bool hog = cpu != 0;
	ktest_crowd_begin();
	if (hog)
		KT_ASSERT(ktest_start_hog(cpu, SCHED_NORMAL, 0, "tickhog"));
	for (unsigned r = 0; r < BENCH_ROUNDS; r++) {
		bench_sample(cpu, &bench_buf[0][r * BENCH_SAMPLES]);
		on_cpu(cpu, bench_start_here, NULL);
		timer_get_stats(cpu, &a);
		bench_sample(cpu, &bench_buf[1][r * BENCH_SAMPLES]);
		timer_get_stats(cpu, &b);
		for (unsigned i = 0; i < BENCH_TIMERS; i++)
			del_timer(&bench_timers[i]);
		pending = a.pending;
		cascaded += b.cascaded - a.cascaded;
	}
	ktest_crowd_end(hog ? 1 : 0);
	u32 none = median(bench_buf[0], BENCH_ROUNDS * BENCH_SAMPLES);
	u32 full = median(bench_buf[1], BENCH_ROUNDS * BENCH_SAMPLES);
	printk("bench: timer_tick_cycles_0=%u timer_tick_cycles_1000=%u "
	       "ratio_x100=%u pending_1000=%lu cascaded_1000=%lu\n",
	       none, full, none ? full * 100 / none : 0, pending, cascaded);
	KT_ASSERT(none > 0 && full > 0);
}

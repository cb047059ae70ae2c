/*
 * kernel/lockcheck_ktest.c - the lock validator, made to speak.
 *
 * Not in ktest=all (a report is what it provokes, and ktest=all must stay
 * silent): tools/test.sh boots it in each lockcheck= mode and reads the
 * console.
 */
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/lockcheck.h"
#include "kernel/timer.h"

static DEFINE_SPINLOCK(museum_lock);
static volatile bool irq_took_it;

/* A timer function: it runs in the timer interrupt. */
static void take_in_irq(void *arg)
{
	(void)arg;
	spin_lock(&museum_lock);
	spin_unlock(&museum_lock);
	irq_took_it = true;
}

/*
 * Expected: museum_lock, taken once in an interrupt handler (a timer's
 * function) and once by this thread with interrupts on, is reported as
 * one LOCKCHECK: line naming the class 'museum_lock', the two sites
 * (take_in_irq and this test) and a backtrace - once, however often it is
 * taken again - with lockcheck=on; lockcheck=panic stops the machine at
 * the report; lockcheck=off says nothing.
 */
KTEST_MANUAL(lockcheck_irq_unsafe_class)
{
	static struct timer t;
	unsigned long before = lockcheck_reports;
	timer_init(&t, take_in_irq, NULL);
	add_timer(&t, jiffies + 1);
	KT_ASSERT(ktest_wait_flag(&irq_took_it, 2000));
	for (int i = 0; i < 3; i++) {
		spin_lock(&museum_lock); /* interrupts on */
		spin_unlock(&museum_lock);
	}
	unsigned long want = lockcheck_mode == LOCKCHECK_OFF ? 0 : 1;
	KT_EXPECT_EQ(lockcheck_reports - before, want);
	struct lock_class *c = lock_class_of(&museum_lock);
	KT_ASSERT(c);
	if (lockcheck_mode == LOCKCHECK_OFF)
		KT_ASSERT(!c->irq_site &&
			  !c->irqs_on_site); /* learnt nothing */
	else
		KT_ASSERT(c->irq_site && c->irqs_on_site);
}

/* --- lock order -------------------------------------------------------- */

static DEFINE_SPINLOCK(museum_a);
static DEFINE_SPINLOCK(museum_b);
static DEFINE_SPINLOCK(museum_c);

/* X_then_Y(): take museum_X, then museum_Y inside it, and let go.  One
 * function each, not inlined: each is a site the report names. */
#define NEST(x, y)                                                             \
	static __noinline void x##_then_##y(void)                              \
	{                                                                      \
		spin_lock(&museum_##x);                                        \
		spin_lock(&museum_##y);                                        \
		spin_unlock(&museum_##y);                                      \
		spin_unlock(&museum_##x);                                      \
	}
NEST(a, b)
NEST(b, a)
NEST(b, c)
NEST(c, a)

/*
 * Expected: one CPU, so nothing can hang, takes museum_a then museum_b,
 * later museum_b then museum_a: with lockcheck=on that is reported as
 * "LOCKCHECK: possible ABBA deadlock: cpu 0 takes 'museum_a' while holding
 * 'museum_b'", this chain (b_then_a) and the other one (a_then_b).
 * Then a cycle of three: b -> c, c -> a closes a -> b -> c -> a, and is
 * reported with a chain of two edges.  Two reports in all; lockcheck=off
 * learns and says nothing.
 */
KTEST_MANUAL(lockcheck_abba)
{
	unsigned long before = lockcheck_reports;
	bool on = lockcheck_mode != LOCKCHECK_OFF;
	a_then_b();
	KT_EXPECT_EQ(lockcheck_reports - before, 0);
	KT_EXPECT_EQ(lockcheck_knows_order(lock_class_of(&museum_a),
					   lock_class_of(&museum_b)),
		     on);
	b_then_a();
	KT_EXPECT_EQ(lockcheck_reports - before, on ? 1 : 0);
	a_then_b(); /* known now: no second report */
	b_then_a();
	KT_EXPECT_EQ(lockcheck_reports - before, on ? 1 : 0);
	b_then_c();
	KT_EXPECT_EQ(lockcheck_reports - before, on ? 1 : 0);
	c_then_a(); /* a -> b -> c -> a */
	KT_EXPECT_EQ(lockcheck_reports - before, on ? 2 : 0);
}

/* --- make bench: what the validator adds to a lock and unlock ---------- */

static DEFINE_SPINLOCK(bench_lock);
static DEFINE_SPINLOCK(bench_outer);

/* Cycles (instructions under -icount) per spin_lock + spin_unlock pair,
 * interrupts off as a runqueue lock is taken, the median of 9 rounds;
 * `nested`: while holding bench_outer, so that the order check looks at
 * one held lock (a known pair: one bit test). */
static u64 pair_cost(enum lockcheck_mode mode, bool nested)
{
	const unsigned pairs = 10000;
	u64 round[9];
	enum lockcheck_mode saved = lockcheck_mode;
	lockcheck_mode = mode;
	for (int r = 0; r < 9; r++) {
		irqflags_t f = hal_irq_save();
		if (nested)
			spin_lock(&bench_outer);
		u64 t0 = hal_cycles();
		for (unsigned i = 0; i < pairs; i++) {
			spin_lock(&bench_lock);
			spin_unlock(&bench_lock);
		}
		round[r] = (hal_cycles() - t0) / pairs;
		if (nested)
			spin_unlock(&bench_outer);
		hal_irq_restore(f);
	}
	lockcheck_mode = saved;
	for (int i = 1; i < 9; i++) /* insertion sort: 9 values */
		for (int j = i; j > 0 && round[j] < round[j - 1]; j--) {
			u64 t = round[j];
			round[j] = round[j - 1];
			round[j - 1] = t;
		}
	return round[4];
}

/* Not in ktest=all: prints `bench: ...` for make bench.  Expected: the
 * validator adds a few dozen instructions to a lock/unlock pair (a class
 * lookup cached in the lock, two tests and a branch), a few more per lock
 * already held (one bit test in the order graph), nothing when off. */
KTEST_MANUAL(bench_lock_cost)
{
	u64 off = pair_cost(LOCKCHECK_OFF, false),
	    on = pair_cost(LOCKCHECK_ON, false);
	u64 noff = pair_cost(LOCKCHECK_OFF, true),
	    non = pair_cost(LOCKCHECK_ON, true);
	printk("bench: lock_pair_cycles_off=%llu lock_pair_cycles_on=%llu "
	       "lockcheck_added=%lld nested_cycles_off=%llu "
	       "nested_cycles_on=%llu nested_added=%lld\n",
	       off, on, (long long)(on - off), noff, non,
	       (long long)(non - noff));
	KT_ASSERT(off > 0 && on > 0 && noff > 0 && non > 0);
}

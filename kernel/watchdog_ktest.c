/*
 * kernel/watchdog_ktest.c - make each kind of lockup happen, for real.
 *
 * Not in ktest=all (a report is what they provoke): tools/test.sh boots
 * each with `watchdog=2`, reads the WATCHDOG: report on the console, and
 * checks that the machine stops (watchdog_panic=1) or goes on
 * (watchdog_panic=0).  Going on, the test ends the lockup itself once the
 * report is out, and checks that it was made exactly once.
 */
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/spinlock.h"
#include "kernel/watchdog.h"

static DEFINE_SPINLOCK(stuck_lock);

/* Wait (bounded) for the watchdog to have reported since `before`. */
static bool wait_report(unsigned long before)
{
	unsigned long t0 = jiffies,
		      limit = (unsigned long)params.hz *
			      (3 * (unsigned long)params.watchdog + 5);
	while (watchdog_reports == before) {
		if (jiffies - t0 > limit)
			return false;
		msleep(10);
	}
	return true;
}

/* Takes stuck_lock and spins with interrupts off until released. */
static void hold_irqs_off(void *arg)
{
	(void)arg;
	irqflags_t f = hal_irq_save();
	spin_lock(&stuck_lock);
	while (!READ_ONCE(ktest_crowd.stop))
		hal_cpu_relax();
	spin_unlock(&stuck_lock);
	hal_irq_restore(f);
	complete(&ktest_crowd.done);
}

/* Waits for stuck_lock with interrupts off. */
static void want_irqs_off(void *arg)
{
	(void)arg;
	while (!spin_is_locked(&stuck_lock))
		msleep(1);
	irqflags_t f = hal_irq_save();
	spin_lock(&stuck_lock);
	spin_unlock(&stuck_lock);
	hal_irq_restore(f);
	complete(&ktest_crowd.done);
}

/*
 * Expected (watchdog=2, at least 3 CPUs; H and W the two highest):
 *   WATCHDOG: hard lockup on cpus W,H (no timer tick for 2 s)
 * and for each: where it is (hold_irqs_off, or spin_wait from
 * want_irqs_off), "cpu H holds 1 lock: 'stuck_lock', taken at
 * hold_irqs_off+..." and "cpu W spins on 'stuck_lock' ... held by cpu H,
 * taken at hold_irqs_off+...".  One report.
 */
KTEST_MANUAL(watchdog_hard_lockup)
{
	if (!ktest_needs_cpus(3))
		return;
	unsigned long before = watchdog_reports;
	ktest_crowd_begin();
	ktest_start_on(hold_irqs_off, NULL, ktest_cpu_from_top(0), "wd-holder");
	ktest_start_on(want_irqs_off, NULL, ktest_cpu_from_top(1), "wd-waiter");
	bool reported = wait_report(before);
	ktest_crowd_end(2);
	KT_ASSERT(reported);
	msleep(1500); /* a second look must find nothing more */
	KT_EXPECT_EQ(watchdog_reports - before, 1);
}

/* Spins with preemption off and interrupts on: ticks come, schedule()
 * never does. */
static void spin_preempt_off(void *arg)
{
	(void)arg;
	preempt_disable();
	while (!READ_ONCE(ktest_crowd.stop))
		hal_cpu_relax();
	preempt_enable();
	complete(&ktest_crowd.done);
}

/* Expected: "WATCHDOG: soft lockup on cpu H (has not scheduled for 2 s)",
 * H at spin_preempt_off; one report. */
KTEST_MANUAL(watchdog_soft_lockup)
{
	if (!ktest_needs_cpus(2))
		return;
	unsigned long before = watchdog_reports;
	ktest_crowd_begin();
	ktest_start_on(spin_preempt_off, NULL, ktest_cpu_from_top(0),
		       "wd-spinner");
	bool reported = wait_report(before);
	ktest_crowd_end(1);
	KT_ASSERT(reported);
	msleep(1500);
	KT_EXPECT_EQ(watchdog_reports - before, 1);
}

static struct completion never;

/* Sleeps in TASK_UNINTERRUPTIBLE until the test completes `never`. */
static void sleep_forever(void *arg)
{
	(void)arg;
	wait_for_completion(&never);
	complete(&ktest_crowd.done);
}

/* Expected: "WATCHDOG: hung task 'wd-sleeper' (pid P) asleep for 4 s on
 * cpu H" and its wait site (wait_for_completion from sleep_forever), after
 * 2 x watchdog seconds; one report. */
KTEST_MANUAL(watchdog_hung_task)
{
	unsigned long before = watchdog_reports;
	init_completion(&never);
	ktest_crowd_begin();
	ktest_start_on(sleep_forever, NULL, ktest_cpu_from_top(0),
		       "wd-sleeper");
	bool reported = wait_report(before);
	complete(&never);
	ktest_crowd_end(1);
	KT_ASSERT(reported);
	msleep(1500);
	KT_EXPECT_EQ(watchdog_reports - before, 1);
}

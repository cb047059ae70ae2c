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

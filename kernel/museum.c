/*
 * kernel/museum.c - the bug museum (museum.h): the list of exhibits, and
 * the threads that make each bug happen.
 *
 * Two exhibits live in the scheduler itself, where the bug was:
 * migrate_one() (migration-irq), double_rq_lock() (rq-order) and
 * migration_init() (migration-init-balancer) each test museum_on().  Here
 * are the storms that make those collide quickly, and the two exhibits
 * that need no scheduler change (abba, lost-wakeup).
 */
#include "kernel/museum.h"
#include "kernel/ktest_util.h"
#include "kernel/lockcheck.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/spinlock.h"
#include "lib/string.h"

enum museum_bug museum_bug = BUG_NONE;

static void storm_start(void);
static void abba_start(void);
static void lost_wakeup_start(void);

struct exhibit {
	const char *name;
	enum museum_bug bug;
	const char *title;
	void (*start)(void); /* after boot; NULL: the bug acts at boot */
};

static const struct exhibit exhibits[] = {
    {"migration-irq", BUG_MIGRATION_IRQ,
     "Linux 2.5.8: the migration thread takes two runqueue locks with "
     "interrupts on (Erich Focht, April 2002)",
     storm_start},
    {"migration-init-balancer", BUG_MIGRATION_INIT_BALANCER,
     "Linux 2.5.8: the migration threads wait for the load balancer to "
     "carry them home (try it with noloadbalance)",
     NULL},
    {"abba", BUG_ABBA, "two locks taken in opposite orders on two CPUs",
     abba_start},
    {"lost-wakeup", BUG_LOST_WAKEUP,
     "a waiter tests its condition before it sets its state",
     lost_wakeup_start},
    {"rq-order", BUG_RQ_ORDER,
     "two runqueue locks taken own CPU first, not lower CPU first",
     storm_start},
};

static const struct exhibit *on_show;

static void list_exhibits(void)
{
	pr_info("bug: the exhibits of the bug museum (docs/museum.md):\n");
	for (size_t i = 0; i < ARRAY_SIZE(exhibits); i++)
		pr_info("bug:   %-24s %s\n", exhibits[i].name,
			exhibits[i].title);
	pr_info("bug: boot with bug=NAME to switch one on\n");
}

void museum_init(void)
{
	const char *want = params.bug;
	if (!want[0])
		return;
	if (!strcmp(want, "list")) {
		list_exhibits();
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(exhibits); i++) {
		if (strcmp(want, exhibits[i].name))
			continue;
		on_show = &exhibits[i];
		museum_bug = on_show->bug;
		pr_warn("bug: exhibit '%s' is on: %s\n", on_show->name,
			on_show->title);
		return;
	}
	pr_err("bug=%s: no such exhibit (bug=list names them); booting "
	       "without one\n",
	       want);
}

void museum_start(void)
{
	if (on_show && on_show->start)
		on_show->start();
}

static struct task *start_thread(void (*fn)(void *), void *arg, unsigned cpu,
				 const char *name)
{
	struct task *t = ktest_start_on(fn, arg, cpu, name);
	if (!t)
		pr_err("bug: no memory for the exhibit's thread %s\n", name);
	return t;
}

static bool needs_cpus(unsigned n)
{
	if (num_online_cpus() >= n)
		return true;
	pr_err("bug: exhibit '%s' needs %u CPUs; this machine has %u\n",
	       on_show->name, n, num_online_cpus());
	return false;
}

/* ------------------------------------------------------------------------
 * The migration storm (migration-irq, rq-order)
 *
 * Two threads per pair of CPUs (0 and 1, 2 and 3, ...) move back and forth
 * between the two with set_cpus_allowed(), in opposite phase: while one
 * asks to go from CPU a to b, the other asks to go from b to a.  Each
 * request is served by the migration thread of the CPU the task is on, in
 * migrate_one() with both runqueue locks held.  So thousands of times a
 * second a migration thread holds two runqueue locks (with interrupts on,
 * under migration-irq: the timer tick soon lands in that moment), and the
 * two of a pair take the same two locks at the same time (in opposite
 * orders, under rq-order).
 */

static void storm_thread(void *arg)
{
	unsigned long pair = (unsigned long)arg;
	unsigned a = (unsigned)(pair >> 16), b = (unsigned)(pair & 0xffff);
	cpumask_t to_b = cpumask_of(b), to_a = cpumask_of(a);
	for (;;) {
		set_cpus_allowed(current, &to_b);
		set_cpus_allowed(current, &to_a);
	}
}

static void storm_start(void)
{
	unsigned started = 0;
	if (!needs_cpus(2))
		return;
	for (unsigned a = 0; a + 1 < NR_CPUS; a += 2) {
		unsigned b = a + 1;
		if (!cpumask_test_cpu(a, &cpu_online_mask) ||
		    !cpumask_test_cpu(b, &cpu_online_mask))
			continue;
		start_thread(storm_thread, (void *)(unsigned long)(a << 16 | b),
			     a, "storm");
		start_thread(storm_thread, (void *)(unsigned long)(b << 16 | a),
			     b, "storm");
		started += 2;
	}
	pr_info("bug: migration storm: %u threads moving back and forth "
		"between pairs of CPUs\n",
		started);
}

/* ------------------------------------------------------------------------
 * abba: one thread takes A then B, another B then A.
 *
 * With the validator on, the two run one after the other, so nothing can
 * hang - and the validator reports the second order all the same.  With
 * lockcheck=off nothing would be said, so the two are made to collide:
 * each takes its first lock and waits until the other has its own, then
 * asks for the second.  Interrupts off, as for most kernel locks: two hard
 * lockups for the watchdog.
 */

static DEFINE_SPINLOCK(exhibit_a);
static DEFINE_SPINLOCK(exhibit_b);
static volatile bool first_done, left_holds, right_holds;

static __noinline void abba_left(void *arg)
{
	(void)arg;
	bool collide = lockcheck_mode == LOCKCHECK_OFF;
	irqflags_t f = spin_lock_irqsave(&exhibit_a);
	WRITE_ONCE(left_holds, true);
	while (collide && !READ_ONCE(right_holds))
		hal_cpu_relax();
	spin_lock(&exhibit_b);
	spin_unlock(&exhibit_b);
	spin_unlock_irqrestore(&exhibit_a, f);
	WRITE_ONCE(first_done, true);
	pr_info("bug: abba: %s took exhibit_a, then exhibit_b\n",
		current->name);
}

static __noinline void abba_right(void *arg)
{
	(void)arg;
	bool collide = lockcheck_mode == LOCKCHECK_OFF;
	while (!collide && !READ_ONCE(first_done))
		msleep(1);
	irqflags_t f = spin_lock_irqsave(&exhibit_b);
	WRITE_ONCE(right_holds, true);
	while (collide && !READ_ONCE(left_holds))
		hal_cpu_relax();
	spin_lock(&exhibit_a);
	spin_unlock(&exhibit_a);
	spin_unlock_irqrestore(&exhibit_b, f);
	pr_info("bug: abba: %s took exhibit_b, then exhibit_a; nothing hung "
		"this time\n",
		current->name);
}

static void abba_start(void)
{
	if (!needs_cpus(2))
		return;
	start_thread(abba_left, NULL, ktest_cpu_from_top(0), "abba-left");
	start_thread(abba_right, NULL, ktest_cpu_from_top(1), "abba-right");
}

/* ------------------------------------------------------------------------
 * lost-wakeup: the classic race of sleeping on a condition.
 *
 * Right: set the state to sleeping, then test the condition, then
 * schedule() - a wake-up that comes after the test finds the task asleep
 * (or about to be) and makes it runnable again.  Wrong, as here: test the
 * condition, then set the state.  A wake-up that comes between the two
 * finds the task still running and does nothing; the task then goes to
 * sleep for good.  The exhibit makes the waker come in exactly that
 * moment (the waiter says when it is there and waits for the wake-up to
 * be over), so it happens every time, not once a month.
 */

static volatile bool data_ready, in_window, woken;
static struct task *waiter;

static __noinline void lost_wakeup_waiter(void *arg)
{
	(void)arg;
	while (!READ_ONCE(data_ready)) {
		/* the window: the condition was false a moment ago */
		WRITE_ONCE(in_window, true);
		while (!READ_ONCE(woken))
			hal_cpu_relax();
		current->state = TASK_UNINTERRUPTIBLE; /* too late */
		schedule();
	}
	pr_info("bug: lost-wakeup: the waiter woke (it should not have)\n");
}

static __noinline void lost_wakeup_waker(void *arg)
{
	(void)arg;
	while (!READ_ONCE(in_window))
		msleep(1);
	WRITE_ONCE(data_ready, true);
	bool did = wake_up_process(waiter);
	WRITE_ONCE(woken, true);
	pr_info("bug: lost-wakeup: data ready, waiter woken (wake_up_process "
		"found it %s)\n",
		did ? "asleep" : "still running: the wake-up is lost");
}

static void lost_wakeup_start(void)
{
	if (!needs_cpus(2))
		return;
	waiter = start_thread(lost_wakeup_waiter, NULL, ktest_cpu_from_top(0),
			      "lost-waiter");
	if (waiter)
		start_thread(lost_wakeup_waker, NULL, ktest_cpu_from_top(1),
			     "lost-waker");
}

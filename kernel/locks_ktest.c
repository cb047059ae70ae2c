/*
 * kernel/locks_ktest.c - the monitor's `locks` report (monitor_locks.h),
 * on a real hold and wait, and on the deadlock of 2002 written by hand.
 *
 * locks_held_and_waiting is manual: it stops the timer tick on two CPUs
 * for a moment and prints its report to the console, where tools/test.sh
 * (boot/monitor-locks-report) checks the lines too.  The monitor itself
 * cannot make a lock stay held; this test can.
 */
#include "kernel/ksyms.h"
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/monitor_locks.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

/* Does `s` match `pat`, where '*' in pat stands for any run of
 * characters?  (Offsets and sizes in "f+0x1a/0x40" vary by build.) */
static bool like(const char *s, const char *pat)
{
	if (*pat == '*')
		return like(s, pat + 1) || (*s && like(s + 1, pat));
	if (!*pat)
		return !*s;
	return *s == *pat && like(s + 1, pat + 1);
}

#define KT_EXPECT_LIKE(s, pat)                                                 \
	do {                                                                   \
		const char *s_ = (s), *p_ = (pat);                             \
		if (!like(s_, p_))                                             \
			KT_FAIL("got \"%s\", expected \"%s\"", s_, p_);        \
	} while (0)

/* The report's lines, collected for checking and printed as they come. */
#define LINES_MAX 8
struct lines {
	bool print; /* to the console too */
	int n;
	char line[LINES_MAX][320];
};

static void collect(const char *line, void *arg)
{
	struct lines *l = arg;
	if (l->print)
		printk("%s\n", line);
	if (l->n < LINES_MAX)
		strlcpy(l->line[l->n], line, sizeof(l->line[0]));
	l->n++;
}

static DEFINE_SPINLOCK(locks_outer);
static spinlock_t locks_pair[2];
static volatile bool holding;

/* On cpu H: takes locks_outer, then locks_pair #1, and keeps both (and
 * interrupts off, so that no timer tick adds a lock of its own to the
 * record while the test reads it) until the test ends. */
static void locks_holder(void *arg)
{
	(void)arg;
	irqflags_t f = hal_irq_save();
	spin_lock(&locks_outer);
	spin_lock(&locks_pair[1]);
	WRITE_ONCE(holding, true);
	while (!READ_ONCE(ktest_crowd.stop))
		hal_cpu_relax();
	spin_unlock(&locks_pair[1]);
	spin_unlock(&locks_outer);
	hal_irq_restore(f);
	complete(&ktest_crowd.done);
}

/* On cpu W: once H holds them, waits for locks_pair #1 (interrupts off,
 * for the same reason). */
static void locks_waiter(void *arg)
{
	(void)arg;
	ktest_wait_flag(&holding, 10 * (unsigned long)params.hz);
	irqflags_t f = hal_irq_save();
	spin_lock(&locks_pair[1]);
	spin_unlock(&locks_pair[1]);
	hal_irq_restore(f);
	complete(&ktest_crowd.done);
}

/* Wait (bounded) until `cpu` spins on `lock`. */
static bool wait_spinning(unsigned cpu, spinlock_t *lock)
{
	unsigned long t0 = jiffies;
	while (READ_ONCE(spin_held[cpu].waiting_on) != lock) {
		if (jiffies - t0 > 10 * (unsigned long)params.hz)
			return false;
		msleep(1);
	}
	return true;
}

/*
 * Expected (H and W the two highest CPUs, W = H - 1), printed on the
 * console, CPU by CPU:
 *   cpu W waits for 'locks_pair' #1 for N ms (wanted at
 *     locks_waiter+0x../0x..), held by cpu H (taken at locks_holder+..)
 *   cpu H holds 'locks_outer' (taken at locks_holder+0x../0x..)
 *   cpu H holds 'locks_pair' #1 (taken at locks_holder+0x../0x..)
 *   1 CPU holds 2 locks, 1 waits
 * and for the CPU that reports, "no CPU holds a lock".
 */
KTEST_MANUAL(locks_held_and_waiting)
{
	if (!ktest_needs_cpus(3))
		return;
	unsigned h = ktest_cpu_from_top(0), w = ktest_cpu_from_top(1);
	cpumask_t both = cpumask_of(h);
	cpumask_set_cpu(w, &both);
	static struct lines got = {.print = true}; /* not on the stack */
	char want[LINES_MAX][200];

	for (u32 i = 0; i < 2; i++)
		spin_lock_init_ordered(&locks_pair[i], "locks_pair", i,
				       "lower number first");
	holding = false;
	ktest_crowd_begin();
	ktest_start_on(locks_holder, NULL, h, "locks-holder");
	ktest_start_on(locks_waiter, NULL, w, "locks-waiter");
	bool spinning = wait_spinning(w, &locks_pair[1]);
	got.n = 0;
	if (spinning)
		locks_report(&both, collect, &got);
	ktest_crowd_end(2);
	KT_ASSERT(spinning);

	/* CPU by CPU, and W < H */
	snprintf(want[0], sizeof(want[0]),
		 "cpu %u waits for 'locks_pair' #1 for * ms (wanted at "
		 "locks_waiter+0x*/0x*), held by cpu %u (taken at "
		 "locks_holder+0x*/0x*)",
		 w, h);
	snprintf(want[1], sizeof(want[1]),
		 "cpu %u holds 'locks_outer' (taken at locks_holder+0x*/0x*)",
		 h);
	snprintf(want[2], sizeof(want[2]),
		 "cpu %u holds 'locks_pair' #1 (taken at locks_holder+0x*/0x*)",
		 h);
	strlcpy(want[3], "1 CPU holds 2 locks, 1 waits", sizeof(want[3]));
	KT_EXPECT_EQ(got.n, 4);
	for (int i = 0; i < 4; i++)
		KT_EXPECT_LIKE(got.line[i], want[i]);

	/* This CPU holds none while it reports (H and W, running again,
	 * might be taking a runqueue lock in a timer tick just then). */
	cpumask_t me = cpumask_of(cpu_id());
	got.n = 0;
	locks_report(&me, collect, &got);
	KT_EXPECT_EQ(got.n, 1);
	KT_EXPECT_STR(got.line[0], "no CPU holds a lock");
}

/*
 * The deadlock of 2002, as a record would show it: cpu 2 holds runqueue
 * #2 (taken in migrate_one()), and an interrupt on it (scheduler_tick())
 * waits for that very lock.  Nothing is locked: the record and the lock
 * are made up, on the stack, and only formatted.
 */
KTEST(locks_report_names_a_self_deadlock)
{
	u64 held_at = ksym_address("migrate_one"),
	    want_at = ksym_address("scheduler_tick");
	KT_ASSERT(held_at && want_at);
	spinlock_t rq;
	spin_lock_init_ordered(&rq, "runqueue", 2, "lower CPU first");
	rq.holder_cpu = 2;
	rq.holder_pc = (const void *)(held_at + 4);
	struct locks_view v = {
	    .depth = 1,
	    .held = {{&rq, (const void *)(held_at + 4), false}},
	    .waiting_on = &rq,
	    .waiting_pc = (const void *)(want_at + 8),
	    .waiting_since = 1000,
	    .in_irq = true,
	};
	struct locks_count n = {0, 0, 0};
	static struct lines got;
	got.n = 0;
	locks_cpu_lines(2, &v, 1000 + 1500 * hal_cycles_per_ms(), collect, &got,
			&n);
	KT_EXPECT_EQ(got.n, 2);
	KT_EXPECT_LIKE(got.line[0], "cpu 2 holds 'runqueue' #2 (taken at "
				    "migrate_one+0x4/0x*)");
	KT_EXPECT_LIKE(got.line[1],
		       "cpu 2 waits for 'runqueue' #2 for 1500 ms (wanted at "
		       "scheduler_tick+0x8/0x*), held by cpu 2 itself (taken "
		       "at migrate_one+0x4/0x*): an interrupt came while it "
		       "held it");
	char sum[80];
	locks_summary(&n, sum, sizeof(sum));
	KT_EXPECT_STR(sum, "1 CPU holds 1 lock, 1 waits");

	/* the same without an interrupt: plain recursion */
	v.in_irq = false;
	got.n = 0;
	locks_cpu_lines(2, &v, 1000, collect, &got, &n);
	KT_EXPECT_LIKE(got.line[1], "cpu 2 waits for 'runqueue' #2 for 0 ms "
				    "*: it asks again for a lock it holds");
	locks_summary(&n, sum, sizeof(sum));
	KT_EXPECT_STR(sum, "2 CPUs hold 2 locks, 2 wait");
	n = (struct locks_count){0, 0, 1};
	locks_summary(&n, sum, sizeof(sum));
	KT_EXPECT_STR(sum, "no CPU holds a lock, 1 waits");
}

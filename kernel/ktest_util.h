/*
 * kernel/ktest_util.h - small helpers shared by the scheduler's ktests.
 *
 * Tests that need a CPU of their own take them from the top of the online
 * CPUs down (ktest_cpu_from_top), away from CPU 0, where init and the test
 * runner itself live.  Waits are bounded by ticks of `jiffies`, never by
 * hoping: a test that waits for something that never happens must say so
 * and end, not hang the run.
 */
#ifndef TERN_KERNEL_KTEST_UTIL_H
#define TERN_KERNEL_KTEST_UTIL_H

#include "kernel/hog.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/wait.h"

/* The k-th online CPU counted from the highest (k = 0: the highest). */
static inline unsigned ktest_cpu_from_top(unsigned k)
{
	unsigned cpu, n = num_online_cpus(), i = 0;
	for_each_cpu(cpu, &cpu_online_mask)
		if (i++ == n - 1 - k)
			return cpu;
	return 0;
}

/* A test that needs `n` CPUs is not run on fewer (ktest_skip(): it says
 * so in a SKIP line, and counts as neither passed nor failed); the same
 * test runs at -smp 8 and 32 in make test. */
static inline bool ktest_needs_cpus(unsigned n)
{
	if (num_online_cpus() >= n)
		return true;
	ktest_skip("needs %u CPUs, this machine has %u: nothing to check", n,
		   num_online_cpus());
	return false;
}

/* A thread that will run only on `cpu`, not yet started. */
static inline struct task *ktest_thread_on(void (*fn)(void *), void *arg,
					   unsigned cpu, const char *name)
{
	struct task *t = kthread_create(fn, arg, "%s", name);
	if (t)
		kthread_bind(t, cpu);
	return t;
}

/* The same, woken: it starts at once.  NULL if it could not be created. */
static inline struct task *ktest_start_on(void (*fn)(void *), void *arg,
					  unsigned cpu, const char *name)
{
	struct task *t = ktest_thread_on(fn, arg, cpu, name);
	if (t)
		wake_up_process(t);
	return t;
}

/* Poll *flag (msleep(1) between looks) until it is true or `ticks` of
 * jiffies have passed; returns whether it came true. */
static inline bool ktest_wait_flag(volatile bool *flag, unsigned long ticks)
{
	unsigned long t0 = jiffies;
	while (!READ_ONCE(*flag)) {
		if (jiffies - t0 > ticks)
			return false;
		msleep(1);
	}
	return true;
}

/*
 * The crowd (kernel/hog.h): threads a test starts and stops together.
 * Each runs until ktest_crowd.stop, then completes ktest_crowd.done once
 * and ends; ktest_crowd_end(n) stops them and waits for n of them.  One
 * test runs at a time, so one crowd serves them all.  A test reads what
 * it needs of its threads before ktest_crowd_end(): after it, they may be
 * gone.  Its spinning members are cpu_hog(&ktest_crowd).
 */
extern struct hog_crowd ktest_crowd;

static inline void ktest_crowd_begin(void)
{
	hog_crowd_begin(&ktest_crowd);
}

static inline void ktest_crowd_end(unsigned n)
{
	hog_crowd_end(&ktest_crowd, n);
}

/* Start a cpu_hog() of the crowd bound to `cpu`, SCHED_NORMAL or
 * real-time (policy, rt as for sched_setscheduler()); NULL if no thread
 * could be created. */
struct task *ktest_start_hog(unsigned cpu, int policy, int rt,
			     const char *name);

/* For checker tests: an empty runqueue of CPU `cpu` that belongs to no
 * CPU (its curr and idle are that CPU's idle task), and a task of that CPU
 * at `prio`, allowed there only, on no list. */
void ktest_fake_rq(struct runqueue *rq, unsigned cpu);
void ktest_fake_task(struct task *t, const char *name, unsigned cpu, int prio);

#endif

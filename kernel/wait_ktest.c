/*
 * kernel/wait_ktest.c - wait queues and completions, tested on the booted
 * kernel.
 *
 * How a race is made to happen every time: the waiters and a "waker" thread
 * are all bound to one CPU, and the waker is SCHED_FIFO.  Once it runs,
 * nothing else runs on that CPU until it ends (it never blocks), so every
 * wake-up it makes lands before any woken waiter gets to run, and the
 * waiters' states it looks at cannot change under it.
 *
 * A waiter that never comes back is noticed by a bounded wait (a few
 * seconds counted in jiffies, far more than a right answer ever needs)
 * and reported in words; the test then lets every waiter go, so that the
 * run never hangs and the next test starts on a quiet machine.
 */
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/wait.h"

/* Report a failure (ktest.h) from a helper, which then returns false. */
#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			ktest_fail(__FILE__, __LINE__, __VA_ARGS__);           \
			return false;                                          \
		}                                                              \
	} while (0)

/* The highest-numbered online CPU: away from CPU 0, where the tests run,
 * when there is more than one. */
static unsigned test_cpu(void)
{
	unsigned cpu, last = 0;
	for_each_cpu(cpu, &cpu_online_mask)
		last = cpu;
	return last;
}

/* How long a bounded wait waits: 2 s of ticks.  Reached only when
 * something that should happen never does. */
static unsigned long bound_ticks(void)
{
	return 2 * (unsigned long)params.hz;
}

static void count_up(volatile unsigned *n)
{
	__atomic_fetch_add(n, 1, __ATOMIC_SEQ_CST);
}

/* Sleep a tick at a time until *n reaches `want`; false if it never did. */
static bool wait_count(volatile unsigned *n, unsigned want)
{
	unsigned long start = jiffies;
	while (READ_ONCE(*n) < want) {
		if (jiffies - start > bound_ticks())
			return false;
		schedule_timeout(1);
	}
	return true;
}

/* Entries on wq now. */
static unsigned wq_len(struct wait_queue_head *wq)
{
	unsigned n = 0;
	struct list_head *pos;
	irqflags_t flags = spin_lock_irqsave(&wq->lock);
	list_for_each(pos, &wq->waiters)
		n++;
	spin_unlock_irqrestore(&wq->lock, flags);
	return n;
}

/* Asleep: marked so, and off its runqueue (switched out for good). */
static bool asleep(struct task *t)
{
	return READ_ONCE(t->state) == TASK_UNINTERRUPTIBLE &&
	       READ_ONCE(t->array) == NULL;
}

/* Wait until wq holds `n` entries and task t is asleep. */
static bool wait_queued(struct wait_queue_head *wq, unsigned n, struct task *t)
{
	unsigned long start = jiffies;
	while (wq_len(wq) != n || !asleep(t)) {
		if (jiffies - start > bound_ticks())
			return false;
		schedule_timeout(1);
	}
	return true;
}

/* A thread that will run fn on `cpu`, bound there. */
static struct task *bound_thread(void (*fn)(void *), void *arg, unsigned cpu,
				 const char *name)
{
	struct task *t = kthread_create(fn, arg, "%s", name);
	kthread_bind(t, cpu);
	return t;
}

/* --- the waker ---------------------------------------------------------- */

static void (*waker_fn)(void);
static volatile unsigned waker_done;

static void waker(void *arg)
{
	(void)arg;
	waker_fn();
	count_up(&waker_done);
}

/* Run fn in a SCHED_FIFO thread bound to `cpu` (see the top of the file)
 * and wait until it has returned. */
static bool run_waker(unsigned cpu, void (*fn)(void))
{
	waker_fn = fn;
	waker_done = 0;
	struct task *t = bound_thread(waker, NULL, cpu, "waker");
	CHECK(sched_setscheduler(t, SCHED_FIFO, 50) == 0,
	      "could not make the waker SCHED_FIFO");
	wake_up_process(t);
	CHECK(wait_count(&waker_done, 1), "the waker thread never finished");
	return true;
}

/* --- complete(): two waiters, two wake-ups ---------------------------- */

static struct completion two_c;
static volatile unsigned two_back; /* waiters that returned */

static void two_waiter(void *arg)
{
	(void)arg;
	wait_for_completion(&two_c);
	count_up(&two_back);
}

static void complete_twice(void)
{
	complete(&two_c);
	complete(&two_c);
}

static bool two_completes(unsigned cpu)
{
	for (unsigned i = 0; i < 2; i++) {
		struct task *w = bound_thread(two_waiter, NULL, cpu, "waiter");
		wake_up_process(w);
		CHECK(wait_queued(&two_c.wait, i + 1, w),
		      "waiter %u never went to sleep on the completion", i);
	}
	if (!run_waker(cpu, complete_twice))
		return false;
	if (!wait_count(&two_back, 2)) {
		unsigned back = two_back, done = two_c.done;
		CHECK(false,
		      "after two complete() calls only %u of 2 waiters "
		      "returned, and done is %u: both wake-ups went to the "
		      "same waiter and the other sleeps on",
		      back, done);
	}
	CHECK(two_c.done == 0, "done is %u after two waiters took one each",
	      two_c.done);
	return true;
}

/*
 * Expected: two waiters asleep on one completion, then two complete()
 * calls made before either waiter can run (the waker is SCHED_FIFO on the
 * waiters' CPU): both waiters return, and done is back to 0.  (The first
 * complete() used to wake the first waiter and leave it on the queue until
 * it ran, so the second woke it again and the other waiter slept forever
 * with done == 1.)
 */
KTEST(completion_two_completes_wake_two_waiters)
{
	init_completion(&two_c);
	two_back = 0;
	two_completes(test_cpu());
	complete_all(&two_c); /* whatever happened, let them all go */
	wait_count(&two_back, 2);
}


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

/* --- exclusive waits ---------------------------------------------------- */

/* Take one token if there is one: a condition that one event makes true
 * for one waiter only. */
static bool take_token(volatile unsigned *tokens)
{
	unsigned t = READ_ONCE(*tokens);
	while (t)
		if (__atomic_compare_exchange_n(tokens, &t, t - 1, false,
						__ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return true;
	return false;
}

static void give_tokens(volatile unsigned *tokens, unsigned n)
{
	__atomic_fetch_add(tokens, n, __ATOMIC_SEQ_CST);
}

#define NR_EX 4

static struct wait_queue_head ex_wq;
static volatile unsigned ex_tokens, ex_ran;
static struct task *ex_task[NR_EX];
/* what the waker saw right after its wake-up(s), before anyone ran */
static unsigned ex_woken, ex_queued;
static bool ex_first_woken;

static void ex_waiter(void *arg)
{
	(void)arg;
	wait_event_exclusive(ex_wq, take_token(&ex_tokens));
	count_up(&ex_ran);
}

/* Waiters of tasks[0..n) that are runnable: on the waker's CPU nothing
 * else has run since its wake-ups, so these are the ones it woke. */
static unsigned count_runnable(struct task **tasks, unsigned n)
{
	unsigned woken = 0;
	for (unsigned i = 0; i < n; i++)
		woken += tasks[i]->state == TASK_RUNNING;
	return woken;
}

static void ex_wake_one(void)
{
	give_tokens(&ex_tokens, 1);
	wake_up(&ex_wq);
	ex_woken = count_runnable(ex_task, NR_EX);
	ex_first_woken = ex_task[0]->state == TASK_RUNNING;
	ex_queued = wq_len(&ex_wq);
}

static void ex_wake_rest(void)
{
	give_tokens(&ex_tokens, NR_EX - 1);
	for (unsigned i = 1; i < NR_EX; i++)
		wake_up(&ex_wq);
}

static bool exclusive_one_by_one(unsigned cpu)
{
	for (unsigned i = 0; i < NR_EX; i++) {
		ex_task[i] = bound_thread(ex_waiter, NULL, cpu, "ex-waiter");
		wake_up_process(ex_task[i]);
		CHECK(wait_queued(&ex_wq, i + 1, ex_task[i]),
		      "exclusive waiter %u never went to sleep", i);
	}
	if (!run_waker(cpu, ex_wake_one))
		return false;
	CHECK(ex_woken == 1,
	      "one wake_up() made %u of %u exclusive waiters runnable; "
	      "expected exactly one",
	      ex_woken, NR_EX);
	CHECK(ex_first_woken,
	      "wake_up() woke an exclusive waiter other than the first "
	      "queued");
	CHECK(ex_queued == NR_EX - 1,
	      "%u entries left on the queue after waking one of %u", ex_queued,
	      NR_EX);
	CHECK(wait_count(&ex_ran, 1), "the woken exclusive waiter never ran");

	/* NR_EX - 1 more, back to back before any of them runs */
	if (!run_waker(cpu, ex_wake_rest))
		return false;
	if (!wait_count(&ex_ran, NR_EX)) {
		unsigned ran = ex_ran, left = ex_tokens;
		CHECK(false,
		      "%u wake_up() calls for %u waiters, but only %u ran: "
		      "%u token(s) left unclaimed by sleeping waiters",
		      NR_EX, NR_EX, ran, left);
	}
	return true;
}

/*
 * Expected: four exclusive waiters (wait_event_exclusive) asleep on one
 * queue.  One wake_up() makes exactly one of them runnable - the first
 * queued - and leaves three queued; it runs.  Three more wake_up() calls,
 * made back to back before any woken waiter can run (SCHED_FIFO waker on
 * their CPU), let all three remaining waiters run: none is lost.
 */
KTEST(wait_exclusive_wake_up_wakes_one)
{
	init_waitqueue_head(&ex_wq);
	ex_tokens = ex_ran = 0;
	exclusive_one_by_one(test_cpu());
	give_tokens(&ex_tokens, NR_EX); /* let any left behind go */
	wake_up_all(&ex_wq);
	wait_count(&ex_ran, NR_EX);
}

/* --- exclusive and non-exclusive waiters on one queue ------------------- */

#define NR_MIX_EX 3
#define NR_MIX_NE 2
#define NR_MIX	  (NR_MIX_EX + NR_MIX_NE)

static struct wait_queue_head mix_wq;
static volatile unsigned mix_tokens, mix_event, mix_ex_ran, mix_ne_ran;
static struct task *mix_task[NR_MIX];
static bool mix_is_ex[NR_MIX];
static unsigned mix_woken, mix_ex_woken;
static bool mix_order_ok, mix_first_ex_woken;

static void mix_ex_waiter(void *arg)
{
	(void)arg;
	wait_event_exclusive(mix_wq, take_token(&mix_tokens));
	count_up(&mix_ex_ran);
}

static void mix_ne_waiter(void *arg)
{
	(void)arg;
	wait_event(mix_wq, READ_ONCE(mix_event) != 0);
	count_up(&mix_ne_ran);
}

/* Non-exclusive entries all before the exclusive ones?  wq->lock held. */
static bool queue_order_ok(struct wait_queue_head *wq)
{
	bool seen_exclusive = false;
	struct wait_entry *e;
	list_for_each_entry(e, &wq->waiters, node) {
		if (!e->exclusive && seen_exclusive)
			return false;
		seen_exclusive |= e->exclusive;
	}
	return true;
}

static void mix_wake(void)
{
	irqflags_t flags = spin_lock_irqsave(&mix_wq.lock);
	mix_order_ok = queue_order_ok(&mix_wq);
	spin_unlock_irqrestore(&mix_wq.lock, flags);

	WRITE_ONCE(mix_event, 1);
	give_tokens(&mix_tokens, 1);
	wake_up(&mix_wq);
	mix_woken = count_runnable(mix_task, NR_MIX);
	mix_ex_woken = 0;
	for (unsigned i = 0; i < NR_MIX; i++)
		mix_ex_woken +=
		    mix_is_ex[i] && mix_task[i]->state == TASK_RUNNING;
	mix_first_ex_woken = mix_task[0]->state == TASK_RUNNING;
}

static void mix_wake_all(void)
{
	give_tokens(&mix_tokens, NR_MIX_EX - 1);
	wake_up_all(&mix_wq);
}

static bool mixed_queue(unsigned cpu)
{
	/* queued as ex, ne, ex, ne, ex: mix_task[0] is the first exclusive */
	for (unsigned i = 0; i < NR_MIX; i++) {
		mix_is_ex[i] = i % 2 == 0;
		mix_task[i] =
		    bound_thread(mix_is_ex[i] ? mix_ex_waiter : mix_ne_waiter,
				 NULL, cpu, "mix-waiter");
		wake_up_process(mix_task[i]);
		CHECK(wait_queued(&mix_wq, i + 1, mix_task[i]),
		      "waiter %u never went to sleep", i);
	}
	if (!run_waker(cpu, mix_wake))
		return false;
	CHECK(mix_order_ok, "a non-exclusive waiter was queued behind an "
			    "exclusive one");
	CHECK(mix_woken == NR_MIX_NE + 1 && mix_ex_woken == 1,
	      "one wake_up() made %u waiters runnable, %u of them exclusive; "
	      "expected all %u non-exclusive ones and one exclusive",
	      mix_woken, mix_ex_woken, NR_MIX_NE);
	CHECK(mix_first_ex_woken,
	      "the exclusive waiter woken was not the first queued");
	CHECK(wait_count(&mix_ne_ran, NR_MIX_NE) && wait_count(&mix_ex_ran, 1),
	      "the woken waiters never ran (%u non-exclusive, %u exclusive)",
	      mix_ne_ran, mix_ex_ran);

	if (!run_waker(cpu, mix_wake_all))
		return false;
	CHECK(wait_count(&mix_ex_ran, NR_MIX_EX),
	      "wake_up_all() left %u of %u exclusive waiters asleep",
	      NR_MIX_EX - mix_ex_ran, NR_MIX_EX);
	return true;
}

/*
 * Expected: three exclusive and two non-exclusive waiters, queued in turn
 * (ex, ne, ex, ne, ex).  The queue holds the non-exclusive ones first.
 * One wake_up() makes both non-exclusive waiters and exactly one exclusive
 * waiter (the first queued) runnable; wake_up_all() then wakes the other
 * two exclusive ones.
 */
KTEST(wait_wake_up_mixed_queue)
{
	init_waitqueue_head(&mix_wq);
	mix_tokens = mix_event = mix_ex_ran = mix_ne_ran = 0;
	mixed_queue(test_cpu());
	WRITE_ONCE(mix_event, 1);
	give_tokens(&mix_tokens, NR_MIX_EX);
	wake_up_all(&mix_wq);
	wait_count(&mix_ne_ran, NR_MIX_NE);
	wait_count(&mix_ex_ran, NR_MIX_EX);
}

/* --- complete_all() ------------------------------------------------------ */

#define NR_ALL 4

static struct completion all_c;
static volatile unsigned all_back;
static struct task *all_task[NR_ALL];
static unsigned all_woken;

static void all_waiter(void *arg)
{
	(void)arg;
	wait_for_completion(&all_c);
	count_up(&all_back);
}

static void complete_then_all(void)
{
	complete(&all_c);     /* wakes one... */
	complete_all(&all_c); /* ...and this the rest */
	all_woken = count_runnable(all_task, NR_ALL);
}

static bool complete_all_releases(unsigned cpu)
{
	for (unsigned i = 0; i < NR_ALL; i++) {
		all_task[i] = bound_thread(all_waiter, NULL, cpu, "all-waiter");
		wake_up_process(all_task[i]);
		CHECK(wait_queued(&all_c.wait, i + 1, all_task[i]),
		      "waiter %u never went to sleep on the completion", i);
	}
	if (!run_waker(cpu, complete_then_all))
		return false;
	CHECK(all_woken == NR_ALL,
	      "complete() then complete_all() made %u of %u waiters "
	      "runnable",
	      all_woken, NR_ALL);
	CHECK(wait_count(&all_back, NR_ALL),
	      "only %u of %u waiters returned after complete_all()", all_back,
	      NR_ALL);
	/* and anyone who comes later goes straight through */
	struct task *late = kthread_run(all_waiter, NULL, "late-waiter");
	(void)late;
	CHECK(wait_count(&all_back, NR_ALL + 1),
	      "a wait_for_completion() after complete_all() did not return");
	CHECK(all_c.done == COMPLETION_ALL,
	      "done is %u after complete_all() and five waits, expected it "
	      "to stay COMPLETION_ALL",
	      all_c.done);
	return true;
}

/*
 * Expected: four waiters asleep on a completion; complete() and then
 * complete_all(), back to back before any can run, make all four runnable
 * and all return; a wait_for_completion() afterwards returns at once, and
 * done stays COMPLETION_ALL.
 */
KTEST(completion_complete_all_releases_every_waiter)
{
	init_completion(&all_c);
	all_back = 0;
	complete_all_releases(test_cpu());
	complete_all(&all_c);
	wait_count(&all_back, NR_ALL + 1);
}

/* --- an exclusive wake-up that lands on a waiter already leaving -------- */

static struct wait_queue_head po_wq;
static volatile unsigned po_tokens, po_in_window, po_release, po_a_ran,
    po_b_ran;

/* A's condition.  Once it has a token it stays in its window - queued,
 * condition true, finish_wait() not yet called - until the test says so:
 * the test-only hook that makes the race last as long as needed. */
static bool po_a_cond(void)
{
	if (!take_token(&po_tokens))
		return false;
	WRITE_ONCE(po_in_window, 1);
	while (!READ_ONCE(po_release))
		hal_cpu_relax();
	return true;
}

static void po_a(void *arg)
{
	(void)arg;
	wait_event_exclusive(po_wq, po_a_cond());
	count_up(&po_a_ran);
}

static void po_b(void *arg)
{
	(void)arg;
	wait_event_exclusive(po_wq, take_token(&po_tokens));
	count_up(&po_b_ran);
}

/* Is t's the one entry left on wq? */
static bool only_waiter_is(struct wait_queue_head *wq, struct task *t)
{
	irqflags_t flags = spin_lock_irqsave(&wq->lock);
	bool only =
	    list_is_singular(&wq->waiters) &&
	    list_first_entry(&wq->waiters, struct wait_entry, node)->task == t;
	spin_unlock_irqrestore(&wq->lock, flags);
	return only;
}

static bool pass_on(unsigned cpu)
{
	/* A sleeps; one token and a wake-up: A takes the token, queued
	 * again (it re-queues before it looks), and waits in its window. */
	struct task *a = bound_thread(po_a, NULL, cpu, "waiter-a");
	set_user_nice(a, 19); /* B (nice 0) preempts A's spinning */
	wake_up_process(a);
	CHECK(wait_queued(&po_wq, 1, a), "waiter A never went to sleep");
	give_tokens(&po_tokens, 1);
	wake_up(&po_wq);
	CHECK(wait_count(&po_in_window, 1), "waiter A never took its token");

	/* B queues behind A and sleeps: no token left */
	struct task *b = bound_thread(po_b, NULL, cpu, "waiter-b");
	wake_up_process(b);
	CHECK(wait_queued(&po_wq, 2, b), "waiter B never went to sleep");

	/* a second token: its wake-up picks A, first in the queue */
	give_tokens(&po_tokens, 1);
	wake_up(&po_wq);
	CHECK(only_waiter_is(&po_wq, b),
	      "the wake-up did not pick A, first in the queue");
	WRITE_ONCE(po_release, 1);
	CHECK(wait_count(&po_a_ran, 1), "waiter A never left its window");
	if (!wait_count(&po_b_ran, 1)) {
		unsigned left = po_tokens;
		CHECK(false,
		      "waiter B still sleeps with %u token(s) to take: the "
		      "wake-up that picked A, which already had its token, was "
		      "not handed on when A left",
		      left);
	}
	return true;
}

/*
 * Expected: exclusive waiter A has taken a token and is about to leave
 * (still queued: it re-queued before it looked); B sleeps behind it.  A
 * second token's wake_up() picks A, the first in the queue - but A needs
 * nothing more.  When A leaves, finish_wait() hands that wake-up on, and B
 * takes the second token.  (Without the hand-on, B sleeps on with a token
 * waiting for it.)
 */
KTEST(wait_exclusive_unused_wakeup_handed_on)
{
	init_waitqueue_head(&po_wq);
	po_tokens = po_in_window = po_release = po_a_ran = po_b_ran = 0;
	pass_on(test_cpu());
	WRITE_ONCE(po_release, 1);
	give_tokens(&po_tokens, 2);
	wake_up_all(&po_wq);
	wait_count(&po_a_ran, 1);
	wait_count(&po_b_ran, 1);
}

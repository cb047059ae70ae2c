/*
 * kernel/kthread_ktest.c - the life of a thread, tested on the booted
 * kernel: how it ends (bug 7 of issue 9), what its creation and its end
 * cost its creator, and how its memory comes back.
 *
 * Each test states what it expects.  Threads that tests start end by
 * themselves, and no test touches a thread's struct task once that thread
 * may have ended unless it holds a reference (get_task_struct()).
 */
#include "kernel/kmalloc.h"
#include "kernel/ktest.h"
#include "kernel/ktest_util.h"
#include "kernel/page_alloc.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/sched_calc.h"
#include "kernel/sched_check.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/wait.h"

/* --- bug 7: preempted between TASK_DEAD and the last switch ------------ */

static struct completion exit_window, exit_checked;
static int exit_problems;
static char exit_why[192];

static void exit_victim(void *arg)
{
	(void)arg; /* returns at once: straight into task_exit() */
}

/* Called by every ending thread inside the window, between TASK_DEAD and
 * its last schedule(); acts only for the victim. */
static void exit_window_hook(struct task *dying)
{
	if (dying->fn != exit_victim)
		return;
	/* Wake the observer, a SCHED_FIFO thread on this CPU: the wake-up
	 * asks to preempt the victim at once, as a timer tick or a
	 * reschedule IPI arriving at exactly this instant would, and the
	 * unlock at the end of complete() is a preemption point. */
	complete(&exit_window);
}

static void exit_observer(void *arg)
{
	(void)arg;
	wait_for_completion(&exit_window);
	exit_problems = sched_check(exit_why, sizeof(exit_why));
	complete(&exit_checked);
}

/*
 * Expected (bug 7): a thread that has marked itself TASK_DEAD cannot be
 * preempted before its last switch, so the invariant checker, run at that
 * moment by a better thread on the same CPU, finds nothing wrong.  The
 * window is a few instructions wide; a test-only hook the dying thread
 * calls inside it (task_exit_test_hook) wakes the checker there, which
 * asks for a preemption at exactly that point.  When preemption was
 * re-enabled in the window, the victim was switched out still queued, and
 * the checker reported "dead task exit-victim (pid N) is still queued and
 * not running".
 */
KTEST(kthread_exit_not_preempted_while_dead)
{
	unsigned cpu = ktest_cpu_from_top(0);
	init_completion(&exit_window);
	init_completion(&exit_checked);
	exit_problems = -1;
	struct task *obs = kthread_create(exit_observer, NULL, "exit-observer");
	struct task *victim = kthread_create(exit_victim, NULL, "exit-victim");
	KT_ASSERT(obs && victim);
	kthread_bind(obs, cpu);
	kthread_bind(victim, cpu);
	KT_EXPECT_EQ(sched_setscheduler(obs, SCHED_FIFO, 1), 0);
	wake_up_process(obs); /* it waits for exit_window */
	task_exit_test_hook = exit_window_hook;
	wake_up_process(victim);
	wait_for_completion(&exit_checked);
	task_exit_test_hook = NULL;
	if (exit_problems)
		KT_FAIL(
		    "a thread was preempted after it had marked itself dead "
		    "and before its last switch; the checker then saw %d "
		    "problem(s), first: %s",
		    exit_problems, exit_why);
}

/* Wait, a bounded time, until at most `n` threads exist (nr_threads): the
 * ended ones have been reaped.  False if they were not within 10 s. */
static bool wait_reaped(unsigned long n)
{
	unsigned long start = jiffies;
	while (READ_ONCE(nr_threads) > n) {
		if (jiffies - start > ms_to_ticks(10000, (unsigned)params.hz))
			return false;
		msleep(1);
	}
	return true;
}

/* --- reaped once: the dead task's state read under the lock ------------ */

static struct task *reap_victim;
static struct completion reap_go;
static volatile bool reap_window_open, reap_window_shut;
static bool reap_seen_reaped; /* the victim was reaped elsewhere meanwhile */
static unsigned reap_window_cpu;

static void reap_victim_fn(void *arg)
{
	(void)arg;
	/* the switch away for this sleep opens the window */
	wait_for_completion(&reap_go);
}

/* Called by every finish_task_switch() after it has dropped the runqueue
 * lock (sched_test_reap_hook); acts once, for the switch away from the
 * victim when it has gone to sleep.  Holds that CPU there, interrupts on,
 * until the victim has been woken on another CPU, has ended and has been
 * reaped there (2 s at most). */
static void reap_window_hook(struct task *prev)
{
	if (prev != reap_victim || reap_window_open ||
	    prev->state != TASK_UNINTERRUPTIBLE || prev->array)
		return;
	reap_window_cpu = cpu_id();
	WRITE_ONCE(reap_window_open, true);
	unsigned long start = jiffies;
	while (READ_ONCE(prev->stack_top) &&
	       jiffies - start < ms_to_ticks(2000, (unsigned)params.hz))
		hal_cpu_relax();
	reap_seen_reaped = !READ_ONCE(prev->stack_top);
	WRITE_ONCE(reap_window_shut, true);
}

/*
 * Expected: a thread that goes to sleep on CPU A, is moved to CPU B while
 * asleep, and is woken there, ends on B and is reaped exactly once, by the
 * task that runs after it on B; CPU A, which switched away from it when it
 * went to sleep, does not reap it.  A test-only hook holds A in its
 * finish_task_switch(), just after the runqueue lock is dropped, until B
 * has reaped the thread.  (When finish_task_switch() read the dead
 * task's state after dropping the lock, A then saw TASK_DEAD and reaped it
 * a second time: release_task() panics, "reap-victim (pid N) reaped
 * twice".  Without the hook that needs an interrupt or a stalled CPU in
 * the window: CI met it once, as a #GP in release_task(), and 1 boot in
 * 40 of kthread_reap_many and kthread_spawn_makes_no_cpu_time did.)
 */
KTEST(kthread_reaped_once_when_it_ends_elsewhere)
{
	if (!ktest_needs_cpus(2))
		return;
	unsigned a = ktest_cpu_from_top(0), b = ktest_cpu_from_top(1);
	unsigned long base = READ_ONCE(nr_threads);
	init_completion(&reap_go);
	reap_window_open = reap_window_shut = reap_seen_reaped = false;
	struct task *v = kthread_create(reap_victim_fn, NULL, "reap-victim");
	KT_ASSERT(v);
	get_task_struct(v); /* to read its last values */
	kthread_bind(v, a);
	reap_victim = v;
	sched_test_reap_hook = reap_window_hook;
	wake_up_process(v);
	bool open = ktest_wait_flag(&reap_window_open, 2000);
	cpumask_t to_b = cpumask_of(b);
	int moved = open ? set_cpus_allowed(v, &to_b) : -1;
	complete(&reap_go);
	bool shut = open && ktest_wait_flag(&reap_window_shut, 5000);
	sched_test_reap_hook = NULL;
	bool reaped = wait_reaped(base);
	msleep(10); /* A out of finish_task_switch() before v can be freed */
	unsigned ended_on = v->cpu;
	put_task_struct(v);
	if (!open)
		KT_FAIL("the thread never went to sleep on cpu %u within 2 s",
			a);
	KT_EXPECT_EQ(moved, 0);
	KT_ASSERT(shut && reaped);
	if (!reap_seen_reaped)
		KT_FAIL("woken on cpu %u, the thread had not ended and been "
			"reaped there 2 s later",
			b);
	KT_EXPECT_EQ(reap_window_cpu, a);
	KT_EXPECT_EQ(ended_on, b);
}

/* --- creation and exit accounting -------------------------------------- */

#define NR_KIDS 100

/* Start from a whole slice: run, as a normal task, until a tick ends the
 * current slice and hands out the next (at most a slice of CPU time; 2 s
 * at most, after which whatever is left will do). */
static void fresh_slice(void)
{
	struct task *me = current;
	unsigned long start = jiffies;
	int last = READ_ONCE(me->time_slice);
	while (jiffies - start < ms_to_ticks(2000, (unsigned)params.hz)) {
		int now = READ_ONCE(me->time_slice);
		if (now > last)
			return;
		last = now;
		hal_cpu_relax();
	}
}

static void kid(void *arg)
{
	(void)arg; /* ends at once, well within its first slice */
}

/* What kthread_spawn_makes_no_cpu_time saw, in ticks of time slice. */
struct spawn {
	int full, start;    /* a full slice; the creator's at the start */
	int made, given;    /* children made; first slices they were given */
	int mid, back, end; /* the creator's once all were made; given back
			     * at their end; the creator's at the end */
	/* the first creation that made or lost time, or bad -1: the child's
	 * number, the creator's slice before, the child's and the
	 * creator's after */
	int bad, was, got, kept;
	unsigned long avg_bad; /* a child's wrong sleep_avg + 1, or 0 */
};

/* Create (not start) up to NR_KIDS children of current into kids[], each
 * with a reference held, noting in sp (zeroed, bad -1) what each creation
 * did to the slices and sleep_avg. */
static void spawn_kids(struct task **kids, struct spawn *sp)
{
	struct task *me = current;
	for (sp->made = 0; sp->made < NR_KIDS; sp->made++) {
		int before = me->time_slice;
		struct task *t = kthread_create(kid, NULL, "kid/%d", sp->made);
		if (!t)
			break;
		get_task_struct(t);
		kids[sp->made] = t;
		sp->given += t->time_slice;
		if (sp->bad < 0 && (t->time_slice + me->time_slice != before ||
				    t->time_slice < me->time_slice)) {
			sp->bad = sp->made;
			sp->was = before;
			sp->got = t->time_slice;
			sp->kept = me->time_slice;
		}
		if (!sp->avg_bad && t->sleep_avg != me->sleep_avg * 95 / 100)
			sp->avg_bad = t->sleep_avg + 1;
	}
}

/* kthread_spawn_makes_no_cpu_time's verdict (its last step: a failure
 * ends the test). */
static void check_spawn(const struct spawn *sp, bool reaped)
{
	/* the names the failure messages show */
	int made = sp->made, end = sp->end, mid = sp->mid, back = sp->back,
	    full = sp->full;
	KT_EXPECT_EQ(made, NR_KIDS);
	if (sp->bad >= 0)
		KT_FAIL("creating child %d turned the %d ticks left of the "
			"creator's slice into %d for the child and %d for the "
			"creator: creating a thread made or lost CPU time",
			sp->bad, sp->was, sp->got, sp->kept);
	if (sp->given + sp->mid != sp->start)
		KT_FAIL("100 children got %d ticks of first slice and the "
			"creator kept %d: more than the %d it had",
			sp->given, sp->mid, sp->start);
	if (sp->avg_bad)
		KT_FAIL("a child started with sleep_avg %lu, not 95%% of its "
			"creator's %lu",
			sp->avg_bad - 1, current->sleep_avg);
	KT_ASSERT(reaped);
	KT_EXPECT_EQ(end, MIN(mid + back, full));
}

/*
 * Expected: a thread that creates 100 threads gets no more CPU time than
 * it had.  Each child takes half, rounded up, of what is left of its
 * creator's slice and the creator keeps the rest: after every creation the
 * creator's slice and the child's add up to what the creator had just
 * before, so the 100 first slices and what the creator keeps add up to its
 * slice at the start.  Each child starts with 95% of the creator's
 * sleep_avg (CHILD_PENALTY), the creator keeps all of its own
 * (PARENT_PENALTY 100).  When the children end without using up their
 * first slices, what they did not use comes back to the creator, up to a
 * full slice.  The creator runs as SCHED_FIFO here, whose slice the ticks
 * do not charge, so that every tick of it is accounted for; it holds a
 * reference on each child to read its last values after it is reaped.
 */
KTEST(kthread_spawn_makes_no_cpu_time)
{
	static struct task *kids[NR_KIDS];
	struct task *me = current;
	struct spawn sp = {.bad = -1};
	fresh_slice();
	sched_setscheduler(me, SCHED_FIFO, 1);
	sp.full = task_timeslice(me->static_prio, (unsigned)params.hz);
	sp.start = me->time_slice;
	spawn_kids(kids, &sp);
	sp.mid = me->time_slice;
	unsigned long base = READ_ONCE(nr_threads) - (unsigned long)sp.made;
	for (int i = 0; i < sp.made; i++)
		wake_up_process(kids[i]);
	bool reaped = wait_reaped(base);
	/* what the kernel must have given back, from the children's last
	 * values (the order of the give-backs does not matter: each adds,
	 * up to the same cap) */
	sp.back = 0;
	for (int i = 0; i < sp.made; i++)
		if (kids[i]->first_time_slice && kids[i]->time_slice > 0)
			sp.back += kids[i]->time_slice;
	sp.end = me->time_slice;
	for (int i = 0; i < sp.made; i++)
		put_task_struct(kids[i]);
	sched_setscheduler(me, SCHED_NORMAL, 0);
	pr_info("spawn: slice %d at the start (full %d); %d children given %d "
		"ticks in all, %d kept; %d given back at their end, slice now "
		"%d\n",
		sp.start, sp.full, sp.made, sp.given, sp.mid, sp.back, sp.end);
	check_spawn(&sp, reaped);
}

/* --- reaping ----------------------------------------------------------- */

static void short_life(void *arg)
{
	(void)arg; /* ends at once */
}

static size_t free_pages_now(void)
{
	struct page_stats st;
	page_get_stats(&st);
	return st.free;
}

#define REAP_BATCH 64

/* What kthread_reap_many did, and saw of the free pages. */
struct reap {
	unsigned long total, made; /* threads to make; made */
	unsigned long base;	   /* nr_threads before the first */
	size_t free0, low;	   /* free pages before; at the lowest */
	bool out_of_memory;	   /* kthread_create() failed */
	bool reaped;		   /* every batch was reaped in time */
};

/* Start r->total threads that end at once, REAP_BATCH at a time spread
 * over the online CPUs, waiting for each batch to be reaped; stops early
 * when memory runs out or a batch is not reaped. */
static void reap_in_batches(struct reap *r)
{
	unsigned ncpus = num_online_cpus(), cpus[NR_CPUS], c = 0, cpu;
	for_each_cpu(cpu, &cpu_online_mask)
		cpus[c++] = cpu;
	r->out_of_memory = false;
	r->reaped = true;
	while (r->made < r->total && !r->out_of_memory && r->reaped) {
		unsigned long n =
		    MIN(r->total - r->made, (unsigned long)REAP_BATCH);
		for (unsigned long i = 0; i < n && !r->out_of_memory; i++) {
			struct task *t = kthread_create(short_life, NULL,
							"short/%lu", r->made);
			r->out_of_memory = !t;
			if (t) {
				kthread_bind(t, cpus[r->made++ % ncpus]);
				wake_up_process(t);
			}
		}
		r->low = MIN(r->low, free_pages_now());
		r->reaped = wait_reaped(r->base);
	}
}

/* Part of kthread_reap_many's verdict: every thread made and reaped, and
 * the free pages flat throughout (free1: at the end).  A failure ends the
 * test. */
static void check_reap(const struct reap *r, size_t free1)
{
	unsigned long made = r->made, total = r->total, base = r->base;
	size_t free0 = r->free0, low = r->low;
	if (r->out_of_memory)
		KT_FAIL("kthread_create() ran out of memory after %lu of %lu "
			"threads",
			made, total);
	if (!r->reaped)
		KT_FAIL("%lu threads ended but were never reaped (still on "
			"task_list after 10 s)",
			READ_ONCE(nr_threads) - base);
	if (free0 - low > REAP_BATCH * hal_stack_pages(KSTACK_SIZE) + 64)
		KT_FAIL(
		    "memory did not stay flat: %zu pages were in use at one "
		    "point, more than a batch of %d threads needs",
		    free0 - low, REAP_BATCH);
	if (free1 + 64 < free0)
		KT_FAIL("%zu pages did not come back once every thread was "
			"reaped",
			free0 - free1);
}

/*
 * Expected: ktest_threads threads (10,000 by default; `ktest_threads=N` on
 * the command line for more), started REAP_BATCH at a time over every CPU,
 * each ending at once, are all reaped, and memory stays flat: at any
 * moment no more than a batch's stacks (4 pages each) and a little for
 * page tables and heap arenas (64 pages) are missing from the free pages;
 * at the end the heap holds exactly the blocks it held before, the free
 * pages are back within 64, and the region of kernel stacks has grown by
 * at most 1024 slots, however many threads there were (freed slots are
 * reused, once every CPU's TLB has been flushed of them, in batches).
 */
KTEST(kthread_reap_many)
{
	struct reap r = {.total = (unsigned long)params.ktest_threads};
	struct heap_stats h0, h1;
	struct hal_stack_stats s0, s1;
	r.base = READ_ONCE(nr_threads);
	KT_ASSERT(wait_reaped(r.base));
	heap_get_stats(&h0);
	hal_stack_get_stats(&s0);
	r.free0 = r.low = free_pages_now();
	u64 t0 = ms_since_boot();
	/* above the threads, so that creating them is not queued behind them */
	sched_setscheduler(current, SCHED_FIFO, 1);
	reap_in_batches(&r);
	sched_setscheduler(current, SCHED_NORMAL, 0);
	heap_get_stats(&h1);
	hal_stack_get_stats(&s1);
	size_t free1 = free_pages_now();
	pr_info(
	    "reap: %lu threads; free pages %zu before, %zu after, %zu at "
	    "the lowest; heap blocks %zu before, %zu after; stack slots "
	    "used at most %lu before, %lu after, %lu TLB flushes; %llu ms\n",
	    r.made, r.free0, free1, r.low, h0.used_blocks, h1.used_blocks,
	    s0.high_water, s1.high_water, s1.flushes - s0.flushes,
	    ms_since_boot() - t0);
	check_reap(&r, free1);
	KT_EXPECT_EQ(h1.used_blocks, h0.used_blocks);
	if (s1.high_water > s0.high_water + 1024)
		KT_FAIL("the stack region grew by %lu slots for %lu threads: "
			"freed slots are not reused",
			s1.high_water - s0.high_water, r.made);
}

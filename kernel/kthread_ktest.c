/*
 * kernel/kthread_ktest.c - the life of a thread, tested on the booted
 * kernel: how it ends (bug 7 of issue 9), what its creation and its end
 * cost its creator, and how its memory comes back.
 *
 * Each test states what it expects.  Threads that tests start end by
 * themselves, and no test touches a thread's struct task once that thread
 * may have ended unless it holds a reference (get_task_struct()).
 */
#include "kernel/ktest.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/sched_check.h"
#include "kernel/smp.h"
#include "kernel/wait.h"
#include "lib/string.h"

/* The highest-numbered online CPU: away from CPU 0, where init and the
 * tests themselves run, when there is more than one. */
static unsigned quiet_cpu(void)
{
	unsigned cpu, last = 0;
	for_each_cpu(cpu, &cpu_online_mask)
		last = cpu;
	return last;
}

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
 * the checker reported "dead task exit-victim (pid N) is still queued".
 */
KTEST(kthread_exit_not_preempted_while_dead)
{
	unsigned cpu = quiet_cpu();
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

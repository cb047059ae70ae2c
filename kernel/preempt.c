/*
 * kernel/preempt.c - when the running task may be switched away
 * (preempt.h), and where it may sleep (might_sleep(), sched.h).
 *
 * A task is preempted at two places: when it lowers its preempt_count to
 * 0 (preempt_enable(), spin_unlock()) or turns interrupts back on
 * (spin_unlock_irqrestore()) and a reschedule was asked for meanwhile;
 * and on the way out of an interrupt that came while it ran with
 * interrupts on (sched_irq_exit(), called by the arch).  Both come to
 * preempt_schedule(): the switch is made with PREEMPT_ACTIVE added to the
 * count, which tells schedule() that the task did not choose to stop, so
 * it stays queued even if it had set itself to sleep (it must run again to
 * finish going to sleep, or a wake-up between its test and its sleep would
 * be lost).
 */
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"

/*
 * Switch away from the running task, preempted, as long as it is asked to
 * and allowed: the scheduler runs, the count is 0 (no lock held, not
 * already being preempted) and this is not an interrupt handler.  Entry:
 * interrupts on (from preempt_schedule()), or off on the way out of an
 * interrupt (from_irq_exit: on around each schedule(), off again at
 * return).  We may be on the task's stack inside its interrupt frame:
 * switching away there and coming back later simply returns from the
 * interrupt then.
 */
static void preempt_schedule(bool from_irq_exit)
{
	struct task *p = current;
	if (!sched_running || p->preempt_count || in_interrupt())
		return;
	do {
		p->preempt_count += PREEMPT_ACTIVE;
		if (from_irq_exit)
			hal_irq_enable();
		schedule();
		if (from_irq_exit)
			hal_irq_disable();
		p->preempt_count -= PREEMPT_ACTIVE;
	} while (p->need_resched);
}

/* Reschedule now if asked and allowed: count 0, interrupts on. */
void preempt_check_resched(void)
{
	if (unlikely(current->need_resched) && hal_irqs_enabled())
		preempt_schedule(false);
}

void preempt_enable(void)
{
	preempt_enable_no_resched();
	preempt_check_resched();
}

/* The arch, on the way out of an interrupt, interrupts off: preempt the
 * interrupted task if it ran with interrupts on and should and may be. */
void sched_irq_exit(bool interrupted_with_irqs_on)
{
	if (interrupted_with_irqs_on && current->need_resched)
		preempt_schedule(true);
}

/* ------------------------------------------------------------------------
 * Where sleeping is allowed
 */

const char *sleep_forbidden_why(void)
{
	if (in_interrupt())
		return "in an interrupt handler";
	if (!hal_irqs_enabled())
		return "interrupts off";
	if (current->preempt_count & ~PREEMPT_ACTIVE)
		return "preemption disabled (a spinlock held?)";
	return NULL;
}

unsigned long nr_sleep_bugs;

/* Call sites already reported: each is reported once, or a loop would
 * flood the console. */
static struct {
	const char *file;
	int line;
} sleep_bug_sites[32];
static DEFINE_SPINLOCK(sleep_bug_lock);

static bool sleep_bug_first_time(const char *file, int line)
{
	bool first = true;
	irqflags_t flags = spin_lock_irqsave(&sleep_bug_lock);
	size_t i;
	for (i = 0; i < ARRAY_SIZE(sleep_bug_sites) && sleep_bug_sites[i].file;
	     i++)
		if (sleep_bug_sites[i].file == file &&
		    sleep_bug_sites[i].line == line)
			first = false;
	if (first && i < ARRAY_SIZE(sleep_bug_sites)) {
		sleep_bug_sites[i].file = file;
		sleep_bug_sites[i].line = line;
	}
	spin_unlock_irqrestore(&sleep_bug_lock, flags);
	return first;
}

void __might_sleep(const char *file, int line)
{
	if (!sched_running)
		return; /* boot: nothing else runs that could be hurt */
	const char *why = sleep_forbidden_why();
	if (likely(!why))
		return;
	int count = current->preempt_count;
	bool irqs = hal_irqs_enabled(), intr = in_interrupt();
	if (!sleep_bug_first_time(file, line))
		return;
	__atomic_fetch_add(&nr_sleep_bugs, 1, __ATOMIC_RELAXED);
	pr_err("BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
	pr_err("  %s: in_interrupt %d, interrupts %s, preempt_count %d, task "
	       "%s (pid %d), cpu %u\n",
	       why, intr, irqs ? "on" : "off", count, current->name,
	       current->pid, cpu_id());
	hal_dump_stack();
}

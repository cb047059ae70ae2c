/*
 * kernel/kthread.c - creating and ending kernel threads.
 *
 * A thread is a struct task (heap) and a 16 KiB stack with a guard page
 * (hal_stack_alloc).  hal_stack_init() prepares the stack so that the first
 * switch to it lands in kthread_entry() (sched.c), which calls fn(arg);
 * returning from fn ends the thread.
 */
#include "kernel/kmalloc.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/sched_calc.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

LIST_HEAD(task_list);
DEFINE_SPINLOCK(tasklist_lock); /* task_list and next_pid */
static int next_pid = 1;

static struct task *kthread_vcreate(void (*fn)(void *), void *arg,
				    const char *fmt, va_list ap)
{
	struct task *p = kzalloc(sizeof(*p));
	void *stack = hal_stack_alloc(KSTACK_SIZE);
	if (!p || !stack)
		panic("kthread_create: out of memory");
	vsnprintf(p->name, sizeof(p->name), fmt, ap);
	p->fn = fn;
	p->arg = arg;
	p->stack_top = stack;
	p->saved_sp = hal_stack_init(stack);
	p->state = TASK_UNINTERRUPTIBLE; /* until the first wake-up */
	p->preempt_count = 1; /* for the runqueue lock it will release */
	p->static_prio = NICE_TO_PRIO(0);
	p->prio = p->static_prio;
	p->policy = SCHED_NORMAL;
	p->time_slice = task_timeslice(p->static_prio, (unsigned)params.hz);
	p->first_time_slice = true;
	/* Start neutral, bonus 0: halfway between "always asleep" and "never
	 * sleeps".  (Linux 2.5 gave a child 95% of its parent's sleep_avg;
	 * a kernel thread's creator here is usually a test or init.) */
	p->sleep_avg = max_sleep_avg((unsigned)params.hz) / 2;
	p->sleep_timestamp = jiffies;
	p->cpus_allowed = cpu_online_mask;
	p->cpu = cpu_id();
	INIT_LIST_HEAD(&p->run_list);

	irqflags_t flags = spin_lock_irqsave(&tasklist_lock);
	p->pid = next_pid++;
	list_add_tail(&p->tasks, &task_list);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

struct task *kthread_create(void (*fn)(void *), void *arg, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct task *p = kthread_vcreate(fn, arg, fmt, ap);
	va_end(ap);
	return p;
}

struct task *kthread_run(void (*fn)(void *), void *arg, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct task *p = kthread_vcreate(fn, arg, fmt, ap);
	va_end(ap);
	wake_up_process(p);
	return p;
}

void kthread_bind(struct task *p, unsigned cpu)
{
	BUG_ON(p->state != TASK_UNINTERRUPTIBLE || p->array);
	cpumask_clear(&p->cpus_allowed);
	cpumask_set_cpu(cpu, &p->cpus_allowed);
	p->cpu = cpu;
}

void (*task_exit_test_hook)(struct task *dying);

/*
 * The end of every thread: kthread_entry() calls it when fn returns.
 * Caller: the thread itself, holding no lock (preempt_count 0).
 *
 * Preemption stays off from the moment the task is TASK_DEAD until its last
 * switch.  Preempted in between, it would stay on its runqueue (schedule()
 * keeps a task that was preempted on its way to sleep queued, so that it
 * can finish going to sleep), and while it waited there, dead, the
 * invariant checker would report a dead task on a runqueue (bug 7).  So
 * this is the one call of schedule() with preempt_count 1
 * (schedule_from_exit() in sched.c names it).
 */
void task_exit(void)
{
	struct task *p = current;
	BUG_ON(p->preempt_count != 0); /* it ended holding a lock */
	preempt_disable();
	p->state = TASK_DEAD;
	if (unlikely(task_exit_test_hook))
		task_exit_test_hook(p);
	BUG_ON(!schedule_from_exit(p));
	schedule();
	panic("a dead task (%s) was scheduled again", p->name);
}

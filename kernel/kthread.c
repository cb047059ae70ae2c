/*
 * kernel/kthread.c - the life of a kernel thread: creation, end, reaping.
 *
 * A thread is a struct task (heap) and a 16 KiB stack with a guard page
 * (hal_stack_alloc).  hal_stack_init() prepares the stack so that the first
 * switch to it lands in kthread_entry(), which calls fn(arg); returning
 * from fn ends the thread.  The scheduler's part of each step is in
 * sched.c: a new task's defaults (sched_task_init(), shared with the idle
 * tasks), its share of its creator's slice (sched_fork()) and what it
 * gives back at the end (sched_exit()).
 *
 * The life of a thread:
 *  kthread_create()  the struct and the stack, or NULL when either cannot
 *                    be had; its time slice and sleep_avg taken from its
 *                    creator (sched_fork()); on task_list,
 *                    TASK_UNINTERRUPTIBLE until the first wake_up_process().
 *  task_exit()       when fn returns: TASK_DEAD, preemption off, and the
 *                    last schedule().
 *  release_task()    the reaping, by finish_task_switch() of the task that
 *                    runs next on that CPU: the unused part of its first
 *                    slice back to its creator (sched_exit()), off
 *                    task_list, stack freed, its references (its own, and
 *                    the one on its creator) dropped.
 *  put_task_struct() the struct is freed with its last reference.
 *
 * Why the next task reaps, in finish_task_switch().  A thread cannot free
 * the stack it runs on, and it runs on it up to the middle of its last
 * switch.  The first code that runs after that switch, on the same CPU, is
 * the next task's finish_task_switch(): the dead stack is certainly unused
 * then, and freeing it is cheap (a few pages, no waiting for another CPU:
 * hal_stack_free()).  A reaper thread would need waking for every death
 * and would let the dead pile up while it waits for a CPU behind busy
 * threads.  (Linux 2.6 drops a dead task's last reference at the same
 * place.)  Only the task that the dead one's last switch went to reaps
 * it: finish_task_switch() tests for TASK_DEAD while that switch's
 * runqueue lock is still held, and says why it must.  The dead task is
 * taken off task_list under tasklist_lock before anything is freed, so the
 * monitor's `ps`, the checker and gdb's `tern ps`, which walk the list
 * under that lock (gdb with every CPU stopped), never meet freed memory;
 * between task_exit() and the reaping they see it as TASK_DEAD.
 *
 * Keeping a struct task *.  The creator may use the pointer kthread_create()
 * returns until it wakes the thread.  After that the thread may end, and
 * be freed, at any time, so keep using it only while the thread certainly
 * lives (it waits for something you have not done yet: a flag, a
 * completion) or with a reference: get_task_struct() before the wake-up,
 * put_task_struct() when done.  The struct then stays (a dead thread's
 * fields keep their last values), though the thread has been reaped.  A
 * thread that complete()s a completion just before it returns is still
 * running its last instructions when the waiter wakes: the waiter may not
 * use its struct without a reference either.
 */
#include "kernel/kmalloc.h"
#include "kernel/panic.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/trace.h"
#include "lib/vsnprintf.h"

LIST_HEAD(task_list);
DEFINE_SPINLOCK(tasklist_lock); /* task_list and next_pid */
unsigned long nr_threads;
static int next_pid = 1;

static struct task *kthread_vcreate(void (*fn)(void *), void *arg,
				    const char *fmt, va_list ap)
{
	struct task *p = kzalloc(sizeof(*p));
	if (!p)
		return NULL;
	void *stack = hal_stack_alloc(KSTACK_SIZE);
	if (!stack) {
		kfree(p);
		return NULL;
	}
	vsnprintf(p->name, sizeof(p->name), fmt, ap);
	p->usage = 1; /* its own, dropped when it is reaped */
	p->fn = fn;
	p->arg = arg;
	p->stack_top = stack;
	p->saved_sp = hal_stack_init(stack);
	p->state = TASK_UNINTERRUPTIBLE; /* until the first wake-up */
	p->preempt_count = 1; /* for the runqueue lock it will release */
	sched_task_init(p, cpu_id()); /* as an idle task starts */
	sched_fork(p); /* priority, slice and sleep_avg, from its creator */
	p->cpus_allowed = cpu_online_mask;

	irqflags_t flags = spin_lock_irqsave(&tasklist_lock);
	p->pid = next_pid++;
	list_add_tail(&p->tasks, &task_list);
	__atomic_add_fetch(&nr_threads, 1, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	trace_create(p);
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
	if (p)
		wake_up_process(p);
	return p;
}

/*
 * The first C a new thread runs (switch.asm, switch.S: the first switch to
 * it lands here).  Entry: this CPU's runqueue locked by the schedule() that
 * switched to it, interrupts off, preempt_count 1 - the count of that lock,
 * which finish_task_switch() releases (rule 3 of sched.c).  Then fn(arg)
 * with preemption and interrupts on, and the end of the thread.
 */
void kthread_entry(struct task *prev)
{
	BUG_ON(current->preempt_count != 1 || hal_irqs_enabled());
	finish_task_switch(prev);
	current->preempt_count = 0;
	current->fn(current->arg);
	task_exit();
}

void kthread_bind(struct task *p, unsigned cpu)
{
	BUG_ON(p->state != TASK_UNINTERRUPTIBLE || p->array);
	cpumask_clear(&p->cpus_allowed);
	cpumask_set_cpu(cpu, &p->cpus_allowed);
	p->cpu = cpu;
}

void get_task_struct(struct task *p)
{
	int was = __atomic_fetch_add(&p->usage, 1, __ATOMIC_RELAXED);
	BUG_ON(was < 1); /* an idle task, or one already freed */
}

void put_task_struct(struct task *p)
{
	int left = __atomic_sub_fetch(&p->usage, 1, __ATOMIC_ACQ_REL);
	BUG_ON(left < 0);
	if (left)
		return;
	BUG_ON(p->state != TASK_DEAD || p->stack_top); /* not reaped */
	kfree(p);
}

/*
 * Reap p, a thread that has just switched away for the last time.
 * Caller: finish_task_switch() on the CPU p died on, interrupts on, no
 * runqueue lock held (tasklist_lock comes before those).
 */
void release_task(struct task *p)
{
	BUG_ON(p->state != TASK_DEAD || p->array || p == current);
	/* Two reapers: the bug finish_task_switch() prevents by reading
	 * prev's state under the runqueue lock. */
	if (unlikely(!p->stack_top))
		panic("%s (pid %d) reaped twice", p->name, p->pid);
	if (unlikely(READ_ONCE(cpu_data[p->cpu].curr_task) == p))
		panic("%s (pid %d) reaped while it still runs on cpu %u",
		      p->name, p->pid, p->cpu);
	irqflags_t flags = spin_lock_irqsave(&tasklist_lock);
	list_del(&p->tasks);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	hal_stack_free(p->stack_top, KSTACK_SIZE);
	p->stack_top = NULL;
	if (p->parent)
		put_task_struct(p->parent);
	put_task_struct(p);
	/* last: a count back down means its memory is back too */
	__atomic_sub_fetch(&nr_threads, 1, __ATOMIC_RELEASE);
}

void (*task_exit_test_hook)(struct task *dying);

/* Is p in its last call of schedule(), from task_exit()?  The one caller
 * that may hold preemption off there: TASK_DEAD, preempt_count exactly 1
 * (task_exit()'s own preempt_disable()). */
bool schedule_from_exit(const struct task *p)
{
	return p->state == TASK_DEAD &&
	       (p->preempt_count & ~PREEMPT_ACTIVE) == 1;
}

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
	trace_exit(p);
	p->state = TASK_DEAD;
	if (unlikely(task_exit_test_hook))
		task_exit_test_hook(p);
	BUG_ON(!schedule_from_exit(p));
	schedule();
	panic("a dead task (%s) was scheduled again", p->name);
}

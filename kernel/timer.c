/*
 * kernel/timer.c - per-CPU timer lists, and msleep().
 *
 * The lists are unsorted: each tick walks this CPU's list.  A teaching
 * kernel has a handful of timers; Linux's timer wheel (buckets by expiry)
 * is the way to make this cheap when there are thousands.
 */
#include "kernel/timer.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/wait.h"

struct timer_base {
	spinlock_t lock;
	struct list_head pending;
	struct timer *running; /* the timer whose fn runs right now */
};
static struct timer_base bases[NR_CPUS];

static struct timer_base *base_of(unsigned cpu)
{
	struct timer_base *b = &bases[cpu];
	if (!b->pending.next) { /* first use */
		spin_lock_init(&b->lock, "timer_base");
		INIT_LIST_HEAD(&b->pending);
	}
	return b;
}

void timer_init(struct timer *t, void (*fn)(void *), void *arg)
{
	INIT_LIST_HEAD(&t->node);
	t->fn = fn;
	t->arg = arg;
	t->cpu = -1;
}

void add_timer(struct timer *t, unsigned long expires)
{
	irqflags_t flags = hal_irq_save();
	unsigned cpu = cpu_id();
	struct timer_base *b = base_of(cpu);
	spin_lock(&b->lock);
	t->expires = expires;
	t->cpu = (int)cpu;
	list_add_tail(&t->node, &b->pending);
	spin_unlock(&b->lock);
	hal_irq_restore(flags);
}

bool del_timer(struct timer *t)
{
	for (;;) {
		int cpu = READ_ONCE(t->cpu);
		if (cpu < 0)
			return false;
		struct timer_base *b = base_of((unsigned)cpu);
		irqflags_t flags = spin_lock_irqsave(&b->lock);
		if (t->cpu == cpu && b->running != t) {
			list_del_init(&t->node);
			t->cpu = -1;
			spin_unlock_irqrestore(&b->lock, flags);
			return true;
		}
		spin_unlock_irqrestore(&b->lock, flags);
		hal_cpu_relax(); /* moved, or its fn is running: try again */
	}
}

void run_timers(void)
{
	struct timer_base *b = base_of(cpu_id());
	spin_lock(&b->lock);
	for (;;) {
		struct timer *t, *due = NULL;
		list_for_each_entry(t, &b->pending, node) {
			if ((long)(jiffies - t->expires) >= 0) {
				due = t;
				break;
			}
		}
		if (!due)
			break;
		list_del_init(&due->node);
		b->running = due;
		spin_unlock(&b->lock);
		due->fn(due->arg);
		spin_lock(&b->lock);
		b->running = NULL;
		due->cpu = -1;
	}
	spin_unlock(&b->lock);
}

static void wake_task(void *arg)
{
	wake_up_process(arg);
}

long schedule_timeout(unsigned long ticks)
{
	struct timer t;
	timer_init(&t, wake_task, current);
	current->state = TASK_INTERRUPTIBLE;
	add_timer(&t, jiffies + ticks);
	schedule();
	del_timer(&t);
	current->state = TASK_RUNNING;
	return 0;
}

void msleep(unsigned ms)
{
	u64 end = ms_since_boot() + ms;
	/* a wake-up may come early (another waker): sleep again for the rest */
	for (u64 now = ms_since_boot(); now < end; now = ms_since_boot())
		schedule_timeout(
		    DIV_ROUND_UP((end - now) * (u64)params.hz, 1000));
}

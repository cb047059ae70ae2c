/*
 * tools/bench/o1/env.c - the kernel around kernel/sched.c, for a host
 * program with one simulated CPU.
 *
 * kernel/sched.c is compiled unchanged, with its real headers; so are the
 * files it works with (sched_prio.c, sched_calc.c, sched_tick.c,
 * loadavg.c, sched_check.c, percpu.c, tick_calc.c, params.c, lib/).  The
 * inline half of the HAL is stub/hal_arch.h.  This file answers the rest
 * of what they call, for ONE CPU and one host thread:
 *
 *  - Locks are ticket locks that nobody else ever queues for: taking one
 *    that is held can only be a bug (the CPU would wait for itself), and
 *    so is taking a runqueue lock with interrupts on (rule 1 of
 *    kernel/sched.c).  Both stop the program.  Like the real spin_lock(),
 *    they hold preemption off while held.  They cost a few instructions,
 *    where the real ones (atomic ticket, lock validator, the record of the
 *    locks each CPU holds) cost more: docs/bench-o1.md.
 *  - A context switch only returns: the program's one stack stands for
 *    every task's.  schedule() has already made `next` current; the task
 *    that "resumes" finds `prev` as the one it took over from, as after a
 *    real switch, and releases the runqueue lock in finish_task_switch().
 *  - No other CPU, so no IPI, no migration thread, no thread creation or
 *    exit: whatever of that the scheduler calls stops the program, named.
 */
#include "kernel/museum.h"
#include "kernel/timer.h"
#include "kernel/panic.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/tick_calc.h"
#include "kernel/time.h"
#include "kernel/trace.h"
#include "kernel/wait.h"
#include "kernel/watchdog.h"
#include "tools/bench/o1/o1.h"

/* --- the machine (stub/hal_arch.h) --- */

bool host_irqs_on;
u64 host_cycles;
void *host_this_cpu;
unsigned long env_switches;

static u64 tick_len; /* cycles per tick (kernel/tick_calc.c) */

static __noreturn void not_here(const char *what)
{
	host_die("%s was called: it is not part of the one-CPU host build "
		 "(tools/bench/o1/env.c)",
		 what);
}

u64 hal_cycles_per_ms(void)
{
	return HOST_CYCLES_PER_MS;
}

struct task *hal_context_switch(struct task *prev, struct task *next)
{
	(void)next;
	env_switches++;
	return prev;
}

void hal_cpu_idle(void)
{
	not_here("hal_cpu_idle()");
}

/* kernel/nohz.c is compiled as it is: with one CPU its kick finds no
 * stopped CPU, and the idle loop, which would stop the tick, never runs. */
void hal_timer_stop(void)
{
	not_here("hal_timer_stop()");
}

bool timer_pending_here(void)
{
	not_here("timer_pending_here()");
}

void tick_restart_cpu(void)
{
	not_here("tick_restart_cpu()");
}

void watchdog_tick_restarted(u64 now)
{
	(void)now;
	not_here("watchdog_tick_restarted()");
}

void hal_dump_stack(void)
{
}

/* --- the rest of the kernel --- */

volatile u64 jiffies;
cpumask_t cpu_online_mask;
enum museum_bug museum_bug = BUG_NONE;
bool trace_enabled; /* off: the trace_X() calls cost one test */
LIST_HEAD(task_list);
DEFINE_SPINLOCK(tasklist_lock);

unsigned num_online_cpus(void)
{
	return 1;
}

u64 ms_since_boot(void)
{
	return host_cycles / HOST_CYCLES_PER_MS;
}

/* The real one (kernel/watchdog.c) stores this CPU's stamps; so does this. */
static u64 last_schedule[NR_CPUS];
void watchdog_schedule(u64 now)
{
	last_schedule[cpu_id()] = now;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	if (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2; /* the level */
	va_start(ap, fmt);
	host_vlog(fmt, ap);
	va_end(ap);
	return 0;
}

void panic(const char *fmt, ...)
{
	va_list ap;
	host_log("PANIC: ");
	va_start(ap, fmt);
	host_vlog(fmt, ap);
	va_end(ap);
	host_die("(the kernel panicked)");
}

/* --- locks: one CPU, so nobody ever waits --- */

bool spin_is_locked(const spinlock_t *lock)
{
	return lock->owner != lock->next;
}

static void take(spinlock_t *lock, const void *pc)
{
	if (unlikely(spin_is_locked(lock)))
		host_die("lock %s taken at %p while this CPU holds it (taken "
			 "at %p): a real CPU would wait for itself for ever",
			 lock->name, pc, lock->holder_pc);
	/* The ordered class here is the runqueue's, which the timer
	 * interrupt takes: with interrupts on, that deadlocks (rule 1). */
	if (unlikely(lock->order && host_irqs_on))
		host_die("lock %s taken at %p with interrupts on", lock->name,
			 pc);
	lock->next++;
	lock->holder_cpu = 0;
	lock->holder_pc = pc;
}

void spin_lock_at(spinlock_t *lock, const void *pc)
{
	preempt_disable();
	take(lock, pc);
}

void spin_lock(spinlock_t *lock)
{
	spin_lock_at(lock, __builtin_return_address(0));
}

bool spin_trylock(spinlock_t *lock)
{
	if (spin_is_locked(lock))
		return false;
	preempt_disable();
	take(lock, __builtin_return_address(0));
	return true;
}

void spin_unlock(spinlock_t *lock)
{
	if (unlikely(!spin_is_locked(lock)))
		host_die("lock %s released while free", lock->name);
	lock->holder_cpu = -1;
	lock->holder_pc = 0;
	lock->owner++;
	preempt_enable();
}

/* --- what one CPU never does --- */

void smp_send_ipi(unsigned cpu, enum ipi_kind kind)
{
	(void)cpu;
	(void)kind;
	not_here("smp_send_ipi()");
}

void init_completion(struct completion *c)
{
	(void)c;
	not_here("init_completion()");
}

void complete(struct completion *c)
{
	(void)c;
	not_here("complete()");
}

void wait_for_completion(struct completion *c)
{
	(void)c;
	not_here("wait_for_completion()");
}

struct task *kthread_create(void (*fn)(void *), void *arg, const char *fmt, ...)
{
	(void)fn;
	(void)arg;
	(void)fmt;
	not_here("kthread_create()");
}

void task_exit(void)
{
	not_here("task_exit()");
}

void get_task_struct(struct task *p)
{
	(void)p;
	not_here("get_task_struct()");
}

void release_task(struct task *p)
{
	(void)p;
	not_here("release_task()");
}

void udelay(u64 us)
{
	(void)us;
	not_here("udelay()");
}

void trace_cpu_set(unsigned cpu, bool on, u64 nr_switches)
{
	(void)cpu;
	(void)on;
	(void)nr_switches;
	not_here("trace_cpu_set()");
}

void __trace_switch(const struct task *prev, const struct task *next)
{
	(void)prev;
	(void)next;
	not_here("__trace_switch()");
}

void __trace_wakeup(const struct task *p, unsigned target, bool preempt)
{
	(void)p;
	(void)target;
	(void)preempt;
	not_here("__trace_wakeup()");
}

void __trace_migrate(const struct task *p, unsigned from, unsigned to,
		     enum trace_migrate_reason why)
{
	(void)p;
	(void)from;
	(void)to;
	(void)why;
	not_here("__trace_migrate()");
}

void __trace_balance(int busiest, unsigned long imbalance, long pulled,
		     bool idle)
{
	(void)busiest;
	(void)imbalance;
	(void)pulled;
	(void)idle;
	not_here("__trace_balance()");
}

void __trace_migq(bool queue, const struct task *p, unsigned cpu)
{
	(void)queue;
	(void)p;
	(void)cpu;
	not_here("__trace_migq()");
}

/* --- start-up and the tick --- */

void env_boot(void)
{
	cpumask_clear(&cpu_online_mask);
	cpumask_set_cpu(0, &cpu_online_mask);
	host_this_cpu = percpu_init_cpu(0);
	tick_len = cycles_per_tick(HOST_CYCLES_PER_MS, HOST_HZ);
	sched_init();
	tick_account_start(&this_cpu()->tick, host_cycles);
	host_irqs_on = true;
}

void env_tick_enter(void)
{
	struct cpu_data *c = this_cpu();
	host_irqs_on = false;
	c->irq_depth++;
	host_cycles += tick_len;
	c->ticks++;
	jiffies++;
	tick_account(&c->tick, host_cycles, tick_len);
}

void env_tick_exit(bool preempt)
{
	this_cpu()->irq_depth--;
	/* as arch/x86/trap.c leaves an interrupt, then its iretq */
	if (preempt)
		sched_irq_exit(true);
	host_irqs_on = true;
}

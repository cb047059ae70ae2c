/*
 * kernel/sched.h - the scheduler's interface.  The design is explained at
 * the top of kernel/sched.c.
 */
#ifndef TERN_KERNEL_SCHED_H
#define TERN_KERNEL_SCHED_H

#include "kernel/kstack.h"
#include "kernel/preempt.h"
#include "kernel/sched_prio.h"
#include "kernel/spinlock.h"
#include "kernel/task.h"

struct completion;

/* One per CPU.  `lock` is only ever taken with interrupts off (the timer
 * interrupt's scheduler_tick() takes it too: with interrupts on, a tick
 * arriving while the lock is held would spin on it forever - the 2.5.8
 * deadlock).  When two runqueues are locked, the lower CPU's goes first
 * (double_rq_lock).  The fields are grouped by what guards them. */
struct runqueue {
	spinlock_t lock;

	/* Immutable after runqueue_init() and sched_init(). */
	unsigned cpu;
	struct task *idle;

	/* `lock`. */
	unsigned long nr_running; /* tasks in active + expired, current too;
				   * read without the lock by balancers (a
				   * stale count is checked again under it) */
	unsigned long expired_timestamp; /* jiffies of the first expiry, or 0 */
	struct task *curr;
	struct prio_array *active, *expired, arrays[2];
	u64 nr_switches;
	struct list_head migration_queue; /* struct migration_req */
	struct task *migration_serving;	  /* taken off the queue, being moved */
	/* Tasks that went to sleep TASK_UNINTERRUPTIBLE from this runqueue,
	 * less those woken here: only the sum over all CPUs means anything
	 * (a task may sleep on one CPU and wake on another), and it is what
	 * the load average counts besides the runnable tasks. */
	long nr_uninterruptible;
	/* CPUs whose load_balance() found every task here forbidden to them
	 * by cpus_allowed: they skip this runqueue until a task arrives here
	 * or a mask here changes (either clears the set), instead of
	 * scanning it in vain on every idle tick.  Written under `lock`;
	 * read without it (a stale bit costs one scan or one tick). */
	cpumask_t pinned_for;

	/* Set once, by the migration thread itself when it is home
	 * (migration_thread()); read without the lock.  It serves
	 * migration_queue. */
	struct task *migration_thread;

	/* This CPU only: its tick and its load_balance() (which hold `lock`
	 * as well). */
	unsigned long next_balance; /* jiffies of the next busy rebalance */
	/* The last load_balance() here took fewer tasks than it wanted,
	 * because those it found were running or cache-hot: the next ticks
	 * balance again, this many of them, rather than busy_rebalance ms
	 * later (BALANCE_RETRY, sched.c). */
	unsigned balance_retries;
	u64 nr_pulled;	      /* tasks load_balance() brought here */
	u64 nr_balance_calls; /* load_balance() runs on this CPU */
	u64 nr_balance_scans; /* ... that locked a busiest queue */
	u64 nr_newidle_pulls; /* tasks pulled in schedule(), about to idle */
};

/* A request to move `task` off the runqueue it is queued on (sched.c). */
struct migration_req {
	struct list_head list;
	struct task *task;
	struct completion *done;
};

extern struct runqueue runqueues[NR_CPUS];
#define cpu_rq(cpu) (&runqueues[(cpu)])
#define task_rq(p)  cpu_rq((p)->cpu)

/* An empty runqueue of `cpu`, no task on it yet (sched_init(); tests that
 * build a runqueue of their own). */
void runqueue_init(struct runqueue *rq, unsigned cpu);
/* The scheduler works once sched_init() has run on the boot CPU, which
 * sets sched_running: until then nothing is preempted or reported. */
void sched_init(void);
extern bool sched_running;
/* The statically allocated idle task of each CPU (also its boot thread). */
struct task *sched_idle_task(unsigned cpu);
/* Each CPU, boot CPU included, ends its start-up here. */
__noreturn void cpu_idle(void);
/* kernel/nohz.c, on an idle CPU about to stop its tick, interrupts off:
 * true if its runqueue is empty and every runqueue with tasks to spare has
 * found them all pinned away from `cpu` (pinned_for). */
bool sched_nothing_to_pull(unsigned cpu);

void schedule(void);
void yield(void);
/* What yield() does to a normal task (`sched_yield_mode=`, sched.c). */
enum yield_mode {
	YIELD_EXPIRED, /* to the expired array: behind every runnable task */
	YIELD_PRIO,    /* Linux 2.5.8: one priority lower, same array */
};
extern enum yield_mode sched_yield_mode;
/* What yield() does to the queues, on rq (locked, or a test's own) and p
 * queued there; yield() then calls schedule(). */
void sched_yield_requeue(struct runqueue *rq, struct task *p);
/* From the timer interrupt, once timer_tick() has counted the ticks that
 * passed on this CPU since its last one (this_cpu()->tick.last_ticks: 0
 * for an early interrupt, more than 1 after lost ones). */
void scheduler_tick(void);
/* Returns true if p was asleep and is now runnable. */
bool wake_up_process(struct task *p);
void set_user_nice(struct task *p, int nice);
int sched_setscheduler(struct task *p, int policy, int rt_priority);
/* Let p run only on `mask` (online CPUs of it); when p is not on one of
 * them, wait until it is moved.  0, or -EINVAL (no online CPU in mask),
 * -EPERM (p is a CPU's migration thread: it must stay home), -EDEADLK
 * (called where it may not sleep); errors are also printed. */
int set_cpus_allowed(struct task *p, const cpumask_t *mask);

/*
 * Code that may sleep says so with might_sleep().  Sleeping is a bug in an
 * interrupt handler, with interrupts off, or with preemption disabled (a
 * spinlock held): the task would sleep holding what others spin on.  Once
 * the scheduler runs, a violation is reported (once per call site) as
 *   BUG: sleeping function called from invalid context at FILE:LINE
 * with the reason and a backtrace, and the kernel goes on.
 */
#define might_sleep() __might_sleep(__FILE__, __LINE__)
void __might_sleep(const char *file, int line);
/* How many call sites might_sleep() has reported (each once). */
extern unsigned long nr_sleep_bugs;
/* Why the caller may not sleep now ("in an interrupt handler",
 * "interrupts off", "preemption disabled (a spinlock held?)"), or NULL. */
const char *sleep_forbidden_why(void);

/* The migration threads: started by the boot CPU once all CPUs are up;
 * returns when every one runs on its own CPU (`migration: home N/N`). */
void migration_init(void);

/* Tests only: called by migrate_one() between choosing where the task goes
 * and locking the two runqueues (sched_regress_ktest.c). */
extern void (*sched_test_migrate_hook)(struct task *p);
/* Tests only: called by finish_task_switch() just after it has dropped the
 * runqueue lock, before it reaps a dead prev (kthread_ktest.c). */
extern void (*sched_test_reap_hook)(struct task *prev);
/* Tests only: rq_lock() without turning interrupts off (LOCKCHECK). */
void sched_test_rq_lock_as_is(unsigned cpu);
/* One line on what `cpu`'s runqueue holds (the watchdog's report). */
void sched_print_runqueue(unsigned cpu);

/* Switch tracing on or off on every CPU, each under its runqueue lock
 * (kernel/trace.c). */
void sched_trace_set(bool on);
void sched_test_rq_lock_pair(unsigned first, unsigned second);

/* --- kernel threads (kthread.c, whose top comment tells their life) --- */
/* A new thread that will run fn(arg), stopped until wake_up_process().  It
 * may run on any online CPU; starts on this one.  NULL when there is no
 * memory for its struct or its stack: an error for the caller to report.
 * The pointer may be used until the thread is woken; after that only while
 * the thread certainly lives, or with a reference (get_task_struct()). */
__printf(3, 4) struct task *kthread_create(void (*fn)(void *), void *arg,
					   const char *fmt, ...);
/* kthread_create() + wake_up_process(); NULL as kthread_create(). */
__printf(3, 4) struct task *kthread_run(void (*fn)(void *), void *arg,
					const char *fmt, ...);
/* Before the first wake-up: run only on `cpu`. */
void kthread_bind(struct task *p, unsigned cpu);
__noreturn void task_exit(void);
/* Is p in its last call of schedule(), from task_exit() (TASK_DEAD,
 * preemption held off by exactly one count)?  For checks in schedule(). */
bool schedule_from_exit(const struct task *p);
/* Tests only: called by every ending thread between marking itself
 * TASK_DEAD and its last switch (kthread_ktest.c widens that window). */
extern void (*task_exit_test_hook)(struct task *dying);
/* Keep p's struct (not its stack) after it ends, until the matching put.
 * Take it while p certainly lives: before waking it, or while holding
 * tasklist_lock and finding p on task_list.  Not for idle tasks. */
void get_task_struct(struct task *p);
void put_task_struct(struct task *p);
/* A new task's scheduler fields (nice 0, a full slice, homed on cpu, on no
 * list): init_idle() and kthread_create(), before p is visible (sched.c). */
void sched_task_init(struct task *p, unsigned cpu);
/* kthread_create() only: p's priority, first slice and sleep_avg, taken
 * from its creator (sched.c). */
void sched_fork(struct task *p);
/* The second half of a context switch, by the task switched to: schedule(),
 * and kthread_entry() for a new thread's first run (sched.c). */
void finish_task_switch(struct task *prev);
/* finish_task_switch() only: reap p after its last switch. */
void release_task(struct task *p);
/* Protects task_list; taken before any runqueue lock, never after. */
extern spinlock_t tasklist_lock;

#endif

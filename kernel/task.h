/*
 * kernel/task.h - a kernel thread, as the scheduler sees it.
 *
 * Tern has only kernel threads (no user mode), but each is scheduled the
 * way Linux 2.5 scheduled processes.  The fields and their names follow
 * Linux 2.5's task_struct so that its scheduler reads the same here.
 *
 * The fields are grouped by what guards them, as xv6's struct proc is:
 * each group's comment names its lock, or says why none is needed.
 * kernel/sched_check.c verifies the runqueue group's invariants.
 */
#ifndef TERN_KERNEL_TASK_H
#define TERN_KERNEL_TASK_H

#include "lib/compiler.h"
#include "lib/cpumask.h"
#include "lib/list.h"

/* Nice values, as in Unix: -20 (most favoured) to 19.  NICE_WIDTH levels. */
#define MIN_NICE   (-20)
#define MAX_NICE   19
#define NICE_WIDTH (MAX_NICE - MIN_NICE + 1)

/* Priorities: 0..99 real-time (SCHED_FIFO/RR), 100..139 normal tasks, one
 * for each nice value.  Lower number, higher priority. */
#define MAX_RT_PRIO	   100
#define MAX_PRIO	   (MAX_RT_PRIO + NICE_WIDTH)
#define MAX_USER_PRIO	   (MAX_PRIO - MAX_RT_PRIO)
#define NICE_TO_PRIO(nice) (MAX_RT_PRIO + (nice)-MIN_NICE)
#define PRIO_TO_NICE(prio) ((prio)-MAX_RT_PRIO + MIN_NICE)

enum task_state {
	TASK_RUNNING = 0,	  /* on a runqueue, or running */
	TASK_INTERRUPTIBLE = 1,	  /* asleep, woken by its event */
	TASK_UNINTERRUPTIBLE = 2, /* asleep, woken by its event only */
	TASK_DEAD = 4,		  /* exited; its stack is no longer used */
};

enum sched_policy {
	SCHED_NORMAL = 0,
	SCHED_FIFO = 1, /* real time: runs until it blocks or yields */
	SCHED_RR = 2,	/* real time: round robin within a priority */
};

#define TASK_NAME_LEN 16

struct prio_array;

struct task {
	/* Read and written by the context switch (hal_context_switch()) in
	 * assembly: it must stay at offset 0.  The kernel stack pointer
	 * while the task is switched out. */
	u64 saved_sp;

	/* Immutable after creation (kthread_create(), init_idle()), except
	 * that a migration thread names itself once home under
	 * bug=migration-init-balancer. */
	int pid;
	char name[TASK_NAME_LEN];
	void (*fn)(void *);
	void *arg;
	struct task *parent; /* its creator, which it took its first slice
			      * from (holding a reference until reaped), or
			      * NULL (created by an idle task or an interrupt)
			      */
	void *stack_top;     /* initial stack pointer, guard page below; set
			      * to NULL by the reaping (release_task()) */

	/* Written by the task itself going to sleep, and by whoever wakes
	 * it, under its runqueue lock (try_to_wake_up()). */
	volatile long state;
	/* Set under the runqueue lock by whoever wants the task to give the
	 * CPU up (resched_task(), the tick, a pull); cleared by schedule()
	 * under it; read by the task itself without it. */
	volatile bool need_resched;

	/* The task itself: changed only by the CPU it runs on. */
	int preempt_count; /* > 0: must not be preempted (holds a lock) */
	u64 ticks_run;	   /* timer ticks it was running for (the tick) */

	/* The lock of the runqueue the task is on (task_rq(p)->lock),
	 * interrupts off. */
	int prio;	 /* dynamic priority: what the scheduler uses */
	int static_prio; /* from nice: NICE_TO_PRIO(nice) */
	int policy;
	int rt_priority;	 /* 1..99 for SCHED_FIFO/RR */
	unsigned long sleep_avg; /* ticks of recent sleep, <= MAX_SLEEP_AVG */
	unsigned long sleep_timestamp; /* jiffies when it last slept/ran */
	int time_slice;		       /* ticks left */
	bool first_time_slice;	       /* still on the slice fork gave it */
	cpumask_t cpus_allowed;	       /* changed by set_cpus_allowed() only */
	unsigned cpu;		       /* the runqueue it is on (or last was) */
	struct prio_array *array;      /* NULL when not queued */
	struct list_head run_list;
	bool counted_uninterruptible; /* asleep in TASK_UNINTERRUPTIBLE, in
				       * some rq's nr_uninterruptible */
	u64 check_mark;	   /* sched_check(): the pass that last saw it queued */
	u64 blocked_since; /* hal_cycles() when it last went to sleep in
			    * TASK_UNINTERRUPTIBLE (schedule(), watchdog.h) */
	u64 nr_switches;   /* times switched in (statistics) */
	u64 nr_migrations; /* times moved to another CPU (statistics) */

	/* Atomic: each is changed under no lock, or under different ones. */
	int usage; /* references: its own until it is reaped, and one per
		    * get_task_struct(); freed at 0 */
	/* set_cpus_allowed() requests queued for it and not yet served
	 * (queued and served under different runqueue locks) */
	unsigned migration_pending;

	/* tasklist_lock (sched.h). */
	struct list_head tasks; /* on task_list from creation to reaping */

	/* The watchdog's, read and written without a lock (a report at
	 * worst repeated or missed): was it reported hung? */
	bool hung_reported;
};
BUILD_BUG_ON(offsetof(struct task, saved_sp) != 0); /* switch.asm/.S */

/* Every thread from its creation to its reaping (not the idle tasks), for
 * the monitor, the checker and gdb; under tasklist_lock (sched.h). */
extern struct list_head task_list;
/* Threads created and not yet completely reaped (stack and own reference
 * given back); atomic. */
extern unsigned long nr_threads;

#endif

/*
 * kernel/task.h - a kernel thread, as the scheduler sees it.
 *
 * Tern has only kernel threads (no user mode), but each is scheduled the
 * way Linux 2.5 scheduled processes.  The fields and their names follow
 * Linux 2.5's task_struct so that its scheduler reads the same here.
 *
 * Who may change what (the invariants kernel/sched_check.c verifies):
 *  - array, run_list, prio, cpu, time_slice, sleep_avg, sleep_timestamp:
 *    under the lock of the runqueue the task is on (task_rq(p)->lock),
 *    interrupts off;
 *  - state: by the task itself, or by whoever wakes it (under its rq lock);
 *  - cpus_allowed: by set_cpus_allowed() only, under the rq lock.
 */
#ifndef TERN_KERNEL_TASK_H
#define TERN_KERNEL_TASK_H

#include "lib/compiler.h"
#include "lib/cpumask.h"
#include "lib/list.h"

/* Priorities: 0..99 real-time (SCHED_FIFO/RR), 100..139 normal tasks (nice
 * -20..19).  Lower number, higher priority. */
#define MAX_RT_PRIO	   100
#define MAX_PRIO	   (MAX_RT_PRIO + 40)
#define MAX_USER_PRIO	   (MAX_PRIO - MAX_RT_PRIO)
#define NICE_TO_PRIO(nice) (MAX_RT_PRIO + (nice) + 20)
#define PRIO_TO_NICE(prio) ((prio)-MAX_RT_PRIO - 20)

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
	u64 saved_sp; /* kernel stack pointer while switched out; must stay
		       * first: hal_context_switch() stores it at offset 0 */
	volatile long state;
	int preempt_count; /* > 0: must not be preempted (holds a lock) */
	volatile bool need_resched; /* schedule() at the next chance */
	int pid;
	char name[TASK_NAME_LEN];

	int prio;	 /* dynamic priority: what the scheduler uses */
	int static_prio; /* from nice: NICE_TO_PRIO(nice) */
	int policy;
	int rt_priority;	 /* 1..99 for SCHED_FIFO/RR */
	unsigned long sleep_avg; /* ticks of recent sleep, <= MAX_SLEEP_AVG */
	unsigned long sleep_timestamp; /* jiffies when it last slept/ran */
	int time_slice;		       /* ticks left */
	bool first_time_slice;	       /* still on the slice fork gave it */

	cpumask_t cpus_allowed;
	unsigned cpu;		  /* the runqueue it is on (or last was) */
	struct prio_array *array; /* NULL when not queued */
	struct list_head run_list;

	struct task *parent;	/* its creator, which it took its first slice
				 * from (holding a reference until reaped), or
				 * NULL (created by an idle task or an interrupt)
				 */
	int usage;		/* references: its own until it is reaped, and
				 * one per get_task_struct(); freed at 0 */
	struct list_head tasks; /* on task_list from creation to reaping */
	void *stack_top;	/* initial stack pointer, guard page below; NULL
				 * once reaped */
	void (*fn)(void *);
	void *arg;

	bool counted_uninterruptible; /* asleep in TASK_UNINTERRUPTIBLE, in
				       * some rq's nr_uninterruptible */
	/* set_cpus_allowed() requests queued for it and not yet served
	 * (atomic: queued and served under different runqueue locks) */
	unsigned migration_pending;
	u64 check_mark; /* sched_check(): the pass that last saw it queued */
	/* The watchdog's: hal_cycles() when it last went to sleep in
	 * TASK_UNINTERRUPTIBLE (set by schedule() on its CPU), and whether
	 * it was reported hung. */
	u64 blocked_since;
	bool hung_reported;

	/* Statistics, for the monitor, gdb and the tests. */
	u64 nr_switches;   /* times switched in */
	u64 nr_migrations; /* times moved to another CPU */
	u64 ticks_run;	   /* timer ticks it was running for */
};

/* Every thread from its creation to its reaping (not the idle tasks), for
 * the monitor, the checker and gdb; under tasklist_lock (sched.h). */
extern struct list_head task_list;
/* Threads created and not yet completely reaped (stack and own reference
 * given back); atomic. */
extern unsigned long nr_threads;

#endif

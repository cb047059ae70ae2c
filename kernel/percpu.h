/*
 * kernel/percpu.h - data that each CPU has its own copy of.
 *
 * struct cpu_data is one per CPU, in the array cpu_data[].  A CPU finds its
 * own through a register the architecture sets once at start-up (the GS
 * base on x86), so this_cpu() is a single load and needs no lock: nobody
 * else writes another CPU's fields without saying so next to the field.
 */
#ifndef TERN_KERNEL_PERCPU_H
#define TERN_KERNEL_PERCPU_H

#include "kernel/hal.h"
#include "kernel/spinlock.h"
#include "kernel/tick_calc.h"
#include "lib/cpumask.h"
#include "lib/list.h"

struct cpu_data {
	/* Immutable once set up: self and id by percpu_init_cpu(), hw_id by
	 * the boot CPU's probe of the firmware tables, all before the CPU
	 * runs the scheduler. */
	struct cpu_data *self; /* must stay first: hal_this_cpu() reads it */
	u32 id;		       /* 0 .. NR_CPUS-1, the boot CPU is 0 */
	u32 hw_id;	       /* the firmware's number for it (APIC ID) */

	/* This CPU only: only this CPU writes them (in its interrupt
	 * handlers or with interrupts off); others (gdb, the monitor, the
	 * watchdog) read a snapshot, one word at a time. */
	struct task *curr_task; /* `current`: the task running here */
	int irq_depth;		/* > 0 while in an interrupt handler */
	volatile u64 ticks;	/* timer interrupts taken */
	volatile u64 ipis;	/* IPIs received (any kind) */
	/* what the timer interrupts accounted, by the cycle counter
	 * (kernel/time.h) */
	struct tick_account tick;
	/* Tickless idle (kernel/nohz.c).  The watchdog reads tick_stopped
	 * with an acquire load, to skip a CPU that idles without a tick. */
	volatile bool tick_stopped; /* its timer is stopped while it idles */
	u64 idle_from_ticks;	    /* `ticks` when it last began to idle */
	u64 tick_stops;		    /* times it stopped its tick, ever */

	/* Guarded by call_lock (taken with interrupts off): the
	 * smp_call_function requests for this CPU.  Other CPUs add, this one
	 * takes them off in its IPI handler. */
	spinlock_t call_lock;
	struct list_head call_queue;
};

extern struct cpu_data cpu_data[NR_CPUS];

/* Fill in cpu_data[cpu] (self, id, current = the CPU's idle task) and
 * return it; the arch then points its per-CPU register at it. */
struct cpu_data *percpu_init_cpu(unsigned cpu);

static inline struct cpu_data *this_cpu(void)
{
	return (struct cpu_data *)hal_this_cpu();
}

/* cpu_id() and `current` are each one load (hal_this_cpu_read32/64), never
 * this_cpu()->field: see hal_arch.h for why. */
BUILD_BUG_ON(sizeof(((struct cpu_data *)0)->id) != 4);
BUILD_BUG_ON(sizeof(((struct cpu_data *)0)->curr_task) != 8);

static inline u32 cpu_id(void)
{
	return hal_this_cpu_read32(offsetof(struct cpu_data, id));
}

/* In an interrupt or exception handler on this CPU?  (One load, as above.) */
static inline bool in_interrupt(void)
{
	return hal_this_cpu_read32(offsetof(struct cpu_data, irq_depth)) != 0;
}

/* The task running on this CPU.  Valid from the first C instruction: until
 * the scheduler starts, each CPU runs as its idle task. */
#define current                                                                \
	((struct task *)hal_this_cpu_read64(                                   \
	    offsetof(struct cpu_data, curr_task)))

#endif

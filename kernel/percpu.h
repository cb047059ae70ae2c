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
#include "lib/cpumask.h"
#include "lib/list.h"

struct cpu_data {
	struct cpu_data *self;	/* must stay first: hal_this_cpu() reads it */
	struct task *curr_task; /* `current`: the task running here; only this
				   CPU writes */
	u32 id;			/* 0 .. NR_CPUS-1, the boot CPU is 0 */
	u32 hw_id;		/* the firmware's number for it (APIC ID) */
	int irq_depth;		/* > 0 while in an interrupt handler */
	volatile u64 ticks; /* timer interrupts taken; only this CPU writes */
	volatile u64 ipis;  /* IPIs received (any kind) */

	/* smp_call_function requests for this CPU: other CPUs add, this one
	 * takes them off in its IPI handler.  Protected by call_lock. */
	struct list_head call_queue;
	spinlock_t call_lock;
};

extern struct cpu_data cpu_data[NR_CPUS];

/* Fill in cpu_data[cpu] (self, id, current = the CPU's idle task) and
 * return it; the arch then points its per-CPU register at it. */
struct cpu_data *percpu_init_cpu(unsigned cpu);

static inline struct cpu_data *this_cpu(void)
{
	return (struct cpu_data *)hal_this_cpu();
}

static inline u32 cpu_id(void)
{
	return this_cpu()->id;
}

/* The task running on this CPU.  Valid from the first C instruction: until
 * the scheduler starts, each CPU runs as its idle task. */
#define current (this_cpu()->curr_task)

#endif

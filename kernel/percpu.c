/*
 * kernel/percpu.c - the per-CPU areas.
 */
#include "kernel/percpu.h"
#include "kernel/sched.h"

struct cpu_data cpu_data[NR_CPUS];

struct cpu_data *percpu_init_cpu(unsigned cpu)
{
	struct cpu_data *c = &cpu_data[cpu];
	c->self = c;
	c->id = cpu;
	c->curr_task = sched_idle_task(cpu);
	return c;
}

/*
 * kernel/time.c - ticks, jiffies and delays.
 */
#include "kernel/time.h"
#include "kernel/hal.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/timer.h"

volatile u64 jiffies;

void timer_tick(void)
{
	struct cpu_data *c = this_cpu();
	c->ticks++;
	if (c->id == 0)
		jiffies++;
	run_timers();
	scheduler_tick();
}

u64 ms_since_boot(void)
{
	return (hal_cycles() - hal_boot_cycles()) / hal_cycles_per_ms();
}

void udelay(u64 us)
{
	u64 end = hal_cycles() + us * hal_cycles_per_ms() / 1000;
	while (hal_cycles() < end)
		hal_cpu_relax();
}

void mdelay(u64 ms)
{
	udelay(ms * 1000);
}

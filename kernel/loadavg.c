/*
 * kernel/loadavg.c - sampling the load average (loadavg.h).
 */
#include "kernel/loadavg.h"
#include "kernel/params.h"
#include "kernel/sched.h"
#include "kernel/sched_calc.h"
#include "kernel/smp.h"

unsigned long avenrun[3];

unsigned long nr_active(void)
{
	long n = 0;
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask) {
		struct runqueue *rq = cpu_rq(cpu);
		n += (long)READ_ONCE(rq->nr_running) +
		     READ_ONCE(rq->nr_uninterruptible);
	}
	return n > 0 ? (unsigned long)n : 0; /* a torn sum can dip below */
}

void loadavg_sample(void)
{
	unsigned long active = nr_active();
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}

void loadavg_tick(u64 from, u64 to)
{
	if (period_crossed(from, to,
			   ms_to_ticks(LOAD_FREQ_MS, (unsigned)params.hz)))
		loadavg_sample();
}

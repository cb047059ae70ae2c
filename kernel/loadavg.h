/*
 * kernel/loadavg.h - the load average, as Unix has always shown it.
 *
 * Every LOAD_FREQ_MS (5 s) the boot CPU's tick counts the "active" tasks:
 * those runnable (running or waiting for a CPU) plus those asleep in
 * TASK_UNINTERRUPTIBLE (waiting for something that must happen, such as a
 * completion - on Unix, a disk).  Three exponentially decaying averages of
 * that count are kept, over 1, 5 and 15 minutes:
 *
 *     load = load * e + active * (1 - e),   e = exp(-5 s / period)
 *
 * in fixed point with FSHIFT fractional bits, as Linux computes it (the
 * constants below are 2048 * exp(-5/60), exp(-5/300), exp(-5/900),
 * rounded).  After one period of a constant count n the average has come
 * 63% of the way to n (1 - 1/e); after five periods, over 99%.
 */
#ifndef TERN_KERNEL_LOADAVG_H
#define TERN_KERNEL_LOADAVG_H

#include "lib/compiler.h"

#define FSHIFT	     11
#define FIXED_1	     (1UL << FSHIFT) /* 1.0 */
#define LOAD_FREQ_MS 5000
#define EXP_1	     1884 /* 2048 * exp(-5/60) */
#define EXP_5	     2014 /* 2048 * exp(-5/300) */
#define EXP_15	     2037 /* 2048 * exp(-5/900) */

/* The integer part, and two decimals, of a fixed-point load. */
#define LOAD_INT(x)  ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

/* One step of the average: `load` and the result in fixed point, `active`
 * a plain count of tasks. */
static inline unsigned long calc_load(unsigned long load, unsigned long exp,
				      unsigned long active)
{
	return (load * exp + active * FIXED_1 * (FIXED_1 - exp)) >> FSHIFT;
}

/* avenrun[0..2]: the 1, 5 and 15 minute averages, fixed point. */
extern unsigned long avenrun[3];

/* Runnable plus uninterruptible tasks on all CPUs, now (no lock: a
 * snapshot, as exact as a sample every 5 s needs). */
unsigned long nr_active(void);
/* Take one sample now and fold it into avenrun (the tick does it every
 * LOAD_FREQ_MS on the boot CPU; tests may call it). */
void loadavg_sample(void);
/* From the boot CPU's scheduler_tick(): sample if a LOAD_FREQ_MS boundary
 * of its ticks was crossed between `from` and `to`. */
void loadavg_tick(u64 from, u64 to);

#endif

/*
 * kernel/time.h - the periodic tick, and jiffies.
 *
 * Every CPU's timer interrupts `hz` times a second (the `hz=` option) and
 * calls timer_tick() there.  Interrupts are not a clock, though: one that
 * comes late may be merged with the next (under an emulator, many are), so
 * counting interrupts falls behind.  The cycle counter is the clock
 * (ms_since_boot()); each tick asks it how many ticks have really passed
 * (kernel/tick_calc.h):
 *
 *  - `jiffies` is the number of whole ticks since the kernel was entered,
 *    so jiffies * 1000 / hz follows ms_since_boot() to within a tick or two
 *    however late the interrupts are.  Any CPU's tick brings it up to date;
 *    it never moves back, but it may move by more than one at a time: code
 *    must compare it with >= (time_after style), never with == or %.
 *  - each CPU counts, in its struct cpu_data, the interrupts it took
 *    (`ticks`) and, in `tick` (struct tick_account, tick_calc.h), the
 *    ticks of time they accounted, how many of those came without an
 *    interrupt of their own (`lost`), and the interrupts that found less
 *    than a whole tick to account (`early`):
 *        tick.accounted = ticks - tick.early + tick.lost
 *    The scheduler charges the running task what each interrupt accounted,
 *    not one tick per interrupt.
 */
#ifndef TERN_KERNEL_TIME_H
#define TERN_KERNEL_TIME_H

#include "lib/compiler.h"

/* No lock: only timer interrupts add to it, each with an atomic add for
 * the ticks its compare-and-swap on the claim stamp won (time.c); anyone
 * reads it with one load. */
extern volatile u64 jiffies;

/* Set up jiffies (boot CPU, once, before any timer starts). */
void time_init(void);
/* Start this CPU's periodic timer, and its tick accounting. */
void tick_start_cpu(void);
void tick_restart_cpu(void);
/* Called in the timer interrupt, on each CPU. */
void timer_tick(void);
/* Cycle-counter cycles per tick. */
u64 tick_cycles(void);

/* Milliseconds since the kernel was entered, from the cycle counter. */
u64 ms_since_boot(void);
/* Busy-wait, by the cycle counter. */
void udelay(u64 us);
void mdelay(u64 ms);

#endif

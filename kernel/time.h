/*
 * kernel/time.h - the periodic tick.
 *
 * Every CPU's timer interrupts `hz` times a second (the `hz=` option) and
 * calls timer_tick() there.  Each CPU counts its own ticks; CPU 0 alone
 * advances `jiffies`, the kernel's clock, so it moves by exactly one per
 * tick whatever the number of CPUs.
 */
#ifndef TERN_KERNEL_TIME_H
#define TERN_KERNEL_TIME_H

#include "lib/compiler.h"

extern volatile u64 jiffies;

/* Called in the timer interrupt, on each CPU. */
void timer_tick(void);

/* Milliseconds since the kernel was entered, from the cycle counter. */
u64 ms_since_boot(void);
/* Busy-wait, by the cycle counter. */
void udelay(u64 us);
void mdelay(u64 ms);

#endif

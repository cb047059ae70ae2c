/*
 * kernel/tick_calc.h - how many ticks have passed, from the cycle counter.
 *
 * A periodic timer interrupt is a poor clock: an interrupt that comes late
 * (interrupts were off, or, under an emulator, the virtual CPU was not
 * running) may find the next one already due, and the interrupt controller
 * merges the two - one tick is lost for good.  The cycle counter loses
 * nothing.  So, as Linux 2.4/2.6 on i386 did with the TSC ("lost ticks"),
 * each tick asks the cycle counter how many whole ticks have passed since
 * the last one it accounted, accounts them all, and keeps the remainder for
 * next time: a stamp that only ever moves forward by whole ticks.
 *
 *   stamp            now
 *     |-----|-----|--+
 *      tick  tick  remainder (stays: the stamp moves to the last "|")
 *
 * A tick that comes a little early (the interrupt jitters) finds less than
 * a whole tick since the stamp and accounts nothing; the next one accounts
 * two.  The stamp never moves back, and never past `now`, so no tick is
 * counted twice and none is dropped.
 *
 * Pure functions: tests/test_tick.c checks them on the host.
 */
#ifndef TERN_KERNEL_TICK_CALC_H
#define TERN_KERNEL_TICK_CALC_H

#include "lib/compiler.h"

/* Cycle-counter cycles in one tick at `hz` (at least 1). */
u64 cycles_per_tick(u64 cycles_per_ms, unsigned hz);

/*
 * The whole ticks of `cycles_per_tick` cycles from *stamp up to `now`;
 * *stamp moves forward by exactly that many ticks, the remainder stays.
 * A `now` before *stamp (an early tick, or another CPU's cycle counter a
 * little behind) counts as no time at all.  The counter may wrap.
 */
u64 ticks_elapsed(u64 *stamp, u64 now, u64 cycles_per_tick);

/*
 * One CPU's tick accounting (struct cpu_data's `tick`).  Only its own timer
 * interrupt writes it; other CPUs read it with READ_ONCE.
 *      accounted = interrupts taken - early + lost
 */
struct tick_account {
	/* This CPU only: its timer interrupt's own bookkeeping. */
	u64 stamp;	/* cycle count up to which ticks are accounted */
	u64 last;	/* cycle count at the last interrupt */
	u64 last_ticks; /* ticks the last interrupt accounted */

	/* Written by this CPU's timer interrupt; read by others (the
	 * monitor, trace stats) one word at a time, with READ_ONCE. */
	u64 accounted; /* ticks of time the interrupts found had passed */
	u64 lost;      /* of those, ticks without an interrupt of their own
			* (late interrupts merged with the next) */
	u64 early;     /* interrupts that found less than a whole tick since
			* the stamp and accounted nothing (they came early,
			* or the one before came late and took their tick) */
};

/* Start accounting at `now` (when the CPU starts its timer). */
void tick_account_start(struct tick_account *a, u64 now);
/* The timer starts again at `now` after a pause (tickless idle): the
 * time of the pause is nobody's to account; the counts stay. */
void tick_account_resume(struct tick_account *a, u64 now);
/* A timer interrupt at `now`: account the ticks that passed since the
 * last one and return how many (usually 1; 0 early; more after lost ones). */
u64 tick_account(struct tick_account *a, u64 now, u64 cycles_per_tick);

#endif

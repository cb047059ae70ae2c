/*
 * kernel/time.c - ticks, jiffies and delays.
 *
 * See time.h for what the counters mean, and tick_calc.h for the
 * arithmetic: ticks are counted from the cycle counter, not from the
 * interrupts, so that lost interrupts lose no time.
 */
#include "kernel/time.h"
#include "kernel/hal.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/tick_calc.h"
#include "kernel/timer.h"
#include "kernel/trace.h"
#include "kernel/watchdog.h"

volatile u64 jiffies;

static u64 cycles_per_tick_; /* set once by time_init() */
/* The cycle count up to which jiffies has been claimed: always
 * hal_boot_cycles() + (jiffies claimed) * cycles_per_tick_. */
static u64 jiffies_stamp;

u64 tick_cycles(void)
{
	return cycles_per_tick_;
}

/*
 * Bring jiffies up to `now`.  Any CPU's tick may do it, several at once:
 * each one claims the ticks from jiffies_stamp to its `now` by moving the
 * stamp with a compare-and-swap, and only the CPU whose swap succeeded adds
 * them.  So each tick is claimed once, and jiffies only grows.  (A CPU
 * that lost the race sees the new stamp and claims what is left, usually
 * nothing.)
 */
static void jiffies_catch_up(u64 now)
{
	u64 old = __atomic_load_n(&jiffies_stamp, __ATOMIC_ACQUIRE);
	for (;;) {
		u64 stamp = old;
		u64 n = ticks_elapsed(&stamp, now, cycles_per_tick_);
		if (!n)
			return;
		if (__atomic_compare_exchange_n(&jiffies_stamp, &old, stamp,
						false, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE)) {
			__atomic_fetch_add(&jiffies, n, __ATOMIC_RELEASE);
			return;
		}
	}
}

void time_init(void)
{
	cycles_per_tick_ =
	    cycles_per_tick(hal_cycles_per_ms(), (unsigned)params.hz);
	jiffies_stamp = hal_boot_cycles();
	/* the time since the kernel was entered counts too: jiffies starts
	 * where ms_since_boot() is, not at 0 */
	jiffies_catch_up(hal_cycles());
}

void tick_start_cpu(void)
{
	struct cpu_data *c = this_cpu();
	/* The timer's periods start now, so its interrupts come just after
	 * each whole tick of the stamp, and an interrupt can be late by most of
	 * a tick and still account just its own.  (Its rate was measured
	 * against the cycle counter over 10 ms; what that measure got wrong
	 * shows as a lost tick now and then if the timer is slow, an early
	 * interrupt if it is fast.) */
	tick_account_start(&c->tick, hal_cycles());
	hal_timer_start((unsigned)params.hz);
}

/* After a tickless idle (kernel/nohz.c): the same, but the counts since
 * boot go on (the pause itself is accounted to nobody). */
void tick_restart_cpu(void)
{
	tick_account_resume(&this_cpu()->tick, hal_cycles());
	hal_timer_start((unsigned)params.hz);
}

void timer_tick(void)
{
	struct cpu_data *c = this_cpu();
	u64 now = hal_cycles();

	c->ticks++;
	watchdog_tick(now);
	jiffies_catch_up(now);
	tick_account(&c->tick, now, cycles_per_tick_);
	run_timers();
	trace_tick(current);
	scheduler_tick(); /* charges c->tick.last_ticks */
}

u64 ms_since_boot(void)
{
	return (hal_cycles() - hal_boot_cycles()) / hal_cycles_per_ms();
}

/*
 * Reads the cycle counter every few dozen pauses, not flat out: a
 * microsecond or two of slack here, but under QEMU's TCG every read takes
 * a lock that all virtual CPUs share (cpu_get_ticks()), and every CPU's
 * tick now reads it too; one CPU spinning on it starves them all of
 * timer interrupts, itself the most (docs/smp.md).
 */
void udelay(u64 us)
{
	u64 end = hal_cycles() + us * hal_cycles_per_ms() / 1000;
	while (hal_cycles() < end)
		for (int i = 0; i < 32; i++)
			hal_cpu_relax();
}

void mdelay(u64 ms)
{
	udelay(ms * 1000);
}

/*
 * kernel/tick_calc.c - ticks from the cycle counter (see tick_calc.h).
 */
#include "kernel/tick_calc.h"

u64 cycles_per_tick(u64 cycles_per_ms, unsigned hz)
{
	u64 c = cycles_per_ms * 1000 / (hz ? hz : 1);
	return c ? c : 1;
}

u64 ticks_elapsed(u64 *stamp, u64 now, u64 cycles_per_tick)
{
	u64 delta = now - *stamp;
	if ((s64)delta < 0) /* now is before the stamp */
		return 0;
	u64 ticks = delta / cycles_per_tick;
	*stamp += ticks * cycles_per_tick;
	return ticks;
}

void tick_account_start(struct tick_account *a, u64 now)
{
	*a = (struct tick_account){.stamp = now, .last = now};
}

void tick_account_resume(struct tick_account *a, u64 now)
{
	a->stamp = a->last = now;
}

u64 tick_account(struct tick_account *a, u64 now, u64 cycles_per_tick)
{
	u64 n = ticks_elapsed(&a->stamp, now, cycles_per_tick);
	a->last = now;
	a->last_ticks = n;
	a->accounted += n;
	if (n == 0)
		a->early++;
	else
		a->lost += n - 1;
	return n;
}

/*
 * tools/ia64sim/tests/smp/timer.c - the interval timer on every CPU: each
 * arms cr.itm every 100,000 cycles (rt.S re-arms it from the handler) and
 * sleeps in PAL_HALT_LIGHT between ticks, until it has had 20.  While
 * every CPU sleeps, the simulator jumps to the next tick: most of the
 * run's time must pass that way (expect-idle below).
 *
 * ia64sim-args: -smp 32
 * also-smp: 1 2 3 64 255
 * expect-idle: 90
 * Expected (timer.out): every CPU counted 20 ticks, none came early
 * (the boot CPU's ar.itc moved at least 20 x 100000), no other interrupt.
 */
#include "smp.h"

#define TICKS  20
#define PERIOD 100000

static volatile u64 done;

static void count_ticks(u64 id)
{
	interrupts_init();
	timer_start();
	irq_off();
	while (ticks[id] < TICKS)
		wait_for_interrupt();
	asm volatile("mov cr.itv = %0;;" ::"r"(1ul << 16)); /* masked */
	irq_on();
}

void ap_main(u64 id)
{
	count_ticks(id);
	__sync_fetch_and_add(&done, 1);
}

int main(struct boot_param *bp)
{
	static struct machine_info mi;
	machine_info(&mi, bp);
	tick_cycles = PERIOD;
	wake_aps(&mi);
	u64 start = itc();
	count_ticks(lid() >> 24 & 0xff);
	u64 elapsed = itc() - start;
	while (done != mi.ncpu - 1)
		;
	unsigned right = 0, other = 0;
	for (unsigned i = 0; i < mi.ncpu; i++) {
		right += ticks[mi.id[i]] == TICKS;
		other += others[mi.id[i]] + ipis[mi.id[i]];
	}
	put_str("cpus with 20 ticks: ");
	put_u64(right);
	put_str("\nitc moved 20 periods: ");
	put_str(elapsed >= TICKS * PERIOD ? "yes" : "no");
	put_str("\nother interrupts: ");
	put_u64(other);
	put_char('\n');
	return right == mi.ncpu && !other && elapsed >= TICKS * PERIOD ? 0 : 1;
}

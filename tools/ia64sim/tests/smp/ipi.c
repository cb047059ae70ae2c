/*
 * tools/ia64sim/tests/smp/ipi.c - a token passed around every CPU by IPIs,
 * three times.  Each CPU sleeps in PAL_HALT_LIGHT until its interrupt
 * comes (rt.S counts it in ipis[id]), then sends the token to the next
 * CPU; the last one sends it back to the boot CPU.
 *
 * ia64sim-args: -smp 32
 * also-smp: 1 2 3 64 255
 * Expected (ipi.out): 3 rounds through 32 CPUs, every CPU got exactly 3
 * IPIs and no other interrupt.
 */
#include "smp.h"

#define ROUNDS 3

static struct machine_info mi;
static volatile u64 ready;

static unsigned index_of(u64 id)
{
	for (unsigned i = 0; i < mi.ncpu; i++)
		if (mi.id[i] == id)
			return i;
	return 0;
}

/* Wait for IPI number n, then pass the token on. */
static void take_and_pass(u64 id, unsigned n)
{
	irq_off();
	while (ipis[id] < n)
		wait_for_interrupt();
	irq_on();
	unsigned next = (index_of(id) + 1) % mi.ncpu;
	send_ipi(mi.id[next], mi.eid[next], IPI_VECTOR);
}

void ap_main(u64 id)
{
	interrupts_init();
	__sync_fetch_and_add(&ready, 1);
	for (unsigned n = 1; n <= ROUNDS; n++)
		take_and_pass(id, n);
}

int main(struct boot_param *bp)
{
	machine_info(&mi, bp);
	interrupts_init();
	wake_aps(&mi);
	while (ready != mi.ncpu - 1)
		;
	u64 me = lid() >> 24 & 0xff;
	send_ipi(mi.id[1], mi.eid[1], IPI_VECTOR); /* the token starts */
	for (unsigned n = 1; n < ROUNDS; n++)
		take_and_pass(me, n);
	irq_off();
	while (ipis[me] < ROUNDS)
		wait_for_interrupt();
	unsigned right = 0, other = 0;
	for (unsigned i = 0; i < mi.ncpu; i++) {
		right += ipis[mi.id[i]] == ROUNDS;
		other += others[mi.id[i]];
	}
	put_str("rounds: ");
	put_u64(ROUNDS);
	put_str("\ncpus with 3 IPIs: ");
	put_u64(right);
	put_str("\nother interrupts: ");
	put_u64(other);
	put_char('\n');
	return right == mi.ncpu && !other ? 0 : 1;
}

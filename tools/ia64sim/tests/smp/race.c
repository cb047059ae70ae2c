/*
 * tools/ia64sim/tests/smp/race.c - a data race, on purpose: every CPU
 * increments one counter 5,000 times with a plain load, add and store,
 * so increments are lost whenever one CPU's turn ends between another's
 * load and store.  How many are lost depends on the interleaving - on
 * --seed, and on nothing else.
 *
 * ia64sim-args: -smp 32
 * determinism: the same seed twice gives the same output and final
 * state; seeds 1, 2 and 3 do not all give the same output.
 */
#include "smp.h"

#define ADDS 5000

static volatile u64 counter, done;

static void race(void)
{
	for (int i = 0; i < ADDS; i++)
		counter = counter + 1;
}

void ap_main(u64 id)
{
	(void)id;
	race();
	__sync_fetch_and_add(&done, 1);
}

int main(struct boot_param *bp)
{
	static struct machine_info mi;
	machine_info(&mi, bp);
	wake_aps(&mi);
	race();
	while (done != mi.ncpu - 1)
		;
	put_str("counter: ");
	put_u64(counter);
	put_str(" of ");
	put_u64((u64)ADDS * mi.ncpu);
	put_char('\n');
	return 0;
}

/*
 * tools/ia64sim/tests/smp/fetchadd.c - every CPU adds to one counter with
 * fetchadd, 20,000 times: no update may be lost.  Also checks the tables
 * the firmware gives (MADT: one enabled LSAPIC per CPU) and that each AP
 * starts at the boot rendezvous with its own id.
 *
 * ia64sim-args: -smp 32
 * also-smp: 1 2 3 64 255
 * Expected (fetchadd.out): 32 CPUs, each started once, and the counter
 * at 32 x 20000 = 640000.
 */
#include "smp.h"

#define ADDS 20000

static volatile u64 counter, done, started[256];

void ap_main(u64 id)
{
	started[id]++;
	for (int i = 0; i < ADDS; i++)
		__sync_fetch_and_add(&counter, 1);
	__sync_fetch_and_add(&done, 1);
}

int main(struct boot_param *bp)
{
	static struct machine_info mi;
	machine_info(&mi, bp);
	put_str("cpus in the MADT: ");
	put_u64(mi.ncpu);
	put_char('\n');
	wake_aps(&mi);
	for (int i = 0; i < ADDS; i++)
		__sync_fetch_and_add(&counter, 1);
	while (done != mi.ncpu - 1)
		;
	unsigned once = 0;
	for (unsigned i = 0; i < mi.ncpu; i++)
		once +=
		    mi.id[i] == (lid() >> 24 & 0xff) || started[mi.id[i]] == 1;
	put_str("started once: ");
	put_u64(once);
	put_str("\ncounter: ");
	put_u64(counter);
	put_char('\n');
	return counter == (u64)ADDS * mi.ncpu && once == mi.ncpu ? 0 : 1;
}

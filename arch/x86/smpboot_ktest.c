/*
 * arch/x86/smpboot_ktest.c - how the boot CPU started the APs, from its own
 * record (ap_start_log, smpboot.h), against the Intel SDM's sequence
 * (vol. 3, "MP initialization": INIT, 10 ms, STARTUP, 200 us, STARTUP).
 *
 * Every check but the last is about one AP: an INIT, then at least 10 ms
 * later a STARTUP (the AP needs that long to come out of reset), at most
 * one more STARTUP and not before 200 us, and no INIT after a STARTUP (it
 * would reset the AP again).  The last one is about all of them: Tern
 * starts every AP at once, so at some moment every AP has had its INIT and
 * none is online yet - ap_start_log.max_in_flight equals the number of
 * APs.  Started one after the other, it is 1.  All of this is what the boot
 * CPU did, not how fast the emulator ran it: the same on every run.
 *
 * Expected output, on the reference kernel at any -smp (with one CPU there
 * is nothing to check): `PASS smpboot_all_aps_at_once`.  Lab 9
 * (docs/labs/lab9.md) grades a student's sequence with it.
 */
#include "arch/x86/smpboot.h"
#include "kernel/hal.h"
#include "kernel/ktest.h"

static u64 cycles_to_us(u64 cycles)
{
	return cycles * 1000 / hal_cycles_per_ms();
}

KTEST(smpboot_all_aps_at_once)
{
	const struct ap_start_log *log = &ap_start_log;
	unsigned cpu, aps = cpumask_weight(&log->aps);

	for_each_cpu(cpu, &log->aps) {
		if (!log->inits[cpu])
			KT_FAIL("cpu %u got no INIT; a CPU the firmware has "
				"already woken (to count the CPUs) ignores "
				"STARTUP until INIT resets it",
				cpu);
		if (!log->startups[cpu])
			KT_FAIL("cpu %u got INIT but no STARTUP", cpu);
		if (log->last_init_at[cpu] > log->first_startup_at[cpu])
			KT_FAIL("cpu %u got an INIT after its STARTUP: INIT "
				"resets a CPU that has started",
				cpu);
		u64 wait = cycles_to_us(log->first_startup_at[cpu] -
					log->last_init_at[cpu]);
		if (wait < 10000)
			KT_FAIL("cpu %u got STARTUP %llu us after INIT; the "
				"SDM asks for 10 ms (an AP comes out of reset "
				"in that time)",
				cpu, wait);
		if (log->startups[cpu] > 2)
			KT_FAIL("cpu %u got %u STARTUPs; two at most: the "
				"second is only for a CPU that missed the "
				"first",
				cpu, log->startups[cpu]);
		wait = cycles_to_us(log->last_startup_at[cpu] -
				    log->first_startup_at[cpu]);
		if (log->startups[cpu] == 2 && wait < 200)
			KT_FAIL("cpu %u got its second STARTUP %llu us after "
				"the first; the SDM asks for 200 us",
				cpu, wait);
	}
	if (log->max_in_flight != aps)
		KT_FAIL("at most %u of the %u APs were in flight at once (sent "
			"INIT, not yet online): they were started one after "
			"another, each paying the waits again; start them all "
			"at once",
			log->max_in_flight, aps);
}

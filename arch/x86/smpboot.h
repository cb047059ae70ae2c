/*
 * arch/x86/smpboot.h - starting the application processors (smpboot.c).
 *
 * An AP is started with two IPIs from the boot CPU: INIT (reset, then wait
 * for STARTUP) and STARTUP (begin executing at the page its vector names:
 * the trampoline's).  ap_send_init() and ap_send_startup() send them and
 * note each in ap_start_log, the boot CPU's record of how it started the
 * APs, which the ktest smpboot_all_aps_at_once (smpboot_ktest.c) checks
 * against the Intel SDM's sequence (docs/smp.md, docs/labs/lab9.md).
 */
#ifndef TERN_ARCH_X86_SMPBOOT_H
#define TERN_ARCH_X86_SMPBOOT_H

#include "lib/compiler.h"
#include "lib/cpumask.h"

struct ap_start_log {
	cpumask_t aps;		/* the APs hal_smp_boot() set out to start */
	unsigned max_in_flight; /* most APs sent INIT and not yet online at
				   once, counted at every IPI sent */
	/* per logical CPU: IPIs sent, and when (cycle counter) */
	u8 inits[NR_CPUS];
	u8 startups[NR_CPUS];
	u64 last_init_at[NR_CPUS];
	u64 first_startup_at[NR_CPUS];
	u64 last_startup_at[NR_CPUS];
};

extern struct ap_start_log ap_start_log;

void ap_send_init(unsigned cpu);
void ap_send_startup(unsigned cpu);

#endif

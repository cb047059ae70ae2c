/*
 * tests/fuzz/fuzz_platform.h - what any firmware-table parser must leave
 * in struct platform, whatever the tables said: counts within the arrays,
 * and, when it reports success, at least one CPU to run on.  Shared by the
 * ACPI and MP table fuzz targets.
 */
#ifndef TERN_TESTS_FUZZ_FUZZ_PLATFORM_H
#define TERN_TESTS_FUZZ_FUZZ_PLATFORM_H

#include "arch/x86/platform.h"
#include "tests/fuzz/fuzz.h"

static inline void fuzz_check_platform(const struct platform *p, int ret)
{
	fuzz_check(p->nr_cpus >= 0 && p->nr_cpus <= PLATFORM_MAX_CPUS);
	fuzz_check(p->nr_ioapics >= 0 && p->nr_ioapics <= PLATFORM_MAX_IOAPICS);
	fuzz_check(p->nr_overrides >= 0 &&
		   p->nr_overrides <= PLATFORM_MAX_OVERRIDES);
	fuzz_check(p->nr_nmis >= 0 && p->nr_nmis <= PLATFORM_MAX_NMIS);
	if (ret == 0) {
		int on = 0;
		for (int i = 0; i < p->nr_cpus; i++)
			on += p->cpus[i].enabled;
		fuzz_check(on > 0);
	}
}

#endif

/*
 * arch/x86/platform_fill.c - the steps both table parsers (acpi.c for the
 * MADT, mptable.c for the MP table) take to fill `struct platform`.
 *
 * The two tables describe the same things in different encodings: each
 * parser decodes its own entries and hands the facts to these functions,
 * so that what happens when an array is full, or an APIC ID comes twice,
 * is decided once.  Like the parsers, this file only prints, so the host
 * tests (tests/test_acpi.c) run it too.  Called at boot, from
 * platform_init() on the boot CPU, and from the host tests; no lock.
 */
#include "arch/x86/platform.h"
#include "kernel/printk.h"

/* Forget every CPU and interrupt fact: before a parse, or after a bad
 * table, so nothing of it is trusted.  The S5 facts stay. */
void platform_clear_topology(struct platform *p)
{
	p->lapic_phys = 0;
	p->pcat_compat = false;
	p->nr_cpus = p->nr_cpus_dropped = 0;
	p->nr_ioapics = p->nr_overrides = p->nr_nmis = 0;
}

int platform_enabled_cpus(const struct platform *p)
{
	int n = 0;

	for (int i = 0; i < p->nr_cpus; i++)
		n += p->cpus[i].enabled;
	return n;
}

bool platform_cpu_listed(const struct platform *p, u32 apic_id)
{
	for (int i = 0; i < p->nr_cpus; i++)
		if (p->cpus[i].apic_id == apic_id)
			return true;
	return false;
}

/* Past PLATFORM_MAX_CPUS a CPU is counted, not kept: print_summary()
 * says how many, so it is not lost silently. */
void platform_add_cpu(struct platform *p, u32 apic_id, u32 uid, bool enabled,
		      bool bsp)
{
	if (p->nr_cpus == PLATFORM_MAX_CPUS) {
		p->nr_cpus_dropped++;
		return;
	}
	p->cpus[p->nr_cpus++] = (struct platform_cpu){
	    .apic_id = apic_id,
	    .acpi_uid = uid,
	    .enabled = enabled,
	    .bsp = bsp,
	};
}

struct platform_ioapic *platform_add_ioapic(struct platform *p, const char *who,
					    u32 id)
{
	if (p->nr_ioapics == PLATFORM_MAX_IOAPICS) {
		pr_warn("%s: more than %d IOAPICs; IOAPIC %u is ignored\n", who,
			PLATFORM_MAX_IOAPICS, id);
		return NULL;
	}
	p->ioapics[p->nr_ioapics] = (struct platform_ioapic){.id = id};
	return &p->ioapics[p->nr_ioapics++];
}

void platform_add_nmi(struct platform *p, const char *who, u32 uid, u8 lint,
		      u16 flags)
{
	if (p->nr_nmis == PLATFORM_MAX_NMIS) {
		pr_warn("%s: more than %d local NMI entries; the rest are "
			"ignored\n",
			who, PLATFORM_MAX_NMIS);
		return;
	}
	p->nmis[p->nr_nmis++] = (struct platform_nmi){
	    .acpi_uid = uid,
	    .lint = lint,
	    .flags = flags,
	};
}

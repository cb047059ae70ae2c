/*
 * arch/x86/platform_ktest.c - the firmware tables of the machine we booted
 * on, read by platform_init(), checked for consistency.
 *
 * The kernel cannot know what QEMU's -smp said, except by asking QEMU: its
 * fw_cfg device (I/O ports 0x510/0x511) reports the number of CPUs.  The
 * other checks hold on any machine: the CPU running the test is listed
 * exactly once, APIC IDs are unique, the local APIC address matches the
 * IA32_APIC_BASE MSR, every override lands on an IOAPIC input.
 *
 * Each test calls platform_init() itself (it is idempotent), so they also
 * run on a kernel that does not call it during boot.
 */
#include "arch/x86/io.h"
#include "arch/x86/platform.h"
#include "kernel/ktest.h"
#include "lib/string.h"

#define MSR_APIC_BASE	 0x1b
#define FW_CFG_SELECTOR	 0x510
#define FW_CFG_DATA	 0x511
#define FW_CFG_SIGNATURE 0x00
#define FW_CFG_NB_CPUS	 0x05

/* The APIC ID of the CPU running this, straight from CPUID. */
static u32 my_apic_id(void)
{
	u32 a, b, c, d;

	cpuid(0, 0, &a, &b, &c, &d);
	if (a >= 0xb) {
		cpuid(0xb, 0, &a, &b, &c, &d);
		if (b)
			return d; /* the 32-bit x2APIC ID */
	}
	cpuid(1, 0, &a, &b, &c, &d);
	return b >> 24;
}

static u32 fw_cfg_read(u16 key, int bytes)
{
	u32 v = 0;

	outw(FW_CFG_SELECTOR, key);
	for (int i = 0; i < bytes; i++)
		v |= (u32)inb(FW_CFG_DATA) << (8 * i);
	return v;
}

/* QEMU's -smp count of CPUs present at boot, or 0 when not under QEMU. */
static int qemu_cpus(void)
{
	if (fw_cfg_read(FW_CFG_SIGNATURE, 4) != 0x554d4551) /* "QEMU" */
		return 0;
	return (int)fw_cfg_read(FW_CFG_NB_CPUS, 2);
}

static int enabled_cpus(void)
{
	int n = 0;

	for (int i = 0; i < platform.nr_cpus; i++)
		n += platform.cpus[i].enabled;
	return n;
}

/* Expected: under QEMU (which always has ACPI, unless started with
 * acpi=off) the tables come from ACPI and include the power-off data. */
KTEST(platform_source_is_acpi)
{
	KT_EXPECT_EQ(platform_init(), 0);
	KT_EXPECT_STR(platform.source, "ACPI");
	KT_ASSERT(platform.pm1a_cnt != 0);
	KT_ASSERT(platform.have_s5);
}

/* Expected: the firmware lists as many usable CPUs as QEMU's -smp. */
KTEST(platform_cpu_count_matches_qemu)
{
	int want = qemu_cpus();

	platform_init();
	KT_ASSERT(enabled_cpus() >= 1);
	KT_EXPECT_EQ(platform.nr_cpus_dropped, 0);
	if (!want) {
		ktest_skip("no QEMU fw_cfg: no CPU count to compare with");
		return;
	}
	if (strcmp(platform.source, "MP table") == 0) {
		ktest_skip(
		    "CPUs from the MP table, where SeaBIOS lists one CPU "
		    "per socket: no count to compare with");
		return;
	}
	KT_EXPECT_EQ(enabled_cpus(), want);
}

/* Expected: exactly one entry is the CPU running this test, enabled. */
KTEST(platform_lists_this_cpu_once)
{
	u32 me = my_apic_id();
	int found = 0;

	platform_init();
	for (int i = 0; i < platform.nr_cpus; i++)
		if (platform.cpus[i].apic_id == me) {
			found++;
			KT_ASSERT(platform.cpus[i].enabled);
		}
	KT_EXPECT_EQ(found, 1);
}

/* Expected: no APIC ID appears twice (one IPI must reach one CPU). */
KTEST(platform_apic_ids_unique)
{
	platform_init();
	for (int i = 0; i < platform.nr_cpus; i++)
		for (int j = i + 1; j < platform.nr_cpus; j++)
			if (platform.cpus[i].apic_id ==
			    platform.cpus[j].apic_id)
				KT_FAIL("APIC ID %u is listed at %d and %d",
					platform.cpus[i].apic_id, i, j);
}

/* Expected: the local APIC is where the CPU itself says it is. */
KTEST(platform_lapic_matches_msr)
{
	u64 msr_base = rdmsr(MSR_APIC_BASE) & 0x000ffffffffff000ULL;

	platform_init();
	KT_EXPECT_EQ(platform.lapic_phys, msr_base);
}

/* Expected: at least one IOAPIC, its registers below 4 GiB, GSI ranges
 * that do not overlap, and every override landing on an IOAPIC input. */
KTEST(platform_ioapics_and_overrides_sane)
{
	platform_init();
	KT_ASSERT(platform.nr_ioapics >= 1);
	for (int i = 0; i < platform.nr_ioapics; i++) {
		const struct platform_ioapic *a = &platform.ioapics[i];
		KT_ASSERT(a->phys != 0 && a->phys < (1ULL << 32));
		KT_ASSERT(a->nr_pins >= 1 && a->nr_pins <= 256);
		for (int j = i + 1; j < platform.nr_ioapics; j++) {
			const struct platform_ioapic *b = &platform.ioapics[j];
			KT_ASSERT(a->gsi_base + a->nr_pins <= b->gsi_base ||
				  b->gsi_base + b->nr_pins <= a->gsi_base);
		}
	}
	for (int i = 0; i < platform.nr_overrides; i++) {
		const struct platform_override *o = &platform.overrides[i];
		bool served = false;
		KT_ASSERT(o->bus_irq < 16);
		for (int j = 0; j < platform.nr_ioapics; j++) {
			const struct platform_ioapic *a = &platform.ioapics[j];
			served |= o->gsi >= a->gsi_base &&
				  o->gsi < a->gsi_base + a->nr_pins;
		}
		if (!served)
			KT_FAIL("IRQ %u -> GSI %u: no IOAPIC has that input",
				o->bus_irq, o->gsi);
	}
}

static bool same_platform(const struct platform *a, const struct platform *b)
{
	if (strcmp(a->source, b->source) || a->lapic_phys != b->lapic_phys ||
	    a->pcat_compat != b->pcat_compat || a->nr_cpus != b->nr_cpus ||
	    a->nr_cpus_dropped != b->nr_cpus_dropped ||
	    a->nr_ioapics != b->nr_ioapics ||
	    a->nr_overrides != b->nr_overrides || a->nr_nmis != b->nr_nmis ||
	    a->pm1a_cnt != b->pm1a_cnt || a->pm1b_cnt != b->pm1b_cnt ||
	    a->have_s5 != b->have_s5 || a->slp_typ_a != b->slp_typ_a ||
	    a->slp_typ_b != b->slp_typ_b)
		return false;
	for (int i = 0; i < a->nr_cpus; i++)
		if (a->cpus[i].apic_id != b->cpus[i].apic_id ||
		    a->cpus[i].acpi_uid != b->cpus[i].acpi_uid ||
		    a->cpus[i].enabled != b->cpus[i].enabled ||
		    a->cpus[i].bsp != b->cpus[i].bsp)
			return false;
	for (int i = 0; i < a->nr_ioapics; i++)
		if (a->ioapics[i].id != b->ioapics[i].id ||
		    a->ioapics[i].phys != b->ioapics[i].phys ||
		    a->ioapics[i].gsi_base != b->ioapics[i].gsi_base ||
		    a->ioapics[i].nr_pins != b->ioapics[i].nr_pins)
			return false;
	for (int i = 0; i < a->nr_overrides; i++)
		if (a->overrides[i].bus_irq != b->overrides[i].bus_irq ||
		    a->overrides[i].gsi != b->overrides[i].gsi ||
		    a->overrides[i].flags != b->overrides[i].flags)
			return false;
	for (int i = 0; i < a->nr_nmis; i++)
		if (a->nmis[i].acpi_uid != b->nmis[i].acpi_uid ||
		    a->nmis[i].lint != b->nmis[i].lint ||
		    a->nmis[i].flags != b->nmis[i].flags)
			return false;
	return true;
}

/* Expected: a second platform_init() gives exactly the same description
 * (and the same return value) as the first. */
KTEST(platform_init_idempotent)
{
	static struct platform first; /* too big for the stack */
	int r1 = platform_init();

	memcpy(&first, &platform, sizeof(first));
	KT_EXPECT_EQ(platform_init(), r1);
	KT_ASSERT(same_platform(&first, &platform));
}

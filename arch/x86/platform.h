/*
 * arch/x86/platform.h - what the firmware tables say about this machine.
 *
 * Filled once at boot by platform_init() from ACPI (the MADT, and the FADT
 * for power-off) or, when there is no ACPI, from the MultiProcessor
 * Specification's MP table.  The rest of arch/x86 (AP start-up, the IOAPIC,
 * power-off) reads only this struct, never the tables themselves.
 */
#ifndef TERN_ARCH_X86_PLATFORM_H
#define TERN_ARCH_X86_PLATFORM_H

#include "kernel/acpi.h"
#include "lib/compiler.h"

#define PLATFORM_MAX_CPUS      1024 /* entries kept; more are counted, not kept */
#define PLATFORM_MAX_IOAPICS   8
#define PLATFORM_MAX_OVERRIDES 24
#define PLATFORM_MAX_NMIS      8

struct platform_cpu {
	u32 apic_id;  /* local APIC ID (x2APIC ID for x2APIC entries) */
	u32 acpi_uid; /* ACPI processor UID (MP table: the APIC ID) */
	bool enabled; /* usable: MADT flag "enabled" / MP "CPU enabled" */
	bool bsp;     /* the MP table marks the boot CPU; ACPI does not */
};

struct platform_ioapic {
	u32 id;
	u64 phys;     /* MMIO base */
	u32 gsi_base; /* first global system interrupt it serves */
	u32 nr_pins;  /* its redirection entries (read from the IOAPIC's
		       * version register: the tables do not say); 0 when
		       * unknown.  It serves GSIs gsi_base .. + nr_pins - 1. */
};

/* An ISA IRQ that is not wired to the GSI of the same number, or whose
 * polarity/trigger differ from ISA's (active high, edge). */
struct platform_override {
	u8 bus_irq;
	u32 gsi;
	u16 flags; /* MPS INTI flags: bits 0-1 polarity, 2-3 trigger mode */
};

/* Which local APIC input (LINT0/1) is the NMI, for which processor. */
struct platform_nmi {
	u32 acpi_uid; /* 0xff (or 0xffffffff for x2APIC) = all processors */
	u8 lint;
	u16 flags;
};

struct platform {
	const char *source; /* "ACPI", "MP table" or "none" */
	u64 lapic_phys;	    /* local APIC MMIO base (xAPIC mode) */
	bool pcat_compat;   /* legacy 8259 PICs present (MADT flag) */

	struct platform_cpu cpus[PLATFORM_MAX_CPUS];
	int nr_cpus;	     /* entries in cpus[], enabled or not */
	int nr_cpus_dropped; /* entries beyond PLATFORM_MAX_CPUS */

	struct platform_ioapic ioapics[PLATFORM_MAX_IOAPICS];
	int nr_ioapics;
	struct platform_override overrides[PLATFORM_MAX_OVERRIDES];
	int nr_overrides;
	struct platform_nmi nmis[PLATFORM_MAX_NMIS];
	int nr_nmis;

	/* ACPI soft-off (S5), from the FADT and the DSDT's \_S5 object;
	 * pm1a_cnt == 0 when unknown. */
	u16 pm1a_cnt;
	u16 pm1b_cnt;
	u16 slp_typ_a, slp_typ_b;
	bool have_s5;
};

extern struct platform platform;

/* Find and read the tables: ACPI first (RSDP from boot_info, else the
 * EBDA/BIOS scan), the MP table if ACPI has no MADT.  Every problem (bad
 * checksum, bad length, unknown revision) is named on the console and that
 * table ignored.  Returns 0, or -ENOENT when neither source exists (then
 * platform describes just the boot CPU, with the architectural defaults). */
int platform_init(void);

/*
 * For the table parsers (acpi.c, mptable.c) only.  They reach the machine
 * through fw_map() (kernel/acpi.h) and this function and nothing else, so
 * that they compile and run unchanged in the host tests
 * (tests/test_acpi.c), which implement both over a fake physical memory.
 * The kernel's versions are in platform.c.
 */

/* How many redirection entries the IOAPIC at `phys` has, or 0 when it
 * cannot be read (then its size is unknown). */
u32 fw_ioapic_pins(u64 phys);

/*
 * Filling the struct, the same for both parsers (platform_fill.c).  `who`
 * starts a warning ("acpi", "mptable").
 *
 * platform_clear_topology: forget every CPU and interrupt fact (not S5).
 * platform_enabled_cpus: how many of cpus[] are enabled.
 * platform_cpu_listed: is this APIC ID in cpus[] already?  The parser
 *   warns in its own words and drops the second entry.
 * platform_add_cpu: append, or past PLATFORM_MAX_CPUS count it dropped.
 * platform_add_ioapic: a new entry, zeroed but for its ID, for the parser
 *   to fill in; NULL, with a warning, when the array is full.
 * platform_add_nmi: append, or warn when the array is full.
 */
void platform_clear_topology(struct platform *p);
int platform_enabled_cpus(const struct platform *p);
bool platform_cpu_listed(const struct platform *p, u32 apic_id);
void platform_add_cpu(struct platform *p, u32 apic_id, u32 uid, bool enabled,
		      bool bsp);
struct platform_ioapic *platform_add_ioapic(struct platform *p, const char *who,
					    u32 id);
void platform_add_nmi(struct platform *p, const char *who, u32 uid, u8 lint,
		      u16 flags);

#endif

/*
 * arch/x86/fw_crafted.c - ACPI table sets with one flaw each, built at
 * boot for `fwtest=NAME` (arch/x86/fw_crafted.h, docs/firmware.md).
 *
 * Every set starts from the same good machine, shaped like QEMU's `pc`
 * at `-smp 2`:
 *
 *   RSDP (ACPI 2.0) -> XSDT -> MADT    local APIC at 0xfee00000, 8259s
 *              `-> RSDT ---'           present; CPUs with APIC IDs 0 and
 *                                      1; IOAPIC 0 at 0xfec00000 (GSI
 *                                      0..); ISA IRQ 0 -> GSI 2, IRQ 9
 *                                      level; NMI on LINT1 of every CPU
 *
 * and breaks one thing.  The tables are written into pages from the page
 * allocator, so their physical addresses are only known at run time:
 * every pointer (RSDP -> RSDT/XSDT -> MADT) is filled in then, and the
 * checksums computed after it.  A "bad checksum" is the right one plus
 * one, so the parser's report always says "sum 0x01".
 *
 * There is no FADT: power-off goes through QEMU's isa-debug-exit device.
 */
#include "arch/x86/fw_crafted.h"
#include "kernel/acpi.h"
#include "kernel/hal.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "lib/cpumask.h"
#include "lib/string.h"

enum {
	F_RSDP_SUM = 1 << 0,   /* the RSDP's checksum */
	F_RSDT_SUM = 1 << 1,   /* the RSDT's (and an ACPI 1.0 RSDP) */
	F_XSDT_SUM = 1 << 2,   /* the XSDT's; the RSDT is good */
	F_MADT_SUM = 1 << 3,   /* the MADT's */
	F_MADT_CUT = 1 << 4,   /* its length ends inside its last entry */
	F_MADT_SHORT = 1 << 5, /* its length is shorter than its header */
	F_MADT_HUGE = 1 << 6,  /* its length is 2 MiB */
	F_ENTRY_LEN0 = 1 << 7, /* an entry of length 0 */
	F_DUP_IDS = 1 << 8,    /* APIC ID 1 listed twice */
	F_MANY_CPUS = 1 << 9,  /* NR_CPUS + 8 enabled CPUs */
	F_NO_IOAPIC = 1 << 10, /* no IOAPIC (and so no overrides) */
};

/* Parallel to fw_crafted_sets[]. */
static const unsigned set_flags[] = {
    0,		 F_RSDP_SUM,   F_RSDT_SUM,  F_XSDT_SUM,	  F_MADT_SUM,
    F_MADT_CUT,	 F_MADT_SHORT, F_MADT_HUGE, F_ENTRY_LEN0, F_DUP_IDS,
    F_MANY_CPUS, F_NO_IOAPIC,
};

const struct fw_crafted_set fw_crafted_sets[] = {
    {"good", "nothing: the good machine every other set breaks"},
    {"rsdp-checksum", "the RSDP's checksum is wrong"},
    {"rsdt-checksum", "ACPI 1.0; the RSDT's checksum is wrong"},
    {"xsdt-checksum", "the XSDT's checksum is wrong; the RSDT is good"},
    {"madt-checksum", "the MADT's checksum is wrong"},
    {"madt-truncated", "the MADT's length ends inside its last entry"},
    {"madt-too-short", "the MADT's length is shorter than its header"},
    {"madt-oversized", "the MADT's length is 2 MiB"},
    {"madt-entry-length-0", "a MADT entry has length 0"},
    {"duplicate-apic-ids", "the MADT lists APIC ID 1 twice"},
    {"too-many-cpus", "the MADT lists NR_CPUS + 8 enabled CPUs"},
    {"no-ioapic", "the MADT lists no IOAPIC"},
    {NULL, NULL},
};
BUILD_BUG_ON(ARRAY_SIZE(set_flags) + 1 != ARRAY_SIZE(fw_crafted_sets));

#define CRAFT_PAGES 4
#define RSDP_OFF    0x0
#define RSDT_OFF    0x40
#define XSDT_OFF    0x80
#define MADT_OFF    0x100

static u8 *mem;
static u64 mem_phys;

static void fix_sum(u8 *p, size_t len, size_t at, bool wrong)
{
	p[at] = 0;
	p[at] = (u8)(0x100 - fw_sum(p, len) + wrong);
}

/* A 36-byte header; length and checksum come later. */
static size_t header(u8 *t, const char *sig, u8 rev)
{
	struct acpi_header *h = (void *)t;

	memcpy(h->sig, sig, 4);
	h->revision = rev;
	memcpy(h->oem_id, "TERN  ", 6);
	memcpy(h->oem_table_id, "FWTEST  ", 8);
	h->oem_revision = 1;
	memcpy(&h->creator_id, "TERN", 4);
	h->creator_revision = 1;
	return sizeof(*h);
}

static size_t put(u8 *t, size_t at, const void *e, size_t n)
{
	memcpy(t + at, e, n);
	return at + n;
}

static size_t put_lapic(u8 *t, size_t at, u8 uid, u8 id)
{
	struct madt_lapic e = {MADT_LAPIC, sizeof(e), uid, id,
			       MADT_CPU_ENABLED};
	return put(t, at, &e, sizeof(e));
}

static void build_madt(unsigned f)
{
	u8 *t = mem + MADT_OFF;
	struct acpi_madt *m = (void *)t;
	size_t at = header(t, "APIC", 3), built;
	struct madt_ioapic io = {MADT_IOAPIC, sizeof(io), 0, 0, 0xfec00000, 0};
	struct madt_override irq0 = {MADT_OVERRIDE, sizeof(irq0), 0, 0, 2, 0};
	struct madt_override irq9 = {MADT_OVERRIDE, sizeof(irq9), 0, 9, 9, 0xd};
	struct madt_lapic_nmi nmi = {MADT_LAPIC_NMI, sizeof(nmi), 0xff, 0, 1};

	m->lapic_addr = 0xfee00000;
	m->flags = MADT_PCAT_COMPAT;
	at = sizeof(*m);
	at = put_lapic(t, at, 0, 0);
	at = put_lapic(t, at, 1, 1);
	if (f & F_DUP_IDS)
		at = put_lapic(t, at, 2, 1);
	if (f & F_MANY_CPUS) {
		/* xAPIC IDs up to 254 (255 is "all"), then x2APIC ones. */
		for (unsigned id = 2; id < 255; id++)
			at = put_lapic(t, at, (u8)id, (u8)id);
		for (unsigned id = 256; id < 256 + (NR_CPUS + 8 - 255); id++) {
			struct madt_x2apic x = {
			    MADT_X2APIC, sizeof(x),	   0,
			    id,		 MADT_CPU_ENABLED, id};
			at = put(t, at, &x, sizeof(x));
		}
	}
	if (!(f & F_NO_IOAPIC)) {
		at = put(t, at, &io, sizeof(io));
		at = put(t, at, &irq0, sizeof(irq0));
		at = put(t, at, &irq9, sizeof(irq9));
	}
	if (f & F_ENTRY_LEN0) {
		struct madt_entry zero = {MADT_LAPIC_NMI, 0};
		at = put(t, at, &zero, sizeof(zero));
	}
	at = put(t, at, &nmi, sizeof(nmi));
	built = at;

	m->h.length = (u32)built;
	if (f & F_MADT_CUT)
		m->h.length = (u32)(built - 2);
	if (f & F_MADT_SHORT)
		m->h.length = sizeof(*m) - 4;
	if (f & F_MADT_HUGE)
		m->h.length = 2u << 20;
	fix_sum(t, MIN(m->h.length, built), 9, f & F_MADT_SUM);
}

/* kernel/acpi.h's layout, filled in at run time. */
u64 fw_crafted_build(const char *name)
{
	u64 madt = 0, rsdt, xsdt;
	struct acpi_rsdp *r;
	unsigned f;
	int i;

	for (i = 0; fw_crafted_sets[i].name; i++)
		if (!strcmp(fw_crafted_sets[i].name, name))
			break;
	if (!fw_crafted_sets[i].name)
		return 0;
	f = set_flags[i];
	if (!mem) {
		mem = alloc_pages_zeroed(CRAFT_PAGES);
		if (!mem) {
			pr_warn("fwtest: no memory for the crafted tables\n");
			return 0;
		}
		mem_phys = hal_virt_to_phys(mem);
	}
	memset(mem, 0, CRAFT_PAGES * PAGE_SIZE);
	madt = mem_phys + MADT_OFF;
	rsdt = mem_phys + RSDT_OFF;
	xsdt = mem_phys + XSDT_OFF;
	build_madt(f);

	/* The RSDT: one 32-bit pointer; the XSDT: one 64-bit pointer. */
	header(mem + RSDT_OFF, "RSDT", 1);
	memcpy(mem + RSDT_OFF + 36, &madt, 4);
	((struct acpi_header *)(mem + RSDT_OFF))->length = 40;
	fix_sum(mem + RSDT_OFF, 40, 9, f & F_RSDT_SUM);
	header(mem + XSDT_OFF, "XSDT", 1);
	memcpy(mem + XSDT_OFF + 36, &madt, 8);
	((struct acpi_header *)(mem + XSDT_OFF))->length = 44;
	fix_sum(mem + XSDT_OFF, 44, 9, f & F_XSDT_SUM);

	r = (void *)(mem + RSDP_OFF);
	memcpy(r->sig, "RSD PTR ", 8);
	memcpy(r->oem_id, "TERN  ", 6);
	r->revision = f & F_RSDT_SUM ? 0 : 2; /* 1.0: the RSDT only */
	r->rsdt = (u32)rsdt;
	if (r->revision >= 2) {
		r->length = ACPI_RSDP_V2_LEN;
		r->xsdt = xsdt;
		fix_sum((u8 *)r, ACPI_RSDP_V2_LEN, 32, false);
	}
	fix_sum((u8 *)r, ACPI_RSDP_V1_LEN, 8, f & F_RSDP_SUM);
	if (r->revision >= 2) /* the first 20 bytes changed: again */
		fix_sum((u8 *)r, ACPI_RSDP_V2_LEN, 32, false);
	return mem_phys + RSDP_OFF;
}

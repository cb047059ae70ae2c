/*
 * arch/x86/acpi.h - reading the ACPI tables that describe this machine.
 *
 * Only what Tern needs: the MADT (CPUs, IOAPICs, interrupt overrides, NMI
 * wiring) and the FADT plus the DSDT's \_S5 object (power-off).  The result
 * goes into a struct platform; platform_init() decides what to do with it.
 * docs/firmware.md walks through the tables.
 */
#ifndef TERN_ARCH_X86_ACPI_H
#define TERN_ARCH_X86_ACPI_H

#include "arch/x86/platform.h"

/* The first 36 bytes of every ACPI table but the RSDP (ACPI 6.x, 5.2.6). */
struct acpi_header {
	char sig[4];
	u32 length; /* of the whole table, this header included */
	u8 revision;
	u8 checksum; /* makes all `length` bytes add up to 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __packed;

/* Root System Description Pointer (5.2.5.3): 20 bytes in ACPI 1.0, 36 from
 * ACPI 2.0 (revision >= 2) on. */
struct acpi_rsdp {
	char sig[8]; /* "RSD PTR " */
	u8 checksum; /* over the first 20 bytes */
	char oem_id[6];
	u8 revision; /* 0 = ACPI 1.0, 2 = ACPI 2.0 and later */
	u32 rsdt;
	/* revision >= 2: */
	u32 length; /* of the whole structure: 36 */
	u64 xsdt;
	u8 ext_checksum; /* over all `length` bytes */
	u8 reserved[3];
} __packed;

#define ACPI_RSDP_V1_LEN  20
#define ACPI_RSDP_V2_LEN  36
#define ACPI_TABLE_MAXLEN (1u << 20) /* longer is taken for garbage */

/*
 * Read the ACPI tables into p.  The RSDP is `rsdp_copy` (the boot loader's
 * copy, multiboot2) when it is not NULL and valid, else found by scanning
 * the first KiB of the EBDA and 0xE0000-0xFFFFF.  Then the MADT fills
 * p->lapic_phys, pcat_compat, cpus, ioapics, overrides and nmis, and the
 * FADT (+ DSDT) fills pm1a_cnt, pm1b_cnt, slp_typ_a/b and have_s5.
 *
 * Returns 0 when a MADT with at least one usable CPU was read (then
 * p->source is "ACPI"); -ENOENT when there is no valid RSDP; -EINVAL when
 * there is ACPI but no usable MADT (the CPU and interrupt fields are then
 * left empty, the power-off fields may still be filled).  Every problem is
 * named on the console; a bad table is ignored, never trusted.
 */
int acpi_read(struct platform *p, const void *rsdp_copy);

/*
 * Find the \_S5 package in the AML of a DSDT (or SSDT) body and read its
 * first two integers, SLP_TYPa and SLP_TYPb.  Returns true when found.
 * A byte search, not an AML interpreter (see acpi.c).
 */
bool acpi_find_s5(const u8 *aml, size_t len, u16 *slp_typ_a, u16 *slp_typ_b);

#endif

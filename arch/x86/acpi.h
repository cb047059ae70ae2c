/*
 * arch/x86/acpi.h - reading the ACPI tables that describe this machine.
 *
 * Only what Tern needs: the MADT (CPUs, IOAPICs, interrupt overrides, NMI
 * wiring) and the FADT plus the DSDT's \_S5 object (power-off).  Finding
 * and checking the tables is kernel/acpi.c's, shared with IA-64.  The result
 * goes into a struct platform; platform_init() decides what to do with it.
 * docs/firmware.md walks through the tables.
 */
#ifndef TERN_ARCH_X86_ACPI_H
#define TERN_ARCH_X86_ACPI_H

#include "arch/x86/platform.h"
#include "kernel/acpi.h"

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

/* The same, from the RSDP at `rsdp_phys` and nowhere else: no scan of the
 * BIOS area when it is bad (-ENOENT then).  For crafted table sets
 * (`fwtest=`, arch/x86/fw_crafted.c). */
int acpi_read_at(struct platform *p, u64 rsdp_phys);

/*
 * Find the \_S5 package in the AML of a DSDT (or SSDT) body and read its
 * first two integers, SLP_TYPa and SLP_TYPb.  Returns true when found.
 * A byte search, not an AML interpreter (see acpi.c).
 */
bool acpi_find_s5(const u8 *aml, size_t len, u16 *slp_typ_a, u16 *slp_typ_b);

#endif

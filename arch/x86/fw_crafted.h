/*
 * arch/x86/fw_crafted.h - crafted ACPI table sets, for testing the
 * parsers at boot (`fwtest=NAME`, docs/firmware.md).
 *
 * QEMU appends `-acpitable` tables after its own, so a broken MADT given
 * that way is never the one read.  Instead, the kernel can build a table
 * set of its own in memory - one flaw each - and platform.c reads it in
 * place of the firmware's, through the same parsers.
 */
#ifndef TERN_ARCH_X86_FW_CRAFTED_H
#define TERN_ARCH_X86_FW_CRAFTED_H

#include "lib/compiler.h"

struct fw_crafted_set {
	const char *name;
	const char *flaw; /* one line: what is wrong with it */
};

/* Every set, the good one first; ends with a NULL name. */
extern const struct fw_crafted_set fw_crafted_sets[];

/* Build set `name` in memory (built afresh at each call); the physical
 * address of its RSDP, or 0 when there is no such set or no memory. */
u64 fw_crafted_build(const char *name);

#endif

/*
 * arch/x86/mptable.h - the Intel MultiProcessor Specification's tables, the
 * pre-ACPI way (MP spec 1.4, 1997) to list CPUs and IOAPICs.
 *
 * Used only when ACPI has no usable MADT: old machines, and QEMU started
 * with `-machine pc,acpi=off`.  See docs/firmware.md.
 */
#ifndef TERN_ARCH_X86_MPTABLE_H
#define TERN_ARCH_X86_MPTABLE_H

#include "arch/x86/platform.h"

/* MP floating pointer structure (MP spec 4.1): 16 bytes on a 16-byte
 * boundary, where the BIOS leaves it. */
struct mp_floating {
	char sig[4];   /* "_MP_" */
	u32 config;    /* physical address of the configuration table */
	u8 length;     /* in 16-byte units: 1 */
	u8 spec_rev;   /* 1 = MP 1.1, 4 = MP 1.4 */
	u8 checksum;   /* over length * 16 bytes */
	u8 feature[5]; /* [0]: default configuration (0 = a table exists),
			* [1] bit 7: IMCR present (PIC mode) */
} __packed;

/* MP configuration table header (MP spec 4.2), followed by its entries. */
struct mp_config {
	char sig[4]; /* "PCMP" */
	u16 length;  /* of the base table, header included */
	u8 spec_rev;
	u8 checksum; /* over the base table */
	char oem_id[8];
	char product_id[12];
	u32 oem_table;
	u16 oem_table_size;
	u16 entry_count;
	u32 lapic_addr;
	u16 ext_length;
	u8 ext_checksum;
	u8 reserved;
} __packed;

/*
 * Read the MP table into p: CPUs (with the boot CPU marked), IOAPICs (GSI
 * bases given in table order), overrides for ISA IRQs that are not wired
 * straight through, and NMIs on a local APIC input.  The power-off fields
 * are not touched.  Returns 0 (p->source = "MP table"), -ENOENT when there
 * is no valid floating pointer, -EINVAL when what it leads to is unusable
 * (a default configuration, a bad table, no usable CPU).  Every problem is
 * named on the console.
 */
int mptable_read(struct platform *p);

#endif

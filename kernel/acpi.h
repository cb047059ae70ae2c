/*
 * kernel/acpi.h - the chain of ACPI tables, found and checked, for every
 * architecture.
 *
 * ACPI is not an x86 thing: Itanium firmware hands the kernel the same
 * RSDP -> XSDT -> MADT chain (through EFI instead of the BIOS area), and
 * the MADT lists the CPUs of both, as local APIC entries on x86 and local
 * SAPIC entries on IA-64.  This file does what both need - check the
 * RSDP, map the root table, find a table by signature with its length and
 * checksum verified, and walk the MADT's entries with each one's length
 * checked against its type.  What an entry *means* stays with the arch:
 * arch/x86/acpi.c turns APIC, IOAPIC and override entries into struct
 * platform, arch/ia64/smp.c turns SAPIC entries into its CPU list.
 * docs/firmware.md walks through the tables.
 *
 * The parsers reach memory only through fw_map(), which each arch
 * implements (x86: the direct map; IA-64: physical mode, identity), and
 * the host tests implement over a fake memory (tests/fw_fake.c).
 */
#ifndef TERN_KERNEL_ACPI_H
#define TERN_KERNEL_ACPI_H

#include "lib/compiler.h"

/* --- What the arch provides ---------------------------------------------- */

/* `len` bytes of physical memory at `phys`, readable, or NULL when that
 * range cannot be reached (the caller reports it).  The pointer stays
 * valid; the parsers read only the `len` bytes they asked for. */
const void *fw_map(u64 phys, size_t len);

/* The 8-bit sum of `len` bytes.  ACPI and the MP specification use the same
 * rule: a table is intact when all its bytes, checksum byte included, add
 * up to 0 (mod 256). */
static inline u8 fw_sum(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;
	for (size_t i = 0; i < len; i++)
		sum += b[i];
	return sum;
}

/* A bad table, named on the console and ignored (ACPI and the MP table
 * alike): "WHO: NAME at 0xPHYS: WHY, ignored", or "from the boot loader"
 * for phys == ACPI_FROM_LOADER. */
__printf(4, 5) void fw_bad(const char *who, const char *name, u64 phys,
			   const char *fmt, ...);

/* --- The tables (ACPI 6.x, chapter 5) ----------------------------------- */

/* The first 36 bytes of every ACPI table but the RSDP (5.2.6). */
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

/* What messages give as the address of a copy the boot loader made. */
#define ACPI_FROM_LOADER (~0ULL)

/* The list of tables: the XSDT's 8-byte or the RSDT's 4-byte addresses. */
struct acpi_root {
	const u8 *entries;
	size_t count;
	size_t entry_size;
};

/* Is this a usable RSDP (signature, both checksums, the length)?  `avail`
 * bytes are readable at r; `phys` is for messages. */
bool acpi_rsdp_valid(const void *r, size_t avail, u64 phys);

/* The first valid RSDP on a 16-byte boundary in [start, start + len). */
const struct acpi_rsdp *acpi_scan_rsdp(u64 start, size_t len);

/* The XSDT when the RSDP has one (ACPI 2.0+), else - or when the XSDT is
 * bad - the RSDT.  False (and a message) when neither is usable. */
bool acpi_map_root(const struct acpi_rsdp *rsdp, struct acpi_root *root);

/* The table at `phys`, mapped whole and checked: signature `sig`, a length
 * from `min_len` to ACPI_TABLE_MAXLEN, the checksum.  `name` is what
 * messages call it.  NULL (and a message) when anything is wrong. */
const struct acpi_header *acpi_map_table(u64 phys, const char *sig,
					 const char *name, u32 min_len);

/* The first good table with signature `sig` that the root lists, and its
 * address in *phys; NULL when there is none (a bad one is reported). */
const struct acpi_header *acpi_find_table(const struct acpi_root *root,
					  const char *sig, const char *name,
					  u32 min_len, u64 *phys);

/* --- The MADT (5.2.12) --------------------------------------------------- */

struct acpi_madt {
	struct acpi_header h;
	u32 lapic_addr; /* x86: the local APIC; IA-64: the interrupt block */
	u32 flags;	/* bit 0: PCAT_COMPAT, 8259 PICs present */
} __packed; /* followed by the entries, each starting type, length */

#define MADT_PCAT_COMPAT 1u
#define MADT_CPU_ENABLED 1u /* in every processor entry's flags */

struct madt_entry {
	u8 type, length;
} __packed;

enum madt_type {
	MADT_LAPIC = 0,
	MADT_IOAPIC = 1,
	MADT_OVERRIDE = 2,
	MADT_NMI_SOURCE = 3,
	MADT_LAPIC_NMI = 4,
	MADT_LAPIC_ADDR = 5, /* a 64-bit address for the header's 32-bit one */
	MADT_LSAPIC = 7,     /* an Itanium processor */
	MADT_X2APIC = 9,
	MADT_X2APIC_NMI = 10,
};

struct madt_lapic {
	u8 type, length;
	u8 acpi_uid;
	u8 apic_id;
	u32 flags; /* bit 0 enabled, bit 1 online capable */
} __packed;

struct madt_ioapic {
	u8 type, length;
	u8 id;
	u8 reserved;
	u32 addr;
	u32 gsi_base;
} __packed;

struct madt_override {
	u8 type, length;
	u8 bus; /* 0 = ISA */
	u8 source;
	u32 gsi;
	u16 flags;
} __packed;

struct madt_lapic_nmi {
	u8 type, length;
	u8 acpi_uid; /* 0xff: all processors */
	u16 flags;
	u8 lint;
} __packed;

struct madt_lapic_addr {
	u8 type, length;
	u16 reserved;
	u64 addr;
} __packed;

/* A local SAPIC: the pair (id, eid) is what the CPU reads in its cr.lid,
 * and where its slot in the processor interrupt block is. */
struct madt_lsapic {
	u8 type, length;
	u8 acpi_id;
	u8 id;
	u8 eid;
	u8 reserved[3];
	u32 flags; /* bit 0 enabled */
	u32 acpi_uid;
} __packed; /* followed by a UID string, which Tern does not read */

struct madt_x2apic {
	u8 type, length;
	u16 reserved;
	u32 x2apic_id;
	u32 flags;
	u32 acpi_uid;
} __packed;

struct madt_x2apic_nmi {
	u8 type, length;
	u16 flags;
	u32 acpi_uid; /* 0xffffffff: all processors */
	u8 lint;
	u8 reserved[3];
} __packed;

/* Called for each MADT entry of a known type whose length is enough for
 * that type; the arch casts it to the struct of its type. */
typedef void (*acpi_madt_fn)(void *arg, const struct madt_entry *e);

/*
 * Find the MADT and walk its entries.  An entry too short for its type is
 * named and skipped; a length that runs past the table ends the walk
 * (after it there is no telling where the next entry starts); unknown
 * types are skipped.  Returns the MADT and its address in *phys, or NULL
 * after "acpi: no usable MADT".
 */
const struct acpi_madt *acpi_madt_walk(const struct acpi_root *root,
				       acpi_madt_fn fn, void *arg, u64 *phys);

#endif

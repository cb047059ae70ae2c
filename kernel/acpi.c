/*
 * kernel/acpi.c - the chain of ACPI tables, found and checked (kernel/acpi.h).
 *
 *   RSDP  "RSD PTR ": from the boot loader or EFI, or found by the arch
 *    |    (x86 scans the BIOS area for it)
 *   XSDT  (ACPI 2.0+, 64-bit pointers) or RSDT (32-bit): a list of tables
 *    |-- MADT "APIC": the interrupt controllers and the CPUs
 *    |-- FADT "FACP", SPCR, ... : whatever the arch asks for by signature
 *
 * Every table starts with a header giving its length and a checksum byte.
 * Firmware is written by people and is sometimes wrong, so nothing here is
 * used before its signature, length and checksum have been checked.  A bad
 * table is named on the console and ignored; the kernel goes on with what
 * else it finds.
 *
 * Why the file is shaped the way it is: it reaches physical memory only
 * through fw_map() and speaks only through printk().  tests/test_acpi.c
 * implements fw_map() over a fake memory that hands out a fresh buffer of
 * exactly the requested length, so AddressSanitizer catches any read past
 * what was mapped.  Hence the rule followed throughout: map a header, check
 * it, then map the whole structure again and read only through that second
 * pointer.
 */
#include "kernel/acpi.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#include <stdarg.h>

/* --- Reporting ------------------------------------------------------- */

/* kernel/acpi.h */
void fw_bad(const char *who, const char *name, u64 phys, const char *fmt, ...)
{
	char why[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (phys == ACPI_FROM_LOADER)
		pr_warn("%s: %s from the boot loader: %s, ignored\n", who, name,
			why);
	else
		pr_warn("%s: %s at 0x%llx: %s, ignored\n", who, name, phys,
			why);
}

/* "acpi: MADT at 0x7fe1234: checksum is wrong (sum 0x3c), ignored" */
#define bad(...) fw_bad("acpi", __VA_ARGS__)

/* A 4-character signature from the firmware, safe to print. */
static const char *printable_sig(const char *sig, char out[5])
{
	for (int i = 0; i < 4; i++)
		out[i] = sig[i] >= 0x20 && sig[i] < 0x7f ? sig[i] : '?';
	out[4] = '\0';
	return out;
}

/* --- The RSDP ------------------------------------------------------ */

/* kernel/acpi.h */
bool acpi_rsdp_valid(const void *r, size_t avail, u64 phys)
{
	const struct acpi_rsdp *rsdp = (const void *)r;
	u8 sum;

	if (avail < ACPI_RSDP_V1_LEN || memcmp(rsdp->sig, "RSD PTR ", 8)) {
		bad("RSDP", phys, "no \"RSD PTR \" signature");
		return false;
	}
	/* ACPI 1.0 part: the first 20 bytes add up to 0. */
	sum = fw_sum(r, ACPI_RSDP_V1_LEN);
	if (sum) {
		bad("RSDP", phys, "checksum is wrong (sum 0x%02x)", sum);
		return false;
	}
	if (rsdp->revision < 2)
		return true;
	/* ACPI 2.0+: a length field, and all of it adds up to 0 too. */
	if (avail < ACPI_RSDP_V2_LEN) {
		bad("RSDP", phys,
		    "revision %u needs %u bytes, only %zu are there",
		    rsdp->revision, ACPI_RSDP_V2_LEN, avail);
		return false;
	}
	if (rsdp->length < ACPI_RSDP_V2_LEN || rsdp->length > avail) {
		bad("RSDP", phys, "length %u is out of range (%u..%zu)",
		    rsdp->length, ACPI_RSDP_V2_LEN, avail);
		return false;
	}
	sum = fw_sum(r, rsdp->length);
	if (sum) {
		bad("RSDP", phys, "extended checksum is wrong (sum 0x%02x)",
		    sum);
		return false;
	}
	return true;
}

/* The first valid RSDP on a 16-byte boundary in [start, start + len). */
const struct acpi_rsdp *acpi_scan_rsdp(u64 start, size_t len)
{
	const u8 *area = fw_map(start, len);

	if (!area)
		return NULL;
	for (size_t off = 0; off + ACPI_RSDP_V1_LEN <= len; off += 16)
		if (memcmp(area + off, "RSD PTR ", 8) == 0 &&
		    acpi_rsdp_valid(area + off, len - off, start + off)) {
			pr_debug("acpi: RSDP at 0x%llx\n", start + off);
			return (const void *)(area + off);
		}
	return NULL;
}

/* --- Tables ------------------------------------------------------------ */

/* kernel/acpi.h */
const struct acpi_header *acpi_map_table(u64 phys, const char *sig,
					 const char *name, u32 min_len)
{
	const struct acpi_header *h = fw_map(phys, sizeof(*h));
	char shown[5];
	u32 len;
	u8 sum;

	if (!h) {
		bad(name, phys, "cannot be reached");
		return NULL;
	}
	if (memcmp(h->sig, sig, 4)) {
		bad(name, phys, "signature is \"%s\", not \"%s\"",
		    printable_sig(h->sig, shown), sig);
		return NULL;
	}
	len = h->length;
	if (len < min_len || len >= ACPI_TABLE_MAXLEN) {
		bad(name, phys, "length %u is out of range (%u..%u)", len,
		    min_len, ACPI_TABLE_MAXLEN - 1);
		return NULL;
	}
	h = fw_map(phys, len);
	if (!h) {
		bad(name, phys, "its %u bytes cannot be reached", len);
		return NULL;
	}
	sum = fw_sum(h, len);
	if (sum) {
		bad(name, phys, "checksum is wrong (sum 0x%02x)", sum);
		return NULL;
	}
	return h;
}

static u64 root_entry(const struct acpi_root *root, size_t i)
{
	u64 addr = 0;

	/* Unaligned in the XSDT (entries start at offset 36); copy. */
	memcpy(&addr, root->entries + i * root->entry_size, root->entry_size);
	return addr;
}

/* One root table, checked; false when it is bad (already reported). */
static bool map_root_table(u64 phys, const char *sig, size_t entry_size,
			   struct acpi_root *root)
{
	const struct acpi_header *h;

	h = acpi_map_table(phys, sig, sig, sizeof(*h));
	if (!h)
		return false;
	root->entries = (const u8 *)(h + 1);
	root->count = (h->length - sizeof(*h)) / entry_size;
	root->entry_size = entry_size;
	return true;
}

/* kernel/acpi.h */
bool acpi_map_root(const struct acpi_rsdp *rsdp, struct acpi_root *root)
{
	if (rsdp->revision >= 2 && rsdp->xsdt) {
		if (map_root_table(rsdp->xsdt, "XSDT", 8, root)) {
			pr_debug("acpi: XSDT at 0x%llx, %zu tables\n",
				 rsdp->xsdt, root->count);
			return true;
		}
		if (rsdp->rsdt)
			pr_warn("acpi: using the RSDT instead of the XSDT\n");
	}
	if (!rsdp->rsdt) {
		pr_warn("acpi: the RSDP points to no usable RSDT/XSDT\n");
		return false;
	}
	if (!map_root_table(rsdp->rsdt, "RSDT", 4, root))
		return false;
	pr_debug("acpi: RSDT at 0x%x, %zu tables\n", rsdp->rsdt, root->count);
	return true;
}

/* kernel/acpi.h */
const struct acpi_header *acpi_find_table(const struct acpi_root *root,
					  const char *sig, const char *name,
					  u32 min_len, u64 *phys)
{
	for (size_t i = 0; i < root->count; i++) {
		const struct acpi_header *h;

		*phys = root_entry(root, i);
		h = fw_map(*phys, sizeof(*h));
		if (!h) {
			pr_debug("acpi: root entry %zu (0x%llx) cannot be "
				 "reached\n",
				 i, *phys);
			continue;
		}
		if (memcmp(h->sig, sig, 4))
			continue;
		h = acpi_map_table(*phys, sig, name, min_len);
		if (h)
			return h;
	}
	return NULL;
}

/* --- The MADT -------------------------------------------------------- */

/* The size each known entry type needs at least; 0 = a type this kernel
 * does not know (and types past the end of the table). */
static const u8 madt_entry_min[] = {
    [MADT_LAPIC] = sizeof(struct madt_lapic),
    [MADT_IOAPIC] = sizeof(struct madt_ioapic),
    [MADT_OVERRIDE] = sizeof(struct madt_override),
    [MADT_NMI_SOURCE] = 8,
    [MADT_LAPIC_NMI] = sizeof(struct madt_lapic_nmi),
    [MADT_LAPIC_ADDR] = sizeof(struct madt_lapic_addr),
    [MADT_LSAPIC] = sizeof(struct madt_lsapic),
    [MADT_X2APIC] = sizeof(struct madt_x2apic),
    [MADT_X2APIC_NMI] = sizeof(struct madt_x2apic_nmi),
};

/* Walk the entries.  A malformed length ends the walk: after it there is
 * no telling where the next entry starts. */
static void madt_entries(const struct acpi_header *h, u64 phys, acpi_madt_fn fn,
			 void *arg)
{
	const u8 *table = (const u8 *)h;
	size_t off = sizeof(struct acpi_madt);

	while (off < h->length) {
		const struct madt_entry *e = (const void *)(table + off);
		size_t left = h->length - off;

		if (left < sizeof(*e) || e->length < sizeof(*e) ||
		    e->length > left) {
			pr_warn("acpi: MADT at 0x%llx: entry at offset %zu "
				"has length %u with %zu bytes left; the rest "
				"of the table is ignored\n",
				phys, off, left < sizeof(*e) ? 0 : e->length,
				left);
			return;
		}
		u8 need = e->type < ARRAY_SIZE(madt_entry_min)
			      ? madt_entry_min[e->type]
			      : 0;
		if (e->length < need)
			pr_warn("acpi: MADT at 0x%llx: entry type %u at offset "
				"%zu is %u bytes, needs %u; skipped\n",
				phys, e->type, off, e->length, need);
		else if (need)
			fn(arg, e);
		/* else: a type this kernel does not know; skip it */
		off += e->length;
	}
}

/* kernel/acpi.h */
const struct acpi_madt *acpi_madt_walk(const struct acpi_root *root,
				       acpi_madt_fn fn, void *arg, u64 *phys)
{
	const struct acpi_header *h;

	h = acpi_find_table(root, "APIC", "MADT", sizeof(struct acpi_madt),
			    phys);
	if (!h) {
		pr_warn("acpi: no usable MADT\n");
		return NULL;
	}
	madt_entries(h, *phys, fn, arg);
	return (const struct acpi_madt *)h;
}

/*
 * arch/x86/acpi.c - what ACPI says about an x86 machine: which CPUs and
 * interrupt controllers it has, and how to switch it off.
 *
 * kernel/acpi.c finds and checks the tables, for both architectures; this
 * file adds what only a PC has:
 *
 *   RSDP  from the boot loader (multiboot2), or found by scanning the EBDA
 *    |    and the BIOS ROM area
 *   XSDT or RSDT
 *    |-- MADT "APIC": the local APIC address, then one entry per CPU
 *    |                (local APIC or x2APIC), per IOAPIC, per ISA IRQ wired
 *    |                differently (override) and per NMI input
 *    '-- FADT "FACP": the power-management I/O ports, and a pointer to
 *          DSDT       AML byte code; its \_S5 object holds the values that
 *                     switch the machine off (S5 = "soft off")
 *
 * A bad table is named on the console and ignored; the kernel goes on with
 * what else it finds (platform.c falls back to the MP table, then to
 * defaults).  Like kernel/acpi.c, this file reaches memory only through
 * fw_map() and speaks only through printk(), so tests/test_acpi.c runs it
 * on the host over a fake memory.
 */
#include "arch/x86/acpi.h"
#include "kernel/printk.h"
#include "lib/cpumask.h"
#include "lib/errno.h"
#include "lib/string.h"

/*
 * The boot loader's copy if it is good; else search where the BIOS puts it
 * (5.2.5.1): the first KiB of the Extended BIOS Data Area, whose segment is
 * the word at 0x40E, then the ROM area 0xE0000-0xFFFFF.  Under UEFI there is
 * no BIOS area, and the copy is all there is.
 */
static const struct acpi_rsdp *find_rsdp(const void *copy)
{
	const struct acpi_rsdp *r;
	const u8 *bda;

	if (copy) {
		if (acpi_rsdp_valid(copy, ACPI_RSDP_V2_LEN, ACPI_FROM_LOADER)) {
			pr_debug("acpi: RSDP from the boot loader\n");
			return copy;
		}
	}
	bda = fw_map(0x40e, 2);
	if (bda && (bda[0] | bda[1])) {
		u64 ebda = (u64)(bda[0] | bda[1] << 8) << 4;
		r = acpi_scan_rsdp(ebda, 1024);
		if (r)
			return r;
	}
	return acpi_scan_rsdp(0xe0000, 0x20000);
}

/* --- MADT (5.2.12): x86's entries ------------------------------------- */

/*
 * One processor.  Not enabled means "do not start it": either absent, or
 * online capable (hot-pluggable), which Tern does not do; both are kept,
 * with enabled = false, so the count of what the firmware described is
 * complete.  An APIC ID listed twice (some firmware puts a CPU in both a
 * local APIC and an x2APIC entry) keeps its first entry.
 */
static void add_cpu(struct platform *p, u32 apic_id, u32 uid, bool enabled)
{
	if (platform_cpu_listed(p, apic_id)) {
		pr_warn("acpi: MADT lists APIC ID %u twice; the second entry "
			"is ignored\n",
			apic_id);
		return;
	}
	/* ACPI does not say which CPU boots: bsp false */
	platform_add_cpu(p, apic_id, uid, enabled, false);
}

/* Its pins are counted later, by probe_ioapics() (platform.c): ACPI's
 * entry does not say. */
static void add_ioapic(struct platform *p, const struct madt_ioapic *e)
{
	struct platform_ioapic *io = platform_add_ioapic(p, "acpi", e->id);

	if (io) {
		io->phys = e->addr;
		io->gsi_base = e->gsi_base;
	}
}

static void add_override(struct platform *p, const struct madt_override *e)
{
	if (e->bus != 0) {
		pr_warn("acpi: MADT override for bus %u (not ISA) ignored\n",
			e->bus);
		return;
	}
	if (p->nr_overrides == PLATFORM_MAX_OVERRIDES) {
		pr_warn("acpi: more than %d interrupt overrides; IRQ %u is "
			"ignored\n",
			PLATFORM_MAX_OVERRIDES, e->source);
		return;
	}
	p->overrides[p->nr_overrides++] = (struct platform_override){
	    .bus_irq = e->source,
	    .gsi = e->gsi,
	    .flags = e->flags,
	};
}

/* One entry whose length has been checked against its type (an
 * acpi_madt_fn).  IA-64's local SAPIC entries are not for x86. */
static void madt_entry(void *arg, const struct madt_entry *e)
{
	struct platform *p = arg;
	const struct madt_lapic *lapic = (const void *)e;
	const struct madt_x2apic *x2 = (const void *)e;
	const struct madt_lapic_nmi *nmi = (const void *)e;
	const struct madt_x2apic_nmi *x2nmi = (const void *)e;

	switch (e->type) {
	case MADT_LAPIC:
		add_cpu(p, lapic->apic_id, lapic->acpi_uid,
			lapic->flags & MADT_CPU_ENABLED);
		break;
	case MADT_X2APIC:
		if (x2->x2apic_id == 0xffffffff) /* not a real ID */
			break;
		add_cpu(p, x2->x2apic_id, x2->acpi_uid,
			x2->flags & MADT_CPU_ENABLED);
		break;
	case MADT_IOAPIC:
		add_ioapic(p, (const void *)e);
		break;
	case MADT_OVERRIDE:
		add_override(p, (const void *)e);
		break;
	case MADT_LAPIC_NMI:
		platform_add_nmi(p, "acpi", nmi->acpi_uid, nmi->lint,
				 nmi->flags);
		break;
	case MADT_X2APIC_NMI:
		platform_add_nmi(p, "acpi", x2nmi->acpi_uid, x2nmi->lint,
				 x2nmi->flags);
		break;
	case MADT_LAPIC_ADDR:
		/* The 64-bit address replaces the header's 32-bit one. */
		p->lapic_phys = ((const struct madt_lapic_addr *)e)->addr;
		break;
	case MADT_NMI_SOURCE:
		/* An IOAPIC input wired to NMI: nothing Tern routes. */
		break;
	}
}

static int madt_read(struct platform *p, const struct acpi_root *root)
{
	const struct acpi_madt *m;
	u64 phys;

	platform_clear_topology(p);
	m = acpi_madt_walk(root, madt_entry, p, &phys);
	if (!m)
		return -EINVAL;
	/* A MADT_LAPIC_ADDR entry, seen in the walk, beats the header. */
	if (!p->lapic_phys)
		p->lapic_phys = m->lapic_addr;
	p->pcat_compat = m->flags & MADT_PCAT_COMPAT;
	int enabled = platform_enabled_cpus(p);
	if (enabled == 0) {
		pr_warn("acpi: MADT at 0x%llx lists no usable CPU, ignored\n",
			phys);
		platform_clear_topology(p);
		return -EINVAL;
	}
	/* Not errors in the table, but things the boot should say. */
	if (enabled + p->nr_cpus_dropped > NR_CPUS)
		pr_warn("acpi: MADT at 0x%llx lists %d enabled CPUs, more "
			"than NR_CPUS=%d; the rest stay off\n",
			phys, enabled + p->nr_cpus_dropped, NR_CPUS);
	if (!p->nr_ioapics)
		pr_warn("acpi: MADT at 0x%llx lists no IOAPIC\n", phys);
	return 0;
}

/* --- FADT (5.2.9) and \_S5 ----------------------------------------- */

/* Generic Address Structure (5.2.3.2). */
struct acpi_gas {
	u8 space; /* 0 memory, 1 I/O port */
	u8 bit_width;
	u8 bit_offset;
	u8 access_size;
	u64 addr;
} __packed;

#define GAS_SYSTEM_IO 1

/* The FADT up to the fields Tern reads; later revisions add more. */
struct fadt {
	struct acpi_header h;
	u32 firmware_ctrl;
	u32 dsdt;
	u8 unused1[20]; /* INT_MODEL .. PM1b_EVT_BLK */
	u32 pm1a_cnt;
	u32 pm1b_cnt;
	u8 unused2[60]; /* PM2_CNT_BLK .. FADT minor version */
	u64 x_firmware_ctrl;
	u64 x_dsdt;
	struct acpi_gas x_pm1a_evt;
	struct acpi_gas x_pm1b_evt;
	struct acpi_gas x_pm1a_cnt;
	struct acpi_gas x_pm1b_cnt;
} __packed;

/* The byte offsets of ACPI 6.x, table 5.9. */
BUILD_BUG_ON(offsetof(struct fadt, dsdt) != 40);
BUILD_BUG_ON(offsetof(struct fadt, pm1a_cnt) != 64);
BUILD_BUG_ON(offsetof(struct fadt, x_dsdt) != 140);
BUILD_BUG_ON(offsetof(struct fadt, x_pm1a_cnt) != 172);
BUILD_BUG_ON(offsetof(struct fadt, x_pm1b_cnt) != 184);

/* ACPI 1.0's FADT is 116 bytes; anything shorter is broken. */
#define FADT_MIN_LEN 116

/* Does the table (an old revision may be short) contain this field? */
#define FADT_HAS(f, field)                                                     \
	((f)->h.length >= offsetof(struct fadt, field) + sizeof((f)->field))

/* A PM1 control port: the X_ (GAS) field when present, non-zero and in
 * I/O space (it takes precedence, 5.2.9), else the 32-bit field. */
static u16 pm1_port(u32 legacy, const struct acpi_gas *x, bool have_x)
{
	if (have_x && x->addr && x->space == GAS_SYSTEM_IO && x->addr <= 0xffff)
		return (u16)x->addr;
	if (have_x && x->addr && x->space != GAS_SYSTEM_IO)
		pr_warn("acpi: FADT: a PM1 control block is in address "
			"space %u, not I/O; using the legacy field\n",
			x->space);
	return legacy <= 0xffff ? (u16)legacy : 0;
}

/* Read a DataRefObject that is an integer (AML, 20.2.3); false if not. */
static bool aml_integer(const u8 *aml, size_t len, size_t *pos, u16 *out)
{
	if (*pos >= len)
		return false;
	switch (aml[(*pos)++]) {
	case 0x00: /* ZeroOp */
		*out = 0;
		return true;
	case 0x01: /* OneOp */
		*out = 1;
		return true;
	case 0x0a: /* BytePrefix, then one byte */
		if (*pos + 1 > len)
			return false;
		*out = aml[(*pos)++];
		return true;
	case 0x0b: /* WordPrefix, then two bytes, little-endian */
		if (*pos + 2 > len)
			return false;
		*out = aml[*pos] | aml[*pos + 1] << 8;
		*pos += 2;
		return true;
	}
	return false;
}

/* After the PackageOp: PkgLength, NumElements, then the elements. */
static bool s5_package(const u8 *aml, size_t len, u16 *a, u16 *b)
{
	size_t pos;

	if (len == 0)
		return false;
	/* PkgLength: bits 7-6 of the lead byte count the bytes that follow
	 * it (20.2.4); we skip the length, the table bounds us anyway. */
	pos = 1 + (aml[0] >> 6);
	if (pos >= len || aml[pos] < 2) /* NumElements */
		return false;
	pos++;
	return aml_integer(aml, len, &pos, a) && aml_integer(aml, len, &pos, b);
}

/*
 * Interpreting AML properly takes an interpreter (ACPICA is ~100k lines);
 * that is out of scope.  Nearly every DSDT says Name(_S5, Package(){...})
 * with constant integers, which compiles to
 *     NameOp (0x08)  "_S5_"  PackageOp (0x12)  PkgLength  NumElements  ...
 * so a byte search for "_S5_" followed by 0x12 finds it.  A DSDT that
 * computes _S5 in a method is not understood; power-off then falls back
 * (arch/x86/power.c).
 */
bool acpi_find_s5(const u8 *aml, size_t len, u16 *slp_typ_a, u16 *slp_typ_b)
{
	for (size_t i = 0; i + 5 <= len; i++) {
		if (memcmp(aml + i, "_S5_", 4) || aml[i + 4] != 0x12)
			continue;
		if (s5_package(aml + i + 5, len - i - 5, slp_typ_a, slp_typ_b))
			return true;
	}
	return false;
}

static void dsdt_read(struct platform *p, u64 phys)
{
	const struct acpi_header *h;

	if (!phys) {
		pr_warn("acpi: FADT has no DSDT; no S5 values\n");
		return;
	}
	h = acpi_map_table(phys, "DSDT", "DSDT", sizeof(*h));
	if (!h)
		return;
	p->have_s5 = acpi_find_s5((const u8 *)(h + 1), h->length - sizeof(*h),
				  &p->slp_typ_a, &p->slp_typ_b);
	if (!p->have_s5)
		pr_warn("acpi: DSDT at 0x%llx has no \\_S5 package this "
			"kernel can read\n",
			phys);
}

static void fadt_read(struct platform *p, const struct acpi_root *root)
{
	const struct fadt *f;
	u64 phys, dsdt;

	p->pm1a_cnt = p->pm1b_cnt = 0;
	p->slp_typ_a = p->slp_typ_b = 0;
	p->have_s5 = false;
	f = (const void *)acpi_find_table(root, "FACP", "FADT", FADT_MIN_LEN,
					  &phys);
	if (!f) {
		pr_warn("acpi: no usable FADT; no ACPI power-off\n");
		return;
	}
	p->pm1a_cnt =
	    pm1_port(f->pm1a_cnt, &f->x_pm1a_cnt, FADT_HAS(f, x_pm1a_cnt));
	p->pm1b_cnt =
	    pm1_port(f->pm1b_cnt, &f->x_pm1b_cnt, FADT_HAS(f, x_pm1b_cnt));
	/* X_DSDT, when there and non-zero, replaces DSDT (5.2.9). */
	dsdt = FADT_HAS(f, x_dsdt) && f->x_dsdt ? f->x_dsdt : f->dsdt;
	dsdt_read(p, dsdt);
}

/* --- Entry point ------------------------------------------------------ */

/* Everything after the RSDP. */
static int read_from(struct platform *p, const struct acpi_rsdp *rsdp)
{
	struct acpi_root root;

	if (!rsdp) {
		platform_clear_topology(p);
		return -ENOENT;
	}
	if (!acpi_map_root(rsdp, &root)) {
		platform_clear_topology(p);
		return -EINVAL;
	}
	fadt_read(p, &root);
	if (madt_read(p, &root) < 0)
		return -EINVAL;
	p->source = "ACPI";
	return 0;
}

int acpi_read(struct platform *p, const void *rsdp_copy)
{
	return read_from(p, find_rsdp(rsdp_copy));
}

int acpi_read_at(struct platform *p, u64 rsdp_phys)
{
	const void *r = fw_map(rsdp_phys, ACPI_RSDP_V2_LEN);

	if (!r) {
		fw_bad("acpi", "RSDP", rsdp_phys, "cannot be reached");
		return read_from(p, NULL);
	}
	return read_from(
	    p, acpi_rsdp_valid(r, ACPI_RSDP_V2_LEN, rsdp_phys) ? r : NULL);
}

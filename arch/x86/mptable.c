/*
 * arch/x86/mptable.c - CPUs and IOAPICs from the MP table, for machines
 * without a usable ACPI MADT (Intel MultiProcessor Specification 1.4).
 *
 * Before ACPI, an SMP BIOS described the machine with two structures:
 *
 *   MP floating pointer "_MP_"  16 bytes, in the first KiB of the EBDA, the
 *    |                          last KiB of base memory, or 0xF0000-0xFFFFF
 *   configuration table "PCMP"  a header, then entries, sorted by type:
 *        processor (20 bytes)   APIC ID, "enabled", "boot processor"
 *        bus (8)                bus ID -> "ISA   ", "PCI   ", ...
 *        I/O APIC (8)           ID, MMIO address
 *        I/O interrupt (8)      (bus, IRQ) -> (IOAPIC ID, input pin)
 *        local interrupt (8)    what a local APIC input (LINT0/1) carries
 *
 * It says less than the MADT: no global interrupt numbers (we number the
 * IOAPICs' pins in table order, as ACPI would), and the routing of every
 * interrupt rather than just the exceptions.  We keep only the exceptions,
 * as the MADT does: an ISA IRQ that does not arrive on the pin of the same
 * number, or whose polarity/trigger is not ISA's, becomes an override.
 *
 * Like acpi.c (see its top comment) this file reads memory only through
 * fw_map(), so tests/test_acpi.c runs it on the host over fake memory.
 *
 * Under QEMU: SeaBIOS lists one processor per socket, so with plain
 * `-smp 4` the MP table shows one CPU; `-smp 4,sockets=4` shows four.
 */
#include "arch/x86/mptable.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "lib/string.h"

enum {
	MP_PROCESSOR = 0,
	MP_BUS = 1,
	MP_IOAPIC = 2,
	MP_IOINT = 3,
	MP_LINT = 4,
};

struct mp_processor {
	u8 type;
	u8 apic_id;
	u8 apic_version;
	u8 flags; /* bit 0 enabled, bit 1 the boot processor */
	u32 signature;
	u32 features;
	u32 reserved[2];
} __packed;

struct mp_bus {
	u8 type;
	u8 bus_id;
	char bus_type[6]; /* "ISA   ", "PCI   ", ... blank-padded */
} __packed;

struct mp_ioapic {
	u8 type;
	u8 id;
	u8 version;
	u8 flags; /* bit 0 enabled */
	u32 addr;
} __packed;

/* Both I/O interrupt (type 3) and local interrupt (type 4) entries. */
struct mp_interrupt {
	u8 type;
	u8 irq_type; /* 0 INT (vectored), 1 NMI, 2 SMI, 3 ExtINT (8259) */
	u16 flags;   /* polarity bits 0-1, trigger bits 2-3; 0 = bus default */
	u8 src_bus;
	u8 src_irq;
	u8 dst_id;  /* IOAPIC ID, or local APIC ID; 0xff = all */
	u8 dst_pin; /* IOAPIC INTIN#, or LINTIN# */
} __packed;

BUILD_BUG_ON(sizeof(struct mp_floating) != 16);
BUILD_BUG_ON(sizeof(struct mp_config) != 44);
BUILD_BUG_ON(sizeof(struct mp_processor) != 20);
BUILD_BUG_ON(sizeof(struct mp_interrupt) != 8);

#define MP_CPU_ENABLED	  1u
#define MP_CPU_BSP	  2u
#define MP_IOAPIC_ENABLED 1u
#define MP_IRQ_INT	  0
#define MP_IRQ_NMI	  1
#define MP_ALL		  0xff

/* When an IOAPIC cannot say how many pins it has, number the next one's
 * pins as if it had the 82093AA's 24. */
#define MP_DEFAULT_PINS 24

/* "mptable: PCMP at 0xf1234: checksum is wrong (sum 0x3c), ignored" */
#define bad(...) fw_bad("mptable", __VA_ARGS__)

/* --- Finding the floating pointer ------------------------------------ */

static bool floating_valid(const struct mp_floating *f, size_t avail, u64 phys)
{
	size_t len = (size_t)f->length * 16;
	u8 sum;

	if (len < sizeof(*f) || len > avail) {
		bad("floating pointer", phys, "length %zu is out of range",
		    len);
		return false;
	}
	sum = fw_sum(f, len);
	if (sum) {
		bad("floating pointer", phys, "checksum is wrong (sum 0x%02x)",
		    sum);
		return false;
	}
	return true;
}

/* The first valid "_MP_" on a 16-byte boundary in [start, start + len). */
static const struct mp_floating *scan(u64 start, size_t len, u64 *phys)
{
	const u8 *area = fw_map(start, len);

	if (!area)
		return NULL;
	for (size_t off = 0; off + sizeof(struct mp_floating) <= len;
	     off += 16) {
		const struct mp_floating *f = (const void *)(area + off);
		if (memcmp(f->sig, "_MP_", 4) == 0 &&
		    floating_valid(f, len - off, start + off)) {
			*phys = start + off;
			return f;
		}
	}
	return NULL;
}

/* A little-endian word of the BIOS Data Area; 0 if unreadable. */
static u16 bda_word(u64 phys)
{
	const u8 *b = fw_map(phys, 2);

	return b ? b[0] | b[1] << 8 : 0;
}

/* Where MP spec 4 says to look, in its order. */
static const struct mp_floating *find_floating(u64 *phys)
{
	const struct mp_floating *f = NULL;
	u64 ebda = (u64)bda_word(0x40e) << 4;
	u64 base_kib = bda_word(0x413); /* base memory size, in KiB */

	if (ebda)
		f = scan(ebda, 1024, phys);
	if (!f && base_kib >= 1 && base_kib <= 640)
		f = scan(base_kib * 1024 - 1024, 1024, phys);
	if (!f)
		f = scan(0xf0000, 0x10000, phys);
	return f;
}

/* --- The configuration table --------------------------------------- */

static const struct mp_config *map_config(u64 phys)
{
	const struct mp_config *c = fw_map(phys, sizeof(*c));
	u16 len;
	u8 sum;

	if (!c) {
		bad("PCMP", phys, "cannot be reached");
		return NULL;
	}
	if (memcmp(c->sig, "PCMP", 4)) {
		bad("PCMP", phys, "no \"PCMP\" signature");
		return NULL;
	}
	len = c->length;
	if (len < sizeof(*c)) {
		bad("PCMP", phys, "length %u is shorter than its header", len);
		return NULL;
	}
	c = fw_map(phys, len);
	if (!c) {
		bad("PCMP", phys, "its %u bytes cannot be reached", len);
		return NULL;
	}
	sum = fw_sum(c, len);
	if (sum) {
		bad("PCMP", phys, "checksum is wrong (sum 0x%02x)", sum);
		return NULL;
	}
	return c;
}

/* A walk over the base table's entries. */
struct mp_walk {
	const struct mp_config *c;
	u64 phys;
	size_t off;
	int index;
	bool report; /* say why the walk stopped early (first walk only) */
};

static size_t entry_size(u8 type)
{
	if (type == MP_PROCESSOR)
		return sizeof(struct mp_processor);
	if (type <= MP_LINT)
		return 8;
	return 0; /* unknown: its size cannot be known either */
}

/* The next entry, or NULL at the end or at a malformed entry. */
static const u8 *mp_next(struct mp_walk *w)
{
	const u8 *table = (const u8 *)w->c;
	size_t size;

	if (w->index >= w->c->entry_count)
		return NULL;
	if (w->off >= w->c->length) {
		if (w->report)
			pr_warn("mptable: PCMP at 0x%llx: ends after %d of "
				"its %u entries\n",
				w->phys, w->index, w->c->entry_count);
		return NULL;
	}
	size = entry_size(table[w->off]);
	if (!size || size > w->c->length - w->off) {
		if (w->report)
			pr_warn("mptable: PCMP at 0x%llx: entry %d (type %u) "
				"at offset %zu is %s; the rest of the table "
				"is ignored\n",
				w->phys, w->index, table[w->off], w->off,
				size ? "cut off" : "of an unknown type");
		return NULL;
	}
	w->off += size;
	w->index++;
	return table + w->off - size;
}

/* --- Entries ---------------------------------------------------------- */

static void add_cpu(struct platform *p, const struct mp_processor *e)
{
	if (platform_cpu_listed(p, e->apic_id)) {
		pr_warn("mptable: APIC ID %u is listed twice; the second entry "
			"is ignored\n",
			e->apic_id);
		return;
	}
	/* no UIDs here: NMI entries name APIC IDs, so the UID is one */
	platform_add_cpu(p, e->apic_id, e->apic_id, e->flags & MP_CPU_ENABLED,
			 e->flags & MP_CPU_BSP);
}

/* IOAPICs get consecutive GSI ranges, in table order. */
static void add_ioapic(struct platform *p, const struct mp_ioapic *e,
		       u32 *next_gsi)
{
	struct platform_ioapic *io;

	if (!(e->flags & MP_IOAPIC_ENABLED))
		return; /* "unusable", says the spec */
	io = platform_add_ioapic(p, "mptable", e->id);
	if (!io)
		return;
	io->phys = e->addr;
	io->gsi_base = *next_gsi;
	io->nr_pins = fw_ioapic_pins(e->addr);
	*next_gsi += io->nr_pins ? io->nr_pins : MP_DEFAULT_PINS;
}

static const struct platform_ioapic *ioapic_by_id(const struct platform *p,
						  u8 id)
{
	for (int i = 0; i < p->nr_ioapics; i++)
		if (id == MP_ALL || p->ioapics[i].id == id)
			return &p->ioapics[i];
	return NULL;
}

/* An ISA IRQ's routing: kept only when it is not the identity with ISA's
 * default polarity and trigger (then it is what the MADT calls an
 * override).  The first entry for an IRQ wins. */
static void add_ioint(struct platform *p, const struct mp_interrupt *e,
		      const bool *isa_bus)
{
	const struct platform_ioapic *io;
	u32 gsi;

	if (e->irq_type != MP_IRQ_INT || !isa_bus[e->src_bus] ||
	    e->src_irq >= 16)
		return;
	io = ioapic_by_id(p, e->dst_id);
	if (!io) {
		pr_warn("mptable: ISA IRQ %u goes to IOAPIC %u, which is not "
			"listed; ignored\n",
			e->src_irq, e->dst_id);
		return;
	}
	gsi = io->gsi_base + e->dst_pin;
	if (gsi == e->src_irq && e->flags == 0)
		return;
	for (int i = 0; i < p->nr_overrides; i++)
		if (p->overrides[i].bus_irq == e->src_irq)
			return;
	if (p->nr_overrides == PLATFORM_MAX_OVERRIDES) {
		pr_warn("mptable: too many overrides; IRQ %u is ignored\n",
			e->src_irq);
		return;
	}
	p->overrides[p->nr_overrides++] = (struct platform_override){
	    .bus_irq = e->src_irq,
	    .gsi = gsi,
	    .flags = e->flags,
	};
}

/* A local APIC input wired to NMI (usually LINT1 of every CPU). */
static void add_lint(struct platform *p, const struct mp_interrupt *e)
{
	if (e->irq_type != MP_IRQ_NMI)
		return;
	/* dst_id is an APIC ID (0xff: all), which add_cpu() made the UID */
	platform_add_nmi(p, "mptable", e->dst_id, e->dst_pin, e->flags);
}

/*
 * Two walks: the interrupt entries name buses and IOAPICs by ID, so those
 * must all be known first.  (The spec sorts entries by type, but a table
 * that does not should still be read right.)
 */
static void read_entries(struct platform *p, const struct mp_config *c,
			 u64 phys)
{
	/* entries start right after the header */
	struct mp_walk w = {c, phys, sizeof(*c), 0, true};
	bool isa_bus[256] = {false};
	u32 next_gsi = 0;
	const u8 *e;

	while ((e = mp_next(&w))) {
		const struct mp_bus *bus = (const void *)e;
		if (e[0] == MP_PROCESSOR)
			add_cpu(p, (const void *)e);
		else if (e[0] == MP_BUS)
			isa_bus[bus->bus_id] = !memcmp(bus->bus_type, "ISA", 3);
		else if (e[0] == MP_IOAPIC)
			add_ioapic(p, (const void *)e, &next_gsi);
	}
	w = (struct mp_walk){c, phys, sizeof(*c), 0, false};
	while ((e = mp_next(&w))) {
		if (e[0] == MP_IOINT)
			add_ioint(p, (const void *)e, isa_bus);
		else if (e[0] == MP_LINT)
			add_lint(p, (const void *)e);
	}
}

int mptable_read(struct platform *p)
{
	const struct mp_floating *f;
	const struct mp_config *c;
	u64 fphys;

	platform_clear_topology(p);
	f = find_floating(&fphys);
	if (!f)
		return -ENOENT;
	if (f->feature[0]) {
		pr_warn("mptable: floating pointer at 0x%llx asks for default "
			"configuration %u, which this kernel does not "
			"support\n",
			fphys, f->feature[0]);
		return -EINVAL;
	}
	c = map_config(f->config);
	if (!c)
		return -EINVAL;
	p->lapic_phys = c->lapic_addr;
	p->pcat_compat = true; /* MP spec systems are PC/AT compatible */
	read_entries(p, c, f->config);
	if (!platform_enabled_cpus(p)) {
		pr_warn("mptable: PCMP at 0x%llx lists no usable CPU, "
			"ignored\n",
			(u64)f->config);
		platform_clear_topology(p);
		return -EINVAL;
	}
	p->source = "MP table";
	return 0;
}

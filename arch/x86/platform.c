/*
 * arch/x86/platform.c - fill `struct platform` from whatever tables the
 * firmware left: ACPI first, the MP table if ACPI has no usable MADT, and
 * if there is neither, the one CPU we are running on.
 *
 * The parsers (acpi.c, mptable.c) are pure: they read memory through
 * fw_map() and print, nothing else, so the host tests run them over fake
 * memory.  This file is their kernel side: fw_map() through the direct
 * map, fw_ioapic_pins() through an uncached mapping of the IOAPIC, and the
 * policy of which source wins.  See docs/firmware.md.
 */
#include "arch/x86/platform.h"
#include "arch/x86/acpi.h"
#include "arch/x86/fw_crafted.h"
#include "arch/x86/io.h"
#include "arch/x86/mptable.h"
#include "arch/x86/paging.h"
#include "kernel/bootinfo.h"
#include "kernel/hal.h"
#include "kernel/page_alloc.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#define DEFAULT_LAPIC_PHYS 0xfee00000ULL /* the architectural reset value */
#define FOUR_GIB	   (1ULL << 32)

struct platform platform;

/*
 * Built here, then copied into `platform` in one go: so a second call (the
 * ktests make one) never shows readers a half-filled struct - it rewrites
 * the same values.  Call platform_init() on one CPU at a time.
 */
static struct platform scratch;

/* Are the kernel's own page tables (hal_mm_init) loaded yet? */
static bool final_page_tables(void)
{
	return (read_cr3() & ~0xfffULL) == paging_kernel_root();
}

/*
 * The direct map covers the first 4 GiB from the very start (boot/entry.asm)
 * and, once hal_mm_init() has run, all RAM above too.  ACPI tables live in
 * RAM the firmware reserved, nearly always below 4 GiB.
 */
const void *fw_map(u64 phys, size_t len)
{
	u64 end = phys + len;
	u64 reach = FOUR_GIB;

	if (end < phys)
		return NULL;
	if (end > FOUR_GIB && final_page_tables()) {
		struct page_stats st;
		page_get_stats(&st);
		reach = MAX(reach, st.max_phys);
	}
	return end <= reach ? hal_phys_to_virt(phys) : NULL;
}

/* Does [phys, phys + len) overlap memory the firmware calls usable RAM? */
static bool overlaps_ram(u64 phys, u64 len)
{
	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct mem_region *r = &boot_info.mem[i];
		if (r->type == MEM_USABLE && phys < r->base + r->len &&
		    r->base < phys + len)
			return true;
	}
	return false;
}

/* IOAPICs asked already, and their answers (0 included). */
static struct {
	u64 phys;
	u32 pins;
} probed[2 * PLATFORM_MAX_IOAPICS];
static int nr_probed;

/* Ask the IOAPIC itself, through an uncached mapping. */
static u32 read_ioapic_pins(u64 phys)
{
	volatile u32 *regs;
	u32 ver;

	if (!phys || phys + 0x20 > FOUR_GIB || !IS_ALIGNED(phys, 16) ||
	    overlaps_ram(phys, 0x20) || !final_page_tables())
		return 0;
	regs = ioremap(phys, 0x20);
	regs[0] = 0x01; /* IOREGSEL: the version register */
	ver = regs[4];	/* IOWIN, at +0x10 */
	/* Bits 0-7 are the version, 0x1x or 0x2x for any IOAPIC; nothing
	 * there reads as all zeros or all ones (QEMU's isapc machine has an
	 * MP table that lists an IOAPIC it does not have). */
	if ((ver & 0xff) == 0 || ver == 0xffffffff)
		return 0;
	return ((ver >> 16) & 0xff) + 1;
}

/*
 * The IOAPIC's version register (index 1) holds its highest redirection
 * entry in bits 16-23.  Reading it means writing the index register, so
 * we only do it for a sane address that is not RAM, and only once per
 * IOAPIC: a second platform_init() touches no device (and maps nothing).
 */
u32 fw_ioapic_pins(u64 phys)
{
	u32 pins;

	for (int i = 0; i < nr_probed; i++)
		if (probed[i].phys == phys)
			return probed[i].pins;
	pins = read_ioapic_pins(phys);
	if (nr_probed < (int)ARRAY_SIZE(probed) && final_page_tables()) {
		probed[nr_probed].phys = phys;
		probed[nr_probed++].pins = pins;
	}
	return pins;
}

/* This CPU's APIC ID: x2APIC ID from leaf 0xB when there is one (it is
 * 32 bits wide), else the 8-bit ID of leaf 1, EBX[31:24]. */
static u32 cpuid_apic_id(void)
{
	u32 a, b, c, d;

	cpuid(0, 0, &a, &b, &c, &d);
	if (a >= 0xb) {
		cpuid(0xb, 0, &a, &b, &c, &d);
		if (b)
			return d;
	}
	cpuid(1, 0, &a, &b, &c, &d);
	return b >> 24;
}

/* No tables at all: describe what must be there, the CPU we run on. */
static void boot_cpu_only(struct platform *p)
{
	p->lapic_phys = DEFAULT_LAPIC_PHYS;
	p->pcat_compat = true;
	p->nr_cpus = 1;
	p->cpus[0] = (struct platform_cpu){
	    .apic_id = cpuid_apic_id(),
	    .acpi_uid = 0,
	    .enabled = true,
	    .bsp = true,
	};
	p->source = "none";
	pr_warn("platform: no ACPI MADT and no MP table; assuming one CPU "
		"(APIC ID %u) and the local APIC at 0x%llx\n",
		p->cpus[0].apic_id, p->lapic_phys);
}

/* ACPI's IOAPIC entries carry no size; ask the IOAPICs themselves. */
static void probe_ioapics(struct platform *p)
{
	for (int i = 0; i < p->nr_ioapics; i++)
		if (!p->ioapics[i].nr_pins)
			p->ioapics[i].nr_pins =
			    fw_ioapic_pins(p->ioapics[i].phys);
}

/* Append to the summary line. */
static void __printf(3, 4) add(char *buf, size_t size, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, size - used, fmt, ap);
	va_end(ap);
}

/* "platform: ACPI: 32 CPUs (0 disabled), 1 IOAPIC at 0xfec00000 (GSI
 *  0-23), 5 overrides, LAPIC at 0xfee00000, S5 SLP_TYP 0/0 via 0x604" */
static void print_summary(const struct platform *p)
{
	char line[256] = "";
	int on = platform_enabled_cpus(p);

	add(line, sizeof(line), "platform: %s: %d CPU%s (%d disabled",
	    p->source, on, on == 1 ? "" : "s", p->nr_cpus - on);
	if (p->nr_cpus_dropped)
		add(line, sizeof(line), ", %d more not kept",
		    p->nr_cpus_dropped);
	add(line, sizeof(line), "), ");
	if (!p->nr_ioapics)
		add(line, sizeof(line), "no IOAPIC");
	for (int i = 0; i < p->nr_ioapics; i++) {
		const struct platform_ioapic *io = &p->ioapics[i];
		if (i == 0)
			add(line, sizeof(line), "%d IOAPIC%s at ",
			    p->nr_ioapics, p->nr_ioapics == 1 ? "" : "s");
		else
			add(line, sizeof(line), ", ");
		add(line, sizeof(line), "0x%llx (GSI %u-", io->phys,
		    io->gsi_base);
		if (io->nr_pins)
			add(line, sizeof(line), "%u)",
			    io->gsi_base + io->nr_pins - 1);
		else
			add(line, sizeof(line), "?)");
	}
	add(line, sizeof(line), ", %d override%s, LAPIC at 0x%llx",
	    p->nr_overrides, p->nr_overrides == 1 ? "" : "s", p->lapic_phys);
	if (p->have_s5 && p->pm1a_cnt)
		add(line, sizeof(line), ", S5 SLP_TYP %u/%u via 0x%x",
		    p->slp_typ_a, p->slp_typ_b, p->pm1a_cnt);
	else
		add(line, sizeof(line), ", no ACPI S5");
	pr_info("%s\n", line);

	/* The details, for `loglevel=8` (and `tern dmesg`). */
	for (int i = 0; i < p->nr_overrides; i++)
		pr_debug("platform: ISA IRQ %u -> GSI %u, flags 0x%x\n",
			 p->overrides[i].bus_irq, p->overrides[i].gsi,
			 p->overrides[i].flags);
	for (int i = 0; i < p->nr_nmis; i++)
		pr_debug("platform: NMI on LINT%u of processor 0x%x, flags "
			 "0x%x\n",
			 p->nmis[i].lint, p->nmis[i].acpi_uid,
			 p->nmis[i].flags);
}

/* One read of the tables: ACPI from the RSDP at `crafted` (a crafted set,
 * fwtest=) or else the firmware's, then the fallbacks; the summary line. */
static int platform_read(u64 crafted)
{
	struct platform *p = &scratch;
	int ret;

	memset(p, 0, sizeof(*p));
	if (crafted)
		ret = acpi_read_at(p, crafted);
	else
		ret = acpi_read(p, boot_info.has_rsdp ? boot_info.rsdp : NULL);
	if (ret == -ENOENT)
		pr_info("platform: no ACPI RSDP; looking for an MP table\n");
	else if (ret < 0)
		pr_info("platform: ACPI has no usable MADT; looking for an MP "
			"table\n");
	if (ret < 0)
		ret = mptable_read(p);
	if (ret < 0) {
		boot_cpu_only(p);
		ret = -ENOENT;
	}
	probe_ioapics(p);
	memcpy(&platform, p, sizeof(platform));
	print_summary(&platform);
	return ret;
}

/*
 * fwtest=NAME: read crafted set NAME (arch/x86/fw_crafted.c) instead of
 * the firmware's ACPI tables; fallbacks (MP table, the boot CPU alone)
 * as for real firmware.  fwtest=all reads every set in turn, each named
 * first, and then the good one, which the boot goes on with.
 */
static int fwtest_read(const char *name)
{
	char list[256] = "";
	u64 rsdp;

	if (!strcmp(name, "all")) {
		for (int i = 1; fw_crafted_sets[i].name; i++) {
			pr_info("fwtest: table set '%s': %s\n",
				fw_crafted_sets[i].name,
				fw_crafted_sets[i].flaw);
			platform_read(
			    fw_crafted_build(fw_crafted_sets[i].name));
		}
		name = fw_crafted_sets[0].name;
	}
	rsdp = fw_crafted_build(name);
	if (rsdp) {
		pr_info("fwtest: table set '%s'\n", name);
		return platform_read(rsdp);
	}
	for (int i = 0; fw_crafted_sets[i].name; i++)
		add(list, sizeof(list), "%s, ", fw_crafted_sets[i].name);
	pr_warn("fwtest: no crafted table set '%s' (there are: %sall); "
		"reading the firmware's tables\n",
		name, list);
	return platform_read(0);
}

int platform_init(void)
{
	if (params.fwtest[0])
		return fwtest_read(params.fwtest);
	return platform_read(0);
}

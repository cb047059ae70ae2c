/*
 * tests/test_acpi.c - host tests for kernel/acpi.c, arch/x86/acpi.c and
 * mptable.c.
 *
 * Each test writes firmware tables into a fake physical memory
 * (tests/fw_fake.c), runs the parser over it and checks what came out,
 * and, for broken tables, that the problem was named on the console and
 * nothing was trusted.  fw_map() hands out exact-size heap copies, so
 * AddressSanitizer fails a test whose parser reads a byte too far.
 *
 * The "standard machine" is shaped like QEMU's: RSDP in the BIOS area,
 * RSDT -> MADT + FADT -> DSDT in high memory.
 */
#include "tests/test_common.h"

#include <stdlib.h>

#include "arch/x86/acpi.h"
#include "arch/x86/mptable.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "tests/fw_fake.h"

#define RSDP_PHYS 0xf5a40ULL
#define RSDT_PHYS 0x7fe0000ULL
#define XSDT_PHYS 0x7fe0100ULL
#define MADT_PHYS 0x7fe1000ULL
#define FADT_PHYS 0x7fe2000ULL
#define DSDT_PHYS 0x7fe3000ULL
#define EBDA_PHYS 0x9fc00ULL

static struct platform p;

static int setup(void **state)
{
	(void)state;
	fake_reset();
	memset(&p, 0, sizeof(p));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fake_free();
	return 0;
}

/* --- Building ACPI ----------------------------------------------------- */

static void put_rsdp(u64 phys, u8 rev, u32 rsdt, u64 xsdt)
{
	struct tbl t;

	tbl_start(&t, phys);
	tbl_bytes(&t, "RSD PTR ", 8);
	tbl_u8(&t, 0);
	tbl_bytes(&t, "TERNTS", 6);
	tbl_u8(&t, rev);
	tbl_u32(&t, rsdt);
	if (rev >= 2) {
		tbl_u32(&t, 36);
		tbl_u64(&t, xsdt);
		tbl_u8(&t, 0);
		tbl_bytes(&t, "\0\0\0", 3);
		fake_fix_checksum(phys, 20, 8);
		fake_fix_checksum(phys, 36, 32);
	} else {
		fake_fix_checksum(phys, 20, 8);
	}
}

/* An RSDT (entry_size 4) or XSDT (8) listing n tables. */
static void put_root(u64 phys, const char *sig, const u64 *tables, int n)
{
	struct tbl t;

	acpi_tbl_start(&t, phys, sig, 1);
	for (int i = 0; i < n; i++) {
		if (sig[0] == 'X')
			tbl_u64(&t, tables[i]);
		else
			tbl_u32(&t, (u32)tables[i]);
	}
	acpi_tbl_end(&t);
}

static void madt_lapic(struct tbl *t, u8 uid, u8 apic_id, u32 flags)
{
	u8 e[8] = {0, 8, uid, apic_id};

	memcpy(e + 4, &flags, 4);
	tbl_bytes(t, e, sizeof(e));
}

static void madt_x2apic(struct tbl *t, u32 id, u32 flags, u32 uid)
{
	tbl_u8(t, 9);
	tbl_u8(t, 16);
	tbl_u16(t, 0);
	tbl_u32(t, id);
	tbl_u32(t, flags);
	tbl_u32(t, uid);
}

static void madt_ioapic(struct tbl *t, u8 id, u32 addr, u32 gsi_base)
{
	tbl_u8(t, 1);
	tbl_u8(t, 12);
	tbl_u8(t, id);
	tbl_u8(t, 0);
	tbl_u32(t, addr);
	tbl_u32(t, gsi_base);
}

static void madt_override(struct tbl *t, u8 irq, u32 gsi, u16 flags)
{
	tbl_u8(t, 2);
	tbl_u8(t, 10);
	tbl_u8(t, 0);
	tbl_u8(t, irq);
	tbl_u32(t, gsi);
	tbl_u16(t, flags);
}

static void madt_lapic_nmi(struct tbl *t, u8 uid, u16 flags, u8 lint)
{
	tbl_u8(t, 4);
	tbl_u8(t, 6);
	tbl_u8(t, uid);
	tbl_u16(t, flags);
	tbl_u8(t, lint);
}

static void madt_start(struct tbl *t, u64 phys, u32 lapic, u32 flags)
{
	acpi_tbl_start(t, phys, "APIC", 3);
	tbl_u32(t, lapic);
	tbl_u32(t, flags);
}

/* QEMU-like: 4 CPUs, an IOAPIC, 2 overrides, one LINT1 NMI. */
static void put_madt_standard(u64 phys)
{
	struct tbl t;

	madt_start(&t, phys, 0xfee00000, 1);
	for (u8 i = 0; i < 4; i++)
		madt_lapic(&t, i, i, 1);
	madt_ioapic(&t, 0, 0xfec00000, 0);
	madt_override(&t, 0, 2, 0);
	madt_override(&t, 9, 9, 0xd);
	madt_lapic_nmi(&t, 0xff, 0, 1);
	acpi_tbl_end(&t);
}

/* A FADT of `len` bytes (116 = ACPI 1.0, 244 = ACPI 2.0+), all zero but
 * the DSDT pointer and PM1a_CNT; callers poke X_ fields themselves. */
static void put_fadt(u64 phys, size_t len, u32 dsdt, u32 pm1a_cnt)
{
	struct tbl t;

	acpi_tbl_start(&t, phys, "FACP", len > 116 ? 4 : 1);
	while (t.len < len)
		tbl_u8(&t, 0);
	fake_put32(phys + 40, dsdt);
	fake_put32(phys + 64, pm1a_cnt);
	acpi_tbl_end(&t);
}

/* DSDT with: Name(\_S5, Package(4) { 0x05, 0x05, Zero, Zero }) and some
 * other bytes around it (including a "_S5_" that is not a package). */
static void put_dsdt_s5(u64 phys, u8 a, u8 b)
{
	/* One AML construct per line. */
	/* clang-format off */
	const u8 aml[] = {
		0x10, 0x05, '_', 'S', 'B', '_', /* noise */
		0x70, '_', 'S', '5', '_', 0x60, /* "_S5_", not a package */
		0x08, '\\', '_', 'S', '5', '_', /* NameOp \_S5_ */
		0x12, 0x0a, 0x04,		/* PackageOp, length, 4 elements */
		0x0a, a, 0x0a, b, 0x00, 0x00,	/* the elements */
		0xa3,
	};
	/* clang-format on */
	struct tbl t;

	acpi_tbl_start(&t, phys, "DSDT", 1);
	tbl_bytes(&t, aml, sizeof(aml));
	acpi_tbl_end(&t);
}

/* RSDP (rev 0) -> RSDT -> {FADT, MADT}, FADT -> DSDT with S5 = 5/5. */
static void put_standard_machine(void)
{
	const u64 tables[] = {FADT_PHYS, MADT_PHYS};

	put_rsdp(RSDP_PHYS, 0, RSDT_PHYS, 0);
	put_root(RSDT_PHYS, "RSDT", tables, 2);
	put_madt_standard(MADT_PHYS);
	put_fadt(FADT_PHYS, 116, DSDT_PHYS, 0x604);
	put_dsdt_s5(DSDT_PHYS, 5, 5);
}

/* Break a table's checksum so its bytes sum to 0x3c. */
static void corrupt(u64 phys, size_t off)
{
	fake_mem(phys + off, 1)[0] += 0x3c;
}

/* --- ACPI: good tables --------------------------------------------------- */

static void acpi_reads_qemu_like_tables(void **state)
{
	(void)state;
	put_standard_machine();
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_string_equal(p.source, "ACPI");
	assert_int_equal(p.lapic_phys, 0xfee00000);
	assert_true(p.pcat_compat);
	assert_int_equal(p.nr_cpus, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(p.cpus[i].apic_id, i);
		assert_int_equal(p.cpus[i].acpi_uid, i);
		assert_true(p.cpus[i].enabled);
		assert_false(p.cpus[i].bsp);
	}
	assert_int_equal(p.nr_ioapics, 1);
	assert_int_equal(p.ioapics[0].id, 0);
	assert_int_equal(p.ioapics[0].phys, 0xfec00000);
	assert_int_equal(p.ioapics[0].gsi_base, 0);
	assert_int_equal(p.nr_overrides, 2);
	assert_int_equal(p.overrides[0].bus_irq, 0);
	assert_int_equal(p.overrides[0].gsi, 2);
	assert_int_equal(p.overrides[0].flags, 0);
	assert_int_equal(p.overrides[1].bus_irq, 9);
	assert_int_equal(p.overrides[1].gsi, 9);
	assert_int_equal(p.overrides[1].flags, 0xd);
	assert_int_equal(p.nr_nmis, 1);
	assert_int_equal(p.nmis[0].acpi_uid, 0xff);
	assert_int_equal(p.nmis[0].lint, 1);
	assert_int_equal(p.pm1a_cnt, 0x604);
	assert_int_equal(p.pm1b_cnt, 0);
	assert_true(p.have_s5);
	assert_int_equal(p.slp_typ_a, 5);
	assert_int_equal(p.slp_typ_b, 5);
	/* good tables, nothing to complain about */
	assert_false(log_has("ignored"));
}

static void acpi_madt_entry_kinds(void **state)
{
	const u64 tables[] = {MADT_PHYS};
	struct tbl t;

	(void)state;
	put_rsdp(RSDP_PHYS, 0, RSDT_PHYS, 0);
	put_root(RSDT_PHYS, "RSDT", tables, 1);
	madt_start(&t, MADT_PHYS, 0xfee00000, 0);
	madt_lapic(&t, 0, 0, 1);
	madt_lapic(&t, 1, 1, 0); /* disabled */
	madt_lapic(&t, 2, 2, 2); /* online capable, not enabled */
	madt_x2apic(&t, 300, 1, 3);
	madt_x2apic(&t, 301, 0, 4);
	madt_x2apic(&t, 0xffffffff, 1, 5); /* not a real ID: skipped */
	/* type 0xA: x2APIC NMI, all processors, LINT1, level */
	tbl_u8(&t, 10);
	tbl_u8(&t, 12);
	tbl_u16(&t, 0xc);
	tbl_u32(&t, 0xffffffff);
	tbl_u8(&t, 1);
	tbl_bytes(&t, "\0\0\0", 3);
	/* type 3: NMI source, accepted and not kept */
	tbl_bytes(&t, (u8[]){3, 8, 0, 0, 5, 0, 0, 0}, 8);
	/* type 0x7f: unknown, skipped by its length */
	tbl_bytes(&t, (u8[]){0x7f, 5, 0xee, 0xee, 0xee}, 5);
	/* type 5: 64-bit local APIC address */
	tbl_u8(&t, 5);
	tbl_u8(&t, 12);
	tbl_u16(&t, 0);
	tbl_u64(&t, 0x1fee00000ULL);
	madt_ioapic(&t, 2, 0xfec01000, 24);
	acpi_tbl_end(&t);

	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_false(p.pcat_compat);
	assert_int_equal(p.lapic_phys, 0x1fee00000ULL);
	assert_int_equal(p.nr_cpus, 5);
	assert_true(p.cpus[0].enabled);
	assert_false(p.cpus[1].enabled);
	assert_false(p.cpus[2].enabled);
	assert_int_equal(p.cpus[3].apic_id, 300);
	assert_int_equal(p.cpus[3].acpi_uid, 3);
	assert_true(p.cpus[3].enabled);
	assert_int_equal(p.cpus[4].apic_id, 301);
	assert_false(p.cpus[4].enabled);
	assert_int_equal(p.nr_nmis, 1);
	assert_int_equal(p.nmis[0].acpi_uid, 0xffffffff);
	assert_int_equal(p.nmis[0].lint, 1);
	assert_int_equal(p.nmis[0].flags, 0xc);
	assert_int_equal(p.nr_ioapics, 1);
	assert_int_equal(p.ioapics[0].id, 2);
	assert_int_equal(p.ioapics[0].gsi_base, 24);
	/* no FADT in this RSDT: said, and power-off stays unknown */
	assert_log("no usable FADT");
	assert_int_equal(p.pm1a_cnt, 0);
	assert_false(p.have_s5);
}

static void acpi_duplicate_apic_id_keeps_first(void **state)
{
	const u64 tables[] = {MADT_PHYS};
	struct tbl t;

	(void)state;
	put_rsdp(RSDP_PHYS, 0, RSDT_PHYS, 0);
	put_root(RSDT_PHYS, "RSDT", tables, 1);
	madt_start(&t, MADT_PHYS, 0xfee00000, 1);
	madt_lapic(&t, 0, 7, 1);
	madt_x2apic(&t, 7, 0, 9);
	acpi_tbl_end(&t);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_int_equal(p.nr_cpus, 1);
	assert_int_equal(p.cpus[0].acpi_uid, 0);
	assert_true(p.cpus[0].enabled);
	assert_log("APIC ID 7 twice");
}

static void acpi_more_cpus_than_kept_are_counted(void **state)
{
	const u64 tables[] = {MADT_PHYS};
	struct tbl t;

	(void)state;
	put_rsdp(RSDP_PHYS, 0, RSDT_PHYS, 0);
	put_root(RSDT_PHYS, "RSDT", tables, 1);
	madt_start(&t, MADT_PHYS, 0xfee00000, 1);
	for (u32 i = 0; i < PLATFORM_MAX_CPUS + 6; i++)
		madt_x2apic(&t, i, 1, i);
	acpi_tbl_end(&t);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_int_equal(p.nr_cpus, PLATFORM_MAX_CPUS);
	assert_int_equal(p.nr_cpus_dropped, 6);
	assert_int_equal(p.cpus[PLATFORM_MAX_CPUS - 1].apic_id,
			 PLATFORM_MAX_CPUS - 1);
}

static void acpi_rsdp_in_ebda(void **state)
{
	(void)state;
	put_standard_machine();
	memset(fake_mem(RSDP_PHYS, 20), 0, 20); /* not in the ROM area */
	fake_put16(0x40e, EBDA_PHYS >> 4);
	put_rsdp(EBDA_PHYS + 0x40, 0, RSDT_PHYS, 0);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_int_equal(p.nr_cpus, 4);
}

/* The multiboot2 case (and the only one under UEFI): no BIOS area to
 * scan, an ACPI 2.0 RSDP whose XSDT points above 4 GiB. */
static void acpi_rsdp_from_boot_loader_copy(void **state)
{
	const u64 tables[] = {FADT_PHYS, FAKE_TOP_BASE};
	u8 copy[36];

	(void)state;
	put_rsdp(RSDP_PHYS, 2, 0, XSDT_PHYS);
	memcpy(copy, fake_mem(RSDP_PHYS, 36), 36);
	memset(fake_mem(RSDP_PHYS, 36), 0, 36);
	put_root(XSDT_PHYS, "XSDT", tables, 2);
	put_madt_standard(FAKE_TOP_BASE);
	put_fadt(FADT_PHYS, 116, DSDT_PHYS, 0x604);
	put_dsdt_s5(DSDT_PHYS, 7, 0);
	assert_int_equal(acpi_read(&p, NULL), -ENOENT);
	assert_int_equal(acpi_read(&p, copy), 0);
	assert_int_equal(p.nr_cpus, 4);
	assert_int_equal(p.slp_typ_a, 7);
	assert_int_equal(p.slp_typ_b, 0);
}

/* Both roots present and different: ACPI 2.0+ means the XSDT. */
static void acpi_prefers_xsdt(void **state)
{
	const u64 rsdt_tables[] = {MADT_PHYS};
	const u64 xsdt_tables[] = {FAKE_TOP_BASE};
	struct tbl t;

	(void)state;
	put_rsdp(RSDP_PHYS, 2, RSDT_PHYS, XSDT_PHYS);
	put_root(RSDT_PHYS, "RSDT", rsdt_tables, 1);
	put_root(XSDT_PHYS, "XSDT", xsdt_tables, 1);
	put_madt_standard(MADT_PHYS);
	madt_start(&t, FAKE_TOP_BASE, 0xfee00000, 1);
	madt_lapic(&t, 0, 42, 1);
	acpi_tbl_end(&t);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_int_equal(p.nr_cpus, 1);
	assert_int_equal(p.cpus[0].apic_id, 42);
}

static void acpi_bad_xsdt_falls_back_to_rsdt(void **state)
{
	const u64 rsdt_tables[] = {MADT_PHYS};
	const u64 xsdt_tables[] = {FAKE_TOP_BASE};

	(void)state;
	put_rsdp(RSDP_PHYS, 2, RSDT_PHYS, XSDT_PHYS);
	put_root(RSDT_PHYS, "RSDT", rsdt_tables, 1);
	put_root(XSDT_PHYS, "XSDT", xsdt_tables, 1);
	put_madt_standard(MADT_PHYS);
	corrupt(XSDT_PHYS, 20);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_log("acpi: XSDT at 0x7fe0100: checksum is wrong (sum 0x3c), "
		   "ignored");
	assert_log("using the RSDT instead");
	assert_int_equal(p.nr_cpus, 4);
}

static void acpi_no_rsdp_anywhere(void **state)
{
	(void)state;
	assert_int_equal(acpi_read(&p, NULL), -ENOENT);
	assert_int_equal(p.nr_cpus, 0);
	assert_null(p.source);
}

/* --- ACPI: broken RSDPs -------------------------------------------------- */

static void acpi_bad_rsdp_checksum(void **state)
{
	(void)state;
	put_standard_machine();
	corrupt(RSDP_PHYS, 9);
	assert_int_equal(acpi_read(&p, NULL), -ENOENT);
	assert_log("acpi: RSDP at 0xf5a40: checksum is wrong (sum 0x3c), "
		   "ignored");
	assert_int_equal(p.nr_cpus, 0);
}

/* A bad candidate does not end the scan. */
static void acpi_bad_rsdp_then_good_one(void **state)
{
	(void)state;
	put_standard_machine();
	corrupt(RSDP_PHYS, 9);
	put_rsdp(RSDP_PHYS + 0x100, 0, RSDT_PHYS, 0);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_log("RSDP at 0xf5a40: checksum is wrong");
	assert_int_equal(p.nr_cpus, 4);
}

static void acpi_bad_rsdp_extended_checksum(void **state)
{
	(void)state;
	put_standard_machine();
	put_rsdp(RSDP_PHYS, 2, RSDT_PHYS, XSDT_PHYS);
	corrupt(RSDP_PHYS, 33); /* a reserved byte: only the v2 sum sees it */
	assert_int_equal(acpi_read(&p, NULL), -ENOENT);
	assert_log("acpi: RSDP at 0xf5a40: extended checksum is wrong (sum "
		   "0x3c), ignored");
}

static void acpi_bad_rsdp_length(void **state)
{
	(void)state;
	put_standard_machine();
	put_rsdp(RSDP_PHYS, 2, RSDT_PHYS, 0);
	fake_put32(RSDP_PHYS + 20, 20); /* shorter than the v2 structure */
	fake_fix_checksum(RSDP_PHYS, 36, 32);
	assert_int_equal(acpi_read(&p, NULL), -ENOENT);
	assert_log("RSDP at 0xf5a40: length 20 is out of range");
}

/* An ACPI 2.0 RSDP in the last 32 bytes of the BIOS area: its 36 bytes
 * do not fit, so it is refused without reading past the area. */
static void acpi_rsdp_longer_than_area(void **state)
{
	(void)state;
	put_standard_machine();
	memset(fake_mem(RSDP_PHYS, 20), 0, 20);
	put_rsdp(0xfffe0, 0, RSDT_PHYS, 0);
	fake_mem(0xfffe0 + 15, 1)[0] = 2; /* now "revision 2" */
	fake_fix_checksum(0xfffe0, 20, 8);
	assert_int_equal(acpi_read(&p, NULL), -ENOENT);
	assert_log("RSDP at 0xfffe0: revision 2 needs 36 bytes, only 32 are "
		   "there, ignored");
}

/* A broken copy from the boot loader: say so, then scan the BIOS area. */
static void acpi_bad_loader_copy_falls_back_to_scan(void **state)
{
	u8 copy[36] = "RSD PTR ";

	(void)state;
	put_standard_machine();
	copy[15] = 2; /* revision 2, all checksums wrong */
	assert_int_equal(acpi_read(&p, copy), 0);
	assert_log("acpi: RSDP from the boot loader: checksum is wrong");
	assert_int_equal(p.nr_cpus, 4);
}

/* --- ACPI: broken tables ------------------------------------------------ */

static void acpi_bad_madt_checksum(void **state)
{
	(void)state;
	put_standard_machine();
	corrupt(MADT_PHYS, 44 + 3); /* an APIC ID */
	assert_int_equal(acpi_read(&p, NULL), -EINVAL);
	assert_log("acpi: MADT at 0x7fe1000: checksum is wrong (sum 0x3c), "
		   "ignored");
	assert_log("no usable MADT");
	assert_int_equal(p.nr_cpus, 0);
	assert_int_equal(p.nr_ioapics, 0);
	assert_null(p.source);
	/* the FADT is fine and still read */
	assert_true(p.have_s5);
	assert_int_equal(p.pm1a_cnt, 0x604);
}

static void acpi_madt_length_too_short(void **state)
{
	(void)state;
	put_standard_machine();
	fake_put32(MADT_PHYS + 4, 40); /* less than header + 8 */
	fake_fix_checksum(MADT_PHYS, 40, 9);
	assert_int_equal(acpi_read(&p, NULL), -EINVAL);
	assert_log("acpi: MADT at 0x7fe1000: length 40 is out of range (44..");
	assert_int_equal(p.nr_cpus, 0);
}

static void acpi_madt_length_oversized(void **state)
{
	(void)state;
	put_standard_machine();
	fake_put32(MADT_PHYS + 4, 0x200000);
	assert_int_equal(acpi_read(&p, NULL), -EINVAL);
	assert_log("acpi: MADT at 0x7fe1000: length 2097152 is out of range");
}

/* Plausible length, but the table would run off reachable memory. */
static void acpi_madt_length_past_memory(void **state)
{
	(void)state;
	put_standard_machine();
	fake_put32(MADT_PHYS + 4, 0x80000);
	assert_int_equal(acpi_read(&p, NULL), -EINVAL);
	assert_log("acpi: MADT at 0x7fe1000: its 524288 bytes cannot be "
		   "reached, ignored");
}

static void acpi_madt_entry_length_zero(void **state)
{
	const u64 tables[] = {MADT_PHYS};
	struct tbl t;

	(void)state;
	put_rsdp(RSDP_PHYS, 0, RSDT_PHYS, 0);
	put_root(RSDT_PHYS, "RSDT", tables, 1);
	madt_start(&t, MADT_PHYS, 0xfee00000, 1);
	madt_lapic(&t, 0, 0, 1);
	madt_lapic(&t, 1, 1, 1);
	tbl_bytes(&t, (u8[]){0, 0, 2, 2, 1, 0, 0, 0}, 8); /* length 0 */
	madt_lapic(&t, 3, 3, 1);
	acpi_tbl_end(&t);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_log("acpi: MADT at 0x7fe1000: entry at offset 60 has length 0");
	assert_log("the rest of the table is ignored");
	assert_int_equal(p.nr_cpus, 2); /* those before the bad entry */
}

static void acpi_madt_entry_past_end(void **state)
{
	const u64 tables[] = {MADT_PHYS};
	struct tbl t;

	(void)state;
	put_rsdp(RSDP_PHYS, 0, RSDT_PHYS, 0);
	put_root(RSDT_PHYS, "RSDT", tables, 1);
	madt_start(&t, MADT_PHYS, 0xfee00000, 1);
	madt_lapic(&t, 0, 0, 1);
	tbl_bytes(&t, (u8[]){1, 12, 0, 0, 0, 0}, 6); /* IOAPIC, cut off */
	acpi_tbl_end(&t);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_log("entry at offset 52 has length 12 with 6 bytes left");
	assert_int_equal(p.nr_cpus, 1);
	assert_int_equal(p.nr_ioapics, 0);
}

/* One stray byte at the end: no length to read at all. */
static void acpi_madt_stray_last_byte(void **state)
{
	const u64 tables[] = {MADT_PHYS};
	struct tbl t;

	(void)state;
	put_rsdp(RSDP_PHYS, 0, RSDT_PHYS, 0);
	put_root(RSDT_PHYS, "RSDT", tables, 1);
	madt_start(&t, MADT_PHYS, 0xfee00000, 1);
	madt_lapic(&t, 0, 0, 1);
	tbl_u8(&t, 0);
	acpi_tbl_end(&t);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_log("entry at offset 52 has length 0 with 1 bytes left");
	assert_int_equal(p.nr_cpus, 1);
}

/* Known type, consistent length, but too short for its fields. */
static void acpi_madt_entry_too_short_for_type(void **state)
{
	const u64 tables[] = {MADT_PHYS};
	struct tbl t;

	(void)state;
	put_rsdp(RSDP_PHYS, 0, RSDT_PHYS, 0);
	put_root(RSDT_PHYS, "RSDT", tables, 1);
	madt_start(&t, MADT_PHYS, 0xfee00000, 1);
	tbl_bytes(&t, (u8[]){9, 8, 0, 0, 5, 0, 0, 0}, 8); /* x2APIC in 8 */
	madt_lapic(&t, 0, 0, 1);
	acpi_tbl_end(&t);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_log("entry type 9 at offset 44 is 8 bytes, needs 16; skipped");
	assert_int_equal(p.nr_cpus, 1);
	assert_int_equal(p.cpus[0].apic_id, 0);
}

static void acpi_madt_without_cpus(void **state)
{
	const u64 tables[] = {MADT_PHYS};
	struct tbl t;

	(void)state;
	put_rsdp(RSDP_PHYS, 0, RSDT_PHYS, 0);
	put_root(RSDT_PHYS, "RSDT", tables, 1);
	madt_start(&t, MADT_PHYS, 0xfee00000, 1);
	madt_lapic(&t, 0, 0, 0);
	madt_ioapic(&t, 0, 0xfec00000, 0);
	acpi_tbl_end(&t);
	assert_int_equal(acpi_read(&p, NULL), -EINVAL);
	assert_log("MADT at 0x7fe1000 lists no usable CPU, ignored");
	assert_int_equal(p.nr_cpus, 0);
	assert_int_equal(p.nr_ioapics, 0);
}

static void acpi_root_with_wrong_signature(void **state)
{
	(void)state;
	put_standard_machine();
	memcpy(fake_mem(RSDT_PHYS, 4), "R\001DT", 4);
	assert_int_equal(acpi_read(&p, NULL), -EINVAL);
	assert_log("acpi: RSDT at 0x7fe0000: signature is \"R?DT\", not "
		   "\"RSDT\", ignored");
}

/* An RSDT entry pointing nowhere, and one at a corrupt MADT before a good
 * one: the parser skips both. */
static void acpi_root_entries_skipped(void **state)
{
	const u64 tables[] = {0x50000000, FADT_PHYS, MADT_PHYS + 0x800,
			      MADT_PHYS};

	(void)state;
	put_standard_machine();
	put_root(RSDT_PHYS, "RSDT", tables, 4);
	put_madt_standard(MADT_PHYS + 0x800);
	corrupt(MADT_PHYS + 0x800, 50);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_log("MADT at 0x7fe1800: checksum is wrong");
	assert_int_equal(p.nr_cpus, 4);
}

/* --- ACPI: FADT and DSDT ------------------------------------------------ */

/* ACPI 2.0+ FADT: the X_ fields win over the 32-bit ones. */
static void acpi_fadt_x_fields(void **state)
{
	const u64 tables[] = {FADT_PHYS, MADT_PHYS};

	(void)state;
	put_rsdp(RSDP_PHYS, 0, RSDT_PHYS, 0);
	put_root(RSDT_PHYS, "RSDT", tables, 2);
	put_madt_standard(MADT_PHYS);
	put_fadt(FADT_PHYS, 244, 0x7fe3800, 0x1004);
	put_dsdt_s5(0x7fe3800, 1, 1); /* the 32-bit one: must not be used */
	put_dsdt_s5(DSDT_PHYS, 3, 4);
	memcpy(fake_mem(FADT_PHYS + 140, 8), &(u64){DSDT_PHYS}, 8);
	/* X_PM1a_CNT_BLK: I/O space, 16 bits, port 0xb004 */
	memcpy(fake_mem(FADT_PHYS + 172, 12),
	       (u8[]){1, 16, 0, 2, 0x04, 0xb0, 0, 0, 0, 0, 0, 0}, 12);
	/* X_PM1b_CNT_BLK: memory space, so the legacy 0 stays */
	memcpy(fake_mem(FADT_PHYS + 184, 12),
	       (u8[]){0, 16, 0, 2, 0, 0x10, 0, 0, 0, 0, 0, 0}, 12);
	fake_fix_checksum(FADT_PHYS, 244, 9);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_int_equal(p.pm1a_cnt, 0xb004);
	assert_int_equal(p.pm1b_cnt, 0);
	assert_log("address space 0, not I/O");
	assert_true(p.have_s5);
	assert_int_equal(p.slp_typ_a, 3);
	assert_int_equal(p.slp_typ_b, 4);
}

static void acpi_fadt_too_short(void **state)
{
	const u64 tables[] = {FADT_PHYS, MADT_PHYS};

	(void)state;
	put_standard_machine();
	put_root(RSDT_PHYS, "RSDT", tables, 2);
	put_fadt(FADT_PHYS, 100, DSDT_PHYS, 0x604);
	assert_int_equal(acpi_read(&p, NULL), 0); /* the MADT is fine */
	assert_log("acpi: FADT at 0x7fe2000: length 100 is out of range");
	assert_int_equal(p.pm1a_cnt, 0);
	assert_false(p.have_s5);
}

static void acpi_bad_dsdt_checksum(void **state)
{
	(void)state;
	put_standard_machine();
	corrupt(DSDT_PHYS, 40);
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_log("acpi: DSDT at 0x7fe3000: checksum is wrong (sum 0x3c)");
	assert_false(p.have_s5);
	assert_int_equal(p.pm1a_cnt, 0x604);
}

static void acpi_read_twice_same_result(void **state)
{
	static struct platform first;

	(void)state;
	put_standard_machine();
	assert_int_equal(acpi_read(&p, NULL), 0);
	first = p;
	assert_int_equal(acpi_read(&p, NULL), 0);
	assert_int_equal(p.nr_cpus, first.nr_cpus);
	assert_int_equal(p.nr_ioapics, first.nr_ioapics);
	assert_int_equal(p.nr_overrides, first.nr_overrides);
	assert_int_equal(p.nr_nmis, first.nr_nmis);
	for (int i = 0; i < p.nr_cpus; i++) {
		assert_int_equal(p.cpus[i].apic_id, first.cpus[i].apic_id);
		assert_true(p.cpus[i].enabled == first.cpus[i].enabled);
	}
	assert_true(p.have_s5 == first.have_s5);
}

/* --- \_S5 in AML, directly ---------------------------------------------- */

/* Run acpi_find_s5 over an exact-size heap copy (ASan bounds). */
static bool s5(const u8 *aml, size_t len, u16 *a, u16 *b)
{
	u8 *copy = malloc(len ? len : 1);
	bool found;

	assert_non_null(copy);
	memcpy(copy, aml, len);
	*a = *b = 0xeeee;
	found = acpi_find_s5(copy, len, a, b);
	free(copy);
	return found;
}

static void s5_integer_encodings(void **state)
{
	/* clang-format off */
	const u8 zero_one[] = {0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04,
			       0x00, 0x01, 0x00, 0x00};
	const u8 word[] = {'_', 'S', '5', '_', 0x12, 0x08, 0x02,
			   0x0b, 0x07, 0x00, 0x0a, 0x06};
	/* a 2-byte PkgLength (lead byte 0x40 | low nibble, then one byte) */
	const u8 long_pkg[] = {'_', 'S', '5', '_', 0x12, 0x47, 0x01, 0x02,
			       0x0a, 0x05, 0x0a, 0x06};
	/* clang-format on */
	u16 a, b;

	(void)state;
	assert_true(s5(zero_one, sizeof(zero_one), &a, &b));
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	assert_true(s5(word, sizeof(word), &a, &b));
	assert_int_equal(a, 7);
	assert_int_equal(b, 6);
	assert_true(s5(long_pkg, sizeof(long_pkg), &a, &b));
	assert_int_equal(a, 5);
	assert_int_equal(b, 6);
}

static void s5_not_found_or_truncated(void **state)
{
	const u8 none[] = {0x08, '_', 'S', '4', '_', 0x12, 0x04, 0x02, 0, 0};
	const u8 not_pkg[] = {0x08, '_', 'S', '5', '_', 0x0a, 0x05};
	const u8 one_elem[] = {'_', 'S', '5', '_', 0x12, 0x03, 0x01, 0x00};
	const u8 method[] = {'_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x70, 0x00};
	u8 cut[] = {'_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0a, 0x05, 0x0a, 9};
	u16 a, b;

	(void)state;
	assert_false(s5(none, sizeof(none), &a, &b));
	assert_false(s5(not_pkg, sizeof(not_pkg), &a, &b));
	assert_false(s5(one_elem, sizeof(one_elem), &a, &b));
	assert_false(s5(method, sizeof(method), &a, &b));
	/* every truncation of a good package: no read past the end */
	for (size_t len = 0; len < sizeof(cut); len++)
		assert_false(s5(cut, len, &a, &b));
	assert_true(s5(cut, sizeof(cut), &a, &b));
	assert_int_equal(b, 9);
}

/* --- MP table ----------------------------------------------------------- */

#define MPF_PHYS  0xf5b00ULL
#define PCMP_PHYS 0xf5c00ULL

static void put_floating(u64 phys, u32 config, u8 default_config)
{
	struct tbl t;

	tbl_start(&t, phys);
	tbl_bytes(&t, "_MP_", 4);
	tbl_u32(&t, config);
	tbl_u8(&t, 1);
	tbl_u8(&t, 4);
	tbl_u8(&t, 0);
	tbl_bytes(&t, (u8[]){default_config, 0, 0, 0, 0}, 5);
	fake_fix_checksum(phys, 16, 10);
}

static void mp_start(struct tbl *t, u64 phys)
{
	tbl_start(t, phys);
	tbl_bytes(t, "PCMP", 4);
	tbl_u16(t, 0); /* length, later */
	tbl_u8(t, 4);
	tbl_u8(t, 0); /* checksum, later */
	tbl_bytes(t, "TERNTS  ", 8);
	tbl_bytes(t, "FAKE MP     ", 12);
	tbl_u32(t, 0);
	tbl_u16(t, 0);
	tbl_u16(t, 0); /* entry count, later */
	tbl_u32(t, 0xfee00000);
	tbl_u16(t, 0);
	tbl_u8(t, 0);
	tbl_u8(t, 0);
}

static void mp_end(struct tbl *t, u16 entries)
{
	fake_put16(t->phys + 4, (u16)t->len);
	fake_put16(t->phys + 34, entries);
	fake_fix_checksum(t->phys, t->len, 7);
}

static void mp_cpu(struct tbl *t, u8 apic_id, u8 flags)
{
	u8 e[20] = {0, apic_id, 0x14, flags};

	tbl_bytes(t, e, sizeof(e));
}

static void mp_bus(struct tbl *t, u8 id, const char *type)
{
	tbl_u8(t, 1);
	tbl_u8(t, id);
	tbl_bytes(t, type, 6);
}

static void mp_ioapic(struct tbl *t, u8 id, u8 flags, u32 addr)
{
	tbl_bytes(t, (u8[]){2, id, 0x11, flags}, 4);
	tbl_u32(t, addr);
}

static void mp_int(struct tbl *t, u8 type, u8 irq_type, u16 flags, u8 bus,
		   u8 irq, u8 dst, u8 pin)
{
	tbl_u8(t, type);
	tbl_u8(t, irq_type);
	tbl_u16(t, flags);
	tbl_bytes(t, (u8[]){bus, irq, dst, pin}, 4);
}

/* SeaBIOS-like: 4 CPUs (one disabled), ISA bus 0, PCI bus 1, one
 * IOAPIC; ExtINT on pin 0, IRQ 0 on pin 2, IRQ 1 straight, IRQ 9 level
 * high, a PCI interrupt, NMI on LINT1 of all CPUs. */
static void put_mp_standard(u64 phys)
{
	struct tbl t;

	mp_start(&t, phys);
	mp_cpu(&t, 0, 3);
	mp_cpu(&t, 1, 1);
	mp_cpu(&t, 2, 0);
	mp_cpu(&t, 3, 1);
	mp_bus(&t, 0, "ISA   ");
	mp_bus(&t, 1, "PCI   ");
	mp_ioapic(&t, 4, 1, 0xfec00000);
	mp_int(&t, 3, 3, 0, 0, 0, 4, 0); /* ExtINT: not an override */
	mp_int(&t, 3, 0, 0, 0, 0, 4, 2);
	mp_int(&t, 3, 0, 0, 0, 1, 4, 1);
	mp_int(&t, 3, 0, 0xd, 0, 9, 4, 9);
	mp_int(&t, 3, 0, 0xf, 1, 4, 4, 16); /* PCI: not ISA */
	mp_int(&t, 4, 3, 0, 0, 0, 0xff, 0); /* ExtINT on LINT0 */
	mp_int(&t, 4, 1, 0, 0, 0, 0xff, 1); /* NMI on LINT1 */
	mp_end(&t, 14);
}

static void mp_reads_seabios_like_table(void **state)
{
	(void)state;
	put_floating(MPF_PHYS, PCMP_PHYS, 0);
	put_mp_standard(PCMP_PHYS);
	fake_set_ioapic_pins(0xfec00000, 24);
	assert_int_equal(mptable_read(&p), 0);
	assert_string_equal(p.source, "MP table");
	assert_int_equal(p.lapic_phys, 0xfee00000);
	assert_int_equal(p.nr_cpus, 4);
	assert_true(p.cpus[0].bsp);
	assert_true(p.cpus[0].enabled);
	assert_false(p.cpus[1].bsp);
	assert_false(p.cpus[2].enabled);
	assert_int_equal(p.cpus[3].apic_id, 3);
	assert_int_equal(p.cpus[3].acpi_uid, 3);
	assert_int_equal(p.nr_ioapics, 1);
	assert_int_equal(p.ioapics[0].id, 4);
	assert_int_equal(p.ioapics[0].phys, 0xfec00000);
	assert_int_equal(p.ioapics[0].gsi_base, 0);
	assert_int_equal(p.ioapics[0].nr_pins, 24);
	assert_int_equal(p.nr_overrides, 2);
	assert_int_equal(p.overrides[0].bus_irq, 0);
	assert_int_equal(p.overrides[0].gsi, 2);
	assert_int_equal(p.overrides[1].bus_irq, 9);
	assert_int_equal(p.overrides[1].gsi, 9);
	assert_int_equal(p.overrides[1].flags, 0xd);
	assert_int_equal(p.nr_nmis, 1);
	assert_int_equal(p.nmis[0].acpi_uid, 0xff);
	assert_int_equal(p.nmis[0].lint, 1);
	assert_false(log_has("ignored"));
}

static void mp_floating_in_ebda(void **state)
{
	(void)state;
	fake_put16(0x40e, EBDA_PHYS >> 4);
	put_floating(EBDA_PHYS + 0x10, PCMP_PHYS, 0);
	put_mp_standard(PCMP_PHYS);
	assert_int_equal(mptable_read(&p), 0);
	assert_int_equal(p.nr_cpus, 4);
}

static void mp_floating_in_last_kib_of_base_memory(void **state)
{
	(void)state;
	fake_put16(0x413, 639); /* KiB; no EBDA segment */
	put_floating(639 * 1024 - 1024 + 0x3f0, PCMP_PHYS, 0);
	put_mp_standard(PCMP_PHYS);
	assert_int_equal(mptable_read(&p), 0);
	assert_int_equal(p.nr_cpus, 4);
}

/* Two IOAPICs: GSIs numbered in table order, by their pin counts (24 when
 * an IOAPIC cannot be asked). */
static void mp_gsi_bases_follow_pin_counts(void **state)
{
	struct tbl t;

	(void)state;
	put_floating(MPF_PHYS, PCMP_PHYS, 0);
	mp_start(&t, PCMP_PHYS);
	mp_cpu(&t, 0, 3);
	mp_bus(&t, 0, "ISA   ");
	mp_ioapic(&t, 8, 1, 0xfec00000);
	mp_ioapic(&t, 9, 0, 0xfec02000); /* disabled */
	mp_ioapic(&t, 10, 1, 0xfec01000);
	mp_ioapic(&t, 11, 1, 0xfec03000);
	mp_int(&t, 3, 0, 0, 0, 5, 10, 3);
	mp_end(&t, 7);
	fake_set_ioapic_pins(0xfec00000, 16);
	fake_set_ioapic_pins(0xfec01000, 32);
	assert_int_equal(mptable_read(&p), 0);
	assert_int_equal(p.nr_ioapics, 3);
	assert_int_equal(p.ioapics[0].gsi_base, 0);
	assert_int_equal(p.ioapics[1].id, 10);
	assert_int_equal(p.ioapics[1].gsi_base, 16);
	assert_int_equal(p.ioapics[2].gsi_base, 48);
	assert_int_equal(p.ioapics[2].nr_pins, 0);
	assert_int_equal(p.nr_overrides, 1);
	assert_int_equal(p.overrides[0].bus_irq, 5);
	assert_int_equal(p.overrides[0].gsi, 19);
}

static void mp_bad_floating_checksum(void **state)
{
	(void)state;
	put_floating(MPF_PHYS, PCMP_PHYS, 0);
	put_mp_standard(PCMP_PHYS);
	corrupt(MPF_PHYS, 12);
	assert_int_equal(mptable_read(&p), -ENOENT);
	assert_log("mptable: floating pointer at 0xf5b00: checksum is wrong "
		   "(sum 0x3c), ignored");
	assert_int_equal(p.nr_cpus, 0);
}

/* A length field that reaches past the scanned area: refused unread. */
static void mp_floating_longer_than_area(void **state)
{
	(void)state;
	put_floating(0xffff0, PCMP_PHYS, 0);
	put_mp_standard(PCMP_PHYS);
	fake_mem(0xffff8, 1)[0] = 2; /* 32 bytes, 16 left */
	fake_fix_checksum(0xffff0, 16, 10);
	assert_int_equal(mptable_read(&p), -ENOENT);
	assert_log("floating pointer at 0xffff0: length 32 is out of range");
}

static void mp_bad_config_checksum(void **state)
{
	(void)state;
	put_floating(MPF_PHYS, PCMP_PHYS, 0);
	put_mp_standard(PCMP_PHYS);
	corrupt(PCMP_PHYS, 45);
	assert_int_equal(mptable_read(&p), -EINVAL);
	assert_log("mptable: PCMP at 0xf5c00: checksum is wrong (sum 0x3c), "
		   "ignored");
	assert_int_equal(p.nr_cpus, 0);
	assert_null(p.source);
}

static void mp_bad_config_signature_and_length(void **state)
{
	(void)state;
	put_floating(MPF_PHYS, PCMP_PHYS, 0);
	put_mp_standard(PCMP_PHYS);
	fake_put16(PCMP_PHYS + 4, 20);
	assert_int_equal(mptable_read(&p), -EINVAL);
	assert_log("PCMP at 0xf5c00: length 20 is shorter than its header");
	put_floating(MPF_PHYS, 0x12345, 0);
	assert_int_equal(mptable_read(&p), -EINVAL);
	assert_log("PCMP at 0x12345: no \"PCMP\" signature");
}

static void mp_default_configuration_unsupported(void **state)
{
	(void)state;
	put_floating(MPF_PHYS, 0, 5);
	assert_int_equal(mptable_read(&p), -EINVAL);
	assert_log("default configuration 5, which this kernel does not "
		   "support");
}

/* The entry count promises more than the table holds. */
static void mp_entry_count_past_end(void **state)
{
	struct tbl t;

	(void)state;
	put_floating(MPF_PHYS, PCMP_PHYS, 0);
	mp_start(&t, PCMP_PHYS);
	mp_cpu(&t, 0, 3);
	mp_cpu(&t, 1, 1);
	mp_end(&t, 5);
	assert_int_equal(mptable_read(&p), 0);
	assert_log("PCMP at 0xf5c00: ends after 2 of its 5 entries");
	assert_int_equal(p.nr_cpus, 2);
}

static void mp_unknown_or_cut_entry_stops(void **state)
{
	struct tbl t;

	(void)state;
	put_floating(MPF_PHYS, PCMP_PHYS, 0);
	mp_start(&t, PCMP_PHYS);
	mp_cpu(&t, 0, 3);
	tbl_bytes(&t, (u8[]){0x42, 0, 0, 0, 0, 0, 0, 0}, 8);
	mp_cpu(&t, 1, 1);
	mp_end(&t, 3);
	assert_int_equal(mptable_read(&p), 0);
	assert_log("entry 1 (type 66) at offset 64 is of an unknown type");
	assert_int_equal(p.nr_cpus, 1);

	mp_start(&t, PCMP_PHYS);
	mp_cpu(&t, 0, 3);
	tbl_bytes(&t, (u8[]){0, 1, 0x14, 1, 0, 0, 0, 0}, 8); /* 8 of 20 */
	mp_end(&t, 2);
	assert_int_equal(mptable_read(&p), 0);
	assert_log("entry 1 (type 0) at offset 64 is cut off");
	assert_int_equal(p.nr_cpus, 1);
}

static void mp_nothing_there(void **state)
{
	(void)state;
	fake_put16(0x40e, EBDA_PHYS >> 4);
	fake_put16(0x413, 639);
	assert_int_equal(mptable_read(&p), -ENOENT);
	assert_int_equal(p.nr_cpus, 0);
}

/* --- The shared walk (kernel/acpi.c), as IA-64 uses it -------------------- */

static void madt_lsapic(struct tbl *t, u8 id, u8 eid, u32 flags, u8 len)
{
	u8 e[17] = {7, len, id, id, eid};

	memcpy(e + 8, &flags, 4);
	tbl_bytes(t, e, len < sizeof(e) ? len : sizeof(e));
}

/* What arch/ia64/smp.c keeps: the (id, eid) of each entry it is given. */
struct seen {
	int n;
	u32 ids[8];
	u64 addr; /* from a MADT_LAPIC_ADDR entry */
};

static void collect(void *arg, const struct madt_entry *e)
{
	struct seen *s = arg;
	const struct madt_lsapic *l = (const void *)e;

	if (e->type == MADT_LAPIC_ADDR)
		s->addr = ((const struct madt_lapic_addr *)e)->addr;
	else if (e->type == MADT_LSAPIC && s->n < 8)
		s->ids[s->n++] = (u32)l->id << 8 | l->eid | l->flags << 16;
}

/* An EFI machine's tables: RSDP (revision 2) -> XSDT -> MADT of SAPICs,
 * one disabled, one cut short, and a 64-bit interrupt block address. */
static void put_ia64_tables(void)
{
	struct tbl t;
	u64 madt = MADT_PHYS;

	put_rsdp(RSDP_PHYS, 2, 0, XSDT_PHYS);
	put_root(XSDT_PHYS, "XSDT", &madt, 1);
	madt_start(&t, MADT_PHYS, 0xfee00000, 0);
	madt_lsapic(&t, 0, 0, 1, 17);
	madt_lsapic(&t, 1, 0, 1, 17);
	madt_lsapic(&t, 2, 5, 0, 17); /* disabled: still given, flags say */
	madt_lsapic(&t, 3, 0, 1, 12); /* too short for a SAPIC: skipped */
	tbl_u8(&t, 5);
	tbl_u8(&t, 12);
	tbl_u16(&t, 0);
	tbl_u64(&t, 0xfee0000000ULL);
	acpi_tbl_end(&t);
}

static void acpi_walk_gives_sapic_entries(void **state)
{
	struct acpi_root root;
	struct seen s = {0};
	u64 phys = 0;

	(void)state;
	put_ia64_tables();
	assert_true(acpi_map_root(fw_map(RSDP_PHYS, 36), &root));
	assert_int_equal(root.entry_size, 8);
	const struct acpi_madt *m = acpi_madt_walk(&root, collect, &s, &phys);
	assert_non_null(m);
	assert_int_equal(phys, MADT_PHYS);
	assert_int_equal(m->lapic_addr, 0xfee00000);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.ids[0], 0x10000);
	assert_int_equal(s.ids[1], 0x10100);
	assert_int_equal(s.ids[2], 0x0205);
	assert_int_equal(s.addr, 0xfee0000000ULL);
	assert_log("entry type 7 at offset 95 is 12 bytes, needs 16; skipped");
}

static void acpi_walk_bad_madt_is_named(void **state)
{
	struct acpi_root root;
	struct seen s = {0};
	u64 phys = 0;

	(void)state;
	put_ia64_tables();
	fake_mem(MADT_PHYS + 9, 1)[0] ^= 1; /* break the checksum */
	assert_true(acpi_map_root(fw_map(RSDP_PHYS, 36), &root));
	assert_null(acpi_madt_walk(&root, collect, &s, &phys));
	assert_int_equal(s.n, 0);
	assert_log("acpi: MADT at 0x7fe1000: checksum is wrong");
	assert_log("acpi: no usable MADT");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(acpi_reads_qemu_like_tables),
	    T(acpi_madt_entry_kinds),
	    T(acpi_duplicate_apic_id_keeps_first),
	    T(acpi_more_cpus_than_kept_are_counted),
	    T(acpi_rsdp_in_ebda),
	    T(acpi_rsdp_from_boot_loader_copy),
	    T(acpi_prefers_xsdt),
	    T(acpi_bad_xsdt_falls_back_to_rsdt),
	    T(acpi_no_rsdp_anywhere),
	    T(acpi_bad_rsdp_checksum),
	    T(acpi_bad_rsdp_then_good_one),
	    T(acpi_bad_rsdp_extended_checksum),
	    T(acpi_bad_rsdp_length),
	    T(acpi_rsdp_longer_than_area),
	    T(acpi_bad_loader_copy_falls_back_to_scan),
	    T(acpi_bad_madt_checksum),
	    T(acpi_madt_length_too_short),
	    T(acpi_madt_length_oversized),
	    T(acpi_madt_length_past_memory),
	    T(acpi_madt_entry_length_zero),
	    T(acpi_madt_entry_past_end),
	    T(acpi_madt_stray_last_byte),
	    T(acpi_madt_entry_too_short_for_type),
	    T(acpi_madt_without_cpus),
	    T(acpi_root_with_wrong_signature),
	    T(acpi_root_entries_skipped),
	    T(acpi_fadt_x_fields),
	    T(acpi_fadt_too_short),
	    T(acpi_bad_dsdt_checksum),
	    T(acpi_read_twice_same_result),
	    T(s5_integer_encodings),
	    T(s5_not_found_or_truncated),
	    T(mp_reads_seabios_like_table),
	    T(mp_floating_in_ebda),
	    T(mp_floating_in_last_kib_of_base_memory),
	    T(mp_gsi_bases_follow_pin_counts),
	    T(mp_bad_floating_checksum),
	    T(mp_floating_longer_than_area),
	    T(mp_bad_config_checksum),
	    T(mp_bad_config_signature_and_length),
	    T(mp_default_configuration_unsupported),
	    T(mp_entry_count_past_end),
	    T(mp_unknown_or_cut_entry_stops),
	    T(mp_nothing_there),
	    T(acpi_walk_gives_sapic_entries),
	    T(acpi_walk_bad_madt_is_named),
	};

	return run_suite("acpi", tests);
}

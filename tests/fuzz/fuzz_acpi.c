/*
 * tests/fuzz/fuzz_acpi.c - the ACPI parsers (kernel/acpi.c and
 * arch/x86/acpi.c: RSDP, RSDT/XSDT, MADT, FADT, DSDT's \_S5) over the fake
 * physical memory of tests/fw_fake.c, reached only through fw_map().
 *
 * Input:
 *   byte 0       flags, below
 *   bytes 1-36   the RSDP
 *   the rest     copied to FAKE_HIGH_BASE (0x7fe0000), where the RSDP's
 *                RSDT/XSDT pointers and theirs are meant to point
 * Flags:
 *   0x01  fix every checksum the parser will check (RSDP, root table, the
 *         tables it lists, the FADT's DSDT), so that the fuzzer gets past
 *         them; without it the checksum paths are fuzzed
 *   0x02  the RSDP is the boot loader's copy (multiboot2), not in memory
 *   0x04  the RSDP is in the EBDA (segment word at 0x40E), else at 0xE0000
 *   0x08  write "RSD PTR " over the RSDP's first 8 bytes
 *   0x10  the IOAPIC at 0xfec00000 answers 24 pins
 * Checked: the counts in struct platform stay within its arrays, and
 * success means at least one usable CPU.
 */
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_platform.h"

#include "arch/x86/acpi.h"
#include "lib/string.h"
#include "tests/fw_fake.h"

#define RSDP_LEN 36

static void fix_sum(u8 *p, size_t len, size_t at)
{
	p[at] = 0;
	p[at] = (u8)(0x100 - fw_sum(p, len));
}

/* Fix the checksum of the ACPI table at phys, when it is all in memory. */
static void fix_table(u64 phys)
{
	u32 len;

	if (!fake_has(phys, sizeof(struct acpi_header)))
		return;
	len = get32(fake_mem(phys, 8) + 4);
	if (len < 10 || len >= ACPI_TABLE_MAXLEN || !fake_has(phys, len))
		return;
	fake_fix_checksum(phys, len, 9);
}

/* The FADT's DSDT pointers (32-bit at 40, 64-bit at 140). */
static void fix_dsdt_of(u64 fadt)
{
	u32 len = get32(fake_mem(fadt, 8) + 4);

	if (len >= 44 && fake_has(fadt, 44))
		fix_table(get32(fake_mem(fadt, 44) + 40));
	if (len >= 148 && fake_has(fadt, 148))
		fix_table(get64(fake_mem(fadt, 148) + 140));
}

/* Leaves first, then the root: a root's own checksum covers only itself,
 * but tables may overlap, and the root must be right last. */
static void fix_root(u64 phys, size_t entry_size)
{
	u32 len;

	if (!phys || !fake_has(phys, sizeof(struct acpi_header)))
		return;
	len = get32(fake_mem(phys, 8) + 4);
	if (len < 36 || len >= ACPI_TABLE_MAXLEN || !fake_has(phys, len))
		return;
	for (size_t off = 36; off + entry_size <= len; off += entry_size) {
		const u8 *e = fake_mem(phys + off, entry_size);
		u64 t = entry_size == 8 ? get64(e) : get32(e);
		if (!fake_has(t, sizeof(struct acpi_header)))
			continue;
		if (!memcmp(fake_mem(t, 4), "FACP", 4))
			fix_dsdt_of(t);
		fix_table(t);
	}
	fix_table(phys);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct platform p;
	u8 rsdp[RSDP_LEN] = {0};
	u8 flags = size ? data[0] : 0;
	size_t body = size > 1 + RSDP_LEN ? size - 1 - RSDP_LEN : 0;
	int ret;

	fake_reset();
	if (size > 1)
		memcpy(rsdp, data + 1, MIN(size - 1, sizeof(rsdp)));
	body = MIN(body, FAKE_HIGH_SIZE);
	if (body)
		memcpy(fake_mem(FAKE_HIGH_BASE, body), data + 1 + RSDP_LEN,
		       body);
	if (flags & 0x08)
		memcpy(rsdp, "RSD PTR ", 8);
	if (flags & 0x01) {
		u32 rsdt = get32(rsdp + 16);
		u64 xsdt = get64(rsdp + 24);
		fix_root(rsdt, 4);
		if (rsdp[15] >= 2)
			fix_root(xsdt, 8);
		fix_sum(rsdp, 20, 8);
		fix_sum(rsdp, RSDP_LEN, 32);
	}
	if (flags & 0x10)
		fake_set_ioapic_pins(0xfec00000, 24);

	if (!(flags & 0x02)) {
		u64 at = 0xe0000;
		if (flags & 0x04) {
			at = 0x9fc00;
			fake_put16(0x40e, 0x9fc0);
		}
		memcpy(fake_mem(at, RSDP_LEN), rsdp, RSDP_LEN);
	}

	memset(&p, 0, sizeof(p));
	ret = acpi_read(&p, flags & 0x02 ? rsdp : NULL);
	fuzz_check_platform(&p, ret);
	fuzz_show_log(fake_log());
	fake_unmap();
	return 0;
}

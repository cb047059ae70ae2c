/*
 * tests/fuzz/fuzz_mptable.c - the MP table parser (arch/x86/mptable.c)
 * over the fake physical memory of tests/fw_fake.c.
 *
 * Input:
 *   byte 0       flags, below
 *   bytes 1-16   the MP floating pointer, put at 0xF0000 (the BIOS ROM
 *                area, where mptable.c scans for it)
 *   the rest     copied to 0x10000, where the floating pointer's
 *                configuration table pointer is meant to point
 * Flags:
 *   0x01  fix the checksums (floating pointer, PCMP base table)
 *   0x02  write "_MP_" over the floating pointer's signature
 *   0x04  the IOAPIC at 0xfec00000 answers 24 pins
 *   0x08  put the floating pointer in the EBDA (segment word at 0x40E)
 * Checked: the counts in struct platform stay within its arrays, and
 * success means at least one usable CPU.
 */
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_platform.h"

#include "arch/x86/mptable.h"
#include "lib/string.h"
#include "tests/fw_fake.h"

#define BODY_PHYS 0x10000ULL
#define BODY_MAX  0x80000ULL

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static struct platform p;
	u8 flags = size ? data[0] : 0;
	u8 fp[16] = {0};
	u64 fp_phys = flags & 0x08 ? 0x9fc00 : 0xf0000;
	size_t body = size > 17 ? MIN(size - 17, BODY_MAX) : 0;
	int ret;

	fake_reset();
	if (size > 1)
		memcpy(fp, data + 1, MIN(size - 1, sizeof(fp)));
	if (body)
		memcpy(fake_mem(BODY_PHYS, body), data + 17, body);
	if (flags & 0x02)
		memcpy(fp, "_MP_", 4);
	if (flags & 0x08)
		fake_put16(0x40e, 0x9fc0);
	memcpy(fake_mem(fp_phys, sizeof(fp)), fp, sizeof(fp));
	if (flags & 0x01) {
		u32 config = get32(fp + 4);
		if (fake_has(config, 44)) {
			u16 len = fake_mem(config, 44)[4] |
				  fake_mem(config, 44)[5] << 8;
			if (len >= 8 && fake_has(config, len))
				fake_fix_checksum(config, len, 7);
		}
		/* The floating pointer's checksum covers length * 16
		 * bytes; fix it when they are in memory. */
		if (fp[8] && fake_has(fp_phys, fp[8] * 16))
			fake_fix_checksum(fp_phys, fp[8] * 16, 10);
	}
	if (flags & 0x04)
		fake_set_ioapic_pins(0xfec00000, 24);

	memset(&p, 0, sizeof(p));
	ret = mptable_read(&p);
	fuzz_check_platform(&p, ret);
	fuzz_show_log(fake_log());
	fake_unmap();
	return 0;
}

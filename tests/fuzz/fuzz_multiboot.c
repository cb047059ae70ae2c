/*
 * tests/fuzz/fuzz_multiboot.c - the multiboot1 and multiboot2 parsers
 * (arch/x86/multiboot.c) over the fake physical memory of
 * tests/fw_fake.c.
 *
 * Input:
 *   byte 0     flags: 0x01 multiboot2 (else multiboot1); 0x02 (multiboot2)
 *              write the input's length over the information's total size
 *   the rest   copied to 0x10000, the information's address; its pointers
 *              (multiboot1: command line, loader name, memory map) are
 *              meant to point into it
 * Checked, in boot_info: the memory map is within its array, sorted, free
 * of overlaps and of empty entries, below 2^52, of known types; the
 * command line and loader name are NUL-terminated inside their arrays.
 */
#include "tests/fuzz/fuzz.h"

#include "arch/x86/multiboot.h"
#include "kernel/bootinfo.h"
#include "lib/string.h"
#include "tests/fw_fake.h"

#define INFO_PHYS 0x10000ULL
#define INFO_MAX  (FAKE_LOW_SIZE - INFO_PHYS)

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u8 flags = size ? data[0] : 0;
	size_t n = size > 1 ? MIN(size - 1, INFO_MAX) : 0;

	fake_reset();
	if (n)
		memcpy(fake_mem(INFO_PHYS, n), data + 1, n);
	if ((flags & 0x03) == 0x03 && n >= 4)
		put32(fake_mem(INFO_PHYS, 4), (u32)n);
	memset(&boot_info, 0, sizeof(boot_info));
	multiboot_parse(flags & 0x01 ? MB2_BOOT_MAGIC : MB1_BOOT_MAGIC,
			INFO_PHYS);

	fuzz_check(boot_info.nr_mem >= 0 &&
		   boot_info.nr_mem <= BOOT_MAX_REGIONS);
	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct mem_region *r = &boot_info.mem[i];
		fuzz_check(r->len > 0);
		fuzz_check(r->base < (1ULL << 52) &&
			   r->len <= (1ULL << 52) - r->base);
		fuzz_check(r->type >= MEM_USABLE && r->type <= MEM_BAD);
		if (i > 0) {
			const struct mem_region *q = &boot_info.mem[i - 1];
			fuzz_check(q->base + q->len <= r->base);
			/* joined when they touch with the same type */
			fuzz_check(q->base + q->len < r->base ||
				   q->type != r->type);
		}
	}
	fuzz_check(boot_info.nr_reserved >= 0 &&
		   boot_info.nr_reserved <= BOOT_MAX_RESERVED);
	fuzz_check(strnlen(boot_info.cmdline, sizeof(boot_info.cmdline)) <
		   sizeof(boot_info.cmdline));
	fuzz_check(strnlen(boot_info.loader, sizeof(boot_info.loader)) <
		   sizeof(boot_info.loader));
	fuzz_show_log(fake_log());
	fake_unmap();
	return 0;
}

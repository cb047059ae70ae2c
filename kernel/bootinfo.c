/*
 * kernel/bootinfo.c - the one struct boot_info, and adding to its lists.
 */
#include "kernel/bootinfo.h"
#include "kernel/printk.h"

struct boot_info boot_info;

void boot_add_region(u64 base, u64 len, u32 type)
{
	if (boot_info.nr_mem == BOOT_MAX_REGIONS) {
		pr_warn(
		    "boot: more than %d memory regions; ignoring %#llx+%#llx\n",
		    BOOT_MAX_REGIONS, base, len);
		return;
	}
	if (type < MEM_USABLE || type > MEM_BAD)
		type = MEM_RESERVED; /* an unknown type must not be used */
	boot_info.mem[boot_info.nr_mem++] =
	    (struct mem_region){.base = base, .len = len, .type = type};
}

void boot_reserve(u64 base, u64 len)
{
	if (len == 0)
		return;
	if (boot_info.nr_reserved == BOOT_MAX_RESERVED) {
		pr_warn("boot: more than %d reserved ranges; ignoring "
			"%#llx+%#llx\n",
			BOOT_MAX_RESERVED, base, len);
		return;
	}
	boot_info.reserved[boot_info.nr_reserved++] =
	    (struct mem_region){.base = base, .len = len, .type = MEM_RESERVED};
}

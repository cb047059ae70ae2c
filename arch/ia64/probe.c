/*
 * arch/ia64/probe.c - reading and writing a byte that may not be there.
 *
 * On x86 a probe is an access whose fault is caught.  Tern runs in
 * physical mode on IA-64, where an access to an address with no memory
 * behind it is not a fault the kernel can catch (a real machine raises a
 * machine check; the simulator stops).  So the probe asks first: the
 * address must be in RAM the firmware's memory map describes.  There are
 * no page permissions to refuse a write either.
 */
#include "kernel/bootinfo.h"
#include "kernel/hal.h"
#include "lib/errno.h"

static bool in_ram(u64 a)
{
	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct mem_region *r = &boot_info.mem[i];
		if (r->type == MEM_USABLE && a >= r->base &&
		    a - r->base < r->len)
			return true;
	}
	return false;
}

int hal_probe_write(void *addr, u8 val)
{
	if (!in_ram((u64)addr))
		return -EFAULT;
	*(volatile u8 *)addr = val;
	return 0;
}

int hal_probe_read(const void *addr, u8 *val)
{
	if (!in_ram((u64)addr))
		return -EFAULT;
	*val = *(const volatile u8 *)addr;
	return 0;
}

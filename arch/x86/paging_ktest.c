/*
 * arch/x86/paging_ktest.c - the kernel's code and constants stay read-only
 * through every address that maps them.
 *
 * The kernel image is mapped twice: at KERNEL_VMA, where it runs, and in
 * the direct map, which maps all of RAM at DIRECT_MAP_BASE.  Write
 * protection on the first mapping means little if the second lets the same
 * bytes be written (W^X only skin-deep), so these tests look at both: the
 * page tables themselves, and what the CPU does on a write.
 */
#include "arch/x86/paging.h"
#include "kernel/hal.h"
#include "kernel/ktest.h"
#include "lib/errno.h"

extern char _text[], _etext[], _rodata[], _erodata[], _data[];
static u8 some_data = 5;

/* Write a byte's own value back: harmless if the write is (wrongly)
 * allowed, and -EFAULT if the page tables refuse it. */
static int rewrite(void *addr)
{
	u8 v;
	if (hal_probe_read(addr, &v))
		return -1;
	return hal_probe_write(addr, v);
}

/* Expected: no page-table entry anywhere in the kernel's tables lets a
 * write reach the physical pages of .text or .rodata. */
KTEST(paging_no_writable_alias_of_text)
{
	u64 lo = hal_virt_to_phys(_text), hi = hal_virt_to_phys(_erodata);
	u64 va;
	unsigned long n = paging_count_writable(lo, hi, &va);
	if (n)
		KT_FAIL("%lu writable mapping(s) of the kernel's code or "
			"constants (physical %#llx..%#llx), the first at %#llx",
			n, lo, hi, va);
	/* the walk does find writable memory: the data of the same image */
	u64 d = hal_virt_to_phys(&some_data);
	KT_ASSERT(paging_count_writable(d, d + 1, &va) >= 2);
}

/* Expected: writing to code or constants faults through each alias (the
 * image address and the direct map), and data stays writable through
 * both. */
KTEST(paging_text_write_faults_through_every_alias)
{
	/* first and last byte of each (the linker's end symbols are one past)
	 */
	u64 ro[] = {(u64)_text, (u64)_etext - 1, (u64)_rodata,
		    (u64)_erodata - 1};
	for (unsigned i = 0; i < ARRAY_SIZE(ro); i++) {
		void *direct =
		    hal_phys_to_virt(hal_virt_to_phys((void *)ro[i]));
		KT_EXPECT_EQ(rewrite((void *)ro[i]), -EFAULT);
		KT_EXPECT_EQ(rewrite(direct), -EFAULT);
	}
	u8 *alias = hal_phys_to_virt(hal_virt_to_phys(&some_data));
	KT_EXPECT_EQ(hal_probe_write(alias, 6), 0);
	KT_EXPECT_EQ(some_data, 6);
}

/*
 * kernel/page_alloc_ktest.c - in-kernel tests of the page allocator.
 */
#include "kernel/bootinfo.h"
#include "kernel/ktest.h"
#include "kernel/page_alloc.h"
#include "lib/errno.h"

extern char _load_start_phys[], _bss_end_phys[];

static bool overlaps_image(u64 phys, size_t n)
{
	return phys < (u64)_bss_end_phys &&
	       (u64)_load_start_phys < phys + n * PAGE_SIZE;
}

/* Expected: 64 single pages, all distinct, none in the kernel image, below
 * 1 MiB or in a region the firmware did not call usable; the free count
 * drops by 64 and comes back. */
KTEST(page_alloc_single)
{
	enum { N = 64 };
	void *pages[N];
	struct page_stats before, during, after;

	page_get_stats(&before);
	for (int i = 0; i < N; i++) {
		pages[i] = alloc_page();
		KT_ASSERT(pages[i] != NULL);
		u64 phys = hal_virt_to_phys(pages[i]);
		KT_ASSERT(IS_ALIGNED(phys, PAGE_SIZE));
		KT_ASSERT(phys >= 0x100000);
		KT_ASSERT(!overlaps_image(phys, 1));
		KT_ASSERT(!page_is_free(phys));
		for (int j = 0; j < i; j++)
			KT_ASSERT(pages[j] != pages[i]);
		/* the page must really be RAM we can write */
		*(volatile u64 *)pages[i] = 0x5a5a0000ULL + i;
	}
	for (int i = 0; i < N; i++)
		KT_EXPECT_EQ(*(volatile u64 *)pages[i], 0x5a5a0000ULL + i);
	page_get_stats(&during);
	KT_EXPECT_EQ(during.free, before.free - N);
	for (int i = 0; i < N; i++)
		free_page(pages[i]);
	page_get_stats(&after);
	KT_EXPECT_EQ(after.free, before.free);
}

/* Expected: a contiguous run of 37 pages is physically contiguous and
 * entirely marked in use. */
KTEST(page_alloc_contiguous)
{
	u8 *run = alloc_pages(37);
	KT_ASSERT(run != NULL);
	u64 phys = hal_virt_to_phys(run);
	for (int i = 0; i < 37; i++)
		KT_ASSERT(!page_is_free(phys + (u64)i * PAGE_SIZE));
	KT_ASSERT(!overlaps_image(phys, 37));
	KT_EXPECT_EQ(page_free_check(run, 37), 0);
	free_pages(run, 37);
	KT_ASSERT(page_is_free(phys));
}

/* Expected: freeing a page twice is detected (free_pages would panic). */
KTEST(page_alloc_double_free_detected)
{
	void *p = alloc_page();
	KT_ASSERT(p != NULL);
	KT_EXPECT_EQ(page_free_check(p, 1), 0);
	free_page(p);
	KT_EXPECT_EQ(page_free_check(p, 1), -EINVAL);
	KT_EXPECT_EQ(page_free_check((u8 *)p + 8, 1), -EINVAL);
}

/* Expected: no usable page that overlaps a reserved range (the kernel
 * image, and on x86 the loader's structures) is free. */
KTEST(page_alloc_honours_reserved)
{
	KT_ASSERT(boot_info.nr_reserved >= 1);
	for (int i = 0; i < boot_info.nr_reserved; i++) {
		const struct mem_region *r = &boot_info.reserved[i];
		for (u64 a = ALIGN_DOWN(r->base, PAGE_SIZE);
		     a < r->base + r->len; a += PAGE_SIZE)
			KT_ASSERT(!page_is_free(a));
	}
	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct mem_region *r = &boot_info.mem[i];
		if (r->type == MEM_USABLE)
			continue;
		for (u64 a = ALIGN_DOWN(r->base, PAGE_SIZE);
		     a < r->base + r->len && a < (1ULL << 32); a += PAGE_SIZE)
			KT_ASSERT(!page_is_free(a));
	}
}

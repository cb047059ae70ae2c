/*
 * kernel/page_alloc.c - a bitmap allocator for physical pages.
 *
 * One bit per page of physical memory, from address 0 up to the end of the
 * highest usable region: 1 = in use (or not RAM at all), 0 = free.  A
 * bitmap is the simplest allocator that can hand out physically contiguous
 * runs (kernel stacks, heap arenas): scan for n zero bits in a row.  The
 * scan starts where the last one ended (next fit), so the common case of
 * allocating page after page is quick.
 *
 * Never handed out: the first 1 MiB (BIOS data, the future AP trampoline),
 * the kernel image and the boot loader's structures (boot_info.reserved),
 * anything the firmware's map does not call usable, and the bitmap itself,
 * which lives in the first usable run large enough for it.
 */
#include "kernel/page_alloc.h"
#include "kernel/bootinfo.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "lib/bitmap.h"
#include "lib/errno.h"
#include "lib/string.h"

#define LOW_MEMORY_END 0x100000UL

static DEFINE_SPINLOCK(page_lock);
static unsigned long *page_map; /* the bitmap; protected by page_lock */
static size_t nr_pages;		/* bits in the map */
static size_t next_hint;	/* where the next search starts */
static size_t total_pages, free_count;

static void mark(u64 start_pfn, u64 end_pfn, bool used)
{
	end_pfn = MIN(end_pfn, (u64)nr_pages);
	for (u64 pfn = start_pfn; pfn < end_pfn; pfn++) {
		bool was_used = test_bit(pfn, page_map);
		if (used && !was_used) {
			__set_bit(pfn, page_map);
			free_count--;
		} else if (!used && was_used) {
			__clear_bit(pfn, page_map);
			free_count++;
		}
	}
}

static u64 highest_usable(void)
{
	u64 top = 0;
	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct mem_region *r = &boot_info.mem[i];
		if (r->type == MEM_USABLE)
			top = MAX(top, r->base + r->len);
	}
	return ALIGN_DOWN(top, PAGE_SIZE);
}

static bool overlaps_reserved(u64 base, u64 len)
{
	for (int i = 0; i < boot_info.nr_reserved; i++) {
		const struct mem_region *r = &boot_info.reserved[i];
		if (base < r->base + r->len && r->base < base + len)
			return true;
	}
	return false;
}

/* A home for the bitmap: usable, above 1 MiB, below 4 GiB (the early page
 * tables map only that much), clear of every reserved range. */
static u64 find_bitmap_home(u64 bytes)
{
	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct mem_region *r = &boot_info.mem[i];
		if (r->type != MEM_USABLE)
			continue;
		u64 base = ALIGN_UP(MAX(r->base, LOW_MEMORY_END), PAGE_SIZE);
		u64 end = MIN(r->base + r->len, 1UL << 32);
		for (; base + bytes <= end; base += PAGE_SIZE)
			if (!overlaps_reserved(base, bytes))
				return base;
	}
	return 0;
}

void page_alloc_init(void)
{
	u64 top = highest_usable();
	nr_pages = top / PAGE_SIZE;
	u64 map_bytes =
	    ALIGN_UP(BITS_TO_LONGS(nr_pages) * sizeof(long), PAGE_SIZE);
	u64 map_phys = find_bitmap_home(map_bytes);
	if (!map_phys)
		panic("page_alloc: no room for a %llu-byte bitmap below 4 GiB",
		      map_bytes);

	page_map = hal_phys_to_virt(map_phys);
	memset(page_map, 0xff, map_bytes); /* everything in use ... */
	free_count = 0;

	for (int i = 0; i < boot_info.nr_mem; i++) { /* ... but usable RAM */
		const struct mem_region *r = &boot_info.mem[i];
		if (r->type == MEM_USABLE)
			mark(DIV_ROUND_UP(r->base, PAGE_SIZE),
			     (r->base + r->len) / PAGE_SIZE, false);
	}
	for (int i = 0; i < boot_info.nr_mem;
	     i++) { /* overlaps: not-RAM wins */
		const struct mem_region *r = &boot_info.mem[i];
		if (r->type != MEM_USABLE)
			mark(r->base / PAGE_SIZE,
			     DIV_ROUND_UP(r->base + r->len, PAGE_SIZE), true);
	}
	mark(0, LOW_MEMORY_END / PAGE_SIZE, true);
	for (int i = 0; i < boot_info.nr_reserved; i++) {
		const struct mem_region *r = &boot_info.reserved[i];
		mark(r->base / PAGE_SIZE,
		     DIV_ROUND_UP(r->base + r->len, PAGE_SIZE), true);
	}
	mark(map_phys / PAGE_SIZE, (map_phys + map_bytes) / PAGE_SIZE, true);
	total_pages = free_count;
	next_hint = 0;

	pr_info("mem: %zu MiB usable, %zu MiB free, highest address %#llx\n",
		total_pages >> 8, free_count >> 8, top);
}

/* First run of n free pages at or after `from`, or nr_pages. */
static size_t find_run(size_t from, size_t n)
{
	size_t start = find_next_zero_bit(page_map, nr_pages, from);
	while (start + n <= nr_pages) {
		size_t used = find_next_bit(page_map, start + n, start);
		if (used >= start + n)
			return start;
		start = find_next_zero_bit(page_map, nr_pages, used + 1);
	}
	return nr_pages;
}

void *alloc_pages(size_t n)
{
	if (n == 0)
		return NULL;
	irqflags_t flags = spin_lock_irqsave(&page_lock);
	size_t pfn = find_run(next_hint, n);
	if (pfn == nr_pages)
		pfn = find_run(0, n);
	if (pfn != nr_pages) {
		mark(pfn, pfn + n, true);
		next_hint = pfn + n;
	}
	spin_unlock_irqrestore(&page_lock, flags);
	if (pfn == nr_pages)
		return NULL;
	return hal_phys_to_virt((u64)pfn * PAGE_SIZE);
}

void *alloc_pages_zeroed(size_t n)
{
	void *p = alloc_pages(n);
	if (p)
		memset(p, 0, n * PAGE_SIZE);
	return p;
}

/* Caller holds page_lock (or owns the pages being asked about). */
static int check_locked(const void *addr, size_t n)
{
	u64 phys = hal_virt_to_phys(addr);
	if (!IS_ALIGNED(phys, PAGE_SIZE) || phys / PAGE_SIZE + n > nr_pages)
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!test_bit(phys / PAGE_SIZE + i, page_map))
			return -EINVAL;
	return 0;
}

int page_free_check(const void *addr, size_t n)
{
	irqflags_t flags = spin_lock_irqsave(&page_lock);
	int err = check_locked(addr, n);
	spin_unlock_irqrestore(&page_lock, flags);
	return err;
}

void free_pages(void *addr, size_t n)
{
	irqflags_t flags = spin_lock_irqsave(&page_lock);
	if (check_locked(addr, n)) {
		spin_unlock_irqrestore(&page_lock, flags);
		panic("free_pages(%p, %zu): not allocated (double free, or not "
		      "a page address)",
		      addr, n);
	}
	u64 pfn = hal_virt_to_phys(addr) / PAGE_SIZE;
	mark(pfn, pfn + n, false);
	spin_unlock_irqrestore(&page_lock, flags);
}

bool page_is_free(u64 phys)
{
	u64 pfn = phys / PAGE_SIZE;
	return pfn < nr_pages && !test_bit(pfn, page_map);
}

void page_get_stats(struct page_stats *st)
{
	irqflags_t flags = spin_lock_irqsave(&page_lock);
	st->total = total_pages;
	st->free = free_count;
	st->max_phys = (u64)nr_pages * PAGE_SIZE;
	spin_unlock_irqrestore(&page_lock, flags);
}

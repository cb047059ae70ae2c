/*
 * kernel/page_alloc.h - physical memory, a page at a time.
 */
#ifndef TERN_KERNEL_PAGE_ALLOC_H
#define TERN_KERNEL_PAGE_ALLOC_H

#include "kernel/hal.h"

/* Take the memory map from boot_info; everything usable and not reserved
 * becomes free. */
void page_alloc_init(void);

/* n physically contiguous pages, as a direct-map address, or NULL.  The
 * contents are undefined unless the _zeroed variant is used. */
void *alloc_pages(size_t n);
void *alloc_pages_zeroed(size_t n);
void free_pages(void *addr, size_t n);

static inline void *alloc_page(void)
{
	return alloc_pages(1);
}

static inline void free_page(void *addr)
{
	free_pages(addr, 1);
}

/*
 * Would freeing these pages be an error?  0 when all n are allocated,
 * -EINVAL when some are already free (a double free) or outside RAM.
 * free_pages() panics on such errors; tests call this to watch the check.
 */
int page_free_check(const void *addr, size_t n);

struct page_stats {
	size_t total; /* usable pages the allocator manages */
	size_t free;
	u64 max_phys; /* end of the highest usable region */
};
void page_get_stats(struct page_stats *st);

/* Is this physical page managed and currently free? */
bool page_is_free(u64 phys);

#endif

/*
 * kernel/kmalloc.h - the kernel heap: small allocations of any size.
 */
#ifndef TERN_KERNEL_KMALLOC_H
#define TERN_KERNEL_KMALLOC_H

#include "lib/compiler.h"

/* 16-byte aligned memory of at least `size` bytes, or NULL. */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
/* Free what kmalloc returned.  A double free or a pointer kmalloc never
 * returned is a bug: kfree names it and panics. */
void kfree(void *p);

/* Would kfree(p) be an error?  0 if not; -EINVAL for a block that is
 * already free, -EFAULT for a pointer that is not a heap block at all. */
int kfree_check(const void *p);

/* Walk the whole heap and check every invariant (see kmalloc.c).  NULL if
 * all is well, else a sentence saying what is broken. */
const char *heap_check(void);

struct heap_stats {
	size_t arenas, arena_bytes;
	size_t used_blocks, used_bytes;
	size_t free_blocks;
};
void heap_get_stats(struct heap_stats *st);

#endif

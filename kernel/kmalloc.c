/*
 * kernel/kmalloc.c - a first-fit heap with boundary tags.
 *
 * The heap is a set of arenas, each a run of pages from the page allocator.
 * An arena is cut into blocks that tile it exactly, each with a header:
 *
 *   | hdr | payload ...      | hdr | payload ... | ... | END hdr |
 *
 * The header holds the block's size and its physical predecessor's size, so
 * from any block we can step to both neighbours.  That is what lets kfree()
 * merge a freed block with free neighbours on either side at once (boundary
 * tags, Knuth vol. 1).  Free blocks are also on a list, which kmalloc()
 * walks for the first block big enough (first fit), splitting off the rest.
 *
 * Invariants (heap_check() verifies every one):
 *  - blocks tile each arena: sizes add up to the arena, prev_size matches;
 *  - every header carries BLOCK_USED or BLOCK_FREE: anything else is
 *    corruption, and BLOCK_FREE on kfree() is a double free;
 *  - no two free blocks are adjacent (they would have been merged);
 *  - the free list holds exactly the BLOCK_FREE blocks.
 *
 * Freed payloads are filled with 0x6b, as Linux's slab poisoning does, so a
 * use after free reads obvious garbage.  Arenas are never given back.
 */
#include "kernel/kmalloc.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/spinlock.h"
#include "lib/errno.h"
#include "lib/list.h"
#include "lib/string.h"

#define BLOCK_USED  0xa110ca7e
#define BLOCK_FREE  0xf7eeb10c
#define BLOCK_END   0xe9dae9da
#define ARENA_MAGIC 0xa9e9a000
#define POISON_FREE 0x6b

struct block {
	u32 magic;
	u32 reserved;
	u64 size;      /* of the whole block, header included; 0 for END */
	u64 prev_size; /* of the block before it in the arena; 0 for the first
			*/
	u64 reserved2; /* keeps the payload 16-byte aligned */
};

struct free_block {
	struct block hdr;
	struct list_head node; /* on free_list */
};

struct arena {
	u32 magic;
	u32 reserved;
	size_t pages;
	struct list_head node; /* on arenas; 32 bytes in all keeps the first
				* block 16-byte aligned */
};

#define HDR		sizeof(struct block)
#define MIN_BLOCK	sizeof(struct free_block)
#define ARENA_MIN_PAGES 16

BUILD_BUG_ON(sizeof(struct block) % 16 != 0);
BUILD_BUG_ON(sizeof(struct arena) % 16 != 0);

static DEFINE_SPINLOCK(heap_lock);
static LIST_HEAD(arenas);    /* protected by heap_lock */
static LIST_HEAD(free_list); /* protected by heap_lock */

static struct block *next_block(struct block *b)
{
	return (struct block *)((char *)b + b->size);
}

static struct block *prev_block(struct block *b)
{
	return b->prev_size ? (struct block *)((char *)b - b->prev_size) : NULL;
}

static struct block *first_block(struct arena *a)
{
	return (struct block *)(a + 1);
}

static void make_free(struct block *b)
{
	b->magic = BLOCK_FREE;
	list_add(&((struct free_block *)b)->node, &free_list);
}

static void unlink_free(struct block *b)
{
	list_del(&((struct free_block *)b)->node);
}

/* A new arena holding at least one free block of `need` bytes. */
static bool grow(size_t need)
{
	size_t bytes = ALIGN_UP(need + sizeof(struct arena) + HDR, PAGE_SIZE);
	size_t pages = MAX(bytes / PAGE_SIZE, (size_t)ARENA_MIN_PAGES);
	struct arena *a = alloc_pages(pages);
	if (!a)
		return false;
	a->magic = ARENA_MAGIC;
	a->pages = pages;
	list_add_tail(&a->node, &arenas);

	struct block *b = first_block(a);
	b->size = pages * PAGE_SIZE - sizeof(struct arena) - HDR;
	b->prev_size = 0;
	struct block *end = next_block(b);
	end->magic = BLOCK_END;
	end->size = 0;
	end->prev_size = b->size;
	make_free(b);
	return true;
}

static struct block *take_first_fit(size_t size)
{
	struct free_block *fb;
	list_for_each_entry(fb, &free_list, node) {
		struct block *b = &fb->hdr;
		if (b->size < size)
			continue;
		unlink_free(b);
		if (b->size - size >=
		    MIN_BLOCK) { /* split: the tail stays free */
			struct block *rest = (struct block *)((char *)b + size);
			rest->size = b->size - size;
			rest->prev_size = size;
			next_block(b)->prev_size = rest->size;
			b->size = size;
			make_free(rest);
		}
		b->magic = BLOCK_USED;
		return b;
	}
	return NULL;
}

void *kmalloc(size_t size)
{
	if (size == 0 || size > (1UL << 30))
		return NULL;
	size_t need = MAX(ALIGN_UP(size + HDR, 16), MIN_BLOCK);

	irqflags_t flags = spin_lock_irqsave(&heap_lock);
	struct block *b = take_first_fit(need);
	if (!b && grow(need))
		b = take_first_fit(need);
	spin_unlock_irqrestore(&heap_lock, flags);
	return b ? b + 1 : NULL;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);
	if (p)
		memset(p, 0, size);
	return p;
}

static int check_locked(const void *p)
{
	if (!p || !IS_ALIGNED((u64)p, 16))
		return -EFAULT;
	const struct block *b = (const struct block *)p - 1;
	if (b->magic == BLOCK_FREE)
		return -EINVAL;
	return b->magic == BLOCK_USED ? 0 : -EFAULT;
}

int kfree_check(const void *p)
{
	irqflags_t flags = spin_lock_irqsave(&heap_lock);
	int err = check_locked(p);
	spin_unlock_irqrestore(&heap_lock, flags);
	return err;
}

void kfree(void *p)
{
	if (!p)
		return;
	irqflags_t flags = spin_lock_irqsave(&heap_lock);
	int err = check_locked(p);
	if (err) {
		spin_unlock_irqrestore(&heap_lock, flags);
		panic("kfree(%p): %s", p,
		      err == -EINVAL ? "double free (block is already free)"
				     : "not a block kmalloc returned");
	}
	struct block *b = (struct block *)p - 1;
	memset(p, POISON_FREE, b->size - HDR);

	struct block *next = next_block(b);
	if (next->magic == BLOCK_FREE) { /* absorb the next block */
		unlink_free(next);
		b->size += next->size;
		next = next_block(b);
		next->prev_size = b->size;
	}
	struct block *prev = prev_block(b);
	if (prev && prev->magic == BLOCK_FREE) { /* join the previous block */
		unlink_free(prev);
		prev->size += b->size;
		next->prev_size = prev->size;
		b->magic = 0; /* no longer a header */
		b = prev;
	}
	make_free(b);
	spin_unlock_irqrestore(&heap_lock, flags);
}

static const char *check_arena(struct arena *a, struct heap_stats *st)
{
	size_t expect = a->pages * PAGE_SIZE - sizeof(struct arena);
	size_t seen = 0, prev_size = 0;
	bool prev_free = false;

	if (a->magic != ARENA_MAGIC)
		return "arena header overwritten";
	for (struct block *b = first_block(a); b->magic != BLOCK_END;
	     b = next_block(b)) {
		if (b->magic != BLOCK_USED && b->magic != BLOCK_FREE)
			return "block header overwritten (bad magic)";
		if (b->size < MIN_BLOCK || b->size % 16 ||
		    seen + b->size > expect)
			return "block size out of bounds (blocks would "
			       "overlap)";
		if (b->prev_size != prev_size)
			return "prev_size does not match the previous block";
		bool is_free = b->magic == BLOCK_FREE;
		if (is_free && prev_free)
			return "two adjacent free blocks (missed merge)";
		if (is_free) {
			st->free_blocks++;
		} else {
			st->used_blocks++;
			st->used_bytes += b->size;
		}
		seen += b->size;
		prev_size = b->size;
		prev_free = is_free;
	}
	if (seen + HDR != expect)
		return "blocks do not tile the arena";
	st->arenas++;
	st->arena_bytes += a->pages * PAGE_SIZE;
	return NULL;
}

static const char *check_locked_heap(struct heap_stats *st)
{
	struct arena *a;
	struct free_block *fb;
	size_t listed = 0;

	*st = (struct heap_stats){0};
	list_for_each_entry(a, &arenas, node) {
		const char *err = check_arena(a, st);
		if (err)
			return err;
	}
	list_for_each_entry(fb, &free_list, node) {
		if (fb->hdr.magic != BLOCK_FREE)
			return "a block on the free list is not free";
		if (++listed > st->free_blocks)
			break;
	}
	if (listed != st->free_blocks)
		return "free list and free blocks disagree";
	return NULL;
}

const char *heap_check(void)
{
	struct heap_stats st;
	irqflags_t flags = spin_lock_irqsave(&heap_lock);
	const char *err = check_locked_heap(&st);
	spin_unlock_irqrestore(&heap_lock, flags);
	return err;
}

void heap_get_stats(struct heap_stats *st)
{
	irqflags_t flags = spin_lock_irqsave(&heap_lock);
	check_locked_heap(st);
	spin_unlock_irqrestore(&heap_lock, flags);
}

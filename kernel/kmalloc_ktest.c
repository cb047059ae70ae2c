/*
 * kernel/kmalloc_ktest.c - in-kernel tests of the heap.
 */
#include "kernel/kmalloc.h"
#include "kernel/ktest.h"
#include "lib/errno.h"
#include "lib/string.h"

/* Expected: allocations are 16-byte aligned, writable, and heap_check()
 * finds the heap consistent before and after. */
KTEST(heap_basic)
{
	KT_ASSERT(heap_check() == NULL);
	u8 *a = kmalloc(1), *b = kmalloc(100), *c = kzalloc(5000);
	KT_ASSERT(a && b && c);
	KT_ASSERT(IS_ALIGNED((u64)a, 16) && IS_ALIGNED((u64)b, 16));
	for (int i = 0; i < 5000; i++)
		KT_ASSERT(c[i] == 0);
	memset(b, 0xab, 100);
	const char *err = heap_check();
	if (err)
		KT_FAIL("heap_check: %s", err);
	kfree(a);
	kfree(b);
	kfree(c);
	err = heap_check();
	if (err)
		KT_FAIL("heap_check after free: %s", err);
	KT_ASSERT(kmalloc(0) == NULL);
}

static u32 rng_state = 12345;
static u32 rnd(void) /* xorshift32: deterministic, so a failure repeats */
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* Expected: 400 live blocks of random sizes, each filled with its own byte
 * pattern, never overlap: after random frees and reallocations every
 * surviving block still holds its pattern, and the heap checks clean. */
KTEST(heap_no_overlap)
{
	enum { N = 400, ROUNDS = 6 };
	static u8 *blk[N];
	static size_t len[N];

	for (int round = 0; round < ROUNDS; round++) {
		for (int i = 0; i < N; i++) {
			if (blk[i] && (rnd() & 1)) {
				kfree(blk[i]);
				blk[i] = NULL;
			}
			if (!blk[i]) {
				len[i] = 1 + rnd() % (rnd() & 8 ? 3000 : 64);
				blk[i] = kmalloc(len[i]);
				KT_ASSERT(blk[i] != NULL);
				memset(blk[i], (u8)i, len[i]);
			}
		}
		for (int i = 0; i < N; i++)
			for (size_t k = 0; k < len[i]; k++)
				if (blk[i][k] != (u8)i)
					KT_FAIL("block %d byte %zu overwritten "
						"(round %d)",
						i, k, round);
		const char *err = heap_check();
		if (err)
			KT_FAIL("heap_check: %s", err);
	}
	for (int i = 0; i < N; i++) {
		kfree(blk[i]);
		blk[i] = NULL;
	}
	const char *err = heap_check();
	if (err)
		KT_FAIL("heap_check at the end: %s", err);
}

/* Expected: a second kfree() of the same block, and a pointer into the
 * middle of a block, are both recognised (kfree would panic, naming them). */
KTEST(heap_double_free_detected)
{
	u8 *p = kmalloc(48);
	KT_ASSERT(p != NULL);
	KT_EXPECT_EQ(kfree_check(p), 0);
	kfree(p);
	KT_EXPECT_EQ(kfree_check(p), -EINVAL);
	u8 *q = kmalloc(256);
	KT_ASSERT(q != NULL);
	memset(q, 0, 256);
	KT_EXPECT_EQ(kfree_check(q + 64), -EFAULT);
	kfree(q);
}

/* Expected: freeing neighbours merges them.  80 blocks allocated and freed
 * in an interleaved order leave exactly as many free blocks per arena as
 * before (without merging there would be up to 80 more). */
KTEST(heap_merges_neighbours)
{
	struct heap_stats before, after;
	void *p[80];

	heap_get_stats(&before);
	for (int i = 0; i < 80; i++) {
		p[i] = kmalloc(80);
		KT_ASSERT(p[i] != NULL);
	}
	for (int i = 0; i < 80; i += 2)
		kfree(p[i]);
	for (int i = 1; i < 80; i += 2)
		kfree(p[i]);
	heap_get_stats(&after);
	KT_EXPECT_EQ(after.used_blocks, before.used_blocks);
	KT_EXPECT_EQ(after.free_blocks - after.arenas,
		     before.free_blocks - before.arenas);
	KT_ASSERT(heap_check() == NULL);
}

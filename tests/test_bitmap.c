/*
 * tests/test_bitmap.c - host tests for lib/bitmap.{h,c}.
 *
 * The core check compares every search and whole-bitmap operation with a
 * naive bit-by-bit loop, on random bitmaps of every size from 1 to 300
 * bits.  The bitmaps are malloc'ed at exactly BITS_TO_LONGS(size) words, so
 * ASan catches any read past the last word, and the spare bits after size
 * are deliberately filled with junk, which every function must ignore.
 */
#include "tests/test_common.h"

#include <stdlib.h>

#include "lib/bitmap.h"

/* ---- the naive reference ---- */

static unsigned long naive_next(const unsigned long *map, unsigned long size,
				unsigned long off, bool want)
{
	for (; off < size; off++) {
		if (test_bit(off, map) == want)
			return off;
	}
	return size;
}

static unsigned int naive_weight(const unsigned long *map, unsigned long size)
{
	unsigned long i;
	unsigned int n = 0;

	for (i = 0; i < size; i++)
		n += test_bit(i, map);
	return n;
}

/*
 * A random bitmap of `size` bits, junk in the spare bits of the last word.
 * The density of ones is random too, from 1/32 to 31/32, so that long runs
 * of zeros and long runs of ones both occur.
 */
static unsigned long *random_bitmap(u64 *rng, unsigned long size)
{
	static const unsigned int ones_in_32[] = {1, 8, 16, 24, 31};
	unsigned int density = ones_in_32[rng_below(rng, 5)];
	unsigned long words = BITS_TO_LONGS(size);
	unsigned long *map = malloc(words * sizeof(long));
	unsigned long k, i;

	assert_non_null(map);
	for (k = 0; k < words; k++)
		map[k] = rng_next(rng); /* junk, spare bits included */
	for (i = 0; i < size; i++) {
		if (rng_below(rng, 32) < density)
			__set_bit(i, map);
		else
			__clear_bit(i, map);
	}
	return map;
}

/* Only bits below size are meaningful: compare those. */
static void assert_same_bits(const unsigned long *a, const unsigned long *b,
			     unsigned long size)
{
	unsigned long i;

	for (i = 0; i < size; i++) {
		if (test_bit(i, a) != test_bit(i, b))
			fail_msg("bit %lu of %lu differs", i, size);
	}
}

/* ---- tests ---- */

static void set_clear_and_test_single_bits_across_words(void **state)
{
	DECLARE_BITMAP(map, 200);
	unsigned long bits[] = {0, 1, 63, 64, 65, 127, 128, 199};
	size_t i;

	(void)state;
	assert_int_equal(sizeof(map), 4 * sizeof(long));
	bitmap_zero(map, 200);
	for (i = 0; i < ARRAY_SIZE(bits); i++) {
		assert_false(test_bit(bits[i], map));
		__set_bit(bits[i], map);
		assert_true(test_bit(bits[i], map));
	}
	assert_int_equal(bitmap_weight(map, 200), ARRAY_SIZE(bits));
	assert_int_equal(map[0], 0x8000000000000003UL);
	assert_int_equal(map[1], 0x8000000000000003UL);
	__clear_bit(64, map);
	assert_false(test_bit(64, map));
	assert_true(test_bit(65, map));
	assert_int_equal(bitmap_weight(map, 200), ARRAY_SIZE(bits) - 1);
}

static void test_and_set_and_test_and_clear_return_old_value(void **state)
{
	DECLARE_BITMAP(map, 70);

	(void)state;
	bitmap_zero(map, 70);
	assert_false(__test_and_set_bit(69, map));
	assert_true(__test_and_set_bit(69, map));
	assert_true(test_bit(69, map));
	assert_true(__test_and_clear_bit(69, map));
	assert_false(__test_and_clear_bit(69, map));
	assert_false(test_bit(69, map));
}

/* The atomic forms touch exactly one bit, in the right word, like the
 * plain ones (their atomicity is checked in the kernel, by the ktest
 * smp_mark_cpu_concurrent). */
static void atomic_set_and_clear_touch_one_bit(void **state)
{
	DECLARE_BITMAP(map, 200);

	(void)state;
	bitmap_zero(map, 200);
	set_bit_atomic(130, map);
	set_bit_atomic(0, map);
	assert_int_equal(bitmap_weight(map, 200), 2);
	assert_true(test_bit(130, map) && test_bit(0, map));
	assert_int_equal(map[2], 1UL << 2);
	clear_bit_atomic(130, map);
	clear_bit_atomic(131, map); /* clear already: stays so */
	assert_int_equal(bitmap_weight(map, 200), 1);
	assert_int_equal(map[2], 0);
	/* test-and-clear: true once, for the bit that was set */
	set_bit_atomic(131, map);
	assert_true(test_and_clear_bit_atomic(131, map));
	assert_false(test_and_clear_bit_atomic(131, map));
	assert_false(test_and_clear_bit_atomic(130, map));
	assert_int_equal(map[2], 0);
	assert_true(test_and_clear_bit_atomic(0, map));
	assert_true(bitmap_empty(map, 200));
}

static void fill_sets_exactly_nbits_and_keeps_spare_bits_zero(void **state)
{
	DECLARE_BITMAP(map, 70);

	(void)state;
	bitmap_fill(map, 70);
	assert_int_equal(map[0], ~0UL);
	assert_int_equal(map[1], 0x3fUL);
	assert_int_equal(bitmap_weight(map, 70), 70);
	assert_true(bitmap_full(map, 70));
	assert_int_equal(find_first_zero_bit(map, 70), 70);
	bitmap_zero(map, 70);
	assert_int_equal(map[0] | map[1], 0);
	assert_true(bitmap_empty(map, 70));
	assert_int_equal(find_first_bit(map, 70), 70);
}

/* The O(1) scheduler's use: 140 priority levels, the lowest set wins. */
static void find_first_bit_on_140_bit_priority_bitmap(void **state)
{
	DECLARE_BITMAP(prio, 140);
	unsigned long p, q;

	(void)state;
	assert_int_equal(BITS_TO_LONGS(140), 3);
	bitmap_zero(prio, 140);
	assert_int_equal(find_first_bit(prio, 140), 140);
	for (p = 0; p < 140; p++) {
		bitmap_zero(prio, 140);
		__set_bit(p, prio);
		assert_int_equal(find_first_bit(prio, 140), p);
		/* Everything above p does not change the answer. */
		for (q = p; q < 140; q++)
			__set_bit(q, prio);
		assert_int_equal(find_first_bit(prio, 140), p);
	}
}

static void find_functions_match_naive_search_on_random_bitmaps(void **state)
{
	u64 rng = 0x7e51;
	unsigned long size, off;
	int round;

	(void)state;
	for (round = 0; round < 4; round++) {
		for (size = 1; size <= 300; size++) {
			unsigned long *map = random_bitmap(&rng, size);

			assert_int_equal(find_first_bit(map, size),
					 naive_next(map, size, 0, true));
			assert_int_equal(find_first_zero_bit(map, size),
					 naive_next(map, size, 0, false));
			for (off = 0; off <= size + 1; off++) {
				assert_int_equal(
				    find_next_bit(map, size, off),
				    naive_next(map, size, off, true));
				assert_int_equal(
				    find_next_zero_bit(map, size, off),
				    naive_next(map, size, off, false));
			}
			assert_int_equal(bitmap_weight(map, size),
					 naive_weight(map, size));
			assert_int_equal(bitmap_empty(map, size),
					 naive_weight(map, size) == 0);
			assert_int_equal(bitmap_full(map, size),
					 naive_weight(map, size) == size);
			free(map);
		}
	}
}

static void empty_full_and_weight_ignore_spare_bits(void **state)
{
	unsigned long map[2];

	(void)state;
	map[0] = 0;
	map[1] = ~0UL << 6; /* only spare bits of a 70-bit map */
	assert_true(bitmap_empty(map, 70));
	assert_int_equal(bitmap_weight(map, 70), 0);
	assert_int_equal(find_first_bit(map, 70), 70);
	map[0] = ~0UL;
	map[1] = 0x3f;
	assert_true(bitmap_full(map, 70));
	map[1] = 0x1f;
	assert_false(bitmap_full(map, 70));
	assert_int_equal(find_first_zero_bit(map, 70), 69);
}

/* Check dst against op applied bit by bit to a and b. */
static void check_binary_ops(u64 *rng, unsigned long size)
{
	unsigned long *a = random_bitmap(rng, size);
	unsigned long *b = random_bitmap(rng, size);
	unsigned long *d = random_bitmap(rng, size);
	unsigned long *want = random_bitmap(rng, size);
	bool any_and = false, any_andnot = false, subset = true, equal = true;
	unsigned long i;

	for (i = 0; i < size; i++) {
		bool x = test_bit(i, a), y = test_bit(i, b);

		any_and |= x && y;
		any_andnot |= x && !y;
		subset &= !x || y;
		equal &= x == y;
	}
	assert_int_equal(bitmap_intersects(a, b, size), any_and);
	assert_int_equal(bitmap_subset(a, b, size), subset);
	assert_int_equal(bitmap_equal(a, b, size), equal);
	assert_true(bitmap_equal(a, a, size));
	assert_true(bitmap_subset(a, a, size));

	assert_int_equal(bitmap_and(d, a, b, size), any_and);
	for (i = 0; i < size; i++)
		assert_int_equal(test_bit(i, d),
				 test_bit(i, a) && test_bit(i, b));

	assert_int_equal(bitmap_andnot(d, a, b, size), any_andnot);
	for (i = 0; i < size; i++)
		assert_int_equal(test_bit(i, d),
				 test_bit(i, a) && !test_bit(i, b));

	bitmap_or(d, a, b, size);
	for (i = 0; i < size; i++)
		assert_int_equal(test_bit(i, d),
				 test_bit(i, a) || test_bit(i, b));

	bitmap_complement(d, a, size);
	for (i = 0; i < size; i++)
		assert_int_equal(test_bit(i, d), !test_bit(i, a));
	assert_int_equal(bitmap_weight(d, size), size - bitmap_weight(a, size));

	bitmap_copy(want, a, size);
	assert_same_bits(want, a, size);
	assert_true(bitmap_equal(want, a, size));

	free(a);
	free(b);
	free(d);
	free(want);
}

static void and_or_andnot_complement_match_bit_by_bit(void **state)
{
	u64 rng = 0xb17;
	unsigned long size;
	int round;

	(void)state;
	for (round = 0; round < 4; round++)
		for (size = 1; size <= 300; size++)
			check_binary_ops(&rng, size);
}

static void writers_leave_spare_bits_zero(void **state)
{
	unsigned long a[2] = {~0UL, ~0UL}, b[2] = {~0UL, ~0UL};
	unsigned long d[2];

	(void)state;
	/* Inputs with junk in the spare bits of a 70-bit map. */
	bitmap_or(d, a, b, 70);
	assert_int_equal(d[1], 0x3f);
	bitmap_and(d, a, b, 70);
	assert_int_equal(d[1], 0x3f);
	b[1] = 0;
	bitmap_andnot(d, a, b, 70);
	assert_int_equal(d[1], 0x3f);
	bitmap_copy(d, a, 70);
	assert_int_equal(d[1], 0x3f);
	a[1] = 0;
	bitmap_complement(d, a, 70);
	assert_int_equal(d[1], 0x3f);
	assert_int_equal(d[0], 0);
}

static void equal_ignores_spare_bits(void **state)
{
	unsigned long a[2] = {5, 0x3f}, b[2] = {5, ~0UL};

	(void)state;
	assert_true(bitmap_equal(a, b, 70));
	assert_false(bitmap_equal(a, b, 128));
	b[1] = 0x1f;
	assert_false(bitmap_equal(a, b, 70));
}

static void set_and_clear_ranges(void **state)
{
	u64 rng = 99;
	DECLARE_BITMAP(map, 300);
	DECLARE_BITMAP(want, 300);
	unsigned long start, len, i;
	int round;

	(void)state;
	for (round = 0; round < 2000; round++) {
		bool set = rng_below(&rng, 2);

		start = rng_below(&rng, 300);
		len = rng_below(&rng, 300 - start + 1);
		for (i = 0; i < ARRAY_SIZE(map); i++)
			map[i] = want[i] = rng_next(&rng);
		for (i = start; i < start + len; i++) {
			if (set)
				__set_bit(i, want);
			else
				__clear_bit(i, want);
		}
		if (set)
			bitmap_set(map, start, len);
		else
			bitmap_clear(map, start, len);
		assert_same_bits(map, want, 300);
	}
}

static void for_each_set_bit_visits_each_set_bit_in_order(void **state)
{
	DECLARE_BITMAP(map, 140);
	const unsigned long set[] = {0, 5, 63, 64, 100, 139};
	unsigned long bit;
	size_t n = 0;

	(void)state;
	bitmap_zero(map, 140);
	for (n = 0; n < ARRAY_SIZE(set); n++)
		__set_bit(set[n], map);
	n = 0;
	for_each_set_bit(bit, map, 140) {
		assert_true(n < ARRAY_SIZE(set));
		assert_int_equal(bit, set[n]);
		n++;
	}
	assert_int_equal(n, ARRAY_SIZE(set));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(set_clear_and_test_single_bits_across_words),
	    cmocka_unit_test(test_and_set_and_test_and_clear_return_old_value),
	    cmocka_unit_test(atomic_set_and_clear_touch_one_bit),
	    cmocka_unit_test(fill_sets_exactly_nbits_and_keeps_spare_bits_zero),
	    cmocka_unit_test(find_first_bit_on_140_bit_priority_bitmap),
	    cmocka_unit_test(
		find_functions_match_naive_search_on_random_bitmaps),
	    cmocka_unit_test(empty_full_and_weight_ignore_spare_bits),
	    cmocka_unit_test(and_or_andnot_complement_match_bit_by_bit),
	    cmocka_unit_test(writers_leave_spare_bits_zero),
	    cmocka_unit_test(equal_ignores_spare_bits),
	    cmocka_unit_test(set_and_clear_ranges),
	    cmocka_unit_test(for_each_set_bit_visits_each_set_bit_in_order),
	};

	return run_suite("bitmap", tests);
}

/*
 * lib/bitmap.h - arrays of bits stored in unsigned longs.
 *
 * Bit n of a bitmap lives in word n / BITS_PER_LONG, at position
 * n % BITS_PER_LONG (bit 0 is the least significant bit of word 0).  The
 * O(1) scheduler keeps one bit per priority level (140 of them) and asks
 * find_first_bit() for the best non-empty level; cpumasks are bitmaps too.
 *
 * Every function takes the bitmap's size in bits, nbits.  The last word may
 * have spare bits beyond nbits: functions that write a whole bitmap leave
 * them zero, and functions that read one ignore them, so a stray spare bit
 * can never show up as a result.
 *
 * The single-bit helpers are not atomic (hence the Linux-style __ prefix on
 * the ones that write): the caller holds whatever lock protects the bitmap.
 * The find_*() functions return nbits when there is no such bit.
 */
#ifndef TERN_LIB_BITMAP_H
#define TERN_LIB_BITMAP_H

#include "lib/compiler.h"

#define BITS_PER_LONG		    (__SIZEOF_LONG__ * 8)
#define BITS_TO_LONGS(nbits)	    DIV_ROUND_UP(nbits, BITS_PER_LONG)
#define DECLARE_BITMAP(name, nbits) unsigned long name[BITS_TO_LONGS(nbits)]

#define BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#define BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))

static inline void __set_bit(unsigned long nr, unsigned long *map)
{
	map[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned long nr, unsigned long *map)
{
	map[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

/*
 * The same, for a word that other CPUs change at the same time: one
 * locked read-modify-write, so no other CPU's bit is lost.  Release order:
 * what this CPU stored before is visible to whoever sees the bit.
 */
static inline void set_bit_atomic(unsigned long nr, unsigned long *map)
{
	__atomic_fetch_or(&map[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELEASE);
}

static inline void clear_bit_atomic(unsigned long nr, unsigned long *map)
{
	__atomic_fetch_and(&map[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

/* Clear the bit and return its old value, atomically: of several CPUs
 * clearing it at once, exactly one gets true. */
static inline bool test_and_clear_bit_atomic(unsigned long nr,
					     unsigned long *map)
{
	return (__atomic_fetch_and(&map[BIT_WORD(nr)], ~BIT_MASK(nr),
				   __ATOMIC_ACQ_REL) &
		BIT_MASK(nr)) != 0;
}

static inline bool test_bit(unsigned long nr, const unsigned long *map)
{
	return (map[BIT_WORD(nr)] & BIT_MASK(nr)) != 0;
}

/* Set the bit and return its old value. */
static inline bool __test_and_set_bit(unsigned long nr, unsigned long *map)
{
	bool old = test_bit(nr, map);

	__set_bit(nr, map);
	return old;
}

/* Clear the bit and return its old value. */
static inline bool __test_and_clear_bit(unsigned long nr, unsigned long *map)
{
	bool old = test_bit(nr, map);

	__clear_bit(nr, map);
	return old;
}

void bitmap_zero(unsigned long *map, unsigned long nbits);
void bitmap_fill(unsigned long *map, unsigned long nbits);
void bitmap_copy(unsigned long *dst, const unsigned long *src,
		 unsigned long nbits);
void bitmap_set(unsigned long *map, unsigned long start, unsigned long len);
void bitmap_clear(unsigned long *map, unsigned long start, unsigned long len);

unsigned long find_first_bit(const unsigned long *map, unsigned long nbits);
unsigned long find_next_bit(const unsigned long *map, unsigned long nbits,
			    unsigned long offset);
unsigned long find_first_zero_bit(const unsigned long *map,
				  unsigned long nbits);
unsigned long find_next_zero_bit(const unsigned long *map, unsigned long nbits,
				 unsigned long offset);

unsigned int bitmap_weight(const unsigned long *map, unsigned long nbits);
bool bitmap_empty(const unsigned long *map, unsigned long nbits);
bool bitmap_full(const unsigned long *map, unsigned long nbits);
bool bitmap_equal(const unsigned long *a, const unsigned long *b,
		  unsigned long nbits);
bool bitmap_intersects(const unsigned long *a, const unsigned long *b,
		       unsigned long nbits);
bool bitmap_subset(const unsigned long *a, const unsigned long *b,
		   unsigned long nbits);

/* dst = a & b; returns true if the result is not empty. */
bool bitmap_and(unsigned long *dst, const unsigned long *a,
		const unsigned long *b, unsigned long nbits);
/* dst = a & ~b; returns true if the result is not empty. */
bool bitmap_andnot(unsigned long *dst, const unsigned long *a,
		   const unsigned long *b, unsigned long nbits);
void bitmap_or(unsigned long *dst, const unsigned long *a,
	       const unsigned long *b, unsigned long nbits);
void bitmap_complement(unsigned long *dst, const unsigned long *src,
		       unsigned long nbits);

/* Visit every set bit, lowest first. */
#define for_each_set_bit(bit, map, nbits)                                      \
	for ((bit) = find_first_bit((map), (nbits)); (bit) < (nbits);          \
	     (bit) = find_next_bit((map), (nbits), (bit) + 1))

#endif

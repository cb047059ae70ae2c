/*
 * lib/bitmap.c - whole-bitmap operations and bit searches.
 *
 * Everything here walks the bitmap one word at a time.  The searches use
 * __builtin_ctzl ("count trailing zeros", one instruction on x86: bsf/tzcnt)
 * to find the lowest set bit of a non-zero word, so find_first_bit() over
 * the scheduler's 140 priority bits looks at no more than three words.
 *
 * word_mask() gives the bits of word k that belong to the bitmap; it is
 * how readers ignore the spare bits after nbits and writers keep them zero.
 *
 * Counting bits uses our own hweight_long() and not __builtin_popcountl:
 * without -mpopcnt GCC turns the builtin into a call to __popcountdi2 in
 * libgcc, which the kernel does not link.
 */
#include "lib/bitmap.h"

BUILD_BUG_ON(BITS_PER_LONG != 64);

/*
 * The number of set bits in w ("Hamming weight"), by adding neighbouring
 * bit fields in parallel: first pairs of bits, then nibbles, then bytes.
 */
static unsigned int hweight_long(unsigned long w)
{
	w = w - ((w >> 1) & 0x5555555555555555UL); /* 2-bit sums */
	w = (w & 0x3333333333333333UL) + ((w >> 2) & 0x3333333333333333UL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fUL; /* 8-bit sums */
	return (w * 0x0101010101010101UL) >> 56;   /* add the bytes */
}

/* The bits of word k that are inside a bitmap of nbits bits. */
static unsigned long word_mask(unsigned long k, unsigned long nbits)
{
	unsigned long rem = nbits % BITS_PER_LONG;

	if (k < nbits / BITS_PER_LONG || rem == 0)
		return ~0UL;
	return (1UL << rem) - 1;
}

void bitmap_zero(unsigned long *map, unsigned long nbits)
{
	unsigned long k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		map[k] = 0;
}

void bitmap_fill(unsigned long *map, unsigned long nbits)
{
	unsigned long k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		map[k] = word_mask(k, nbits);
}

void bitmap_copy(unsigned long *dst, const unsigned long *src,
		 unsigned long nbits)
{
	unsigned long k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = src[k] & word_mask(k, nbits);
}

/* Set bits start .. start + len - 1. */
void bitmap_set(unsigned long *map, unsigned long start, unsigned long len)
{
	for (; len; len--, start++)
		__set_bit(start, map);
}

void bitmap_clear(unsigned long *map, unsigned long start, unsigned long len)
{
	for (; len; len--, start++)
		__clear_bit(start, map);
}

/*
 * The first bit at or after start whose value is not 'skip', where skip is
 * 0 (look for a one) or ~0UL (look for a zero; XOR with it flips each word,
 * so the zeros become ones and the same search finds them).
 */
static unsigned long find_next(const unsigned long *map, unsigned long nbits,
			       unsigned long start, unsigned long skip)
{
	unsigned long word;

	if (start >= nbits)
		return nbits;
	/* First word: drop the bits below start. */
	word = map[BIT_WORD(start)] ^ skip;
	word &= ~0UL << (start % BITS_PER_LONG);
	start = ALIGN_DOWN(start, BITS_PER_LONG);
	while (!word) {
		start += BITS_PER_LONG;
		if (start >= nbits)
			return nbits;
		word = map[BIT_WORD(start)] ^ skip;
	}
	/* A hit among the spare bits after nbits is no hit. */
	return MIN(start + __builtin_ctzl(word), nbits);
}

unsigned long find_first_bit(const unsigned long *map, unsigned long nbits)
{
	return find_next(map, nbits, 0, 0);
}

unsigned long find_next_bit(const unsigned long *map, unsigned long nbits,
			    unsigned long offset)
{
	return find_next(map, nbits, offset, 0);
}

unsigned long find_first_zero_bit(const unsigned long *map, unsigned long nbits)
{
	return find_next(map, nbits, 0, ~0UL);
}

unsigned long find_next_zero_bit(const unsigned long *map, unsigned long nbits,
				 unsigned long offset)
{
	return find_next(map, nbits, offset, ~0UL);
}

unsigned int bitmap_weight(const unsigned long *map, unsigned long nbits)
{
	unsigned long k;
	unsigned int n = 0;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		n += hweight_long(map[k] & word_mask(k, nbits));
	return n;
}

bool bitmap_empty(const unsigned long *map, unsigned long nbits)
{
	return find_first_bit(map, nbits) == nbits;
}

bool bitmap_full(const unsigned long *map, unsigned long nbits)
{
	return find_first_zero_bit(map, nbits) == nbits;
}

bool bitmap_equal(const unsigned long *a, const unsigned long *b,
		  unsigned long nbits)
{
	unsigned long k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++) {
		if ((a[k] ^ b[k]) & word_mask(k, nbits))
			return false;
	}
	return true;
}

bool bitmap_intersects(const unsigned long *a, const unsigned long *b,
		       unsigned long nbits)
{
	unsigned long k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++) {
		if (a[k] & b[k] & word_mask(k, nbits))
			return true;
	}
	return false;
}

/* Is every bit of a also set in b? */
bool bitmap_subset(const unsigned long *a, const unsigned long *b,
		   unsigned long nbits)
{
	unsigned long k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++) {
		if (a[k] & ~b[k] & word_mask(k, nbits))
			return false;
	}
	return true;
}

bool bitmap_and(unsigned long *dst, const unsigned long *a,
		const unsigned long *b, unsigned long nbits)
{
	unsigned long k, any = 0;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++) {
		dst[k] = a[k] & b[k] & word_mask(k, nbits);
		any |= dst[k];
	}
	return any != 0;
}

bool bitmap_andnot(unsigned long *dst, const unsigned long *a,
		   const unsigned long *b, unsigned long nbits)
{
	unsigned long k, any = 0;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++) {
		dst[k] = a[k] & ~b[k] & word_mask(k, nbits);
		any |= dst[k];
	}
	return any != 0;
}

void bitmap_or(unsigned long *dst, const unsigned long *a,
	       const unsigned long *b, unsigned long nbits)
{
	unsigned long k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = (a[k] | b[k]) & word_mask(k, nbits);
}

void bitmap_complement(unsigned long *dst, const unsigned long *src,
		       unsigned long nbits)
{
	unsigned long k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = ~src[k] & word_mask(k, nbits);
}

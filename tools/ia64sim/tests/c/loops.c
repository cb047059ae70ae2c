/*
 * tools/ia64sim/tests/c/loops.c - integer arithmetic without division:
 * additions, shifts, masks, comparisons, a table, a switch, recursion
 * deep enough to spill the register stack, function pointers.
 *
 * Expected: the same output as the host build of this file (tools/test.sh
 * compares them byte for byte), then exit status 0.
 */
#include "io.h"

static unsigned long mix(unsigned long x)
{
	x ^= x >> 31;
	x += x << 7;
	x ^= x >> 11;
	return x + 0x9e3779b97f4a7c15ul;
}

static long depth_sum(long n)
{
	return n ? n + depth_sum(n - 1) : 0;
}

static int classify(int v)
{
	switch (v & 7) {
	case 0: return 10;
	case 1: return 21;
	case 2: return 32;
	case 3: return 43;
	case 4: return 54;
	case 5: return 65;
	default: return -1;
	}
}

static long twice(long v) { return 2 * v; }
static long negate(long v) { return -v; }
static long (*const ops[])(long) = {twice, negate};

int main(void)
{
	unsigned long x = 1;
	for (int i = 0; i < 20; i++) {
		x = mix(x);
		put_hex(x);
		put_char(' ');
		put_s64(classify((int)x));
		put_char(' ');
		put_s64(ops[x & 1]((long)(x >> 40)));
		put_char('\n');
	}
	put_str("depth ");
	put_s64(depth_sum(1000));
	put_char('\n');
	signed char sc = (signed char)x;
	unsigned short us = (unsigned short)x;
	put_s64(sc);
	put_char(' ');
	put_u64(us);
	put_char(' ');
	put_s64((long)(int)(x >> 17));
	put_char('\n');
	return 0;
}

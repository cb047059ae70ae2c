/*
 * tools/ia64sim/tests/c/divide.c - division and remainder by variables,
 * signed and unsigned, 32 and 64 bits.  On IA-64 each is libgcc's
 * __divdi3, __umoddi3, __divsi3... (or, in divinline.c, gcc's inline
 * sequence): frcpa's reciprocal estimate refined by fma steps in the FP
 * unit, exact only if every step rounds exactly as the hardware's.
 *
 * First every pair of a table of edge values (0, +-1, powers of two and
 * their neighbours, INT32 and INT64 limits, 2^53 +- 1, divisors near
 * 2^63), then a checksum over a million pseudo-random pairs of every
 * magnitude.  INT_MIN / -1 (undefined) and division by zero are skipped.
 *
 * Expected: the same output as the host build of this file, exit 0.
 */
#include "io.h"

#define I64_MIN (-9223372036854775807l - 1)
#define I32_MIN (-2147483647 - 1)

static const unsigned long edges[] = {
    0,
    1,
    2,
    3,
    7,
    10,
    255,
    1000000007,
    0x7fffffff,
    0x80000000,
    0xffffffff,
    0x100000000,
    0x100000001,
    0x1fffffffffffff, /* 2^53 - 1 */
    0x20000000000000,
    0x20000000000001,
    0x4000000000000000,
    0x5555555555555555,
    0x7ffffffffffffffe,
    0x7fffffffffffffff,
    0x8000000000000000,
    0x8000000000000001,
    0xaaaaaaaaaaaaaaaa,
    0xfffffffeffffffff,
    0xfffffffffffffffd,
    0xfffffffffffffffe,
    0xffffffffffffffff,
};
#define NEDGES (sizeof(edges) / sizeof(edges[0]))

/* Out of line, so that the compiler cannot fold the divisions. */
__attribute__((noinline)) static void one_pair(unsigned long x, unsigned long y)
{
	long sx = (long)x, sy = (long)y;
	put_hex(x);
	put_char(' ');
	put_hex(y);
	put_char(' ');
	put_u64(x / y);
	put_char(' ');
	put_u64(x % y);
	if (!(sx == I64_MIN && sy == -1)) {
		put_char(' ');
		put_s64(sx / sy);
		put_char(' ');
		put_s64(sx % sy);
	}
	unsigned ux = (unsigned)x, uy = (unsigned)y;
	int ix = (int)ux, iy = (int)uy;
	if (uy) {
		put_str(" | ");
		put_u64(ux / uy);
		put_char(' ');
		put_u64(ux % uy);
		if (!(ix == I32_MIN && iy == -1)) {
			put_char(' ');
			put_s64(ix / iy);
			put_char(' ');
			put_s64(ix % iy);
		}
	}
	put_char('\n');
}

static unsigned long state = 0x9e3779b97f4a7c15ul;

static unsigned long next(void)
{
	return xorshift64(&state);
}

/* One of eight operations on a pair, folded into the checksum. */
__attribute__((noinline)) static unsigned long
fold(unsigned long sum, unsigned long x, unsigned long y, unsigned op)
{
	long sx = (long)x, sy = (long)y;
	unsigned ux = (unsigned)x, uy = (unsigned)y;
	int ix = (int)ux, iy = (int)uy;
	unsigned long r;
	switch (op) {
	case 0:
		r = x / y;
		break;
	case 1:
		r = x % y;
		break;
	case 2:
		r = sx == I64_MIN && sy == -1 ? 1 : (unsigned long)(sx / sy);
		break;
	case 3:
		r = sx == I64_MIN && sy == -1 ? 2 : (unsigned long)(sx % sy);
		break;
	case 4:
		r = uy ? ux / uy : 3;
		break;
	case 5:
		r = uy ? ux % uy : 4;
		break;
	case 6:
		r = !iy || (ix == I32_MIN && iy == -1)
			? 5
			: (unsigned long)(ix / iy);
		break;
	default:
		r = !iy || (ix == I32_MIN && iy == -1)
			? 6
			: (unsigned long)(ix % iy);
		break;
	}
	return (sum ^ r) * 0x100000001b3ul + op;
}

int main(void)
{
	for (unsigned i = 0; i < NEDGES; i++)
		for (unsigned j = 0; j < NEDGES; j++)
			if (edges[j])
				one_pair(edges[i], edges[j]);

	/* the quotient and remainder must put x back together */
	unsigned long sum = 0, bad = 0;
	for (long i = 0; i < 1000000; i++) {
		unsigned long r = next();
		unsigned long x = next() >> (r & 63),
			      y = next() >> (r >> 6 & 63);
		if (r >> 12 & 1)
			x = -x;
		if (r >> 13 & 1)
			y = -y;
		if (y == 0)
			continue;
		sum = fold(sum, x, y, (unsigned)(r >> 14 & 7));
		if (i % 64 == 0 && (x / y) * y + x % y != x)
			bad++;
	}
	put_str("checksum ");
	put_hex(sum);
	put_str(" bad ");
	put_u64(bad);
	put_char('\n');
	return bad != 0;
}

/*
 * tools/ia64sim/tests/c/mul.c - multiplication, which IA-64 does in the FP
 * unit: 64- and 32-bit products by variables (xmpy.l), by constants
 * (shladd chains or xmpy), the high halves of 128-bit products (xmpy.hu,
 * xmpy.h), and division by constants (a multiply by the reciprocal).
 *
 * Expected: the same output as the host build of this file, exit 0.
 */
#include "io.h"

static unsigned long state = 0x243f6a8885a308d3ul;

static unsigned long next(void)
{
	return xorshift64(&state);
}

__attribute__((noinline)) static unsigned long umulh(unsigned long a,
						     unsigned long b)
{
	return (unsigned long)(((unsigned __int128)a * b) >> 64);
}

__attribute__((noinline)) static long smulh(long a, long b)
{
	return (long)(((__int128)a * b) >> 64);
}

static const unsigned long edges[] = {
    0,
    1,
    2,
    3,
    0xff,
    0x7fffffff,
    0x80000000,
    0xffffffff,
    0x100000000,
    0x7fffffffffffffff,
    0x8000000000000000,
    0xfffffffffffffffe,
    0xffffffffffffffff,
};
#define NEDGES (sizeof(edges) / sizeof(edges[0]))

int main(void)
{
	for (unsigned i = 0; i < NEDGES; i++) {
		for (unsigned j = 0; j < NEDGES; j++) {
			unsigned long a = edges[i], b = edges[j];
			put_hex(a * b);
			put_char(' ');
			put_hex(umulh(a, b));
			put_char(' ');
			put_hex((unsigned long)smulh((long)a, (long)b));
			put_char(' ');
			put_u64((unsigned)a * (unsigned)b);
			put_char('\n');
		}
	}
	unsigned long sum = 0;
	for (int i = 0; i < 200000; i++) {
		unsigned long a = next(), b = next() >> (a & 63);
		sum += a * b;
		sum ^= umulh(a, b);
		sum += (unsigned long)smulh((long)a, (long)b);
		sum += (unsigned)a * (unsigned)b;
		sum += a * 10 + b * 1000003 + a / 10 + b / 7 + a % 1000;
		sum +=
		    (unsigned long)((long)a / 3) + (unsigned long)((long)b % 9);
		sum = sum * 0x100000001b3ul;
	}
	put_str("checksum ");
	put_hex(sum);
	put_char('\n');
	return 0;
}

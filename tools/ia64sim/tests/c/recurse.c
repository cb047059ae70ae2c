/*
 * tools/ia64sim/tests/c/recurse.c - the register stack under load, and
 * control flow: a recursion 5,000 deep with many values live across each
 * call (the 96 physical stacked registers overflow into the backing store
 * dozens of times over, and fill back), mutual recursion, the Ackermann
 * function, calls through tables of function pointers, switches compiled
 * to jump tables, and bit-fields.
 *
 * Expected: the same output as the host build of this file, exit 0.
 */
#include "io.h"

__attribute__((noinline)) static unsigned long
deep(unsigned long n, unsigned long a, unsigned long b)
{
	if (n == 0)
		return a ^ b;
	unsigned long c = a * 3 + n, d = b ^ (n << 7), e = a + b + 1;
	unsigned long f = c ^ d, g = d - e, h = e * 5;
	unsigned long r = deep(n - 1, c + g, d + h);
	return r + c + d + e + f + g + h + n / 3;
}

static unsigned long odd_steps(unsigned long n);

__attribute__((noinline)) static unsigned long even_steps(unsigned long n)
{
	return n == 0 ? 0 : 1 + odd_steps(n - 1);
}

__attribute__((noinline)) static unsigned long odd_steps(unsigned long n)
{
	return n == 0 ? 100 : 2 + even_steps(n - 1);
}

__attribute__((noinline)) static unsigned long ack(unsigned long m,
						   unsigned long n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

static long op_add(long a, long b)
{
	return a + b;
}
static long op_sub(long a, long b)
{
	return a - b;
}
static long op_mul(long a, long b)
{
	return a * b;
}
static long op_div(long a, long b)
{
	return b ? a / b : 0;
}
static long op_mod(long a, long b)
{
	return b ? a % b : 0;
}
static long op_xor(long a, long b)
{
	return a ^ b;
}
static long (*const ops[])(long, long) = {op_add, op_sub, op_mul,
					  op_div, op_mod, op_xor};

__attribute__((noinline)) static int weight(unsigned v)
{
	switch (v % 13) {
	case 0:
		return 7;
	case 1:
		return 91;
	case 2:
		return -3;
	case 3:
		return 44;
	case 4:
		return 1000;
	case 5:
		return 12;
	case 6:
		return -77;
	case 7:
		return 5;
	case 8:
		return 60;
	case 9:
		return 2;
	case 10:
		return 31;
	case 11:
		return -1;
	default:
		return 0;
	}
}

struct packed {
	unsigned a : 3;
	signed b : 5;
	unsigned c : 11;
	signed d : 13;
	unsigned long e : 33;
	unsigned f : 1;
};

int main(void)
{
	put_str("deep ");
	put_hex(deep(5000, 1, 2));
	put_str("\nmutual ");
	put_u64(even_steps(3001));
	put_str("\nack ");
	put_u64(ack(2, 300));
	put_char(' ');
	put_u64(ack(3, 5));
	put_char('\n');

	long acc = 1;
	for (long i = 1; i <= 60; i++) {
		acc = ops[i % 6](acc, i * 7 - 100);
		put_s64(acc);
		put_char(i % 10 ? ' ' : '\n');
	}

	long wsum = 0;
	for (unsigned v = 0; v < 5000; v++)
		wsum += weight(v * 2654435761u);
	put_str("weights ");
	put_s64(wsum);
	put_char('\n');

	struct packed p = {0, 0, 0, 0, 0, 0};
	unsigned long bsum = 0;
	for (int i = 0; i < 1000; i++) {
		p.a += 3;
		p.b -= 5;
		p.c = p.c * 7 + (unsigned)i;
		p.d = (signed)(p.d + i * 37 - 2000) % 4000;
		p.e = p.e * 3 + 0x12345;
		p.f ^= 1;
		bsum = bsum * 31 + p.a + (unsigned long)(long)p.b + p.c +
		       (unsigned long)(long)p.d + p.e + p.f;
	}
	put_str("bits ");
	put_hex(bsum);
	put_char(' ');
	put_s64(p.b);
	put_char(' ');
	put_s64(p.d);
	put_char('\n');
	return 0;
}

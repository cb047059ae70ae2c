/*
 * tools/ia64sim/tests/c/calls.c - calls that really nest: a tree
 * recursion gcc cannot turn into a loop (so the register stack spills and
 * fills), calls through function pointers, a switch on a jump table, and
 * structures passed by value.
 *
 * Expected: the same output as the host build of this file, exit 0.
 */
#include "io.h"

__attribute__((noinline)) static long fib(long n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* Many locals live across the call: big frames, many spills. */
__attribute__((noinline)) static long deep(long n, long a, long b, long c)
{
	if (n == 0)
		return a ^ b ^ c;
	long x = a + n, y = b ^ (n << 3), z = c - n;
	long r = deep(n - 1, y, z, x);
	return r + x * 3 + y - z;
}

struct pair {
	long lo, hi;
};

__attribute__((noinline)) static struct pair swap(struct pair p)
{
	return (struct pair){p.hi, p.lo};
}

static long add1(long v) { return v + 1; }
static long sub1(long v) { return v - 1; }
static long dbl(long v) { return v + v; }
static long (*const table[])(long) = {add1, sub1, dbl};

static const char *name(unsigned v)
{
	switch (v) {
	case 0: return "zero";
	case 1: return "one";
	case 2: return "two";
	case 3: return "three";
	case 4: return "four";
	case 5: return "five";
	case 6: return "six";
	case 7: return "seven";
	default: return "many";
	}
}

int main(void)
{
	put_str("fib(20) = ");
	put_s64(fib(20));
	put_char('\n');
	put_str("deep = ");
	put_s64(deep(400, 1, 2, 3));
	put_char('\n');
	struct pair p = swap((struct pair){11, 22});
	put_s64(p.lo);
	put_char(' ');
	put_s64(p.hi);
	put_char('\n');
	long v = 5;
	for (unsigned i = 0; i < 9; i++) {
		v = table[i % 3](v);
		put_str(name(i));
		put_char('=');
		put_s64(v);
		put_char(' ');
	}
	put_char('\n');
	return 0;
}

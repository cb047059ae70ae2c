/*
 * tools/ia64sim/tests/c/gdbtarget.c - the program the gdb stub's tests
 * debug (tools/ia64sim/tests/gdb/): known arguments in a known function
 * (weigh(11, 22, 33), reached through three calls of nest(), so that a
 * backtrace has frames to show), then a loop that runs spin_limit times -
 * a few on its own, forever when gdb sets spin_limit, so that a Ctrl-C has
 * something to interrupt - and exit status 7.
 *
 * Expected: the same output as the host build of this file, exit 7.
 */
#include "io.h"

volatile long spin_limit = 1000;

__attribute__((noipa)) long weigh(long a, long b, long c)
{
	return a * 3 + b * 5 + c * 7;
}

__attribute__((noipa)) long nest(long n, long a)
{
	if (n == 0)
		return weigh(a, 22, 33);
	return nest(n - 1, a) ^ (n << 8); /* not a loop: gcc keeps the calls */
}

__attribute__((noipa)) unsigned long spin(void)
{
	unsigned long x = 1;
	for (long i = 0; i < spin_limit; i++)
		x = x * 5 + (x >> 7);
	return x;
}

int main(void)
{
	put_str("weigh = ");
	put_s64(nest(3, 11));
	put_char('\n');
	put_str("spin = ");
	put_hex(spin());
	put_char('\n');
	return 7;
}

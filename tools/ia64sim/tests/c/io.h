/*
 * tools/ia64sim/tests/c/io.h - what a test program may print with: the
 * same on the simulator (ssc(), rt.S) and on the host (host.c), so that
 * the two outputs can be compared byte for byte.
 */
#ifndef IA64SIM_TEST_IO_H
#define IA64SIM_TEST_IO_H

void ssc(long arg, long nr); /* 31: putchar(arg), 66: exit(arg) */

static inline void put_char(int c)
{
	ssc(c, 31);
}

static inline void put_str(const char *s)
{
	while (*s)
		put_char(*s++);
}

static inline void put_u64(unsigned long v)
{
	char buf[24];
	int n = 0;
	do
		buf[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n)
		put_char(buf[--n]);
}

static inline void put_s64(long v)
{
	if (v < 0) {
		put_char('-');
		put_u64(-(unsigned long)v);
	} else {
		put_u64((unsigned long)v);
	}
}

static inline void put_hex(unsigned long v)
{
	put_str("0x");
	for (int i = 60; i >= 0; i -= 4)
		put_char("0123456789abcdef"[(v >> i) & 15]);
}

/* A pseudo-random sequence (xorshift64), the same on both machines. */
static inline unsigned long xorshift64(unsigned long *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

#endif

/*
 * lib/string.c - memory and string helpers for a kernel without a libc.
 *
 * Written for clarity first.  memset and memcpy move one 8-byte word at a
 * time when the pointers allow it, because the kernel clears and copies whole
 * pages with them; everything else goes byte by byte.
 *
 * A trap worth knowing: at -O2 a hosted GCC recognises a loop that stores
 * a constant into every byte and replaces it with a call to memset() (the
 * "loop distribution" pass).  Inside memset itself that call would be
 * infinite recursion.  -ffreestanding (kernel) and -fno-builtin (host tests)
 * tell GCC not to assume a C library, which stops it; the lib-kcheck target
 * in tests/host.mk checks that the compiled mem* functions call nothing.
 * (strlcpy() calls copy_forward() rather than memcpy() so that string.o
 * contains no call to a mem* function at all and that check stays simple.)
 */
#include "lib/string.h"
#include "lib/errno.h"

/* A word that may alias any other type, so word copies are legal C. */
typedef unsigned long __attribute__((may_alias)) word_t;

#define WORD_SIZE sizeof(word_t)

/* Are both pointers multiples of the word size? */
static bool word_aligned(const void *a, const void *b)
{
	return IS_ALIGNED((uintptr_t)a | (uintptr_t)b, WORD_SIZE);
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	word_t pattern;

	if (word_aligned(d, d)) { /* d twice: there is no source */
		/* 0x0101..01 * byte repeats the byte in every lane. */
		pattern = (~0UL / 0xff) * (unsigned char)c;
		for (; n >= WORD_SIZE; n -= WORD_SIZE, d += WORD_SIZE)
			*(word_t *)d = pattern;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

/*
 * Copy low addresses first.  Also safe for overlapping buffers when
 * dst < src: each word is read completely before it is written, and the
 * write only lands on source bytes that have already been read.
 */
static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
	if (word_aligned(d, s)) {
		for (; n >= WORD_SIZE; n -= WORD_SIZE) {
			*(word_t *)d = *(const word_t *)s;
			d += WORD_SIZE;
			s += WORD_SIZE;
		}
	}
	while (n--)
		*d++ = *s++;
}

/* Copy high addresses first: safe for overlapping buffers when dst > src. */
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
	while (n--)
		d[n] = s[n];
}

void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	if ((uintptr_t)dst <= (uintptr_t)src)
		copy_forward(dst, src, n);
	else
		copy_backward(dst, src, n);
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

/* Like strlen, but never looks at more than max bytes. */
size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* Characters compare as unsigned char, as the C standard says. */
int strcmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	while (*x && *x == *y) {
		x++;
		y++;
	}
	return *x - *y;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	for (; n; n--, x++, y++) {
		if (*x != *y || !*x)
			return *x - *y;
	}
	return 0;
}

/* The terminating NUL counts as part of the string: strchr(s, 0) finds it. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/*
 * Copy at most size - 1 bytes and always NUL-terminate (when size > 0).
 * Returns strlen(src), so "strlcpy(...) >= size" means "it was truncated".
 */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	size_t n;

	if (size) {
		n = MIN(len, size - 1);
		copy_forward((void *)dst, (const void *)src, n);
		dst[n] = '\0';
	}
	return len;
}

bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

/* Value of one digit character in bases up to 36, or 36 if not a digit. */
static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 36;
}

/*
 * Base 0 picks the base from the prefix: "0x"/"0X" is hex, a leading "0" is
 * octal, anything else decimal.  Base 16 also accepts an optional "0x".
 * Returns the base and moves *sp past the prefix.
 */
static unsigned int skip_base_prefix(const char **sp, unsigned int base)
{
	const char *s = *sp;
	bool hex_prefix = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');

	if ((base == 0 || base == 16) && hex_prefix) {
		*sp = s + 2;
		return 16;
	}
	if (base == 0)
		return s[0] == '0' ? 8 : 10;
	return base;
}

/*
 * Parse an unsigned number (no sign) that must fill the whole string.
 * Junk anywhere is -EINVAL, even if the digits before it already
 * overflowed; a well-formed number that does not fit is -ERANGE.
 */
static int parse_unsigned(const char *s, unsigned int base,
			  unsigned long long *out)
{
	unsigned long long val = 0;
	bool overflow = false;
	unsigned int d;

	if (base == 1 || base > 36)
		return -EINVAL;
	base = skip_base_prefix(&s, base);
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		d = digit_value(*s);
		if (d >= base)
			return -EINVAL;
		if (val > (~0ULL - d) / base)
			overflow = true;
		val = val * base + d;
	}
	if (overflow)
		return -ERANGE;
	*out = val;
	return 0;
}

/*
 * Parse the whole string s as an unsigned number in the given base
 * (0 = from the prefix, else 2..36).  An optional leading '+' is allowed,
 * whitespace is not.  Returns 0 and sets *out, or -EINVAL / -ERANGE and
 * leaves *out alone.
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *out)
{
	if (*s == '+')
		s++;
	return parse_unsigned(s, base, out);
}

/* As kstrtoull(), plus an optional '-'; the range is LLONG_MIN..LLONG_MAX. */
int kstrtoll(const char *s, unsigned int base, long long *out)
{
	const unsigned long long limit = 1ULL << 63; /* -LLONG_MIN */
	unsigned long long mag;
	bool neg = *s == '-';
	int err;

	if (*s == '-' || *s == '+')
		s++;
	err = parse_unsigned(s, base, &mag);
	if (err)
		return err;
	if (mag > limit || (mag == limit && !neg))
		return -ERANGE;
	if (mag == limit)
		*out = -(long long)(limit - 1) - 1;
	else
		*out = neg ? -(long long)mag : (long long)mag;
	return 0;
}

/*
 * tests/fuzz/fuzz_vsnprintf.c - the kernel's printf engine
 * (lib/vsnprintf.c), two ways, chosen by bit 0 of the first byte.
 *
 * 0: the rest is the format, as it stands.  Every argument is a pointer
 *    to a short string, which any conversion can read (%d reads its low
 *    bits, %s the string).  Formats with '*' or a width of 5 digits or
 *    more are skipped (a pointer as a width, or a width of 10^8, only
 *    makes a slow input), and so are those with more '%' than arguments.
 *    Checked: the length returned does not depend on the buffer size; a
 *    short buffer holds a NUL-terminated prefix of the full result;
 *    vsnprintf_from() from any offset gives the matching piece; nothing
 *    is written past the buffer (each one is malloc'd to its exact size).
 * 1: one conversion, built from the bytes (flags, width and precision,
 *    each maybe '*', length, one of d i u x X c s %) with an argument of
 *    the right type, after a literal prefix; the result must equal
 *    glibc's byte for byte, as lib/vsnprintf.h promises.
 */
#include "tests/fuzz/fuzz.h"

#include <stdarg.h>

#include "lib/string.h"
#include "lib/vsnprintf.h"
#include "tests/host_libc.h"

#define NARGS 24

typedef int (*printf_fn)(char *buf, size_t size, const char *fmt, ...);

static const char *const strs[] = {"", "a", "tern", "0123456789abcdef"};

static int call(char *buf, size_t size, size_t skip, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf_from(buf, size, skip, fmt, ap);
	va_end(ap);
	return n;
}

#define ARGS                                                                   \
	strs[0], strs[1], strs[2], strs[3], strs[0], strs[1], strs[2],         \
	    strs[3], strs[0], strs[1], strs[2], strs[3], strs[0], strs[1],     \
	    strs[2], strs[3], strs[0], strs[1], strs[2], strs[3], strs[0],     \
	    strs[1], strs[2], strs[3]

static void raw_format(const u8 *data, size_t size)
{
	char fmt[512];
	size_t n = MIN(size, sizeof(fmt) - 1);
	int percents = 0, digits = 0;
	size_t bufsize, skip;
	char *full, *buf;
	int len;

	if (size < 2)
		return;
	bufsize = data[0];
	skip = data[1];
	data += 2;
	n = MIN(size - 2, sizeof(fmt) - 1);
	memcpy(fmt, data, n);
	fmt[n] = '\0';
	for (size_t i = 0; fmt[i]; i++) {
		if (fmt[i] == '*')
			return;
		percents += fmt[i] == '%';
		digits = fmt[i] >= '0' && fmt[i] <= '9' ? digits + 1 : 0;
		if (digits >= 5)
			return;
	}
	if (percents > NARGS)
		return;

	len = call(NULL, 0, 0, fmt, ARGS);
	fuzz_check(len >= 0);
	full = malloc((size_t)len + 1);
	fuzz_check(call(full, (size_t)len + 1, 0, fmt, ARGS) == len);
	fuzz_check(full[len] == '\0');

	buf = malloc(bufsize ? bufsize : 1);
	fuzz_check(call(buf, bufsize, 0, fmt, ARGS) == len);
	if (bufsize) {
		size_t kept = MIN(bufsize - 1, (size_t)len);
		fuzz_check(memcmp(buf, full, kept) == 0 && buf[kept] == '\0');
	}
	/* The piece from `skip` on. */
	fuzz_check(call(buf, bufsize, skip, fmt, ARGS) == len);
	if (bufsize) {
		size_t from = MIN(skip, (size_t)len);
		size_t kept = MIN(bufsize - 1, (size_t)len - from);
		fuzz_check(memcmp(buf, full + from, kept) == 0 &&
			   buf[kept] == '\0');
	}
	free(buf);
	free(full);
}

/* One conversion, theirs and ours. */
struct conv {
	char fmt[64];
	bool star_w, star_p;
	int w, p;
	char type; /* 'i' int, 'l' long, 'L' long long, 'c', 's', '%' */
	long long v;
	const char *s;
};

static int run(printf_fn fn, char *buf, size_t size, const struct conv *c)
{
#define CALL(...)                                                              \
	(c->star_w && c->star_p                                                \
	     ? fn(buf, size, c->fmt, c->w, c->p, __VA_ARGS__)                  \
	 : c->star_w ? fn(buf, size, c->fmt, c->w, __VA_ARGS__)                \
	 : c->star_p ? fn(buf, size, c->fmt, c->p, __VA_ARGS__)                \
		     : fn(buf, size, c->fmt, __VA_ARGS__))
	switch (c->type) {
	case 'i':
	case 'c':
		return CALL((int)c->v);
	case 'l':
		return CALL((long)c->v);
	case 'L':
		return CALL(c->v);
	case 's':
		return CALL(c->s);
	default:
		return CALL(0);
	}
#undef CALL
}

static void against_glibc(const u8 *data, size_t size)
{
	static const char flag_chars[] = "-0+ #";
	static const char convs[] = "diuxXcs%";
	static const char *const lengths[] = {"", "hh", "h", "l", "ll", "z"};
	char str[64], ours[320], theirs[320];
	struct conv c = {0};
	size_t at = 0, bufsize;
	u8 b[12] = {0};
	const char *len;
	char conv;
	int n1, n2;

	memcpy(b, data, MIN(size, sizeof(b)));
	data += MIN(size, sizeof(b));
	size -= MIN(size, sizeof(b));
	/* The string argument, and a literal prefix, from the rest. */
	size_t sn = MIN(size, sizeof(str) - 1);
	memcpy(str, data, sn);
	str[sn] = '\0';

	for (int i = 0; i < b[1] % 4; i++) /* a literal prefix */
		c.fmt[at++] = 'a' + i;
	c.fmt[at++] = '%';
	for (int i = 0; i < 5; i++)
		if (b[2] & (1 << i))
			c.fmt[at++] = flag_chars[i];
	if (b[3] & 0x80) {
		c.fmt[at++] = '*';
		c.star_w = true;
		c.w = (signed char)b[4];
	} else if (b[3]) {
		at += snprintf(c.fmt + at, sizeof(c.fmt) - at, "%u", b[3]);
	}
	if (b[5] & 0x80) {
		c.fmt[at++] = '.';
		if (b[5] & 0x40) {
			c.fmt[at++] = '*';
			c.star_p = true;
			c.p = (signed char)b[6];
		} else {
			at += snprintf(c.fmt + at, sizeof(c.fmt) - at, "%u",
				       b[5] & 0x3f);
		}
	}
	conv = convs[b[7] % 8];
	len = lengths[b[8] % 6];
	if (conv == 'c' || conv == 's' || conv == '%')
		len = ""; /* glibc: %lc and %ls are wide characters */
	at += snprintf(c.fmt + at, sizeof(c.fmt) - at, "%s%c", len, conv);
	c.fmt[at] = '\0';

	c.v = (long long)(get64(b + 4) ^ (u64)b[9] << 56);
	if (b[10] & 1)
		c.v = (long long)(b[10] >> 1) - 64; /* small numbers too */
	c.s = b[11] == 0xff ? NULL : str;
	if (conv == 's')
		c.type = 's';
	else if (conv == '%')
		c.type = '%';
	else if (conv == 'c')
		c.type = 'c';
	else if (!strcmp(len, "l") || !strcmp(len, "z"))
		c.type = 'l';
	else if (!strcmp(len, "ll"))
		c.type = 'L';
	else
		c.type = 'i';
	/* glibc's "%%" with flags or a width varies by version: skip. */
	if (c.type == '%' && strcmp(c.fmt + at - 2, "%%"))
		return;

	bufsize = b[0] % sizeof(ours);
	n1 = run(snprintf, ours, bufsize, &c);
	n2 = run(oracle_snprintf, theirs, bufsize, &c);
	if (n1 != n2 ||
	    (bufsize && memcmp(ours, theirs, MIN((size_t)n1 + 1, bufsize)))) {
		char why[400];
		snprintf(why, sizeof(why),
			 "format \"%s\": Tern returned %d, glibc %d", c.fmt, n1,
			 n2);
		fuzz_die(why);
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		against_glibc(data + 1, size - 1);
	else
		raw_format(data + 1, size - 1);
	return 0;
}

/*
 * tests/test_vsnprintf.c - host tests for lib/vsnprintf.c.
 *
 * glibc's snprintf is the oracle: for every supported combination of
 * flags, width, precision, length modifier and conversion, our output and
 * return value must be identical to glibc's, byte for byte, including what
 * lands in a buffer that is too small.  Three layers:
 *  - a hand-written table of interesting cases (easy to read and extend);
 *  - every combination of a fixed set of flags/widths/precisions/lengths;
 *  - 20000 random formats from a fixed seed, with random buffer sizes.
 * What glibc does differently on purpose (%p, unknown conversions) is
 * tested against spelled-out expected strings instead.
 *
 * The formats are mostly data, not literals, so GCC's -Wformat does not
 * object to combinations such as "%05s" that are legal but unusual.
 */
#include "tests/test_common.h"

#include <limits.h>

#include "lib/string.h"
#include "lib/vsnprintf.h"

#define BUF 512

typedef int (*snprintf_fn)(char *buf, size_t size, const char *fmt, ...);

enum arg_type { ARG_NONE, ARG_INT, ARG_LONG, ARG_LLONG, ARG_SIZE, ARG_STR };

#define STAR_WIDTH 1
#define STAR_PREC  2

/* The arguments of one call: optional '*' values, then at most one value. */
struct args {
	unsigned int stars; /* STAR_WIDTH | STAR_PREC */
	int width, prec;    /* the '*' arguments */
	enum arg_type type;
	long long num;
	const char *str;
};

#define CALL_WITH(v)                                                           \
	do {                                                                   \
		switch (a->stars) {                                            \
		case 0:                                                        \
			return fn(buf, size, fmt, v);                          \
		case STAR_WIDTH:                                               \
			return fn(buf, size, fmt, a->width, v);                \
		case STAR_PREC:                                                \
			return fn(buf, size, fmt, a->prec, v);                 \
		default:                                                       \
			return fn(buf, size, fmt, a->width, a->prec, v);       \
		}                                                              \
	} while (0)

/* Call fn (ours or glibc's) with the arguments described by a. */
static int call(snprintf_fn fn, char *buf, size_t size, const char *fmt,
		const struct args *a)
{
	switch (a->type) {
	case ARG_NONE:
		return fn(buf, size, fmt);
	case ARG_INT:
		CALL_WITH((int)a->num);
	case ARG_LONG:
		CALL_WITH((long)a->num);
	case ARG_LLONG:
		CALL_WITH(a->num);
	case ARG_SIZE:
		CALL_WITH((size_t)a->num);
	case ARG_STR:
		CALL_WITH(a->str);
	}
	return -1;
}

/* A buffer full of 'Z' with a NUL at the very end, so it prints safely. */
static void prepare(char *buf)
{
	int i;

	for (i = 0; i < BUF - 1; i++)
		buf[i] = 'Z';
	buf[BUF - 1] = '\0';
}

static bool same_bytes(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (a[i] != b[i])
			return false;
	}
	return true;
}

/*
 * Format with ours and with glibc's into buffers of `size` bytes and
 * compare return values and the whole buffers (so bytes written past the
 * end of `size` would be caught too).
 */
static void check_against_glibc(const char *fmt, const struct args *a,
				size_t size)
{
	char ours[BUF], theirs[BUF];
	int n_ours, n_theirs;

	assert_true(size < BUF);
	prepare(ours);
	prepare(theirs);
	n_ours = call(snprintf, ours, size, fmt, a);
	n_theirs = call(oracle_snprintf, theirs, size, fmt, a);
	if (n_ours != n_theirs || !same_bytes(ours, theirs, BUF))
		fail_msg("format \"%s\" (num=%lld str=%s width=%d prec=%d "
			 "stars=%u) size %zu: glibc %d \"%s\", ours %d \"%s\"",
			 fmt, a->num, a->str ? a->str : "NULL", a->width,
			 a->prec, a->stars, size, n_theirs, theirs, n_ours,
			 ours);
}

struct fmt_case {
	const char *fmt;
	struct args args;
};

/* clang-format off */
#define INT(v) { .type = ARG_INT, .num = (v) }
#define LONG(v) { .type = ARG_LONG, .num = (v) }
#define LLONG(v) { .type = ARG_LLONG, .num = (long long)(v) }
#define SIZE(v) { .type = ARG_SIZE, .num = (long long)(v) }
#define STR(v) { .type = ARG_STR, .str = (v) }
#define NOARG { .type = ARG_NONE }
#define STARW(w, v) { .stars = STAR_WIDTH, .width = (w), .type = ARG_INT, \
		      .num = (v) }
#define STARP(p, v) { .stars = STAR_PREC, .prec = (p), .type = ARG_INT, \
		      .num = (v) }
#define STARWP(w, p, v) { .stars = STAR_WIDTH | STAR_PREC, .width = (w), \
			  .prec = (p), .type = ARG_INT, .num = (v) }
#define STARPS(p, s) { .stars = STAR_PREC, .prec = (p), .type = ARG_STR, \
		       .str = (s) }

static const struct fmt_case table[] = {
	{ "plain text", NOARG },
	{ "", NOARG },
	{ "100%%", NOARG },
	{ "%%%%", NOARG },
	{ "%5%", NOARG },
	{ "%d", INT(0) },
	{ "%d", INT(42) },
	{ "%d", INT(-42) },
	{ "%d", INT(INT_MAX) },
	{ "%d", INT(INT_MIN) },
	{ "%i", INT(-7) },
	{ "%u", INT(-1) },
	{ "%x", INT(0xdeadbeef) },
	{ "%X", INT(0xdeadbeef) },
	{ "%#x", INT(0xff) },
	{ "%#X", INT(0xff) },
	{ "%#x", INT(0) },
	{ "%#08x", INT(0xff) },
	{ "%#8x", INT(0xff) },
	{ "%-#8x|", INT(0xff) },
	{ "%#.4x", INT(0xff) },
	{ "%#08.3x", INT(0xff) },
	{ "%5d|", INT(42) },
	{ "%-5d|", INT(42) },
	{ "%05d", INT(42) },
	{ "%05d", INT(-42) },
	{ "%-05d|", INT(-42) },
	{ "%+d", INT(42) },
	{ "%+d", INT(0) },
	{ "% d", INT(42) },
	{ "% d", INT(-42) },
	{ "%+ d", INT(42) },
	{ "%+05d", INT(42) },
	{ "% 05d", INT(42) },
	{ "%+u", INT(42) },
	{ "% x", INT(42) },
	{ "%#d", INT(42) },
	{ "%.0d", INT(0) },
	{ "%.0u", INT(0) },
	{ "%.0x", INT(0) },
	{ "%#.0x", INT(0) },
	{ "%+.0d", INT(0) },
	{ "% .0d", INT(0) },
	{ "%5.0d|", INT(0) },
	{ "%.d", INT(0) },
	{ "%.3d", INT(7) },
	{ "%.3d", INT(-7) },
	{ "%08.3d", INT(-7) },
	{ "%.20d", INT(INT_MIN) },
	{ "%hhd", INT(300) },
	{ "%hhd", INT(-129) },
	{ "%hhu", INT(-1) },
	{ "%hhx", INT(0x1234) },
	{ "%hd", INT(70000) },
	{ "%hu", INT(-1) },
	{ "%hx", INT(0x12345) },
	{ "%ld", LONG(LONG_MIN) },
	{ "%lu", LONG(-1) },
	{ "%lx", LONG(0x123456789abcdef0) },
	{ "%lld", LLONG(LLONG_MIN) },
	{ "%lld", LLONG(LLONG_MAX) },
	{ "%llu", LLONG(ULLONG_MAX) },
	{ "%llx", LLONG(ULLONG_MAX) },
	{ "%#llX", LLONG(ULLONG_MAX) },
	{ "%-+25lld|", LLONG(LLONG_MIN) },
	{ "%025lld", LLONG(LLONG_MIN) },
	{ "%zu", SIZE(-1) },
	{ "%zx", SIZE(4096) },
	{ "%zd", LONG(-5) },
	{ "%zi", LONG(LONG_MIN) },
	{ "%c", INT('x') },
	{ "%5c|", INT('x') },
	{ "%-5c|", INT('x') },
	{ "%05c", INT('x') },
	{ "%.0c", INT('x') },
	{ "%c", INT(0xe9) },
	{ "[%c]", INT(0) },
	{ "%s", STR("hello") },
	{ "%s", STR("") },
	{ "%10s|", STR("hello") },
	{ "%-10s|", STR("hello") },
	{ "%010s", STR("hello") },
	{ "%.3s", STR("hello") },
	{ "%.0s", STR("hello") },
	{ "%.10s", STR("hello") },
	{ "%8.3s|", STR("hello") },
	{ "%-8.3s|", STR("hello") },
	{ "%s", STR(NULL) },
	{ "%10s", STR(NULL) },
	{ "%-10s|", STR(NULL) },
	{ "%.3s", STR(NULL) },
	{ "%.5s", STR(NULL) },
	{ "%.6s", STR(NULL) },
	{ "%.7s", STR(NULL) },
	{ "%8.2s|", STR(NULL) },
	{ "%*d|", STARW(6, 42) },
	{ "%*d|", STARW(-6, 42) },
	{ "%-*d|", STARW(-6, 42) },
	{ "%0*d|", STARW(-6, 42) },
	{ "%0*d|", STARW(6, -42) },
	{ "%*d|", STARW(0, 42) },
	{ "%.*d", STARP(5, 42) },
	{ "%.*d", STARP(0, 0) },
	{ "%.*d", STARP(-1, 0) },
	{ "%08.*d", STARP(-1, 42) },
	{ "%08.*d", STARP(3, 42) },
	{ "%*.*d|", STARWP(8, 4, -42) },
	{ "%*.*d|", STARWP(-8, 4, -42) },
	{ "%.*s", STARPS(2, "hello") },
	{ "%.*s", STARPS(-2, "hello") },
	{ "%.*s", STARPS(3, NULL) },
	{ "%--5d|", INT(1) },
	{ "%00005d", INT(1) },
	{ "%0-5d|", INT(1) },
	{ "%++d", INT(1) },
	{ "%  d", INT(1) },
};
/* clang-format on */

static void matches_glibc_on_table_of_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(table); i++)
		check_against_glibc(table[i].fmt, &table[i].args, BUF - 1);
}

/* Several conversions in one call, checked with fixed argument lists. */
#define check_same(fmt, ...)                                                   \
	do {                                                                   \
		char o[BUF], t[BUF];                                           \
		int no, nt;                                                    \
		prepare(o);                                                    \
		prepare(t);                                                    \
		no = snprintf(o, BUF - 1, fmt, __VA_ARGS__);                   \
		nt = oracle_snprintf(t, BUF - 1, fmt, __VA_ARGS__);            \
		if (no != nt || !same_bytes(o, t, BUF))                        \
			fail_msg("format \"%s\": glibc %d \"%s\", ours %d "    \
				 "\"%s\"",                                     \
				 fmt, nt, t, no, o);                           \
	} while (0)

static void matches_glibc_with_several_conversions(void **state)
{
	(void)state;
	check_same("a%db%dc", 1, 2);
	check_same("%s=%d (%#x) %c%%", "answer", 42, 42, '!');
	check_same("[%-8s|%8s]", "left", "right");
	check_same("%hhd %hd %d %ld %lld %zu", 1, 2, 3, 4L, 5LL, (size_t)6);
	check_same("%*d %-*d %.*s", 4, 1, 4, 2, 3, "abcdef");
	check_same("cpu%u: %s%s", 3u, "", "online");
	check_same("%x%X%u%i", 0xabcu, 0xabcu, 7u, -7);
}

struct mod {
	const char *text;    /* the length modifier */
	enum arg_type type;  /* what to pass for %u/%x/%X */
	enum arg_type stype; /* what to pass for %d/%i */
};

/* clang-format off */
static const struct mod mods[] = {
	{ "hh", ARG_INT, ARG_INT },	{ "h", ARG_INT, ARG_INT },
	{ "", ARG_INT, ARG_INT },	{ "l", ARG_LONG, ARG_LONG },
	{ "ll", ARG_LLONG, ARG_LLONG }, { "z", ARG_SIZE, ARG_LONG },
};

/* A width or precision, written out or passed as '*'. */
struct field {
	const char *text;
	int star;		/* value for '*' */
};

static const struct field widths[] = {
	{ "", 0 }, { "1", 0 }, { "8", 0 }, { "25", 0 }, { "*", 12 },
	{ "*", -12 },
};

static const struct field precs[] = {
	{ "", 0 },   { ".", 0 },   { ".0", 0 },	 { ".1", 0 },
	{ ".5", 0 }, { ".25", 0 }, { ".*", 3 }, { ".*", -1 },
};
/* clang-format on */

static const long long int_values[] = {
    0,	     1,	       -1,	  42,	     -42,
    255,     256,      65535,	  65536,     INT_MAX,
    INT_MIN, UINT_MAX, LLONG_MAX, LLONG_MIN, 0x123456789abcdefLL,
};

/* Flags subset number `bits` (0..31) as a string, e.g. 5 -> "-+". */
static void flag_string(unsigned int bits, char *out)
{
	static const char flags[] = "-0+ #";
	int i;

	for (i = 0; i < 5; i++) {
		if (bits & (1u << i))
			*out++ = flags[i];
	}
	*out = '\0';
}

/* '%' flags width precision length conversion, e.g. "%-08.3llx". */
static void build_format(char *fmt, const char *flags, const char *width,
			 const char *prec, const char *len, char conv)
{
	const char *parts[] = {"%", flags, width, prec, len};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(parts); i++) {
		strlcpy(fmt, parts[i], 16);
		fmt += strlen(fmt);
	}
	fmt[0] = conv;
	fmt[1] = '|';
	fmt[2] = '\0';
}

static void set_stars(struct args *a, const struct field *w,
		      const struct field *p)
{
	a->stars = 0;
	if (w->text[0] == '*') {
		a->stars |= STAR_WIDTH;
		a->width = w->star;
	}
	if (p->text[0] == '.' && p->text[1] == '*') {
		a->stars |= STAR_PREC;
		a->prec = p->star;
	}
}

/* One flags/width/precision choice, with every length, conversion, value. */
static void check_integer_formats(const char *flags, const struct field *w,
				  const struct field *p)
{
	static const char convs[] = "diuxX";
	struct args a = {0};
	char fmt[48];
	size_t m, c, v;

	set_stars(&a, w, p);
	for (m = 0; m < ARRAY_SIZE(mods); m++) {
		for (c = 0; convs[c]; c++) {
			bool is_signed = convs[c] == 'd' || convs[c] == 'i';

			build_format(fmt, flags, w->text, p->text, mods[m].text,
				     convs[c]);
			a.type = is_signed ? mods[m].stype : mods[m].type;
			for (v = 0; v < ARRAY_SIZE(int_values); v++) {
				a.num = int_values[v];
				check_against_glibc(fmt, &a, BUF - 1);
			}
		}
	}
}

static void matches_glibc_for_all_integer_combinations(void **state)
{
	char flags[8];
	unsigned int f;
	size_t w, p;

	(void)state;
	for (f = 0; f < 32; f++) {
		flag_string(f, flags);
		for (w = 0; w < ARRAY_SIZE(widths); w++) {
			for (p = 0; p < ARRAY_SIZE(precs); p++)
				check_integer_formats(flags, &widths[w],
						      &precs[p]);
		}
	}
}

static void check_string_and_char_formats(const char *flags,
					  const struct field *w,
					  const struct field *p)
{
	static const char *const strs[] = {
	    "", "a", "hello", "hello, world", NULL,
	};
	static const int chars[] = {'a', ' ', 0, 0xff};
	struct args a = {0};
	char fmt[48];
	size_t i;

	set_stars(&a, w, p);
	build_format(fmt, flags, w->text, p->text, "", 's');
	a.type = ARG_STR;
	for (i = 0; i < ARRAY_SIZE(strs); i++) {
		a.str = strs[i];
		check_against_glibc(fmt, &a, BUF - 1);
	}
	build_format(fmt, flags, w->text, p->text, "", 'c');
	a.type = ARG_INT;
	for (i = 0; i < ARRAY_SIZE(chars); i++) {
		a.num = chars[i];
		check_against_glibc(fmt, &a, BUF - 1);
	}
}

static void matches_glibc_for_all_string_and_char_combinations(void **state)
{
	char flags[8];
	unsigned int f;
	size_t w, p;

	(void)state;
	for (f = 0; f < 32; f++) {
		flag_string(f, flags);
		for (w = 0; w < ARRAY_SIZE(widths); w++) {
			for (p = 0; p < ARRAY_SIZE(precs); p++)
				check_string_and_char_formats(flags, &widths[w],
							      &precs[p]);
		}
	}
}

/* ---- the random differential test ---- */

static void add_char(char **p, char c)
{
	*(*p)++ = c;
}

static void add_number(char **p, unsigned int n)
{
	if (n >= 10)
		add_number(p, n / 10);
	add_char(p, '0' + n % 10);
}

/* A few characters of plain text, sometimes with a "%%" in it. */
static void add_text(u64 *rng, char **p)
{
	static const char text[] = "ab -0x9Z";
	unsigned int n = rng_below(rng, 4);

	while (n--) {
		if (rng_below(rng, 8) == 0) {
			add_char(p, '%');
			add_char(p, '%');
		} else {
			add_char(p, text[rng_below(rng, sizeof(text) - 1)]);
		}
	}
}

/* An "interesting" integer: an edge value, or random bits of random size. */
static long long random_int(u64 *rng)
{
	u64 x;

	if (rng_below(rng, 3) == 0)
		return int_values[rng_below(rng, ARRAY_SIZE(int_values))];
	x = rng_next(rng) >> rng_below(rng, 64);
	return rng_below(rng, 2) ? (long long)x : -(long long)x;
}

static void random_flags(u64 *rng, char **p)
{
	static const char flags[] = "-0+ #";
	unsigned int n = rng_below(rng, 5);

	while (n--)
		add_char(p, flags[rng_below(rng, 5)]);
}

/* stars: may this conversion take '*' arguments? ("%*%" is not one.) */
static void random_width(u64 *rng, char **p, struct args *a, bool stars)
{
	switch (rng_below(rng, 4)) {
	case 1:
		add_number(p, 1 + rng_below(rng, 30));
		break;
	case 2:
		if (!stars)
			break;
		add_char(p, '*');
		a->stars |= STAR_WIDTH;
		a->width = (int)rng_below(rng, 61) - 30;
		break;
	}
}

static void random_precision(u64 *rng, char **p, struct args *a, bool stars)
{
	switch (rng_below(rng, 5)) {
	case 1:
		add_char(p, '.');
		break;
	case 2:
		add_char(p, '.');
		add_number(p, rng_below(rng, 31));
		break;
	case 3:
		if (!stars)
			break;
		add_char(p, '.');
		add_char(p, '*');
		a->stars |= STAR_PREC;
		a->prec = (int)rng_below(rng, 36) - 5;
		break;
	}
}

/* The length modifier, the conversion character and the argument. */
static void random_conversion(u64 *rng, char **p, struct args *a, char conv)
{
	static const char *const strs[] = {
	    "", "x", "hello", "Tern kernel", "tab\there", NULL,
	};
	const struct mod *m = &mods[rng_below(rng, ARRAY_SIZE(mods))];
	const char *len;

	switch (conv) {
	case 's':
		a->type = ARG_STR;
		a->str = strs[rng_below(rng, ARRAY_SIZE(strs))];
		break;
	case 'c':
		a->type = ARG_INT;
		a->num = rng_below(rng, 256);
		break;
	case '%':
		a->type = ARG_NONE;
		break;
	default:
		for (len = m->text; *len; len++)
			add_char(p, *len);
		a->type = (conv == 'd' || conv == 'i') ? m->stype : m->type;
		a->num = random_int(rng);
		break;
	}
	add_char(p, conv);
}

/* text '%' [flags] [width] [.precision] [length] conversion text */
static void random_format(u64 *rng, char *fmt, struct args *a)
{
	static const char convs[] = "diuxXcs%";
	char conv = convs[rng_below(rng, sizeof(convs) - 1)];
	char *p = fmt;

	*a = (struct args){0};
	add_text(rng, &p);
	add_char(&p, '%');
	random_flags(rng, &p);
	random_width(rng, &p, a, conv != '%');
	random_precision(rng, &p, a, conv != '%');
	random_conversion(rng, &p, a, conv);
	add_text(rng, &p);
	*p = '\0';
}

/* Mostly a roomy buffer; one time in four a small one, 0 and 1 included. */
static size_t random_size(u64 *rng)
{
	if (rng_below(rng, 4) == 0)
		return rng_below(rng, 40);
	return BUF - 1;
}

static void matches_glibc_on_20000_random_formats(void **state)
{
	u64 rng = 20240601;
	char fmt[64];
	struct args a;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		random_format(&rng, fmt, &a);
		check_against_glibc(fmt, &a, random_size(&rng));
	}
}

/* ---- truncation and the C99 return value ---- */

static void size_zero_writes_nothing_and_returns_full_length(void **state)
{
	char buf[4] = "xyz";

	(void)state;
	assert_int_equal(snprintf(NULL, 0, "%d", 12345), 5);
	assert_int_equal(snprintf(buf, 0, "%s", "hello"), 5);
	assert_string_equal(buf, "xyz");
}

static void size_one_gives_empty_string(void **state)
{
	char buf[4] = "xyz";

	(void)state;
	assert_int_equal(snprintf(buf, 1, "%s", "hello"), 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'y');
}

static void exact_fit_and_one_short(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(snprintf(buf, 6, "%s", "hello"), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(buf[6], 'x');

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(snprintf(buf, 5, "%s", "hello"), 5);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], 'x');
}

static void wide_field_into_small_buffer(void **state)
{
	char buf[10];

	(void)state;
	assert_int_equal(snprintf(buf, sizeof(buf), "%100d", 7), 100);
	assert_string_equal(buf, "         ");
	assert_int_equal(snprintf(buf, sizeof(buf), "%-100d", 7), 100);
	assert_string_equal(buf, "7        ");
}

static void precision_never_reads_past_it(void **state)
{
	/* No NUL: reading a 4th byte is an ASan error. */
	const char abc[3] = {'a', 'b', 'c'};
	char buf[8];

	(void)state;
	assert_int_equal(snprintf(buf, sizeof(buf), "%.3s", abc), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(snprintf(buf, sizeof(buf), "%.2s", abc), 2);
	assert_string_equal(buf, "ab");
}

static void char_nul_is_written_and_counted(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(snprintf(buf, sizeof(buf), "a%cb", 0), 3);
	assert_int_equal(buf[0], 'a');
	assert_int_equal(buf[1], '\0');
	assert_int_equal(buf[2], 'b');
	assert_int_equal(buf[3], '\0');
}

/* vsnprintf() through a variadic wrapper, the way kernel printk uses it. */
static int wrapper(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void vsnprintf_takes_a_va_list(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(wrapper(buf, sizeof(buf), "%s-%d-%x", "a", -1, 255u),
			 7);
	assert_string_equal(buf, "a--1-ff");
}

/* vsnprintf_from(): a long result, piece by piece (printk's long lines). */
static int from(char *buf, size_t size, size_t skip, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf_from(buf, size, skip, fmt, ap);
	va_end(ap);
	return n;
}

static void vsnprintf_from_gives_the_rest_in_pieces(void **state)
{
	char buf[5];

	(void)state;
	assert_int_equal(from(buf, sizeof(buf), 0, "%s-%d", "abcdef", 42), 9);
	assert_string_equal(buf, "abcd");
	assert_int_equal(from(buf, sizeof(buf), 4, "%s-%d", "abcdef", 42), 9);
	assert_string_equal(buf, "ef-4");
	assert_int_equal(from(buf, sizeof(buf), 8, "%s-%d", "abcdef", 42), 9);
	assert_string_equal(buf, "2");
	assert_int_equal(from(buf, sizeof(buf), 9, "%s-%d", "abcdef", 42), 9);
	assert_string_equal(buf, "");
	assert_int_equal(from(buf, sizeof(buf), 50, "%s-%d", "abcdef", 42), 9);
	assert_string_equal(buf, "");
}

/* ---- where we differ from glibc on purpose ---- */

struct expect {
	const char *fmt;
	const void *ptr;
	const char *want;
};

static void pointer_is_0x_and_16_hex_digits(void **state)
{
	/* clang-format off */
	static const struct expect cases[] = {
		{ "%p", NULL, "0x0000000000000000" },
		{ "%p", (void *)0xffffffff80001234UL, "0xffffffff80001234" },
		{ "%p", (void *)0x1000, "0x0000000000001000" },
		{ "%p", (void *)~0UL, "0xffffffffffffffff" },
		{ "[%20p]", (void *)0x1000, "[  0x0000000000001000]" },
		{ "[%-20p]", (void *)0x1000, "[0x0000000000001000  ]" },
		{ "[%020p]", (void *)0x1000, "[  0x0000000000001000]" },
		{ "[%5p]", (void *)0x1000, "[0x0000000000001000]" },
		{ "%.4p", (void *)0x1000, "0x0000000000001000" },
		{ "%#+ p", (void *)0x1000, "0x0000000000001000" },
		{ "%lp", (void *)0x1000, "0x0000000000001000" },
	};
	/* clang-format on */
	char buf[64];
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		n = wrapper(buf, sizeof(buf), cases[i].fmt, cases[i].ptr);
		assert_string_equal(buf, cases[i].want);
		assert_int_equal(n, strlen(cases[i].want));
	}
}

static void unknown_conversion_is_copied_literally(void **state)
{
	/* clang-format off */
	static const struct {
		const char *fmt;
		const char *want;
	} cases[] = {
		{ "%q", "%q" },
		{ "%5q", "%5q" },
		{ "%-08.3lq", "%-08.3lq" },
		{ "%f", "%f" },
		{ "%o", "%o" },
		{ "%n", "%n" },
		{ "%hhq", "%hhq" },
		{ "abc%", "abc%" },
		{ "%", "%" },
		{ "%5", "%5" },
		{ "%l", "%l" },
		{ "100%% %q done", "100% %q done" },
		{ "%q%d", "%q7" },	/* %q takes no argument */
	};
	/* clang-format on */
	char buf[64];
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		n = wrapper(buf, sizeof(buf), cases[i].fmt, 7);
		assert_string_equal(buf, cases[i].want);
		assert_int_equal(n, strlen(cases[i].want));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(matches_glibc_on_table_of_cases),
	    cmocka_unit_test(matches_glibc_with_several_conversions),
	    cmocka_unit_test(matches_glibc_for_all_integer_combinations),
	    cmocka_unit_test(
		matches_glibc_for_all_string_and_char_combinations),
	    cmocka_unit_test(matches_glibc_on_20000_random_formats),
	    cmocka_unit_test(size_zero_writes_nothing_and_returns_full_length),
	    cmocka_unit_test(size_one_gives_empty_string),
	    cmocka_unit_test(exact_fit_and_one_short),
	    cmocka_unit_test(wide_field_into_small_buffer),
	    cmocka_unit_test(precision_never_reads_past_it),
	    cmocka_unit_test(char_nul_is_written_and_counted),
	    cmocka_unit_test(vsnprintf_takes_a_va_list),
	    cmocka_unit_test(vsnprintf_from_gives_the_rest_in_pieces),
	    cmocka_unit_test(pointer_is_0x_and_16_hex_digits),
	    cmocka_unit_test(unknown_conversion_is_copied_literally),
	};

	return run_suite("vsnprintf", tests);
}

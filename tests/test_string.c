/*
 * tests/test_string.c - host tests for lib/string.c.
 *
 * The mem* tests try every small size at every alignment and check the
 * "guard" bytes around the destination too, so that the word-at-a-time
 * fast paths are covered at their edges.
 */
#include "tests/test_common.h"

#include <limits.h>

#include "lib/errno.h"
#include "lib/string.h"

#define GUARD 0xa5
#define AREA  96

static unsigned char pattern_byte(size_t i)
{
	return (unsigned char)(i * 7 + 1);
}

static void fill_pattern(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = pattern_byte(i);
}

static void memset_fills_every_size_and_alignment(void **state)
{
	unsigned char buf[AREA];
	size_t off, n, i;

	(void)state;
	for (off = 0; off < 9; off++) {
		for (n = 0; n < 70; n++) {
			for (i = 0; i < AREA; i++)
				buf[i] = GUARD;
			assert_ptr_equal(memset(buf + off, 0x3c, n), buf + off);
			for (i = 0; i < AREA; i++) {
				bool inside = i >= off && i < off + n;

				assert_int_equal(buf[i], inside ? 0x3c : GUARD);
			}
		}
	}
}

static void memset_uses_only_the_low_byte_of_c(void **state)
{
	unsigned char buf[24];
	size_t i;

	(void)state;
	memset(buf, 0x1ab, sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0xab);
	memset(buf, -1, sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0xff);
}

static void memcpy_copies_every_size_and_alignment(void **state)
{
	unsigned char src[AREA], dst[AREA];
	size_t so, doff, n, i;

	(void)state;
	fill_pattern(src, AREA);
	for (so = 0; so < 9; so++) {
		for (doff = 0; doff < 9; doff++) {
			for (n = 0; n < 70; n++) {
				for (i = 0; i < AREA; i++)
					dst[i] = GUARD;
				assert_ptr_equal(
				    memcpy(dst + doff, src + so, n),
				    dst + doff);
				for (i = 0; i < AREA; i++) {
					unsigned char want = GUARD;

					if (i >= doff && i < doff + n)
						want =
						    pattern_byte(so + i - doff);
					assert_int_equal(dst[i], want);
				}
			}
		}
	}
}

/* memmove(buf + d, buf + s, n) checked against a copy made by hand. */
static void check_memmove(size_t d, size_t s, size_t n)
{
	unsigned char buf[AREA], want[AREA];
	size_t i;

	fill_pattern(buf, AREA);
	fill_pattern(want, AREA);
	for (i = 0; i < n; i++)
		want[d + i] = pattern_byte(s + i);
	assert_ptr_equal(memmove(buf + d, buf + s, n), buf + d);
	for (i = 0; i < AREA; i++)
		assert_int_equal(buf[i], want[i]);
}

static void memmove_overlap_dst_below_src(void **state)
{
	size_t d, s, n;

	(void)state;
	for (s = 1; s < 20; s++)
		for (d = 0; d < s; d++)
			for (n = 0; n < AREA - s; n++)
				check_memmove(d, s, n);
}

static void memmove_overlap_dst_above_src(void **state)
{
	size_t d, s, n;

	(void)state;
	for (s = 0; s < 19; s++)
		for (d = s + 1; d < 20; d++)
			for (n = 0; n < AREA - d; n++)
				check_memmove(d, s, n);
}

static void memmove_same_pointer_is_a_no_op(void **state)
{
	(void)state;
	check_memmove(5, 5, 40);
	check_memmove(0, 0, AREA);
}

static void memcmp_compares_bytes_as_unsigned(void **state)
{
	const unsigned char a[] = {1, 2, 0x80};
	const unsigned char b[] = {1, 2, 0x01};

	(void)state;
	assert_true(memcmp(a, b, 3) > 0);
	assert_true(memcmp(b, a, 3) < 0);
	assert_int_equal(memcmp(a, b, 2), 0);
	assert_int_equal(memcmp(a, b, 0), 0);
	assert_int_equal(memcmp("abc", "abc", 4), 0);
}

static void strlen_and_strnlen_count_up_to_nul_or_max(void **state)
{
	const char nonul[4] = {'a', 'b', 'c', 'd'};

	(void)state;
	assert_int_equal(strlen(""), 0);
	assert_int_equal(strlen("hello"), 5);
	assert_int_equal(strnlen("hello", 3), 3);
	assert_int_equal(strnlen("hello", 5), 5);
	assert_int_equal(strnlen("hello", 99), 5);
	assert_int_equal(strnlen("", 0), 0);
	/* Must not read past max: ASan would catch it. */
	assert_int_equal(strnlen(nonul, sizeof(nonul)), 4);
}

static void strcmp_orders_like_unsigned_bytes(void **state)
{
	(void)state;
	assert_int_equal(strcmp("abc", "abc"), 0);
	assert_int_equal(strcmp("", ""), 0);
	assert_true(strcmp("abc", "abd") < 0);
	assert_true(strcmp("abd", "abc") > 0);
	assert_true(strcmp("ab", "abc") < 0);
	assert_true(strcmp("abc", "ab") > 0);
	assert_true(strcmp("\x80", "\x01") > 0);
}

static void strncmp_stops_after_n_or_at_nul(void **state)
{
	(void)state;
	assert_int_equal(strncmp("abcX", "abcY", 3), 0);
	assert_true(strncmp("abcX", "abcY", 4) < 0);
	assert_int_equal(strncmp("abc", "abc", 100), 0);
	assert_true(strncmp("ab", "abc", 100) < 0);
	assert_int_equal(strncmp("x", "y", 0), 0);
	assert_true(strncmp("\xff", "a", 1) > 0);
}

static void strchr_finds_first_match_or_the_terminator(void **state)
{
	const char *s = "hello";

	(void)state;
	assert_ptr_equal(strchr(s, 'l'), s + 2);
	assert_ptr_equal(strchr(s, 'h'), s);
	assert_ptr_equal(strchr(s, 'z'), NULL);
	assert_ptr_equal(strchr(s, '\0'), s + 5);
	/* c is converted to char first. */
	assert_ptr_equal(strchr(s, 0x100 + 'o'), s + 4);
}

static void strrchr_finds_last_match(void **state)
{
	const char *s = "hello";

	(void)state;
	assert_ptr_equal(strrchr(s, 'l'), s + 3);
	assert_ptr_equal(strrchr(s, 'h'), s);
	assert_ptr_equal(strrchr(s, 'z'), NULL);
	assert_ptr_equal(strrchr(s, '\0'), s + 5);
	assert_ptr_equal(strrchr("", 'a'), NULL);
}

static void strlcpy_truncates_terminates_and_returns_src_len(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(strlcpy(buf, "hello", 0), 5);
	assert_int_equal(buf[0], 'x'); /* size 0: untouched */

	assert_int_equal(strlcpy(buf, "hello", 1), 5);
	assert_string_equal(buf, "");

	assert_int_equal(strlcpy(buf, "hello", 5), 5);
	assert_string_equal(buf, "hell");

	assert_int_equal(strlcpy(buf, "hello", 6), 5);
	assert_string_equal(buf, "hello");

	assert_int_equal(strlcpy(buf, "", sizeof(buf)), 0);
	assert_string_equal(buf, "");

	assert_int_equal(strlcpy(buf, "a much longer string", sizeof(buf)), 20);
	assert_string_equal(buf, "a much ");
}

static void strstarts_matches_prefixes(void **state)
{
	(void)state;
	assert_true(strstarts("maxcpus=4", "maxcpus="));
	assert_true(strstarts("abc", "abc"));
	assert_true(strstarts("abc", ""));
	assert_true(strstarts("", ""));
	assert_false(strstarts("ab", "abc"));
	assert_false(strstarts("hz=100", "maxcpus="));
}

struct ull_case {
	const char *s;
	unsigned int base;
	int err;
	unsigned long long val;
};

static void kstrtoull_parses_and_rejects(void **state)
{
	/* clang-format off */
	static const struct ull_case cases[] = {
		{ "0", 10, 0, 0 },
		{ "42", 10, 0, 42 },
		{ "+42", 10, 0, 42 },
		{ "007", 10, 0, 7 },
		{ "ff", 16, 0, 255 },
		{ "FF", 16, 0, 255 },
		{ "0xff", 16, 0, 255 },
		{ "0XfF", 0, 0, 255 },
		{ "0x10", 0, 0, 16 },
		{ "010", 0, 0, 8 },
		{ "0", 0, 0, 0 },
		{ "10", 0, 0, 10 },
		{ "101", 2, 0, 5 },
		{ "z", 36, 0, 35 },
		{ "777", 8, 0, 511 },
		{ "18446744073709551615", 10, 0, ULLONG_MAX },
		{ "0xffffffffffffffff", 0, 0, ULLONG_MAX },
		{ "18446744073709551616", 10, -ERANGE, 0 },
		{ "0x10000000000000000", 0, -ERANGE, 0 },
		{ "99999999999999999999999", 10, -ERANGE, 0 },
		{ "99999999999999999999999x", 10, -EINVAL, 0 },
		{ "", 10, -EINVAL, 0 },
		{ "", 0, -EINVAL, 0 },
		{ "0x", 0, -EINVAL, 0 },
		{ "0x", 16, -EINVAL, 0 },
		{ "+", 10, -EINVAL, 0 },
		{ "-", 10, -EINVAL, 0 },
		{ "-1", 10, -EINVAL, 0 },
		{ "++1", 10, -EINVAL, 0 },
		{ " 1", 10, -EINVAL, 0 },
		{ "1 ", 10, -EINVAL, 0 },
		{ "1\n", 10, -EINVAL, 0 },
		{ "12a", 10, -EINVAL, 0 },
		{ "08", 0, -EINVAL, 0 },
		{ "2", 2, -EINVAL, 0 },
		{ "0x1", 10, -EINVAL, 0 },
		{ "1", 1, -EINVAL, 0 },
		{ "1", 37, -EINVAL, 0 },
	};
	/* clang-format on */
	unsigned long long out;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct ull_case *c = &cases[i];
		int err;

		out = 12345;
		err = kstrtoull(c->s, c->base, &out);
		if (err != c->err || out != (c->err ? 12345 : c->val))
			fail_msg(
			    "kstrtoull(\"%s\", %u) = %d, %llu; want %d, %llu",
			    c->s, c->base, err, out, c->err, c->val);
	}
}

struct ll_case {
	const char *s;
	unsigned int base;
	int err;
	long long val;
};

static void kstrtoll_parses_signs_and_limits(void **state)
{
	/* clang-format off */
	static const struct ll_case cases[] = {
		{ "0", 10, 0, 0 },
		{ "-0", 10, 0, 0 },
		{ "+5", 10, 0, 5 },
		{ "-5", 10, 0, -5 },
		{ "-0x10", 0, 0, -16 },
		{ "-010", 0, 0, -8 },
		{ "9223372036854775807", 10, 0, LLONG_MAX },
		{ "-9223372036854775808", 10, 0, LLONG_MIN },
		{ "-0x8000000000000000", 0, 0, LLONG_MIN },
		{ "9223372036854775808", 10, -ERANGE, 0 },
		{ "-9223372036854775809", 10, -ERANGE, 0 },
		{ "18446744073709551616", 10, -ERANGE, 0 },
		{ "", 10, -EINVAL, 0 },
		{ "-", 10, -EINVAL, 0 },
		{ "+", 10, -EINVAL, 0 },
		{ "--1", 10, -EINVAL, 0 },
		{ "-+1", 10, -EINVAL, 0 },
		{ "+-1", 10, -EINVAL, 0 },
		{ " 1", 10, -EINVAL, 0 },
		{ "1 ", 10, -EINVAL, 0 },
		{ "- 1", 10, -EINVAL, 0 },
		{ "0x", 0, -EINVAL, 0 },
		{ "-0x", 0, -EINVAL, 0 },
		{ "1e3", 10, -EINVAL, 0 },
	};
	/* clang-format on */
	long long out;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct ll_case *c = &cases[i];
		int err;

		out = 12345;
		err = kstrtoll(c->s, c->base, &out);
		if (err != c->err || out != (c->err ? 12345 : c->val))
			fail_msg(
			    "kstrtoll(\"%s\", %u) = %d, %lld; want %d, %lld",
			    c->s, c->base, err, out, c->err, c->val);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(memset_fills_every_size_and_alignment),
	    cmocka_unit_test(memset_uses_only_the_low_byte_of_c),
	    cmocka_unit_test(memcpy_copies_every_size_and_alignment),
	    cmocka_unit_test(memmove_overlap_dst_below_src),
	    cmocka_unit_test(memmove_overlap_dst_above_src),
	    cmocka_unit_test(memmove_same_pointer_is_a_no_op),
	    cmocka_unit_test(memcmp_compares_bytes_as_unsigned),
	    cmocka_unit_test(strlen_and_strnlen_count_up_to_nul_or_max),
	    cmocka_unit_test(strcmp_orders_like_unsigned_bytes),
	    cmocka_unit_test(strncmp_stops_after_n_or_at_nul),
	    cmocka_unit_test(strchr_finds_first_match_or_the_terminator),
	    cmocka_unit_test(strrchr_finds_last_match),
	    cmocka_unit_test(strlcpy_truncates_terminates_and_returns_src_len),
	    cmocka_unit_test(strstarts_matches_prefixes),
	    cmocka_unit_test(kstrtoull_parses_and_rejects),
	    cmocka_unit_test(kstrtoll_parses_signs_and_limits),
	};

	return run_suite("string", tests);
}

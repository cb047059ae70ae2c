/*
 * tests/test_cmdline.c - host tests for kernel/cmdline.c, the option parser.
 *
 * The parser is driven with a table of its own (one option of each type) so
 * that every rule is pinned down: what is accepted, what is reported, and
 * that a refused value always leaves the default in place.
 */
#include "tests/test_common.h"

#include "kernel/cmdline.h"
#include "lib/string.h"

struct opts {
	int hz;
	bool verbose;
	const char *name;
};

static const struct param_desc table[] = {
	{ "hz", PARAM_INT, offsetof(struct opts, hz), 100, 10000, "ticks" },
	{ "verbose", PARAM_BOOL, offsetof(struct opts, verbose), 0, 0, "talk" },
	{ "name", PARAM_STR, offsetof(struct opts, name), 0, 0, "a name" },
};
static const struct opts defaults = { 1000, false, "tern" };

static char reports[8][200];
static int nreports;

static void record(const char *msg)
{
	if (nreports < 8)
		strlcpy(reports[nreports], msg, sizeof(reports[0]));
	nreports++;
}

/* Parse a copy of `line`; the copy lives on until the next call. */
static int parse(const char *line, struct opts *o)
{
	static char buf[512];
	strlcpy(buf, line, sizeof(buf));
	*o = defaults;
	nreports = 0;
	return cmdline_parse(buf, table, 3, o, &defaults, record);
}

static void good_values_are_stored(void **state)
{
	struct opts o;
	(void)state;
	assert_int_equal(parse("hz=250 verbose name=sched", &o), 0);
	assert_int_equal(o.hz, 250);
	assert_true(o.verbose);
	assert_string_equal(o.name, "sched");
	assert_int_equal(nreports, 0);
}

static void empty_line_keeps_defaults(void **state)
{
	struct opts o;
	(void)state;
	assert_int_equal(parse("   ", &o), 0);
	assert_int_equal(o.hz, 1000);
	assert_false(o.verbose);
	assert_string_equal(o.name, "tern");
}

static void hex_and_range_limits(void **state)
{
	struct opts o;
	(void)state;
	assert_int_equal(parse("hz=0x64", &o), 0);
	assert_int_equal(o.hz, 100);
	assert_int_equal(parse("hz=10000", &o), 0);
	assert_int_equal(o.hz, 10000);
	assert_int_equal(parse("hz=10001", &o), 1);
	assert_int_equal(o.hz, 1000);
	assert_string_equal(reports[0],
			    "hz=10001: out of range 100..10000; using default 1000");
	assert_int_equal(parse("hz=99999999999999999999", &o), 1);
	assert_int_equal(o.hz, 1000);
}

static void unknown_option_is_named(void **state)
{
	struct opts o;
	(void)state;
	assert_int_equal(parse("nosuch=1 hz=200", &o), 1);
	assert_int_equal(o.hz, 200);
	assert_string_equal(reports[0],
			    "unknown option 'nosuch' ignored (boot with 'help' for the list)");
}

static void malformed_number_keeps_default(void **state)
{
	struct opts o;
	(void)state;
	assert_int_equal(parse("hz=banana", &o), 1);
	assert_int_equal(o.hz, 1000);
	assert_string_equal(reports[0], "hz=banana: not a number; using default 1000");
	assert_int_equal(parse("hz=12abc", &o), 1);
	assert_int_equal(parse("hz=", &o), 1);
	assert_string_equal(reports[0], "hz=: needs a value; using default 1000");
	assert_int_equal(parse("hz", &o), 1);
	assert_string_equal(reports[0], "hz: needs a value; using default 1000");
}

static void earlier_good_value_is_not_kept_after_a_bad_one(void **state)
{
	struct opts o;
	(void)state;
	/* the last occurrence decides; a bad one means "the default" */
	assert_int_equal(parse("hz=300 hz=nope", &o), 1);
	assert_int_equal(o.hz, 1000);
	assert_int_equal(parse("hz=nope hz=300", &o), 1);
	assert_int_equal(o.hz, 300);
}

static void bool_words(void **state)
{
	struct opts o;
	(void)state;
	static const char *const on[] = { "verbose", "verbose=on", "verbose=1",
					  "verbose=yes", "verbose=true" };
	static const char *const off[] = { "verbose=off", "verbose=0",
					   "verbose=no", "verbose=false" };
	for (size_t i = 0; i < sizeof(on) / sizeof(on[0]); i++) {
		assert_int_equal(parse(on[i], &o), 0);
		assert_true(o.verbose);
	}
	for (size_t i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		assert_int_equal(parse(off[i], &o), 0);
		assert_false(o.verbose);
	}
	assert_int_equal(parse("verbose=maybe", &o), 1);
	assert_false(o.verbose);
	assert_string_equal(reports[0],
			    "verbose=maybe: not on/off (use on, off, yes, no, 1 or 0); using default off");
}

static void quoted_string_with_spaces(void **state)
{
	struct opts o;
	(void)state;
	assert_int_equal(parse("name=\"two words\" hz=400", &o), 0);
	assert_string_equal(o.name, "two words");
	assert_int_equal(o.hz, 400);
	assert_int_equal(parse("name=", &o), 1);
	assert_string_equal(o.name, "tern");
}

static void tabs_and_newlines_separate(void **state)
{
	struct opts o;
	(void)state;
	assert_int_equal(parse("\thz=500\nverbose\n", &o), 0);
	assert_int_equal(o.hz, 500);
	assert_true(o.verbose);
}

static void several_problems_all_reported(void **state)
{
	struct opts o;
	(void)state;
	assert_int_equal(parse("a b=1 hz=x verbose=2 name", &o), 5);
	assert_int_equal(nreports, 5);
}

/* Where `needle` first occurs in `hay`, or NULL. */
static const char *contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

static void help_line_describes_option(void **state)
{
	char buf[160];
	(void)state;
	param_describe(&table[0], &defaults, buf, sizeof(buf));
	assert_non_null(contains(buf, "hz=N (100..10000)"));
	assert_non_null(contains(buf, "default 1000"));
	param_describe(&table[1], &defaults, buf, sizeof(buf));
	assert_non_null(contains(buf, "verbose[=on|off]"));
	param_describe(&table[2], &defaults, buf, sizeof(buf));
	assert_non_null(contains(buf, "default \"tern\""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_values_are_stored),
		cmocka_unit_test(empty_line_keeps_defaults),
		cmocka_unit_test(hex_and_range_limits),
		cmocka_unit_test(unknown_option_is_named),
		cmocka_unit_test(malformed_number_keeps_default),
		cmocka_unit_test(earlier_good_value_is_not_kept_after_a_bad_one),
		cmocka_unit_test(bool_words),
		cmocka_unit_test(quoted_string_with_spaces),
		cmocka_unit_test(tabs_and_newlines_separate),
		cmocka_unit_test(several_problems_all_reported),
		cmocka_unit_test(help_line_describes_option),
	};
	return run_suite("cmdline", tests);
}

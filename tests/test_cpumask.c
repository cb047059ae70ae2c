/*
 * tests/test_cpumask.c - host tests for lib/cpumask.{h,c}.
 *
 * Built with the default NR_CPUS (256).  The cpulist text form gets the
 * most attention: known strings both ways, every kind of malformed input,
 * and print -> parse round trips over random masks.
 */
#include "tests/test_common.h"

#include "lib/cpumask.h"
#include "lib/errno.h"
#include "lib/string.h"

/* A mask from a list of CPUs ending in -1. */
static cpumask_t mask_of(const int *cpus)
{
	cpumask_t m;

	cpumask_clear(&m);
	for (; *cpus >= 0; cpus++)
		cpumask_set_cpu(*cpus, &m);
	return m;
}

#define MASK(...) mask_of((const int[]){__VA_ARGS__, -1})

static void set_clear_test_and_weight(void **state)
{
	cpumask_t m;

	(void)state;
	cpumask_clear(&m);
	assert_true(cpumask_empty(&m));
	assert_int_equal(cpumask_weight(&m), 0);
	cpumask_set_cpu(0, &m);
	cpumask_set_cpu(63, &m);
	cpumask_set_cpu(64, &m);
	cpumask_set_cpu(NR_CPUS - 1, &m);
	assert_false(cpumask_empty(&m));
	assert_int_equal(cpumask_weight(&m), 4);
	assert_true(cpumask_test_cpu(64, &m));
	assert_false(cpumask_test_cpu(65, &m));
	cpumask_clear_cpu(64, &m);
	assert_false(cpumask_test_cpu(64, &m));
	assert_int_equal(cpumask_weight(&m), 3);
	cpumask_setall(&m);
	assert_int_equal(cpumask_weight(&m), NR_CPUS);
}

static void first_next_and_for_each_cpu_walk_in_order(void **state)
{
	const unsigned int want[] = {1, 2, 64, 130, NR_CPUS - 1};
	cpumask_t m = MASK(1, 2, 64, 130, NR_CPUS - 1);
	unsigned int ucpu;
	size_t n = 0;
	int cpu;

	(void)state;
	assert_int_equal(cpumask_first(&m), 1);
	assert_int_equal(cpumask_next(-1, &m), 1);
	assert_int_equal(cpumask_next(1, &m), 2);
	assert_int_equal(cpumask_next(2, &m), 64);
	assert_true(cpumask_next(NR_CPUS - 1, &m) >= NR_CPUS);
	for_each_cpu(cpu, &m) {
		assert_true(n < ARRAY_SIZE(want));
		assert_int_equal(cpu, want[n++]);
	}
	assert_int_equal(n, ARRAY_SIZE(want));
	/* Works with an unsigned variable too. */
	n = 0;
	for_each_cpu(ucpu, &m)
		assert_int_equal(ucpu, want[n++]);
	assert_int_equal(n, ARRAY_SIZE(want));

	cpumask_clear(&m);
	assert_true(cpumask_first(&m) >= NR_CPUS);
	for_each_cpu(cpu, &m)
		fail();
}

static void and_or_andnot_and_comparisons(void **state)
{
	cpumask_t a = MASK(0, 1, 2, 100), b = MASK(2, 3, 100, 200);
	cpumask_t d, want;

	(void)state;
	assert_true(cpumask_and(&d, &a, &b));
	want = MASK(2, 100);
	assert_true(cpumask_equal(&d, &want));

	cpumask_or(&d, &a, &b);
	want = MASK(0, 1, 2, 3, 100, 200);
	assert_true(cpumask_equal(&d, &want));

	assert_true(cpumask_andnot(&d, &a, &b));
	want = MASK(0, 1);
	assert_true(cpumask_equal(&d, &want));

	assert_true(cpumask_intersects(&a, &b));
	assert_false(cpumask_equal(&a, &b));
	assert_true(cpumask_subset(&want, &a));
	assert_false(cpumask_subset(&a, &want));

	b = MASK(5, 6);
	assert_false(cpumask_and(&d, &a, &b));
	assert_true(cpumask_empty(&d));
	assert_false(cpumask_intersects(&a, &b));
	assert_false(cpumask_andnot(&d, &a, &a));
}

static void copy_and_of_give_independent_values(void **state)
{
	cpumask_t a = MASK(3, 7), b, one;

	(void)state;
	cpumask_copy(&b, &a);
	assert_true(cpumask_equal(&a, &b));
	cpumask_set_cpu(9, &b);
	assert_false(cpumask_test_cpu(9, &a));

	one = cpumask_of(77);
	assert_int_equal(cpumask_weight(&one), 1);
	assert_int_equal(cpumask_first(&one), 77);
	one = cpumask_of(NR_CPUS - 1);
	assert_true(cpumask_test_cpu(NR_CPUS - 1, &one));
	assert_int_equal(cpumask_weight(&one), 1);
}

static void print_gives_linux_cpulists(void **state)
{
	char buf[1024];
	cpumask_t m;

	(void)state;
	cpumask_clear(&m);
	assert_int_equal(cpumask_print(buf, sizeof(buf), &m), 0);
	assert_string_equal(buf, "");

	m = MASK(0);
	assert_int_equal(cpumask_print(buf, sizeof(buf), &m), 1);
	assert_string_equal(buf, "0");

	m = MASK(0, 1, 2, 3, 8, 10, 11);
	assert_int_equal(cpumask_print(buf, sizeof(buf), &m), 11);
	assert_string_equal(buf, "0-3,8,10-11");

	m = MASK(1, 3, 5, 63, 64, 65, NR_CPUS - 1);
	cpumask_print(buf, sizeof(buf), &m);
	assert_string_equal(buf, "1,3,5,63-65,255");

	cpumask_setall(&m);
	cpumask_print(buf, sizeof(buf), &m);
	assert_string_equal(buf, "0-255");
}

static void print_truncates_like_snprintf(void **state)
{
	cpumask_t m = MASK(0, 1, 2, 3, 8, 10, 11);
	const char *full = "0-3,8,10-11";
	char buf[16];
	size_t size;

	(void)state;
	assert_int_equal(cpumask_print(NULL, 0, &m), 11);
	for (size = 1; size <= 12; size++) {
		memset(buf, 'x', sizeof(buf));
		assert_int_equal(cpumask_print(buf, size, &m), 11);
		assert_int_equal(strlen(buf), size - 1);
		assert_int_equal(strncmp(buf, full, size - 1), 0);
		assert_int_equal(buf[size], 'x');
	}
}

struct parse_case {
	const char *text;
	const char *printed; /* NULL: must be rejected with -EINVAL */
};

static void parse_accepts_cpulists_and_rejects_junk(void **state)
{
	/* clang-format off */
	static const struct parse_case cases[] = {
		{ "", "" },
		{ "0", "0" },
		{ "255", "255" },
		{ "0-3,8,10-11", "0-3,8,10-11" },
		{ "3,1,2", "1-3" },
		{ "0-3,2-5", "0-5" },
		{ "5-5", "5" },
		{ "007", "7" },
		{ "0-255", "0-255" },
		{ "3-1", NULL },
		{ "x", NULL },
		{ "1,,2", NULL },
		{ ",", NULL },
		{ ",1", NULL },
		{ "1,", NULL },
		{ "1-", NULL },
		{ "-1", NULL },
		{ "1--2", NULL },
		{ "1-2-3", NULL },
		{ "256", NULL },
		{ "0-256", NULL },
		{ "99999999999999999999", NULL },
		{ " 1", NULL },
		{ "1 ", NULL },
		{ "1, 2", NULL },
		{ "+1", NULL },
		{ "0x1", NULL },
		{ "1\n", NULL },
	};
	/* clang-format on */
	char buf[1024];
	cpumask_t m, before = MASK(42);
	size_t i;
	int err;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		m = before;
		err = cpulist_parse(cases[i].text, &m);
		if (!cases[i].printed) {
			if (err != -EINVAL || !cpumask_equal(&m, &before))
				fail_msg("\"%s\" was accepted (%d)",
					 cases[i].text, err);
			continue;
		}
		if (err)
			fail_msg("\"%s\" was rejected (%d)", cases[i].text,
				 err);
		cpumask_print(buf, sizeof(buf), &m);
		assert_string_equal(buf, cases[i].printed);
	}
}

static void print_then_parse_round_trips_random_masks(void **state)
{
	u64 rng = 2002;
	char buf[1024];
	cpumask_t m, back;
	int round, cpu;

	(void)state;
	for (round = 0; round < 2000; round++) {
		/* Vary the density so both single CPUs and runs appear. */
		unsigned int ones = rng_below(&rng, 33);

		cpumask_clear(&m);
		for (cpu = 0; cpu < NR_CPUS; cpu++) {
			if (rng_below(&rng, 32) < ones)
				cpumask_set_cpu(cpu, &m);
		}
		assert_true(cpumask_print(buf, sizeof(buf), &m) <
			    (int)sizeof(buf));
		assert_int_equal(cpulist_parse(buf, &back), 0);
		assert_true(cpumask_equal(&m, &back));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(set_clear_test_and_weight),
	    cmocka_unit_test(first_next_and_for_each_cpu_walk_in_order),
	    cmocka_unit_test(and_or_andnot_and_comparisons),
	    cmocka_unit_test(copy_and_of_give_independent_values),
	    cmocka_unit_test(print_gives_linux_cpulists),
	    cmocka_unit_test(print_truncates_like_snprintf),
	    cmocka_unit_test(parse_accepts_cpulists_and_rejects_junk),
	    cmocka_unit_test(print_then_parse_round_trips_random_masks),
	};

	return run_suite("cpumask", tests);
}

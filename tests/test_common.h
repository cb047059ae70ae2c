/*
 * tests/test_common.h - included first by every host unit test.
 *
 * cmocka wants these four standard headers before its own.  The random
 * tests use rng_next(), a fixed-seed xorshift generator, so every run (and
 * every machine) checks exactly the same cases and a failure reproduces.
 */
#ifndef TERN_TESTS_TEST_COMMON_H
#define TERN_TESTS_TEST_COMMON_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Only after the four above: cmocka.h uses them without including them. */
#include <cmocka.h>

#include "lib/compiler.h"
#include "tests/host_libc.h"

/* Marsaglia's xorshift64; state must not be 0. */
static inline u64 rng_next(u64 *state)
{
	u64 x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

/* A number in 0 .. n - 1 (n > 0). */
static inline u64 rng_below(u64 *state, u64 n)
{
	return rng_next(state) % n;
}

/*
 * Run one suite.  With CMOCKA_MESSAGE_OUTPUT=TAP cmocka prints "1..N" and
 * one "ok N - name" / "not ok N - name" line per test on stdout.
 */
#define run_suite(name, tests)                                                 \
	(host_stdout_line_buffered(),                                          \
	 cmocka_run_group_tests_name(name, tests, NULL, NULL))

#endif

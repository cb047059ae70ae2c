/*
 * tests/fuzz/fuzz.h - what every fuzz target shares.
 *
 * Each target is one libFuzzer program (tests/fuzz/fuzz.mk builds them
 * with clang, -fsanitize=fuzzer,address,undefined), linked with the
 * kernel's own source files for what it fuzzes.  Like the cmocka tests,
 * everything is compiled with tests/host_rename.h forced in, so lib/'s
 * memcpy, snprintf, ... are tern_memcpy, tern_snprintf and do not replace
 * glibc's.  A target must not include <string.h> or <stdio.h>.
 *
 * A broken invariant is a crash: fuzz_check() prints what was wrong and
 * aborts, and libFuzzer saves the input that did it.
 */
#ifndef TERN_TESTS_FUZZ_FUZZ_H
#define TERN_TESTS_FUZZ_FUZZ_H

#include <stdlib.h>
#include <unistd.h>

#include "lib/compiler.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static inline __noreturn void fuzz_die(const char *what)
{
	ssize_t n = write(2, what, __builtin_strlen(what));
	(void)n;
	n = write(2, "\n", 1);
	abort();
}

#define fuzz_check(cond)                                                       \
	do {                                                                   \
		if (!(cond))                                                   \
			fuzz_die(__FILE__ ": invariant broken: " #cond);       \
	} while (0)

/* With FUZZ_SHOW_LOG=1 in the environment, print what the parser said
 * (to see what a seed or a saved crash input does). */
static inline void fuzz_show_log(const char *log)
{
	static int show = -1;
	ssize_t n;

	if (show < 0)
		show = getenv("FUZZ_SHOW_LOG") != NULL;
	if (show) {
		n = write(2, log, __builtin_strlen(log));
		n = write(2, "----\n", 5);
		(void)n;
	}
}

/* Little-endian loads and stores at any alignment. */
static inline u32 get32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static inline u64 get64(const u8 *p)
{
	return get32(p) | (u64)get32(p + 4) << 32;
}

static inline void put32(u8 *p, u32 v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (u8)(v >> 8 * i);
}

#endif

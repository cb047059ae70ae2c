/*
 * tests/host_libc.h - the host C library, for tests that need it.
 *
 * Implemented in tests/host_libc.c, the only test file compiled without
 * tests/host_rename.h, so these reach glibc and not Tern's lib/.
 */
#ifndef TERN_TESTS_HOST_LIBC_H
#define TERN_TESTS_HOST_LIBC_H

#include <stddef.h>

/* glibc's snprintf: the oracle that lib/vsnprintf.c must match. */
int oracle_snprintf(char *buf, size_t size, const char *fmt, ...);

/*
 * Make stdout line buffered even into a pipe, so that the TAP lines of the
 * tests that did run are not lost if a later test crashes the program.
 */
void host_stdout_line_buffered(void);

#endif

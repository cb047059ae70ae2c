/*
 * tests/host_libc.c - thin wrappers around the host's C library.
 *
 * Compiled WITHOUT tests/host_rename.h (see tests/host.mk), so the
 * snprintf and setvbuf called here are glibc's own.
 */
#include <stdarg.h>
#include <stdio.h>

#include "tests/host_libc.h"

int oracle_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void host_stdout_line_buffered(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/*
 * ASan checks the arguments of every glibc printf call against the format,
 * and prints a warning for formats it does not know, such as "%5%", that
 * the oracle is deliberately fed.  Our own vsnprintf is instrumented code,
 * checked by ASan directly, so that interceptor check adds nothing here.
 * (ASAN_OPTIONS from the environment still overrides this.)
 */
const char *__asan_default_options(void);

const char *__asan_default_options(void)
{
	return "check_printf=0";
}

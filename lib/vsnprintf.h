/*
 * lib/vsnprintf.h - formatted output into a buffer, the C99 way.
 *
 * The return value is the length the whole result would have had (without
 * the NUL), even when it did not fit; the buffer is always NUL-terminated
 * when size > 0.  So "snprintf(buf, size, ...) >= size" means "truncated",
 * and snprintf(NULL, 0, ...) measures.
 *
 * Supported: %d %i %u %x %X %c %s %p %%, flags - 0 + space #, width and
 * precision (also as *), length modifiers hh h l ll z.  The output matches
 * glibc byte for byte for all of those, except %p, which always prints
 * "0x" and 16 lower-case hex digits (NULL too), padded only by a width.
 * Length modifiers on %c, %s and %p are ignored (no wide characters).
 *
 * Anything else, such as "%q", "%o" or "%f", is copied to the output as it
 * stands, flags and all ("%-5q" prints "%-5q"), and takes no argument,
 * except that a '*' in it still takes its int.  A '%' at the very end of
 * the format prints as "%".
 */
#ifndef TERN_LIB_VSNPRINTF_H
#define TERN_LIB_VSNPRINTF_H

#include <stdarg.h>

#include "lib/compiler.h"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __printf(3, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
/* vsnprintf() of the output from character `skip` on: the result's
 * characters [skip, skip + size - 1) go to buf (NUL-terminated), and the
 * return value is still the whole result's length.  So a result longer
 * than any buffer at hand can be had in pieces, by formatting it again
 * (with a fresh va_copy) for each: printk does that for long messages. */
int vsnprintf_from(char *buf, size_t size, size_t skip, const char *fmt,
		   va_list ap) __printf(4, 0);

#endif

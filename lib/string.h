/*
 * lib/string.h - memory and string helpers for a kernel without a libc.
 *
 * The mem* and str* functions keep their standard C names and meanings on
 * purpose: GCC may emit calls to memcpy, memset, memmove and memcmp on its
 * own (for struct copies and large initialisers), even with -ffreestanding,
 * so the kernel must provide exactly those symbols.
 *
 * strlcpy(), strstarts() and the kstrto*() number parsers are the Linux
 * kernel's spellings; their exact semantics are documented in string.c.
 */
#ifndef TERN_LIB_STRING_H
#define TERN_LIB_STRING_H

#include "lib/compiler.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);
bool strstarts(const char *str, const char *prefix);

int kstrtoull(const char *s, unsigned int base, unsigned long long *out);
int kstrtoll(const char *s, unsigned int base, long long *out);

#endif

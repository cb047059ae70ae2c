/*
 * kernel/ksyms.h - function names for addresses, built into the image.
 *
 * The Makefile links the kernel twice: the first link's symbol table (from
 * `nm`) becomes tools/ksyms.sh's generated assembly, which the second link
 * places in .ksyms - after all the code, so no function moves.
 */
#ifndef TERN_KERNEL_KSYMS_H
#define TERN_KERNEL_KSYMS_H

#include "lib/compiler.h"

/* Name of the function containing addr, or NULL; *offset from its start,
 * *size its length (to the next symbol). */
const char *ksym_lookup(u64 addr, u64 *offset, u64 *size);

/* "name+0x1a/0x40", or "?" when addr is in no known function. */
void ksym_format(u64 addr, char *buf, size_t size);

/* Address of a function by name, 0 if none (for tests and the monitor). */
u64 ksym_address(const char *name);

#endif

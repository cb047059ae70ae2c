/*
 * kernel/ksyms.c - look up the symbol table tools/ksyms.sh generated.
 *
 * Layout (all in .ksyms, read-only):
 *   ksyms_count            number of symbols
 *   ksyms_addrs[count]     addresses, sorted ascending
 *   ksyms_names[count]     offsets into ksyms_strings
 *   ksyms_strings          the names, NUL-terminated
 * A binary search finds the last symbol at or below an address.
 */
#include "kernel/ksyms.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

extern const u64 ksyms_count;
extern const u64 ksyms_addrs[];
extern const u32 ksyms_names[];
extern const char ksyms_strings[];
extern const char _etext[];

const char *ksym_lookup(u64 addr, u64 *offset, u64 *size)
{
	u64 lo = 0, hi = ksyms_count;

	if (hi == 0 || addr < ksyms_addrs[0] || addr >= (u64)_etext)
		return NULL;
	while (hi - lo > 1) { /* invariant: addrs[lo] <= addr < addrs[hi] */
		u64 mid = lo + (hi - lo) / 2;
		if (ksyms_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	u64 end = lo + 1 < ksyms_count ? ksyms_addrs[lo + 1] : (u64)_etext;
	if (offset)
		*offset = addr - ksyms_addrs[lo];
	if (size)
		*size = end - ksyms_addrs[lo];
	return ksyms_strings + ksyms_names[lo];
}

void ksym_format(u64 addr, char *buf, size_t size)
{
	u64 off, len;
	const char *name = ksym_lookup(addr, &off, &len);
	if (name)
		snprintf(buf, size, "%s+%#llx/%#llx", name, off, len);
	else
		snprintf(buf, size, "?");
}

u64 ksym_address(const char *name)
{
	for (u64 i = 0; i < ksyms_count; i++)
		if (strcmp(ksyms_strings + ksyms_names[i], name) == 0)
			return ksyms_addrs[i];
	return 0;
}

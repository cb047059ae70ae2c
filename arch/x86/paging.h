/* arch/x86/paging.h - x86 page-table services beyond the HAL's. */
#ifndef TERN_ARCH_X86_PAGING_H
#define TERN_ARCH_X86_PAGING_H

#include "lib/compiler.h"

/* Map device registers uncached; returns the virtual address of `phys`. */
void *ioremap(u64 phys, size_t size);
/* The kernel's PML4 (physical), for CR3. */
u64 paging_kernel_root(void);
/* Page tables an AP can turn paging on with (see paging.c). */
u64 paging_trampoline_root(u64 trampoline_phys);
bool paging_nx_enabled(void);
/* Mappings through which a write reaches physical [lo, hi) (a ktest). */
unsigned long paging_count_writable(u64 lo, u64 hi, u64 *first);

#endif

/*
 * arch/x86/paging.c - the kernel's final page tables.
 *
 * boot/entry.asm mapped the first 4 GiB with 2 MiB pages, writable and
 * executable everywhere, three times over.  That was enough to get to C;
 * now we build tables that say what each part of memory is for:
 *
 *   KERNEL_VMA + image    4 KiB pages: .text read+execute, .rodata (and the
 *                         symbol table) read-only, .data/.bss read+write;
 *                         only .text is executable.  The page under the
 *                         boot stack is left out (the guard page).
 *   DIRECT_MAP_BASE + pa  every physical address up to max(RAM, 4 GiB) with
 *                         2 MiB pages, read+write, never executable.
 *   everything else       not mapped - in particular virtual address 0, so
 *                         a NULL pointer faults.
 *
 * No-execute needs EFER.NXE, which CPUID 0x80000001 EDX bit 20 offers.  On a
 * CPU without it the NX bit would be a reserved bit (a fault on every
 * access), so we leave it out of the entries there.
 */
#include "arch/x86/io.h"
#include "kernel/hal.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/printk.h"

#define PTE_PRESENT (1UL << 0)
#define PTE_WRITE   (1UL << 1)
#define PTE_HUGE    (1UL << 7)
#define PTE_GLOBAL  (1UL << 8)
#define PTE_NX	    (1UL << 63)
#define PTE_ADDR    0x000ffffffffff000UL

extern char _text[], _etext[], _rodata[], _erodata[], _data[], _end[];
extern char boot_stack_guard[];

static u64 *kernel_pml4;
static u64 nx_bit;

static u64 *table_at(u64 entry)
{
	return hal_phys_to_virt(entry & PTE_ADDR);
}

/* The table one level down from entry `idx` of `table`, made if missing. */
static u64 *next_level(u64 *table, unsigned idx)
{
	if (!(table[idx] & PTE_PRESENT)) {
		u64 *t = alloc_pages_zeroed(1);
		if (!t)
			panic("paging: out of memory for page tables");
		table[idx] = hal_virt_to_phys(t) | PTE_PRESENT | PTE_WRITE;
	}
	return table_at(table[idx]);
}

static unsigned idx(u64 va, int level) /* level 4 = PML4 ... 1 = PT */
{
	return (va >> (12 + 9 * (level - 1))) & 511;
}

static void map_4k(u64 va, u64 pa, u64 flags)
{
	u64 *pdpt = next_level(kernel_pml4, idx(va, 4));
	u64 *pd = next_level(pdpt, idx(va, 3));
	u64 *pt = next_level(pd, idx(va, 2));
	pt[idx(va, 1)] = pa | flags | PTE_PRESENT;
}

static void map_2m(u64 va, u64 pa, u64 flags)
{
	u64 *pdpt = next_level(kernel_pml4, idx(va, 4));
	u64 *pd = next_level(pdpt, idx(va, 3));
	pd[idx(va, 2)] = pa | flags | PTE_PRESENT | PTE_HUGE;
}

static void map_image_range(char *start, char *end, u64 flags)
{
	for (u64 va = (u64)start; va < (u64)end; va += PAGE_SIZE) {
		if (va == (u64)boot_stack_guard)
			continue;
		map_4k(va, va - KERNEL_VMA, flags | PTE_GLOBAL);
	}
}

static bool cpu_has_nx(void)
{
	u32 a, b, c, d;
	cpuid(0x80000000, 0, &a, &b, &c, &d);
	if (a < 0x80000001)
		return false;
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	return d & (1u << 20);
}

void hal_mm_init(void)
{
	struct page_stats st;

	if (cpu_has_nx()) {
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
		nx_bit = PTE_NX;
	} else {
		pr_warn("paging: this CPU has no NX bit; data pages stay "
			"executable\n");
	}

	kernel_pml4 = alloc_pages_zeroed(1);
	if (!kernel_pml4)
		panic("paging: out of memory for the PML4");

	map_image_range(_text, _etext, 0);
	map_image_range(_rodata, _erodata, nx_bit);
	map_image_range(_data, _end, PTE_WRITE | nx_bit);

	page_get_stats(&st);
	u64 top = ALIGN_UP(MAX(st.max_phys, 1UL << 32), 1UL << 21);
	for (u64 pa = 0; pa < top; pa += 1UL << 21)
		map_2m(DIRECT_MAP_BASE + pa, pa,
		       PTE_WRITE | PTE_GLOBAL | nx_bit);

	write_cr3(hal_virt_to_phys(kernel_pml4));
	/* CR4.PGE: global entries survive CR3 reloads (future address spaces)
	 */
	u64 cr4;
	__asm__ __volatile__("mov %%cr4, %0" : "=r"(cr4));
	__asm__ __volatile__("mov %0, %%cr4" ::"r"(cr4 | (1UL << 7))
			     : "memory");

	pr_info("paging: kernel text r-x, rodata r--, data rw-%s; direct map "
		"of %llu MiB; page 0 unmapped\n",
		nx_bit ? " (NX)" : " (no NX)", top >> 20);
}

/* The physical address of the kernel's PML4, for APs and gdb. */
u64 paging_kernel_root(void)
{
	return hal_virt_to_phys(kernel_pml4);
}

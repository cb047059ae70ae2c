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
#include "kernel/spinlock.h"

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

	/* Make every upper-half PML4 entry now: page tables copied from this
	 * one later (the AP start-up tables) then share all kernel mappings,
	 * present and future, because they share the tables below. */
	for (int i = 256; i < 512; i++)
		next_level(kernel_pml4, i);

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

/* ------------------------------------------------------------------------
 * Two regions of 4 KiB mappings beside the direct map:
 *
 *   STACK_AREA  kernel stacks, each slot an unmapped guard page followed by
 *               the stack's pages.  The direct map cannot provide guards: it
 *               maps RAM with 2 MiB pages, all present.
 *   MMIO_AREA   device registers (local APIC, IOAPIC), mapped uncached: a
 *               cached read of a device register could return a stale value,
 *               and writes could be merged or delayed.
 *
 * Both only grow; nothing is unmapped yet.
 */
#define STACK_AREA 0xffffc00000000000UL
#define MMIO_AREA  0xffffc80000000000UL
#define PTE_PWT	   (1UL << 3)
#define PTE_PCD	   (1UL << 4)

static DEFINE_SPINLOCK(vmap_lock);
static u64 stack_next = STACK_AREA; /* protected by vmap_lock */
static u64 mmio_next = MMIO_AREA;   /* protected by vmap_lock */

void *hal_stack_alloc(size_t bytes)
{
	size_t pages = DIV_ROUND_UP(bytes, PAGE_SIZE);
	irqflags_t flags = spin_lock_irqsave(&vmap_lock);
	u64 base = stack_next + PAGE_SIZE; /* the guard stays unmapped */
	stack_next = base + pages * PAGE_SIZE;
	for (size_t i = 0; i < pages; i++) {
		void *page = alloc_pages_zeroed(1);
		if (!page) {
			spin_unlock_irqrestore(&vmap_lock, flags);
			return NULL;
		}
		map_4k(base + i * PAGE_SIZE, hal_virt_to_phys(page),
		       PTE_WRITE | PTE_GLOBAL | nx_bit);
	}
	spin_unlock_irqrestore(&vmap_lock, flags);
	return (void *)(base + pages * PAGE_SIZE);
}

void *ioremap(u64 phys, size_t size)
{
	u64 first = ALIGN_DOWN(phys, PAGE_SIZE);
	size_t pages = DIV_ROUND_UP(phys + size - first, PAGE_SIZE);
	irqflags_t flags = spin_lock_irqsave(&vmap_lock);
	u64 va = mmio_next;
	mmio_next += pages * PAGE_SIZE;
	for (size_t i = 0; i < pages; i++)
		map_4k(va + i * PAGE_SIZE, first + i * PAGE_SIZE,
		       PTE_WRITE | PTE_PCD | PTE_PWT | PTE_GLOBAL | nx_bit);
	spin_unlock_irqrestore(&vmap_lock, flags);
	return (void *)(va + (phys - first));
}

/*
 * Page tables for an AP's first steps (trampoline.asm): the kernel's upper
 * half, shared, plus the trampoline page itself at its physical address,
 * because the AP is executing there at the moment it turns paging on.  The
 * PML4 must lie below 4 GiB: a CPU in 32-bit mode loads a 32-bit CR3.
 */
u64 paging_trampoline_root(u64 trampoline_phys)
{
	u64 *pml4 = alloc_pages_zeroed(1);
	if (!pml4 || hal_virt_to_phys(pml4) >= (1ULL << 32))
		panic("paging: no page below 4 GiB for the AP start-up tables");
	for (int i = 256; i < 512; i++)
		pml4[i] = kernel_pml4[i];
	u64 *pdpt = next_level(pml4, idx(trampoline_phys, 4));
	u64 *pd = next_level(pdpt, idx(trampoline_phys, 3));
	u64 *pt = next_level(pd, idx(trampoline_phys, 2));
	pt[idx(trampoline_phys, 1)] = trampoline_phys | PTE_PRESENT;
	return hal_virt_to_phys(pml4);
}

bool paging_nx_enabled(void)
{
	return nx_bit != 0;
}

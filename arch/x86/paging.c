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
 *                         2 MiB pages, read+write, never executable - but
 *                         the image's .text and .rodata read-only here too
 *                         (4 KiB pages around them), so that no address
 *                         lets the kernel's code be written.
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
#include "kernel/percpu.h"
#include "kernel/preempt.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "kernel/spinlock.h"
#include "lib/bitmap.h"

/* PTE_PRESENT, PTE_WRITE, ..., PTE_ADDR: cr_bits.h, shared with
 * entry.asm. */

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
			panic("paging: out of memory for page tables; give "
			      "the machine more memory (qemu: -m 8M or more)");
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

/*
 * The direct map's 2 MiB at `pa`.  Where that holds the kernel's code or
 * constants it is mapped in 4 KiB pages, and those pages read-only: the
 * image's permissions would mean little if the same bytes could be
 * written through this second address.  (Never executable, either way.)
 */
static void map_direct_2m(u64 pa)
{
	u64 ro_lo = hal_virt_to_phys(_text), ro_hi = hal_virt_to_phys(_erodata);
	u64 flags = PTE_WRITE | PTE_GLOBAL | nx_bit;

	if (pa >= ro_hi || ro_lo >= pa + (1UL << 21)) {
		map_2m(DIRECT_MAP_BASE + pa, pa, flags);
		return;
	}
	for (u64 p = pa; p < pa + (1UL << 21); p += PAGE_SIZE) {
		bool ro = p >= ALIGN_DOWN(ro_lo, PAGE_SIZE) && p < ro_hi;
		map_4k(DIRECT_MAP_BASE + p, p, ro ? flags & ~PTE_WRITE : flags);
	}
}

static bool cpu_has_nx(void)
{
	u32 a, b, c, d;
	return cpuid_leaf(0x80000001, &a, &b, &c, &d) && (d & CPUIDX1_EDX_NX);
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
		map_direct_2m(pa);

	write_cr3(hal_virt_to_phys(kernel_pml4));
	/* CR4.PGE: global entries survive CR3 reloads (future address spaces)
	 */
	write_cr4(read_cr4() | CR4_PGE);

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
 *   STACK_AREA  kernel stacks, in slots (below).  The direct map cannot
 *               provide guard pages: it maps RAM with 2 MiB pages, all
 *               present.
 *   MMIO_AREA   device registers (local APIC, IOAPIC), mapped uncached: a
 *               cached read of a device register could return a stale value,
 *               and writes could be merged or delayed.  It only grows.
 */
#define STACK_AREA 0xffffc00000000000UL
#define MMIO_AREA  0xffffc80000000000UL

static DEFINE_SPINLOCK(vmap_lock);
static u64 mmio_next = MMIO_AREA; /* protected by vmap_lock */

/*
 * Kernel stacks.  STACK_AREA is cut into slots of STACK_SLOT_PAGES pages;
 * a stack fills the top of its slot, and the rest of the slot stays
 * unmapped, so at least one guard page lies between it and the stack of
 * the slot below: an overflow faults at once.
 *
 * A freed stack's pages go back to the page allocator at once; its slot
 * cannot be handed out again so soon.  Other CPUs may still hold its old
 * translations in their TLBs (kernel mappings are global: only an explicit
 * flush removes them), and a CPU with such a stale entry would write the
 * next thread's stack into a page that now belongs to someone else.  So a
 * freed slot is *stale* until every CPU has flushed its TLB after the
 * freeing.  One flush (an IPI to each CPU) covers every slot freed before
 * it began, and one is made only once STACK_STALE_BATCH slots wait, by
 * hal_stack_alloc(): thread creation pays a fraction of an IPI round, and
 * freeing, which runs in the scheduler's finish_task_switch(), never waits
 * for another CPU.  Linux's lazy vunmap() does the same.  Meanwhile only
 * code that touches a dead thread's stack (a bug) could use a stale entry,
 * and the CPU that freed the stack - normally the one the thread died on -
 * has dropped its own (invlpg), so there such a bug still faults.
 *
 * Each slot has a bit in three bitmaps, all under vmap_lock:
 *   slot_busy      in use, or freed and not yet flushed from every TLB
 *   slot_stale     freed since the last flush began
 *   slot_flushing  freed before the flush that is running now
 * The lowest free slot is taken, so the part of the area in use - and the
 * page tables that map it - stays as large as the most stacks ever alive
 * at once, plus a batch or two of stale ones.
 */
#define STACK_SLOT_PAGES  8	/* 32 KiB: stacks of up to 28 KiB */
#define STACK_SLOTS	  65536 /* 2 GiB of the area, 1 GiB of 16 KiB stacks */
#define STACK_STALE_BATCH 256

static DECLARE_BITMAP(slot_busy, STACK_SLOTS);
static DECLARE_BITMAP(slot_stale, STACK_SLOTS);
static DECLARE_BITMAP(slot_flushing, STACK_SLOTS);
static struct hal_stack_stats stack_stats; /* protected by vmap_lock */
static bool flush_running;		   /* protected by vmap_lock */

static u64 slot_top(unsigned long slot)
{
	return STACK_AREA + (slot + 1) * STACK_SLOT_PAGES * PAGE_SIZE;
}

/* The entry that maps va, or NULL when a table on the way is missing and
 * `create` is false or no page is left for it.  vmap_lock held. */
static u64 *stack_pte(u64 va, bool create)
{
	u64 *table = kernel_pml4;
	for (int level = 4; level > 1; level--) {
		u64 *e = &table[idx(va, level)];
		if (!(*e & PTE_PRESENT)) {
			u64 *t = create ? alloc_pages_zeroed(1) : NULL;
			if (!t)
				return NULL;
			*e = hal_virt_to_phys(t) | PTE_PRESENT | PTE_WRITE;
		}
		table = table_at(*e);
	}
	return &table[idx(va, 1)];
}

static void invlpg(u64 va)
{
	__asm__ __volatile__("invlpg (%0)" ::"r"(va) : "memory");
}

/* Unmap the `pages` pages below `top`, dropping this CPU's translations,
 * and give them back (a page never mapped is skipped).  vmap_lock held. */
static void stack_unmap(u64 top, size_t pages)
{
	for (size_t i = 1; i <= pages; i++) {
		u64 va = top - i * PAGE_SIZE;
		u64 *pte = stack_pte(va, false);
		if (!pte || !(*pte & PTE_PRESENT))
			continue;
		void *page = hal_phys_to_virt(*pte & PTE_ADDR);
		*pte = 0;
		invlpg(va);
		free_page(page);
	}
}

/* Every CPU runs this (interrupts off): drop every translation, global
 * ones too - clearing CR4.PGE flushes them all. */
static void flush_tlb_local(void *unused)
{
	(void)unused;
	u64 cr4 = read_cr4();
	write_cr4(cr4 & ~(u64)CR4_PGE);
	write_cr4(cr4);
}

/* Can this caller wait for the other CPUs?  Only with interrupts on (two
 * CPUs waiting for each other with interrupts off would never see each
 * other's IPI) and outside an interrupt handler. */
static bool may_flush(void)
{
	return hal_irqs_enabled() && !in_interrupt();
}

/* Flush every CPU's TLB and free the slots that were stale when it began.
 * One flush at a time; a caller that finds one running goes on without. */
static void stack_flush_stale(void)
{
	irqflags_t flags = spin_lock_irqsave(&vmap_lock);
	if (flush_running || !stack_stats.stale) {
		spin_unlock_irqrestore(&vmap_lock, flags);
		return;
	}
	flush_running = true;
	bitmap_copy(slot_flushing, slot_stale, STACK_SLOTS);
	bitmap_zero(slot_stale, STACK_SLOTS);
	unsigned long n = stack_stats.stale;
	stack_stats.stale = 0;
	spin_unlock_irqrestore(&vmap_lock, flags);

	preempt_disable(); /* each CPU exactly once: no migration halfway */
	on_each_cpu(flush_tlb_local, NULL);
	preempt_enable();

	flags = spin_lock_irqsave(&vmap_lock);
	bitmap_andnot(slot_busy, slot_busy, slot_flushing, STACK_SLOTS);
	bitmap_zero(slot_flushing, STACK_SLOTS);
	stack_stats.in_use -= n;
	stack_stats.flushes++;
	flush_running = false;
	spin_unlock_irqrestore(&vmap_lock, flags);
}

/* The lowest free slot, now busy; -1 when every one is taken. */
static long stack_slot_take(void)
{
	irqflags_t flags = spin_lock_irqsave(&vmap_lock);
	unsigned long slot = find_first_zero_bit(slot_busy, STACK_SLOTS);
	if (slot < STACK_SLOTS) {
		__set_bit(slot, slot_busy);
		stack_stats.in_use++;
		stack_stats.high_water = MAX(stack_stats.high_water, slot + 1);
	}
	spin_unlock_irqrestore(&vmap_lock, flags);
	return slot < STACK_SLOTS ? (long)slot : -1;
}

/* Give back a slot whose pages are unmapped: stale until the next flush.
 * vmap_lock held. */
static void stack_slot_put(unsigned long slot)
{
	BUG_ON(!test_bit(slot, slot_busy) || test_bit(slot, slot_stale) ||
	       test_bit(slot, slot_flushing)); /* a double free */
	__set_bit(slot, slot_stale);
	stack_stats.stale++;
}

/*
 * Any context: from interrupt handlers and with interrupts off it only
 * skips the flush.  NULL when the stack is larger than a slot allows, or
 * no slot, page or page table is left.
 */
void *hal_stack_alloc(size_t bytes)
{
	size_t pages = DIV_ROUND_UP(bytes, PAGE_SIZE);
	if (!pages || pages >= STACK_SLOT_PAGES)
		return NULL;
	if (READ_ONCE(stack_stats.stale) >= STACK_STALE_BATCH && may_flush())
		stack_flush_stale();
	long slot = stack_slot_take();
	if (slot < 0 && may_flush()) { /* the stale ones may be all there is */
		stack_flush_stale();
		slot = stack_slot_take();
	}
	if (slot < 0)
		return NULL;

	u64 top = slot_top((unsigned long)slot);
	irqflags_t flags = spin_lock_irqsave(&vmap_lock);
	for (size_t i = 1; i <= pages; i++) {
		u64 *pte = stack_pte(top - i * PAGE_SIZE, true);
		void *page = pte ? alloc_pages_zeroed(1) : NULL;
		if (!page) {
			stack_unmap(top, i - 1);
			stack_slot_put((unsigned long)slot);
			spin_unlock_irqrestore(&vmap_lock, flags);
			return NULL;
		}
		*pte = hal_virt_to_phys(page) | PTE_WRITE | PTE_GLOBAL |
		       nx_bit | PTE_PRESENT;
	}
	spin_unlock_irqrestore(&vmap_lock, flags);
	return (void *)top;
}

/*
 * Any context but a thread running on this very stack.  The scheduler
 * calls it once the stack's thread has switched away for the last time
 * (finish_task_switch()); it never waits for another CPU.
 */
void hal_stack_free(void *stack_top, size_t bytes)
{
	u64 top = (u64)stack_top;
	size_t pages = DIV_ROUND_UP(bytes, PAGE_SIZE);
	unsigned long slot =
	    (top - STACK_AREA) / (STACK_SLOT_PAGES * PAGE_SIZE) - 1;
	BUG_ON(top <= STACK_AREA || slot >= STACK_SLOTS ||
	       slot_top(slot) != top || !pages || pages >= STACK_SLOT_PAGES);
	irqflags_t flags = spin_lock_irqsave(&vmap_lock);
	stack_slot_put(slot);
	stack_unmap(top, pages);
	spin_unlock_irqrestore(&vmap_lock, flags);
}

void hal_stack_get_stats(struct hal_stack_stats *st)
{
	irqflags_t flags = spin_lock_irqsave(&vmap_lock);
	*st = stack_stats;
	spin_unlock_irqrestore(&vmap_lock, flags);
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

/* The virtual address a table walk has reached: the index bits of each
 * level, sign-extended from bit 47 (the upper half starts at PML4 256). */
static u64 walk_va(u64 va, unsigned i, int level)
{
	va |= (u64)i << (12 + 9 * (level - 1));
	return level == 4 && i >= 256 ? va | 0xffff000000000000UL : va;
}

/* Count (below `table`, at `level`) the leaf entries that let a write
 * reach a byte of [lo, hi); the first one's address goes to *first. */
static unsigned long walk_writable(const u64 *table, int level, u64 va, u64 lo,
				   u64 hi, u64 *first)
{
	unsigned long n = 0;
	for (unsigned i = 0; i < 512; i++) {
		u64 e = table[i];
		if (!(e & PTE_PRESENT) || !(e & PTE_WRITE))
			continue; /* nothing below can be written through it */
		u64 at = walk_va(va, i, level);
		if (level > 1 && !(e & PTE_HUGE)) {
			n += walk_writable(table_at(e), level - 1, at, lo, hi,
					   first);
			continue;
		}
		u64 size = 1UL << (12 + 9 * (level - 1));
		u64 pa = e & PTE_ADDR & ~(size - 1);
		if (pa >= hi || lo >= pa + size)
			continue;
		if (n++ == 0 && *first == 0)
			*first = at + (lo > pa ? lo - pa : 0);
	}
	return n;
}

/* How many mappings in the kernel's page tables let a write reach the
 * physical range [lo, hi)?  *first gets one such virtual address.  For
 * the ktest that keeps the kernel's code and constants read-only through
 * every alias; vmap_lock keeps stacks and MMIO mappings still meanwhile. */
unsigned long paging_count_writable(u64 lo, u64 hi, u64 *first)
{
	*first = 0;
	irqflags_t flags = spin_lock_irqsave(&vmap_lock);
	unsigned long n = walk_writable(kernel_pml4, 4, 0, lo, hi, first);
	spin_unlock_irqrestore(&vmap_lock, flags);
	return n;
}

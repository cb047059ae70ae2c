/*
 * arch/x86/smep_smap_ktest.c - SMEP and SMAP stop the kernel at a user
 * page (cr_bits.c turns them on; docs/protection.md).
 *
 * Tern has no user mode, so it has no user pages either: these tests make
 * one.  A page is a user page when every level of the walk that reaches it
 * has U/S = 1, so user_page_map() builds a whole branch of its own - a
 * PDPT, a page directory, a page table and the page, all U/S = 1 - and
 * hangs it from an empty slot of the lower half of the kernel's PML4
 * (slot 1: 512 GiB; paging.c maps nothing below the upper half).  Nothing
 * else ever points into that branch, so taking the slot back, with a TLB
 * flush on every CPU, and freeing the four pages leaves no trace.
 *
 * In ktest=all (they SKIP on a CPU without the feature, e.g. QEMU's
 * default qemu64; tools/test.sh runs them with -cpu max):
 *   smep_blocks_user_code   a call into a user page with `ret` in it
 *                           faults: #PF, error code 0x11 (protection
 *                           violation, instruction fetch), CR2 = the page
 *   smap_blocks_user_data   reading a user page faults (error code 0x1);
 *                           with STAC first, the same read succeeds
 * By name only, each in a boot of its own, to show the oops:
 *   ktest=smep_trips        the call, with nobody to catch the fault:
 *     CR2 0000008000000000 (the address touched: protection violation,
 *     read, instruction fetch)
 *   ktest=smap_trips        the read:
 *     CR2 0000008000000000 (the address touched: protection violation,
 *     read)
 */
#include "arch/x86/cpu.h"
#include "arch/x86/cr_bits.h"
#include "arch/x86/io.h"
#include "arch/x86/paging.h"
#include "arch/x86/trap.h"
#include "kernel/hal.h"
#include "kernel/ktest.h"
#include "kernel/page_alloc.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "lib/errno.h"

/* PTE_PRESENT, PTE_USER, ...: cr_bits.h */

#define USER_SLOT 1 /* PML4 slot of the test page */
#define USER_VA	  ((u64)USER_SLOT << 39)

struct user_page {
	u64 *tables[3]; /* PDPT, PD, PT */
	u8 *page;	/* the page, through the direct map */
};

static void flush_tlb_this_cpu(void *unused)
{
	(void)unused;
	write_cr3(read_cr3());
}

static u64 *kernel_pml4(void)
{
	return hal_phys_to_virt(read_cr3() & PTE_ADDR);
}

static void user_page_unmap(struct user_page *up)
{
	u64 *pml4 = kernel_pml4();

	WRITE_ONCE(pml4[USER_SLOT], 0);
	on_each_cpu(flush_tlb_this_cpu, NULL);
	for (int i = 0; i < 3; i++)
		if (up->tables[i])
			free_page(up->tables[i]);
	if (up->page)
		free_page(up->page);
}

/* Map one zeroed page at USER_VA as a user page, executable or not.
 * False (nothing mapped) when out of memory or the slot is taken. */
static bool user_page_map(struct user_page *up, bool exec)
{
	u64 *pml4 = kernel_pml4();
	u64 table_flags = PTE_PRESENT | PTE_WRITE | PTE_USER;

	*up = (struct user_page){0};
	if (pml4[USER_SLOT] & PTE_PRESENT)
		return false;
	for (int i = 0; i < 3; i++)
		up->tables[i] = alloc_pages_zeroed(1);
	up->page = alloc_pages_zeroed(1);
	if (!up->tables[0] || !up->tables[1] || !up->tables[2] || !up->page) {
		user_page_unmap(up);
		return false;
	}
	/* USER_VA is the first byte of its slot: index 0 at every level
	 * below. */
	up->tables[0][0] = hal_virt_to_phys(up->tables[1]) | table_flags;
	up->tables[1][0] = hal_virt_to_phys(up->tables[2]) | table_flags;
	up->tables[2][0] = hal_virt_to_phys(up->page) | PTE_PRESENT |
			   PTE_WRITE | PTE_USER |
			   (exec || !paging_nx_enabled() ? 0 : PTE_NX);
	WRITE_ONCE(pml4[USER_SLOT],
		   hal_virt_to_phys(up->tables[0]) | table_flags);
	return true;
}

static inline void stac(void)
{
	__asm__ __volatile__("stac" ::: "memory", "cc");
}

static inline void clac(void)
{
	__asm__ __volatile__("clac" ::: "memory", "cc");
}

static volatile u64 pf_error, pf_addr;
static volatile int pf_count;

/* A fault in the call into the user page: note it and return to the
 * caller, as if the "function" there had returned. */
static void pf_return_to_caller(struct trap_frame *f)
{
	pf_error = f->error;
	pf_addr = read_cr2();
	pf_count++;
	f->rip = *(u64 *)f->rsp;
	f->rsp += 8;
}

KTEST(smep_blocks_user_code)
{
	struct user_page up;

	if (!(cr4_protect_bits() & CR4_SMEP)) {
		ktest_skip("this CPU has no SMEP (boot with -cpu max)");
		return;
	}
	KT_ASSERT(read_cr4() & CR4_SMEP);
	KT_ASSERT(user_page_map(&up, true));
	up.page[0] = 0xc3; /* ret */
	pf_count = 0;
	pf_error = pf_addr = 0;
	trap_handler_t old =
	    trap_set_handler(VEC_PAGE_FAULT, pf_return_to_caller);
	((void (*)(void))USER_VA)();
	trap_set_handler(VEC_PAGE_FAULT, old);
	user_page_unmap(&up);
	KT_EXPECT_EQ(pf_count, 1);
	KT_EXPECT_EQ(pf_addr, USER_VA);
	/* protection violation (1), instruction fetch (0x10), supervisor */
	KT_EXPECT_EQ(pf_error, 0x11);
}

KTEST(smap_blocks_user_data)
{
	struct user_page up;
	u8 v = 0;
	int without, with;

	if (!(cr4_protect_bits() & CR4_SMAP)) {
		ktest_skip("this CPU has no SMAP (boot with -cpu max)");
		return;
	}
	KT_ASSERT(read_cr4() & CR4_SMAP);
	KT_ASSERT(user_page_map(&up, false));
	up.page[0] = 0x5a;
	/* hal_probe_read() turns a fault into -EFAULT (the exception
	 * table) */
	without = hal_probe_read((void *)USER_VA, &v);
	irqflags_t flags = hal_irq_save(); /* AC for as short as can be */
	stac();
	with = hal_probe_read((void *)USER_VA, &v);
	clac();
	hal_irq_restore(flags);
	user_page_unmap(&up);
	KT_EXPECT_EQ(without, -EFAULT);
	KT_EXPECT_EQ(with, 0);
	KT_EXPECT_EQ(v, 0x5a);
}

/* Not in ktest=all: the oops SMEP gives, with nothing to catch it. */
KTEST_MANUAL(smep_trips)
{
	struct user_page up;

	if (!(cr4_protect_bits() & CR4_SMEP))
		KT_FAIL("this CPU has no SMEP: nothing to trip (boot with "
			"-cpu max)");
	KT_ASSERT(user_page_map(&up, true));
	up.page[0] = 0xc3; /* ret */
	printk("ktest: calling the user page at %#llx\n", USER_VA);
	((void (*)(void))USER_VA)();
	user_page_unmap(&up);
	KT_FAIL("the kernel ran code in a user page: SMEP is off");
}

/* Not in ktest=all: the oops SMAP gives. */
KTEST_MANUAL(smap_trips)
{
	struct user_page up;

	if (!(cr4_protect_bits() & CR4_SMAP))
		KT_FAIL("this CPU has no SMAP: nothing to trip (boot with "
			"-cpu max)");
	KT_ASSERT(user_page_map(&up, false));
	up.page[0] = 0x5a;
	printk("ktest: reading the user page at %#llx\n", USER_VA);
	u8 v = READ_ONCE(*(u8 *)USER_VA);
	user_page_unmap(&up);
	KT_FAIL("the kernel read a user page (%#x) without STAC: SMAP is "
		"off",
		v);
}

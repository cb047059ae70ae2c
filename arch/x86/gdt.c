/*
 * arch/x86/gdt.c - global descriptor table and TSS.
 *
 * In 64-bit mode segmentation is nearly gone: code and data descriptors
 * matter only for their privilege level and the L bit.  What still matters
 * is the TSS, which holds the interrupt stack table (IST): known-good stacks
 * for the double fault and NMI.  Each CPU needs its own TSS (a TSS is marked
 * busy when loaded), so each CPU gets its own small GDT as well.
 */
#include "arch/x86/gdt.h"
#include "lib/cpumask.h"

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

struct cpu_gdt {
	u64 entries[5]; /* null, code, data, TSS (16 bytes) */
	struct tss tss;
} __aligned(16);

static struct cpu_gdt cpu_gdt[NR_CPUS];

static u64 tss_low(u64 base, u32 limit)
{
	return (limit & 0xffff) | ((base & 0xffffff) << 16) |
	       (0x89UL << 40) /* present, 64-bit TSS (available) */ |
	       ((u64)(limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
}

void gdt_init_cpu(unsigned cpu, u64 ist_df_top, u64 ist_nmi_top)
{
	struct cpu_gdt *g = &cpu_gdt[cpu];
	u64 tss = (u64)&g->tss;

	g->tss.ist[IST_DOUBLE_FAULT - 1] = ist_df_top;
	g->tss.ist[IST_NMI - 1] = ist_nmi_top;
	g->tss.iomap_base = sizeof(struct tss); /* no I/O bitmap */

	g->entries[0] = 0;
	g->entries[1] = 0x00af9a000000ffffUL; /* code: present, ring 0, L */
	g->entries[2] =
	    0x00cf92000000ffffUL; /* data: present, ring 0, writable */
	g->entries[3] = tss_low(tss, sizeof(struct tss) - 1);
	g->entries[4] = tss >> 32;

	struct {
		u16 limit;
		u64 base;
	} __packed gdtr = {sizeof(g->entries) - 1, (u64)g->entries};

	/* Load the table, then reload every segment register from it: CS by a
	 * far return, the data segments by plain moves. */
	__asm__ __volatile__("lgdt %0\n\t"
			     "pushq %1\n\t"
			     "leaq 1f(%%rip), %%rax\n\t"
			     "pushq %%rax\n\t"
			     "lretq\n"
			     "1:\n\t"
			     "movl %2, %%eax\n\t"
			     "movl %%eax, %%ds\n\t"
			     "movl %%eax, %%es\n\t"
			     "movl %%eax, %%ss\n\t"
			     "xorl %%eax, %%eax\n\t"
			     "movl %%eax, %%fs\n\t"
			     "movl %%eax, %%gs\n\t"
			     "ltr %w3"
			     :
			     : "m"(gdtr), "i"(GDT_KERNEL_CODE),
			       "i"(GDT_KERNEL_DATA), "r"((u16)GDT_TSS)
			     : "rax", "memory");
}

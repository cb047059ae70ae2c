/*
 * arch/x86/idt.c - the interrupt descriptor table.
 *
 * 256 gates, one per vector, each an interrupt gate (interrupts off on
 * entry) to a stub in vectors.S.  The double fault gets its own stack
 * (IST1 in the TSS): a kernel stack overflow faults on the guard page, the
 * CPU cannot push the page fault's frame on the same dead stack, and raises
 * #DF - which must then run on a stack known to be good.
 */
#include "arch/x86/gdt.h"
#include "arch/x86/trap.h"

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr; /* present, DPL 0, 64-bit interrupt gate = 0x8e */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

static struct idt_gate idt[256] __aligned(16);
extern const u64 isr_stub_table[256];

static void set_gate(unsigned vec, u64 handler, u8 ist)
{
	idt[vec] = (struct idt_gate){
	    .offset_low = (u16)handler,
	    .selector = GDT_KERNEL_CODE,
	    .ist = ist,
	    .type_attr = 0x8e,
	    .offset_mid = (u16)(handler >> 16),
	    .offset_high = (u32)(handler >> 32),
	};
}

void idt_init(void)
{
	for (unsigned v = 0; v < 256; v++)
		set_gate(v, isr_stub_table[v], 0);
	set_gate(VEC_DOUBLE_FAULT, isr_stub_table[VEC_DOUBLE_FAULT],
		 IST_DOUBLE_FAULT);
	set_gate(VEC_NMI, isr_stub_table[VEC_NMI], IST_NMI);
}

/* Each CPU loads the one shared table. */
void idt_load(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed idtr = {sizeof(idt) - 1, (u64)idt};
	__asm__ __volatile__("lidt %0" ::"m"(idtr));
}

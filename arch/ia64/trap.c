/*
 * arch/ia64/trap.c - interruptions the kernel does not expect.
 *
 * ivt.S sends every vector here for now: print which one, where (ip and
 * slot: cr.iip and cr.ipsr.ri), and what the CPU collected about it
 * (cr.isr, cr.ifa), then panic.  The names are the SDM's (vol. 2,
 * "Interruption Vector Descriptions").
 */
#include "arch/ia64/asm.h"
#include "kernel/panic.h"
#include "kernel/printk.h"

struct vector_name {
	u32 offset;
	const char *name;
};

static const struct vector_name vectors[] = {
    {0x0000, "VHPT Translation"},
    {0x0400, "Instruction TLB"},
    {0x0800, "Data TLB"},
    {0x0c00, "Alternate Instruction TLB"},
    {0x1000, "Alternate Data TLB"},
    {0x1400, "Data Nested TLB"},
    {0x1800, "Instruction Key Miss"},
    {0x1c00, "Data Key Miss"},
    {0x2000, "Dirty-Bit"},
    {0x2400, "Instruction Access-Bit"},
    {0x2800, "Data Access-Bit"},
    {0x2c00, "Break Instruction"},
    {0x3000, "External Interrupt"},
    {0x5000, "Page Not Present"},
    {0x5100, "Key Permission"},
    {0x5200, "Instruction Access Rights"},
    {0x5300, "Data Access Rights"},
    {0x5400, "General Exception"},
    {0x5500, "Disabled FP-Register"},
    {0x5600, "NaT Consumption"},
    {0x5700, "Speculation"},
    {0x5900, "Debug"},
    {0x5a00, "Unaligned Reference"},
    {0x5b00, "Unsupported Data Reference"},
    {0x5c00, "Floating-point Fault"},
    {0x5d00, "Floating-point Trap"},
    {0x5e00, "Lower-Privilege Transfer Trap"},
    {0x5f00, "Taken Branch Trap"},
    {0x6000, "Single Step Trap"},
};

static const char *vector_name(u64 offset)
{
	for (size_t i = 0; i < ARRAY_SIZE(vectors); i++)
		if (vectors[i].offset == offset)
			return vectors[i].name;
	return "reserved";
}

/*
 * Every vector but the external interrupt comes here: ivt.S calls it with
 * what the interruption collected, on the panic stacks (ivt.S), with
 * interruption collection and interrupts off, register bank 0, the
 * interrupted frame covered and flushed to its backing store.  Locks: any
 * the interrupted code held stay held.  Never returns: panic() stops this
 * CPU and the others.  (No BUG_ON here: it panics whatever it is given.)
 */
__noreturn void ia64_unexpected(u64 vector, u64 isr, u64 iip, u64 ipsr, u64 ifa)
{
	pr_err("ia64: unexpected interruption: vector %#llx (%s) at ip %#llx "
	       "slot %llu, cr.isr %#llx, cr.ifa %#llx\n",
	       vector, vector_name(vector), iip,
	       (ipsr >> IA64_PSR_RI_SHIFT) & IA64_PSR_RI_MASK, isr, ifa);
	panic("unexpected interruption %#llx (%s)", vector,
	      vector_name(vector));
}

/*
 * arch/x86/ioapic_ktest.c - a device interrupt travels through the IOAPIC.
 */
#include "arch/x86/io.h"
#include "arch/x86/ioapic.h"
#include "arch/x86/lapic.h"
#include "arch/x86/trap.h"
#include "kernel/ktest.h"
#include "kernel/percpu.h"
#include "kernel/time.h"

static volatile u32 pit_irqs;

static void pit_irq(struct trap_frame *f)
{
	(void)f;
	pit_irqs++;
	lapic_eoi();
}

/*
 * Expected: with the PIT's channel 0 ticking at 1 kHz and ISA IRQ 0 routed
 * through the IOAPIC to this CPU, interrupts arrive on the chosen vector
 * (20 of them, within 2 s), and stop once it is masked.
 * On a PC, IRQ 0 is not GSI 0: the MADT's override sends it to GSI 2.
 */
KTEST(ioapic_routes_isa_irq0)
{
	const u8 vec = VEC_IRQ_BASE + 0;
	const u16 divisor = 1193182 / 1000;

	KT_ASSERT(ioapic_total_pins() >= 16);
	trap_handler_t old = trap_set_handler(vec, pit_irq);
	pit_irqs = 0;
	outb(0x43,
	     0x34); /* channel 0, lobyte/hibyte, mode 2 (rate generator) */
	outb(0x40, divisor & 0xff);
	outb(0x40, divisor >> 8);
	int gsi = ioapic_route_isa_irq(0, vec, cpu_data[cpu_id()].hw_id);
	/* Wait for 20, up to 2 s: under TCG on a busy host this CPU may get
	 * little of the host's time, and a count per 100 ms of wall time
	 * would measure the host, not the routing. */
	for (int ms = 0; ms < 2000 && pit_irqs < 20; ms++)
		mdelay(1);
	ioapic_mask_isa_irq(0);
	mdelay(5);
	u32 seen = pit_irqs;
	mdelay(20);
	u32 after_mask = pit_irqs;
	outb(0x43, 0x30); /* channel 0 back to one-shot, silent */
	trap_set_handler(vec, old);

	KT_ASSERT(gsi >= 0);
	if (seen < 20)
		KT_FAIL("only %u IRQ 0 interrupts in 2 s through GSI %d", seen,
			gsi);
	KT_EXPECT_EQ(after_mask, seen);
}

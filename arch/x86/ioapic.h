/* arch/x86/ioapic.h - routing device interrupts (ISA IRQs) to CPUs. */
#ifndef TERN_ARCH_X86_IOAPIC_H
#define TERN_ARCH_X86_IOAPIC_H

#include "lib/compiler.h"

/* Map every IOAPIC the firmware lists and mask all of its inputs. */
void ioapic_init(void);

/*
 * Deliver ISA IRQ `irq` as `vector` to the CPU with APIC ID `apic_id`,
 * following the firmware's overrides (IRQ 0 is usually wired to GSI 2) and
 * their polarity/trigger.  Returns the GSI used, or -1 if no IOAPIC has it.
 */
int ioapic_route_isa_irq(unsigned irq, u8 vector, u32 apic_id);
void ioapic_mask_isa_irq(unsigned irq);
/* Pins of all IOAPICs together (for tests and the monitor). */
unsigned ioapic_total_pins(void);

#endif

/*
 * arch/x86/lapic.h - the local APIC: each CPU's own interrupt controller.
 */
#ifndef TERN_ARCH_X86_LAPIC_H
#define TERN_ARCH_X86_LAPIC_H

#include "lib/compiler.h"

/* Interrupt vectors Tern assigns (0-31 are the CPU's exceptions). */
#define VEC_PIC_BASE	  0x20 /* the masked 8259s, should they fire anyway */
#define VEC_IRQ_BASE	  0x30 /* ISA IRQ n through the IOAPIC: 0x30 + n */
#define VEC_TIMER	  0xef /* this CPU's periodic timer */
#define VEC_RESCHEDULE	  0xf0 /* IPI_RESCHEDULE */
#define VEC_CALL_FUNCTION 0xf1 /* IPI_CALL_FUNCTION */
#define VEC_APIC_ERROR	  0xfe
#define VEC_SPURIOUS	  0xff /* low nibble 0xf: required by older APICs */

/* Boot CPU: choose x2APIC or xAPIC mode, map the registers. */
void lapic_init(void);
/* Every CPU: enable its APIC, spurious/error vectors, mask LINT0. */
void lapic_setup_cpu(void);
/* This CPU's APIC ID, from the APIC itself. */
u32 lapic_id(void);
void lapic_eoi(void);

/* Delivery modes for lapic_send_ipi (ICR bits 8-10). */
#define APIC_DM_FIXED	0x000
#define APIC_DM_NMI	0x400
#define APIC_DM_INIT	0x500
#define APIC_DM_STARTUP 0x600

/* Send an interrupt to the CPU with APIC ID `apic_id`. */
void lapic_send_ipi(u32 apic_id, u32 mode, u8 vector);

/* Timer: measure its rate against the TSC; start it periodic. */
void lapic_timer_calibrate(void);
void lapic_timer_start(unsigned hz);
void lapic_timer_stop(void);

#endif

/* arch/x86/serial.h - COM1 console: polled output, input by interrupt. */
#ifndef TERN_ARCH_X86_SERIAL_H
#define TERN_ARCH_X86_SERIAL_H

#include "lib/compiler.h"

void serial_init(void);
void serial_write(const char *s, size_t len);
/* A received byte, or -1 when none is waiting (polled). */
int serial_getc(void);
/* Wait (bounded) until every byte written has left the UART. */
void serial_flush(void);
/* From now on, received bytes interrupt CPU `cpu` (ISA IRQ 4 through the
 * IOAPIC) and go to console_input_interrupt().  Returns 0, or -1 (nothing
 * changed, a warning printed) if no IOAPIC has that IRQ. */
int serial_rx_irq_start(unsigned cpu);

#endif

/*
 * arch/x86/serial.c - COM1, a 16550 UART: the console tests read.
 *
 * Polled output: printk must work before interrupts, in a panic, and with
 * every lock broken, so it never waits for anything but the transmit
 * register.  Under QEMU the UART is infinitely fast; on real hardware
 * 115200 baud costs about 87 us a byte.
 *
 * Input arrives by interrupt once the monitor asks for it
 * (serial_rx_irq_start): the UART raises its line (ISA IRQ 4) when bytes
 * wait in its receive FIFO, the IOAPIC turns that into a vector on one CPU,
 * and serial_rx_interrupt() hands the bytes to console_input_interrupt()
 * (kernel/console_input.c), which wakes the shell.  serial_getc() still
 * polls, for code that runs with interrupts off.
 */
#include "arch/x86/serial.h"
#include "arch/x86/io.h"
#include "arch/x86/ioapic.h"
#include "arch/x86/lapic.h"
#include "arch/x86/trap.h"
#include "kernel/console_input.h"
#include "kernel/hal.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"

#define COM1	 0x3f8
#define COM1_IRQ 4 /* its ISA interrupt line, on every PC */

/* Register offsets from COM1. */
#define UART_DATA 0 /* read: received byte; write: byte to send */
#define UART_IER  1 /* interrupt enable */
#define UART_FCR  2 /* FIFO control (write only) */
#define UART_LCR  3 /* line control */
#define UART_MCR  4 /* modem control */
#define UART_LSR  5 /* line status */
/* With LCR_DLAB set, offsets 0 and 1 are the baud-rate divisor instead. */
#define UART_DLL 0 /* divisor, low byte */
#define UART_DLM 1 /* divisor, high byte */

#define IER_RX_DATA                                                            \
	0x01 /* interrupt when received data waits (or when                    \
	      * the FIFO has held a few bytes for a while) */

#define FCR_ENABLE   0x01 /* use the 16-byte FIFOs */
#define FCR_CLEAR_RX 0x02 /* empty the receive FIFO */
#define FCR_CLEAR_TX 0x04 /* empty the transmit FIFO */
#define FCR_TRIGGER_14                                                         \
	0xc0 /* receive interrupt at 14 bytes, or after                        \
	      * 4 characters' time of silence ("timeout") */

#define LCR_8N1	 0x03 /* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB 0x80 /* divisor latch access */

#define MCR_DTR 0x01 /* data terminal ready */
#define MCR_RTS 0x02 /* request to send */
#define MCR_OUT2                                                               \
	0x08 /* on a PC, connects the UART's interrupt output to               \
	      * the IRQ line: without it no interrupt ever leaves */

#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20 /* room for the next byte */
#define LSR_TX_IDLE    0x40 /* FIFO and shift register both empty */

void serial_init(void)
{
	outb(COM1 + UART_IER, 0); /* no interrupts until asked */
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, 1); /* divisor 1: 115200 baud */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR,
	     FCR_ENABLE | FCR_CLEAR_RX | FCR_CLEAR_TX | FCR_TRIGGER_14);
	outb(COM1 + UART_MCR, MCR_DTR | MCR_RTS);
}

static void serial_putc(char c)
{
	for (int spins = 0; spins < 100000; spins++)
		if (inb(COM1 + UART_LSR) & LSR_THR_EMPTY)
			break;
	outb(COM1 + UART_DATA, (u8)c);
}

void serial_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

/*
 * THR_EMPTY only says there is room for another byte; the last ones may
 * still be in the FIFO or the shift register.  A UART that takes its time
 * (Bochs emulates the baud rate, real ones have no choice) would lose them
 * if the machine is switched off now - typically the newline after
 * `ktest: P passed, 0 failed`.  So hal_poweroff() waits for TX_IDLE.
 */
void serial_flush(void)
{
	for (int spins = 0; spins < 100000; spins++)
		if (inb(COM1 + UART_LSR) & LSR_TX_IDLE)
			return;
}

int serial_getc(void)
{
	if (!(inb(COM1 + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(COM1 + UART_DATA);
}

/*
 * The receive interrupt.  The IOAPIC delivers ISA IRQs edge-triggered: it
 * interrupts when the line goes up, not while it stays up.  The UART keeps
 * the line up as long as a byte waits, so the handler must empty the FIFO
 * completely - a byte left behind would keep the line up, no new edge would
 * come, and input would stop for good.  Each batch of at most 64 bytes is
 * one call of console_input_interrupt(); the FIFO holds 16, so in practice
 * one interrupt is one call.
 */
static void serial_rx_interrupt(struct trap_frame *f)
{
	(void)f;
	u8 bytes[64];
	size_t n;
	do {
		n = 0;
		while (n < sizeof(bytes) &&
		       (inb(COM1 + UART_LSR) & LSR_DATA_READY))
			bytes[n++] = inb(COM1 + UART_DATA);
		if (n)
			console_input_interrupt(bytes, n);
	} while (n == sizeof(bytes));
	lapic_eoi();
}

int serial_rx_irq_start(unsigned cpu)
{
	const u8 vector = VEC_IRQ_BASE + COM1_IRQ;
	trap_set_handler(vector, serial_rx_interrupt);
	int gsi = ioapic_route_isa_irq(COM1_IRQ, vector, cpu_data[cpu].hw_id);
	if (gsi < 0) {
		trap_set_handler(vector, NULL);
		pr_warn(
		    "serial: no IOAPIC input for COM1's IRQ %d; the console "
		    "stays polled\n",
		    COM1_IRQ);
		return -1;
	}
	/* Route first, then let the UART raise its line: if a byte already
	 * waits, the line goes up now, and the IOAPIC sees that edge. */
	outb(COM1 + UART_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
	outb(COM1 + UART_IER, IER_RX_DATA);
	pr_info("serial: COM1 input by interrupt: ISA IRQ %d -> IOAPIC GSI %d "
		"-> vector %#x on cpu %u\n",
		COM1_IRQ, gsi, vector, cpu);
	return 0;
}

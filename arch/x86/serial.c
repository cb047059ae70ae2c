/*
 * arch/x86/serial.c - COM1, a 16550 UART: the console tests read.
 *
 * Polled output: printk must work before interrupts, in a panic, and with
 * every lock broken, so it never waits for anything but the transmit
 * register.  Under QEMU the UART is infinitely fast; on real hardware
 * 115200 baud costs about 87 us a byte.
 */
#include "arch/x86/serial.h"
#include "arch/x86/io.h"

#define COM1	       0x3f8
#define UART_DATA      0
#define UART_IER       1 /* interrupt enable */
#define UART_FCR       2 /* FIFO control */
#define UART_LCR       3 /* line control; bit 7 = divisor latch access */
#define UART_MCR       4 /* modem control */
#define UART_LSR       5 /* line status */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20 /* room for the next byte */
#define LSR_TX_IDLE    0x40 /* FIFO and shift register both empty */

void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);
	outb(COM1 + UART_DATA, 1); /* divisor 1: 115200 baud */
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x03); /* 8 data bits, no parity, 1 stop bit */
	outb(COM1 + UART_FCR, 0xc7); /* FIFOs on and cleared */
	outb(COM1 + UART_MCR, 0x03); /* DTR, RTS */
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

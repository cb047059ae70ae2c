/*
 * tools/ia64sim/uart.c - a 16550-style UART on the console, polled.
 *
 * Registers (byte offsets from UART_BASE): 0 THR (write: a character to
 * stdout) / RBR (read: the next character of stdin), 5 LSR (bit 0: a
 * character is waiting; bits 5 and 6: the transmitter is empty - always,
 * since output is immediate).  The others (IER, IIR/FCR, LCR, MCR, MSR,
 * SCR, and the divisor latch) read back what was written and do nothing:
 * there are no UART interrupts, the kernel polls.
 *
 * Input is read from stdin only when the guest asks (LSR), without
 * blocking; with stdin at its end, no character is ever waiting.  Input
 * typed at a terminal is the one thing that makes a run depend on more
 * than (program, options, seed).
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

#include "sim.h"

enum { UART_DATA = 0, UART_LSR = 5 };
#define LSR_DR	 0x01 /* data ready */
#define LSR_THRE 0x20 /* transmit holding register empty */
#define LSR_TEMT 0x40 /* transmitter empty */

static uint8_t regs[UART_SIZE];
static int pending = -1; /* a character read from stdin, not yet taken */

static void poll_stdin(struct machine *m)
{
	if (pending >= 0 || m->uart_input_eof)
		return;
	struct pollfd p = {.fd = 0, .events = POLLIN};
	if (poll(&p, 1, 0) <= 0)
		return;
	unsigned char ch;
	if (read(0, &ch, 1) == 1)
		pending = ch;
	else
		m->uart_input_eof = true;
}

uint64_t uart_read(struct machine *m, unsigned reg)
{
	if (reg == UART_LSR) {
		poll_stdin(m);
		return LSR_THRE | LSR_TEMT | (pending >= 0 ? LSR_DR : 0);
	}
	if (reg == UART_DATA && !(regs[3] & 0x80)) { /* not the divisor */
		int ch = pending;
		pending = -1;
		return ch < 0 ? 0 : (uint64_t)ch;
	}
	return regs[reg];
}

void uart_write(struct machine *m, unsigned reg, uint64_t v)
{
	(void)m;
	if (reg == UART_DATA && !(regs[3] & 0x80)) {
		putchar((int)(v & 0xff));
		return;
	}
	if (reg != UART_LSR)
		regs[reg] = (uint8_t)v;
}

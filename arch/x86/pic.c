/*
 * arch/x86/pic.c - put the legacy 8259 interrupt controllers out of the way.
 *
 * Tern takes its interrupts through the local APIC and the IOAPIC.  The two
 * 8259s are still there, and the BIOS left them delivering IRQ 0-7 on
 * vectors 8-15 - the vectors of CPU exceptions, so a timer tick would look
 * like a double fault.  We move them to vectors 0x20-0x2f (where a stray
 * interrupt is at least recognisable) and mask every line.
 */
#include "arch/x86/io.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xa0
#define PIC2_DATA 0xa1

void pic_disable(void)
{
	outb(PIC1_CMD, 0x11); /* ICW1: initialise, ICW4 follows */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, 0x20); /* ICW2: vector base */
	outb(PIC2_DATA, 0x28);
	outb(PIC1_DATA, 0x04); /* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xff); /* mask everything */
	outb(PIC2_DATA, 0xff);
}

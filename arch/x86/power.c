/*
 * arch/x86/power.c - leaving the machine.
 *
 * Under QEMU, the isa-debug-exit device (iobase 0xf4) ends QEMU with exit
 * status (value << 1) | 1.  We write 0x10 for success (status 33) and 0x11
 * for failure (status 35): small values would be confused with QEMU's own
 * errors, which exit with status 1.  tools/qemu-run turns 33 into 0 and 35
 * into 1.  Without the device the
 * write does nothing, and we fall back to ACPI's soft-off: QEMU's PIIX4 and
 * ICH9 power management blocks sit at port 0x600 (SeaBIOS puts them there)
 * and sleep type 0 with SLP_EN (bit 13) in PM1a_CNT (0x604) is S5.  Parsing
 * the FADT to find these properly comes with the ACPI code.
 */
#include "arch/x86/io.h"
#include "kernel/hal.h"

#define DEBUG_EXIT_SUCCESS 0x10 /* QEMU exits with status 33 */
#define DEBUG_EXIT_FAILURE 0x11 /* ... with status 35 */

void hal_poweroff(bool success)
{
	hal_irq_disable();
	outb(0xf4, success ? DEBUG_EXIT_SUCCESS : DEBUG_EXIT_FAILURE);
	outw(0x604, 0x2000);  /* QEMU pc / q35 */
	outw(0xb004, 0x2000); /* older QEMU and Bochs */
	hal_halt_forever();
}

void hal_halt_forever(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

/*
 * arch/x86/power.c - leaving the machine.
 *
 * Under QEMU, the isa-debug-exit device (iobase 0xf4) ends QEMU with exit
 * status (value << 1) | 1.  We write 0x10 for success (status 33) and 0x11
 * for failure (status 35): small values would be confused with QEMU's own
 * errors, which exit with status 1.  tools/qemu-run turns 33 into 0 and 35
 * into 1.
 *
 * Without that device the write does nothing, and we ask ACPI for soft-off
 * (sleep state S5): write SLP_TYP (from the DSDT's \_S5 object) with SLP_EN
 * (bit 13) to the PM1 control registers the FADT names.  Before the tables
 * are read (a very early panic), or on a machine without them, we try the
 * ports where QEMU's firmware puts them: 0x604 (SeaBIOS) and 0xb004 (OVMF,
 * Bochs).
 */
#include "arch/x86/io.h"
#include "arch/x86/platform.h"
#include "arch/x86/serial.h"
#include "kernel/hal.h"

#define DEBUG_EXIT_SUCCESS 0x10 /* QEMU exits with status 33 */
#define DEBUG_EXIT_FAILURE 0x11 /* ... with status 35 */
#define SLP_EN		   (1u << 13)

static void acpi_soft_off(void)
{
	if (platform.have_s5 && platform.pm1a_cnt) {
		outw(platform.pm1a_cnt,
		     (u16)(platform.slp_typ_a << 10 | SLP_EN));
		if (platform.pm1b_cnt)
			outw(platform.pm1b_cnt,
			     (u16)(platform.slp_typ_b << 10 | SLP_EN));
	}
	outw(0x604, SLP_EN);
	outw(0xb004, SLP_EN);
}

void hal_poweroff(bool success)
{
	hal_irq_disable();
	serial_flush(); /* the console's last bytes, before the power goes */
	outb(0xf4, success ? DEBUG_EXIT_SUCCESS : DEBUG_EXIT_FAILURE);
	acpi_soft_off();
	hal_halt_forever();
}

void hal_halt_forever(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

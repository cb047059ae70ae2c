/*
 * arch/x86/tsc.c - how fast the time stamp counter runs.
 *
 * The TSC counts at a fixed rate we do not know in advance (under QEMU it is
 * whatever the host gives).  The 8254 PIT runs at exactly 1.193182 MHz, so
 * we let PIT channel 2 count down 10 ms and see how far the TSC moved.
 * Channel 2 is the one whose gate we control (port 0x61 bit 0) and whose
 * output we can read (port 0x61 bit 5), without an interrupt.
 */
#include "arch/x86/io.h"
#include "kernel/hal.h"

#define PIT_HZ	     1193182
#define CALIBRATE_MS 10

extern u64 boot_tsc; /* boot/entry.asm */
static u64 tsc_per_ms;

void tsc_calibrate(void)
{
	u16 count = PIT_HZ / (1000 / CALIBRATE_MS);

	/* gate off, speaker off; channel 2, lobyte/hibyte, mode 0 */
	outb(0x61, (inb(0x61) & ~0x03));
	outb(0x43, 0xb0);
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);

	outb(0x61, inb(0x61) | 0x01); /* gate on: the count starts */
	u64 start = hal_cycles();
	while (!(inb(0x61) & 0x20)) /* OUT goes high at terminal count */
		;
	u64 end = hal_cycles();
	outb(0x61, inb(0x61) & ~0x01);

	tsc_per_ms = (end - start) / CALIBRATE_MS;
	if (tsc_per_ms == 0)
		tsc_per_ms = 1;
}

u64 hal_cycles_per_ms(void)
{
	return tsc_per_ms;
}

u64 hal_boot_cycles(void)
{
	return boot_tsc;
}

/*
 * arch/x86/vga_ktest.c - the console reaches the VGA text screen.
 */
#include "kernel/bootinfo.h"
#include "kernel/hal.h"
#include "kernel/ktest.h"
#include "kernel/printk.h"

/* Does row `row` of the text screen start with `text`? */
static bool screen_row_is(int row, const char *text)
{
	const volatile u16 *screen = hal_phys_to_virt(0xb8000);
	for (int i = 0; text[i]; i++)
		if ((screen[row * 80 + i] & 0xff) != (u8)text[i])
			return false;
	return true;
}

/* Expected: on a BIOS boot (a text screen exists) a printed line appears
 * on the screen too; the VGA mirror scrolls, so look at every row. */
KTEST(vga_mirrors_console)
{
	static const char line[] = "vga-mirror-check 7f3a";
	if (!boot_info.text_console)
		KT_FAIL("this boot has no text screen (UEFI?); run it on a "
			"BIOS boot");
	printk("%s\n", line);
	bool found = false;
	for (int row = 0; row < 25 && !found; row++)
		found = screen_row_is(row, line);
	KT_ASSERT(found);
}

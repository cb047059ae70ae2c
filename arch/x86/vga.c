/*
 * arch/x86/vga.c - the console mirrored on the 80x25 VGA text screen.
 *
 * For people watching a QEMU window rather than the serial port.  The
 * screen is memory at physical 0xb8000: one 16-bit cell per character,
 * low byte the character, high byte the colour.  We scroll by copying
 * rows up, and keep no state but the cursor position.
 */
#include "arch/x86/vga.h"
#include "arch/x86/io.h"
#include "kernel/hal.h"

#define COLS 80
#define ROWS 25
#define ATTR 0x07 /* light grey on black */

static volatile u16 *screen;
static int row, col;

static void vga_move_cursor(void)
{
	u16 pos = (u16)(row * COLS + col);
	outb(0x3d4, 0x0f);
	outb(0x3d5, pos & 0xff);
	outb(0x3d4, 0x0e);
	outb(0x3d5, pos >> 8);
}

void vga_init(void)
{
	screen = hal_phys_to_virt(0xb8000);
	for (int i = 0; i < COLS * ROWS; i++)
		screen[i] = ATTR << 8 | ' ';
	row = col = 0;
	vga_move_cursor();
}

static void vga_newline(void)
{
	col = 0;
	if (++row < ROWS)
		return;
	for (int i = 0; i < COLS * (ROWS - 1); i++)
		screen[i] = screen[i + COLS];
	for (int i = COLS * (ROWS - 1); i < COLS * ROWS; i++)
		screen[i] = ATTR << 8 | ' ';
	row = ROWS - 1;
}

void vga_write(const char *s, size_t len)
{
	if (!screen)
		return;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\n') {
			vga_newline();
		} else if (c == '\r') {
			col = 0;
		} else {
			screen[row * COLS + col] = (u16)(ATTR << 8 | (u8)c);
			if (++col == COLS)
				vga_newline();
		}
	}
	vga_move_cursor();
}

/* arch/x86/vga.h - mirror of the console on the VGA text screen. */
#ifndef TERN_ARCH_X86_VGA_H
#define TERN_ARCH_X86_VGA_H

#include "lib/compiler.h"

/* Only where a text screen exists (BIOS boots); UEFI has none. */
void vga_init(void);
void vga_write(const char *s, size_t len);

#endif

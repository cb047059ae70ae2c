/* arch/x86/multiboot.h - multiboot1/2 information -> struct boot_info. */
#ifndef TERN_ARCH_X86_MULTIBOOT_H
#define TERN_ARCH_X86_MULTIBOOT_H

#include "lib/compiler.h"

#define MB1_BOOT_MAGIC 0x2badb002
#define MB2_BOOT_MAGIC 0x36d76289

/* boot/entry.asm has checked that magic is one of the two. */
void multiboot_parse(u32 magic, u32 info_phys);

#endif

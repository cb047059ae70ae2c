/*
 * arch/ia64/asm.h - constants that C and the assembly files share.
 */
#ifndef TERN_ARCH_IA64_ASM_H
#define TERN_ARCH_IA64_ASM_H

/* The boot CPU's first memory stack and register backing store, each. */
#define BOOT_STACK_SIZE 32768

/* The emergency stacks of the unexpected-vector handler (ivt.S). */
#define PANIC_STACK_SIZE 16384

#endif

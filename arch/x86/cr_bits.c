/*
 * arch/x86/cr_bits.c - CR0_KERNEL (cr_bits.h) for the assembly code.
 *
 * boot/entry.asm (the boot CPU) and trampoline.asm (the APs) write CR0 as
 * one whole value before any C runs.  nasm cannot read a C header, so
 * instead of a second copy of the bits in nasm syntax, this file defines
 * two absolute symbols from the C definitions, as text for the assembler
 * (cr_bits.h writes every bit as a hex number, which reads the same in
 * both languages).  The nasm code uses them as immediates
 * (`mov eax, cr0_kernel`) and the linker fills in the values: one
 * definition, and a changed bit in cr_bits.h reaches every CPU on the next
 * build.
 *
 *   cr0_kernel             CR0_KERNEL: what every CPU runs the kernel with
 *   cr0_kernel_no_paging   the same without PG: an AP between real mode and
 *                          long mode
 */
#include "arch/x86/cr_bits.h"
#include "lib/compiler.h"

/* The assembly code moves them through EAX; CD and NW turn the caches
 * off, which is what this whole value is there to prevent. */
BUILD_BUG_ON(CR0_KERNEL > 0xffffffffUL);
BUILD_BUG_ON((CR0_KERNEL & (CR0_CD | CR0_NW)) != 0);
BUILD_BUG_ON((CR0_KERNEL & (CR0_PE | CR0_PG)) != (CR0_PE | CR0_PG));
BUILD_BUG_ON(CR0_KERNEL_NO_PAGING != (CR0_KERNEL & ~CR0_PG));

/* ".globl name; .set name, value", with the value's macros expanded. */
#define AS_TEXT_(x) #x
#define AS_TEXT(x)  AS_TEXT_(x)
#define ABSOLUTE_SYMBOL(name, value)                                           \
	__asm__(".globl " #name "\n.set " #name ", " AS_TEXT(value) "\n")

ABSOLUTE_SYMBOL(cr0_kernel, CR0_KERNEL);
ABSOLUTE_SYMBOL(cr0_kernel_no_paging, CR0_KERNEL_NO_PAGING);

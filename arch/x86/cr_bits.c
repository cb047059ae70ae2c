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
 *
 * And the CR4 bits that depend on what the CPU offers, decided in one
 * place for every CPU: cr4_protect_init() turns on SMEP and SMAP where
 * CPUID leaf 7 lists them.  The boot CPU calls it from arch_main(), each
 * AP from ap_main(); cr_bits_ktest.c checks that all CPUs agree and that
 * none lacks a bit its CPUID offers.
 *
 *   SMEP  (CR4 bit 20) the kernel cannot execute a user page: a kernel bug
 *         that jumps to an address user space chose faults instead of
 *         running user-supplied code with kernel rights.
 *   SMAP  (CR4 bit 21) the kernel cannot read or write a user page, except
 *         between STAC and CLAC (EFLAGS.AC set): every deliberate access to
 *         user memory is marked, and a stray pointer into user space faults.
 * Tern has no user mode yet, so no page is a user page and neither ever
 * fires in normal running; docs/protection.md says what they will guard,
 * and smep_smap_ktest.c builds a user page to show that they do.
 */
#include "arch/x86/cr_bits.h"
#include "arch/x86/cpu.h"
#include "arch/x86/io.h"
#include "kernel/printk.h"
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

u64 cr4_protect_bits(void)
{
	u32 a, b, c, d;
	u64 bits = 0;

	if (!cpuid_leaf(7, &a, &b, &c, &d))
		return 0;
	if (b & CPUID7_EBX_SMEP)
		bits |= CR4_SMEP;
	if (b & CPUID7_EBX_SMAP)
		bits |= CR4_SMAP;
	return bits;
}

/* Before any page is a user page (there are none yet), so nothing the
 * kernel does today can trip them. */
void cr4_protect_init(void)
{
	write_cr4(read_cr4() | cr4_protect_bits());
}

/* What the boot CPU got, from hal_boot_report() (after the banner). */
void cr4_protect_report(void)
{
	u64 cr4 = read_cr4();
	pr_info("cpu: SMEP %s, SMAP %s\n",
		cr4 & CR4_SMEP ? "on" : "off (the CPU has none)",
		cr4 & CR4_SMAP ? "on" : "off (the CPU has none)");
}

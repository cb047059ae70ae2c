/*
 * arch/x86/canary.c - the stack protector's canary, new on every boot.
 *
 * The kernel is built with -fstack-protector-strong (Makefile): every
 * function with a local array, or a local whose address is taken, copies
 * the global word __stack_chk_guard (kernel/stackprot.c) into its frame
 * between its locals and its return address, and compares the two before
 * it returns; a mismatch calls __stack_chk_fail().  A buffer overrun that
 * reaches the return address has to run over the copy first.  That only
 * helps if the value cannot be guessed, so it is drawn here at each boot:
 *
 *   RDRAND  when CPUID.1:ECX bit 30 says the CPU has it.  RDRAND may come
 *           back empty (CF = 0) when its generator is drained; Intel's
 *           advice is to retry, ten times, before calling it broken.
 *   else    the cycle counter now and at kernel entry, the CMOS clock
 *           (seconds to year), and the jitter of the cycle counter across
 *           slow port reads, mixed into 64 bits.  Weaker - a patient
 *           attacker who knows the boot time can narrow it down - and the
 *           console says which one this boot got.
 *
 * The lowest byte is then cleared, as glibc and Linux do: a string copy
 * that overruns a buffer stops at a NUL, so it can neither write past the
 * canary nor print it.  56 random bits remain.
 *
 * When to change the canary.  Every protected function compares, on its
 * way out, the copy it made on its way in with the guard as it is then.
 * So the guard may only change while no protected function that is still
 * to return is on the stack.  arch_main() calls stack_protector_init() as
 * its first step after the console works (it wants to say what it did),
 * before anything parses outside input (the multiboot information, the
 * command line).  At that moment the stack holds only boot/entry.asm's
 * frame (assembly: no canary) and arch_main() itself - which never
 * returns: it ends in kernel_main(), and kernel_main() in cpu_idle(),
 * both __noreturn, so gcc emits no return path and no check for it.
 * Everything called before this point (the GDT, per-CPU data, the IDT,
 * the serial port) has returned with the old guard, 0, and checked it
 * against 0.  Everything after runs with the new one, and the APs start
 * later still.  This file is built without the protector (Makefile,
 * NO_STACK_PROTECTOR), so the function that changes the guard checks
 * nothing on its own way out.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/io.h"
#include "kernel/hal.h"
#include "kernel/printk.h"
#include "kernel/stackprot.h"

#define RDRAND_RETRIES 10

static bool cpu_has_rdrand(void)
{
	u32 a, b, c, d;
	return cpuid_leaf(1, &a, &b, &c, &d) && (c & CPUID1_ECX_RDRAND);
}

/* One 64-bit RDRAND, retried as the SDM advises; false if it never gave
 * a number. */
static bool rdrand64(u64 *out)
{
	for (int i = 0; i < RDRAND_RETRIES; i++) {
		u64 v;
		u8 ok;
		__asm__ __volatile__("rdrand %0; setc %1"
				     : "=r"(v), "=qm"(ok)
				     :
				     : "cc");
		if (ok) {
			*out = v;
			return true;
		}
	}
	return false;
}

/* A 64-bit mixing step: every input bit changes about half the output
 * bits (a multiply-xorshift finaliser). */
static u64 mix(u64 h, u64 v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	h ^= h >> 31;
	h *= 0xd6e8feb86659fd93ULL;
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ULL;
	h ^= h >> 32;
	return h;
}

static u8 cmos_read(u8 reg)
{
	outb(0x70, reg); /* bit 7 clear: NMIs stay enabled */
	return inb(0x71);
}

static u64 boot_varying_mix(void)
{
	static const u8 rtc_regs[] = {0x00, 0x02, 0x04, 0x07, 0x08, 0x09};
	u64 h = mix(0, hal_cycles());

	h = mix(h, hal_boot_cycles());
	for (unsigned r = 0; r < sizeof(rtc_regs); r++) {
		u64 before = hal_cycles();
		h = mix(h, cmos_read(rtc_regs[r]));
		/* a port read takes a varying number of cycles */
		h = mix(h, hal_cycles() - before);
	}
	return mix(h, hal_cycles());
}

void stack_protector_init(void)
{
	const char *source;
	u64 v = 0;

	if (!cpu_has_rdrand()) {
		v = boot_varying_mix();
		source = "the cycle counter and the CMOS clock (no RDRAND)";
	} else if (!rdrand64(&v)) {
		v = boot_varying_mix();
		source = "the cycle counter and the CMOS clock (RDRAND gave "
			 "nothing 10 times)";
	} else {
		source = "RDRAND";
	}
	v &= ~0xffULL; /* the terminator byte, see above */
	if (!v)	       /* 2^-56: still never a canary of 0 */
		v = 0x5ca1ab1e0ddba100ULL;
	__stack_chk_guard = v;
	stack_protector_source = source;
}

/* Its console line, from hal_boot_report() (after the banner). */
void stack_protector_report(void)
{
	pr_info("stack-protector: canary from %s\n", stack_protector_source);
}

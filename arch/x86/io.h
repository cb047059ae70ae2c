/* arch/x86/io.h - port I/O, MSRs and control registers. */
#ifndef TERN_ARCH_X86_IO_H
#define TERN_ARCH_X86_IO_H

#include "arch/x86/cr_bits.h"
#include "lib/compiler.h"

static inline void outb(u16 port, u8 val)
{
	__asm__ __volatile__("outb %0, %1" ::"a"(val), "Nd"(port));
}

static inline void outw(u16 port, u16 val)
{
	__asm__ __volatile__("outw %0, %1" ::"a"(val), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 val;
	__asm__ __volatile__("inb %1, %0" : "=a"(val) : "Nd"(port));
	return val;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 val)
{
	__asm__ __volatile__("wrmsr" ::"c"(msr), "a"((u32)val),
			     "d"((u32)(val >> 32)));
}

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(sub));
}

/* The highest leaf of a CPUID range (0, 0x40000000, 0x80000000): check
 * it before asking a leaf, which a CPU without it answers with garbage. */
static inline u32 cpuid_max(u32 range)
{
	u32 a, b, c, d;
	cpuid(range, 0, &a, &b, &c, &d);
	return a;
}

/* CPUID `leaf` (subleaf 0) if the CPU has it, judged by the highest leaf
 * of its range (the range is the leaf's top two bits: 0, 0x40000000 or
 * 0x80000000); false, and nothing asked, when it has not. */
static inline bool cpuid_leaf(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	if (cpuid_max(leaf & 0xc0000000) < leaf)
		return false;
	cpuid(leaf, 0, a, b, c, d);
	return true;
}

static inline u64 read_cr0(void)
{
	u64 v;
	__asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline u64 read_cr2(void)
{
	u64 v;
	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline u64 read_cr3(void)
{
	u64 v;
	__asm__ __volatile__("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(u64 v)
{
	__asm__ __volatile__("mov %0, %%cr3" ::"r"(v) : "memory");
}

static inline u64 read_cr4(void)
{
	u64 v;
	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(u64 v)
{
	__asm__ __volatile__("mov %0, %%cr4" ::"r"(v) : "memory");
}

#endif

/*
 * arch/ia64/hal_arch.h - the inline half of the HAL (kernel/hal.h) for
 * IA-64.  Only kernel/hal.h includes this file.
 *
 * Tern runs on Itanium in physical mode (docs/ia64.md): addresses are
 * physical, so the "direct map" is the identity.  Per-CPU data: each CPU
 * keeps the address of its struct cpu_data in the kernel register ar.k3,
 * which only it can see and a context switch never touches.  Reading it
 * is one instruction, as the HAL asks of hal_this_cpu().  A field of it
 * takes three (read ar.k3, add, load), so hal_this_cpu_read32/64 turn
 * interrupts off around them: a thread preempted between the read of
 * ar.k3 and the load, and resumed on another CPU, would otherwise read the
 * first CPU's field.  (Linux/ia64 instead mapped each CPU's page at one
 * fixed virtual address with a pinned translation; Tern has no
 * translation on IA-64 yet.)
 */
#ifndef TERN_ARCH_IA64_HAL_ARCH_H
#define TERN_ARCH_IA64_HAL_ARCH_H

#include "arch/ia64/asm.h" /* the processor's register fields */
#include "lib/compiler.h"

#define PAGE_SIZE (1UL << PAGE_SHIFT) /* PAGE_SHIFT: asm.h */

static inline void *hal_phys_to_virt(u64 phys)
{
	return (void *)phys;
}

static inline u64 hal_virt_to_phys(const void *virt)
{
	return (u64)virt;
}

/* A function pointer is the address of its descriptor: {entry, gp}. */
static inline u64 hal_code_addr(const void *fn)
{
	return *(const u64 *)fn;
}

/* Pages hal_stack_alloc() takes for a stack of `bytes`: the memory stack and as
 * much again for the register backing store (stack.c). */
static inline size_t hal_stack_pages(size_t bytes)
{
	return 2 * DIV_ROUND_UP(bytes, PAGE_SIZE);
}

typedef u64 irqflags_t;

/* rsm takes effect for the next instruction group: the ;; after it is
 * what makes the following code run with interrupts off. */
static inline irqflags_t hal_irq_save(void)
{
	irqflags_t flags;
	__asm__ __volatile__("mov %0 = psr ;;\n\trsm psr.i ;;"
			     : "=r"(flags)::"memory");
	return flags;
}

static inline void hal_irq_enable(void)
{
	__asm__ __volatile__("ssm psr.i ;;\n\tsrlz.d ;;" ::: "memory");
}

static inline void hal_irq_disable(void)
{
	__asm__ __volatile__("rsm psr.i ;;" ::: "memory");
}

static inline void hal_irq_restore(irqflags_t flags)
{
	if (flags & IA64_PSR_I)
		hal_irq_enable();
	else
		hal_irq_disable();
}

/* The processor status register (asm.h names its fields).  `mov = psr`
 * gives bits 0-35 only: psr.it, psr.bn and the others above read as 0
 * (an interruption's cr.ipsr has them all). */
static inline u64 ia64_psr(void)
{
	u64 psr;
	__asm__ __volatile__("mov %0 = psr" : "=r"(psr));
	return psr;
}

static inline bool hal_irqs_enabled(void)
{
	return ia64_psr() & IA64_PSR_I;
}

/* In a spin loop: the pause hint. */
static inline void hal_cpu_relax(void)
{
	__asm__ __volatile__("hint @pause" ::: "memory");
}

/* The interval time counter, one per CPU (the simulator keeps them
 * together; so did Itanium systems, from one clock). */
static inline u64 hal_cycles(void)
{
	u64 v;
	__asm__ __volatile__("mov %0 = ar.itc" : "=r"(v)::"memory");
	return v;
}

/* This CPU's struct cpu_data, from ar.k3: one instruction. `volatile`:
 * never reuse a value read before a call (the thread may have moved). */
static inline void *hal_this_cpu(void)
{
	void *p;
	__asm__ __volatile__("mov %0 = ar.k3" : "=r"(p));
	return p;
}

/* A field of it, with interrupts off for the three instructions (see the
 * top of this file); p6 is the compiler's to lose. */
#define IA64_THIS_CPU_READ(load, offset)                                       \
	({                                                                     \
		u64 v__, psr__;                                                \
		__asm__ __volatile__("mov %1 = psr ;;\n\t"                     \
				     "rsm psr.i ;;\n\t"                        \
				     "mov %0 = ar.k3 ;;\n\t"                   \
				     "adds %0 = %2, %0 ;;\n\t" load            \
				     " %0 = [%0]\n\t"                          \
				     "tbit.nz p6, p0 = %1, %3 ;;\n\t"          \
				     "(p6) ssm psr.i ;;"                       \
				     : "=&r"(v__), "=&r"(psr__)                \
				     : "i"(offset), "i"(IA64_PSR_I_BIT)        \
				     : "p6", "memory");                        \
		v__;                                                           \
	})
#define hal_this_cpu_read64(offset) IA64_THIS_CPU_READ("ld8", offset)
#define hal_this_cpu_read32(offset) ((u32)IA64_THIS_CPU_READ("ld4", offset))

#endif

/*
 * arch/x86/hal_arch.h - the inline half of the HAL (kernel/hal.h) for x86_64.
 * Only kernel/hal.h includes this file.
 */
#ifndef TERN_ARCH_X86_HAL_ARCH_H
#define TERN_ARCH_X86_HAL_ARCH_H

#include "arch/x86/cr_bits.h"
#include "arch/x86/layout.h"
#include "lib/compiler.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)

/* DIRECT_MAP_BASE (all of RAM) and KERNEL_VMA (the image): layout.h. */

static inline void *hal_phys_to_virt(u64 phys)
{
	return (void *)(phys + DIRECT_MAP_BASE);
}

/* Accepts direct-map and kernel-image addresses. */
static inline u64 hal_virt_to_phys(const void *virt)
{
	u64 v = (u64)virt;
	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - DIRECT_MAP_BASE;
}

/* A function pointer is the address of its code. */
static inline u64 hal_code_addr(const void *fn)
{
	return (u64)fn;
}

/* Pages hal_stack_alloc() takes for a stack of `bytes`: the stack itself (the
 * guard page below is not memory). */
static inline size_t hal_stack_pages(size_t bytes)
{
	return DIV_ROUND_UP(bytes, PAGE_SIZE);
}

typedef u64 irqflags_t;

static inline irqflags_t hal_irq_save(void)
{
	irqflags_t flags;
	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(flags)::"memory");
	return flags;
}

static inline void hal_irq_restore(irqflags_t flags)
{
	__asm__ __volatile__("pushq %0; popfq" ::"r"(flags) : "memory", "cc");
}

static inline void hal_irq_enable(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

static inline void hal_irq_disable(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static inline bool hal_irqs_enabled(void)
{
	u64 flags;
	__asm__ __volatile__("pushfq; popq %0" : "=r"(flags));
	return flags & RFLAGS_IF;
}

/* In a spin loop: tell the CPU (and a hyperthread sibling) we are waiting. */
static inline void hal_cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

static inline u64 hal_cycles(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* This CPU's struct cpu_data: the GS base points at it and its first word
 * points at itself (CPU_DATA_SELF, layout.h), so one load from %gs:0 gives
 * the pointer.
 * `volatile` matters: a thread can be switched out on one CPU and resumed
 * on another, so the compiler must not reuse a value read before a call
 * (schedule() once did exactly that, and unlocked the wrong runqueue). */
static inline void *hal_this_cpu(void)
{
	void *p;
	__asm__ __volatile__("movq %%gs:%c1, %0"
			     : "=r"(p)
			     : "i"(CPU_DATA_SELF));
	return p;
}

/*
 * The field at `offset` in this CPU's struct cpu_data, read with ONE
 * instruction.  `current` and cpu_id() are read this way, not as
 * hal_this_cpu()->field: that is two loads (the pointer, then the field),
 * and where interrupts are on, a thread preempted between the two and
 * resumed on another CPU reads the first CPU's field - for `current`,
 * another task, whose preempt_count it then changes (the storm ktest showed
 * it as a dead task with preempt_count 0xf0000000 being scheduled again).
 * A single instruction is never split by an interrupt.  QEMU's TCG takes
 * interrupts only between translation blocks, so it never splits the pair
 * either; Bochs takes them between any two instructions, as hardware does.
 */
#define hal_this_cpu_read64(offset)                                            \
	({                                                                     \
		u64 v__;                                                       \
		__asm__ __volatile__("movq %%gs:%c1, %0"                       \
				     : "=r"(v__)                               \
				     : "i"(offset));                           \
		v__;                                                           \
	})
#define hal_this_cpu_read32(offset)                                            \
	({                                                                     \
		u32 v__;                                                       \
		__asm__ __volatile__("movl %%gs:%c1, %0"                       \
				     : "=r"(v__)                               \
				     : "i"(offset));                           \
		v__;                                                           \
	})

#endif

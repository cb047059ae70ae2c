/*
 * tools/bench/o1/stub/hal_arch.h - the inline half of the HAL
 * (kernel/hal.h) for a host program with ONE simulated CPU.
 *
 * kernel/hal.h includes "hal_arch.h" from the include path; the kernel's
 * build puts arch/x86 or arch/ia64 there, the O(1) benchmark puts this
 * directory there instead.  Everything else kernel/sched.c includes is the
 * real header: only the machine is simulated.
 *
 *  - Interrupts: one flag, host_irqs_on, that cli/sti would change.  No
 *    interrupt ever arrives by itself; the program calls scheduler_tick()
 *    when it wants a tick.
 *  - The cycle counter: host_cycles, which the program moves on (by a
 *    tick's worth per tick), so that runs repeat instruction for
 *    instruction.
 *  - Per-CPU data: host_this_cpu points at cpu_data[0]; a field is read
 *    at its offset, as the real gs-relative load reads it.
 */
#ifndef TERN_BENCH_O1_HAL_ARCH_H
#define TERN_BENCH_O1_HAL_ARCH_H

#include "lib/compiler.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)

extern bool host_irqs_on;
extern u64 host_cycles;
extern void *host_this_cpu;

/* The host's memory is all "direct-mapped": addresses are themselves. */
static inline void *hal_phys_to_virt(u64 phys)
{
	return (void *)(uintptr_t)phys;
}

static inline u64 hal_virt_to_phys(const void *virt)
{
	return (u64)(uintptr_t)virt;
}

static inline u64 hal_code_addr(const void *fn)
{
	return (u64)(uintptr_t)fn;
}

static inline size_t hal_stack_pages(size_t bytes)
{
	return DIV_ROUND_UP(bytes, PAGE_SIZE);
}

typedef u64 irqflags_t;

static inline irqflags_t hal_irq_save(void)
{
	irqflags_t was = host_irqs_on;
	host_irqs_on = false;
	barrier();
	return was;
}

static inline void hal_irq_restore(irqflags_t flags)
{
	barrier();
	host_irqs_on = flags != 0;
}

static inline void hal_irq_enable(void)
{
	barrier();
	host_irqs_on = true;
}

static inline void hal_irq_disable(void)
{
	host_irqs_on = false;
	barrier();
}

static inline bool hal_irqs_enabled(void)
{
	return host_irqs_on;
}

static inline void hal_cpu_relax(void)
{
	barrier();
}

static inline u64 hal_cycles(void)
{
	return host_cycles;
}

static inline void *hal_this_cpu(void)
{
	return host_this_cpu;
}

#define hal_this_cpu_read64(offset)                                            \
	(*(const volatile u64 *)((const char *)host_this_cpu + (offset)))
#define hal_this_cpu_read32(offset)                                            \
	(*(const volatile u32 *)((const char *)host_this_cpu + (offset)))

#endif

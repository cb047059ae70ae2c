/*
 * arch/ia64/todo.c - the HAL functions the IA-64 port does not have yet
 * (issue 12 is under way).  Each one stops the kernel with a message that
 * names it, so a boot shows how far the port has come; none pretends to
 * work.  The list shrinks as the port grows.
 */
#include "kernel/hal.h"
#include "kernel/panic.h"
#include "kernel/printk.h"

#define NOT_YET(fn) panic("ia64: %s is not ported yet (issue 12)", fn)

void *hal_stack_alloc(size_t bytes)
{
	(void)bytes;
	NOT_YET(__func__);
}

void hal_stack_free(void *stack_top, size_t bytes)
{
	(void)stack_top;
	(void)bytes;
	NOT_YET(__func__);
}

void hal_stack_get_stats(struct hal_stack_stats *st)
{
	(void)st;
	NOT_YET(__func__);
}

struct task *hal_context_switch(struct task *prev, struct task *next)
{
	(void)prev;
	(void)next;
	NOT_YET(__func__);
}

u64 hal_stack_init(void *stack_top)
{
	(void)stack_top;
	NOT_YET(__func__);
}

unsigned hal_smp_probe(void)
{
	NOT_YET(__func__);
}

u32 hal_cpu_hw_id(unsigned cpu)
{
	(void)cpu;
	NOT_YET(__func__);
}

unsigned hal_smp_boot(const struct cpumask *cpus)
{
	(void)cpus;
	NOT_YET(__func__);
}

void hal_send_ipi(unsigned cpu, enum ipi_kind kind)
{
	(void)cpu;
	(void)kind;
	NOT_YET(__func__);
}

void hal_timer_calibrate(void)
{
	NOT_YET(__func__);
}

void hal_timer_start(unsigned hz)
{
	(void)hz;
	NOT_YET(__func__);
}

int hal_probe_write(void *addr, u8 val)
{
	(void)addr;
	(void)val;
	NOT_YET(__func__);
}

int hal_probe_read(const void *addr, u8 *val)
{
	(void)addr;
	(void)val;
	NOT_YET(__func__);
}

/* panic() calls it: say that there is none, rather than panic again */
void hal_dump_stack(void)
{
	pr_err("(no backtrace: the register stack walk is not ported yet)\n");
}

u64 hal_frame_ip(const struct trap_frame *f)
{
	(void)f;
	NOT_YET(__func__);
}

const struct trap_frame *hal_irq_frame(void)
{
	return NULL; /* no interrupt is ever being handled yet */
}

void hal_dump_frame_stack(const struct trap_frame *f)
{
	(void)f;
	NOT_YET(__func__);
}

void hal_dump_switched_stack(u64 saved_sp)
{
	(void)saved_sp;
	NOT_YET(__func__);
}

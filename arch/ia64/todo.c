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

/* panic() calls it: say that there is none, rather than panic again */
void hal_dump_stack(void)
{
	pr_err("(no backtrace: the register stack walk is not ported yet)\n");
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

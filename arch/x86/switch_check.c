/*
 * arch/x86/switch_check.c - the report when hal_context_switch() is called
 * against its contract.
 *
 * switch.asm checks its preconditions itself, before it touches a stack
 * (interrupts off, next is not prev, next has a saved stack pointer), and
 * on a broken one calls here with its arguments and the RFLAGS it found.
 * The checks are repeated as BUG_ONs so that the panic names the broken
 * one, as a BUG_ON at the top of a C function would.
 */
#include "kernel/hal.h"
#include "kernel/panic.h"
#include "kernel/task.h"

__noreturn void switch_contract_broken(struct task *prev, struct task *next,
				       u64 rflags);

__noreturn void switch_contract_broken(struct task *prev, struct task *next,
				       u64 rflags)
{
	BUG_ON(rflags & RFLAGS_IF);
	BUG_ON(next == prev);
	BUG_ON(next->saved_sp == 0);
	panic("switch_contract_broken: %s -> %s, but no check failed",
	      prev->name, next->name);
}

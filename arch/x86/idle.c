/*
 * arch/x86/idle.c - how an x86 CPU waits for work.
 *
 * `sti; hlt`: STI enables interrupts only after the instruction that
 * follows it, so no interrupt can slip in between the two and leave the CPU
 * halted with the wake-up already gone (Intel SDM vol. 2, STI).  HLT then
 * sleeps until an interrupt arrives; the handler runs, and we return.
 *
 * A function, not inline, for the debugger: gdb's `next` over a call runs
 * to the return address at full speed, interrupts and all, while stepping
 * through `hlt` instruction by instruction never ends under QEMU, which
 * holds interrupts off during a single step.  tools/gdb/tern.gdb also tells
 * `step` never to enter it.
 */
#include "kernel/hal.h"

void hal_cpu_idle(void)
{
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

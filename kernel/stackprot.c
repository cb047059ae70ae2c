/*
 * kernel/stackprot.c - the stack protector's guard word and what happens
 * when a check fails.
 *
 * gcc (-fstack-protector-strong -mstack-protector-guard=global, Makefile)
 * ends every protected function with "is my frame's copy of
 * __stack_chk_guard still equal to it?", and calls __stack_chk_fail()
 * when not.  By then the function's locals have overrun onto the copy,
 * and probably onto the saved frame pointer and return address above it:
 * returning would jump wherever the overrun says.  So the report names
 * the function and stops the kernel.
 *
 * The guard starts as 0 and is set once per boot, early
 * (arch/x86/canary.c says when, and why that moment is safe).  This file
 * is built without the protector: a check in __stack_chk_fail() itself
 * could only repeat the failure.
 */
#include "kernel/stackprot.h"
#include "kernel/ksyms.h"
#include "kernel/panic.h"

unsigned long __stack_chk_guard;
const char *stack_protector_source;

void __stack_chk_fail(void)
{
	/*
	 * The return address is just after the failing check's call.  gcc
	 * puts that call last in the function (it never returns), so the
	 * address can be the first byte of the next function: look up the
	 * byte before it, which is inside the call instruction.
	 */
	u64 at = (u64)__builtin_return_address(0) - 1;
	u64 off = 0;
	const char *fn = ksym_lookup(at, &off, NULL);

	panic("stack-protector: the canary of %s() was overwritten (checked "
	      "at %s+%#llx): its stack frame was overrun",
	      fn ? fn : "?", fn ? fn : "?", off + 1);
}

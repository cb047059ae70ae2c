/*
 * kernel/panic.c - the end of the line.
 *
 * After a panic the kernel's state is suspect, so this code takes no lock
 * it could find held (printk's is bypassed) and allocates nothing.  With
 * `panic=0` (the default) the CPU halts with interrupts off, so a debugger
 * attached to QEMU (make gdb) finds everything as it was.  Tests boot with
 * `panic=-1` so that a panic ends the run at once, as a failure.
 */
#include "kernel/panic.h"
#include "kernel/hal.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "lib/vsnprintf.h"

static int panicking;

static __noreturn void panic_finish(const char *fmt, va_list ap)
{
	char msg[256];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	pr_emerg("PANIC: %s\n", msg);

	if (params.panic < 0)
		hal_poweroff(false);
	if (params.panic > 0) {
		pr_emerg("panic: powering off in %d s\n", params.panic);
		u64 end = hal_cycles() +
			  (u64)params.panic * 1000 * hal_cycles_per_ms();
		while (hal_cycles() < end)
			hal_cpu_relax();
		hal_poweroff(false);
	}
	hal_halt_forever();
}

static void panic_enter(void)
{
	hal_irq_disable();
	printk_bust_locks();
	/* A panic inside a panic, or on two CPUs at once: the first one
	 * reports, the others stop without a word. */
	if (__atomic_fetch_add(&panicking, 1, __ATOMIC_SEQ_CST))
		hal_halt_forever();
	/* Freeze the other CPUs where they are, for the debugger, and so that
	 * nothing changes under the report. */
	smp_send_stop();
}

void panic(const char *fmt, ...)
{
	va_list ap;
	panic_enter();
	pr_emerg("Call trace:\n");
	hal_dump_stack();
	va_start(ap, fmt);
	panic_finish(fmt, ap);
}

void panic_nodump(const char *fmt, ...)
{
	va_list ap;
	panic_enter();
	va_start(ap, fmt);
	panic_finish(fmt, ap);
}

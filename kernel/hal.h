/*
 * kernel/hal.h - everything kernel/ may ask of the machine.
 *
 * The kernel proper is architecture-independent: it never includes a file
 * from arch/.  Each architecture implements this interface, partly as inline
 * functions in its own hal_arch.h (found on the include path the Makefile
 * sets for ARCH=), partly as ordinary functions.  A new architecture is a
 * new folder that provides all of these; kernel/ does not change.
 */
#ifndef TERN_KERNEL_HAL_H
#define TERN_KERNEL_HAL_H

#include "lib/compiler.h"

struct cpumask;

/* Provides: PAGE_SIZE, PAGE_SHIFT, hal_irq_save/restore, hal_irq_enable/
 * disable, hal_irqs_enabled, hal_cpu_relax, hal_cycles, hal_code_addr (the
 * address of a function's first instruction, from a pointer to it: on
 * IA-64 a function pointer is the address of a descriptor),
 * hal_stack_pages (the pages hal_stack_alloc() takes for a stack of so
 * many bytes), hal_phys_to_virt,
 * hal_virt_to_phys, hal_cpu_halt, hal_this_cpu (this CPU's struct
 * cpu_data) and hal_this_cpu_read32/64 (one of its fields, read in a single
 * instruction that an interrupt cannot split).  They are small and hot, so
 * inline. */
#include "hal_arch.h"

/* --- Idle --- */
/* Enable interrupts and sleep until the next one, in one step, so that a
 * wake-up between the two cannot be missed.  Not inline: the idle loop's
 * call is a place `next` in gdb can step over (docs/gdb.md). */
void hal_cpu_idle(void);

/* --- The console: bytes out, as early as the first printk. --- */
void hal_console_write(const char *s, size_t len);
/* A byte typed on the console, or -1 when none is waiting.  Polls the
 * device: for code that runs with interrupts off (a panic, a debugger
 * stop).  Once hal_console_irq_start() has succeeded, use it only with
 * interrupts off, or the receive interrupt may take the byte first. */
int hal_console_getc(void);
/*
 * Make console input interrupt-driven: from now on every byte typed on the
 * console raises an interrupt on CPU `cpu`, and its handler, with
 * interrupts off, passes the bytes to console_input_interrupt()
 * (kernel/console_input.h) - as each timer interrupt calls timer_tick().
 * Returns false, changing nothing, when the machine has no way to route
 * that interrupt (then only hal_console_getc() reads input).
 */
bool hal_console_irq_start(unsigned cpu);

/* --- Time --- */
/* Cycle-counter ticks per millisecond, measured once at boot. */
u64 hal_cycles_per_ms(void);
/* The cycle counter's value when the kernel was entered. */
u64 hal_boot_cycles(void);

/* --- Power --- */
/* Leave the machine: under QEMU the launcher turns `success` into exit
 * status 0 and anything else into a failure.  Never returns. */
__noreturn void hal_poweroff(bool success);
/* Stop this CPU for good, interrupts off (after a panic). */
__noreturn void hal_halt_forever(void);

/* --- Memory --- */
/* Build the kernel's final page tables: the image with its permissions,
 * every byte of RAM in the direct map, nothing at address 0.  Needs the
 * page allocator. */
void hal_mm_init(void);
/* Print what the architecture learnt about the boot CPU before there was a
 * console to say it (its clock, its protections): kernel_main() calls it
 * just after its banner, so that the boot log starts with that. */
void hal_boot_report(void);

/* Kernel stacks: `bytes` of stack (a multiple of PAGE_SIZE) mapped in a
 * region of their own with an unmapped guard page below, so an overflow
 * faults at once.  Returns the top (the initial stack pointer), or NULL
 * when memory (or room in the region) runs out.  Callable from any
 * context. */
void *hal_stack_alloc(size_t bytes);
/* Give back a stack hal_stack_alloc() returned, with the same `bytes`: its
 * pages at once, its place in the region for reuse.  Never the stack the
 * caller runs on; never waits for other CPUs. */
void hal_stack_free(void *stack_top, size_t bytes);
struct hal_stack_stats {
	unsigned long in_use;	  /* places taken: stacks, and stale below */
	unsigned long stale;	  /* freed, waiting for a TLB flush */
	unsigned long high_water; /* places the region has ever needed */
	unsigned long flushes;	  /* TLB flushes on every CPU, for reuse */
};
void hal_stack_get_stats(struct hal_stack_stats *st);

/* --- Threads --- */
struct task;
/*
 * Save prev's callee-saved registers and stack pointer, resume next where
 * it last switched out.  Returns, once this thread is resumed, the task
 * that ran on this CPU just before it.  Called by schedule() alone, with
 * this CPU's runqueue lock held and interrupts off, which the resumed
 * thread inherits (finish_task_switch() releases them); next != prev, and
 * next has a saved stack pointer (it switched out, or hal_stack_init()
 * made one).  x86 checks all three and panics when one is broken.
 */
struct task *hal_context_switch(struct task *prev, struct task *next);
/* The first saved stack pointer of a new thread: switching to it calls
 * kthread_entry(prev) on that stack. */
u64 hal_stack_init(void *stack_top);

/* --- CPUs --- */
/*
 * Read the firmware's list of CPUs and number the usable ones 0..M-1, the
 * boot CPU being 0.  Returns M, and has written each one's hardware id
 * (APIC ID on x86, SAPIC id << 8 | eid on IA-64) in cpu_data[n].hw_id, the
 * one place it is kept.  Boot CPU, once, interrupts off, after
 * hal_irq_init() (on x86 the same tables list the interrupt controllers).
 */
unsigned hal_smp_probe(void);
/*
 * Start the CPUs in `cpus` (logical numbers, never the boot CPU), all at
 * once, and wait until each has called smp_secondary_start() or has had
 * its time.  Returns how many started.  Boot CPU, once, from smp_init(),
 * interrupts on.
 */
unsigned hal_smp_boot(const struct cpumask *cpus);
/* The top of the stack CPU `cpu` started on, where its idle task runs
 * (the kernel records it in the idle task, for gdb); NULL when the arch
 * does not know it.  For an AP, valid once hal_smp_boot() has been asked
 * to start it. */
void *hal_cpu_boot_stack(unsigned cpu);

/* Inter-processor interrupts.  The receiving CPU runs smp_ipi_handler(). */
enum ipi_kind {
	IPI_RESCHEDULE,	   /* "look at your runqueue" */
	IPI_CALL_FUNCTION, /* "run the calls queued for you" */
	IPI_STOP,	   /* "halt for good" (panic); arrives even with
			    * interrupts off (an NMI on x86) */
	IPI_WATCHDOG,	   /* "print where you are" (watchdog.c); arrives
			    * even with interrupts off (an NMI on x86) */
};
void hal_send_ipi(unsigned cpu, enum ipi_kind kind);

/* --- Interrupt controllers and the periodic timer --- */
/* Bring up the interrupt controllers and install the handlers of the
 * timer, the IPIs and the error vectors: boot CPU, once, interrupts off,
 * before hal_smp_probe() and hal_timer_calibrate().  Every source stays
 * quiet until hal_timer_start() and hal_irq_enable(). */
void hal_irq_init(void);
/* Measure the timer's rate (boot CPU, once, after hal_irq_init(),
 * interrupts off). */
void hal_timer_calibrate(void);
/* Start this CPU's timer at `hz` interrupts a second; each one calls
 * timer_tick() on this CPU. */
void hal_timer_start(unsigned hz);
/* Stop this CPU's timer: no more timer_tick() here until hal_timer_start()
 * (an idle CPU with nothing to wait for, kernel/nohz.c).  Interrupts off.
 * An interrupt already on its way may still arrive once. */
void hal_timer_stop(void);

/* --- Faults --- */
/* Store/load a byte at addr; -EFAULT instead of an oops when the access
 * faults.  Lets tests (and the monitor) poke at memory safely. */
int hal_probe_write(void *addr, u8 val);
int hal_probe_read(const void *addr, u8 *val);

/* Print the call chain from the caller's frame, with function names. */
void hal_dump_stack(void);
/* The same for the code an interrupt or NMI interrupted (its frame), and
 * for a task switched out by hal_context_switch() (its saved_sp). */
struct trap_frame;
u64 hal_frame_ip(const struct trap_frame *f);
/* The frame of the interrupt this CPU is handling (NULL if none). */
const struct trap_frame *hal_irq_frame(void);
void hal_dump_frame_stack(const struct trap_frame *f);
void hal_dump_switched_stack(u64 saved_sp);

#endif

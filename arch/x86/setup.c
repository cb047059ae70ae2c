/*
 * arch/x86/setup.c - from the first C instruction to kernel_main().
 *
 * Order matters here, and each step says why it must come where it is.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"
#include "arch/x86/multiboot.h"
#include "arch/x86/serial.h"
#include "arch/x86/trap.h"
#include "arch/x86/vga.h"
#include "kernel/bootinfo.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/task.h"

#define MSR_GS_BASE 0xc0000101

/* What the assembly reads at fixed offsets (layout.h): hal_this_cpu()'s
 * %gs:0, and switch.asm's stack pointer in a task. */
BUILD_BUG_ON(offsetof(struct cpu_data, self) != CPU_DATA_SELF);
BUILD_BUG_ON(offsetof(struct task, saved_sp) != TASK_SAVED_SP);

extern char _load_start_phys[], _bss_end_phys[];

static u8 boot_df_stack[IST_STACK_SIZE] __aligned(16);
static u8 boot_nmi_stack[IST_STACK_SIZE] __aligned(16);

static bool vga_enabled;

void hal_console_write(const char *s, size_t len)
{
	serial_write(s, len);
	if (vga_enabled)
		vga_write(s, len);
}

int hal_console_getc(void)
{
	return serial_getc();
}

/* Only COM1 can type: the VGA text console has no keyboard here. */
bool hal_console_irq_start(unsigned cpu)
{
	return serial_rx_irq_start(cpu) == 0;
}

/* Point this CPU's GS base at its cpu_data, so this_cpu() works. */
void percpu_setup(unsigned cpu)
{
	struct cpu_data *c = percpu_init_cpu(cpu);
	wrmsr(MSR_GS_BASE, (u64)c);
}

void arch_main(u32 magic, u32 info_phys)
{
	/* Segments first: loading them clears the GS base, which per-CPU data
	 * (and so printk's lock) depends on. */
	gdt_init_cpu(0, (u64)(boot_df_stack + sizeof(boot_df_stack)),
		     (u64)(boot_nmi_stack + sizeof(boot_nmi_stack)));
	percpu_setup(0);
	/* Then exceptions, so that any mistake below is reported, not a
	 * silent triple fault. */
	idt_init();
	idt_load();
	pic_disable();
	serial_init();
	stack_protector_init(); /* canary.c: why here, and not earlier */
	cr4_protect_init();	/* SMEP, SMAP: what the CPU has */

	multiboot_parse(magic, info_phys);
	/* The kernel image is ours; the page allocator must not hand it out. */
	boot_reserve((u64)_load_start_phys,
		     (u64)_bss_end_phys - (u64)_load_start_phys);
	if (boot_info.text_console) {
		vga_init();
		vga_enabled = true;
	}
	tsc_calibrate();
	kernel_main();
}

/* What arch_main() learnt before the console could say it, printed once
 * kernel_main() has printed its banner. */
void hal_boot_report(void)
{
	stack_protector_report();
	cr4_protect_report();
	tsc_print_report();
}

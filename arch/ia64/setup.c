/*
 * arch/ia64/setup.c - from the first C instruction to kernel_main(), and
 * the HAL's console, time and power functions on IA-64.
 *
 * Order matters, as on x86: per-CPU data first (printk's lock uses it),
 * then the firmware's hand-off (the command line, the memory map, the
 * tables), then the console (its address is in ACPI's SPCR), then the
 * clocks (from SAL and PAL), then the kernel.
 */
#include "arch/ia64/cpu.h"
#include "arch/ia64/efi.h"
#include "arch/ia64/firmware.h"
#include "kernel/bootinfo.h"
#include "kernel/hal.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "lib/vsnprintf.h"

extern char _load_start_phys[], _bss_end_phys[];

/* --- the console: a polled 16550 ---------------------------------------- */

enum { UART_DATA = 0, UART_LSR = 5 };
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20

static volatile u8 *uart;

static void uart_putc(char c)
{
	while (!(uart[UART_LSR] & LSR_THR_EMPTY))
		hal_cpu_relax();
	uart[UART_DATA] = (u8)c;
}

void hal_console_write(const char *s, size_t len)
{
	if (!uart)
		return;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}

int hal_console_getc(void)
{
	if (!uart || !(uart[UART_LSR] & LSR_DATA_READY))
		return -1;
	return uart[UART_DATA];
}

/* The UART has no interrupt line here (the SPCR says so): input is
 * polled. */
bool hal_console_irq_start(unsigned cpu)
{
	(void)cpu;
	return false;
}

/* --- time ------------------------------------------------------------------
 */

static u64 boot_cycles, cycles_per_ms;
static char itc_report[128]; /* printed by hal_boot_report() */
static bool itc_assumed;     /* ... as an error: no frequency given */

/* The ITC's rate: the platform's base frequency (SAL_FREQ_BASE) times
 * the ITC's ratio to it (PAL_FREQ_RATIOS, numerator << 32 | denominator),
 * as Linux/ia64 computed it. */
static void itc_calibrate(void)
{
	struct ia64_fw_ret base =
	    sal_call(SAL_FREQ_BASE, SAL_FREQ_BASE_PLATFORM, 0, 0, 0);
	struct ia64_fw_ret ratios = pal_call(PAL_FREQ_RATIOS, 0, 0, 0);
	u64 num = ratios.v2 >> 32, den = (u32)ratios.v2;
	if (base.status || ratios.status || !base.v0 || !num || !den) {
		snprintf(itc_report, sizeof(itc_report),
			 "time: the firmware gives no ITC frequency (SAL %ld, "
			 "PAL %ld); assuming 100 MHz\n",
			 (long)base.status, (long)ratios.status);
		cycles_per_ms = 100000;
		itc_assumed = true;
		return;
	}
	cycles_per_ms = base.v0 / 1000 * num / den;
	snprintf(itc_report, sizeof(itc_report),
		 "time: ITC at %llu kHz (base %llu Hz x %llu/%llu)\n",
		 cycles_per_ms, base.v0, num, den);
}

/* The ITC's line, once kernel_main() has printed its banner. */
void hal_boot_report(void)
{
	if (itc_assumed)
		pr_err("%s", itc_report);
	else
		pr_info("%s", itc_report);
}

u64 hal_cycles_per_ms(void)
{
	return cycles_per_ms;
}

u64 hal_boot_cycles(void)
{
	return boot_cycles;
}

/* --- power -----------------------------------------------------------------
 */

__noreturn void hal_poweroff(bool success)
{
	efi_poweroff(success ? 0 : 1);
}

/* Interrupts off, then PAL_HALT_LIGHT for ever: it returns on any
 * pending interrupt, so loop. */
__noreturn void hal_halt_forever(void)
{
	hal_irq_disable();
	for (;;)
		pal_call(PAL_HALT_LIGHT, 0, 0, 0);
}

/* PAL_HALT_LIGHT returns when an interrupt is pending, even one that
 * psr.i masks: so halt with interrupts off, then turn them on, and the
 * interrupt that woke us is taken - a wake-up between the caller's check
 * and the halt cannot be lost. */
void hal_cpu_idle(void)
{
	hal_irq_disable();
	pal_call(PAL_HALT_LIGHT, 0, 0, 0);
	hal_irq_enable();
}

/* Physical mode: no translation, so no page tables to build; every byte
 * of RAM is at its own address (hal_phys_to_virt). */
void hal_mm_init(void)
{
	pr_info("mm: physical mode, no translation (IA-64)\n");
}

/* --- per-CPU data ----------------------------------------------------------
 */

/* ar.k3 holds this CPU's cpu_data (hal_arch.h).  Each CPU calls this
 * once for itself, first thing in C (ia64_setup, ia64_ap_start), with
 * interrupts off: until it has, this CPU must not print, lock or panic,
 * which all read per-CPU data. */
void percpu_setup(unsigned cpu)
{
	struct cpu_data *c = percpu_init_cpu(cpu);
	__asm__ __volatile__("mov ar.k3 = %0 ;;" ::"r"(c) : "memory");
}

/* The boot CPU's first C function: entry.S calls it once, on the boot
 * stacks, interrupts off, in physical mode and bank 1, with the boot
 * parameters the firmware left in r28.  Ends in kernel_main(), which never
 * returns. */
void ia64_setup(const struct ia64_boot_param *bp)
{
	boot_cycles = hal_cycles();
	percpu_setup(0);
	efi_init(bp);
	uart = (volatile u8 *)efi_console_uart();
	/* The kernel image is ours; the page allocator must not hand it out. */
	boot_reserve((u64)_load_start_phys,
		     (u64)_bss_end_phys - (u64)_load_start_phys);
	if (sal_init(efi_sal_systab)) {
		itc_calibrate();
	} else {
		pr_err("time: no SAL to ask for the ITC's rate; assuming "
		       "100 MHz\n");
		cycles_per_ms = 100000;
	}
	kernel_main();
}

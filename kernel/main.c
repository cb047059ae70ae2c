/*
 * kernel/main.c - the boot sequence, once the architecture has a console.
 *
 * Each step needs the ones before it:
 *   command line   decides how much we print and what we do at the end;
 *   page allocator needs boot_info's memory map;
 *   page tables    need the page allocator for their tables;
 *   heap           needs both (its arenas are pages, reached by the map).
 * Then the scheduler, the interrupt controllers and the boot CPU's timer,
 * the first interrupt, the other CPUs, and the migration threads, which
 * start on CPU 0 and move themselves home (sched.c); `migration: home N/N`
 * and `boot: ready in T ms` mark the end of initialisation, counted from the
 * kernel's first instruction (boot/entry.asm notes the cycle counter).
 */
#include "kernel/bootinfo.h"
#include "kernel/hal.h"
#include "kernel/ktest.h"
#include "kernel/lockcheck.h"
#include "kernel/monitor.h"
#include "kernel/museum.h"
#include "kernel/page_alloc.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/trace.h"
#include "kernel/ubsan.h"
#include "kernel/watchdog.h"

#ifndef TERN_VERSION
#define TERN_VERSION "unknown"
#endif

/*
 * The rest of boot runs as a thread ("init", pid 1) so that it can sleep
 * and be scheduled like any other - migration_init() waits for the
 * migration threads - while the boot CPU's original context becomes idle/0.
 */
static void init_thread(void *unused)
{
	(void)unused;
	watchdog_init(); /* the cycle counter is calibrated by now */
	museum_init();
	migration_init();
	pr_info("boot: ready in %llu ms\n", ms_since_boot());
	museum_start(); /* bug=: the exhibit's threads, if it has some */

	if (params.ktest[0])
		ktest_run(params.ktest);
	if (params.poweroff) {
		pr_info("poweroff: as asked on the command line\n");
		hal_poweroff(true);
	}
	monitor_run();
}

void kernel_main(void)
{
	pr_info("Tern " TERN_VERSION
		" - a teaching kernel for SMP scheduling\n");
	pr_info("boot: loaded by %s (%s), command line: \"%s\"\n",
		boot_info.loader,
		boot_info.protocol == BOOT_EFI		? "EFI"
		: boot_info.protocol == BOOT_MULTIBOOT2 ? "multiboot2"
							: "multiboot1",
		boot_info.cmdline);
	if (boot_info.cmdline_truncated)
		pr_warn("cmdline: longer than %d bytes; the rest is ignored\n",
			BOOT_CMDLINE_MAX - 1);
	hal_boot_report(); /* the boot CPU: its clock, its protections */
	params_parse(boot_info.cmdline);
	lockcheck_init();
	ubsan_init(); /* ubsan=warn|panic */
	if (params.help)
		params_print_help();

	page_alloc_init();     /* free pages, from the loader's memory map */
	hal_mm_init();	       /* the kernel's own page tables */
	sched_init();	       /* runqueues; every CPU's idle task */
	hal_irq_init();	       /* interrupt controllers, all sources quiet */
	smp_probe();	       /* the firmware's list of CPUs */
	hal_timer_calibrate(); /* the boot CPU's timer: how fast it counts */
	time_init();	       /* jiffies, from the calibrated cycle counter */
	smp_boot_cpu_online(); /* the boot CPU's tick, and it counts online */
	hal_irq_enable();      /* the first interrupt: from here on, ticks */
	smp_init();	       /* start the other CPUs: `smp: online N/M` */
	trace_init();	       /* the rings of the CPUs now online */

	struct task *init = kthread_create(init_thread, NULL, "init");
	if (!init)
		panic("boot: no memory for the init thread");
	kthread_bind(init, 0);
	wake_up_process(init);
	cpu_idle();
}

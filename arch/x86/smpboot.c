/*
 * arch/x86/smpboot.c - starting the application processors (APs).
 *
 * The firmware tables list the CPUs by APIC ID.  The boot CPU becomes
 * logical CPU 0; the usable others get 1, 2, ... in table order.
 *
 * To start an AP the boot CPU sends it INIT (reset, wait for STARTUP), then
 * STARTUP twice with the trampoline's page number as the vector (Intel SDM
 * vol. 3, 8.4.4 "MP initialization example": INIT, 10 ms, SIPI, 200 us,
 * SIPI).  The second STARTUP is for CPUs that missed the first; a CPU that
 * is already running ignores it.
 *
 * All APs are started together: INIT to every one, one 10 ms wait, STARTUP
 * to every one, one 200 us wait, STARTUP again.  The waits are paid once,
 * not once per CPU, so boot time hardly grows with the number of CPUs.  The
 * trampoline shares nothing writable between APs: each finds its own stack
 * in ap_boot_table by its APIC ID.
 */
#include "arch/x86/smpboot.h"
#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"
#include "arch/x86/ioapic.h"
#include "arch/x86/lapic.h"
#include "arch/x86/paging.h"
#include "arch/x86/platform.h"
#include "arch/x86/trap.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "lib/string.h"

#define AP_START_TIMEOUT_MS 2000

/* TRAMPOLINE_PHYS, IST_STACK_SIZE and the AP_BOOT_* offsets, which
 * trampoline.asm reads: layout.h. */
struct ap_boot_entry {
	u32 apic_id;
	u32 cpu;
	u64 stack_top;
};
BUILD_BUG_ON(offsetof(struct ap_boot_entry, apic_id) != AP_BOOT_APIC_ID);
BUILD_BUG_ON(offsetof(struct ap_boot_entry, cpu) != AP_BOOT_CPU);
BUILD_BUG_ON(offsetof(struct ap_boot_entry, stack_top) != AP_BOOT_STACK_TOP);
BUILD_BUG_ON(sizeof(struct ap_boot_entry) != AP_BOOT_ENTRY_SIZE);
/* STARTUP's vector is a page number below 1 MiB. */
BUILD_BUG_ON(TRAMPOLINE_PHYS % PAGE_SIZE || TRAMPOLINE_PHYS >= 0x100000);

struct ap_start_log ap_start_log;

/* Read by trampoline.asm's ap_entry64 before it has a stack. */
struct ap_boot_entry ap_boot_table[NR_CPUS];
u32 ap_boot_count;
u64 kernel_cr3;

extern const char trampoline_start[], trampoline_end[];
extern const char trampoline_cr3[], trampoline_efer[], trampoline_target[];
extern const char ap_entry64[];

static void *boot_stack[NR_CPUS]; /* each AP's first stack (its idle's) */
static void *df_stack[NR_CPUS];	  /* each CPU's IST stacks (gdt.c) */
static void *nmi_stack[NR_CPUS];

extern char boot_stack_top[]; /* the boot CPU's: boot/entry.asm */

void *hal_cpu_boot_stack(unsigned cpu)
{
	BUG_ON(cpu >= NR_CPUS);
	return cpu == 0 ? boot_stack_top : boot_stack[cpu];
}

/* Boot CPU, once, interrupts off, after hal_irq_init() has read the
 * firmware's tables (kernel/hal.h): the enabled CPUs, the boot CPU first,
 * each one's APIC ID in cpu_data[].hw_id. */
unsigned hal_smp_probe(void)
{
	u32 me = lapic_id();
	unsigned n = 1, skipped = 0;

	BUG_ON(hal_irqs_enabled() || platform.source == NULL);
	cpu_data[0].hw_id = me;
	for (int i = 0; i < platform.nr_cpus; i++) {
		const struct platform_cpu *c = &platform.cpus[i];
		if (!c->enabled || c->apic_id == me)
			continue;
		if (n == NR_CPUS) {
			skipped++;
			continue;
		}
		cpu_data[n++].hw_id = c->apic_id;
	}
	if (skipped)
		pr_warn("smp: %u more CPUs than NR_CPUS=%d; they stay off\n",
			skipped, NR_CPUS);
	return n;
}

/* Put the trampoline below 1 MiB and fill in its variables. */
static void trampoline_install(void)
{
	size_t size = (size_t)(trampoline_end - trampoline_start);
	u8 *dst = hal_phys_to_virt(TRAMPOLINE_PHYS);
	memcpy(dst, trampoline_start, size);

	u32 cr3 = (u32)paging_trampoline_root(TRAMPOLINE_PHYS);
	u32 efer = EFER_LME | (paging_nx_enabled() ? EFER_NXE : 0);
	u64 target = (u64)ap_entry64;
	memcpy(dst + (trampoline_cr3 - trampoline_start), &cr3, 4);
	memcpy(dst + (trampoline_efer - trampoline_start), &efer, 4);
	memcpy(dst + (trampoline_target - trampoline_start), &target, 8);
	kernel_cr3 = paging_kernel_root();
}

/*
 * The C side of an AP's first steps: called by trampoline.asm's ap_entry64
 * alone, with the number `cpu` it found in ap_boot_table by its APIC ID, on
 * the stack prepare_cpu() gave it, on the kernel's page tables, interrupts
 * off (cli in the trampoline).  There is no per-CPU data yet - no printk,
 * no panic - until percpu_setup(); the checks come as soon as a failure
 * can be reported.  Ends in smp_secondary_start(), never returns.
 */
__noreturn void ap_main(u32 cpu)
{
	/* `ap_stall=N`: play a CPU that never finishes starting, so that the
	 * boot CPU's time-out and report can be seen (and tested). */
	if ((int)cpu == params.ap_stall)
		hal_halt_forever();

	gdt_init_cpu(cpu, (u64)df_stack[cpu], (u64)nmi_stack[cpu]);
	percpu_setup(cpu);
	idt_load();
	BUG_ON(hal_irqs_enabled() || cpu_id() != cpu);
	BUG_ON(cpu == 0 || !cpumask_test_cpu(cpu, &ap_start_log.aps));
	cr4_protect_init(); /* SMEP, SMAP, as on the boot CPU */
	lapic_setup_cpu();
	smp_secondary_start();
}

/*
 * The two IPIs that start an AP, each noted in ap_start_log (smpboot.h) with
 * the cycle counter's time and how many APs are now in flight: sent INIT,
 * not yet online.  INIT resets the AP and leaves it waiting for STARTUP;
 * STARTUP's vector is the page where it starts, the trampoline's.
 */
static void note_in_flight(void)
{
	unsigned cpu, n = 0;
	for (cpu = 1; cpu < NR_CPUS; cpu++)
		n += ap_start_log.inits[cpu] && !cpu_online(cpu);
	ap_start_log.max_in_flight = MAX(ap_start_log.max_in_flight, n);
}

/* Boot CPU, from hal_smp_boot() (and the lab's version of it), for an AP
 * that prepare_cpu() made ready; any interrupt state. */
static void check_ap(unsigned cpu)
{
	BUG_ON(cpu_id() != 0 || cpu == 0 || cpu >= NR_CPUS);
	BUG_ON(!cpumask_test_cpu(cpu, &ap_start_log.aps));
}

void ap_send_init(unsigned cpu)
{
	check_ap(cpu);
	lapic_send_ipi(cpu_data[cpu].hw_id, APIC_DM_INIT, 0);
	ap_start_log.last_init_at[cpu] = hal_cycles();
	ap_start_log.inits[cpu]++;
	note_in_flight();
}

void ap_send_startup(unsigned cpu)
{
	u8 vector = TRAMPOLINE_PHYS >> PAGE_SHIFT;
	check_ap(cpu);
	lapic_send_ipi(cpu_data[cpu].hw_id, APIC_DM_STARTUP, vector);
	u64 now = hal_cycles();
	if (!ap_start_log.startups[cpu])
		ap_start_log.first_startup_at[cpu] = now;
	ap_start_log.last_startup_at[cpu] = now;
	ap_start_log.startups[cpu]++;
	note_in_flight();
}

/*
 * Boot CPU, from hal_smp_boot(), before trampoline_install(): the AP's
 * stacks (its first, which its idle task keeps, and the IST ones) and its
 * line in ap_boot_table, which ap_entry64 reads.  False, after a message,
 * when memory runs out; the AP is then not started.
 */
static bool prepare_cpu(unsigned cpu)
{
	BUG_ON(cpu == 0 || cpu >= NR_CPUS || cpu_online(cpu));
	BUG_ON(ap_boot_count >= NR_CPUS);
	void *stack = hal_stack_alloc(KSTACK_SIZE);
	df_stack[cpu] = hal_stack_alloc(IST_STACK_SIZE);
	nmi_stack[cpu] = hal_stack_alloc(IST_STACK_SIZE);
	if (!stack || !df_stack[cpu] || !nmi_stack[cpu]) {
		pr_err("smp: no memory for cpu %u's stacks\n", cpu);
		return false;
	}
	boot_stack[cpu] = stack; /* its idle task's, hal_cpu_boot_stack() */
	ap_boot_table[ap_boot_count++] =
	    (struct ap_boot_entry){.apic_id = cpu_data[cpu].hw_id,
				   .cpu = cpu,
				   .stack_top = (u64)stack};
	return true;
}

/* smp_serial=on, for `make bench`: one AP after the other, each with its
 * own INIT, 10 ms, STARTUP, 200 us, STARTUP, and the next only once it is
 * online - as xv6 starts its CPUs.  What starting them all at once buys is
 * the difference (docs/bench.md). */
static void start_one_at_a_time(const cpumask_t *todo)
{
	unsigned cpu;
	for_each_cpu(cpu, todo) {
		cpumask_t one = cpumask_of(cpu);
		ap_send_init(cpu);
		mdelay(10);
		ap_send_startup(cpu);
		udelay(200);
		if (!cpu_online(cpu))
			ap_send_startup(cpu);
		smp_wait_online(&one, AP_START_TIMEOUT_MS);
	}
}

/* Boot CPU, once, from smp_init(), interrupts on (kernel/hal.h). */
unsigned hal_smp_boot(const cpumask_t *cpus)
{
	cpumask_t todo;
	unsigned cpu, started;

	BUG_ON(cpu_id() != 0 || !hal_irqs_enabled() || ap_boot_count != 0);
	memset(&ap_start_log, 0, sizeof(ap_start_log));
	cpumask_clear(&todo);
	for_each_cpu(cpu, cpus)
		if (prepare_cpu(cpu)) {
			cpumask_set_cpu(cpu, &todo);
			cpumask_set_cpu(cpu, &ap_start_log.aps);
		}
	trampoline_install();
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	if (params.smp_serial) {
		start_one_at_a_time(&todo);
		goto wait;
	}

	/* LAB 9 BEGIN stub: for_each_cpu(cpu, &todo) ap_send_startup(cpu); */
	/* All at once: INIT to every AP, one wait, STARTUP to every AP, one
	 * wait, STARTUP again to those that missed the first. */
	for_each_cpu(cpu, &todo)
		ap_send_init(cpu);
	mdelay(10);
	for_each_cpu(cpu, &todo)
		ap_send_startup(cpu);
	udelay(200);
	for_each_cpu(cpu, &todo)
		if (!cpu_online(cpu))
			ap_send_startup(cpu);
	/* LAB 9 END */

wait:
	started = smp_wait_online(&todo, AP_START_TIMEOUT_MS);
	for_each_cpu(cpu, &todo)
		if (!cpu_online(cpu))
			pr_err("smp: cpu %u (apic id %u) did not start\n", cpu,
			       cpu_data[cpu].hw_id);
	pr_debug("smp: %u APs started, at most %u in flight at once\n", started,
		 ap_start_log.max_in_flight);
	return started;
}

/*
 * arch/ia64/smp.c - finding the CPUs (and, later, starting them).
 *
 * The CPUs are the enabled local SAPIC entries (type 7) of ACPI's MADT,
 * which kernel/acpi.c finds and walks for both architectures.  Each has a
 * SAPIC id and eid: the pair a CPU reads in its cr.lid and the address of
 * its slot in the processor interrupt block.  A CPU's hardware id in Tern
 * is id << 8 | eid (IA64_HW_ID, cpu.h).  The boot CPU is the one whose
 * cr.lid matches; it becomes CPU 0, the others follow in table order.
 *
 * Starting them (docs/ia64.md): the others wait in the firmware.  The
 * kernel registers its entry for them with SAL_SET_VECTORS (the boot
 * rendezvous: ia64_ap_entry in entry.S, with the kernel's gp), gives each
 * a stack, and sends each the wake-up vector that the SAL system table
 * names, through the processor interrupt block - all of them at once, as
 * the x86 side sends one INIT-SIPI-SIPI round.  Each then comes to
 * ia64_ap_start(), sets up its per-CPU data and calls
 * smp_secondary_start().
 *
 * IPIs are 8-byte stores to the processor interrupt block, at
 * (id << 12 | eid << 4) from its base (the MADT's local interrupt
 * controller address), with delivery_mode << 8 | vector (PIB_*).
 */
#include "kernel/smp.h"
#include "arch/ia64/asm.h"
#include "arch/ia64/cpu.h"
#include "arch/ia64/efi.h"
#include "arch/ia64/firmware.h"
#include "kernel/acpi.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"

static u64 pib_base = 0xfee00000; /* the MADT says; this is the default */

/* Physical mode: bit 63 makes an access uncacheable, as device registers
 * must be. */
#define UNCACHED IA64_BIT(63)

/* The processor interrupt block: a CPU's slot, and what a store there
 * says (SDM vol. 2, "Inter-processor Interrupt Messages"). */
#define PIB_ID_SHIFT   12 /* the slot: id << 12 | eid << 4 */
#define PIB_EID_SHIFT  4
#define PIB_DM_SHIFT   8 /* the data: delivery mode << 8 | vector */
#define PIB_DM_MAX     7 /* 3 bits */
#define PIB_VECTOR_MAX 0xff

#define AP_START_TIMEOUT_MS 2000

/* The first stack of each CPU being started, by SAPIC id (entry.S). */
u64 ia64_ap_stack[IA64_NR_SAPIC_IDS];
extern char ia64_ap_entry[]; /* the code, not a function descriptor */

/* entry.S indexes it with cr.lid's id field, 8 bytes an entry. */
BUILD_BUG_ON(IA64_NR_SAPIC_IDS != 1 << IA64_LID_FIELD_BITS);
BUILD_BUG_ON(sizeof(ia64_ap_stack[0]) != 8);

static u32 my_hw_id(void)
{
	const u64 field = (1UL << IA64_LID_FIELD_BITS) - 1;
	u64 lid;
	__asm__ __volatile__("mov %0 = cr.lid" : "=r"(lid));
	return IA64_HW_ID(lid >> IA64_LID_ID_SHIFT & field,
			  lid >> IA64_LID_EID_SHIFT & field);
}

/* The boot CPU's stack is entry.S's; the kernel has never recorded it
 * (gdb then assumes a size). */
void *hal_cpu_boot_stack(unsigned cpu)
{
	return cpu ? (void *)ia64_ap_stack[cpu_data[cpu].hw_id >> 8] : NULL;
}

/* What the MADT walk collects (an acpi_madt_fn's argument). */
struct madt_cpus {
	u32 me;		  /* the boot CPU's id << 8 | eid */
	unsigned n;	  /* CPUs found, the boot CPU included */
	unsigned skipped; /* enabled CPUs beyond NR_CPUS */
	u64 pib;	  /* from an address override entry, else 0 */
};

static void madt_entry(void *arg, const struct madt_entry *e)
{
	struct madt_cpus *c = arg;
	const struct madt_lsapic *l = (const void *)e;

	if (e->type == MADT_LAPIC_ADDR) {
		c->pib = ((const struct madt_lapic_addr *)e)->addr;
		return;
	}
	if (e->type != MADT_LSAPIC || !(l->flags & MADT_CPU_ENABLED))
		return;
	u32 id = IA64_HW_ID(l->id, l->eid);
	if (id == c->me)
		return; /* the boot CPU is CPU 0 already */
	if (c->n == NR_CPUS) {
		c->skipped++;
		return;
	}
	cpu_data[c->n++].hw_id = id;
}

unsigned hal_smp_probe(void)
{
	struct madt_cpus c = {.me = my_hw_id(), .n = 1};
	const struct acpi_madt *madt;
	struct acpi_root root;
	u64 phys;

	cpu_data[0].hw_id = c.me;
	madt = efi_acpi_root(&root)
		   ? acpi_madt_walk(&root, madt_entry, &c, &phys)
		   : NULL;
	if (!madt) {
		pr_err("smp: no usable ACPI MADT; only the boot CPU runs\n");
		return 1;
	}
	pib_base = c.pib ? c.pib : madt->lapic_addr;
	if (c.skipped)
		pr_warn("smp: %u more CPUs than NR_CPUS=%d; they stay off\n",
			c.skipped, NR_CPUS);
	return c.n;
}

/*
 * An IPI: delivery mode and vector to the CPU with hardware id hw.  Any
 * CPU, any context (interrupts on or off, locks held or not): it is one
 * uncached 8-byte store, which the interrupt block takes whole, so
 * senders need no lock.  The target takes it when its psr.i lets it
 * (irq.c); the sender does not wait.
 */
void ia64_send_ipi(u32 hw, unsigned mode, unsigned vector)
{
	BUG_ON(mode > PIB_DM_MAX || vector > PIB_VECTOR_MAX);
	volatile u64 *slot =
	    (volatile u64 *)(UNCACHED | pib_base |
			     (u64)IA64_HW_ID_SAPIC(hw) << PIB_ID_SHIFT |
			     (u64)IA64_HW_ID_EID(hw) << PIB_EID_SHIFT);
	*slot = (u64)mode << PIB_DM_SHIFT | vector;
}

/*
 * An AP's first C function.  entry.S (ia64_ap_entry) calls it once, on
 * the stack that prepare_cpu() gave this CPU and with its backing store,
 * in the state SAL's boot rendezvous starts a CPU in: physical mode,
 * interrupts off, interruption collection on, register bank 1, no
 * per-CPU data yet (so nothing before percpu_setup() may print, lock or
 * panic).  No lock held.  It finds its logical number by its cr.lid,
 * points ar.k3 at its cpu_data and goes on as that CPU's idle task in
 * smp_secondary_start(), which never returns.  A CPU that is not in the
 * table, or that `ap_stall=` names, halts for good instead.
 */
__noreturn void ia64_ap_start(void)
{
	u32 me = my_hw_id();
	unsigned cpu = 1;
	while (cpu < nr_cpus_present && cpu_data[cpu].hw_id != me)
		cpu++;
	/* `ap_stall=N`: play a CPU that never finishes starting, so that the
	 * boot CPU's time-out and report can be seen (and tested). */
	if (cpu == nr_cpus_present || (int)cpu == (int)params.ap_stall)
		hal_halt_forever();
	percpu_setup(cpu);
	u64 psr = ia64_psr();
	BUG_ON(psr & IA64_PSR_I || !(psr & IA64_PSR_IC));
	BUG_ON(psr & (IA64_PSR_DT | IA64_PSR_RT)); /* physical mode */
	smp_secondary_start();
	for (;;) /* (smp_secondary_start idles for ever) */
		;
}

/* A stack for CPU cpu (never the boot CPU) to start on, where entry.S
 * looks for it; false, and a console line, when there is no memory.
 * Boot CPU, from hal_smp_boot(), before the wake-up IPI. */
static bool prepare_cpu(unsigned cpu)
{
	void *stack = hal_stack_alloc(KSTACK_SIZE);
	if (!stack) {
		pr_err("smp: no memory for cpu %u's stack\n", cpu);
		return false;
	}
	ia64_ap_stack[cpu_data[cpu].hw_id >> 8] = (u64)stack;
	return true;
}

/*
 * Start the CPUs in cpus: register ia64_ap_entry, with the kernel's gp, as
 * SAL's boot rendezvous (SAL_SET_VECTORS), give each CPU its first stack
 * (prepare_cpu), then send each the wake-up vector the SAL system table
 * names, all at once, and wait for them (smp_wait_online).  Boot CPU,
 * once, from smp_init(), interrupts on, no lock held; cpus never holds the
 * boot CPU.  Returns how many came online; each that did not is named on
 * the console.  Without a wake-up vector or a rendezvous, none is woken.
 */
unsigned hal_smp_boot(const cpumask_t *cpus)
{
	cpumask_t todo;
	unsigned cpu, started;
	u64 gp;

	BUG_ON(cpu_id() != 0 || cpumask_test_cpu(0, cpus));
	BUG_ON(!hal_irqs_enabled());

	if (params.smp_serial)
		pr_warn("smp_serial: x86 only; IA-64 wakes its CPUs as "
			"always\n");
	if (!sal_wakeup_vector) {
		pr_err("smp: the firmware names no AP wake-up vector; the "
		       "other CPUs stay off\n");
		return 0;
	}
	__asm__("mov %0 = gp" : "=r"(gp));
	struct ia64_fw_ret r =
	    sal_call(SAL_SET_VECTORS, SAL_VECTOR_OS_BOOT_RENDEZ,
		     (u64)ia64_ap_entry, gp, 0);
	if (r.status) {
		pr_err("smp: SAL_SET_VECTORS failed (%lld); the other CPUs "
		       "stay off\n",
		       (long long)r.status);
		return 0;
	}
	cpumask_clear(&todo);
	for_each_cpu(cpu, cpus)
		if (prepare_cpu(cpu))
			cpumask_set_cpu(cpu, &todo);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for_each_cpu(cpu, &todo)
		ia64_send_ipi(cpu_data[cpu].hw_id, 0,
			      (unsigned)sal_wakeup_vector);

	started = smp_wait_online(&todo, AP_START_TIMEOUT_MS);
	for_each_cpu(cpu, &todo)
		if (!cpu_online(cpu))
			pr_err(
			    "smp: cpu %u (sapic id %u eid %u) did not start\n",
			    cpu, cpu_data[cpu].hw_id >> 8,
			    cpu_data[cpu].hw_id & 0xff);
	return started;
}

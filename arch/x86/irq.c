/*
 * arch/x86/irq.c - the local APIC's vectors: timer, IPIs, errors.
 *
 * Each handler ends the interrupt at the APIC (EOI) so that the next one of
 * the same or lower priority can be delivered.  The IPI handlers send EOI
 * first: IPI_STOP never returns, and a call-function handler may run long.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/ioapic.h"
#include "arch/x86/lapic.h"
#include "arch/x86/platform.h"
#include "arch/x86/trap.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/watchdog.h"

static volatile bool stop_requested;

/* Unexpected NMIs that came while their CPU was writing a line: reported
 * after, by the next NMI or timer interrupt there, so that the line (a
 * `tern> ` prompt, say) is not cut in two.  Only that CPU touches its own. */
static u64 nmis_unreported[NR_CPUS];

static void report_unreported_nmis(void)
{
	unsigned cpu = cpu_id();
	if (likely(!READ_ONCE(nmis_unreported[cpu])))
		return;
	/* one instruction: an NMI cannot come between the read and the 0 */
	u64 n = __atomic_exchange_n(&nmis_unreported[cpu], 0, __ATOMIC_RELAXED);
	pr_err("nmi: %llu unexpected NMI%s on cpu %u came while it was "
		"printing\n",
		n, n == 1 ? "" : "s", cpu);
}

static void timer_interrupt(struct trap_frame *f)
{
	(void)f;
	timer_tick();
	lapic_eoi();
	report_unreported_nmis();
}

static void reschedule_ipi(struct trap_frame *f)
{
	(void)f;
	lapic_eoi();
	smp_ipi_handler(IPI_RESCHEDULE);
}

static void call_function_ipi(struct trap_frame *f)
{
	(void)f;
	lapic_eoi();
	smp_ipi_handler(IPI_CALL_FUNCTION);
}

/* NMIs need no EOI.  Ours are the stop IPI and the watchdog's question;
 * anything else (QEMU's monitor command `nmi`, say) is reported.  An NMI
 * can come in the middle of anything, a printk included: printk never
 * waits for a console lock that the interrupted code on this CPU is
 * taking, holding or releasing (printk.h). */
static void nmi(struct trap_frame *f)
{
	if (stop_requested)
		smp_ipi_handler(IPI_STOP);
	if (watchdog_nmi(f))
		return;
	if (printk_inside_console()) {
		nmis_unreported[cpu_id()]++;
		return;
	}
	report_unreported_nmis();
	/* an error, as Linux reports them: printk starts it on a line of its
	 * own even when another CPU has left one half-written (a key echoed
	 * at the prompt) */
	pr_err("nmi: unexpected NMI on cpu %u at %#llx\n", cpu_id(), f->rip);
}

static void apic_error(struct trap_frame *f)
{
	(void)f;
	pr_warn("lapic: error interrupt on cpu %u\n", cpu_id());
	lapic_eoi();
}

/* A spurious interrupt is not in service: no EOI (SDM vol. 3, 10.9). */
static void spurious(struct trap_frame *f)
{
	(void)f;
}

/* The 8259s are masked, but one can still raise IRQ 7/15 spuriously. */
static void legacy_pic(struct trap_frame *f)
{
	(void)f;
}

/* The handlers of the local APIC's vectors (and the 8259s' leftovers). */
static void irq_set_handlers(void)
{
	trap_set_handler(VEC_TIMER, timer_interrupt);
	trap_set_handler(VEC_RESCHEDULE, reschedule_ipi);
	trap_set_handler(VEC_CALL_FUNCTION, call_function_ipi);
	trap_set_handler(VEC_NMI, nmi);
	trap_set_handler(VEC_APIC_ERROR, apic_error);
	trap_set_handler(VEC_SPURIOUS, spurious);
	for (unsigned v = VEC_PIC_BASE; v < VEC_PIC_BASE + 16; v++)
		trap_set_handler(v, legacy_pic);
}

/*
 * Boot CPU, once, interrupts off, from kernel_main() (kernel/hal.h): the
 * firmware's tables say where the controllers are (platform.c; they list
 * the CPUs too, for hal_smp_probe()), then this CPU's local APIC (timer
 * masked), the IOAPICs (every pin masked), and the handlers.  The 8259s
 * were masked in arch_main().  Nothing arrives before hal_timer_start()
 * and hal_irq_enable().
 */
void hal_irq_init(void)
{
	BUG_ON(cpu_id() != 0 || hal_irqs_enabled());
	platform_init();
	lapic_init();
	ioapic_init();
	irq_set_handlers();
}

void hal_send_ipi(unsigned cpu, enum ipi_kind kind)
{
	u32 apic = cpu_data[cpu].hw_id;
	switch (kind) {
	case IPI_RESCHEDULE:
		lapic_send_ipi(apic, APIC_DM_FIXED, VEC_RESCHEDULE);
		break;
	case IPI_CALL_FUNCTION:
		lapic_send_ipi(apic, APIC_DM_FIXED, VEC_CALL_FUNCTION);
		break;
	case IPI_STOP:
		stop_requested = true;
		lapic_send_ipi(apic, APIC_DM_NMI, 0);
		break;
	case IPI_WATCHDOG:
		lapic_send_ipi(apic, APIC_DM_NMI, 0);
		break;
	}
}

void hal_timer_calibrate(void)
{
	lapic_timer_calibrate();
}

void hal_timer_start(unsigned hz)
{
	lapic_timer_start(hz);
}

void hal_timer_stop(void)
{
	lapic_timer_stop();
}

/*
 * arch/ia64/irq.c - external interrupts and the interval timer.
 *
 * interrupt.S saves the interrupted state and calls ia64_interrupt(),
 * which takes each pending vector from the local SAPIC's cr.ivr (highest
 * first; 0x0f: nothing left), handles it, and ends it with a write to
 * cr.eoi.  Leaving an interrupt is a preemption point, as on x86.
 *
 * The timer: the ITC counts up; when it passes cr.itm, the vector in
 * cr.itv is raised.  Each tick arms the next one period after the last
 * deadline, not after "now", so the ticks do not drift; a tick that comes
 * so late that the next deadline has passed too skips ahead to the next
 * one still in the future (timer_tick() counts the time that passed,
 * kernel/time.h), since a cr.itm behind the ITC would never fire.
 */
#include "arch/ia64/cpu.h"
#include "arch/ia64/trap_frame.h"
#include "kernel/hal.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/watchdog.h"

enum {
	VECTOR_NMI = 0x02,	/* delivery mode NMI sends it */
	VECTOR_SPURIOUS = 0x0f, /* cr.ivr: nothing (more) pending */
	VECTOR_RESCHEDULE = 0xd0,
	VECTOR_CALL_FUNCTION = 0xd1,
	VECTOR_TIMER = 0xef,
};

/* Delivery modes of an IPI (the processor interrupt block, smp.c). */
enum { DM_FIXED = 0, DM_NMI = 4 };

static volatile bool stop_requested;

/* cr.itv, the timer's interrupt: its vector in bits 0-7, and m, which
 * masks it. */
#define ITV_MASKED IA64_BIT(16)

static u64 itc_per_tick; /* ITC cycles per tick; set once, before any tick */
static const struct trap_frame *irq_frames[NR_CPUS];

static u64 read_ivr(void)
{
	u64 v;
	__asm__ __volatile__("mov %0 = cr.ivr ;;\n\tsrlz.d"
			     : "=r"(v)::"memory");
	return v;
}

static void eoi(void)
{
	__asm__ __volatile__("mov cr.eoi = r0 ;;\n\tsrlz.d" ::: "memory");
}

static u64 read_itm(void)
{
	u64 v;
	__asm__ __volatile__("mov %0 = cr.itm" : "=r"(v));
	return v;
}

static void write_itm(u64 v)
{
	__asm__ __volatile__("mov cr.itm = %0 ;;\n\tsrlz.d" ::"r"(v)
			     : "memory");
}

/*
 * The next deadline: a period after the last one, or the first period
 * boundary after now if that has passed.  The ITC runs on while we
 * compute and write: a deadline only a few cycles ahead can be behind it
 * by the time cr.itm holds it, and then it would not fire until the ITC
 * wraps - the CPU would lose its tick for good (and, idle in
 * PAL_HALT_LIGHT, never wake).  So check after writing, and move on a
 * period if the ITC got there first.  (If the match did happen in
 * between, its interrupt is already pending; timer_tick() counts the
 * time that passed, so the tick skipped is not lost.)
 */
static void timer_rearm(void)
{
	u64 next = read_itm() + itc_per_tick;
	for (;;) {
		u64 now = hal_cycles();
		if ((s64)(next - now) <= 0)
			next +=
			    ((now - next) / itc_per_tick + 1) * itc_per_tick;
		write_itm(next);
		if ((s64)(next - hal_cycles()) > 0)
			return;
		next += itc_per_tick;
	}
}

static void handle(u64 vector, struct trap_frame *f)
{
	switch (vector) {
	case VECTOR_TIMER:
		timer_rearm();
		timer_tick();
		return;
	case VECTOR_RESCHEDULE:
		smp_ipi_handler(IPI_RESCHEDULE);
		return;
	case VECTOR_CALL_FUNCTION:
		smp_ipi_handler(IPI_CALL_FUNCTION);
		return;
	case VECTOR_NMI: /* ours are the stop IPI and the watchdog's question */
		if (stop_requested)
			smp_ipi_handler(IPI_STOP);
		if (watchdog_nmi(f))
			return;
		break;
	}
	pr_warn("irq: unexpected interrupt, vector %#llx on cpu %u\n", vector,
		cpu_id());
}

/*
 * IA-64's NMI is not the x86 one: psr.i masks it (cr.tpr does not), so a
 * CPU spinning with interrupts off does not see the stop or the
 * watchdog's question until it turns them on.
 */
void hal_send_ipi(unsigned cpu, enum ipi_kind kind)
{
	u32 hw = cpu_data[cpu].hw_id;
	switch (kind) {
	case IPI_RESCHEDULE:
		ia64_send_ipi(hw, DM_FIXED, VECTOR_RESCHEDULE);
		break;
	case IPI_CALL_FUNCTION:
		ia64_send_ipi(hw, DM_FIXED, VECTOR_CALL_FUNCTION);
		break;
	case IPI_STOP:
		stop_requested = true;
		ia64_send_ipi(hw, DM_NMI, 0);
		break;
	case IPI_WATCHDOG:
		ia64_send_ipi(hw, DM_NMI, 0);
		break;
	}
}

/*
 * The C half of an external interrupt.  Called by interrupt.S alone, with
 * f the trap frame it saved: on the interrupted thread's memory stack
 * (below f) and register stack (above the frame it covered), register
 * bank 1, interruption collection back on (a fault here is reported) and
 * interrupts off, so handlers never nest.  No lock held.  The interrupted
 * code ran with interrupts on (an external interrupt is taken only then),
 * in bank 1 (interrupt.S used bank 0's r16-r31 as its temporaries) and in
 * physical mode.  Each pending vector is handled and ended (cr.eoi), the
 * handlers taking and releasing their own locks; then sched_irq_exit()
 * may switch away, interrupts on while away, and come back - maybe on
 * another CPU.  Returns, interrupts off, to interrupt.S, which restores f
 * and returns (rfi) to the interrupted slot with its psr.
 */
void ia64_interrupt(struct trap_frame *f)
{
	u64 psr = ia64_psr();
	BUG_ON(psr & IA64_PSR_I || !(psr & IA64_PSR_IC) || in_interrupt());
	BUG_ON(!(f->ipsr & IA64_PSR_I) || !(f->ipsr & IA64_PSR_BN));
	BUG_ON(f->ipsr & (IA64_PSR_DT | IA64_PSR_RT | IA64_PSR_IT));
	unsigned cpu = cpu_id();
	const struct trap_frame *outer = irq_frames[cpu];
	irq_frames[cpu] = f;
	this_cpu()->irq_depth++;
	for (u64 v = read_ivr(); v != VECTOR_SPURIOUS; v = read_ivr()) {
		handle(v, f);
		eoi();
	}
	this_cpu()->irq_depth--;
	irq_frames[cpu] = outer;
	sched_irq_exit(f->ipsr & IA64_PSR_I);
	BUG_ON(hal_irqs_enabled());
}

const struct trap_frame *hal_irq_frame(void)
{
	return irq_frames[cpu_id()];
}

/* gdb and the backtraces name an IA-64 instruction by bundle | slot. */
u64 hal_frame_ip(const struct trap_frame *f)
{
	return f->iip | ((f->ipsr >> IA64_PSR_RI_SHIFT) & IA64_PSR_RI_MASK);
}

/* Nothing to bring up: each CPU's local SAPIC is part of the CPU, its
 * vector table is set in entry.S, and every interrupt stays masked (the
 * firmware leaves cr.tpr closed) until hal_timer_start() opens it.  The
 * processor interrupt block, which IPIs go through, comes with the CPUs
 * from the MADT (hal_smp_probe). */
void hal_irq_init(void)
{
	BUG_ON(hal_irqs_enabled());
}

/* The interval timer counts the ITC, whose rate the firmware gave
 * (setup.c): there is nothing more to measure. */
void hal_timer_calibrate(void)
{
	pr_info("timer: the interval timer counts the ITC, %llu kHz\n",
		hal_cycles_per_ms());
}

/* This CPU's timer at hz ticks a second.  Its task priority is opened
 * here too (the firmware leaves every interrupt masked): cr.tpr = 0 is
 * mmi (bit 16) clear and mic (bits 4-7) 0, every vector let through. */
void hal_timer_start(unsigned hz)
{
	itc_per_tick = hal_cycles_per_ms() * 1000 / hz;
	__asm__ __volatile__("mov cr.tpr = r0 ;;\n\t"
			     "mov cr.itv = %0 ;;\n\t"
			     "srlz.d" ::"r"((u64)VECTOR_TIMER)
			     : "memory");
	write_itm(hal_cycles() + itc_per_tick);
}

/* itv.m masks the timer: the ITC reaching cr.itm pends nothing until
 * hal_timer_start() unmasks it and sets a fresh deadline. */
void hal_timer_stop(void)
{
	__asm__ __volatile__("mov cr.itv = %0 ;;\n\t"
			     "srlz.d" ::"r"(ITV_MASKED | VECTOR_TIMER)
			     : "memory");
}

/*
 * arch/x86/lapic.c - the local APIC, in xAPIC or x2APIC mode.
 *
 * Each CPU has a local APIC: it receives interrupts for its CPU (from the
 * IOAPIC, from other CPUs' IPIs, from its own timer) and sends IPIs.  Its
 * registers can be reached two ways:
 *   xAPIC   memory-mapped at 0xfee00000 (the MADT says where), 32-bit
 *           registers 16 bytes apart; APIC IDs are 8 bits (0-254).
 *   x2APIC  MSRs 0x800 + register/16; APIC IDs are 32 bits.  Needed above
 *           APIC ID 254; switched on by IA32_APIC_BASE bit 10.
 * We use x2APIC whenever CPUID offers it.  QEMU 7.2's TCG does not, so
 * under QEMU Tern runs in xAPIC mode; Bochs can show the x2APIC path.
 * The interrupt command register (ICR) differs most: xAPIC splits it in
 * two 32-bit halves (destination in the high one, written first, since
 * writing the low half sends), x2APIC is one 64-bit MSR write.
 */
#include "arch/x86/lapic.h"
#include "arch/x86/io.h"
#include "arch/x86/paging.h"
#include "arch/x86/platform.h"
#include "kernel/hal.h"
#include "kernel/panic.h"
#include "kernel/printk.h"

#define MSR_APIC_BASE	 0x1b
#define APIC_BASE_ENABLE (1UL << 11)
#define APIC_BASE_X2APIC (1UL << 10)

/* Register offsets (xAPIC MMIO; x2APIC MSR = 0x800 + offset / 16). */
#define APIC_ID		   0x20
#define APIC_TPR	   0x80
#define APIC_EOI	   0xb0
#define APIC_SVR	   0xf0
#define APIC_ESR	   0x280
#define APIC_ICR_LOW	   0x300
#define APIC_ICR_HIGH	   0x310
#define APIC_LVT_TIMER	   0x320
#define APIC_LVT_LINT0	   0x350
#define APIC_LVT_LINT1	   0x360
#define APIC_LVT_ERROR	   0x370
#define APIC_TIMER_INIT	   0x380
#define APIC_TIMER_CURRENT 0x390
#define APIC_TIMER_DIVIDE  0x3e0

#define SVR_ENABLE	   (1u << 8)
#define LVT_MASKED	   (1u << 16)
#define LVT_TIMER_PERIODIC (1u << 17)
#define LVT_DM_NMI	   (4u << 8)
#define ICR_PENDING	   (1u << 12) /* xAPIC only: "not yet accepted" */
#define ICR_LEVEL_ASSERT   (1u << 14)
#define TIMER_DIVIDE_16	   0x3

static volatile u32 *mmio; /* xAPIC registers, uncached */
static bool x2apic;
static u64 timer_per_ms; /* timer counts per ms at divide-by-16 */

static u32 apic_read(u32 reg)
{
	if (x2apic)
		return (u32)rdmsr(0x800 + reg / 16);
	return mmio[reg / 4];
}

static void apic_write(u32 reg, u32 val)
{
	if (x2apic)
		wrmsr(0x800 + reg / 16, val);
	else
		mmio[reg / 4] = val;
}

static bool cpu_has_x2apic(void)
{
	u32 a, b, c, d;
	cpuid(1, 0, &a, &b, &c, &d);
	return c & CPUID1_ECX_X2APIC;
}

void lapic_init(void)
{
	x2apic = cpu_has_x2apic();
	if (!x2apic)
		mmio = ioremap(platform.lapic_phys, PAGE_SIZE);
	lapic_setup_cpu();
	pr_info("lapic: %s mode%s, boot CPU has APIC ID %u\n",
		x2apic ? "x2APIC" : "xAPIC", x2apic ? "" : " (memory-mapped)",
		lapic_id());
}

/* Which LINT input is wired as NMI on this CPU, per the firmware (-1: none). */
static int nmi_lint(void)
{
	for (int i = 0; i < platform.nr_nmis; i++)
		if (platform.nmis[i].lint <= 1)
			return platform.nmis[i].lint;
	return 1; /* the PC convention */
}

void lapic_setup_cpu(void)
{
	u64 base = rdmsr(MSR_APIC_BASE) | APIC_BASE_ENABLE;
	if (x2apic)
		base |= APIC_BASE_X2APIC;
	wrmsr(MSR_APIC_BASE, base);

	apic_write(APIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	apic_write(APIC_TPR, 0); /* accept every priority */
	apic_write(APIC_LVT_ERROR, VEC_APIC_ERROR);
	/* LINT0 carries the 8259s' output (virtual wire); we use the IOAPIC */
	apic_write(APIC_LVT_LINT0, LVT_MASKED);
	int lint = nmi_lint();
	apic_write(lint ? APIC_LVT_LINT1 : APIC_LVT_LINT0, LVT_DM_NMI);
	apic_write(APIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	if (!x2apic)
		apic_write(APIC_ESR,
			   0); /* the error status is read after a write */
	apic_write(APIC_ESR, 0);
	apic_write(APIC_EOI, 0); /* drop anything left in service */
}

u32 lapic_id(void)
{
	u32 id = apic_read(APIC_ID);
	return x2apic ? id : id >> 24;
}

void lapic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

void lapic_send_ipi(u32 apic_id, u32 mode, u8 vector)
{
	u32 low = mode | vector | ICR_LEVEL_ASSERT;
	if (x2apic) {
		wrmsr(0x800 + APIC_ICR_LOW / 16, ((u64)apic_id << 32) | low);
		return;
	}
	irqflags_t flags = hal_irq_save(); /* the two halves go together */
	while (apic_read(APIC_ICR_LOW) & ICR_PENDING)
		hal_cpu_relax();
	apic_write(APIC_ICR_HIGH, apic_id << 24);
	apic_write(APIC_ICR_LOW, low);
	hal_irq_restore(flags);
}

/* ---- the timer -------------------------------------------------------- */

/*
 * Count the timer down from its maximum for 10 ms of TSC time (the TSC was
 * itself measured against the PIT).  Divide-by-16 keeps the count well
 * inside 32 bits even on fast buses.
 */
void lapic_timer_calibrate(void)
{
	const u64 window_ms = 10;
	apic_write(APIC_TIMER_DIVIDE, TIMER_DIVIDE_16);
	apic_write(APIC_LVT_TIMER, LVT_MASKED | VEC_TIMER); /* one-shot */
	u64 end = hal_cycles() + window_ms * hal_cycles_per_ms();
	apic_write(APIC_TIMER_INIT, 0xffffffff);
	while (hal_cycles() < end)
		hal_cpu_relax();
	u32 left = apic_read(APIC_TIMER_CURRENT);
	apic_write(APIC_TIMER_INIT, 0);
	timer_per_ms = (0xffffffffULL - left) / window_ms;
	if (timer_per_ms == 0)
		panic("lapic: the timer did not count during calibration");
}

void lapic_timer_start(unsigned hz)
{
	u64 count = timer_per_ms * 1000 / hz;
	apic_write(APIC_TIMER_DIVIDE, TIMER_DIVIDE_16);
	apic_write(APIC_LVT_TIMER, LVT_TIMER_PERIODIC | VEC_TIMER);
	apic_write(APIC_TIMER_INIT, (u32)MAX(count, 1ULL));
}

/* Masked, and an initial count of 0, which stops the count-down itself
 * (Intel SDM vol. 3, "APIC Timer"): the timer neither counts nor fires
 * until lapic_timer_start() writes both again. */
void lapic_timer_stop(void)
{
	apic_write(APIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	apic_write(APIC_TIMER_INIT, 0);
}

/*
 * arch/x86/tsc.c - how fast the time stamp counter runs, and how we know.
 *
 * Every clock in Tern (the tick, timeouts, `boot: ready in T ms`, the
 * watchdog) counts TSC cycles, so the TSC's rate must be right.  It is
 * not announced anywhere we can rely on (under QEMU's TCG it is the host's
 * TSC rate), so we measure it against a clock of known rate.  A wrong
 * figure is worse than none: on QEMU's `microvm` machine the old code
 * waited on a port that is not there, finished at once, and ran the whole
 * kernel 13 times too slow without a word.  So:
 *
 *  - Every source is tried, in order of trust:
 *      CPUID leaf 0x15   the TSC's ratio to the core crystal, and its rate
 *                        (real CPUs since Skylake);
 *      CPUID 0x40000010  the hypervisor's TSC rate in kHz (KVM, VMware);
 *      PIT channel 2     the 8254 timer, counting 10 ms while its gate on
 *                        port 0x61 is open (PC machines: pc, q35);
 *      PIT channel 0     the same 8254's first channel, which needs no
 *                        port 0x61 (machines without it: microvm);
 *      CPUID leaf 0x16   the base frequency in MHz: on real CPUs close to
 *                        the TSC's, on emulators any number (Bochs says
 *                        3500 MHz and counts 20 million a second), so
 *                        last, for a machine with no PIT at all.
 *  - The first one gives the rate; another one, when the machine has one,
 *    must agree within 2% (measured again up to three times: a host that
 *    deschedules the virtual CPU mid-measurement can spoil one round).
 *  - A rate no x86 CPU or emulator runs at (below 1 MHz or above 100 GHz)
 *    is refused.
 *  - One console line says which source was used and how it was checked.
 */
#include "arch/x86/io.h"
#include "kernel/hal.h"
#include "kernel/panic.h"
#include "kernel/printk.h"

#define PIT_HZ	     1193182 /* the 8254's input clock */
#define CALIBRATE_MS 10
#define PIT_CH0	     0x40
#define PIT_CH2	     0x42
#define PIT_CMD	     0x43
#define PORT_61	     0x61 /* NMI status and control: PIT 2 gate and output */
#define P61_GATE2    (1u << 0)
#define P61_SPEAKER  (1u << 1)
#define P61_OUT2     (1u << 5)
#define TSC_KHZ_MIN  1000UL	 /* 1 MHz (Bochs counts 20 MHz) */
#define TSC_KHZ_MAX  100000000UL /* 100 GHz */
#define AGREE_PERMIL 20		 /* two sources agree within 2.0% */
#define POLLS_MAX    50000000	 /* reads of a counter that never gets there */
#define PIT_STILL_READS 100000 /* reads that see no count: not counting */

extern u64 boot_tsc; /* boot/entry.asm */
static u64 tsc_per_ms;

/* What tsc_calibrate() found, for tsc_print_report(). */
static struct tsc_report {
	int used, other; /* indexes into sources[]; other -1: none */
	u64 khz, check;
} report;

/* One way to learn the TSC rate: kHz, or 0 when this machine lacks it. */
struct tsc_source {
	const char *name;
	u64 (*khz)(void);
};

/* CPUID 0x15: TSC = crystal * EBX / EAX; ECX is the crystal in Hz (0 when
 * the CPU does not say). */
static u64 khz_cpuid_15(void)
{
	u32 a, b, c, d;
	if (!cpuid_leaf(0x15, &a, &b, &c, &d) || !a || !b || !c)
		return 0;
	return (u64)c * b / a / 1000;
}

/* CPUID 0x16: EAX is the base frequency in MHz, the TSC's on these CPUs. */
static u64 khz_cpuid_16(void)
{
	u32 a, b, c, d;
	if (!cpuid_leaf(0x16, &a, &b, &c, &d))
		return 0;
	return (u64)(a & 0xffff) * 1000;
}

/* The hypervisor timing leaf: EAX is the TSC rate in kHz.  Only meaningful
 * when CPUID.1:ECX bit 31 says there is a hypervisor. */
static u64 khz_hypervisor(void)
{
	u32 a, b, c, d;
	cpuid(1, 0, &a, &b, &c, &d);
	if (!(c & CPUID1_ECX_HYPERVISOR) ||
	    !cpuid_leaf(0x40000010, &a, &b, &c, &d))
		return 0;
	return a;
}

/*
 * The PIT measures by being read back as it counts.  A channel in mode 2
 * (rate generator) from 65536 counts down at 1.193182 MHz and wraps; we
 * read it (a latch command, then two bytes) over and over until 10 ms of
 * counts have gone by, and compare with the TSC read around the first and
 * the last read.  Reading back, rather than waiting for the channel's
 * output to rise, keeps a slow poll from stretching the interval: on a
 * busy host each port access can take a long while, and the older wait
 * on port 0x61 came out 15-25% long.
 */
struct pit_channel {
	u16 port;
	u8 select; /* the channel's bits 7:6 in a command */
};

static u16 pit_read(const struct pit_channel *ch)
{
	outb(PIT_CMD, ch->select); /* latch the count */
	u8 lo = inb(ch->port);
	return lo | (u16)inb(ch->port) << 8;
}

/* Read a channel with the TSC read just before and after; *at gets the
 * middle.  Best of three: a read the host interrupted has a wide gap. */
static u16 pit_sample(const struct pit_channel *ch, u64 *at)
{
	u64 best = ~0ULL;
	u16 value = 0;
	for (int i = 0; i < 3; i++) {
		u64 t0 = hal_cycles();
		u16 v = pit_read(ch);
		u64 t1 = hal_cycles();
		if (t1 - t0 < best) {
			best = t1 - t0;
			value = v;
			*at = t0 + (t1 - t0) / 2;
		}
	}
	return value;
}

/* TSC kHz by a channel already counting; 0 if it does not count. */
static u64 pit_measure(const struct pit_channel *ch)
{
	u32 want = PIT_HZ / (1000 / CALIBRATE_MS), seen = 0;
	u64 start, end = 0;

	/* Is it counting?  One count is 838 ns, and a read may take far less:
	 * under QEMU's -icount shift=0 a guest instruction is a nanosecond of
	 * the PIT's time.  So look for the first change over many reads. */
	u16 first = pit_read(ch);
	u32 reads = 0;
	while (pit_read(ch) == first)
		if (++reads == PIT_STILL_READS)
			return 0; /* not counting: no PIT there */
	u16 prev = pit_sample(ch, &start);
	for (u32 polls = 0; seen < want; polls++) {
		if (polls == POLLS_MAX)
			return 0; /* it stopped counting */
		u16 now = pit_sample(ch, &end);
		seen += (u16)(prev - now); /* a down-counter: wraps at 0 */
		prev = now;
	}
	return (end - start) * PIT_HZ / seen / 1000;
}

static void pit_start(const struct pit_channel *ch)
{
	outb(PIT_CMD, ch->select | 0x34); /* lobyte/hibyte, mode 2 */
	outb(ch->port, 0);		  /* 0 means 65536 */
	outb(ch->port, 0);
}

/*
 * Channel 2 counts only while its gate (port 0x61 bit 0) is high, and its
 * output drives the speaker only with bit 1 set (kept clear).  Is the
 * logic there at all?  In mode 0 the channel's output (port 0x61 bit 5)
 * goes low as soon as a count is written; on a machine without it (QEMU's
 * microvm: port 0x61 reads 0xff) the bit stays high.
 */
static u64 khz_pit_channel2(void)
{
	static const struct pit_channel ch2 = {PIT_CH2, 0x80};
	u8 p61 = inb(PORT_61) & ~(P61_GATE2 | P61_SPEAKER);

	outb(PORT_61, p61);
	outb(PIT_CMD, 0xb0); /* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CH2, 0xff);
	outb(PIT_CH2, 0xff);
	if (inb(PORT_61) & P61_OUT2)
		return 0; /* no channel 2 output: not a PC's port 0x61 */
	pit_start(&ch2);
	outb(PORT_61, p61 | P61_GATE2);
	u64 khz = pit_measure(&ch2);
	outb(PORT_61, p61);
	return khz;
}

/*
 * Channel 0 needs nothing but ports 0x40 and 0x43.  Its output is IRQ 0,
 * masked at the IOAPIC (and the PIC is off), with interrupts off anyway;
 * afterwards it is left in mode 0 with no count: silent.
 */
static u64 khz_pit_channel0(void)
{
	static const struct pit_channel ch0 = {PIT_CH0, 0x00};

	pit_start(&ch0);
	u64 khz = pit_measure(&ch0);
	outb(PIT_CMD, 0x30);
	return khz;
}

static const struct tsc_source sources[] = {
    {"CPUID leaf 0x15", khz_cpuid_15},
    {"the hypervisor's CPUID leaf 0x40000010", khz_hypervisor},
    {"PIT channel 2", khz_pit_channel2},
    {"PIT channel 0", khz_pit_channel0},
    {"CPUID leaf 0x16", khz_cpuid_16},
};

static bool plausible(u64 khz)
{
	return khz >= TSC_KHZ_MIN && khz <= TSC_KHZ_MAX;
}

/* How far apart two rates are, in tenths of a percent of the first. */
static u64 permil_apart(u64 a, u64 b)
{
	return (a > b ? a - b : b - a) * 1000 / a;
}

/* The first source after `from` that gives a plausible rate: its index,
 * or -1.  The rate goes to *khz.  A source that gives an absurd one is
 * named on the console and passed over. */
static int first_source(int from, u64 *khz)
{
	for (int i = from; i < (int)ARRAY_SIZE(sources); i++) {
		u64 k = sources[i].khz();
		if (!k)
			continue;
		if (plausible(k)) {
			*khz = k;
			return i;
		}
		pr_warn("tsc: %s says the TSC runs at %llu kHz, which no x86 "
			"CPU does; not using it\n",
			sources[i].name, k);
	}
	return -1;
}

void tsc_calibrate(void)
{
	u64 khz = 0, check = 0;
	int used = first_source(0, &khz);
	if (used < 0)
		panic("tsc: nothing on this machine gives the TSC's rate (no "
		      "CPUID frequency leaf, no PIT); Tern cannot keep time");

	/* The check: another source, measured afresh up to three times. */
	int other = -1;
	for (int round = 0; round < 3; round++) {
		other = first_source(used + 1, &check);
		if (other < 0 || permil_apart(khz, check) <= AGREE_PERMIL)
			break;
		if (sources[used].khz == khz_pit_channel2 ||
		    sources[used].khz == khz_pit_channel0) { /* measured */
			u64 again = sources[used].khz();
			if (plausible(again))
				khz = again;
		}
	}

	tsc_per_ms = khz;
	report = (struct tsc_report){used, other, khz, check};
}

/* The console line about the calibration, printed by hal_boot_report()
 * once the kernel has printed its banner. */
void tsc_print_report(void)
{
	const struct tsc_report *r = &report;
	u64 apart = r->other < 0 ? 0 : permil_apart(r->khz, r->check);

	if (r->other < 0)
		pr_info("tsc: %llu.%03llu MHz from %s (this machine has no "
			"second source to check it against)\n",
			r->khz / 1000, r->khz % 1000, sources[r->used].name);
	else if (apart <= AGREE_PERMIL)
		pr_info("tsc: %llu.%03llu MHz from %s; %s agrees within "
			"%llu.%llu%%\n",
			r->khz / 1000, r->khz % 1000, sources[r->used].name,
			sources[r->other].name, apart / 10, apart % 10);
	else
		pr_warn("tsc: %llu.%03llu MHz from %s, but %s says %llu.%03llu "
			"MHz; timing may be off by %llu%%\n",
			r->khz / 1000, r->khz % 1000, sources[r->used].name,
			sources[r->other].name, r->check / 1000,
			r->check % 1000, apart / 10);
}

/* For ktests: the rate measured afresh with the PIT (channel 2 where the
 * machine has it), in kHz; 0 when there is no PIT. */
u64 tsc_khz_by_pit(void)
{
	u64 k = khz_pit_channel2();
	return k ? k : khz_pit_channel0();
}

u64 hal_cycles_per_ms(void)
{
	return tsc_per_ms;
}

u64 hal_boot_cycles(void)
{
	return boot_tsc;
}

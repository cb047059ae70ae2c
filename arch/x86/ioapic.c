/*
 * arch/x86/ioapic.c - the I/O APIC: device interrupt lines -> CPU vectors.
 *
 * An IOAPIC has a number of input pins; the firmware numbers all pins of
 * all IOAPICs as global system interrupts (GSIs), each IOAPIC serving
 * gsi_base .. gsi_base + pins - 1.  For each pin a 64-bit redirection entry
 * says: which vector, which CPU (APIC ID), edge or level, active high or
 * low, masked or not.  The chip is programmed through two registers: write
 * a register number to IOREGSEL (offset 0), then read/write IOWIN (0x10).
 * (platform.c reads each IOAPIC's pin count from its version register.)
 *
 * ISA IRQs are GSIs of the same number unless the MADT says otherwise (an
 * "interrupt source override"): on PCs the timer's IRQ 0 is GSI 2.
 * Everything starts masked; ioapic_route_isa_irq() opens one line.
 */
#include "arch/x86/ioapic.h"
#include "arch/x86/paging.h"
#include "arch/x86/platform.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"

#define IOREGSEL       0x00
#define IOWIN	       0x10
#define REG_REDIR(pin) (0x10 + 2 * (pin))

#define REDIR_MASKED	 (1ULL << 16)
#define REDIR_LEVEL	 (1ULL << 15)
#define REDIR_ACTIVE_LOW (1ULL << 13)

struct ioapic {
	volatile u32 *regs;
	u32 gsi_base;
	unsigned pins;
};

static struct ioapic ioapics[PLATFORM_MAX_IOAPICS];
static int nr_ioapics;
static DEFINE_SPINLOCK(ioapic_lock); /* IOREGSEL/IOWIN pairs are not atomic */

static void io_write(struct ioapic *io, u32 reg, u32 val)
{
	io->regs[IOREGSEL / 4] = reg;
	io->regs[IOWIN / 4] = val;
}

static void write_redir(struct ioapic *io, unsigned pin, u64 entry)
{
	irqflags_t flags = spin_lock_irqsave(&ioapic_lock);
	/* high half (destination) first, so the low half unmasks last */
	io_write(io, REG_REDIR(pin) + 1, (u32)(entry >> 32));
	io_write(io, REG_REDIR(pin), (u32)entry);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

void ioapic_init(void)
{
	unsigned total = 0;
	for (int i = 0; i < platform.nr_ioapics; i++) {
		struct ioapic *io = &ioapics[nr_ioapics];
		if (platform.ioapics[i].nr_pins == 0) {
			pr_warn("ioapic: the one at %#llx does not answer; "
				"ignored\n",
				platform.ioapics[i].phys);
			continue;
		}
		io->regs = ioremap(platform.ioapics[i].phys, 0x20);
		io->gsi_base = platform.ioapics[i].gsi_base;
		io->pins = platform.ioapics[i].nr_pins;
		for (unsigned pin = 0; pin < io->pins; pin++)
			write_redir(io, pin, REDIR_MASKED);
		total += io->pins;
		nr_ioapics++;
	}
	if (nr_ioapics)
		pr_info("ioapic: %d IOAPIC%s, %u inputs, all masked\n",
			nr_ioapics, nr_ioapics > 1 ? "s" : "", total);
	else
		pr_warn("ioapic: none in the firmware tables; device "
			"interrupts cannot be routed\n");
}

unsigned ioapic_total_pins(void)
{
	unsigned total = 0;
	for (int i = 0; i < nr_ioapics; i++)
		total += ioapics[i].pins;
	return total;
}

/* GSI and redirection flags for an ISA IRQ, after the overrides. */
static u32 isa_to_gsi(unsigned irq, u64 *flags)
{
	*flags = 0; /* ISA: active high, edge triggered */
	for (int i = 0; i < platform.nr_overrides; i++) {
		const struct platform_override *o = &platform.overrides[i];
		if (o->bus_irq != irq)
			continue;
		if ((o->flags & 3) == 3)
			*flags |= REDIR_ACTIVE_LOW;
		if (((o->flags >> 2) & 3) == 3)
			*flags |= REDIR_LEVEL;
		return o->gsi;
	}
	return irq;
}

static struct ioapic *find(u32 gsi, unsigned *pin)
{
	for (int i = 0; i < nr_ioapics; i++) {
		struct ioapic *io = &ioapics[i];
		if (gsi >= io->gsi_base && gsi < io->gsi_base + io->pins) {
			*pin = gsi - io->gsi_base;
			return io;
		}
	}
	return NULL;
}

int ioapic_route_isa_irq(unsigned irq, u8 vector, u32 apic_id)
{
	u64 flags;
	unsigned pin;
	u32 gsi = isa_to_gsi(irq, &flags);
	struct ioapic *io = find(gsi, &pin);
	if (!io)
		return -1;
	/* physical destination mode, fixed delivery */
	write_redir(io, pin, ((u64)apic_id << 56) | flags | vector);
	return (int)gsi;
}

void ioapic_mask_isa_irq(unsigned irq)
{
	u64 flags;
	unsigned pin;
	struct ioapic *io = find(isa_to_gsi(irq, &flags), &pin);
	if (io)
		write_redir(io, pin, REDIR_MASKED);
}

/*
 * tools/ia64sim/tests/smp/platform.c - the rest of what a kernel finds at
 * boot (docs/ia64.md): the command line, the EFI memory map, the clock
 * frequencies from SAL and PAL, EFI GetTime, the console UART named by
 * ACPI's SPCR (output, and input from stdin: platform.in), and EFI
 * ResetSystem powering the machine off with a status.
 *
 * ia64sim-args: -smp 2 -m 64 -- console=uart hello
 * expect-status: 3
 * Expected (platform.out): the command line, 6 memory descriptors with
 * 64 MiB of RAM, a 100 MHz ITC, the year 2002, the UART's echo of the
 * input, and nothing after ResetSystem.
 */
#include "smp.h"

static u64 uart;

static void uart_putc(char c)
{
	while (!(*(volatile u8 *)(uart + 5) & 0x20))
		;
	*(volatile u8 *)uart = (u8)c;
}

static void uart_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

static u64 find_acpi(u64 rsdp, const char *sig)
{
	u64 xsdt = rd64(rsdp + 24);
	for (u64 p = xsdt + 36; p < xsdt + rd32(xsdt + 4); p += 8)
		if (same(rd64(p), sig, 4))
			return rd64(p);
	die("an ACPI table is missing");
	return 0;
}

/* Call an EFI runtime service through its descriptor. */
static long efi_call(u64 fdesc, long a0, long a1)
{
	typedef long (*efi_fn)(long, long, long, long);
	efi_fn f = (efi_fn)(void *)fdesc;
	asm("" : "+r"(f)); /* not a direct call to the descriptor's data */
	return f(a0, a1, 0, 0);
}

static void memory_map(struct boot_param *bp)
{
	u64 ram = 0, n = bp->efi_memmap_size / bp->efi_memdesc_size;
	for (u64 i = 0; i < n; i++) {
		u64 d = bp->efi_memmap + i * bp->efi_memdesc_size;
		u32 type = rd32(d);
		if (type == 2 || type == 6 || type == 7)
			ram += rd64(d + 24) << 12;
	}
	put_str("memory descriptors: ");
	put_u64(n);
	put_str(", RAM ");
	put_u64(ram >> 20);
	put_str(" MiB\n");
}

static void clocks(struct machine_info *mi)
{
	struct sal_ret base = sal_call(mi, SAL_FREQ_BASE, 0, 0, 0, 0);
	struct pal_ret ratios = pal_call(PAL_FREQ_RATIOS, 0, 0, 0);
	u64 itc_hz = (u64)base.v0 * ((u64)ratios.v2 >> 32) / (u32)ratios.v2;
	put_str("itc: ");
	put_u64(itc_hz);
	put_str(" Hz\n");
}

void ap_main(u64 id)
{
	(void)id; /* the second CPU is never woken */
}

int main(struct boot_param *bp)
{
	static struct machine_info mi;
	static u8 time[16];
	machine_info(&mi, bp);
	put_str("command line: ");
	put_str((const char *)bp->command_line);
	put_char('\n');
	memory_map(bp);
	clocks(&mi);
	u64 rt = rd64(bp->efi_systab + 88);
	efi_call(rd64(rt + 24), (long)time, 0); /* GetTime */
	put_str("year: ");
	put_u64(*(u16 *)time);
	put_char('\n');
	u64 systab_rsdp = efi_table(bp->efi_systab, 0x8868e871);
	u64 spcr = find_acpi(systab_rsdp, "SPCR");
	uart = rd64(spcr + 44);
	uart_puts("uart: ");
	while (*(volatile u8 *)(uart + 5) & 1) /* echo what stdin has */
		uart_putc((char)*(volatile u8 *)uart);
	uart_puts("uart: end of input\n");
	efi_call(rd64(rt + 24 + 10 * 8), 2, 3); /* ResetSystem(shutdown, 3) */
	put_str("not reached\n");
	return 0;
}

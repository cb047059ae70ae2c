/*
 * tools/ia64sim/firmware.c - the machine's firmware, implemented by the
 * simulator: what a kernel finds when it starts, and the SAL, PAL and EFI
 * calls it may make.
 *
 * The firmware owns FW_SIZE bytes of RAM where no ELF segment is: at the
 * top of RAM, or else just below the program.  In it are:
 *   - entry points: one bundle each, a `break` with an immediate of
 *     BREAK_FIRMWARE + n.  Reaching one makes the simulator do the call,
 *     then return to the caller the way the convention says: PAL's static
 *     calls (index in r28, arguments in r29-r31) branch back to b0 with
 *     the frame unchanged; SAL and EFI calls are ordinary stacked calls
 *     (arguments in in0-in7) and return as br.ret does.  Results are in
 *     r8-r11.
 *   - the tables a kernel reads: the EFI system table (its configuration
 *     table points at the ACPI 2.0 RSDP and at the SAL system table), the
 *     SAL system table (entry point descriptor, AP wake-up descriptor),
 *     the ACPI RSDP, XSDT, MADT (one LSAPIC entry per CPU) and SPCR (the
 *     console UART), the EFI memory map, the boot parameters and the
 *     command line;
 *   - the boot CPU's first memory stack and register backing store.
 *
 * The hand-off: the boot CPU starts at the ELF's entry with r28 = the
 * boot parameters (see struct boot_param below; the layout of Linux/ia64's
 * ia64_boot_param), r12 and ar.bspstore on the firmware's stacks, psr.ic
 * and psr.bn set, interrupts off.  The other CPUs wait in the firmware
 * until the kernel has registered its boot rendezvous with
 * SAL_SET_VECTORS and sent them the wake-up vector of the SAL system
 * table's AP wake-up descriptor; each then starts at the rendezvous with
 * r1 = the registered gp and the same PSR.  docs/ia64.md tells it all.
 */
#include <stdio.h>
#include <string.h>

#include "regs.h"

#define FW_SIZE 0x20000ull

/* The offsets of the firmware's pieces in its area. */
enum {
	FW_CODE = 0x0000,  /* entry points, 16 bytes each */
	FW_FDESC = 0x0400, /* function descriptors: {ip, gp} */
	FW_EFI_SYST = 0x0800,
	FW_EFI_RT = 0x0900,
	FW_EFI_CONFIG = 0x0a00,
	FW_VENDOR = 0x0b00,
	FW_SAL_SYST = 0x1000,
	FW_RSDP = 0x1100,
	FW_XSDT = 0x1200,
	FW_SPCR = 0x1300,
	FW_MADT = 0x1400, /* to 0x1400 + 44 + 17 * 255 < 0x2600 */
	FW_MEMMAP = 0x3000,
	FW_BOOT_PARAM = 0x3400,
	FW_CMDLINE = 0x4000, /* 4 KiB */
	FW_STACK_TOP = 0x10000,
	FW_BSPSTORE = 0x10000,
};

/* The entry points (n in BREAK_FIRMWARE + n). */
enum {
	ENTRY_PAL = 0,
	ENTRY_SAL = 1,
	ENTRY_EFI_GET_TIME = 2,
	ENTRY_EFI_RESET = 3,
	ENTRY_EFI_UNSUPPORTED = 4,
	ENTRY_COUNT
};

#define WAKE_VECTOR 0xf0 /* advertised in the AP wake-up descriptor */

/* Clocks: the platform's base frequency, and every ratio 1/1 (so the ITC
 * and the processor run at 100 MHz: one instruction is 10 ns). */
#define BASE_HZ 100000000ull

/* PAL and SAL procedures */
enum {
	PAL_CACHE_FLUSH = 1,
	PAL_FREQ_BASE = 13,
	PAL_FREQ_RATIOS = 14,
	PAL_HALT_LIGHT = 29,
	SAL_SET_VECTORS = 0x01000000,
	SAL_FREQ_BASE = 0x01000012,
	SAL_VECTOR_OS_BOOT_RENDEZ = 2,
};

#define EFI_UNSUPPORTED	   0x8000000000000003ull
#define EFI_RESET_SHUTDOWN 2

static uint8_t *at(struct machine *m, uint64_t off)
{
	return m->ram + m->fw_base + off;
}

static void put(struct machine *m, uint64_t off, unsigned size, uint64_t v)
{
	for (unsigned i = 0; i < size; i++)
		at(m, off)[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t addr(struct machine *m, uint64_t off)
{
	return m->fw_base + off;
}

/* ACPI and SAL checksums: the bytes of a table sum to 0. */
static void checksum(struct machine *m, uint64_t off, unsigned len,
		     unsigned where)
{
	uint8_t sum = 0;
	at(m, off)[where] = 0;
	for (unsigned i = 0; i < len; i++)
		sum = (uint8_t)(sum + at(m, off)[i]);
	at(m, off)[where] = (uint8_t)-sum;
}

/* An entry point: { .mii break.m BREAK_FIRMWARE + n; nop.i; nop.i } */
static void entry_point(struct machine *m, unsigned n)
{
	uint64_t brk = BREAK_FIRMWARE + n; /* M37: major 0, imm20a in 6-25 */
	uint64_t nop_i = 1ull << 27;	   /* I18: x6 = 1 */
	unsigned __int128 b = 0x00;	   /* template MII */
	b |= (unsigned __int128)(brk << 6) << 5;
	b |= (unsigned __int128)nop_i << 46;
	b |= (unsigned __int128)nop_i << 87;
	for (int i = 0; i < 16; i++)
		at(m, FW_CODE + 16 * n)[i] = (uint8_t)(b >> (8 * i));
	/* and its function descriptor, for the C-callable ones */
	put(m, FW_FDESC + 16 * n, 8, addr(m, FW_CODE + 16 * n));
	put(m, FW_FDESC + 16 * n + 8, 8, 0);
}

/* An ACPI table header (36 bytes); the checksum comes last. */
static void acpi_header(struct machine *m, uint64_t off, const char *sig,
			unsigned len, unsigned rev)
{
	memcpy(at(m, off), sig, 4);
	put(m, off + 4, 4, len);
	put(m, off + 8, 1, rev);
	memcpy(at(m, off + 10), "TERN  ", 6);
	memcpy(at(m, off + 16), "IA64SIM ", 8);
	put(m, off + 24, 4, 1);
	memcpy(at(m, off + 28), "TERN", 4);
	put(m, off + 32, 4, 1);
	checksum(m, off, len, 9);
}

static void efi_guid(struct machine *m, uint64_t off, uint32_t d1, uint16_t d2,
		     uint16_t d3, uint64_t d4_be)
{
	put(m, off, 4, d1);
	put(m, off + 4, 2, d2);
	put(m, off + 6, 2, d3);
	for (int i = 0; i < 8; i++)
		at(m, off + 8)[i] = (uint8_t)(d4_be >> (56 - 8 * i));
}

static void acpi_tables(struct machine *m)
{
	/* MADT: the interrupt block's address, then an LSAPIC per CPU */
	unsigned madt_len = 44 + 17 * m->ncpu;
	put(m, FW_MADT + 36, 4, PIB_BASE);
	for (unsigned i = 0; i < m->ncpu; i++) {
		uint64_t e = FW_MADT + 44 + 17 * i;
		put(m, e, 1, 7);      /* type: local SAPIC */
		put(m, e + 1, 1, 17); /* length */
		put(m, e + 2, 1, i);  /* ACPI processor id */
		put(m, e + 3, 1, m->cpu[i].cr[CR_LID] >> 24 & 0xff);
		put(m, e + 4, 1, m->cpu[i].cr[CR_LID] >> 16 & 0xff);
		put(m, e + 8, 4, 1); /* enabled */
		put(m, e + 12, 4, i);
	}
	acpi_header(m, FW_MADT, "APIC", madt_len, 3);
	/* SPCR: a 16550 at UART_BASE, in memory space, byte access */
	put(m, FW_SPCR + 36, 1, 0); /* interface: full 16550 */
	put(m, FW_SPCR + 40, 1, 0); /* GAS: system memory */
	put(m, FW_SPCR + 41, 1, 8); /* register width */
	put(m, FW_SPCR + 43, 1, 1); /* byte access */
	put(m, FW_SPCR + 44, 8, UART_BASE);
	put(m, FW_SPCR + 52, 1, 0);	 /* no interrupt: polled */
	put(m, FW_SPCR + 58, 1, 7);	 /* 115200 baud */
	put(m, FW_SPCR + 60, 1, 1);	 /* 1 stop bit */
	put(m, FW_SPCR + 64, 2, 0xffff); /* not a PCI device */
	put(m, FW_SPCR + 66, 2, 0xffff);
	acpi_header(m, FW_SPCR, "SPCR", 80, 1);
	/* XSDT: the MADT and the SPCR */
	put(m, FW_XSDT + 36, 8, addr(m, FW_MADT));
	put(m, FW_XSDT + 44, 8, addr(m, FW_SPCR));
	acpi_header(m, FW_XSDT, "XSDT", 52, 1);
	/* RSDP, revision 2 */
	memcpy(at(m, FW_RSDP), "RSD PTR ", 8);
	memcpy(at(m, FW_RSDP + 9), "TERN  ", 6);
	put(m, FW_RSDP + 15, 1, 2);
	put(m, FW_RSDP + 20, 4, 36);
	put(m, FW_RSDP + 24, 8, addr(m, FW_XSDT));
	checksum(m, FW_RSDP, 20, 8);
	checksum(m, FW_RSDP, 36, 32);
}

static void sal_table(struct machine *m)
{
	uint64_t t = FW_SAL_SYST;
	unsigned len = 96 + 48 + 16;
	memcpy(at(m, t), "SST_", 4);
	put(m, t + 4, 4, len);
	put(m, t + 8, 2, 0x0300); /* SAL 3.0 */
	put(m, t + 10, 2, 2);	  /* entries */
	memcpy(at(m, t + 24), "Tern", 4);
	memcpy(at(m, t + 56), "ia64sim", 7);
	/* entry point descriptor */
	put(m, t + 96, 1, 0);
	put(m, t + 104, 8, addr(m, FW_CODE + 16 * ENTRY_PAL));
	put(m, t + 112, 8, addr(m, FW_CODE + 16 * ENTRY_SAL));
	put(m, t + 120, 8, 0); /* gp */
	/* AP wake-up descriptor: an external interrupt */
	put(m, t + 144, 1, 5);
	put(m, t + 145, 1, 0);
	put(m, t + 152, 8, WAKE_VECTOR);
	checksum(m, t, len, 12);
	m->wake_vector = WAKE_VECTOR;
}

static void efi_tables(struct machine *m)
{
	static const char vendor[] = "ia64sim";
	for (unsigned i = 0; i < sizeof(vendor); i++)
		put(m, FW_VENDOR + 2 * i, 2, (uint8_t)vendor[i]);
	uint64_t s = FW_EFI_SYST;
	put(m, s, 8, 0x5453595320494249ull); /* "IBI SYST" */
	put(m, s + 8, 4, 1 << 16 | 10);	     /* EFI 1.10 */
	put(m, s + 12, 4, 120);
	put(m, s + 24, 8, addr(m, FW_VENDOR));
	put(m, s + 32, 4, 1);
	put(m, s + 88, 8, addr(m, FW_EFI_RT));
	put(m, s + 104, 8, 2); /* configuration tables */
	put(m, s + 112, 8, addr(m, FW_EFI_CONFIG));
	efi_guid(m, FW_EFI_CONFIG, 0x8868e871, 0xe4f1, 0x11d3,
		 0xbc220080c73c8881ull); /* ACPI 2.0 */
	put(m, FW_EFI_CONFIG + 16, 8, addr(m, FW_RSDP));
	efi_guid(m, FW_EFI_CONFIG + 24, 0xeb9d2d32, 0x2d88, 0x11d3,
		 0x9a160090273fc14dull); /* SAL system table */
	put(m, FW_EFI_CONFIG + 40, 8, addr(m, FW_SAL_SYST));
	/* runtime services: get_time ... reset_system, as descriptors */
	uint64_t r = FW_EFI_RT;
	put(m, r, 8, 0x56524553544e5552ull); /* "RUNTSERV" */
	put(m, r + 8, 4, 1 << 16 | 10);
	put(m, r + 12, 4, 24 + 11 * 8);
	for (unsigned i = 0; i < 11; i++) {
		unsigned n = i == 0    ? ENTRY_EFI_GET_TIME
			     : i == 10 ? ENTRY_EFI_RESET
				       : ENTRY_EFI_UNSUPPORTED;
		put(m, r + 24 + 8 * i, 8, addr(m, FW_FDESC + 16 * n));
	}
}

/* EFI memory descriptors: type, physical start, pages, attributes */
enum {
	EFI_LOADER_DATA = 2,
	EFI_RUNTIME_DATA = 6,
	EFI_CONVENTIONAL = 7,
	EFI_MMIO = 11
};
#define EFI_MEMORY_UC	   0x1ull
#define EFI_MEMORY_WB	   0x8ull
#define EFI_MEMORY_RUNTIME (1ull << 63)
#define MEMDESC_SIZE	   40

static unsigned memdesc(struct machine *m, unsigned n, unsigned type,
			uint64_t start, uint64_t end, uint64_t attr)
{
	if (end <= start)
		return n;
	uint64_t d = FW_MEMMAP + MEMDESC_SIZE * n;
	put(m, d, 4, type);
	put(m, d + 8, 8, start);
	put(m, d + 16, 8, start);
	put(m, d + 24, 8, (end - start) >> 12);
	put(m, d + 32, 8, attr);
	return n + 1;
}

static unsigned memory_map(struct machine *m)
{
	/* what RAM holds besides free memory, in address order */
	struct {
		uint64_t start, end;
		unsigned type;
		uint64_t attr;
	} r[2] = {{m->image_lo & ~0xfffull, (m->image_hi + 0xfff) & ~0xfffull,
		   EFI_LOADER_DATA, EFI_MEMORY_WB},
		  {m->fw_base, m->fw_base + m->fw_size, EFI_RUNTIME_DATA,
		   EFI_MEMORY_WB | EFI_MEMORY_RUNTIME}};
	if (r[1].start < r[0].start) {
		r[0] = r[1];
		r[1].start = m->image_lo & ~0xfffull;
		r[1].end = (m->image_hi + 0xfff) & ~0xfffull;
		r[1].type = EFI_LOADER_DATA;
		r[1].attr = EFI_MEMORY_WB;
	}
	unsigned n = 0;
	uint64_t free = 0;
	for (int i = 0; i < 2; i++) {
		n = memdesc(m, n, EFI_CONVENTIONAL, free, r[i].start,
			    EFI_MEMORY_WB);
		n = memdesc(m, n, r[i].type, r[i].start, r[i].end, r[i].attr);
		free = r[i].end;
	}
	n = memdesc(m, n, EFI_CONVENTIONAL, free, m->ram_size, EFI_MEMORY_WB);
	n = memdesc(m, n, EFI_MMIO, UART_BASE, UART_BASE + 0x1000,
		    EFI_MEMORY_UC | EFI_MEMORY_RUNTIME);
	n = memdesc(m, n, EFI_MMIO, PIB_BASE, PIB_BASE + PIB_SIZE,
		    EFI_MEMORY_UC | EFI_MEMORY_RUNTIME);
	return n;
}

/* The firmware goes where no segment is: at the top of RAM, or else
 * just below the program. */
static bool place_firmware(struct machine *m)
{
	m->fw_size = FW_SIZE;
	if (m->image_hi <= m->ram_size - FW_SIZE) {
		m->fw_base = m->ram_size - FW_SIZE;
		return true;
	}
	if (m->image_lo >= FW_SIZE) {
		m->fw_base = (m->image_lo - FW_SIZE) & ~0xffffull;
		return true;
	}
	fprintf(stderr,
		"ia64sim: the program's segments (%#llx-%#llx) leave no room "
		"for the firmware's %llu KiB, above or below them, in %llu "
		"MiB of RAM: give it more RAM (-m)\n",
		(unsigned long long)m->image_lo,
		(unsigned long long)m->image_hi, FW_SIZE >> 10,
		(unsigned long long)(m->ram_size >> 20));
	return false;
}

/*
 * struct boot_param, at r28 (offsets in bytes):
 *   0 command_line   8 efi_systab   16 efi_memmap   24 efi_memmap_size
 *  32 efi_memdesc_size   40 efi_memdesc_version (4 bytes)
 *  48 console: columns, rows, x, y (2 bytes each)
 *  56 fpswa   64 initrd_start   72 initrd_size
 */
bool firmware_init(struct machine *m, const char *cmdline)
{
	if (!place_firmware(m))
		return false;
	if (strlen(cmdline) >= 4096) {
		fprintf(stderr, "ia64sim: the kernel command line is longer "
				"than 4095 characters\n");
		return false;
	}
	memset(at(m, 0), 0, FW_SIZE);
	for (unsigned n = 0; n < ENTRY_COUNT; n++)
		entry_point(m, n);
	acpi_tables(m);
	sal_table(m);
	efi_tables(m);
	unsigned nmem = memory_map(m);
	strcpy((char *)at(m, FW_CMDLINE), cmdline);
	uint64_t bp = FW_BOOT_PARAM;
	put(m, bp, 8, addr(m, FW_CMDLINE));
	put(m, bp + 8, 8, addr(m, FW_EFI_SYST));
	put(m, bp + 16, 8, addr(m, FW_MEMMAP));
	put(m, bp + 24, 8, nmem * MEMDESC_SIZE);
	put(m, bp + 32, 8, MEMDESC_SIZE);
	put(m, bp + 40, 4, 1);
	put(m, bp + 48, 2, 80);
	put(m, bp + 50, 2, 25);
	return true;
}

#define PSR_AT_START (PSR_IC | PSR_BN)

void firmware_start_bsp(struct machine *m, struct cpu *c, uint64_t entry)
{
	set_psr(c, PSR_AT_START);
	c->ip = entry;
	set_gr(c, 28, addr(m, FW_BOOT_PARAM));
	set_gr(c, 12, addr(m, FW_STACK_TOP - 16));
	rse_set_bspstore(c, addr(m, FW_BSPSTORE));
	c->state = CPU_RUNNING;
}

void firmware_wake_ap(struct machine *m, struct cpu *c)
{
	if (!m->rendez_set) {
		fprintf(stderr,
			"ia64sim: cpu %u got the wake-up vector before "
			"SAL_SET_VECTORS registered a boot rendezvous: it "
			"stays in the firmware\n",
			c->id);
		return;
	}
	set_psr(c, PSR_AT_START);
	c->ip = m->rendez_ip & ~15ull;
	set_gr(c, 1, m->rendez_gp);
	c->state = CPU_RUNNING;
}

/* Say once per procedure that the kernel asked for one the simulator
 * does not have; the call returns -1, "not implemented", as the
 * specifications allow. */
static void not_simulated(struct cpu *c, const char *fw, uint64_t index)
{
	static uint64_t said[16];
	static unsigned nsaid;
	for (unsigned i = 0; i < nsaid; i++)
		if (said[i] == index)
			return;
	if (nsaid < 16)
		said[nsaid++] = index;
	fprintf(stderr,
		"ia64sim: cpu %u: %s procedure %#llx is not simulated "
		"(it returns -1)\n",
		c->id, fw, (unsigned long long)index);
}

static void results(struct cpu *c, uint64_t r8, uint64_t r9, uint64_t r10,
		    uint64_t r11)
{
	set_gr(c, 8, r8);
	set_gr(c, 9, r9);
	set_gr(c, 10, r10);
	set_gr(c, 11, r11);
}

/* PAL's static convention: r28 the procedure, back to b0, same frame. */
static bool pal_call(struct machine *m, struct cpu *c)
{
	uint64_t index = c->gr[28];
	results(c, 0, 0, 0, 0);
	switch (index) {
	case PAL_CACHE_FLUSH:
		break;
	case PAL_FREQ_BASE:
		set_gr(c, 9, BASE_HZ);
		break;
	case PAL_FREQ_RATIOS: /* processor, bus, ITC: each num << 32 | den */
		results(c, 0, 1ull << 32 | 1, 1ull << 32 | 1, 1ull << 32 | 1);
		break;
	case PAL_HALT_LIGHT:
		c->state = CPU_HALTED; /* until an interrupt is pending */
		break;
	default:
		not_simulated(c, "PAL", index);
		set_gr(c, 8, (uint64_t)-1);
	}
	(void)m;
	c->ip = c->br[0] & ~15ull;
	return true;
}

static bool sal_call(struct machine *m, struct cpu *c)
{
	uint64_t index = get_gr(c, 32);
	results(c, 0, 0, 0, 0);
	switch (index) {
	case SAL_FREQ_BASE: /* in1: 0 platform, 1 interval timer, 2 RTC */
		set_gr(c, 9, get_gr(c, 33) == 2 ? 32768 : BASE_HZ);
		break;
	case SAL_SET_VECTORS:
		if (get_gr(c, 33) == SAL_VECTOR_OS_BOOT_RENDEZ) {
			m->rendez_ip = get_gr(c, 34);
			m->rendez_gp = get_gr(c, 35);
			m->rendez_set = true;
		}
		break;
	default:
		not_simulated(c, "SAL", index);
		set_gr(c, 8, (uint64_t)-1);
	}
	return return_frame(m, c, c->br[0]) != STEP_STOP;
}

/* EFI_TIME {year, month, day, hour, minute, second, pad, nanosecond,
 * timezone, daylight, pad}: the simulated clock starts on 2002-06-01 (the
 * month of the mailing-list thread Tern is built around). */
static void efi_get_time(struct machine *m, struct cpu *c)
{
	uint64_t t = get_gr(c, 32), secs = itc(c) / BASE_HZ;
	uint64_t v[] = {
	    2002,	    6,	      1 + secs / 86400, secs / 3600 % 24,
	    secs / 60 % 60, secs % 60};
	static const unsigned size[] = {2, 1, 1, 1, 1, 1};
	uint64_t off = 0;
	for (unsigned i = 0; i < 6; i++) {
		mem_write(m, t + off, size[i], v[i]);
		off += size[i];
	}
	mem_write(m, t + 8, 4, itc(c) % BASE_HZ * 10);
	mem_write(m, t + 12, 4, 0);
	set_gr(c, 8, 0);
}

bool firmware_call(struct machine *m, struct cpu *c, uint64_t n)
{
	switch (n) {
	case ENTRY_PAL:
		return pal_call(m, c);
	case ENTRY_SAL:
		return sal_call(m, c);
	case ENTRY_EFI_GET_TIME:
		efi_get_time(m, c);
		break;
	case ENTRY_EFI_RESET: /* (type, status): every type powers off */
		if (get_gr(c, 32) != EFI_RESET_SHUTDOWN)
			fprintf(stderr,
				"ia64sim: ResetSystem type %llu: the "
				"simulator powers off instead\n",
				(unsigned long long)get_gr(c, 32));
		fflush(stdout);
		m->exit_status = (int)(get_gr(c, 33) & 0xff);
		m->halted = true;
		return false;
	default:
		set_gr(c, 8, EFI_UNSUPPORTED);
	}
	return !m->halted && return_frame(m, c, c->br[0]) != STEP_STOP;
}

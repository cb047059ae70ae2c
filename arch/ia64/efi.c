/*
 * arch/ia64/efi.c - the firmware's hand-off: boot parameters, EFI system
 * table, memory map, and the EFI runtime call that powers off.
 *
 * Everything is physical (Tern runs in physical mode on IA-64).  Tables
 * are checked (signatures, checksums) before they are believed.
 */
#include "arch/ia64/efi.h"
#include "kernel/bootinfo.h"
#include "lib/string.h"

#define EFI_SYSTAB_SIG 0x5453595320494249UL /* "IBI SYST" */

/* The first 4 bytes of the configuration tables' GUIDs (data1). */
#define GUID_ACPI20 0x8868e871u
#define GUID_SAL    0xeb9d2d32u

/* EFI memory types (EFI 1.10, 6.2) */
enum {
	EFI_LOADER_CODE = 1,
	EFI_LOADER_DATA = 2,
	EFI_BOOT_SERVICES_CODE = 3,
	EFI_BOOT_SERVICES_DATA = 4,
	EFI_CONVENTIONAL = 7,
	EFI_ACPI_RECLAIM = 9,
	EFI_ACPI_NVS = 10,
};

#define EFI_RESET_SHUTDOWN 2

u64 efi_acpi_rsdp, efi_sal_systab;
static u64 efi_runtime; /* the runtime services table */

/* EFI memory types to the kernel's neutral ones.  The kernel image is
 * loader data: usable, and reserved separately by ia64_setup(). */
static u32 mem_type(u32 efi)
{
	switch (efi) {
	case EFI_LOADER_CODE:
	case EFI_LOADER_DATA:
	case EFI_BOOT_SERVICES_CODE:
	case EFI_BOOT_SERVICES_DATA:
	case EFI_CONVENTIONAL:
		return MEM_USABLE;
	case EFI_ACPI_RECLAIM:
		return MEM_ACPI_RECLAIMABLE;
	case EFI_ACPI_NVS:
		return MEM_ACPI_NVS;
	}
	return MEM_RESERVED;
}

static void memory_map(const struct ia64_boot_param *bp)
{
	if (!bp->efi_memdesc_size)
		return;
	u64 n = bp->efi_memmap_size / bp->efi_memdesc_size;
	for (u64 i = 0; i < n; i++) {
		u64 d = bp->efi_memmap + i * bp->efi_memdesc_size;
		u32 type = rd32(d);
		u64 start = rd64(d + 8), pages = rd64(d + 24);
		boot_add_region(start, pages << 12, mem_type(type));
	}
}

static void config_tables(u64 systab)
{
	u64 n = rd64(systab + 104), t = rd64(systab + 112);
	for (u64 i = 0; i < n; i++) {
		u32 guid = rd32(t + 24 * i);
		u64 table = rd64(t + 24 * i + 16);
		if (guid == GUID_ACPI20)
			efi_acpi_rsdp = table;
		else if (guid == GUID_SAL)
			efi_sal_systab = table;
	}
}

void efi_init(const struct ia64_boot_param *bp)
{
	boot_info.protocol = BOOT_EFI;
	strlcpy(boot_info.loader, "ia64sim", sizeof(boot_info.loader));
	if (bp->command_line) {
		const char *cl = (const char *)bp->command_line;
		size_t len =
		    strlcpy(boot_info.cmdline, cl, sizeof(boot_info.cmdline));
		boot_info.cmdline_truncated = len >= sizeof(boot_info.cmdline);
	}
	memory_map(bp);
	if (bp->efi_systab && rd64(bp->efi_systab) == EFI_SYSTAB_SIG) {
		config_tables(bp->efi_systab);
		efi_runtime = rd64(bp->efi_systab + 88);
	}
	if (efi_acpi_rsdp) {
		memcpy(boot_info.rsdp, (const void *)efi_acpi_rsdp,
		       sizeof(boot_info.rsdp));
		boot_info.has_rsdp = true;
	}
}

static bool checksum_ok(u64 a, u32 len)
{
	u8 sum = 0;
	for (u32 i = 0; i < len; i++)
		sum = (u8)(sum + *(volatile u8 *)(a + i));
	return sum == 0;
}

u64 efi_acpi_table(const char *sig, const char **why)
{
	u64 r = efi_acpi_rsdp;
	if (!r || memcmp((const void *)r, "RSD PTR ", 8) ||
	    !checksum_ok(r, 36)) {
		*why = "the firmware gave no valid ACPI RSDP";
		return 0;
	}
	u64 xsdt = rd64(r + 24);
	if (memcmp((const void *)xsdt, "XSDT", 4) ||
	    !checksum_ok(xsdt, rd32(xsdt + 4))) {
		*why = "the XSDT is not valid";
		return 0;
	}
	*why = "no such table in the XSDT";
	for (u64 p = xsdt + 36; p + 8 <= xsdt + rd32(xsdt + 4); p += 8) {
		u64 t = rd64(p);
		if (memcmp((const void *)t, sig, 4))
			continue;
		if (checksum_ok(t, rd32(t + 4)))
			return t;
		*why = "its checksum is wrong";
	}
	return 0;
}

/* The SPCR's generic address (offset 44). */
u64 efi_console_uart(void)
{
	const char *why;
	u64 spcr = efi_acpi_table("SPCR", &why);
	return spcr ? rd64(spcr + 44) : 0;
}

/* A C call through an EFI function descriptor.  The asm hides where f
 * points: gcc would turn a call through a known data address into a
 * direct call to that data. */
typedef u64 (*efi_fn)(u64, u64, u64, u64);

__noreturn void efi_poweroff(u64 status)
{
	if (efi_runtime) {
		efi_fn reset = (efi_fn)(void *)rd64(efi_runtime + 24 + 10 * 8);
		__asm__("" : "+r"(reset));
		reset(EFI_RESET_SHUTDOWN, status, 0, 0);
	}
	for (;;)
		__asm__ __volatile__("hint @pause");
}

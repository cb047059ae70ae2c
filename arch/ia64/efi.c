/*
 * arch/ia64/efi.c - the firmware's hand-off: boot parameters, EFI system
 * table, memory map, and the EFI runtime call that powers off.
 *
 * Everything is physical (Tern runs in physical mode on IA-64).  Tables
 * are checked (signatures, checksums) before they are believed.
 */
#include "arch/ia64/efi.h"
#include "kernel/acpi.h"
#include "kernel/bootinfo.h"
#include "kernel/printk.h"
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

/* Where the fields Tern reads are (EFI 1.10: 4.3 the system table, 4.6
 * a configuration table entry, 5.1 a memory descriptor, 4.5 the runtime
 * services table, whose functions follow a 24-byte header). */
enum {
	SYSTAB_RUNTIME = 88,	/* the runtime services table */
	SYSTAB_NR_TABLES = 104, /* configuration tables: how many */
	SYSTAB_TABLES = 112,	/* ... and where */
	CONFIG_ENTRY_SIZE = 24, /* a GUID, then the table's address */
	CONFIG_TABLE = 16,
	MEMDESC_TYPE = 0,
	MEMDESC_START = 8,
	MEMDESC_PAGES = 24,
	RUNTIME_RESET_SYSTEM = 24 + 10 * 8, /* the 11th function */
};
#define EFI_PAGE_SHIFT 12 /* a memory descriptor counts 4 KiB pages */

u64 efi_sal_systab;
static u64 efi_acpi_rsdp; /* ACPI 2.0's RSDP, for efi_acpi_root() */
static u64 efi_runtime;	  /* the runtime services table */

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
		u32 type = rd32(d + MEMDESC_TYPE);
		u64 start = rd64(d + MEMDESC_START);
		u64 pages = rd64(d + MEMDESC_PAGES);
		boot_add_region(start, pages << EFI_PAGE_SHIFT, mem_type(type));
	}
}

static void config_tables(u64 systab)
{
	u64 n = rd64(systab + SYSTAB_NR_TABLES);
	u64 t = rd64(systab + SYSTAB_TABLES);
	for (u64 i = 0; i < n; i++) {
		u64 entry = t + CONFIG_ENTRY_SIZE * i;
		u32 guid = rd32(entry);
		u64 table = rd64(entry + CONFIG_TABLE);
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
		efi_runtime = rd64(bp->efi_systab + SYSTAB_RUNTIME);
	}
	if (efi_acpi_rsdp) {
		memcpy(boot_info.rsdp, (const void *)efi_acpi_rsdp,
		       sizeof(boot_info.rsdp));
		boot_info.has_rsdp = true;
	}
}

/* The end of the memory-map region that holds `a`, or 0 when none does. */
static u64 region_end(u64 a)
{
	for (int i = 0; i < boot_info.nr_mem; i++) {
		const struct mem_region *r = &boot_info.mem[i];
		if (a >= r->base && a - r->base < r->len)
			return r->base + r->len;
	}
	return 0;
}

/*
 * fw_map() for kernel/acpi.c: physical mode, so a physical address is the
 * pointer.  Only what the EFI memory map describes can be reached: the
 * simulator, like a real machine, has holes that stop whoever reads them.
 */
const void *fw_map(u64 phys, size_t len)
{
	u64 end = phys + len;

	if (!phys || end < phys)
		return NULL;
	for (u64 a = phys; a < end;) {
		a = region_end(a);
		if (!a)
			return NULL;
	}
	return (const void *)phys;
}

bool efi_acpi_root(struct acpi_root *root)
{
	if (!efi_acpi_rsdp) {
		pr_warn("acpi: EFI gave no ACPI 2.0 table (RSDP)\n");
		return false;
	}
	const void *rsdp = fw_map(efi_acpi_rsdp, ACPI_RSDP_V2_LEN);
	if (!rsdp || !acpi_rsdp_valid(rsdp, ACPI_RSDP_V2_LEN, efi_acpi_rsdp))
		return false;
	return acpi_map_root(rsdp, root);
}

/* SPCR (Microsoft's Serial Port Console Redirection table): the console
 * port's registers are a generic address at offset 40, its address at 44. */
#define SPCR_MIN_LEN 80
#define SPCR_ADDR    44

u64 efi_console_uart(void)
{
	struct acpi_root root;
	const struct acpi_header *spcr;
	u64 phys;

	if (!efi_acpi_root(&root))
		return 0;
	spcr = acpi_find_table(&root, "SPCR", "SPCR", SPCR_MIN_LEN, &phys);
	return spcr ? rd64((u64)spcr + SPCR_ADDR) : 0;
}

/* A C call through an EFI function descriptor.  The asm hides where f
 * points: gcc would turn a call through a known data address into a
 * direct call to that data. */
typedef u64 (*efi_fn)(u64, u64, u64, u64);

__noreturn void efi_poweroff(u64 status)
{
	if (efi_runtime) {
		efi_fn reset =
		    (efi_fn)(void *)rd64(efi_runtime + RUNTIME_RESET_SYSTEM);
		__asm__("" : "+r"(reset));
		reset(EFI_RESET_SHUTDOWN, status, 0, 0);
	}
	for (;;)
		__asm__ __volatile__("hint @pause");
}

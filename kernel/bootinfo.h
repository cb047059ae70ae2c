/*
 * kernel/bootinfo.h - what the boot loader told us, in one neutral form.
 *
 * Each architecture's boot code (multiboot on x86) fills one struct
 * boot_info and hands it to kernel_main().  Everything is copied out of the
 * loader's own structures, so nothing here points into memory that the page
 * allocator might hand out later.
 */
#ifndef TERN_KERNEL_BOOTINFO_H
#define TERN_KERNEL_BOOTINFO_H

#include "lib/compiler.h"

/* Region types: the values of the BIOS e820 map, which multiboot reuses. */
enum mem_type {
	MEM_USABLE = 1,
	MEM_RESERVED = 2,
	MEM_ACPI_RECLAIMABLE = 3,
	MEM_ACPI_NVS = 4,
	MEM_BAD = 5,
};

struct mem_region {
	u64 base;
	u64 len;
	u32 type;
};

#define BOOT_MAX_REGIONS  64
#define BOOT_MAX_RESERVED 16
#define BOOT_CMDLINE_MAX  1024
#define BOOT_NAME_MAX	  64

/* How the kernel was loaded. */
enum boot_protocol {
	BOOT_MULTIBOOT1 = 1, /* x86: qemu -kernel */
	BOOT_MULTIBOOT2 = 2, /* x86: GRUB */
	BOOT_EFI = 3,	     /* IA-64: the firmware's hand-off (docs/ia64.md) */
};

struct boot_info {
	int protocol; /* enum boot_protocol */
	char loader[BOOT_NAME_MAX];
	char cmdline[BOOT_CMDLINE_MAX];
	bool cmdline_truncated;

	/* The firmware's memory map, as the loader passed it on. */
	struct mem_region mem[BOOT_MAX_REGIONS];
	int nr_mem;

	/* Physical ranges in use that the memory map calls usable: the
	 * loader's own structures.  The page allocator stays off them. */
	struct mem_region reserved[BOOT_MAX_RESERVED];
	int nr_reserved;

	/* A copy of the ACPI RSDP when the loader gave one (multiboot2). */
	u8 rsdp[36];
	bool has_rsdp;

	bool text_console; /* a VGA text screen exists (BIOS boot) */
};

/* Filled in by the architecture before kernel_main() runs. */
extern struct boot_info boot_info;

/* For the arch's boot code: append to the memory map / the reserved list
 * (a full list is reported and the entry dropped). */
void boot_add_region(u64 base, u64 len, u32 type);
void boot_reserve(u64 base, u64 len);

/* Called by the arch once its console works. */
__noreturn void kernel_main(void);

#endif

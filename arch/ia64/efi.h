/*
 * arch/ia64/efi.h - what the firmware handed over (docs/ia64.md): the boot
 * parameters at r28, the EFI system table and what it points at.
 */
#ifndef TERN_ARCH_IA64_EFI_H
#define TERN_ARCH_IA64_EFI_H

#include "lib/compiler.h"

/* At r28 on entry: the layout of Linux/ia64's ia64_boot_param. */
struct ia64_boot_param {
	u64 command_line;
	u64 efi_systab;
	u64 efi_memmap;
	u64 efi_memmap_size;
	u64 efi_memdesc_size;
	u32 efi_memdesc_version;
	u32 pad;
	u16 console_cols, console_rows, console_x, console_y;
	u64 fpswa;
	u64 initrd_start;
	u64 initrd_size;
};

/* Read the boot parameters: the command line, the memory map (into
 * boot_info), the configuration tables (ACPI's RSDP, the SAL system
 * table).  Runs before the console works: it prints nothing. */
void efi_init(const struct ia64_boot_param *bp);

/* The SAL system table (0 when the firmware gave none). */
extern u64 efi_sal_systab;

/* Reading the firmware's tables (physical addresses). */
static inline u64 rd64(u64 a)
{
	return *(const volatile u64 *)a;
}

static inline u32 rd32(u64 a)
{
	return *(const volatile u32 *)a;
}

/* The ACPI root table (the XSDT) through the RSDP that EFI gave, both
 * checked by kernel/acpi.c; false, and a message, when there is none. */
struct acpi_root;
bool efi_acpi_root(struct acpi_root *root);

/* The console UART's registers, from ACPI's SPCR (0: none found). */
u64 efi_console_uart(void);

/* EFI ResetSystem: power off with a status.  Never returns. */
__noreturn void efi_poweroff(u64 status);

#endif

/*
 * arch/x86/multiboot.c - read the boot loader's information into boot_info.
 *
 * Two protocols reach this kernel:
 *  - multiboot1 (`qemu -kernel`): a fixed struct whose `flags` bits say
 *    which fields are valid; the memory map is a list of variable-size
 *    entries, each preceded by its own size.
 *  - multiboot2 (GRUB's `multiboot2` command): a list of tags, each with a
 *    type and a size, padded to 8 bytes, ending with a tag of type 0.
 * Both are in physical memory below 4 GiB, which the early page tables map,
 * so we read them through the direct map.  Anything we do not recognise is
 * skipped; anything malformed is named on the console and ignored.
 */
#include "arch/x86/multiboot.h"
#include "kernel/bootinfo.h"
#include "kernel/hal.h"
#include "kernel/printk.h"
#include "lib/string.h"

static void set_cmdline(const char *s)
{
	size_t n = strlcpy(boot_info.cmdline, s, sizeof(boot_info.cmdline));
	boot_info.cmdline_truncated = n >= sizeof(boot_info.cmdline);
}

/* ------------------------------ multiboot1 ------------------------------ */

struct mb1_info {
	u32 flags;
	u32 mem_lower, mem_upper;
	u32 boot_device;
	u32 cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr;
	u32 config_table;
	u32 boot_loader_name;
} __packed;

struct mb1_mmap_entry {
	u32 size; /* of the rest of this entry */
	u64 base;
	u64 len;
	u32 type;
} __packed;

#define MB1_INFO_MEMORY	 (1 << 0)
#define MB1_INFO_CMDLINE (1 << 2)
#define MB1_INFO_MODS	 (1 << 3)
#define MB1_INFO_MMAP	 (1 << 6)
#define MB1_INFO_LOADER	 (1 << 9)

/*
 * QEMU and GRUB put the kernel's path first in a multiboot1 command line
 * ("build/tern.elf hz=100").  Option names never contain '/', so a first
 * word with a '/' and no '=' is the path, and we skip it.
 */
static const char *skip_image_path(const char *s)
{
	const char *end = s;
	bool slash = false, equals = false;
	while (*end && *end != ' ') {
		slash |= *end == '/';
		equals |= *end == '=';
		end++;
	}
	if (!slash || equals)
		return s;
	while (*end == ' ')
		end++;
	return end;
}

static void parse_mb1(u32 info_phys)
{
	const struct mb1_info *mbi = hal_phys_to_virt(info_phys);
	boot_info.protocol = BOOT_MULTIBOOT1;
	boot_info.text_console = true;
	boot_reserve(info_phys, sizeof(*mbi));

	if (mbi->flags & MB1_INFO_CMDLINE) {
		const char *raw = hal_phys_to_virt(mbi->cmdline);
		set_cmdline(skip_image_path(raw));
		boot_reserve(mbi->cmdline, strlen(raw) + 1);
	}
	if (mbi->flags & MB1_INFO_LOADER)
		strlcpy(boot_info.loader,
			hal_phys_to_virt(mbi->boot_loader_name),
			sizeof(boot_info.loader));
	if (mbi->flags & MB1_INFO_MODS)
		boot_reserve(mbi->mods_addr, (u64)mbi->mods_count * 16);

	if (mbi->flags & MB1_INFO_MMAP) {
		boot_reserve(mbi->mmap_addr, mbi->mmap_length);
		u32 off = 0;
		while (off + sizeof(struct mb1_mmap_entry) <=
		       mbi->mmap_length) {
			const struct mb1_mmap_entry *e =
			    hal_phys_to_virt(mbi->mmap_addr + off);
			if (e->size < 20) {
				pr_err("multiboot: memory map entry of size %u "
				       "is malformed; map cut short\n",
				       e->size);
				break;
			}
			boot_add_region(e->base, e->len, e->type);
			off += e->size + 4;
		}
	} else if (mbi->flags & MB1_INFO_MEMORY) {
		/* No map: the old fields give conventional and extended KiB. */
		boot_add_region(0, (u64)mbi->mem_lower * 1024, MEM_USABLE);
		boot_add_region(0x100000, (u64)mbi->mem_upper * 1024,
				MEM_USABLE);
	}
}

/* ------------------------------ multiboot2 ------------------------------ */

struct mb2_tag {
	u32 type;
	u32 size;
} __packed;

enum {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_LOADER = 2,
	MB2_TAG_MMAP = 6,
	MB2_TAG_FRAMEBUFFER = 8,
	MB2_TAG_EFI32 = 11,
	MB2_TAG_EFI64 = 12,
	MB2_TAG_ACPI_OLD = 14,
	MB2_TAG_ACPI_NEW = 15,
};

struct mb2_mmap {
	struct mb2_tag tag;
	u32 entry_size;
	u32 entry_version;
	/* then entries of entry_size bytes: base u64, len u64, type u32 */
} __packed;

static void parse_mb2_mmap(const struct mb2_mmap *m)
{
	if (m->entry_size < 20) {
		pr_err("multiboot2: memory map entry size %u is malformed; map "
		       "ignored\n",
		       m->entry_size);
		return;
	}
	for (u32 off = sizeof(*m); off + m->entry_size <= m->tag.size;
	     off += m->entry_size) {
		const u8 *e = (const u8 *)m + off;
		u64 base, len;
		u32 type;
		memcpy(&base, e, 8);
		memcpy(&len, e + 8, 8);
		memcpy(&type, e + 16, 4);
		boot_add_region(base, len, type);
	}
}

static void parse_mb2(u32 info_phys)
{
	const u8 *start = hal_phys_to_virt(info_phys);
	u32 total = *(const u32 *)start;
	bool efi = false, ega_text = false, have_fb = false;

	boot_info.protocol = BOOT_MULTIBOOT2;
	boot_reserve(info_phys, total);

	for (u32 off = 8; off + sizeof(struct mb2_tag) <= total;) {
		const struct mb2_tag *tag = (const void *)(start + off);
		if (tag->type == MB2_TAG_END)
			break;
		if (tag->size < sizeof(*tag) || off + tag->size > total) {
			pr_err("multiboot2: tag %u at offset %u has bad size "
			       "%u; rest ignored\n",
			       tag->type, off, tag->size);
			break;
		}
		const char *payload = (const char *)(tag + 1);
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			set_cmdline(payload);
			break;
		case MB2_TAG_LOADER:
			strlcpy(boot_info.loader, payload,
				sizeof(boot_info.loader));
			break;
		case MB2_TAG_MMAP:
			parse_mb2_mmap((const void *)tag);
			break;
		case MB2_TAG_FRAMEBUFFER:
			have_fb = true;
			/* byte 29 of the tag: framebuffer type, 2 = EGA text */
			ega_text = tag->size > 29 && ((const u8 *)tag)[29] == 2;
			break;
		case MB2_TAG_EFI32:
		case MB2_TAG_EFI64:
			efi = true;
			break;
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW: {
			size_t n = MIN(tag->size - sizeof(*tag),
				       sizeof(boot_info.rsdp));
			/* prefer the ACPI 2.0 copy when both are there */
			if (!boot_info.has_rsdp ||
			    tag->type == MB2_TAG_ACPI_NEW) {
				memcpy(boot_info.rsdp, payload, n);
				boot_info.has_rsdp = true;
			}
			break;
		}
		}
		off += ALIGN_UP(tag->size, 8);
	}
	boot_info.text_console = have_fb ? ega_text : !efi;
}

void multiboot_parse(u32 magic, u32 info_phys)
{
	if (magic == MB1_BOOT_MAGIC)
		parse_mb1(info_phys);
	else
		parse_mb2(info_phys);
	if (!boot_info.loader[0])
		strlcpy(boot_info.loader, "unknown", sizeof(boot_info.loader));
}

/*
 * arch/x86/multiboot.c - read the boot loader's information into boot_info.
 *
 * Two protocols reach this kernel:
 *  - multiboot1 (`qemu -kernel`): a fixed struct whose `flags` bits say
 *    which fields are valid; the memory map is a list of variable-size
 *    entries, each preceded by its own size.
 *  - multiboot2 (GRUB's `multiboot2` command): a list of tags, each with a
 *    type and a size, padded to 8 bytes, ending with a tag of type 0.
 * Both are in physical memory below 4 GiB.  Like the firmware-table
 * parsers (kernel/acpi.h), this file reads memory only through fw_map()
 * and speaks only through printk(), and nothing is read outside a range
 * that was mapped whole: so the host tests (tests/test_multiboot.c) and
 * the fuzzer (tests/fuzz/) run it over a fake memory where a byte too far
 * is an AddressSanitizer error.  Anything we do not recognise is skipped;
 * anything malformed is named on the console and ignored.
 *
 * The memory map is cleaned before the kernel sees it (map_finish()):
 * zero-length entries are dropped, entries are cut at the 52-bit physical
 * address limit, and where entries overlap the one with the higher type
 * number wins - so usable RAM (type 1) loses to every other type.  What
 * reaches boot_info.mem is sorted and free of overlaps.
 */
#include "arch/x86/multiboot.h"
#include "kernel/acpi.h"
#include "kernel/bootinfo.h"
#include "kernel/printk.h"
#include "lib/string.h"

/* A boot loader's structures are a few KiB; more is taken for garbage. */
#define MB_INFO_MAX (1u << 20)

/* x86-64's architectural limit (MAXPHYADDR is at most 52). */
#define MB_PHYS_LIMIT (1ULL << 52)

static void set_cmdline(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	size_t keep = MIN(len, sizeof(boot_info.cmdline) - 1);

	memcpy(boot_info.cmdline, s, keep);
	boot_info.cmdline[keep] = '\0';
	boot_info.cmdline_truncated = len > keep;
}

static void set_loader(const char *s, size_t n)
{
	size_t keep = MIN(strnlen(s, n), sizeof(boot_info.loader) - 1);

	memcpy(boot_info.loader, s, keep);
	boot_info.loader[keep] = '\0';
}

/*
 * Copy the NUL-terminated string at `phys` into buf (always terminated),
 * mapping it a page at a time.  Returns its length (at most size - 1; a
 * longer one is cut and *cut set), or -1 when its first byte cannot be
 * reached.  A string that runs into memory that cannot be reached ends
 * there.
 */
static long read_string(u64 phys, char *buf, size_t size, bool *cut)
{
	size_t n = 0;

	*cut = false;
	while (n + 1 < size) {
		size_t chunk = MIN(size - 1 - n, 4096 - (phys + n) % 4096);
		const char *s = fw_map(phys + n, chunk);
		size_t len;

		if (!s) {
			if (n == 0)
				return -1;
			break;
		}
		len = strnlen(s, chunk);
		memcpy(buf + n, s, len);
		n += len;
		if (len < chunk) {
			buf[n] = '\0';
			return (long)n;
		}
	}
	buf[n] = '\0';
	*cut = n + 1 >= size;
	return (long)n;
}

/* ------------------------------ the memory map ------------------------- */

/* The map as the loader gave it, cleaned by map_finish(). */
#define MB_MAX_RAW (2 * BOOT_MAX_REGIONS)

static struct {
	u64 base, end; /* [base, end), end <= MB_PHYS_LIMIT */
	u32 type;
} raw[MB_MAX_RAW];
static int nr_raw;
static bool raw_full;

static void map_add(u64 base, u64 len, u32 type)
{
	if (len == 0) {
		pr_warn("multiboot: memory map entry at %#llx has length 0; "
			"ignored\n",
			base);
		return;
	}
	if (base >= MB_PHYS_LIMIT || len > MB_PHYS_LIMIT - base) {
		pr_warn("multiboot: memory map entry %#llx+%#llx goes past the "
			"52-bit physical address limit; %s\n",
			base, len,
			base >= MB_PHYS_LIMIT ? "ignored" : "cut there");
		if (base >= MB_PHYS_LIMIT)
			return;
		len = MB_PHYS_LIMIT - base;
	}
	if (nr_raw == MB_MAX_RAW) {
		if (!raw_full)
			pr_warn("multiboot: more than %d memory map entries; "
				"the rest are ignored\n",
				MB_MAX_RAW);
		raw_full = true;
		return;
	}
	if (type < MEM_USABLE || type > MEM_BAD)
		type = MEM_RESERVED; /* an unknown type must not be used */
	raw[nr_raw].base = base;
	raw[nr_raw].end = base + len;
	raw[nr_raw++].type = type;
}

/* Report the first overlap, and how many there are. */
static void map_report_overlaps(void)
{
	int count = 0, fi = 0, fj = 0;

	for (int i = 0; i < nr_raw; i++)
		for (int j = i + 1; j < nr_raw; j++)
			if (raw[i].base < raw[j].end &&
			    raw[j].base < raw[i].end && !count++) {
				fi = i;
				fj = j;
			}
	if (!count)
		return;
	pr_warn("multiboot: memory map entries %#llx-%#llx (type %u) and "
		"%#llx-%#llx (type %u) overlap; where entries overlap, the "
		"higher type wins (%d overlap%s)\n",
		raw[fi].base, raw[fi].end - 1, raw[fi].type, raw[fj].base,
		raw[fj].end - 1, raw[fj].type, count, count == 1 ? "" : "s");
}

/*
 * Hand the cleaned map to boot_info: cut the address space at every start
 * and end of an entry; each piece takes the highest type of the entries
 * that cover it (none: a hole); neighbours of the same type join.
 */
static void map_finish(void)
{
	static u64 cut[2 * MB_MAX_RAW];
	int n = 0;
	u64 out_base = 0, out_end = 0;
	u32 out_type = 0;

	map_report_overlaps();
	for (int i = 0; i < nr_raw; i++) {
		cut[n++] = raw[i].base;
		cut[n++] = raw[i].end;
	}
	/* Insertion sort: a few dozen entries. */
	for (int i = 1; i < n; i++) {
		u64 v = cut[i];
		int j = i;
		for (; j > 0 && cut[j - 1] > v; j--)
			cut[j] = cut[j - 1];
		cut[j] = v;
	}
	for (int i = 0; i + 1 < n; i++) {
		u64 a = cut[i], b = cut[i + 1];
		u32 type = 0;

		if (a == b)
			continue;
		for (int k = 0; k < nr_raw; k++)
			if (raw[k].base <= a && b <= raw[k].end)
				type = MAX(type, raw[k].type);
		if (type && type == out_type && out_end == a) {
			out_end = b;
			continue;
		}
		if (out_type)
			boot_add_region(out_base, out_end - out_base, out_type);
		out_base = a;
		out_end = b;
		out_type = type;
	}
	if (out_type)
		boot_add_region(out_base, out_end - out_base, out_type);
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

/* The command line, after the image's path; `line` is parse_mb1's. */
static void mb1_cmdline(const struct mb1_info *mbi, char *line, size_t size)
{
	bool cut;
	long n = read_string(mbi->cmdline, line, size, &cut);
	if (n < 0) {
		pr_err("multiboot: the command line at %#x cannot be "
		       "reached; ignored\n",
		       mbi->cmdline);
		return;
	}
	set_cmdline(skip_image_path(line), size);
	boot_info.cmdline_truncated |= cut;
	boot_reserve(mbi->cmdline, (u64)n + 1);
}

static void mb1_mmap(const struct mb1_info *mbi)
{
	u32 len = mbi->mmap_length;
	const u8 *map = len <= MB_INFO_MAX ? fw_map(mbi->mmap_addr, len) : NULL;
	if (!map) {
		pr_err("multiboot: the memory map at %#x (%u bytes) "
		       "cannot be read; ignored\n",
		       mbi->mmap_addr, len);
		return;
	}
	boot_reserve(mbi->mmap_addr, len);
	for (u64 off = 0; off + sizeof(struct mb1_mmap_entry) <= len;) {
		struct mb1_mmap_entry e;
		memcpy(&e, map + off, sizeof(e));
		if (e.size < 20) {
			pr_err("multiboot: memory map entry of size %u "
			       "is malformed; map cut short\n",
			       e.size);
			break;
		}
		map_add(e.base, e.len, e.type);
		off += (u64)e.size + 4;
	}
}

static void parse_mb1(u32 info_phys)
{
	static char line[BOOT_CMDLINE_MAX + 256]; /* the path, then options */
	const struct mb1_info *mbi = fw_map(info_phys, sizeof(*mbi));
	bool cut;

	boot_info.protocol = BOOT_MULTIBOOT1;
	boot_info.text_console = true;
	if (!mbi) {
		pr_err("multiboot: the information at %#x cannot be reached\n",
		       info_phys);
		return;
	}
	boot_reserve(info_phys, sizeof(*mbi));

	if (mbi->flags & MB1_INFO_CMDLINE)
		mb1_cmdline(mbi, line, sizeof(line));
	if (mbi->flags & MB1_INFO_LOADER &&
	    read_string(mbi->boot_loader_name, line, sizeof(boot_info.loader),
			&cut) >= 0)
		set_loader(line, sizeof(boot_info.loader));
	if (mbi->flags & MB1_INFO_MODS)
		boot_reserve(mbi->mods_addr, (u64)mbi->mods_count * 16);

	if (mbi->flags & MB1_INFO_MMAP) {
		mb1_mmap(mbi);
	} else if (mbi->flags & MB1_INFO_MEMORY) {
		/* No map: the old fields give conventional and extended KiB. */
		map_add(0, (u64)mbi->mem_lower * 1024, MEM_USABLE);
		map_add(0x100000, (u64)mbi->mem_upper * 1024, MEM_USABLE);
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

static void parse_mb2_mmap(const struct mb2_tag *tag)
{
	struct mb2_mmap m;

	if (tag->size < sizeof(m)) {
		pr_err("multiboot2: memory map tag of %u bytes is too short; "
		       "map ignored\n",
		       tag->size);
		return;
	}
	memcpy(&m, tag, sizeof(m));
	if (m.entry_size < 20) {
		pr_err("multiboot2: memory map entry size %u is malformed; map "
		       "ignored\n",
		       m.entry_size);
		return;
	}
	for (u64 off = sizeof(m); off + m.entry_size <= tag->size;
	     off += m.entry_size) {
		const u8 *e = (const u8 *)tag + off;
		u64 base, len;
		u32 type;
		memcpy(&base, e, 8);
		memcpy(&len, e + 8, 8);
		memcpy(&type, e + 16, 4);
		map_add(base, len, type);
	}
}

/* The framebuffer tag's type byte (offset 29), and its value for text. */
#define MB2_FB_TYPE_AT	29
#define MB2_FB_EGA_TEXT 2

/* What the tags say about the console (parse_mb2 decides from it). */
struct mb2_console {
	bool efi, ega_text, have_fb;
};

/* The whole information block, mapped, its size in *total; NULL (after a
 * message) when it cannot be read or its size is out of range. */
static const u8 *mb2_map_info(u32 info_phys, u32 *total)
{
	const u8 *start = fw_map(info_phys, 8);
	if (!start) {
		pr_err("multiboot2: the information at %#x cannot be reached\n",
		       info_phys);
		return NULL;
	}
	memcpy(total, start, 4);
	if (*total < 8 || *total > MB_INFO_MAX) {
		pr_err("multiboot2: information size %u is out of range "
		       "(8..%u); ignored\n",
		       *total, MB_INFO_MAX);
		return NULL;
	}
	start = fw_map(info_phys, *total);
	if (!start)
		pr_err("multiboot2: the %u bytes of information at %#x cannot "
		       "be reached\n",
		       *total, info_phys);
	return start;
}

/* An ACPI RSDP tag: keep its copy; the ACPI 2.0 one wins over 1.0. */
static void mb2_rsdp(const struct mb2_tag *tag, const char *payload,
		     size_t payload_len)
{
	size_t n = MIN(payload_len, sizeof(boot_info.rsdp));
	if (!boot_info.has_rsdp || tag->type == MB2_TAG_ACPI_NEW) {
		memset(boot_info.rsdp, 0, sizeof(boot_info.rsdp));
		memcpy(boot_info.rsdp, payload, n);
		boot_info.has_rsdp = true;
	}
}

/* One tag whose size has been checked against the block. */
static void mb2_tag(const struct mb2_tag *tag, struct mb2_console *con)
{
	const char *payload = (const char *)(tag + 1);
	size_t payload_len = tag->size - sizeof(*tag);

	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		set_cmdline(payload, payload_len);
		break;
	case MB2_TAG_LOADER:
		set_loader(payload, payload_len);
		break;
	case MB2_TAG_MMAP:
		parse_mb2_mmap(tag);
		break;
	case MB2_TAG_FRAMEBUFFER:
		con->have_fb = true;
		con->ega_text =
		    tag->size > MB2_FB_TYPE_AT &&
		    ((const u8 *)tag)[MB2_FB_TYPE_AT] == MB2_FB_EGA_TEXT;
		break;
	case MB2_TAG_EFI32:
	case MB2_TAG_EFI64:
		con->efi = true;
		break;
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		mb2_rsdp(tag, payload, payload_len);
		break;
	}
}

static void parse_mb2(u32 info_phys)
{
	struct mb2_console con = {false, false, false};
	const u8 *start;
	u32 total;

	boot_info.protocol = BOOT_MULTIBOOT2;
	start = mb2_map_info(info_phys, &total);
	if (!start)
		return;
	boot_reserve(info_phys, total);

	for (u32 off = 8; off + sizeof(struct mb2_tag) <= total;) {
		const struct mb2_tag *tag = (const void *)(start + off);
		if (tag->type == MB2_TAG_END)
			break;
		if (tag->size < sizeof(*tag) || tag->size > total - off) {
			pr_err("multiboot2: tag %u at offset %u has bad size "
			       "%u; rest ignored\n",
			       tag->type, off, tag->size);
			break;
		}
		mb2_tag(tag, &con);
		off += ALIGN_UP(tag->size, 8);
	}
	boot_info.text_console = con.have_fb ? con.ega_text : !con.efi;
}

void multiboot_parse(u32 magic, u32 info_phys)
{
	nr_raw = 0;
	raw_full = false;
	if (magic == MB1_BOOT_MAGIC)
		parse_mb1(info_phys);
	else
		parse_mb2(info_phys);
	map_finish();
	if (!boot_info.loader[0])
		strlcpy(boot_info.loader, "unknown", sizeof(boot_info.loader));
}

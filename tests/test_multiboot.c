/*
 * tests/test_multiboot.c - host tests for arch/x86/multiboot.c.
 *
 * The boot loader's information is written into the fake physical memory
 * of tests/fw_fake.c and parsed by the kernel's own multiboot_parse();
 * boot_info (kernel/bootinfo.c, linked in) is what comes out.  fw_map()
 * hands out exact-size copies, so AddressSanitizer fails a test whose
 * parser reads a byte too far.
 *
 * What the kernel does with an untidy memory map (arch/x86/multiboot.c,
 * docs/boot.md): zero-length entries are dropped; where entries overlap,
 * the higher type number wins, so usable RAM (1) loses to every other
 * type; the result is sorted, with neighbours of the same type joined.
 * Both are reported on the console.
 */
#include "tests/test_common.h"

#include <unistd.h>

#include "arch/x86/multiboot.h"
#include "kernel/bootinfo.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"
#include "tests/fw_fake.h"

#define INFO_PHYS 0x10000ULL
#define MMAP_PHYS 0x11000ULL
#define STR_PHYS  0x12000ULL

static int setup(void **state)
{
	(void)state;
	fake_reset();
	memset(&boot_info, 0, sizeof(boot_info));
	/* A parser that loops for ever fails the program, not the suite's
	 * time limit. */
	alarm(10);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	alarm(0);
	fake_free();
	return 0;
}

struct entry {
	u64 base, len;
	u32 type;
};

/* The map every untidy-map test gives, in both protocols. */
static const struct entry untidy[] = {
    {0x0, 0x9fc00, MEM_USABLE},
    {0x500000, 0, MEM_USABLE},			/* zero length */
    {0x100000, 0x7f00000, MEM_USABLE},		/* 1 MiB .. 128 MiB */
    {0x7000000, 0x100000, MEM_RESERVED},	/* inside the RAM */
    {0x7ff0000, 0x20000, MEM_ACPI_RECLAIMABLE}, /* over its end */
    {0x9fc00, 0, MEM_RESERVED},			/* zero length */
};

/* What boot_info.mem must hold after it. */
static const struct entry untidy_clean[] = {
    {0x0, 0x9fc00, MEM_USABLE},
    {0x100000, 0x6f00000, MEM_USABLE},
    {0x7000000, 0x100000, MEM_RESERVED},
    {0x7100000, 0xef0000, MEM_USABLE},
    {0x7ff0000, 0x20000, MEM_ACPI_RECLAIMABLE},
};

static void assert_map(const struct entry *want, int n)
{
	char got[2048] = "";
	size_t at = 0;

	for (int i = 0; i < boot_info.nr_mem && at < sizeof(got); i++) {
		const struct mem_region *r = &boot_info.mem[i];
		at += snprintf(got + at, sizeof(got) - at, " %#llx+%#llx/%u",
			       r->base, r->len, r->type);
	}
	if (boot_info.nr_mem != n)
		fail_msg("expected %d regions, got %d:%s\nlog:\n%s", n,
			 boot_info.nr_mem, got, fake_log());
	for (int i = 0; i < n; i++) {
		const struct mem_region *r = &boot_info.mem[i];
		if (r->base != want[i].base || r->len != want[i].len ||
		    r->type != want[i].type)
			fail_msg("region %d: expected %#llx+%#llx/%u; the map "
				 "is:%s",
				 i, want[i].base, want[i].len, want[i].type,
				 got);
	}
}

/* --- multiboot1 ------------------------------------------------------- */

#define MB1_MMAP    (1u << 6)
#define MB1_CMDLINE (1u << 2)
#define MB1_LOADER  (1u << 9)

/* The 68 bytes of the multiboot1 information that the kernel reads. */
static void put_mb1_info(u32 flags, u32 cmdline, u32 mmap_len, u32 loader)
{
	struct tbl t;

	tbl_start(&t, INFO_PHYS);
	tbl_u32(&t, flags);
	tbl_u32(&t, 639);   /* mem_lower */
	tbl_u32(&t, 65536); /* mem_upper */
	tbl_u32(&t, 0);	    /* boot_device */
	tbl_u32(&t, cmdline);
	tbl_u32(&t, 0); /* mods_count */
	tbl_u32(&t, 0); /* mods_addr */
	for (int i = 0; i < 4; i++)
		tbl_u32(&t, 0);
	tbl_u32(&t, mmap_len);
	tbl_u32(&t, MMAP_PHYS);
	tbl_u32(&t, 0); /* drives */
	tbl_u32(&t, 0);
	tbl_u32(&t, 0); /* config table */
	tbl_u32(&t, loader);
}

/* Entries as multiboot1 writes them: size (20), base, length, type. */
static u32 put_mb1_mmap(const struct entry *e, int n)
{
	struct tbl t;

	tbl_start(&t, MMAP_PHYS);
	for (int i = 0; i < n; i++) {
		tbl_u32(&t, 20);
		tbl_u64(&t, e[i].base);
		tbl_u64(&t, e[i].len);
		tbl_u32(&t, e[i].type);
	}
	return (u32)t.len;
}

static void mb1_untidy_map(void **state)
{
	(void)state;
	put_mb1_info(MB1_MMAP, 0, put_mb1_mmap(untidy, ARRAY_SIZE(untidy)), 0);
	multiboot_parse(MB1_BOOT_MAGIC, INFO_PHYS);
	assert_map(untidy_clean, ARRAY_SIZE(untidy_clean));
	assert_log("multiboot: memory map entry at 0x500000 has length 0; "
		   "ignored");
	assert_log("multiboot: memory map entry at 0x9fc00 has length 0; "
		   "ignored");
	assert_log("multiboot: memory map entries 0x100000-0x7ffffff (type 1) "
		   "and 0x7000000-0x70fffff (type 2) overlap; where entries "
		   "overlap, the higher type wins (2 overlaps)");
	assert_int_equal(boot_info.protocol, BOOT_MULTIBOOT1);
}

/* The same entry twice, and two neighbours of one type: joined. */
static void mb1_duplicates_join(void **state)
{
	static const struct entry e[] = {
	    {0x100000, 0x100000, MEM_USABLE},
	    {0x200000, 0x100000, MEM_USABLE},
	    {0x100000, 0x100000, MEM_USABLE},
	    {0x0, 0x1000, MEM_RESERVED},
	};
	static const struct entry want[] = {
	    {0x0, 0x1000, MEM_RESERVED},
	    {0x100000, 0x200000, MEM_USABLE},
	};
	(void)state;
	put_mb1_info(MB1_MMAP, 0, put_mb1_mmap(e, ARRAY_SIZE(e)), 0);
	multiboot_parse(MB1_BOOT_MAGIC, INFO_PHYS);
	assert_map(want, ARRAY_SIZE(want));
}

/* A type the kernel does not know is reserved, and beats usable RAM. */
static void mb1_unknown_type_is_reserved(void **state)
{
	static const struct entry e[] = {
	    {0x100000, 0x300000, MEM_USABLE},
	    {0x200000, 0x1000, 17},
	};
	static const struct entry want[] = {
	    {0x100000, 0x100000, MEM_USABLE},
	    {0x200000, 0x1000, MEM_RESERVED},
	    {0x201000, 0x1ff000, MEM_USABLE},
	};
	(void)state;
	put_mb1_info(MB1_MMAP, 0, put_mb1_mmap(e, ARRAY_SIZE(e)), 0);
	multiboot_parse(MB1_BOOT_MAGIC, INFO_PHYS);
	assert_map(want, ARRAY_SIZE(want));
}

/* An entry that wraps past 2^64 (or past the 52-bit limit) is cut. */
static void mb1_entry_past_phys_limit(void **state)
{
	static const struct entry e[] = {
	    {0x100000, 0x100000, MEM_USABLE},
	    {0xfffffffffffff000ULL, 0x2000, MEM_USABLE},
	    {0xffffffff000ULL, ~0ULL, MEM_RESERVED},
	};
	static const struct entry want[] = {
	    {0x100000, 0x100000, MEM_USABLE},
	    {0xffffffff000ULL, (1ULL << 52) - 0xffffffff000ULL, MEM_RESERVED},
	};
	(void)state;
	put_mb1_info(MB1_MMAP, 0, put_mb1_mmap(e, ARRAY_SIZE(e)), 0);
	multiboot_parse(MB1_BOOT_MAGIC, INFO_PHYS);
	assert_map(want, ARRAY_SIZE(want));
	assert_log("goes past the 52-bit physical address limit; ignored");
	assert_log("goes past the 52-bit physical address limit; cut there");
}

/* size 0xfffffffc: adding it and 4 to a 32-bit offset gave the same
 * offset again, for ever. */
static void mb1_entry_size_wraps(void **state)
{
	struct tbl t;
	(void)state;
	tbl_start(&t, MMAP_PHYS);
	tbl_u32(&t, 0xfffffffc);
	tbl_u64(&t, 0x100000);
	tbl_u64(&t, 0x100000);
	tbl_u32(&t, MEM_USABLE);
	tbl_u32(&t, 20);
	tbl_u64(&t, 0x200000);
	tbl_u64(&t, 0x100000);
	tbl_u32(&t, MEM_USABLE);
	put_mb1_info(MB1_MMAP, 0, (u32)t.len, 0);
	multiboot_parse(MB1_BOOT_MAGIC, INFO_PHYS);
	assert_int_equal(boot_info.nr_mem, 1);
	assert_int_equal(boot_info.mem[0].base, 0x100000);
}

/* The image path goes, the options stay; the loader's name is copied. */
static void mb1_cmdline_and_loader(void **state)
{
	const char *line = "build/tern.elf hz=100 poweroff";
	(void)state;
	memcpy(fake_mem(STR_PHYS, strlen(line) + 1), line, strlen(line) + 1);
	memcpy(fake_mem(STR_PHYS + 0x100, 5), "qemu", 5);
	put_mb1_info(MB1_CMDLINE | MB1_LOADER, STR_PHYS, 0, STR_PHYS + 0x100);
	multiboot_parse(MB1_BOOT_MAGIC, INFO_PHYS);
	assert_string_equal(boot_info.cmdline, "hz=100 poweroff");
	assert_false(boot_info.cmdline_truncated);
	assert_string_equal(boot_info.loader, "qemu");
}

/* A command line that runs to the end of reachable memory with no NUL
 * ends there; one that cannot be reached at all is reported. */
static void mb1_cmdline_unterminated(void **state)
{
	(void)state;
	memset(fake_mem(FAKE_LOW_SIZE - 10, 10), 'x', 10);
	put_mb1_info(MB1_CMDLINE, FAKE_LOW_SIZE - 10, 0, 0);
	multiboot_parse(MB1_BOOT_MAGIC, INFO_PHYS);
	assert_string_equal(boot_info.cmdline, "xxxxxxxxxx");

	memset(&boot_info, 0, sizeof(boot_info));
	put_mb1_info(MB1_CMDLINE, 0x40000000, 0, 0);
	multiboot_parse(MB1_BOOT_MAGIC, INFO_PHYS);
	assert_string_equal(boot_info.cmdline, "");
	assert_log("multiboot: the command line at 0x40000000 cannot be "
		   "reached; ignored");
}

/* --- multiboot2 ------------------------------------------------------- */

static void tag_pad(struct tbl *t)
{
	while (t->len % 8)
		tbl_u8(t, 0);
}

static void put_tag_mmap(struct tbl *t, const struct entry *e, int n)
{
	tbl_u32(t, 6);
	tbl_u32(t, 16 + 24 * n);
	tbl_u32(t, 24); /* entry size */
	tbl_u32(t, 0);	/* entry version */
	for (int i = 0; i < n; i++) {
		tbl_u64(t, e[i].base);
		tbl_u64(t, e[i].len);
		tbl_u32(t, e[i].type);
		tbl_u32(t, 0);
	}
	tag_pad(t);
}

static void put_tag_string(struct tbl *t, u32 type, const char *s, size_t n)
{
	tbl_u32(t, type);
	tbl_u32(t, 8 + n);
	tbl_bytes(t, s, n);
	tag_pad(t);
}

static void mb2_end(struct tbl *t)
{
	tbl_u32(t, 0);
	tbl_u32(t, 8);
	fake_put32(t->phys, (u32)t->len);
}

static void mb2_start(struct tbl *t)
{
	tbl_start(t, INFO_PHYS);
	tbl_u32(t, 0); /* total size, later */
	tbl_u32(t, 0);
}

static void mb2_untidy_map(void **state)
{
	struct tbl t;
	(void)state;
	mb2_start(&t);
	put_tag_string(&t, 1, "hz=100", 7);
	put_tag_mmap(&t, untidy, ARRAY_SIZE(untidy));
	mb2_end(&t);
	multiboot_parse(MB2_BOOT_MAGIC, INFO_PHYS);
	assert_map(untidy_clean, ARRAY_SIZE(untidy_clean));
	assert_log("has length 0; ignored");
	assert_log("where entries overlap, the higher type wins");
	assert_string_equal(boot_info.cmdline, "hz=100");
	assert_int_equal(boot_info.protocol, BOOT_MULTIBOOT2);
}

/* A tag size near 2^32 wrapped the end-of-info check and the 8-byte
 * alignment, and the walk never moved on. */
static void mb2_tag_size_wraps(void **state)
{
	struct tbl t;
	(void)state;
	mb2_start(&t);
	tbl_u32(&t, 1);
	tbl_u32(&t, 0xfffffffc);
	tbl_bytes(&t, "hz=100\0\0", 8);
	mb2_end(&t);
	multiboot_parse(MB2_BOOT_MAGIC, INFO_PHYS);
	assert_log("multiboot2: tag 1 at offset 8 has bad size 4294967292; "
		   "rest ignored");
	assert_string_equal(boot_info.cmdline, "");
}

/* A command line tag without its NUL: the copy stops at the tag's end. */
static void mb2_cmdline_unterminated(void **state)
{
	struct tbl t;
	(void)state;
	mb2_start(&t);
	put_tag_string(&t, 1, "hz=100", 6); /* padding follows: not a NUL */
	fake_mem(t.phys + t.len - 2, 2)[0] = 'X';
	fake_mem(t.phys + t.len - 2, 2)[1] = 'Y';
	mb2_end(&t);
	multiboot_parse(MB2_BOOT_MAGIC, INFO_PHYS);
	assert_string_equal(boot_info.cmdline, "hz=100");
}

/* A memory map tag too short for its own header is refused. */
static void mb2_short_mmap_tag(void **state)
{
	struct tbl t;
	(void)state;
	mb2_start(&t);
	tbl_u32(&t, 6);
	tbl_u32(&t, 12);
	tbl_u32(&t, 24);
	tag_pad(&t);
	mb2_end(&t);
	multiboot_parse(MB2_BOOT_MAGIC, INFO_PHYS);
	assert_log("multiboot2: memory map tag of 12 bytes is too short");
	assert_int_equal(boot_info.nr_mem, 0);
}

static void mb2_total_out_of_range(void **state)
{
	(void)state;
	fake_put32(INFO_PHYS, 0x7fffffff);
	multiboot_parse(MB2_BOOT_MAGIC, INFO_PHYS);
	assert_log("multiboot2: information size 2147483647 is out of range");
	assert_string_equal(boot_info.loader, "unknown");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(mb1_untidy_map),
	    T(mb1_duplicates_join),
	    T(mb1_unknown_type_is_reserved),
	    T(mb1_entry_past_phys_limit),
	    T(mb1_entry_size_wraps),
	    T(mb1_cmdline_and_loader),
	    T(mb1_cmdline_unterminated),
	    T(mb2_untidy_map),
	    T(mb2_tag_size_wraps),
	    T(mb2_cmdline_unterminated),
	    T(mb2_short_mmap_tag),
	    T(mb2_total_out_of_range),
	};
	return run_suite("multiboot", tests);
}

/*
 * tests/fw_fake.h - a fake machine for the firmware-table parsers.
 *
 * kernel/acpi.c, arch/x86/acpi.c and mptable.c read physical memory only
 * through fw_map() and report only through printk() (see the top of
 * kernel/acpi.c).
 * tests/fw_fake.c implements both for the host:
 *
 * - Physical memory is three windows: the first MiB (BIOS area, EBDA),
 *   FAKE_HIGH_BASE (where firmware puts ACPI tables, below 4 GiB) and
 *   FAKE_TOP_BASE (above 4 GiB, for XSDT pointers).  Anything else
 *   "cannot be reached": fw_map() returns NULL.
 * - fw_map() returns a fresh heap copy of exactly the bytes asked for, so
 *   AddressSanitizer reports any read beyond what the parser mapped.
 * - printk() appends to a log that tests search with log_has().
 *
 * Tests build tables into the windows with the tbl_* helpers.  The
 * fuzzers (tests/fuzz/) build this file with -DFW_FAKE_NO_CMOCKA: then a
 * failed check aborts, and nothing needs cmocka.
 */
#ifndef TERN_TESTS_FW_FAKE_H
#define TERN_TESTS_FW_FAKE_H

#include "lib/compiler.h"

#define FAKE_LOW_SIZE  0x100000ULL
#define FAKE_HIGH_BASE 0x7fe0000ULL
#define FAKE_HIGH_SIZE 0x40000ULL
#define FAKE_TOP_BASE  0x100000000ULL
#define FAKE_TOP_SIZE  0x20000ULL

/* Zero all fake memory, free every mapping, empty the log. */
void fake_reset(void);
/* Free what fw_map() handed out (a fuzzer, at the end of each input, so
 * that its mallocs and frees balance and libFuzzer sees no leak). */
void fake_unmap(void);
/* Free everything (at the end of a test). */
void fake_free(void);

/* Where to write phys..phys+len in the fake memory (must be inside one
 * window: the test fails otherwise). */
u8 *fake_mem(u64 phys, size_t len);

/* Is phys..phys+len all inside one window? */
bool fake_has(u64 phys, size_t len);

/* What fw_ioapic_pins() answers for an IOAPIC address (default 0). */
void fake_set_ioapic_pins(u64 phys, u32 pins);

/* The console log since fake_reset(). */
const char *fake_log(void);
bool log_has(const char *text);
/* In a cmocka test: fail, showing what the parser said, unless the log
 * contains `text`.  (A macro: fw_fake.c itself builds without cmocka, for
 * the fuzzers.) */
#define assert_log(text)                                                       \
	do {                                                                   \
		if (!log_has(text))                                            \
			fail_msg("expected the log to contain \"%s\"; it "     \
				 "is:\n%s",                                    \
				 text, fake_log());                            \
	} while (0)
int log_count(const char *text);

/* --- Building tables ------------------------------------------------- */

/* A table being written at `phys`; `len` grows with each put. */
struct tbl {
	u64 phys;
	size_t len;
};

void tbl_start(struct tbl *t, u64 phys);
void tbl_bytes(struct tbl *t, const void *data, size_t n);
void tbl_u8(struct tbl *t, u8 v);
void tbl_u16(struct tbl *t, u16 v);
void tbl_u32(struct tbl *t, u32 v);
void tbl_u64(struct tbl *t, u64 v);

/* An ACPI table: a 36-byte header with `sig` now; length and checksum
 * filled by acpi_tbl_end(). */
void acpi_tbl_start(struct tbl *t, u64 phys, const char *sig, u8 revision);
void acpi_tbl_end(struct tbl *t);

/* Set byte `csum_off` of phys..phys+len so the bytes add up to 0. */
void fake_fix_checksum(u64 phys, size_t len, size_t csum_off);

/* Store little-endian values into fake memory. */
void fake_put16(u64 phys, u16 v);
void fake_put32(u64 phys, u32 v);

#endif

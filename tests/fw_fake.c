/*
 * tests/fw_fake.c - fake physical memory and console for the firmware
 * parsers' host tests and fuzzers (see tests/fw_fake.h).
 *
 * The cmocka tests build it as it is; the fuzzers (tests/fuzz/) build it
 * with -DFW_FAKE_NO_CMOCKA, where a failed check aborts instead.
 */
#ifdef FW_FAKE_NO_CMOCKA
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/compiler.h"

static __noreturn void fake_die(const char *why)
{
	ssize_t n = write(2, why, __builtin_strlen(why));
	(void)n;
	abort();
}
#define assert_non_null(p)                                                     \
	do {                                                                   \
		if (!(p))                                                      \
			fake_die("fw_fake: out of memory\n");                  \
	} while (0)
#define assert_true(c)                                                         \
	do {                                                                   \
		if (!(c))                                                      \
			fake_die("fw_fake: " #c " is false\n");                \
	} while (0)
#define fail_msg(...) fake_die("fw_fake: outside the fake memory\n")
#else
#include "tests/test_common.h"

#include <stdlib.h>
#endif

#include "arch/x86/platform.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"
#include "tests/fw_fake.h"

struct window {
	u64 base;
	u64 size;
	u8 *mem;
	u64 dirty_lo, dirty_hi; /* what fake_mem() handed out since reset */
};

static struct window windows[] = {
    {0, FAKE_LOW_SIZE, NULL, 0, 0},
    {FAKE_HIGH_BASE, FAKE_HIGH_SIZE, NULL, 0, 0},
    {FAKE_TOP_BASE, FAKE_TOP_SIZE, NULL, 0, 0},
};

/* Every buffer fw_map() handed out, freed by fake_reset()/fake_free(). */
static void **maps;
static size_t nr_maps, cap_maps;

static struct {
	u64 phys;
	u32 pins;
} pins[8];
static int nr_pins;

static char log_buf_[1 << 16];
static size_t log_len;

static struct window *window_of(u64 phys, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(windows); i++) {
		struct window *w = &windows[i];
		if (phys >= w->base && len <= w->size &&
		    phys - w->base <= w->size - len)
			return w;
	}
	return NULL;
}

static void free_maps(void)
{
	for (size_t i = 0; i < nr_maps; i++)
		free(maps[i]);
	nr_maps = 0;
}

void fake_unmap(void)
{
	free_maps();
}

void fake_free(void)
{
	free_maps();
	free(maps);
	maps = NULL;
	nr_maps = cap_maps = 0;
	for (size_t i = 0; i < ARRAY_SIZE(windows); i++) {
		free(windows[i].mem);
		windows[i].mem = NULL;
	}
}

void fake_reset(void)
{
	/* The windows are kept (zeroed) from one reset to the next: a fuzzer
	 * resets for every input. */
	free_maps();
	for (size_t i = 0; i < ARRAY_SIZE(windows); i++) {
		struct window *w = &windows[i];
		if (!w->mem)
			w->mem = calloc(1, w->size);
		else if (w->dirty_lo < w->dirty_hi)
			__builtin_memset(w->mem + w->dirty_lo, 0,
					 w->dirty_hi - w->dirty_lo);
		assert_non_null(w->mem);
		w->dirty_lo = w->size;
		w->dirty_hi = 0;
	}
	nr_pins = 0;
	log_len = 0;
	log_buf_[0] = '\0';
}

bool fake_has(u64 phys, size_t len)
{
	return window_of(phys, len) != NULL;
}

u8 *fake_mem(u64 phys, size_t len)
{
	struct window *w = window_of(phys, len);

	if (!w)
		fail_msg("test bug: 0x%llx+%zu is outside the fake memory",
			 phys, len);
	w->dirty_lo = MIN(w->dirty_lo, phys - w->base);
	w->dirty_hi = MAX(w->dirty_hi, phys - w->base + len);
	return w->mem + (phys - w->base);
}

void fake_set_ioapic_pins(u64 phys, u32 n)
{
	assert_true(nr_pins < (int)ARRAY_SIZE(pins));
	pins[nr_pins].phys = phys;
	pins[nr_pins++].pins = n;
}

/* --- What the parsers call -------------------------------------------- */

const void *fw_map(u64 phys, size_t len)
{
	struct window *w = window_of(phys, len);
	u8 *copy;

	if (!w)
		return NULL;
	/* Exactly `len` bytes: ASan catches a read of byte len. */
	copy = malloc(len ? len : 1);
	assert_non_null(copy);
	/* The C library's memcpy (not lib/'s, which is under test
	 * elsewhere): a fuzzer copies the 128 KiB BIOS area per input. */
	__builtin_memcpy(copy, w->mem + (phys - w->base), len);
	if (nr_maps == cap_maps) {
		cap_maps = cap_maps ? 2 * cap_maps : 64;
		maps = realloc(maps, cap_maps * sizeof(*maps));
		assert_non_null(maps);
	}
	maps[nr_maps++] = copy;
	return copy;
}

u32 fw_ioapic_pins(u64 phys)
{
	for (int i = 0; i < nr_pins; i++)
		if (pins[i].phys == phys)
			return pins[i].pins;
	return 0;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2; /* the level, as the kernel's printk strips it */
	va_start(ap, fmt);
	n = vsnprintf(log_buf_ + log_len, sizeof(log_buf_) - log_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		log_len = MIN(log_len + (size_t)n, sizeof(log_buf_) - 1);
	return n;
}

/* --- The log ------------------------------------------------------------ */

const char *fake_log(void)
{
	return log_buf_;
}

int log_count(const char *text)
{
	size_t n = strlen(text);
	int count = 0;

	for (const char *s = log_buf_; *s; s++)
		if (strncmp(s, text, n) == 0)
			count++;
	return count;
}

bool log_has(const char *text)
{
	return log_count(text) > 0;
}

/* --- Building tables ------------------------------------------------------ */

void tbl_start(struct tbl *t, u64 phys)
{
	t->phys = phys;
	t->len = 0;
}

void tbl_bytes(struct tbl *t, const void *data, size_t n)
{
	memcpy(fake_mem(t->phys + t->len, n), data, n);
	t->len += n;
}

void tbl_u8(struct tbl *t, u8 v)
{
	tbl_bytes(t, &v, 1);
}

void tbl_u16(struct tbl *t, u16 v)
{
	tbl_bytes(t, &v, 2); /* the host is little-endian, like x86 */
}

void tbl_u32(struct tbl *t, u32 v)
{
	tbl_bytes(t, &v, 4);
}

void tbl_u64(struct tbl *t, u64 v)
{
	tbl_bytes(t, &v, 8);
}

void acpi_tbl_start(struct tbl *t, u64 phys, const char *sig, u8 revision)
{
	tbl_start(t, phys);
	tbl_bytes(t, sig, 4);
	tbl_u32(t, 0); /* length, later */
	tbl_u8(t, revision);
	tbl_u8(t, 0); /* checksum, later */
	tbl_bytes(t, "TERNTS", 6);
	tbl_bytes(t, "FAKETBL ", 8);
	tbl_u32(t, 1);
	tbl_bytes(t, "TERN", 4);
	tbl_u32(t, 1);
}

void fake_put16(u64 phys, u16 v)
{
	memcpy(fake_mem(phys, 2), &v, 2);
}

void fake_put32(u64 phys, u32 v)
{
	memcpy(fake_mem(phys, 4), &v, 4);
}

void fake_fix_checksum(u64 phys, size_t len, size_t csum_off)
{
	u8 *p = fake_mem(phys, len);

	p[csum_off] = 0;
	p[csum_off] = (u8)(0x100 - fw_sum(p, len));
}

void acpi_tbl_end(struct tbl *t)
{
	fake_put32(t->phys + 4, (u32)t->len);
	fake_fix_checksum(t->phys, t->len, 9);
}

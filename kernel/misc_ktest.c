/*
 * kernel/misc_ktest.c - in-kernel tests of the small things boot relies on:
 * the command-line table, vsnprintf as compiled for the kernel, the symbol
 * table, and the boot information.
 */
#include "kernel/bootinfo.h"
#include "kernel/ksyms.h"
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "kernel/spinlock.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

/* Expected: vsnprintf built with the kernel's flags (no SSE, no red zone,
 * mcmodel=kernel) formats like the host build the unit tests check. */
KTEST(vsnprintf_in_kernel)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "%d|%5u|%-4x|%08X|%s|%c|%%", -42, 7u, 0xabu,
		 0xbeefu, "ok", 'z');
	KT_EXPECT_STR(buf, "-42|    7|ab  |0000BEEF|ok|z|%");
	snprintf(buf, sizeof(buf), "%lld %llu %zu %.3s",
		 -9223372036854775807LL - 1, 18446744073709551615ULL,
		 (size_t)123, "abcdef");
	KT_EXPECT_STR(buf, "-9223372036854775808 18446744073709551615 123 abc");
	snprintf(buf, sizeof(buf), "%p", (void *)0xffffffff80001234ULL);
	KT_EXPECT_STR(buf, "0xffffffff80001234");
	KT_EXPECT_EQ(snprintf(buf, 4, "%s", "truncated"), 9);
	KT_EXPECT_STR(buf, "tru");
}

static int reports;
static char last_report[200];
static void record(const char *msg)
{
	reports++;
	strlcpy(last_report, msg, sizeof(last_report));
}

/* Expected: the kernel's own option table parses good values, names bad
 * ones, and keeps the default for them. */
KTEST(cmdline_table)
{
	struct params p = param_defaults;
	char line[] =
	    "hz=250 poweroff=off loglevel=banana ktest=\"a,b\" nosuch";

	reports = 0;
	int problems = cmdline_parse(line, param_table, param_count, &p,
				     &param_defaults, record);
	KT_EXPECT_EQ(problems, 2);
	KT_EXPECT_EQ(reports, 2);
	KT_EXPECT_EQ(p.hz, 250);
	KT_EXPECT_EQ(p.poweroff, false);
	KT_EXPECT_EQ(p.loglevel, param_defaults.loglevel);
	KT_EXPECT_STR(p.ktest, "a,b");
	KT_ASSERT(strstarts(last_report, "unknown option 'nosuch'"));

	/* every default must be inside its own range */
	for (size_t i = 0; i < param_count; i++) {
		const struct param_desc *d = &param_table[i];
		if (d->type != PARAM_INT)
			continue;
		int def =
		    *(const int *)((const char *)&param_defaults + d->offset);
		KT_ASSERT(def >= d->min && def <= d->max);
	}
}

/* Expected: the embedded symbol table names kernel functions correctly. */
KTEST(ksyms_lookup)
{
	u64 off, size;
	const char *name = ksym_lookup(
	    hal_code_addr((const void *)kernel_main) + 5, &off, &size);
	KT_ASSERT(name != NULL);
	KT_EXPECT_STR(name, "kernel_main");
	KT_EXPECT_EQ(off, 5);
	KT_ASSERT(size > 5);
	KT_EXPECT_EQ(ksym_address("ktest_run"),
		     hal_code_addr((const void *)ktest_run));
	KT_ASSERT(ksym_lookup(0x1000, NULL, NULL) == NULL);
}

/* Expected: the loader gave a memory map with usable RAM above 1 MiB. */
KTEST(bootinfo_memory_map)
{
	u64 usable = 0;
	KT_ASSERT(boot_info.protocol == BOOT_MULTIBOOT1 ||
		  boot_info.protocol == BOOT_MULTIBOOT2 ||
		  boot_info.protocol == BOOT_EFI);
	KT_ASSERT(boot_info.nr_mem > 0);
	for (int i = 0; i < boot_info.nr_mem; i++)
		if (boot_info.mem[i].type == MEM_USABLE &&
		    boot_info.mem[i].base >= 0x100000)
			usable += boot_info.mem[i].len;
	KT_ASSERT(usable >= 16ULL << 20);
}

/* Expected: a ticket lock hands out tickets in order and trylock fails
 * while it is held. */
KTEST(spinlock_basic)
{
	static DEFINE_SPINLOCK(l);
	KT_ASSERT(!spin_is_locked(&l));
	irqflags_t f = spin_lock_irqsave(&l);
	KT_ASSERT(spin_is_locked(&l));
	KT_ASSERT(!hal_irqs_enabled());
	KT_ASSERT(!spin_trylock(&l));
	KT_EXPECT_EQ(l.holder_cpu, 0);
	spin_unlock_irqrestore(&l, f);
	KT_ASSERT(!spin_is_locked(&l));
	KT_ASSERT(spin_trylock(&l));
	spin_unlock(&l);
	KT_EXPECT_EQ(l.next, l.owner);
}

/*
 * kernel/ktest.c - find, run and report in-kernel tests.
 */
#include "kernel/ktest.h"
#include "kernel/hal.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

extern const struct ktest __ktest_start[], __ktest_end[];

static bool failed, skipped;
static char reason[256];
static int passed_count, failed_count, skipped_count;

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	if (failed)
		return; /* the first failure is the interesting one */
	failed = true;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(reason))
		snprintf(reason + n, sizeof(reason) - n, " (%s:%d)", file,
			 line);
}

void ktest_skip(const char *fmt, ...)
{
	if (failed || skipped)
		return;
	skipped = true;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
}

static void run_one(const struct ktest *t)
{
	failed = skipped = false;
	reason[0] = '\0';
	u64 t0 = hal_cycles();
	t->fn();
	pr_debug("ktest: %s took %llu ms\n", t->name,
		 (hal_cycles() - t0) / hal_cycles_per_ms());
	if (failed) {
		printk("FAIL %s: %s\n", t->name, reason);
		failed_count++;
	} else if (skipped) {
		printk("SKIP %s: %s\n", t->name, reason);
		skipped_count++;
	} else {
		printk("PASS %s\n", t->name);
		passed_count++;
	}
}

static const struct ktest *find(const char *name, size_t len)
{
	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++)
		if (strlen(t->name) == len && strncmp(t->name, name, len) == 0)
			return t;
	return NULL;
}

void ktest_run(const char *spec)
{
	size_t total = (size_t)(__ktest_end - __ktest_start);
	printk("ktest: %zu tests in this kernel, running '%s'\n", total, spec);

	if (strcmp(spec, "all") == 0) {
		for (const struct ktest *t = __ktest_start; t < __ktest_end;
		     t++)
			if (!t->manual)
				run_one(t);
	} else {
		const char *s = spec;
		while (*s) {
			const char *comma = strchr(s, ',');
			size_t len = comma ? (size_t)(comma - s) : strlen(s);
			const struct ktest *t = find(s, len);
			if (t) {
				run_one(t);
			} else if (len) {
				/* a typo must not pass as "0 failed" */
				printk("FAIL %.*s: no such test (boot with "
				       "ktest=all to run every test)\n",
				       (int)len, s);
				failed_count++;
			}
			s += len + (comma ? 1 : 0);
		}
	}
	if (passed_count + failed_count + skipped_count == 0) {
		/* "ktest=," or "ktest=all" in a kernel without tests: say so,
		 * rather than fail with nothing but "0 passed, 0 failed" */
		printk("FAIL ktest: '%s' names no test (ktest=all runs every "
		       "test; ktest=NAME,NAME runs those)\n",
		       spec);
		failed_count++;
	}
	if (skipped_count)
		printk("ktest: %d not run on this machine (SKIP lines say "
		       "why)\n",
		       skipped_count);
	printk("ktest: %d passed, %d failed\n", passed_count, failed_count);
	hal_poweroff(failed_count == 0);
}

/*
 * tests/fuzz/fuzz_cmdline.c - the kernel command-line parser, with the
 * kernel's own option table (kernel/params.c, kernel/cmdline.c).
 *
 * Input: the command line (cut at 2 KiB; a NUL in it ends it, as in the
 * kernel).  Checked after each parse: every number option is within its
 * range, every string option is non-NULL and either its default or a
 * pointer into the parser's copy of the line, every bool is 0 or 1; and
 * describing each option into a small buffer stays inside it.
 */
#include "tests/fuzz/fuzz.h"

#include <stdarg.h>

#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

/* The kernel's printk, reduced to formatting (which is checked too). */
int printk(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fuzz_check(n >= 0 && strlen(line) < sizeof(line));
	return n;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static char line[2048];
	size_t n = MIN(size, sizeof(line) - 1);

	memcpy(line, data, n);
	line[n] = '\0';
	params = param_defaults;
	params_parse(line);

	for (size_t i = 0; i < param_count; i++) {
		const struct param_desc *p = &param_table[i];
		const char *field = (const char *)&params + p->offset;
		const char *def = (const char *)&param_defaults + p->offset;
		char small[16];

		switch (p->type) {
		case PARAM_INT: {
			int v;
			memcpy(&v, field, sizeof(v));
			fuzz_check(v >= p->min && v <= p->max);
			break;
		}
		case PARAM_BOOL: {
			u8 b;
			memcpy(&b, field, 1);
			fuzz_check(b <= 1);
			break;
		}
		case PARAM_STR: {
			const char *s, *d;
			memcpy(&s, field, sizeof(s));
			memcpy(&d, def, sizeof(d));
			fuzz_check(s != NULL);
			/* A pointer into the parser's copy is readable to
			 * its NUL; strlen() makes ASan check it. */
			fuzz_check(s == d || strlen(s) < sizeof(line));
			break;
		}
		}
		param_describe(p, &param_defaults, small, sizeof(small));
		fuzz_check(strlen(small) < sizeof(small));
	}
	return 0;
}

/*
 * kernel/params.c - the option table, expanded from PARAM_LIST.
 */
#include "kernel/params.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#define PARAM_DEFAULT(type, name, def, min, max, help) .name = def,
const struct params param_defaults = {PARAM_LIST(PARAM_DEFAULT)};
struct params params = {PARAM_LIST(PARAM_DEFAULT)};
#undef PARAM_DEFAULT

#define PARAM_ROW(type_, name_, def, min_, max_, help_)                        \
	{.name = #name_,                                                       \
	 .type = PARAM_##type_,                                                \
	 .offset = offsetof(struct params, name_),                             \
	 .min = min_,                                                          \
	 .max = max_,                                                          \
	 .help = help_},
const struct param_desc param_table[] = {PARAM_LIST(PARAM_ROW)};
#undef PARAM_ROW
const size_t param_count = ARRAY_SIZE(param_table);

static void report(const char *msg)
{
	pr_warn("cmdline: %s\n", msg);
}

/* The parser keeps pointers into this copy for string options. */
static char cmdline_copy[1024];

void params_parse(const char *cmdline)
{
	if (strlcpy(cmdline_copy, cmdline, sizeof(cmdline_copy)) >=
	    sizeof(cmdline_copy))
		pr_warn("cmdline: longer than %zu bytes; the rest is ignored\n",
			sizeof(cmdline_copy) - 1);
	cmdline_parse(cmdline_copy, param_table, param_count, &params,
		      &param_defaults, report);
}

void params_print_help(void)
{
	char line[160];
	pr_info("Kernel command line options (Linux spelling where Linux has "
		"one):\n");
	for (size_t i = 0; i < param_count; i++) {
		param_describe(&param_table[i], &param_defaults, line,
			       sizeof(line));
		pr_info("  %s\n", line);
	}
}

int param_word(const char *name, const char *value, const char *const words[],
	       int def)
{
	char list[96] = "";
	int n = 0;
	while (words[n]) {
		if (!strcmp(value, words[n]))
			return n;
		n++;
	}
	/* "a or b", "a, b or c" */
	size_t at = 0;
	for (int i = 0; i < n && at < sizeof(list); i++) {
		const char *sep = i == n - 2 ? " or " : i < n - 2 ? ", " : "";
		at += (size_t)snprintf(list + at, sizeof(list) - at, "%s%s",
				       words[i], sep);
	}
	pr_err("%s=%s is not a mode (%s); using %s\n", name, value, list,
	       words[def]);
	return def;
}

/*
 * kernel/cmdline.h - a parser for `name=value name ...` command lines.
 *
 * Generic over a table of struct param_desc, so the host unit tests can
 * drive it with tables of their own.  The kernel's table is in params.h.
 */
#ifndef TERN_KERNEL_CMDLINE_H
#define TERN_KERNEL_CMDLINE_H

#include "lib/compiler.h"

enum param_type {
	PARAM_INT,  /* decimal or 0x hex, within [min, max] */
	PARAM_BOOL, /* bare `name` = on; or name=on|off|yes|no|1|0|true|false */
	PARAM_STR,  /* name=text; the text may be "quoted" */
};

struct param_desc {
	const char *name;
	enum param_type type;
	size_t offset; /* of the field in the struct the table describes */
	long min, max; /* PARAM_INT only */
	const char *help;
};

/*
 * Parse `line` (modified in place: string values point into it) into the
 * struct at `values`.  Options that are unknown or malformed are passed to
 * `report` as one sentence naming the option, and leave the default (taken
 * from `defaults`) in place.  Returns the number of problems.
 */
int cmdline_parse(char *line, const struct param_desc *table, size_t n,
		  void *values, const void *defaults,
		  void (*report)(const char *msg));

/* The default value as text: "1000", "on", "\"\"". */
void param_describe_default(const struct param_desc *p, const void *defaults,
			    char *buf, size_t size);

/* One line of help for an option: "hz=N  (100..10000, default 1000) ...". */
void param_describe(const struct param_desc *p, const void *defaults, char *buf,
		    size_t size);

#endif

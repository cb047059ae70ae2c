/*
 * kernel/cmdline.c - split the command line into options and check each.
 *
 * Rules, chosen to match what Linux users expect:
 *  - options are separated by spaces; a value may be "quoted" to hold spaces;
 *  - the last occurrence of an option wins;
 *  - an unknown option, a missing value, a value that is not a number or out
 *    of range is reported by name, and the option keeps its default.  The
 *    kernel always goes on booting: a typo must never cost a boot.
 */
#include "kernel/cmdline.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

static const struct param_desc *find(const struct param_desc *t, size_t n,
				     const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

static bool parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"1", "on", "yes", "true"};
	static const char *const no[] = {"0", "off", "no", "false"};
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (strcmp(s, yes[i]) == 0)
			return *out = true, true;
		if (strcmp(s, no[i]) == 0)
			return *out = false, true;
	}
	return false;
}

/* Next word of *cursor, NUL-terminated in place; NULL at the end. */
static char *next_word(char **cursor)
{
	char *s = *cursor;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return NULL;
	char *word = s;
	bool quoted = false;
	while (*s && (quoted || (*s != ' ' && *s != '\t' && *s != '\n'))) {
		if (*s == '"')
			quoted = !quoted;
		s++;
	}
	if (*s)
		*s++ = '\0';
	*cursor = s;
	return word;
}

/* Remove the quotes from a value: "a b" -> a b. */
static void unquote(char *s)
{
	char *out = s;
	for (; *s; s++)
		if (*s != '"')
			*out++ = *s;
	*out = '\0';
}

static void restore_default(const struct param_desc *p, void *values,
			    const void *defaults)
{
	size_t size = p->type == PARAM_INT    ? sizeof(int)
		      : p->type == PARAM_BOOL ? sizeof(bool)
					      : sizeof(const char *);
	memcpy((char *)values + p->offset, (const char *)defaults + p->offset,
	       size);
}

/* Store one option's value; returns NULL or the reason it was refused. */
static const char *set_value(const struct param_desc *p, char *val,
			     void *values, char *why, size_t why_size)
{
	void *field = (char *)values + p->offset;

	switch (p->type) {
	case PARAM_BOOL: {
		bool b = true;
		if (val && !parse_bool(val, &b))
			return "not on/off (use on, off, yes, no, 1 or 0)";
		*(bool *)field = b;
		return NULL;
	}
	case PARAM_INT: {
		long long v;
		if (!val || !*val)
			return "needs a value";
		int err = kstrtoll(val, 0, &v);
		if (err && err != -ERANGE)
			return "not a number";
		if (err || v < p->min || v > p->max) {
			snprintf(why, why_size, "out of range %ld..%ld", p->min,
				 p->max);
			return why;
		}
		*(int *)field = (int)v;
		return NULL;
	}
	case PARAM_STR:
		if (!val || !*val)
			return "needs a value";
		*(const char **)field = val;
		return NULL;
	}
	return "has an unknown type";
}

int cmdline_parse(char *line, const struct param_desc *table, size_t n,
		  void *values, const void *defaults,
		  void (*report)(const char *msg))
{
	char msg[200], why[64];
	char default_text[64];
	int problems = 0;
	char *word;

	while ((word = next_word(&line)) != NULL) {
		char *val = strchr(word, '=');
		if (val)
			*val++ = '\0';
		if (val)
			unquote(val);

		const struct param_desc *p = find(table, n, word);
		if (!p) {
			snprintf(msg, sizeof(msg),
				 "unknown option '%s' ignored (boot with "
				 "'help' for the list)",
				 word);
			report(msg);
			problems++;
			continue;
		}
		const char *bad = set_value(p, val, values, why, sizeof(why));
		if (!bad)
			continue;
		restore_default(p, values, defaults);
		param_describe_default(p, defaults, default_text,
				       sizeof(default_text));
		if (val)
			snprintf(msg, sizeof(msg),
				 "%s=%s: %s; using default %s", word, val, bad,
				 default_text);
		else
			snprintf(msg, sizeof(msg), "%s: %s; using default %s",
				 word, bad, default_text);
		report(msg);
		problems++;
	}
	return problems;
}

void param_describe_default(const struct param_desc *p, const void *defaults,
			    char *buf, size_t size)
{
	const void *field = (const char *)defaults + p->offset;
	switch (p->type) {
	case PARAM_INT:
		snprintf(buf, size, "%d", *(const int *)field);
		break;
	case PARAM_BOOL:
		snprintf(buf, size, "%s", *(const bool *)field ? "on" : "off");
		break;
	case PARAM_STR: {
		const char *s = *(const char *const *)field;
		snprintf(buf, size, "\"%s\"", s ? s : "");
		break;
	}
	}
}

void param_describe(const struct param_desc *p, const void *defaults, char *buf,
		    size_t size)
{
	char def[64], form[48];
	param_describe_default(p, defaults, def, sizeof(def));
	switch (p->type) {
	case PARAM_INT:
		snprintf(form, sizeof(form), "%s=N (%ld..%ld)", p->name, p->min,
			 p->max);
		break;
	case PARAM_BOOL:
		snprintf(form, sizeof(form), "%s[=on|off]", p->name);
		break;
	default:
		snprintf(form, sizeof(form), "%s=TEXT", p->name);
		break;
	}
	snprintf(buf, size, "%-24s %s (default %s)", form, p->help, def);
}

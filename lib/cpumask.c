/*
 * lib/cpumask.c - cpumasks to and from text ("cpulist" form).
 *
 * A cpulist names runs of consecutive CPUs: {0,1,2,3,8,10,11} is
 * "0-3,8,10-11".  Printing walks the runs with find_next_bit() (start of a
 * run) and find_next_zero_bit() (one past its end).  Parsing follows this
 * grammar, one small function per rule:
 *
 *	list  := "" | range ("," range)*
 *	range := cpu | cpu "-" cpu
 *	cpu   := decimal digits, value < NR_CPUS
 */
#include "lib/cpumask.h"
#include "lib/errno.h"
#include "lib/vsnprintf.h"

/*
 * Print one run at offset len of the output, where len is the length so far
 * (possibly already more than fits).  Returns the new length.
 */
static int append(char *buf, size_t size, int len, unsigned int first,
		  unsigned int last)
{
	const char *sep = len ? "," : "";
	size_t used = MIN((size_t)len, size);
	char *dst = used < size ? buf + used : NULL;

	if (first == last)
		return len + snprintf(dst, size - used, "%s%u", sep, first);
	return len + snprintf(dst, size - used, "%s%u-%u", sep, first, last);
}

int cpumask_print(char *buf, size_t size, const cpumask_t *m)
{
	unsigned int first, end;
	int len = 0;

	if (size)
		buf[0] = '\0';
	first = find_first_bit(m->bits, NR_CPUS);
	while (first < NR_CPUS) {
		end = find_next_zero_bit(m->bits, NR_CPUS, first + 1);
		len = append(buf, size, len, first, end - 1);
		first = find_next_bit(m->bits, NR_CPUS, end);
	}
	return len;
}

/* One CPU number; advances *sp past its digits. */
static int parse_cpu(const char **sp, unsigned int *cpu)
{
	const char *s = *sp;
	unsigned int n = 0;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	for (; *s >= '0' && *s <= '9'; s++) {
		n = n * 10 + (*s - '0');
		if (n >= NR_CPUS)
			return -EINVAL;
	}
	*sp = s;
	*cpu = n;
	return 0;
}

/* "a" or "a-b"; sets those bits in m. */
static int parse_range(const char **sp, cpumask_t *m)
{
	unsigned int first, last;
	int err;

	err = parse_cpu(sp, &first);
	if (err)
		return err;
	last = first;
	if (**sp == '-') {
		(*sp)++;
		err = parse_cpu(sp, &last);
		if (err)
			return err;
		if (last < first)
			return -EINVAL;
	}
	bitmap_set(m->bits, first, last - first + 1);
	return 0;
}

int cpulist_parse(const char *s, cpumask_t *out)
{
	cpumask_t m;
	int err;

	cpumask_clear(&m);
	while (*s) {
		err = parse_range(&s, &m);
		if (err)
			return err;
		if (*s == ',' && s[1] != '\0')
			s++; /* a separator: another range follows */
		else if (*s)
			return -EINVAL; /* junk, or a trailing comma */
	}
	*out = m;
	return 0;
}

/*
 * lib/cpumask.h - sets of CPUs, one bit per CPU number.
 *
 * A cpumask_t is a bitmap of NR_CPUS bits wrapped in a struct, so that it
 * can be assigned, passed and returned by value like any other struct, and
 * so that the compiler stops us from mixing it up with other bitmaps.
 * The same ideas as Linux's cpumask, spelled the same way.
 *
 * cpumask_first()/cpumask_next() return NR_CPUS (or more) when there is no
 * such CPU; for_each_cpu() stops there.  cpumask_print() and
 * cpulist_parse() convert to and from the Linux "cpulist" text form,
 * e.g. "0-3,8,10-11", used on the command line and in the shell.
 */
#ifndef TERN_LIB_CPUMASK_H
#define TERN_LIB_CPUMASK_H

#include "lib/bitmap.h"

#ifndef NR_CPUS
#define NR_CPUS 256
#endif

typedef struct cpumask {
	DECLARE_BITMAP(bits, NR_CPUS);
} cpumask_t;

static inline void cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
	__set_bit(cpu, m->bits);
}

static inline void cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
	__clear_bit(cpu, m->bits);
}

/* For masks that several CPUs change at once (lib/bitmap.h). */
static inline void cpumask_set_cpu_atomic(unsigned int cpu, cpumask_t *m)
{
	set_bit_atomic(cpu, m->bits);
}

static inline void cpumask_clear_cpu_atomic(unsigned int cpu, cpumask_t *m)
{
	clear_bit_atomic(cpu, m->bits);
}

static inline bool cpumask_test_and_clear_cpu_atomic(unsigned int cpu,
						     cpumask_t *m)
{
	return test_and_clear_bit_atomic(cpu, m->bits);
}

static inline bool cpumask_test_cpu(unsigned int cpu, const cpumask_t *m)
{
	return test_bit(cpu, m->bits);
}

static inline void cpumask_clear(cpumask_t *m)
{
	bitmap_zero(m->bits, NR_CPUS);
}

/* All NR_CPUS bits, not just the CPUs that exist. */
static inline void cpumask_setall(cpumask_t *m)
{
	bitmap_fill(m->bits, NR_CPUS);
}

static inline bool cpumask_empty(const cpumask_t *m)
{
	return bitmap_empty(m->bits, NR_CPUS);
}

static inline unsigned int cpumask_weight(const cpumask_t *m)
{
	return bitmap_weight(m->bits, NR_CPUS);
}

static inline unsigned int cpumask_first(const cpumask_t *m)
{
	return find_first_bit(m->bits, NR_CPUS);
}

/* The first CPU after cpu (cpu = -1 starts at 0). */
static inline unsigned int cpumask_next(int cpu, const cpumask_t *m)
{
	return find_next_bit(m->bits, NR_CPUS, cpu + 1);
}

/* cpu must be an int or unsigned int variable. */
#define for_each_cpu(cpu, mask)                                                \
	for ((cpu) = cpumask_first(mask); (cpu) < NR_CPUS;                     \
	     (cpu) = cpumask_next((cpu), (mask)))

/* dst = a & b; returns true if dst is not empty. */
static inline bool cpumask_and(cpumask_t *dst, const cpumask_t *a,
			       const cpumask_t *b)
{
	return bitmap_and(dst->bits, a->bits, b->bits, NR_CPUS);
}

/* dst = a & ~b; returns true if dst is not empty. */
static inline bool cpumask_andnot(cpumask_t *dst, const cpumask_t *a,
				  const cpumask_t *b)
{
	return bitmap_andnot(dst->bits, a->bits, b->bits, NR_CPUS);
}

static inline void cpumask_or(cpumask_t *dst, const cpumask_t *a,
			      const cpumask_t *b)
{
	bitmap_or(dst->bits, a->bits, b->bits, NR_CPUS);
}

static inline bool cpumask_equal(const cpumask_t *a, const cpumask_t *b)
{
	return bitmap_equal(a->bits, b->bits, NR_CPUS);
}

static inline bool cpumask_intersects(const cpumask_t *a, const cpumask_t *b)
{
	return bitmap_intersects(a->bits, b->bits, NR_CPUS);
}

/* Is every CPU in a also in b? */
static inline bool cpumask_subset(const cpumask_t *a, const cpumask_t *b)
{
	return bitmap_subset(a->bits, b->bits, NR_CPUS);
}

static inline void cpumask_copy(cpumask_t *dst, const cpumask_t *src)
{
	*dst = *src;
}

/* The mask holding just this one CPU, by value. */
static inline cpumask_t cpumask_of(unsigned int cpu)
{
	cpumask_t m = {{0}};

	cpumask_set_cpu(cpu, &m);
	return m;
}

/*
 * Write m as a cpulist ("0-3,8,10-11"; "" when empty).  Same contract as
 * snprintf: returns the full length even if truncated, NUL-terminates when
 * size > 0.
 */
int cpumask_print(char *buf, size_t size, const cpumask_t *m);

/*
 * Parse a cpulist: comma-separated CPU numbers or ranges "a-b" with a <= b,
 * decimal, no spaces; "" is the empty mask.  Returns 0, or -EINVAL for
 * anything else (including a CPU >= NR_CPUS), leaving *out unchanged.
 */
int cpulist_parse(const char *s, cpumask_t *out);

#endif

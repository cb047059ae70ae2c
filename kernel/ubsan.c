/*
 * kernel/ubsan.c - what the undefined-behaviour sanitizer reports, in
 * Tern's words.
 *
 * `make UBSAN=1` (the test build, build/ubsan/tern.elf) compiles the
 * kernel with -fsanitize=... (the Makefile lists which checks, and why
 * not the others).  gcc then guards each operation C leaves undefined - a
 * signed add that overflows, a shift by the type's width or more, an
 * array index past the end, a load of a bool that is neither 0 nor 1 -
 * with a test, and calls one of the __ubsan_handle_* functions below when
 * the test fails.  A hosted program gets these from libubsan; a kernel
 * writes its own.  Each one prints one line,
 *
 *   UBSAN: signed integer overflow in kernel/foo.c:12: 2147483647 + 1
 *
 * (the kind, where, and the values involved), then, by the `ubsan=` boot
 * option, goes on (warn, the default: a backtrace follows, and the
 * operation's result is whatever the machine gave) or panics (the test
 * runs use ubsan=panic, so that any report fails them).
 *
 * Each call site reports once: its source location is gcc-made data in
 * .data, writable, and the top bit of its column field (no real column
 * is that large) marks it as reported, set atomically so that two CPUs
 * reaching the same site print one line between them.  A kernel in warn
 * mode is not flooded by a check inside a loop.
 *
 * The ABI (the layout of the data gcc passes) is shared by gcc and clang
 * and described in their sources: every handler gets a pointer to a
 * static descriptor that starts with the source location, then the
 * values, each as one pointer-sized word - the value itself when it fits,
 * else a pointer to it.
 *
 * This file is built without the sanitizer (a check in a handler would
 * call a handler), and so is nothing it calls but printk, whose own
 * checks could come back here: a per-CPU flag drops a report made while
 * that CPU is already reporting.
 */
#include "kernel/ubsan.h"
#include "kernel/hal.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

struct source_location {
	const char *file;
	u32 line;
	u32 column; /* bit 31: reported already */
};

#define LOCATION_REPORTED 0x80000000u

struct type_descriptor {
	u16 kind; /* 0 integer, 1 float, 0xffff anything else */
	u16 info; /* integer: bit 0 signed, bits 1..: log2 of its width */
	char name[];
};

#define TYPE_KIND_INTEGER 0

struct overflow_data {
	struct source_location loc;
	const struct type_descriptor *type;
};

struct shift_data {
	struct source_location loc;
	const struct type_descriptor *lhs_type;
	const struct type_descriptor *rhs_type;
};

struct out_of_bounds_data {
	struct source_location loc;
	const struct type_descriptor *array_type;
	const struct type_descriptor *index_type;
};

struct type_mismatch_data {
	struct source_location loc;
	const struct type_descriptor *type;
	u8 log_alignment;
	u8 check_kind;
};

struct vla_bound_data {
	struct source_location loc;
	const struct type_descriptor *type;
};

struct invalid_value_data {
	struct source_location loc;
	const struct type_descriptor *type;
};

struct nonnull_arg_data {
	struct source_location loc;
	struct source_location attr_loc;
	int arg_index;
};

struct nonnull_return_data {
	struct source_location attr_loc;
};

struct pointer_overflow_data {
	struct source_location loc;
};

struct unreachable_data {
	struct source_location loc;
};

struct invalid_builtin_data {
	struct source_location loc;
	u8 kind; /* 0 ctz, 1 clz */
};

enum ubsan_mode { UBSAN_WARN, UBSAN_PANIC };
static enum ubsan_mode mode = UBSAN_WARN;
static unsigned long reports;
static bool reporting[NR_CPUS];

unsigned long ubsan_report_count(void)
{
	return __atomic_load_n(&reports, __ATOMIC_RELAXED);
}

void ubsan_init(void)
{
	static const char *const modes[] = {"warn", "panic", NULL};

	mode = (enum ubsan_mode)param_word("ubsan", params.ubsan, modes,
					   UBSAN_WARN);
#ifdef TERN_UBSAN
	pr_info("ubsan: undefined-behaviour checks on; a report %s\n",
		mode == UBSAN_PANIC ? "panics (ubsan=panic)"
				    : "warns and goes on (ubsan=warn)");
#else
	if (strcmp(params.ubsan, param_defaults.ubsan) != 0)
		pr_warn("ubsan=%s: this kernel is built without UBSan (make "
			"UBSAN=1 builds one); nothing to report\n",
			params.ubsan);
#endif
}

/* --- values -------------------------------------------------------------- */

static unsigned type_bits(const struct type_descriptor *t)
{
	return 1u << (t->info >> 1);
}

static bool type_signed(const struct type_descriptor *t)
{
	return t->kind == TYPE_KIND_INTEGER && (t->info & 1);
}

static bool value_inline(const struct type_descriptor *t)
{
	return type_bits(t) <= 8 * sizeof(unsigned long);
}

/* The low 64 bits of a value, sign-extended for a signed type narrower
 * than 64 bits (gcc passes those zero-extended). */
static u64 value_bits(const struct type_descriptor *t, void *v)
{
	unsigned bits = type_bits(t);
	u64 x;

	if (value_inline(t))
		x = (u64)(unsigned long)v;
	else
		memcpy(&x, v, sizeof(x)); /* little-endian: the low half */
	if (type_signed(t) && bits < 64 && (x & (1ULL << (bits - 1))))
		x |= ~0ULL << bits;
	return x;
}

static bool value_negative(const struct type_descriptor *t, void *v)
{
	return type_signed(t) && (s64)value_bits(t, v) < 0;
}

/* A value as its type says: signed or unsigned decimal, or, for a type
 * that is no integer Tern knows, its bits in hex. */
static void format_value(char *buf, size_t size,
			 const struct type_descriptor *t, void *v)
{
	if (t->kind != TYPE_KIND_INTEGER)
		snprintf(buf, size, "(%s) %#lx", t->name, (unsigned long)v);
	else if (!value_inline(t))
		snprintf(buf, size, "%s0x%016llx (low 64 bits of %u)",
			 type_signed(t) ? "signed " : "", value_bits(t, v),
			 type_bits(t));
	else if (type_signed(t))
		snprintf(buf, size, "%lld", (long long)value_bits(t, v));
	else
		snprintf(buf, size, "%llu", value_bits(t, v));
}

/* --- the report ---------------------------------------------------------- */

/* True when this report is to be made: the site's first, and this CPU is
 * not reporting already. */
static bool report_begin(struct source_location *loc, unsigned *cpu)
{
	u32 was = __atomic_fetch_or(&loc->column, LOCATION_REPORTED,
				    __ATOMIC_RELAXED);
	if (was & LOCATION_REPORTED)
		return false;
	*cpu = cpu_id();
	if (*cpu >= NR_CPUS)
		*cpu = 0;
	if (reporting[*cpu])
		return false;
	reporting[*cpu] = true;
	return true;
}

static void report_end(unsigned cpu, const char *kind,
		       const struct source_location *loc, const char *detail)
{
	__atomic_fetch_add(&reports, 1, __ATOMIC_RELAXED);
	if (mode == UBSAN_PANIC)
		panic("UBSAN: %s in %s:%u: %s", kind, loc->file, loc->line,
		      detail);
	pr_warn("UBSAN: %s in %s:%u: %s\n", kind, loc->file, loc->line, detail);
	pr_warn("Call trace:\n");
	hal_dump_stack();
	reporting[cpu] = false;
}

/* The common case: a kind and one line of detail. */
__printf(3, 4) static void report(struct source_location *loc, const char *kind,
				  const char *fmt, ...)
{
	char detail[160];
	unsigned cpu;
	va_list ap;

	if (!report_begin(loc, &cpu))
		return;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	report_end(cpu, kind, loc, detail);
}

/* --- the handlers gcc calls ---------------------------------------------- */

static void overflow(struct overflow_data *d, void *lhs, void *rhs, char op)
{
	char a[48], b[48];

	format_value(a, sizeof(a), d->type, lhs);
	format_value(b, sizeof(b), d->type, rhs);
	report(&d->loc,
	       type_signed(d->type) ? "signed integer overflow"
				    : "unsigned integer overflow",
	       "%s %c %s cannot be represented in type %s", a, op, b,
	       d->type->name);
}

void __ubsan_handle_add_overflow(struct overflow_data *d, void *lhs, void *rhs)
{
	overflow(d, lhs, rhs, '+');
}

void __ubsan_handle_sub_overflow(struct overflow_data *d, void *lhs, void *rhs)
{
	overflow(d, lhs, rhs, '-');
}

void __ubsan_handle_mul_overflow(struct overflow_data *d, void *lhs, void *rhs)
{
	overflow(d, lhs, rhs, '*');
}

void __ubsan_handle_negate_overflow(struct overflow_data *d, void *old)
{
	char a[48];

	format_value(a, sizeof(a), d->type, old);
	report(&d->loc, "signed integer overflow",
	       "-(%s) cannot be represented in type %s", a, d->type->name);
}

void __ubsan_handle_divrem_overflow(struct overflow_data *d, void *lhs,
				    void *rhs)
{
	char a[48], b[48];

	format_value(a, sizeof(a), d->type, lhs);
	format_value(b, sizeof(b), d->type, rhs);
	if (value_bits(d->type, rhs) == 0)
		report(&d->loc, "division by zero", "%s / %s", a, b);
	else
		report(&d->loc, "signed integer overflow",
		       "%s / %s cannot be represented in type %s", a, b,
		       d->type->name);
}

void __ubsan_handle_shift_out_of_bounds(struct shift_data *d, void *lhs,
					void *rhs)
{
	char a[48], b[48];

	format_value(a, sizeof(a), d->lhs_type, lhs);
	format_value(b, sizeof(b), d->rhs_type, rhs);
	if (value_negative(d->rhs_type, rhs))
		report(&d->loc, "shift out of bounds",
		       "%s << %s: negative shift exponent", a, b);
	else if (value_bits(d->rhs_type, rhs) >= type_bits(d->lhs_type))
		report(&d->loc, "shift out of bounds",
		       "%s << %s: exponent too large for %u-bit type %s", a, b,
		       type_bits(d->lhs_type), d->lhs_type->name);
	else if (value_negative(d->lhs_type, lhs))
		report(&d->loc, "shift out of bounds",
		       "%s << %s: left shift of a negative value", a, b);
	else
		report(&d->loc, "shift out of bounds",
		       "%s << %s cannot be represented in type %s", a, b,
		       d->lhs_type->name);
}

void __ubsan_handle_out_of_bounds(struct out_of_bounds_data *d, void *index)
{
	char i[48];

	format_value(i, sizeof(i), d->index_type, index);
	report(&d->loc, "array index out of bounds",
	       "index %s is outside type %s", i, d->array_type->name);
}

static const char *const access_kinds[] = {"load of",
					   "store to",
					   "reference binding to",
					   "member access within",
					   "member call on",
					   "constructor call on",
					   "downcast of",
					   "downcast of",
					   "upcast of",
					   "cast to virtual base of",
					   "_Nonnull binding to",
					   "dynamic operation on"};

void __ubsan_handle_type_mismatch_v1(struct type_mismatch_data *d, void *ptr)
{
	unsigned long p = (unsigned long)ptr;
	unsigned long align = 1UL << d->log_alignment;
	const char *what = d->check_kind < ARRAY_SIZE(access_kinds)
			       ? access_kinds[d->check_kind]
			       : "access to";

	if (!p)
		report(&d->loc, "null pointer", "%s a null pointer of type %s",
		       what, d->type->name);
	else if (d->log_alignment && (p & (align - 1)))
		report(&d->loc, "misaligned access",
		       "%s address %#lx, which type %s wants aligned to %lu",
		       what, p, d->type->name, align);
	else
		report(&d->loc, "object too small",
		       "%s address %#lx, too little room there for type %s",
		       what, p, d->type->name);
}

void __ubsan_handle_vla_bound_not_positive(struct vla_bound_data *d,
					   void *bound)
{
	char b[48];

	format_value(b, sizeof(b), d->type, bound);
	report(&d->loc, "variable-length array bound not positive", "%s", b);
}

void __ubsan_handle_load_invalid_value(struct invalid_value_data *d, void *val)
{
	char v[48];

	format_value(v, sizeof(v), d->type, val);
	report(&d->loc, "invalid value",
	       "load of value %s, which is not a valid %s", v, d->type->name);
}

void __ubsan_handle_nonnull_arg(struct nonnull_arg_data *d)
{
	report(&d->loc, "null argument",
	       "argument %d is NULL, declared never NULL at %s:%u",
	       d->arg_index, d->attr_loc.file ? d->attr_loc.file : "?",
	       d->attr_loc.line);
}

void __ubsan_handle_nonnull_return_v1(struct nonnull_return_data *d,
				      struct source_location *loc)
{
	report(loc, "null return",
	       "NULL returned from a function declared never to at %s:%u",
	       d->attr_loc.file ? d->attr_loc.file : "?", d->attr_loc.line);
}

void __ubsan_handle_pointer_overflow(struct pointer_overflow_data *d,
				     void *base, void *result)
{
	unsigned long b = (unsigned long)base, r = (unsigned long)result;

	if (!b && !r)
		report(&d->loc, "pointer overflow",
		       "zero offset applied to a null pointer");
	else if (!b)
		report(&d->loc, "pointer overflow",
		       "offset applied to a null pointer gives %#lx", r);
	else
		report(&d->loc, "pointer overflow",
		       "%#lx plus an offset wraps around to %#lx", b, r);
}

void __ubsan_handle_invalid_builtin(struct invalid_builtin_data *d)
{
	report(&d->loc, "invalid builtin use", "%s called with 0",
	       d->kind == 0 ? "__builtin_ctz" : "__builtin_clz");
}

/* Reaching __builtin_unreachable() leaves nothing sane to go on with. */
void __ubsan_handle_builtin_unreachable(struct unreachable_data *d)
{
	panic("UBSAN: unreachable code reached in %s:%u", d->loc.file,
	      d->loc.line);
}

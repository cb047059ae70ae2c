/*
 * lib/vsnprintf.c - the kernel's printf engine.
 *
 * The format string is read once, left to right.  Ordinary characters are
 * copied; each '%' starts a conversion that is parsed into a struct spec
 * (flags, width, precision, length) and then printed by one small function
 * per kind of argument.  All output goes through put(), which counts every
 * character but stores only those that fit, so truncation needs no special
 * cases anywhere else.
 *
 * The rules for combining flags follow glibc exactly, because the host tests
 * compare against it:
 *  - a precision on an integer is a minimum digit count, and it switches
 *    the '0' flag off; value 0 with precision 0 prints no digits at all;
 *  - '-' beats '0', and '+' beats ' ' (both only matter for %d and %i);
 *  - '#' adds 0x/0X to a non-zero %x/%X;
 *  - %s and %c pad with spaces only; %s of NULL is "(null)", or nothing if
 *    the precision is below 6 (that is what glibc does);
 *  - %% ignores flags and width; a negative '*' width means '-', a negative
 *    '*' precision means "no precision".
 */
#include "lib/vsnprintf.h"
#include "lib/string.h"

/* %zd reads the signed type of size_t's width: long on every Tern target. */
BUILD_BUG_ON(sizeof(long) != sizeof(size_t));

struct out {
	char *buf;
	size_t size;
	size_t len;  /* characters produced so far, stored or not */
	size_t skip; /* the first `skip` characters are not stored */
};

struct spec {
	bool left;   /* '-': pad on the right */
	bool zero;   /* '0': pad numbers with zeros */
	bool plus;   /* '+': always print a sign */
	bool space;  /* ' ': a space where '+' would go */
	bool alt;    /* '#': 0x prefix */
	int width;   /* minimum field width, 0 if none */
	int prec;    /* precision, -1 if none */
	char length; /* 'H' = hh, 'h', 'l', 'L' = ll, 'z', or 0 */
};

static void put(struct out *o, char c)
{
	if (o->len >= o->skip && o->len - o->skip + 1 < o->size)
		o->buf[o->len - o->skip] = c;
	o->len++;
}

static void put_many(struct out *o, char c, int n)
{
	for (; n > 0; n--)
		put(o, c);
}

static void put_str(struct out *o, const char *s, size_t n)
{
	while (n--)
		put(o, *s++);
}

/* s[0..n) padded with spaces to the field width. */
static void put_padded(struct out *o, const struct spec *sp, const char *s,
		       size_t n)
{
	int pad = (size_t)sp->width > n ? sp->width - (int)n : 0;

	if (!sp->left)
		put_many(o, ' ', pad);
	put_str(o, s, n);
	if (sp->left)
		put_many(o, ' ', pad);
}

/*
 * One integer: [spaces] [sign] [0x] [zeros] digits [spaces].
 * sign is '-', '+', ' ' or 0 for none.
 */
static void put_number(struct out *o, const struct spec *sp,
		       unsigned long long val, char sign, unsigned int base,
		       bool upper)
{
	const char *digit = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24]; /* 2^64 has 20 decimal digits */
	bool prefix = sp->alt && base == 16 && val != 0;
	int n = 0, zeros, len, pad;

	if (val != 0 || sp->prec != 0) {
		do {
			buf[n++] = digit[val % base];
			val /= base;
		} while (val);
	}
	zeros = sp->prec > n ? sp->prec - n : 0;
	len = (sign != 0) + 2 * prefix + zeros + n;
	pad = sp->width > len ? sp->width - len : 0;
	if (sp->zero && !sp->left && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}

	if (!sp->left)
		put_many(o, ' ', pad);
	if (sign)
		put(o, sign);
	if (prefix)
		put_str(o, upper ? "0X" : "0x", 2);
	put_many(o, '0', zeros);
	while (n)
		put(o, buf[--n]);
	if (sp->left)
		put_many(o, ' ', pad);
}

/* Fetch a %d/%i argument: narrow types arrive promoted to int. */
static long long get_signed(va_list *ap, char length)
{
	switch (length) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
	case 'z':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long get_unsigned(va_list *ap, char length)
{
	switch (length) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned int);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned int);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'z':
		return va_arg(*ap, size_t);
	case 'L':
		return va_arg(*ap, unsigned long long);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static void put_signed(struct out *o, const struct spec *sp, long long v)
{
	/* Negate in unsigned arithmetic so that LLONG_MIN works too. */
	unsigned long long mag =
	    v < 0 ? -(unsigned long long)v : (unsigned long long)v;
	char sign = 0;

	if (v < 0)
		sign = '-';
	else if (sp->plus)
		sign = '+';
	else if (sp->space)
		sign = ' ';
	put_number(o, sp, mag, sign, 10, false);
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
	size_t n;

	if (!s)
		s = (sp->prec < 0 || sp->prec >= 6) ? "(null)" : "";
	/* strnlen: with a precision, s need not be NUL-terminated. */
	n = sp->prec < 0 ? strlen(s) : strnlen(s, sp->prec);
	put_padded(o, sp, s, n);
}

/* "0x" and all 16 digits, so addresses line up in columns. */
static void put_pointer(struct out *o, const struct spec *sp, const void *p)
{
	unsigned long long v = (uintptr_t)p;
	char buf[18] = "0x";
	int i;

	for (i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
	put_padded(o, sp, buf, sizeof(buf));
}

static bool parse_flag(struct spec *sp, char c)
{
	switch (c) {
	case '-':
		sp->left = true;
		return true;
	case '0':
		sp->zero = true;
		return true;
	case '+':
		sp->plus = true;
		return true;
	case ' ':
		sp->space = true;
		return true;
	case '#':
		sp->alt = true;
		return true;
	default:
		return false;
	}
}

/* A run of decimal digits; absurd values stick at a large number. */
static int parse_digits(const char **fmt)
{
	const char *s = *fmt;
	int n = 0;

	for (; *s >= '0' && *s <= '9'; s++) {
		if (n < 100000000)
			n = n * 10 + (*s - '0');
	}
	*fmt = s;
	return n;
}

static const char *parse_width(const char *fmt, struct spec *sp, va_list *ap)
{
	int w;

	if (*fmt != '*') {
		sp->width = parse_digits(&fmt);
		return fmt;
	}
	w = va_arg(*ap, int);
	if (w < 0) {
		sp->left = true;
		w = w < -100000000 ? 100000000 : -w;
	}
	sp->width = w;
	return fmt + 1;
}

static const char *parse_precision(const char *fmt, struct spec *sp,
				   va_list *ap)
{
	int p;

	sp->prec = -1;
	if (*fmt != '.')
		return fmt;
	fmt++;
	if (*fmt != '*') {
		sp->prec = parse_digits(&fmt);
		return fmt;
	}
	p = va_arg(*ap, int);
	sp->prec = p < 0 ? -1 : p;
	return fmt + 1;
}

static const char *parse_length(const char *fmt, struct spec *sp)
{
	sp->length = 0;
	if ((fmt[0] == 'h' || fmt[0] == 'l') && fmt[1] == fmt[0]) {
		sp->length = fmt[0] == 'h' ? 'H' : 'L';
		return fmt + 2;
	}
	if (*fmt == 'h' || *fmt == 'l' || *fmt == 'z')
		sp->length = *fmt++;
	return fmt;
}

/*
 * Parse everything between '%' and the conversion character.  fmt points
 * just after the '%'; the return value points at the conversion character.
 */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){0};
	while (parse_flag(sp, *fmt))
		fmt++;
	fmt = parse_width(fmt, sp, ap);
	fmt = parse_precision(fmt, sp, ap);
	return parse_length(fmt, sp);
}

/* Print one conversion; false if conv is not one we know. */
static bool convert(struct out *o, const struct spec *sp, char conv,
		    va_list *ap)
{
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		put_signed(o, sp, get_signed(ap, sp->length));
		return true;
	case 'u':
		put_number(o, sp, get_unsigned(ap, sp->length), 0, 10, false);
		return true;
	case 'x':
	case 'X':
		put_number(o, sp, get_unsigned(ap, sp->length), 0, 16,
			   conv == 'X');
		return true;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_padded(o, sp, &c, 1);
		return true;
	case 's':
		put_string(o, sp, va_arg(*ap, const char *));
		return true;
	case 'p':
		put_pointer(o, sp, va_arg(*ap, const void *));
		return true;
	case '%':
		put(o, '%');
		return true;
	default:
		return false;
	}
}

int vsnprintf_from(char *buf, size_t size, size_t skip, const char *fmt,
		   va_list ap)
{
	struct out o = {.buf = buf, .size = size, .len = 0, .skip = skip};
	struct spec sp;
	const char *start;
	va_list args;

	/* A copy we can pass by pointer to the helpers. */
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		start = fmt;
		fmt = parse_spec(fmt + 1, &sp, &args);
		if (*fmt && convert(&o, &sp, *fmt, &args)) {
			fmt++;
			continue;
		}
		/* Unknown or unfinished: copy "%..." as it stands. */
		if (*fmt)
			fmt++;
		put_str(&o, start, fmt - start);
	}
	va_end(args);

	if (size)
		buf[MIN(o.len > skip ? o.len - skip : 0, size - 1)] = '\0';
	/* Nothing in a kernel formats 2 GiB; clamp rather than overflow. */
	return o.len > __INT_MAX__ ? __INT_MAX__ : (int)o.len;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vsnprintf_from(buf, size, 0, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/*
 * tools/ia64sim/tests/c/sort.c - sorting and memory/string routines, all
 * written here (the programs have no C library): a quicksort with a
 * comparison function called through a pointer, a heapsort, and memcpy,
 * memmove, memset, memcmp, strlen, strcmp, strchr, a number formatter
 * and parser, on pseudo-random data.
 *
 * At -O2, gcc 12 speculates a load with ld8.a and checks it with
 * ld8.c.clr: the simulator's ALAT never hits, so the check reloads.
 *
 * Expected: the same output as the host build of this file, exit 0.
 */
#include "io.h"

static unsigned long state = 0x13198a2e03707344ul;

static unsigned long next(void)
{
	return xorshift64(&state);
}

static void swap_bytes(char *a, char *b, unsigned long n)
{
	while (n--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Quicksort of n elements of size sz: median of three, insertion sort
 * below 8 elements, recursion on the smaller part. */
static void quick(void *base, unsigned long n, unsigned long sz,
		  int (*cmp)(const void *, const void *))
{
	char *b = base;
	while (n > 8) {
		char *mid = b + (n / 2) * sz, *last = b + (n - 1) * sz;
		if (cmp(mid, b) < 0)
			swap_bytes(mid, b, sz);
		if (cmp(last, mid) < 0) {
			swap_bytes(last, mid, sz);
			if (cmp(mid, b) < 0)
				swap_bytes(mid, b, sz);
		}
		swap_bytes(mid, b, sz); /* the pivot at b */
		unsigned long i = 1, j = n - 1;
		for (;;) {
			while (i <= j && cmp(b + i * sz, b) < 0)
				i++;
			while (j >= i && cmp(b, b + j * sz) < 0)
				j--;
			if (i >= j)
				break;
			swap_bytes(b + i * sz, b + j * sz, sz);
			i++;
			j--;
		}
		swap_bytes(b, b + j * sz, sz);
		unsigned long left = j, right = n - j - 1;
		if (left < right) {
			quick(b, left, sz, cmp);
			b += (j + 1) * sz;
			n = right;
		} else {
			quick(b + (j + 1) * sz, right, sz, cmp);
			n = left;
		}
	}
	for (unsigned long i = 1; i < n; i++)
		for (unsigned long k = i;
		     k > 0 && cmp(b + k * sz, b + (k - 1) * sz) < 0; k--)
			swap_bytes(b + k * sz, b + (k - 1) * sz, sz);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

struct rec {
	unsigned key;
	unsigned short tag;
	char name[6];
};

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (int)x->tag - (int)y->tag;
}

static void sift(unsigned *a, unsigned long i, unsigned long n)
{
	for (;;) {
		unsigned long c = 2 * i + 1;
		if (c >= n)
			return;
		if (c + 1 < n && a[c + 1] > a[c])
			c++;
		if (a[i] >= a[c])
			return;
		unsigned t = a[i];
		a[i] = a[c];
		a[c] = t;
		i = c;
	}
}

static void heapsort(unsigned *a, unsigned long n)
{
	for (unsigned long i = n / 2; i-- > 0;)
		sift(a, i, n);
	for (unsigned long k = n; k-- > 1;) {
		unsigned t = a[0];
		a[0] = a[k];
		a[k] = t;
		sift(a, 0, k);
	}
}

static void *my_memcpy(void *d, const void *s, unsigned long n)
{
	char *dp = d;
	const char *sp = s;
	while (n--)
		*dp++ = *sp++;
	return d;
}

static void *my_memmove(void *d, const void *s, unsigned long n)
{
	char *dp = d;
	const char *sp = s;
	if (dp < sp)
		return my_memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}

static void my_memset(void *d, int c, unsigned long n)
{
	unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
}

static int my_memcmp(const void *a, const void *b, unsigned long n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}

static unsigned long my_strlen(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return (unsigned long)(p - s);
}

static int my_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

static const char *my_strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return s;
	return c ? 0 : s;
}

/* v in base 2..36 into buf; returns the length. */
static unsigned format(char *buf, long v, unsigned base)
{
	char tmp[70];
	unsigned n = 0, len = 0;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
	do
		tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[u % base];
	while ((u /= base) != 0);
	if (v < 0)
		buf[len++] = '-';
	while (n)
		buf[len++] = tmp[--n];
	buf[len] = 0;
	return len;
}

static long parse(const char *s, unsigned base)
{
	int neg = *s == '-';
	unsigned long v = 0;
	for (s += neg; *s; s++) {
		const char *d =
		    my_strchr("0123456789abcdefghijklmnopqrstuvwxyz", *s);
		v = v * base +
		    (unsigned long)(d - "0123456789abcdefghijklmnopqrstuvwxyz");
	}
	return neg ? (long)-v : (long)v;
}

#define N 3000
static long longs[N];
static struct rec recs[N];
static unsigned words[N];
static char bytes[4096], copy[4096];

int main(void)
{
	for (int i = 0; i < N; i++) {
		longs[i] = (long)next() >> (next() & 31);
		recs[i].key = (unsigned)(next() % 500);
		recs[i].tag = (unsigned short)i;
		format(recs[i].name, (long)(next() % 99999), 36);
		words[i] = (unsigned)next();
	}
	quick(longs, N, sizeof(long), cmp_long);
	quick(recs, N, sizeof(struct rec), cmp_rec);
	heapsort(words, N);
	unsigned long sum = 0, unsorted = 0;
	for (int i = 0; i < N; i++) {
		sum = sum * 31 + (unsigned long)longs[i] + recs[i].key * 7u +
		      recs[i].tag + words[i] + my_strlen(recs[i].name);
		if (i && (longs[i - 1] > longs[i] || words[i - 1] > words[i] ||
			  cmp_rec(&recs[i - 1], &recs[i]) > 0))
			unsorted++;
		if (i % 300 == 0) {
			put_s64(longs[i]);
			put_char(' ');
			put_u64(recs[i].key);
			put_char(' ');
			put_u64(recs[i].tag);
			put_char(' ');
			put_str(recs[i].name);
			put_char(' ');
			put_u64(words[i]);
			put_char('\n');
		}
	}
	put_str("sorted ");
	put_hex(sum);
	put_char(' ');
	put_u64(unsorted);
	put_char('\n');

	for (int i = 0; i < 4096; i++)
		bytes[i] = (char)next();
	my_memcpy(copy, bytes, sizeof(bytes));
	my_memmove(copy + 100, copy + 50, 1000);   /* overlapping, forward */
	my_memmove(copy + 2000, copy + 2100, 999); /* backward */
	my_memset(copy + 3000, 0x5a, 77);
	unsigned long msum = 0;
	for (int i = 0; i < 4096; i++)
		msum = msum * 131 + (unsigned char)copy[i];
	put_str("memory ");
	put_hex(msum);
	put_char(' ');
	put_s64(my_memcmp(bytes, copy, 100));
	put_char(' ');
	put_s64(my_memcmp(bytes, copy, 4096) != 0);
	put_char('\n');

	char buf[80];
	long checks = 0;
	for (int i = 0; i < 2000; i++) {
		long v = (long)next() >> (next() & 63);
		unsigned base = 2 + (unsigned)(next() % 35);
		unsigned len = format(buf, v, base);
		checks += parse(buf, base) == v;
		checks += len == my_strlen(buf);
		if (i % 250 == 0) {
			put_str(buf);
			put_char(' ');
		}
	}
	put_str("\nstrings ");
	put_s64(checks);
	put_char(' ');
	put_s64(my_strcmp("alpha", "alphabet") < 0);
	put_s64(my_strcmp("beta", "alpha") > 0);
	put_s64(my_strcmp("same", "same") == 0);
	put_char('\n');
	return 0;
}

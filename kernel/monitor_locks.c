/*
 * kernel/monitor_locks.c - `locks`: who holds what, and who waits
 * (monitor_locks.h).
 *
 * Nothing here takes a lock.  Each CPU's record in spin_held[] is copied
 * first (locks_read), then turned into lines.  The copy races with its CPU
 * - it may take or drop a lock while we read - and that is fine for a
 * look: a stuck CPU's record does not change, and a running one's is
 * right a moment later.  What the copy points at may be gone by the time
 * we read it (a lock on a stack whose function has returned), so a lock's
 * name is read with hal_probe_read(), which cannot fault.
 */
#include "kernel/monitor_locks.h"
#include "kernel/hal.h"
#include "kernel/ksyms.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#define LINE_MAX 320
#define SITE_MAX 96

void locks_read(unsigned cpu, struct locks_view *v)
{
	const struct spin_held *h = &spin_held[cpu];
	v->depth = READ_ONCE(h->depth);
	int d = v->depth < 0 ? 0 : MIN(v->depth, SPIN_HELD_MAX);
	for (int i = 0; i < d; i++)
		v->held[i] = h->held[i];
	v->waiting_on = READ_ONCE(h->waiting_on);
	v->waiting_pc = READ_ONCE(h->waiting_pc);
	v->waiting_since = READ_ONCE(h->waiting_since);
	v->in_irq = READ_ONCE(cpu_data[cpu].irq_depth) > 0;
	v->outer_waiting_on = READ_ONCE(h->outer_waiting_on);
	v->outer_waiting_pc = READ_ONCE(h->outer_waiting_pc);
}

/* A string that may no longer be there, byte by byte; "?" if not. */
static void copy_name(const char *s, char *buf, size_t size)
{
	size_t i = 0;
	u8 c;
	for (; s && i + 1 < size; i++) {
		if (hal_probe_read(s + i, &c)) {
			i = 0;
			break;
		}
		if (!c)
			break;
		buf[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	if (i == 0)
		strlcpy(buf, "?", size);
	else
		buf[i] = '\0';
}

/* What a lock says about itself: "'runqueue' #3" (a class ordered by
 * key) or "'console_lock'", its holder and where it was taken. */
struct lock_seen {
	char what[56];
	s32 holder;
	char taken_at[SITE_MAX];
};

static void look_at(const spinlock_t *l, struct lock_seen *s)
{
	u8 probe;
	char name[40];
	if (hal_probe_read(l, &probe) ||
	    hal_probe_read((const u8 *)(l + 1) - 1, &probe)) {
		snprintf(s->what, sizeof(s->what), "a lock at %p (unreadable)",
			 (const void *)l);
		s->holder = -1;
		strlcpy(s->taken_at, "?", sizeof(s->taken_at));
		return;
	}
	copy_name(READ_ONCE(l->name), name, sizeof(name));
	if (READ_ONCE(l->order))
		snprintf(s->what, sizeof(s->what), "'%s' #%u", name, l->key);
	else
		snprintf(s->what, sizeof(s->what), "'%s'", name);
	s->holder = READ_ONCE(l->holder_cpu);
	ksym_format((u64)READ_ONCE(l->holder_pc), s->taken_at,
		    sizeof(s->taken_at));
}

static bool holds(const struct locks_view *v, const spinlock_t *l)
{
	for (int i = 0; i < MIN(v->depth, SPIN_HELD_MAX); i++)
		if (v->held[i].lock == l)
			return true;
	return false;
}

/* ", held by cpu 3 (taken at ...)", and what it means when the holder is
 * the waiter itself: the deadlock of 2002. */
static void holder_words(unsigned cpu, const struct locks_view *v,
			 const struct lock_seen *s, char *buf, size_t size)
{
	if (s->holder == (s32)cpu || holds(v, v->waiting_on))
		snprintf(buf, size, "held by cpu %u itself (taken at %s): %s",
			 cpu, s->taken_at,
			 v->in_irq ? "an interrupt came while it held it"
				   : "it asks again for a lock it holds");
	else if (s->holder < 0)
		snprintf(buf, size,
			 "holder not recorded (let go just now, or just "
			 "taken)");
	else
		snprintf(buf, size, "held by cpu %d (taken at %s)", s->holder,
			 s->taken_at);
}

static void wait_line(unsigned cpu, const struct locks_view *v, u64 now,
		      char *line, size_t size)
{
	struct lock_seen s;
	char wanted[SITE_MAX], holder[200];
	u64 ms = v->waiting_since && now > v->waiting_since
		     ? (now - v->waiting_since) / hal_cycles_per_ms()
		     : 0;
	look_at(v->waiting_on, &s);
	ksym_format((u64)v->waiting_pc, wanted, sizeof(wanted));
	holder_words(cpu, v, &s, holder, sizeof(holder));
	snprintf(line, size,
		 "cpu %u waits for %s for %llu ms (wanted at %s), %s", cpu,
		 s.what, ms, wanted, holder);
}

void locks_cpu_lines(unsigned cpu, const struct locks_view *v, u64 now,
		     locks_out_fn out, void *arg, struct locks_count *n)
{
	char line[LINE_MAX], site[SITE_MAX];
	int kept = v->depth < 0 ? 0 : MIN(v->depth, SPIN_HELD_MAX);
	for (int i = 0; i < kept; i++) {
		struct lock_seen s;
		look_at(v->held[i].lock, &s);
		ksym_format((u64)v->held[i].pc, site, sizeof(site));
		snprintf(line, sizeof(line), "cpu %u holds %s (taken at %s%s)",
			 cpu, s.what, site,
			 v->held[i].trylock ? ", by spin_trylock" : "");
		out(line, arg);
	}
	if (v->depth > kept) {
		snprintf(line, sizeof(line),
			 "cpu %u holds %d more, not recorded (it keeps the "
			 "first %d)",
			 cpu, v->depth - kept, SPIN_HELD_MAX);
		out(line, arg);
	}
	if (v->depth > 0) {
		n->holders++;
		n->locks += (unsigned)v->depth;
	}
	if (v->waiting_on) {
		wait_line(cpu, v, now, line, sizeof(line));
		out(line, arg);
		n->waiters++;
	}
	if (v->outer_waiting_on) {
		struct lock_seen s;
		look_at(v->outer_waiting_on, &s);
		ksym_format((u64)v->outer_waiting_pc, site, sizeof(site));
		snprintf(line, sizeof(line),
			 "cpu %u was waiting for %s (wanted at %s) when the "
			 "interrupt came",
			 cpu, s.what, site);
		out(line, arg);
	}
}

void locks_summary(const struct locks_count *n, char *buf, size_t size)
{
	int len;
	if (n->holders)
		len = snprintf(buf, size, "%u CPU%s hold%s %u lock%s",
			       n->holders, n->holders == 1 ? "" : "s",
			       n->holders == 1 ? "s" : "", n->locks,
			       n->locks == 1 ? "" : "s");
	else
		len = snprintf(buf, size, "no CPU holds a lock");
	if (n->waiters && len >= 0 && (size_t)len < size)
		snprintf(buf + len, size - (size_t)len, ", %u wait%s",
			 n->waiters, n->waiters == 1 ? "s" : "");
}

struct locks_count locks_report(const cpumask_t *cpus, locks_out_fn out,
				void *arg)
{
	struct locks_count n = {0, 0, 0};
	struct locks_view v;
	char line[80];
	unsigned cpu;
	for_each_cpu(cpu, cpus) {
		locks_read(cpu, &v);
		locks_cpu_lines(cpu, &v, hal_cycles(), out, arg, &n);
	}
	locks_summary(&n, line, sizeof(line));
	out(line, arg);
	return n;
}

static void print_line(const char *line, void *arg)
{
	(void)arg;
	printk("%s\n", line);
}

int cmd_locks(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	locks_report(&cpu_online_mask, print_line, NULL);
	return 0;
}

/*
 * kernel/trace.c - per-CPU event rings, and printing them (kernel/trace.h).
 *
 * Writing a record: interrupts off (so that an interrupt on this CPU
 * cannot write into the same slot), take the slot at head, fill it, then
 * advance head.  Nothing else: no lock, no atomic instruction, because
 * nobody but this CPU writes this ring.  NMIs are not traced, and an
 * event in an NMI that came in the middle of a record is dropped
 * (trace_ring.writing).
 *
 * Reading: trace_dump() first pauses tracing on every CPU (each at a
 * moment when it holds its runqueue lock, see sched_trace_set()), so the
 * rings stand still while they are printed, then merges them by time.
 * Timestamps are raw cycle counts until then; printing turns them into
 * nanoseconds since boot.
 */
#include "kernel/trace.h"
#include "kernel/kmalloc.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/watchdog.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#include <stdarg.h>

bool trace_enabled;
struct trace_ring trace_rings[NR_CPUS];
static bool have_rings;
/* For gdb's `tern trace`, which turns cycles into ns as trace_dump()
 * does but cannot call the HAL: copies, set once by trace_init(). */
u64 trace_cycles_per_ms, trace_boot_cycles;

/* --- Writing ----------------------------------------------------------- */

/* This CPU's next slot, stamped, or NULL when it is not tracing.
 * Interrupts off (the caller's hal_irq_save()). */
static struct trace_rec *rec_begin(u8 type)
{
	struct trace_ring *r = &trace_rings[cpu_id()];
	if (!r->on || r->writing)
		return NULL;
	r->writing = true;
	barrier(); /* before the slot is touched: an NMI must see it */
	struct trace_rec *rec = &r->buf[r->head & r->mask];
	rec->cycles = hal_cycles();
	rec->type = type;
	rec->flag = 0;
	rec->c1 = rec->c2 = TRACE_NO_CPU;
	rec->n1 = rec->n2 = 0;
	return rec;
}

/* Publish the record: head moves only after its bytes are written, so a
 * reader that sees the new head sees the whole record. */
static void rec_end(void)
{
	struct trace_ring *r = &trace_rings[cpu_id()];
	__atomic_store_n(&r->head, r->head + 1, __ATOMIC_RELEASE);
	barrier();
	r->writing = false;
}

static void set_task(struct trace_task *t, const struct task *p)
{
	t->pid = (u32)p->pid;
	/* a fixed size: the compiler copies it in a few moves, inline */
	__builtin_memcpy(t->name, p->name, sizeof(t->name));
	t->name[sizeof(t->name) - 1] = '\0';
}

/* The letter `ps` would show for prev as it leaves the CPU. */
static u8 state_letter(const struct task *p)
{
	if (p->array || p->state == TASK_RUNNING)
		return 'R';
	switch (p->state) {
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
	case TASK_DEAD:
		return 'X';
	}
	return '?';
}

/* One recorder: interrupts off around begin..end.  `fill` is a statement
 * using `rec`. */
#define RECORD(type, fill)                                                     \
	do {                                                                   \
		irqflags_t flags_ = hal_irq_save();                            \
		struct trace_rec *rec = rec_begin(type);                       \
		if (rec) {                                                     \
			fill;                                                  \
			rec_end();                                             \
		}                                                              \
		hal_irq_restore(flags_);                                       \
	} while (0)

void __trace_switch(const struct task *prev, const struct task *next)
{
	RECORD(TR_SWITCH, {
		rec->flag = state_letter(prev);
		set_task(&rec->t1, prev);
		set_task(&rec->t2, next);
	});
}

void __trace_wakeup(const struct task *p, unsigned target, bool preempt)
{
	RECORD(TR_WAKEUP, {
		rec->flag = preempt;
		rec->c1 = (u16)target;
		set_task(&rec->t1, p);
	});
}

void __trace_migrate(const struct task *p, unsigned from, unsigned to,
		     enum trace_migrate_reason why)
{
	RECORD(TR_MIGRATE, {
		rec->flag = (u8)why;
		rec->c1 = (u16)from;
		rec->c2 = (u16)to;
		set_task(&rec->t1, p);
	});
}

void __trace_balance(int busiest, unsigned long imbalance, long pulled,
		     bool idle)
{
	RECORD(TR_BALANCE, {
		rec->flag = idle;
		rec->c1 = busiest < 0 ? TRACE_NO_CPU : (u16)busiest;
		rec->n1 = (u32)imbalance;
		rec->n2 = (u32)pulled;
	});
}

void __trace_tick(const struct task *p)
{
	if (!params.trace_ticks)
		return;
	RECORD(TR_TICK, set_task(&rec->t1, p));
}

void __trace_ipi(bool send, unsigned cpu, unsigned kind)
{
	RECORD(send ? TR_IPI_SEND : TR_IPI_RECV, {
		rec->flag = (u8)kind;
		rec->c1 = (u16)cpu;
	});
}

void __trace_lock_wait(const char *name, u64 cycles)
{
	u64 ns = cycles * 1000000 / hal_cycles_per_ms();
	if (ns < (u64)params.trace_lock_us * 1000)
		return;
	RECORD(TR_LOCK_WAIT, {
		rec->n1 = ns > 0xffffffffu ? 0xffffffffu : (u32)ns;
		rec->t1.pid = 0;
		strlcpy(rec->t1.name, name ? name : "?", sizeof(rec->t1.name));
	});
}

void __trace_migq(bool queue, const struct task *p, unsigned cpu)
{
	RECORD(queue ? TR_MIGQ_QUEUE : TR_MIGQ_SERVE, {
		rec->c1 = (u16)cpu;
		set_task(&rec->t1, p);
	});
}

void __trace_task(bool create, const struct task *p)
{
	RECORD(create ? TR_CREATE : TR_EXIT, set_task(&rec->t1, p));
}

void __trace_printk(const char *fmt, ...)
{
	char text[sizeof(((struct trace_rec *)0)->text)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	RECORD(TR_PRINT, memcpy(rec->text, text, sizeof(text)));
}

/* --- Turning it on and off --------------------------------------------- */

/* Called by sched_trace_set() with cpu's runqueue locked: the switch
 * counter and the ring change state at one moment. */
void trace_cpu_set(unsigned cpu, bool on, u64 nr_switches)
{
	struct trace_ring *r = &trace_rings[cpu];
	if (!r->buf || r->on == on)
		return;
	if (on)
		r->switches_base = nr_switches;
	else
		r->switches_total += nr_switches - r->switches_base;
	WRITE_ONCE(r->on, on);
}

bool trace_running(void)
{
	return READ_ONCE(trace_enabled);
}

void trace_start(void)
{
	if (!have_rings) {
		pr_err("trace: no trace buffers (trace=0 on the command "
		       "line)\n");
		return;
	}
	/* Enabled first: each CPU still records nothing until its own ring
	 * is switched on, under its runqueue lock. */
	WRITE_ONCE(trace_enabled, true);
	sched_trace_set(true);
}

void trace_stop(void)
{
	if (!have_rings)
		return;
	sched_trace_set(false);
	WRITE_ONCE(trace_enabled, false);
}

void trace_clear(void)
{
	bool was = trace_running();
	trace_stop();
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		trace_rings[cpu].head = 0;
		trace_rings[cpu].switches_total = 0;
	}
	if (was)
		trace_start();
}

/* Records per ring: a power of two that fits in `kib` KiB. */
static u64 ring_records(int kib)
{
	u64 n = (u64)kib * 1024 / sizeof(struct trace_rec), p = 1;
	while (p * 2 <= n)
		p *= 2;
	return p;
}

void trace_init(void)
{
	unsigned cpu, n = 0;
	if (params.trace <= 0) {
		pr_info("trace: off (trace=0)\n");
		return;
	}
	u64 records = ring_records(params.trace);
	trace_cycles_per_ms = hal_cycles_per_ms();
	trace_boot_cycles = hal_boot_cycles();
	for_each_cpu(cpu, &cpu_online_mask) {
		struct trace_rec *buf = kmalloc(records * sizeof(*buf));
		if (!buf) {
			pr_err("trace: no memory for cpu %u's %d KiB; it is "
			       "not traced\n",
			       cpu, params.trace);
			continue;
		}
		trace_rings[cpu].buf = buf;
		trace_rings[cpu].mask = records - 1;
		n++;
	}
	have_rings = n > 0;
	pr_info("trace: %llu events per CPU on %u CPUs (trace=%d KiB)\n",
		records, n, params.trace);
	trace_start();
}

/* --- Reading ------------------------------------------------------------ */

/* The oldest record still in the ring; the ones before it were
 * overwritten, so this is also how many were lost. */
static u64 first_kept(const struct trace_ring *r)
{
	return r->head > r->mask + 1 ? r->head - (r->mask + 1) : 0;
}

u64 trace_count(unsigned cpu, enum trace_type type)
{
	const struct trace_ring *r = &trace_rings[cpu];
	u64 n = 0;
	if (!r->buf)
		return 0;
	for (u64 i = first_kept(r); i < r->head; i++)
		n += r->buf[i & r->mask].type == type;
	return n;
}

static u64 cycles_to_ns(u64 cycles)
{
	u64 per_ms = hal_cycles_per_ms();
	u64 since = cycles > hal_boot_cycles() ? cycles - hal_boot_cycles() : 0;
	return since / per_ms * 1000000 + since % per_ms * 1000000 / per_ms;
}

/* A name as the text format wants it: no spaces, no '=' (docs/trace.md). */
static const char *clean(const char *name, char out[TASK_NAME_LEN])
{
	size_t i;
	for (i = 0; i < TASK_NAME_LEN - 1 && name[i]; i++)
		out[i] = name[i] > ' ' && name[i] < 0x7f && name[i] != '='
			     ? name[i]
			     : '_';
	out[i] = '\0';
	return i ? out : "?";
}

/* By enum ipi_kind and enum trace_migrate_reason.  tools/gdb/tern.py reads
 * these two arrays by name for `tern trace`: one copy of the words. */
static const char *const ipi_names[] = {"resched", "call", "stop", "watchdog"};
static const char *const reasons[] = {"balance", "affinity", "wakeup"};

static const char *ipi_name(u8 kind)
{
	return kind < ARRAY_SIZE(ipi_names) ? ipi_names[kind] : "?";
}

static int cpu_or_none(u16 c)
{
	return c == TRACE_NO_CPU ? -1 : (int)c;
}

/* The text of a TR_PRINT record, made one printable line whatever the
 * format made of it. */
static const char *print_text(const struct trace_rec *rec,
			      char text[sizeof(rec->text) + 1])
{
	size_t i;
	for (i = 0; i < sizeof(rec->text) && rec->text[i]; i++)
		text[i] = rec->text[i] >= ' ' && rec->text[i] < 0x7f
			      ? rec->text[i]
			      : ' ';
	text[i] = '\0';
	return text;
}

/* A record about the CPUs rather than one task (print_rec()'s other
 * half): balancing, IPIs, lock waits, and trace_printk() text. */
static void print_cpu_rec(u64 ns, unsigned cpu, const struct trace_rec *rec,
			  const char *n1)
{
	char text[sizeof(rec->text) + 1];

	switch (rec->type) {
	case TR_BALANCE:
		printk("%llu %u balance busiest=%d imbalance=%u pulled=%d "
		       "idle=%u\n",
		       ns, cpu, cpu_or_none(rec->c1), rec->n1, (int)rec->n2,
		       rec->flag);
		break;
	case TR_IPI_SEND:
		printk("%llu %u ipi_send to=%u kind=%s\n", ns, cpu, rec->c1,
		       ipi_name(rec->flag));
		break;
	case TR_IPI_RECV:
		printk("%llu %u ipi_recv kind=%s\n", ns, cpu,
		       ipi_name(rec->flag));
		break;
	case TR_LOCK_WAIT:
		printk("%llu %u lock_wait class=%s wait_ns=%u\n", ns, cpu, n1,
		       rec->n1);
		break;
	case TR_PRINT:
		printk("%llu %u print text=%s\n", ns, cpu,
		       print_text(rec, text));
		break;
	}
}

/* One record as one line of docs/trace.md's format.  The events of one
 * task are here; the rest in print_cpu_rec(). */
static void print_rec(unsigned cpu, const struct trace_rec *rec)
{
	char a[TASK_NAME_LEN], b[TASK_NAME_LEN];
	u64 ns = cycles_to_ns(rec->cycles);
	const char *n1 = clean(rec->t1.name, a);

	switch (rec->type) {
	case TR_SWITCH:
		printk("%llu %u switch prev=%u:%s prev_state=%c next=%u:%s\n",
		       ns, cpu, rec->t1.pid, n1, rec->flag, rec->t2.pid,
		       clean(rec->t2.name, b));
		break;
	case TR_WAKEUP:
		printk("%llu %u wakeup task=%u:%s target=%u from=%u "
		       "preempt=%u\n",
		       ns, cpu, rec->t1.pid, n1, rec->c1, cpu, rec->flag);
		break;
	case TR_MIGRATE:
		printk("%llu %u migrate task=%u:%s from=%u to=%u reason=%s\n",
		       ns, cpu, rec->t1.pid, n1, rec->c1, rec->c2,
		       rec->flag < ARRAY_SIZE(reasons) ? reasons[rec->flag]
						       : "?");
		break;
	case TR_TICK:
		printk("%llu %u tick task=%u:%s\n", ns, cpu, rec->t1.pid, n1);
		break;
	case TR_MIGQ_QUEUE:
		printk("%llu %u migq_queue task=%u:%s rq=%u\n", ns, cpu,
		       rec->t1.pid, n1, rec->c1);
		break;
	case TR_MIGQ_SERVE:
		printk("%llu %u migq_serve task=%u:%s\n", ns, cpu, rec->t1.pid,
		       n1);
		break;
	case TR_CREATE:
	case TR_EXIT:
		printk("%llu %u %s task=%u:%s\n", ns, cpu,
		       rec->type == TR_CREATE ? "create" : "exit", rec->t1.pid,
		       n1);
		break;
	default:
		print_cpu_rec(ns, cpu, rec, n1);
		break;
	}
}

static bool dumped(int only, unsigned cpu)
{
	return trace_rings[cpu].buf && (only < 0 || (unsigned)only == cpu);
}

/* The CPU whose next record is the oldest, or -1 when all are done.
 * Linear in CPUs per record: fine for the sizes a serial line can carry. */
static int oldest(int only, const u64 next[])
{
	int best = -1;
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct trace_ring *r = &trace_rings[cpu];
		if (!dumped(only, cpu) || next[cpu] >= r->head)
			continue;
		if (best < 0 ||
		    r->buf[next[cpu] & r->mask].cycles <
			trace_rings[best]
			    .buf[next[best] & trace_rings[best].mask]
			    .cycles)
			best = (int)cpu;
	}
	return best;
}

void trace_dump(int only)
{
	static u64 next[NR_CPUS];
	u64 events = 0, total_lost = 0;
	unsigned cpu;
	bool was = trace_running();
	int c;

	if (!have_rings) {
		pr_err("trace: no trace buffers (trace=0 on the command "
		       "line)\n");
		return;
	}
	trace_stop();
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!dumped(only, cpu))
			continue;
		next[cpu] = first_kept(&trace_rings[cpu]);
		events += trace_rings[cpu].head - next[cpu];
		total_lost += first_kept(&trace_rings[cpu]);
	}
	/* cpus= is always the CPUs online: a one-CPU dump is for reading, and
	 * tools/trace's check wants them all (docs/trace.md). */
	printk("trace: begin cpus=%u events=%llu lost=%llu\n",
	       num_online_cpus(), events, total_lost);
	while ((c = oldest(only, next)) >= 0) {
		const struct trace_ring *r = &trace_rings[c];
		print_rec((unsigned)c, &r->buf[next[c]++ & r->mask]);
		/* A long dump over a slow serial line is progress, not a
		 * lockup: at -smp 32 with 128 hogs, 1,700 events took over
		 * the watchdog's 10 s without a schedule(). */
		watchdog_touch();
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (dumped(only, cpu))
			printk("trace: cpu %u switches=%llu recorded=%llu "
			       "lost=%llu\n",
			       cpu, trace_rings[cpu].switches_total,
			       trace_count(cpu, TR_SWITCH),
			       first_kept(&trace_rings[cpu]));
	printk("trace: end\n");
	if (was)
		trace_start();
}

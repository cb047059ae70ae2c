/*
 * kernel/lockcheck.c - the lock validator (lockcheck.h).
 *
 * Classes.  The class table is filled without a lock (it is consulted
 * from inside spin_lock(), which cannot take a lock to do it): a slot is
 * claimed by a compare-and-swap of its name from NULL, and a class's two
 * irq sites are set the same way, so two CPUs learning the same fact at
 * once agree on it.
 *
 * The order graph.  `known[a]` is a bitmap of the classes b with an edge
 * a -> b.  A set bit is never cleared, so the fast path (is this pair
 * known?) reads it without a lock.  A new edge is added under graph_lock,
 * a plain test-and-set flag of the validator's own (it cannot be a
 * spinlock_t: that would validate itself), and before adding it the graph
 * is searched for the way back.  Each edge also keeps the two sites that
 * made it, in `edges`, for the report.
 */
#include "kernel/lockcheck.h"
#include "kernel/hal.h"
#include "kernel/ksyms.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#define NC	  LOCKCHECK_MAX_CLASSES
#define MAX_EDGES 2048 /* a power of two; the sites of each edge */

static struct lock_class classes[NC];
enum lockcheck_mode lockcheck_mode = LOCKCHECK_ON;
unsigned long lockcheck_reports;

/* An edge a -> b: b was taken at take_pc while a, taken at held_pc, was
 * held. */
struct lock_edge {
	u16 from, to; /* class numbers + 1; 0: a free slot */
	const void *held_pc, *take_pc;
	u32 cpu;
};

/* Under graph_lock (reads of `known` excepted, see above). */
static u64 known[NC][NC / 64];
static struct lock_edge edges[MAX_EDGES];
static volatile int graph_lock_cpu = -1;

void lockcheck_init(void)
{
	/* in the order of enum lockcheck_mode */
	static const char *const modes[] = {"on", "off", "panic", NULL};
	lockcheck_mode = (enum lockcheck_mode)param_word(
	    "lockcheck", params.lockcheck, modes, LOCKCHECK_ON);
}

struct lock_class *lock_class_of(spinlock_t *lock)
{
	struct lock_class *c = READ_ONCE(lock->class);
	if (likely(c) || !lock->name)
		return c;
	unsigned long h =
	    ((unsigned long)lock->name >> 3) * 0x9e3779b97f4a7c15ul;
	for (unsigned i = 0; i < NC; i++) {
		struct lock_class *slot = &classes[(h + i) & (NC - 1)];
		const char *expected = NULL;
		if (__atomic_compare_exchange_n(
			&slot->name, &expected, lock->name, false,
			__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) ||
		    expected == lock->name) {
			if (lock->order)
				WRITE_ONCE(slot->order, lock->order);
			WRITE_ONCE(lock->class, slot);
			return slot;
		}
	}
	return NULL; /* full: this class goes unchecked */
}

static unsigned class_nr(const struct lock_class *c)
{
	return (unsigned)(c - classes);
}

static bool known_edge(unsigned a, unsigned b)
{
	return READ_ONCE(known[a][b / 64]) & (1ull << (b % 64));
}

bool lockcheck_knows_order(struct lock_class *a, struct lock_class *b)
{
	return a && b && known_edge(class_nr(a), class_nr(b));
}

/* Each report ends with the backtrace, and under lockcheck=panic ends the
 * run: "PANIC: LOCKCHECK: lock class 'NAME' WHAT". */
static void report_end(const char *name, const char *what)
{
	pr_err("  seen %llu ms after boot, here:\n", ms_since_boot());
	hal_dump_stack();
	if (lockcheck_mode == LOCKCHECK_PANIC)
		panic("LOCKCHECK: lock class '%s' %s", name, what);
}

static void site(const void *pc, char *buf, size_t size)
{
	if (pc)
		ksym_format((u64)pc, buf, size);
	else
		snprintf(buf, size, "(unknown)");
}

/* ------------------------------------------------------------------------
 * Rule 1: interrupt safety
 */

/* Record `pc` as the first site of its kind, unless one is there. */
static void first_site(const void **where, const void *pc)
{
	const void *none = NULL;
	if (!READ_ONCE(*where))
		__atomic_compare_exchange_n(where, &none, pc, false,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

static void report_irq_unsafe(struct lock_class *c)
{
	char irq[96], on[96];
	site(c->irq_site, irq, sizeof(irq));
	site(c->irqs_on_site, on, sizeof(on));
	__atomic_fetch_add(&lockcheck_reports, 1, __ATOMIC_RELAXED);
	pr_err("LOCKCHECK: lock class '%s' is taken in interrupt handlers "
	       "and with interrupts on (cpu %u)\n",
	       c->name, cpu_id());
	pr_err("  in an interrupt handler, first at %s\n", irq);
	pr_err("  with interrupts on, first at %s\n", on);
	pr_err("  an interrupt that comes while this CPU holds it with "
	       "interrupts on spins on it for ever\n");
	report_end(c->name, "is irq-unsafe");
}

static bool claim(bool *flag)
{
	bool no = false;
	return !READ_ONCE(*flag) &&
	       __atomic_compare_exchange_n(flag, &no, true, false,
					   __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
}

static void check_irq_safety(struct lock_class *c, const void *pc)
{
	if (in_interrupt())
		first_site(&c->irq_site, pc);
	else if (hal_irqs_enabled())
		first_site(&c->irqs_on_site, pc);
	else
		return; /* interrupts off, not in a handler: safe either way */
	if (unlikely(READ_ONCE(c->irq_site) && READ_ONCE(c->irqs_on_site)) &&
	    claim(&c->reported)) {
		/* not while the interrupt it warns of comes: the report takes
		 * long, and the lock is not even held yet */
		irqflags_t flags = hal_irq_save();
		report_irq_unsafe(c);
		hal_irq_restore(flags);
	}
}

/* ------------------------------------------------------------------------
 * Rule 2: lock order
 */

static void graph_lock(irqflags_t *flags)
{
	*flags = hal_irq_save();
	int none = -1;
	while (!__atomic_compare_exchange_n(
	    &graph_lock_cpu, &none, (int)cpu_id(), false, __ATOMIC_ACQUIRE,
	    __ATOMIC_RELAXED)) {
		none = -1;
		hal_cpu_relax();
	}
}

static void graph_unlock(irqflags_t flags)
{
	__atomic_store_n(&graph_lock_cpu, -1, __ATOMIC_RELEASE);
	hal_irq_restore(flags);
}

static struct lock_edge *edge_slot(unsigned a, unsigned b)
{
	unsigned h = (a * 31 + b) * 2654435761u;
	for (unsigned i = 0; i < MAX_EDGES; i++) {
		struct lock_edge *e = &edges[(h + i) & (MAX_EDGES - 1)];
		if (!e->from || (e->from == a + 1 && e->to == b + 1))
			return e;
	}
	return NULL;
}

/* Print the edge a -> b as one line of a chain. */
static void print_edge(unsigned a, unsigned b)
{
	char held[96], take[96];
	struct lock_edge *e = edge_slot(a, b);
	site(e && e->from ? e->held_pc : NULL, held, sizeof(held));
	site(e && e->from ? e->take_pc : NULL, take, sizeof(take));
	pr_err("    holding '%s' (taken at %s), took '%s' at %s (cpu %u)\n",
	       classes[a].name, held, classes[b].name, take,
	       e && e->from ? e->cpu : 0);
}

/* Breadth-first from `from` to `to` over the known edges; fills `via`
 * (each class's predecessor on the path) and returns whether it got
 * there.  Under graph_lock. */
static bool path_exists(unsigned from, unsigned to, u16 via[NC])
{
	static u16 queue[NC]; /* graph_lock makes these two ours */
	static u64 seen[NC / 64];
	unsigned head = 0, tail = 0;
	memset(seen, 0, sizeof(seen));
	queue[tail++] = (u16)from;
	seen[from / 64] |= 1ull << (from % 64);
	while (head < tail) {
		unsigned a = queue[head++];
		for (unsigned b = 0; b < NC; b++) {
			if (!known_edge(a, b) || (seen[b / 64] >> (b % 64)) & 1)
				continue;
			seen[b / 64] |= 1ull << (b % 64);
			via[b] = (u16)a;
			if (b == to)
				return true;
			queue[tail++] = (u16)b;
		}
	}
	return false;
}

static void report_abba(unsigned a, unsigned b, const struct held_lock *h,
			const void *pc, const u16 via[NC])
{
	char held[96], take[96];
	unsigned chain[NC], n = 0;
	site(h->pc, held, sizeof(held));
	site(pc, take, sizeof(take));
	__atomic_fetch_add(&lockcheck_reports, 1, __ATOMIC_RELAXED);
	pr_err("LOCKCHECK: possible ABBA deadlock: cpu %u takes '%s' while "
	       "holding '%s'\n",
	       cpu_id(), classes[b].name, classes[a].name);
	pr_err("  this chain, now:\n");
	pr_err("    holding '%s' (taken at %s), takes '%s' at %s (cpu %u)\n",
	       classes[a].name, held, classes[b].name, take, cpu_id());
	pr_err("  the other chain, seen before:\n");
	for (unsigned c = a; c != b && n < NC; c = via[c])
		chain[n++] = c; /* walked backwards: a, ..., after b */
	unsigned from = b;
	while (n--) {
		print_edge(from, chain[n]);
		from = chain[n];
	}
	pr_err("  two CPUs running one chain each can each hold the lock the "
	       "other waits for\n");
	report_end(classes[b].name, "closes a lock-order cycle (ABBA)");
}

static void report_order(struct lock_class *c, const struct held_lock *h,
			 spinlock_t *lock, const void *pc)
{
	char held[96], take[96];
	site(h->pc, held, sizeof(held));
	site(pc, take, sizeof(take));
	__atomic_fetch_add(&lockcheck_reports, 1, __ATOMIC_RELAXED);
	if (c->order)
		pr_err("LOCKCHECK: '%s' locks taken out of order (the rule: "
		       "%s): cpu %u holds #%u, takes #%u\n",
		       c->name, c->order, cpu_id(), h->lock->key, lock->key);
	else
		pr_err("LOCKCHECK: possible recursive locking: cpu %u takes a "
		       "'%s' lock while holding another one\n",
		       cpu_id(), c->name);
	pr_err("  holding #%u, taken at %s\n", h->lock->key, held);
	pr_err("  taking #%u at %s\n", lock->key, take);
	pr_err("  another CPU taking the same two in the other order would "
	       "wait for ever, as would this one\n");
	report_end(c->name, "is nested out of order");
}

/* The slow path: a pair of classes never seen nested before. */
static __noinline void new_edge(unsigned a, unsigned b,
				const struct held_lock *h, const void *pc)
{
	static u16 via[NC];
	irqflags_t flags;
	if (READ_ONCE(graph_lock_cpu) == (int)cpu_id())
		return; /* an NMI inside the validator: let it be */
	graph_lock(&flags);
	if (!known_edge(a, b)) {
		bool cycle = path_exists(b, a, via);
		struct lock_edge *e = edge_slot(a, b);
		if (e && !e->from)
			*e = (struct lock_edge){(u16)(a + 1), (u16)(b + 1),
						h->pc, pc, cpu_id()};
		__atomic_fetch_or(&known[a][b / 64], 1ull << (b % 64),
				  __ATOMIC_RELEASE);
		if (cycle)
			report_abba(a, b, h, pc, via);
	}
	graph_unlock(flags);
}

static void check_order(spinlock_t *lock, struct lock_class *c, const void *pc)
{
	struct spin_held *sh = &spin_held[cpu_id()];
	int depth = MIN(READ_ONCE(sh->depth), SPIN_HELD_MAX);
	unsigned b = class_nr(c);
	for (int i = 0; i < depth; i++) {
		const struct held_lock *h = &sh->held[i];
		struct lock_class *hc = READ_ONCE(h->lock->class);
		if (!hc || h->lock == lock)
			continue; /* recursion: spin_lock()'s own check says so
				   */
		if (hc == c) {
			if ((!c->order || h->lock->key >= lock->key) &&
			    claim(&c->order_reported))
				report_order(c, h, lock, pc);
			continue;
		}
		if (unlikely(!known_edge(class_nr(hc), b)))
			new_edge(class_nr(hc), b, h, pc);
	}
}

void lockcheck_acquire(spinlock_t *lock, const void *pc)
{
	struct lock_class *c = lock_class_of(lock);
	if (!c)
		return;
	check_irq_safety(c, pc);
	check_order(lock, c, pc);
}

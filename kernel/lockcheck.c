/*
 * kernel/lockcheck.c - the lock validator (lockcheck.h).
 *
 * The class table is filled without a lock (it is consulted from inside
 * spin_lock(), which cannot take a lock to do it): a slot is claimed by a
 * compare-and-swap of its name from NULL, and a class's two sites are set
 * the same way, so two CPUs learning the same fact at once agree on it.
 */
#include "kernel/lockcheck.h"
#include "kernel/hal.h"
#include "kernel/ksyms.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "lib/string.h"

#define MAX_CLASSES 256 /* a power of two */

static struct lock_class classes[MAX_CLASSES];
enum lockcheck_mode lockcheck_mode = LOCKCHECK_ON;
unsigned long lockcheck_reports;

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
	for (unsigned i = 0; i < MAX_CLASSES; i++) {
		struct lock_class *slot = &classes[(h + i) & (MAX_CLASSES - 1)];
		const char *expected = NULL;
		if (__atomic_compare_exchange_n(
			&slot->name, &expected, lock->name, false,
			__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) ||
		    expected == lock->name) {
			WRITE_ONCE(lock->class, slot);
			return slot;
		}
	}
	return NULL; /* full: this class goes unchecked */
}

/* Record `pc` as the first site of its kind, unless one is there. */
static void first_site(const void **site, const void *pc)
{
	const void *none = NULL;
	if (!READ_ONCE(*site))
		__atomic_compare_exchange_n(site, &none, pc, false,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

static void report_irq_unsafe(struct lock_class *c)
{
	char irq[96], on[96];
	ksym_format((u64)c->irq_site, irq, sizeof(irq));
	ksym_format((u64)c->irqs_on_site, on, sizeof(on));
	__atomic_fetch_add(&lockcheck_reports, 1, __ATOMIC_RELAXED);
	pr_err("LOCKCHECK: lock class '%s' is taken in interrupt handlers "
	       "and with interrupts on (cpu %u)\n",
	       c->name, cpu_id());
	pr_err("  in an interrupt handler, first at %s\n", irq);
	pr_err("  with interrupts on, first at %s\n", on);
	pr_err("  an interrupt that comes while this CPU holds it with "
	       "interrupts on spins on it for ever\n");
	hal_dump_stack();
	if (lockcheck_mode == LOCKCHECK_PANIC)
		panic("LOCKCHECK: lock class '%s' is irq-unsafe", c->name);
}

void lockcheck_acquire(spinlock_t *lock, const void *pc)
{
	struct lock_class *c = lock_class_of(lock);
	if (!c)
		return;
	if (in_interrupt())
		first_site(&c->irq_site, pc);
	else if (hal_irqs_enabled())
		first_site(&c->irqs_on_site, pc);
	else
		return; /* interrupts off, not in a handler: safe either way */
	if (unlikely(READ_ONCE(c->irq_site) && READ_ONCE(c->irqs_on_site) &&
		     !READ_ONCE(c->reported))) {
		bool no = false;
		if (__atomic_compare_exchange_n(&c->reported, &no, true, false,
						__ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED))
			report_irq_unsafe(c);
	}
}

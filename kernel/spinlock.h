/*
 * kernel/spinlock.h - ticket spinlocks.
 *
 * A ticket lock is a bakery queue: each CPU takes the next ticket
 * (`next`) and waits until `owner` reaches it, so CPUs get the lock in the
 * order they asked for it and nobody starves.  Unlocking is owner++.
 *
 * The rule that the 2.5.8 bug taught (see docs/): a lock that an interrupt
 * handler also takes must be held with interrupts off on this CPU, or the
 * handler spins forever on a lock its own CPU holds.  Use
 * spin_lock_irqsave() for those locks.
 *
 * Holding a spinlock keeps the task from being preempted (preempt.h): a
 * task switched out while holding one would leave every other task that
 * wants it spinning.
 *
 * Each lock also records who holds it (CPU and call site), and each CPU
 * which locks it holds and which one it is spinning on (spin_held), for
 * the lock validator (lockcheck.h), the watchdog, the monitor's `locks`
 * and gdb's `tern locks`.
 */
#ifndef TERN_KERNEL_SPINLOCK_H
#define TERN_KERNEL_SPINLOCK_H

#include "kernel/hal.h"
#include "kernel/panic.h"
#include "kernel/preempt.h"
#include "lib/compiler.h"

typedef struct spinlock {
	volatile u32 owner; /* ticket now being served */
	volatile u32 next;  /* next ticket to hand out */
	s32 holder_cpu;	    /* -1 when free */
	const char *name;
	const void *holder_pc;	  /* where it was taken */
	struct lock_class *class; /* lockcheck.h: found on first use */
	/* Immutable after init: for a class whose locks nest in an order,
	 * this lock's place in it and the rule in words (NULL: unordered). */
	u32 key;
	const char *order;
} spinlock_t;

#define SPINLOCK_INIT(n)                                                       \
	{                                                                      \
		.owner = 0, .next = 0, .holder_cpu = -1, .name = n,            \
		.holder_pc = 0, .class = 0, .key = 0, .order = 0               \
	}
#define DEFINE_SPINLOCK(x) spinlock_t x = SPINLOCK_INIT(#x)

/*
 * The locks a CPU holds, in the order it took them, and the one it is
 * waiting for.  Only that CPU writes its own entry (an interrupt on it
 * pushes and pops above what it interrupted); anyone may read it, racily,
 * to explain a hang.  16 deep is far more than Tern nests (3 at most).
 */
#define SPIN_HELD_MAX 16
struct held_lock {
	struct spinlock *lock;
	const void *pc; /* where it was taken */
	bool trylock;	/* taken by spin_trylock(): it never waited */
};
struct spin_held {
	int depth;
	struct held_lock held[SPIN_HELD_MAX];
	/* The lock spin_lock() is taking: set before the ticket is taken,
	 * cleared once the lock is in held[], so a taken lock is always
	 * accounted for.  NULL when not in spin_lock(). */
	struct spinlock *waiting_on;
	const void *waiting_pc;
	u64 waiting_since; /* hal_cycles() when the wait began; 0: not yet */
	/* the acquire an interrupt handler's acquire interrupted (ticket
	 * maybe taken, maybe served since, but not picked up until the
	 * handler ends) */
	struct spinlock *outer_waiting_on;
	const void *outer_waiting_pc;
};
extern struct spin_held spin_held[];

/*
 * The debug checks: taking a lock this CPU already holds (it would spin
 * forever; not under lockcheck=off, which lets it happen for the
 * watchdog to explain), and releasing a lock held by another CPU or by
 * nobody (always).  Each panics, naming the lock and where it was taken.  A
 * test that provokes one on purpose calls spin_debug_catch(true) first: the
 * violation is then counted, not fatal, and the faulty operation skipped.
 */
void spin_debug_catch(bool on);
unsigned spin_debug_caught(void);

/* For code that must run with interrupts off (it touches data that an
 * interrupt handler also touches, on this CPU). */
#define assert_irqs_disabled()                                                 \
	do {                                                                   \
		if (unlikely(hal_irqs_enabled()))                              \
			panic("%s:%d: interrupts must be off here", __FILE__,  \
			      __LINE__);                                       \
	} while (0)

/* Inline, so that a host program built around kernel files (the O(1)
 * benchmark's tools/bench/o1/env.c) gets them without spinlock.c. */
static inline void spin_lock_init(spinlock_t *lock, const char *name)
{
	*lock = (spinlock_t)SPINLOCK_INIT(name);
}

/* For a class whose locks may nest: two of them must be taken in
 * increasing `key` (the validator checks it); `rule` says so in words,
 * e.g. "lower CPU first". */
static inline void spin_lock_init_ordered(spinlock_t *lock, const char *name,
					  u32 key, const char *rule)
{
	spin_lock_init(lock, name);
	lock->key = key;
	lock->order = rule;
}

void spin_lock(spinlock_t *lock);
/* spin_lock() for a wrapper (rq_lock()): `pc` is the wrapper's caller, the
 * site recorded as the holder and shown by the lock validator. */
void spin_lock_at(spinlock_t *lock, const void *pc);
void spin_unlock(spinlock_t *lock);
bool spin_trylock(spinlock_t *lock);
bool spin_is_locked(const spinlock_t *lock);

static inline irqflags_t spin_lock_irqsave(spinlock_t *lock)
{
	irqflags_t flags = hal_irq_save();
	spin_lock(lock);
	return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *lock, irqflags_t flags)
{
	spin_unlock(lock);
	hal_irq_restore(flags);
	preempt_check_resched();
}

#endif

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
 * Each lock also records who holds it (CPU and call site), for the
 * watchdog, the debug checks and the gdb helpers.
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
} spinlock_t;

#define SPINLOCK_INIT(n)                                                       \
	{                                                                      \
		.owner = 0, .next = 0, .holder_cpu = -1, .name = n,            \
		.holder_pc = 0, .class = 0                                     \
	}
#define DEFINE_SPINLOCK(x) spinlock_t x = SPINLOCK_INIT(#x)

/*
 * The debug checks (always on): taking a lock this CPU already holds (it
 * would spin forever), and releasing a lock held by another CPU or by
 * nobody.  Each panics, naming the lock and where it was taken.  A test
 * that provokes one on purpose calls spin_debug_catch(true) first: the
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

void spin_lock_init(spinlock_t *lock, const char *name);
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

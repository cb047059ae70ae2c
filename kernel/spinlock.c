/*
 * kernel/spinlock.c - the ticket lock's slow path and its bookkeeping.
 */
#include "kernel/spinlock.h"
#include "kernel/percpu.h"

void spin_lock_init(spinlock_t *lock, const char *name)
{
	*lock = (spinlock_t)SPINLOCK_INIT(name);
}

void spin_lock(spinlock_t *lock)
{
	u16 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		hal_cpu_relax();
	lock->holder_cpu = cpu_id();
	lock->holder_pc = __builtin_return_address(0);
}

bool spin_trylock(spinlock_t *lock)
{
	u16 owner = __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);
	u16 expected = owner;
	/* Free means next == owner; take ticket `owner` if nobody else has. */
	if (!__atomic_compare_exchange_n(&lock->next, &expected,
					 (u16)(owner + 1), false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	lock->holder_cpu = cpu_id();
	lock->holder_pc = __builtin_return_address(0);
	return true;
}

void spin_unlock(spinlock_t *lock)
{
	lock->holder_cpu = -1;
	lock->holder_pc = 0;
	__atomic_store_n(&lock->owner, (u16)(lock->owner + 1),
			 __ATOMIC_RELEASE);
}

bool spin_is_locked(const spinlock_t *lock)
{
	return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&lock->next, __ATOMIC_RELAXED);
}

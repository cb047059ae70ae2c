/*
 * kernel/spinlock.c - the ticket lock and its debug checks.
 */
#include "kernel/spinlock.h"
#include "kernel/ksyms.h"
#include "kernel/lockcheck.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"

static bool catching;
static unsigned caught;

void spin_debug_catch(bool on)
{
	catching = on;
	caught = 0;
}

unsigned spin_debug_caught(void)
{
	return caught;
}

/* Report a misuse; returns only when a test is catching them. */
static void lock_bug(const spinlock_t *lock, const char *what, const void *pc)
{
	char where[96], held[96];
	ksym_format((u64)pc, where, sizeof(where));
	ksym_format((u64)lock->holder_pc, held, sizeof(held));
	if (catching) {
		caught++;
		return;
	}
	panic("spinlock %s: %s at %s (cpu %u; holder cpu %d, taken at %s)",
	      lock->name ? lock->name : "?", what, where, cpu_id(),
	      lock->holder_cpu, held);
}

void spin_lock_init(spinlock_t *lock, const char *name)
{
	*lock = (spinlock_t)SPINLOCK_INIT(name);
}

void spin_lock(spinlock_t *lock)
{
	spin_lock_at(lock, __builtin_return_address(0));
}

void spin_lock_at(spinlock_t *lock, const void *pc)
{
	if (likely(lockcheck_mode != LOCKCHECK_OFF))
		lockcheck_acquire(lock, pc);
	preempt_disable();
	/* Only this CPU ever writes its own number here, so the read is safe
	 * without the lock: if it says "me", it is me. */
	if (unlikely(READ_ONCE(lock->holder_cpu) == (s32)cpu_id())) {
		lock_bug(lock, "recursion (this CPU already holds it)", pc);
		preempt_enable_no_resched();
		return;
	}
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		hal_cpu_relax();
	if (unlikely(lock->holder_cpu != -1))
		lock_bug(lock,
			 "acquired while another CPU is recorded as its holder",
			 pc);
	lock->holder_cpu = (s32)cpu_id();
	lock->holder_pc = pc;
}

bool spin_trylock(spinlock_t *lock)
{
	u32 owner = __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);
	u32 expected = owner;
	preempt_disable();
	/* Free means next == owner; take ticket `owner` if nobody else has. */
	if (!__atomic_compare_exchange_n(&lock->next, &expected, owner + 1,
					 false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED)) {
		preempt_enable_no_resched();
		return false;
	}
	lock->holder_cpu = (s32)cpu_id();
	lock->holder_pc = __builtin_return_address(0);
	return true;
}

void spin_unlock(spinlock_t *lock)
{
	if (unlikely(!spin_is_locked(lock))) {
		lock_bug(lock, "unlocked while free (tickets all served)",
			 __builtin_return_address(0));
		return;
	}
	if (unlikely(lock->holder_cpu != (s32)cpu_id())) {
		lock_bug(lock,
			 lock->holder_cpu < 0
			     ? "unlocked but nobody holds it"
			     : "unlocked by a CPU that does not hold it",
			 __builtin_return_address(0));
		return;
	}
	lock->holder_cpu = -1;
	lock->holder_pc = 0;
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
	preempt_enable();
}

bool spin_is_locked(const spinlock_t *lock)
{
	return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&lock->next, __ATOMIC_RELAXED);
}

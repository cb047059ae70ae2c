/*
 * kernel/spinlock.c - the ticket lock and its debug checks.
 */
#include "kernel/spinlock.h"
#include "kernel/ksyms.h"
#include "kernel/lockcheck.h"
#include "kernel/percpu.h"
#include "kernel/trace.h"
#include "kernel/watchdog.h"

struct spin_held spin_held[NR_CPUS];

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

/*
 * Note a lock this CPU now holds.  The slot is claimed (depth++) before it
 * is written: an interrupt that comes in between pushes above it, never
 * into it.  Preemption is off (the lock holds it off).
 */
static void held_push(struct spin_held *h, spinlock_t *lock, const void *pc,
		      bool trylock)
{
	int d = h->depth;
	WRITE_ONCE(h->depth, d + 1);
	barrier();
	if (d < SPIN_HELD_MAX)
		h->held[d] = (struct held_lock){lock, pc, trylock};
}

/* Forget a lock this CPU releases (not always the last one taken:
 * double_rq_unlock() releases in any order). */
static void held_pop(spinlock_t *lock)
{
	struct spin_held *h = &spin_held[cpu_id()];
	int d = MIN(h->depth, SPIN_HELD_MAX);
	for (int i = d - 1; i >= 0; i--) {
		if (h->held[i].lock != lock)
			continue;
		for (int j = i; j < d - 1; j++)
			h->held[j] = h->held[j + 1];
		break;
	}
	barrier();
	WRITE_ONCE(h->depth, h->depth - 1);
}

void spin_lock(spinlock_t *lock)
{
	spin_lock_at(lock, __builtin_return_address(0));
}

/*
 * The slow path: wait for our ticket, asking the watchdog to look around
 * now and then: a CPU spinning with interrupts off has no timer tick left
 * to notice that it hangs.  How long we waited is written down for the
 * watchdog, the monitor and the debugger (which also see what we wait for:
 * spin_lock_at() wrote it down before taking the ticket).
 */
static __noinline void spin_wait(spinlock_t *lock, u32 ticket)
{
	u64 since = hal_cycles(), moved_at = since, credited = 0;
	u32 owner = __atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE);
	spin_held[cpu_id()].waiting_since = since;
	for (unsigned long n = 1; owner != ticket; n++) {
		hal_cpu_relax();
		u32 now_owner = __atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE);
		if (now_owner != owner) {
			/* The line moved: the wait so far was a queue making
			 * progress, not a lockup (watchdog_progress()). */
			u64 now = hal_cycles();
			credited += now - moved_at;
			watchdog_progress(now - moved_at);
			moved_at = now;
			owner = now_owner;
		}
		if (unlikely(!(n & 0xffff)))
			watchdog_spinning(since + credited);
	}
	trace_lock_wait(lock->name, hal_cycles() - since);
}

/*
 * Take the ticket and wait for it, then write `lock` down as held.  From
 * before the ticket is taken until the lock is in held[], this CPU's
 * spin_held says it is taking `lock` (waiting_on), so there is no moment
 * in which the lock is taken and nobody can tell by whom: an interrupt
 * that comes in between and spins on the same lock (the 2002 deadlock)
 * finds the interrupted acquire as its outer wait, and the watchdog names
 * it.  Leaves waiting_on NULL.
 */
static inline void take(spinlock_t *lock, const void *pc, unsigned cpu)
{
	struct spin_held *h = &spin_held[cpu];
	h->waiting_pc = pc;
	h->waiting_since = 0; /* not waiting yet: spin_wait() sets it */
	WRITE_ONCE(h->waiting_on, lock);
	barrier();
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);
	if (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		spin_wait(lock, ticket);
	if (unlikely(lock->holder_cpu != -1))
		lock_bug(lock,
			 "acquired while another CPU is recorded as its holder",
			 pc);
	lock->holder_cpu = (s32)cpu;
	lock->holder_pc = pc;
	held_push(h, lock, pc, false);
	barrier();
	WRITE_ONCE(h->waiting_on, NULL);
}

/*
 * take() from an interrupt handler that came while this CPU was itself
 * taking a lock: the interrupted acquire is kept as the outer wait while
 * ours runs, and given back after.  Only the outermost one is kept: an NMI
 * that reports a CPU spinning in a handler takes the console lock on top.
 */
static __noinline void take_nested(spinlock_t *lock, const void *pc,
				   unsigned cpu)
{
	struct spin_held *h = &spin_held[cpu];
	spinlock_t *outer = h->waiting_on;
	const void *outer_pc = h->waiting_pc;
	u64 outer_since = h->waiting_since;
	bool keep = !h->outer_waiting_on;
	if (keep) {
		h->outer_waiting_pc = outer_pc;
		WRITE_ONCE(h->outer_waiting_on, outer);
	}
	take(lock, pc, cpu);
	h->waiting_pc = outer_pc;
	h->waiting_since = outer_since;
	WRITE_ONCE(h->waiting_on, outer);
	if (keep)
		WRITE_ONCE(h->outer_waiting_on, NULL);
}

void spin_lock_at(spinlock_t *lock, const void *pc)
{
	preempt_disable(); /* first: the held locks read are this CPU's */
	if (likely(lockcheck_mode != LOCKCHECK_OFF))
		lockcheck_acquire(lock, pc);
	/* Only this CPU ever writes its own number here, so the read is safe
	 * without the lock: if it says "me", it is me.  Under lockcheck=off
	 * the CPU is let deadlock against itself, for the watchdog to explain
	 * (the bug museum's exhibits need the real thing). */
	unsigned cpu = cpu_id();
	if (unlikely(READ_ONCE(lock->holder_cpu) == (s32)cpu) &&
	    lockcheck_mode != LOCKCHECK_OFF) {
		lock_bug(lock, "recursion (this CPU already holds it)", pc);
		preempt_enable_no_resched();
		return;
	}
	if (unlikely(READ_ONCE(spin_held[cpu].waiting_on)))
		take_nested(lock, pc, cpu);
	else
		take(lock, pc, cpu);
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
	held_push(&spin_held[cpu_id()], lock, lock->holder_pc, true);
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
	held_pop(lock);
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

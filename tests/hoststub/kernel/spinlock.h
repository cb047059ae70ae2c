/* tests/hoststub/kernel/spinlock.h - a lock that only checks its use. */
#ifndef TERN_KERNEL_SPINLOCK_H
#define TERN_KERNEL_SPINLOCK_H
#include "kernel/panic.h"

typedef unsigned long irqflags_t;
typedef struct spinlock {
	int held;
	const char *name;
} spinlock_t;
#define SPINLOCK_INIT(n)                                                       \
	{                                                                      \
		.held = 0, .name = n                                           \
	}

static inline void spin_lock_init(spinlock_t *l, const char *name)
{
	l->held = 0;
	l->name = name;
}
static inline irqflags_t spin_lock_irqsave(spinlock_t *l)
{
	BUG_ON(l->held); /* one thread: taking it twice is a bug */
	l->held = 1;
	return 0;
}
static inline void spin_unlock_irqrestore(spinlock_t *l, irqflags_t f)
{
	(void)f;
	BUG_ON(!l->held);
	l->held = 0;
}
#endif

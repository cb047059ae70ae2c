/*
 * kernel/museum.h - the bug museum: real bugs, switched back on.
 *
 * `bug=NAME` brings back one bug from kernel history into the real code
 * paths (each place is marked with museum_on(BUG_...)), and starts what
 * makes it happen soon.  Then the lock validator (lockcheck.h) and the
 * watchdog (watchdog.h) show how each is caught.  `bug=list` names them;
 * docs/museum.md tells each one's story and reads its reports line by
 * line.
 */
#ifndef TERN_KERNEL_MUSEUM_H
#define TERN_KERNEL_MUSEUM_H

#include "lib/compiler.h"

enum museum_bug {
	BUG_NONE,
	BUG_MIGRATION_IRQ,	     /* 2.5.8: double_rq_lock, interrupts on */
	BUG_MIGRATION_INIT_BALANCER, /* 2.5.8: migration_init needs balancing */
	BUG_ABBA,		     /* two locks, opposite orders */
	BUG_LOST_WAKEUP,	     /* condition tested before the state set */
	BUG_RQ_ORDER,		     /* two runqueue locks, own CPU's first */
};

/* Which one is on; set once at boot (museum_init()), read anywhere. */
extern enum museum_bug museum_bug;

static inline bool museum_on(enum museum_bug b)
{
	return unlikely(museum_bug == b);
}

/* Read `bug=` (boot, before the migration threads start). */
void museum_init(void);
/* Start the exhibit's threads, once boot is complete (init thread). */
void museum_start(void);

#endif

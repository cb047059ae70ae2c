/*
 * kernel/lockcheck.h - a lock validator that learns, after Linux's lockdep.
 *
 * Every spinlock belongs to a class: the name it was initialised with
 * (DEFINE_SPINLOCK(x) names it "x", spin_lock_init(&l, "runqueue") names
 * all runqueue locks one class).  The validator learns two things about
 * classes as the kernel runs, and reports the first time what it has
 * learnt adds up to a deadlock that can happen - long before it does:
 *
 * 1. Interrupt safety.  For each class, the first place it was taken
 *    inside an interrupt handler and the first place it was taken with
 *    interrupts on.  A class that has both will one day be held with
 *    interrupts on when the interrupt comes, and the handler spins for
 *    ever on a lock its own CPU holds: the 2002 deadlock of the migration
 *    thread and scheduler_tick().
 *
 *      LOCKCHECK: lock class 'NAME' is taken in interrupt handlers and
 *                 with interrupts on (cpu N)
 *        in an interrupt handler, first at FUNCTION+OFFSET
 *        with interrupts on, first at FUNCTION+OFFSET
 *
 * 2. Lock order.  For each pair of classes, the first time B was taken
 *    while A was held (an edge A -> B of a graph).  A new edge that closes
 *    a cycle (B -> ... -> A already known, now A -> B) means two CPUs, each
 *    running one of the chains, can each hold what the other waits for:
 *
 *      LOCKCHECK: possible ABBA deadlock: cpu N takes 'B' while holding 'A'
 *        and the two chains, each edge with the sites that made it.
 *
 *    Two locks of one class nested are an edge from the class to itself:
 *    allowed only for a class that orders its locks by a key
 *    (spin_lock_init_ordered(): runqueues and timer bases, "lower CPU
 *    first"), and then only in increasing key order.
 *
 * Linux's runqueue rules in kernel/sched.c (interrupts off; lower CPU
 * first) are nothing but these two rules applied to the class 'runqueue':
 * scheduler_tick() takes it in every timer interrupt, so taking it once
 * with interrupts on is reported; and it is ordered by CPU.
 *
 * `lockcheck=on` (the default) reports each fact once and goes on,
 * `lockcheck=panic` stops the machine at the first report, `lockcheck=off`
 * checks nothing.  The check on each lock is allocation-free: a class
 * lookup cached in the lock, and per lock already held one bit test in a
 * fixed 256 x 256 bitmap.  Only a pair never seen before takes the slow
 * path (a search of the graph, under a lock of the validator's own).
 */
#ifndef TERN_KERNEL_LOCKCHECK_H
#define TERN_KERNEL_LOCKCHECK_H

#include "lib/compiler.h"

struct spinlock;

#define LOCKCHECK_MAX_CLASSES 256 /* a power of two */

struct lock_class {
	const char *name;	  /* its key: the pointer, not the text */
	const char *order;	  /* for a class ordered by key: the rule */
	const void *irq_site;	  /* first taken in an interrupt handler */
	const void *irqs_on_site; /* first taken with interrupts on */
	bool reported;		  /* its irq-safety report was made */
	bool order_reported;	  /* its same-class order report was made */
};

enum lockcheck_mode { LOCKCHECK_ON, LOCKCHECK_OFF, LOCKCHECK_PANIC };
extern enum lockcheck_mode lockcheck_mode;
/* Reports made so far (tests compare it before and after). */
extern unsigned long lockcheck_reports;

/* Read `lockcheck=` (after the command line is parsed). */
void lockcheck_init(void);
/*
 * Called by spin_lock() on this CPU before it waits for `lock`, with the
 * locks this CPU holds in spin_held (spinlock.h): learn, and report.  Any
 * context; interrupts as the caller has them.
 */
void lockcheck_acquire(struct spinlock *lock, const void *pc);
/* The class of a lock (NULL if the table is full or it has no name). */
struct lock_class *lock_class_of(struct spinlock *lock);
/* Has `b` been taken while `a` was held (directly), for the tests? */
bool lockcheck_knows_order(struct lock_class *a, struct lock_class *b);

#endif

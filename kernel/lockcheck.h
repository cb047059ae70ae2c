/*
 * kernel/lockcheck.h - a lock validator that learns, after Linux's lockdep.
 *
 * Every spinlock belongs to a class: the name it was initialised with
 * (DEFINE_SPINLOCK(x) names it "x", spin_lock_init(&l, "runqueue") names
 * all runqueue locks one class).  For each class the validator writes down
 * the first place it was taken inside an interrupt handler and the first
 * place it was taken with interrupts on.  A class that has both is a
 * deadlock waiting for its moment: hold it with interrupts on, let the
 * interrupt come on the same CPU, and the handler spins on a lock its own
 * CPU holds - the 2002 deadlock of the migration thread and
 * scheduler_tick().  The validator says so the first time both have been
 * seen, long before the two ever meet:
 *
 *   LOCKCHECK: lock class 'NAME' is taken in interrupt handlers and with
 * interrupts on in an interrupt handler, first at FUNCTION+OFFSET with
 * interrupts on, first at FUNCTION+OFFSET (and a backtrace of the moment it
 * noticed)
 *
 * `lockcheck=on` (the default) reports each class once and goes on,
 * `lockcheck=panic` stops the machine at the first report, `lockcheck=off`
 * checks nothing.
 */
#ifndef TERN_KERNEL_LOCKCHECK_H
#define TERN_KERNEL_LOCKCHECK_H

#include "lib/compiler.h"

struct spinlock;

struct lock_class {
	const char *name;	  /* its key: the pointer, not the text */
	const void *irq_site;	  /* first taken in an interrupt handler */
	const void *irqs_on_site; /* first taken with interrupts on */
	bool reported;
};

enum lockcheck_mode { LOCKCHECK_ON, LOCKCHECK_OFF, LOCKCHECK_PANIC };
extern enum lockcheck_mode lockcheck_mode;
/* Reports made so far (tests compare it before and after). */
extern unsigned long lockcheck_reports;

/* Read `lockcheck=` (after the command line is parsed). */
void lockcheck_init(void);
/* Called by spin_lock() before it waits: learn, and report. */
void lockcheck_acquire(struct spinlock *lock, const void *pc);
/* The class of a lock (NULL if the table is full or it has no name). */
struct lock_class *lock_class_of(struct spinlock *lock);

#endif

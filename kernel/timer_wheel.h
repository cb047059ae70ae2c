/*
 * kernel/timer_wheel.h - one CPU's pending timers, sorted by expiry at a
 * cost that does not grow with their number.  The data structure alone:
 * no locks, no per-CPU data, so it compiles on the host too
 * (tests/test_timer.c).  kernel/timer.c puts one in each CPU's timer base,
 * under that base's lock.
 *
 * Linux 2.4/2.5's hierarchical timer wheel.  The wheel has a clock, the
 * next jiffy it will run (every jiffy before it has been run), and five
 * levels of slots, each slot a list of timers in no order:
 *
 *   level 0 (tv1): 256 slots of 1 jiffy     timers due in [clock, +256)
 *   level 1 (tv2):  64 slots of 2^8 jiffies  due in [+2^8, +2^14)
 *   level 2 (tv3):  64 slots of 2^14         due in [+2^14, +2^20)
 *   level 3 (tv4):  64 slots of 2^20         due in [+2^20, +2^26)
 *   level 4 (tv5):  64 slots of 2^26         due in [+2^26, +2^32)
 *
 * A timer goes into the level its distance from the clock falls in, at the
 * slot named by the bits of its *expiry* for that level (expires >> 8 &
 * 63 for tv2, ...): O(1), no search.  Running jiffy j empties tv1 slot
 * j & 255 onto the `expired` list.  When the clock's low 8 bits come back
 * to 0, the next tv2 slot holds exactly the timers due in the next 256
 * jiffies: they are *cascaded* - re-added, which drops each into its tv1
 * slot - and when tv2 wraps the same happens one level up, and so on.  A
 * timer is moved at most four times in its life, so the cost per tick is
 * O(1) however many timers wait, amortized over the 256 ticks between
 * cascades.  (A slot of a higher level is reached again only after every
 * slot of that level: the distance bounds above are what make sure a timer
 * is never put in a slot whose turn has just passed.)
 *
 * Time is unsigned and wraps: every comparison is on the signed
 * difference, so a wheel works across jiffies' wrap-around, and "the past"
 * is anything up to 2^63 behind the clock.  An expiry in the past goes
 * into the slot of the clock itself (it runs at the next jiffy run).  One
 * more than 2^32 - 1 jiffies ahead is filed as if 2^32 - 1 ahead, and
 * re-filed by the cascade that reaches it, until it is near.
 *
 * Skipping empty jiffies.  A CPU may run its timers rarely (lost ticks:
 * kernel/time.h) and must then run every jiffy it missed.  A bitmap says
 * which tv1 slots may hold a timer (set when one is added, cleared when
 * the slot is run), so the clock jumps straight to the next such slot or
 * the next cascade: catching up on n jiffies costs about n / 256 steps
 * plus one per timer that is due.
 */
#ifndef TERN_KERNEL_TIMER_WHEEL_H
#define TERN_KERNEL_TIMER_WHEEL_H

#include "kernel/timer.h"
#include "lib/list.h"

#define TVR_BITS   8
#define TVN_BITS   6
#define TVR_SIZE   (1 << TVR_BITS) /* 256 */
#define TVN_SIZE   (1 << TVN_BITS) /* 64 */
#define TVR_MASK   (TVR_SIZE - 1)
#define TVN_MASK   (TVN_SIZE - 1)
#define TVN_LEVELS 4 /* tv2..tv5 */
/* The farthest a timer is filed: 2^32 - 1 jiffies past the clock. */
#define WHEEL_MAX_AHEAD ((1UL << (TVR_BITS + TVN_LEVELS * TVN_BITS)) - 1)

/*
 * The wheel has no lock of its own: every field is guarded by whatever
 * serialises its owner - in the kernel the lock of the CPU's timer base
 * (kernel/timer.c, taken with interrupts off), in the host tests their one
 * thread.  One read goes without it: timer_pending_here() peeks at
 * `count` (READ_ONCE) on the owning CPU, to decide whether its tick may
 * stop (nohz.c).  That is safe because a timer is filed only on the wheel
 * of the CPU that adds it, or of the CPU running its function right now:
 * never on an idle CPU's wheel behind its back.
 */
struct timer_wheel {
	unsigned long clock; /* the next jiffy to run; all before it ran */
	/* Timers in the slots and on `expired` (pending timers, as
	 * timer.h calls them). */
	unsigned long count;
	unsigned long cascaded; /* timers moved down a level, ever */
	/* Due now: the timers of jiffy clock - 1, in the order they are to
	 * run.  The caller takes them off one at a time. */
	struct list_head expired;
	/* Bit i clear: tv1[i] is certainly empty.  Set: it may hold timers
	 * (a deleted timer does not clear it; running the slot does). */
	unsigned long tv1_map[TVR_SIZE / (8 * sizeof(unsigned long))];
	struct list_head tv1[TVR_SIZE];
	struct list_head tvn[TVN_LEVELS][TVN_SIZE];
};

/* An empty wheel whose next jiffy to run is `clock`. */
void wheel_init(struct timer_wheel *w, unsigned long clock);

/* File t (not on any list) by t->expires. */
void wheel_add(struct timer_wheel *w, struct timer *t);

/* Take t (filed in w, or on w->expired) off. */
void wheel_del(struct timer_wheel *w, struct timer *t);

/*
 * The next timer due at or before jiffy `now`, taken off the wheel (no
 * longer counted), or NULL when none is: first the rest of `expired`,
 * then the jiffies from the clock up to `now`, one after another, each
 * with its cascade.  On NULL the clock is now + 1 (unless it was already
 * past now).  The timer returned belongs to jiffy w->clock - 1.
 */
struct timer *wheel_next_expired(struct timer_wheel *w, unsigned long now);

#endif

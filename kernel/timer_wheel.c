/*
 * kernel/timer_wheel.c - the hierarchical timer wheel (see timer_wheel.h
 * for how it works and why it costs O(1) per tick).
 *
 * Nothing here locks: the caller holds whatever protects the wheel.
 */
#include "kernel/timer_wheel.h"

#define LONG_BITS (8 * sizeof(unsigned long))

/* a is after b, on a clock that wraps */
static bool after_eq(unsigned long a, unsigned long b)
{
	return (long)(a - b) >= 0;
}

void wheel_init(struct timer_wheel *w, unsigned long clock)
{
	w->clock = clock;
	w->count = 0;
	w->cascaded = 0;
	INIT_LIST_HEAD(&w->expired);
	for (unsigned i = 0; i < ARRAY_SIZE(w->tv1_map); i++)
		w->tv1_map[i] = 0;
	for (unsigned i = 0; i < TVR_SIZE; i++)
		INIT_LIST_HEAD(&w->tv1[i]);
	for (unsigned l = 0; l < TVN_LEVELS; l++)
		for (unsigned i = 0; i < TVN_SIZE; i++)
			INIT_LIST_HEAD(&w->tvn[l][i]);
}

static void tv1_add(struct timer_wheel *w, unsigned slot, struct timer *t)
{
	w->tv1_map[slot / LONG_BITS] |= 1UL << (slot % LONG_BITS);
	list_add_tail(&t->node, &w->tv1[slot]);
}

/* The slot list for t by its distance from the clock (timer_wheel.h). */
static void file_timer(struct timer_wheel *w, struct timer *t)
{
	unsigned long expires = t->expires;
	unsigned long ahead = expires - w->clock;

	if ((long)ahead < 0) { /* in the past: run with the next jiffy */
		tv1_add(w, w->clock & TVR_MASK, t);
		return;
	}
	if (ahead < TVR_SIZE) {
		tv1_add(w, expires & TVR_MASK, t);
		return;
	}
	if (ahead > WHEEL_MAX_AHEAD) /* re-filed when its slot cascades */
		expires = w->clock + WHEEL_MAX_AHEAD;
	unsigned level = 0;
	unsigned shift = TVR_BITS;
	while (ahead >= 1UL << (shift + TVN_BITS) && level < TVN_LEVELS - 1) {
		level++;
		shift += TVN_BITS;
	}
	list_add_tail(&t->node, &w->tvn[level][(expires >> shift) & TVN_MASK]);
}

void wheel_add(struct timer_wheel *w, struct timer *t)
{
	file_timer(w, t);
	w->count++;
}

void wheel_del(struct timer_wheel *w, struct timer *t)
{
	list_del_init(&t->node);
	w->count--;
}

/*
 * The clock's low 8 bits are 0: re-file the next tv2 slot's timers, which
 * are due within 256 jiffies, into tv1; when tv2 wraps, the next tv3
 * slot's into tv2 (and tv1), and so on up.
 */
static void cascade(struct timer_wheel *w)
{
	unsigned shift = TVR_BITS;
	for (unsigned level = 0; level < TVN_LEVELS; level++) {
		unsigned slot = (w->clock >> shift) & TVN_MASK;
		struct list_head todo;
		INIT_LIST_HEAD(&todo);
		list_splice_tail_init(&w->tvn[level][slot], &todo);
		while (!list_empty(&todo)) {
			struct timer *t =
			    list_first_entry(&todo, struct timer, node);
			list_del_init(&t->node);
			file_timer(w, t);
			w->cascaded++;
		}
		if (slot != 0)
			break;
		shift += TVN_BITS;
	}
}

/* The first tv1 slot from `slot` on, up to the end of tv1, whose bit is
 * set; TVR_SIZE if none is. */
static unsigned next_busy_slot(const struct timer_wheel *w, unsigned slot)
{
	unsigned i = slot / LONG_BITS;
	unsigned long word = w->tv1_map[i] & (~0UL << (slot % LONG_BITS));
	for (;;) {
		if (word)
			return i * LONG_BITS + (unsigned)__builtin_ctzl(word);
		if (++i == ARRAY_SIZE(w->tv1_map))
			return TVR_SIZE;
		word = w->tv1_map[i];
	}
}

/*
 * Move the clock on from its jiffy towards `now`, until a jiffy whose
 * timers it moved to `expired`, or past `now`.  Each loop turn runs one
 * jiffy, or jumps over empty ones (never over a cascade).
 */
static void advance(struct timer_wheel *w, unsigned long now)
{
	while (list_empty(&w->expired) && after_eq(now, w->clock)) {
		unsigned slot = w->clock & TVR_MASK;
		if (slot == 0)
			cascade(w);
		unsigned busy = next_busy_slot(w, slot);
		if (busy != slot) {
			/* empty jiffies up to the busy slot, the next cascade
			 * (busy == 256), or past now - whichever is first */
			unsigned long skip = busy - slot;
			if (skip > now - w->clock)
				skip = now - w->clock + 1;
			w->clock += skip;
			continue;
		}
		w->tv1_map[slot / LONG_BITS] &= ~(1UL << (slot % LONG_BITS));
		list_splice_tail_init(&w->tv1[slot], &w->expired);
		w->clock++;
	}
}

struct timer *wheel_next_expired(struct timer_wheel *w, unsigned long now)
{
	advance(w, now);
	if (list_empty(&w->expired))
		return NULL;
	struct timer *t = list_first_entry(&w->expired, struct timer, node);
	wheel_del(w, t);
	return t;
}

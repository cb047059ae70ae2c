/*
 * tests/test_timer.c - host tests for kernel/timer_wheel.c, the timer
 * wheel of each CPU.
 *
 * The property checked, against a plain model (an array of timers and the
 * jiffy each must run at), through random adds, deletes, re-adds and
 * clock jumps of every size: a timer runs exactly once, at exactly its
 * expiry - or, if that was already past when it was added, at the next
 * jiffy the wheel runs - never early, never missed, never twice, in order
 * of jiffy; and the count of pending timers is always right.  Also across
 * jiffies' wrap-around, and for expiries beyond the wheel's 2^32 jiffies.
 */
#include "tests/test_common.h"

#include "kernel/timer_wheel.h"

static void no_fn(void *arg)
{
	(void)arg;
}

/* The model: for each timer, whether it is pending and when it must run. */
#define NT 1500
static struct timer timers[NT];
static bool pending[NT];
static unsigned long due[NT]; /* the jiffy it must run at */
static unsigned runs[NT];

static struct timer_wheel wheel; /* 8 KiB: not on the stack */

static void model_reset(unsigned long clock)
{
	wheel_init(&wheel, clock);
	for (unsigned i = 0; i < NT; i++) {
		INIT_LIST_HEAD(&timers[i].node);
		timers[i].fn = no_fn;
		timers[i].cpu = -1;
		pending[i] = false;
		runs[i] = 0;
	}
}

static bool before(unsigned long a, unsigned long b)
{
	return (long)(a - b) < 0;
}

static void model_add(unsigned i, unsigned long expires)
{
	assert_false(pending[i]);
	timers[i].expires = expires;
	wheel_add(&wheel, &timers[i]);
	pending[i] = true;
	/* in the past: the next jiffy the wheel runs, which is its clock */
	due[i] = before(expires, wheel.clock) ? wheel.clock : expires;
}

static void model_del(unsigned i)
{
	assert_true(pending[i]);
	wheel_del(&wheel, &timers[i]);
	pending[i] = false;
}

static unsigned long model_count(void)
{
	unsigned long n = 0;
	for (unsigned i = 0; i < NT; i++)
		n += pending[i];
	return n;
}

/*
 * Run the wheel up to `now`, as run_timers() does.  Each timer that comes
 * out must be pending and due at exactly the jiffy it comes out at, the
 * jiffies must not go backwards, and afterwards no pending timer may be
 * due at or before now.  `rearm`: every other timer that runs is started
 * again from "inside its fn", some in the past, some within now.
 */
static void model_run(unsigned long now, u64 *rng, bool rearm)
{
	unsigned long last = wheel.clock - 1;
	struct timer *t;
	while ((t = wheel_next_expired(&wheel, now))) {
		unsigned i = (unsigned)(t - timers);
		unsigned long jiffy = wheel.clock - 1;
		assert_true(i < NT);
		assert_true(pending[i]);
		assert_true(jiffy == due[i]);
		assert_false(before(jiffy, last));
		assert_false(before(now, jiffy));
		assert_true(timer_pending(t) == false);
		last = jiffy;
		pending[i] = false;
		runs[i]++;
		if (rearm && rng_below(rng, 2))
			model_add(i, jiffy - 3 + rng_below(rng, 8));
		assert_int_equal(wheel.count, model_count());
	}
	/* the next jiffy to run is the one after now, not later: a timer
	 * added for it must not be taken for one in the past */
	assert_true(wheel.clock == now + 1);
	for (unsigned i = 0; i < NT; i++)
		if (pending[i])
			assert_true(before(now, due[i]));
	assert_int_equal(wheel.count, model_count());
}

/* An expiry at a random distance: the past, each level of the wheel,
 * beyond it. */
static unsigned long random_expiry(u64 *rng)
{
	unsigned long c = wheel.clock;
	switch (rng_below(rng, 8)) {
	case 0:
		return c - rng_below(rng, 1000); /* past, or now */
	case 1:
	case 2:
		return c + rng_below(rng, 256);
	case 3:
		return c + rng_below(rng, 1UL << 14);
	case 4:
		return c + rng_below(rng, 1UL << 20);
	case 5:
		return c + rng_below(rng, 1UL << 26);
	case 6:
		return c + rng_below(rng, 1UL << 32);
	default:
		return c + (1UL << 32) + rng_below(rng, 1UL << 30);
	}
}

/* A clock jump as a CPU sees it: one tick, a few lost, a long stall. */
static unsigned long random_step(u64 *rng)
{
	switch (rng_below(rng, 10)) {
	case 0:
		return 0; /* jiffies has not moved since the last run */
	case 1:
	case 2:
	case 3:
	case 4:
		return 1;
	case 5:
	case 6:
		return 1 + rng_below(rng, 10);
	case 7:
		return rng_below(rng, 600);
	case 8:
		return rng_below(rng, 1UL << 16);
	default:
		return rng_below(rng, 1UL << 24);
	}
}

/* Random adds, deletes, moves and runs from `start`; ends by running the
 * wheel far enough for every timer to have run. */
static void random_workout(unsigned long start, u64 seed, unsigned rounds)
{
	u64 rng = seed;
	model_reset(start);
	unsigned long now = start - 1; /* the wheel has run nothing yet */
	for (unsigned r = 0; r < rounds; r++) {
		for (unsigned k = 0; k < 20; k++) {
			unsigned i = (unsigned)rng_below(&rng, NT);
			if (!pending[i])
				model_add(i, random_expiry(&rng));
			else if (rng_below(&rng, 3) == 0)
				model_del(i);
			else { /* mod_timer: move it */
				model_del(i);
				model_add(i, random_expiry(&rng));
			}
		}
		assert_int_equal(wheel.count, model_count());
		now += random_step(&rng);
		model_run(now, &rng, r % 2);
	}
	/* every timer still pending is due within 2^33 jiffies */
	now += 1UL << 33;
	model_run(now, &rng, false);
	assert_int_equal(wheel.count, 0);
	assert_int_equal(model_count(), 0);
}

static void wheel_runs_each_timer_once_at_its_jiffy(void **state)
{
	(void)state;
	random_workout(1000, 12345, 3000);
}

static void wheel_works_across_jiffies_wraparound(void **state)
{
	(void)state;
	/* the clock wraps from ~0UL to 0 within the first few hundred
	 * rounds, and every cascade level's slot index with it */
	random_workout(~0UL - 70000, 777, 3000);
	random_workout(~0UL - 3, 4242, 500);
}

/* Timers added in one order, with expiries in another, all past due
 * after a long stall: they come out in order of expiry. */
static void wheel_catches_up_in_order_after_a_stall(void **state)
{
	(void)state;
	u64 rng = 5;
	model_reset(300);
	for (unsigned i = 0; i < 1000; i++)
		model_add(i, 300 + 1 + rng_below(&rng, 5000));
	/* one run after 6000 lost jiffies: model_run() checks the order */
	model_run(300 + 6000, &rng, false);
	assert_int_equal(wheel.count, 0);
	for (unsigned i = 0; i < 1000; i++)
		assert_int_equal(runs[i], 1);
}

/* Each level's first and last jiffy, and beyond the wheel: exact, from
 * clocks at several places in their 256-jiffy round (far ones from one:
 * the wheel takes 2^24 steps to get there). */
static void wheel_level_edges_are_exact(void **state)
{
	(void)state;
	static const unsigned long ahead[] = {0,
					      1,
					      255,
					      256,
					      257,
					      (1UL << 14) - 1,
					      1UL << 14,
					      (1UL << 20) - 1,
					      1UL << 20,
					      (1UL << 26) - 1,
					      1UL << 26,
					      WHEEL_MAX_AHEAD,
					      (1UL << 32) + 1,
					      (1UL << 33) + 12345};
	for (unsigned k = 0; k < ARRAY_SIZE(ahead); k++)
		for (unsigned long start = 3; start < 600; start += 97) {
			u64 rng = 1;
			model_reset(start);
			model_add(0, start + ahead[k]);
			/* run up to one jiffy before, then to it */
			if (ahead[k] > 0) {
				model_run(start + ahead[k] - 1, &rng, false);
				assert_int_equal(runs[0], 0);
			}
			model_run(start + ahead[k], &rng, false);
			assert_int_equal(runs[0], 1);
			if (ahead[k] >= 1UL << 26)
				break;
		}
}

/* Deleting a timer that is due but not yet taken (it waits on
 * `expired` while the caller runs another) keeps it from running. */
static void wheel_delete_while_due(void **state)
{
	(void)state;
	model_reset(10);
	model_add(0, 20);
	model_add(1, 20);
	model_add(2, 20);
	struct timer *t = wheel_next_expired(&wheel, 25);
	assert_ptr_equal(t, &timers[0]);
	assert_int_equal(wheel.count, 2);
	wheel_del(&wheel, &timers[1]); /* a del_timer() during fn */
	assert_ptr_equal(wheel_next_expired(&wheel, 25), &timers[2]);
	assert_null(wheel_next_expired(&wheel, 25));
	assert_int_equal(wheel.count, 0);
	assert_true(wheel.clock == 26);
}

/* A cascade moves each timer one level down at most once per level. */
static void wheel_cascades_at_most_four_times(void **state)
{
	(void)state;
	u64 rng = 9;
	model_reset(0);
	for (unsigned i = 0; i < NT; i++)
		model_add(i, 1 + rng_below(&rng, 1UL << 32));
	model_run(1UL << 32, &rng, false);
	for (unsigned i = 0; i < NT; i++)
		assert_int_equal(runs[i], 1);
	assert_true(wheel.cascaded <= 4UL * NT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(wheel_runs_each_timer_once_at_its_jiffy),
	    cmocka_unit_test(wheel_works_across_jiffies_wraparound),
	    cmocka_unit_test(wheel_catches_up_in_order_after_a_stall),
	    cmocka_unit_test(wheel_level_edges_are_exact),
	    cmocka_unit_test(wheel_delete_while_due),
	    cmocka_unit_test(wheel_cascades_at_most_four_times),
	};
	return run_suite("timer", tests);
}

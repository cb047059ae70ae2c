/*
 * tests/test_tick.c - host tests for kernel/tick_calc.c: how many ticks
 * have passed, from the cycle counter, when timer interrupts come late,
 * early, or not at all.
 *
 * The properties checked, whatever the order and timing of the interrupts:
 * every whole tick of cycle-counter time is accounted exactly once (the sum
 * is floor(elapsed / cycles_per_tick)), the stamp never moves back or past
 * `now`, and the remainder is never lost.
 */
#include "tests/test_common.h"

#include "kernel/tick_calc.h"

/* --- cycles_per_tick --------------------------------------------------- */

static void cycles_per_tick_divides_a_millisecond(void **state)
{
	(void)state;
	assert_int_equal(cycles_per_tick(2000000, 1000), 2000000);
	assert_int_equal(cycles_per_tick(2000000, 100), 20000000);
	assert_int_equal(cycles_per_tick(2000000, 250), 8000000);
	assert_int_equal(cycles_per_tick(2000000, 10000), 200000);
	/* rounded down: 8,666,666.67 cycles */
	assert_int_equal(cycles_per_tick(2600000, 300), 8666666);
	/* never 0, whatever the counter's rate */
	assert_int_equal(cycles_per_tick(1, 10000), 1);
	assert_int_equal(cycles_per_tick(0, 1000), 1);
	assert_int_equal(cycles_per_tick(5, 0), 5000);
}

/* --- ticks_elapsed ------------------------------------------------------ */

static void ticks_elapsed_keeps_the_remainder(void **state)
{
	(void)state;
	u64 stamp = 1000;
	assert_int_equal(ticks_elapsed(&stamp, 1000, 100), 0);
	assert_int_equal(stamp, 1000);
	assert_int_equal(ticks_elapsed(&stamp, 1099, 100), 0); /* early */
	assert_int_equal(stamp, 1000);
	assert_int_equal(ticks_elapsed(&stamp, 1100, 100), 1);
	assert_int_equal(stamp, 1100);
	/* late: two and a half ticks; the half stays for next time */
	assert_int_equal(ticks_elapsed(&stamp, 1350, 100), 2);
	assert_int_equal(stamp, 1300);
	assert_int_equal(ticks_elapsed(&stamp, 1400, 100), 1);
	assert_int_equal(stamp, 1400);
	/* a long silence: all of it at once */
	assert_int_equal(ticks_elapsed(&stamp, 1400 + 100 * 5000 + 99, 100),
			 5000);
	assert_int_equal(stamp, 1400 + 100 * 5000);
}

static void ticks_elapsed_never_moves_back(void **state)
{
	(void)state;
	u64 stamp = 5000;
	/* a cycle counter a little behind (another CPU's): no time at all */
	assert_int_equal(ticks_elapsed(&stamp, 4990, 100), 0);
	assert_int_equal(stamp, 5000);
	assert_int_equal(ticks_elapsed(&stamp, 0, 100), 0);
	assert_int_equal(stamp, 5000);
	/* ... and then forward again, nothing counted twice */
	assert_int_equal(ticks_elapsed(&stamp, 5100, 100), 1);
	assert_int_equal(ticks_elapsed(&stamp, 5050, 100), 0);
	assert_int_equal(stamp, 5100);
}

static void ticks_elapsed_across_the_counter_wrap(void **state)
{
	(void)state;
	u64 stamp = ~0ULL - 49; /* 50 cycles before the wrap */
	assert_int_equal(ticks_elapsed(&stamp, 175, 100), 2); /* 225 cycles */
	assert_int_equal(stamp, 150);
	assert_int_equal(ticks_elapsed(&stamp, 249, 100), 0);
	assert_int_equal(ticks_elapsed(&stamp, 250, 100), 1);
}

/*
 * Interrupts at random intervals - early, on time, late, merged after a
 * long silence - from one CPU's timer: the ticks accounted always add up
 * to the whole ticks since the start, and the stamp stays within one tick
 * behind `now`.
 */
static void ticks_elapsed_adds_up_whatever_the_intervals(void **state)
{
	(void)state;
	u64 rng = 0x9e3779b97f4a7c15ULL;
	static const u64 cpts[] = {1, 3, 100, 1000, 2000000, 8666666};
	for (size_t i = 0; i < sizeof(cpts) / sizeof(cpts[0]); i++) {
		u64 cpt = cpts[i];
		u64 start = rng_next(&rng), stamp = start, now = start;
		u64 total = 0;
		for (int k = 0; k < 20000; k++) {
			u64 r = rng_below(&rng, 100);
			if (r < 10) /* early: a fraction of a tick */
				now += rng_below(&rng, cpt);
			else if (r < 90) /* about on time */
				now += cpt - cpt / 10 +
				       rng_below(&rng, cpt / 5 + 1);
			else /* late, several merged */
				now += rng_below(&rng, 50 * cpt);
			u64 before = stamp;
			u64 n = ticks_elapsed(&stamp, now, cpt);
			total += n;
			assert_true(stamp - before == n * cpt);
			assert_true(now - stamp < cpt);
		}
		assert_true(total == (now - start) / cpt);
	}
}

/*
 * jiffies: several CPUs bring one shared stamp up to their own `now`, in
 * any order - a CPU may come with a `now` older than the stamp another one
 * has already moved.  Each whole tick is claimed by exactly one of them.
 */
static void a_shared_stamp_counts_each_tick_once(void **state)
{
	(void)state;
	u64 rng = 12345;
	const u64 cpt = 1000;
	enum { CPUS = 8 };
	u64 start = 77, stamp = start, claimed = 0, latest = start;
	u64 now[CPUS];
	for (int c = 0; c < CPUS; c++)
		now[c] = start;
	for (int k = 0; k < 100000; k++) {
		int c = (int)rng_below(&rng, CPUS);
		/* each CPU's counter moves on; they are a little apart */
		now[c] = MAX(now[c], latest - MIN(latest, 300)) +
			 rng_below(&rng, 3 * cpt);
		latest = MAX(latest, now[c]);
		u64 before = claimed;
		claimed += ticks_elapsed(&stamp, now[c], cpt);
		assert_true(claimed >= before);
		/* never ahead of the latest counter, never a tick behind the
		 * one that just claimed */
		assert_true(start + claimed * cpt <= latest);
		assert_true(stamp == start + claimed * cpt);
		assert_true(now[c] < stamp + cpt);
	}
}

/* --- tick_account --------------------------------------------------------- */

static void tick_account_counts_lost_and_early(void **state)
{
	(void)state;
	struct tick_account a;
	tick_account_start(&a, 1000);
	assert_int_equal(a.accounted, 0);
	assert_int_equal(a.stamp, 1000);
	assert_int_equal(tick_account(&a, 1105, 100), 1); /* on time */
	assert_int_equal(tick_account(&a, 1420, 100), 3); /* two lost */
	assert_int_equal(a.lost, 2);
	assert_int_equal(a.last_ticks, 3);
	assert_int_equal(tick_account(&a, 1480, 100), 0); /* early */
	assert_int_equal(a.early, 1);
	assert_int_equal(a.last_ticks, 0);
	assert_int_equal(tick_account(&a, 1510, 100), 1);
	assert_int_equal(a.accounted, 5);
	assert_int_equal(a.last, 1510);
	assert_int_equal(a.stamp, 1500);
	/* accounted = interrupts - early + lost: 4 - 1 + 2 */
	assert_int_equal(a.accounted, 4 - a.early + a.lost);
}

/* A pause (tickless idle, kernel/nohz.c): the timer starts again at 5000
 * after stopping at 1510; the 3490 cycles between are nobody's ticks, and
 * the counts since the start go on, so that accounted = interrupts - early
 * + lost still holds over the whole life of the CPU. */
static void account_resume_skips_the_pause_and_keeps_counts(void **state)
{
	(void)state;
	struct tick_account a;
	tick_account_start(&a, 1000);
	tick_account(&a, 1105, 100);
	tick_account(&a, 1420, 100);
	tick_account(&a, 1480, 100);
	tick_account(&a, 1510, 100);
	tick_account_resume(&a, 5000);
	assert_int_equal(a.stamp, 5000);
	assert_int_equal(a.last, 5000);
	assert_int_equal(a.accounted, 5);
	assert_int_equal(a.lost, 2);
	assert_int_equal(a.early, 1);
	assert_int_equal(tick_account(&a, 5101, 100), 1); /* not 36 */
	assert_int_equal(a.accounted, 6);
	assert_int_equal(a.accounted, 5 - a.early + a.lost);
}

/*
 * A periodic timer as an emulator delivers it: it fires every `period`
 * cycles (its rate measured against the cycle counter, a little off), each
 * interrupt arrives some latency after it fired, and one that arrives
 * after the next firing is merged with it.  Whatever gets through, the
 * ticks accounted are the whole ticks of cycle-counter time, and
 * accounted = taken - early + lost.
 */
static void tick_account_follows_the_counter_not_the_interrupts(void **state)
{
	(void)state;
	u64 rng = 99;
	const u64 cpt = 1000000;
	static const u64 periods[] = {1000000, 990000, 1010000, 1000000};
	static const u64 max_latency[] = {1000, 900000, 300000, 30000000};
	for (size_t i = 0; i < 4; i++) {
		struct tick_account a;
		u64 start = 5000, taken = 0, last = start;
		tick_account_start(&a, start);
		for (u64 k = 1; k <= 100000; k++) {
			u64 fire = start + k * periods[i];
			u64 at = fire + rng_below(&rng, max_latency[i]);
			if (at <= last || at >= fire + periods[i])
				continue; /* merged with the next one */
			tick_account(&a, at, cpt);
			taken++;
			last = at;
		}
		assert_true(a.accounted == (last - start) / cpt);
		assert_true(a.accounted == taken - a.early + a.lost);
		assert_true(a.last == last);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cycles_per_tick_divides_a_millisecond),
	    cmocka_unit_test(ticks_elapsed_keeps_the_remainder),
	    cmocka_unit_test(account_resume_skips_the_pause_and_keeps_counts),
	    cmocka_unit_test(ticks_elapsed_never_moves_back),
	    cmocka_unit_test(ticks_elapsed_across_the_counter_wrap),
	    cmocka_unit_test(ticks_elapsed_adds_up_whatever_the_intervals),
	    cmocka_unit_test(a_shared_stamp_counts_each_tick_once),
	    cmocka_unit_test(tick_account_counts_lost_and_early),
	    cmocka_unit_test(
		tick_account_follows_the_counter_not_the_interrupts),
	};

	return run_suite("tick", tests);
}

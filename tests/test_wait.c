/*
 * tests/test_wait.c - host tests for kernel/wait.c: who a wake-up wakes.
 *
 * kernel/wait.c is compiled here against tests/hoststub/ (one thread, no
 * real locks): `current` is whichever task the test says, and
 * wake_up_process() only records the task and marks it running.  That is
 * enough to check the rules of exclusive waits that the kernel relies on:
 *  - wake_up() wakes every non-exclusive waiter and one exclusive waiter,
 *    the one that has waited longest; wake_up_all() wakes everyone;
 *  - a woken waiter is off the queue at once, so a second wake-up finds
 *    the next waiter (the lost wake-up of two complete() calls);
 * and, through long random sequences from a fixed seed, that these hold
 * whatever the mix of waiters and wake-ups.
 */
#include "tests/test_common.h"

#include "kernel/wait.h"

#define NTASKS 8

struct task *host_current;
static struct task tasks[NTASKS];
static int woken[64], nwoken; /* indexes into tasks, in order */

bool wake_up_process(struct task *p)
{
	bool was_asleep = p->state != TASK_RUNNING;
	p->state = TASK_RUNNING;
	if (nwoken < 64)
		woken[nwoken++] = (int)(p - tasks);
	return was_asleep;
}

void schedule(void)
{
	fail_msg("schedule() called: a test waited where nothing can wake it");
}

void host_bug(const char *cond, const char *file, int line)
{
	fail_msg("BUG_ON(%s) at %s:%d", cond, file, line);
}

static struct wait_entry entries[NTASKS];

static int setup(void **state)
{
	(void)state;
	for (int i = 0; i < NTASKS; i++) {
		tasks[i] = (struct task){.pid = i, .state = TASK_RUNNING};
		entries[i] = (struct wait_entry){
		    .node = LIST_HEAD_INIT(entries[i].node)};
	}
	nwoken = 0;
	return 0;
}

/* Task i gets on wq (exclusively or not) and marks itself asleep. */
static void waits(struct wait_queue_head *wq, int i, bool exclusive)
{
	host_current = &tasks[i];
	if (exclusive)
		prepare_to_wait_exclusive(wq, &entries[i], TASK_INTERRUPTIBLE);
	else
		prepare_to_wait(wq, &entries[i], TASK_INTERRUPTIBLE);
}

static bool queued(int i)
{
	return !list_empty(&entries[i].node);
}

static void exclusive_wake_up_wakes_the_longest_waiter(void **state)
{
	(void)state;
	struct wait_queue_head wq;
	init_waitqueue_head(&wq);
	for (int i = 0; i < 4; i++)
		waits(&wq, i, true);
	for (int i = 0; i < 4; i++) {
		wake_up(&wq);
		assert_int_equal(nwoken, i + 1);
		assert_int_equal(woken[i], i); /* first come, first woken */
		assert_false(queued(i));
		assert_int_equal(tasks[i].state, TASK_RUNNING);
	}
	wake_up(&wq); /* nobody left: nothing happens */
	assert_int_equal(nwoken, 4);
}

static void wake_up_takes_all_shared_and_one_exclusive(void **state)
{
	(void)state;
	struct wait_queue_head wq;
	init_waitqueue_head(&wq);
	waits(&wq, 0, true);
	waits(&wq, 1, false);
	waits(&wq, 2, true);
	waits(&wq, 3, false);
	wake_up(&wq);
	assert_int_equal(nwoken, 3); /* 1 and 3, then the exclusive 0 */
	assert_false(queued(0) || queued(1) || queued(3));
	assert_true(queued(2));
	wake_up_all(&wq);
	assert_int_equal(nwoken, 4);
	assert_int_equal(woken[3], 2);
}

/* The bug of issue 9: two complete() calls before the first woken waiter
 * runs must wake two different waiters. */
static void two_completes_wake_two_waiters(void **state)
{
	(void)state;
	struct completion c;
	init_completion(&c);
	waits(&c.wait, 0, true); /* as wait_for_completion() queues */
	waits(&c.wait, 1, true);
	complete(&c);
	complete(&c);
	assert_int_equal(nwoken, 2);
	assert_int_equal(woken[0], 0);
	assert_int_equal(woken[1], 1);
	assert_int_equal(c.done, 2);
	/* each takes one unit, without sleeping */
	host_current = &tasks[1];
	finish_wait(&c.wait, &entries[1]);
	wait_for_completion(&c);
	host_current = &tasks[0];
	finish_wait(&c.wait, &entries[0]);
	wait_for_completion(&c);
	assert_int_equal(c.done, 0);
}

/* A picked exclusive waiter that leaves without sleeping (its condition
 * came true) hands the wake-up to the next exclusive waiter. */
static void a_picked_waiter_that_leaves_hands_on(void **state)
{
	(void)state;
	struct wait_queue_head wq;
	init_waitqueue_head(&wq);
	waits(&wq, 0, true);
	waits(&wq, 1, true);
	wake_up(&wq);
	host_current = &tasks[0];
	finish_wait(&wq, &entries[0]);
	assert_int_equal(nwoken, 2);
	assert_int_equal(woken[1], 1);
}

/*
 * Random sequences: tasks wait (either kind), leave, and are woken by
 * wake_up() or wake_up_all(), in any order.  After every wake_up(): every
 * shared waiter queued before it was woken, at most one exclusive waiter
 * was, and that one had waited longest.  Nobody is woken twice while it
 * stays away from the queue.
 */
static void random_waits_and_wake_ups_keep_the_rules(void **state)
{
	(void)state;
	u64 rng = 0x9e3779b97f4a7c15ull;
	struct wait_queue_head wq;
	init_waitqueue_head(&wq);
	u64 when[NTASKS] = {0}; /* when each exclusive waiter queued */
	bool excl[NTASKS] = {false};
	u64 clock = 0;
	for (int step = 0; step < 200000; step++) {
		int i = (int)rng_below(&rng, NTASKS);
		unsigned op = (unsigned)rng_below(&rng, 10);
		if (op < 5) {
			if (!queued(i)) {
				/* leave a woken-and-left task's entry fresh */
				host_current = &tasks[i];
				finish_wait(&wq, &entries[i]);
				excl[i] = rng_below(&rng, 2);
				when[i] = ++clock;
				nwoken = 0;
				waits(&wq, i, excl[i]);
			}
		} else if (op < 9) {
			bool was[NTASKS];
			int oldest = -1;
			for (int k = 0; k < NTASKS; k++) {
				was[k] = queued(k);
				if (was[k] && excl[k] &&
				    (oldest < 0 || when[k] < when[oldest]))
					oldest = k;
			}
			nwoken = 0;
			wake_up(&wq);
			int exclusive_woken = 0;
			for (int n = 0; n < nwoken; n++) {
				int k = woken[n];
				assert_true(was[k]); /* only waiters wake */
				assert_false(queued(k));
				exclusive_woken += excl[k];
				if (excl[k])
					assert_int_equal(k, oldest);
			}
			for (int k = 0; k < NTASKS; k++)
				if (was[k] && !excl[k])
					assert_false(queued(k));
			assert_int_equal(exclusive_woken, oldest >= 0);
		} else {
			nwoken = 0;
			wake_up_all(&wq);
			for (int k = 0; k < NTASKS; k++)
				assert_false(queued(k));
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(exclusive_wake_up_wakes_the_longest_waiter,
				   setup),
	    cmocka_unit_test_setup(wake_up_takes_all_shared_and_one_exclusive,
				   setup),
	    cmocka_unit_test_setup(two_completes_wake_two_waiters, setup),
	    cmocka_unit_test_setup(a_picked_waiter_that_leaves_hands_on, setup),
	    cmocka_unit_test_setup(random_waits_and_wake_ups_keep_the_rules,
				   setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/test_sched.c - host tests for the O(1) scheduler's pure parts:
 * kernel/sched_prio.c (the priority arrays) and kernel/sched_calc.c (time
 * slices, sleep bonus, interactivity, starvation, load-balance threshold).
 *
 * The expected values come from Linux 2.5.8's kernel/sched.c, as the
 * headers quote it, and are written out here as numbers or as the formula
 * in a different shape (in nice rather than static_prio, say), so a slip in
 * the kernel's arithmetic cannot cancel out against the same slip here.
 *
 * The priority arrays are also checked against a reference model (plain
 * arrays of task numbers, one per priority) through long random sequences
 * of enqueue/dequeue/requeue with the fixed-seed rng of test_common.h.
 *
 * The last tests run one CPU's ticks through the kernel's own slice rules
 * (kernel/sched_tick.c, which scheduler_tick() and schedule() call) and
 * check the CPU share of a nice 0 / nice 10 pair, also when late timer
 * interrupts charge several ticks at once.
 */
#include "tests/test_common.h"

#include "kernel/panic.h"
#include "kernel/sched_calc.h"
#include "kernel/sched_prio.h"
#include "kernel/sched_tick.h"
#include "kernel/task.h"
#include "lib/bitmap.h"
#include "lib/list.h"

/* kernel/panic.h's, for the BUG_ON()s of sched_prio.c: here a failed
 * test. */
void panic(const char *fmt, ...)
{
	fail_msg("panic: %s", fmt);
	__builtin_trap();
}

#define NICE_MIN (-20)
#define NICE_MAX 19

static const unsigned some_hz[] = {100, 250, 1000};
#define NR_SOME_HZ (sizeof(some_hz) / sizeof(some_hz[0]))

/* --- priority arrays ----------------------------------------------------- */

static void task_init(struct task *p, int pid, int prio)
{
	*p = (struct task){0};
	p->pid = pid;
	p->prio = prio;
	p->static_prio = prio;
	p->policy = SCHED_NORMAL;
	INIT_LIST_HEAD(&p->run_list);
}

/* An array that starts out as garbage, so init must really set everything. */
static struct prio_array *new_array(void)
{
	struct prio_array *a = test_malloc(sizeof(*a));

	for (size_t i = 0; i < sizeof(*a); i++)
		((unsigned char *)a)[i] = 0xa5;
	prio_array_init(a);
	return a;
}

/* The list of priority `prio` holds exactly want[0..n) (pids), in order,
 * and its links are sound both ways. */
static void check_queue(const struct prio_array *a, int prio, const int *want,
			int n)
{
	const struct list_head *head = &a->queue[prio];
	const struct list_head *pos;
	int i = 0;

	assert_ptr_equal(head->next->prev, head);
	assert_ptr_equal(head->prev->next, head);
	for (pos = head->next; pos != head; pos = pos->next, i++) {
		assert_true(i < n);
		assert_ptr_equal(pos->next->prev, pos);
		assert_ptr_equal(pos->prev->next, pos);
		const struct task *p = list_entry(pos, struct task, run_list);
		assert_int_equal(p->pid, want[i]);
		assert_int_equal(p->prio, prio);
	}
	assert_int_equal(i, n);
	assert_int_equal(test_bit(prio, a->bitmap), n != 0);
}

static void check_empty(const struct prio_array *a)
{
	assert_int_equal(a->nr_active, 0);
	assert_int_equal(prio_array_first(a), MAX_PRIO);
	assert_null(prio_array_next_task(a));
	for (int i = 0; i < MAX_PRIO; i++) {
		assert_false(test_bit(i, a->bitmap));
		assert_true(list_empty(&a->queue[i]));
	}
	assert_true(test_bit(MAX_PRIO, a->bitmap)); /* the sentinel */
}

static void init_gives_an_empty_array(void **state)
{
	(void)state;
	struct prio_array *a = new_array();

	check_empty(a);
	/* And again over a used one. */
	struct task t;
	task_init(&t, 1, 120);
	enqueue_task(&t, a);
	prio_array_init(a);
	check_empty(a);
	test_free(a);
}

static void enqueue_dequeue_at_every_priority(void **state)
{
	(void)state;
	struct prio_array *a = new_array();
	static struct task t[MAX_PRIO];

	/* One task alone, at each priority (bitmap word edges included). */
	for (int prio = 0; prio < MAX_PRIO; prio++) {
		task_init(&t[prio], prio, prio);
		enqueue_task(&t[prio], a);
		assert_ptr_equal(t[prio].array, a);
		assert_int_equal(a->nr_active, 1);
		assert_int_equal(prio_array_first(a), prio);
		assert_ptr_equal(prio_array_next_task(a), &t[prio]);
		check_queue(a, prio, &prio, 1);
		for (int j = 0; j < MAX_PRIO; j++)
			assert_int_equal(test_bit(j, a->bitmap), j == prio);
		dequeue_task(&t[prio], a);
		assert_null(t[prio].array);
		check_empty(a);
	}

	/* All of them, lowest priority first; the best one always wins. */
	for (int prio = MAX_PRIO - 1; prio >= 0; prio--) {
		enqueue_task(&t[prio], a);
		assert_int_equal(prio_array_first(a), prio);
		assert_ptr_equal(prio_array_next_task(a), &t[prio]);
		assert_int_equal(a->nr_active, MAX_PRIO - prio);
	}
	/* Take them off best first: the next one shows up each time. */
	for (int prio = 0; prio < MAX_PRIO; prio++) {
		assert_ptr_equal(prio_array_next_task(a), &t[prio]);
		dequeue_task(&t[prio], a);
		assert_null(t[prio].array);
		assert_false(test_bit(prio, a->bitmap));
		assert_int_equal(a->nr_active, MAX_PRIO - 1 - prio);
		assert_int_equal(prio_array_first(a),
				 prio + 1 < MAX_PRIO ? prio + 1 : MAX_PRIO);
	}
	check_empty(a);

	/* And worst first: the best one stays in front all along. */
	for (int prio = 0; prio < MAX_PRIO; prio++)
		enqueue_task(&t[prio], a);
	for (int prio = MAX_PRIO - 1; prio > 0; prio--) {
		dequeue_task(&t[prio], a);
		assert_int_equal(prio_array_first(a), 0);
		assert_ptr_equal(prio_array_next_task(a), &t[0]);
	}
	dequeue_task(&t[0], a);
	check_empty(a);
	test_free(a);
}

static void tasks_of_one_priority_run_in_fifo_order(void **state)
{
	(void)state;
	struct prio_array *a = new_array();
	struct task t[6];

	for (int i = 0; i < 5; i++) {
		task_init(&t[i], i, 120);
		enqueue_task(&t[i], a);
	}
	task_init(&t[5], 5, 130); /* a worse one, never in the way */
	enqueue_task(&t[5], a);
	check_queue(a, 120, (const int[]){0, 1, 2, 3, 4}, 5);
	assert_int_equal(a->nr_active, 6);

	for (int i = 0; i < 5; i++) {
		struct task *p = prio_array_next_task(a);
		assert_ptr_equal(p, &t[i]);
		dequeue_task(p, a);
		assert_int_equal(test_bit(120, a->bitmap), i < 4);
	}
	assert_int_equal(prio_array_first(a), 130);
	assert_ptr_equal(prio_array_next_task(a), &t[5]);

	/* Dequeue from the middle keeps the others' order and the bit. */
	for (int i = 0; i < 5; i++)
		enqueue_task(&t[i], a);
	dequeue_task(&t[2], a);
	check_queue(a, 120, (const int[]){0, 1, 3, 4}, 4);
	dequeue_task(&t[4], a);
	dequeue_task(&t[0], a);
	check_queue(a, 120, (const int[]){1, 3}, 2);
	assert_ptr_equal(prio_array_next_task(a), &t[1]);
	assert_int_equal(a->nr_active, 3);
	test_free(a);
}

static void enqueue_task_head_goes_next(void **state)
{
	(void)state;
	struct prio_array *a = new_array();
	struct task t[4];

	for (int i = 0; i < 4; i++)
		task_init(&t[i], i, 110);
	enqueue_task(&t[0], a);
	enqueue_task(&t[1], a);
	enqueue_task_head(&t[2], a);
	assert_ptr_equal(t[2].array, a);
	assert_int_equal(a->nr_active, 3);
	assert_ptr_equal(prio_array_next_task(a), &t[2]);
	check_queue(a, 110, (const int[]){2, 0, 1}, 3);

	/* At the head of an empty list it sets the bit like enqueue_task. */
	t[3].prio = 105;
	enqueue_task_head(&t[3], a);
	assert_true(test_bit(105, a->bitmap));
	assert_int_equal(prio_array_first(a), 105);
	assert_ptr_equal(prio_array_next_task(a), &t[3]);
	dequeue_task(&t[3], a);
	assert_false(test_bit(105, a->bitmap));
	assert_null(t[3].array);
	assert_ptr_equal(prio_array_next_task(a), &t[2]);
	test_free(a);
}

static void requeue_task_is_round_robin(void **state)
{
	(void)state;
	struct prio_array *a = new_array();
	struct task t[4];

	for (int i = 0; i < 3; i++) {
		task_init(&t[i], i, 120);
		enqueue_task(&t[i], a);
	}
	task_init(&t[3], 3, 139);
	enqueue_task(&t[3], a);

	/* Requeueing the one that runs hands the CPU round the list. */
	for (int round = 0; round < 9; round++) {
		struct task *p = prio_array_next_task(a);
		assert_ptr_equal(p, &t[round % 3]);
		requeue_task(p, a);
		assert_ptr_equal(p->array, a);
		assert_int_equal(a->nr_active, 4);
		assert_true(test_bit(120, a->bitmap));
		assert_int_equal(prio_array_first(a), 120);
	}
	check_queue(a, 120, (const int[]){0, 1, 2}, 3);

	/* Requeue from the middle goes to the tail. */
	requeue_task(&t[1], a);
	check_queue(a, 120, (const int[]){0, 2, 1}, 3);

	/* A task alone at its priority stays, and nothing else moves. */
	requeue_task(&t[3], a);
	check_queue(a, 139, (const int[]){3}, 1);
	assert_ptr_equal(prio_array_next_task(a), &t[0]);
	test_free(a);
}

/*
 * The reference model: for each of two arrays and each priority, the pids
 * queued there, in order.  A task is in at most one array at a time.
 */
#define MODEL_TASKS 300
#define MODEL_STEPS 20000

struct model {
	short q[2][MAX_PRIO][MODEL_TASKS];
	int n[2][MAX_PRIO];
	int total[2];
	int where[MODEL_TASKS]; /* 0, 1, or -1 when not queued */
};

static void model_remove(struct model *m, int arr, int prio, int pid)
{
	int n = m->n[arr][prio], i;

	for (i = 0; i < n && m->q[arr][prio][i] != pid; i++)
		;
	assert_true(i < n);
	for (; i + 1 < n; i++)
		m->q[arr][prio][i] = m->q[arr][prio][i + 1];
	m->n[arr][prio]--;
}

static void model_check(const struct model *m, struct prio_array *const arr[2],
			const struct task *t)
{
	for (int k = 0; k < 2; k++) {
		const struct prio_array *a = arr[k];
		int first = MAX_PRIO;

		for (int prio = MAX_PRIO - 1; prio >= 0; prio--) {
			int n = m->n[k][prio];
			int want[MODEL_TASKS];
			for (int i = 0; i < n; i++)
				want[i] = m->q[k][prio][i];
			check_queue(a, prio, want, n); /* also the bit */
			if (n)
				first = prio;
		}
		assert_true(test_bit(MAX_PRIO, a->bitmap));
		assert_int_equal(a->nr_active, m->total[k]);
		assert_int_equal(prio_array_first(a), first);
		const struct task *next = prio_array_next_task(a);
		if (first == MAX_PRIO)
			assert_null(next);
		else
			assert_ptr_equal(next, &t[m->q[k][first][0]]);
	}
	for (int i = 0; i < MODEL_TASKS; i++) {
		if (m->where[i] < 0)
			assert_null(t[i].array);
		else
			assert_ptr_equal(t[i].array, arr[m->where[i]]);
	}
}

/*
 * A CPU hog that used its slice waits in the expired array behind three
 * hogs in the active one.  Made SCHED_FIFO 50 (prio 49), it must be the
 * next to run: sched_setscheduler() moves it to the active array.  Made
 * SCHED_NORMAL again at the same priority, a task stays where it was.
 */
static void becoming_realtime_leaves_the_expired_array(void **state)
{
	(void)state;
	struct prio_array *active = new_array(), *expired = new_array();
	struct task *t = test_calloc(4, sizeof(*t));
	for (int i = 0; i < 4; i++) {
		t[i].prio = 120;
		enqueue_task(&t[i], i < 3 ? active : expired);
	}
	assert_ptr_equal(prio_array_next_task(active), &t[0]);

	struct prio_array *was = t[3].array;
	dequeue_task(&t[3], was);
	t[3].prio = MAX_RT_PRIO - 1 - 50;
	enqueue_task(&t[3], array_after_policy_change(was, active, SCHED_FIFO));
	assert_ptr_equal(t[3].array, active);
	assert_ptr_equal(prio_array_next_task(active), &t[3]);
	assert_int_equal(expired->nr_active, 0);

	/* back to normal: it stays in the array it is in */
	was = t[3].array;
	dequeue_task(&t[3], was);
	t[3].prio = 120;
	enqueue_task(&t[3],
		     array_after_policy_change(was, active, SCHED_NORMAL));
	assert_ptr_equal(t[3].array, active);
	dequeue_task(&t[0], active);
	enqueue_task(&t[0], expired);
	was = t[0].array;
	dequeue_task(&t[0], was);
	enqueue_task(&t[0],
		     array_after_policy_change(was, active, SCHED_NORMAL));
	assert_ptr_equal(t[0].array, expired);
	for (int i = 0; i < 4; i++)
		dequeue_task(&t[i], t[i].array);
	test_free(t);
	test_free(active);
	test_free(expired);
}

static void random_operations_match_a_reference_model(void **state)
{
	(void)state;
	u64 rng = 0x5ced0123456789abULL;
	struct model *m = test_calloc(1, sizeof(*m));
	struct task *t = test_calloc(MODEL_TASKS, sizeof(*t));
	struct prio_array *arr[2] = {new_array(), new_array()};
	unsigned long ops[5] = {0};

	for (int i = 0; i < MODEL_TASKS; i++) {
		/* Crowd some priorities, so lists get long. */
		int prio = rng_below(&rng, 2) ? (int)rng_below(&rng, MAX_PRIO)
					      : 118 + (int)rng_below(&rng, 4);
		task_init(&t[i], i, prio);
		m->where[i] = -1;
	}
	model_check(m, arr, t);

	for (int step = 0; step < MODEL_STEPS; step++) {
		int pid = (int)rng_below(&rng, MODEL_TASKS);
		struct task *p = &t[pid];
		int k = m->where[pid];

		if (k < 0) {
			/* Not queued: maybe a new priority, then in at the
			 * tail (mostly) or the head of a random array. */
			if (rng_below(&rng, 4) == 0)
				p->prio = (int)rng_below(&rng, MAX_PRIO);
			k = (int)rng_below(&rng, 2);
			int prio = p->prio, n = m->n[k][prio];
			if (rng_below(&rng, 4) == 0) {
				enqueue_task_head(p, arr[k]);
				for (int i = n; i > 0; i--)
					m->q[k][prio][i] = m->q[k][prio][i - 1];
				m->q[k][prio][0] = (short)pid;
				ops[1]++;
			} else {
				enqueue_task(p, arr[k]);
				m->q[k][prio][n] = (short)pid;
				ops[0]++;
			}
			m->n[k][prio]++;
			m->total[k]++;
			m->where[pid] = k;
		} else if (rng_below(&rng, 3) == 0) {
			requeue_task(p, arr[k]);
			model_remove(m, k, p->prio, pid);
			m->q[k][p->prio][m->n[k][p->prio]++] = (short)pid;
			ops[2]++;
		} else if (rng_below(&rng, 2) == 0) {
			/* Expire: from one array to the other's tail. */
			dequeue_task(p, arr[k]);
			enqueue_task(p, arr[!k]);
			model_remove(m, k, p->prio, pid);
			m->total[k]--;
			m->q[!k][p->prio][m->n[!k][p->prio]++] = (short)pid;
			m->total[!k]++;
			m->where[pid] = !k;
			ops[3]++;
		} else {
			dequeue_task(p, arr[k]);
			model_remove(m, k, p->prio, pid);
			m->total[k]--;
			m->where[pid] = -1;
			ops[4]++;
		}
		model_check(m, arr, t);
	}
	/* Every kind of step happened plenty of times. */
	for (int i = 0; i < 5; i++)
		assert_true(ops[i] > 1000);

	/* Drain both through next_task: priority order, FIFO within one. */
	for (int k = 0; k < 2; k++) {
		int last = -1;
		struct task *p;
		while ((p = prio_array_next_task(arr[k])) != NULL) {
			assert_true(p->prio >= last);
			last = p->prio;
			assert_int_equal(p->pid, m->q[k][p->prio][0]);
			dequeue_task(p, arr[k]);
			model_remove(m, k, p->prio, p->pid);
			m->total[k]--;
			m->where[p->pid] = -1;
		}
		check_empty(arr[k]);
	}
	model_check(m, arr, t);

	test_free(arr[0]);
	test_free(arr[1]);
	test_free(t);
	test_free(m);
}

/* --- time slices --------------------------------------------------------- */

static void ms_to_ticks_rounds_down_but_never_to_zero(void **state)
{
	(void)state;
	assert_int_equal(ms_to_ticks(2000, 1000), 2000);
	assert_int_equal(ms_to_ticks(2000, 100), 200);
	assert_int_equal(ms_to_ticks(2000, 250), 500);
	assert_int_equal(ms_to_ticks(151, 250), 37); /* 37.75 */
	assert_int_equal(ms_to_ticks(19, 100), 1);   /* 1.9 */
	assert_int_equal(ms_to_ticks(10, 100), 1);
	assert_int_equal(ms_to_ticks(9, 100), 1); /* 0.9 -> 1, not 0 */
	assert_int_equal(ms_to_ticks(1, 100), 1);
	assert_int_equal(ms_to_ticks(0, 1000), 1);
	assert_int_equal(ms_to_ticks(1, 10000), 10);
}

/* Linux 2.5.8's BASE_TIMESLICE, written in nice: 10 ms + 290 ms scaled by
 * (19 - nice) / 39, truncated. */
static int timeslice_ms_for_nice(int nice)
{
	return 10 + (19 - nice) * 290 / 39;
}

static void timeslice_at_hz_1000(void **state)
{
	(void)state;
	assert_int_equal(task_timeslice(NICE_TO_PRIO(-20), 1000), 300);
	assert_int_equal(task_timeslice(NICE_TO_PRIO(19), 1000), 10);
	assert_int_equal(task_timeslice(NICE_TO_PRIO(0), 1000), 151);
	assert_int_equal(task_timeslice(NICE_TO_PRIO(10), 1000), 76);
	assert_int_equal(task_timeslice(NICE_TO_PRIO(-10), 1000), 225);
	assert_int_equal(task_timeslice(NICE_TO_PRIO(18), 1000), 17);
	assert_int_equal(task_timeslice(100, 1000), 300);
	assert_int_equal(task_timeslice(139, 1000), 10);

	int prev = 1 << 30;
	for (int nice = NICE_MIN; nice <= NICE_MAX; nice++) {
		int ts = task_timeslice(NICE_TO_PRIO(nice), 1000);
		assert_int_equal(ts, timeslice_ms_for_nice(nice));
		assert_true(ts >= 10 && ts <= 300);
		assert_true(ts < prev); /* strictly: each nice level counts */
		prev = ts;
	}
}

static void timeslice_at_hz_100_and_250(void **state)
{
	(void)state;
	static const struct {
		unsigned hz;
		int nice, ticks;
	} cases[] = {
	    {100, -20, 30}, {100, 0, 15}, {100, 10, 7},	 {100, 19, 1},
	    {250, -20, 75}, {250, 0, 37}, {250, 10, 19}, {250, 19, 2},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(
		    task_timeslice(NICE_TO_PRIO(cases[i].nice), cases[i].hz),
		    cases[i].ticks);

	for (size_t h = 0; h < NR_SOME_HZ; h++) {
		unsigned hz = some_hz[h];
		int prev = 1 << 30;
		for (int nice = NICE_MIN; nice <= NICE_MAX; nice++) {
			int ts = task_timeslice(NICE_TO_PRIO(nice), hz);
			int ms = timeslice_ms_for_nice(nice);
			int want = ms * (int)hz / 1000;
			assert_int_equal(ts, want ? want : 1);
			assert_true(ts <= prev); /* never more for more nice */
			prev = ts;
		}
	}
}

static void timeslice_is_never_zero(void **state)
{
	(void)state;
	for (unsigned hz = 1; hz <= 10000; hz++) {
		/* The smallest slice is nice 19's; it bounds the rest. */
		int smallest = task_timeslice(NICE_TO_PRIO(19), hz);
		assert_true(smallest >= 1);
		assert_true(task_timeslice(NICE_TO_PRIO(-20), hz) >= smallest);
		assert_true(task_timeslice(NICE_TO_PRIO(0), hz) >= smallest);
	}
}

/* --- sleep bonus, effective priority -------------------------------------- */

static void sleep_bonus_spans_minus_5_to_plus_5(void **state)
{
	(void)state;
	for (size_t h = 0; h < NR_SOME_HZ; h++) {
		unsigned hz = some_hz[h];
		unsigned long max = max_sleep_avg(hz);
		assert_int_equal(max, 2 * hz); /* 2 s */

		assert_int_equal(sleep_bonus(0, hz), -5);
		assert_int_equal(sleep_bonus(max, hz), 5);
		assert_int_equal(sleep_bonus(max - 1, hz),
				 4); /* +5 only at max */
		assert_int_equal(sleep_bonus(max / 2, hz), 0);
		assert_int_equal(sleep_bonus(max + 1, hz), 5); /* capped */
		assert_int_equal(sleep_bonus(10 * max, hz), 5);
		assert_int_equal(sleep_bonus(~0UL, hz), 5);

		int prev = -100;
		int seen[11] = {0};
		for (unsigned long s = 0; s <= max + 50; s++) {
			int b = sleep_bonus(s, hz);
			unsigned long c = s < max ? s : max;
			assert_true(b >= -5 && b <= 5);
			assert_true(b >=
				    prev); /* more sleep, never less bonus */
			/* Exactly floor(10 * s / max) - 5. */
			assert_int_equal(b, (int)(10 * c / max) - 5);
			seen[b + 5] = 1;
			prev = b;
		}
		for (int i = 0; i < 11; i++)
			assert_true(seen[i]);
	}
	/* The steps at hz=1000: every 200 ticks. */
	assert_int_equal(sleep_bonus(199, 1000), -5);
	assert_int_equal(sleep_bonus(200, 1000), -4);
	assert_int_equal(sleep_bonus(1399, 1000), 1);
	assert_int_equal(sleep_bonus(1400, 1000), 2);
}

static void effective_prio_is_clamped_to_normal_range(void **state)
{
	(void)state;
	const unsigned hz = 1000;
	const unsigned long max = max_sleep_avg(hz);

	assert_int_equal(
	    effective_prio(SCHED_NORMAL, NICE_TO_PRIO(0), 0, 0, hz), 125);
	assert_int_equal(
	    effective_prio(SCHED_NORMAL, NICE_TO_PRIO(0), 0, max, hz), 115);
	assert_int_equal(
	    effective_prio(SCHED_NORMAL, NICE_TO_PRIO(0), 0, max / 2, hz), 120);
	/* nice -20: 100 - 5 = 95 is clamped to 100; at worst 105. */
	assert_int_equal(
	    effective_prio(SCHED_NORMAL, NICE_TO_PRIO(-20), 0, max, hz), 100);
	assert_int_equal(
	    effective_prio(SCHED_NORMAL, NICE_TO_PRIO(-20), 0, 0, hz), 105);
	/* nice 19: 139 + 5 = 144 is clamped to 139; at best 134. */
	assert_int_equal(
	    effective_prio(SCHED_NORMAL, NICE_TO_PRIO(19), 0, 0, hz), 139);
	assert_int_equal(
	    effective_prio(SCHED_NORMAL, NICE_TO_PRIO(19), 0, max, hz), 134);

	for (size_t h = 0; h < NR_SOME_HZ; h++) {
		unsigned hzz = some_hz[h];
		unsigned long mx = max_sleep_avg(hzz);
		for (int nice = NICE_MIN; nice <= NICE_MAX; nice++) {
			int sp = NICE_TO_PRIO(nice), prev = 1 << 30;
			for (unsigned long s = 0; s <= mx + 5; s++) {
				int p =
				    effective_prio(SCHED_NORMAL, sp, 0, s, hzz);
				int want = sp - sleep_bonus(s, hzz);
				want = want < 100   ? 100
				       : want > 139 ? 139
						    : want;
				assert_int_equal(p, want);
				assert_true(p >= 100 && p <= 139);
				assert_true(p <=
					    prev); /* more sleep, never worse */
				assert_true(p >= sp - 5 && p <= sp + 5);
				prev = p;
			}
		}
	}
}

static void effective_prio_of_realtime_tasks(void **state)
{
	(void)state;
	for (int rt = 1; rt <= 99; rt++) {
		int want = 99 - rt;
		assert_int_equal(
		    effective_prio(SCHED_FIFO, NICE_TO_PRIO(0), rt, 0, 1000),
		    want);
		assert_int_equal(
		    effective_prio(SCHED_RR, NICE_TO_PRIO(0), rt, 0, 1000),
		    want);
		/* Neither nice nor sleep changes it. */
		assert_int_equal(effective_prio(SCHED_FIFO, NICE_TO_PRIO(19),
						rt, 2000, 1000),
				 want);
		assert_int_equal(
		    effective_prio(SCHED_RR, NICE_TO_PRIO(-20), rt, 777, 250),
		    want);
	}
	assert_int_equal(effective_prio(SCHED_FIFO, 120, 99, 0, 1000), 0);
	assert_int_equal(effective_prio(SCHED_RR, 120, 1, 0, 1000), 98);
}

/* --- interactivity ---------------------------------------------------------
 */

/* DELTA(nice) = nice * 10 / 40 + 2, C division (toward zero), from 2.5.8's
 * SCALE(TASK_NICE(p), 40, MAX_USER_PRIO * PRIO_BONUS_RATIO / 100). */
static const int delta_of_nice[40] = {
    /* -20 .. -1 */
    -3,
    -2,
    -2,
    -2,
    -2,
    -1,
    -1,
    -1,
    -1,
    0,
    0,
    0,
    0,
    1,
    1,
    1,
    1,
    2,
    2,
    2,
    /* 0 .. 19 */
    2,
    2,
    2,
    2,
    3,
    3,
    3,
    3,
    4,
    4,
    4,
    4,
    5,
    5,
    5,
    5,
    6,
    6,
    6,
    6,
};

static void interactive_threshold_for_nice_0(void **state)
{
	(void)state;
	const int sp = NICE_TO_PRIO(0);

	/* DELTA(0) = 2: prio <= 118 is interactive, 119 and worse is not. */
	assert_true(task_interactive(115, sp));
	assert_true(task_interactive(117, sp));
	assert_true(task_interactive(118, sp));
	assert_false(task_interactive(119, sp));
	assert_false(task_interactive(120, sp));
	assert_false(task_interactive(125, sp));

	/* In sleep_avg at hz=1000: bonus >= 2, i.e. sleep_avg >= 1400. */
	for (unsigned long s = 0; s <= 2000; s++) {
		int p = effective_prio(SCHED_NORMAL, sp, 0, s, 1000);
		assert_int_equal(task_interactive(p, sp), s >= 1400);
	}
}

static void niced_tasks_need_more_bonus(void **state)
{
	(void)state;
	int prev_need = -100;

	for (int nice = NICE_MIN; nice <= NICE_MAX; nice++) {
		int sp = NICE_TO_PRIO(nice);
		int delta = delta_of_nice[nice + 20];

		/* Exactly at static_prio - DELTA, not one worse. */
		assert_true(task_interactive(sp - delta, sp));
		assert_false(task_interactive(sp - delta + 1, sp));

		/* The least bonus (-5..+5) that makes the task interactive,
		 * through effective_prio, or 6 for "none does". */
		int need = 6;
		for (int b = -5; b <= 5; b++) {
			/* sleep_avg with bonus b at hz=1000: (b + 5) * 200 */
			unsigned long s = (unsigned long)(b + 5) * 200;
			int p = effective_prio(SCHED_NORMAL, sp, 0, s, 1000);
			if (task_interactive(p, sp)) {
				need = b;
				break;
			}
		}
		assert_int_equal(need, delta < 6 ? delta : 6);
		assert_true(need >= prev_need); /* nicer: never less needed */
		prev_need = need;
	}
	/* The spot values. */
	assert_false(task_interactive(104, NICE_TO_PRIO(-20)));
	assert_true(task_interactive(103, NICE_TO_PRIO(-20)));
	assert_true(task_interactive(100, NICE_TO_PRIO(-20)));
	assert_true(task_interactive(NICE_TO_PRIO(10) - 4, NICE_TO_PRIO(10)));
	assert_false(task_interactive(NICE_TO_PRIO(10) - 3, NICE_TO_PRIO(10)));
	/* nice 15 only at the full bonus. */
	assert_true(task_interactive(NICE_TO_PRIO(15) - 5, NICE_TO_PRIO(15)));
	assert_false(task_interactive(NICE_TO_PRIO(15) - 4, NICE_TO_PRIO(15)));
}

static void nice_16_to_19_are_never_interactive(void **state)
{
	(void)state;
	/* DELTA(16..19) = 6 > 5, the largest bonus: no sleep_avg will do. */
	for (int nice = 16; nice <= NICE_MAX; nice++) {
		int sp = NICE_TO_PRIO(nice);
		for (size_t h = 0; h < NR_SOME_HZ; h++) {
			unsigned hz = some_hz[h];
			for (unsigned long s = 0; s <= max_sleep_avg(hz) + 1;
			     s++)
				assert_false(task_interactive(
				    effective_prio(SCHED_NORMAL, sp, 0, s, hz),
				    sp));
		}
	}
	/* nice 19: 139 - 5 = 134 is as good as it gets; it would need 133. */
	assert_int_equal(effective_prio(SCHED_NORMAL, 139, 0, ~0UL, 1000), 134);
	assert_false(task_interactive(134, 139));
	assert_true(task_interactive(133, 139));
	/* While nice 15 can be, with a full sleep_avg. */
	assert_true(task_interactive(
	    effective_prio(SCHED_NORMAL, NICE_TO_PRIO(15), 0, 2000, 1000),
	    NICE_TO_PRIO(15)));
}

/* --- sleep_avg, starvation -------------------------------------------------
 */

static void sleep_avg_after_sleep_caps_at_max(void **state)
{
	(void)state;
	assert_int_equal(sleep_avg_after_sleep(0, 100, 1000), 100);
	assert_int_equal(sleep_avg_after_sleep(500, 0, 1000), 500);
	assert_int_equal(sleep_avg_after_sleep(1900, 99, 1000), 1999);
	assert_int_equal(sleep_avg_after_sleep(1900, 100, 1000), 2000);
	assert_int_equal(sleep_avg_after_sleep(1900, 101, 1000), 2000);
	assert_int_equal(sleep_avg_after_sleep(0, 2000, 1000), 2000);
	assert_int_equal(sleep_avg_after_sleep(2000, 2000, 1000), 2000);
	assert_int_equal(sleep_avg_after_sleep(0, ~0UL, 1000), 2000);
	assert_int_equal(sleep_avg_after_sleep(1999, ~0UL, 1000), 2000);
	assert_int_equal(sleep_avg_after_sleep(150, 100, 100), 200);
	assert_int_equal(sleep_avg_after_sleep(150, 49, 100), 199);
	assert_int_equal(sleep_avg_after_sleep(0, 10000, 250), 500);

	u64 rng = 0x51ee9a7e;
	for (int i = 0; i < 100000; i++) {
		unsigned hz = some_hz[rng_below(&rng, NR_SOME_HZ)];
		unsigned long max = max_sleep_avg(hz);
		unsigned long s = rng_below(&rng, max + 1);
		unsigned long slept = rng_below(&rng, 4)
					  ? rng_below(&rng, max + 10)
					  : rng_next(&rng);
		unsigned long r = sleep_avg_after_sleep(s, slept, hz);
		unsigned long want = slept >= max - s ? max : s + slept;
		assert_int_equal(r, want);
		assert_true(r <= max && r >= s);
	}
}

static void expired_starving_thresholds(void **state)
{
	(void)state;
	/* 0: nothing has expired, never starving. */
	assert_false(expired_starving(0, 0, 1, 1000));
	assert_false(expired_starving(0, 1000000, 1, 1000));
	assert_false(expired_starving(0, ~0UL, 100, 100));

	/* At hz=1000 the limit is 2000 ticks per runnable task, plus one. */
	assert_false(expired_starving(1000, 1000 + 2000, 1, 1000));
	assert_true(expired_starving(1000, 1000 + 2001, 1, 1000));
	assert_false(expired_starving(1000, 1000 + 4000, 2, 1000));
	assert_true(expired_starving(1000, 1000 + 4001, 2, 1000));
	assert_false(expired_starving(5, 5 + 2000 * 32, 32, 1000));
	assert_true(expired_starving(5, 5 + 2000 * 32 + 1, 32, 1000));
	/* At hz=100, 200 ticks; at hz=250, 500. */
	assert_false(expired_starving(1, 1 + 600, 3, 100));
	assert_true(expired_starving(1, 1 + 601, 3, 100));
	assert_false(expired_starving(1, 1 + 500, 1, 250));
	assert_true(expired_starving(1, 1 + 501, 1, 250));
	/* With no task counted the bar is one tick. */
	assert_false(expired_starving(7, 7, 0, 1000));
	assert_true(expired_starving(7, 8, 0, 1000));
	/* jiffies wrapping round between the two stamps. */
	unsigned long since = ~0UL - 999; /* 1000 ticks before the wrap */
	assert_false(expired_starving(since, 1000, 1, 1000));
	assert_true(expired_starving(since, 1001, 1, 1000));

	for (size_t h = 0; h < NR_SOME_HZ; h++) {
		unsigned hz = some_hz[h];
		for (unsigned long nr = 1; nr <= 64; nr++) {
			unsigned long limit = 2UL * hz * nr + 1;
			assert_false(
			    expired_starving(123, 123 + limit - 1, nr, hz));
			assert_true(expired_starving(123, 123 + limit, nr, hz));
		}
	}
}

/* --- charging more than one tick at a time ------------------------------- */

static void sleep_avg_after_run_stops_at_0(void **state)
{
	(void)state;
	assert_int_equal(sleep_avg_after_run(100, 1), 99);
	assert_int_equal(sleep_avg_after_run(100, 0), 100);
	assert_int_equal(sleep_avg_after_run(100, 40), 60);
	assert_int_equal(sleep_avg_after_run(100, 100), 0);
	assert_int_equal(sleep_avg_after_run(100, 101), 0);
	assert_int_equal(sleep_avg_after_run(0, 5), 0);
	assert_int_equal(sleep_avg_after_run(2000, ~0UL), 0);
	/* n ticks at once = n single ticks */
	for (unsigned long avg = 0; avg <= 50; avg++)
		for (unsigned long n = 0; n <= 60; n++) {
			unsigned long one = avg;
			for (unsigned long i = 0; i < n; i++)
				one = sleep_avg_after_run(one, 1);
			assert_int_equal(sleep_avg_after_run(avg, n), one);
		}
}

static void slice_after_run_goes_below_0_by_the_overrun(void **state)
{
	(void)state;
	assert_int_equal(slice_after_run(151, 1), 150);
	assert_int_equal(slice_after_run(151, 0), 151);
	assert_int_equal(slice_after_run(1, 1), 0);
	assert_int_equal(slice_after_run(10, 25), -15);
	/* a huge charge cannot overflow */
	assert_true(slice_after_run(3000, ~0UL) < -3000);
	assert_true(slice_after_run(1, (unsigned long)1 << 40) < 0);
}

static void slice_refill_pays_the_overrun(void **state)
{
	(void)state;
	assert_int_equal(slice_refill(0, 151), 151);
	assert_int_equal(slice_refill(-15, 151), 136);
	assert_int_equal(slice_refill(-150, 151), 1);
	assert_int_equal(slice_refill(-151, 151), 1); /* at least a tick */
	assert_int_equal(slice_refill(-100000, 76), 1);
	assert_int_equal(slice_refill(5, 76), 76); /* nothing overrun */
}

static void period_crossed_when_a_multiple_is_passed(void **state)
{
	(void)state;
	/* one tick at a time: exactly "after is a multiple" */
	for (unsigned long t = 1; t < 1000; t++) {
		assert_int_equal(period_crossed(t - 1, t, 1), true);
		assert_int_equal(period_crossed(t - 1, t, 7), t % 7 == 0);
		assert_int_equal(period_crossed(t - 1, t, 200), t % 200 == 0);
	}
	/* jumps: a multiple anywhere in (before, after] */
	assert_true(period_crossed(198, 201, 200));
	assert_true(period_crossed(199, 200, 200));
	assert_false(period_crossed(200, 201, 200));
	assert_false(period_crossed(201, 399, 200));
	assert_true(period_crossed(201, 400, 200));
	assert_true(period_crossed(5, 5000, 200));
	assert_false(period_crossed(7, 7, 1)); /* no time: nothing crossed */
	assert_true(period_crossed(3, 4, 0));  /* period 0 means 1 */
	/* across the wrap of the counter */
	assert_true(period_crossed(~0UL - 2, 5, 200));
}

static void next_period_keeps_the_phase(void **state)
{
	(void)state;
	/* due now: one period on */
	assert_int_equal(next_period(1000, 1000, 200), 1200);
	/* due a while ago, jiffies jumped: the next one on the same grid */
	assert_int_equal(next_period(1000, 1001, 200), 1200);
	assert_int_equal(next_period(1000, 1199, 200), 1200);
	assert_int_equal(next_period(1000, 1200, 200), 1400);
	assert_int_equal(next_period(7, 5000, 200), 5007);
	assert_int_equal(next_period(7, 5007, 200), 5207);
	/* not due yet: unchanged */
	assert_int_equal(next_period(1000, 999, 200), 1000);
	/* across the wrap */
	assert_int_equal(next_period(~0UL - 9, 5, 200), 190);
	/* always after now, less than a period after it, on the grid */
	u64 rng = 7;
	for (int i = 0; i < 100000; i++) {
		unsigned long next = rng_next(&rng),
			      period = 1 + rng_below(&rng, 500);
		unsigned long now = next + rng_below(&rng, 100000);
		unsigned long got = next_period(next, now, period);
		assert_true((long)(got - now) > 0);
		assert_true(got - now <= period);
		assert_int_equal((got - next) % period, 0);
	}
}

/* --- load balancing ------------------------------------------------------- */

static void sched_imbalance_table(void **state)
{
	(void)state;
	static const struct {
		unsigned long this_load, busiest;
		bool idle;
		unsigned long want;
	} cases[] = {
	    {0, 0, true, 0},	 {0, 1, true, 0},      {0, 2, true, 1},
	    {0, 3, true, 1},	 {0, 8, true, 4},      {1, 8, true, 3},
	    {3, 2, true, 0},	 {5, 5, true, 0},      {4, 5, false, 0},
	    {2, 8, false, 3},	 {4, 6, false, 1},     {0, 2, false, 1},
	    {0, 1, false, 0},	 {1, 3, false, 1},     {3, 8, false, 2},
	    {4, 8, false, 2},	 {5, 8, false, 1},     {8, 8, false, 0},
	    {9, 8, false, 0},	 {10, 20, false, 5},   {11, 20, false, 4},
	    {0, 100, false, 50}, {50, 100, false, 25}, {51, 100, false, 24},
	    {51, 100, true, 24},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned long got = sched_imbalance(
		    cases[i].this_load, cases[i].busiest, cases[i].idle);
		if (got != cases[i].want)
			fail_msg(
			    "sched_imbalance(%lu, %lu, %s) = %lu, want %lu",
			    cases[i].this_load, cases[i].busiest,
			    cases[i].idle ? "idle" : "busy", got,
			    cases[i].want);
	}
}

static void sched_imbalance_properties(void **state)
{
	(void)state;
	for (unsigned long t = 0; t <= 64; t++) {
		for (unsigned long b = 0; b <= 64; b++) {
			unsigned long idle = sched_imbalance(t, b, true);
			unsigned long busy = sched_imbalance(t, b, false);
			if (b <= t) {
				assert_int_equal(idle, 0);
				assert_int_equal(busy, 0);
				continue;
			}
			/* Idle: always half the difference. */
			assert_int_equal(idle, (b - t) / 2);
			/* Busy: the same, or nothing when the difference is
			 * under 25% of the busiest load. */
			if ((b - t) * 4 >= b)
				assert_int_equal(busy, (b - t) / 2);
			else
				assert_int_equal(busy, 0);
			/* Never so much that the two swap places. */
			assert_true(t + idle <= b - idle);
		}
	}
	/* Huge loads: no overflow in (busiest + 3) / 4 near the top. */
	assert_int_equal(sched_imbalance(0, ~0UL - 3, false), (~0UL - 3) / 2);
}

static void sched_mean_cap_table(void **state)
{
	(void)state;
	static const struct {
		unsigned long this_load, busiest, total, ncpus, want;
	} cases[] = {
	    {0, 128, 129, 32, 5}, /* the first idle CPU: its share, not 64 */
	    {0, 8, 9, 32, 1},	  /* mean 0.3: one each */
	    {0, 2, 2, 32, 1},	  {0, 2, 4, 3, 1}, /* 2, 2, 0: one still */
	    {2, 5, 16, 4, 1},	  {3, 5, 16, 4, 1}, {4, 5, 16, 4, 0},
	    {0, 3, 3, 2, 2},  /* mean 1.5: up to 2, busiest to 1 */
	    {5, 9, 20, 4, 0}, /* above the mean already */
	    {0, 4, 4, 1, 0},	  {0, 5, 5, 0, 0}, /* no CPUs: nothing */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned long got =
		    sched_mean_cap(cases[i].this_load, cases[i].busiest,
				   cases[i].total, cases[i].ncpus);
		if (got != cases[i].want)
			fail_msg("sched_mean_cap(%lu, %lu, %lu tasks on %lu "
				 "CPUs) = %lu, want %lu",
				 cases[i].this_load, cases[i].busiest,
				 cases[i].total, cases[i].ncpus, got,
				 cases[i].want);
	}
}

/* On every small machine state - n CPUs, this one with t tasks, the
 * busiest with b, the other n - 2 with `rest` together (at most b each):
 * a pull of min(imbalance, cap) never takes this CPU above the mean
 * rounded up, nor the busiest below it rounded down, and an idle CPU still
 * gets a task whenever the busiest has two. */
static void sched_mean_cap_properties(void **state)
{
	(void)state;
	for (unsigned long n = 2; n <= 8; n++)
		for (unsigned long t = 0; t <= 12; t++)
			for (unsigned long b = t; b <= 12; b++)
				for (unsigned long rest = 0;
				     rest <= (n - 2) * b; rest++) {
					unsigned long total = t + b + rest;
					unsigned long pull =
					    MIN(sched_mean_cap(t, b, total, n),
						sched_imbalance(t, b, true));
					assert_true(!pull ||
						    t + pull <=
							(total + n - 1) / n);
					assert_true(b - pull >= total / n ||
						    !pull);
					if (t == 0 && b >= 2)
						assert_true(pull >= 1);
				}
}

/* --- simulation: CPU share of two CPU hogs -------------------------------- */

struct sim_task {
	struct task t;
	unsigned long ran;
};

/*
 * One CPU, n always-runnable tasks, `ticks` timer ticks, run by the
 * kernel's own rules (kernel/sched_tick.c): each tick, the task that
 * slice_pick_next() chooses runs and slice_tick_normal() charges it - its
 * sleep_avg and slice drop by one; at the end of the slice it gets a new
 * priority and slice, and goes to the expired array unless interactive
 * (and the expired tasks are not starving).
 */
static void simulate(struct sim_task *st, int n, unsigned hz,
		     unsigned long ticks)
{
	struct prio_array *arrays[2] = {new_array(), new_array()};
	struct prio_array *active = arrays[0], *expired = arrays[1];
	unsigned long expired_timestamp = 0;
	struct slice_queues q = {&active, &expired, &expired_timestamp,
				 (unsigned long)n};

	for (int i = 0; i < n; i++) {
		struct task *p = &st[i].t;
		p->prio = effective_prio(p->policy, p->static_prio,
					 p->rt_priority, p->sleep_avg, hz);
		p->time_slice = task_timeslice(p->static_prio, hz);
		enqueue_task(p, active);
	}

	for (unsigned long jiffies = 1; jiffies <= ticks; jiffies++) {
		struct task *p = slice_pick_next(&q);
		assert_non_null(p);
		assert_ptr_equal(p->array, active);
		container_of(p, struct sim_task, t)->ran++;
		assert_true(p->time_slice > 0);
		slice_tick_normal(p, &q, 1, jiffies, hz);
		assert_int_equal(active->nr_active + expired->nr_active,
				 (unsigned)n);
	}
	test_free(arrays[0]);
	test_free(arrays[1]);
}

/*
 * The same CPU when timer interrupts come late: each one charges the task
 * that ran since the last the 1..max_gap ticks that really passed, as
 * scheduler_tick() does (slice_tick_normal() with ticks > 1: an overrun is
 * paid from the next slice).  Returns the number of interrupts.
 */
static unsigned long simulate_late_ticks(struct sim_task *st, int n,
					 unsigned hz, unsigned long ticks,
					 unsigned long max_gap, u64 seed)
{
	struct prio_array *arrays[2] = {new_array(), new_array()};
	struct prio_array *active = arrays[0], *expired = arrays[1];
	unsigned long expired_timestamp = 0, interrupts = 0;
	struct slice_queues q = {&active, &expired, &expired_timestamp,
				 (unsigned long)n};

	for (int i = 0; i < n; i++) {
		struct task *p = &st[i].t;
		p->time_slice = task_timeslice(p->static_prio, hz);
		enqueue_task(p, active);
	}
	for (unsigned long now = 0; now < ticks; interrupts++) {
		struct task *p = slice_pick_next(&q);
		unsigned long gap = 1 + rng_below(&seed, max_gap);
		gap = MIN(gap, ticks - now);
		now += gap;
		container_of(p, struct sim_task, t)->ran += gap;
		if (slice_tick_normal(p, &q, gap, now, hz))
			assert_true(p->time_slice > 0);
	}
	test_free(arrays[0]);
	test_free(arrays[1]);
	return interrupts;
}

static void sim_pair(struct sim_task st[2], unsigned long sleep_avg)
{
	st[0] = st[1] = (struct sim_task){0};
	task_init(&st[0].t, 0, NICE_TO_PRIO(0));
	task_init(&st[1].t, 1, NICE_TO_PRIO(10));
	st[0].t.sleep_avg = sleep_avg;
	st[1].t.sleep_avg = sleep_avg;
}

/* |ratio - want| within 5% of want. */
static void assert_share(unsigned long a, unsigned long b, double want)
{
	double ratio = (double)a / (double)b;
	if (ratio < want * 0.95 || ratio > want * 1.05)
		fail_msg("CPU share %lu:%lu = %.4f, want %.4f +- 5%%", a, b,
			 ratio, want);
}

static void nice_0_and_nice_10_share_cpu_by_timeslice(void **state)
{
	(void)state;
	struct sim_task st[2];

	sim_pair(st, 0);
	simulate(st, 2, 1000, 100000);
	assert_int_equal(st[0].ran + st[1].ran, 100000);
	assert_share(st[0].ran, st[1].ran, 151.0 / 76.0);
	/* Each round is 151 + 76 ticks: whole rounds give it exactly. */
	sim_pair(st, 0);
	simulate(st, 2, 1000, 227 * 400);
	assert_int_equal(st[0].ran, 151 * 400);
	assert_int_equal(st[1].ran, 76 * 400);

	/* At hz=100 the slices are 15 and 7 ticks. */
	sim_pair(st, 0);
	simulate(st, 2, 100, 10000);
	assert_share(st[0].ran, st[1].ran, 15.0 / 7.0);
}

/*
 * Timer interrupts that come late and charge several ticks at once: the
 * share is still the ratio of the slices, because a slice overrun is paid
 * from the next one.  (Given a fresh slice instead, each task would keep
 * its overruns, about half a gap per slice, and with gaps of up to 100
 * ticks the ratio would fall from 1.99 to 1.73.)
 */
static void late_ticks_still_share_cpu_by_timeslice(void **state)
{
	(void)state;
	struct sim_task st[2];
	static const unsigned long gaps[] = {1, 2, 10, 50, 100};

	for (size_t i = 0; i < sizeof(gaps) / sizeof(gaps[0]); i++) {
		sim_pair(st, 0);
		unsigned long irqs =
		    simulate_late_ticks(st, 2, 1000, 1000000, gaps[i], 42 + i);
		assert_int_equal(st[0].ran + st[1].ran, 1000000);
		assert_true(irqs <= 1000000 / ((gaps[i] + 1) / 2) + 1000);
		assert_share(st[0].ran, st[1].ran, 151.0 / 76.0);
	}
	/* At hz=100 (slices 15 and 7 ticks), gaps of up to 5 ticks. */
	sim_pair(st, 0);
	simulate_late_ticks(st, 2, 100, 100000, 5, 7);
	assert_share(st[0].ran, st[1].ran, 15.0 / 7.0);
}

static void hogs_lose_interactivity_and_share_by_timeslice(void **state)
{
	(void)state;
	struct sim_task st[2];

	/* From sleep_avg 0 (neither interactive): the same share, and the
	 * priorities the bonus of 0 gives. */
	sim_pair(st, 0);
	simulate(st, 2, 1000, 100000);
	assert_share(st[0].ran, st[1].ran, 151.0 / 76.0);
	assert_int_equal(st[0].t.prio, 125);
	assert_int_equal(st[1].t.prio, 135);

	/* Starting fully "interactive" (sleep_avg at max): they run their
	 * bonus away within a few seconds, then share by time slice. */
	sim_pair(st, max_sleep_avg(1000));
	simulate(st, 2, 1000, 100000);
	assert_share(st[0].ran, st[1].ran, 151.0 / 76.0);
	assert_int_equal(st[0].t.sleep_avg, 0);
	assert_int_equal(st[1].t.sleep_avg, 0);
	assert_false(task_interactive(st[0].t.prio, st[0].t.static_prio));
	assert_false(task_interactive(st[1].t.prio, st[1].t.static_prio));
}

/* --- creation and exit accounting (sched_fork/sched_exit) ---------------- */

static void fork_child_slice_takes_half_rounded_up(void **state)
{
	(void)state;
	/* Linux 2.5: p->time_slice = (current->time_slice + 1) >> 1 */
	assert_int_equal(fork_child_slice(151), 76);
	assert_int_equal(fork_child_slice(150), 75);
	assert_int_equal(fork_child_slice(2), 1);
	assert_int_equal(fork_child_slice(1), 1); /* the last tick goes */
	assert_int_equal(fork_child_slice(0), 0);
	assert_int_equal(fork_child_slice(-3), 0); /* an overrun: nothing */
}

static void fork_split_adds_up_to_what_there_was(void **state)
{
	(void)state;
	for (int left = 0; left <= 3000; left++) {
		int child = fork_child_slice(left), kept = left - child;
		assert_true(child >= 0 && kept >= 0);
		assert_int_equal(child + kept, left);
		assert_true(child >= kept && child - kept <= 1);
	}
}

/* A nice 0 task at hz=1000 (151 ticks) starts 100 threads: their first
 * slices and what it keeps add up to its 151 ticks, halving each time
 * (76, 38, 19, 9, 5, 2, 1, 1, then nothing left to give). */
static void a_hundred_children_share_one_slice(void **state)
{
	(void)state;
	const int want[] = {76, 38, 19, 9, 5, 2, 1, 1, 0, 0};
	int parent = task_timeslice(NICE_TO_PRIO(0), 1000), given = 0;
	assert_int_equal(parent, 151);
	for (int i = 0; i < 100; i++) {
		int child = fork_child_slice(parent);
		parent -= child;
		given += child;
		if (i < 10)
			assert_int_equal(child, want[i]);
	}
	assert_int_equal(parent, 0);
	assert_int_equal(given + parent, 151);
}

static void fork_sleep_avg_penalties(void **state)
{
	(void)state;
	/* CHILD_PENALTY 95%, PARENT_PENALTY 100% (Linux 2.5) */
	assert_int_equal(fork_child_sleep_avg(2000), 1900);
	assert_int_equal(fork_child_sleep_avg(1000), 950);
	assert_int_equal(fork_child_sleep_avg(19), 18); /* rounded down */
	assert_int_equal(fork_child_sleep_avg(0), 0);
	assert_int_equal(fork_parent_sleep_avg(2000), 2000);
	assert_int_equal(fork_parent_sleep_avg(0), 0);
	/* a child of the most interactive parent is a little less so */
	unsigned long max = max_sleep_avg(1000);
	assert_true(sleep_bonus(fork_child_sleep_avg(max), 1000) <=
		    sleep_bonus(max, 1000));
}

static void exit_gives_back_the_unused_first_slice(void **state)
{
	(void)state;
	assert_int_equal(exit_parent_slice(75, 76, 151), 151);
	assert_int_equal(exit_parent_slice(10, 5, 151), 15);
	assert_int_equal(exit_parent_slice(100, 100, 151), 151); /* capped */
	assert_int_equal(exit_parent_slice(10, 0, 151), 10);
	assert_int_equal(exit_parent_slice(10, -2, 151), 10); /* overran */
	assert_int_equal(exit_parent_slice(151, 30, 151), 151);
	assert_int_equal(exit_parent_slice(160, 30, 151), 160); /* never less */
	assert_int_equal(exit_parent_slice(0, 1, 10), 1);
}

/* Fork then exit with the child's first slice untouched gives the creator
 * back exactly what it had, for every slice a nice value can have. */
static void fork_then_exit_unused_is_a_round_trip(void **state)
{
	(void)state;
	for (size_t h = 0; h < NR_SOME_HZ; h++) {
		for (int nice = NICE_MIN; nice <= NICE_MAX; nice++) {
			int full =
			    task_timeslice(NICE_TO_PRIO(nice), some_hz[h]);
			for (int left = 1; left <= full; left++) {
				int child = fork_child_slice(left);
				assert_int_equal(exit_parent_slice(left - child,
								   child, full),
						 left);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(init_gives_an_empty_array),
	    cmocka_unit_test(enqueue_dequeue_at_every_priority),
	    cmocka_unit_test(tasks_of_one_priority_run_in_fifo_order),
	    cmocka_unit_test(enqueue_task_head_goes_next),
	    cmocka_unit_test(requeue_task_is_round_robin),
	    cmocka_unit_test(random_operations_match_a_reference_model),
	    cmocka_unit_test(becoming_realtime_leaves_the_expired_array),
	    cmocka_unit_test(ms_to_ticks_rounds_down_but_never_to_zero),
	    cmocka_unit_test(timeslice_at_hz_1000),
	    cmocka_unit_test(timeslice_at_hz_100_and_250),
	    cmocka_unit_test(timeslice_is_never_zero),
	    cmocka_unit_test(sleep_bonus_spans_minus_5_to_plus_5),
	    cmocka_unit_test(effective_prio_is_clamped_to_normal_range),
	    cmocka_unit_test(effective_prio_of_realtime_tasks),
	    cmocka_unit_test(interactive_threshold_for_nice_0),
	    cmocka_unit_test(niced_tasks_need_more_bonus),
	    cmocka_unit_test(nice_16_to_19_are_never_interactive),
	    cmocka_unit_test(sleep_avg_after_sleep_caps_at_max),
	    cmocka_unit_test(expired_starving_thresholds),
	    cmocka_unit_test(sleep_avg_after_run_stops_at_0),
	    cmocka_unit_test(slice_after_run_goes_below_0_by_the_overrun),
	    cmocka_unit_test(slice_refill_pays_the_overrun),
	    cmocka_unit_test(period_crossed_when_a_multiple_is_passed),
	    cmocka_unit_test(next_period_keeps_the_phase),
	    cmocka_unit_test(sched_imbalance_table),
	    cmocka_unit_test(sched_imbalance_properties),
	    cmocka_unit_test(sched_mean_cap_table),
	    cmocka_unit_test(sched_mean_cap_properties),
	    cmocka_unit_test(nice_0_and_nice_10_share_cpu_by_timeslice),
	    cmocka_unit_test(late_ticks_still_share_cpu_by_timeslice),
	    cmocka_unit_test(hogs_lose_interactivity_and_share_by_timeslice),
	    cmocka_unit_test(fork_child_slice_takes_half_rounded_up),
	    cmocka_unit_test(fork_split_adds_up_to_what_there_was),
	    cmocka_unit_test(a_hundred_children_share_one_slice),
	    cmocka_unit_test(fork_sleep_avg_penalties),
	    cmocka_unit_test(exit_gives_back_the_unused_first_slice),
	    cmocka_unit_test(fork_then_exit_unused_is_a_round_trip),
	};

	return run_suite("sched", tests);
}

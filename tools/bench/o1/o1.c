/*
 * tools/bench/o1/o1.c - Tern's real schedule() and scheduler_tick() with
 * 1 to 100,000 runnable tasks, beside an O(n) picker (docs/bench-o1.md).
 *
 *   o1 tern N K   N runnable tasks on CPU 0's runqueue, then K times: a
 *                 timer tick (scheduler_tick()) and schedule()
 *   o1 scan N K   the same N tasks in scan.c's table, then K times:
 *                 scan_tick() and scan_schedule()
 *   o1 check      no measuring: for N = 1, 2, 10, 100 and 1000 tasks, a few
 *                 thousand ticks, sleeps, wake-ups, yields and priority
 *                 changes, checking after each one that the task
 *                 schedule() left running is one the O(n) scan finds
 *                 best, and the kernel's own invariants (sched_check());
 *                 exit status 0 when every step passed
 *
 * Task i has nice (i mod 40) - 20: the forty nice levels in turn, so one
 * task is a nice -20 one, 40 tasks are one of each level, and 100,000
 * tasks are 2,500 of each.  Each is created as kthread_create() creates a
 * thread (sched_fork()), given its nice value (set_user_nice()) and woken
 * (wake_up_process()): all through kernel/sched.c.
 *
 * Under callgrind (tools/bench/o1.sh) only the measured functions count:
 * the program switches instrumentation on once the tasks are set up
 * (client requests, <valgrind/callgrind.h>), and callgrind collects only
 * inside scheduler_tick() and schedule() (or scan_tick() and
 * scan_schedule()), callees included (--toggle-collect).  The program
 * prints what happened in the measured calls (switches, slices ended) so
 * that the counts can be read with it.
 */
#include "tools/bench/o1/o1.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/sched_calc.h"
#include "kernel/sched_check.h"
#include "kernel/smp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#define HAVE_CALLGRIND 0
#endif

void host_vlog(const char *fmt, va_list ap)
{
	vprintf(fmt, ap);
	fflush(stdout);
}

void host_log(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	host_vlog(fmt, ap);
	va_end(ap);
}

/* The end of every failure: the message, its line ended, exit status 1.
 * The callers print their own prefix first. */
static __noreturn void vdie(const char *fmt, va_list ap)
{
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	exit(1);
}

void host_die(const char *fmt, ...)
{
	va_list ap;
	printf("o1: ");
	va_start(ap, fmt);
	vdie(fmt, ap);
	va_end(ap);
}

static int nice_of(unsigned i)
{
	return (int)(i % 40) - 20;
}

/* n tasks in one array, named and numbered, not yet anybody's. */
static struct task *tasks_alloc(unsigned n)
{
	struct task *t = calloc(n, sizeof(*t));
	if (!t)
		host_die("no memory for %u tasks", n);
	for (unsigned i = 0; i < n; i++) {
		struct task *p = &t[i];
		p->pid = (int)i + 1;
		snprintf(p->name, sizeof(p->name), "task%u", i);
		INIT_LIST_HEAD(&p->run_list);
		INIT_LIST_HEAD(&p->tasks);
	}
	return t;
}

/* Boot the one CPU and put the n tasks on its runqueue, each created as
 * kthread_create() creates a thread, then niced, then woken. */
static void tern_setup(struct task *t, unsigned n)
{
	env_boot();
	for (unsigned i = 0; i < n; i++) { /* all by the idle task */
		struct task *p = &t[i];
		p->usage = 1;
		p->state = TASK_UNINTERRUPTIBLE;
		p->preempt_count = 1; /* for the rq lock it will release */
		sched_fork(p);
		p->cpus_allowed = cpu_online_mask;
		p->cpu = cpu_id();
		list_add_tail(&p->tasks, &task_list);
	}
	for (unsigned i = 0; i < n; i++) {
		set_user_nice(&t[i], nice_of(i));
		wake_up_process(&t[i]); /* the first one preempts idle */
	}
}

/* The same n tasks for the O(n) scheduler: the same priorities (Tern's
 * start with no sleep bonus either), the same slices. */
static void scan_setup(struct scan_table *st, struct task *t, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		struct task *p = &t[i];
		p->state = TASK_RUNNING;
		p->static_prio = NICE_TO_PRIO(nice_of(i));
		p->prio = p->static_prio;
		p->time_slice = task_timeslice(p->static_prio, HOST_HZ);
	}
	*st = (struct scan_table){.task = t, .n = n};
	scan_schedule(st);
}

/* The measured loops: only the functions named in o1.sh's
 * --toggle-collect count, not the loop or the timer around them. */
static __noinline void tern_run(unsigned long k)
{
	for (unsigned long i = 0; i < k; i++) {
		env_tick_enter();
		scheduler_tick();
		env_tick_exit(false);
		schedule();
	}
}

static __noinline void scan_run(struct scan_table *st, unsigned long k)
{
	for (unsigned long i = 0; i < k; i++) {
		scan_tick(st);
		scan_schedule(st);
	}
}

static unsigned long slices_ended(const struct task *t, unsigned n)
{
	unsigned long s = 0;
	for (unsigned i = 0; i < n; i++)
		s += !t[i].first_time_slice;
	return s;
}

static int bench(const char *which, unsigned n, unsigned long k)
{
	struct task *t = tasks_alloc(n);
	char why[160];

	if (which[0] == 't') {
		tern_setup(t, n);
		unsigned long sw = env_switches;
		CALLGRIND_START_INSTRUMENTATION;
		tern_run(k);
		CALLGRIND_STOP_INSTRUMENTATION;
		if (sched_check(why, sizeof(why)))
			host_die("after the run: %s", why);
		printf(
		    "tern: N=%u K=%lu switches=%lu tasks_that_used_a_slice=%lu "
		    "callgrind_requests=%d\n",
		    n, k, env_switches - sw, slices_ended(t, n),
		    HAVE_CALLGRIND);
	} else {
		struct scan_table st;
		scan_setup(&st, t, n);
		unsigned long sw = 0;
		for (unsigned i = 0; i < n; i++)
			sw -= t[i].nr_switches;
		CALLGRIND_START_INSTRUMENTATION;
		scan_run(&st, k);
		CALLGRIND_STOP_INSTRUMENTATION;
		for (unsigned i = 0; i < n; i++)
			sw += t[i].nr_switches;
		printf("scan: N=%u K=%lu switches=%lu callgrind_requests=%d\n",
		       n, k, sw, HAVE_CALLGRIND);
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * The check
 */

struct checker {
	struct task *t;
	unsigned n;
	struct scan_table st; /* the same tasks, for scan_pick() */
	u64 rng;
	unsigned long step;
	const char *what; /* the step just made, for the report */
	unsigned long idle_steps, switches;
};

/* xorshift64*: the same steps on every run. */
static u64 rnd(struct checker *c)
{
	c->rng ^= c->rng >> 12;
	c->rng ^= c->rng << 25;
	c->rng ^= c->rng >> 27;
	return c->rng * 2685821657736338717ULL;
}

static __noreturn void check_failed(struct checker *c, const char *fmt, ...)
{
	va_list ap;
	printf("o1 check: N=%u, step %lu (%s): ", c->n, c->step, c->what);
	va_start(ap, fmt);
	vdie(fmt, ap);
	va_end(ap);
}

/* After each step: is the right task running? */
static void verify(struct checker *c)
{
	struct runqueue *rq = cpu_rq(0);
	struct task *cur = current, *idle = sched_idle_task(0);
	char why[160];

	if (sched_check(why, sizeof(why)))
		check_failed(c, "sched_check: %s", why);
	if (cur != rq->curr || cur != this_cpu()->curr_task)
		check_failed(c, "current is %s, rq->curr %s", cur->name,
			     rq->curr->name);
	if (cur->preempt_count || !host_irqs_on || in_interrupt())
		check_failed(c,
			     "%s runs with preempt_count %d, interrupts %s, "
			     "in_interrupt %d",
			     cur->name, cur->preempt_count,
			     host_irqs_on ? "on" : "off", in_interrupt());

	/* the O(n) scan over every task, counting those Tern may pick now:
	 * the tasks queued in the active array */
	struct task *best = scan_pick(&c->st, rq->active);
	if (!rq->nr_running) {
		if (cur != idle || scan_pick(&c->st, NULL))
			check_failed(c,
				     "no task is queued, yet %s runs and the "
				     "scan finds a runnable task",
				     cur->name);
		c->idle_steps++;
		return;
	}
	if (cur == idle)
		check_failed(c, "%lu tasks are queued, yet the CPU idles",
			     rq->nr_running);
	if (!best)
		check_failed(c,
			     "%s runs, but the scan finds no runnable task in "
			     "the active array",
			     cur->name);
	if (cur->state != TASK_RUNNING || cur->array != rq->active)
		check_failed(c, "%s runs but is %s", cur->name,
			     cur->state != TASK_RUNNING
				 ? "not TASK_RUNNING"
				 : "not in the active array");
	if (cur->prio != best->prio)
		check_failed(c,
			     "schedule() left %s (prio %d) running, but the "
			     "O(n) scan finds %s (prio %d) runnable in the "
			     "active array",
			     cur->name, cur->prio, best->name, best->prio);
}

/* One step of the mixed workload: mostly ticks, then sleeps, wake-ups,
 * yields, nice and policy changes, each through the kernel's own calls. */
static void mixed_step(struct checker *c)
{
	struct task *cur = current, *idle = sched_idle_task(0);
	struct task *p = &c->t[rnd(c) % c->n];
	unsigned r = (unsigned)(rnd(c) % 100);

	if (r < 55) {
		c->what = "a timer tick";
		env_tick_enter();
		scheduler_tick();
		env_tick_exit(true);
	} else if (r < 67) {
		if (cur == idle) {
			c->what = "nothing, idle";
			return;
		}
		c->what = "the running task went to sleep";
		cur->state = r & 1 ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE;
		schedule();
	} else if (r < 85) {
		c->what = "a wake-up";
		wake_up_process(p); /* preempts by itself if it must */
	} else if (r < 90) {
		if (cur == idle) {
			c->what = "nothing, idle";
			return;
		}
		c->what = "yield()";
		yield();
	} else if (r < 96) {
		c->what = "set_user_nice()";
		set_user_nice(p, (int)(rnd(c) % 40) - 20);
	} else {
		unsigned pick = (unsigned)(rnd(c) % 4);
		int policy = pick < 2 ? SCHED_NORMAL
				      : (pick == 2 ? SCHED_RR : SCHED_FIFO);
		int rt = policy == SCHED_NORMAL ? 0 : 1 + (int)(rnd(c) % 99);
		c->what = "sched_setscheduler()";
		if (sched_setscheduler(p, policy, rt))
			check_failed(c, "sched_setscheduler refused %d, %d",
				     policy, rt);
	}
}

static void check_n(unsigned n, unsigned long bench_steps,
		    unsigned long mixed_steps)
{
	struct checker c = {.n = n, .rng = 0x7e57ULL * (n + 1)};
	c.t = tasks_alloc(n);
	c.st = (struct scan_table){.task = c.t, .n = n};
	c.what = "setting up";
	tern_setup(c.t, n);
	verify(&c);

	/* first exactly what the benchmark measures: tick, schedule() */
	for (c.step = 1; c.step <= bench_steps; c.step++) {
		c.what = "a tick and schedule(), as measured";
		env_tick_enter();
		scheduler_tick();
		env_tick_exit(false);
		schedule();
		verify(&c);
	}
	unsigned long sw = env_switches;
	for (; c.step <= bench_steps + mixed_steps; c.step++) {
		mixed_step(&c);
		verify(&c);
	}
	printf("o1 check: N=%u: %lu steps, %lu switches, %lu steps idle; "
	       "schedule() left the best task running after every one\n",
	       n, c.step - 1, env_switches - sw, c.idle_steps);
}

/* Each N in a process of its own: the kernel's state starts afresh, and
 * a crash is reported as this N's failure. */
static int check(void)
{
	static const unsigned ns[] = {1, 2, 10, 100, 1000};
	unsigned failed = 0, steps = 0;

	for (unsigned i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		fflush(stdout);
		pid_t pid = fork();
		if (pid < 0)
			host_die("fork failed");
		if (pid == 0) {
			check_n(ns[i], 2000, 4000);
			exit(0);
		}
		int st;
		if (waitpid(pid, &st, 0) < 0)
			host_die("waitpid failed");
		if (WIFSIGNALED(st)) {
			printf("o1 check: N=%u: the program crashed (signal %d)"
			       "\n",
			       ns[i], WTERMSIG(st));
			failed++;
		} else if (WEXITSTATUS(st)) {
			failed++;
		}
		steps += 6000;
	}
	if (failed)
		printf("o1 check: FAILED for %u of 5 task counts\n", failed);
	else
		printf(
		    "o1 check: ok, N = 1, 2, 10, 100, 1000, %u steps: "
		    "schedule() always ran a task the O(n) scan finds best\n",
		    steps);
	return failed ? 1 : 0;
}

static unsigned long number(const char *s, const char *what)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || v == 0 || v > 10000000)
		host_die("%s '%s' is not a number from 1 to 10000000", what, s);
	return v;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "check"))
		return check();
	if (argc == 4 && (!strcmp(argv[1], "tern") || !strcmp(argv[1], "scan")))
		return bench(argv[1], (unsigned)number(argv[2], "N"),
			     number(argv[3], "K"));
	fprintf(stderr,
		"usage: %s tern|scan N K   (measure, under callgrind: "
		"tools/bench/o1.sh)\n"
		"       %s check           (the harness's own check)\n",
		argv[0], argv[0]);
	return 2;
}

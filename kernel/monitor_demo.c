/*
 * kernel/monitor_demo.c - the monitor's `demo`: a small mixed workload
 * that makes every kind of scheduler decision happen, for `trace` and
 * `top` to show (and `make trace` to draw).
 *
 *   sleepers   four threads that sleep 1-4 ms, then compute a little:
 *              wake-ups, and short runs between idle stretches
 *   ping, pong two threads on different CPUs that wake each other in
 *              turn: cross-CPU wake-ups, each with a reschedule IPI
 *   pinner     a thread that moves itself to the next CPU every 2 ms
 *              through set_cpus_allowed(): the migration queue and the
 *              migration threads at work
 * Together with `spin N` (CPU hogs the load balancer spreads), that is
 * the scheduler's whole repertoire.  `demo stop` ends them and waits.
 */
#include "kernel/monitor_demo.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/wait.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#define NR_SLEEPERS 4

static volatile bool demo_stop;
static unsigned demo_running;
static struct completion demo_done;
static struct completion ping_turn, pong_turn;

static bool stopping(void)
{
	return READ_ONCE(demo_stop);
}

/* A little work that the compiler cannot drop. */
static void compute(unsigned n)
{
	for (volatile unsigned i = 0; i < n; i++)
		;
}

static void sleeper(void *arg)
{
	unsigned ms = 1 + (unsigned)(unsigned long)arg;
	while (!stopping()) {
		msleep(ms);
		compute(20000);
		ms = ms % 4 + 1;
	}
	complete(&demo_done);
}

/* Ping and pong take turns: each waits for its turn, then gives the
 * other one.  demo stop opens both turns for good (complete_all). */
struct turns {
	struct completion *mine, *theirs;
};

static void player(void *arg)
{
	const struct turns *t = arg;
	while (!stopping()) {
		wait_for_completion(t->mine);
		compute(5000);
		complete(t->theirs);
	}
	complete(&demo_done);
}

static const struct turns ping_turns = {&ping_turn, &pong_turn};
static const struct turns pong_turns = {&pong_turn, &ping_turn};

static void pinner(void *arg)
{
	(void)arg;
	unsigned cpu = 0;
	while (!stopping()) {
		cpu = cpumask_next((int)cpu, &cpu_online_mask);
		if (cpu >= NR_CPUS)
			cpu = cpumask_first(&cpu_online_mask);
		cpumask_t m = cpumask_of(cpu);
		set_cpus_allowed(current, &m);
		compute(10000);
		msleep(2);
	}
	complete(&demo_done);
}

/* Start fn on `cpu` (when online), counting it in demo_running. */
static void start(void (*fn)(void *), void *arg, unsigned cpu, const char *name)
{
	struct task *t = kthread_create(fn, arg, "%s", name);
	if (!t) {
		printk("demo: no memory for %s\n", name);
		return;
	}
	if (cpu_online(cpu))
		kthread_bind(t, cpu);
	demo_running++;
	wake_up_process(t);
}

static int demo_start(void)
{
	char name[16];
	unsigned n = num_online_cpus();
	if (demo_running) {
		printk("demo: already running (demo stop ends it)\n");
		return -1;
	}
	demo_stop = false;
	init_completion(&demo_done);
	init_completion(&ping_turn);
	init_completion(&pong_turn);
	for (unsigned i = 0; i < NR_SLEEPERS; i++) {
		snprintf(name, sizeof(name), "sleeper/%u", i);
		start(sleeper, (void *)(unsigned long)i, NR_CPUS, name);
	}
	/* on two different CPUs when there are two: every wake-up then
	 * crosses between CPUs */
	start(player, (void *)&ping_turns, n > 1 ? 1 : 0, "ping");
	start(player, (void *)&pong_turns, n > 2 ? 2 : 0, "pong");
	start(pinner, NULL, NR_CPUS, "pinner");
	complete(&ping_turn); /* serve */
	printk("demo: %u sleepers, ping and pong, and a pinner running "
	       "(demo stop ends them)\n",
	       NR_SLEEPERS);
	return 0;
}

static int demo_end(void)
{
	unsigned n = demo_running;
	if (!n) {
		printk("demo: not running\n");
		return -1;
	}
	WRITE_ONCE(demo_stop, true);
	complete_all(&ping_turn);
	complete_all(&pong_turn);
	for (unsigned i = 0; i < n; i++)
		wait_for_completion(&demo_done);
	demo_running = 0;
	printk("demo: stopped (%u threads)\n", n);
	return 0;
}

int cmd_demo(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "start";
	if (!strcmp(what, "start"))
		return demo_start();
	if (!strcmp(what, "stop"))
		return demo_end();
	printk("demo: '%s' is not start or stop\n", what);
	return -1;
}

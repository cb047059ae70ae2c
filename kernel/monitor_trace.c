/*
 * kernel/monitor_trace.c - the monitor's `trace` and `top`: what the
 * scheduler did over time, rather than a snapshot of what it holds now.
 *
 * `trace` drives kernel/trace.c: on, off, clear, and dump (all CPUs merged
 * by time, or one CPU), in the text format of docs/trace.md, which
 * tools/trace turns into a timeline.  `top` samples each CPU's idle time
 * once a second and draws a bar per CPU, with what it runs and how many
 * tasks wait there, until a key is pressed (or for N seconds).
 */
#include "kernel/monitor_trace.h"
#include "kernel/console_input.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/trace.h"
#include "kernel/wait.h"
#include "lib/string.h"

/* --- trace ------------------------------------------------------------- */

static int trace_dump_arg(const char *arg)
{
	unsigned long long cpu;
	if (kstrtoull(arg, 10, &cpu) || cpu >= NR_CPUS ||
	    !cpu_online((unsigned)cpu)) {
		printk("trace: '%s' is not an online CPU (0..%u)\n", arg,
		       num_online_cpus() - 1);
		return -1;
	}
	trace_dump((int)cpu);
	return 0;
}

int cmd_trace(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	if (!strcmp(what, "on")) {
		trace_start();
		printk("trace: on\n");
	} else if (!strcmp(what, "off")) {
		trace_stop();
		printk("trace: off\n");
	} else if (!strcmp(what, "clear")) {
		trace_clear();
		printk("trace: cleared\n");
	} else if (!strcmp(what, "dump")) {
		if (argc > 2)
			return trace_dump_arg(argv[2]);
		trace_dump(-1);
	} else if (argc == 1) {
		printk("trace: %s; trace on|off|clear|dump [CPU]\n",
		       trace_running() ? "on" : "off");
	} else {
		printk("trace: '%s' is not on, off, clear or dump\n", what);
		return -1;
	}
	return 0;
}

/* --- top ----------------------------------------------------------------- */

/* What one CPU had done at the last sample. */
struct top_sample {
	u64 accounted; /* ticks of time its timer has accounted */
	u64 idle;      /* of those, ticks its idle task ran */
};

static struct top_sample last[NR_CPUS];

static void take_sample(unsigned cpu, struct top_sample *s)
{
	s->accounted = READ_ONCE(cpu_data[cpu].tick.accounted);
	s->idle = READ_ONCE(sched_idle_task(cpu)->ticks_run);
}

/* Busy percent since the last sample: the ticks not spent idle. */
static unsigned busy_percent(unsigned cpu)
{
	struct top_sample now;
	take_sample(cpu, &now);
	u64 all = now.accounted - last[cpu].accounted;
	u64 idle = now.idle - last[cpu].idle;
	last[cpu] = now;
	if (!all)
		return 0;
	return idle >= all ? 0 : (unsigned)((all - idle) * 100 / all);
}

#define BAR_WIDTH 20

static void top_line(unsigned cpu)
{
	char bar[BAR_WIDTH + 1];
	unsigned pct = busy_percent(cpu);
	unsigned fill = (pct * BAR_WIDTH + 50) / 100;
	struct runqueue *rq = cpu_rq(cpu);
	/* Read without the runqueue lock: a moment old at worst. */
	struct task *curr = READ_ONCE(rq->curr);
	for (unsigned i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < fill ? '#' : ' ';
	bar[BAR_WIDTH] = '\0';
	printk("%3u [%s] %3u%%  %4lu  %s (%d)\n", cpu, bar, pct,
	       READ_ONCE(rq->nr_running), curr->name, curr->pid);
}

static void top_frame(unsigned n)
{
	unsigned cpu;
	/* ANSI: cursor home, clear the screen; a log shows frames one after
	 * another. */
	console_write("\033[H\033[2J", 7);
	printk("top: frame %u at %llu ms, %u CPUs, %lu threads; any key "
	       "quits\n",
	       n, ms_since_boot(), num_online_cpus(), nr_threads);
	printk("cpu busy                         run  running (pid)\n");
	for_each_cpu(cpu, &cpu_online_mask)
		top_line(cpu);
}

/* A key typed (or Ctrl-C) ends top; it is taken, not left for the
 * shell. */
static bool key_pressed(void)
{
	if (console_take_interrupt())
		return true;
	return console_trygetc() >= 0;
}

int cmd_top(int argc, char **argv)
{
	unsigned cpu, n = 0;
	unsigned long long seconds = 0;
	if (argc > 1 &&
	    (kstrtoull(argv[1], 10, &seconds) || !seconds || seconds > 86400)) {
		printk("top: '%s' is not a number of seconds\n", argv[1]);
		return -1;
	}
	for_each_cpu(cpu, &cpu_online_mask)
		take_sample(cpu, &last[cpu]);
	for (;;) {
		/* a second, in tenths, so that a key is answered at once */
		for (int i = 0; i < 10; i++) {
			if (key_pressed())
				return 0;
			msleep(100);
		}
		top_frame(++n);
		if (seconds && n == seconds)
			return 0;
	}
}

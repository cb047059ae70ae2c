/*
 * kernel/monitor.c - a small shell for looking inside the running kernel.
 *
 * After boot the init thread sits here: readline() prints `tern> ` and
 * collects a line, with editing keys and history (asleep until a key
 * arrives: console input comes by interrupt, see console_input.h), then
 * monitor_exec() runs it.  Commands read
 * kernel state; the experiments (spin, stop, nice, pin) and `poweroff` and
 * `panic` change it.
 *
 * To add a command: write `static int cmd_NAME(int argc, char **argv)` and
 * add a row to `commands`.
 */
#include "kernel/monitor.h"
#include "kernel/console_input.h"
#include "kernel/hal.h"
#include "kernel/kmalloc.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/readline.h"
#include "kernel/sched.h"
#include "kernel/sched_check.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "lib/string.h"

#define ARGS_MAX 8

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*fn)(int argc, char **argv);
};

static const struct command commands[];

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (const struct command *c = commands; c->name; c++)
		printk("  %-9s %-10s %s\n", c->name, c->args, c->help);
	return 0;
}

static int cmd_cpus(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	unsigned cpu;
	printk("cpu  hw id  ticks       ipis\n");
	for_each_cpu(cpu, &cpu_online_mask)
		printk("%3u  %5u  %-10llu  %llu\n", cpu, cpu_data[cpu].hw_id,
		       cpu_data[cpu].ticks, cpu_data[cpu].ipis);
	printk("%u of %u CPUs online\n", num_online_cpus(), nr_cpus_present);
	return 0;
}

static const char *plural(u64 n)
{
	return n == 1 ? "" : "s";
}

static int cmd_irqs(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct console_input_stats s;
	u64 ticks = 0, ipis = 0;
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask) {
		ticks += cpu_data[cpu].ticks;
		ipis += cpu_data[cpu].ipis;
	}
	console_input_get_stats(&s);
	printk("timer ticks:     %llu (all CPUs together; each: cpus)\n",
	       ticks);
	printk("IPIs:            %llu\n", ipis);
	if (s.by_interrupt)
		printk("console receive: %llu interrupt%s, %llu bytes (%llu "
		       "dropped); the shell slept %llu time%s waiting for "
		       "keys\n",
		       s.interrupts, plural(s.interrupts), s.bytes, s.dropped,
		       s.sleeps, plural(s.sleeps));
	else
		printk("console receive: no interrupt (polled every 10 ms), "
		       "%llu bytes (%llu dropped)\n",
		       s.bytes, s.dropped);
	return 0;
}

static const char *state_name(long state)
{
	switch (state) {
	case TASK_RUNNING:
		return "R";
	case TASK_INTERRUPTIBLE:
		return "S";
	case TASK_UNINTERRUPTIBLE:
		return "D";
	default:
		return "X";
	}
}

static void ps_line(struct task *p)
{
	char allowed[48];
	cpumask_print(allowed, sizeof(allowed), &p->cpus_allowed);
	printk("%5d  %-14s %s %4d %4d %4u  %-10s %8llu %6llu\n", p->pid,
	       p->name, state_name(p->state), p->prio,
	       PRIO_TO_NICE(p->static_prio), p->cpu, allowed, p->nr_switches,
	       p->nr_migrations);
}

static int cmd_ps(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	unsigned cpu;
	struct task *p;
	printk("  pid  name           S prio nice cpu  allowed    switches  "
	       "moves\n");
	for_each_cpu(cpu, &cpu_online_mask)
		ps_line(sched_idle_task(cpu));
	irqflags_t flags = spin_lock_irqsave(&tasklist_lock);
	list_for_each_entry(p, &task_list, tasks)
		if (p->state != TASK_DEAD)
			ps_line(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* --- experiments: CPU hogs to watch the load balancer, nice, pinning --- */

static volatile bool hogs_stop;
static unsigned hogs_running;
static struct completion hogs_done;

static void hog(void *arg)
{
	(void)arg;
	while (!READ_ONCE(hogs_stop))
		hal_cpu_relax();
	complete(&hogs_done);
}

static int cmd_spin(int argc, char **argv)
{
	long long n;
	if (argc != 2 || kstrtoll(argv[1], 10, &n) || n < 1 || n > 256) {
		printk("spin: give a number of threads, 1..256 (spin 8)\n");
		return -1;
	}
	if (!hogs_running) {
		hogs_stop = false;
		init_completion(&hogs_done);
	}
	for (long long i = 0; i < n; i++) {
		struct task *t = kthread_run(hog, NULL, "hog/%u", hogs_running);
		printk("spin: started %s (pid %d) on cpu %u\n", t->name, t->pid,
		       t->cpu);
		hogs_running++;
	}
	printk("spin: watch the load balancer spread them: ps, then ps "
	       "again; stop (or Ctrl-C) ends them\n");
	return 0;
}

/* Returns how many hogs there were. */
static unsigned stop_hogs(void)
{
	unsigned n = hogs_running;
	hogs_stop = true;
	for (; hogs_running; hogs_running--)
		wait_for_completion(&hogs_done);
	return n;
}

static int cmd_stop(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	stop_hogs();
	printk("stop: every hog has ended\n");
	return 0;
}

/* Ctrl-C on an empty line: end the hogs, as a shell's Ctrl-C ends the job
 * in the foreground.  False if none were running. */
static bool ctrl_c_stops_hogs(void)
{
	if (!hogs_running)
		return false;
	unsigned n = stop_hogs();
	printk("stop: Ctrl-C ended %u hog%s, as a shell's Ctrl-C ends the job "
	       "in the foreground\n",
	       n, plural(n));
	return true;
}

/* The live (not dead) task with this pid, or NULL after saying why. */
static struct task *task_arg(const char *cmd, const char *arg)
{
	long long pid;
	struct task *p, *found = NULL;
	if (kstrtoll(arg, 10, &pid)) {
		printk("%s: '%s' is not a pid (see ps)\n", cmd, arg);
		return NULL;
	}
	irqflags_t flags = spin_lock_irqsave(&tasklist_lock);
	list_for_each_entry(p, &task_list, tasks)
		if (p->pid == pid && p->state != TASK_DEAD)
			found = p;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!found)
		printk("%s: no live task has pid %lld (see ps)\n", cmd, pid);
	return found;
}

static int cmd_nice(int argc, char **argv)
{
	long long nice;
	if (argc != 3) {
		printk("nice: nice PID N, with N from -20 to 19\n");
		return -1;
	}
	struct task *p = task_arg("nice", argv[1]);
	if (!p)
		return -1;
	if (kstrtoll(argv[2], 10, &nice) || nice < -20 || nice > 19) {
		printk("nice: '%s' is not a nice value from -20 to 19\n",
		       argv[2]);
		return -1;
	}
	set_user_nice(p, (int)nice);
	printk("nice: %s is now nice %lld (prio %d)\n", p->name, nice, p->prio);
	return 0;
}

static int cmd_pin(int argc, char **argv)
{
	cpumask_t mask;
	char list[64];
	if (argc != 3) {
		printk("pin: pin PID CPULIST, for example pin 7 2-3\n");
		return -1;
	}
	struct task *p = task_arg("pin", argv[1]);
	if (!p)
		return -1;
	if (cpulist_parse(argv[2], &mask) ||
	    !cpumask_intersects(&mask, &cpu_online_mask)) {
		printk("pin: '%s' is not a list of online CPUs (like 0-3,8)\n",
		       argv[2]);
		return -1;
	}
	if (p == cpu_rq(p->cpu)->migration_thread) {
		printk("pin: %s must stay on its CPU\n", p->name);
		return -1;
	}
	set_cpus_allowed(p, &mask);
	cpumask_print(list, sizeof(list), &p->cpus_allowed);
	printk("pin: %s may run on %s, now on cpu %u\n", p->name, list, p->cpu);
	return 0;
}

static int cmd_check(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	char first[192];
	int bad = sched_check(first, sizeof(first));
	if (bad)
		printk("check: %d problems; the first: %s\n", bad, first);
	else
		printk("check: the scheduler's invariants hold\n");
	return bad ? -1 : 0;
}

static int cmd_uptime(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	u64 ms = ms_since_boot();
	printk("up %llu.%03llu s, jiffies %llu (hz=%d)\n", ms / 1000, ms % 1000,
	       jiffies, params.hz);
	return 0;
}

static int cmd_mem(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct page_stats ps;
	struct heap_stats hs;
	page_get_stats(&ps);
	heap_get_stats(&hs);
	printk("pages: %zu of %zu free (%zu KiB free)\n", ps.free, ps.total,
	       ps.free * (PAGE_SIZE / 1024));
	printk("heap:  %zu arenas (%zu KiB), %zu blocks used (%zu bytes), %zu "
	       "free\n",
	       hs.arenas, hs.arena_bytes / 1024, hs.used_blocks, hs.used_bytes,
	       hs.free_blocks);
	const char *err = heap_check();
	printk("heap check: %s\n", err ? err : "consistent");
	return 0;
}

/* Up to 64 KiB of text: long enough to be worth stopping with Ctrl-C, so
 * it looks for one before every chunk. */
static int cmd_dmesg(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	u64 end = log_pos;
	u64 start = end > LOG_BUF_SIZE ? end - LOG_BUF_SIZE : 0;
	u64 total = end - start, done = 0;
	char chunk[128];
	size_t n = 0;
	while (start < end) {
		if (console_interrupted()) {
			console_take_interrupt();
			/* finish the line the chunk left half-printed */
			if (n && chunk[n - 1] != '\n')
				hal_console_write("\n", 1);
			printk("dmesg: stopped by Ctrl-C after %llu of %llu "
			       "bytes\n",
			       done, total);
			return 0;
		}
		n = 0;
		while (n < sizeof(chunk) && start < end)
			chunk[n++] = log_buf[start++ % LOG_BUF_SIZE];
		hal_console_write(chunk, n);
		done += n;
	}
	return 0;
}

static int cmd_params(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	params_print_help();
	return 0;
}

static int cmd_poweroff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printk("poweroff: asked at the monitor\n");
	hal_poweroff(true);
}

static int cmd_panic(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	panic("asked for at the monitor");
}

static const struct command commands[] = {
    {"help", "", "list the commands", cmd_help},
    {"cpus", "", "online CPUs, their timer ticks and IPIs", cmd_cpus},
    {"irqs", "", "interrupt counts: timer, IPIs, console input", cmd_irqs},
    {"ps", "", "every task: state, priority, CPU, allowed CPUs", cmd_ps},
    {"check", "", "verify the scheduler's invariants", cmd_check},
    {"spin", "N", "start N CPU-bound threads on this CPU", cmd_spin},
    {"stop", "", "end the threads spin started", cmd_stop},
    {"nice", "PID N", "set a task's nice value (-20..19)", cmd_nice},
    {"pin", "PID LIST", "let a task run only on these CPUs", cmd_pin},
    {"uptime", "", "time since boot and jiffies", cmd_uptime},
    {"mem", "", "free pages and heap usage, with a heap check", cmd_mem},
    {"dmesg", "", "the kernel log buffer", cmd_dmesg},
    {"params", "", "the command-line options and their meaning", cmd_params},
    {"panic", "", "crash on purpose (try it under make gdb)", cmd_panic},
    {"poweroff", "", "leave", cmd_poweroff},
    {0},
};

static int split(char *line, char **argv)
{
	int argc = 0;
	char *s = line;
	while (*s && argc < ARGS_MAX) {
		while (*s == ' ')
			*s++ = '\0';
		if (!*s)
			break;
		argv[argc++] = s;
		while (*s && *s != ' ')
			s++;
	}
	return argc;
}

int monitor_exec(char *line)
{
	char *argv[ARGS_MAX];
	int argc = split(line, argv);
	if (argc == 0)
		return 0;
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, argv[0]) == 0)
			return c->fn(argc, argv);
	printk("monitor: unknown command '%s' (type 'help' for the list)\n",
	       argv[0]);
	return -1;
}

void monitor_run(void)
{
	char line[READLINE_MAX];
	console_input_start();
	printk("monitor: type 'help' for commands\n");
	for (;;) {
		switch (readline("tern> ", line)) {
		case READLINE_OK:
			monitor_exec(line);
			break;
		case READLINE_CTRL_C:
			/* On an empty line, Ctrl-C is for the job running in
			 * the background: the hogs, if there are any. */
			if (!line[0])
				ctrl_c_stops_hogs();
			break;
		case READLINE_TOO_LONG:
			printk("monitor: that line is longer than %d "
			       "characters, the limit; nothing was run\n",
			       READLINE_MAX - 1);
			break;
		}
		/* A Ctrl-C typed while a command ran was meant for that
		 * command: one it did not look for must not cancel the next
		 * line.  Show that it came. */
		if (console_take_interrupt())
			printk("^C\n");
	}
}

/*
 * kernel/monitor.c - a small shell for looking inside the running kernel.
 *
 * After boot the init thread sits here: readline() prints `tern> ` and
 * collects a line (sleeping until keys arrive: console input comes by
 * interrupt, see console_input.h), then monitor_exec() runs it.  Commands
 * read kernel state (locks reads it without taking a lock, for a machine
 * that half hangs); the experiments (spin, stop, nice, pin) and
 * `poweroff` and `panic` change it.  docs/monitor.md tells the whole story.
 *
 * Every command says how many arguments it takes, and monitor_exec()
 * refuses a line with too few or too many before the command runs: an
 * argument nobody reads is a mistake the user should hear about.
 *
 * To add a command: write `static int cmd_NAME(int argc, char **argv)`
 * (argv[0] is the name; return 0, or -1 after printing one line saying
 * what was wrong) and add a row to `commands`.
 */
#include "kernel/monitor.h"
#include "kernel/console_input.h"
#include "kernel/hal.h"
#include "kernel/kmalloc.h"
#include "kernel/loadavg.h"
#include "kernel/monitor_demo.h"
#include "kernel/monitor_locks.h"
#include "kernel/monitor_tasks.h"
#include "kernel/monitor_trace.h"
#include "kernel/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/readline.h"
#include "kernel/sched_check.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "lib/string.h"

#define ARGS_MAX 8 /* words in a line, the command's name included */

struct command {
	const char *name;
	const char *args;	/* how to write the arguments, for help */
	int min_args, max_args; /* not counting the name */
	const char *summary;	/* one line, for `help` */
	const char *details;	/* more, for `help NAME`; may be "" */
	const char *example;	/* a line to try */
	int (*fn)(int argc, char **argv);
};

static const struct command commands[];

static const struct command *find_command(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static int cmd_help(int argc, char **argv)
{
	if (argc == 1) {
		for (const struct command *c = commands; c->name; c++)
			printk("  %-8s %-14s %s\n", c->name, c->args,
			       c->summary);
		printk("'help CMD' explains one.  Keys: Up/Down recall earlier "
		       "lines, Ctrl-U erases the line, Ctrl-C cancels it\n");
		return 0;
	}
	const struct command *c = find_command(argv[1]);
	if (!c) {
		printk("help: there is no command '%s' (type help for the "
		       "list)\n",
		       argv[1]);
		return -1;
	}
	printk("%s%s%s - %s\n", c->name, c->args[0] ? " " : "", c->args,
	       c->summary);
	if (c->details[0])
		printk("  %s\n", c->details);
	printk("  example: %s\n", c->example);
	return 0;
}

static int cmd_cpus(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	unsigned cpu;
	/* ticks: timer interrupts taken; accounted: ticks of time that passed
	 * (by the cycle counter), of which lost: ticks whose interrupt never
	 * came (kernel/tick_calc.h); tick: on, or off while the CPU idles
	 * with nothing to wait for, and how often it stopped (kernel/nohz.c) */
	printk("cpu  hw id  ticks       accounted   lost        ipis        "
	       "tick  stops\n");
	for_each_cpu(cpu, &cpu_online_mask) {
		struct cpu_data *c = &cpu_data[cpu];
		printk("%3u  %5u  %-10llu  %-10llu  %-10llu  %-10llu  %-4s  %llu\n",
		       cpu, c->hw_id, c->ticks, READ_ONCE(c->tick.accounted),
		       READ_ONCE(c->tick.lost), c->ipis,
		       READ_ONCE(c->tick_stopped) ? "off" : "on",
		       READ_ONCE(c->tick_stops));
	}
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
	u64 taken = 0, lost = 0;
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask) {
		taken += cpu_data[cpu].ticks;
		lost += READ_ONCE(cpu_data[cpu].tick.lost);
	}
	printk("up %llu.%03llu s, jiffies %llu (hz=%d)\n", ms / 1000, ms % 1000,
	       jiffies, params.hz);
	printk("timer interrupts: %llu taken on %u CPUs, %llu ticks lost "
	       "(counted from the cycle counter instead)\n",
	       taken, num_online_cpus(), lost);
	printk(
	    "load average: %lu.%02lu, %lu.%02lu, %lu.%02lu "
	    "(runnable + uninterruptible tasks over 1, 5, 15 min; now %lu)\n",
	    LOAD_INT(avenrun[0]), LOAD_FRAC(avenrun[0]), LOAD_INT(avenrun[1]),
	    LOAD_FRAC(avenrun[1]), LOAD_INT(avenrun[2]), LOAD_FRAC(avenrun[2]),
	    nr_active());
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
				console_write("\n", 1);
			printk("dmesg: stopped by Ctrl-C after %llu of %llu "
			       "bytes\n",
			       done, total);
			return 0;
		}
		n = 0;
		while (n < sizeof(chunk) && start < end)
			chunk[n++] = log_buf[start++ % LOG_BUF_SIZE];
		console_write(chunk, n);
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
    {"help", "[CMD]", 0, 1, "list the commands, or explain one",
     "Without a name, one line per command; with one, what it does and an "
     "example.",
     "help pin", cmd_help},
    {"cpus", "", 0, 0, "online CPUs, their timer ticks and IPIs",
     "Run it twice: every CPU's tick count rises, HZ times a second. "
     "accounted counts the ticks of time that passed; lost, those whose "
     "interrupt never came (late ones merge under an emulator).",
     "cpus", cmd_cpus},
    {"irqs", "", 0, 0, "interrupt counts: timer, IPIs, console input",
     "Console input comes by interrupt: type a few keys and run it again.",
     "irqs", cmd_irqs},
    {"ps", "", 0, 0, "every task: state, priority, CPU, allowed CPUs",
     "Pid 0 is each CPU's idle task (idle/N). S: R running or runnable, S "
     "asleep, D asleep and deaf to all but its event. Ended threads are "
     "not shown: they are reaped as soon as their CPU runs another task.",
     "ps", cmd_ps},
    {"check", "", 0, 0, "verify the scheduler's invariants",
     "Walks every runqueue and task; names the first problem found.", "check",
     cmd_check},
    {"locks", "", 0, 0, "which CPU holds which spinlock, and who waits",
     "One line per lock a CPU holds, in the order it took them, with the "
     "site that took it; one per CPU spinning on a lock, for how long, and "
     "who holds it. Read without taking any lock, so it works on a machine "
     "that half hangs (docs/monitor.md).",
     "locks", cmd_locks},
    {"spin", "N", 1, 1, "start N CPU-bound threads on this CPU",
     "N from 1 to 256 hogs (hog/0, hog/1, ...) start on cpu 0; the load "
     "balancer spreads them. stop, or Ctrl-C on an empty line, ends them. "
     "While they run, the shell runs above them (SCHED_FIFO 1, prio 98 in "
     "ps). When memory runs out, spin says how many it started.",
     "spin 8", cmd_spin},
    {"stop", "", 0, 0, "end the threads spin started",
     "Their memory comes back (mem shows it).", "stop", cmd_stop},
    {"nice", "PID|NAME N", 2, 2, "set a task's nice value (-20..19)",
     "Higher nice, lower priority and shorter time slices. Real-time tasks "
     "(migration/N) keep their priority; idle tasks cannot be changed.",
     "nice hog/0 5", cmd_nice},
    {"pin", "PID|NAME LIST", 2, 2, "let a task run only on these CPUs",
     "LIST is a CPU list like 0-3,8; offline CPUs in it are left out, as "
     "Linux's sched_setaffinity does. The move goes through the migration "
     "thread.",
     "pin hog/0 2-3", cmd_pin},
    {"trace", "[on|off|clear|dump [CPU]]", 0, 2,
     "record what the scheduler does; print it",
     "Each CPU records switches, wake-ups, migrations, balancing, IPIs, "
     "long lock waits and thread births and deaths in its own ring "
     "(trace=N KiB per CPU on the command line; on from boot). dump prints "
     "them merged by time, one event per line (docs/trace.md); "
     "tools/trace/tern-trace turns a saved console log into a timeline.",
     "trace dump 1", cmd_trace},
    {"demo", "[start|stop]", 0, 1,
     "a mixed workload: sleepers, a ping-pong pair, a pinner",
     "Four threads that sleep and compute, two that wake each other in "
     "turn on CPUs 1 and 2, and one that moves itself to the next CPU "
     "every 2 ms: every kind of scheduler decision, for trace and top. "
     "Add spin 8 for the load balancer.",
     "demo", cmd_demo},
    {"top", "[SECONDS]", 0, 1, "how busy each CPU is, every second",
     "A bar per CPU: the share of the last second it did not spend idle, "
     "its runnable tasks and the one running. Any key ends it; with "
     "SECONDS, it ends by itself after that many frames.",
     "top 3", cmd_top},
    {"uptime", "", 0, 0, "time since boot and jiffies", "", "uptime",
     cmd_uptime},
    {"mem", "", 0, 0, "free pages and heap usage, with a heap check", "", "mem",
     cmd_mem},
    {"dmesg", "", 0, 0, "the kernel log buffer",
     "Everything printk has said since boot (the last 64 KiB); Ctrl-C stops "
     "it.",
     "dmesg", cmd_dmesg},
    {"params", "", 0, 0, "the command-line options and their meaning", "",
     "params", cmd_params},
    {"panic", "", 0, 0, "crash on purpose (try it under make gdb)",
     "Prints the panic message and stops every CPU.", "panic", cmd_panic},
    {"poweroff", "", 0, 0, "leave", "Switches the machine off (QEMU exits).",
     "poweroff", cmd_poweroff},
    {0},
};

/* Split at spaces.  Returns the number of words, or -1 if there are more
 * than ARGS_MAX (none is dropped silently). */
static int split(char *line, char **argv)
{
	int argc = 0;
	char *s = line;
	for (;;) {
		while (*s == ' ')
			*s++ = '\0';
		if (!*s)
			return argc;
		if (argc == ARGS_MAX)
			return -1;
		argv[argc++] = s;
		while (*s && *s != ' ')
			s++;
	}
}

/* Does the command take this many words?  If not, say so. */
static bool args_ok(const struct command *c, int argc, char **argv)
{
	int nargs = argc - 1;
	if (nargs > c->max_args && c->max_args == 0)
		printk("%s: takes no arguments, but got '%s'\n", c->name,
		       argv[1]);
	else if (nargs > c->max_args)
		printk("%s: too many arguments ('%s' is one too many); usage: "
		       "%s %s\n",
		       c->name, argv[c->max_args + 1], c->name, c->args);
	else if (nargs < c->min_args)
		printk("%s: needs %s; usage: %s %s (help %s has an example)\n",
		       c->name,
		       c->min_args - nargs == 1 ? "one more argument"
						: "more arguments",
		       c->name, c->args, c->name);
	else
		return true;
	return false;
}

int monitor_exec(char *line)
{
	char *argv[ARGS_MAX];
	int argc = split(line, argv);
	if (argc < 0) {
		printk("monitor: more than %d words; no command takes that "
		       "many\n",
		       ARGS_MAX);
		return -1;
	}
	if (argc == 0)
		return 0;
	const struct command *c = find_command(argv[0]);
	if (!c) {
		printk("monitor: unknown command '%s' (type 'help' for the "
		       "list)\n",
		       argv[0]);
		return -1;
	}
	if (!args_ok(c, argc, argv))
		return -1;
	return c->fn(argc, argv);
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
				monitor_ctrl_c_stops_hogs();
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

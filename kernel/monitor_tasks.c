/*
 * kernel/monitor_tasks.c - the monitor's task commands: ps, and the
 * experiments spin, stop, nice and pin.
 *
 * Naming a task.  `nice` and `pin` take a pid or a name, as `ps` shows
 * them: `nice 6 5` or `nice hog/0 5`.  Pid 0 is special: as in Linux,
 * every CPU's idle task has it, so it names no single task, and the names
 * idle/0, idle/1, ... do.  Idle tasks cannot be changed anyway: an idle task
 * runs only when nothing else can (its priority is below every nice
 * value), and each is bound to its own CPU.
 */
#include "kernel/monitor_tasks.h"
#include "kernel/console_input.h"
#include "kernel/hog.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

#define IDLE_CANNOT_CHANGE                                                     \
	"an idle task runs only when nothing else can, and is bound to its "   \
	"CPU"

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

int cmd_ps(int argc, char **argv)
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

/* --- Naming a task: a pid, or a name --- */

/* "idle/0 .. idle/3", or "idle/0" on one CPU. */
static void idle_names(char *buf, size_t size)
{
	unsigned first = cpumask_first(&cpu_online_mask), last = first, cpu;
	for_each_cpu(cpu, &cpu_online_mask)
		last = cpu;
	if (first == last)
		snprintf(buf, size, "idle/%u", first);
	else
		snprintf(buf, size, "idle/%u .. idle/%u", first, last);
}

/*
 * The task `arg` names - a pid, or a name as ps shows it - if `cmd` may
 * change it; otherwise NULL, after one line saying why.  Dead tasks (an
 * ended hog) stay on task_list but are never found.
 */
static struct task *task_arg(const char *cmd, const char *arg)
{
	long long pid;
	bool by_pid = kstrtoll(arg, 10, &pid) == 0;
	struct task *p, *found = NULL;
	int matches = 0, pids[2] = {0, 0};
	char names[40];
	unsigned cpu;

	if (by_pid && pid == 0) {
		idle_names(names, sizeof(names));
		printk("%s: pid 0 is ambiguous: every CPU's idle task has it "
		       "(%s, see ps); and idle tasks cannot be changed: "
		       "%s\n",
		       cmd, names, IDLE_CANNOT_CHANGE);
		return NULL;
	}
	if (by_pid && pid < 0) {
		printk("%s: '%s' is not a pid (pids are 1 and up; see ps)\n",
		       cmd, arg);
		return NULL;
	}
	if (!by_pid) {
		for_each_cpu(cpu, &cpu_online_mask) {
			if (strcmp(sched_idle_task(cpu)->name, arg) == 0) {
				printk("%s: %s cannot be changed: %s\n", cmd,
				       arg, IDLE_CANNOT_CHANGE);
				return NULL;
			}
		}
	}
	irqflags_t flags = spin_lock_irqsave(&tasklist_lock);
	list_for_each_entry(p, &task_list, tasks) {
		if (p->state == TASK_DEAD)
			continue;
		if (by_pid ? p->pid == pid : strcmp(p->name, arg) == 0) {
			if (matches < 2)
				pids[matches] = p->pid;
			matches++;
			found = p;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);

	if (matches == 0 && by_pid)
		printk("%s: no live task has pid %lld (see ps)\n", cmd, pid);
	else if (matches == 0)
		printk("%s: no live task is called '%s' (see ps)\n", cmd, arg);
	else if (matches > 1) /* names are not unique by law; pids are */
		printk("%s: %d tasks are called '%s' (pids %d, %d%s); give "
		       "a pid\n",
		       cmd, matches, arg, pids[0], pids[1],
		       matches > 2 ? ", ..." : "");
	return matches == 1 ? found : NULL;
}

/* --- Experiments: CPU hogs to watch the load balancer, nice, pinning --- */

/* The hogs spin started (cpu_hog(), kernel/hog.h), and how many run. */
static struct hog_crowd hogs;
static unsigned hogs_running;

/*
 * While hogs run, the shell runs above them, as SCHED_FIFO 1.  The hogs
 * start on the shell's CPU at its priority, and a shell that never sleeps
 * long (a script typing at it) earns no interactivity bonus: it would wait
 * behind every hog for its turn, a whole time slice each - with 256 hogs,
 * tens of seconds for each line typed - and, as each new hog takes half of
 * what is left of its creator's time slice (sched_fork()), it would run out
 * of slice every few hogs while starting them.  A shell a human types at
 * sleeps between keys and gets above the hogs by itself; this does it for
 * any typist.
 */
static void shell_above_hogs(bool above)
{
	if (above)
		sched_setscheduler(current, SCHED_FIFO, 1);
	else
		sched_setscheduler(current, SCHED_NORMAL, 0);
}

int cmd_spin(int argc, char **argv)
{
	(void)argc;
	long long n;
	if (kstrtoll(argv[1], 10, &n) || n < 1 || n > 256) {
		printk("spin: '%s' is not a number of threads from 1 to 256 "
		       "(spin 8)\n",
		       argv[1]);
		return -1;
	}
	if (!hogs_running) {
		hog_crowd_begin(&hogs);
		shell_above_hogs(true);
	}
	for (long long i = 0; i < n; i++) {
		/* t lives until stop: only this shell ends the hogs */
		struct task *t =
		    kthread_run(cpu_hog, &hogs, "hog/%u", hogs_running);
		if (!t) {
			printk("spin: out of memory: started %lld of the %lld "
			       "hogs asked for (no memory left for another "
			       "thread's struct or 16 KiB stack); %u hog%s "
			       "running in all, stop ends them\n",
			       i, n, hogs_running,
			       hogs_running == 1 ? "" : "s");
			if (!hogs_running)
				shell_above_hogs(false);
			return -1;
		}
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
	hog_crowd_end(&hogs, n);
	hogs_running = 0;
	shell_above_hogs(false);
	return n;
}

int cmd_stop(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!hogs_running) {
		printk("stop: no hogs are running (start some with spin N)\n");
		return 0;
	}
	unsigned n = stop_hogs();
	printk("stop: every hog has ended (%u)\n", n);
	return 0;
}

bool monitor_ctrl_c_stops_hogs(void)
{
	if (!hogs_running)
		return false;
	unsigned n = stop_hogs();
	printk("stop: Ctrl-C ended %u hog%s, as a shell's Ctrl-C ends the job "
	       "in the foreground\n",
	       n, n == 1 ? "" : "s");
	return true;
}

static const char *policy_name(int policy)
{
	return policy == SCHED_FIFO ? "SCHED_FIFO" : "SCHED_RR";
}

int cmd_nice(int argc, char **argv)
{
	(void)argc;
	long long nice;
	struct task *p = task_arg("nice", argv[1]);
	if (!p)
		return -1;
	if (kstrtoll(argv[2], 10, &nice) || nice < MIN_NICE ||
	    nice > MAX_NICE) {
		printk("nice: '%s' is not a nice value from %d to %d\n",
		       argv[2], MIN_NICE, MAX_NICE);
		return -1;
	}
	set_user_nice(p, (int)nice);
	/* A real-time task's priority comes from its rt_priority alone;
	 * set_user_nice() records the nice value for the day it becomes a
	 * normal task again, as Linux does. */
	if (p->policy != SCHED_NORMAL)
		printk("nice: %s is real-time (%s, rt priority %d), and nice "
		       "does not affect it: nice %lld is recorded, its "
		       "priority stays %d\n",
		       p->name, policy_name(p->policy), p->rt_priority, nice,
		       p->prio);
	else
		printk("nice: %s is now nice %lld (prio %d)\n", p->name, nice,
		       p->prio);
	return 0;
}

/* "cpu 5 is" or "cpus 4-255 are", for messages. */
static void cpus_are(char *buf, size_t size, const cpumask_t *m)
{
	char list[64];
	cpumask_print(list, sizeof(list), m);
	snprintf(buf, size,
		 cpumask_weight(m) == 1 ? "cpu %s is" : "cpus %s are", list);
}

/*
 * Like Linux's sched_setaffinity(), a list is accepted if at least one of
 * its CPUs is online, and the task may then run on those; the offline ones
 * are left out of its mask (Tern cannot bring a CPU online later, so they
 * could never be used) and named.  A list with no online CPU is refused.
 */
int cmd_pin(int argc, char **argv)
{
	(void)argc;
	cpumask_t mask, online, offline;
	char list[64], online_list[64], off[80];
	struct task *p = task_arg("pin", argv[1]);
	if (!p)
		return -1;
	if (cpulist_parse(argv[2], &mask) || cpumask_empty(&mask)) {
		printk("pin: '%s' is not a list of CPUs (like 0-3,8; numbers "
		       "0 to %d)\n",
		       argv[2], NR_CPUS - 1);
		return -1;
	}
	if (p == cpu_rq(p->cpu)->migration_thread) {
		printk("pin: %s must stay on cpu %u: it is the thread that "
		       "moves tasks onto and off that CPU\n",
		       p->name, p->cpu);
		return -1;
	}
	cpumask_and(&online, &mask, &cpu_online_mask);
	bool some_offline = cpumask_andnot(&offline, &mask, &cpu_online_mask);
	cpumask_print(online_list, sizeof(online_list), &cpu_online_mask);
	if (some_offline)
		cpus_are(off, sizeof(off), &offline);
	if (cpumask_empty(&online)) {
		printk("pin: %s offline (online: %s); %s is unchanged\n", off,
		       online_list, p->name);
		return -1;
	}
	set_cpus_allowed(p, &online);
	cpumask_print(list, sizeof(list), &p->cpus_allowed);
	if (some_offline)
		printk("pin: %s offline; %s may run on %s (the online part, as "
		       "Linux's sched_setaffinity does), now on cpu %u\n",
		       off, p->name, list, p->cpu);
	else
		printk("pin: %s may run on %s, now on cpu %u\n", p->name, list,
		       p->cpu);
	return 0;
}

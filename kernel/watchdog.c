/*
 * kernel/watchdog.c - the lockup watchdog (watchdog.h).
 *
 * Each CPU stamps its own slot with the cycle counter: `tick` in every
 * timer interrupt, `sched` in every schedule().  Once a second, whichever
 * CPU's tick finds the check due (a compare-and-swap on next_check picks
 * one) looks at every slot; so does a CPU that has spun on one lock for S
 * seconds, which may be the only CPU left to look when all of them hang.
 *
 * Waiting in a line that moves is not a lockup.  Under an emulator with
 * more virtual CPUs than host cores, the host runs each one a fraction of
 * the time, and a ticket lock's next waiter may sit descheduled for many
 * milliseconds while every CPU behind it spins: a convoy, in which a CPU
 * can wait seconds for its turn although the lock changes hands all the
 * while.  spin_wait() tells the watchdog each time the line moves and how
 * long it waited for that (watchdog_progress()), and the check moves the
 * CPU's stamps on by those waits.  A deadlock - a lock whose line never
 * moves, as in the 2002 bug - is reported exactly as before.
 *
 * One report at a time: the CPU that finds a lockup takes `reporter` and
 * prints the head line, then asks each stuck CPU in turn, by NMI, to print
 * its own part (only the CPU itself can read its registers and stack), and
 * waits for it to finish before asking the next.  So parts never
 * interleave.  printk() lets a CPU in an NMI print even if the code it
 * interrupted held the console lock.
 */
#include "kernel/watchdog.h"
#include "kernel/hal.h"
#include "kernel/ksyms.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

enum { NMI_NONE, NMI_ASKED, NMI_DONE };

/* Each CPU writes only its own stamps; the checker reads them all. */
struct wd_cpu {
	volatile u64 tick;  /* cycles at the last timer tick (0: none yet) */
	volatile u64 sched; /* cycles at the last schedule() */
	/* cycles spent here in lock waits that ended in the line moving
	 * (watchdog_progress()), in all, and as at the last tick and
	 * schedule() */
	volatile u64 credited, credited_at_tick, credited_at_sched;
	volatile int nmi; /* NMI_*: the reporter asks, the CPU answers */
	/* its lockup was reported (watchdog_panic=0); cleared by its next
	 * tick (hard) or schedule() (soft), once it has recovered */
	bool reported_hard, reported_soft;
};
static struct wd_cpu wd[NR_CPUS];

static u64 threshold; /* cycles; 0: the watchdog is off */
static volatile u64 next_check;
static volatile int reporter = -1; /* the CPU printing a report */
unsigned long watchdog_reports;

extern spinlock_t tasklist_lock;

void watchdog_init(void)
{
	threshold = (u64)params.watchdog * 1000 * hal_cycles_per_ms();
	if (params.watchdog)
		pr_info("watchdog: lockups reported after %d s, hung tasks "
			"after %d s\n",
			params.watchdog, 2 * params.watchdog);
}

void watchdog_schedule(u64 now)
{
	struct wd_cpu *w = &wd[cpu_id()];
	w->credited_at_sched = w->credited;
	w->sched = now;
	if (unlikely(w->reported_soft))
		w->reported_soft = false;
}

static u64 secs(u64 cycles)
{
	return cycles / (1000 * hal_cycles_per_ms());
}

/* ------------------------------------------------------------------------
 * One CPU's part of a report
 */

static void print_lock_site(const spinlock_t *l, const void *pc)
{
	char where[96];
	ksym_format((u64)pc, where, sizeof(where));
	if (l->order)
		pr_emerg("    '%s' #%u, taken at %s\n", l->name ? l->name : "?",
			 l->key, where);
	else
		pr_emerg("    '%s', taken at %s\n", l->name ? l->name : "?",
			 where);
}

/* A lock that is taken but has no holder written down: a ticket lock
 * served the next ticket to a CPU that has not picked it up - because an
 * interrupt came while that CPU was taking it (spin_lock() had not yet
 * written itself down as the holder; it is then written down as an outer
 * wait) - or the holder is just letting go.  `spinner` is the CPU that
 * spins on it: when the interrupted acquire is its own, that is the 2002
 * deadlock, told as such. */
static void print_no_holder(const spinlock_t *l, unsigned spinner)
{
	unsigned cpu;
	for_each_cpu(cpu, &cpu_online_mask) {
		struct spin_held *h = &spin_held[cpu];
		if (READ_ONCE(h->outer_waiting_on) != l)
			continue;
		char want[96];
		ksym_format((u64)h->outer_waiting_pc, want, sizeof(want));
		if (cpu == spinner)
			pr_emerg("    held by cpu %u - itself: the code this "
				 "CPU interrupted took it at %s (just before "
				 "it could write itself down as the holder)\n",
				 cpu, want);
		else
			pr_emerg("    whose turn has come for cpu %u, which "
				 "was taking it at %s when an interrupt "
				 "came, and has not taken it since\n",
				 cpu, want);
		return;
	}
	pr_emerg("    which nobody holds now (its holder just let go)\n");
}

/* The locks `cpu` holds and the one it waits for (read from outside:
 * the CPU is stuck, so they do not change under us). */
static void print_locks(unsigned cpu, u64 now)
{
	struct spin_held *h = &spin_held[cpu];
	int depth = MIN(READ_ONCE(h->depth), SPIN_HELD_MAX);
	pr_emerg("  cpu %u holds %d lock%s%s\n", cpu, depth,
		 depth == 1 ? "" : "s", depth ? ":" : "");
	for (int i = 0; i < depth; i++)
		print_lock_site(h->held[i].lock, h->held[i].pc);
	spinlock_t *outer = READ_ONCE(h->outer_waiting_on);
	if (outer) {
		char at[96];
		ksym_format((u64)h->outer_waiting_pc, at, sizeof(at));
		pr_emerg("  cpu %u was taking '%s' at %s when an interrupt "
			 "came\n",
			 cpu, outer->name ? outer->name : "?", at);
	}
	spinlock_t *l = READ_ONCE(h->waiting_on);
	if (!l)
		return;
	char want[96], held[96];
	ksym_format((u64)h->waiting_pc, want, sizeof(want));
	s32 holder = READ_ONCE(l->holder_cpu);
	ksym_format((u64)READ_ONCE(l->holder_pc), held, sizeof(held));
	if (l->order)
		pr_emerg(
		    "  cpu %u spins on '%s' #%u for %llu s, wanted at %s\n",
		    cpu, l->name, l->key, secs(now - h->waiting_since), want);
	else
		pr_emerg("  cpu %u spins on '%s' for %llu s, wanted at %s\n",
			 cpu, l->name, secs(now - h->waiting_since), want);
	if (holder < 0)
		print_no_holder(l, cpu);
	else if ((unsigned)holder == cpu)
		pr_emerg("    held by cpu %d - itself: the code this CPU "
			 "interrupted took it at %s\n",
			 holder, held);
	else
		pr_emerg("    held by cpu %d, taken at %s\n", holder, held);
}

static void print_cpu_part(unsigned cpu, const struct trap_frame *f, u64 now)
{
	struct task *t = cpu_rq(cpu)->curr;
	char where[96];
	if (f) {
		ksym_format(hal_frame_ip(f), where, sizeof(where));
		pr_emerg("  cpu %u at %s, running '%s' (pid %d)\n", cpu, where,
			 t->name, t->pid);
		hal_dump_frame_stack(f);
	} else {
		/* this CPU, which found the lockup: in a timer interrupt that
		 * came in the middle of what it is stuck in, or spinning */
		const struct trap_frame *irq = hal_irq_frame();
		if (irq) {
			ksym_format(hal_frame_ip(irq), where, sizeof(where));
			pr_emerg("  cpu %u (reporting) interrupted at %s, "
				 "running '%s' (pid %d)\n",
				 cpu, where, t->name, t->pid);
		} else {
			pr_emerg(
			    "  cpu %u (reporting), running '%s' (pid %d)\n",
			    cpu, t->name, t->pid);
		}
		hal_dump_stack();
	}
	print_locks(cpu, now);
}

bool watchdog_nmi(const struct trap_frame *f)
{
	struct wd_cpu *me = &wd[cpu_id()];
	if (READ_ONCE(me->nmi) != NMI_ASKED)
		return false;
	print_cpu_part(cpu_id(), f, hal_cycles());
	__atomic_store_n(&me->nmi, NMI_DONE, __ATOMIC_RELEASE);
	return true;
}

/* Ask `cpu` for its part and wait (at most 2 s) until it has printed it. */
static void ask_cpu(unsigned cpu, u64 now)
{
	if (cpu == cpu_id()) {
		print_cpu_part(cpu, NULL, now);
		return;
	}
	__atomic_store_n(&wd[cpu].nmi, NMI_ASKED, __ATOMIC_RELEASE);
	hal_send_ipi(cpu, IPI_WATCHDOG);
	u64 end = hal_cycles() + 2000 * hal_cycles_per_ms();
	while (__atomic_load_n(&wd[cpu].nmi, __ATOMIC_ACQUIRE) != NMI_DONE &&
	       hal_cycles() < end)
		hal_cpu_relax();
	if (wd[cpu].nmi != NMI_DONE) {
		pr_emerg("  cpu %u did not answer the NMI; what it left in "
			 "memory:\n",
			 cpu);
		print_locks(cpu, now);
	}
	wd[cpu].nmi = NMI_NONE;
}

/* ------------------------------------------------------------------------
 * Finding lockups
 */

static bool is_idle(unsigned cpu)
{
	struct runqueue *rq = cpu_rq(cpu);
	return READ_ONCE(rq->curr) == rq->idle;
}

/* "2,3" or "0-31,40": a run of three or more CPUs as a range, so that
 * even 255 stuck CPUs fit on the head line. */
static void list_cpus(const cpumask_t *m, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = 0;
	for (unsigned cpu = cpumask_first(m); cpu < NR_CPUS && n < size;) {
		unsigned last = cpu;
		while (last + 1 < NR_CPUS && cpumask_test_cpu(last + 1, m))
			last++;
		const char *sep = n ? "," : "";
		if (last >= cpu + 2)
			n += (size_t)snprintf(buf + n, size - n, "%s%u-%u", sep,
					      cpu, last);
		else if (last == cpu + 1)
			n += (size_t)snprintf(buf + n, size - n, "%s%u,%u", sep,
					      cpu, last);
		else
			n += (size_t)snprintf(buf + n, size - n, "%s%u", sep,
					      cpu);
		cpu = cpumask_next((int)last, m);
	}
}

/* Report the CPUs in `m` as lockups of one kind; returns the head line
 * (without the prefix) in `head` for the panic message. */
static void report_cpus(const cpumask_t *m, bool hard, u64 now, char *head,
			size_t size)
{
	char cpus[128];
	unsigned cpu, n = cpumask_weight(m);
	list_cpus(m, cpus, sizeof(cpus));
	snprintf(head, size, "%s lockup on cpu%s %s (%s for %d s%s)",
		 hard ? "hard" : "soft", n > 1 ? "s" : "", cpus,
		 hard ? "no timer tick" : "has not scheduled", params.watchdog,
		 n > 1 ? " or half as long" : "");
	pr_emerg("WATCHDOG: %s\n", head);
	for_each_cpu(cpu, m) {
		ask_cpu(cpu, now);
		if (hard)
			wd[cpu].reported_hard = true;
		else
			wd[cpu].reported_soft = true;
	}
}

/* What every CPU has on its runqueue: where the tasks that could run are,
 * and so why a task waiting for them waits. */
static void print_runqueues(void)
{
	unsigned cpu, busy = 0;
	pr_emerg("  runqueues now%s:\n", params.noloadbalance
					     ? " (noloadbalance: nothing moves "
					       "tasks between CPUs)"
					     : "");
	for_each_cpu(cpu, &cpu_online_mask) {
		if (!READ_ONCE(cpu_rq(cpu)->nr_running))
			continue;
		sched_print_runqueue(cpu);
		busy++;
	}
	if (!busy)
		pr_emerg("    every CPU idle\n");
}

/* Tasks asleep in TASK_UNINTERRUPTIBLE for more than 2S, each reported
 * once.  The task list is only looked at if its lock is free: this may
 * run in an interrupt that came while it was held. */
static int report_hung(u64 now, char *head, size_t size)
{
	int n = 0;
	if (!spin_trylock(&tasklist_lock))
		return 0;
	struct task *p;
	list_for_each_entry(p, &task_list, tasks) {
		u64 since = READ_ONCE(p->blocked_since);
		if (p->state != TASK_UNINTERRUPTIBLE || !since ||
		    since >= now || p->hung_reported ||
		    now - since <= 2 * threshold)
			continue;
		p->hung_reported = true;
		snprintf(head, size,
			 "hung task '%s' (pid %d) asleep for %llu s on cpu %u",
			 p->name, p->pid, secs(now - since), p->cpu);
		pr_emerg("WATCHDOG: %s (in TASK_UNINTERRUPTIBLE; the limit "
			 "is %d s)\n",
			 head, 2 * params.watchdog);
		pr_emerg("  '%s' sleeps here:\n", p->name);
		hal_dump_switched_stack(p->saved_sp);
		n++;
	}
	spin_unlock(&tasklist_lock);
	if (n)
		print_runqueues();
	return n;
}

/*
 * Sort the online CPUs by their stamps at `now`: no tick for longer than
 * the threshold (hard) or half of it (half, which holds hard), or ticking
 * but not scheduling for longer than the threshold (soft).  CPUs already
 * reported for it, and CPUs idle with their tick stopped, are left out.
 */
static void classify_cpus(u64 now, cpumask_t *hard, cpumask_t *soft,
			  cpumask_t *half)
{
	unsigned cpu;
	cpumask_clear(hard);
	cpumask_clear(soft);
	cpumask_clear(half);
	for_each_cpu(cpu, &cpu_online_mask) {
		struct wd_cpu *w = &wd[cpu];
		u64 credited = READ_ONCE(w->credited);
		/* Each stamp moved on by the waits in lines that moved since
		 * (see the top of this file). */
		/* a CPU idle with its tick stopped (kernel/nohz.c) is
		 * halted, not hung; it stamps afresh before it clears this */
		if (__atomic_load_n(&cpu_data[cpu].tick_stopped,
				    __ATOMIC_ACQUIRE))
			continue;
		u64 tick = READ_ONCE(w->tick), sched = READ_ONCE(w->sched);
		if (!tick)
			continue;
		tick += credited - READ_ONCE(w->credited_at_tick);
		if (sched)
			sched += credited - READ_ONCE(w->credited_at_sched);
		if (now > tick && now - tick > threshold / 2) {
			if (w->reported_hard)
				continue;
			cpumask_set_cpu(cpu, half);
			if (now - tick > threshold)
				cpumask_set_cpu(cpu, hard);
		} else if (sched && now > sched && now - sched > threshold &&
			   !w->reported_soft && !is_idle(cpu))
			cpumask_set_cpu(cpu, soft);
	}
}

/* After check() reported something (head: its last headline): count it,
 * say how long the finding took to print, and panic if asked to. */
static void reported(u64 now, const char *head)
{
	__atomic_fetch_add(&watchdog_reports, 1, __ATOMIC_RELAXED);
	u64 found_ms = (now - hal_boot_cycles()) / hal_cycles_per_ms();
	pr_emerg("watchdog: found %llu ms after boot, reported in %llu ms\n",
		 found_ms, ms_since_boot() - found_ms);
	if (params.watchdog_panic)
		panic_nodump("WATCHDOG: %s", head);
	pr_emerg("watchdog: going on (watchdog_panic=0)\n");
}

static void check(u64 now)
{
	int none = -1;
	if (!__atomic_compare_exchange_n(&reporter, &none, (int)cpu_id(), false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return; /* somebody is reporting already */
	cpumask_t hard, soft, half;
	char head[160];
	classify_cpus(now, &hard, &soft, &half);
	int found = 0;
	/* CPUs without a tick for half as long are most likely caught in the
	 * same hang (waiting for the first one's lock): one report for all */
	if (!cpumask_empty(&hard)) {
		report_cpus(&half, true, now, head, sizeof(head));
		found++;
	}
	if (!cpumask_empty(&soft)) {
		report_cpus(&soft, false, now, head, sizeof(head));
		found++;
	}
	found += report_hung(now, head, sizeof(head));
	if (found)
		reported(now, head);
	__atomic_store_n(&reporter, -1, __ATOMIC_RELEASE);
}

/* Is a check due?  One CPU wins each second's. */
static bool check_due(u64 now)
{
	u64 due = READ_ONCE(next_check);
	if (!threshold || now < due)
		return false;
	return __atomic_compare_exchange_n(
	    &next_check, &due, now + 1000 * hal_cycles_per_ms(), false,
	    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

void watchdog_tick(u64 now)
{
	struct wd_cpu *w = &wd[cpu_id()];
	w->credited_at_tick = w->credited;
	w->tick = now;
	if (unlikely(w->reported_hard))
		w->reported_hard = false;
	if (unlikely(check_due(now)))
		check(now);
}

void watchdog_tick_restarted(u64 now)
{
	struct wd_cpu *w = &wd[cpu_id()];
	w->credited_at_tick = w->credited;
	w->tick = now;
}

void watchdog_progress(u64 cycles)
{
	wd[cpu_id()].credited += cycles;
}

void watchdog_spinning(u64 since)
{
	u64 now = hal_cycles();
	if (threshold && now - since > threshold && check_due(now))
		check(now);
}

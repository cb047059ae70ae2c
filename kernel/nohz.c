/*
 * kernel/nohz.c - tickless idle.
 *
 * Why: every CPU's timer interrupt, a thousand a second, costs little on
 * real hardware, but under QEMU each one wakes a host thread.  At -smp 255
 * the idle CPUs' ticks alone, 254,000 interrupts a second shared by two
 * host cores, made the boot take a second longer than QEMU's own start-up
 * (docs/bench.md).  Linux has the same idea (NO_HZ idle, 2007): a CPU that
 * has nothing to do and nothing to wait for stops its tick.
 *
 * The rule: a CPU's tick runs whenever it has work.  It stops only in the
 * idle loop (cpu_idle()), when all of these hold:
 *   1. nohz=on (the default) and the CPU is not CPU 0.  CPU 0 ticks always:
 *      it keeps jiffies moving when every other CPU sleeps, computes the
 *      load average, and runs the watchdog's checks.
 *   2. Nothing asked it to reschedule, and no timer is pending on it (a
 *      sleeper's timeout, a ktest's timer): that needs the tick to run.
 *   3. It has idled for NOHZ_GRACE_TICKS ticks: idle balancing (an idle
 *      CPU's tick pulls work from busy CPUs) has had that many tries.
 *   4. No runqueue has a task it could take: every runqueue with two or more
 *      tasks has found all of its tasks pinned away from this CPU
 *      (sched_nothing_to_pull(), the pinned_for marks of load_balance()).
 * Any interrupt wakes the CPU (hlt); it starts its tick again at once and
 * goes through schedule(), which looks for work to pull before it idles.
 *
 * Who wakes a CPU whose tick is stopped?  Whoever gives it work.  A wake-up
 * of a task that belongs to it sends an IPI anyway (resched_task()).  And
 * when a task arrives on a runqueue that has two or more, or a mask
 * changes there, rule 4 may no longer hold for some stopped CPU: the
 * scheduler calls nohz_kick(), which picks one stopped CPU the task may run
 * on and sends it an IPI.  One at a time: that CPU, once it has pulled its
 * share, has a runqueue of its own that kicks the next if it overflows.
 *
 * The race that must not be lost: CPU A checks rule 4 while CPU B adds a
 * task to a busy runqueue.  A first sets its bit in nohz_stopped_mask and
 * then looks at the runqueues; B first changes its runqueue and then looks
 * at the mask.  A full barrier between the write and the read on each side
 * (store-buffer ordering, Intel SDM vol. 3 8.2.3.4; IA-64 allows the same
 * reordering) means at least one of them sees the other: A keeps its tick,
 * or B kicks A.  An IPI that arrives between A's check and its hlt is not
 * lost either: hal_cpu_idle() halts with the interrupt already pending and
 * wakes at once.
 */
#include "kernel/nohz.h"
#include "kernel/hal.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/smp.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/watchdog.h"

/* Rule 3: ticks of idle (with their idle balancing) before the tick may
 * stop.  A few milliseconds at hz=1000. */
#define NOHZ_GRACE_TICKS 4

cpumask_t nohz_stopped_mask;

void nohz_idle_enter(void)
{
	struct cpu_data *c = this_cpu();
	c->idle_from_ticks = c->ticks;
}

/*
 * Rules 1-4 (top of the file).  If they hold, this CPU's bit is set in
 * nohz_stopped_mask and it must stop its tick.  Interrupts off; the idle
 * task.
 */
static bool tick_may_stop(struct cpu_data *c)
{
	if (!params.nohz || c->id == 0 || current->need_resched)
		return false;
	if (c->ticks - c->idle_from_ticks < NOHZ_GRACE_TICKS ||
	    timer_pending_here())
		return false;
	/* Say so first, then look (the race at the top of the file). */
	cpumask_set_cpu_atomic(c->id, &nohz_stopped_mask);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!current->need_resched && sched_nothing_to_pull(c->id))
		return true;
	cpumask_clear_cpu_atomic(c->id, &nohz_stopped_mask);
	return false;
}

void nohz_tick_restart(void)
{
	struct cpu_data *c = this_cpu();
	assert_irqs_disabled();
	cpumask_clear_cpu_atomic(c->id, &nohz_stopped_mask);
	/* the watchdog skips this CPU while tick_stopped is set: give it a
	 * fresh stamp before it looks again */
	watchdog_tick_restarted(hal_cycles());
	__atomic_store_n(&c->tick_stopped, false, __ATOMIC_RELEASE);
	tick_restart_cpu();
	/* should it idle again, the grace ticks count from now */
	c->idle_from_ticks = c->ticks;
}

void nohz_idle_wait(void)
{
	struct cpu_data *c = this_cpu();
	hal_irq_disable();
	if (current->need_resched) {
		hal_irq_enable();
		return;
	}
	bool stop = tick_may_stop(c);
	if (stop) {
		__atomic_store_n(&c->tick_stopped, true, __ATOMIC_RELEASE);
		c->tick_stops++;
		hal_timer_stop();
	}
	hal_cpu_idle(); /* interrupts on: back after the next interrupt */
	if (!stop)
		return;
	/* The interrupt that woke us may have switched to a task already
	 * (preempting the idle task on its way out), and schedule() then
	 * started the tick.  If not - a kick, which sets nothing else -
	 * start it here and look for work in schedule(). */
	hal_irq_disable();
	if (c->tick_stopped) {
		nohz_tick_restart();
		current->need_resched = true;
	}
	hal_irq_enable();
}

void nohz_kick(const cpumask_t *allowed, unsigned from)
{
	cpumask_t m;
	/* the other half of the race at the top of the file */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!cpumask_and(&m, &nohz_stopped_mask, allowed))
		return;
	unsigned cpu = cpumask_next((int)from, &m);
	if (cpu >= NR_CPUS)
		cpu = cpumask_first(&m);
	/* the kicker that clears the bit sends the one IPI */
	if (cpumask_test_and_clear_cpu_atomic(cpu, &nohz_stopped_mask))
		smp_send_ipi(cpu, IPI_RESCHEDULE);
}

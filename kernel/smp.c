/*
 * kernel/smp.c - starting the other CPUs, and cross-CPU function calls.
 *
 * Start-up, in three steps that kernel_main() calls in turn.  smp_probe()
 * asks the architecture for the firmware's list of CPUs (hal_smp_probe);
 * smp_boot_cpu_online() starts the boot CPU's tick and counts it online;
 * smp_init() decides how many others to start (`maxcpus=`) and starts them
 * all at once (hal_smp_boot).  Each new CPU sets up its own hardware and
 * then lands in smp_secondary_start(), which marks it online, starts its
 * timer and lets it idle.  `smp: online N/M` reports the outcome.
 *
 * Function calls.  Each CPU has a queue of calls for it (cpu_data's
 * call_queue, under call_lock).  smp_call_function_single() adds a request
 * to the target's queue and sends it an IPI; the target's IPI handler runs
 * every queued call and marks each one done, which the caller may be
 * spinning on.  A request lives on the caller's stack, so the caller must
 * not return before the target has taken it: without `wait` we still wait
 * for "taken", just not for "finished".
 */
#include "kernel/smp.h"
#include "kernel/panic.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/trace.h"
#include "lib/errno.h"

cpumask_t cpu_online_mask;
unsigned nr_cpus_present;

struct call_request {
	struct list_head node;
	smp_call_fn fn;
	void *arg;
	volatile bool taken;	/* the target has copied fn/arg */
	volatile bool finished; /* fn has returned */
};

unsigned num_online_cpus(void)
{
	return cpumask_weight(&cpu_online_mask);
}

static void cpu_data_init(unsigned cpu)
{
	struct cpu_data *c = &cpu_data[cpu];
	INIT_LIST_HEAD(&c->call_queue);
	spin_lock_init(&c->call_lock, "call_lock");
}

/* Set this CPU's bit in `mask`.  Atomic: the CPUs come online at the
 * same time, and a plain read-modify-write would lose a neighbour's bit.
 * The ktest smp_mark_cpu_concurrent hammers it. */
void smp_mark_cpu_in(cpumask_t *mask)
{
	cpumask_set_cpu_atomic(cpu_id(), mask);
}

static void mark_online(void)
{
	smp_mark_cpu_in(&cpu_online_mask);
}

/* This CPU's idle task runs on the stack the CPU started on; only the arch
 * knows where that is, so ask it (gdb's `tern bt` bounds its walk there). */
static void idle_stack_from_hal(unsigned cpu)
{
	sched_idle_task(cpu)->stack_top = hal_cpu_boot_stack(cpu);
}

/*
 * The boot CPU, once its interrupt controller and timer are set up
 * (kernel_main): start its tick and count it online.  Interrupts still
 * off, so the first tick waits for kernel_main's hal_irq_enable().
 */
void smp_boot_cpu_online(void)
{
	BUG_ON(cpu_id() != 0 || hal_irqs_enabled());
	idle_stack_from_hal(0);
	tick_start_cpu();
	mark_online();
}

/*
 * Every AP's first kernel code, called by its arch start path (x86
 * ap_main, IA-64 ia64_ap_start) on its boot stack, as its idle task,
 * with interrupts off and its per-CPU data, trap table and interrupt
 * controller set up.  Marks it online - which the boot CPU, waiting in
 * smp_wait_online(), sees - and idles for good with interrupts on.
 */
void smp_secondary_start(void)
{
	unsigned cpu = cpu_id();

	BUG_ON(cpu == 0 || hal_irqs_enabled() || cpu_online(cpu));
	BUG_ON(current != sched_idle_task(cpu));
	idle_stack_from_hal(cpu);
	tick_start_cpu();
	mark_online();
	hal_irq_enable();
	cpu_idle();
}

unsigned smp_wait_online(const cpumask_t *cpus, u64 timeout_ms)
{
	unsigned cpu, online = 0;
	u64 deadline = ms_since_boot() + timeout_ms;
	for (;;) {
		bool all = true;
		for_each_cpu(cpu, cpus)
			all &= cpu_online(cpu);
		if (all || ms_since_boot() > deadline)
			break;
		hal_cpu_relax();
	}
	for_each_cpu(cpu, cpus)
		online += cpu_online(cpu);
	return online;
}

/* How many CPUs to run: `maxcpus=` caps it as in Linux, where 0 and 1 both
 * mean "the boot CPU alone". */
static unsigned cpus_wanted(unsigned present)
{
	unsigned want = (unsigned)MAX(params.maxcpus, 1);
	return MIN(want, present);
}

/*
 * Boot CPU, once, interrupts off (kernel_main): the firmware's list of
 * CPUs, and each one's per-CPU call queue.
 */
void smp_probe(void)
{
	BUG_ON(cpu_id() != 0 || hal_irqs_enabled());
	nr_cpus_present = hal_smp_probe();
	BUG_ON(nr_cpus_present < 1 || nr_cpus_present > NR_CPUS);
	for (unsigned cpu = 0; cpu < nr_cpus_present; cpu++)
		cpu_data_init(cpu);
}

/*
 * Boot CPU, once, after smp_probe() and smp_boot_cpu_online(), interrupts
 * on (kernel_main): start the CPUs `maxcpus=` asks for, all at once, and
 * say how many came: `smp: online N/M`.
 */
void smp_init(void)
{
	cpumask_t start;

	BUG_ON(cpu_id() != 0 || !hal_irqs_enabled() || !cpu_online(0));
	cpumask_clear(&start);
	unsigned want = cpus_wanted(nr_cpus_present);
	for (unsigned cpu = 1; cpu < want; cpu++)
		cpumask_set_cpu(cpu, &start);
	if (want < nr_cpus_present)
		pr_info("smp: maxcpus=%d: starting %u of %u CPUs\n",
			params.maxcpus, want, nr_cpus_present);
	if (!cpumask_empty(&start))
		hal_smp_boot(&start);
	pr_info("smp: online %u/%u\n", num_online_cpus(), nr_cpus_present);
}

/* --- function calls ---------------------------------------------------- */

static void run_call_queue(void)
{
	struct cpu_data *c = this_cpu();

	for (;;) {
		irqflags_t flags = spin_lock_irqsave(&c->call_lock);
		if (list_empty(&c->call_queue)) {
			spin_unlock_irqrestore(&c->call_lock, flags);
			return;
		}
		struct call_request *req =
		    list_first_entry(&c->call_queue, struct call_request, node);
		list_del(&req->node);
		spin_unlock_irqrestore(&c->call_lock, flags);

		smp_call_fn fn = req->fn;
		void *arg = req->arg;
		__atomic_store_n(&req->taken, true, __ATOMIC_RELEASE);
		fn(arg);
		__atomic_store_n(&req->finished, true, __ATOMIC_RELEASE);
	}
}

void smp_send_ipi(unsigned cpu, enum ipi_kind kind)
{
	trace_ipi_send(cpu, kind);
	hal_send_ipi(cpu, kind);
}

void smp_ipi_handler(enum ipi_kind kind)
{
	this_cpu()->ipis++;
	/* Not the NMI kinds: an NMI may come in the middle of a record. */
	if (kind == IPI_RESCHEDULE || kind == IPI_CALL_FUNCTION)
		trace_ipi_recv(kind);
	switch (kind) {
	case IPI_CALL_FUNCTION:
		run_call_queue();
		break;
	case IPI_RESCHEDULE:
		break; /* the scheduler will look at need_resched here */
	case IPI_STOP:
		hal_halt_forever();
	case IPI_WATCHDOG:
		break; /* the arch's NMI handler calls watchdog_nmi() */
	}
}

static void queue_call(unsigned cpu, struct call_request *req)
{
	struct cpu_data *c = &cpu_data[cpu];
	irqflags_t flags = spin_lock_irqsave(&c->call_lock);
	list_add_tail(&req->node, &c->call_queue);
	spin_unlock_irqrestore(&c->call_lock, flags);
	smp_send_ipi(cpu, IPI_CALL_FUNCTION);
}

static void wait_for(struct call_request *req, bool until_finished)
{
	volatile bool *flag = until_finished ? &req->finished : &req->taken;
	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE))
		hal_cpu_relax();
}

/* Tests only (smp_ktest.c): called between deciding "this CPU" and running
 * fn here, to hold that window open. */
void (*smp_test_self_call_hook)(void);

/* Run fn here, as the IPI handler would run it elsewhere: interrupts off. */
static void call_here(smp_call_fn fn, void *arg)
{
	if (unlikely(smp_test_self_call_hook))
		smp_test_self_call_hook();
	irqflags_t flags = hal_irq_save();
	fn(arg);
	hal_irq_restore(flags);
}

/*
 * Preemption stays disabled from the moment "this CPU" is decided until fn
 * has run here: a task preempted in between could be moved to another CPU
 * and run fn there - twice on one CPU, never on the one it meant.
 */
int smp_call_function_single(unsigned cpu, smp_call_fn fn, void *arg, bool wait)
{
	if (cpu >= NR_CPUS || !cpu_online(cpu))
		return -EINVAL;
	preempt_disable();
	if (cpu == cpu_id()) {
		call_here(fn, arg);
		preempt_enable();
		return 0;
	}
	BUG_ON(!hal_irqs_enabled());
	struct call_request req = {.fn = fn, .arg = arg};
	queue_call(cpu, &req);
	wait_for(&req, wait);
	preempt_enable();
	return 0;
}

void smp_call_function(smp_call_fn fn, void *arg, bool wait)
{
	static struct call_request reqs[NR_CPUS]; /* one caller at a time */
	static DEFINE_SPINLOCK(broadcast_lock);
	unsigned self, cpu;

	BUG_ON(!hal_irqs_enabled());
	spin_lock(&broadcast_lock);
	self = cpu_id();
	for_each_cpu(cpu, &cpu_online_mask) {
		if (cpu == self)
			continue;
		reqs[cpu] = (struct call_request){.fn = fn, .arg = arg};
		queue_call(cpu, &reqs[cpu]);
	}
	for_each_cpu(cpu, &cpu_online_mask)
		if (cpu != self)
			wait_for(&reqs[cpu], wait);
	spin_unlock(&broadcast_lock);
}

/* Preemption off throughout, for the reason above smp_call_function_single:
 * "every other CPU" and "this CPU" must be decided on the same CPU. */
void on_each_cpu(smp_call_fn fn, void *arg)
{
	preempt_disable();
	smp_call_function(fn, arg, true);
	call_here(fn, arg);
	preempt_enable();
}

void smp_send_stop(void)
{
	unsigned cpu, self = cpu_id();
	for_each_cpu(cpu, &cpu_online_mask)
		if (cpu != self)
			hal_send_ipi(cpu, IPI_STOP);
}

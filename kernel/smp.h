/*
 * kernel/smp.h - which CPUs are running, and asking another CPU to do
 * something.
 */
#ifndef TERN_KERNEL_SMP_H
#define TERN_KERNEL_SMP_H

#include "kernel/hal.h"
#include "lib/cpumask.h"

/* CPUs that have finished starting.  Set bit by bit as each CPU arrives,
 * never cleared (there is no CPU hot-unplug). */
extern cpumask_t cpu_online_mask;
/* M: usable CPUs in the firmware tables (capped at NR_CPUS). */
extern unsigned nr_cpus_present;

static inline bool cpu_online(unsigned cpu)
{
	return cpumask_test_cpu(cpu, &cpu_online_mask);
}

unsigned num_online_cpus(void);
/* Set this CPU's bit in `mask`, atomically (how a CPU marks itself
 * online; any context). */
void smp_mark_cpu_in(cpumask_t *mask);

/* Boot CPU, interrupts off, after hal_irq_init(): the firmware's list of
 * CPUs (nr_cpus_present) and their per-CPU call queues. */
void smp_probe(void);
/* Boot CPU, interrupts off, after hal_timer_calibrate() and time_init():
 * its idle task's stack, its tick, its bit in cpu_online_mask. */
void smp_boot_cpu_online(void);
/* Boot CPU, interrupts on: start the others; prints `smp: online N/M`. */
void smp_init(void);
/* Every other CPU, once its architecture set-up is done.  Never returns. */
__noreturn void smp_secondary_start(void);
/* For the arch's hal_smp_boot(), once it has sent the start signals: wait
 * until every CPU in `cpus` is online, or timeout_ms have passed; returns
 * how many are.  (The arch names the ones that are not, in its terms.) */
unsigned smp_wait_online(const cpumask_t *cpus, u64 timeout_ms);

/* Send an IPI (traced; kernel/ calls this, never hal_send_ipi()).  Not
 * for the NMI kinds, whose senders may be in a panic. */
void smp_send_ipi(unsigned cpu, enum ipi_kind kind);

/* The arch's IPI handler calls this with the kind it received. */
void smp_ipi_handler(enum ipi_kind kind);

/* --- Cross-CPU function calls --- */
typedef void (*smp_call_fn)(void *arg);

/*
 * Run fn(arg) on `cpu` (in its interrupt handler, interrupts off there),
 * and when `wait`, return only after it has run.  Waiting needs interrupts
 * on here: two CPUs waiting for each other with interrupts off would never
 * see each other's request.  Returns 0, or -EINVAL for a CPU not online.
 */
int smp_call_function_single(unsigned cpu, smp_call_fn fn, void *arg,
			     bool wait);
/* The same on every online CPU but this one. */
void smp_call_function(smp_call_fn fn, void *arg, bool wait);
/* The same on every online CPU, this one included. */
void on_each_cpu(smp_call_fn fn, void *arg);
/* Tests only: called where this CPU's own call is about to run. */
extern void (*smp_test_self_call_hook)(void);

/* Stop every other CPU (panic). */
void smp_send_stop(void);

#endif

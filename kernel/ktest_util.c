/*
 * kernel/ktest_util.c - the crowd of threads a scheduler ktest starts and
 * stops, and fake runqueues and tasks for the checker tests (ktest_util.h).
 */
#include "kernel/ktest_util.h"
#include "lib/string.h"

struct hog_crowd ktest_crowd;

struct task *ktest_start_hog(unsigned cpu, int policy, int rt, const char *name)
{
	struct task *t = ktest_thread_on(cpu_hog, &ktest_crowd, cpu, name);
	if (!t)
		return NULL;
	if (policy != SCHED_NORMAL)
		sched_setscheduler(t, policy, rt);
	wake_up_process(t);
	return t;
}

void ktest_fake_rq(struct runqueue *rq, unsigned cpu)
{
	runqueue_init(rq, cpu);
	rq->curr = rq->idle = sched_idle_task(cpu);
}

void ktest_fake_task(struct task *t, const char *name, unsigned cpu, int prio)
{
	memset(t, 0, sizeof(*t));
	strlcpy(t->name, name, sizeof(t->name));
	INIT_LIST_HEAD(&t->run_list);
	t->cpu = cpu;
	t->prio = prio;
	cpumask_set_cpu(cpu, &t->cpus_allowed);
}

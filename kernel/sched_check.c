/*
 * kernel/sched_check.c - the scheduler's invariants, checked (sched_check.h).
 */
#include "kernel/sched_check.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "lib/vsnprintf.h"

struct report {
	int problems;
	char *first;
	size_t size;
};

static __printf(2, 3) void problem(struct report *r, const char *fmt, ...)
{
	char msg[192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r->problems++ == 0 && r->first)
		snprintf(r->first, r->size, "%s", msg);
	pr_err("sched_check: %s\n", msg);
}

static void check_array(struct runqueue *rq, struct prio_array *a,
			const char *which, u64 mark, struct report *r)
{
	unsigned count = 0;
	if (!test_bit(MAX_PRIO, a->bitmap))
		problem(r, "cpu %u %s array: the sentinel bit %d is clear",
			rq->cpu, which, MAX_PRIO);
	for (int idx = 0; idx < MAX_PRIO; idx++) {
		bool empty = list_empty(&a->queue[idx]);
		if (empty == test_bit((unsigned)idx, a->bitmap))
			problem(r,
				"cpu %u %s array: priority %d's bit is %s but "
				"its list is %s",
				rq->cpu, which, idx, empty ? "set" : "clear",
				empty ? "empty" : "not empty");
		struct task *p;
		list_for_each_entry(p, &a->queue[idx], run_list) {
			if (++count > a->nr_active + 1000)
				break; /* a loop in the list: reported below */
			if (p->check_mark == mark)
				problem(r, "task %s (pid %d) is queued twice",
					p->name, p->pid);
			p->check_mark = mark;
			if (p->array != a)
				problem(
				    r,
				    "task %s (pid %d) is on cpu %u's %s array "
				    "but its array field points elsewhere",
				    p->name, p->pid, rq->cpu, which);
			if (p->prio != idx)
				problem(r,
					"task %s (pid %d) has prio %d but sits "
					"on list %d",
					p->name, p->pid, p->prio, idx);
			if (p->cpu != rq->cpu)
				problem(
				    r,
				    "task %s (pid %d) is queued on cpu %u's "
				    "runqueue but its cpu field says %u",
				    p->name, p->pid, rq->cpu, p->cpu);
			/* on a CPU its cpus_allowed forbids: see
			 * check_migrations() */
			/* A dying task is still queued, and running, from
			 * task_exit() until its last switch (with preemption
			 * off); queued and not running, it was switched away
			 * dead and will never leave the queue. */
			if (p->state == TASK_DEAD && p != rq->curr)
				problem(r,
					"dead task %s (pid %d) is still queued "
					"and not running",
					p->name, p->pid);
		}
	}
	if (count != a->nr_active)
		problem(r,
			"cpu %u %s array: nr_active is %u but its lists hold "
			"%u tasks",
			rq->cpu, which, a->nr_active, count);
}

static bool migration_requested(struct runqueue *rq, struct task *p)
{
	struct migration_req *req;
	if (rq->migration_serving == p)
		return true;
	if (!rq->migration_queue.next) /* a test's fake runqueue */
		return false;
	list_for_each_entry(req, &rq->migration_queue, list)
		if (req->task == p)
			return true;
	return false;
}

/*
 * A task may sit on a CPU its cpus_allowed forbids only while a request to
 * move it is on that CPU's migration queue or in its migration thread's
 * hands (set_cpus_allowed() queues the request under the same lock as it
 * changes the mask; only that runqueue's lock holders can move the task,
 * and the balancer never moves it to a forbidden CPU).  A task running, or
 * queued, there without one was forgotten: nothing will ever move it.
 */
static void check_migrations(struct runqueue *rq, struct report *r)
{
	for (int i = 0; i < 2; i++) {
		struct prio_array *a = &rq->arrays[i];
		for (int idx = 0; idx < MAX_PRIO; idx++) {
			struct task *p;
			list_for_each_entry(p, &a->queue[idx], run_list) {
				if (cpumask_test_cpu(rq->cpu,
						     &p->cpus_allowed) ||
				    migration_requested(rq, p))
					continue;
				problem(r,
					"task %s (pid %d) %s cpu %u, which its "
					"cpus_allowed forbids, and no "
					"migration request for it is pending",
					p->name, p->pid,
					p == rq->curr ? "runs on" : "waits on",
					rq->cpu);
			}
		}
	}
}

int sched_check_rq(struct runqueue *rq, u64 mark, char *first, size_t size)
{
	struct report r = {0, first, size};
	check_array(rq, rq->active, "active", mark, &r);
	check_array(rq, rq->expired, "expired", mark, &r);
	unsigned long queued = rq->active->nr_active + rq->expired->nr_active;
	if (rq->nr_running != queued)
		problem(&r,
			"cpu %u: nr_running is %lu but %lu tasks are queued",
			rq->cpu, rq->nr_running, queued);
	if (rq->curr != rq->idle && rq->curr->cpu != rq->cpu)
		problem(&r, "cpu %u runs %s, whose cpu field says %u", rq->cpu,
			rq->curr->name, rq->curr->cpu);
	check_migrations(rq, &r);
	return r.problems;
}

/* Each pass marks the tasks it saw with a number of its own. */
static u64 next_mark(void)
{
	static u64 pass;
	return __atomic_add_fetch(&pass, 1, __ATOMIC_RELAXED);
}

int sched_check_this_cpu(char *first, size_t size)
{
	irqflags_t flags = hal_irq_save();
	struct runqueue *rq = cpu_rq(cpu_id());
	spin_lock(&rq->lock);
	int problems = sched_check_rq(rq, next_mark(), first, size);
	spin_unlock(&rq->lock);
	hal_irq_restore(flags);
	return problems;
}

int sched_check(char *first, size_t size)
{
	unsigned cpu;
	int problems = 0;
	struct task *p;

	/* All runqueue locks, lowest CPU first, interrupts off (rules 1 and
	 * 2 of sched.c).  They are taken directly, not through rq_lock(),
	 * whose bookkeeping tracks at most two. */
	irqflags_t flags = hal_irq_save();
	spin_lock(&tasklist_lock);
	for_each_cpu(cpu, &cpu_online_mask)
		spin_lock(&cpu_rq(cpu)->lock);
	u64 mark = next_mark();
	for_each_cpu(cpu, &cpu_online_mask) {
		char *f = problems ? NULL : first;
		problems += sched_check_rq(cpu_rq(cpu), mark, f, size);
	}
	struct report r = {0, problems ? NULL : first, size};
	list_for_each_entry(p, &task_list, tasks) {
		if (p->array && p->check_mark != mark)
			problem(&r,
				"task %s (pid %d) says it is queued, but no "
				"runqueue holds it",
				p->name, p->pid);
		if (!p->array && p->state == TASK_RUNNING &&
		    cpu_rq(p->cpu)->curr != p)
			problem(&r,
				"runnable task %s (pid %d) is on no runqueue "
				"and not running (lost)",
				p->name, p->pid);
	}
	for_each_cpu(cpu, &cpu_online_mask)
		spin_unlock(&cpu_rq(cpu)->lock);
	spin_unlock(&tasklist_lock);
	hal_irq_restore(flags);
	return problems + r.problems;
}

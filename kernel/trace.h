/*
 * kernel/trace.h - what the scheduler did, event by event, per CPU.
 *
 * Every CPU has a ring of fixed-size records (struct trace_rec) that only
 * it writes, with interrupts off for the few stores a record takes: no
 * lock, so an event can be recorded anywhere - in schedule() under a
 * runqueue lock, in the timer interrupt, inside the spinlock code itself.
 * A full ring overwrites its oldest record and counts it lost.
 *
 * The disabled cost is one load and one predictable branch at each event
 * site: each trace_X() below is an inline test of `trace_enabled` that
 * calls the out-of-line recorder only when tracing is on.
 *
 * Reading: `trace dump` in the monitor (trace_dump(), which pauses tracing
 * while it prints), gdb's `tern trace` (straight from memory, for a kernel
 * that hung), and tools/trace/ turns either into a timeline.  The text
 * format is fixed in docs/trace.md.
 *
 * Options: trace=N (KiB of records per CPU, 0 = no tracing; default on,
 * small), trace_ticks=1 (a record per timer tick), trace_lock_us=N (a
 * spinlock wait this long or longer is recorded).
 */
#ifndef TERN_KERNEL_TRACE_H
#define TERN_KERNEL_TRACE_H

#include "kernel/task.h"

enum trace_type {
	TR_NONE = 0,
	TR_SWITCH,     /* t1 = prev, t2 = next, flag = prev's state letter */
	TR_WAKEUP,     /* t1 = task, c1 = target CPU, flag = preempts */
	TR_MIGRATE,    /* t1 = task, c1 = from, c2 = to, flag = reason */
	TR_BALANCE,    /* c1 = busiest, n1 = imbalance, n2 = pulled, flag =
			  idle */
	TR_TICK,       /* t1 = the running task */
	TR_IPI_SEND,   /* c1 = to, flag = enum ipi_kind */
	TR_IPI_RECV,   /* flag = enum ipi_kind */
	TR_LOCK_WAIT,  /* t1.name = the lock's name, n1 = ns waited */
	TR_MIGQ_QUEUE, /* t1 = task, c1 = the CPU whose queue */
	TR_MIGQ_SERVE, /* t1 = task */
	TR_CREATE,     /* t1 = task */
	TR_EXIT,       /* t1 = task */
	TR_PRINT,      /* text */
	TR_NR_TYPES
};

enum trace_migrate_reason {
	TRACE_MIGRATE_BALANCE,	/* the load balancer pulled it */
	TRACE_MIGRATE_AFFINITY, /* set_cpus_allowed() sent it */
	TRACE_MIGRATE_WAKEUP,	/* moved as it woke */
};

#define TRACE_NO_CPU 0xffff

/* A task as a record keeps it: the task itself may be gone by the time
 * the trace is read. */
struct trace_task {
	u32 pid;
	char name[TASK_NAME_LEN];
};

/* One event: 64 bytes, so a 4 KiB page holds 64 of them. */
struct trace_rec {
	u64 cycles; /* hal_cycles() when it happened */
	u8 type;    /* enum trace_type */
	u8 flag;    /* per type, see enum trace_type */
	u16 c1, c2; /* CPUs, per type; TRACE_NO_CPU for none */
	u16 reserved;
	union {
		struct {
			u32 n1, n2;
			struct trace_task t1, t2;
		};
		char text[48]; /* TR_PRINT, NUL-terminated */
	};
};
BUILD_BUG_ON(sizeof(struct trace_rec) != 64);

/*
 * One CPU's ring.  Written only by its CPU, with interrupts off; `head`
 * counts every record ever written (the next goes to buf[head & mask]),
 * and is stored after the record, so a reader that sees head = n may read
 * records n-1 and older (gdb reads them this way from a stopped machine).
 */
struct trace_ring {
	struct trace_rec *buf; /* NULL: this CPU has no ring */
	u64 mask;	       /* records in buf, minus 1 (a power of 2) */
	volatile u64 head;
	/* Turned on and off under the CPU's runqueue lock (sched_trace_set),
	 * with the runqueue's switch counter read at that moment, so that the
	 * switches the kernel counted while tracing was on are exactly those
	 * recorded - the check tools/trace runs. */
	bool on;
	/* A record is being written.  Interrupts are off meanwhile, but an
	 * NMI is not held off: one that records (a watchdog report waiting on
	 * a lock) would take the same slot, so it records nothing instead. */
	bool writing;
	u64 switches_base;  /* rq->nr_switches when last turned on */
	u64 switches_total; /* counted in earlier on-periods */
};

extern struct trace_ring trace_rings[NR_CPUS];

/* The one test at every event site. */
extern bool trace_enabled;
#define trace_active() unlikely(READ_ONCE(trace_enabled))

/* Allocate the rings of the online CPUs (trace=N KiB each) and turn
 * tracing on unless trace=0.  Boot CPU, once, after smp_init(). */
void trace_init(void);

/* trace on|off|clear, as the monitor and the ktests ask. */
void trace_start(void);
void trace_stop(void);
void trace_clear(void);
bool trace_running(void);

/* Called by sched_trace_set() on each CPU's ring, that runqueue locked. */
void trace_cpu_set(unsigned cpu, bool on, u64 nr_switches);

/* Print the rings as text (docs/trace.md), merged by time; cpu < 0: all
 * CPUs.  Thread context; pauses tracing while it prints. */
void trace_dump(int cpu);

/* How many records of this type cpu's ring holds now. */
u64 trace_count(unsigned cpu, enum trace_type type);

/* --- The recorders: call the trace_X() wrappers, never these ------------ */
void __trace_switch(const struct task *prev, const struct task *next);
void __trace_wakeup(const struct task *p, unsigned target, bool preempt);
void __trace_migrate(const struct task *p, unsigned from, unsigned to,
		     enum trace_migrate_reason why);
void __trace_balance(int busiest, unsigned long imbalance, long pulled,
		     bool idle);
void __trace_tick(const struct task *p);
void __trace_ipi(bool send, unsigned cpu, unsigned kind);
void __trace_lock_wait(const char *name, u64 cycles);
void __trace_migq(bool queue, const struct task *p, unsigned cpu);
void __trace_task(bool create, const struct task *p);
__printf(1, 2) void __trace_printk(const char *fmt, ...);

static inline void trace_switch(const struct task *prev,
				const struct task *next)
{
	if (trace_active())
		__trace_switch(prev, next);
}

static inline void trace_wakeup(const struct task *p, unsigned target,
				bool preempt)
{
	if (trace_active())
		__trace_wakeup(p, target, preempt);
}

static inline void trace_migrate(const struct task *p, unsigned from,
				 unsigned to, enum trace_migrate_reason why)
{
	if (trace_active())
		__trace_migrate(p, from, to, why);
}

static inline void trace_balance(int busiest, unsigned long imbalance,
				 long pulled, bool idle)
{
	if (trace_active())
		__trace_balance(busiest, imbalance, pulled, idle);
}

static inline void trace_tick(const struct task *p)
{
	if (trace_active())
		__trace_tick(p);
}

static inline void trace_ipi_send(unsigned cpu, unsigned kind)
{
	if (trace_active())
		__trace_ipi(true, cpu, kind);
}

static inline void trace_ipi_recv(unsigned kind)
{
	if (trace_active())
		__trace_ipi(false, TRACE_NO_CPU, kind);
}

static inline void trace_lock_wait(const char *name, u64 cycles)
{
	if (trace_active())
		__trace_lock_wait(name, cycles);
}

static inline void trace_migq_queue(const struct task *p, unsigned cpu)
{
	if (trace_active())
		__trace_migq(true, p, cpu);
}

static inline void trace_migq_serve(const struct task *p)
{
	if (trace_active())
		__trace_migq(false, p, TRACE_NO_CPU);
}

static inline void trace_create(const struct task *p)
{
	if (trace_active())
		__trace_task(true, p);
}

static inline void trace_exit(const struct task *p)
{
	if (trace_active())
		__trace_task(false, p);
}

#define trace_printk(...)                                                      \
	do {                                                                   \
		if (trace_active())                                            \
			__trace_printk(__VA_ARGS__);                           \
	} while (0)

#endif

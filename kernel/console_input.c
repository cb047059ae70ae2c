/*
 * kernel/console_input.c - the buffer between the receive interrupt and the
 * task that reads the console (see console_input.h).
 *
 * The interrupt handler is the producer, one task (the monitor) the
 * consumer.  They share the ring, its counters and the statistics, under
 * input_lock.  The handler runs with interrupts off; the reader takes the
 * lock with interrupts off too (spin_lock_irqsave), or the interrupt could
 * arrive on its CPU while it holds the lock and spin on it forever.
 */
#include "kernel/console_input.h"
#include "kernel/hal.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "kernel/wait.h"

/* A power of two, so that the free-running counters can wrap.  256 bytes
 * is two full lines typed ahead. */
#define RING_SIZE 256

static DEFINE_SPINLOCK(input_lock);
static u8 ring[RING_SIZE];
static u32 ring_in, ring_out; /* bytes ever put in / taken out */
static u32 ctrl_c_queued;     /* how many Ctrl-C bytes are in the ring */
static struct console_input_stats stats;

static struct wait_queue_head input_wait = {
    .lock = SPINLOCK_INIT("console input wait"),
    .waiters = LIST_HEAD_INIT(input_wait.waiters),
};

/* input_lock held. */
static void put_locked(u8 c)
{
	if (ring_in - ring_out == RING_SIZE) {
		if (c != CONSOLE_CTRL_C) {
			stats.dropped++;
			return;
		}
		/* A Ctrl-C must never be lost: it is how the user stops a
		 * command that does not read.  It would throw away what was
		 * typed before it anyway (console_take_interrupt). */
		stats.dropped += ring_in - ring_out;
		ring_out = ring_in;
		ctrl_c_queued = 0;
	}
	ring[ring_in++ % RING_SIZE] = c;
	if (c == CONSOLE_CTRL_C)
		ctrl_c_queued++;
}

/* input_lock held.  The oldest byte, or -1 when the ring is empty. */
static int take_locked(void)
{
	if (ring_in == ring_out)
		return -1;
	u8 c = ring[ring_out++ % RING_SIZE];
	if (c == CONSOLE_CTRL_C)
		ctrl_c_queued--;
	return c;
}

void console_input_interrupt(const u8 *bytes, size_t n)
{
	irqflags_t flags = spin_lock_irqsave(&input_lock);
	stats.interrupts++;
	stats.bytes += n;
	for (size_t i = 0; i < n; i++)
		put_locked(bytes[i]);
	spin_unlock_irqrestore(&input_lock, flags);
	/* Outside input_lock: wake_up() takes the wait queue's lock and a
	 * runqueue lock, and a lock is best held for as short as possible. */
	wake_up(&input_wait);
}

/* Without an interrupt: move whatever waits in the device to the ring. */
static void poll_device(void)
{
	int c;
	while ((c = hal_console_getc()) >= 0) {
		irqflags_t flags = spin_lock_irqsave(&input_lock);
		stats.bytes++;
		put_locked((u8)c);
		spin_unlock_irqrestore(&input_lock, flags);
	}
}

bool console_input_start(void)
{
	stats.by_interrupt = hal_console_irq_start(cpu_id());
	return stats.by_interrupt;
}

static int take(void)
{
	irqflags_t flags = spin_lock_irqsave(&input_lock);
	int c = take_locked();
	spin_unlock_irqrestore(&input_lock, flags);
	return c;
}

/*
 * The classic sleep: get on the wait queue and mark ourselves asleep
 * first, then look at the ring, and only then schedule().  A key that
 * arrives between the look and schedule() finds us on the queue: its
 * wake_up() makes us runnable again, and schedule() comes straight back.
 */
int console_getc(void)
{
	struct wait_entry we = {.node = LIST_HEAD_INIT(we.node)};
	int c;

	if (!stats.by_interrupt) {
		while (poll_device(), (c = take()) < 0)
			msleep(10); /* no interrupt: the last resort */
		return c;
	}
	for (;;) {
		prepare_to_wait(&input_wait, &we, TASK_INTERRUPTIBLE);
		c = take();
		if (c >= 0)
			break;
		stats.sleeps++; /* only this task writes it */
		schedule();
	}
	finish_wait(&input_wait, &we);
	return c;
}

int console_trygetc(void)
{
	if (!stats.by_interrupt)
		poll_device();
	return take();
}

bool console_interrupted(void)
{
	if (!stats.by_interrupt)
		poll_device();
	return READ_ONCE(ctrl_c_queued) != 0;
}

bool console_take_interrupt(void)
{
	bool found = false;
	if (!stats.by_interrupt)
		poll_device();
	irqflags_t flags = spin_lock_irqsave(&input_lock);
	if (ctrl_c_queued) {
		while (take_locked() != CONSOLE_CTRL_C)
			;
		found = true;
	}
	spin_unlock_irqrestore(&input_lock, flags);
	return found;
}

void console_input_get_stats(struct console_input_stats *s)
{
	irqflags_t flags = spin_lock_irqsave(&input_lock);
	*s = stats;
	spin_unlock_irqrestore(&input_lock, flags);
}

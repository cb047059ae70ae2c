/*
 * kernel/printk.c - format, log, and write to the console.
 *
 * One lock, taken with interrupts off, keeps lines from different CPUs (or
 * from an interrupt handler) from being interleaved mid-line.  A message is
 * formatted on the caller's stack first, so the lock is held only while
 * bytes are copied out - except for a message longer than that buffer,
 * whose rest is formatted again, piece by piece, under the lock.
 */
#include "kernel/printk.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/spinlock.h"
#include "lib/vsnprintf.h"

char log_buf[LOG_BUF_SIZE];
u64 log_pos;

static DEFINE_SPINLOCK(console_lock);
static bool locks_busted;
static bool mid_line; /* the console's last byte was not '\n' */

/* Under console_lock (or with it busted). */
static void write_console(const char *s, size_t n)
{
	if (!n)
		return;
	hal_console_write(s, n);
	mid_line = s[n - 1] != '\n';
}

/*
 * A console that never waits for itself.  in_console[cpu] is set from just
 * before this CPU asks for console_lock until after it has let go of it
 * entirely (spin_unlock() has handed the lock on), and only that CPU writes
 * it.  So code that runs on top of it - an NMI (QEMU's `nmi`, the
 * watchdog's question, the stop IPI), or the watchdog's report from inside
 * this CPU's own wait for the lock (spin_wait()) - finds it set whenever
 * waiting would mean waiting for itself: in the middle of the line being
 * written, but also while the ticket is being taken and after the lock
 * has lost its recorded holder but not yet been handed on (the last two
 * steps of spin_unlock()), which no look at console_lock can tell.  That
 * code writes without the lock, into the middle of the interrupted line.
 * Interrupts are off from before console_enter() to after console_exit(),
 * so the CPU does not change.
 */
static volatile bool in_console[NR_CPUS];

static bool console_enter(void)
{
	unsigned cpu = cpu_id();
	if (locks_busted || in_console[cpu])
		return false;
	in_console[cpu] = true;
	barrier();
	spin_lock(&console_lock);
	return true;
}

static void console_exit(bool locked)
{
	if (!locked)
		return;
	spin_unlock(&console_lock);
	barrier();
	in_console[cpu_id()] = false;
}

bool printk_inside_console(void)
{
	return in_console[cpu_id()] && !locks_busted;
}

void console_write(const char *s, size_t n)
{
	irqflags_t flags = hal_irq_save();
	bool locked = console_enter();
	write_console(s, n);
	console_exit(locked);
	hal_irq_restore(flags);
}

void printk_bust_locks(void)
{
	locks_busted = true;
}

static void log_store(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		log_buf[(log_pos + i) % LOG_BUF_SIZE] = s[i];
	log_pos += len;
}

/* Log a piece of a message and, at a level the console shows, write it. */
static void emit(const char *s, size_t len, bool console)
{
	log_store(s, len);
	if (console)
		write_console(s, len);
}

int vprintk(const char *fmt, va_list ap)
{
	char line[PRINTK_LINE_MAX];
	int level = LOGLEVEL_DEFAULT - 1; /* no prefix: KERN_INFO */
	va_list again;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	va_copy(again, ap);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	size_t len = MIN((size_t)n, sizeof(line) - 1);
	bool console = level < params.loglevel;

	irqflags_t flags = hal_irq_save();
	bool locked = console_enter(); /* not if this CPU is inside it */
	if (console && level <= LOGLEVEL_ERR && mid_line) /* errors: own line */
		write_console("\n", 1);
	emit(line, len, console);
	/* Longer than the buffer: the rest, formatted again piece by piece,
	 * under the same lock so that no other CPU's line comes between. */
	for (size_t done = len; done < (size_t)n; done += len) {
		va_list piece;
		va_copy(piece, again);
		vsnprintf_from(line, sizeof(line), done, fmt, piece);
		va_end(piece);
		len = MIN((size_t)n - done, sizeof(line) - 1);
		emit(line, len, console);
	}
	console_exit(locked);
	hal_irq_restore(flags);
	va_end(again);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

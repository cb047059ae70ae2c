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

void console_write(const char *s, size_t n)
{
	irqflags_t flags = hal_irq_save();
	bool locked = !locks_busted;
	if (locked)
		spin_lock(&console_lock);
	write_console(s, n);
	if (locked)
		spin_unlock(&console_lock);
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
	/* An NMI (the watchdog's) that came while this CPU printed must not
	 * wait for itself: it writes into the middle of that line.  Nor may
	 * the watchdog's report from inside this CPU's own wait for the
	 * console lock (spin_wait()): a second ticket would never come up. */
	bool locked =
	    !locks_busted &&
	    READ_ONCE(console_lock.holder_cpu) != (s32)cpu_id() &&
	    READ_ONCE(spin_held[cpu_id()].waiting_on) != &console_lock;
	if (locked)
		spin_lock(&console_lock);
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
	if (locked)
		spin_unlock(&console_lock);
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

/*
 * kernel/printk.h - the kernel's one way to say something.
 *
 * printk(KERN_INFO "fmt", ...) as in Linux: the level is a two-byte prefix
 * ("\001" then a digit) that printk strips.  Messages below the console
 * level (`loglevel=` on the command line, default 7) reach the console;
 * all of them reach the log buffer, which gdb (`tern dmesg`) can read even
 * after a hang.
 */
#ifndef TERN_KERNEL_PRINTK_H
#define TERN_KERNEL_PRINTK_H

#include "lib/compiler.h"
#include <stdarg.h>

#define KERN_SOH     "\001"
#define KERN_EMERG   KERN_SOH "0"
#define KERN_ALERT   KERN_SOH "1"
#define KERN_CRIT    KERN_SOH "2"
#define KERN_ERR     KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE  KERN_SOH "5"
#define KERN_INFO    KERN_SOH "6"
#define KERN_DEBUG   KERN_SOH "7"

#define LOGLEVEL_DEFAULT 7
#define LOGLEVEL_ERR	 3 /* the level of KERN_ERR */

/*
 * A message of any length comes out whole: printk formats into a buffer of
 * PRINTK_LINE_MAX bytes on the stack, and a longer message is written in
 * pieces of up to PRINTK_LINE_MAX - 1 bytes, one after the other with
 * nothing between them (no marks, no added newlines, and no other CPU's
 * output: they are written under one hold of the console lock), so it ends
 * with its own newline and the next message starts a line of its own.
 * The return value is the message's length, as with snprintf().
 *
 * printk may be called from any context, NMIs included: a CPU never waits
 * for the console lock when the code it interrupted is itself anywhere in
 * taking, holding or releasing it; it then writes at once, into the middle
 * of the interrupted line (the NMI handler, the watchdog's report and
 * panic rely on this).
 */
#define PRINTK_LINE_MAX 512

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);

#define pr_emerg(...) printk(KERN_EMERG __VA_ARGS__)
#define pr_err(...)   printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)  printk(KERN_WARNING __VA_ARGS__)
#define pr_info(...)  printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...) printk(KERN_DEBUG __VA_ARGS__)

/* After a panic: print without taking the console lock, which the
 * panicking CPU may hold. */
void printk_bust_locks(void);
/* Write to the console without logging (the shell's prompt and echo,
 * dmesg): through here so that printk knows where the cursor is - a
 * warning or report (KERN_ERR and more urgent) then starts on a line of its
 * own, never after a prompt. */
/* This CPU is in the middle of writing to the console (and what runs on
 * top of it - an NMI - would write into the middle of that line).  For a
 * message that can wait: say it later. */
bool printk_inside_console(void);
void console_write(const char *s, size_t n);

/* The log buffer: a ring of the last LOG_BUF_SIZE bytes printed. */
#define LOG_BUF_SIZE (64 * 1024)
extern char log_buf[LOG_BUF_SIZE];
extern u64 log_pos; /* total bytes ever logged; log_buf[log_pos % size] next */

#endif

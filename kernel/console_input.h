/*
 * kernel/console_input.h - keys typed on the console, for a task to read.
 *
 * The bytes arrive by interrupt: the arch's receive interrupt handler
 * (hal_console_irq_start() sets it up) calls console_input_interrupt(),
 * which puts them in a small ring buffer and wakes the task sleeping in
 * console_getc().  Nobody polls: between keys the reader is asleep on a
 * wait queue, and its CPU halts if it has nothing else to do.
 *
 *   UART -> IOAPIC -> CPU -> handler -> console_input_interrupt() -> ring
 *        -> wake_up() -> console_getc() returns in the shell's thread
 *
 * Ctrl-C is special, as in a terminal: it is queued in order like any
 * other byte, and while it waits there console_interrupted() says so.  A
 * command that runs for a while checks console_interrupted() and stops;
 * the line editor, reading the byte itself, cancels the line.
 */
#ifndef TERN_KERNEL_CONSOLE_INPUT_H
#define TERN_KERNEL_CONSOLE_INPUT_H

#include "lib/compiler.h"

#define CONSOLE_CTRL_C 0x03

/* Ask for input by interrupt, delivered to this CPU (the reader's: then a
 * wake-up needs no IPI).  Returns false when the machine cannot; the input
 * is then polled every 10 ms instead. */
bool console_input_start(void);

/* The next byte typed, in order; sleeps until there is one. */
int console_getc(void);

/* The next byte typed, or -1 at once when there is none. */
int console_trygetc(void);

/* Is a Ctrl-C waiting that nobody has read or taken yet?  Cheap (one
 * load): long-running commands call it in their loop. */
bool console_interrupted(void);
/* Take the oldest waiting Ctrl-C, and throw away what was typed before it:
 * it was typed while the interrupted command ran, and a terminal discards
 * such input on Ctrl-C too.  Returns false if no Ctrl-C was waiting. */
bool console_take_interrupt(void);

/* For the arch's receive interrupt handler (interrupts off): every byte it
 * has just taken from the device.  Never sleeps. */
void console_input_interrupt(const u8 *bytes, size_t n);

struct console_input_stats {
	bool by_interrupt; /* false: console_input_start() failed, polled */
	u64 interrupts;	   /* calls of console_input_interrupt() */
	u64 bytes;	   /* bytes received */
	u64 dropped;	   /* bytes lost because the buffer was full */
	u64 sleeps;	   /* times console_getc() slept waiting for a key */
};
void console_input_get_stats(struct console_input_stats *s);

#endif

/*
 * kernel/readline.h - read one line from the console, with editing keys and
 * a history of earlier lines.
 *
 * Keys: printable characters are added at the end of the line; Backspace
 * (DEL or Ctrl-H) removes the last one; Ctrl-U erases the whole line; Up
 * and Down (ESC [ A / ESC [ B, or ESC O A / ESC O B) step through earlier
 * lines; Enter ends the line; Ctrl-C cancels it.  A line may be at most
 * READLINE_MAX - 1 characters: typing past that rings the bell, and the
 * line is refused when Enter comes, rather than cut short and run.
 */
#ifndef TERN_KERNEL_READLINE_H
#define TERN_KERNEL_READLINE_H

#define READLINE_MAX	 128 /* buffer size; a line holds one less */
#define READLINE_HISTORY 32  /* lines remembered for Up/Down */

enum readline_status {
	READLINE_OK,	   /* Enter: the line is in buf */
	READLINE_CTRL_C,   /* Ctrl-C: cancelled; buf holds what was typed */
	READLINE_TOO_LONG, /* Enter, but characters were refused: buf holds
			    * only the first READLINE_MAX - 1 */
};

/* Print `prompt`, then read and echo one line into buf (NUL-terminated).
 * A line that ends with Enter, is not blank and differs from the last one
 * is added to the history.  Sleeps until the keys come. */
enum readline_status readline(const char *prompt, char buf[READLINE_MAX]);

#endif

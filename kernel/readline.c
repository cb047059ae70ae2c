/*
 * kernel/readline.c - line editing and history for the monitor shell.
 *
 * The terminal on the other end of the serial line sends what the user
 * types, byte by byte, and shows only what we send back: nothing appears
 * unless we echo it.  So every key here has two halves, the change to the
 * line in memory and the bytes that make the screen show the same thing.
 * The screen side uses only what every terminal understands: "\b \b"
 * (back, overwrite with a space, back) erases the last character.
 *
 * Keys that are not characters arrive as escape sequences: the arrow
 * keys send ESC [ A (Up) and ESC [ B (Down), or ESC O A / ESC O B when the
 * terminal is in "application" mode.  read_key() turns those into KEY_UP
 * and KEY_DOWN, and swallows the other sequences (Left, Right, Delete, F1,
 * ...), which this small editor does not use.
 *
 * The history is a ring of the last READLINE_HISTORY lines.  While the
 * user steps through it, the line they were typing is kept aside (draft)
 * and comes back when they step down past the newest entry, as in bash.
 */
#include "kernel/readline.h"
#include "kernel/console_input.h"
#include "kernel/printk.h"
#include "lib/string.h"

/* The control bytes a terminal sends (Ctrl-X is X's code minus 0x40). */
#define KEY_CTRL_C    CONSOLE_CTRL_C /* 0x03 */
#define KEY_CTRL_H    0x08	     /* Backspace on some terminals */
#define KEY_LINE_FEED '\n'
#define KEY_ENTER     '\r' /* what a terminal sends for Enter */
#define KEY_CTRL_U    0x15
#define KEY_ESC	      0x1b
#define KEY_DEL	      0x7f /* Backspace on most terminals */
/* Not bytes: what read_key() makes of an escape sequence. */
#define KEY_UP	   0x100
#define KEY_DOWN   0x101
#define KEY_IGNORE 0x102

static char history[READLINE_HISTORY][READLINE_MAX];
static unsigned history_added; /* lines ever added; the newest is
				* history[(history_added - 1) % size] */

/* The line being edited, and where the user is in the history. */
struct line {
	char *buf;
	size_t len;
	bool too_long; /* a character was refused for want of room */
	int back;      /* -1: the user's own line; k >= 0: the entry k lines
			* back in the history is shown */
	char draft[READLINE_MAX]; /* the user's own line, while back >= 0 */
};

static void echo(const char *s, size_t n)
{
	console_write(s, n);
}

/*
 * The next key.  An escape sequence is read whole: ESC, then '[' and
 * any parameter bytes (digits, ';') up to a final letter, or 'O' and one
 * letter.  A lone ESC followed by an ordinary key (Alt+key on some
 * terminals) loses the ESC.  A control byte inside a sequence - a Ctrl-C
 * typed right after ESC, say - ends it and counts as itself, so that
 * Ctrl-C always works.
 */
static int read_key(void)
{
	int c = console_getc();
	if (c != KEY_ESC)
		return c;
	c = console_getc();
	if (c == 'O') {
		c = console_getc();
	} else if (c == '[') {
		do
			c = console_getc();
		while (c >= 0x20 && c <= 0x3f); /* parameters, e.g. "1;5" */
	} else {
		return c;
	}
	if (c == 'A')
		return KEY_UP;
	if (c == 'B')
		return KEY_DOWN;
	return c < 0x20 ? c : KEY_IGNORE;
}

/* Make the screen and l->buf show `text` instead of the current line. */
static void replace_line(struct line *l, const char *text)
{
	for (; l->len > 0; l->len--)
		echo("\b \b", 3);
	l->len = strlcpy(l->buf, text, READLINE_MAX);
	l->too_long = false;
	echo(l->buf, l->len);
}

/* The history entry k lines back (0: the newest), or NULL. */
static const char *history_entry(int k)
{
	unsigned kept =
	    history_added < READLINE_HISTORY ? history_added : READLINE_HISTORY;
	if (k < 0 || (unsigned)k >= kept)
		return NULL;
	return history[(history_added - 1 - (unsigned)k) % READLINE_HISTORY];
}

static void history_add(const char *s)
{
	const char *p = s;
	while (*p == ' ')
		p++;
	if (!*p) /* blank: nothing worth recalling */
		return;
	const char *last = history_entry(0);
	if (last && strcmp(last, s) == 0) /* the same again: keep one */
		return;
	strlcpy(history[history_added % READLINE_HISTORY], s, READLINE_MAX);
	history_added++;
}

static void key_up(struct line *l)
{
	const char *older = history_entry(l->back + 1);
	if (!older)
		return; /* at the oldest line already */
	if (l->back < 0) {
		l->buf[l->len] = '\0';
		strlcpy(l->draft, l->buf, READLINE_MAX);
	}
	l->back++;
	replace_line(l, older);
}

static void key_down(struct line *l)
{
	if (l->back < 0)
		return; /* already on the user's own line */
	l->back--;
	replace_line(l, l->back < 0 ? l->draft : history_entry(l->back));
}

static void add_char(struct line *l, char ch)
{
	if (l->len + 1 >= READLINE_MAX) {
		/* No room.  Refuse it audibly; the line can no longer be run
		 * as typed, so Enter will refuse it too. */
		l->too_long = true;
		echo("\a", 1);
		return;
	}
	l->buf[l->len++] = ch;
	echo(&ch, 1);
}

enum readline_status readline(const char *prompt, char buf[READLINE_MAX])
{
	/* A terminal may send "\r\n" for Enter: the '\n' that follows a
	 * '\r' is the same key press.  (Remembered across calls: the '\n'
	 * arrives after the line has been returned.) */
	static int prev_key;
	struct line l = {.buf = buf, .len = 0, .back = -1};

	echo(prompt, strlen(prompt));
	for (;;) {
		int key = read_key();
		int prev = prev_key;
		prev_key = key;
		if (key == KEY_LINE_FEED && prev == KEY_ENTER)
			continue; /* the second half of "\r\n" */
		switch (key) {
		case KEY_ENTER:
		case KEY_LINE_FEED:
			echo("\n", 1);
			buf[l.len] = '\0';
			if (l.too_long)
				return READLINE_TOO_LONG;
			history_add(buf);
			return READLINE_OK;
		case KEY_CTRL_C:
			echo("^C\n", 3);
			buf[l.len] = '\0';
			return READLINE_CTRL_C;
		case KEY_CTRL_U:
			replace_line(&l, "");
			break;
		case KEY_DEL:
		case KEY_CTRL_H:
			if (l.len > 0) {
				l.len--;
				echo("\b \b", 3);
			}
			break;
		case KEY_UP:
			key_up(&l);
			break;
		case KEY_DOWN:
			key_down(&l);
			break;
		default:
			if (key >= ' ' && key < KEY_DEL)
				add_char(&l, (char)key);
			/* other control bytes and sequences: ignored */
			break;
		}
	}
}

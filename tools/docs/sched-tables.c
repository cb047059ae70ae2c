/*
 * tools/docs/sched-tables.c - the tables of docs/sched.md, computed by the
 * scheduler's own arithmetic (kernel/sched_calc.c), on the host.
 *
 *	gcc -std=gnu11 -I. -o build/sched-tables tools/docs/sched-tables.c \
 *		kernel/sched_calc.c && build/sched-tables
 *
 * prints them as Markdown, ready to paste.  Nothing here restates a
 * formula: every number comes from a call into sched_calc.c, so when the
 * kernel's arithmetic changes, running this again gives the new tables.
 */
#include <stdio.h>

#include "kernel/sched_calc.h"
#include "kernel/task.h"

#define HZ 1000 /* Tern's default on x86 (params.h); a tick is 1 ms */

/* The time slice of every nice value, eight rows of five. */
static void slices(void)
{
	printf(
	    "| nice | +0 | +1 | +2 | +3 | +4 |\n|---|---|---|---|---|---|\n");
	for (int row = -20; row < 20; row += 5) {
		printf("| %d |", row);
		for (int n = row; n < row + 5; n++)
			printf(" %d |", task_timeslice(NICE_TO_PRIO(n), HZ));
		printf("\n");
	}
	printf("\n| nice | HZ=100 | HZ=1000 | HZ=1024 (IA-64) |\n"
	       "|---|---|---|---|\n");
	static const int some[] = {-20, -10, 0, 10, 19};
	for (unsigned i = 0; i < sizeof(some) / sizeof(some[0]); i++)
		printf("| %d | %d | %d | %d |\n", some[i],
		       task_timeslice(NICE_TO_PRIO(some[i]), 100),
		       task_timeslice(NICE_TO_PRIO(some[i]), 1000),
		       task_timeslice(NICE_TO_PRIO(some[i]), 1024));
}

/* The bonus of every sleep_avg, as ranges of sleep_avg with one bonus. */
static void bonuses(void)
{
	unsigned long max = max_sleep_avg(HZ);
	printf("| sleep_avg (ticks = ms) | bonus | prio at nice 0 |\n"
	       "|---|---|---|\n");
	unsigned long from = 0;
	for (unsigned long s = 1; s <= max + 1; s++) {
		int b = sleep_bonus(from, HZ);
		if (s <= max && sleep_bonus(s, HZ) == b)
			continue;
		int prio =
		    effective_prio(SCHED_NORMAL, NICE_TO_PRIO(0), 0, from, HZ);
		if (s - 1 == from)
			printf("| %lu |", from);
		else
			printf("| %lu-%lu |", from, s - 1);
		printf(" %+d | %d |\n", b, prio);
		from = s;
	}
}

/* A sleep_avg whose bonus is b: the least one. */
static unsigned long sleep_avg_for(int b)
{
	unsigned long s = 0;
	while (sleep_bonus(s, HZ) < b)
		s++;
	return s;
}

/* One row of the interactivity table: "yes" or "-" per bonus -5..+5 for
 * a task of this nice; *need = the least bonus that is interactive (6:
 * none is). */
static void interactive_row(int nice, char *row, size_t size, int *need)
{
	int sp = NICE_TO_PRIO(nice), len = 0;
	*need = 6;
	row[0] = 0;
	for (int b = -5; b <= 5; b++) {
		int prio =
		    effective_prio(SCHED_NORMAL, sp, 0, sleep_avg_for(b), HZ);
		bool yes = task_interactive(prio, sp);
		if (yes && *need == 6)
			*need = b;
		len += snprintf(row + len, size - (size_t)len, " %s |",
				yes ? "yes" : "-");
	}
}

/* Which (nice, bonus) pairs are interactive; nice values whose rows are
 * the same share a line. */
static void interactive(void)
{
	printf("| nice | -5 | -4 | -3 | -2 | -1 | 0 | +1 | +2 | +3 | +4 | +5 |"
	       " needs sleep_avg of |\n"
	       "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
	int first = -20;
	for (int n = -20; n < 20; n++) {
		char row[128], next[128] = "";
		int need, next_need;
		interactive_row(n, row, sizeof(row), &need);
		if (n < 19)
			interactive_row(n + 1, next, sizeof(next), &next_need);
		if (!__builtin_strcmp(row, next))
			continue; /* the same as the next nice: one line */
		if (first == n)
			printf("| %d |%s", n, row);
		else
			printf("| %d to %d |%s", first, n, row);
		if (need > 5)
			printf(" never |\n");
		else if (sleep_avg_for(need) == max_sleep_avg(HZ))
			printf(" %lu ms (the most it can be) |\n",
			       sleep_avg_for(need));
		else
			printf(" %lu ms or more |\n", sleep_avg_for(need));
		first = n + 1;
	}
}

/* How many tasks load_balance() pulls, for a few loads. */
static void imbalance(void)
{
	printf("| this CPU | busiest | pulled by an idle CPU's tick, or "
	       "schedule() | pulled by a busy CPU's tick |\n"
	       "|---|---|---|---|\n");
	static const unsigned long pairs[][2] = {
	    {0, 2}, {0, 3}, {0, 8}, {1, 2}, {1, 3},   {3, 4},
	    {3, 5}, {3, 6}, {6, 8}, {6, 9}, {10, 12}, {10, 14}};
	for (unsigned i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		printf("| %lu | %lu | %lu | %lu |\n", pairs[i][0], pairs[i][1],
		       sched_imbalance(pairs[i][0], pairs[i][1], true),
		       sched_imbalance(pairs[i][0], pairs[i][1], false));
}

int main(void)
{
	printf("Time slices (ticks at HZ=%d)\n\n", HZ);
	slices();
	printf("\nBonus\n\n");
	bonuses();
	printf("\nInteractive\n\n");
	interactive();
	printf("\nImbalance\n\n");
	imbalance();
	printf("\nStarvation limit at HZ=%d: %lu ticks per runnable task\n", HZ,
	       ms_to_ticks(STARVATION_LIMIT_MS, HZ));
	return 0;
}

#!/usr/bin/env bash
# tools/labs/lab5.sh - grades lab 5 (docs/labs/lab5.md): load_balance()
# pulling tasks from the busiest runqueue - which ones, and the move.
set -u
. tools/labs/common.sh

where="pull_from() and pull_task() in kernel/sched.c, between the LAB 5 markers"

# spread_check CHECK LOG STATUS TICKS: sched_balance_spreads_work, the
# ticks it took against TICKS, and the moves the threads made against 5
# times the fewest that could do it (the reference makes 2 to 3 times as
# many: each pull takes half a difference, and some threads move twice; a
# balancer that takes more than its share makes 25 times as many, moving
# threads back and forth).
spread_check() {
	local line ticks moves fewest
	line=$(tr -d '\r' < "$2" | grep -a -m1 '^balance: .* threads spread over')
	ticks=$(echo "$line" | sed -n 's/.* in \([0-9]*\) ticks, .*/\1/p')
	moves=$(echo "$line" | sed -n 's/.* ticks, \([0-9]*\) moves .*/\1/p')
	fewest=$(echo "$line" | sed -n 's/.* moves (\([0-9]*\) at least)$/\1/p')
	if ! grep -qa '^PASS sched_balance_spreads_work' "$2" || [ -z "$ticks" ] ||
		[ -z "$moves" ] || [ -z "$fewest" ]; then
		fail "$1" \
			"4 CPU hogs per CPU, all started on CPU 0, spread by the balancer to 4+-1 on every CPU within $4 ticks" \
			"$(what_happened "$2" sched_balance_spreads_work "$3")" \
			"$where; an idle CPU balances on every tick, and must pull what it may"
	elif [ "$moves" -gt $((5 * fewest)) ]; then
		fail "$1" \
			"4 CPU hogs per CPU, all started on CPU 0, spread to 4+-1 on every CPU with at most $((5 * fewest)) moves ($fewest would do; the reference makes 2 to 3 times that)" \
			"they spread, but with $moves moves in $ticks ticks: CPUs took more than their share and threads went back and forth" \
			"$where: does each pull stop once pl->got reaches pl->want, in every list it walks?"
	elif [ "$ticks" -gt "$4" ]; then
		fail "$1" \
			"4 CPU hogs per CPU, all started on CPU 0, spread to 4+-1 on every CPU within $4 ticks" \
			"they did, but it took $ticks ticks ('$line'): far slower than needed" \
			"$where: does each pull take as many tasks as it may (pl->want), and skip only what can_migrate() refuses?"
	else
		pass "$1: ${line#balance: } (bounds: $4 ticks, $((5 * fewest)) moves)"
	fi
}

# consistent_check CHECK LOG STATUS: the invariant checker's ktest passed
# after the balancing, and nothing went wrong on the console.
consistent_check() {
	local bad
	bad=$(trouble "$2")
	if grep -qa '^PASS sched_checker_clean_and_able_to_fail' "$2" && [ -z "$bad" ]; then
		pass "$1"
	else
		fail "$1" \
			"after the balancing, every runqueue consistent (each task on the queue of its CPU, nr_running and the priority bitmaps right) and no PANIC, LOCKCHECK or BUG line" \
			"${bad:-$(what_happened "$2" sched_checker_clean_and_able_to_fail "$3")}" \
			"$where: a pulled task leaves src's array and count, and joins dst's (rq_add_nr_running() on both)"
	fi
}

# The start state takes some 15 s (the tests wait for pulls that never
# come); a kernel that hangs is stopped by its hung-task watchdog (20 s)
# or by this.
timeout=50

# 1. Eight CPUs: spreading, which task goes first, pinned tasks, a CPU
#    about to go idle; then the invariant checker over the runqueues.
log=$logs/lab5-smp8.log
boot "$log" "$timeout" 8 "ktest=sched_balance_spreads_work,sched_balance_pulls_best_priority_first,sched_balance_looks_past_pinned_tasks,sched_pulls_work_before_going_idle,sched_checker_clean_and_able_to_fail lockcheck=on panic=-1"
status=$?
spread_check lab5/spread-smp8 "$log" "$status" 2000
ktest_check lab5/best-first-smp8 sched_balance_pulls_best_priority_first "$log" "$status" \
	"an idle CPU that may take one of two tasks waiting behind a FIFO hog takes the better one (nice -5, not nice 10), only that one, and runs it at once"
ktest_check lab5/past-pinned-smp8 sched_balance_looks_past_pinned_tasks "$log" "$status" \
	"an idle CPU pulls a task it may run from the second-busiest CPU when every task of the busiest is pinned elsewhere, and then stops scanning queues that have nothing for it (pl->all_pinned)"
ktest_check lab5/before-idle-smp8 sched_pulls_work_before_going_idle "$log" "$status" \
	"a CPU about to go idle takes a waiting task from another CPU in that same schedule() call (one pull counted in nr_pulled), never switching to its idle task"
consistent_check lab5/consistent-smp8 "$log" "$status"

# 2. Thirty-two CPUs: the same spreading, at scale.
log=$logs/lab5-smp32.log
boot "$log" "$timeout" 32 "ktest=sched_balance_spreads_work,sched_checker_clean_and_able_to_fail panic=-1"
status=$?
spread_check lab5/spread-smp32 "$log" "$status" 6000
consistent_check lab5/consistent-smp32 "$log" "$status"

verdict 5

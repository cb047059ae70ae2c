#!/usr/bin/env bash
# tools/labs/lab2.sh - grades lab 2 (docs/labs/lab2.md): the time slice by
# nice, the sleep bonus, and what makes a task interactive.
set -u
. tools/labs/common.sh

# 1-3. The formulas, value by value, on the host (tests/test_sched.c
# compiles kernel/sched_calc.c as it is): exact and fast.
tap=$logs/lab2-host.tap
if make --no-print-directory build/host/test_sched > "$logs/lab2-host-build.log" 2>&1; then
	CMOCKA_MESSAGE_OUTPUT=TAP build/host/test_sched > "$tap" 2>&1
else
	cp "$logs/lab2-host-build.log" "$tap"
fi

# What went wrong in host test NAME, for a student: the assertion's line
# of tests/test_sched.c, and cmocka's "A != B" in decimal.
why_failed() {
	local detail where line src got
	detail=$(sed -n "/^not ok [0-9]* - $1\$/,/^\(ok\|not ok\) /p" "$tap" | grep '^# ' | sed 's/^# //')
	where=$(sed -nE 's/^(tests\/test_sched\.c:[0-9]+): error.*/\1/p' <<< "$detail" | head -1)
	got=$(grep -m1 -E '^(0x[0-9a-f]+|0) != (0x[0-9a-f]+|0)$' <<< "$detail")
	if [ -n "$got" ]; then
		set -- $got
		got="got $(($1)), wanted $(($3))"
	else
		got=$(head -1 <<< "$detail")
		got="false: $got"
	fi
	if [ -n "$where" ]; then
		line=${where##*:}
		src=$(sed -n "${line}p" tests/test_sched.c | sed 's/^[[:space:]]*//')
		echo "$where: $src - $got"
	else
		echo "$got"
	fi
}

# host_check NAME EXPECTED WHERE TEST...: pass when every TEST is "ok".
host_check() {
	local name=$1 expected=$2 where=$3 t first="" bad=""
	shift 3
	for t in "$@"; do
		grep -q "^ok [0-9]* - $t\$" "$tap" && continue
		bad="$bad${bad:+, }$t"
		if [ -z "$first" ]; then
			if grep -q "^not ok [0-9]* - $t\$" "$tap"; then
				first="$t: $(why_failed "$t")"
			else
				first="$t did not run: the test program stopped before it (see $tap; a sanitizer report or a build error is at the end)"
			fi
		fi
	done
	if [ -z "$bad" ]; then
		pass "$name"
	else
		fail "$name" "$expected" "failed: $bad. First: $first" "$where"
	fi
}

host_check lab2/timeslice \
	"task_timeslice(): 10 ms at nice 19 up to 300 ms at nice -20, the table in docs/labs/lab2.md (nice 0: 151 ms, nice 10: 76 ms), turned into ticks with ms_to_ticks() at any hz" \
	"task_timeslice() in kernel/sched_calc.c; the tests timeslice_* in tests/test_sched.c" \
	timeslice_at_hz_1000 timeslice_at_hz_100_and_250 timeslice_is_never_zero
host_check lab2/bonus \
	"sleep_bonus(): -5 for sleep_avg 0 up to +5 at MAX_SLEEP_AVG (2 s in ticks), one step every fifth of a second, capped above (the table in docs/labs/lab2.md); effective_prio() is 120 - bonus for nice 0" \
	"sleep_bonus() in kernel/sched_calc.c (effective_prio() below it uses it); the tests sleep_bonus_* and effective_prio_* in tests/test_sched.c" \
	sleep_bonus_spans_minus_5_to_plus_5 effective_prio_is_clamped_to_normal_range
host_check lab2/interactive \
	"task_interactive(): prio at least DELTA(nice) better than static_prio, DELTA from the table in docs/labs/lab2.md (nice 0: 2, so prio 118 is interactive and 119 is not; nice -20: -3; nice 16 to 19: 6, never)" \
	"task_interactive() in kernel/sched_calc.c; the tests *interactive* in tests/test_sched.c" \
	interactive_threshold_for_nice_0 niced_tasks_need_more_bonus nice_16_to_19_are_never_interactive

# 4-5. On a booted kernel with two CPUs: two CPU hogs of nice 0 and 10 on
# one CPU share it by their time slices; a thread that sleeps on one CPU
# earns a bonus while a hog on the other earns a penalty.
log=$logs/lab2-smp2.log
boot "$log" 40 2 "ktest=sched_nice_shares_cpu_by_timeslice,sched_sleeper_earns_bonus panic=-1"
status=$?
ended="the run ended with status $status (1: a failure reported, 124: timed out), the last line '$(last_line "$log")'"

line=$(tr -d '\r' < "$log" | grep -a -m1 '^sched: nice 0 ran ')
a=$(sed -nE 's/^sched: nice 0 ran ([0-9]+) ticks, nice 10 ran ([0-9]+) .*/\1/p' <<< "$line")
b=$(sed -nE 's/^sched: nice 0 ran ([0-9]+) ticks, nice 10 ran ([0-9]+) .*/\2/p' <<< "$line")
# 151:76 at hz=1000, within 20%: |a * 76 - b * 151| <= b * 151 / 5
if [ -n "$a" ] && [ -n "$b" ] && [ "$b" -gt 0 ] &&
	d=$((a * 76 - b * 151)) && [ "${d#-}" -le $((b * 151 / 5)) ]; then
	pass lab2/nice-shares-smp2
else
	if [ -n "$a" ] && [ -n "$b" ]; then
		seen="nice 0 ran $a ticks and nice 10 ran $b, a ratio of $(awk -v a="$a" -v b="$b" 'BEGIN { if (b) printf "%.2f", a / b; else print "infinity" }')"
	else
		seen="no 'sched: nice 0 ran' line; $ended"
	fi
	fail lab2/nice-shares-smp2 \
		"two CPU hogs on one CPU, of nice 0 and nice 10, share it in the ratio of their slices, 151:76 ms = 1.99 (within 20%), once neither counts as interactive" \
		"$seen" \
		"task_timeslice() in kernel/sched_calc.c: what scheduler_tick() in kernel/sched.c gives a task whose slice has run out; task_interactive(), which decides whether it goes back to the active array at once"
fi

line=$(tr -d '\r' < "$log" | grep -a -m1 '^sched: sleeper prio ')
sp=$(sed -nE 's/^sched: sleeper prio ([0-9]+) \(sleep_avg ([0-9]+)\), hog prio ([0-9]+).*/\1/p' <<< "$line")
sa=$(sed -nE 's/^sched: sleeper prio ([0-9]+) \(sleep_avg ([0-9]+)\), hog prio ([0-9]+).*/\2/p' <<< "$line")
hp=$(sed -nE 's/^sched: sleeper prio ([0-9]+) \(sleep_avg ([0-9]+)\), hog prio ([0-9]+).*/\3/p' <<< "$line")
if [ -n "$sp" ] && [ -n "$hp" ] && [ "$sp" -le 118 ] && [ "$hp" -ge 121 ] &&
	grep -qa '^PASS sched_sleeper_earns_bonus' "$log"; then
	pass lab2/sleeper-bonus-smp2
else
	if [ -n "$sp" ]; then
		seen="the sleeper (sleep_avg $sa ticks of the 2000 most) has prio $sp, the hog $hp$(grep -a -m1 '^FAIL sched_sleeper_earns_bonus' "$log" | tr -d '\r' | sed 's/^FAIL sched_sleeper_earns_bonus/; the ktest says/')"
	else
		seen="no 'sched: sleeper prio' line; $ended"
	fi
	fail lab2/sleeper-bonus-smp2 \
		"a nice 0 thread that sleeps 5 ms at a time, after 2.5 s, has a bonus of at least +2 (prio 118 or better: interactive), and a nice 0 CPU hog a penalty (prio 121 or worse)" \
		"$seen" \
		"sleep_bonus() and task_interactive() in kernel/sched_calc.c; effective_prio() turns the bonus into prio"
fi

verdict 2

#!/usr/bin/env bash
# tools/labs/lab3.sh - grades lab 3 (docs/labs/lab3.md): try_to_wake_up()'s
# preemption check, and resched_task()'s reschedule IPI.
set -u
. tools/labs/common.sh

# The ktest sched_wakeup_preempts_for_a_better_task (kernel/sched_ktest.c)
# wakes a nice 0 thread 16 times, then a nice 19 thread 8 times, beside a
# nice 5 CPU hog on the last CPU, from a timer on the CPU before it (on one
# CPU: the same CPU), and prints one line for each:
#   sched: wake-up of a better thread (nice 0) on cpu 3 from cpu 2, beside
#   a nice 5 hog (slice 114 ticks), 16 times: the hog ran on 0 ticks 14
#   times, 1-28 ticks 2 times, more 0 times (at most 3); 17 IPIs to cpu 3
# "The hog ran on N ticks": ticks charged to the hog between the wake-up
# and the moment the woken thread ran.

# num LINE PATTERN: the number that PATTERN's one group matches in LINE
# (empty when it does not match).
num() { sed -nE "s/.*$2.*/\\1/p" <<< "$1"; }

wakeup() {
	local n=$1 log=$logs/lab3-smp$1.log status on
	on="on $n CPUs"
	[ "$n" = 1 ] && on="on one CPU"
	boot "$log" 30 "$n" "ktest=sched_wakeup_preempts_for_a_better_task panic=-1"
	status=$?
	local better worse
	better=$(tr -d '\r' < "$log" | grep -a -m1 '^sched: wake-up of a better thread')
	worse=$(tr -d '\r' < "$log" | grep -a -m1 '^sched: wake-up of a worse thread')
	local waker cpu b0 b1 bmore bmost bipis wat wipis rounds wrounds quarter slice
	cpu=$(num "$better" 'on cpu ([0-9]+) from')
	waker=$(num "$better" 'from cpu ([0-9]+),')
	slice=$(num "$better" 'slice ([0-9]+) ticks')
	rounds=$(num "$better" '\), ([0-9]+) times:')
	b0=$(num "$better" 'ran on 0 ticks ([0-9]+) times')
	quarter=$(num "$better" ' 1-([0-9]+) ticks')
	b1=$(num "$better" ' 1-[0-9]+ ticks ([0-9]+) times')
	bmore=$(num "$better" 'more ([0-9]+) times')
	bmost=$(num "$better" 'at most ([0-9]+)\)')
	bipis=$(num "$better" '; ([0-9]+) IPIs')
	wrounds=$(num "$worse" '\), ([0-9]+) times:')
	wat=$(num "$worse" 'ran on 0 ticks ([0-9]+) times')
	wipis=$(num "$worse" '; ([0-9]+) IPIs')
	local v
	for v in "$cpu" "$waker" "$slice" "$rounds" "$b0" "$quarter" "$b1" "$bmore" "$bmost" "$bipis" "$wrounds" "$wat" "$wipis"; do
		[ -n "$v" ] && continue
		local what="the kernel to boot $on and the ktest sched_wakeup_preempts_for_a_better_task to print its two 'sched: wake-up' lines"
		local seen="${better:-no 'sched: wake-up' lines}; the run ended with status $status (1: a failure reported, 124: timed out), the last line '$(last_line "$log")'"
		local where="resched_task() and task_preempts_curr() in kernel/sched.c: an idle CPU sleeps until its idle task's need_resched is set, so a wake-up that never sets it leaves a task queued on a sleeping CPU"
		fail "lab3/better-preempts-smp$n" "$what" "$seen" "$where"
		fail "lab3/worse-waits-smp$n" "$what" "$seen" "$where"
		[ "$n" = 1 ] || fail "lab3/ipi-smp$n" "$what" "$seen" "$where"
		return
	done

	if [ "$bmore" -le $((rounds / 4)) ]; then
		pass "lab3/better-preempts-smp$n"
	else
		fail "lab3/better-preempts-smp$n" \
			"$on, a nice 0 thread that sleeps (priority about 115), woken $rounds times beside a nice 5 CPU hog (priority about 125, slice $slice ticks), takes the CPU before the hog has run on for $quarter ticks (a quarter of its slice), in at least $((rounds - rounds / 4)) of them$([ "$n" = 1 ] && echo ": in the reference, at once every time")" \
			"the hog ran on for 0 ticks $b0 times, 1-$quarter ticks $b1 times, longer $bmore times (at most $bmost ticks): the woken thread waited for the hog's slice to end, as if nothing had asked the hog's CPU to reschedule" \
			"task_preempts_curr() in kernel/sched.c, which try_to_wake_up() asks whether to call resched_task(rq->curr); in struct task, prio (lower is better)"
	fi

	if [ "$wat" -le $((wrounds / 2 - 1)) ]; then
		pass "lab3/worse-waits-smp$n"
	else
		fail "lab3/worse-waits-smp$n" \
			"$on, a nice 19 thread (priority 134 or worse), woken $wrounds times beside the nice 5 hog (priority 130 or better), waits for the hog's slice to end: it runs at once in at most $((wrounds / 2 - 1)) of them" \
			"it ran at once (the hog ran on for 0 ticks) $wat times" \
			"task_preempts_curr() in kernel/sched.c: only a woken task with a better priority than rq->curr's takes its CPU"
	fi

	[ "$n" = 1 ] && return
	if [ "$bipis" -ge $((rounds / 2)) ] && [ "$wipis" -lt $((wrounds / 2)) ]; then
		pass "lab3/ipi-smp$n"
	elif [ "$bipis" -lt $((rounds / 2)) ]; then
		fail "lab3/ipi-smp$n" \
			"the wake-ups come from a timer on CPU $waker; the thread and the hog are on CPU $cpu. CPU $waker must tell CPU $cpu at once, with a reschedule IPI: at least $((rounds / 2)) IPIs arrive on CPU $cpu during the $rounds wake-ups of the better thread (one each)" \
			"CPU $cpu received $bipis IPIs; without one it finds out only at its next timer tick (the hog ran on for 0 ticks $b0 times, 1-$quarter ticks $b1 times, longer $bmore times)" \
			"resched_task() in kernel/sched.c: smp_send_ipi() (kernel/smp.h) with IPI_RESCHEDULE (kernel/hal.h), when the task runs on another CPU than cpu_id()"
	else
		fail "lab3/ipi-smp$n" \
			"the wake-ups of the worse thread (nice 19) ask CPU $cpu for nothing: fewer than $((wrounds / 2)) IPIs arrive there during its $wrounds wake-ups (in the reference, none)" \
			"CPU $cpu received $wipis IPIs: every one interrupted the hog for a schedule() that picked the hog again" \
			"task_preempts_curr() in kernel/sched.c: it decides whether resched_task() is called at all"
	fi
}

wakeup 1
wakeup 4

verdict 3

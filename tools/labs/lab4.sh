#!/usr/bin/env bash
# tools/labs/lab4.sh - grades lab 4 (docs/labs/lab4.md): taking two
# runqueue locks in an order that can never deadlock.
set -u
. tools/labs/common.sh

# The storm: threads moved back and forth between CPUs, so that migration
# threads lock pairs of runqueues in both directions at once.  The lock
# validator reports any pair taken in the wrong order, on the first try.
for n in 4 8; do
	log=$logs/lab4-storm-smp$n.log
	boot "$log" 60 "$n" "ktest=sched_set_cpus_allowed_storm lockcheck=on panic=-1"
	status=$?
	if grep -qa "LOCKCHECK: 'runqueue' locks taken out of order" "$log"; then
		fail "lab4/order-smp$n" \
			"every pair of runqueue locks taken lower CPU first (rule 2 at the top of kernel/sched.c)" \
			"the lock validator saw one taken higher CPU first: '$(grep -a -m1 -A2 "LOCKCHECK: 'runqueue'" "$log" | tr -d '\r' | tail -2 | tr '\n' ' ' | cut -c 1-200)'" \
			"double_rq_lock() in kernel/sched_lock.h, and the runqueue's cpu field"
	elif [ "$status" != 0 ] || ! grep -qaE '^ktest: [0-9]+ passed, 0 failed' "$log"; then
		fail "lab4/order-smp$n" \
			"the storm ktest to pass and the kernel to power off" \
			"it ended with status $status; the last line was '$(last_line "$log")'" \
			"double_rq_lock() and double_rq_unlock() in kernel/sched_lock.h: both locks taken, each once"
	else
		pass "lab4/order-smp$n"
	fi
done

verdict 4

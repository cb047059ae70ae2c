#!/usr/bin/env bash
# tools/labs/lab1.sh - grades lab 1 (docs/labs/lab1.md): the priority
# array's bitmap, and the pick that schedule() makes with it.
set -u
. tools/labs/common.sh

# 1. The priority array alone, on the host (tests/test_sched.c).
make --no-print-directory build/host/test_sched > "$logs/lab1-host-build.log" 2>&1
CMOCKA_MESSAGE_OUTPUT=TAP build/host/test_sched > "$logs/lab1-host.tap" 2>&1
bad=$(sed -n 's/^not ok [0-9]* - //p' "$logs/lab1-host.tap" | head -3 | tr '\n' ',' | sed 's/,$//; s/,/, /g')
if [ -z "$bad" ] && grep -q '^ok ' "$logs/lab1-host.tap"; then
	pass "lab1/priority-array"
else
	fail "lab1/priority-array" \
		"the priority array's unit tests pass: a bit is set exactly when its list has tasks, and prio_array_first() gives the lowest set bit, MAX_PRIO when empty" \
		"these failed: ${bad:-the tests did not run (see $logs/lab1-host.tap)}" \
		"dequeue_task() and prio_array_first() in kernel/sched_prio.c; the tests in tests/test_sched.c"
fi

# 2. The kernel boots: schedule() must find the migration threads and init.
for n in 1 4; do
	boot "$logs/lab1-boot-smp$n.log" 30 "$n" "poweroff panic=-1"
	status=$?
	if [ "$status" = 0 ] && grep -q "^migration: home $n/$n" "$logs/lab1-boot-smp$n.log"; then
		pass "lab1/boot-smp$n"
	else
		fail "lab1/boot-smp$n" \
			"a boot on $n CPUs to 'migration: home $n/$n' and the power-off" \
			"it ended with status $status; the last line was '$(last_line "$logs/lab1-boot-smp$n.log")'. If schedule() never finds a task, every CPU runs only its idle task and the boot waits for ever" \
			"prio_array_next_task(), which schedule() calls, and prio_array_first(), in kernel/sched_prio.c"
	fi
done

verdict 1

#!/usr/bin/env bash
# tools/labs/lab6.sh - grades lab 6 (docs/labs/lab6.md): set_cpus_allowed()
# and the migration queue - a task pinned away from its CPU is moved there
# by that CPU's migration thread before the call returns.
set -u
. tools/labs/common.sh

where="set_cpus_allowed() and migrate_one() in kernel/sched.c, between the LAB 6 markers"
tests=sched_migration_threads_home,set_cpus_allowed_moves_running_sleeping_and_waking_tasks,sched_migrate_rechecks_mask_under_locks,sched_set_cpus_allowed_storm

# A boot that hangs (a request never served, a lock never released) is
# stopped by the hung-task watchdog (20 s) or by this time-out.
timeout=30

# not_run CHECK-SUFFIX SMP WHY: the checks of a run that did not happen.
not_run() {
	for c in $1; do
		fail "lab6/$c-smp$2" "the tests to run on $2 CPUs" "not run: $3" "$where"
	done
}

broken=
for n in 4 8; do
	log=$logs/lab6-smp$n.log
	if [ -n "$broken" ]; then
		not_run "home moves recheck storm" "$n" \
			"the boot on $broken CPUs never finished (see lab6/home-smp$broken); this one would not either"
		continue
	fi
	boot "$log" "$timeout" "$n" "ktest=$tests lockcheck=on panic=-1"
	status=$?
	home=$(tr -d '\r' < "$log" | grep -a -m1 '^migration: home')
	astray=$(tr -d '\r' < "$log" | grep -a -m1 'is not on cpu')
	if [ -z "$home" ]; then
		broken=$n
		bad=$(trouble "$log")
		fail "lab6/home-smp$n" \
			"the boot on $n CPUs says 'migration: home $n/$n': each migration thread, started on CPU 0, calls set_cpus_allowed() to go to its own CPU" \
			"the boot never got there: $(ended "$status")${bad:+, after '$bad'}; the last line was '$(last_line "$log")'" \
			"$where; migration_thread() calls set_cpus_allowed(current, {its CPU}) and must come back from it on that CPU (a request that nobody serves, its migration thread never woken, is waited for for ever)"
		not_run "moves recheck storm" "$n" "the boot never got to the tests (lab6/home-smp$n says why)"
		continue
	elif [ "$home" != "migration: home $n/$n" ] || [ -n "$astray" ]; then
		fail "lab6/home-smp$n" \
			"the boot on $n CPUs says 'migration: home $n/$n': each migration thread, started on CPU 0, calls set_cpus_allowed() to go to its own CPU" \
			"it said '$home'${astray:+, and '$astray'}: set_cpus_allowed() returned with the thread still on CPU 0" \
			"$where: a running task that its new mask forbids where it is needs a request on its CPU's migration queue, and the wait for it"
	else
		ktest_check "lab6/home-smp$n" sched_migration_threads_home "$log" "$status" \
			"the ktest sched_migration_threads_home passes: each migration thread on its own CPU and allowed only there" \
			"$where"
	fi
	ktest_check "lab6/moves-smp$n" set_cpus_allowed_moves_running_sleeping_and_waking_tasks "$log" "$status" \
		"a task running, sleeping, or being woken on one CPU and pinned to another by a third is on the new CPU when set_cpus_allowed() returns, and runs there next" \
		"$where: the three cases (allowed where it is; asleep; queued or running) in set_cpus_allowed(), and the move in migrate_one()"
	if grep -qa '^FAIL sched_migrate_rechecks_mask_under_locks: expected in_window' "$log"; then
		fail "lab6/recheck-smp$n" \
			"a task pinned to {D1} and at once to {D2} by two callers ends on D2: migrate_one() looks at the mask again once it holds both runqueue locks" \
			"the test never got its chance: its hook at the top of migrate_one() never ran, so no request for the running task reached a migration thread" \
			"set_cpus_allowed() in kernel/sched.c, between the LAB 6 markers: a running task is moved by its CPU's migration thread, through a request on that CPU's queue"
	else
		ktest_check "lab6/recheck-smp$n" sched_migrate_rechecks_mask_under_locks "$log" "$status" \
			"a task pinned to {D1} and at once to {D2} by two callers ends on D2: migrate_one() looks at the mask again once it holds both runqueue locks" \
			"migrate_one() in kernel/sched.c, between the LAB 6 markers: the destination was chosen before the locks; is it still allowed?"
	fi
	bad=$(tr -d '\r' < "$log" | grep -a -m1 -E '^(LOCKCHECK|BUG):' | cut -c 1-160)
	if [ -n "$bad" ] && grep -qa '^PASS sched_set_cpus_allowed_storm' "$log"; then
		fail "lab6/storm-smp$n" \
			"threads hopping between random CPU masks for 2 s, every hop landing on an allowed CPU, with the lock validator finding nothing" \
			"the storm passed, but the console said '$bad'" \
			"$where: runqueue locks with interrupts off (rule 1), and nothing that sleeps (wake_up_process() is fine, wait_for_completion() is not) while holding one"
	elif wrong=$(tr -d '\r' < "$log" | sed -n 's/^FAIL sched_set_cpus_allowed_storm: expected storm_wrong == 0, got \([0-9]*\) .*/\1/p' | head -1) &&
		[ -n "$wrong" ]; then
		fail "lab6/storm-smp$n" \
			"threads hopping between random CPU masks for 2 s, every hop landing on an allowed CPU, with the lock validator finding nothing" \
			"$wrong calls of set_cpus_allowed() on itself came back with the thread on a CPU its new mask forbids (or with an error)" \
			"$where: a running task that must leave its CPU waits for the migration thread there"
	else
		ktest_check "lab6/storm-smp$n" sched_set_cpus_allowed_storm "$log" "$status" \
			"threads hopping between random CPU masks for 2 s, every hop landing on an allowed CPU, with the lock validator finding nothing" \
			"$where"
	fi
done

verdict 6

#!/usr/bin/env bash
# tools/labs/lab7.sh - grades lab 7 (docs/labs/lab7.md): the migration
# threads, started on CPU 0, move themselves home through its queue.
set -u
. tools/labs/common.sh

# home NAME SMP CMDLINE
home() {
	local log=$logs/lab7-$1.log status
	boot "$log" 60 "$2" "$3 poweroff panic=-1"
	status=$?
	if [ "$status" = 0 ] && grep -qa "^migration: home $2/$2" "$log" &&
		! grep -qa 'is not on cpu' "$log"; then
		pass "lab7/$1"
		return
	fi
	local seen
	seen=$(tr -d '\r' < "$log" | grep -a -m1 -E 'is not on cpu|^migration: home' || true)
	fail "lab7/$1" \
		"on $2 CPUs${3:+ with $3}: 'migration: home $2/$2', every migration thread on its own CPU, then the power-off" \
		"${seen:-no 'migration: home' line}; the run ended with status $status, the last line '$(last_line "$log")'" \
		"migration_thread() in kernel/sched.c, between the LAB 7 markers; set_cpus_allowed() just above it"
}

home home-smp4 4 ""
home home-smp8 8 ""
home no-balancer-smp4 4 noloadbalance

log=$logs/lab7-ktest-smp4.log
boot "$log" 60 4 "ktest=sched_migration_threads_home panic=-1"
if grep -qa '^PASS sched_migration_threads_home' "$log"; then
	pass "lab7/ktest-smp4"
else
	fail "lab7/ktest-smp4" \
		"the ktest sched_migration_threads_home to pass: each migration thread on its own CPU and allowed only there" \
		"$(tr -d '\r' < "$log" | grep -a -m1 '^FAIL sched_migration' || echo "it did not report (the last line: '$(last_line "$log")')")" \
		"migration_thread() in kernel/sched.c, and what cpus_allowed says after set_cpus_allowed()"
fi

verdict 7

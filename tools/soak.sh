#!/usr/bin/env bash
# tools/soak.sh KERNEL SECONDS SEED QEMU-ARGS... - run ktest=soak (see
# kernel/soak_ktest.c) for SECONDS, show its progress, end with its verdict.
#
# Called by `make soak SOAK=600 SMP=32 SEED=1`.  The log is kept in
# build/soak.log.  Exit status 0 only if the kernel said PASS.  The
# watchdog waits 60 s, not 10: the storm overloads the emulator on purpose
# (tools/test.sh says more).
set -u
cd "$(dirname "$0")/.."
kernel=$1 seconds=$2 seed=$3
shift 3
log=${BUILD:-build}/soak.log
echo "soak: ${seconds} s of the scheduler stress test, seed $seed (log: $log)"
# boot, a thousand threads to start and to stop, and slack for a slow host
timeout=$((seconds * 3 + 180))
: > "$log"
tools/qemu-run --timeout "$timeout" --log "$log" "$@" -kernel "$kernel" \
	-append "ktest=soak soak=$seconds soak_seed=$seed watchdog=60 panic=-1" &
pid=$!
# show the progress lines as they come
tail -n +1 -f --pid="$pid" "$log" 2>/dev/null |
	grep -aE --line-buffered '^(soak|PASS|FAIL|PANIC|BUG|LOCKCHECK|WATCHDOG|sched_check)'
wait "$pid"
status=$?
if ! grep -qa '^soak: .*: PASS' "$log"; then
	echo "soak: FAILED (qemu-run status $status; 124 = timed out after ${timeout} s)"
	exit 1
fi
exit 0

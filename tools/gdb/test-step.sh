#!/usr/bin/env bash
# tools/gdb/test-step.sh ELF SMP LOG - stepping with gdb never breaks Tern.
#
# Boots Tern under QEMU with SMP CPUs, halted, and runs gdb with the
# settings of `make gdb` (tools/gdb/tern.gdb) and the driver
# tools/gdb/test_step.py: CPU hogs (on every CPU up to 4), then at seven stopping
# places (scheduler_tick, schedule, try_to_wake_up, load_balance, the
# migration thread serving a request (migrate_one), the timer interrupt's entry stub,
# scheduler_tick again), on at least three different CPUs, it does
# TERN_STEPS (50) of step/next/stepi/finish each, with the other CPUs
# running.  Then the kernel runs again and must
# answer the monitor shell (`check`, `ps`) with nothing gone wrong, and
# two Ctrl-Cs during `continue` must each stop it.
# Prints why and exits 1 when something is not as expected.
set -u
elf=$1
smp=$2
log=$3
here=$(dirname "$0")
steps=${TERN_STEPS:-50}
dir=$(mktemp -d /tmp/tern-step.XXXXXX)
qemu=
reader=
cleanup() {
	qemu_gdb_stop
	[ -n "$reader" ] && { kill "$reader" 2>/dev/null; wait "$reader" 2>/dev/null; }
	rm -rf "$dir"
}
trap cleanup EXIT
serial=$log.serial
mkfifo "$dir/serial.in" "$dir/serial.out"
cat "$dir/serial.out" > "$serial" &
reader=$!
exec 7<> "$dir/serial.in"

. "$here/qemu-gdb.sh"
qemu_gdb_start "$dir" "$elf" "" -accel tcg,thread=multi -smp "$smp" -m 256M \
	-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-serial "pipe:$dir/serial" || exit 1
qemu_gdb_fail_fast "$serial"

# The whole session may take a while at -smp 32 on two host cores.
TERN_SERIAL_IN=$dir/serial.in TERN_STEPS=$steps \
	timeout 300 gdb -q -batch -nx "$elf" \
	-x "$here/tern.gdb" \
	-ex "set remotelogfile $log.remote" \
	-ex "source $here/tern.py" \
	-ex "target remote $dir/gdb.sock" \
	-x "$here/testlib.py" -x "$here/test_step.py" > "$log" 2>&1 < /dev/null
status=$?

fail() { echo "$1 (see $log and $serial)"; exit 1; }
grep -q '^@@ done$' "$log" ||
	fail "the gdb session did not reach its end (gdb status $status: 124 = timed out)$(qemu_gdb_stopped_why "$serial")"
grep -qE 'Python Exception|Traceback' "$log" && fail "the test driver crashed: $(grep -m1 -E 'Error|Exception' "$log")"

# The root cause of the old crash: gdb writing RIP after a stop.
n=$(grep -c '\$P10=' "$log.remote" 2>/dev/null)
[ "${n:-0}" = 0 ] || fail "gdb rewrote a CPU's RIP $n times (P10= packets in $log.remote): tools/gdb/tern.gdb's swbreak setting is not in effect"

total=0
for place in scheduler_tick schedule try_to_wake_up load_balance migration_thread timer_entry scheduler_tick_again; do
	grep -qE "^@@ stop $place thread [0-9]+" "$log" || fail "gdb never stopped at $place"
	line=$(grep -E "^@@ steps $place " "$log") || fail "no stepping was done at $place"
	ok=$(sed -E 's/.* ok=([0-9]+).*/\1/' <<< "$line")
	waited=$(sed -E 's/.* waited=([0-9]+).*/\1/' <<< "$line")
	# `finish` from the outermost frame is refused, and a `next` over a
	# sleep may be interrupted after a while: most commands must work.
	[ "$ok" -ge $((steps * 4 / 5)) ] || fail "at $place only $ok of $steps step commands worked ($line)"
	[ "$waited" -le $((steps / 10)) ] || fail "at $place $waited of $steps step commands had to be interrupted ($line)"
	total=$((total + ok))
done
cpus=$(sed -nE 's/^@@ stop .* thread ([0-9]+) .*/\1/p' "$log" | sort -u | wc -l)
want=$((smp < 3 ? smp : 3))
[ "$cpus" -ge "$want" ] || fail "the stops were on $cpus different CPUs, not on at least $want"
! grep -q '^@@ signal SIGTRAP' "$log" || fail "gdb reported a SIGTRAP that no breakpoint or step explains"
grep -qE '^@@ ctrl-c 1 SIGINT$' "$log" || fail "Ctrl-C during 'continue' did not stop the kernel with SIGINT"
grep -qE '^@@ ctrl-c 2 SIGINT$' "$log" || fail "a second Ctrl-C after 'continue' again did not stop it"
grep -qE '^@@ ctrl-c 3 SIGINT$' "$log" || fail "a third Ctrl-C did not stop it"
kill -0 "$qemu" 2>/dev/null || fail "QEMU is gone: Ctrl-C or a step killed it"

# The kernel's own verdict, on the console.
for bad in 'PANIC' 'LOCKCHECK' 'BUG:' 'unexpected interrupt' 'exception '; do
	! grep -qa "$bad" "$serial" || fail "the console shows '$bad': $(grep -a -m1 "$bad" "$serial")"
done
n=$(grep -ca "check: the scheduler's invariants hold" "$serial")
[ "$n" -ge 2 ] || fail "after the stepping the monitor's 'check' did not say twice that the scheduler's invariants hold"
grep -qaE '^ +[0-9]+ +migration/0 ' "$serial" || fail "the monitor did not answer 'ps' after the stepping"
grep -qa 'stop: every hog has ended' "$serial" || fail "the monitor did not answer 'stop' after the stepping"
echo "$total step commands at $smp CPUs"
exit 0

#!/usr/bin/env bash
# tools/gdb/test-ctrlc.sh LOG - `make gdb` in a terminal: Ctrl-C, `continue`
# and `quit` do what a student expects.
#
# Runs `make gdb SMP=2` on a pseudo-terminal (script(1)), types as a
# student would: `c` to kernel_main, `c` to boot, Ctrl-C (the byte 0x03,
# which the terminal turns into SIGINT for its foreground process group),
# `c`, Ctrl-C again, `delete`, `quit`.  Ctrl-C must stop the kernel in gdb
# and nothing else: QEMU keeps running, make does not give up, nothing asks
# y/n.  Prints why and exits 1 when something is not as expected.
set -u
log=$1
dir=$(mktemp -d /tmp/tern-ctrlc.XXXXXX)
term=
cleanup() {
	exec 7>&- 2>/dev/null
	[ -n "$term" ] && { kill "$term" 2>/dev/null; wait "$term" 2>/dev/null; }
	# the QEMU that this make gdb started, if it is still there
	[ -n "${qemu:-}" ] && kill "$qemu" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
mkfifo "$dir/keys"
# `script` gives make a terminal; what the student types goes through the
# FIFO, what they see is in $log.
script -qfec "make --no-print-directory gdb SMP=2" /dev/null < "$dir/keys" > "$log" 2>&1 &
term=$!
exec 7> "$dir/keys"

fail() { echo "$1 (see $log)"; exit 1; }
# What the terminal shows, without gdb's colours and terminal controls.
screen() { sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' "$log"; }
# wait_for N REGEX SECONDS: until the terminal shows REGEX N times
wait_for() {
	local i
	for ((i = 0; i < $3 * 10; i++)); do
		[ "$(screen | grep -caE -- "$2")" -ge "$1" ] && return 0
		kill -0 "$term" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
key() { printf '%b' "$1" >&7; }

wait_for 1 '\(gdb\) ' 60 || fail "make gdb did not reach the (gdb) prompt"
qemu=$(screen | sed -nE 's/.*QEMU \(pid ([0-9]+)\).*/\1/p' | head -n 1)
[ -n "$qemu" ] || fail "make gdb did not say which QEMU it started"
key 'c\n'
wait_for 1 'kernel_main \(\) at kernel/main.c' 30 || fail "'c' did not stop at kernel_main"
wait_for 2 '\(gdb\) ' 10 || fail "no prompt after the stop at kernel_main"
key 'c\n'
sleep 2
key '\x03'
wait_for 1 'received signal SIGINT' 30 || fail "Ctrl-C during 'continue' did not stop the kernel (no 'received signal SIGINT')"
wait_for 3 '\(gdb\) ' 10 || fail "no prompt after Ctrl-C"
kill -0 "$qemu" 2>/dev/null || fail "Ctrl-C killed QEMU"
key 'c\n'
sleep 1
key '\x03'
wait_for 2 'received signal SIGINT' 30 || fail "a second Ctrl-C, after 'c' again, did not stop the kernel"
wait_for 4 '\(gdb\) ' 10 || fail "no prompt after the second Ctrl-C"
key 'tern cpus\n'
wait_for 1 '2 CPUs online' 20 || fail "'tern cpus' after two Ctrl-Cs did not list the 2 CPUs"
key 'delete\n'
key 'quit\n'
for _ in $(seq 100); do
	kill -0 "$term" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$term" 2>/dev/null && fail "gdb did not quit on 'quit' (did it ask y/n?)"
wait "$term"
status=$?
term=
! grep -qaE '\(y or n\)' "$log" || fail "gdb asked a y/n question"
! grep -qa 'terminating on signal' "$log" || fail "QEMU was killed by a signal: $(grep -a -m1 'terminating on signal' "$log")"
! grep -qaE 'make: \*\*\*' "$log" || fail "make reported an error or an interrupt: $(grep -a -m1 'make: \*\*\*' "$log")"
[ "$status" = 0 ] || fail "make gdb ended with status $status"
for _ in $(seq 50); do
	kill -0 "$qemu" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$qemu" 2>/dev/null && fail "QEMU (pid $qemu) still runs after gdb quit"
qemu=
exit 0

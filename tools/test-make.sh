#!/usr/bin/env bash
# tools/test-make.sh LOGDIR - the host side of the two commands, with input
# a user may well type.  Prints one PASS/FAIL line per check:
#   make/run-cmdline-quotes  `make run CMDLINE=...` with a double quote and
#                            a ; in it: the kernel gets it as typed, and
#                            the host shell runs none of it
#   make/iso-cmdline         `make iso CMDLINE=...` with | & ; in it: the ISO
#                            boots under GRUB and the kernel gets it as
#                            typed; a new CMDLINE rebuilds the ISO, the same
#                            one does not
#   make/tests-filter        TESTS= that matches nothing, or is not a
#                            regular expression, fails and says so
# Uses a scratch BUILD directory with the kernel's objects (times kept), so
# nothing is rebuilt and build/ is not touched.
set -u
logdir=$(cd "$1" && pwd)
cd "$(dirname "$0")/.." || exit 2
scratch=$(mktemp -d /tmp/tern-make.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
tar -cf - build/k build/ksyms* build/tern*.elf 2> /dev/null | tar -xf - -C "$scratch" --strip-components=1
said() { tr -d '\r' < "$1" | grep -a -m1 'command line: ' | sed 's/.*command line: //'; }

# run_watched SECONDS LOG CMD...: CMD, its output in LOG, in a process
# group of its own; stopped (that group only) a second after the kernel
# prints PANIC: or LOCKCHECK:, or after SECONDS.  CMD's status, or 124
# when it was stopped: a broken kernel fails here in seconds, as in the
# boot checks.
run_watched() {
	local secs=$1 log=$2 pid t=0 seen=-1
	shift 2
	setsid "$@" < /dev/null > "$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2> /dev/null; do
		if [ "$seen" -lt 0 ] && tr -d '\r' < "$log" | grep -qaE '^(PANIC|LOCKCHECK):'; then
			seen=$t
		fi
		if { [ "$seen" -ge 0 ] && [ $((t - seen)) -ge 5 ]; } || [ "$t" -ge $((secs * 5)) ]; then
			kill -- -"$pid" 2> /dev/null
			wait "$pid" 2> /dev/null
			return 124
		fi
		sleep 0.2
		t=$((t + 1))
	done
	wait "$pid"
}

# 1. make run: a quote and a ; must stay the kernel's.
log=$logdir/make-run-quotes.log
cmd='poweroff x"; echo INJECTED; "'
run_watched 60 "$log" make --no-print-directory BUILD="$scratch" run SMP=1 CMDLINE="$cmd"
status=$?
if tr -d '\r' < "$log" | grep -qx 'INJECTED'; then
	echo "FAIL make/run-cmdline-quotes: the host shell ran 'echo INJECTED' from CMDLINE='$cmd' (see $log)"
elif [ "$(said "$log")" != "\"$cmd\"" ]; then
	echo "FAIL make/run-cmdline-quotes: the kernel got $(said "$log"), not \"$cmd\" (make run exited $status; see $log)"
elif [ "$status" != 0 ]; then
	echo "FAIL make/run-cmdline-quotes: make run exited $status, the kernel should have powered off (see $log)"
else
	echo "PASS make/run-cmdline-quotes"
fi

# 2. make iso: | & ; reach the kernel through grub.cfg; CMDLINE rebuilds.
log=$logdir/make-iso-cmdline.log
cmd='poweroff a|b&c x;y'
iso=$scratch/tern.iso
why=""
make --no-print-directory BUILD="$scratch" iso CMDLINE="$cmd" > "$log" 2>&1 || why="make iso failed;"
if [ -z "$why" ]; then
	tools/qemu-run --timeout 60 --stop-on '^(PANIC|LOCKCHECK):' --log "$logdir/make-iso-boot.log" -accel tcg -smp 1 -m 256M -cdrom "$iso" > /dev/null 2>&1
	[ "$(said "$logdir/make-iso-boot.log")" = "\"$cmd\"" ] ||
		why="$why booted from the ISO, the kernel got $(said "$logdir/make-iso-boot.log"), not \"$cmd\" (grub.cfg: $(grep -m1 multiboot2 "$scratch/iso/boot/grub/grub.cfg"));"
	before=$(stat -c %Y.%s "$iso")
	sleep 1.1
	make --no-print-directory BUILD="$scratch" iso CMDLINE="$cmd" >> "$log" 2>&1
	[ "$(stat -c %Y.%s "$iso")" = "$before" ] || why="$why the same CMDLINE made the ISO again;"
	make --no-print-directory BUILD="$scratch" iso CMDLINE="poweroff" >> "$log" 2>&1
	[ "$(stat -c %Y.%s "$iso")" != "$before" ] || why="$why a new CMDLINE did not make a new ISO;"
	grep -q "multiboot2 /boot/tern.elf 'poweroff'\$" "$scratch/iso/boot/grub/grub.cfg" ||
		why="$why after CMDLINE=poweroff, grub.cfg says '$(grep -m1 multiboot2 "$scratch/iso/boot/grub/grub.cfg")';"
fi
if [ -z "$why" ]; then
	echo "PASS make/iso-cmdline"
else
	echo "FAIL make/iso-cmdline: $why (see $log)"
fi

# 3. TESTS= that matches nothing, or is no regular expression.
log=$logdir/make-tests-filter.log
why=""
BUILD=$scratch TESTS=no-such-check tools/test.sh > "$log" 2>&1 && why="TESTS=no-such-check passed;"
grep -q "TESTS='no-such-check' matches no check" "$log" || why="$why TESTS=no-such-check did not say it matched nothing;"
BUILD=$scratch TESTS='(' tools/test.sh >> "$log" 2>&1 && why="$why TESTS='(' passed;"
grep -q "TESTS='(' is not a regular expression" "$log" || why="$why TESTS='(' did not say it is no regular expression;"
if [ -z "$why" ]; then
	echo "PASS make/tests-filter"
else
	echo "FAIL make/tests-filter: $why (see $log)"
fi

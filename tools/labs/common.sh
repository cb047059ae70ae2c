# tools/labs/common.sh - what the lab graders share (sourced).
#
# A grader runs checks and says, for each, PASS or FAIL with what was
# expected, what happened and where to look; its last line counts them,
# and its exit status is 0 only when all passed.
checks=0
failed=0
logs=build/labs
mkdir -p "$logs"

pass() {
	checks=$((checks + 1))
	echo "PASS $1"
}

# fail NAME EXPECTED HAPPENED WHERE
fail() {
	checks=$((checks + 1))
	failed=$((failed + 1))
	echo "FAIL $1"
	echo "  expected: $2"
	echo "  happened: $3"
	echo "  look at:  $4"
}

# boot LOG TIMEOUT SMP CMDLINE: boot the kernel under QEMU; the status of
# tools/qemu-run (0 clean power-off, 1 the kernel reported a failure, 124
# time-out).  A PANIC: or LOCKCHECK: line ends the boot a second after its
# report, with status 1, instead of at TIMEOUT.
boot() {
	tools/qemu-run --timeout "$2" --stop-on '^(PANIC|LOCKCHECK):' \
		--log "$1" -accel tcg,thread=multi -m 512M \
		-smp "$3" -kernel build/tern.elf -append "$4" > /dev/null 2>&1
}

# The last line the console showed, for a message.
last_line() { tr -d '\r' < "$1" | grep -v '^$' | tail -1 | cut -c 1-160; }

# The first line of the console that says the kernel went wrong, if any.
trouble() {
	tr -d '\r' < "$1" | grep -a -m1 -E '^(PANIC|WATCHDOG|LOCKCHECK|BUG):' | cut -c 1-160
}

# How a boot that ended with status $1 ended, in words ($timeout: the
# time-out the grader gave it).
ended() {
	case $1 in
	0) echo "the kernel powered off" ;;
	1) echo "the kernel stopped, reporting a failure" ;;
	124) echo "it hung and was stopped after ${timeout:-?} s" ;;
	*) echo "QEMU ended without a verdict (a reset or a crash)" ;;
	esac
}

# What became of ktest $2 in log $1, booted with status $3: its FAIL line,
# or what the console showed instead of a verdict.
what_happened() {
	local line bad
	line=$(tr -d '\r' < "$1" | grep -a -m1 "^FAIL $2" | cut -c 1-220)
	if [ -n "$line" ]; then
		echo "$line"
		return
	fi
	bad=$(trouble "$1")
	echo "the test never reported: $(ended "$3")${bad:+, after '$bad'}; the last line was '$(last_line "$1")'"
}

# ktest_check CHECK TEST LOG STATUS EXPECTED [WHERE]: PASS if ktest TEST
# passed in LOG, else FAIL with what happened; WHERE (default $where) is
# where to look.
ktest_check() {
	if grep -qa "^PASS $2" "$3"; then
		pass "$1"
	else
		fail "$1" "$5" "$(what_happened "$3" "$2" "$4")" "${6:-$where}"
	fi
}

verdict() {
	echo "lab $1: $((checks - failed)) of $checks checks passed"
	[ "$failed" = 0 ]
}

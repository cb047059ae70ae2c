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
# time-out).
boot() {
	tools/qemu-run --timeout "$2" --log "$1" -accel tcg,thread=multi -m 512M \
		-smp "$3" -kernel build/tern.elf -append "$4" > /dev/null 2>&1
}

# The last line the console showed, for a message.
last_line() { tr -d '\r' < "$1" | grep -v '^$' | tail -1 | cut -c 1-160; }

verdict() {
	echo "lab $1: $((checks - failed)) of $checks checks passed"
	[ "$failed" = 0 ]
}

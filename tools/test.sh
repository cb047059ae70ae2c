#!/usr/bin/env bash
# tools/test.sh - every Tern test, one verdict per line, one count at the end.
#
# Called by `make test` after the kernel, the ISO and the host test
# programs are built.  Each check prints `PASS name` or `FAIL name: why`,
# where "why" is written for someone who has never seen the code.  The last
# line is `N passed, M failed`; the exit status is 0 only when M is 0.
#
#   host/<suite>/<test>     host unit tests (cmocka, TAP output)
#   ktest/<how>/<test>      in-kernel tests, booted with ktest=all
#   boot/<scenario>         whole boots, checked by what the console shows
#   bochs/x2apic-smpN[/<test>]  boots under Bochs, local APIC in x2APIC mode
#
# BIG=1 (make test-big) adds -smp 64, 128 and 255.
# TESTS=REGEX runs only the checks whose name matches (a quick loop while
# working on one thing); the count then covers just those.
set -u
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
KERNEL=$BUILD/tern.elf
LOGDIR=$BUILD/test-logs
FILTER=${TESTS:-}
QEMU_COMMON=(-accel tcg,thread=multi -m 512M)
rm -rf "$LOGDIR"
mkdir -p "$LOGDIR"

passed=0
failed=0

selected() { [ -z "$FILTER" ] || [[ $1 =~ $FILTER ]]; }
# A filter that is not a regular expression, or that matches no check, is a
# mistake to report, not a green run of nothing.
if [ -n "$FILTER" ]; then
	[[ "" =~ $FILTER ]]
	if [ $? = 2 ]; then
		echo "TESTS='$FILTER' is not a regular expression (bash's =~, e.g. TESTS='ktest/mb1-smp8/' or TESTS='^boot/museum')"
		echo "0 passed, 1 failed"
		exit 2
	fi
fi
# Each verdict also goes to $LOGDIR/times.txt with the seconds since the
# one before: what a check costs, for keeping the suite inside its budget
# (sort -rn build/test-logs/times.txt | head).
last_verdict=${EPOCHREALTIME//[!0-9]/} # microseconds
timed() {
	local now=${EPOCHREALTIME//[!0-9]/}
	local cs=$(((now - last_verdict) / 10000))
	printf '%4d.%02d %s\n' $((cs / 100)) $((cs % 100)) "$1" >> "$LOGDIR/times.txt"
	last_verdict=$now
}
pass() { echo "PASS $1"; passed=$((passed + 1)); timed "$1"; }
fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
	timed "$1"
	if [ -n "${3:-}" ] && [ -f "$3" ]; then
		echo "  last lines of the console ($3):"
		tail -n 12 "$3" | sed 's/^/  | /'
	fi
}

# One verdict per `PASS name` / `FAIL name: why` line a kernel printed.  A
# `SKIP name: why` (a test this machine gives nothing to check: too few
# CPUs) is shown, and counted as neither.
report_ktests() {
	local prefix=$1 log=$2 line rest
	while IFS= read -r line; do
		case $line in
		"PASS "*) pass "$prefix/${line#PASS }" ;;
		"FAIL "*) rest=${line#FAIL }
			fail "$prefix/${rest%%:*}" "${rest#*: }" ;;
		"SKIP "*) rest=${line#SKIP }
			echo "SKIP $prefix/${rest%%:*}: ${rest#*: }" ;;
		esac
	done < <(grep -aE '^(PASS|FAIL|SKIP) ' "$log" | tr -d '\r')
}

# console_shows NAME LOG WHERE PATTERN...: every pattern (extended regex)
# is on the console, or one failure naming the first missing one.
console_shows() {
	local name=$1 log=$2 where=$3 p
	shift 3
	for p in "$@"; do
		if ! grep -qaE -- "$p" "$log"; then
			fail "$name" "expected the console$where to show '$p', but it never did" "$log"
			return 1
		fi
	done
}

# console_refuses NAME LOG PATTERN...: no pattern is on the console, or one
# failure naming the first that is.
console_refuses() {
	local name=$1 log=$2 p
	shift 2
	for p in "$@"; do
		if grep -qaE -- "$p" "$log"; then
			fail "$name" "the console shows '$p', which it must not" "$log"
			return 1
		fi
	done
}

# console_opts CHECK ARGS...: the options that lead ARGS, up to "--", into
# the arrays that CHECK (the function calling) has made local - bash's
# dynamic scope: --expect RE and --refuse RE, any number of each, into
# expect and refuse; --until RE into until, only if CHECK has one.  Sets
# nopts to the number of words read, "--" included, for CHECK to shift.
console_opts() {
	local check=$1
	shift
	nopts=0
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		case $1 in
		--until) if ! declare -p until > /dev/null 2>&1; then
				echo "$check: unknown argument $1" >&2
				return 1
			fi
			until=(--until "$2") ;;
		--expect) expect+=("$2") ;;
		--refuse) refuse+=("$2") ;;
		*) echo "$check: unknown argument $1" >&2; return 1 ;;
		esac
		shift 2
		nopts=$((nopts + 2))
	done
	[ $# -gt 0 ] && nopts=$((nopts + 1))
	return 0
}

# --- host unit tests ----------------------------------------------------------
host_tests() {
	# One program per tests/test_NAME.c: one that was not built is a
	# failure, not a suite quietly left out.
	for src in tests/test_*.c; do
		suite=${src##*/test_}
		suite=${suite%.c}
		bin=$BUILD/host/test_$suite
		selected "host/$suite" || continue
		if [ ! -x "$bin" ]; then
			fail "host/$suite" "$src has no test program $bin: it was not built (make host-test-bin; is it listed in tests/host.mk?)"
			continue
		fi
		out="$LOGDIR/host-$suite.tap"
		CMOCKA_MESSAGE_OUTPUT=TAP "$bin" > "$out" 2>&1
		status=$?
		n=0
		plan=0
		while IFS= read -r line; do
			case $line in
			1..*) plan=${line#1..} ;;
			"ok "*)
				pass "host/$suite/${line#ok * - }"
				n=$((n + 1)) ;;
			"not ok "*)
				fail "host/$suite/${line#not ok * - }" \
					"the unit test failed; details in $out"
				n=$((n + 1)) ;;
			esac
		done < "$out"
		# A sanitizer error kills the program mid-run: fewer verdicts than
		# the plan announced, or an exit status no verdict explains.
		if [ "$n" = 0 ] || [ "$n" -lt "$plan" ] ||
			{ [ "$status" != 0 ] && ! grep -q '^not ok' "$out"; }; then
			fail "host/$suite" "the test program crashed or stopped early ($n of $plan tests reported, exit status $status); see $out" "$out"
		fi
	done
}

# Fail fast: a boot that prints one of these lines has failed, so it ends
# a second after its report instead of waiting out its timeout (a kernel
# that panics at boot used to cost every later check its whole timeout).
# A check that expects such a line on purpose does not stop on it.
STOP_ON='^(PANIC|LOCKCHECK):'

# --- in-kernel tests ----------------------------------------------------------
# ktest_run NAME QEMU-ARGS...: boot with ktest=all, one verdict per test.
# The time limit only bounds a hang (a panic ends the run at once): at
# -smp 32 the run takes 33-39 s alone, and twice ran past 60 s on a host
# loaded by other work, so it is 120 s.
ktest_run() {
	local how=$1
	shift
	selected "ktest/$how" || return 0
	local log="$LOGDIR/ktest-$how.log"
	tools/qemu-run --timeout 120 --stop-on "$STOP_ON" --log "$log" \
		"${QEMU_COMMON[@]}" "$@"
	local status=$?
	report_ktests "ktest/$how" "$log"
	if grep -qa 'LOCKCHECK:' "$log"; then
		fail "ktest/$how" "the lock validator reported Tern's own code (a false positive is a bug to fix): $(grep -a -m1 'LOCKCHECK:' "$log")" "$log"
	elif grep -qa 'WATCHDOG:' "$log"; then
		fail "ktest/$how" "the watchdog reported a lockup during the tests: $(grep -a -m1 'WATCHDOG:' "$log")" "$log"
	elif ! grep -qaE '^ktest: [0-9]+ passed, 0 failed' "$log" || [ "$status" != 0 ]; then
		fail "ktest/$how" "the test run did not end with 'ktest: P passed, 0 failed' and a clean power-off (qemu-run status $status: 1 = kernel reported failure, 124 = timeout)" "$log"
	else
		pass "ktest/$how"
	fi
}

# --- whole boots ----------------------------------------------------------------
# stop_on_for PATTERN...: what a boot check stops on.  PANIC: always: it
# is the last line of a report, and the second of quiet qemu-run waits
# keeps the whole report for the checks that expect one.  LOCKCHECK:
# unless the check expects such a line (the kernel goes on after it).
stop_on_for() {
	if printf '%s\n' "$@" | grep -q LOCKCHECK; then
		echo '^PANIC:'
	else
		echo "$STOP_ON"
	fi
}

# boot_check NAME EXPECTED-STATUS TIMEOUT [--until RE] [--expect RE]... [--refuse RE]... -- QEMU-ARGS
# Every --expect regex (extended) must appear on the console, no --refuse
# regex may.  --until stops QEMU once its regex appears (status 0).
boot_check() {
	local name=$1 want=$2 timeout=$3
	shift 3
	local until=() expect=() refuse=() nopts
	console_opts boot_check "$@" || return 1
	shift "$nopts"
	selected "boot/$name" || return 0
	local log="$LOGDIR/boot-$name.log"
	tools/qemu-run --timeout "$timeout" "${until[@]}" \
		--stop-on "$(stop_on_for "${until[@]:1}" "${expect[@]}")" \
		--log "$log" "$@"
	local status=$?
	if [ "$status" != "$want" ]; then
		local what="exit status $status"
		case $status in
		124) what="it timed out after ${timeout}s" ;;
		1) what="the kernel reported a failure"
			grep -qa '^qemu-run: stopped after' "$log" &&
				what="it ${what#the kernel }: $(grep -a -m1 '^qemu-run: stopped after' "$log" | sed 's/^qemu-run: //')" ;;
		0) what="it succeeded" ;;
		2) what="QEMU failed or ended without a verdict from the kernel" ;;
		esac
		fail "boot/$name" "expected qemu-run status $want, but $what" "$log"
		return
	fi
	console_shows "boot/$name" "$log" "" "${expect[@]}" || return
	console_refuses "boot/$name" "$log" "${refuse[@]}" || return
	pass "boot/$name"
}

K=(-kernel "$KERNEL")
S1=("${QEMU_COMMON[@]}" -smp 1)

host_tests

# The O(1) benchmark's harness (docs/bench-o1.md): kernel/sched.c on one
# simulated host CPU, checked after every step against an O(n) scan.
if selected host/o1-bench; then
	o1log=$LOGDIR/o1-check.log
	if [ ! -x "$BUILD/bench/o1/o1" ]; then
		fail host/o1-bench "$BUILD/bench/o1/o1 was not built (make host-test-bin builds it: tools/bench/o1/o1.mk)"
	elif timeout 60 "$BUILD/bench/o1/o1" check > "$o1log" 2>&1; then
		pass host/o1-bench
	else
		fail host/o1-bench "$(grep -m1 -E 'step [0-9]+ \(|crashed|o1: ' "$o1log" || tail -n 1 "$o1log")" "$o1log"
	fi
fi
# tools/trace's own tests: synthetic dumps through every tern-trace command.
if selected host/trace; then
	tools/trace/selftest > "$LOGDIR/trace-selftest.log" 2>&1
	report_ktests host "$LOGDIR/trace-selftest.log"
	grep -qE '^[0-9]+ passed, 0 failed$' "$LOGDIR/trace-selftest.log" ||
		fail host/trace "tools/trace/selftest did not end with 'N passed, 0 failed'" "$LOGDIR/trace-selftest.log"
fi

# The in-kernel tests over the SMP matrix: CPU counts, both QEMU machine
# types (i440FX "pc" and "q35"), and the richest CPU model QEMU has.
if [ "${BIG:-0}" = 1 ]; then
	for n in 64 128 255; do
		ktest_run "mb1-smp$n" -smp "$n" -m 1G "${K[@]}" \
			-append "ktest=smp_cpus_online,ipi_round_trip_every_cpu,smp_call_function_all_cpus panic=-1"
	done
fi
for n in 1 2 8 32; do
	ktest_run "mb1-smp$n" -smp "$n" "${K[@]}" -append "ktest=all panic=-1"
done
# The scheduler stress test (kernel/soak_ktest.c), for 3 s and with 16
# workers per CPU: `make soak` runs 64 per CPU for as long as asked.  (With
# 32 virtual CPUs on two host cores, a thousand workers can take most of a
# minute just to stop: every one needs a turn on a CPU.)  watchdog=60: on
# a host that overloaded, CPU 0 - which creates, wakes and checks them
# all, taking every runqueue lock in turn - can go 10 s without a
# schedule() and not be stuck; a real hang is still reported.
for n in 8 32; do
	ktest_run "soak-smp$n" -smp "$n" "${K[@]}" -append "ktest=soak soak=3 soak_threads=16 watchdog=60 panic=-1"
done
ktest_run "q35-smp4" -machine q35 -smp 4 "${K[@]}" -append "ktest=all panic=-1"
ktest_run "cpu-max-smp4" -cpu max -smp 4 "${K[@]}" -append "ktest=all panic=-1"
if [ -f "$BUILD/test/tern-ktest.iso" ]; then
	ktest_run "mb2-grub-bios" -smp 2 -cdrom "$BUILD/test/tern-ktest.iso"
elif selected ktest/mb2-grub-bios; then
	fail "ktest/mb2-grub-bios" "$BUILD/test/tern-ktest.iso is missing (make test builds it)"
fi

boot_check ready 0 20 --expect 'boot: ready in [0-9]+ ms' --refuse 'PANIC' \
	-- "${S1[@]}" "${K[@]}" -append poweroff
boot_check bad-options 0 20 --expect "unknown option 'nosuch'" \
	--expect 'hz=banana: not a number' --expect 'loglevel=99: out of range' \
	--expect 'boot: ready in [0-9]+ ms' \
	-- "${S1[@]}" "${K[@]}" -append "nosuch=1 hz=banana loglevel=99 poweroff"
boot_check help 0 20 --expect 'hz=N \(100\.\.10000\)' --expect 'ktest=TEXT' \
	--expect 'poweroff\[=on\|off\]' --expect 'boot: ready in' \
	-- "${S1[@]}" "${K[@]}" -append "help poweroff"
boot_check ktest-unknown-name 1 20 --expect 'FAIL no_such_test: no such test' \
	--expect 'ktest: 1 passed, 1 failed' \
	-- "${S1[@]}" "${K[@]}" -append "ktest=heap_basic,no_such_test panic=-1"
boot_check ktest-names-nothing 1 20 \
	--expect "^FAIL ktest: ',' names no test \\(ktest=all runs every test" \
	--expect 'ktest: 0 passed, 1 failed' \
	-- "${S1[@]}" "${K[@]}" -append "ktest=, panic=-1"
# A message longer than printk's line buffer comes out whole (all 120
# blocks of kernel/printk_ktest.c's 1,200 characters on one line), and the
# line after it starts a line of its own (it once glued onto a cut line).
boot_check printk-long-line 0 20 \
	--expect '^(<[0-9]{3}>-----){120}[[:space:]]*$' \
	--expect '<119>-----[[:space:]]*$' \
	--expect '^printk: the line after the long one[[:space:]]*$' \
	--expect '^PASS printk_long_line' \
	-- "${S1[@]}" "${K[@]}" -append "ktest=printk_long_line panic=-1"
boot_check oops-null-pointer 1 20 --expect '#PF page fault \(vector 14\)' \
	--expect 'CR2 0000000000000000' \
	--expect 'RIP [0-9a-f]{16} ktest_fn_oops_null_pointer' \
	--expect 'RAX [0-9a-f]{16}' --expect '\] ktest_run\+' --expect '\] init_thread\+' \
	--expect '^PANIC: #PF page fault' \
	-- "${S1[@]}" "${K[@]}" -append "ktest=oops_null_pointer panic=-1"
# make bench's schedule() cost, checked for what it claims to measure
# (every task queued, the yielder picking itself again), not for speed.
boot_check bench-schedule-cost 0 60 \
	--expect '^bench: schedule_cycles_1=[0-9]+ schedule_cycles_10000=[0-9]+ ratio_x100=[0-9]+' \
	--expect '^PASS bench_schedule_cost' \
	-- "${QEMU_COMMON[@]}" -smp 2 "${K[@]}" -append "ktest=bench_schedule_cost panic=-1"
# Fail fast, checked: without panic=-1 a panicking kernel halts and waits
# for gdb, and only --stop-on ends the run before its 60 s timeout.
if selected boot/fail-fast; then
	log=$LOGDIR/boot-fail-fast.log
	tools/qemu-run --timeout 60 --stop-on "$STOP_ON" --log "$log" \
		"${S1[@]}" "${K[@]}" -append "ktest=oops_null_pointer"
	status=$?
	if [ "$status" != 1 ]; then
		fail boot/fail-fast "a kernel that panicked and halted should end the run at once with status 1, but qemu-run gave $status (124 = it waited for the timeout)" "$log"
	elif ! grep -qa '^qemu-run: stopped after the kernel printed: PANIC: #PF' "$log"; then
		fail boot/fail-fast "qemu-run should say it stopped after the PANIC: line" "$log"
	else
		pass boot/fail-fast
	fi
fi
boot_check oops-stack-overflow 1 20 --expect '#DF double fault \(vector 8\)' \
	--expect '\] recurse' --expect 'the frame above [0-9]+ more times' \
	--expect '^PANIC: #DF double fault' \
	-- "${S1[@]}" "${K[@]}" -append "ktest=oops_stack_overflow panic=-1"
# might_sleep(): sleeping where it is not allowed is reported with the
# reason and a backtrace, once per call site, and the kernel goes on.
boot_check might-sleep-report 0 30 \
	--expect 'BUG: sleeping function called from invalid context at kernel/sched_features_ktest\.c:[0-9]+' \
	--expect 'preemption disabled \(a spinlock held\?\): in_interrupt 0, interrupts on, preempt_count 1' \
	--expect 'interrupts off: in_interrupt 0, interrupts off' \
	--expect '\] ktest_fn_might_sleep_reports_invalid_context\+' \
	--expect 'PASS might_sleep_reports_invalid_context' \
	-- "${QEMU_COMMON[@]}" -smp 2 "${K[@]}" -append "ktest=might_sleep_reports_invalid_context panic=-1"
boot_check sched-modes-bad 0 20 \
	--expect 'sched_yield_mode=sideways is not a mode \(expired or prio\); using expired' \
	--expect 'balance=sideways is not a mode \(mean or halves\); using mean' \
	--expect 'boot: ready in [0-9]+ ms' \
	-- "${S1[@]}" "${K[@]}" -append "sched_yield_mode=sideways balance=sideways poweroff"
# The lock validator, the watchdog and the bug museum (tools/test-museum.sh).
. tools/test-museum.sh
boot_check no-long-mode 0 20 --until 'cannot run 64-bit code' \
	--expect 'cannot run 64-bit code' --refuse 'boot: ready' \
	-- "${QEMU_COMMON[@]}" -cpu qemu32 "${K[@]}"
# The TSC's rate, which every clock in Tern counts in, from the PIT's
# channel 2 and checked against channel 0; on microvm, which has no port
# 0x61, from channel 0 (it used to come out 13 times too slow there, and
# the watchdog then saw lockups everywhere).
boot_check clock-pc 0 30 \
	--expect '^tsc: [0-9]+\.[0-9]{3} MHz from PIT channel 2; PIT channel 0 agrees within [0-9.]+%' \
	--expect '^PASS tsc_rate_matches_pit' --expect '^PASS timer_ticks_every_cpu' \
	-- "${QEMU_COMMON[@]}" -smp 2 "${K[@]}" -append "ktest=tsc_rate_matches_pit,timer_ticks_every_cpu panic=-1"
# Under -icount shift=0 (make bench's exact counts) the TSC counts guest
# instructions, a nanosecond each: 1000 MHz.  A PIT count is then hundreds
# of instructions long, and the check that the PIT counts at all once read
# it a few times and gave up: every -icount boot panicked.
boot_check clock-icount 0 30 \
	--expect '^tsc: (99[5-9]|100[0-4])\.[0-9]{3} MHz from PIT channel 2; PIT channel 0 agrees within [0-9.]+%' \
	--expect '^PASS tsc_rate_matches_pit' \
	-- -accel tcg -icount shift=0 -m 256M -smp 2 "${K[@]}" -append "ktest=tsc_rate_matches_pit panic=-1"
boot_check clock-microvm 0 30 \
	--expect '^tsc: [0-9]+\.[0-9]{3} MHz from PIT channel 0 \(this machine has no second source' \
	--expect '^PASS tsc_rate_matches_pit' --expect '^PASS timer_ticks_every_cpu' \
	--expect '^PASS smp_cpus_online' \
	-- "${QEMU_COMMON[@]}" -M microvm -smp 4 "${K[@]}" -append "ktest=tsc_rate_matches_pit,timer_ticks_every_cpu,smp_cpus_online panic=-1"
# Memory, from too little to a lot.  The image and its .bss need about
# 5.4 MiB from 1 MiB up; below that boot/entry.asm says so before touching
# .bss (it used to triple-fault in silence), a little above it the page
# tables do not fit (a panic that says what to do), and 8 MiB to 12 GiB
# boot and run a test.
MEM=(-accel tcg,thread=multi -smp 2 "${K[@]}")
boot_check memory-2m 0 20 --until 'MiB or more' \
	--expect '^Tern: not enough memory: the kernel image needs [0-9]+ KiB of RAM above 1 MiB, the boot loader reports [0-9]+ KiB; give the machine 8 MiB or more \(qemu: -m 8M\)' \
	--refuse 'boot: ready' -- "${MEM[@]}" -m 2M
boot_check memory-5m 0 20 --until 'MiB or more' --expect 'not enough memory' \
	-- "${MEM[@]}" -m 5M
boot_check memory-6m 1 20 \
	--expect '^PANIC: paging: out of memory for page tables; give the machine more memory' \
	-- "${MEM[@]}" -m 6M -append "panic=-1"
for m in 8M 12G; do
	boot_check "memory-${m,,}" 0 30 --expect '^PASS paging_permissions' \
		--expect '^PASS paging_text_write_faults_through_every_alias' \
		-- "${MEM[@]}" -m "$m" -append "ktest=paging_permissions,paging_text_write_faults_through_every_alias,page_alloc_single,page_alloc_honours_reserved panic=-1"
done
boot_check grub-bios 0 60 --until 'boot: ready in' --expect 'multiboot2' \
	--expect 'smp: online 4/4' --expect 'boot: ready in [0-9]+ ms' \
	-- "${QEMU_COMMON[@]}" -smp 4 -cdrom "$BUILD/tern.iso"

# `smp: online N/M` at every size of the matrix, on both machine types.
sizes="1 2 3 8 32"
[ "${BIG:-0}" = 1 ] && sizes="$sizes 64 128 255"
for n in $sizes; do
	boot_check "online-pc-smp$n" 0 60 --expect "smp: online $n/$n" \
		--expect "migration: home $n/$n" \
		--expect 'platform: ACPI' --refuse 'did not start' \
		--refuse 'LOCKCHECK:|WATCHDOG:' \
		-- "${QEMU_COMMON[@]}" -m 1G -smp "$n" "${K[@]}" -append poweroff
done
for n in 3 8; do
	boot_check "online-q35-smp$n" 0 60 --expect "smp: online $n/$n" \
		--expect "migration: home $n/$n" \
		-- "${QEMU_COMMON[@]}" -machine q35 -smp "$n" "${K[@]}" -append poweroff
done
# Without ACPI the MP table is the source; SeaBIOS lists every CPU there
# only when they are given as sockets.
boot_check acpi-off-sockets 0 30 --expect 'platform: MP table' \
	--expect 'smp: online 4/4' \
	-- "${QEMU_COMMON[@]}" -machine pc,acpi=off -smp 4,sockets=4 "${K[@]}" -append poweroff
boot_check acpi-off 0 30 --expect 'platform: MP table' --expect 'smp: online 1/1' \
	-- "${QEMU_COMMON[@]}" -machine pc,acpi=off -smp 4 "${K[@]}" -append poweroff
# Hot-pluggable CPUs that are not there yet: QEMU lists them in the MADT
# marked disabled (-smp N,maxcpus=M).  They are counted as disabled and
# never started: online N/N, not N/M, and no "did not start".
boot_check disabled-cpus-2of4 0 30 --expect '^platform: ACPI: 2 CPUs \(2 disabled\)' \
	--expect '^smp: online 2/2' --refuse 'did not start' \
	-- "${QEMU_COMMON[@]}" -smp 2,maxcpus=4 "${K[@]}" -append "poweroff"
boot_check disabled-cpus-q35-3of8 0 30 --expect '^platform: ACPI: 3 CPUs \(5 disabled\)' \
	--expect '^smp: online 3/3' --refuse 'did not start' \
	-- "${QEMU_COMMON[@]}" -machine q35 -smp 3,maxcpus=8 "${K[@]}" -append "poweroff"
boot_check maxcpus-2 0 30 --expect 'smp: online 2/4' \
	-- "${QEMU_COMMON[@]}" -smp 4 "${K[@]}" -append "maxcpus=2 poweroff"
boot_check maxcpus-0 0 30 --expect 'smp: online 1/4' \
	-- "${QEMU_COMMON[@]}" -smp 4 "${K[@]}" -append "maxcpus=0 poweroff"
boot_check maxcpus-bad 0 30 --expect 'maxcpus=two: not a number' \
	--expect 'smp: online 4/4' \
	-- "${QEMU_COMMON[@]}" -smp 4 "${K[@]}" -append "maxcpus=two poweroff"
# Power-off through ACPI (no isa-debug-exit device): the FADT's PM1a
# control port and the DSDT's \_S5 sleep type.
for m in pc q35; do
	boot_check "acpi-poweroff-$m" 0 30 --expect 'S5 SLP_TYP' --expect 'poweroff: as asked' \
		-- --acpi-off-only "${QEMU_COMMON[@]}" -machine "$m" -smp 2 "${K[@]}" -append poweroff
done
# A CPU that never finishes starting is named, and boot goes on without it.
boot_check ap-does-not-start 0 30 --expect 'smp: cpu 2 \(apic id 2\) did not start' \
	--expect 'smp: online 3/4' --expect 'boot: ready in' \
	-- "${QEMU_COMMON[@]}" -smp 4 "${K[@]}" -append "ap_stall=2 poweroff"
boot_check hz-out-of-range 0 30 --expect 'hz=50: out of range 100..10000; using default 1000' \
	--expect 'boot: ready in' \
	-- "${S1[@]}" "${K[@]}" -append "hz=50 poweroff"

# The monitor shell: commands typed at `tern> `, and CPU 0's tick count
# rising between two `cpus` (the others may be idle with their ticks
# stopped: boot/nohz-idle).
monitor_check() {
	selected boot/monitor || return 0
	local log="$LOGDIR/boot-monitor.log" input="$LOGDIR/monitor-input.txt"
	printf '%s\n' help cpus uptime nosuch mem ps check cpus poweroff > "$input"
	tools/qemu-run --timeout 30 --stop-on "$STOP_ON" --input "$input" --log "$log" \
		"${QEMU_COMMON[@]}" -smp 4 "${K[@]}"
	local status=$?
	if [ "$status" != 0 ]; then
		fail boot/monitor "expected 'poweroff' at the monitor to end the run cleanly (qemu-run status $status)" "$log"
		return
	fi
	console_shows boot/monitor "$log" " (the monitor)" 'tern> help' \
		'cpus +online CPUs' "unknown command 'nosuch'" '4 of 4 CPUs online' \
		'^cpu +hw id +ticks +accounted +lost +ipis +tick +stops' 'timer interrupts: [0-9]+ taken on 4 CPUs, [0-9]+ ticks lost' \
		'jiffies [0-9]+' 'load average: [0-9]+\.[0-9]{2}, [0-9]+\.[0-9]{2}, [0-9]+\.[0-9]{2} ' \
		'heap check: consistent' ' migration/3 +S +0 ' \
		'init +R' "check: the scheduler's invariants hold" || return
	if grep -qa 'LOCKCHECK:' "$log"; then
		fail boot/monitor "the lock validator reported Tern's own code: $(grep -a -m1 'LOCKCHECK:' "$log")" "$log"
		return
	fi
	# the ticks column of CPU 0, which ticks always, in the first and in
	# the second table
	local t1 t2
	t1=$(awk '$1 == "0" && NF == 8 { print $3 }' "$log" | head -n 1)
	t2=$(awk '$1 == "0" && NF == 8 { print $3 }' "$log" | tail -n 1)
	if [ -z "$t1" ] || [ -z "$t2" ] || [ "$t2" -le "$t1" ]; then
		fail boot/monitor "expected cpu 0's tick count to rise between two 'cpus' commands (saw '$t1' then '$t2')" "$log"
		return
	fi
	pass boot/monitor
}

# Tickless idle (kernel/nohz.c, docs/timers.md): at the monitor, after two
# seconds of `top`, CPUs 1-3 have nothing to do and show their ticks `off`,
# having stopped at least once, while CPU 0's runs; the watchdog, at its
# shortest (watchdog=1), takes none of them for hung.  With nohz=off every
# CPU's tick stays on and none ever stops.
monitor_nohz() { # NAME CMDLINE EXPECTED-RE...
	local name=$1 cmdline=$2
	shift 2
	selected "boot/$name" || return 0
	local log="$LOGDIR/boot-$name.log" input="$LOGDIR/$name-input.txt"
	printf '%s\n' 'top 2' cpus poweroff > "$input"
	tools/qemu-run --timeout 60 --stop-on "$STOP_ON" --input "$input" --log "$log" \
		"${QEMU_COMMON[@]}" -smp 4 "${K[@]}" -append "$cmdline"
	local status=$?
	if [ "$status" != 0 ]; then
		fail "boot/$name" "expected 'poweroff' at the monitor to end the run cleanly (qemu-run status $status)" "$log"
		return
	fi
	if grep -qa '^WATCHDOG:' "$log"; then
		fail "boot/$name" "the watchdog took an idle CPU for hung: $(grep -a -m1 '^WATCHDOG:' "$log" | tr -d '\r')" "$log"
		return
	fi
	console_shows "boot/$name" "$log" " (the monitor's cpus)" "$@" || return
	pass "boot/$name"
}
monitor_nohz nohz-idle "watchdog=1" '^ +0 +0 +[0-9]+ .* on +0[[:space:]]*$' \
	'^ +1 +1 +[0-9]+ .* off +[1-9][0-9]*[[:space:]]*$' '^ +2 +2 +[0-9]+ .* off +[1-9][0-9]*[[:space:]]*$' \
	'^ +3 +3 +[0-9]+ .* off +[1-9][0-9]*[[:space:]]*$'
monitor_nohz nohz-off "watchdog=1 nohz=off" '^ +0 +0 +[0-9]+ .* on +0[[:space:]]*$' \
	'^ +1 +1 +[0-9]+ .* on +0[[:space:]]*$' '^ +2 +2 +[0-9]+ .* on +0[[:space:]]*$' '^ +3 +3 +[0-9]+ .* on +0[[:space:]]*$'

monitor_check

# The monitor's experiments: CPU hogs the balancer spreads, nice, pinning
# through set_cpus_allowed(), and plain answers to bad input.
monitor_experiments() {
	selected boot/monitor-experiments || return 0
	local log="$LOGDIR/boot-monitor-experiments.log"
	local input="$LOGDIR/monitor-experiments-input.txt"
	printf '%s\n' 'spin 6' ps 'nice 6 5' 'pin 6 2' 'pin 6 x' 'nice 999 1' \
		ps check stop check poweroff > "$input"
	tools/qemu-run --timeout 60 --stop-on "$STOP_ON" --input "$input" --log "$log" \
		"${QEMU_COMMON[@]}" -smp 4 "${K[@]}"
	local status=$?
	if [ "$status" != 0 ]; then
		fail boot/monitor-experiments "expected 'poweroff' at the monitor to end the run cleanly (qemu-run status $status)" "$log"
		return
	fi
	console_shows boot/monitor-experiments "$log" " (the monitor)" \
		'spin: started hog/0 \(pid 6\)' 'nice: hog/0 is now nice 5' \
		'pin: hog/0 may run on 2, now on cpu 2' \
		"pin: 'x' is not a list of CPUs" \
		'nice: no live task has pid 999' \
		' 6  hog/0 +R +12[0-9] +5 +2  2 ' \
		"check: the scheduler's invariants hold" 'stop: every hog has ended' || return
	pass boot/monitor-experiments
}
monitor_experiments

# NMIs during heavy console output (issue 15: the unexpected-NMI report
# once waited for the console lock that the printk it interrupted held,
# and the lock checker panicked with "spinlock console_lock: recursion").
# QEMU's own monitor (a unix socket) injects `nmi` into every CPU, again
# and again, while the shell prints `ps` a hundred times beside 8 hogs; the
# kernel must report each NMI, not panic, and still answer `check` after.
monitor_nmi_storm() {
	selected boot/monitor-nmi-storm || return 0
	local log="$LOGDIR/boot-monitor-nmi-storm.log"
	local input="$LOGDIR/monitor-nmi-storm-input.txt"
	local sock="$LOGDIR/monitor-nmi-storm.sock"
	{ echo 'spin 8'; printf 'ps\n%.0s' {1..100}; printf '%s\n' stop check poweroff; } > "$input"
	rm -f "$sock"
	# 30 NMIs, 0.1 s apart, from the 5th prompt on: in the middle of the ps.
	python3 - "$sock" "$log" <<'PY' > "$LOGDIR/monitor-nmi-storm.sender" 2>&1 &
import os, socket, sys, time
sock, log = sys.argv[1], sys.argv[2]
end = time.time() + 60
while not os.path.exists(sock) and time.time() < end:
    time.sleep(0.05)
s = socket.socket(socket.AF_UNIX)
s.connect(sock)
def prompts():
    try:
        with open(log, "rb") as f:
            return f.read().count(b"tern> ")
    except OSError:
        return 0
while prompts() < 5 and time.time() < end:
    time.sleep(0.05)
for _ in range(30):
    s.sendall(b"nmi\n")
    time.sleep(0.1)
print("sent 30 nmi at prompt", prompts())
time.sleep(0.5)
PY
	local sender=$!
	tools/qemu-run --timeout 90 --stop-on "$STOP_ON" --input "$input" --log "$log" \
		"${QEMU_COMMON[@]}" -smp 4 "${K[@]}" \
		-monitor "unix:$sock,server,nowait"
	local status=$?
	kill "$sender" 2>/dev/null
	wait "$sender" 2>/dev/null
	rm -f "$sock"
	if grep -qaE '^(PANIC|LOCKCHECK|WATCHDOG|BUG)' "$log"; then
		fail boot/monitor-nmi-storm "an NMI during console output must be reported and survived, but: $(grep -aE -m1 '^(PANIC|LOCKCHECK|WATCHDOG|BUG)' "$log")" "$log"
		return
	fi
	if [ "$status" != 0 ]; then
		fail boot/monitor-nmi-storm "expected 'poweroff', typed after the NMIs, to end the run cleanly (qemu-run status $status: 124 = timeout, 1 = panic)" "$log"
		return
	fi
	local first last answer
	first=$(grep -an 'nmi: unexpected NMI on cpu' "$log" | head -n 1 | cut -d: -f1)
	last=$(grep -an 'nmi: unexpected NMI on cpu' "$log" | tail -n 1 | cut -d: -f1)
	answer=$(grep -an "check: the scheduler's invariants hold" "$log" | tail -n 1 | cut -d: -f1)
	local cut
	cut=$(tr -d '\r' < "$log" | grep -a 'nmi: [0-9a-z ]*unexpected NMI' | grep -avE '^(tern> )?nmi: ' | head -n 1)
	if [ -z "$first" ]; then
		fail boot/monitor-nmi-storm "expected the kernel to report QEMU's NMIs ('nmi: unexpected NMI on cpu N'), but none came (see $LOGDIR/monitor-nmi-storm.sender)" "$log"
	elif [ -n "$cut" ]; then
		fail boot/monitor-nmi-storm "an NMI's report cut a line in two (it must wait until its CPU has finished the line): '$cut'" "$log"
	elif ! tail -n "+$last" "$log" | grep -qa 'tern> ps'; then
		fail boot/monitor-nmi-storm "expected the NMIs to come during the 100 ps, but the last one came after them (line $last)" "$log"
	elif [ -z "$answer" ] || [ "$answer" -le "$last" ]; then
		fail boot/monitor-nmi-storm "expected the kernel to answer 'check' after the last NMI (line $last), but it did not" "$log"
	else
		pass boot/monitor-nmi-storm
	fi
}
monitor_nmi_storm

# Ended threads are reaped: ten rounds of 256 hogs fit in 32 MiB again and
# again (each round used to leak 4 MiB, and the seventh ended in `PANIC:
# kthread_create: out of memory`); and asking for more threads than memory
# allows is an error the shell reports, after which the kernel goes on.
# monitor_32m NAME INPUT-LINES [--times N RE] EXPECTED-RE...: the lines
# typed at -m 32M, then `poweroff`, which must end the run cleanly, with no
# PANIC or BUG; RE must be on the console exactly N times.
monitor_32m() {
	local name=$1 lines=$2 times=0 times_re=""
	shift 2
	if [ "${1:-}" = --times ]; then
		times=$2 times_re=$3
		shift 3
	fi
	selected "boot/$name" || return 0
	local log="$LOGDIR/boot-$name.log" input="$LOGDIR/$name-input.txt"
	printf '%s\npoweroff\n' "$lines" > "$input"
	tools/qemu-run --timeout 120 --stop-on "$STOP_ON" --input "$input" --log "$log" \
		"${QEMU_COMMON[@]}" -m 32M -smp 2 "${K[@]}"
	local status=$?
	if [ "$status" != 0 ]; then
		fail "boot/$name" "expected the typed lines and 'poweroff' to end the run cleanly at -m 32M (qemu-run status $status: 124 = timeout, 1 = panic)" "$log"
		return
	fi
	if grep -qaE '^(PANIC|BUG)' "$log"; then
		fail "boot/$name" "the console shows a PANIC or BUG line" "$log"
		return
	fi
	console_shows "boot/$name" "$log" " (the monitor)" "$@" || return
	local n
	n=$(grep -acE -- "$times_re" "$log")
	if [ -n "$times_re" ] && [ "$n" != "$times" ]; then
		fail "boot/$name" "expected the console to show '$times_re' $times times, but it did $n times" "$log"
		return
	fi
	pass "boot/$name"
}
monitor_32m monitor-spin-rounds-32m \
	"$(printf 'spin 256\nstop\n%.0s' {1..10}; printf 'mem\ncheck')" \
	--times 10 'stop: every hog has ended \(256\)' \
	'heap check: consistent' "check: the scheduler's invariants hold"
monitor_32m monitor-spin-oom-32m \
	"$(printf 'spin 256\n%.0s' {1..12}; printf 'stop\ncheck\nspin 4\nstop')" \
	'spin: out of memory: started [0-9]+ of the 256 hogs asked for \(no memory left for another thread.s struct or 16 KiB stack\); [0-9]+ hogs running in all, stop ends them' \
	'stop: every hog has ended \((1[0-9]|[2-9])[0-9]{2}\)' \
	"check: the scheduler's invariants hold" \
	'stop: every hog has ended \(4\)'

# --- Monitor sessions: lines typed at the prompt, each answer checked ---------
# A session is a shell function that alternates
#   send LINE            type LINE at the next `tern> ` (qemu-run --input:
#                        \xNN is a byte, \c at the end means no Enter)
#   answer RE WHY        the shell's answer to that line must match RE
#   no_answer RE WHY     ... must not match RE
# monitor_session runs it twice: first to collect the lines (then types them,
# and `poweroff`, in one boot), then to check each answer.  The answer to a
# line is everything between its prompt and the next one, the echo included.
# A failure names the line, what was expected and why, and what came back.
ms_reply() {
	awk -v n=$((MS_N + 1)) 'BEGIN { RS = "tern> " } NR == n { printf "%s", $0 }' "$MS_CLEAN"
}
ms_fail() {
	[ "$MS_FAILED" = 0 ] || return 0
	MS_FAILED=1
	local seen
	if [ -z "$MS_REPLY" ]; then
		seen="the shell never answered (no prompt came for it; see $MS_LOG)"
	else
		seen="it answered: '$(printf '%s' "$MS_REPLY" | cat -v | head -n 4 | tr '\n' '|' | sed 's/|$//; s/|/ | /g' | cut -c 1-400)'"
	fi
	fail "$MS_NAME" "$1; $seen"
}
send() {
	if [ "$MS_PHASE" = collect ]; then
		printf '%s\n' "$1" >> "$MS_INPUT"
	else
		MS_N=$((MS_N + 1))
		MS_SENT=$1
		MS_REPLY=$(ms_reply)
	fi
}
answer() {
	[ "$MS_PHASE" = check ] || return 0
	grep -qaE -- "$1" <<< "$MS_REPLY" ||
		ms_fail "typing '$MS_SENT' should make $2, so the answer should show '$1'"
}
no_answer() {
	[ "$MS_PHASE" = check ] || return 0
	! grep -qaE -- "$1" <<< "$MS_REPLY" ||
		ms_fail "typing '$MS_SENT' should make $2, so the answer must not show '$1'"
}
# monitor_session NAME SMP SESSION-FUNCTION
monitor_session() {
	local name=$1 smp=$2 session=$3
	selected "$name" || return 0
	local base=${name//\//-}
	MS_NAME=$name MS_LOG="$LOGDIR/$base.log" MS_INPUT="$LOGDIR/$base-input.txt"
	MS_CLEAN="$LOGDIR/$base.clean" MS_PHASE=collect MS_FAILED=0 MS_N=0
	: > "$MS_INPUT"
	$session
	echo poweroff >> "$MS_INPUT"
	tools/qemu-run --timeout 60 --stop-on "$STOP_ON" --input "$MS_INPUT" --log "$MS_LOG" \
		"${QEMU_COMMON[@]}" -smp "$smp" "${K[@]}"
	local status=$?
	tr -d '\r' < "$MS_LOG" > "$MS_CLEAN"
	MS_PHASE=check
	$session
	if [ "$MS_FAILED" = 0 ] && [ "$status" != 0 ]; then
		fail "$name" "expected 'poweroff', the last line typed, to end the run cleanly (qemu-run status $status)" "$MS_LOG"
		return
	fi
	[ "$MS_FAILED" = 0 ] && pass "$name"
}

# Input by interrupt: COM1's receive interrupt goes through the IOAPIC, and
# every byte typed between two `irqs` is counted there; the shell sleeps
# between keys (it slept no more often than interrupts came to wake it).
session_irq() {
	local i1 b1 i2 b2 s2 re='console receive: ([0-9]+) interrupts?, ([0-9]+) bytes \(0 dropped\); the shell slept ([0-9]+) times?'
	send irqs
	answer "$re" "the shell count the console's receive interrupts"
	[ "$MS_PHASE" = check ] && read -r i1 b1 _ < <(sed -nE "s/.*$re.*/\1 \2 \3/p" <<< "$MS_REPLY")
	send uptime
	send help
	send cpus
	send irqs
	answer "$re" "the shell count the console's receive interrupts"
	[ "$MS_PHASE" = check ] || return 0
	read -r i2 b2 s2 < <(sed -nE "s/.*$re.*/\1 \2 \3/p" <<< "$MS_REPLY")
	[ -n "$i1" ] && [ -n "$i2" ] || return 0
	grep -qaE 'serial: COM1 input by interrupt: ISA IRQ 4 -> IOAPIC GSI [0-9]+ -> vector 0x34 on cpu 0' "$MS_CLEAN" ||
		ms_fail "expected the boot to say 'serial: COM1 input by interrupt: ISA IRQ 4 -> IOAPIC GSI N -> vector 0x34 on cpu 0'"
	[ "$i1" -ge 1 ] ||
		ms_fail "expected the first 'irqs' to count at least one receive interrupt (its own line), but it counted $i1"
	[ $((b2 - b1)) = 22 ] ||
		ms_fail "expected the 22 bytes typed between the two 'irqs' (uptime, help, cpus, irqs and 4 Enters) to arrive by interrupt, but the byte count rose from $b1 to $b2"
	[ $((i2 - i1)) -ge 4 ] ||
		ms_fail "expected at least 4 more receive interrupts after typing 4 lines, one at a time, but the count rose from $i1 to $i2"
	[ "$s2" -le "$i2" ] ||
		ms_fail "expected the shell to sleep only until an interrupt woke it ($i2 interrupts), but it slept $s2 times: something else wakes it (polling?)"
}

# Line editing: history (both arrow-key encodings), Backspace, Ctrl-U,
# Ctrl-C, a line over the limit, Enter sent as "\r\n".
session_keys() {
	local long127 long200
	long127=$(printf 'a%.0s' {1..127})
	long200=$(printf 'b%.0s' {1..200})
	send uptime
	answer 'jiffies [0-9]+' "uptime run (a line to recall below)"
	send mem
	answer 'heap check: consistent' "mem run"
	send '\x1b[A\x1b[A'
	answer 'jiffies [0-9]+' "Up (ESC [ A) twice then Enter recall and run uptime, two lines back"
	no_answer 'heap check' "only uptime run, not mem"
	send '\x1bOA\x1bOA\x1bOA\x1bOB'
	answer 'heap check: consistent' "Up (ESC O A) three times then Down (ESC O B) recall mem (history: uptime mem uptime)"
	no_answer 'jiffies' "only mem run"
	send 'upt\x1b[A\x1b[Bime'
	answer 'jiffies [0-9]+' "Down after Up bring back the half-typed 'upt', completed to uptime"
	send 'memx\x7f'
	answer 'heap check: consistent' "Backspace (DEL) erase the x of memx"
	send 'mex\x08m'
	answer 'heap check: consistent' "Backspace (Ctrl-H) erase the x of mex"
	send 'nosuch\x15uptime'
	answer 'jiffies [0-9]+' "Ctrl-U erase 'nosuch', leaving uptime"
	no_answer 'unknown command' "nothing but uptime run"
	send 'mem\x03\c'
	answer '\^C' "Ctrl-C print ^C and cancel the line"
	no_answer 'heap check' "the cancelled mem not run"
	send '\x03\c'
	answer '\^C' "Ctrl-C on an empty line print ^C"
	no_answer 'stop:' "nothing stopped: no hogs are running"
	send "$long127"
	answer "unknown command 'a{127}'" "a line of 127 characters, the most there is room for, be taken whole"
	send "$long200"
	answer 'line is longer than 127 characters, the limit; nothing was run' "a line of 200 characters be refused, naming the limit"
	no_answer 'unknown command' "no part of the long line run"
	send 'spin 2'
	answer 'started hog/1' "two hogs start"
	send '\x03\c'
	answer 'stop: Ctrl-C ended 2 hogs, as a shell' "Ctrl-C on an empty line stop the hogs, saying so"
	send ps
	no_answer 'hog/' "no hog be left"
	send 'dmesg\r\x03\c'
	answer 'dmesg: stopped by Ctrl-C after [0-9]+ of [0-9]+ bytes' "a Ctrl-C typed behind the command stop dmesg"
	send uptime
	answer 'jiffies [0-9]+' "the line after the interrupted dmesg run normally"
	no_answer '\^C' "the Ctrl-C that dmesg took not cancel this line too"
	send 'uptime\r\n\c'
	answer 'jiffies [0-9]+' "uptime, ended by \\r\\n as some terminals send Enter, run"
	send mem
	answer 'heap check: consistent' "mem run at the next prompt (the \\n of \\r\\n is not a second, empty line)"
}

# Arguments: every command checks how many it gets; help for one command.
session_args() {
	send 'poweroff later'
	answer "poweroff: takes no arguments, but got 'later'" "poweroff refuse an extra argument"
	send 'ps x'
	answer "ps: takes no arguments, but got 'x'" "ps refuse an extra argument"
	no_answer 'idle/0' "ps not run"
	send 'cpus 3'
	answer "cpus: takes no arguments, but got '3'" "cpus refuse an extra argument"
	no_answer 'hw id' "cpus not run"
	send 'spin'
	answer 'spin: needs one more argument; usage: spin N' "spin ask for its missing argument"
	send 'spin 2 3'
	answer "spin: too many arguments \('3' is one too many\)" "spin refuse a second argument"
	no_answer 'started' "no hog start"
	send 'spin lots'
	answer "spin: 'lots' is not a number of threads from 1 to 256" "spin name the bad number"
	send 'nice 1'
	answer 'nice: needs one more argument' "nice ask for its missing argument"
	send 'a b c d e f g h i'
	answer 'more than 8 words' "a line of 9 words be refused"
	send 'stop'
	answer 'stop: no hogs are running \(start some with spin N\)' "stop say that nothing is running"
	send 'help nice'
	answer 'nice PID\|NAME N - set a task' "help nice explain nice"
	answer 'example: nice hog/0 5' "help nice give an example"
	send 'help nosuch'
	answer "help: there is no command 'nosuch'" "help say there is no such command"
	send 'help pin x'
	answer "help: too many arguments \('x'" "help refuse a second argument"
	send 'help'
	answer 'pin +PID\|NAME LIST +let a task run only on these CPUs' "help list every command, one line each"
	answer 'poweroff +leave' "help list every command, one line each"
	send 'nosuch'
	answer "unknown command 'nosuch'" "an unknown command be named"
}

# Naming tasks: pid 0 and the idle tasks, real-time tasks, offline CPUs.
session_tasks() {
	send ps
	answer '^ +0  idle/0 ' "ps show idle/0 with pid 0"
	answer '^ +0  idle/3 ' "ps show idle/3 with pid 0 (one idle task per CPU)"
	send 'nice 0 5'
	answer "nice: pid 0 is ambiguous: every CPU's idle task has it \(idle/0 .. idle/3" "nice say that pid 0 names every idle task, and name them"
	answer 'an idle task runs only when nothing else can, and is bound to its CPU' "nice say why idle tasks cannot be changed"
	send 'pin 0 1'
	answer "pin: pid 0 is ambiguous" "pin say that pid 0 names every idle task"
	send 'nice idle/2 5'
	answer 'nice: idle/2 cannot be changed: an idle task runs only when nothing else can' "nice refuse an idle task by name, saying why"
	send 'pin idle/1 0'
	answer 'pin: idle/1 cannot be changed: an idle task .* is bound to its CPU' "pin refuse an idle task by name, saying why"
	send 'nice migration/1 5'
	answer 'nice: migration/1 is real-time \(SCHED_FIFO.*nice does not affect it.*priority stays 0' "nice say that a real-time task's priority does not change"
	send ps
	answer 'migration/1 +S +0 +5 ' "ps show migration/1 with prio 0 (unchanged) and nice 5 (recorded)"
	send 'pin migration/2 0'
	answer 'pin: migration/2 must stay on cpu 2' "pin refuse to move a migration thread"
	send 'spin 2'
	answer 'started hog/1 \(pid 7\)' "two hogs start (pids 6 and 7)"
	send 'nice hog/1 7'
	answer 'nice: hog/1 is now nice 7' "nice take a task name"
	send 'pin hog/0 2-3'
	answer 'pin: hog/0 may run on 2-3, now on cpu [23]' "pin take a task name"
	send 'pin hog/0 0-255'
	answer 'pin: cpus 4-255 are offline; hog/0 may run on 0-3 ' "pin use the online part of 0-255 on 4 CPUs, naming the offline ones"
	send 'pin 7 3,8'
	answer 'pin: cpu 8 is offline; hog/1 may run on 3 .*now on cpu 3' "pin by pid use the online part, naming the offline CPU"
	send 'pin hog/0 8-9'
	answer 'pin: cpus 8-9 are offline \(online: 0-3\); hog/0 is unchanged' "pin refuse a list without an online CPU"
	send 'pin hog/0 256'
	answer "pin: '256' is not a list of CPUs" "pin refuse a CPU number past 255"
	send 'nice nosuch 1'
	answer "nice: no live task is called 'nosuch'" "nice name the unknown task"
	send 'nice 999 1'
	answer 'nice: no live task has pid 999' "nice name the unknown pid"
	send ps
	answer '^ +6  hog/0 +R .* 0-3 ' "ps show hog/0 allowed on 0-3"
	answer '^ +7  hog/1 +R +1[23][0-9] +7 +3  3 ' "ps show hog/1 at nice 7 on cpu 3, allowed only there"
	send check
	answer "check: the scheduler's invariants hold" "the scheduler stay consistent"
	send stop
	answer 'stop: every hog has ended' "stop end the hogs"
	send 'nice hog/0 1'
	answer "nice: no live task is called 'hog/0'" "an ended hog no longer be found"
}

# locks: on one CPU, the shell's own, which holds no lock while it reads
# (on more, an idle CPU may be taking its runqueue lock in a tick just
# then); its help; a bad argument.
session_locks() {
	send locks
	answer '^no CPU holds a lock$' "the only CPU, the shell's, be reported holding nothing"
	no_answer '^cpu [0-9]' "no CPU be listed"
	send 'locks now'
	answer "locks: takes no arguments, but got 'now'" "locks refuse an argument"
	no_answer 'holds a lock' "locks not run"
	send 'help locks'
	answer '^locks - which CPU holds which spinlock, and who waits$' "help locks explain it"
	answer 'example: locks' "help locks give an example"
	send help
	answer '^  locks +which CPU holds which spinlock' "help list locks"
}
# On 4 CPUs with hogs running, what the others hold changes from moment to
# moment: only the form of the answer is known.
session_locks_smp() {
	send 'spin 4'
	answer 'started hog/3' "four hogs start"
	send locks
	answer '^(no CPU holds a lock|[1-3] CPUs? holds? [0-9]+ locks?)(, [1-3] waits?)?$' "locks end with its count"
	no_answer '^cpu 0 ' "cpu 0, running the shell, be shown holding and waiting for nothing"
	no_answer "^cpu [0-9]+ (holds|waits for) (a lock at|'\\?')" "every lock be named"
	send stop
	answer 'stop: every hog has ended' "stop end the hogs"
}

# trace, top and demo (docs/trace.md): their answers, good and bad input.
session_trace() {
	send 'trace'
	answer 'trace: on; trace on\|off\|clear\|dump \[CPU\]' "trace alone say that tracing is on (it is from boot)"
	send 'trace off'
	answer '^trace: off' "trace off answer"
	send 'trace'
	answer 'trace: off;' "trace say that it is now off"
	send 'trace sideways'
	answer "trace: 'sideways' is not on, off, clear or dump" "trace name the word it does not know"
	send 'trace dump 9'
	answer "trace: '9' is not an online CPU \(0..3\)" "trace dump refuse a CPU that is not online"
	send 'top x'
	answer "top: 'x' is not a number of seconds" "top name its bad argument"
	send 'trace clear'
	answer '^trace: cleared' "trace clear answer"
	send 'trace on'
	answer '^trace: on' "trace on answer"
	send 'demo'
	answer '^demo: 4 sleepers, ping and pong, and a pinner running' "demo start its threads"
	send 'demo'
	answer '^demo: already running' "a second demo be refused"
	send 'spin 4'
	answer 'spin: started hog/3' "spin start four hogs"
	send 'top 2'
	answer 'top: frame 2 at [0-9]+ ms, 4 CPUs' "top draw two frames and stop"
	answer '^ +3 \[#+ *\] +[0-9]+%  +[0-9]+  ' "top draw a busy bar for cpu 3 (a hog runs there)"
	send 'demo stop'
	answer '^demo: stopped \(7 threads\)' "demo stop end all seven"
	send 'demo stop'
	answer '^demo: not running' "demo stop say that nothing runs"
	send 'demo sideways'
	answer "demo: 'sideways' is not start or stop" "demo name the word it does not know"
	send 'stop'
	answer 'stop: every hog has ended' "stop end the hogs"
	send 'trace dump 1'
	answer '^trace: begin cpus=4 events=[1-9][0-9]* lost=' "trace dump 1 begin with the header"
	answer '^[0-9]+ 1 switch prev=[0-9]+:[^ ]+ prev_state=[RSDX] next=' "trace dump 1 show cpu 1's switches"
	no_answer '^[0-9]+ [023] ' "trace dump 1 show only cpu 1"
	answer '^trace: cpu 1 switches=[0-9]+ recorded=[0-9]+ lost=[1-9]' "cpu 1's ring, 512 events, be full after the demo and say how many it lost"
	answer '^trace: end' "trace dump end with trace: end"
}

monitor_session boot/monitor-irq 2 session_irq
monitor_session boot/monitor-trace 4 session_trace
monitor_session boot/monitor-keys 2 session_keys
monitor_session boot/monitor-args 2 session_args
monitor_session boot/monitor-tasks 4 session_tasks
monitor_session boot/monitor-locks 1 session_locks
monitor_session boot/monitor-locks-smp4 4 session_locks_smp
# What locks prints when locks are held: the monitor cannot keep one held,
# so kernel/locks_ktest.c holds two on cpu 3 while cpu 2 waits for one,
# and prints the report through the function the command uses.
LR='0x[0-9a-f]+/0x[0-9a-f]+\)[[:space:]]*$'
boot_check monitor-locks-report 0 40 \
	--expect "^cpu 2 waits for 'locks_pair' #1 for [0-9]+ ms \(wanted at locks_waiter\+0x[0-9a-f]+/0x[0-9a-f]+\), held by cpu 3 \(taken at locks_holder\+$LR" \
	--expect "^cpu 3 holds 'locks_outer' \(taken at locks_holder\+$LR" \
	--expect "^cpu 3 holds 'locks_pair' #1 \(taken at locks_holder\+$LR" \
	--expect '^1 CPU holds 2 locks, 1 waits[[:space:]]*$' \
	--expect '^no CPU holds a lock[[:space:]]*$' \
	--expect 'PASS locks_held_and_waiting' --refuse 'LOCKCHECK:|WATCHDOG:' \
	-- "${QEMU_COMMON[@]}" -smp 4 "${K[@]}" -append "ktest=locks_held_and_waiting panic=-1"

if [ -f /usr/share/ovmf/OVMF.fd ]; then
	boot_check grub-uefi 0 180 --until 'boot: ready in' --expect 'multiboot2' \
		--expect 'smp: online 2/2' --expect 'boot: ready in [0-9]+ ms' \
		-- "${QEMU_COMMON[@]}" -smp 2 -bios /usr/share/ovmf/OVMF.fd -cdrom "$BUILD/tern.iso"
elif selected boot/grub-uefi; then
	fail "boot/grub-uefi" "OVMF is not installed (/usr/share/ovmf/OVMF.fd); tools/deps.sh installs it"
fi

# --- Bochs: the local APIC in x2APIC mode ---------------------------------------
# QEMU's TCG offers no x2APIC, so only here does lapic.c run its x2APIC path
# (tools/bochs-run, docs/bochs.md).  The in-kernel tests on 4 CPUs, and a
# boot on 15, the most Debian's Bochs 2.7 runs (16 and more abort with
# "register_timer: too many registered timers").
# bochs_check N ISO [--ktests] [--until RE] -- EXPECTED-RE...
bochs_check() {
	local n=$1 iso=$2 name="bochs/x2apic-smp$1"
	shift 2
	local ktests=0 until=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		case $1 in
		--ktests) ktests=1; shift ;;
		--until) until=(--until "$2"); shift 2 ;;
		esac
	done
	shift
	selected "$name" || return 0
	if ! command -v bochs >/dev/null 2>&1; then
		fail "$name" "Bochs is not installed (Debian packages bochs, bochs-term, bochsbios, vgabios); tools/deps.sh installs them"
		return
	fi
	if [ ! -f "$iso" ]; then
		fail "$name" "$iso is missing (make test builds it)"
		return
	fi
	local log="$LOGDIR/bochs-x2apic-smp$n.log"
	tools/bochs-run --cpus "$n" --timeout 150 "${until[@]}" --log "$log" "$iso"
	local status=$?
	[ "$ktests" = 1 ] && report_ktests "$name" "$log"
	if [ "$status" != 0 ]; then
		local what="tools/bochs-run status $status"
		case $status in
		124) what="it timed out after 150 s" ;;
		1) what="the kernel reported a failure (a failed test or a panic)" ;;
		2) what="Bochs failed, or ended without the kernel's ACPI power-off (a triple fault, say)" ;;
		esac
		fail "$name" "expected Tern to boot under Bochs on $n CPUs with the local APIC in x2APIC mode$([ "$ktests" = 1 ] && echo " and pass every in-kernel test"), but $what" "$log"
		return
	fi
	console_shows "$name" "$log" " under Bochs ($n CPUs)" "$@" || return
	pass "$name"
}
bochs_check 4 "$BUILD/test/tern-ktest.iso" --ktests -- \
	'lapic: x2APIC mode' 'smp: online 4/4' 'ktest: [0-9]+ passed, 0 failed'
bochs_check 15 "$BUILD/tern.iso" --until 'boot: ready in' -- \
	'lapic: x2APIC mode' 'smp: online 15/15' 'migration: home 15/15'

# --- the IA-64 simulator (tools/ia64sim) ---------------------------------------
# Each tools/ia64sim/tests/NAME.S says what it expects in its header:
# "expect-status: N" (the exit status: the program's exit call, or 125 for
# a simulator error), "expect-stderr: REGEX" (the simulator's report),
# "ia64sim-args: ..." (more options, after the program's name), and
# NAME.out, if there, is its exact console output.  Each program's bundles
# are also decoded by the simulator and by ia64-linux-gnu-objdump, and
# must agree on every template.
ia64sim_check() {
	local src=$1 name elf want out err status re
	name=$(basename "$src" .S)
	selected "ia64sim/$name" || return 0
	elf=$BUILD/ia64sim-tests/$name.elf
	out=$LOGDIR/ia64sim-$name.out
	err=$LOGDIR/ia64sim-$name.err
	want=$(sed -n 's|^// expect-status: ||p' "$src")
	# shellcheck disable=SC2046
	timeout 20 "$BUILD/ia64sim" --max-insns 10000000 "$elf" \
		$(sed -n 's|^// ia64sim-args: ||p' "$src") > "$out" 2> "$err" < /dev/null
	status=$?
	if [ "$status" != "$want" ]; then
		fail "ia64sim/$name" "expected exit status $want, but the simulator ended with $status" "$err"
		return
	fi
	re=$(sed -n 's|^// expect-stderr: ||p' "$src")
	if [ -n "$re" ] && ! grep -qE -- "$re" "$err"; then
		fail "ia64sim/$name" "expected the simulator to report '$re', but it said: $(head -c 300 "$err")" "$err"
		return
	fi
	if [ -f "${src%.S}.out" ] && ! cmp -s "${src%.S}.out" "$out"; then
		fail "ia64sim/$name" "the program printed something else than ${src%.S}.out; see $out" "$out"
		return
	fi
	if ! diff <("$BUILD/ia64sim" --list-bundles "$elf" | tr -d _) \
		<(ia64-linux-gnu-objdump -d -z "$elf" | sed -nE 's/^ *([0-9a-f]+):.*\[([A-Z_]+)\].*/\1 \2/p' | tr -d _) \
		> "$LOGDIR/ia64sim-$name.decode" 2>&1; then
		fail "ia64sim/$name" "the simulator decodes a bundle's template differently from ia64-linux-gnu-objdump; see $LOGDIR/ia64sim-$name.decode"
		return
	fi
	pass "ia64sim/$name"
}
for src in tools/ia64sim/tests/*.S; do
	ia64sim_check "$src"
done
# C programs: compiled with the IA-64 cross compiler and run on the
# simulator, and compiled for this host: the two must print the same
# bytes and exit with the same status.
ia64sim_c_check() {
	local name=$1 dir=$BUILD/ia64sim-tests/c sim host st1 st2
	selected "ia64sim/c/$name" || return 0
	sim=$LOGDIR/ia64sim-c-$name.sim
	host=$LOGDIR/ia64sim-c-$name.host
	timeout 60 "$BUILD/ia64sim" --max-insns 200000000 "$dir/$name.elf" > "$sim" 2> "$sim.err"
	st1=$?
	timeout 60 "$dir/$name.host" > "$host" 2>&1
	st2=$?
	if [ "$st1" != "$st2" ]; then
		fail "ia64sim/c/$name" "the simulated program exited with $st1, the host's with $st2" "$sim.err"
	elif ! cmp -s "$sim" "$host"; then
		fail "ia64sim/c/$name" "the simulated program printed something else than the host's: diff $sim $host" "$sim"
	else
		pass "ia64sim/c/$name"
	fi
}
for src in tools/ia64sim/tests/c/*.c; do
	case $src in */host.c) continue ;; esac
	ia64sim_c_check "$(basename "$src" .c)"
done
# The gdb stub (--gdb PORT) with gdb-multiarch: ia64sim/gdb/*.
. tools/ia64sim/tests/gdb/check.sh

# SMP programs (tools/ia64sim/tests/smp/*.c), run with the options on
# their "ia64sim-args:" line (and NAME.in, if there, on stdin).  NAME.out
# is the exact console output and the exit status must be 0 (or the one
# on an "expect-status:" line); "also-smp: N..." runs it again on other CPU
# counts, where it must exit with 0; "expect-idle: P" asks that at least P% of the
# machine's time was skipped with every CPU idle; "determinism:" runs the
# program with seed 1 twice (same output, same final state) and seeds 2
# and 3 (not all three the same).
ia64sim_smp_run() { # ELF ARGS... -> stdout and the state line
	timeout 60 "$BUILD/ia64sim" --max-insns 500000000 --hash "$@" < /dev/null 2>&1 |
		grep -v '^ia64sim: [0-9]* instructions'
}
ia64sim_smp_check() {
	local src=$1 name args elf out err status pct time skipped a b c d input want
	name=$(basename "$src" .c)
	selected "ia64sim/smp/$name" || return 0
	elf=$BUILD/ia64sim-tests/smp/$name.elf
	args=$(sed -n 's|^ \* ia64sim-args: ||p' "$src")
	out=$LOGDIR/ia64sim-smp-$name.out
	err=$LOGDIR/ia64sim-smp-$name.err
	if grep -q '^ \* determinism:' "$src"; then
		# shellcheck disable=SC2086
		a=$(ia64sim_smp_run $args --seed 1 "$elf")
		# shellcheck disable=SC2086
		b=$(ia64sim_smp_run $args --seed 1 "$elf")
		# shellcheck disable=SC2086
		c=$(ia64sim_smp_run $args --seed 2 "$elf")
		# shellcheck disable=SC2086
		d=$(ia64sim_smp_run $args --seed 3 "$elf")
		printf '%s\n--\n%s\n--\n%s\n--\n%s\n' "$a" "$b" "$c" "$d" > "$out"
		if ! grep -q '^ia64sim: state ' <<< "$a"; then
			fail "ia64sim/smp/$name" "the run printed no final state (--hash)" "$out"
		elif [ "$a" != "$b" ]; then
			fail "ia64sim/smp/$name" "two runs with seed 1 differ: the simulator is not deterministic" "$out"
		elif [ "$a" = "$c" ] && [ "$a" = "$d" ]; then
			fail "ia64sim/smp/$name" "seeds 1, 2 and 3 gave the same run: --seed does not change the interleaving" "$out"
		else
			pass "ia64sim/smp/$name"
		fi
		return
	fi
	input=/dev/null
	[ -f "${src%.c}.in" ] && input=${src%.c}.in
	want=$(sed -n 's|^ \* expect-status: ||p' "$src")
	# shellcheck disable=SC2086
	timeout 60 "$BUILD/ia64sim" --max-insns 500000000 "$elf" $args > "$out" 2> "$err" < "$input"
	status=$?
	if [ "$status" != "${want:-0}" ]; then
		fail "ia64sim/smp/$name" "expected exit status ${want:-0}, but the run ended with $status" "$err"
		return
	fi
	if ! cmp -s "${src%.c}.out" "$out"; then
		fail "ia64sim/smp/$name" "the program printed something else than ${src%.c}.out; see $out" "$out"
		return
	fi
	# "also-smp: N...": the same program on other CPU counts must still
	# exit with 0 (it checks its own results)
	for n in $(sed -n 's|^ \* also-smp: ||p' "$src"); do
		timeout 60 "$BUILD/ia64sim" -smp "$n" --max-insns 500000000 "$elf" > "$out.$n" 2>&1 < /dev/null
		status=$?
		if [ "$status" != 0 ]; then
			fail "ia64sim/smp/$name" "with -smp $n, the run ended with status $status" "$out.$n"
			return
		fi
	done
	pct=$(sed -n 's|^ \* expect-idle: ||p' "$src")
	if [ -n "$pct" ]; then
		read -r time skipped < <(sed -nE 's/^ia64sim: time ([0-9]+) cycles, ([0-9]+) of them skipped.*/\1 \2/p' "$err")
		if [ -z "$time" ] || [ $((skipped * 100)) -lt $((pct * time)) ]; then
			fail "ia64sim/smp/$name" "expected at least $pct% of the time skipped with every CPU idle, but ${skipped:-?} of ${time:-?} cycles were" "$err"
			return
		fi
	fi
	pass "ia64sim/smp/$name"
}
for src in tools/ia64sim/tests/smp/*.c; do
	ia64sim_smp_check "$src"
done

# --- The trace tells the truth (kernel/trace.c, tools/trace, docs/trace.md) -----
# trace/boot-smpN: `make trace`'s run (tools/trace/demo-run.sh: spin N and
# demo for a second, then trace dump) at -smp N, and tern-trace check on
# the dump: a lane per CPU, no task on two CPUs at once, each switch's prev
# the last one's next, each migration followed by a run on its target, the
# switches per CPU equal to the kernel's count.  At -smp 8 also: the JSON
# is valid against the trace-event schema, the hogs were spread (a hog ran
# on every CPU), and the SVG renders in headless Chromium, its script ran
# (data-ready) and the screenshot is not blank.
trace_boot_check() {
	local n=$1 name=trace/boot-smp$1 out=$BUILD/test/trace-smp$1
	selected "$name" || return 0
	rm -rf "$out"
	tools/trace/demo-run.sh "$KERNEL" "$n" "$out" "" "${QEMU_COMMON[@]}" \
		> "$LOGDIR/trace-smp$n.out" 2>&1
	local status=$?
	cp "$out/trace.log" "$LOGDIR/trace-smp$n.log" 2> /dev/null
	if [ "$status" != 0 ]; then
		fail "$name" "the traced run or its check failed: $(grep -m1 -E '^(FAIL|trace:)' "$LOGDIR/trace-smp$n.out")" "$LOGDIR/trace-smp$n.out"
		return
	fi
	if ! grep -q '^check: all [0-9]* checks hold' "$LOGDIR/trace-smp$n.out"; then
		fail "$name" "tern-trace check did not say that every check holds" "$LOGDIR/trace-smp$n.out"
		return
	fi
	[ "$n" = 8 ] || { pass "$name"; return; }
	local why
	if ! why=$(/usr/bin/python3 - "$out/trace.json" tools/trace/trace-event.schema.json 2>&1 <<'PY'
import json, sys
try:
    import jsonschema
except ImportError:
    sys.exit("python3-jsonschema is missing (tools/deps.sh installs it)")
doc = json.load(open(sys.argv[1]))
jsonschema.validate(doc, json.load(open(sys.argv[2])))
lanes = {e["tid"] for e in doc["traceEvents"] if e.get("ph") == "X"}
if len(lanes) != 8:
    sys.exit("expected task runs on 8 CPU tracks, found %d" % len(lanes))
PY
); then
		fail "$name" "the JSON is not what Perfetto loads: $why" "$out/trace.json"
		return
	fi
	local cpu missing=
	for cpu in 0 1 2 3 4 5 6 7; do
		grep -qE "^ +$cpu .*hog/" "$LOGDIR/trace-smp$n.out" || missing="$missing $cpu"
	done
	if [ -n "$missing" ]; then
		fail "$name" "expected the balancer to spread spin 8 over all 8 CPUs; no hog among the top tasks of CPU$missing" "$LOGDIR/trace-smp$n.out"
		return
	fi
	timeout 60 chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
		--window-size=1400,500 --dump-dom "file://$PWD/$out/trace.svg" \
		> "$out/dom.txt" 2> "$out/chromium.log"
	timeout 60 chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
		--window-size=1400,500 --screenshot="$PWD/$out/trace.png" \
		"file://$PWD/$out/trace.svg" >> "$out/chromium.log" 2>&1
	if ! grep -q 'data-ready="yes"' "$out/dom.txt"; then
		fail "$name" "Chromium loaded the SVG but its script did not finish (no data-ready): a script error?" "$out/chromium.log"
	elif ! why=$(/usr/bin/python3 tools/trace/png-colours.py "$out/trace.png" 8 2>&1); then
		fail "$name" "the screenshot of the SVG looks blank: $why" "$out/chromium.log"
	else
		pass "$name"
	fi
}
for n in 8 32; do
	trace_boot_check "$n"
done

# --- Tern on IA-64 (arch/ia64, on tools/ia64sim) -------------------------------
# ia64/boot-smpN boots build/ia64/tern.elf on N simulated CPUs with
# `poweroff` and checks what the port does:
# the ITC's rate from SAL and PAL, the banner, the command line from the
# EFI boot parameters, the memory map from EFI, every CPU woken through SAL
# and online, every migration thread at home - so interrupts, IPIs, the
# timer, context switches and the register stack work - and the power-off
# through EFI with status 0.  The simulator must never have had to stop
# the kernel (status 125).  ia64/deterministic: one seed, two runs of 32
# CPUs, byte-identical consoles.
ia64_boot_check() {
	local n=$1 name=ia64/boot-smp$1
	selected "$name" || return 0
	local log=$LOGDIR/ia64-boot-smp$n.log status re
	timeout 60 "$BUILD/ia64sim" -smp "$n" -m 512 "$BUILD/ia64/tern.elf" \
		-- poweroff panic=-1 > "$log.raw" 2>&1 < /dev/null
	status=$?
	tr -d '\r' < "$log.raw" > "$log"
	if [ "$status" != 0 ]; then
		fail "$name" "expected the kernel to power off with status 0; the run ended with $status" "$log"
		return
	fi
	for re in '^time: ITC at 100000 kHz \(base 100000000 Hz x 1/1\)$' \
		'^Tern [0-9.]+ - a teaching kernel for SMP scheduling$' \
		'^boot: loaded by ia64sim \(EFI\), command line: "poweroff panic=-1"$' \
		'^mem: 50[0-9] MiB usable' \
		'^mm: physical mode, no translation \(IA-64\)$' \
		"^smp: online $n/$n\$" "^migration: home $n/$n\$" \
		'^boot: ready in [0-9]+ ms$' '^poweroff: as asked on the command line$'; do
		if ! grep -qE -- "$re" "$log"; then
			fail "$name" "expected a console line matching '$re'" "$log"
			return
		fi
	done
	pass "$name"
}
for n in 1 2 4 8 16 32 64; do
	ia64_boot_check "$n"
done

# ia64_sim_check NAME STATUS SMP [--expect RE]... [--refuse RE]... -- CMDLINE:
# boot build/ia64/tern.elf on SMP simulated CPUs with CMDLINE, want the
# run to end with STATUS (0: powered off as asked) and the console to show
# (or never show) each pattern.  The same contract as boot_check on x86.
ia64_sim_check() {
	local name=ia64/$1 want=$2 n=$3 expect=() refuse=() status nopts
	shift 3
	console_opts ia64_sim_check "$@" || return 1
	shift "$nopts"
	selected "$name" || return 0
	local log=$LOGDIR/${name//\//-}.log
	timeout 60 "$BUILD/ia64sim" -smp "$n" -m 512 "$BUILD/ia64/tern.elf" \
		-- "$@" 2>&1 < /dev/null | tr -d '\r' > "$log"
	status=${PIPESTATUS[0]}
	if [ "$status" != "$want" ]; then
		fail "$name" "expected the run to end with status $want (0: the kernel powered off as asked); it ended with $status" "$log"
		return
	fi
	console_shows "$name" "$log" "" "${expect[@]}" || return
	console_refuses "$name" "$log" "${refuse[@]}" || return
	pass "$name"
}
# The same boot options, and the same answers to bad ones, as on x86.
ia64_sim_check bad-options 0 1 --expect "unknown option 'nosuch'" \
	--expect 'hz=banana: not a number' --expect 'loglevel=99: out of range' \
	--expect 'boot: ready in [0-9]+ ms' \
	-- nosuch=1 hz=banana loglevel=99 poweroff
ia64_sim_check maxcpus-2 0 4 --expect '^smp: online 2/4$' \
	--expect '^migration: home 2/2$' --refuse 'did not start' \
	-- maxcpus=2 poweroff
ia64_sim_check maxcpus-0 0 4 --expect '^smp: online 1/4$' \
	--expect '^migration: home 1/1$' -- maxcpus=0 poweroff
ia64_sim_check maxcpus-bad 0 4 --expect 'maxcpus=two: not a number' \
	--expect '^smp: online 4/4$' -- maxcpus=two poweroff
# IA-64's default tick is 1024 Hz, as Linux/ia64 had (x86: 1000).
ia64_sim_check hz-out-of-range 0 4 \
	--expect 'hz=50: out of range 100..10000; using default 1024' \
	--expect '^migration: home 4/4$' -- hz=50 poweroff
# ia64/ktest-smpN: every in-kernel test built for IA-64 (ktest=all), on N
# simulated CPUs; each must pass, and the run must end with the summary.
ia64_ktest_check() {
	local n=$1 name=ia64/ktest-smp$1 log=$LOGDIR/ia64-ktest-smp$1.log status
	selected "$name" || return 0
	timeout 400 "$BUILD/ia64sim" -smp "$n" -m 512 --max-insns 20000000000 \
		"$BUILD/ia64/tern.elf" -- ktest=all panic=-1 2>&1 < /dev/null |
		tr -d '\r' > "$log"
	if grep -q '^FAIL ' "$log"; then
		fail "$name" "$(grep -c '^FAIL ' "$log") ktests failed, first: $(grep -m1 '^FAIL ' "$log")" "$log"
	elif ! grep -qE '^ktest: [0-9]+ passed, 0 failed$' "$log"; then
		fail "$name" "the ktests did not finish with a summary (a panic, a hang, or the simulator stopped the kernel)" "$log"
	else
		pass "$name"
	fi
}
# Every ktest at 1, 4 and 32 CPUs; 16 only in make test-big (BIG=1): each
# simulated CPU costs the simulator's one host thread, and 16 adds two
# minutes to make test for little that 4 and 32 do not show.
ia64_sizes="1 4 32"
[ "${BIG:-0}" = 1 ] && ia64_sizes="1 4 16 32"
for n in $ia64_sizes; do
	ia64_ktest_check "$n"
done
# ia64/ap-does-not-start: `ap_stall=2` plays a CPU that never finishes
# starting; after its 2 s the boot CPU names it and goes on with the rest.
if selected ia64/ap-does-not-start; then
	log=$LOGDIR/ia64-ap-stall.log
	timeout 60 "$BUILD/ia64sim" -smp 4 -m 512 "$BUILD/ia64/tern.elf" \
		-- ap_stall=2 poweroff 2>&1 < /dev/null | tr -d '\r' > "$log"
	if ! grep -q '^smp: cpu 2 (sapic id 2 eid 0) did not start$' "$log"; then
		fail ia64/ap-does-not-start "expected 'smp: cpu 2 (sapic id 2 eid 0) did not start'" "$log"
	elif ! grep -q '^smp: online 3/4$' "$log" || ! grep -q '^poweroff:' "$log"; then
		fail ia64/ap-does-not-start "expected the boot to go on with 3 of 4 CPUs to the power-off" "$log"
	else
		pass ia64/ap-does-not-start
	fi
fi

# ia64/monitor: the shell on the UART, typed from stdin: `ps` at -smp 32
# shows each migration thread on its own CPU, and `poweroff` ends the run.
if selected ia64/monitor; then
	log=$LOGDIR/ia64-monitor.log
	printf 'ps\npoweroff\n' | timeout 60 "$BUILD/ia64sim" -smp 32 -m 512 \
		"$BUILD/ia64/tern.elf" 2>&1 | tr -d '\r' > "$log"
	if ! grep -qE '^ +[0-9]+ +migration/31 +S .* 31 +31 ' "$log"; then
		fail ia64/monitor "expected 'ps' to show migration/31 sleeping on cpu 31 (bound to 31)" "$log"
	elif ! grep -q '^poweroff: asked at the monitor' "$log"; then
		fail ia64/monitor "expected 'poweroff' typed at the prompt to end the run" "$log"
	else
		pass ia64/monitor
	fi
fi

# ia64/museum-migration-irq: the 2002 deadlock on its home architecture.
# With bug=migration-irq the migration thread takes runqueue locks with
# interrupts on; the lock validator names the two sites, and the timer's
# scheduler_tick() then wants a runqueue lock while the migrate_one() it
# interrupted holds one: its own CPU's (the spinlock's check panics:
# recursion) or another's (the validator reports the order broken) -
# which of the two depends on the seed and on where the code lies.
# Either report's backtrace walks the register stacks from
# scheduler_tick through the interrupt into the migration thread's
# migrate_one.  Under one seed it happens at
# the same instruction twice: the two consoles are the same to the byte.
if selected ia64/museum-migration-irq; then
	for run in a b; do
		timeout 60 "$BUILD/ia64sim" -smp 4 -m 512 --seed 1 --max-insns 300000000 \
			"$BUILD/ia64/tern.elf" -- bug=migration-irq panic=-1 \
			2>&1 < /dev/null | tr -d '\r' > "$LOGDIR/ia64-museum-$run.log"
	done
	log=$LOGDIR/ia64-museum-a.log
	if ! grep -q "^LOCKCHECK: lock class 'runqueue' is taken in interrupt handlers and with interrupts on" "$log" ||
		! grep -q 'in an interrupt handler, first at scheduler_tick+' "$log" ||
		! grep -q 'with interrupts on, first at migrate_one+' "$log"; then
		fail ia64/museum-migration-irq "expected the lock validator to name scheduler_tick and migrate_one for the runqueue lock" "$log"
	elif ! grep -qE '^PANIC: spinlock runqueue: recursion \(this CPU already holds it\) at scheduler_tick\+.*taken at migrate_one\+' "$log" &&
		! { grep -qE "^LOCKCHECK: 'runqueue' locks taken out of order" "$log" &&
			grep -qE '^  holding #[0-9]+, taken at migrate_one\+' "$log" &&
			grep -qE '^  taking #[0-9]+ at scheduler_tick\+' "$log"; }; then
		fail ia64/museum-migration-irq "expected the deadlock to be caught: scheduler_tick, in the timer interrupt, wanting a runqueue lock while migrate_one holds one on the same CPU (its own: a recursion panic; another CPU's: an out-of-order report)" "$log"
	elif ! tr '\n' ' ' < "$log" |
		grep -qE 'scheduler_tick\+[^ ]* +\[<[0-9a-f]+>\] timer_tick\+.* -- interrupted at: .*migrate_one\+.*migration_thread\+'; then
		fail ia64/museum-migration-irq "expected a backtrace that walks from scheduler_tick through the timer interrupt into migrate_one and migration_thread" "$log"
	elif ! cmp -s "$log" "$LOGDIR/ia64-museum-b.log"; then
		fail ia64/museum-migration-irq "two runs with seed 1 differ: diff $log $LOGDIR/ia64-museum-b.log"
	else
		pass ia64/museum-migration-irq
	fi
fi

# ia64/gdb-museum-replay: the 2002 deadlock stopped in gdb one step before
# it happens (tools/gdb/replay-migration-irq.gdb, docs/ia64.md): with
# `bug=migration-irq lockcheck=off`, the breakpoint fires where
# scheduler_tick(), in the timer interrupt, calls rq_lock() for the
# runqueue its own CPU already holds (taken by migrate_one), and two runs
# with one seed stop at the same CPU, ITC and jiffies.
ia64_replay_run() {
	local port
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	timeout 60 "$BUILD/ia64sim" -smp 4 -m 512 --seed 1 --gdb "$port" "$BUILD/ia64/tern.elf" \
		-- bug=migration-irq lockcheck=off panic=-1 > "$1.console" 2>&1 < /dev/null &
	local simpid=$!
	sleep 0.3
	timeout 50 gdb-multiarch -batch -nx -ex 'set architecture ia64-elf64' \
		-ex "target remote :$port" -ex 'source tools/gdb/tern.py' \
		-x tools/gdb/replay-migration-irq.gdb -ex 'kill' \
		"$BUILD/ia64/tern.elf" > "$1" 2>&1 < /dev/null
	kill "$simpid" 2> /dev/null
	wait "$simpid" 2> /dev/null
}
if selected ia64/gdb-museum-replay; then
	log=$LOGDIR/ia64-gdb-replay-a.log
	ia64_replay_run "$log"
	ia64_replay_run "$LOGDIR/ia64-gdb-replay-b.log"
	stop=$(grep -m1 -E '^cpu [0-9]+, itc [0-9]+, jiffies [0-9]+$' "$log")
	cpu=$(echo "$stop" | sed -E 's/^cpu ([0-9]+),.*/\1/')
	if [ -z "$stop" ]; then
		fail ia64/gdb-museum-replay "expected gdb to stop at the breakpoint and print 'cpu N, itc T, jiffies J'" "$log"
	elif ! grep -qE '^#1 .* in scheduler_tick \(\)' "$log" || ! grep -qE '^#2 .* in timer_tick \(\)' "$log"; then
		fail ia64/gdb-museum-replay "expected the stop in rq_lock called by scheduler_tick from timer_tick (the timer interrupt)" "$log"
	elif ! grep -qE "^runqueues\[$cpu\]\.lock +\"runqueue\" +held by cpu $cpu, taken at migrate_one\+" "$log"; then
		fail ia64/gdb-museum-replay "expected 'tern locks' to show runqueue $cpu's lock held by cpu $cpu itself, taken in migrate_one" "$log"
	elif ! grep -qE '^trace: begin cpus=4 ' "$log" || ! grep -qE "^[0-9]+ $cpu migq_serve task=[0-9]+:" "$log"; then
		fail ia64/gdb-museum-replay "expected 'tern trace 6' to show each CPU's last events, cpu $cpu's with the migration request it was serving" "$log"
	elif ! grep -qxF "$stop" "$LOGDIR/ia64-gdb-replay-b.log"; then
		fail ia64/gdb-museum-replay "two runs with seed 1 stopped at different moments: '$stop' and '$(grep -m1 -E '^cpu [0-9]+, itc' "$LOGDIR/ia64-gdb-replay-b.log")'" "$log"
	else
		pass ia64/gdb-museum-replay
	fi
fi

# ia64/gdb-tern-ps, ia64/gdb-tern-bt: gdb-multiarch on the simulator's
# stub with Tern's helpers, at the monitor's start on 4 CPUs: `tern ps`
# shows each migration thread sleeping on its own CPU, bound to it, and
# `tern bt migration/2` walks that switched-out thread's register stack
# from its switch frame through schedule() into migration_thread().
if selected ia64/gdb-tern-ps || selected ia64/gdb-tern-bt; then
	log=$LOGDIR/ia64-gdb-tern.log
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	timeout 60 "$BUILD/ia64sim" -smp 4 -m 512 --gdb "$port" "$BUILD/ia64/tern.elf" \
		-- panic=-1 > "$log.console" 2>&1 < /dev/null &
	simpid=$!
	sleep 0.3
	timeout 50 gdb-multiarch -batch -nx -ex 'set architecture ia64-elf64' \
		-ex "target remote :$port" -ex 'source tools/gdb/tern.py' \
		-ex 'break monitor_run' -ex 'continue' -ex 'tern ps' \
		-ex 'tern bt migration/2' -ex 'kill' \
		"$BUILD/ia64/tern.elf" > "$log" 2>&1 < /dev/null
	kill "$simpid" 2> /dev/null
	wait "$simpid" 2> /dev/null
	missing=
	for c in 0 1 2 3; do
		grep -qE "^ +[0-9]+ +migration/$c +S +FIFO +[0-9]+ +[0-9]+ +[0-9-]+ +$c +$c " "$log" ||
			missing="$missing migration/$c"
	done
	if ! selected ia64/gdb-tern-ps; then
		:
	elif [ -n "$missing" ]; then
		fail ia64/gdb-tern-ps "expected 'tern ps' to show each migration thread sleeping on its own CPU; not so for:$missing" "$log"
	else
		pass ia64/gdb-tern-ps
	fi
	if ! selected ia64/gdb-tern-bt; then
		:
	elif ! grep -qE '^#0 +0x[0-9a-f]+ in schedule \(\)' "$log" ||
		! grep -qE '^#1 +0x[0-9a-f]+ in migration_thread \(\)' "$log"; then
		fail ia64/gdb-tern-bt "expected 'tern bt migration/2' to show #0 schedule () and #1 migration_thread ()" "$log"
	else
		pass ia64/gdb-tern-bt
	fi
fi

if selected ia64/deterministic; then
	for run in a b; do
		timeout 60 "$BUILD/ia64sim" -smp 32 --seed 5 -m 512 "$BUILD/ia64/tern.elf" \
			-- poweroff > "$LOGDIR/ia64-seed5-$run.log" 2>&1 < /dev/null
	done
	if ! grep -q 'migration: home 32/32' "$LOGDIR/ia64-seed5-a.log"; then
		fail ia64/deterministic "the boot with seed 5 did not reach 'migration: home 32/32'" "$LOGDIR/ia64-seed5-a.log"
	elif ! cmp -s "$LOGDIR/ia64-seed5-a.log" "$LOGDIR/ia64-seed5-b.log"; then
		fail ia64/deterministic "two boots with seed 5 printed different consoles: diff $LOGDIR/ia64-seed5-a.log $LOGDIR/ia64-seed5-b.log"
	else
		pass ia64/deterministic
	fi
fi

# --- The labs (docs/labs/, tools/lab.sh) on a scratch copy of the tree ----------
if selected lab/; then
	tools/labs/test-labs.sh "$LOGDIR" > "$LOGDIR/labs.log" 2>&1
	while IFS= read -r line; do
		case $line in
		"PASS "*) pass "${line#PASS }" ;;
		"FAIL "*) rest=${line#FAIL }; fail "${rest%%:*}" "${rest#*: }" ;;
		esac
	done < "$LOGDIR/labs.log"
	grep -q '^PASS lab/' "$LOGDIR/labs.log" || fail lab/all "tools/labs/test-labs.sh ran no lab" "$LOGDIR/labs.log"
fi
# docs/reading.md still gives every source file a place, and names no file
# that is gone (tools/docs/check-reading.sh).
if selected docs/reading; then
	if why=$(tools/docs/check-reading.sh); then
		pass docs/reading
	else
		fail docs/reading "$(echo "$why" | head -5 | tr '\n' ';')"
	fi
fi
# docs/refs: every file:line citation in README.md and docs/ points at lines
# that exist, and at the function it names (tools/docs/check-refs.py; the
# convention is at its top and in docs/sched.md).
if selected docs/refs; then
	log=$LOGDIR/docs-refs.log
	if python3 tools/docs/check-refs.py > "$log" 2>&1; then
		pass docs/refs
	else
		fail docs/refs "$(grep -c '' "$log") problems with the docs' citations of the code (tools/docs/check-refs.py --fix updates those it can; $log): $(awk 'NR > 1 { printf "; " } { printf "%s", $0 }' "$log")"
	fi
fi

# The host side of make run, make iso and TESTS= with awkward input
# (tools/test-make.sh).
if selected make/; then
	while IFS= read -r line; do
		case $line in
		"PASS "*) selected "${line#PASS }" && pass "${line#PASS }" ;;
		"FAIL "*) rest=${line#FAIL }; selected "${rest%%:*}" && fail "${rest%%:*}" "${rest#*: }" ;;
		esac
	done < <(tools/test-make.sh "$LOGDIR")
fi

# make grade-class on a made-up class of three (tools/labs/test-grade-class.sh).
if selected lab/grade-class; then
	line=$(tools/labs/test-grade-class.sh "$LOGDIR")
	case $line in
	"PASS "*) pass "${line#PASS }" ;;
	*) rest=${line#FAIL }; fail lab/grade-class "${rest#*: }" ;;
	esac
fi

# --- gdb ----------------------------------------------------------------------
# gdb_check NAME LOG COMMAND...: the command prints why it failed, or nothing.
gdb_check() {
	local name=$1 log=$2
	shift 2
	selected "$name" || return 0
	local why
	if why=$("$@"); then
		pass "$name"
	else
		fail "$name" "$why" "$log"
	fi
}
# The helpers, as a student uses them (tools/gdb/test-gdb.sh).
gdb_check gdb/session "$LOGDIR/gdb.log" tools/gdb/test-gdb.sh "$KERNEL" "$LOGDIR/gdb.log"
# A post-mortem: the 2002 deadlock hangs 4 CPUs, the watchdog panics, and
# gdb reads the last events of each CPU from the trace rings.
gdb_check gdb/tern-trace-post-mortem "$LOGDIR/gdb-trace.log" tools/gdb/test-trace.sh "$KERNEL" "$LOGDIR/gdb-trace.log"
# Stepping never breaks the kernel: 350 step/next/stepi/finish at seven
# places, other CPUs running hogs; then Ctrl-C three times.
for n in 4 32; do
	gdb_check "gdb/step-smp$n" "$LOGDIR/gdb-step-smp$n.log" \
		tools/gdb/test-step.sh "$KERNEL" "$n" "$LOGDIR/gdb-step-smp$n.log"
done
# `make gdb` on a terminal: Ctrl-C stops the kernel and kills nothing.
gdb_check gdb/make-gdb-ctrl-c "$LOGDIR/gdb-ctrl-c.log" tools/gdb/test-ctrlc.sh "$LOGDIR/gdb-ctrl-c.log"
# Lab 8's hunt: the museum's 2002 deadlock, found with tern locks and bt
# (docs/labs/lab8.md).
gdb_check gdb/lab8-deadlock "$LOGDIR/gdb-lab8.log" tools/gdb/test-lab8.sh "$KERNEL" "$LOGDIR/gdb-lab8.log"

# --- fuzzers -------------------------------------------------------------------
# Each parser's libFuzzer program (tests/fuzz/) for a bounded number of
# inputs from its seed corpus, with a fixed random seed (tools/fuzz.sh
# check): about 20 s in all.  A crash fails, naming the input it saved
# under build/fuzz/.  `make fuzz` runs them for as long as asked.
fuzz_names=()
for t in $(tools/fuzz.sh list); do
	selected "fuzz/$t" && fuzz_names+=("$t")
done
if [ ${#fuzz_names[@]} -gt 0 ]; then
	if ! make --no-print-directory BUILD="$BUILD" fuzz-bin > "$LOGDIR/fuzz-build.log" 2>&1; then
		for t in "${fuzz_names[@]}"; do
			fail "fuzz/$t" "the fuzzers did not build (make fuzz-bin; needs clang and libclang-rt-14-dev)" "$LOGDIR/fuzz-build.log"
		done
	else
		# "PASS fuzz/NAME (runs, coverage)": the numbers go to the log.
		BUILD="$BUILD" tools/fuzz.sh check "${fuzz_names[@]}" > "$LOGDIR/fuzz-check.log"
		while IFS= read -r line; do
			case $line in
			"PASS "*) rest=${line#PASS }; pass "${rest%% *}" ;;
			"FAIL "*) rest=${line#FAIL }
				fail "${rest%%:*}" "${rest#*: }" ;;
			esac
		done < "$LOGDIR/fuzz-check.log"
	fi
fi

# --- crafted firmware tables (fwtest=, docs/firmware.md) ------------------
# QEMU's own ACPI tables are always good, so the kernel builds broken ones
# (arch/x86/fw_crafted.c) and reads them instead: each flaw is reported by
# table and kind, the kernel falls back as for real firmware, and boots.
# fwtest=all reads every set in one boot, then the good one.
A='0x[0-9a-f]+'
boot_check fwtest-all 0 30 \
	--expect "^acpi: RSDP at $A: checksum is wrong \(sum 0x01\), ignored" \
	--expect "^acpi: RSDT at $A: checksum is wrong \(sum 0x01\), ignored" \
	--expect "^acpi: XSDT at $A: checksum is wrong \(sum 0x01\), ignored" \
	--expect '^acpi: using the RSDT instead of the XSDT' \
	--expect "^acpi: MADT at $A: checksum is wrong \(sum 0x01\), ignored" \
	--expect "^acpi: MADT at $A: entry at offset 92 has length 6 with 4 bytes left; the rest of the table is ignored" \
	--expect "^acpi: MADT at $A: length 40 is out of range \(44\.\.1048575\), ignored" \
	--expect "^acpi: MADT at $A: length 2097152 is out of range \(44\.\.1048575\), ignored" \
	--expect "^acpi: MADT at $A: entry at offset 92 has length 0 with 8 bytes left; the rest of the table is ignored" \
	--expect '^acpi: MADT lists APIC ID 1 twice; the second entry is ignored' \
	--expect "^acpi: MADT at $A lists 264 enabled CPUs, more than NR_CPUS=256; the rest stay off" \
	--expect "^acpi: MADT at $A lists no IOAPIC" \
	--expect '^platform: MP table: ' \
	--expect "^fwtest: table set 'good'" \
	--expect '^platform: ACPI: 2 CPUs \(0 disabled\), 1 IOAPIC at 0xfec00000' \
	--expect '^smp: online 2/2' --expect 'boot: ready in [0-9]+ ms' \
	--refuse 'PANIC|LOCKCHECK|WATCHDOG' \
	-- "${QEMU_COMMON[@]}" -smp 2 "${K[@]}" -append "fwtest=all poweroff"
boot_check fwtest-duplicate-apic-ids 0 30 \
	--expect '^acpi: MADT lists APIC ID 1 twice; the second entry is ignored' \
	--expect '^smp: online 2/2' --expect 'boot: ready in [0-9]+ ms' \
	--refuse 'did not start|PANIC' \
	-- "${QEMU_COMMON[@]}" -smp 2 "${K[@]}" -append "fwtest=duplicate-apic-ids poweroff"
boot_check fwtest-too-many-cpus 0 30 \
	--expect "^acpi: MADT at $A lists 264 enabled CPUs, more than NR_CPUS=256; the rest stay off" \
	--expect '^smp: 8 more CPUs than NR_CPUS=256; they stay off' \
	--expect '^smp: online 2/256' --expect 'boot: ready in [0-9]+ ms' \
	--refuse 'did not start|PANIC' \
	-- "${QEMU_COMMON[@]}" -smp 2 "${K[@]}" -append "fwtest=too-many-cpus maxcpus=2 poweroff"
boot_check fwtest-no-ioapic 0 30 \
	--expect "^acpi: MADT at $A lists no IOAPIC" \
	--expect '^platform: ACPI: 2 CPUs \(0 disabled\), no IOAPIC' \
	--expect '^ioapic: none in the firmware tables' \
	--expect '^smp: online 2/2' --expect 'boot: ready in [0-9]+ ms' \
	--refuse 'PANIC' \
	-- "${QEMU_COMMON[@]}" -smp 2 "${K[@]}" -append "fwtest=no-ioapic poweroff"

# --- protection: stack protector, SMEP, SMAP, UBSan (docs/protection.md) ---
# Each one tripped on purpose in a boot of its own, with its exact report.
UBSAN_KERNEL=$BUILD/ubsan/tern.elf
# The canary is drawn anew at each boot: from RDRAND with -cpu max, from
# the cycle counter and the CMOS clock on QEMU's default CPU (no RDRAND);
# three boots, three different canaries, none 0.
if selected boot/stack-canary-per-boot; then
	canaries=() why=
	for cpu in max qemu64 qemu64; do
		log="$LOGDIR/boot-stack-canary-$cpu-${#canaries[@]}.log"
		tools/qemu-run --timeout 20 --log "$log" "${S1[@]}" -cpu "$cpu" "${K[@]}" \
			-append "ktest=stack_protector_canary_set panic=-1"
		status=$?
		want='stack-protector: canary from the cycle counter and the CMOS clock \(no RDRAND\)'
		[ "$cpu" = max ] && want='stack-protector: canary from RDRAND'
		c=$(grep -aoE 'ktest: stack canary 0x[0-9a-f]+' "$log" | head -n1)
		if [ "$status" != 0 ] || ! grep -qa '^PASS stack_protector_canary_set' "$log"; then
			why="the boot with -cpu $cpu did not pass stack_protector_canary_set (qemu-run status $status)"
		elif ! grep -qaE "^$want" "$log"; then
			why="the boot with -cpu $cpu did not say '$want'"
		elif [ -z "$c" ]; then
			why="the boot with -cpu $cpu printed no 'ktest: stack canary' line"
		fi
		[ -n "$why" ] && break
		canaries+=("${c##* }")
	done
	if [ -z "$why" ] && [ "$(printf '%s\n' "${canaries[@]}" | sort -u | wc -l)" != 3 ]; then
		why="two boots drew the same canary: ${canaries[*]}"
	fi
	if [ -n "$why" ]; then
		fail boot/stack-canary-per-boot "$why" "$log"
	else
		pass boot/stack-canary-per-boot
	fi
fi
boot_check stack-protector-trips 1 20 \
	--expect '^PANIC: stack-protector: the canary of stack_overrun_victim\(\) was overwritten \(checked at stack_overrun_victim\+0x[0-9a-f]+\): its stack frame was overrun' \
	--expect '\] stack_overrun_victim\+0x[0-9a-f]+/' --expect '\] ktest_fn_stack_protector_trips\+' \
	-- "${S1[@]}" "${K[@]}" -append "ktest=stack_protector_trips panic=-1"
boot_check smep-trips 1 20 --expect 'cpu: SMEP on, SMAP on' \
	--expect '^ktest: calling the user page at 0x8000000000' \
	--expect '^exception #PF page fault \(vector 14\) on cpu 0, error code 0x11[[:space:]]*$' \
	--expect '^RIP 0000008000000000 \?' \
	--expect '^CR2 0000008000000000 \(the address touched: protection violation, read, instruction fetch\)' \
	--expect '^PANIC: #PF page fault in \?' \
	-- "${S1[@]}" -cpu max "${K[@]}" -append "ktest=smep_trips panic=-1"
boot_check smap-trips 1 20 --expect 'cpu: SMEP on, SMAP on' \
	--expect '^ktest: reading the user page at 0x8000000000' \
	--expect '^exception #PF page fault \(vector 14\) on cpu 0, error code 0x1[[:space:]]*$' \
	--expect '^RIP [0-9a-f]{16} ktest_fn_smap_trips\+' \
	--expect '^CR2 0000008000000000 \(the address touched: protection violation, read\)' \
	--expect '^PANIC: #PF page fault in ktest_fn_smap_trips\+' \
	-- "${S1[@]}" -cpu max "${K[@]}" -append "ktest=smap_trips panic=-1"
boot_check ubsan-option-without-ubsan 0 20 \
	--expect 'ubsan=panic: this kernel is built without UBSan' \
	--expect 'boot: ready in [0-9]+ ms' \
	-- "${S1[@]}" "${K[@]}" -append "ubsan=panic poweroff"
# The UBSan build (make UBSAN=1, build/ubsan/tern.elf): every test, with
# any report a panic; then four kinds of undefined behaviour, each site
# reported once (ubsan=warn), and the first one a panic (ubsan=panic).
if [ -f "$UBSAN_KERNEL" ]; then
	ktest_run ubsan-smp4 -cpu max -smp 4 -kernel "$UBSAN_KERNEL" -append "ktest=all ubsan=panic panic=-1"
	boot_check ubsan-warn 0 20 \
		--expect '^ubsan: undefined-behaviour checks on; a report warns and goes on \(ubsan=warn\)' \
		--expect "^UBSAN: signed integer overflow in kernel/ubsan_ktest\.c:[0-9]+: 2147483647 \+ 1 cannot be represented in type 'int'" \
		--expect "^UBSAN: shift out of bounds in kernel/ubsan_ktest\.c:[0-9]+: 1 << 40: exponent too large for 32-bit type 'int'" \
		--expect "^UBSAN: array index out of bounds in kernel/ubsan_ktest\.c:[0-9]+: index 4 is outside type 'int \[4\]'" \
		--expect "^UBSAN: invalid value in kernel/ubsan_ktest\.c:[0-9]+: load of value 2, which is not a valid '_Bool'" \
		--expect '^PASS ubsan_trips' \
		-- "${S1[@]}" -kernel "$UBSAN_KERNEL" -append "ktest=ubsan_trips panic=-1"
	boot_check ubsan-panic 1 20 \
		--expect "^PANIC: UBSAN: signed integer overflow in kernel/ubsan_ktest\.c:[0-9]+: 2147483647 \+ 1 cannot be represented in type 'int'" \
		--refuse 'shift out of bounds' \
		-- "${S1[@]}" -kernel "$UBSAN_KERNEL" -append "ktest=ubsan_trips ubsan=panic panic=-1"
else
	for name in ktest/ubsan-smp4 boot/ubsan-warn boot/ubsan-panic; do
		selected "$name" && fail "$name" "$UBSAN_KERNEL is missing (make test builds it; or make ubsan)"
	done
fi

if [ -n "$FILTER" ] && [ $((passed + failed)) = 0 ]; then
	echo "TESTS='$FILTER' matches no check (docs/testing.md lists their names; build/test-logs/ has the last run's logs)"
	failed=1
fi
echo "time: $((SECONDS / 60)) min $((SECONDS % 60)) s; what each check took is in $LOGDIR/times.txt"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

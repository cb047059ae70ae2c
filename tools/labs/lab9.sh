#!/usr/bin/env bash
# tools/labs/lab9.sh - grades lab 9 (docs/labs/lab9.md): the boot CPU wakes
# every AP at once with INIT, STARTUP, STARTUP.
#
# Two boots, on 8 and 32 CPUs, each running the ktest
# smpboot_all_aps_at_once (arch/x86/smpboot_ktest.c): it reads the boot
# CPU's own record of what it sent (ap_start_log), so what it says does
# not depend on how fast the emulator ran.  Per boot, two checks: every CPU
# came online, and the sequence was the SDM's, for all APs at once.
set -u
. tools/labs/common.sh

ktest=smpboot_all_aps_at_once
where="hal_smp_boot() in arch/x86/smpboot.c, between the LAB 9 markers"

# The kernel's last line on the console (not qemu-run's note on a time-out).
last_said() {
	tr -d '\r' < "$1" | grep -av '^qemu-run: ' | grep -v '^$' | tail -1 | cut -c 1-160
}

# How a boot ended, for a message.
boot_ended() { # LOG STATUS
	case $2 in
	0 | 1) echo "the kernel powered off" ;;
	124) echo "the boot did not finish in 30 s (is something waiting for an AP that never comes?); the console's last line: '$(last_said "$1")'" ;;
	*) echo "QEMU ended with no verdict from the kernel (a CPU that runs garbage resets the machine); the console's last line: '$(last_said "$1")'" ;;
	esac
}

clean() { tr -d '\r' < "$log"; }

for n in 8 32; do
	log=$logs/lab9-smp$n.log
	boot "$log" 30 "$n" "ktest=$ktest panic=-1"
	status=$?

	if clean | grep -qa "^smp: online $n/$n\$"; then
		pass "lab9/online-smp$n"
	else
		seen=$(clean | grep -a -m1 '^smp: online ' || true)
		stuck=$(clean | grep -ac 'did not start$' || true)
		fail "lab9/online-smp$n" \
			"on $n CPUs, 'smp: online $n/$n': every AP runs the trampoline and reaches ap_main()" \
			"${seen:-no 'smp: online' line} (${stuck:-0} 'did not start' lines); $(boot_ended "$log" "$status")" \
			"$where: does every AP get an INIT, and then a STARTUP? (docs/smp.md section 3)"
	fi

	if clean | grep -qa "^PASS $ktest\$"; then
		pass "lab9/sequence-smp$n"
	else
		why=$(clean | grep -a -m1 "^FAIL $ktest: " | sed "s/^FAIL $ktest: //; s/ ([^)]*:[0-9]*)\$//")
		fail "lab9/sequence-smp$n" \
			"on $n CPUs, for each AP: INIT, at least 10 ms, STARTUP, and if it is not yet running, 200 us later a second STARTUP - and all $((n - 1)) APs in flight (sent INIT, not yet online) at once" \
			"${why:-the ktest $ktest did not report: $(boot_ended "$log" "$status")}" \
			"$where; the checks are in arch/x86/smpboot_ktest.c"
	fi
done

verdict 9

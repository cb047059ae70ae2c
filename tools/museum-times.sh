#!/usr/bin/env bash
# tools/museum-times.sh [KERNEL] - how long each exhibit of the bug museum
# takes to be caught, at -smp 4 and -smp 32 (docs/museum.md, "Numbers").
#
# Boots each exhibit once per size and reads the time the kernel itself
# prints: "seen N ms after boot" (a LOCKCHECK: report) or "watchdog:
# found N ms after boot" (a WATCHDOG: report, whose printing then takes
# a while more: every stuck CPU prints its part in turn).  watchdog=2: a deadlock
# is reported 2 s after it happens, a hung task 4 s after it went to sleep.
# A measurement, not a test: the numbers vary from run to run.
set -u
cd "$(dirname "$0")/.."
KERNEL=${1:-build/tern.elf}
log=$(mktemp /tmp/tern-museum.XXXXXX)
trap 'rm -f "$log"' EXIT

# catch SMP APPEND: the first "N ms after boot" of a report, or "-".
catch() {
	tools/qemu-run --timeout 60 --until 'ms after boot' --log "$log" \
		-accel tcg,thread=multi -m 512M -smp "$1" -kernel "$KERNEL" \
		-append "$2 panic=-1" >/dev/null 2>&1
	local ms
	ms=$(tr -d '\r' < "$log" | sed -n 's/.* \([0-9]*\) ms after boot.*/\1/p' | head -1)
	echo "${ms:--}"
}

echo "| exhibit | caught by | -smp 4 (ms after boot) | -smp 32 (ms after boot) |"
echo "|---|---|---:|---:|"
while IFS='|' read -r what by args; do
	echo "| $what | $by | $(catch 4 "$args") | $(catch 32 "$args") |"
done <<'LIST'
migration-irq|LOCKCHECK:|bug=migration-irq
migration-irq, lockcheck=off|WATCHDOG: hard lockup|bug=migration-irq lockcheck=off watchdog=2
migration-init-balancer noloadbalance|WATCHDOG: hung task|bug=migration-init-balancer noloadbalance watchdog=2
abba|LOCKCHECK: possible ABBA|bug=abba
abba, lockcheck=off|WATCHDOG: hard lockup|bug=abba lockcheck=off watchdog=2
lost-wakeup|WATCHDOG: hung task|bug=lost-wakeup watchdog=2
rq-order|LOCKCHECK: out of order|bug=rq-order
rq-order, lockcheck=off|WATCHDOG: hard lockup|bug=rq-order lockcheck=off watchdog=2
LIST

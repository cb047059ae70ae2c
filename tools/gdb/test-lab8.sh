#!/usr/bin/env bash
# tools/gdb/test-lab8.sh ELF LOG - lab 8's hunt (docs/labs/lab8.md) finds
# what the handout promises.
#
# Boots ELF as the handout's `make gdb` does - 4 CPUs, the museum's 2002
# deadlock with both alarms off (bug=migration-irq lockcheck=off
# watchdog=0) - and then, as the student does: `c`, Ctrl-C once the
# kernel hangs, `tern locks`, `thread N`, `bt`, and `tern cpus` twice
# around a `c` (step 2: the hung CPU's ticks stop).  `tern locks` must name
# a CPU that waits for a runqueue lock it holds itself, taken in
# migrate_one() - in its table, and by CPU from spin_held[]; its backtrace
# must show it waiting inside an interrupt handler (scheduler_tick, or a
# wake-up from the timers), and below the interrupt, migrate_one().  Prints
# why and exits 1 otherwise.
set -u
elf=$1
log=$2
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/tern-lab8.XXXXXX)
. "$here/qemu-gdb.sh"
trap 'qemu_gdb_stop; rm -rf "$dir"' EXIT
fail() { echo "$1 (see $log)"; exit 1; }

qemu_gdb_start "$dir" "$elf" "bug=migration-irq lockcheck=off watchdog=0" \
	-accel tcg,thread=multi -smp 4 -m 512M -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial "file:$log.serial" || exit 1
# Both alarms are off: any report at all means the run has failed already.
qemu_gdb_fail_fast "$log.serial" '^(PANIC|LOCKCHECK|WATCHDOG):'
timeout 120 gdb -q -batch -nx "$elf" \
	-x "$here/tern.gdb" -ex "source $here/tern.py" \
	-ex "target remote $dir/gdb.sock" \
	-x "$here/testlib.py" -x "$here/test_lab8.py" > "$log" 2>&1 < /dev/null

section() { awk -v s="@@ $1" '$0 == s { on = 1; next } /^@@ / { on = 0 } on' "$log"; }
# The hang may come during the storm, or already at boot: the migration
# threads go home through migrate_one() too (the lock-ups at boot of 2002).
grep -qa "smp: online 4/4" "$log.serial" ||
	fail "the kernel did not bring up its 4 CPUs (console: $log.serial)"
grep -qa "bug: exhibit 'migration-irq' is on" "$log.serial" ||
	fail "the kernel did not switch the museum's exhibit migration-irq on (console: $log.serial)"
! grep -qaE '^(LOCKCHECK|WATCHDOG|PANIC):' "$log.serial" ||
	fail "with lockcheck=off watchdog=0 the console must stay silent, but it says '$(grep -aE -m1 '^(LOCKCHECK|WATCHDOG|PANIC):' "$log.serial" | tr -d '\r')'"
grep -q '^@@ nodeadlock' "$log" &&
	fail "after 30 s tern locks named no CPU that waits for a runqueue lock it holds itself"
cpu=$(sed -nE 's/^@@ deadlock cpu ([0-9]+)$/\1/p' "$log")
[ -n "$cpu" ] || fail "the gdb session did not get as far as tern locks"
grep -q '^@@ end$' "$log" || fail "the gdb session did not reach its end"
# Below the interrupt, the code it interrupted: migrate_one, holding the lock.
section bt | awk '/<signal handler called>/ { below = 1; next } below && /migrate_one/ { found = 1 } END { exit !found }' ||
	fail "cpu $cpu's backtrace does not show migrate_one() below the interrupt (<signal handler called>)"
section bt | awk '/trap_dispatch/ { seen = 1 } /<signal handler called>/ { exit !seen }' ||
	fail "cpu $cpu's backtrace does not show it waiting inside an interrupt handler (trap_dispatch above <signal handler called>)"
section bt | awk '/ in (scheduler_tick|try_to_wake_up) / { seen = 1 } /<signal handler called>/ { exit !seen }' ||
	fail "cpu $cpu's backtrace does not show the interrupt asking for the lock in scheduler_tick() (or a wake-up)"
# The lock it waits for: taken in migrate_one, or won in spin_lock just
# before the interrupt came (too soon for the holder to be written down).
section locks | grep -qE "held by cpu $cpu, taken at migrate_one\+|cpu $cpu waits for this very lock, which it holds itself \(it won the lock in spin_lock\(\)" ||
	fail "tern locks does not show cpu $cpu holding a runqueue lock taken in migrate_one()"
# The same, from the CPU's own record (spin_held[]): the runqueue lock it
# spins on, and the 2002 deadlock named in words.
section locks | grep -qE "^  cpu $cpu waits for 'runqueue' #[0-9]+ for about [0-9]+ ms, wanted at [a-z_]+\+0x[0-9a-f]+ " ||
	fail "tern locks, by CPU, does not show cpu $cpu waiting for a runqueue lock"
section locks | grep -qF "  cpu $cpu waits for a lock it holds itself (an interrupt came" ||
	fail "tern locks, by CPU, does not say that cpu $cpu waits for a lock it holds itself, because an interrupt came"
# Step 2: the hung CPU takes no more timer ticks.
t1=$(section cpus1 | awk -v c="$cpu" '$1 == c && $3 ~ /^[0-9]+$/ { print $6 }')
t2=$(section cpus2 | awk -v c="$cpu" '$1 == c && $3 ~ /^[0-9]+$/ { print $6 }')
{ [ -n "$t1" ] && [ "$t1" = "$t2" ]; } ||
	fail "tern cpus: cpu $cpu's ticks went from '$t1' to '$t2' over 2 s of running; a CPU hung in its timer interrupt takes no more"
exit 0

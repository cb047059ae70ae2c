#!/usr/bin/env bash
# tools/gdb/test-lab2.sh LOG - Lab 2's last step (docs/gdb.md) does what
# it says.
#
# Copies the tree, applies docs/labs/lab2-2.5.8-deadlock.patch (the
# migration thread of Linux 2.5.8, which took two runqueue locks with
# interrupts on), builds it, boots it on 4 CPUs with the storm of
# set_cpus_allowed() calls, and then, as the lab tells the student: Ctrl-C
# once the console stops (during the storm, or already at boot), `tern locks`, `thread N`, `bt`.  `tern locks`
# must name a CPU that waits for a runqueue lock it holds itself, taken in
# migrate_one() - in its table, and by CPU from spin_held[]; its backtrace
# must show it waiting inside an interrupt handler, and below the
# interrupt, migrate_one().  Prints why and exits 1
# otherwise.
set -u
log=$1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
patch=docs/labs/lab2-2.5.8-deadlock.patch
dir=$(mktemp -d /tmp/tern-lab2.XXXXXX)
. "$here/qemu-gdb.sh"
trap 'qemu_gdb_stop; rm -rf "$dir"' EXIT
fail() { echo "$1 (see $log)"; exit 1; }

# The tree as it is (tracked files, and new ones not ignored), patched.
(cd "$top" && git ls-files -z --cached --others --exclude-standard |
	tar --null -T - -cf -) | tar -xf - -C "$dir" ||
	fail "could not copy the tree"
mkdir "$dir/src" && (cd "$dir" && find . -mindepth 1 -maxdepth 1 ! -name src -exec mv {} src/ \;)
(cd "$dir/src" && git apply "$patch") > "$log" 2>&1 ||
	fail "$patch no longer applies to the tree: update it (and Lab 2 in docs/gdb.md)"
make -C "$dir/src" -j"$(nproc)" --no-print-directory BUILD="$dir/build" all >> "$log" 2>&1 ||
	fail "the kernel with $patch does not build"

qemu_gdb_start "$dir" "$dir/build/tern.elf" "ktest=sched_set_cpus_allowed_storm lockcheck=off watchdog_panic=0 panic=-1" \
	-accel tcg,thread=multi -smp 4 -m 256M -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial "file:$log.serial" || exit 1
timeout 120 gdb -q -batch -nx "$dir/build/tern.elf" \
	-x "$here/tern.gdb" -ex "source $here/tern.py" \
	-ex "target remote $dir/gdb.sock" \
	-x "$here/testlib.py" -x "$here/test_lab2.py" >> "$log" 2>&1 < /dev/null

section() { awk -v s="@@ $1" '$0 == s { on = 1; next } /^@@ / { on = 0 } on' "$log"; }
# The hang may come during the storm, or already at boot: the migration
# threads go home through migrate_one() too (the lock-ups at boot of 2002).
grep -qa "smp: online 4/4" "$log.serial" ||
	fail "the patched kernel did not bring up its 4 CPUs (console: $log.serial)"
! grep -qaE 'ktest: [0-9]+ passed' "$log.serial" ||
	fail "the storm ktest finished: the patched kernel did not deadlock"
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
exit 0

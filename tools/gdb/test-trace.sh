#!/usr/bin/env bash
# tools/gdb/test-trace.sh ELF LOG - `tern trace` as a post-mortem.
#
# The museum's 2002 deadlock on 4 CPUs, with nothing to catch it early
# (bug=migration-irq lockcheck=off): the CPUs hang for real, the watchdog
# (watchdog=2) reports it and panics.  gdb lets it run 10 s (the panic
# halts the CPUs long before), stops it with Ctrl-C and reads
# the trace rings from memory with `tern trace 30`: the last events of
# every CPU, which tools/trace/tern-trace must accept (the switch chains
# intact, no task on two CPUs at once; a CPU that did nothing but idle
# before the hang may have no lane).  And the last
# events of the migration threads' work must be there: migration requests
# queued and served - the storm's, or, when the hang comes as early as it
# did in 2002, the migration threads' own on their way home.
# Prints the reason and exits 1 when something is not as expected.
set -u
elf=$1
log=$2
here=$(dirname "$0")
qemu=
dir=$(mktemp -d /tmp/tern-gdbtrace.XXXXXX)
. "$here/qemu-gdb.sh"
trap 'qemu_gdb_stop; rm -rf "$dir"' EXIT
qemu_gdb_start "$dir" "$elf" "bug=migration-irq lockcheck=off watchdog=2 panic=0" \
	-accel tcg,thread=multi -smp 4 -m 256M -no-reboot \
	-serial "file:$log.serial" || exit 1
timeout 120 gdb -q -batch -nx "$elf" \
	-x "$here/tern.gdb" \
	-ex "source $here/tern.py" \
	-ex "target remote $dir/gdb.sock" \
	-x "$here/testlib.py" \
	-ex "python cont_for(10)" \
	-ex "echo @@ trace\n" -ex "tern trace 30" \
	-ex "echo @@ end\n" \
	-ex "kill" > "$log" 2>&1 < /dev/null
sed -n '/^@@ trace$/,/^@@ end$/p' "$log" > "$log.trace"
if ! grep -q '^WATCHDOG: hard lockup' "$log.serial"; then
	echo "expected the deadlock and the watchdog's report on the console ($log.serial)"
	exit 1
fi
if ! grep -qE '^trace: begin cpus=4 events=[0-9]+ lost=[0-9]+$' "$log.trace"; then
	echo "expected 'tern trace 30' to print a dump at the panic (trace: begin cpus=4 ...); see $log"
	exit 1
fi
if ! grep -qE '^[0-9]+ [0-9]+ migq_(queue|serve) task=[0-9]+:' "$log.trace"; then
	echo "expected the last events to show the migration requests being served when the CPUs hung (migq_queue/migq_serve)"
	exit 1
fi
# A CPU may have no event at all: when the hang comes during boot, CPUs 2
# and 3 have done nothing yet but idle.  Every other truth must hold.
why=$("$here/../trace/tern-trace" check "$log.trace" --cpus 4 2>&1)
if echo "$why" | grep '^FAIL ' | grep -qv '^FAIL lanes:'; then
	echo "tern-trace check rejects what tern trace printed: $(echo "$why" | grep '^FAIL ' | grep -v '^FAIL lanes:' | head -1)"
	exit 1
fi

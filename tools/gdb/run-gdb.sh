#!/usr/bin/env bash
# tools/gdb/run-gdb.sh ELF CMDLINE QEMU-ARGS... - `make gdb`.
#
# Starts QEMU frozen before the first instruction (-S) with its gdb server
# on a Unix socket of its own (no TCP port to collide with anybody's), then
# gdb with the kernel's symbols, Tern's gdb settings (tools/gdb/tern.gdb)
# and helpers (tools/gdb/tern.py), connected, with a breakpoint on
# kernel_main.  Type `c` to boot.  Quitting gdb stops QEMU (this QEMU only,
# by PID).  The console goes to gdb-serial.log next to ELF.  docs/gdb.md is
# the manual.
#
# Ctrl-C belongs to gdb.  The terminal sends SIGINT to every process of its
# foreground process group: QEMU would die of it ("terminating on signal
# 2"), and make would give up.  So QEMU runs in a session of its own
# (qemu-gdb.sh), and gdb runs as a job of its own (set -m) that the
# terminal hands its keyboard to: only gdb hears Ctrl-C, and turns it into
# "stop the CPUs".
set -u
elf=$1
cmdline=$2
shift 2
here=$(dirname "$0")
serial=$(dirname "$elf")/gdb-serial.log
dir=$(mktemp -d /tmp/tern-gdb.XXXXXX)

. "$here/qemu-gdb.sh"
qemu=
# At the end: stop QEMU if it still runs; if it ended by itself, say why.
finish() {
	if [ -n "$qemu" ] && kill -0 "$qemu" 2>/dev/null; then
		qemu_gdb_stop
	elif [ -s "$dir/qemu.err" ]; then
		echo "gdb: QEMU ended:" >&2
		cat "$dir/qemu.err" >&2
	fi
	rm -rf "$dir"
}
trap finish EXIT
qemu_gdb_start "$dir" "$elf" "$cmdline" "$@" -serial "file:$serial" || exit 1
echo "gdb: QEMU (pid $qemu) is frozen before its first instruction; the console goes to $serial"
echo "gdb: (follow it from another terminal: tail -f $serial)"
[ -t 0 ] && set -m
gdb -q "$elf" \
	-x "$here/tern.gdb" \
	-ex "source $here/tern.py" \
	-ex "target remote $dir/gdb.sock" \
	-ex "hbreak kernel_main" \
	-ex "echo Breakpoint set on kernel_main. Type 'c' to boot, 'tern help' for Tern's commands (docs/gdb.md).\n"

#!/usr/bin/env bash
# tools/gdb/run-gdb.sh ELF CMDLINE QEMU-ARGS... - `make gdb`.
#
# Starts QEMU frozen before the first instruction (-S) with a gdb server on
# a free port, then gdb with the kernel's symbols, connected, the Tern
# helpers loaded (tools/gdb/tern.py) and a breakpoint on kernel_main.
# Type `c` to boot.  Quitting gdb stops QEMU (this QEMU only, by PID).
# The console goes to gdb-serial.log next to ELF.  docs/gdb.md is the manual.
set -u
elf=$1
cmdline=$2
shift 2
port=$(( 20000 + RANDOM % 20000 ))
here=$(dirname "$0")
serial=$(dirname "$elf")/gdb-serial.log

qemu-system-x86_64 "$@" -display none -serial "file:$serial" \
	-kernel "$elf" -append "$cmdline" -gdb "tcp:127.0.0.1:$port" -S &
qemu=$!
trap 'kill $qemu 2>/dev/null' EXIT
echo "gdb: QEMU (pid $qemu) waits on port $port; the console goes to $serial"
echo "gdb: (follow it from another terminal: tail -f $serial)"
sleep 0.3
gdb -q "$elf" \
	-ex "set pagination off" \
	-ex "source $here/tern.py" \
	-ex "target remote 127.0.0.1:$port" \
	-ex "hbreak kernel_main" \
	-ex "echo Breakpoint set on kernel_main. Type 'c' to boot, 'tern help' for Tern's commands (docs/gdb.md).\n"

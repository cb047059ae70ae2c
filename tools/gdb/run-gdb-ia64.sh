#!/bin/sh
# tools/gdb/run-gdb-ia64.sh SIM ELF SMP CMDLINE - `make gdb ARCH=ia64`:
# Tern on the IA-64 simulator, stopped at its first instruction, with
# gdb-multiarch attached through the simulator's gdb stub (--gdb) and
# Tern's helpers loaded (tern ps, tern rq, tern cpus...: docs/gdb.md).
# The console goes to a file next to the kernel.
set -eu
sim=$1
elf=$2
smp=$3
cmdline=$4
here=$(dirname "$0")
console=$(dirname "$elf")/gdb-console.log
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$sim" -smp "$smp" -m 512 --gdb "$port" "$elf" -- $cmdline > "$console" 2>&1 < /dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
echo "gdb: the simulator (pid $pid) waits at the first instruction; the console goes to $console"
sleep 0.3
gdb-multiarch -q "$elf" \
	-ex "set architecture ia64-elf64" \
	-ex "source $here/tern.py" \
	-ex "target remote :$port" \
	-ex "break kernel_main" \
	-ex "echo Breakpoint set on kernel_main. Type 'c' to boot, 'tern help' for Tern's commands (docs/gdb.md).\n"

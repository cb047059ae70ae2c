# tools/gdb/qemu-gdb.sh - sourced by run-gdb.sh and the gdb tests.
#
# qemu_gdb_start DIR ELF CMDLINE QEMU-ARGS...
#   Starts QEMU frozen before its first instruction (-S), its gdb server on
#   the Unix socket DIR/gdb.sock (no TCP port to collide with anybody's),
#   its messages in DIR/qemu.err.  QEMU runs in a session of its own
#   (setsid), so a Ctrl-C typed at the terminal (SIGINT to the terminal's
#   foreground process group) never reaches it: QEMU would die of it.
#   Sets $qemu to its PID and returns once the socket is there; returns 1,
#   saying why, if it never comes.
qemu_gdb_start() {
	local dir=$1 elf=$2 cmdline=$3
	shift 3
	setsid qemu-system-x86_64 "$@" -display none -kernel "$elf" \
		-append "$cmdline" \
		-chardev "socket,id=gdb,path=$dir/gdb.sock,server=on,wait=off" \
		-gdb chardev:gdb -S < /dev/null 2> "$dir/qemu.err" &
	qemu=$!
	local _
	for _ in $(seq 100); do
		[ -S "$dir/gdb.sock" ] && return 0
		kill -0 "$qemu" 2>/dev/null || break
		sleep 0.1
	done
	echo "QEMU did not start its gdb server: $(head -c 300 "$dir/qemu.err")" >&2
	return 1
}

# qemu_gdb_stop: stop that QEMU (this PID only) if it still runs.
qemu_gdb_stop() {
	if [ -n "${qemu_watch:-}" ]; then
		kill "$qemu_watch" 2>/dev/null
		wait "$qemu_watch" 2>/dev/null
		qemu_watch=
	fi
	[ -n "${qemu:-}" ] || return 0
	kill "$qemu" 2>/dev/null
	wait "$qemu" 2>/dev/null
	qemu=
}

# qemu_gdb_fail_fast SERIAL [REGEX]: a watcher that stops that QEMU a second
# after a console line matching REGEX (default: a line starting PANIC: or
# LOCKCHECK:) appears in the file SERIAL.  gdb then sees the connection
# close, its `continue` returns, and the session ends at once instead of
# waiting out its timeout for a breakpoint that a broken kernel never
# reaches.  Only for tests: `make gdb` keeps a panicked kernel for the
# student to look at.  The watcher ends with QEMU; qemu_gdb_stop ends it too.
qemu_gdb_fail_fast() {
	local serial=$1 re=${2:-'^(PANIC|LOCKCHECK):'} pid=$qemu
	(
		while kill -0 "$pid" 2>/dev/null; do
			if grep -qaE "$re" "$serial" 2>/dev/null; then
				sleep 1
				kill "$pid" 2>/dev/null
				exit 0
			fi
			sleep 0.2
		done
	) &
	qemu_watch=$!
}

# qemu_gdb_stopped_why SERIAL: ", and the kernel said 'PANIC: ...'" when
# the console has such a line, for a test's failure message.
qemu_gdb_stopped_why() {
	local line
	line=$(grep -aE -m1 '^(PANIC|LOCKCHECK):' "$1" 2>/dev/null | tr -d '\r')
	[ -n "$line" ] && printf "; the kernel said '%s'" "$line"
	return 0
}

# tools/ia64sim/tests/gdb/check.sh - the gdb stub's tests (--gdb PORT),
# sourced by tools/test.sh (it uses its BUILD, LOGDIR, selected, pass and
# fail).  Each test starts build/ia64sim with --gdb on a free port, runs
# gdb-multiarch -batch with the scripts in this directory against it, and
# checks what gdb printed, the program's output and the simulator's exit
# status.  The program is build/ia64sim-tests/c/gdbtarget.elf
# (tools/ia64sim/tests/c/gdbtarget.c), and rse.elf for the backtrace.  No check depends on timing: the
# waits below only bound how long a broken stub can hang a test.
#
#   ia64sim/gdb/session      registers, break, p $r32, set $r32, x, stepi,
#                            bt, a read where nothing is, the exit status
#   ia64sim/gdb/backtrace    bt and frame N through 301 frames, spilled ones
#   ia64sim/gdb/threads      -smp 4: info threads, thread N, kill
#   ia64sim/gdb/ap-threads   -smp 4, APs woken: breakpoints hit on two CPUs
#   ia64sim/gdb/ctrl-c       a SIGINT to gdb stops the running program
#   ia64sim/gdb/determinism  stops and detach leave the run unchanged

IA64SIM_GDB=tools/ia64sim/tests/gdb
IA64SIM_GDB_ELF=$BUILD/ia64sim-tests/c/gdbtarget.elf

# ia64sim_gdb_wait PID TENTHS: wait up to TENTHS tenths of a second for
# PID (a child) to end; kill it if it has not.  The status is in
# ia64sim_gdb_rc; returns 1 if it had to be killed.
ia64sim_gdb_wait() {
	local pid=$1 n=$2
	while [ "$n" -gt 0 ] && kill -0 "$pid" 2> /dev/null; do
		sleep 0.1
		n=$((n - 1))
	done
	if kill -0 "$pid" 2> /dev/null; then
		kill "$pid" 2> /dev/null
		wait "$pid" 2> /dev/null
		ia64sim_gdb_rc=killed
		return 1
	fi
	wait "$pid"
	ia64sim_gdb_rc=$?
}

# ia64sim_gdb_run LOG ELF SIM-OPTIONS INTERRUPT SCRIPT...: the simulator
# (with SIM-OPTIONS) running ELF and gdb with the SCRIPTs.  With INTERRUPT (a regex), gdb
# gets a SIGINT once the program's output matches it.  Leaves LOG.gdb
# (gdb's output), LOG.out (the program's), LOG.err (the simulator's), the
# simulator's exit status in ia64sim_gdb_status; returns 1 with the reason
# in ia64sim_gdb_why if it could not run.
ia64sim_gdb_run() {
	local log=$1 elf=$2 opts=$3 intr=$4 port simpid gdbpid n s
	shift 4
	local xs=()
	for s in "$@"; do
		xs+=(-x "$IA64SIM_GDB/$s")
	done
	ia64sim_gdb_why=
	ia64sim_gdb_status=
	if ! command -v gdb-multiarch > /dev/null; then
		ia64sim_gdb_why="gdb-multiarch is not installed (apt-get install gdb-multiarch)"
		return 1
	fi
	# a free port: the system picks one; if someone takes it before the
	# simulator binds it, try another
	for _ in 1 2 3 4 5; do
		port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
		# shellcheck disable=SC2086
		"$BUILD/ia64sim" $opts --max-insns 4000000000 --gdb "$port" \
			"$elf" > "$log.out" 2> "$log.err" &
		simpid=$!
		n=100
		while [ "$n" -gt 0 ] && kill -0 "$simpid" 2> /dev/null &&
			! grep -q "waiting for gdb" "$log.err"; do
			sleep 0.1
			n=$((n - 1))
		done
		grep -q "waiting for gdb" "$log.err" && break
		ia64sim_gdb_wait "$simpid" 10
		if ! grep -q "Address already in use" "$log.err"; then
			ia64sim_gdb_why="the simulator did not wait for gdb: $(head -c 300 "$log.err")"
			return 1
		fi
	done
	if ! grep -q "waiting for gdb" "$log.err"; then
		ia64sim_gdb_why="found no free port for the simulator in 5 tries"
		return 1
	fi
	gdb-multiarch -batch -nx -ex 'set architecture ia64-elf64' \
		-ex "target remote 127.0.0.1:$port" "${xs[@]}" \
		"$elf" > "$log.gdb" 2>&1 < /dev/null &
	gdbpid=$!
	if [ -n "$intr" ]; then
		n=300
		while [ "$n" -gt 0 ] && kill -0 "$gdbpid" 2> /dev/null &&
			! grep -qE -- "$intr" "$log.out"; do
			sleep 0.1
			n=$((n - 1))
		done
		kill -INT "$gdbpid" 2> /dev/null
	fi
	if ! ia64sim_gdb_wait "$gdbpid" 600; then
		ia64sim_gdb_wait "$simpid" 1
		ia64sim_gdb_why="gdb was still running after 60 s (killed); see $log.gdb"
		return 1
	fi
	if ! ia64sim_gdb_wait "$simpid" 100; then
		ia64sim_gdb_why="the simulator was still running 10 s after gdb ended (killed); see $log.err"
		return 1
	fi
	ia64sim_gdb_status=$ia64sim_gdb_rc
}

# ia64sim_gdb_shows FILE WHAT REGEX...: every regex is in FILE, or the
# reason in ia64sim_gdb_why (WHAT names the file for it).
ia64sim_gdb_shows() {
	local file=$1 what=$2 re
	shift 2
	for re in "$@"; do
		if ! grep -qE -- "$re" "$file"; then
			ia64sim_gdb_why="expected $what to show '$re', but it did not; see $file"
			return 1
		fi
	done
}

# ia64sim_gdb_exited_7 LOG: the simulator ended with the program's own
# exit status, 7 (gdbtarget.c's), or the reason in ia64sim_gdb_why.
ia64sim_gdb_exited_7() {
	if [ "$ia64sim_gdb_status" != 7 ]; then
		ia64sim_gdb_why="the simulator exited with $ia64sim_gdb_status, not the program's 7; see $1.err"
		return 1
	fi
}

# The next PC after one slot (no branch, no L slot): ip | slot.
ia64sim_gdb_next_slot() {
	local pc=$(($1))
	if [ $((pc & 15)) -lt 2 ]; then
		printf '%#x' $((pc + 1))
	else
		printf '%#x' $(((pc & ~15) + 16))
	fi
}

ia64sim_gdb_session() {
	local log=$LOGDIR/ia64sim-gdb-session pc0 pc1 pc2 pc3
	ia64sim_gdb_run "$log" "$IA64SIM_GDB_ELF" "" "" session.gdb badmem.gdb end.gdb || return 1
	ia64sim_gdb_shows "$log.gdb" "gdb's output" \
		'^ip +0x100000 ' '^psr +0x[0-9a-f]+ ' '^cfm +0x0 ' '^pr +0x1 ' \
		'^bsp +0x[0-9a-f]+ ' '^bspstore +0x[0-9a-f]+ ' \
		'^(Thread 1 hit )?Breakpoint 1, 0x[0-9a-f]+ in weigh \(\)' \
		'^r32=11 r33=22 r34=33 sof=3$' '^r32 now 12$' \
		'^0x[0-9a-f]+ <spin_limit>:[[:space:]]+0x00000000000003e8' \
		'^#0 +0x[0-9a-f]+ in weigh \(\)' '^#1 +0x[0-9a-f]+ in nest \(\)' \
		'^#2 +0x[0-9a-f]+ in nest \(\)' '^#3 +0x[0-9a-f]+ in nest \(\)' \
		'^#4 +0x[0-9a-f]+ in main \(\)' \
		'Cannot access memory at address 0x7000000000' '^alive at 0x' \
		'exited with code 07\]' || return 1
	pc0=$(sed -n 's/^pc0=//p' "$log.gdb")
	pc1=$(sed -n 's/^pc1=//p' "$log.gdb")
	pc2=$(sed -n 's/^pc2=//p' "$log.gdb")
	pc3=$(sed -n 's/^pc3=//p' "$log.gdb")
	if [ -z "$pc0" ] || [ "$(ia64sim_gdb_next_slot "$pc0")" != "$pc1" ] ||
		[ "$(ia64sim_gdb_next_slot "$pc1")" != "$pc2" ] ||
		[ "$(ia64sim_gdb_next_slot "$pc2")" != "$pc3" ]; then
		ia64sim_gdb_why="stepi did not advance the PC (ip | slot) one slot at a time: ${pc0:-?} ${pc1:-?} ${pc2:-?} ${pc3:-?}"
		return 1
	fi
	# weigh(12, 22, 33), after set $r32 = 12: 36 + 110 + 231
	ia64sim_gdb_shows "$log.out" "the program's output" '^weigh = 377$' ||
		return 1
	ia64sim_gdb_exited_7 "$log"
}

ia64sim_gdb_threads() {
	local log=$LOGDIR/ia64sim-gdb-threads
	ia64sim_gdb_run "$log" "$IA64SIM_GDB_ELF" "-smp 4" "" threads.gdb || return 1
	ia64sim_gdb_shows "$log.gdb" "gdb's output" \
		'^\* 1 +Thread 1 \(CPU 0, running\) +0x0+100000 in _start' \
		'^  2 +Thread 2 \(CPU 1, parked in the firmware\)' \
		'^  3 +Thread 3 \(CPU 2, parked in the firmware\)' \
		'^  4 +Thread 4 \(CPU 3, parked in the firmware\)' \
		'Switching to thread 3 \(Thread 3\)' '^thread 3 pc=0$' \
		'^thread 1 pc=0x100000$' '\[Inferior 1 \(Remote target\) killed\]' ||
		return 1
	if grep -qE '^ +5 +Thread' "$log.gdb"; then
		ia64sim_gdb_why="gdb lists a fifth thread for 4 CPUs; see $log.gdb"
		return 1
	fi
	ia64sim_gdb_shows "$log.err" "the simulator's report" \
		'killed by the debugger' || return 1
	if [ "$ia64sim_gdb_status" != 125 ]; then
		ia64sim_gdb_why="after kill the simulator exited with $ia64sim_gdb_status, not 125; see $log.err"
		return 1
	fi
}

# Threads of CPUs that run: each stop in ap_main is on a CPU whose id
# (its thread number - 1) is ap_main's argument, $r32.
ia64sim_gdb_ap_threads() {
	local log=$LOGDIR/ia64sim-gdb-ap-threads n r32 stops=0
	ia64sim_gdb_run "$log" "$BUILD/ia64sim-tests/smp/fetchadd.elf" "-smp 4" "" \
		ap-threads.gdb || return 1
	ia64sim_gdb_shows "$log.gdb" "gdb's output" \
		'Thread [234] hit Breakpoint 1, .* in ap_main' \
		'^  1 +Thread 1 \(CPU 0, running\)' \
		'\[Inferior 1 \(Remote target\) exited normally\]' || return 1
	while read -r n r32; do
		stops=$((stops + 1))
		if [ "$r32" != $((n - 1)) ]; then
			ia64sim_gdb_why="thread $n stopped in ap_main with r32 = $r32, not its CPU id $((n - 1)); see $log.gdb"
			return 1
		fi
	done < <(sed -nE 's/^thread ([0-9]+) r32=([0-9]+)$/\1 \2/p' "$log.gdb")
	if [ "$stops" != 2 ]; then
		ia64sim_gdb_why="expected two stops in ap_main, gdb printed $stops; see $log.gdb"
		return 1
	fi
	ia64sim_gdb_shows "$log.out" "the program's output" '^counter: 80000$' ||
		return 1
}

ia64sim_gdb_ctrl_c() {
	local log=$LOGDIR/ia64sim-gdb-ctrl-c
	ia64sim_gdb_run "$log" "$IA64SIM_GDB_ELF" "" '^weigh = ' ctrl-c.gdb || return 1
	ia64sim_gdb_shows "$log.gdb" "gdb's output" \
		'received signal SIGINT' '^interrupted at 0x' \
		'exited with code 07\]' || return 1
	ia64sim_gdb_shows "$log.out" "the program's output" '^spin = 0x' ||
		return 1
	ia64sim_gdb_exited_7 "$log"
}

ia64sim_gdb_determinism() {
	local log=$LOGDIR/ia64sim-gdb-determinism plain st
	ia64sim_gdb_run "$log" "$IA64SIM_GDB_ELF" "-smp 2 --seed 5 --hash" "" determinism.gdb ||
		return 1
	ia64sim_gdb_shows "$log.gdb" "gdb's output" \
		'^(Thread 1 hit )?Breakpoint 1, 0x[0-9a-f]+ in weigh \(\)' \
		'^mid-bundle at 0x[0-9a-f]+2$' '^(Thread 1 hit )?Breakpoint 2, 0x[0-9a-f]+ in spin' \
		'\[Inferior 1 \(Remote target\) detached\]' || return 1
	plain=$("$BUILD/ia64sim" -smp 2 --seed 5 --hash --max-insns 4000000000 \
		"$IA64SIM_GDB_ELF" 2>&1 > "$log.plain-out")
	st=$?
	if [ "$st" != "$ia64sim_gdb_status" ] ||
		! cmp -s "$log.out" "$log.plain-out" ||
		[ "$(grep -E 'state|instructions' <<< "$plain")" != \
			"$(grep -E 'state|instructions' "$log.err")" ]; then
		ia64sim_gdb_why="the run with gdb's stops ended differently from the plain run (status $ia64sim_gdb_status vs $st; $(grep -E 'state|instructions' "$log.err" | tr '\n' ' ')vs $(grep -E 'state|instructions' <<< "$plain" | tr '\n' ' ')); see $log.err"
		return 1
	fi
}

# rse.S: sum() 300 calls deep, most frames spilled by the register stack
# engine: gdb unwinds through them all and reads each frame's r32.
ia64sim_gdb_backtrace() {
	local log=$LOGDIR/ia64sim-gdb-backtrace
	ia64sim_gdb_run "$log" "$BUILD/ia64sim-tests/rse.elf" "" "" \
		backtrace.gdb || return 1
	ia64sim_gdb_shows "$log.gdb" "gdb's output" \
		'^bsp +0x[0-9a-f]+ ' '^in0 of frame 0: 0$' '^in0 of frame 10: 10$' \
		'^in0 of frame 150: 150$' '^in0 of frame 300: 300$' \
		'^#301 +0x[0-9a-f]+ in _start \(\)' || return 1
	if grep -q '^#302' "$log.gdb"; then
		ia64sim_gdb_why="bt shows more than 302 frames for a recursion 300 deep; see $log.gdb"
		return 1
	fi
}

for t in session backtrace threads ap-threads ctrl-c determinism; do
	selected "ia64sim/gdb/$t" || continue
	if "ia64sim_gdb_${t//-/_}"; then
		pass "ia64sim/gdb/$t"
	else
		fail "ia64sim/gdb/$t" "$ia64sim_gdb_why"
	fi
done

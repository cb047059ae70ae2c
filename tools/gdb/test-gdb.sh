#!/usr/bin/env bash
# tools/gdb/test-gdb.sh ELF LOG - the gdb session test.
#
# What a student does in `make gdb`, scripted, on 4 CPUs: stop at
# kernel_main, look at a backtrace and at boot_info, read the log with
# `tern dmesg`; then stop in the monitor once the migration threads are
# home and run every Tern helper (tools/gdb/tern.py); break one invariant
# on purpose and see `tern check` name it; stop in scheduler_tick on CPU 2
# and take the backtrace of the task it charges.  Then kill QEMU.  A second,
# short session boots a ktest that keeps locks held and checks what
# `tern locks` says about them, by CPU.
# Prints the reason and exits 1 when something is not as expected.
set -u
elf=$1
log=$2
here=$(dirname "$0")
qemu=

# QEMU, frozen (-S), its gdb server on a Unix socket (qemu-gdb.sh).
dir=$(mktemp -d /tmp/tern-gdbtest.XXXXXX)
. "$here/qemu-gdb.sh"
trap 'qemu_gdb_stop; rm -rf "$dir"' EXIT
# session: one QEMU and the scripted gdb session, the log in $log.
session() {
	qemu_gdb_start "$dir" "$elf" "" -accel tcg,thread=multi -smp 4 -m 256M \
		-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$log.serial" || exit 1
	qemu_gdb_fail_fast "$log.serial"

	# `echo @@ NAME` starts the section of the log that `section NAME` reads.
	timeout 90 gdb -q -batch -nx "$elf" \
		-x "$here/tern.gdb" \
		-ex "source $here/tern.py" \
		-ex "target remote $dir/gdb.sock" \
		-ex "hbreak kernel_main" \
		-ex "continue" \
		-ex "bt" \
		-ex "print boot_info.protocol" \
		-ex "hbreak page_alloc_init" \
		-ex "continue" \
		-ex "echo @@ dmesg\n" -ex "tern dmesg" \
		-ex "delete" \
		-ex "echo @@ migrations\n" -ex "tern migrations" \
		-ex "hbreak monitor_run" \
		-ex "continue" \
		-ex "echo @@ migrations-home\n" -ex "info threads" \
		-ex "continue" \
		-ex "echo @@ migrations-off\n" -ex "tern migrations off" \
		-ex "echo @@ help\n" -ex "tern help" \
		-ex "echo @@ cpus\n" -ex "tern cpus" \
		-ex "echo @@ ps\n" -ex "tern ps" \
		-ex "echo @@ ps-one\n" -ex "tern ps migration/2" \
		-ex "echo @@ complete\n" -ex "complete tern bt migration/" -ex "complete tern mig" -ex "complete tern rq " \
		-ex "echo @@ rq\n" -ex "tern rq 0" \
		-ex "echo @@ migq\n" -ex "tern migq 0" \
		-ex "echo @@ locks\n" -ex "tern locks" \
		-ex "echo @@ locks-all\n" -ex "tern locks all" \
		-ex "echo @@ bt-sleeping\n" -ex "tern bt migration/2" \
		-ex "echo @@ bt-running\n" -ex "tern bt init" \
		-ex "echo @@ check\n" -ex "tern check" \
		-ex "set var runqueues[0].curr->cpu = 3" \
		-ex "echo @@ check-broken\n" -ex "tern check" \
		-ex "set var runqueues[0].curr->cpu = 0" \
		-ex "echo @@ check-again\n" -ex "tern check" \
		-ex "delete" \
		-ex "hbreak scheduler_tick thread 1" \
		-ex "continue" \
		-ex "echo @@ tick-cpus\n" -ex "tern cpus" \
		-ex "echo @@ tick-bt\n" -ex "tern bt cpu_data[0].curr_task" \
		-ex "echo @@ end\n" \
		-ex "kill" > "$log" 2>&1 < /dev/null
}

# section NAME: the lines between `@@ NAME` and the next `@@`.
section() {
	awk -v s="@@ $1" '$0 == s { on = 1; next } /^@@ / { on = 0 } on' "$log"
}

session
# gdb stops every CPU wherever it is.  If one was inside its runqueue lock
# at the monitor_run stop, `tern check` looks at a half-done update and
# says so ("note: cpu N's runqueue lock is held ...") beside what it finds
# (once in a fresh-clone make test, 2026-12-03).  No verdict on the kernel:
# run the session once more, keeping the first log as $log.try1.  A second
# such stop fails as usual.
if section check | grep -q "runqueue lock is held by" &&
	! section check | grep -qE '^tern check: OK '; then
	mv "$log" "$log.try1"
	qemu_gdb_stop
	rm -f "$dir/gdb.sock"
	session
fi
check() {
	grep -qE -- "$1" "$log" || { echo "$2"; exit 1; }
}
# in_section NAME REGEX WHY
in_section() {
	section "$1" | grep -qE -- "$2" || { echo "'${1//-/ }': $3 (see $log)"; exit 1; }
}
refuse() {
	! grep -qE -- "$1" "$log" || { echo "$2: $(grep -m1 -E -- "$1" "$log")"; exit 1; }
}

# A kernel that panicked (the watcher stopped QEMU): say so first.
if grep -qaE '^(PANIC|LOCKCHECK):' "$log.serial"; then
	echo "the kernel stopped during the gdb session$(qemu_gdb_stopped_why "$log.serial") (see $log.serial)"
	exit 1
fi

# The boot, as before.
check 'kernel_main \(\) at kernel/main.c' "gdb did not stop at the kernel_main breakpoint"
check '#1 .* arch_main' "the backtrace at kernel_main does not show arch_main as its caller"
check '^\$1 = 1$' "print boot_info.protocol did not say 1 (multiboot1 under qemu -kernel)"
check 'page_alloc_init \(\) at kernel/page_alloc.c' "gdb did not stop at page_alloc_init"
in_section dmesg 'boot: loaded by qemu' "'tern dmesg' did not show the kernel log"

# No helper may fail.
refuse 'Python Exception|Traceback|Error occurred in Python' "a tern helper crashed"
refuse '^tern: ' "a tern helper reported an error"
check 'Breakpoint [0-9]+, monitor_run \(\)' "gdb did not stop at monitor_run (the boot did not reach the monitor)"
grep -qa 'migration: home 4/4' "$log.serial" ||
	{ echo "the kernel did not print 'migration: home 4/4' before the monitor (see $log.serial)"; exit 1; }

for c in cpus ps rq migq locks bt check dmesg migrations; do
	in_section help "^tern $c -- " "'tern help' does not list 'tern $c'"
done

# tern migrations, from before the migration threads exist: each one but
# migration/0 asks to move itself off CPU 0, migration/0 moves it, and the
# kernel stops once, when all four are home.
in_section migrations '^tern migrations: following' "'tern migrations' did not say it is on"
for n in 1 2 3; do
	in_section migrations "cpu 0: migration/$n \(pid [0-9]+\) asks to move itself from cpu 0 to cpu $n: request queued for migration/0$" \
		"'tern migrations' did not show migration/$n queueing its request on CPU 0"
	in_section migrations "cpu 0: migration/0 moves migration/$n \(pid [0-9]+\) from cpu 0 to cpu $n$" \
		"'tern migrations' did not show migration/0 moving migration/$n to CPU $n"
done
in_section migrations ': 4 of 4 migration threads are home$' "'tern migrations' did not say when all 4 were home"
in_section migrations 'the kernel is stopped in migration_report_home\(\)' "'tern migrations' did not stop the kernel once all were home"
in_section migrations-home '^\* +[0-9]+ +Thread .* migration_report_home \(\)' "gdb was not stopped in migration_report_home() (info threads)"
in_section migrations-off '^tern migrations: off \([0-9]+ events seen\)$' "'tern migrations off' did not say it is off"

# tern cpus: CPUs 0-3, one line each, init running on CPU 0.
n=$(section cpus | grep -cE '^ +[0-9]+ +[0-9]+ ')
[ "$n" = 4 ] || { echo "'tern cpus' listed $n CPUs, not 4 (see $log)"; exit 1; }
in_section cpus '^4 CPUs online \(cpu_online_mask 0-3\)$' "did not say '4 CPUs online (cpu_online_mask 0-3)'"
in_section cpus '^ +0 +[0-9]+ +1 +init +1 ' "CPU 0 (gdb thread 1) does not run init"

# tern ps: each migration thread asleep on its own CPU, allowed only there.
for n in 0 1 2 3; do
	in_section ps "^ +[0-9]+ +migration/$n +S +FIFO +[0-9]+ +[0-9]+ +-?[0-9]+ +$n +$n " \
		"migration/$n is not shown asleep (S), SCHED_FIFO, on cpu $n and allowed only cpu $n"
	in_section ps "^ +0 +idle/$n +R " "idle/$n is missing"
done
in_section ps '^ +1 +init +R .* cpu 0$' "init is not shown running on cpu 0"
n=$(section ps-one | grep -cE '^ +[0-9]+ ')
[ "$n" = 1 ] || { echo "'tern ps migration/2' listed $n tasks, not 1 (see $log)"; exit 1; }
in_section ps-one '^ +[0-9]+ +migration/2 ' "'tern ps migration/2' did not show migration/2"
# Tab completion: task names after `tern bt`, commands after `tern`, CPUs after `tern rq`
for n in 0 1 2 3; do
	in_section complete "^tern bt migration/$n$" "completing 'tern bt migration/' did not offer migration/$n"
	in_section complete "^tern rq $n$" "completing 'tern rq ' did not offer CPU $n"
done
in_section complete '^tern migq$' "completing 'tern mig' did not offer migq"
in_section complete '^tern migrations$' "completing 'tern mig' did not offer migrations"

# tern rq 0: init is CPU 0's current task and sits in its active array.
in_section rq '^runqueue of cpu 0 ' "did not name cpu 0's runqueue"
in_section rq '^  lock: (free|held by cpu [0-9])' "did not show the lock's state"
in_section rq '^  curr: init \(pid 1\) +idle: idle/0 ' "did not show init as curr and idle/0 as idle"
in_section rq '^  active = arrays\[[01]\]: nr_active [1-9][0-9]*, bitmap bits [0-9,-]*140$' \
	"did not show the active array with a task and the sentinel bit 140"
in_section rq '^    prio +[0-9]+: .*init \(pid 1\)' "did not list init in a priority list"

# tern migq 0: nothing waiting; every migration thread home.
in_section migq '^cpu 0: migration queue empty$' "did not show cpu 0's migration queue as empty"
for n in 0 1 2 3; do
	in_section migq "^ +$n +migration/$n +[0-9]+ +$n +S +yes$" "migration/$n is not shown home on cpu $n"
done

# tern locks: the summary line; `all` names the runqueue locks and more.
in_section locks 'spinlocks gdb knows (is|are) held$' "did not end with its summary line"
in_section locks '^by CPU \(spin_held\[\]' "did not show its part by CPU"
in_section locks '^spin_held: (no CPU holds a lock|[0-9]+ CPUs? holds? [0-9]+ locks?)(, [0-9]+ waits?)?$' \
	"did not end its part by CPU with a count"
for l in 'runqueues\[0\]\.lock' 'runqueues\[3\]\.lock' 'cpu_data\[2\]\.call_lock' \
	console_lock heap_lock page_lock tasklist_lock; do
	in_section locks-all "^$l " "did not list $l"
done

# tern bt: a sleeping migration thread through its saved stack; init live.
in_section bt-sleeping '^migration/2 \(pid [0-9]+\) is asleep, not running' "did not see migration/2 asleep"
in_section bt-sleeping '^#0 +0x[0-9a-f]+ in schedule \(\)' "frame #0 of a switched-out task is not schedule()"
in_section bt-sleeping '^#[1-9] +0x[0-9a-f]+ in migration_thread \(\) at kernel/sched.c:[0-9]+' \
	"the backtrace of migration/2 does not go through migration_thread()"
in_section bt-running '^init \(pid 1\) is running on cpu 0: live backtrace' "did not see init running on cpu 0"
in_section bt-running 'in monitor_run \(\)' "the live backtrace of init does not show monitor_run"
in_section bt-running 'in init_thread \(\)' "the live backtrace of init does not show init_thread"

# tern check: OK; a corrupted cpu field is caught, in words; OK once undone.
in_section check '^tern check: OK \([0-9]+ tasks, 4 runqueues\)$' "did not say 'tern check: OK (N tasks, 4 runqueues)'"
in_section check-broken "^problem: task init \(pid 1\) is queued on cpu 0's runqueue but its cpu field says 3$" \
	"after 'set var runqueues[0].curr->cpu = 3' it did not report init queued on the wrong CPU"
in_section check-broken '^tern check: [0-9]+ problems?$' "after a corruption it did not end with 'tern check: K problems'"
in_section check-again '^tern check: OK ' "after undoing the corruption it did not say OK again"

# Stopped in scheduler_tick on CPU 0: it runs in an interrupt, and the task
# it charges is CPU 0's current one.  CPU 0, because it always ticks: an
# idle CPU stops its tick (nohz) and would never get there.
check 'Thread 1 hit Breakpoint [0-9]+, scheduler_tick \(\)' "gdb did not stop in scheduler_tick on CPU 0 (thread 1)"
in_section tick-cpus '^ +0 +[0-9]+ +1 +[^ ]+ +[0-9]+ +[0-9]+ +[0-9]+ +[1-9]' "CPU 0 is not shown inside an interrupt (irq_depth > 0)"
in_section tick-bt 'is running on cpu 0: live backtrace of gdb thread 1' "the task charged on CPU 0 was not shown running there"
in_section tick-bt '^#0 .*scheduler_tick \(\)' "the live backtrace on CPU 0 does not start in scheduler_tick"
check '^@@ end$' "the gdb session did not run to its end (timeout or a hang; see $log)"

# `kill` ends QEMU; if it did not, the EXIT trap stops it (this PID only).
for _ in 1 2 3 4 5 6 7 8 9 10; do
	kill -0 $qemu 2>/dev/null || break
	sleep 0.2
done
if kill -0 $qemu 2>/dev/null; then
	echo "QEMU was still running after gdb's 'kill'"
	exit 1
fi

# tern locks by CPU, where locks stay held: on 3 CPUs, ktest
# locks_held_and_waiting (kernel/locks_ktest.c) holds two locks on cpu 2
# with interrupts off while cpu 1 spins on one of them; gdb stops where the
# test reads them (locks_report), with cpu 0 holding none.  Every line is
# known: the table's two, and by CPU three and a count.
qemu_gdb_stop
rm -f "$dir/gdb.sock"
qemu_gdb_start "$dir" "$elf" "ktest=locks_held_and_waiting panic=-1" -accel tcg,thread=multi -smp 3 \
	-m 256M -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-serial "file:$log.locks-serial" || exit 1
qemu_gdb_fail_fast "$log.locks-serial"
timeout 60 gdb -q -batch -nx "$elf" \
	-x "$here/tern.gdb" \
	-ex "source $here/tern.py" \
	-ex "target remote $dir/gdb.sock" \
	-ex "hbreak locks_report" \
	-ex "continue" \
	-ex "echo @@ locks-held\n" -ex "tern locks" \
	-ex "echo @@ locks-end\n" \
	-ex "kill" >> "$log" 2>&1 < /dev/null
refuse 'Python Exception|Traceback|Error occurred in Python' "a tern helper crashed"
refuse '^tern: ' "a tern helper reported an error"
check '^@@ locks-end$' "the gdb session on ktest=locks_held_and_waiting did not run to its end$(qemu_gdb_stopped_why "$log.locks-serial") (see $log)"
site='\+0x[0-9a-f]+ \(kernel/locks_ktest\.c:[0-9]+\)'
in_section locks-held "^locks_outer +\"locks_outer\" +held by cpu 2, taken at locks_holder$site \(owner 0, next 1: 0 waiting\)$" \
	"the table did not show locks_outer held by cpu 2, taken in locks_holder()"
in_section locks-held "^locks_pair\[1\] +\"locks_pair\" +held by cpu 2, taken at locks_holder$site \(owner 0, next 2: 1 waiting\)$" \
	"the table did not show locks_pair[1] held by cpu 2 with 1 CPU waiting"
# by CPU, exactly these lines in this order (sites and time made uniform)
got=$(section locks-held | sed -n '/^by CPU/,$p' | sed -E 's/\+0x[0-9a-f]+ \(kernel\/locks_ktest\.c:[0-9]+\)/+S/g; s/about [0-9]+ ms/about N ms/')
want="by CPU (spin_held[]: locks in the order taken, and the lock each spins on):
  cpu 1 waits for 'locks_pair' #1 for about N ms, wanted at locks_waiter+S; held by cpu 2, taken at locks_holder+S
  cpu 2 holds 'locks_outer', taken at locks_holder+S
  cpu 2 holds 'locks_pair' #1, taken at locks_holder+S
spin_held: 1 CPU holds 2 locks, 1 waits"
if [ "$got" != "$want" ]; then
	echo "'tern locks' by CPU, with two locks held on cpu 2 and cpu 1 waiting, should show (sites as +S, lines split by |) '$(printf '%s' "$want" | tr '\n' '|')', but it showed '$(printf '%s' "$got" | tr '\n' '|')' (see $log)"
	exit 1
fi
exit 0

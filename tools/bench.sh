#!/usr/bin/env bash
# tools/bench.sh - `make bench`: Tern measured beside what a course would
# otherwise use, the same way, in the same run.
#
#   make bench                 every part
#   make bench BENCH=boot,o1   some parts: boot o1 switch balance costs ia64
#   RUNS=5 make bench          runs per figure (default 3; the median)
#
# The machines this runs on are shared and noisy, so nothing here passes or
# fails: every wall-clock figure is the median of RUNS runs, interleaved
# with the runs of what it is compared with, so that a slow moment hurts
# both sides alike; every other figure is an exact count (instructions
# under QEMU's -icount shift=0, where the guest's cycle counter counts
# instructions, or under valgrind).
#
# Each part writes its section of the report to docs/bench/PART.md and its
# plots to docs/img/; docs/bench.md is put together from every section
# there, the ones of this run and those a run of other parts left.  The
# run ends with `bench: KEY=VALUE` lines (docs/bench.md lists the keys).
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
RUNS=${RUNS:-3}
BENCH=${BENCH:-boot,o1,switch,balance,costs,ia64}
OUT=$BUILD/bench
SECT=docs/bench
IMG=docs/img
mkdir -p "$OUT" "$SECT" "$IMG"
KEYS=$OUT/keys
: > "$KEYS"

for part in ${BENCH//,/ }; do
	case $part in
	boot | o1 | switch | balance | costs | ia64) ;;
	*)
		echo "bench: BENCH names '$part', which is not a part (boot, o1, switch, balance, costs, ia64)" >&2
		exit 2
		;;
	esac
done
want() { [[ ",$BENCH," == *",$1,"* ]]; }
key() { echo "$1=$2" >> "$KEYS"; }
say() { echo "bench: $*" >&2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{ a[NR] = $1 } END { if (!NR) print ""; else print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
# field "LINE" NAME: the value of NAME=... in a bench: line (the console
# ends its lines with \r\n: no \r may stick to a value)
field() { echo "$1" | tr -d '\r' | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }
# ratio A B [DIGITS]: A / B, or "-" when either is missing
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-1}" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.*f\n", d, a / b }'; }

# ktest_bench NAME QEMU-ARGS...: boot ktest=bench_NAME, print its bench: line(s).
ktest_bench() {
	local name=$1
	shift
	tools/qemu-run --timeout 300 --log "$OUT/$name.log" "$@" -m 1G \
		-kernel "$BUILD/tern.elf" -append "ktest=bench_$name panic=-1" > /dev/null
	tr -d '\r' < "$OUT/$name.log" | sed -n 's/^bench: //p' | tr '\n' ' '
}

# --- boot --------------------------------------------------------------------
# QEMU start to exit, at each -smp, for: the floor (a kernel whose first
# instruction leaves QEMU), Tern (booting with `poweroff`, which comes just
# after `migration: home N/N`), Tern starting its CPUs one after another as
# xv6 does (smp_serial=on), and Debian's Linux with an initramfs that powers
# off once every CPU is online (tools/bench/linux.sh).
boot_run() { # KERNEL CMDLINE SMP [LOG] -> ms
	local t0 t1
	t0=$(now_ms)
	tools/qemu-run --timeout 120 --log "${4:-$OUT/last.log}" \
		-accel tcg,thread=multi -m 1G -smp "$3" -kernel "$1" -append "$2" > /dev/null
	t1=$(now_ms)
	echo $((t1 - t0))
}

# Where a boot's time goes, seen from the host: ms from QEMU's start to
# Tern's first console line (QEMU's own start-up and the firmware), to
# `smp: online` (clock calibration, every AP started), to `migration:
# home` (the migration threads created on CPU 0 and moved home), to QEMU's
# exit.  Each console line is stamped as it arrives on a pipe.
boot_phases() { # SMP -> "first online home exit" (ms)
	local t0
	t0=$(date +%s%N)
	timeout 120 qemu-system-x86_64 -accel tcg,thread=multi -m 1G -smp "$1" \
		-display none -no-reboot -monitor none -serial stdio \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$BUILD/tern.elf" -append poweroff < /dev/null 2> /dev/null |
		while IFS= read -r line; do
			echo "$((($(date +%s%N) - t0) / 1000000)) $line"
		done > "$OUT/phases.log"
	echo "$((($(date +%s%N) - t0) / 1000000))" >> "$OUT/phases.log"
	awk 'NR == 1 { first = $1 } /smp: online/ { on = $1 } /migration: home/ { home = $1 }
	     { last = $1 } END { print first, on, home, last }' "$OUT/phases.log"
}

# Linux takes half a minute at -smp 32 and minutes above 64 under TCG on
# two cores: it boots RUNS times at LINUX_SMP, once at LINUX_ONCE_SMP, and
# not at all at the other sizes (LINUX_SMP="1 8 32 64 128 255" for all).
LINUX_SMP=${LINUX_SMP:-1 8 32}
LINUX_ONCE_SMP=${LINUX_ONCE_SMP:-64}
linux_runs() { # SMP -> how many times Linux boots at that -smp
	if [[ " $LINUX_SMP " == *" $1 "* ]]; then echo "$RUNS"
	elif [[ " $LINUX_ONCE_SMP " == *" $1 "* ]]; then echo 1
	else echo 0; fi
}

bench_boot() {
	local smps=${BENCH_SMP:-1 8 32 64 128 255} smp linux=0 rows=""
	nasm -f elf32 tools/bench/null.asm -o "$OUT/null.o" &&
		ld -m elf_i386 -Ttext 0x100000 -e _start "$OUT/null.o" -o "$OUT/null.elf" ||
		{ say "boot: could not build the null kernel"; return 1; }
	if [ -x tools/bench/linux.sh ] && tools/bench/linux.sh prepare "$OUT/linux" >&2; then
		linux=1
	else
		say "boot: no Linux to compare with (tools/bench/linux.sh prepare failed)"
	fi
	: > "$OUT/boot.dat"
	for smp in $smps; do
		local f="$OUT/boot.$smp"
		: > "$f.floor"; : > "$f.tern"; : > "$f.serial"; : > "$f.linux"; : > "$f.ready"
		say "boot: -smp $smp, $RUNS runs of each"
		local n=1
		for _ in $(seq "$RUNS"); do
			boot_run "$OUT/null.elf" "" "$smp" >> "$f.floor"
			boot_run "$BUILD/tern.elf" poweroff "$smp" "$OUT/tern.log" >> "$f.tern"
			tr -d '\r' < "$OUT/tern.log" | sed -n 's/^boot: ready in \([0-9]*\) ms$/\1/p' >> "$f.ready"
			boot_run "$BUILD/tern.elf" "poweroff smp_serial" "$smp" >> "$f.serial"
			if [ "$linux" = 1 ] && [ "$(linux_runs "$smp")" -gt "$((n - 1))" ]; then
				LINUX_MAX_SMP=255 tools/bench/linux.sh boot "$smp" "$OUT/linux" >> "$f.linux" ||
					say "boot: Linux at -smp $smp did not finish"
			fi
			n=$((n + 1))
		done
		local floor tern serial lin ready
		floor=$(median < "$f.floor")
		tern=$(median < "$f.tern")
		serial=$(median < "$f.serial")
		lin=$(median < "$f.linux")
		ready=$(median < "$f.ready")
		key "floor_ms_smp$smp" "$floor"
		key "tern_boot_ms_smp$smp" "$tern"
		key "tern_adds_ms_smp$smp" "$((tern - floor))"
		key "serial_boot_ms_smp$smp" "$serial"
		[ -n "$lin" ] && key "linux_boot_ms_smp$smp" "$lin"
		echo "$smp $floor $tern $serial ${lin:-NaN}" >> "$OUT/boot.dat"
		rows+="| $smp | $floor | $tern | $((tern - floor)) | $ready | $serial | ${lin:--} | $(ratio "$lin" "$tern") |
"
	done
	local t32 s32 l32
	t32=$(sed -n 's/^tern_boot_ms_smp32=//p' "$KEYS")
	s32=$(sed -n 's/^serial_boot_ms_smp32=//p' "$KEYS")
	l32=$(sed -n 's/^linux_boot_ms_smp32=//p' "$KEYS")
	[ -n "$t32" ] && [ -n "$s32" ] && key serial_vs_parallel_smp32 "$(ratio "$s32" "$t32" 2)"
	[ -n "$t32" ] && [ -n "$l32" ] && key linux_ratio_smp32 "$(ratio "$l32" "$t32" 1)"
	plot_boot
	local prow="" p
	for smp in 32 255; do
		[[ " $smps " == *" $smp "* ]] || continue
		: > "$OUT/phases.$smp"
		for _ in $(seq "$RUNS"); do
			boot_phases "$smp" >> "$OUT/phases.$smp"
		done
		# the run with the median time to exit, whole
		p=$(awk '{ print $4 - $1, $0 }' "$OUT/phases.$smp" | sort -n |
			awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }')
		set -- $p
		[ $# -eq 5 ] && prow+="| $smp | $2 | $(($3 - $2)) | $(($4 - $3)) | $(($5 - $4)) |
"
	done
	cat > "$SECT/boot.md" << EOF
## Boot time: Tern, the floor, xv6's way and Linux

![wall time from QEMU start to exit against -smp](img/bench-boot.svg)

| -smp | QEMU alone (floor), ms | Tern, ms | Tern adds, ms | Tern's own \`boot: ready in\`, ms | Tern, CPUs one at a time (\`smp_serial\`), ms | Linux, ms | Linux / Tern |
|---:|---:|---:|---:|---:|---:|---:|---:|
$rows
Wall time from QEMU's start to its exit, the median of $RUNS interleaved
runs of each, \`-accel tcg,thread=multi -m 1G\`, Linux included.  The floor boots
tools/bench/null.asm, a multiboot kernel whose first instruction leaves
QEMU: QEMU's own start-up, which grows with -smp.  Tern boots with
\`poweroff\`, which comes right after \`migration: home N/N\`: every CPU
started, every migration thread started on CPU 0 and moved home through
its migration queue.  "Tern adds" is the difference of the two medians.
\`boot: ready in\` is Tern's own count from its first instruction; it
includes 30 ms of clock calibration and the 10 ms INIT wait the Intel SDM
prescribes.  With \`smp_serial\` Tern starts its CPUs as xv6 does, one
INIT-SIPI-SIPI after another, each waited for: what the parallel start
buys is the difference (\`serial_vs_parallel_smp32\` =
$(sed -n 's/^serial_vs_parallel_smp32=//p' "$KEYS")).  Linux is Debian's
\`linux-image-amd64\` ($(tools/bench/linux.sh version "$OUT/linux" 2> /dev/null || echo "not fetched")),
entered through its PVH entry with a busybox initramfs whose init
leaves QEMU once every CPU is online, same QEMU flags
(tools/bench/linux.sh, docs/bench-linux.md).  It boots $RUNS times at
-smp ${LINUX_SMP// /, }, once at ${LINUX_ONCE_SMP// /, }, and not above:
there it takes minutes (\`LINUX_SMP="1 8 32 64 128 255"\` runs them all).

### Where the time goes at -smp 255

| -smp | QEMU start to Tern's first line, ms | to \`smp: online\` | to \`migration: home\` | to QEMU's exit |
|---:|---:|---:|---:|---:|
$prow
Host milliseconds between console lines, stamped as they arrive (the
run with the median total of $RUNS).  QEMU's start-up is the floor;
Tern's part is the last three columns: clock calibration (30 ms), the
10 ms INIT wait, every AP started and online; then 255 migration threads
created on CPU 0, each moved home through CPU 0's migration queue and
woken on its CPU by an IPI.

The goal was to add under 0.15 s at 255.  What stands in the way is not
work in Tern: under TCG every vCPU is a host thread, and every halt,
wake-up, timer interrupt and local APIC access of every vCPU takes QEMU's
one big lock.  Tickless idle (docs/timers.md) took the 254,000 timer
interrupts a second of idle CPUs away (with \`nohz=off\`, \`boot: ready
in\` measured 628 ms against 454 ms, median of 3, 2026-12-02).  What
remains is the start of 254 CPUs and 254 wake-ups, each a few host
thread hand-offs through that lock, on two host cores.  Now and then a
boot at 255 stalls for seconds (about 1 run in 10, more on a loaded
host): caught with gdb and QEMU's monitor (2026-12-03), CPU 0 was halted
with interrupts on and its timer interrupt pending in the APIC's IRR,
while its vCPU thread and over a hundred others queued on QEMU's lock;
the guest had nothing to run.  Starting the APs with their tick stopped,
and counting the tickless grace period in time rather than in ticks,
did not help (the stalls grew longer), so neither is in the kernel.
Such a stall also lands in the boot table: on 2026-12-03 one of three
boots at 255 took 5.4 s (\`boot: ready in\` 2993 ms), so the median was
3.8 s where the three boots of the phase table took 3.2 to 3.5 s.
EOF
}

plot_boot() {
	command -v gnuplot > /dev/null || { say "boot: no gnuplot, no plot"; return 0; }
	local term
	for term in svg png; do
		gnuplot << EOF 2> "$OUT/gnuplot-boot.err" || say "boot: gnuplot failed, see $OUT/gnuplot-boot.err"
set terminal $([ $term = svg ] && echo "svg size 720,420 font 'sans,12'" || echo "png size 720,420")
set output '$IMG/bench-boot.$term'
set title 'Boot to power-off under QEMU TCG (median of $RUNS)'
set xlabel '-smp'
set ylabel 'wall ms, QEMU start to exit'
set logscale x 2
set logscale y
set key top left Left reverse
set grid
plot '$OUT/boot.dat' using 1:2 with linespoints title 'QEMU alone (floor)', \
     '' using 1:3 with linespoints title 'Tern', \
     '' using 1:4 with linespoints title 'Tern, CPUs one at a time (xv6)', \
     '' using 1:5 with linespoints title 'Linux (Debian)'
EOF
	done
}

# --- o1 ----------------------------------------------------------------------
bench_o1() {
	tools/bench/o1.sh "$IMG" > "$OUT/o1.out" 2>&1 || { say "o1: tools/bench/o1.sh failed, see $OUT/o1.out"; return 1; }
	sed -n 's/^bench: //p' "$OUT/o1.out" | tr ' ' '\n' | grep '=' >> "$KEYS"
	local table
	table=$(sed -n '/^|/p' "$OUT/o1.out")
	cat > "$SECT/o1.md" << EOF
## O(1), counted

![instructions per scheduler_tick() + schedule(), log-log](img/o1.svg)

$table

Instructions per call of Tern's real \`scheduler_tick()\` + \`schedule()\`
(kernel/sched.c, compiled for one simulated CPU on the host) with N
runnable tasks, beside an O(n) picker that scans a table of the same tasks
as xv6 does, counted by valgrind's callgrind: exact, the same on every run.
The method and why the line is flat: docs/bench-o1.md.
EOF
}

# --- switch --------------------------------------------------------------------
# Under -icount shift=0 the guest's cycle counter counts instructions, so
# these are exact counts of guest instructions.
bench_switch() {
	local tr mig lsw=""
	tr=$(ktest_bench trace_cost -accel tcg -icount shift=0 -smp 2)
	mig=$(ktest_bench migrate_cost -accel tcg -icount shift=0 -smp 3)
	if [ -x tools/bench/linux.sh ] && tools/bench/linux.sh prepare "$OUT/linux" >&2; then
		lsw=$(tools/bench/linux.sh switch "$OUT/linux" | sed -n 's/.*linux_switch_insns=\([0-9]*\).*/\1/p')
	fi
	local sw
	sw=$(field "$tr" switch_trace_off)
	key switch_insns "$sw"
	[ -n "$lsw" ] && key linux_switch_insns "$lsw"
	key migrate_insns "$(field "$mig" migrate_cycles)"
	key migrate_ticks "$(field "$mig" migrate_ticks)"
	cat > "$SECT/switch.md" << EOF
## Context switch and migration

| -icount shift=0 (guest instructions, exact) | Tern | Linux |
|---|---:|---:|
| a context switch: two threads on one CPU handing it over with yield() / sched_yield() | $sw | ${lsw:--} |
| set_cpus_allowed() until the task runs on its new CPU | $(field "$mig" migrate_cycles) instructions, $(field "$mig" migrate_ticks) ticks | |

Tern: the ktest \`bench_trace_cost\` (two SCHED_FIFO threads on one CPU,
5,000 yields each, tracing off) and \`bench_migrate_cost\` (a thread
spinning on cpu 1 pinned to cpu 2 from cpu 0; the median of 9: the
request, cpu 1's migration thread, the IPI that wakes cpu 2, the switch
there).  Linux: the same ping-pong as a static program in the initramfs,
two threads pinned to one CPU calling sched_yield(), timed with the
guest's cycle counter (docs/bench-linux.md).  A switch in Tern is
\`schedule()\` and \`hal_context_switch()\` with nothing else around
them: no user mode, no system call, no address space to change.
EOF
}

# --- balance -------------------------------------------------------------------
# balance_run SMP RULE HOW ACCEL...: one boot of ktest=bench_balance_trace
# (4 x SMP hogs woken on CPU 0; the trace of the run is dumped at its end)
# with balance=RULE; prints "TICKS MOVES" and keeps the log as
# $OUT/balance-SMP-RULE-HOW.log.
balance_run() {
	local smp=$1 rule=$2 log=$OUT/balance-$1-$2-$3.log
	shift 3
	tools/qemu-run --timeout 300 --log "$log" "$@" -m 512M -smp "$smp" \
		-kernel "$BUILD/tern.elf" \
		-append "ktest=bench_balance_trace panic=-1 trace=1024 balance=$rule" > /dev/null
	tr -d '\r' < "$log" |
		sed -n 's/^balance: .* in \([0-9]*\) ticks, \([0-9]*\) moves.*/\1 \2/p'
}

# grid DAT: tern-trace rqlen's table (a row per change) as "MS CPU LENGTH"
# points on a regular grid of 400 steps, a scan line per CPU, for
# gnuplot's `with image`.
grid() {
	awk 'NR == 1 { next }
	{ t[NR] = $1; row[NR] = $0; n = NR }
	END {
		if (n < 2) exit
		end = t[n]; step = end / 400; r = 2
		for (i = 0; i <= 400; i++) { # the row in force at each step
			while (r < n && t[r + 1] <= i * step) r++
			at[i] = r
		}
		k = split(row[2], f, " ")
		for (c = 2; c <= k; c++) { # a scan line per CPU
			for (i = 0; i <= 400; i++) {
				split(row[at[i]], f, " ")
				print i * step, c - 2, f[c]
			}
			print ""
		}
	}' "$1"
}

bench_balance() {
	local rows="" smp rule r ticks moves wall tag
	# Deterministic: -icount shift=0 runs the vCPUs one after another,
	# and a tick is a million guest instructions of all CPUs together.
	for smp in 8 32; do
		for rule in mean halves; do
			r=$(balance_run "$smp" "$rule" icount -accel tcg -icount shift=0,sleep=off)
			ticks=${r% *} moves=${r#* } tag=""
			[ "$rule" = halves ] && tag=_halves
			key "balance${tag}_ticks_smp$smp" "$ticks"
			key "balance${tag}_moves_smp$smp" "$moves"
			printf -v "det_${rule}_$smp" '%s | %s' "$ticks" "$moves"
			tools/trace/tern-trace rqlen "$OUT/balance-$smp-$rule-icount.log" - 2> /dev/null |
				grid /dev/stdin > "$OUT/rqlen-$smp-$rule.dat"
		done
	done
	# Host time: TCG with a host thread per vCPU, the median of $RUNS.
	for smp in 8 32 64; do
		wall=$(for _ in $(seq "$RUNS"); do
			r=$(balance_run "$smp" mean wall -accel tcg,thread=multi)
			echo "${r% *}"
		done | median)
		key "balance_wall_ticks_smp$smp" "$wall"
		local m="det_mean_$smp" h="det_halves_$smp"
		rows+="| $smp | $((4 * smp)) | ${!m:-- | -} | ${!h:-- | -} | $wall |
"
	done
	plot_balance
	cat > "$SECT/balance.md" << EOF
## Load balancing

![runqueue lengths at -smp 32, from the trace](img/bench-balance.svg)

| -smp | threads woken on CPU 0 | ticks, \`balance=mean\` | moves | ticks, \`balance=halves\` (2.5) | moves | host-time ticks, \`mean\` (median of $RUNS) |
|---:|---:|---:|---:|---:|---:|---:|
$rows
The ktest \`bench_balance_trace\` (the run of \`sched_balance_spreads_work\`,
traced): 4 x N CPU-bound threads, all woken on CPU 0, until every CPU has
4 +- 1 of them.  Ticks are jiffies, which count the time that passed by
the cycle counter.  The fewest moves that can do it are 4N - 5 (each
thread but five leaves CPU 0 once).  Idle CPUs pull in their own ticks
(every tick while idle, Linux 2.5's rule) and, with their ticks stopped,
when a runqueue that gains a task to spare kicks one of them
(docs/timers.md); a CPU whose pull came up short because the tasks it
found were running or cache-hot tries again at its next tick.

The first four columns run under \`-icount shift=0,sleep=off\`: QEMU
runs the vCPUs one after another and a tick is a million guest
instructions of all CPUs together, so the counts are the same on every
run.  \`balance=halves\` is Linux 2.5's rule, half the difference with
the busiest runqueue: the first idle CPU takes 64 of 128 threads and
hands most of them on again.  \`balance=mean\` (the default) caps a pull
at the mean load, as Linux 2.6.7's scheduling domains did: each CPU takes
about its share, once.  The plot shows both runs at -smp 32, a row per
CPU, the colour its runqueue length, rebuilt from the trace
(\`tools/trace/tern-trace rqlen\`, docs/sched.md).

The last column is host time under TCG with a host thread per vCPU: N
vCPUs share the host's two cores, a kicked CPU waits for the host to run
its thread, and the figures swing by 2x between runs of one kernel.
They measure the emulator more than the kernel.
EOF
}

plot_balance() {
	command -v gnuplot > /dev/null || { say "balance: no gnuplot, no plot"; return 0; }
	local term f
	for f in "$OUT/rqlen-32-mean.dat" "$OUT/rqlen-32-halves.dat"; do
		[ -s "$f" ] || { say "balance: no runqueue lengths in $f, no plot"; return 0; }
	done
	for term in svg png; do
		gnuplot << EOF 2> "$OUT/gnuplot-balance.err" || say "balance: gnuplot failed, see $OUT/gnuplot-balance.err"
set terminal $([ $term = svg ] && echo "svg size 900,420 font 'sans,11'" || echo "png size 900,420")
set output '$IMG/bench-balance.$term'
set multiplot layout 1,2 title '128 threads woken on CPU 0 of 32, under -icount: tasks on each CPU'
set xlabel 'ms of guest time'
set ylabel 'CPU'
set yrange [-0.5:31.5]
set cbrange [0:16]
set palette defined (0 'white', 1 '#c6dbef', 4 '#4292c6', 8 '#08519c', 16 '#08306b')
set title 'balance=halves (Linux 2.5)'
unset colorbox
plot '$OUT/rqlen-32-halves.dat' using 1:2:3 with image notitle
set title 'balance=mean (default)'
set colorbox
set cblabel 'runnable tasks (16 or more: darkest)'
plot '$OUT/rqlen-32-mean.dat' using 1:2:3 with image notitle
unset multiplot
EOF
	done
}

# --- costs -------------------------------------------------------------------
bench_costs() {
	local s_ic s_mt t_ic t_mt l_ic tr_ic tk
	s_ic=$(ktest_bench schedule_cost -accel tcg -icount shift=0 -smp 1)
	s_mt=$(ktest_bench schedule_cost -accel tcg,thread=multi -smp 2)
	t_ic=$(ktest_bench timer_tick_cost -accel tcg -icount shift=0 -smp 1)
	t_mt=$(ktest_bench timer_tick_cost -accel tcg,thread=multi -smp 2)
	l_ic=$(ktest_bench lock_cost -accel tcg -icount shift=0 -smp 1)
	tr_ic=$(ktest_bench trace_cost -accel tcg -icount shift=0 -smp 2)
	tk=$(ktest_bench tick_share -accel tcg -icount shift=0 -smp 1)
	key schedule_icount_1 "$(field "$s_ic" schedule_cycles_1)"
	key schedule_icount_10000 "$(field "$s_ic" schedule_cycles_10000)"
	key timer_tick_icount_0 "$(field "$t_ic" timer_tick_cycles_0)"
	key timer_tick_icount_1000 "$(field "$t_ic" timer_tick_cycles_1000)"
	key lock_pair_icount_off "$(field "$l_ic" lock_pair_cycles_off)"
	key lock_pair_icount_on "$(field "$l_ic" lock_pair_cycles_on)"
	key trace_event_icount_off "$(field "$tr_ic" trace_event_off)"
	key trace_event_icount_on "$(field "$tr_ic" trace_event_on)"
	key tick_insns "$(field "$tk" tick_insns)"
	key tick_share_ppm "$(field "$tk" tick_share_ppm)"
	cat > "$SECT/costs.md" << EOF
## What schedule(), the tick, a lock and a trace event cost

| measured | case A | case B | B / A |
|---|---:|---:|---:|
| schedule(), -icount (instructions): 1 task queued / 10,000 queued | $(field "$s_ic" schedule_cycles_1) | $(field "$s_ic" schedule_cycles_10000) | $(field "$s_ic" ratio_x100)% |
| schedule(), -smp 2, TSC cycles (noisy): the same | $(field "$s_mt" schedule_cycles_1) | $(field "$s_mt" schedule_cycles_10000) | $(field "$s_mt" ratio_x100)% |
| run_timers() in the tick, -icount: no timer / 1,000 sleeping | $(field "$t_ic" timer_tick_cycles_0) | $(field "$t_ic" timer_tick_cycles_1000) | $(field "$t_ic" ratio_x100)% |
| run_timers(), -smp 2, TSC cycles (noisy): the same | $(field "$t_mt" timer_tick_cycles_0) | $(field "$t_mt" timer_tick_cycles_1000) | $(field "$t_mt" ratio_x100)% |
| a spin_lock() + spin_unlock() pair, -icount: lockcheck=off / on | $(field "$l_ic" lock_pair_cycles_off) | $(field "$l_ic" lock_pair_cycles_on) | |
| the same with one other lock held | $(field "$l_ic" nested_cycles_off) | $(field "$l_ic" nested_cycles_on) | |
| one trace event, -icount: tracing off / on | $(field "$tr_ic" trace_event_off) | $(field "$tr_ic" trace_event_on) | |
| a context switch, -icount: tracing off / on | $(field "$tr_ic" switch_trace_off) | $(field "$tr_ic" switch_trace_on) | |
| the whole timer interrupt on a busy CPU at hz=1000, -icount: instructions / share of all, parts per million | $(field "$tk" tick_insns) | $(field "$tk" tick_share_ppm) | |

- \`bench_schedule_cost\`: a SCHED_FIFO thread yields 20,000 times with 1
  or 10,000 normal threads queued behind it on its CPU; picking the next
  task is a find-first-bit and a list head, whatever their number.  The
  O(n) part of Linux 2.5's design is in load_balance(): an idle CPU's scan
  of the busiest queue.  Tern marks a queue whose tasks are all pinned
  away (\`pinned_for\`) and skips it until something there changes
  (docs/sched.md).
- \`bench_timer_tick_cost\`: the median of 2,000 ticks with no timer on
  the CPU and of 2,000 with 1,000 timers due hours ahead.  The timer wheel
  (docs/timers.md) never looks at the sleepers until their slot comes.
- \`bench_lock_cost\`: the median of nine rounds of 10,000 pairs with
  interrupts off.  The validator looks up the lock's class (cached), and
  for each lock this CPU holds tests one bit of the lock-order graph;
  every lock also writes down who holds it (\`spin_held\`) for the
  watchdog, the monitor and gdb (docs/smp.md section 7).
- \`bench_trace_cost\`: an event is a load and a branch with tracing off;
  on, a record with the cycle counter, pids and names (docs/trace.md).
- \`bench_tick_share\`: a busy thread reads the cycle counter in a tight
  loop for 2,000 ticks; each jump in it is an interrupt (entry,
  timer_tick(), scheduler_tick(), the end of interrupt, the schedule()
  when a slice runs out).  Under -icount the guest runs a billion
  instructions a second, so at hz=1000 the share is the cost of a tick in
  millionths.  Every busy CPU pays the same - on 32 busy CPUs, 32 times
  the instructions and the same share: a tick works on its own runqueue,
  except a busy CPU's rebalance every 200 ms, which looks at each CPU's
  load once.
EOF
}

# --- ia64 ----------------------------------------------------------------------
bench_ia64() {
	local rows="" ia64_rows="" prog elf name insns us mips smp ms ready
	make -s ia64sim ia64sim-ctests ia64sim-smptests > /dev/null || { say "ia64: the simulator did not build"; return 1; }
	for prog in "c/divide" "c/recurse" "c/sort" "smp/fetchadd -smp 32"; do
		set -- $prog
		elf=$BUILD/ia64sim-tests/$1.elf
		shift
		for _ in $(seq "$RUNS"); do
			local t0 t1
			t0=$(date +%s%N)
			"$BUILD/ia64sim" "$@" "$elf" > /dev/null 2> "$OUT/ia64sim.err"
			t1=$(date +%s%N)
			echo $(((t1 - t0) / 1000))
		done | median > "$OUT/ia64sim.us"
		us=$(cat "$OUT/ia64sim.us")
		insns=$(sed -n 's/^ia64sim: \([0-9]*\) instructions.*/\1/p' "$OUT/ia64sim.err")
		mips=$((insns / (us > 0 ? us : 1)))
		name=$(basename "${prog%% *}")
		rows+="| $prog | $insns | $((us / 1000)) | $mips |
"
		key "ia64sim_mips_$name" "$mips"
		[ "$name" = sort ] && key ia64sim_mips "$mips"
	done
	make -s ARCH=ia64 BUILD="$BUILD/ia64" all "$BUILD/ia64/ia64sim" > /dev/null || { say "ia64: Tern for IA-64 did not build"; return 1; }
	# One boot per seed, 1..RUNS: a seed fixes the simulator's
	# interleaving of the CPUs, and with 32 or 64 CPUs the boot's length
	# depends on it (at -smp 64, `ready in` ran from 91 to 188 ms over ten
	# seeds), so one seed booted RUNS times would measure that seed alone.
	local seed
	for smp in 1 32 64; do
		: > "$OUT/ia64.ms"; : > "$OUT/ia64.insns"; : > "$OUT/ia64.ready"
		for seed in $(seq "$RUNS"); do
			local t0 t1
			t0=$(now_ms)
			"$BUILD/ia64/ia64sim" -smp "$smp" -m 512 --seed "$seed" \
				"$BUILD/ia64/tern.elf" -- poweroff > "$OUT/ia64.log" 2>&1 < /dev/null
			t1=$(now_ms)
			echo $((t1 - t0)) >> "$OUT/ia64.ms"
			sed -n 's/^ia64sim: \([0-9]*\) instructions.*/\1/p' "$OUT/ia64.log" >> "$OUT/ia64.insns"
			tr -d '\r' < "$OUT/ia64.log" | sed -n 's/^boot: ready in \([0-9]*\) ms$/\1/p' >> "$OUT/ia64.ready"
		done
		ms=$(median < "$OUT/ia64.ms")
		insns=$(median < "$OUT/ia64.insns")
		ready=$(median < "$OUT/ia64.ready")
		ia64_rows+="| $smp | $ms | $(cat "$KEYS" "$SECT/boot.keys" 2> /dev/null | sed -n "s/^tern_boot_ms_smp$smp=//p" | head -n 1) | $insns | $ready |
"
		key "ia64_boot_ms_smp$smp" "$ms"
	done
	cat > "$SECT/ia64.md" << EOF
## The IA-64 simulator, and Tern on it

| program | guest instructions (exact) | host ms (median of $RUNS) | million guest instructions per second |
|---|---:|---:|---:|
$rows
Test programs of tools/ia64sim/tests, compiled with the IA-64 cross gcc at
-O2: division through libgcc and the FP unit, deep recursion through the
register stack engine, sorting with data speculation, and 32 CPUs taking
turns on one host core.  \`ia64sim_mips\` is the sort's figure.

| -smp | IA-64 on the simulator: host ms to power-off | x86 under QEMU, ms (the boot part's, this run's or the last) | guest instructions, all CPUs | Tern's own \`boot: ready in\`, guest ms |
|---:|---:|---:|---:|---:|
$ia64_rows
Tern built for IA-64 (\`make ARCH=ia64\`) booting with \`poweroff\`:
from the simulator's start to EFI's power-off, after every migration
thread is home.  The simulator runs one CPU at a time on one host core
but skips idle time; guest time is the ITC at 100 MHz, one instruction a
cycle.  Each column is the median of $RUNS boots with seeds 1 to $RUNS
(each seed's counts are exact and repeat; the seeds differ).
EOF
}

# --- run the parts, then the report ------------------------------------------
for part in boot o1 switch balance costs ia64; do
	want "$part" || continue
	say "$part ..."
	before=$(wc -l < "$KEYS")
	"bench_$part" || say "$part: incomplete (see above)"
	tail -n +"$((before + 1))" "$KEYS" > "$SECT/$part.keys"
done

machine="$(nproc) cores, $(qemu-system-x86_64 --version | head -n 1), TCG"
{
	echo "# Benchmarks"
	echo
	echo "Written by \`make bench\` ($(date -u +%Y-%m-%d), $machine; parts of this run: $BENCH)."
	echo "Every wall-clock figure is a median of interleaved runs, every other one"
	echo "an exact count.  Benchmarks measure; they never pass or fail a build."
	echo
	echo "## Keys"
	echo
	echo "\`make bench\` ends with a \`bench: KEY=VALUE ...\` line; the keys of every"
	echo "part, from this run or the last run of that part:"
	echo
	echo '```'
	for part in boot o1 switch balance costs ia64; do
		[ -f "$SECT/$part.keys" ] && cat "$SECT/$part.keys"
	done | tr '\n' ' ' | fold -s -w 76
	echo
	echo '```'
	for part in boot o1 switch balance costs ia64; do
		[ -f "$SECT/$part.md" ] && { echo; cat "$SECT/$part.md"; }
	done
} > docs/bench.md
echo "bench: $(tr '\n' ' ' < "$KEYS")"

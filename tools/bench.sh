#!/usr/bin/env bash
# tools/bench.sh - `make bench`: boot-time measurements, side by side.
#
# The machines this runs on are shared and noisy, so nothing here is a
# pass/fail test.  Every number is a median over interleaved runs of the
# things being compared, so a slow moment hurts both sides alike:
#   qemu-null   QEMU start to exit for a kernel that exits at once
#               (tools/bench/null.asm): QEMU's own start-up cost
#   tern        QEMU start to exit for Tern booting with `poweroff`
#   tern-ready  what Tern itself reports: `boot: ready in T ms`
# Writes the table to docs/bench.md and ends with `bench: KEY=VALUE` lines.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-15}
mkdir -p "$BUILD/bench"

nasm -f elf32 tools/bench/null.asm -o "$BUILD/bench/null.o"
ld -m elf_i386 -Ttext 0x100000 -e _start "$BUILD/bench/null.o" -o "$BUILD/bench/null.elf"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# run_ms KERNEL CMDLINE SMP -> wall ms from spawn to exit (and the log)
run_ms() {
	local t0 t1
	t0=$(now_ms)
	tools/qemu-run --timeout 60 --log "$BUILD/bench/last.log" \
		-accel tcg,thread=multi -m 512M -smp "$3" -kernel "$1" -append "$2" >/dev/null
	t1=$(now_ms)
	echo $((t1 - t0))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

rows=""
keys=""
for smp in 1 32 128 255; do
	: > "$BUILD/bench/null.$smp"; : > "$BUILD/bench/tern.$smp"; : > "$BUILD/bench/ready.$smp"
	runs=$RUNS
	[ "$smp" -gt 32 ] && runs=$(( (RUNS + 2) / 3 )) # QEMU alone takes seconds there
	for _ in $(seq "$runs"); do
		run_ms "$BUILD/bench/null.elf" "" "$smp" >> "$BUILD/bench/null.$smp"
		run_ms "$BUILD/tern.elf" "poweroff" "$smp" >> "$BUILD/bench/tern.$smp"
		sed -n 's/.*boot: ready in \([0-9]*\) ms.*/\1/p' "$BUILD/bench/last.log" >> "$BUILD/bench/ready.$smp"
	done
	null=$(median < "$BUILD/bench/null.$smp")
	tern=$(median < "$BUILD/bench/tern.$smp")
	ready=$(median < "$BUILD/bench/ready.$smp")
	rows="$rows| $smp | $runs | $null | $tern | $((tern - null)) | $ready |
"
	keys="$keys boot_smp${smp}_qemu_null_ms=$null boot_smp${smp}_tern_ms=$tern boot_smp${smp}_added_ms=$((tern - null)) boot_smp${smp}_ready_ms=$ready"
done

# bench_line NAME QEMU-ARGS...: boot ktest=bench_NAME, print its bench: values.
bench_line() {
	local name=$1
	shift
	tools/qemu-run --timeout 300 --log "$BUILD/bench/$name.log" "$@" -m 1G \
		-kernel "$BUILD/tern.elf" -append "ktest=bench_$name panic=-1" >/dev/null
	sed -n 's/^bench: //p' "$BUILD/bench/$name.log"
}

# schedule() with 1 and with 10,000 runnable tasks queued behind a yielding
# SCHED_FIFO thread.  Under -icount the cycle counter counts instructions,
# so the numbers repeat exactly; the -smp 2 run shows the wall-clock cost
# with a second CPU's load balancer scanning the queue.
sched_icount=$(bench_line schedule_cost -accel tcg -icount shift=0 -smp 1)
sched_smp2=$(bench_line schedule_cost -accel tcg,thread=multi -smp 2)
# (the console ends its lines with \r\n: no \r may stick to a value)
field() { echo "$1" | tr -d '\r' | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# run_timers() - the timer part of every tick - with no timer and with
# 1,000 timers sleeping on the CPU it runs on (the ktest
# bench_timer_tick_cost): exact under -icount, noisy in TSC cycles.
timer_icount=$(bench_line timer_tick_cost -accel tcg -icount shift=0 -smp 1)
timer_smp2=$(bench_line timer_tick_cost -accel tcg,thread=multi -smp 2)

# What the lock validator (lockcheck=on) adds to a spin_lock + spin_unlock
# pair, interrupts off (the ktest bench_lock_cost): exact under -icount.
lock_icount=$(bench_line lock_cost -accel tcg -icount shift=0 -smp 1)

# What a trace event costs, off and on, and what tracing adds to a context
# switch (the ktest bench_trace_cost): exact under -icount.
trace_icount=$(bench_line trace_cost -accel tcg -icount shift=0 -smp 2)

# Load balancing: ticks until 4 x N threads started on CPU 0 are spread to
# 4 +- 1 per CPU (the sched_balance_spreads_work ktest), three runs each.
balance_ticks() {
	for _ in 1 2 3; do
		tools/qemu-run --timeout 120 --log "$BUILD/bench/balance.log" \
			-accel tcg,thread=multi -m 512M -smp "$1" -kernel "$BUILD/tern.elf" \
			-append "ktest=sched_balance_spreads_work panic=-1" >/dev/null
		tr -d '\r' < "$BUILD/bench/balance.log" | sed -n 's/^balance: .* in \([0-9]*\) ticks/\1/p'
	done | median
}
bal8=$(balance_ticks 8)
bal32=$(balance_ticks 32)
keys="$keys schedule_icount_1=$(field "$sched_icount" schedule_cycles_1) schedule_icount_10000=$(field "$sched_icount" schedule_cycles_10000) balance_ticks_smp8=$bal8 balance_ticks_smp32=$bal32"
keys="$keys timer_tick_icount_0=$(field "$timer_icount" timer_tick_cycles_0) timer_tick_icount_1000=$(field "$timer_icount" timer_tick_cycles_1000)"
keys="$keys trace_event_icount_off=$(field "$trace_icount" trace_event_off) trace_event_icount_on=$(field "$trace_icount" trace_event_on) switch_icount_trace_off=$(field "$trace_icount" switch_trace_off) switch_icount_trace_on=$(field "$trace_icount" switch_trace_on)"
keys="$keys lock_pair_icount_off=$(field "$lock_icount" lock_pair_cycles_off) lock_pair_icount_on=$(field "$lock_icount" lock_pair_cycles_on) lock_nested_icount_off=$(field "$lock_icount" nested_cycles_off) lock_nested_icount_on=$(field "$lock_icount" nested_cycles_on)"

# The IA-64 simulator's speed: guest instructions per host second, the
# median of three runs of each program (the instruction counts are exact;
# the time is the host's, so noisy).
ia64sim_rows=""
make -s ia64sim ia64sim-ctests ia64sim-smptests >/dev/null
for prog in "c/divide" "c/recurse" "c/sort" "smp/fetchadd -smp 32"; do
	set -- $prog
	elf=$BUILD/ia64sim-tests/$1.elf
	shift
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		"$BUILD/ia64sim" "$@" "$elf" > /dev/null 2> "$BUILD/bench/ia64sim.err"
		t1=$(date +%s%N)
		echo $(( (t1 - t0) / 1000 ))
	done | median > "$BUILD/bench/ia64sim.us"
	us=$(cat "$BUILD/bench/ia64sim.us")
	insns=$(sed -n 's/^ia64sim: \([0-9]*\) instructions.*/\1/p' "$BUILD/bench/ia64sim.err")
	mips=$(( insns / (us > 0 ? us : 1) ))
	name=$(basename "${prog%% *}")
	ia64sim_rows="$ia64sim_rows| $prog | $insns | $((us / 1000)) | $mips |
"
	keys="$keys ia64sim_mips_$name=$mips"
done

# Tern on IA-64: host time from the simulator's start to Tern's power-off
# (after `migration: home N/N`), median of three, next to the x86 boot
# under QEMU measured above; the simulator's own count is exact.
ia64_rows=""
make -s ARCH=ia64 BUILD="$BUILD/ia64" all "$BUILD/ia64/ia64sim" >/dev/null
for smp in 1 32 64; do
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		"$BUILD/ia64/ia64sim" -smp "$smp" -m 512 "$BUILD/ia64/tern.elf" \
			-- poweroff > "$BUILD/bench/ia64.log" 2>&1 < /dev/null
		t1=$(date +%s%N)
		echo $(( (t1 - t0) / 1000000 ))
	done | median > "$BUILD/bench/ia64.ms"
	ms=$(cat "$BUILD/bench/ia64.ms")
	insns=$(sed -n 's/^ia64sim: \([0-9]*\) instructions.*/\1/p' "$BUILD/bench/ia64.log")
	ready=$(tr -d '\r' < "$BUILD/bench/ia64.log" | sed -n 's/^boot: ready in \([0-9]*\) ms$/\1/p')
	ia64_rows="$ia64_rows| $smp | $ms | $insns | $ready |
"
	keys="$keys ia64_boot_ms_smp$smp=$ms"
done

{
	echo "# Benchmarks"
	echo
	echo "Written by \`make bench\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(qemu-system-x86_64 --version | head -n 1), TCG)."
	echo "Medians of interleaved runs; wall-clock times include QEMU's start-up."
	echo
	echo "## Boot time"
	echo
	echo "| -smp | runs | QEMU alone, ms (null kernel) | Tern to power-off, ms | Tern adds, ms | Tern's own \`boot: ready in\`, ms |"
	echo "|---:|---:|---:|---:|---:|---:|"
	printf '%s' "$rows"
	echo
	echo "\"QEMU alone\" boots tools/bench/null.asm, a multiboot kernel whose first"
	echo "instruction leaves QEMU.  \"Tern adds\" is the difference of the two medians:"
	echo "the cost of Tern's own initialisation - firmware tables, starting every CPU"
	echo "(one INIT-SIPI-SIPI round for all of them), their timers - measured side by"
	echo "side.  \`boot: ready in\` is Tern's own count from its first instruction,"
	echo "which includes 30 ms of timer calibration (TSC 10 ms, checked for another"
	echo "10 ms against a second source, and LAPIC 10 ms) and"
	echo "the 10 ms INIT wait the Intel SDM prescribes.  Boot now ends with"
	echo "\`migration: home N/N\`, so these times include starting every migration thread"
	echo "on CPU 0 and moving each one home."
	echo
	echo "## schedule() cost"
	echo
	echo "| run | 1 task queued | 10,000 tasks queued | ratio |"
	echo "|---|---:|---:|---:|"
	echo "| -smp 1, -icount (instructions, exact) | $(field "$sched_icount" schedule_cycles_1) | $(field "$sched_icount" schedule_cycles_10000) | $(field "$sched_icount" ratio_x100)% |"
	echo "| -smp 2, TSC cycles (noisy) | $(field "$sched_smp2" schedule_cycles_1) | $(field "$sched_smp2" schedule_cycles_10000) | $(field "$sched_smp2" ratio_x100)% |"
	echo
	echo "A SCHED_FIFO thread yields 20,000 times with 1 or 10,000 normal threads"
	echo "queued behind it on its CPU (ktest \`bench_schedule_cost\`).  Picking the next"
	echo "task is a find-first-bit and a list head, whatever the number of tasks."
	echo
	echo "The O(n) part of Linux 2.5's design is in load_balance(), not in schedule():"
	echo "a second, idle CPU's balancer scans the busiest queue under its lock.  Until"
	echo "2026-12-02 it scanned the 10,000 (all bound to the first CPU) on every tick,"
	echo "and the yields waited for it: 1,789 against 2,270 cycles (126%).  Now the"
	echo "first scan that finds every task pinned away marks the queue (pinned_for), and"
	echo "the idle CPU skips it until a task arrives there or a mask changes"
	echo "(docs/sched.md).  The same change, and counting uninterruptible sleepers for"
	echo "the load average, made schedule() 20 instructions longer (348 before);"
	echo "the lock validator (lockcheck=on) added 30 more (398), and in December"
	echo "2026 its lock-order checks, each CPU's record of the locks it holds and the"
	echo "watchdog's stamp 96 more (494): schedule() takes one runqueue lock, whose"
	echo "release in the next task is recorded too."
	echo
	echo "## The tick's cost with 1,000 sleeping timers"
	echo
	echo "| run | no timer | 1,000 timers sleeping | ratio | timers the wheel moved meanwhile |"
	echo "|---|---:|---:|---:|---:|"
	echo "| -smp 1, -icount (instructions, exact) | $(field "$timer_icount" timer_tick_cycles_0) | $(field "$timer_icount" timer_tick_cycles_1000) | $(field "$timer_icount" ratio_x100)% | $(field "$timer_icount" cascaded_1000) |"
	echo "| -smp 2, TSC cycles (noisy) | $(field "$timer_smp2" timer_tick_cycles_0) | $(field "$timer_smp2" timer_tick_cycles_1000) | $(field "$timer_smp2" ratio_x100)% | $(field "$timer_smp2" cascaded_1000) |"
	echo
	echo "The cost of run_timers(), the timer part of every tick, on one CPU: the"
	echo "median of 2,000 ticks with no timer on that CPU and of 2,000 with 1,000 timers"
	echo "due 1 to 11 hours ahead, measured in four alternating turns (ktest"
	echo "\`bench_timer_tick_cost\`).  Each CPU keeps its timers in a timer wheel"
	echo "(docs/timers.md): a tick moves the wheel's clock over the jiffies that passed"
	echo "and empties the first-level slot of each, so it never looks at the sleepers,"
	echo "which wait in the fourth level until their slot comes round - once every"
	echo "2^20 jiffies, 17 minutes at hz=1000 (the last column counts the timers a"
	echo "cascade moved during the measurement).  Before the wheel (until"
	echo "2026-12-02) every tick walked a list of all the CPU's timers: 84 instructions"
	echo "with no timer, 6,084 with 1,000 (72 times as many; 1,170 and 17,680 TSC"
	echo "cycles at -smp 2).  The empty tick now costs about twice as much as it did,"
	echo "a few dozen instructions: the search of the first level's bitmap and the"
	echo "bookkeeping that lets a CPU catch up on lost ticks (and 30 more since the"
	echo "lock validator checks the tick's locks: 158 without it; 78 more since it"
	echo "also checks lock order and each CPU records the locks it holds: 188 before)."
	echo
	echo "## The lock validator's cost"
	echo
	echo "| run | lockcheck=off | lockcheck=on | added |"
	echo "|---|---:|---:|---:|"
	echo "| -smp 1, -icount: instructions per lock + unlock, no other lock held | $(field "$lock_icount" lock_pair_cycles_off) | $(field "$lock_icount" lock_pair_cycles_on) | $(field "$lock_icount" lockcheck_added) |"
	echo "| the same, one other lock held (one known pair to check) | $(field "$lock_icount" nested_cycles_off) | $(field "$lock_icount" nested_cycles_on) | $(field "$lock_icount" nested_added) |"
	echo
	echo "The median of nine rounds of 10,000 spin_lock() + spin_unlock() pairs on"
	echo "one lock with interrupts off (ktest \`bench_lock_cost\`; docs/smp.md"
	echo "section 7), exact under -icount.  With the validator on, each lock looks up"
	echo "its class (cached in the lock after the first time), learns whether it is"
	echo "in an interrupt handler or has interrupts on (with interrupts off outside a"
	echo "handler there is nothing to learn), and for each lock this CPU already"
	echo "holds tests one bit of the lock-order graph (a 256 x 256 bitmap): only a"
	echo "pair never seen before takes the slow path, a search of the graph.  No"
	echo "allocation: classes, graph and edge sites are static tables.  Even with"
	echo "lockcheck=off every lock costs some 60 instructions more than it did before"
	echo "December 2026 (66): each CPU now writes down the locks it holds and the one"
	echo "it is taking, from before it takes its ticket (\`spin_held\`), for the"
	echo "watchdog, the monitor's \`locks\` and gdb's \`tern locks\`; the second half"
	echo "(107 -> 127) closed the moment between ticket and record in which a lock was"
	echo "held and nobody could tell by whom."
	echo
	echo "## Tracing's cost"
	echo
	echo "| -smp 2, -icount (instructions, exact) | trace off | trace on |"
	echo "|---|---:|---:|"
	echo "| one event (trace_switch(), interrupts off) | $(field "$trace_icount" trace_event_off) | $(field "$trace_icount" trace_event_on) |"
	echo "| a context switch: yield() between two SCHED_FIFO threads on one CPU | $(field "$trace_icount" switch_trace_off) | $(field "$trace_icount" switch_trace_on) |"
	echo
	echo "The ktest \`bench_trace_cost\` (kernel/trace_ktest.c), exact under -icount."
	echo "Off, an event site is a load and a branch (the 10,000-call loop's own"
	echo "instructions included); on, the recorder turns interrupts off, stamps"
	echo "the cycle counter, copies the pid and the 16-byte name of each task and"
	echo "publishes the record.  A context switch records one event, so tracing"
	echo "adds one event's cost to each switch that happens (schedule() when it"
	echo "picks the same task again records nothing).  docs/trace.md."
	echo
	echo "## Load balancing"
	echo
	echo "| -smp | threads started on CPU 0 | ticks until every CPU has 4 +- 1 (median of 3) |"
	echo "|---:|---:|---:|"
	echo "| 8 | 32 | $bal8 |"
	echo "| 32 | 128 | $bal32 |"
	echo
	echo "Ticks here are jiffies: since December 2026 they count the time that passed,"
	echo "by the cycle counter, not the timer interrupts that arrived.  Under TCG, with"
	echo "many virtual CPUs on two host cores, most interrupts of a busy CPU come late"
	echo "and merge (docs/smp.md), so the same convergence now reads as more ticks:"
	echo "6 and 6 counted by interrupts (2026-11-29) are these numbers counted by time."
	echo "Balancing itself still happens in ticks that arrive: an idle CPU tries in"
	echo "each, a busy one every 200 ms."
	echo
	echo "## The IA-64 simulator (tools/ia64sim)"
	echo
	echo "| program | guest instructions (exact) | host ms (median of 3) | million guest instructions per second |"
	echo "|---|---:|---:|---:|"
	printf '%s' "$ia64sim_rows"
	echo
	echo "Test programs of tools/ia64sim/tests, compiled with the IA-64 cross gcc at"
	echo "-O2: division by variables through libgcc and the FP unit, deep recursion"
	echo "through the register stack engine, sorting with gcc's data speculation,"
	echo "and 32 CPUs taking turns on one host core.  The issue asked for at least 20"
	echo "million per second on straight-line code; the simulator decodes each bundle"
	echo "as it reaches it (no predecoding) and keeps NaT bits for every register."
	echo "Time in the guest is instructions, so these numbers never change what a"
	echo "program computes, only how long the host takes."
	echo
	echo "## Tern on IA-64 (on the simulator)"
	echo
	echo "| -smp | host ms to power-off (median of 3) | guest instructions, all CPUs (exact) | Tern's own \`boot: ready in\`, guest ms |"
	echo "|---:|---:|---:|---:|"
	printf '%s' "$ia64_rows"
	echo
	echo "Tern built for IA-64 (\`make ARCH=ia64\`) booting with \`poweroff\` on"
	echo "tools/ia64sim: from the simulator's start to EFI's power-off, after every"
	echo "migration thread is home.  Compare the x86 boot under QEMU in the first"
	echo "table: the simulator runs one CPU at a time on one host core, but it"
	echo "skips idle time and has no firmware to wait for.  Guest time is the ITC at"
	echo "100 MHz, one instruction a cycle."
} > docs/bench.md
cat docs/bench.md
echo "bench:$keys"

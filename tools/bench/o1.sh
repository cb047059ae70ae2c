#!/usr/bin/env bash
# tools/bench/o1.sh [OUTDIR] - "O(1), deterministically": instructions per
# call of Tern's real scheduler_tick() + schedule() with 1 to 100,000
# runnable tasks, beside an O(n) picker over the same tasks, counted by
# valgrind's callgrind (docs/bench-o1.md).
#
# Builds $BUILD/bench/o1/o1 (tools/bench/o1/o1.mk), runs it under callgrind
# once per task count and picker, prints a table, and writes to OUTDIR
# (default docs/img): o1.dat (the numbers), o1.svg and o1.png (the plot,
# both axes logarithmic).  Ends with `bench: KEY=VALUE` lines:
#   bench: o1_insns_N=...   Tern, instructions per tick + schedule()
#   bench: on_insns_N=...   the O(n) scan, the same
#   bench: o1_flatness=X.XX        Tern's cost at 10,000 tasks / at 1
#   bench: on_vs_o1_10k=N          the scan's cost / Tern's, at 10,000
# Exit status 0 when every run was counted as it should be.
#
# Counts are exact and the same on every run (one simulated CPU, a cycle
# counter that only the program moves): nothing here depends on the clock.
set -u
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
OUT=${1:-docs/img}
DIR=$BUILD/bench/o1
BIN=$DIR/o1
NS="1 10 100 1000 10000 100000"
K_TERN=10000        # ten simulated seconds at hz=1000
SCAN_SLOTS=10000000 # the scan's K: about this many slots looked at, in all

die() { echo "o1.sh: $*" >&2; exit 1; }

command -v valgrind > /dev/null || die "valgrind is missing: run tools/deps.sh bench"
command -v gnuplot > /dev/null || die "gnuplot is missing: run tools/deps.sh bench"
[ -f /usr/include/valgrind/callgrind.h ] ||
	die "/usr/include/valgrind/callgrind.h is missing (Debian's valgrind package has it): run tools/deps.sh bench"
mkdir -p "$OUT" || die "cannot create $OUT"
make --no-print-directory BUILD="$BUILD" o1-bench-bin || die "the build failed"
mkdir -p "$DIR/callgrind"

# calls_of FILE CALLER CALLEE: how many calls callgrind saw from CALLER to
# CALLEE (its output names a function in full once, then by number).
calls_of() {
	awk -v caller="$2" -v callee="$3" '
	function name(s,   id) {
		if (match(s, /^\([0-9]+\)/)) {
			id = substr(s, RSTART, RLENGTH)
			if (length(s) > RLENGTH + 1)
				names[id] = substr(s, RLENGTH + 2)
			return names[id]
		}
		return s
	}
	/^fn=/  { fn = name(substr($0, 4)); next }
	/^cfn=/ { cfn = name(substr($0, 5)); next }
	/^calls=/ && fn == caller && cfn == callee {
		n += substr($1, 7)
	}
	END { print n + 0 }' "$1"
}

# measure WHICH N K TICK SCHEDULE RUNNER: run the program under callgrind,
# counting only inside TICK and SCHEDULE (callees included); checks that
# RUNNER called each exactly K times and prints the total instructions.
measure() {
	local which=$1 n=$2 k=$3 tick=$4 sched=$5 runner=$6
	local cg=$DIR/callgrind/$which.$n log=$DIR/callgrind/$which.$n.log total c
	if ! valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no \
		--toggle-collect="$tick" --toggle-collect="$sched" \
		--callgrind-out-file="$cg" "$BIN" "$which" "$n" "$k" > "$log" 2>&1; then
		die "$BIN $which $n $k failed under callgrind: see $log"
	fi
	grep -q 'callgrind_requests=1' "$log" ||
		die "$BIN was built without <valgrind/callgrind.h>: nothing was counted ($log)"
	total=$(sed -n 's/^totals: \([0-9]*\).*/\1/p' "$cg")
	if [ -z "$total" ] || [ "$total" -eq 0 ]; then
		die "callgrind counted nothing in $cg"
	fi
	for f in "$tick" "$sched"; do
		c=$(calls_of "$cg" "$runner" "$f")
		[ "$c" = "$k" ] || die "$cg: $runner called $f $c times, not $k"
	done
	echo "$total"
}

printf '# N  tern_insns_per_call  scan_insns_per_call  tern_total  tern_K  scan_total  scan_K\n' > "$OUT/o1.dat"
printf '%8s %8s %14s %8s %16s %10s\n' N K "Tern O(1)" K "O(n) scan" "scan/Tern"
keys=""
declare -A tern scan total
for n in $NS; do
	ks=$((SCAN_SLOTS / n))
	[ $ks -gt $K_TERN ] && ks=$K_TERN
	[ $ks -lt 10 ] && ks=10
	t=$(measure tern "$n" $K_TERN scheduler_tick schedule tern_run) || exit 1
	s=$(measure scan "$n" $ks scan_tick scan_schedule scan_run) || exit 1
	total[$n]=$t
	tern[$n]=$(awk -v t="$t" -v k=$K_TERN 'BEGIN { printf "%.1f", t / k }')
	scan[$n]=$(awk -v t="$s" -v k=$ks 'BEGIN { printf "%.1f", t / k }')
	printf '%8s %8s %14s %8s %16s %10s\n' "$n" $K_TERN "${tern[$n]}" $ks "${scan[$n]}" \
		"$(awk -v a="${scan[$n]}" -v b="${tern[$n]}" 'BEGIN { printf "%.2f", a / b }')"
	printf '%s %s %s %s %s %s %s\n' "$n" "${tern[$n]}" "${scan[$n]}" "$t" $K_TERN "$s" $ks >> "$OUT/o1.dat"
	keys="$keys
bench: o1_insns_$n=$(printf '%.0f' "${tern[$n]}")
bench: on_insns_$n=$(printf '%.0f' "${scan[$n]}")"
done
echo "(instructions per call: scheduler_tick() + schedule() for Tern, scan_tick() + scan_schedule() for the scan; callgrind, callees included)"

# Both axes logarithmic; the same plot as SVG and as PNG.
plot='plot "'$OUT'/o1.dat" using 1:2 with linespoints lw 2 pt 7 title "Tern O(1): scheduler\\_tick() + schedule()", "'$OUT'/o1.dat" using 1:3 with linespoints lw 2 pt 5 title "O(n): a scan of the task table (xv6 style)"'
gnuplot <<EOF || die "gnuplot failed"
set logscale xy
set xlabel "runnable tasks"
set ylabel "instructions per tick + schedule()"
set key top left
set grid
set format x "10^{%T}"
set format y "10^{%T}"
set xrange [0.5:200000]
set title "Choosing the next task: Tern's O(1) scheduler beside an O(n) scan (callgrind)"
set terminal svg size 800,500 dynamic font "sans,12"
set output "$OUT/o1.svg"
$plot
set terminal pngcairo size 800,500 font "sans,10"
set output "$OUT/o1.png"
$plot
EOF

echo "$keys" | sed '/^$/d'
# both Tern runs made K_TERN calls: the ratio of the totals is exact
awk -v a="${total[10000]}" -v b="${total[1]}" 'BEGIN { printf "bench: o1_flatness=%.2f\n", a / b }'
awk -v a="${scan[10000]}" -v b="${tern[10000]}" 'BEGIN { printf "bench: on_vs_o1_10k=%.0f\n", a / b }'

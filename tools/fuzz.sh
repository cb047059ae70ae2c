#!/usr/bin/env bash
# tools/fuzz.sh - run the libFuzzer programs of tests/fuzz/.
#
#   tools/fuzz.sh list             the fuzzers' names
#   tools/fuzz.sh check [NAME...]  each fuzzer for a bounded number of
#                                  inputs, from its seeds, with a fixed
#                                  random seed: one `PASS fuzz/NAME` or
#                                  `FAIL fuzz/NAME: why` line each (what
#                                  `make test` runs, ~20 s in all)
#   tools/fuzz.sh run [NAME] [SECONDS]
#                                  NAME (default: every fuzzer) for
#                                  SECONDS each (default 60), growing the
#                                  corpus in build/fuzz/corpus/NAME/; the
#                                  coverage reached is printed at the end
#                                  (`make fuzz FUZZ=NAME FUZZ_TIME=SECONDS`)
#
# The fuzzers must be built first (make fuzz-bin).  A crash, a sanitizer
# report, a broken invariant or an input slower than 10 s is a failure;
# the input is saved as build/fuzz/crash-NAME-* (or timeout-/leak-/oom-)
# and named in the message.  To see what it does:
#	FUZZ_SHOW_LOG=1 build/fuzz/fuzz_NAME build/fuzz/crash-NAME-...
# See tests/fuzz/README.md.
set -u
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
FUZZ_DIR=$BUILD/fuzz
TARGETS="cmdline acpi mptable multiboot vsnprintf"
# Inputs per fuzzer in `check`, sized for ~3-4 s each on one busy core,
# and a time cap in case the machine is slower still.
declare -A RUNS=([cmdline]=20000 [acpi]=10000 [mptable]=10000
	[multiboot]=100000 [vsnprintf]=150000)
CHECK_CAP=5
COMMON=(-seed=1 -max_len=4096 -timeout=10 -rss_limit_mb=2048
	-print_final_stats=1)

usage() {
	sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
}

# One fuzzer; prints its verdict and returns 0 when it passed.
# fuzz_one NAME MODE LOG LIBFUZZER-ARGS...
fuzz_one() {
	local name=$1 mode=$2 log=$3
	shift 3
	local bin=$FUZZ_DIR/fuzz_$name seeds=tests/fuzz/corpus/$name
	if [ ! -x "$bin" ]; then
		echo "FAIL fuzz/$name: $bin was not built (make fuzz-bin; needs clang and libclang-rt-14-dev, tools/deps.sh)"
		return 1
	fi
	if [ ! -d "$seeds" ]; then
		echo "FAIL fuzz/$name: no seed corpus $seeds (python3 tests/fuzz/mkseeds.py)"
		return 1
	fi
	local work
	if [ "$mode" = check ]; then
		# A fresh, empty corpus each time: the same inputs every run.
		work=$FUZZ_DIR/check-corpus/$name
		rm -rf "$work"
	else
		work=$FUZZ_DIR/corpus/$name
	fi
	mkdir -p "$work"
	rm -f "$FUZZ_DIR/crash-$name-"* "$FUZZ_DIR/timeout-$name-"* \
		"$FUZZ_DIR/leak-$name-"* "$FUZZ_DIR/oom-$name-"*
	"$bin" "${COMMON[@]}" -artifact_prefix="$FUZZ_DIR/" "$@" \
		"$work" "$seeds" > "$log" 2>&1
	local status=$?
	local artifact
	artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | head -n 1)
	if [ -n "$artifact" ]; then
		# Name it after the fuzzer: crash-<sha1> -> crash-NAME-<sha1>.
		local base=${artifact##*/}
		local named=$FUZZ_DIR/${base%%-*}-$name-${base#*-}
		mv -f "$artifact" "$named" 2>/dev/null && artifact=$named
	fi
	local stats
	stats=$(grep -aE '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 |
		sed 's/^#\([0-9]*\).*cov: \([0-9]*\) ft: \([0-9]*\).*exec\/s: \([0-9]*\).*/\1 runs, cov \2, ft \3, \4 exec\/s/')
	if [ "$status" = 0 ] && [ -z "$artifact" ]; then
		echo "PASS fuzz/$name${stats:+ ($stats)}"
		return 0
	fi
	local why
	# The harness's own words first, then the sanitizer's one-line
	# summary (kind, file:line, function), then libFuzzer's.
	why=$(grep -aE 'invariant broken|Tern returned|runtime error:' "$log" | head -n 1)
	[ -n "$why" ] || why=$(grep -a '^SUMMARY: ' "$log" | head -n 1 |
		sed "s|$PWD/||g")
	[ -n "$why" ] || why=$(grep -aE 'ERROR: ' "$log" | head -n 1 |
		sed 's/^==[0-9]*== *//; s/ on address.*//')
	echo "FAIL fuzz/$name: ${why:-libFuzzer exited with status $status} - input saved as ${artifact:-(none)}; reproduce: $bin ${artifact:-}; full log $log"
	return 1
}

cmd=${1:-}
case $cmd in
list)
	echo $TARGETS
	;;
check)
	shift
	for t in "$@"; do
		[[ " $TARGETS " == *" $t "* ]] || {
			echo "FAIL fuzz/$t: there is no such fuzzer (there are: $TARGETS)"
			exit 1
		}
	done
	mkdir -p "$FUZZ_DIR"
	fails=0
	for t in ${*:-$TARGETS}; do
		fuzz_one "$t" check "$FUZZ_DIR/check-$t.log" \
			-runs="${RUNS[$t]}" -max_total_time=$CHECK_CAP ||
			fails=$((fails + 1))
	done
	[ "$fails" = 0 ]
	;;
run)
	only=${2:-}
	secs=${3:-60}
	[[ $secs =~ ^[0-9]+$ ]] && [ "$secs" -gt 0 ] || {
		echo "tools/fuzz.sh: FUZZ_TIME='$secs' is not a number of seconds" >&2
		exit 2
	}
	if [ -n "$only" ] && [[ " $TARGETS " != *" $only "* ]]; then
		echo "tools/fuzz.sh: no fuzzer '$only' (there are: $TARGETS)" >&2
		exit 2
	fi
	mkdir -p "$FUZZ_DIR"
	fails=0
	for t in ${only:-$TARGETS}; do
		echo "fuzz/$t: ${secs} s, corpus $FUZZ_DIR/corpus/$t/"
		fuzz_one "$t" run "$FUZZ_DIR/run-$t.log" \
			-max_total_time="$secs" || fails=$((fails + 1))
	done
	[ "$fails" = 0 ]
	;;
*)
	usage
	;;
esac

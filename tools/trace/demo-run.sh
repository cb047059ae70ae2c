#!/bin/sh
# tools/trace/demo-run.sh ELF SMP OUTDIR "CMDLINE" QEMU-ARGS... - `make trace`:
# boot Tern on SMP CPUs, run a workload that makes the scheduler do every
# kind of thing, capture the trace over the serial line, and turn it into
# a timeline.
#
# The workload, typed at the monitor: `spin SMP` (a CPU hog per CPU, all
# started on CPU 0: the load balancer spreads them) and `demo` (sleepers,
# a ping-pong pair on CPUs 1 and 2, a thread that pins itself to one CPU
# after another), for about a second (`top 1` is the clock), then
# `trace off` and `trace dump`.
#
# Writes OUTDIR/trace.log (the console), trace.json (Perfetto / Chrome
# trace events) and trace.svg (a timeline for any browser), checks the
# trace (tools/trace/tern-trace check) and prints a summary.  Exit status:
# 0 when all went well and every check held.
set -u
elf=$1 smp=$2 out=$3 cmdline=$4
shift 4
here=$(dirname "$0")
mkdir -p "$out"
log=$out/trace.log
printf '%s\n' 'trace clear' "spin $smp" demo 'top 1' 'demo stop' stop \
	'trace off' 'trace dump' poweroff > "$out/input.txt"
echo "trace: booting with -smp $smp, running spin $smp and demo for a second..."
# A PANIC: or LOCKCHECK: line ends the run a second after its report
# (tools/qemu-run --stop-on), not at the 180 s limit.
tools/qemu-run --timeout 180 --stop-on '^(PANIC|LOCKCHECK):' \
	--input "$out/input.txt" --log "$log" \
	"$@" -smp "$smp" -kernel "$elf" -append "trace=1024 $cmdline"
status=$?
if [ "$status" != 0 ]; then
	echo "trace: the run did not end with a clean power-off (qemu-run status $status); see $log" >&2
	exit 1
fi
"$here/tern-trace" check "$log" --cpus "$smp" || exit 1
"$here/tern-trace" json "$log" "$out/trace.json" || exit 1
"$here/tern-trace" svg "$log" "$out/trace.svg" || exit 1
"$here/tern-trace" summary "$log"
echo "trace: $out/trace.json - open it at https://ui.perfetto.dev (or chrome://tracing)"
echo "trace: $out/trace.svg - open it in any browser (wheel: zoom, drag: pan)"

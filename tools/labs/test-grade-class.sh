#!/usr/bin/env bash
# tools/labs/test-grade-class.sh LOGDIR - `make grade-class` as a teacher
# uses it, on a class of three made-up students, graded on lab 1:
#   ada  hands in the reference          -> pass, 3 of 3
#   bob  hands in the start state        -> fail, the checks named
#   carl hands in code that does not compile -> no-build
# and a directory that is not a Tern tree is skipped, not graded.  Prints
# PASS lab/grade-class or FAIL with what differed.
set -u
logdir=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
class=$(mktemp -d /tmp/tern-class.XXXXXX)
trap 'rm -rf "$class" "$class-grades" "$class.csv"' EXIT
copy() {
	mkdir -p "$class/$1"
	git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$class/$1"
	tar -cf - build/k build/host build/ksyms* build/tern*.elf 2> /dev/null | tar -xf - -C "$class/$1"
}
for s in ada bob carl; do copy "$s"; done
(cd "$class/bob" && tools/lab.sh start 1 > /dev/null)
echo 'this is not C' >> "$class/carl/kernel/sched_prio.c"
mkdir -p "$class/notes"
log=$logdir/grade-class.log
make --no-print-directory grade-class CLASS="$class" LABS=1 CSV="$class.csv" > "$log" 2>&1
status=$?
cp "$class.csv" "$logdir/grade-class.csv" 2> /dev/null
row() { grep "^$1,1," "$class.csv" 2> /dev/null | cut -d, -f3-6; }
why=""
[ "$status" = 0 ] || why="make grade-class exited with status $status;"
[ "$(head -1 "$class.csv" 2> /dev/null)" = "student,lab,passed,checks,verdict,failed_checks,log" ] ||
	why="$why the CSV does not start with its header;"
[ "$(row ada)" = "3,3,pass," ] || why="$why ada (the reference) should be '3,3,pass,', is '$(row ada)';"
case $(row bob) in
0,3,fail,*lab1/priority-array*) ;;
*) why="$why bob (the start state) should fail lab1/priority-array, is '$(row bob)';" ;;
esac
case $(row carl) in
*,no-build,*) ;;
*) why="$why carl (does not compile) should be no-build, is '$(row carl)';" ;;
esac
grep -q '^notes,' "$class.csv" && why="$why 'notes' (not a Tern tree) was graded;"
grep -q 'notes: no kernel/ directory' "$log" || why="$why it did not say why 'notes' was skipped;"
[ "$(wc -l < "$class.csv")" = 4 ] || why="$why the CSV should have a header and 3 rows, has $(wc -l < "$class.csv") lines;"
if [ -z "$why" ]; then
	echo "PASS lab/grade-class"
else
	echo "FAIL lab/grade-class: $why (see $log)"
fi

#!/usr/bin/env bash
# tools/grade-class.sh [-l "LABS"] [-o CSV] CLASSDIR - grade a class.
#
# CLASSDIR holds one directory per student, each a Tern tree with their
# work in it (a clone, an unpacked tarball: no .git needed).  Each student
# is graded on a scratch copy that takes the student's code - boot/,
# kernel/, arch/, lib/ and the answer sheets in labs/ - and everything else
# from this tree: the Makefile, the graders and the handouts.  So a student
# who edits a grader grades nothing but their own copy, and their tree is
# never touched.  A student's build/ comes along (times kept), so only what
# changed is rebuilt.
#
# Writes one CSV row per student and lab:
#   student,lab,passed,checks,verdict,failed_checks,log
# verdict is pass, fail, or no-build (the kernel did not compile);
# failed_checks names the checks that failed, separated by spaces; log is
# the grader's whole output, kept for the student.  Exit status 0 when every
# row could be graded (whatever the grades), 2 on bad use.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
labs="" csv=""
usage() {
	echo "usage: tools/grade-class.sh [-l \"1 4 7\"] [-o grades.csv] CLASSDIR" >&2
	echo "       (make grade-class CLASS=DIR [LABS=\"1 4\"] [CSV=grades.csv])" >&2
	exit 2
}
while getopts "l:o:" opt; do
	case $opt in
	l) labs=$OPTARG ;;
	o) csv=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 1 ] || usage
class=${1%/}
[ -d "$class" ] || { echo "grade-class: $class is not a directory" >&2; exit 2; }
class=$(cd "$class" && pwd)
all=$("$top/tools/lab.sh" list | cut -d' ' -f1 | tr '\n' ' ')
[ -n "$labs" ] || labs=$all
for n in $labs; do
	case " $all " in
	*" $n "*) ;;
	*) echo "grade-class: there is no lab $n (the labs are: $all)" >&2; exit 2 ;;
	esac
done
[ -n "$csv" ] || csv=$class-grades.csv
out=$class-grades
mkdir -p "$out"
students=$(find "$class" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
[ -n "$students" ] || { echo "grade-class: $class has no student directories" >&2; exit 2; }

# Everything a grade depends on that is not the student's to change.
ours() {
	(cd "$top" && git ls-files -z --cached --others --exclude-standard |
		grep -zvE '^(boot|kernel|arch|lib|labs)/' | tar --null -T - -cf -)
}
theirs() {
	(cd "$1" && tar -cf - --ignore-failed-read boot kernel arch lib labs build 2> /dev/null)
}

echo "student,lab,passed,checks,verdict,failed_checks,log" > "$csv"
for s in $students; do
	if [ ! -d "$class/$s/kernel" ]; then
		echo "grade-class: $s: no kernel/ directory, not a Tern tree; skipped" >&2
		continue
	fi
	dir=$(mktemp -d /tmp/tern-grade.XXXXXX)
	ours | tar -xf - -C "$dir"
	theirs "$class/$s" | tar -xf - -C "$dir"
	for n in $labs; do
		log=$out/$s-lab$n.log
		(cd "$dir" && tools/lab.sh check "$n") > "$log" 2>&1
		status=$?
		line=$(sed -n "s/^lab $n: \([0-9]*\) of \([0-9]*\) checks passed.*/\1 \2/p" "$log" | tail -1)
		passed=${line% *} checks=${line#* }
		[ -n "$line" ] || passed=0 checks=0
		failed_checks=$(sed -n 's/^FAIL \([^ :]*\).*/\1/p' "$log" | tr '\n' ' ' | sed 's/ $//')
		if grep -q "the kernel does not build" "$log"; then
			verdict=no-build
		elif [ "$status" = 0 ] && [ -n "$line" ]; then
			verdict=pass
		else
			verdict=fail
		fi
		echo "$s,$n,$passed,$checks,$verdict,$failed_checks,$log" >> "$csv"
		printf '%-20s lab %-2s %s (%s of %s)\n' "$s" "$n" "$verdict" "$passed" "$checks"
	done
	rm -rf "$dir"
done
echo "grade-class: wrote $csv (logs in $out/)"

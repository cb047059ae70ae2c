#!/usr/bin/env bash
# tools/labs/test-labs.sh LOGDIR - every lab, as a student and a teacher
# meet it, on a scratch copy of the tree (make test never changes yours):
#   lab/N/start-fails   after make lab-N-start, make lab-N-check fails, and
#                       says what was expected and where to look
#   lab/N/reset         make lab-N-reset gives back files identical to the
#                       reference
#   lab/N/reference     make lab-N-check passes on the reference
# The copy takes the kernel's objects along (tar keeps their times), so
# only what a lab changes is rebuilt.
set -u
logdir=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d /tmp/tern-labs.XXXXXX)
trap 'rm -rf "$dir"' EXIT
cd "$top" || exit 2
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$dir"
tar -cf - build/k build/host build/ksyms* build/tern*.elf 2> /dev/null | tar -xf - -C "$dir"
cd "$dir" || exit 2
for n in $(tools/lab.sh list | cut -d' ' -f1); do
	log=$logdir/lab$n.log
	files=$(grep -rlE "/\\* LAB $n BEGIN " kernel arch lib labs 2> /dev/null)
	{ make --no-print-directory "lab-$n-start" && make --no-print-directory "lab-$n-check"; } > "$log" 2>&1
	status=$?
	if [ "$status" = 0 ]; then
		echo "FAIL lab/$n/start-fails: make lab-$n-check passed on the start state: the lab takes nothing out that its grader notices"
	elif ! grep -q '^FAIL lab' "$log" || ! grep -q '^  expected: ' "$log" || ! grep -q '^  look at:  ' "$log"; then
		echo "FAIL lab/$n/start-fails: the grader failed without saying what was expected and where to look (see $log)"
	else
		echo "PASS lab/$n/start-fails"
	fi
	make --no-print-directory "lab-$n-reset" >> "$log" 2>&1
	changed=
	for f in $files; do
		cmp -s "$f" "$top/$f" || changed="$changed $f"
	done
	if [ -n "$changed" ]; then
		echo "FAIL lab/$n/reset: after make lab-$n-reset these differ from the reference:$changed"
	else
		echo "PASS lab/$n/reset"
	fi
	if make --no-print-directory "lab-$n-check" >> "$log" 2>&1; then
		echo "PASS lab/$n/reference"
	else
		echo "FAIL lab/$n/reference: make lab-$n-check fails on the reference kernel: $(grep -m1 '^FAIL' "$log")"
	fi
done

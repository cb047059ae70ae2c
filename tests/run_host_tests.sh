#!/bin/sh
# tests/run_host_tests.sh - run host unit test programs, TAP on stdout.
#
# Usage: tests/run_host_tests.sh PROGRAM...
#
# Each PROGRAM is a cmocka test program.  With CMOCKA_MESSAGE_OUTPUT=TAP it
# prints "1..N", then "ok N - name" or "not ok N - name" for each test, with
# failure details as "# ..." lines.
#
# Why this is a script and not a one-line loop: a sanitizer error (ASan,
# UBSan) kills the program on the spot, so the tests after it print no line
# at all, and a leak report fails the exit status after every test said
# "ok".  In both cases this script adds one "not ok" line naming the
# program, so that anything counting TAP lines sees the failure.
#
# Exit status: 0 if every program exited 0, else 1.

tap=$(mktemp) || exit 1
trap 'rm -f "$tap"' EXIT

status=0
for prog in "$@"; do
	echo "# $prog"
	CMOCKA_MESSAGE_OUTPUT=TAP "$prog" >"$tap"
	rc=$?
	cat "$tap"
	[ "$rc" -eq 0 ] && continue
	status=1

	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$tap" | head -n 1)
	ran=$(grep -cE '^(not )?ok [0-9]+ - ' "$tap")
	failed=$(grep -cE '^not ok [0-9]+ - ' "$tap")
	if [ "$ran" -lt "${plan:-1}" ]; then
		echo "not ok $((ran + 1)) - $(basename "$prog"): died with" \
			"status $rc after $ran of ${plan:-?} tests (see stderr)"
	elif [ "$failed" -eq 0 ]; then
		echo "not ok $((ran + 1)) - $(basename "$prog"): all tests" \
			"passed but it exited with status $rc (see stderr)"
	fi
done
exit $status

#!/usr/bin/env bash
# tools/lab.sh list | start N | check N | reset N - the labs (docs/labs/).
#
# A lab's start state is the reference kernel with marked pieces taken
# out.  The pieces stay in the real code, between two comments:
#
#	/* LAB 4 BEGIN stub: rq_lock(a); if (a != b) rq_lock(b); */
#	...the reference code...
#	/* LAB 4 END */
#
# `start` replaces what is between them with a "your code here" line and
# the stub (code that compiles and is wrong), and keeps the reference
# piece in .lab/ (not under build/: make clean must not lose it); `reset`
# puts it back (from .lab/, or else from git's HEAD).  So there is one
# copy of the kernel, and a lab can never drift from it.  `check` builds,
# runs the lab's grader (tools/labs/labN.sh) and prints a verdict per
# check, Pintos-style: what was expected, what happened, where to look.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
labs=docs/labs
save=.lab

# The lab's title: the first line of its handout, "# Lab N: TITLE".
title() { sed -n '1s/^# Lab [0-9]*: //p' "$labs/lab$1.md"; }

# Files with pieces of lab N: kernel sources, and for a lab whose work is
# answers rather than code (a gdb hunt), its answer sheet in labs/, whose
# pieces are marked the same way.
files_of() {
	grep -rlE --include='*.c' --include='*.h' --include='*.S' --include='*.txt' \
		"/\\* LAB $1 BEGIN " kernel arch lib labs 2> /dev/null | sort
}

need_lab() {
	if [ ! -f "$labs/lab$1.md" ] || [ ! -x "tools/labs/lab$1.sh" ]; then
		echo "lab: there is no lab $1 (make lab-list lists them)" >&2
		exit 2
	fi
}

# region N FILE: print the lines between lab N's markers in FILE (stdin if
# FILE is -), each piece followed by a line "@@".
region() {
	awk -v n="$1" '
		$0 ~ "/\\* LAB " n " BEGIN " { on = 1; next }
		$0 ~ "/\\* LAB " n " END \\*/" { on = 0; print "@@"; next }
		on { print }' "$2"
}

# splice N FILE PIECES: replace the pieces of lab N in FILE with those in
# the file PIECES (the output of region), in order.
splice() {
	awk -v n="$1" -v pieces="$3" '
		BEGIN { k = 0; while ((getline l < pieces) > 0) { if (l == "@@") k++; else p[k] = p[k] l "\n" } }
		$0 ~ "/\\* LAB " n " BEGIN " { print; printf "%s", p[i++]; skip = 1; next }
		$0 ~ "/\\* LAB " n " END \\*/" { skip = 0 }
		!skip { print }' "$2" > "$2.lab-tmp" && mv "$2.lab-tmp" "$2"
}

# stubs N FILE: the start-state pieces: "your code here" and the stub.
stubs() {
	awk -v n="$1" '
		$0 ~ "/\\* LAB " n " BEGIN " {
			match($0, /^[ \t]*/); ind = substr($0, 1, RLENGTH)
			s = $0; sub(/.* BEGIN stub: /, "", s); sub(/ \*\/[ \t]*$/, "", s)
			printf "%s/* LAB %s: your code here (docs/labs/lab%s.md) */\n%s%s\n@@\n", ind, n, n, ind, s
		}' "$2"
}

started() { grep -q "/\\* LAB $1: your code here" "$2"; }

saved_name() { echo "$save/$1/$(echo "$2" | tr / _)"; }

cmd_list() {
	for f in "$labs"/lab*.md; do
		n=${f##*/lab}
		n=${n%.md}
		case $n in *[!0-9]*) continue ;; esac
		[ -x "tools/labs/lab$n.sh" ] && echo "$n $(title "$n")"
	done | sort -n
}

cmd_start() {
	local n=$1 f
	need_lab "$n"
	local fs
	fs=$(files_of "$n")
	[ -n "$fs" ] || { echo "lab $n: no marked pieces in the tree" >&2; exit 2; }
	mkdir -p "$save/$n"
	for f in $fs; do
		if started "$n" "$f"; then
			echo "lab $n: $f is already in its start state"
			continue
		fi
		region "$n" "$f" > "$(saved_name "$n" "$f")"
		stubs "$n" "$f" > "$save/$n/stubs.tmp"
		splice "$n" "$f" "$save/$n/stubs.tmp"
		rm -f "$save/$n/stubs.tmp"
		echo "lab $n: took out $(grep -cv '^@@$' "$(saved_name "$n" "$f")") lines of $f (between the LAB $n markers); the reference is kept in $(saved_name "$n" "$f")"
	done
	echo "lab $n: $(title "$n") - the handout is $labs/lab$n.md; make lab-$n-check grades it"
}

cmd_reset() {
	local n=$1 f src
	need_lab "$n"
	for f in $(files_of "$n"); do
		started "$n" "$f" || continue
		src=$(saved_name "$n" "$f")
		if [ ! -s "$src" ]; then
			git show "HEAD:$f" 2> /dev/null | region "$n" - > "$save/$n.git.tmp"
			if [ ! -s "$save/$n.git.tmp" ] || grep -q "LAB $n: your code here" "$save/$n.git.tmp"; then
				echo "lab $n: the reference for $f is neither in $src nor in git's HEAD; git checkout an older $f" >&2
				exit 1
			fi
			src=$save/$n.git.tmp
		fi
		splice "$n" "$f" "$src"
		echo "lab $n: $f is back to the reference"
	done
	rm -rf "${save:?}/$n" "$save/$n.git.tmp"
	echo "lab $n: reset"
}

cmd_check() {
	local n=$1
	need_lab "$n"
	echo "lab $n: $(title "$n") - building..."
	mkdir -p build
	if ! make --no-print-directory all > build/labs-build.log 2>&1; then
		echo "FAIL lab$n/build: the kernel does not build; the first error:"
		grep -m3 -E "error|Error" build/labs-build.log | sed 's/^/  /'
		echo "lab $n: 0 checks passed - fix the build first"
		return 1
	fi
	rm -f build/labs-build.log
	"tools/labs/lab$n.sh"
}

case ${1:-} in
list) cmd_list ;;
start) cmd_start "${2:?lab number}" ;;
reset) cmd_reset "${2:?lab number}" ;;
check) cmd_check "${2:?lab number}" ;;
*) echo "usage: tools/lab.sh list | start N | check N | reset N" >&2; exit 2 ;;
esac

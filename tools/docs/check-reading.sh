#!/usr/bin/env bash
# tools/docs/check-reading.sh - docs/reading.md, the reading order, still
# covers the tree: every source file in boot/ kernel/ arch/ lib/ (the
# ktests are covered by kernel/*_ktest.c) has a place in it, every path
# it names exists (the "By question" part's too), and every question of
# that part names a file.  Prints one line per problem; exit 1 if any.
set -u
cd "$(dirname "$0")/../.." || exit 2
doc=docs/reading.md
bad=0
named=$(grep -o '`[A-Za-z0-9_./*-]*`' "$doc" | tr -d '`' | grep -E '/.*(\.[A-Za-z]+|/)$' | sort -u)
for f in $(git ls-files boot kernel arch lib | grep -v '_ktest\.c$'); do
	if ! printf '%s\n' "$named" | grep -qxF "$f"; then
		echo "$doc does not give $f a place in the reading order"
		bad=1
	fi
done
for p in $named; do
	case $p in
	*'*'*) compgen -G "$p" > /dev/null || { echo "$doc names $p, which matches no file"; bad=1; } ;;
	*) [ -e "$p" ] || [ -e "${p%/}" ] || { echo "$doc names $p, which does not exist"; bad=1; } ;;
	esac
done
# The "By question" part: it is there, and each question (a ### heading
# in it) names at least one file to read.
questions=$(awk '/^## /{on = ($0 == "## By question")} on && /^### /' "$doc")
if [ -z "$questions" ]; then
	echo "$doc has no \"## By question\" part with questions (### headings)"
	bad=1
fi
awk '/^## /{on = ($0 == "## By question")}
	on && /^### /{if (q != "" && !n) print q; q = $0; n = 0; next}
	on && /`[A-Za-z0-9_.*-]*\/[A-Za-z0-9_.\/*-]*`/{n++}
	END{if (q != "" && !n) print q}' "$doc" |
	while IFS= read -r q; do
		echo "$doc: the question '${q#\#\#\# }' names no file to read"
	done | grep . && bad=1
exit $bad

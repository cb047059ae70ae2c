#!/usr/bin/env bash
# tools/grub-cfg.sh TEMPLATE - print grub.cfg from TEMPLATE with @CMDLINE@
# replaced by the environment's CMDLINE, quoted for GRUB's script language,
# so that `|`, `&`, `;`, `$` and the like reach the kernel as typed.  GRUB
# reads '...' as sh does (everything literal, no quote inside), so each
# word becomes one single-quoted word, each ' in it written '\''.  Words,
# not the whole line: GRUB's multiboot2 joins its arguments with spaces,
# and wraps one that holds a space in double quotes.  (It also puts a
# backslash before every quote it passes on: a quote in CMDLINE arrives as
# \" or \'.)
set -u
shopt -u patsub_replacement 2> /dev/null # bash 5.2: & in a replacement is the match
quoted=""
read -r -a words <<< "${CMDLINE-}"
for w in "${words[@]}"; do
	quoted="$quoted${quoted:+ }'${w//\'/\'\\\'\'}'"
done
while IFS= read -r line || [ -n "$line" ]; do
	printf '%s\n' "${line//@CMDLINE@/$quoted}"
done < "$1"

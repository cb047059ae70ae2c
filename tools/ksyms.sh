#!/bin/sh
# tools/ksyms.sh NM ELF > ksyms.S
# Turn the function symbols of a linked kernel into the .ksyms table that
# kernel/ksyms.c searches.  With ELF "-" it writes an empty table, for the
# first link.
set -eu
NM=$1
ELF=$2
{
	if [ "$ELF" != - ]; then
		# text symbols only (t/T), sorted by address, one per address
		"$NM" -n --defined-only "$ELF" | awk '$2 ~ /^[tT]$/ && !seen[$1]++ { print $1, $3 }'
	fi
} | awk '
{ addr[NR] = $1; name[NR] = $2 }
END {
	print "\t.section .ksyms, \"a\""
	print "\t.balign 8"
	print "\t.globl ksyms_count, ksyms_addrs, ksyms_names, ksyms_strings"
	print "ksyms_count:\t.quad " NR
	print "ksyms_addrs:"
	for (i = 1; i <= NR; i++) print "\t.quad 0x" addr[i]
	print "ksyms_names:"
	off = 0
	for (i = 1; i <= NR; i++) { print "\t.long " off; off += length(name[i]) + 1 }
	print "ksyms_strings:"
	for (i = 1; i <= NR; i++) print "\t.asciz \"" name[i] "\""
}'

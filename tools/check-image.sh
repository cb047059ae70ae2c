#!/bin/sh
# tools/check-image.sh NM PASS1 FINAL - refuse a kernel image that would not boot.
#  1. (x86) multiboot1 (qemu -kernel) loads the file as one flat piece: every
#     loadable segment's file offset minus its physical address must be the
#     same number.  (boot/entry.asm explains why.)
#  2. The symbol table was made from PASS1; no function may have moved.
set -eu
NM=$1
PASS1=$2
FINAL=$3
fail() { echo "check-image: $*" >&2; exit 1; }

# (IA-64 is loaded by its firmware, segment by segment: TERN_FLAT_IMAGE=no)
[ "${TERN_FLAT_IMAGE:-yes}" = no ] ||
deltas=$(readelf -lW "$FINAL" | awk '$1 == "LOAD" && $5 != "0x000000" { print $2, $4 }' |
	while read -r off paddr; do echo $((off - paddr)); done | sort -u | wc -l)
[ "${TERN_FLAT_IMAGE:-yes}" = no ] || [ "$deltas" = 1 ] || fail "$FINAL: loadable segments are not laid out flat (file offset - physical address differs); multiboot1 would load it wrongly. Check linker.ld."

text() { "$NM" -n --defined-only "$1" | awk '$2 ~ /^[tT]$/'; }
text "$PASS1" > "$FINAL.syms1"
text "$FINAL" > "$FINAL.syms2"
cmp -s "$FINAL.syms1" "$FINAL.syms2" || fail "functions moved between the two links; the embedded symbol table would lie. Is .ksyms still after .text in linker.ld?"
rm -f "$FINAL.syms1" "$FINAL.syms2"

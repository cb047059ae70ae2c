#!/bin/sh
# tools/ia64-gcc.sh - build the IA-64 cross compiler once per machine.
#
# Debian has IA-64 binutils (binutils-ia64-linux-gnu) but no IA-64 gcc, so
# Tern builds a C-only ia64-linux-gnu-gcc and its libgcc from Debian's own
# gcc-12-source (tools/deps.sh installs both).  It takes 15 to 20 minutes
# on two cores, so the result is kept outside the tree, where `make clean`
# and a fresh clone do not reach it:
#
#   ${TERN_CACHE:-$HOME/.cache/tern}/ia64-gcc-12/bin/ia64-linux-gnu-gcc
#
# Prints that path's directory (for PATH) when the compiler is there, and
# builds it first when it is not, saying so on the console.  A second build
# started meanwhile waits for the first (a lock directory), and a failed
# build leaves nothing that looks finished.
#
# The recipe (measured 2026-12 on Debian 12): unpack the dfsg tarball,
# apply Debian's gcc-gfdl-build.diff (the dfsg tarball stubs out the
# manuals, and genhooks needs them), configure out of tree for a C-only,
# headerless, single-library compiler that uses Debian's IA-64 as and ld,
# and build all-gcc and all-target-libgcc.
set -eu

CACHE=${TERN_CACHE:-$HOME/.cache/tern}
PREFIX=$CACHE/ia64-gcc-12
GCC=$PREFIX/bin/ia64-linux-gnu-gcc
SRC_TAR=/usr/src/gcc-12/gcc-12.2.0-dfsg.tar.xz
GFDL_PATCH=/usr/src/gcc-12/debian/patches/gcc-gfdl-build.diff

if [ -x "$GCC" ] && [ -f "$PREFIX/.complete" ]; then
	echo "$PREFIX/bin"
	exit 0
fi

for f in "$SRC_TAR" "$GFDL_PATCH" /usr/bin/ia64-linux-gnu-as /usr/bin/ia64-linux-gnu-ld; do
	if [ ! -e "$f" ]; then
		echo "ia64-gcc: $f is missing: run tools/deps.sh (it installs gcc-12-source and binutils-ia64-linux-gnu)" >&2
		exit 1
	fi
done

mkdir -p "$CACHE"
LOCK=$CACHE/ia64-gcc-12.lock
while ! mkdir "$LOCK" 2>/dev/null; do
	echo "ia64-gcc: another build of the IA-64 cross compiler is running; waiting for it ($LOCK)" >&2
	sleep 30
	if [ -f "$PREFIX/.complete" ]; then
		echo "$PREFIX/bin"
		exit 0
	fi
done
WORK=$(mktemp -d "$CACHE/ia64-gcc-build.XXXXXX")
trap 'rm -rf "$LOCK" "$WORK"' EXIT

echo "ia64-gcc: building the IA-64 cross compiler from Debian's gcc-12-source, once for this machine (15-20 minutes on two cores; log: $WORK/build.log, kept in $PREFIX/build.log)" >&2
log=$WORK/build.log
jobs=$(nproc 2>/dev/null || echo 2)
(
	cd "$WORK"
	tar -xf "$SRC_TAR"
	cd gcc-12.2.0
	patch -p2 < "$GFDL_PATCH"
	mkdir ../obj
	cd ../obj
	../gcc-12.2.0/configure --prefix="$PREFIX" --target=ia64-linux-gnu \
		--enable-languages=c --disable-multilib --disable-nls \
		--disable-shared --disable-threads --disable-libssp \
		--disable-libquadmath --disable-libgomp --disable-libatomic \
		--disable-bootstrap --without-headers \
		--with-as=/usr/bin/ia64-linux-gnu-as --with-ld=/usr/bin/ia64-linux-gnu-ld
	make -j"$jobs" all-gcc all-target-libgcc
	make install-strip-gcc install-strip-target-libgcc
) > "$log" 2>&1 || {
	echo "ia64-gcc: the build failed; the last lines of its log:" >&2
	tail -n 30 "$log" >&2
	rm -rf "$PREFIX"
	exit 1
}
cp "$log" "$PREFIX/build.log"
touch "$PREFIX/.complete"
echo "ia64-gcc: done: $GCC" >&2
echo "$PREFIX/bin"

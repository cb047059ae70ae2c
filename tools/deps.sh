#!/bin/sh
# tools/deps.sh - install the Debian packages Tern needs, and nothing else.
#
# Silent and quick when everything is present (one dpkg-query call), so that
# `make run` and `make test` can call it every time.  Installs with apt-get
# when something is missing; says in plain words why when it cannot.
set -u

# command-or-file : package.  A package counts as present when its probe
# exists; this is faster than asking dpkg about every package.
# Bochs (tools/bochs-run, the bochs/ checks) needs its `term` display
# plugin: Debian's Bochs has no `nogui`, and bochs-term, installed with it,
# also stands in for the GUI package bochs depends on.  gdb-multiarch
# debugs the IA-64 simulator's programs (ia64sim --gdb); its tests pick a
# free port with python3.  tools/trace's tests validate the trace JSON
# against its schema (python3-jsonschema) and render the SVG timeline in
# a headless browser (chromium).  The fuzzers (tests/fuzz/) are built
# with clang and its libFuzzer runtime (libclang-rt-14-dev).
PROBES='
qemu-system-x86_64:qemu-system-x86
nasm:nasm
grub-mkrescue:grub-common
/usr/lib/grub/i386-pc/multiboot2.mod:grub-pc-bin
/usr/lib/grub/x86_64-efi/multiboot2.mod:grub-efi-amd64-bin
xorriso:xorriso
mformat:mtools
/usr/share/ovmf/OVMF.fd:ovmf
/usr/include/cmocka.h:libcmocka-dev
pkg-config:pkg-config
gdb:gdb
gdb-multiarch:gdb-multiarch
python3:python3
bochs:bochs
/usr/lib/x86_64-linux-gnu/bochs/plugins/libbx_term_gui.so:bochs-term
/usr/share/bochs/BIOS-bochs-latest:bochsbios
/usr/share/vgabios/vgabios.bin:vgabios
ia64-linux-gnu-as:binutils-ia64-linux-gnu
/usr/src/gcc-12/gcc-12.2.0-dfsg.tar.xz:gcc-12-source
/usr/include/mpfr.h:libmpfr-dev
/usr/include/mpc.h:libmpc-dev
/usr/include/x86_64-linux-gnu/gmp.h:libgmp-dev
/usr/lib/python3/dist-packages/jsonschema:python3-jsonschema
chromium:chromium
clang:clang
/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a:libclang-rt-14-dev
'
# `tools/deps.sh bench` adds what `make bench` needs and `make test` does
# not: valgrind (instruction counts of the host build of the scheduler),
# gnuplot-nox (the plots in docs/img/), and for the Linux side of the
# comparison busybox-static and a static libc for the guest's programs;
# Debian's kernel itself is fetched by tools/bench/ with apt-get download.
if [ "${1:-}" = bench ]; then
	PROBES="$PROBES
valgrind:valgrind
gnuplot:gnuplot-nox
/bin/busybox:busybox-static
/usr/lib/x86_64-linux-gnu/libc.a:libc6-dev
"
fi

missing=""
for p in $PROBES; do
	probe=${p%%:*}
	pkg=${p##*:}
	case $probe in
	/*) [ -e "$probe" ] && continue ;;
	*) command -v "$probe" >/dev/null 2>&1 && continue ;;
	esac
	missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO="sudo -n"
	else
		echo "deps: these Debian packages are missing:$missing" >&2
		echo "deps: install them as root: apt-get install$missing" >&2
		exit 1
	fi
else
	SUDO=""
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps: no apt-get here; Tern's set-up expects Debian 12." >&2
	echo "deps: install the equivalent of:$missing" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# An out-of-date package list is the usual reason for "Unable to locate".
if ! $SUDO apt-get update -qq >/tmp/tern-apt-update.log 2>&1; then
	echo "deps: 'apt-get update' failed (no network, or no Debian mirror reachable):" >&2
	tail -n 5 /tmp/tern-apt-update.log >&2
	exit 1
fi
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing >/tmp/tern-apt-install.log 2>&1; then
	echo "deps: 'apt-get install$missing' failed:" >&2
	tail -n 10 /tmp/tern-apt-install.log >&2
	exit 1
fi
echo "deps: done"

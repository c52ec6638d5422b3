#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The installed library from the outside: after `meson install --destdir`,
# pkg-config finds ghostswap.pc there, a program (consumer.c) compiles with
# its flags alone and runs against the installed libghostswap.so.0; the
# installed tools, stripped of the build tree's RUNPATH, do the same.
#
# usage: consumer.sh CONSUMER.C   (environment: see meson.build)
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"
# shellcheck source=destdir.sh
. "$(dirname "$0")/destdir.sh"

SRC=$(realpath "$1")

t_begin installed-consumer
cd "$T_TMP" || exit 1
i_install

LIB=$D$GSW_LIBDIR
t_eq "libghostswap.so -> libghostswap.so.0" libghostswap.so.0 \
	"$(readlink "$LIB/libghostswap.so")"
t_eq "libghostswap.so.0 -> libghostswap.so.0.1.0" libghostswap.so.0.1.0 \
	"$(readlink "$LIB/libghostswap.so.0")"
t_check "header in includedir/ghostswap" \
	test -f "$D$GSW_INCLUDEDIR/ghostswap/ghostswap.h"
t_check "no internal header installed" \
	test ! -e "$D$GSW_INCLUDEDIR/ghostswap/cliutil.h" -a \
	! -e "$D$GSW_INCLUDEDIR/cliutil.h"

# pkg-config reads only the installed .pc; the sysroot prefixes its -I and
# -L with the destination, as for a cross build
export PKG_CONFIG_LIBDIR=$LIB/pkgconfig PKG_CONFIG_PATH=
export PKG_CONFIG_SYSROOT_DIR=$D
# pkgconf ends its output with a blank
words() {
	# shellcheck disable=SC2086 # word splitting wanted
	echo $1
}
t_run pkg-config --modversion ghostswap
t_eq "pkg-config --modversion" "0.1.0" "$T_OUT"
t_run pkg-config --cflags ghostswap
t_eq "pkg-config --cflags" "-I$D$GSW_INCLUDEDIR/ghostswap" "$(words "$T_OUT")"
t_run pkg-config --libs ghostswap
t_eq "pkg-config --libs" "-L$LIB -lghostswap" "$(words "$T_OUT")"

# strict C11 with every warning an error: the header must stand alone
# shellcheck disable=SC2046,SC2086 # word splitting wanted
t_run $GSW_CC -std=c11 -pedantic -Wall -Wextra -Werror \
	$(pkg-config --cflags ghostswap) -o consumer "$SRC" \
	$(pkg-config --libs ghostswap)
t_eq "consumer.c builds with pkg-config's flags" "0" "$T_RC$T_ERR"

export LD_LIBRARY_PATH=$LIB
t_contains "consumer loads the installed libghostswap.so.0" \
	"libghostswap.so.0 => $LIB/libghostswap.so.0" "$(ldd ./consumer)"
t_run ./consumer
t_eq "consumer: exit code" 0 "$T_RC"
t_eq "consumer: stderr" "" "$T_ERR"
t_eq "consumer: builds and validates a 64 GiB ghost header" \
	"ghost header for 16777216 pages of 4096 bytes: valid" "$T_OUT"

# The installed tools: no RUNPATH into the build tree, the shared library
# from the destination, and the README's first command with them.
MG=$D$GSW_SBINDIR/mkswap-ghost
SL=$D$GSW_SBINDIR/swaplabel-ext
GS=$D$GSW_SBINDIR/ghostswap-setup
for tool in "$MG" "$SL" "$GS"; do
	name=$(basename "$tool")
	t_eq "$name: no RUNPATH" "" \
		"$(readelf -d "$tool" | grep -E 'RPATH|RUNPATH')"
	t_contains "$name: loads the installed libghostswap.so.0" \
		"libghostswap.so.0 => $LIB/libghostswap.so.0" "$(ldd "$tool")"
done
t_run "$MG" --ghost --size 64G ghost.swap
t_eq "installed mkswap-ghost --ghost --size 64G: exit code" 0 "$T_RC"
t_run "$SL" --check ghost.swap
t_eq "installed swaplabel-ext --check: exit code" 0 "$T_RC"
# ghostswap-setup's dry run of a one-line configuration, in a root of its own
mkdir -p root/etc
echo "size = 64G" >root/etc/ghostswap.conf
t_run "$GS" --root "$T_TMP/root" --dry-run
t_eq "installed ghostswap-setup --dry-run: exit code" 0 "$T_RC"
t_contains "installed ghostswap-setup --dry-run: the file" \
	"would create or reuse the ghost file $T_TMP/root/var/swap/ghost.swap (advertises 64 GiB)" "$T_OUT"
# the unit, next to the program it runs
UNIT=$(find "$D" -name ghostswap-setup.service)
t_contains "installed unit: runs the installed program" \
	"ExecStart=$GSW_SBINDIR/ghostswap-setup --start" "$(cat "${UNIT:-/dev/null}")"

t_end

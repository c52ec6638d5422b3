#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The ABI of the installed libghostswap.so.0 against the one recorded in
# libghostswap/libghostswap.abi (abidw's XML): any change of a function,
# a struct a caller allocates, an enum or a symbol version fails here, so
# that it is made on purpose.  After a deliberate change that keeps the
# SONAME (a new function in a new version node), record the new ABI with
#   tests/install/abi.sh --update LIBGHOSTSWAP.ABI   (from the build's env)
#
# usage: abi.sh [--update] LIBGHOSTSWAP.ABI
#        (environment: see meson.build)
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"
# shellcheck source=destdir.sh
. "$(dirname "$0")/destdir.sh"

update=no
if [ "${1:-}" = --update ]; then
	update=yes
	shift
fi
BASELINE=$(realpath "$1")

t_begin installed-abi
cd "$T_TMP" || exit 1
i_install
SO=$D$GSW_LIBDIR/libghostswap.so.0
HEADERS=$D$GSW_INCLUDEDIR/ghostswap

# only what the installed header declares is the ABI; locations and the
# path of the build say nothing about it
abidw --no-corpus-path --no-comp-dir-path --no-show-locs --headers-dir "$HEADERS" "$SO" >current.abi ||
	{ t_fail "abidw reads the installed library" "$(tail -n 3 current.abi)"; t_end; exit 1; }
if [ $update = yes ]; then
	cp current.abi "$BASELINE"
	echo "abi: recorded in $BASELINE"
fi
t_check "the ABI lists gsw_validate" grep -q "name='gsw_validate'" current.abi
if abidiff --no-show-locs "$BASELINE" current.abi >abidiff.out 2>&1; then
	t_pass "the ABI is the recorded one ($(grep -c '<elf-symbol name=' current.abi) symbols)"
else
	t_fail "the ABI is the recorded one (abidiff exit $?)" "$(head -n 40 abidiff.out)"
fi
t_end

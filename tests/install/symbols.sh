#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What libghostswap.so.0 exports, installed: exactly the version script's
# list, every symbol under the version node GHOSTSWAP_0.1, and exactly the
# functions the installed ghostswap.h declares; nothing of the tools'
# internal helpers.  The exported list is printed.
#
# usage: symbols.sh LIBGHOSTSWAP.SYM INTERNAL-HEADER...
#        (environment: see meson.build)
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"
# shellcheck source=destdir.sh
. "$(dirname "$0")/destdir.sh"

MAP=$(realpath "$1")
shift

t_begin installed-symbols
cd "$T_TMP" || exit 1
i_install

SO=$D$GSW_LIBDIR/libghostswap.so.0
HEADER=$D$GSW_INCLUDEDIR/ghostswap/ghostswap.h

# functions a header declares: preprocessed, so that comments do not count
# and function-pointer typedefs ("(*gsw_x_cb)(") do not match
declared() {
	# shellcheck disable=SC2086 # GSW_CC may hold arguments
	$GSW_CC -E -P -x c "$1" | grep -o '\bgsw_[a-z0-9_]*[[:space:]]*(' |
		tr -d ' \t(' | sort -u
}

# t_same_list NAME EXPECTED ACTUAL: sorted lists, one name a line; a
# failure names only the differences
t_same_list() {
	local missing extra
	missing=$(comm -23 <(echo "$2") <(echo "$3") | tr '\n' ' ')
	extra=$(comm -13 <(echo "$2") <(echo "$3") | tr '\n' ' ')
	if [ -z "$missing$extra" ]; then
		t_pass "$1"
	else
		t_fail "$1" "missing: $missing" "extra:   $extra"
	fi
}

t_contains "SONAME" "Library soname: [libghostswap.so.0]" "$(readelf -d "$SO")"

nm -D --defined-only "$SO" >nm.out
exported=$(awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' nm.out | sort)
echo "exported by libghostswap.so.0:"
awk '{ print "  " $0 }' <<<"$exported"
t_eq "every exported symbol is versioned GHOSTSWAP_0.1" \
	"$(awk '$2 != "A"' nm.out | wc -l)" \
	"$(grep -c '@@GHOSTSWAP_0\.1$' nm.out)"

listed=$(sed -n '/global:/,/local:/p' "$MAP" | grep -o '\bgsw_[a-z0-9_]*' |
	sort)
t_same_list "exported = the version script's global list" "$listed" "$exported"
t_same_list "exported = the functions the installed ghostswap.h declares" \
	"$(declared "$HEADER")" "$exported"

internal=$(for h in "$@"; do declared "$h"; done | sort -u)
t_check "the internal headers declare functions" test -n "$internal"
t_eq "no internal helper exported" "" \
	"$(comm -12 <(echo "$internal") <(echo "$exported"))"

t_end

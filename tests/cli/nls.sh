#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Translations and -V: po/ghostswap.pot is what xgettext extracts from the
# sources today, every source that translates is in po/POTFILES, a catalog
# reaches --help, errors and -V (and nothing that scripts parse), the C
# locale keeps util-linux's English, and -V names the features built in.
#
# usage: nls.sh MKSWAP-GHOST-HOOKED SWAPLABEL-EXT-HOOKED MKSWAP-GHOST
#        SWAPLABEL-EXT SOURCE-ROOT enabled|disabled XGETTEXT-ARG...
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

MGH=$(realpath "$1")
SLH=$(realpath "$2")
MG=$(realpath "$3")
SL=$(realpath "$4")
SRC=$(realpath "$5")
NLS=$6
shift 6
XGETTEXT_ARGS=("$@")

t_begin nls
cd "$T_TMP" || exit 1
printf 'Filename\tType\tSize\tUsed\tPriority\n' >swaps.none
export GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.none

# --- the template and the list of sources ---------------------------------

# Every source that marks a message is listed, and only the tools and their
# command-line helpers translate: the format library stays in English.
mapfile -t listed < <(grep -v '^#' "$SRC/po/POTFILES")
mapfile -t marking < <(cd "$SRC" && grep -lE '\b[NP]?_\("' \
	lib/*.[ch] libghostswap/*.[ch] mkswap-ghost/*.[ch] swaplabel-ext/*.[ch] \
	ghostswap-setup/*.[ch] | sort)
t_eq "po/POTFILES lists the sources that translate" \
	"${marking[*]}" "$(printf '%s\n' "${listed[@]}" | sort | tr '\n' ' ' | sed 's/ $//')"
for f in "${marking[@]}"; do
	case $f in
	lib/cliutil.[ch] | lib/ghostsupport.c | lib/leftover.c | lib/lock.c | lib/*/*) ;;
	lib/* | libghostswap/*) t_fail "$f: the library and the shared code do not translate" \
		"only the tools and their helpers (cliutil, ghostsupport, leftover, lock) use _()" ;;
	esac
done

# The committed template holds the messages of the sources as they are:
# the same extraction as `ninja ghostswap-pot`, compared without the header
# (its date) and the line numbers.
strip_pot() {
	msgcat --no-location --no-wrap --sort-output "$1" | awk 'NR == 1, /^$/ { next } { print }'
}
(cd "$SRC" && xgettext --package-name=ghostswap -f po/POTFILES -D "$SRC" -k_ \
	-o "$T_TMP/fresh.pot" "${XGETTEXT_ARGS[@]}")
strip_pot fresh.pot >fresh.msgs
strip_pot "$SRC/po/ghostswap.pot" >committed.msgs
if [ -s fresh.msgs ] && cmp -s fresh.msgs committed.msgs; then
	t_pass "po/ghostswap.pot is up to date ($(grep -c '^msgid ' fresh.msgs) messages)"
else
	t_fail "po/ghostswap.pot is up to date" \
		"regenerate it: ninja -C build ghostswap-pot" \
		"$(diff committed.msgs fresh.msgs | head -n 20)"
fi
t_contains "the template has plural forms" 'msgid_plural "%<PRIu32> bad pages\n"' \
	"$(cat fresh.msgs)"

# --- -V -----------------------------------------------------------------

version_re='^([a-z-]+) from ghostswap [0-9]+\.[0-9]+\.[0-9]+( \((.*)\))?$'
nls_feature=""
[ "$NLS" = enabled ] && nls_feature="nls"
# check_version NAME PROGRAM EXPECTED-PARENTHESES
check_version() {
	t_run "$2" -V
	t_eq "$1 -V: exit code" 0 "$T_RC"
	if [[ $T_OUT =~ $version_re ]] && [ "${BASH_REMATCH[1]}" = "$(basename "$2")" ]; then
		t_pass "$1 -V: util-linux's first words"
	else
		t_fail "$1 -V: util-linux's first words" "got: $T_OUT"
	fi
	t_eq "$1 -V: libraries and features" "$3" "${BASH_REMATCH[3]}"
}
blkid_version=$(blkid -V | grep -oE 'libblkid [0-9.]+' | cut -d' ' -f2)
# what is built in, "features: " before the first
features() {
	local list
	list=$(printf '%s\n' "$@" | grep -v '^$' | paste -sd, | sed 's/,/, /g')
	[ -n "$list" ] && printf 'features: %s' "$list"
}
libs="libblkid $blkid_version"
hooked=$(features "$nls_feature" test-hooks)
plain=$(features "$nls_feature")
check_version "mkswap-ghost (test hooks)" "$MGH" "$hooked"
check_version "swaplabel-ext (test hooks)" "$SLH" "$libs, $hooked"
check_version "mkswap-ghost" "$MG" "$plain"
check_version "swaplabel-ext" "$SL" "$libs${plain:+, $plain}"
t_eq "--version is -V" "$("$SL" -V)" "$("$SL" --version)"

# --- a catalog at work ----------------------------------------------------

# A catalog for the made-up language xx that puts "[xx] " before every
# line of every message, built from the committed template.  The copies
# with test hooks take it from GHOSTSWAP_LOCALEDIR; C.UTF-8 is not "C", so
# gettext follows LANGUAGE.
mkdir -p locale/xx/LC_MESSAGES
msgen "$SRC/po/ghostswap.pot" |
	sed -e 's/charset=CHARSET/charset=UTF-8/' \
	    -e 's/nplurals=INTEGER; plural=EXPRESSION;/nplurals=2; plural=(n != 1);/' \
	    -e 's/^"Language: /&xx/' -e 's/YEAR-MO-DA HO:MI+ZONE/2000-01-01 00:00+0000/' \
	    -e 's/^"\(Last-Translator\|Language-Team\): [^\\]*/"\1: test <test@example.org>/' >xx.po
msgfilter --keep-header -i xx.po -o xx-marked.po sed -e 's/^\(.\)/[xx] \1/'
t_check "the catalog compiles, formats checked" \
	msgfmt --check -o locale/xx/LC_MESSAGES/ghostswap.mo xx-marked.po

in_xx() {
	LC_ALL=C.UTF-8 LANGUAGE=xx GHOSTSWAP_LOCALEDIR=$T_TMP/locale "$@"
}
in_c() {
	LC_ALL=C LANGUAGE=xx GHOSTSWAP_LOCALEDIR=$T_TMP/locale "$@"
}

for tool in "$MGH" "$SLH"; do
	name=$(basename "$tool")
	english=$(LC_ALL=C "$tool" --help)
	t_eq "$name --help: the C locale ignores the catalog" "$english" "$(in_c "$tool" --help)"
	t_run in_xx "$tool" --help
	if [ "$NLS" = disabled ]; then
		t_eq "$name --help: built without nls, English" "$english" "$T_OUT"
		continue
	fi
	t_contains "$name --help: translated usage header" $'\n[xx] Usage:\n' "$T_OUT"
	t_contains "$name --help: option names stay" " -h, --help" "$T_OUT"
	t_contains "$name --help: translated -h text" "[xx] display this help" "$T_OUT"
	t_contains "$name --help: translated man page pointer" \
		"[xx] For more details see $name(8)." "$T_OUT"
	t_run in_xx "$tool" --no-such-option
	t_contains "$name: translated hint" "[xx] Try '$name --help' for more information." "$T_ERR"
	t_run in_xx "$tool" -V
	t_contains "$name -V: translated" "[xx] features: " "$T_OUT"
done
# the installed programs have no way to be pointed at another catalog
t_eq "mkswap-ghost: GHOSTSWAP_LOCALEDIR is a test hook only" \
	"$(LC_ALL=C "$MG" --help)" "$(in_xx "$MG" --help)"

if [ "$NLS" = enabled ]; then
	t_run in_xx "$SLH" --json sw
	t_contains "swaplabel-ext: translated error" \
		"swaplabel-ext: [xx] --json needs --show or --check" "$T_ERR"
	t_run in_xx "$SLH" --check -L x sw
	t_contains "swaplabel-ext: translated mutually exclusive options" \
		"[xx] swaplabel-ext: mutually exclusive arguments: --check --label" "$T_ERR"
	# a message with a <inttypes.h> macro in it
	t_run in_xx "$MGH" -F --size 1M -U clear sw
	t_contains "mkswap-ghost: translated summary" \
		"[xx] Setting up swapspace version 1, size = 1020 KiB (1044480 bytes)" "$T_OUT"
	t_run in_xx "$SLH" --show sw
	t_contains "swaplabel-ext --show: translated keys" "[xx] Device:" "$T_OUT"
	t_contains "swaplabel-ext --show: names stay as --json has them" \
		"$(printf '%-18s %s' '[xx] Kind:' regular)" "$T_OUT"
	t_run in_xx "$SLH" --show --json sw
	t_eq "swaplabel-ext --show --json: nothing translated" \
		"$(LC_ALL=C "$SLH" --show --json sw)" "$T_OUT"
	# severity and code are for scripts; the validator's text is English
	t_run in_xx "$SLH" --check sw
	t_eq "swaplabel-ext --check: nothing translated" \
		"$(LC_ALL=C "$SLH" --check sw)" "$T_OUT"
	t_contains "swaplabel-ext --check: a finding to look at" "warning: nil-uuid: " "$T_OUT"
fi

t_end

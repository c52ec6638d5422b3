#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The man pages under both linters, and as plain groff renders them: no
# finding from mandoc -T lint -W all or groff -ww, and no page that needs
# a preprocessor (groff -man runs none, so a tbl table would come out as
# its raw T{ lines).
#
# usage: man-lint.sh PAGE...
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

t_begin man-lint

# the linters themselves: a missing one fails the suite (tests/setup.sh
# installs them)
for prog in mandoc groff; do
	if command -v "$prog" >/dev/null; then
		t_pass "$prog installed"
	else
		t_fail "$prog installed" "not found in PATH"
	fi
done
if [ "$T_FAILED" -gt 0 ]; then
	t_end
	exit 1
fi

for page in "$@"; do
	name=$(basename "$page")
	t_run mandoc -T lint -W all "$page"
	t_eq "$name: mandoc -T lint -W all" "" "$T_OUT$T_ERR"
	t_run groff -man -ww -z "$page"
	t_eq "$name: groff -man -ww -z" "" "$T_OUT$T_ERR"

	t_run groff -man -Tutf8 "$page"
	plain=$T_OUT
	t_eq "$name: groff -man -Tutf8: no message" "" "$T_ERR"
	case $plain in
	*'T{'*|*'T}'*) t_fail "$name: no raw tbl lines in plain groff output" \
		"$(printf '%s\n' "$plain" | grep -m 3 -e 'T{' -e 'T}')" ;;
	*) t_pass "$name: no raw tbl lines in plain groff output" ;;
	esac
	# what each preprocessor man(1) might run would change: nothing
	t_run groff -t -e -p -man -Tutf8 "$page"
	if [ "$plain" = "$T_OUT" ]; then
		t_pass "$name: needs no preprocessor"
	else
		t_fail "$name: needs no preprocessor" \
			"groff -t -e -p -man renders it differently"
	fi
	# mandoc renders it too, with the date parsed
	t_run mandoc -T utf8 "$page"
	t_eq "$name: mandoc -T utf8: exit code" 0 "$T_RC"
done

t_end

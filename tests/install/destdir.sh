# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the install suite after t_begin: i_install puts the build tree,
# as `meson install` would, into $T_TMP/dest and sets D to that directory.
# The GSW_* variables come from tests/install/meson.build.
# shellcheck shell=bash

i_install() {
	D=$T_TMP/dest
	if ! "$GSW_MESON" install -C "$GSW_BUILD_ROOT" --no-rebuild --quiet \
		--destdir "$D" >"$T_TMP/install.log" 2>&1; then
		t_fail "meson install --destdir" "$(tail -n 5 "$T_TMP/install.log")"
		t_end
		exit 1
	fi
	t_pass "meson install --destdir"
	# what a package of this build would hold, for the log
	(cd "$D" && find . ! -type d | sort)
}

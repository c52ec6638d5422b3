#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The systemd unit as configured by the build: systemd-analyze verify
# finds nothing to say of it (with its programs pointed at the build
# tree, since verify wants them to exist), it runs before swap.target and
# stops at shutdown, and its programs are the installed ones.  A missing
# systemd-analyze fails the suite (tests/setup.sh installs systemd).
#
# usage: systemd.sh UNIT GHOSTSWAP-SETUP SBINDIR
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

UNIT=$(realpath "$1")
GS=$(realpath "$2")
SBINDIR=$3
t_begin systemd
cd "$T_TMP" || exit 1

if ! command -v systemd-analyze >/dev/null; then
	t_fail "systemd-analyze installed" "not found in PATH"
	t_end
	exit 1
fi
t_pass "systemd-analyze installed"

# key NAME: the values of NAME in the unit, one line
key() { sed -n "s/^$1=//p" "$UNIT" | tr '\n' ' ' | sed 's/ $//'; }

t_eq "ExecStart: the installed program" "$SBINDIR/ghostswap-setup --start" "$(key ExecStart)"
t_eq "ExecStop: the installed program" "$SBINDIR/ghostswap-setup --stop" "$(key ExecStop)"
t_contains "ordered before swap.target" "swap.target" "$(key Before)"
t_contains "stopped at shutdown: ordered" "shutdown.target" "$(key Before)"
t_eq "stopped at shutdown: conflicts" "shutdown.target" "$(key Conflicts)"
t_eq "after the local file systems" "local-fs.target" "$(key After)"
t_eq "early: no default dependencies" "no" "$(key DefaultDependencies)"
t_eq "oneshot, remains after exit" "oneshot yes" "$(key Type) $(key RemainAfterExit)"
t_eq "exit status 2 (no support, fallback none) is success" "2" "$(key SuccessExitStatus)"
t_eq "wanted by swap.target" "swap.target" "$(key WantedBy)"

# verify wants the programs to exist: the built one stands in
sed "s|^\(Exec[A-Za-z]*=\)$SBINDIR/ghostswap-setup|\1$GS|" "$UNIT" >ghostswap-setup.service
t_run systemd-analyze verify --man=no "$T_TMP/ghostswap-setup.service"
t_eq "systemd-analyze verify: exit code" 0 "$T_RC"
t_eq "systemd-analyze verify: nothing to say" "" "$T_ERR$T_OUT"

# a unit with a mistake is caught: the check can fail
sed 's/^Type=oneshot/Type=oneshot-typo/' ghostswap-setup.service >broken.service
t_run systemd-analyze verify --man=no "$T_TMP/broken.service"
t_contains "systemd-analyze verify: a bad unit is reported" "oneshot-typo" "$T_ERR$T_OUT"

t_end

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# swaplabel-ext against the running kernel: it must refuse to change a swap
# area that is active now, and report a ghost header on a block device.
# Needs root; exits 77 (skipped) where swap or loop devices are not allowed.
#
# usage: swaplabel-ext-active.sh SWAPLABEL-EXT GSW-CRAFT
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

SLE=$(realpath "$1")
CRAFT=$(realpath "$2")

if [ "$(id -u)" -ne 0 ]; then
	echo "skipped: needs root"
	exit 77
fi
# swap files need a disk file system; tmpfs refuses them
TMPDIR=${TMPDIR:-/var/tmp}
t_begin swaplabel-ext-active
cd "$T_TMP" || exit 1

SWAPFILE=$T_TMP/active.swap
LOOPDEV=
cleanup() {
	swapoff "$SWAPFILE" 2>/dev/null
	swapoff "$T_TMP/falloc.swap" 2>/dev/null
	[ -n "$LOOPDEV" ] && losetup -d "$LOOPDEV"
	return 0
}
T_CLEANUP_HOOK=cleanup

# a regular 64 MiB swap file, fully written
"$CRAFT" -n 16384 -L act -U 01234567-89ab-cdef-0123-456789abcdef "$SWAPFILE"
if ! swapon "$SWAPFILE" 2>swapon.err; then
	echo "skipped: swapon failed: $(cat swapon.err)"
	exit 77
fi

cp "$SWAPFILE" before
for args in "-L x" "-U random" "--ghost --size 1G" "--force -L x"; do
	# shellcheck disable=SC2086
	t_run "$SLE" $args "$SWAPFILE"
	t_eq "active: $args: exit code" 1 "$T_RC"
	t_contains "active: $args: message" "is an active swap area" "$T_ERR"
	t_same_file "active: $args: file unchanged" before "$SWAPFILE"
done
t_eq "active: --show says so" "Active:            yes" \
	"$("$SLE" --show "$SWAPFILE" | grep '^Active:')"
t_eq "active: --json says so" true \
	"$("$SLE" --show --json "$SWAPFILE" | jq '.swaparea[0].active')"
t_run "$SLE" "$SWAPFILE"
t_eq "active: reading works" "LABEL: act" "$(head -n 1 <<<"$T_OUT")"

# the installed program has no test hook: an empty stand-in for
# /proc/swaps must not hide the active area
GHOSTSWAP_PROC_SWAPS=/dev/null t_run "$SLE" -L x "$SWAPFILE"
t_eq "active, GHOSTSWAP_PROC_SWAPS=/dev/null: exit code" 1 "$T_RC"
t_contains "active, GHOSTSWAP_PROC_SWAPS=/dev/null: message" "is an active swap area" "$T_ERR"
t_same_file "active, GHOSTSWAP_PROC_SWAPS=/dev/null: file unchanged" before "$SWAPFILE"
t_eq "active, GHOSTSWAP_PROC_SWAPS=/dev/null: --show says yes" "Active:            yes" \
	"$(GHOSTSWAP_PROC_SWAPS=/dev/null "$SLE" --show "$SWAPFILE" | grep '^Active:')"

swapoff "$SWAPFILE"
t_run "$SLE" -L x "$SWAPFILE"
t_eq "after swapoff: -L works" 0 "$T_RC"
t_eq "after swapoff: label written" "LABEL: x" "$("$SLE" "$SWAPFILE" | head -n 1)"

# --no-ghost on a fallocated file: its unwritten extents are no holes to
# the kernel, which swaps to the file once it is regular
FALLOC=$T_TMP/falloc.swap
"$CRAFT" -g -n 16384 -l 4096 "$FALLOC"
fallocate -l 64M "$FALLOC"
t_run "$SLE" --no-ghost "$FALLOC"
t_eq "fallocated: --no-ghost exit code" 0 "$T_RC"
if swapon "$FALLOC" 2>swapon.err; then
	t_pass "fallocated: swapon takes the converted file"
	swapoff "$FALLOC"
else
	t_fail "fallocated: swapon takes the converted file" "$(cat swapon.err)"
fi

# a ghost header on a block device
"$CRAFT" -g -n 1000 ghost.img
if LOOPDEV=$(losetup -f --show ghost.img 2>/dev/null); then
	t_run "$SLE" --check "$LOOPDEV"
	t_contains "loop device: ghost-on-blockdev" "error: ghost-on-blockdev: " "$T_OUT"
	t_eq "loop device: invalid" 3 "$T_RC"
	t_eq "loop device: --json blockdev" true \
		"$("$SLE" --show --json "$LOOPDEV" | jq '.swaparea[0].blockdev')"
	losetup -d "$LOOPDEV"
	LOOPDEV=
	"$CRAFT" -n 16 reg.img
	truncate -s 1M reg.img
	LOOPDEV=$(losetup -f --show reg.img)
	cp reg.img reg.before
	t_run "$SLE" --ghost --size 1G "$LOOPDEV"
	t_eq "loop device: --ghost refused" 1 "$T_RC"
	t_contains "loop device: message" "must be a file" "$T_ERR"
	losetup -d "$LOOPDEV"
	LOOPDEV=
	t_same_file "loop device: unchanged" reg.before reg.img

	# the lock on a block device, as udev and mkswap --lock take it
	"$CRAFT" -n 256 -L lk lock.img
	LOOPDEV=$(losetup -f --show lock.img)
	flock "$LOOPDEV" sleep 2 &
	holder=$!
	while flock -n "$LOOPDEV" true; do sleep 0.05; done
	LOCK_BLOCK_DEVICE=nonblock t_run "$SLE" -L x "$LOOPDEV"
	t_eq "locked loop device, nonblock: exit code" 1 "$T_RC"
	t_contains "locked loop device, nonblock: message" \
		"device already locked; nothing changed" "$T_ERR"
	t_run "$SLE" -L waited "$LOOPDEV"
	wait $holder
	t_eq "locked loop device: the change waits, then succeeds" 0 "$T_RC"
	t_contains "locked loop device: says it waits" \
		"device already locked, waiting to get lock ... OK" "$T_ERR"
	t_eq "locked loop device: written" "LABEL: waited" \
		"$("$SLE" "$LOOPDEV" 2>/dev/null | head -n 1)"
	losetup -d "$LOOPDEV"
	LOOPDEV=
else
	t_skip "ghost header on a block device" "no loop device"
fi

t_end

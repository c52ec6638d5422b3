# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers of the host suites, which swap on the running kernel:
# source it after testlib.sh and start with h_begin.  Areas added to SWAPS are
# swapped off, mount points added to MOUNTS unmounted and LOOPDEV, when
# set, detached when the suite ends, however it ends.
# shellcheck shell=bash

SWAPS=()
MOUNTS=()
LOOPDEV=
h_cleanup() {
	local f m
	for f in "${SWAPS[@]}"; do
		swapoff "$f" 2>/dev/null
	done
	for m in "${MOUNTS[@]}"; do
		umount "$m" 2>/dev/null
	done
	[ -n "$LOOPDEV" ] && losetup -d "$LOOPDEV" 2>/dev/null
	return 0
}
# shellcheck disable=SC2034 # testlib.sh runs it
T_CLEANUP_HOOK=h_cleanup
# a timeout or ^C must still swap off and detach: the EXIT trap does it
trap 'exit 130' INT TERM HUP

# h_begin NAME: skip (exit 77) without root; else t_begin NAME with the
# scratch directory on a disk file system, as swap files need one (tmpfs
# refuses them), and go there
h_begin() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "skipped: needs root"
		exit 77
	fi
	# the real list of active areas, whatever the caller exported
	unset GHOSTSWAP_PROC_SWAPS
	TMPDIR=${TMPDIR:-/var/tmp}
	t_begin "$1"
	cd "$T_TMP" || exit 1
	# shellcheck disable=SC2034 # dmesg_mark's count
	KMSG_MARK_COUNT=$T_TMP/kmsg-marks
}

# dmesg_mark and dmesg_since, for suites that read the kernel's messages
# shellcheck source-path=SCRIPTDIR source=../kmsg-mark.sh
. "$(dirname "${BASH_SOURCE[0]}")/../kmsg-mark.sh"

# in_proc_swaps PATH: is PATH listed as active now?
in_proc_swaps() {
	awk -v f="$1" 'NR > 1 && $1 == f { found = 1 } END { exit !found }' /proc/swaps
}

# h_mount_btrfs DIR SIZE: make a btrfs image of SIZE and mount it on DIR,
# a directory of T_TMP it creates.  No btrfs is a failure, not a skip: the
# suite would pass without checking it.  Returns nonzero after t_fail.
h_mount_btrfs() {
	local dir=$1 img=$1.img
	mkdir "$dir" && truncate -s "$2" "$img" || return 1
	if ! command -v mkfs.btrfs >/dev/null; then
		t_fail "btrfs: mkfs.btrfs" "btrfs-progs is not installed"
	elif ! mkfs.btrfs -q "$img" >"$img.err" 2>&1; then
		t_fail "btrfs: mkfs.btrfs" "$(cat "$img.err")"
	elif ! mount -t btrfs -o loop "$img" "$dir" 2>"$img.err"; then
		t_fail "btrfs: loop mount" "$(cat "$img.err")"
	else
		MOUNTS+=("$T_TMP/$dir")
		return 0
	fi
	return 1
}

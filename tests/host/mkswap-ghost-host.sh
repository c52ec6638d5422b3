#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# mkswap-ghost against the running kernel: a regular swap area it makes is
# taken by swapon(8) and given back by swapoff(8); a ghost file is refused
# by a kernel without ghost support (EINVAL); active areas, mounted devices
# and block devices, and the image behind a loop device, are refused with
# the target untouched; a swap file
# made on btrfs is taken too (no copy-on-write); a failed write leaves the
# old file.  Needs root, and btrfs-progs and a kernel with btrfs; skips
# (exit 77) only without root.
#
# usage: mkswap-ghost-host.sh MKSWAP-GHOST
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"
# shellcheck source=hostlib.sh
. "$(dirname "$0")/hostlib.sh"

MG=$(realpath "$1")
MKSWAP=${MKSWAP:-/usr/sbin/mkswap}
UU=01234567-89ab-cdef-0123-456789abcdef

h_begin mkswap-ghost-host

# kernel messages since a mark (dmesg_mark), when the log can be written
# and read
KLOG_OK=no
dmesg_mark >/dev/null 2>&1 && dmesg >/dev/null 2>&1 && KLOG_OK=yes

##### a regular swap file activates and is given back
REG=$T_TMP/regular.swap
SWAPS+=("$REG")
t_run "$MG" -F -s 64M -L hostreg -U $UU "$REG"
t_eq "regular: created" 0 "$T_RC"
t_eq "regular: 0600" 600 "$(stat -c %a "$REG")"
t_run swapon "$REG"
t_eq "regular: swapon exit code" 0 "$T_RC"
t_eq "regular: swapon is silent" "" "$T_ERR"
t_check "regular: listed in /proc/swaps" in_proc_swaps "$REG"
t_eq "regular: size in /proc/swaps" $((64 * 1024 - $(getconf PAGESIZE) / 1024)) \
	"$(awk -v f="$REG" '$1 == f { print $3 }' /proc/swaps)"
t_eq "regular: swapon sees the label" hostreg \
	"$(swapon --show=NAME,LABEL --noheadings --raw | awk -v f="$REG" '$1 == f { print $2 }')"

# an active area is refused, by device and inode, under any name
cp "$REG" regular.before
ln "$REG" "$T_TMP/regular.other-name"
# should a run replace $REG by rename, the area is still active under
# this name, and only under it can cleanup swap it off
SWAPS+=("$T_TMP/regular.other-name")
for args in "-U clear" "-f" "--ghost -s 8G" "-F -s 32M"; do
	# shellcheck disable=SC2086
	t_run "$MG" $args "$REG"
	t_eq "active: $args: exit code" 1 "$T_RC"
	t_contains "active: $args: message" "is an active swap area; will not make swapspace" "$T_ERR"
	t_same_file "active: $args: file unchanged" regular.before "$REG"
done
t_run "$MG" --ghost -s 8G "$T_TMP/regular.other-name"
t_contains "active: another name for it" "is an active swap area" "$T_ERR"
t_same_file "active: another name: unchanged" regular.before "$REG"
# the installed program has no test hook: an empty stand-in for
# /proc/swaps must not hide the active area
for args in "-F -s 8M" "--ghost -s 8G" "-U clear"; do
	# shellcheck disable=SC2086
	GHOSTSWAP_PROC_SWAPS=/dev/null t_run "$MG" $args "$REG"
	t_eq "active, GHOSTSWAP_PROC_SWAPS=/dev/null: $args: exit code" 1 "$T_RC"
	t_contains "active, GHOSTSWAP_PROC_SWAPS=/dev/null: $args: message" \
		"is an active swap area; will not make swapspace" "$T_ERR"
	t_same_file "active, GHOSTSWAP_PROC_SWAPS=/dev/null: $args: file unchanged" \
		regular.before "$REG"
done
t_check "active: still active" in_proc_swaps "$REG"

t_run swapoff "$REG"
t_eq "regular: swapoff exit code" 0 "$T_RC"
if in_proc_swaps "$REG"; then
	t_fail "regular: gone from /proc/swaps" "$(cat /proc/swaps)"
else
	t_pass "regular: gone from /proc/swaps"
fi

# made in place on an old file of zeros, like mkswap would
OLD=$T_TMP/inplace.swap
SWAPS+=("$OLD")
dd if=/dev/zero of="$OLD" bs=1M count=32 status=none
chmod 0600 "$OLD"
t_run "$MG" -q "$OLD"
t_eq "in place: exit code" 0 "$T_RC"
t_run swapon "$OLD"
t_eq "in place: swapon" 0 "$T_RC"
t_check "in place: in /proc/swaps" in_proc_swaps "$OLD"
t_run swapoff "$OLD"
t_eq "in place: swapoff" 0 "$T_RC"

##### a ghost file is refused by a kernel without ghost support
GHOST=$T_TMP/ghost.swap
SWAPS+=("$GHOST")
t_run "$MG" --ghost -s 1G -L hostghost "$GHOST"
t_eq "ghost: created" 0 "$T_RC"
mark=$(dmesg_mark 2>/dev/null)
t_run swapon "$GHOST"
t_check "ghost: swapon fails" test "$T_RC" -ne 0
t_contains "ghost: EINVAL" "swapon failed: Invalid argument" "$T_ERR"
if in_proc_swaps "$GHOST"; then
	t_fail "ghost: not in /proc/swaps" "$(cat /proc/swaps)"
else
	t_pass "ghost: not in /proc/swaps"
fi
if [ $KLOG_OK = yes ]; then
	t_contains "ghost: kernel says why" "Swap area shorter than signature indicates" \
		"$(dmesg_since "$mark")"
else
	t_skip "ghost: kernel says why" "kernel log not readable"
fi

##### block devices: swap on a loop device, refusals when mounted
IMG=$T_TMP/disk.img
truncate -s 64M "$IMG"
if ! LOOPDEV=$(losetup -f --show "$IMG" 2>losetup.err); then
	t_fail "loop device" "$(cat losetup.err)"
	LOOPDEV=
else
	SWAPS+=("$LOOPDEV")
	t_run "$MG" -U $UU -L loop "$LOOPDEV"
	t_eq "loop: made" 0 "$T_RC"
	dd if="$LOOPDEV" of=loop.ours bs=64K count=1 status=none
	"$MKSWAP" -U $UU -L loop "$LOOPDEV" >/dev/null 2>&1
	dd if="$LOOPDEV" of=loop.ul bs=64K count=1 status=none
	t_same_file "loop: mkswap's bytes" loop.ul loop.ours
	t_run "$MG" -c -U $UU "$LOOPDEV"
	t_contains "loop: --check reads every page" "0 bad pages" "$T_OUT"
	t_run swapon "$LOOPDEV"
	t_eq "loop: swapon" 0 "$T_RC"
	t_check "loop: in /proc/swaps" in_proc_swaps "$LOOPDEV"
	dd if="$LOOPDEV" of=loop.active bs=64K count=1 status=none
	t_run "$MG" "$LOOPDEV"
	t_contains "loop: active device refused" "is an active swap area" "$T_ERR"
	dd if="$LOOPDEV" of=loop.after bs=64K count=1 status=none
	t_same_file "loop: active device unchanged" loop.active loop.after
	t_run swapoff "$LOOPDEV"
	t_eq "loop: swapoff" 0 "$T_RC"

	t_run "$MG" --ghost -s 8G "$LOOPDEV"
	t_eq "loop: --ghost refused" 1 "$T_RC"
	t_contains "loop: --ghost message" "is a block device; --ghost needs a regular file" "$T_ERR"

	mkdir mnt
	# Read-only and without lazy init, so that nothing but the tool under
	# test could write to the device while it is compared.
	if mkfs.ext4 -q -E lazy_itable_init=0,lazy_journal_init=0 "$LOOPDEV" &&
		mount -o ro "$LOOPDEV" mnt; then
		MOUNTS+=("$T_TMP/mnt")
		dd if="$LOOPDEV" of=mounted.before bs=1M count=2 status=none
		t_run "$MG" "$LOOPDEV"
		t_eq "mounted: exit code" 1 "$T_RC"
		t_contains "mounted: message" "$LOOPDEV is mounted; will not make swapspace" "$T_ERR"
		t_run "$MG" -f -U $UU "$LOOPDEV"
		t_contains "mounted: --force does not help" "is mounted" "$T_ERR"
		dd if="$LOOPDEV" of=mounted.after bs=1M count=2 status=none
		t_same_file "mounted: device unchanged" mounted.before mounted.after

		# the image behind a mounted loop device is mounted too, as
		# util-linux sees it; -f does not change that
		img_sum=$(sha256sum <"$IMG")
		for args in "" "-f" "--ghost -f -s 1G" "-F -f -s 1M"; do
			# shellcheck disable=SC2086
			t_run "$MG" $args "$IMG"
			t_eq "mounted image, '$args': refused" \
				"1 $IMG is mounted; will not make swapspace" \
				"$T_RC ${T_ERR#*error: }"
		done
		t_eq "mounted image: unchanged" "$img_sum" "$(sha256sum <"$IMG")"
		umount mnt

		# and while a loop device presents it, mounted or not
		for args in "" "-f" "--ghost -f -s 1G" "-F -f -s 1M"; do
			# shellcheck disable=SC2086
			t_run "$MG" $args "$IMG"
			t_eq "image of a loop device, '$args': refused" \
				"1 $IMG is in use by loop device $LOOPDEV; will not make swapspace" \
				"$T_RC ${T_ERR#*error: }"
		done
		t_eq "image of a loop device: unchanged" "$img_sum" "$(sha256sum <"$IMG")"
	else
		t_fail "mounted: mkfs.ext4 and mount" ""
	fi
fi

##### btrfs swaps only to files without copy-on-write
# The flag holds only when set on an empty file, so the tool must set it
# before it writes.
if h_mount_btrfs bmnt 256M; then
	BREG=$T_TMP/bmnt/new.swap
	SWAPS+=("$BREG")
	t_run "$MG" -F -s 64M -L btrfsreg "$BREG"
	t_eq "btrfs: -F -s: created" 0 "$T_RC"
	t_eq "btrfs: -F -s: no copy-on-write (C)" C \
		"$(lsattr "$BREG" | cut -d ' ' -f 1 | tr -cd C)"
	mark=$(dmesg_mark 2>/dev/null)
	t_run swapon "$BREG"
	t_eq "btrfs: -F -s: swapon" "0 " "$T_RC $T_ERR"
	t_check "btrfs: -F -s: in /proc/swaps" in_proc_swaps "$BREG"
	if [ "$T_RC" -ne 0 ] && [ $KLOG_OK = yes ]; then
		dmesg_since "$mark"
	fi
	t_run swapoff "$BREG"
	t_eq "btrfs: -F -s: swapoff" 0 "$T_RC"

	# An unpatched kernel refuses a ghost file on btrfs as on ext4, for
	# its size; no copy-on-write does not stand in its way.
	BGHOST=$T_TMP/bmnt/ghost.swap
	SWAPS+=("$BGHOST")
	t_run "$MG" --ghost -s 1G "$BGHOST"
	t_eq "btrfs: --ghost: created" 0 "$T_RC"
	t_eq "btrfs: --ghost: no copy-on-write (C)" C \
		"$(lsattr "$BGHOST" | cut -d ' ' -f 1 | tr -cd C)"
	mark=$(dmesg_mark 2>/dev/null)
	t_run swapon "$BGHOST"
	t_contains "btrfs: --ghost: swapon fails with EINVAL" \
		"swapon failed: Invalid argument" "$T_ERR"
	if in_proc_swaps "$BGHOST"; then
		t_fail "btrfs: --ghost: not in /proc/swaps" "$(cat /proc/swaps)"
	else
		t_pass "btrfs: --ghost: not in /proc/swaps"
	fi
	if [ $KLOG_OK = yes ]; then
		klog=$(dmesg_since "$mark")
		t_contains "btrfs: --ghost: refused for its size" \
			"Swap area shorter than signature indicates" "$klog"
		if [[ "$klog" == *"must not be copy-on-write"* ]]; then
			t_fail "btrfs: --ghost: not for copy-on-write" "$klog"
		else
			t_pass "btrfs: --ghost: not for copy-on-write"
		fi
	else
		t_skip "btrfs: --ghost: kernel says why" "kernel log not readable"
	fi
	umount bmnt
fi

##### a write that fails leaves the old file, and no temporary file
mkdir small
if mount -t tmpfs -o size=256k tmpfs small; then
	MOUNTS+=("$T_TMP/small")
	head -c 8192 /dev/urandom >small/old
	cp small/old old.copy
	t_run "$MG" --ghost -f -s 8G -p 65536 small/old
	t_eq "no space: exit code" 1 "$T_RC"
	t_contains "no space: message" "No space left on device" "$T_ERR"
	t_same_file "no space: old file kept" old.copy small/old
	t_eq "no space: no temporary file" "old" "$(ls -A small)"
	t_run "$MG" -F -s 1M small/new
	t_eq "no space, -F: exit code" 1 "$T_RC"
	t_eq "no space, -F: not created" "old" "$(ls -A small)"
	umount small
else
	t_fail "no space: tmpfs mount" ""
fi

t_end

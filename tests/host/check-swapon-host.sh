#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# swaplabel-ext --check against the running kernel's swapon as referee:
# for each file below swapon(8) must refuse it and --check must report the
# error that says why, or both must take it (swapon, then swapoff).  The
# cases are those swapon(8)'s own block count misses: holes hidden by
# blocks allocated past the end (ext4), shared extents and copy-on-write
# files (btrfs), and files on tmpfs and ramfs.  --no-ghost, which makes a
# regular area of a ghost file, refuses the same files.  Needs root,
# btrfs-progs and a kernel with btrfs; skips (exit 77) only without root.
#
# usage: check-swapon-host.sh SWAPLABEL-EXT MKSWAP-GHOST GSW-CRAFT
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"
# shellcheck source=hostlib.sh
. "$(dirname "$0")/hostlib.sh"

SLE=$(realpath "$1")
MG=$(realpath "$2")
CRAFT=$(realpath "$3")

h_begin check-swapon-host

# accepted NAME FILE: --check finds no error, swapon takes the file and
# swapoff gives it back
accepted() {
	local name=$1 f
	f=$(realpath "$2")
	SWAPS+=("$f")
	t_run "$SLE" --check "$f"
	t_eq "$name: --check finds no error" "0 " "$T_RC $T_OUT"
	t_run swapon "$f"
	t_eq "$name: swapon takes it" "0 " "$T_RC $T_ERR"
	t_check "$name: in /proc/swaps" in_proc_swaps "$f"
	t_run "$SLE" --check "$f"
	t_eq "$name: --check of the active file" "0 " "$T_RC $T_OUT"
	t_run swapoff "$f"
	t_eq "$name: swapoff" 0 "$T_RC"
}

# refused NAME FILE CODE: swapon refuses the file, and --check reports
# error CODE
refused() {
	local name=$1 f code=$3
	f=$(realpath "$2")
	SWAPS+=("$f")
	t_run swapon "$f"
	t_check "$name: swapon refuses it" test "$T_RC" -ne 0
	if in_proc_swaps "$f"; then
		t_fail "$name: not in /proc/swaps" "$(cat /proc/swaps)"
		swapoff "$f"
	else
		t_pass "$name: not in /proc/swaps"
	fi
	t_run "$SLE" --check "$f"
	t_eq "$name: --check exit code" 3 "$T_RC"
	t_contains "$name: --check reports $code" "error: $code: " "$T_OUT"
}

# no_block_count_gap NAME FILE: swapon(8)'s own test, blocks against
# length, passes the file, so only the kernel refuses it
no_block_count_gap() {
	local size blocks
	read -r size blocks < <(stat -c '%s %b' "$2")
	t_check "$1: as many bytes allocated as the file is long" \
		test $((blocks * 512)) -ge "$size"
}

# hide_hole FILE HOLE-OFFSET: punch 1 MiB at the offset, and allocate as
# much past the end
hide_hole() {
	fallocate -p -o "$2" -l 1M "$1" && fallocate -n -o "$(stat -c %s "$1")" -l 1M "$1"
}

##### ext4 (or whatever holds TMPDIR): holes hidden by blocks past the end
t_run "$MG" -q -F -s 64M clean.swap
t_eq "clean: created" 0 "$T_RC"
accepted "clean" clean.swap

"$MG" -q -F -s 64M hidden.swap
if hide_hole hidden.swap 16M; then
	no_block_count_gap "hidden hole" hidden.swap
	refused "hidden hole" hidden.swap hidden-holes
	t_contains "hidden hole: the offset" "hole at byte $((16 << 20)) " "$T_OUT"
else
	t_fail "hidden hole: fallocate" "the file system cannot punch holes"
fi

# the kernel maps the whole file, not only the area the header advertises
dd if=/dev/zero of=beyond.swap bs=1M count=64 status=none
chmod 0600 beyond.swap
"$MG" -q beyond.swap 32768
if hide_hole beyond.swap 48M; then
	no_block_count_gap "hole past the area" beyond.swap
	refused "hole past the area" beyond.swap hidden-holes
else
	t_fail "hole past the area: fallocate" "the file system cannot punch holes"
fi

# --no-ghost makes a regular area of a ghost file: the same test decides
"$CRAFT" -g -n 16384 -l 4096 ghost.swap
fallocate -l 64M ghost.swap
if hide_hole ghost.swap 8M; then
	cp ghost.swap ghost.before
	t_run "$SLE" --no-ghost ghost.swap
	t_eq "--no-ghost, hidden hole: refused" 1 "$T_RC"
	t_contains "--no-ghost, hidden hole: says why" "error: hidden-holes: " "$T_ERR"
	t_same_file "--no-ghost, hidden hole: unchanged" ghost.before ghost.swap
else
	t_fail "--no-ghost, hidden hole: fallocate" "the file system cannot punch holes"
fi

##### btrfs: shared extents and copy-on-write
if h_mount_btrfs bmnt 512M; then
	# new files in it are no-copy-on-write, so a reflink of one is too
	mkdir bmnt/nocow
	chattr +C bmnt/nocow
	"$MG" -q -F -s 64M bmnt/nocow/a.swap
	accepted "btrfs: clean" bmnt/nocow/a.swap

	if cp --reflink=always bmnt/nocow/a.swap bmnt/nocow/b.swap 2>cp.err; then
		no_block_count_gap "btrfs: shared" bmnt/nocow/a.swap
		refused "btrfs: shared, the original" bmnt/nocow/a.swap shared-extents
		refused "btrfs: shared, the copy" bmnt/nocow/b.swap shared-extents
		# once the copy is gone, nothing is shared
		rm bmnt/nocow/b.swap
		sync
		accepted "btrfs: no longer shared" bmnt/nocow/a.swap
	else
		t_fail "btrfs: cp --reflink=always" "$(cat cp.err)"
	fi

	# made in place on a file written first: too late for no-COW
	dd if=/dev/zero of=bmnt/cow.swap bs=1M count=64 status=none
	chmod 0600 bmnt/cow.swap
	"$MG" -q bmnt/cow.swap
	refused "btrfs: copy-on-write" bmnt/cow.swap copy-on-write

	"$CRAFT" -g -n 16384 -l 4096 bmnt/nocow/ghost.swap
	fallocate -l 64M bmnt/nocow/ghost.swap
	cp --reflink=always bmnt/nocow/ghost.swap bmnt/nocow/ghost.copy
	cp bmnt/nocow/ghost.swap ghost.before
	t_run "$SLE" --no-ghost bmnt/nocow/ghost.swap
	t_eq "btrfs: --no-ghost, shared: refused" 1 "$T_RC"
	t_contains "btrfs: --no-ghost, shared: says why" "error: shared-extents: " "$T_ERR"
	t_same_file "btrfs: --no-ghost, shared: unchanged" ghost.before bmnt/nocow/ghost.swap
	umount bmnt
fi

##### memory file systems: no swap file on them
for fs in tmpfs ramfs; do
	mkdir "$fs"
	if mount -t $fs -o size=96M $fs "$fs"; then
		MOUNTS+=("$T_TMP/$fs")
		"$MG" -q -F -s 16M "$fs/a.swap"
		no_block_count_gap "$fs" "$fs/a.swap"
		refused "$fs" "$fs/a.swap" fs-no-swap
		umount "$fs"
	else
		t_fail "$fs: mount" ""
	fi
done

t_end

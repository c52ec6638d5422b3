#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What the tools must never destroy, and what they must never call a
# success: a file of data replaced or cut without -f, a file replaced by a
# user who may not write it (or its owner and mode lost), a change reported
# done that a replacement made invisible, a summary printed before a write
# that then failed, and a file that another run created at the same time.
# The cases of another user run as nobody through setpriv(1), so they need
# root; CI runs as root.
#
# usage: safety.sh MKSWAP-GHOST SWAPLABEL-EXT
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

MG=$(realpath "$1")
SL=$(realpath "$2")

t_begin safety
cd "$T_TMP" || exit 1
printf 'Filename\tType\tSize\tUsed\tPriority\n' >swaps.none
export GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.none
PS=$(getconf PAGESIZE)
NOLEAK=(env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")

# sum FILE: what a file holds and who may do what with it
sum() { echo "$(stat -c '%i %U %a %s' "$1") $(sha256sum <"$1" | cut -c1-16)"; }

##### 1. a file of data is replaced or cut only with -f
head -c $((10 * 1024 * 1024)) /dev/urandom >data.bin
before=$(sum data.bin)
t_run "$MG" --ghost --size 1G data.bin
t_eq "data file: --ghost without -f refused, file as it was" "1 $before" \
	"$T_RC $(sum data.bin)"
t_contains "data file: the message says what would be lost" \
	"data.bin holds 10 MiB of data that is not a swap area" "$T_ERR"
t_eq "data file: nothing printed on stdout" "" "$T_OUT"
t_run "$MG" --ghost -f --size 1G data.bin
t_eq "data file: --ghost -f replaces it" "0 swap $((10 * PS))" \
	"$T_RC $(blkid -p -o value -s TYPE data.bin) $(stat -c %s data.bin)"

truncate -s 64M fs.img
mkfs.ext4 -q -F fs.img
before=$(sum fs.img)
t_run "$MG" --ghost --size 1G fs.img
t_eq "ext4 image: --ghost without -f refused, image as it was" "1 $before" \
	"$T_RC $(sum fs.img)"
t_run "$MG" -F -s 1M fs.img
t_eq "ext4 image: -F -s cutting it without -f refused" "1 $before" \
	"$T_RC $(sum fs.img)"
t_contains "ext4 image: the message says what -s would do" \
	"fs.img holds 64 MiB of data that is not a swap area; --size would cut it to 1 MiB" "$T_ERR"

# what needs no -f: an empty file, a swap area of any kind, growing
: >empty
t_run "$MG" --ghost -q --size 1G empty
t_eq "empty file: --ghost goes ahead" "0 swap" "$T_RC $(blkid -p -o value -s TYPE empty)"
head -c 1048576 /dev/zero >area && chmod 600 area && "$MG" -q area
t_run "$MG" --ghost -q --size 1G area
t_eq "regular swap area: --ghost replaces it without -f" "0 $((10 * PS))" \
	"$T_RC $(stat -c %s area)"
t_run "$MG" --ghost -q --size 2G area
t_eq "ghost area: --ghost replaces it without -f" 0 "$T_RC"
head -c 2097152 /dev/zero >big && chmod 600 big && "$MG" -q big
t_run "$MG" -q -F -s 1M big
t_eq "swap area: -F -s cuts it without -f" "0 1048576" "$T_RC $(stat -c %s big)"

##### 2. who may replace a file, and what it keeps
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 0711 "$T_TMP"
	AS_NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	# world-writable, not sticky: the directory allows a rename over
	# root's file, but the file itself is not the user's to write
	mkdir -m 0777 open
	"$MG" --ghost -q --size 1G open/root.swap
	before=$(sum open/root.swap)
	t_run "${AS_NOBODY[@]}" "$MG" --ghost --size 2G open/root.swap
	t_eq "root's 0600 file in a 0777 directory: refused to another user" \
		"1 $before" "$T_RC $(sum open/root.swap)"
	t_contains "root's 0600 file: why" "cannot open open/root.swap: Permission denied" "$T_ERR"
	t_eq "root's 0600 file: nothing printed on stdout" "" "$T_OUT"

	# a root-owned 0755 directory and a 0666 file: the file may be
	# written, so it is rewritten in place, owner and mode kept
	mkdir -m 0755 closed
	"$MG" --ghost -q --size 1G closed/shared.swap
	chmod 0666 closed/shared.swap
	ino=$(stat -c %i closed/shared.swap)
	t_run "${AS_NOBODY[@]}" "$MG" --ghost --size 4G closed/shared.swap
	t_eq "writable file in a closed directory: rewritten in place" \
		"0 $ino root 666 $((10 * PS)) 4 GiB" \
		"$T_RC $(stat -c '%i %U %a %s' closed/shared.swap) $("$SL" --show closed/shared.swap | sed -n 's/^Advertised size: *\([0-9.]* [KMGT]iB\).*/\1/p')"
	t_contains "in place: the summary after the write" "Setting up ghost swapspace" "$T_OUT"
	t_run "$SL" --check closed/shared.swap
	# exit 2: valid, with the warning about mode 0666 that the user chose
	t_eq "in place: the result is a valid ghost file" \
		"2 warning: insecure-mode: insecure permissions 0666, 0600 suggested" \
		"$T_RC $T_OUT$T_ERR"

	# a new file where the user may not create one: an error, and no
	# summary that says it was set up
	t_run "${AS_NOBODY[@]}" "$MG" --ghost --size 1G closed/new.swap
	t_eq "new file in a closed directory: refused, no summary" "1 " "$T_RC $T_OUT"
	t_run "${AS_NOBODY[@]}" "$MG" -F -s 1M closed/new.swap
	t_eq "-F -s in a closed directory: refused, no summary" "1 " "$T_RC $T_OUT"

	# root replacing a file of another user keeps its owner and mode
	"$MG" --ghost -q --size 1G users.swap
	chown 65534:65534 users.swap && chmod 0640 users.swap
	t_run "$MG" --ghost -q --size 2G users.swap
	t_eq "replaced by root: owner, group and mode kept" "0 nobody nogroup 640" \
		"$T_RC $(stat -c '%U %G %a' users.swap)"
else
	t_skip "another user's files" "needs root and setpriv"
fi

##### 3. a change is never reported done when a replacement hid it
if command -v strace >/dev/null; then
	"$MG" --ghost -q --size 1G -L old raced.swap
	# swaplabel-ext -L holds its lock during a slow write; --ghost waits
	# for it by default
	"${NOLEAK[@]}" strace -f -qq -o /dev/null -e inject=pwrite64:delay_enter=1500000 \
		"$SL" -L first raced.swap >sl.out 2>sl.err &
	sl=$!
	sleep 0.5
	t_run "$MG" --ghost --size 2G raced.swap
	wait $sl
	rc=$?
	t_eq "--ghost waits for the lock of a change in progress" \
		"0 0 yes" "$rc $T_RC $(grep -q 'waiting to get lock' <<<"$T_ERR" && echo yes)"

	# without the lock, the replacement lands during the write: the
	# change went to a file nobody sees, and -L must say so
	"$MG" --ghost -q --size 1G -L old raced.swap
	"${NOLEAK[@]}" strace -f -qq -o /dev/null -e inject=pwrite64:delay_enter=1500000 \
		"$SL" -L second raced.swap >sl.out 2>sl.err &
	sl=$!
	sleep 0.5
	"$MG" --ghost -q --lock=no --size 2G raced.swap
	wait $sl
	rc=$?
	t_eq "a change the replacement hid: exit 1" 1 "$rc"
	t_contains "a change the replacement hid: the message" \
		"raced.swap: the file was replaced while the change was written" "$(cat sl.err)"

	##### 4. the summary comes after the write
	t_run "${NOLEAK[@]}" strace -f -qq -o /dev/null -e inject=fsync:error=EIO:when=1 \
		"$MG" --ghost --size 1G eio.swap
	t_eq "a failed write: exit 1, no summary" "1 " "$T_RC $T_OUT"
	t_run "${NOLEAK[@]}" strace -f -qq -o /dev/null -e inject=fsync:error=EIO:when=1 \
		"$MG" -F -s 1M eio.swap
	t_eq "-F -s, a failed write: exit 1, no summary" "1 " "$T_RC $T_OUT"

	##### 5. two runs create one new file: both succeed, same rules
	rm -f both.swap
	"${NOLEAK[@]}" strace -f -qq -o /dev/null -e inject=fsync:delay_enter=1500000:when=1 \
		"$MG" --ghost -q --size 1G -L slow both.swap 2>both.err &
	slow=$!
	sleep 0.5
	t_run "$MG" --ghost -q --size 2G -L fast both.swap
	wait $slow
	rc=$?
	t_eq "two creators of one new file: both exit 0" "0 0" "$T_RC $rc"
	t_eq "two creators: the later one's file is there" slow \
		"$(blkid -p -o value -s LABEL both.swap)"
	t_eq "two creators: nothing on stderr" "" "$(cat both.err)"
	rm -f both.swap
	"${NOLEAK[@]}" strace -f -qq -o /dev/null -e inject=fsync:delay_enter=1500000:when=1 \
		"$MG" -q -F -s 1M -L slow both.swap 2>both.err &
	slow=$!
	sleep 0.5
	t_run "$MG" -q -F -s 1M -L fast both.swap
	wait $slow
	rc=$?
	t_eq "-F -s, two creators of one new file: both exit 0" "0 0" "$T_RC $rc"
	t_eq "-F -s, two creators: the later one's header is there" slow \
		"$(blkid -p -o value -s LABEL both.swap)"
else
	t_fail "races and faults" "strace is required"
fi

t_end

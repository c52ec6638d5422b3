#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Command-line tests of mkswap-ghost: byte-for-byte and message-for-message
# parity with util-linux mkswap, the options Debian's mkswap lacks (-e -o
# -s -F) checked against bytes built here, ghost files as blkid sees them,
# and every refusal with its message, exit code and untouched target.
# MKSWAP-GHOST is the copy with test hooks; INSTALLED, when given, is the
# installed program, which must not have them.
#
# usage: mkswap-ghost.sh MKSWAP-GHOST [INSTALLED]
# shellcheck shell=bash source-path=SCRIPTDIR disable=SC2317

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

MG=$1
MGI=${2:-}
MKSWAP=${MKSWAP:-/usr/sbin/mkswap}
UU=01234567-89ab-cdef-0123-456789abcdef

t_begin mkswap-ghost-cli
if [ ! -x "$MG" ]; then
	echo "usage: $0 MKSWAP-GHOST" >&2
	exit 1
fi
case $MG in /*) ;; *) MG=$PWD/$MG ;; esac
[ -n "$MGI" ] && MGI=$(realpath "$MGI")
cd "$T_TMP" || exit 1
if [ ! -x "$MKSWAP" ]; then
	echo "util-linux mkswap ($MKSWAP) is required" >&2
	exit 1
fi
ROOT=no
[ "$(id -u)" -eq 0 ] && ROOT=yes
# nothing here is an active area, whatever the machine has swapped on
printf 'Filename\tType\tSize\tUsed\tPriority\n' >swaps.none
export GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.none
PS=$(getconf PAGESIZE)
# LeakSanitizer cannot work under ptrace: off for runs under strace
NOLEAK=(env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")

# The two programs differ only in their names.
normalize() {
	sed -E -e 's#^([^ :]*/)?mkswap(-ghost)?:#mkswap:#' \
		-e "s#'([^ ']*/)?mkswap(-ghost)? --help'#'mkswap --help'#" "$1"
}

# prep_random FILE BYTES: an old file full of data, mode 0600
prep_random() {
	head -c "$2" /dev/urandom >"$1"
	chmod 0600 "$1"
}

# t_parity NAME PREP ARGS...: PREP makes the file "sw" (in ref/ and new/,
# identically); util-linux mkswap ARGS and mkswap-ghost ARGS must then give
# the same bytes, exit code, stdout and stderr.  The file is the last
# argument unless ARGS contain "sw" themselves or end with NOFILE.
t_parity() {
	local name=$1 prep=$2 ra rb why=""
	shift 2
	rm -rf ref new
	mkdir ref new
	(cd ref && eval "$prep")
	if [ -e ref/sw ]; then
		cp -p --sparse=always ref/sw new/sw
	fi
	local args=("$@")
	if [ "${args[-1]}" = NOFILE ]; then
		unset 'args[-1]'
	else
		case " $* " in *" sw "*) ;; *) args+=(sw) ;; esac
	fi
	(cd ref && "$MKSWAP" "${args[@]}" >out 2>err </dev/null)
	ra=$?
	(cd new && "$MG" "${args[@]}" >out 2>err </dev/null)
	rb=$?
	[ "$ra" = "$rb" ] || why="exit code $ra vs $rb;"
	if [ -e ref/sw ] || [ -e new/sw ]; then
		cmp -s ref/sw new/sw || why="$why bytes differ ($(cmp ref/sw new/sw 2>&1 | head -n 1));"
	fi
	cmp -s ref/out new/out || why="$why stdout: $(diff ref/out new/out | tr '\n' ' ');"
	cmp -s <(normalize ref/err) <(normalize new/err) ||
		why="$why stderr: $(diff <(normalize ref/err) <(normalize new/err) | tr '\n' ' ')"
	if [ -z "$why" ]; then
		t_pass "parity: $name"
	else
		t_fail "parity: $name" "$why"
	fi
}

# t_refused NAME TARGET NEEDLE ARGS...: mkswap-ghost ARGS exits 1, says
# NEEDLE on stderr, and TARGET stays byte-for-byte what it was (or absent)
t_refused() {
	local name=$1 target=$2 needle=$3 before=absent after=absent
	shift 3
	[ -f "$target" ] && before=$(sha256sum <"$target")
	[ -d "$target" ] && before=$(find "$target" -printf '%p %s %T@\n' | sha256sum)
	t_run "$MG" "$@"
	[ -f "$target" ] && after=$(sha256sum <"$target")
	[ -d "$target" ] && after=$(find "$target" -printf '%p %s %T@\n' | sha256sum)
	if [ "$T_RC" -ne 1 ]; then
		t_fail "refused: $name" "exit code $T_RC, expected 1" "$T_ERR"
	elif [[ "$T_ERR" != *"$needle"* ]]; then
		t_fail "refused: $name" "missing message: $needle" "stderr: $T_ERR"
	elif [ "$before" != "$after" ]; then
		t_fail "refused: $name" "$target changed ($before -> $after)"
	elif [ -n "$(temp_files 2)" ]; then
		t_fail "refused: $name" "temporary file left behind"
	else
		t_pass "refused: $name"
	fi
}

# temp_files DEPTH: temporary files of mkswap-ghost, this one's or an older
# one's, down to DEPTH levels below the current directory
temp_files() {
	find . -maxdepth "$1" -name '.ghostswap-tmp.??????' -print
}

# u32 FILE OFFSET ORDER: a 32-bit field ("little" or "big") as a number
u32() {
	local -a b
	read -r -a b < <(od -A n -t u1 -j "$2" -N 4 "$1")
	if [ "$3" = big ]; then
		echo $((b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]))
	else
		echo $((b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]))
	fi
}

# t_no_holes NAME FILE: every byte of FILE has its block on disk
t_no_holes() {
	local size blocks
	size=$(stat -c %s "$2")
	blocks=$(stat -c %b "$2")
	if [ $((blocks * 512)) -ge "$size" ]; then
		t_pass "$1"
	else
		t_fail "$1" "$((blocks * 512)) bytes allocated for $size"
	fi
}

##### help and version
t_run "$MG" --help
t_eq "--help exits 0" 0 "$T_RC"
for opt in --check --force --quiet --pagesize --label --swapversion --uuid \
	--endianness --offset --size --file --ghost --verbose --lock --help --version; do
	t_contains "--help lists $opt" " $opt" "$T_OUT"
done
t_run "$MG" --version
# the features in parentheses after it are nls.sh's to check
t_eq "--version" "mkswap-ghost from ghostswap 0.1.0" "${T_OUT%% (*}"
t_run "$MG" --bogus
t_eq "unknown option exits 1" 1 "$T_RC"
t_contains "unknown option hint" "Try 'mkswap-ghost --help' for more information." "$T_ERR"

##### parity with util-linux mkswap: bytes, messages and exit codes
t_parity "default" "prep_random sw 1048576" -U $UU
t_parity "label" "prep_random sw 1048576" -U $UU -L hello
t_parity "15-byte label" "prep_random sw 1048576" -U $UU -L 0123456789abcde
t_parity "16-byte label, truncated" "prep_random sw 1048576" -U $UU -L 0123456789abcdef
t_parity "long label, truncated" "prep_random sw 1048576" -U $UU -L 0123456789abcdefghij
t_parity "empty label" "prep_random sw 1048576" -U $UU -L ''
t_parity "nil UUID" "prep_random sw 1048576" -U clear -L x
for p in 4096 8192 16384 32768 65536; do
	t_parity "page size $p" "prep_random sw 2097152" -U $UU -p "$p"
done
t_parity "page size 0 is the system's" "prep_random sw 1048576" -U $UU -p 0
for size in 40960 45056 1000000 1048577 1204224 3145728 123456789; do
	t_parity "size $size" "truncate -s $size sw && chmod 600 sw" -U $UU -q
	t_parity "size $size, summary and holes warning" \
		"truncate -s $size sw && chmod 600 sw" -U $UU
done
t_parity "holes, --verbose" "truncate -s 1M sw && chmod 600 sw" -U $UU --verbose
t_parity "block count" "prep_random sw 1048576" -U $UU sw 200
t_parity "block count 0 means all" "prep_random sw 1048576" -U $UU sw 0
t_parity "block count, 64 KiB pages" "prep_random sw 2097152" -U $UU -p 65536 sw 1024
t_parity "block count larger than file" "prep_random sw 1048576" -U $UU sw 5000
t_parity "block count larger, --force" "prep_random sw 1048576" -U $UU -f sw 5000
t_parity "block count too small" "prep_random sw 1048576" -U $UU sw 36
t_parity "bad block count" "prep_random sw 1048576" -U $UU sw 12x
t_parity "insecure permissions" "prep_random sw 1048576 && chmod 644 sw" -U $UU
t_parity "insecure permissions, setuid" "prep_random sw 1048576 && chmod 4600 sw" -U $UU
t_parity "quiet" "prep_random sw 1048576 && chmod 644 sw" -U $UU -q -L 0123456789abcdefgh
t_parity "--lock" "prep_random sw 1048576" -U $UU --lock
t_parity "--lock=no" "prep_random sw 1048576" -U $UU --lock=no
t_parity "--lock=nonblock" "prep_random sw 1048576" -U $UU --lock=nonblock
t_parity "--check on a file" "prep_random sw 1048576" -U $UU -c
t_parity "old swap area, other page size" \
	"truncate -s 2M sw && chmod 600 sw && $MKSWAP -q -p 65536 sw" -U $UU -p 4096
t_parity "old swap area, same page size" \
	"prep_random sw 1048576 && $MKSWAP -q sw" -U $UU -L again
if command -v mkfs.ext4 >/dev/null; then
	t_parity "old ext4 signature" "truncate -s 8M sw && mkfs.ext4 -q sw && chmod 600 sw" -U $UU
	t_parity "old ext4 signature, --force" \
		"truncate -s 8M sw && mkfs.ext4 -q sw && chmod 600 sw" -U $UU -f
else
	t_skip "parity: old ext4 signature" "no mkfs.ext4"
fi
# a DOS partition table: boot sector kept without -f, zeroed with it
mbr='prep_random sw 1048576 && { printf "\0\0\0\0\203\0\0\0\1\0\0\0\377\0\0\0"; head -c 48 /dev/zero; printf "\125\252"; } | dd of=sw bs=1 seek=446 conv=notrunc status=none'
t_parity "partition table kept" "$mbr" -U $UU
t_parity "partition table, --force" "$mbr" -U $UU -f

# errors, in the order and words of mkswap
t_parity "bad page size" "prep_random sw 1048576" -p 3000
t_parity "page size not a number" "prep_random sw 1048576" -p 4k
t_parity "negative page size" "prep_random sw 1048576" -p -4096
t_parity "page size too large for u32" "prep_random sw 1048576" -p 99999999999
t_parity "swap version 0" "prep_random sw 1048576" -v 0
t_parity "swap version not a number" "prep_random sw 1048576" -v x
t_parity "bad UUID" "prep_random sw 1048576" -U 0123-xyz
t_parity "missing file" "true" -U $UU
t_parity "no device" "true" -U $UU NOFILE
t_parity "too many arguments" "prep_random sw 1048576" -U $UU sw 100 200
t_parity "unsupported lock mode" "prep_random sw 1048576" --lock=maybe
t_parity "--check with --quiet" "prep_random sw 1048576" -c -q
t_parity "file too small" "prep_random sw 36864" -U $UU

##### what Debian's mkswap (2.38) lacks: checked against bytes built here
# Every run below starts from the same old data, so mkswap's reference run
# on a copy gives the header page; the rest is set by the option's rules.
prep_random base 1048576

# -e: the three header words swap, nothing else moves
cp base le && cp base be && cp base nat
"$MG" -q -U $UU -L order -e little le
"$MG" -q -U $UU -L order -e big be
"$MG" -q -U $UU -L order -e native nat
cp base ul.order && "$MKSWAP" -q -U $UU -L order ul.order
t_same_file "-e little is mkswap's bytes on a little-endian host" ul.order le
t_same_file "-e native is the host order" ul.order nat
t_eq "-e big: version" 1 "$(u32 be 1024 big)"
t_eq "-e big: last_page" 255 "$(u32 be 1028 big)"
t_eq "-e big: nr_badpages" 0 "$(u32 be 1032 big)"
t_eq "-e big: same bytes past the three words" \
	"$(tail -c +1037 ul.order | sha256sum)" "$(tail -c +1037 be | sha256sum)"
t_eq "-e big: same bytes before them" \
	"$(head -c 1024 ul.order | sha256sum)" "$(head -c 1024 be | sha256sum)"
t_eq "blkid reads a big-endian header" "swap" "$(blkid -p -o value -s TYPE be)"
t_refused "bad endianness" le "invalid endianness middle is not supported" \
	-e middle le

# -o: boot sector zeroed at 0, header page at OFFSET, size counted from it
cp base off
t_run "$MG" -U $UU -L off -o 8192 off
t_eq "-o exit code" 0 "$T_RC"
t_contains "-o size counts from the offset" \
	"size = 1012 KiB (1036288 bytes)" "$T_OUT"
head -c $((1048576 - 8192)) /dev/zero >hdr && chmod 600 hdr
"$MKSWAP" -q -U $UU -L off hdr
{
	head -c 1024 /dev/zero
	tail -c +1025 base | head -c $((8192 + 1024 - 1024))
	tail -c +1025 hdr | head -c $((PS - 1024))
	tail -c +$((8192 + PS + 1)) base
} >off.expected
t_same_file "-o 8192: bytes" off.expected off
t_refused "-o past the end" off "offset larger than file size" -o 2000000 off
t_refused "-o not a number" off "invalid offset: '8k'" -o 8k off
t_refused "-o leaves too little" off "swap area needs to be at least" -o 1040000 off

# -F -s: a new file, 0600, fully allocated, as mkswap makes it on zeros
t_run "$MG" -U $UU -L new -F -s 1M created
t_eq "-F -s exit code" 0 "$T_RC"
t_eq "-F -s mode" 600 "$(stat -c %a created)"
t_eq "-F -s length" 1048576 "$(stat -c %s created)"
t_no_holes "-F -s: no holes" created
head -c 1048576 /dev/zero >zeros && chmod 600 zeros && "$MKSWAP" -q -U $UU -L new zeros
t_same_file "-F -s: mkswap's bytes" zeros created
t_run "$MG" -q -U $UU -F -s 2M -o 4096 created.off
head -c $((2097152 - 4096)) /dev/zero >zeros.off && chmod 600 zeros.off
"$MKSWAP" -q -U $UU zeros.off
{ head -c 4096 /dev/zero; cat zeros.off; } >created.off.expected
t_same_file "-F -s -o: header at the offset" created.off.expected created.off
prep_random grown 1048576 && chmod 644 grown
t_run "$MG" -q -U $UU -F -s 2M grown
t_eq "-F -s on an old file: resized" 2097152 "$(stat -c %s grown)"
t_eq "-F -s on an old file: made 0600" 600 "$(stat -c %a grown)"
t_eq "-F -s on an old file: a swap area" swap "$(blkid -p -o value -s TYPE grown)"
# -c cannot check a file, and says so also when it creates one
t_run "$MG" -c -U $UU -F -s 1M checked
t_eq "-F -s -c, new file: exit code" 0 "$T_RC"
t_eq "-F -s -c, new file: warns as mkswap does" \
	"mkswap-ghost: warning: checking bad blocks from swap file is not supported: checked" \
	"$T_ERR"
# the bytes before the offset are allocated, not written
if t_strace_ok; then
	"${NOLEAK[@]}" strace -f -qq -o offset.log -e trace=write,pwrite64 \
		"$MG" -q -U $UU -F -s 64M -o $((48 * 1024 * 1024)) bigoffset
	written=$(sed -n 's/^[0-9]* *p\{0,1\}write.*= \([0-9]*\)$/\1/p' offset.log |
		awk '{ s += $1 } END { print s + 0 }')
	t_check "-F -s -o 48M: $written bytes written, not 48 MiB" test "$written" -le $((2 * PS))
	t_eq "-F -s -o 48M: length and header" "67108864 $((16 * 1024 * 1024 / PS - 1)) SWAPSPACE2" \
		"$(stat -c %s bigoffset) $(u32 bigoffset $((48 * 1024 * 1024 + 1028)) little) $(tail -c +$((48 * 1024 * 1024 + PS - 9)) bigoffset | head -c 10)"
	t_no_holes "-F -s -o 48M: no holes" bigoffset
else
	t_fail "-F -s -o: bytes written" "strace cannot trace here"
fi
# a larger old file is cut only once the new header is written; what lay
# past the new end does not count as holes
truncate -s 3M shrunk && chmod 600 shrunk
head -c 1048576 /dev/urandom | dd of=shrunk conv=notrunc status=none
t_refused "-F -s cutting a file of data without -f" shrunk \
	"shrunk holds 3 MiB of data that is not a swap area; --size would cut it to 1 MiB (use -f to cut it)" \
	-U $UU -F -s 1M shrunk
t_run "$MG" -f -U $UU -F -s 1M shrunk
t_eq "-F -s -f on a larger old file: cut, a swap area" "0 1048576 swap" \
	"$T_RC $(stat -c %s shrunk) $(blkid -p -o value -s TYPE shrunk)"
t_eq "-F -s on a larger old file: no holes reported past the new end" "" "$T_ERR"
t_refused "-F without -s on a missing file" missing.F "cannot open missing.F" -F missing.F
t_refused "-F -s, missing directory" nodir/f "cannot create nodir/f: No such file or directory" \
	-F -s 1M nodir/f
t_refused "-F -s, size not a number" bad.F "invalid size: '1Q'" -F -s 1Q bad.F

##### in place, a header write that fails: mkswap erases the old swap
# signature before it writes; here an old one where the new one goes stays
# until the new header overwrites it, and the message says what is left
if t_strace_ok; then
	head -c 1048576 /dev/zero >hdrfail && chmod 600 hdrfail
	"$MKSWAP" -q -U $UU -L before hdrfail
	cp hdrfail hdrfail.0
	# the boot sector is the first pwrite, the header page the second
	t_run "${NOLEAK[@]}" strace -qq -o /dev/null -e trace=pwrite64 -e inject=pwrite64:error=EIO:when=2 \
		"$MG" -q -L after hdrfail
	t_eq "in place, header write fails: exit code" 1 "$T_RC"
	t_contains "in place, header write fails: says the old area is there" \
		"hdrfail: the old swap header should still be there" "$T_ERR"
	t_same_file "in place, header write fails: old swap area intact" hdrfail.0 hdrfail
	prep_random hdrfail.other 1048576
	t_run "${NOLEAK[@]}" strace -qq -o /dev/null -e trace=pwrite64 -e inject=pwrite64:error=EIO:when=2 \
		"$MG" -q hdrfail.other
	t_contains "in place over other data, header write fails: says nothing is left" \
		"hdrfail.other: old signatures are erased; it has no swap header now" "$T_ERR"
else
	t_fail "in place, header write fails" "strace cannot trace here"
fi

##### ghost files
t_run "$MG" --ghost --size 64G -U $UU -L ghostly g64
t_eq "ghost exit code" 0 "$T_RC"
t_eq "ghost summary" "Setting up ghost swapspace version 1, size = 64 GiB (68719476736 bytes)
LABEL=ghostly, UUID=$UU" "$T_OUT"
t_eq "ghost: no warnings" "" "$T_ERR"
t_eq "ghost file is 10 pages" $((10 * PS)) "$(stat -c %s g64)"
t_eq "ghost file mode" 600 "$(stat -c %a g64)"
t_no_holes "ghost file has no holes" g64
t_eq "blkid -p on a ghost file" \
	"LABEL=\"ghostly\" UUID=\"$UU\" VERSION=\"1\" TYPE=\"swap\" USAGE=\"other\"" \
	"$(blkid -p g64 | sed 's/^g64: //')"
t_eq "ghost last_page" $((64 * 1024 * 1024 / (PS / 1024) - 1)) "$(u32 g64 1028 little)"
t_eq "ghost extension magic" "$(printf 'TSHG')" "$(tail -c +1069 g64 | head -c 4)"
t_eq "ghost magic at the page end" SWAPSPACE2 "$(tail -c +$((PS - 9)) g64 | head -c 10)"
t_eq "ghost data pages are zero" "$(head -c $((9 * PS)) /dev/zero | sha256sum)" \
	"$(tail -c +$((PS + 1)) g64 | sha256sum)"

t_run "$MG" --ghost -q -s 1T -p 65536 -e big g64k
t_eq "ghost 64 KiB pages, big-endian: quiet" "" "$T_OUT$T_ERR"
t_eq "ghost 64 KiB pages: 10 pages" 655360 "$(stat -c %s g64k)"
t_eq "ghost 64 KiB pages: last_page" $((16 * 1024 * 1024 - 1)) "$(u32 g64k 1028 big)"
t_eq "ghost 64 KiB pages: blkid" swap "$(blkid -p -o value -s TYPE g64k)"

t_run "$MG" --ghost -s 49151 -U $UU smallest
t_eq "smallest ghost: 11 pages" 0 "$T_RC"
t_contains "smallest ghost: size rounded down to pages" "size = 44 KiB (45056 bytes)" "$T_OUT"
t_eq "smallest ghost: last_page" 10 "$(u32 smallest 1028 little)"
t_run "$MG" --ghost -q -F -s $(((1 << 28) * PS)) -U random largest
t_eq "largest ghost: exit code" 0 "$T_RC"
t_eq "largest ghost: 2^28 pages" $(((1 << 28) - 1)) "$(u32 largest 1028 little)"
t_run "$MG" --ghost -q -s 16T -p 65536 -e big largest64k
t_eq "largest ghost, 64 KiB pages: 2^28 pages too" "0 $(((1 << 28) - 1))" \
	"$T_RC $(u32 largest64k 1028 big)"
t_run "$MG" --ghost -s 1G -U clear nil
t_contains "ghost -U clear: summary" "UUID=00000000-0000-0000-0000-000000000000" "$T_OUT"
t_eq "ghost -U clear: nil UUID on disk" "$(head -c 16 /dev/zero | od -A n -t x1)" \
	"$(od -A n -t x1 -j 1036 -N 16 nil)"
t_run "$MG" --ghost -q -s 1G -U time timed
t_eq "ghost -U time: a time-based UUID" 1 \
	"$(blkid -p -o value -s UUID timed | cut -c 15)"

# replacing: a new inode in place of the old, nothing left beside it
prep_random old 3145728
ino=$(stat -c %i old)
t_refused "ghost over a file of data without -f" old \
	"old holds 3 MiB of data that is not a swap area; --ghost would replace it with a 40 KiB file (use -f to replace it)" \
	--ghost -q -s 8G -U $UU old
t_run "$MG" --ghost -f -q -s 8G -U $UU old
t_eq "ghost replaces a file" "0 $((10 * PS))" "$T_RC $(stat -c %s old)"
if [ "$(stat -c %i old)" != "$ino" ]; then
	t_pass "ghost replaces by rename"
else
	t_fail "ghost replaces by rename" "same inode $ino"
fi
t_eq "no temporary files left" "" "$(temp_files 9)"

# a file with other names: a new file in its place would leave them on
# the old one
prep_random linked 1048576
ln linked linked.2
t_refused "--ghost on a file with two links" linked \
	"error: linked has 2 hard links; will not replace it" --ghost -s 8G linked
t_eq "--ghost on a file with two links: both names kept" "2 $(stat -c %i linked)" \
	"$(stat -c '%h %i' linked.2)"

# the temporary name is short: a 255-byte name can be made and replaced
long=$(printf 'n%.0s' $(seq 255))
t_run "$MG" --ghost -q -s 8G "$long"
t_eq "255-byte name: --ghost creates it" "0 swap" \
	"$T_RC $(blkid -p -o value -s TYPE "$long" 2>&1)"
t_run "$MG" --ghost -q -s 16G -U $UU "$long"
t_eq "255-byte name: --ghost replaces it" "0 $UU" \
	"$T_RC $(blkid -p -o value -s UUID "$long" 2>&1)"
rm -f "$long"
t_run "$MG" -q -F -s 1M "$long"
t_eq "255-byte name: -F -s creates it" "0 1048576" "$T_RC $(stat -c %s "$long" 2>&1)"
rm -f "$long"

# No run deletes a file it did not create: the files of users that look
# like temporary files (.gswapfile, .gswbackup: the names the old cleanup
# took), and even a real leftover of a killed run, stay.  A leftover that
# no writer holds locked is named on stderr, and only that one.
mkdir stale
for f in .gswapfile .gswbackup .gswAbc123 .ghostswap-tmp.Abc123 .ghostswap-tmp.Locked; do
	head -c 4096 /dev/urandom >"stale/$f"
done
[ "$ROOT" = yes ] && chown 65534:65534 stale/.gswbackup
before=$(cd stale && sha256sum .g* | sort)
exec 8<stale/.ghostswap-tmp.Locked
flock -x 8
t_run "$MG" --ghost -s 8G stale/g
exec 8<&-
t_eq "no file of anyone else removed or changed: exit code" 0 "$T_RC"
t_eq "no file of anyone else removed or changed" "$before" \
	"$(cd stale && sha256sum .g* | sort)"
t_contains "an unlocked leftover is reported" \
	"stale/.ghostswap-tmp.Abc123: left by an interrupted run; remove it if nothing else uses it" "$T_ERR"
t_eq "only unlocked leftovers are reported" 1 "$(grep -c 'interrupted run' <<<"$T_ERR")"
t_run "$MG" --ghost -q -s 8G stale/g
t_eq "-q: leftovers not reported" "0 " "$T_RC $T_ERR"
t_run "$MG" -F -s 1M stale/new
t_contains "-F -s: an unlocked leftover is reported" ".ghostswap-tmp.Abc123: left by" "$T_ERR"
rm -rf stale

# symbolic links are followed to their target, never replaced
prep_random target 1048576
ln -s target link
t_run "$MG" --ghost -f -q -s 8G link
t_eq "symlink followed: exit code" 0 "$T_RC"
t_check "symlink kept" test -L link
t_eq "symlink target is the ghost file" swap "$(blkid -p -o value -s TYPE target)"
ln -s nowhere dangling
t_refused "dangling symlink" nowhere "dangling symbolic link" --ghost -s 8G dangling
t_check "dangling symlink kept" test -L dangling

##### refusals: message, exit code 1, target untouched or not created
prep_random keep 1048576
t_refused "--ghost without --size" keep "error: --ghost requires --size" --ghost keep
t_refused "--ghost with a block count" keep "not from a block count" \
	--ghost -s 8G keep 100
t_refused "--ghost, 10 pages" keep \
	"error: ghost swap area needs to be at least $((11 * PS / 1024)) KiB (11 pages)" \
	--ghost -s $((10 * PS)) keep
t_refused "--ghost, 11 pages less a byte" keep "needs to be at least" \
	--ghost -s $((11 * PS - 1)) keep
t_refused "--ghost, unsupported lock mode" keep "unsupported lock mode: maybe" \
	--ghost -s 8G --lock=maybe keep
t_refused "--ghost, size 0" keep "needs to be at least" --ghost -s 0 keep
t_refused "--ghost, one page beyond the ghost limit" keep \
	"error: ghost swap area cannot be larger than $(((1 << 28) * (PS / 1024))) KiB (268435456 pages): the kernel refuses larger ghost areas" \
	--ghost -s $((((1 << 28) + 1) * PS)) keep
t_refused "--ghost, beyond the ghost limit with 64 KiB pages" keep \
	"cannot be larger than 17179869184 KiB (268435456 pages)" \
	--ghost -s 17T -p 65536 keep
t_refused "--ghost, beyond last_page" keep "error: ghost swap area cannot be larger than" \
	--ghost -s 17T keep
t_refused "--ghost, one page beyond last_page" keep "cannot be larger than" \
	--ghost -s $((4294967297 * PS)) keep
t_refused "--ghost, size not a number" keep "invalid size: '64X': Invalid argument" \
	--ghost -s 64X keep
t_refused "--ghost, size overflows" keep "invalid size: '99999999999E': Numerical result out of range" \
	--ghost -s 99999999999E keep
t_refused "--ghost, bad page size" keep "Bad user-specified page size 5000" \
	--ghost -s 8G -p 5000 keep
t_refused "--ghost, page size not a number" keep "parsing page size failed: 'big'" \
	--ghost -s 8G -p big keep
t_refused "--ghost, unsupported page size" keep "Unsupported page size 524288" \
	--ghost -s 8G -p 524288 keep
t_refused "--ghost, bad UUID" keep "error: parsing UUID failed" --ghost -s 8G -U nope keep
t_refused "--ghost with --check" keep "mutually exclusive arguments: --ghost --check" \
	--ghost -c -s 8G keep
t_refused "--check with --ghost" keep "mutually exclusive arguments: --check --ghost" \
	-c --ghost -s 8G keep
t_refused "--ghost with --offset" keep "mutually exclusive arguments: --ghost --offset" \
	--ghost -o 4096 -s 8G keep
mkdir adir
t_refused "--ghost on a directory" adir "error: adir is a directory; will not make swapspace" \
	--ghost -s 8G adir
t_refused "--ghost, missing directory" nodir/g \
	"cannot create nodir/g: No such file or directory" --ghost -s 8G nodir/g
t_refused "--ghost, parent is a file" keep/g "cannot create keep/g: Not a directory" \
	--ghost -s 8G keep/g
mkfifo fifo
t_refused "--ghost on a fifo" fifo "error: fifo is not a regular file; will not replace it" \
	--ghost -s 8G fifo
t_check "fifo kept" test -p fifo
if [ $ROOT = yes ]; then
	# a node for a loop device that need not exist: refused before any open
	mknod blk b 7 250
	t_refused "--ghost on a block device" blk \
		"error: blk is a block device; --ghost needs a regular file" --ghost -s 8G blk
	t_check "block device node kept" test -b blk
else
	t_skip "refused: --ghost on a block device" "mknod needs root"
fi

# an active area, as /proc/swaps lists it (matched by device and inode)
prep_random active 1048576
printf 'Filename\tType\tSize\tUsed\tPriority\n%s/active\tfile\t1020\t0\t-2\n' \
	"$T_TMP" >swaps.active
GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.active t_refused "--ghost on an active area" active \
	"error: active is an active swap area; will not make swapspace" --ghost -s 8G active
GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.active t_refused "mkswap on an active area" active \
	"error: active is an active swap area; will not make swapspace" active
ln active active.link
GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.active t_refused "an active area by another name" \
	active "error: active.link is an active swap area" --ghost -s 8G active.link
GHOSTSWAP_PROC_SWAPS=$T_TMP/no-such-list t_refused "active state unknown" active \
	"cannot tell whether active is an active swap area" --ghost -s 8G active

# without --ghost
t_refused "a directory" adir "error: adir is a directory; will not make swapspace" adir
t_refused "a missing file" missing "cannot open missing: No such file or directory" missing
t_refused "-s without -F does not create" missing "cannot open missing" -s 1M missing
t_refused "a fifo" fifo "error: fifo is neither a block device nor a regular file" fifo
t_refused "-F on a fifo" fifo "error: fifo is neither a block device nor a regular file" \
	-F -s 1M fifo
t_refused "a character device" /dev/null \
	"error: /dev/null is neither a block device nor a regular file" /dev/null

##### the lock comes before any change: a run refused it changes nothing
# state FILE: all a run could change of FILE
state() {
	if [ -e "$1" ]; then
		stat -c '%i %s %a %y %z' "$1"
		sha256sum <"$1"
	else
		echo absent
	fi
}

# t_locked NAME FILE CMD...: while this shell holds the lock on FILE, CMD
# exits 1 saying so and FILE keeps inode, size, mode, times and bytes
t_locked() {
	local name=$1 f=$2 before after
	shift 2
	exec 9<"$f"
	flock -x 9
	before=$(state "$f")
	t_run "$@"
	after=$(state "$f")
	exec 9<&-
	if [ "$T_RC" -ne 1 ]; then
		t_fail "locked: $name" "exit code $T_RC, expected 1" "$T_ERR"
	elif [[ "$T_ERR" != *"$f: device already locked"* ]]; then
		t_fail "locked: $name" "stderr: $T_ERR"
	elif [ "$before" != "$after" ]; then
		t_fail "locked: $name" "$f changed:" "$before" "$after"
	elif [ -n "$(temp_files 1)" ]; then
		t_fail "locked: $name" "temporary file left behind"
	else
		t_pass "locked: $name"
	fi
}

if command -v flock >/dev/null; then
	# mode 0644 and 1 MiB: -F would make it 0600, --size would resize it
	prep_random locked 1048576 && chmod 644 locked
	t_locked "-F --size" locked "$MG" -F --size 40K --lock=nonblock locked
	t_locked "-F" locked "$MG" -F --lock=nonblock locked
	t_locked "in place" locked "$MG" --lock=nonblock locked
	t_locked "--ghost" locked "$MG" --ghost --size 8G --lock=nonblock locked
	t_locked "LOCK_BLOCK_DEVICE=nonblock -F --size" locked \
		env LOCK_BLOCK_DEVICE=nonblock "$MG" -F --size 40K locked
	t_run "$MG" -q -f -F --size 40K --lock=nonblock locked
	t_eq "unlocked: -F --size goes ahead" "0 40960 600" \
		"$T_RC $(stat -c '%s %a' locked)"
else
	t_skip "locked: a refused lock changes nothing" "no flock(1)"
fi
t_refused "-F -s, unsupported lock mode" newlock "unsupported lock mode: maybe" \
	-F -s 1M --lock=maybe newlock

##### a list of active areas that cannot be read to its end
# The area is listed past the first block that stdio reads: only a read
# error after that block can hide it.
prep_random late 1048576
t_late_swaps_list "$T_TMP/late" 1020 >swaps.late
GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.late t_refused "an active area listed late" late \
	"error: late is an active swap area" late
if t_strace_ok; then
	t_read_error_wrapper swaps.late "$MG" mg-eio
	GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.late MG=$T_TMP/mg-eio t_refused \
		"read error in the list of active areas" late \
		"error: cannot tell whether late is an active swap area: Input/output error" late
	GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.late MG=$T_TMP/mg-eio t_refused \
		"read error in the list, --ghost" late \
		"error: cannot tell whether late is an active swap area: Input/output error" \
		--ghost -s 8G late
	GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.late MG=$T_TMP/mg-eio t_refused \
		"read error in the list, -F --size" late \
		"error: cannot tell whether late is an active swap area: Input/output error" \
		-F -s 2M late
else
	t_skip "refused: read error in the list of active areas" "strace cannot trace here"
fi
mkdir swaps.dir
GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.dir t_refused "the list is a directory" late \
	"error: cannot tell whether late is an active swap area" late

##### the installed program has no test hooks
# It reads the real /proc/swaps, which lists no file of this test, so a
# stand-in list that names the target active must not stop it.
if [ -n "$MGI" ]; then
	prep_random hooked 1048576
	printf 'Filename\tType\tSize\tUsed\tPriority\n%s/hooked\tfile\t1020\t0\t-2\n' \
		"$T_TMP" >swaps.hooked
	GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.hooked t_refused "hooked copy: the stand-in list" \
		hooked "error: hooked is an active swap area" hooked
	GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.hooked t_run "$MGI" -q -U $UU hooked
	t_eq "installed: GHOSTSWAP_PROC_SWAPS ignored" "0 swap" \
		"$T_RC $(blkid -p -o value -s TYPE hooked)"
else
	t_skip "installed: GHOSTSWAP_PROC_SWAPS ignored" "no installed program given"
fi

t_end

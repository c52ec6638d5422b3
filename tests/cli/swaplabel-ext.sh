#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Command-line tests of swaplabel-ext: compatibility with util-linux
# swaplabel, --show/--json, every --check finding, the changes and their
# byte-level footprint, and the refusals.  SWAPLABEL-EXT is the copy with
# test hooks; INSTALLED, when given, is the installed program, which must
# not have them.
#
# usage: swaplabel-ext.sh SWAPLABEL-EXT GSW-CRAFT [INSTALLED]
# shellcheck shell=bash source-path=SCRIPTDIR disable=SC2016,SC2086,SC2317

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

SLE=$(realpath "$1")
CRAFT=$(realpath "$2")
SLEI=${3:+$(realpath "$3")}
MKSWAP=${MKSWAP:-/usr/sbin/mkswap}
SWAPLABEL=${SWAPLABEL:-/usr/sbin/swaplabel}
UU=01234567-89ab-cdef-0123-456789abcdef

t_begin swaplabel-ext-cli
cd "$T_TMP" || exit 1

if [ ! -x "$SLE" ] || [ ! -x "$CRAFT" ]; then
	echo "usage: $0 SWAPLABEL-EXT GSW-CRAFT" >&2
	exit 1
fi
command -v jq >/dev/null || { echo "jq is required" >&2; exit 1; }
HAVE_UL=yes
[ -x "$MKSWAP" ] && [ -x "$SWAPLABEL" ] || HAVE_UL=no
ROOT=no
[ "$(id -u)" -eq 0 ] && ROOT=yes
# no area of the tests is active, whatever the machine has swapped on
printf 'Filename\tType\tSize\tUsed\tPriority\n' >swaps.none
export GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.none

# mkswap_file FILE BYTES ARGS...: a fully allocated area made by util-linux
mkswap_file() {
	local f=$1 bytes=$2
	shift 2
	dd if=/dev/zero of="$f" bs=4096 count=$((bytes / 4096)) status=none
	chmod 0600 "$f"
	"$MKSWAP" "$@" "$f" >/dev/null 2>&1
}

# diff_ranges A B: byte offsets where A and B differ, joined into
# half-open ranges "lo-hi"
diff_offsets() {
	cmp -l "$1" "$2" 2>/dev/null | awk '{ print $1 - 1 }'
}

# t_only_changed NAME ORIG NEW "lo-hi ...": NEW differs from ORIG, has the
# same length, and only inside the given ranges
t_only_changed() {
	local name=$1 orig=$2 new=$3 ranges=$4 off r ok bad="" n=0
	if [ "$(stat -c %s "$orig")" != "$(stat -c %s "$new")" ]; then
		t_fail "$name" "length changed"
		return
	fi
	for off in $(diff_offsets "$orig" "$new"); do
		n=$((n + 1))
		ok=no
		for r in $ranges; do
			if [ "$off" -ge "${r%-*}" ] && [ "$off" -lt "${r#*-}" ]; then
				ok=yes
				break
			fi
		done
		[ $ok = yes ] || bad="$bad $off"
	done
	if [ $n -eq 0 ]; then
		t_fail "$name" "nothing changed"
	elif [ -n "$bad" ]; then
		t_fail "$name" "bytes changed outside $ranges:$bad"
	else
		t_pass "$name"
	fi
}

# t_refused NAME FILE NEEDLE ARGS...: swaplabel-ext ARGS fails with exit 1,
# says NEEDLE on stderr and leaves FILE as it was
t_refused() {
	local name=$1 f=$2 needle=$3
	shift 3
	cp "$f" "$f.before"
	t_run "$SLE" "$@"
	t_eq "$name: exit code" 1 "$T_RC"
	t_contains "$name: message" "$needle" "$T_ERR"
	t_same_file "$name: file unchanged" "$f.before" "$f"
	rm -f "$f.before"
}

# json_check NAME FILE JQ-EXPR ARGS...: --show --json output satisfies EXPR
json_check() {
	local name=$1 f=$2 expr=$3
	shift 3
	if "$SLE" --show --json "$f" | jq -e "$@" "$expr" >/dev/null; then
		t_pass "$name"
	else
		t_fail "$name" "$("$SLE" --show --json "$f" 2>&1 | jq -c . 2>&1)"
	fi
}

show_field() {
	sed -n "s/^$1: *//p" <<<"$2"
}

## ---- compatibility with util-linux swaplabel ----
dd if=/dev/zero of=zeros bs=4096 count=16 status=none
if [ $HAVE_UL = yes ]; then
	mkswap_file ul 1048576 -L hello -U $UU
	for args in "" "-L abc" "-U clear"; do
		# shellcheck disable=SC2086
		mkswap_file ul2 1048576 $args
		want=$("$SWAPLABEL" ul2 2>&1; echo "rc=$?")
		got=$("$SLE" ul2 2>&1; echo "rc=$?")
		t_eq "same output as swaplabel (mkswap ${args:-without options})" "$want" "$got"
	done
	want=$("$SWAPLABEL" ul; echo "rc=$?")
	got=$("$SLE" ul; echo "rc=$?")
	t_eq "same LABEL/UUID lines as swaplabel" "$want" "$got"
	t_eq "LABEL line" "LABEL: hello" "$(sed -n 1p <<<"$got")"

	# a label with trailing blanks is cut as libblkid does
	"$CRAFT" -L "ab  " blanks
	t_eq "trailing blanks as swaplabel" "$("$SWAPLABEL" blanks)" "$("$SLE" blanks)"

	# changes give the same bytes as swaplabel's
	for change in "-L newname" "-U 0fedcba9-8765-4321-0fed-cba987654321" \
		"-L 0123456789abcdefXYZ"; do
		cp ul ul.a
		cp ul ul.b
		# shellcheck disable=SC2086
		"$SWAPLABEL" $change ul.a 2>ul.a.err
		# shellcheck disable=SC2086
		t_run "$SLE" $change ul.b
		t_eq "$change: exit code" 0 "$T_RC"
		t_same_file "$change: same bytes as swaplabel" ul.a ul.b
		t_eq "$change: same messages as swaplabel" \
			"$(sed 's/^swaplabel: //' ul.a.err)" \
			"${T_ERR#swaplabel-ext: }"
	done
	t_contains "long label warning" \
		"label is too long. Truncating it to '0123456789abcde'" "$T_ERR"

	# a sparse file made by mkswap: the holes are no reason to refuse
	truncate -s 1M sparse
	"$MKSWAP" -L s -U $UU sparse >/dev/null 2>&1
	cp sparse sparse.b
	"$SWAPLABEL" -L t sparse
	t_run "$SLE" -L t sparse.b
	t_eq "sparse file: -L works as with swaplabel" 0 "$T_RC"
	t_same_file "sparse file: same bytes as swaplabel" sparse sparse.b

	# both reject what is not a swap area with the same words
	want=$("$SWAPLABEL" zeros 2>&1 | sed 's/^swaplabel: //')
	t_run "$SLE" zeros
	t_eq "not a swap area: exit code" 1 "$T_RC"
	t_eq "not a swap area: same message" "$want" "${T_ERR#swaplabel-ext: }"

	# the RFC's one-page file: swaplabel fails, swaplabel-ext reads it
	cp ul rfc
	truncate -s 4096 rfc
	t_run "$SWAPLABEL" rfc
	t_eq "swaplabel cannot read a one-page file" 1 "$T_RC"
	t_run "$SLE" rfc
	t_eq "one-page file: exit code" 0 "$T_RC"
	t_eq "one-page file: lines" "$(printf 'LABEL: hello\nUUID:  %s' $UU)" "$T_OUT"
	t_contains "one-page file: says why blkid misses it" \
		"libblkid does not detect this swap area: the area is 4096 bytes long" "$T_ERR"

	# libblkid hides LABEL and UUID when padding words 32 and 33 are set
	"$CRAFT" -L hid -U $UU -c guard guard
	t_eq "guard words: swaplabel prints nothing" "" "$("$SWAPLABEL" guard 2>&1)"
	t_run "$SLE" guard
	t_eq "guard words: swaplabel-ext reads them" \
		"$(printf 'LABEL: hid\nUUID:  %s' $UU)" "$T_OUT"
	t_contains "guard words: says why blkid hides them" \
		"libblkid does not report LABEL and UUID of this swap area: padding words 32 and 33" \
		"$T_ERR"
else
	t_skip "comparison with util-linux swaplabel" "mkswap or swaplabel missing"
fi

# UUID keywords accepted where mkswap accepts them
"$CRAFT" -U $UU kw
"$SLE" -U clear kw
t_eq "-U clear: no UUID line" "" "$("$SLE" kw)"
"$SLE" -U random kw
u=$("$SLE" kw | sed -n 's/^UUID:  //p')
t_eq "-U random: a version 4 UUID" 4 "${u:14:1}"
"$SLE" -U time kw
u=$("$SLE" kw | sed -n 's/^UUID:  //p')
t_eq "-U time: a version 1 UUID" 1 "${u:14:1}"
t_refused "-U garbage" kw "failed to parse UUID: garbage" -U garbage -L x kw

# usage
t_run "$SLE"
t_eq "no device: exit code" 1 "$T_RC"
t_contains "no device: message" "no device specified" "$T_ERR"
t_run "$SLE" --bogus kw
t_eq "unknown option: exit code" 1 "$T_RC"
t_contains "unknown option: hint" "Try 'swaplabel-ext --help'" "$T_ERR"
t_run "$SLE" kw kw
t_eq "two devices: exit code" 1 "$T_RC"
t_run "$SLE" -h
t_eq "--help: exit code" 0 "$T_RC"
for opt in --label --uuid --size --ghost --no-ghost --force --show --check \
	--json --help --version; do
	t_contains "--help lists $opt" "$opt" "$T_OUT"
done
t_run "$SLE" -V
t_contains "--version" "swaplabel-ext from ghostswap" "$T_OUT"
t_run "$SLE" missing-file
t_eq "missing file: exit code" 1 "$T_RC"
t_contains "missing file: message" "cannot open missing-file" "$T_ERR"

## ---- --show and --json ----
for order in little big; do
	for ps in 4096 16384 65536; do
		for kind in regular ghost; do
			f=show-$order-$ps-$kind
			if [ $kind = ghost ]; then
				pages=1000
				"$CRAFT" -g -e $order -p $ps -n $pages -L "l$ps" -U $UU $f
				fsize=$((10 * ps))
				feat=ghost
			else
				pages=16
				"$CRAFT" -e $order -p $ps -n $pages -L "l$ps" -U $UU $f
				fsize=$((16 * ps))
				feat=none
			fi
			json_check "$f: --json facts" $f '
				.swaparea | length == 1 and (.[0] |
				.device == $dev and .kind == $kind and
				.version == 1 and .pagesize == $ps and
				.byteorder == $order and .pages == $pages and
				.size == $pages * $ps and .label == $lbl and
				.uuid == $uuid and .badpages == 0 and
				.file_size == $fsize and .allocated >= $fsize and
				.blockdev == false and .active == false and
				.blkid == true and .blkid_reason == null and
				(if $kind == "ghost" then
					.ext_version == 1 and .features == ["ghost"] and
					.incompat == 1
				else
					.ext_version == null and .features == [] and
					.incompat == 0
				end) and .compat == 0 and .ro_compat == 0)' \
				--arg dev $f --arg kind $kind --argjson ps $ps \
				--arg order $order --argjson pages $pages \
				--argjson fsize $fsize --arg lbl "l$ps" --arg uuid $UU
			out=$("$SLE" --show $f)
			t_eq "$f: text" \
				"$kind|$ps|$order-endian|$pages|l$ps|$UU|$feat|no" \
				"$(show_field Kind "$out")|$(show_field 'Page size' "$out")|$(show_field 'Byte order' "$out")|$(show_field Pages "$out")|$(show_field LABEL "$out")|$(show_field UUID "$out")|$(show_field Features "$out")|$(show_field Active "$out")"
			if [ $HAVE_UL = yes ]; then
				t_eq "$f: same lines as swaplabel" \
					"$("$SWAPLABEL" $f 2>&1)" "$("$SLE" $f 2>&1)"
			fi
		done
	done
done
out=$("$SLE" --show show-big-4096-ghost)
t_contains "--show: human size" "Advertised size:   3.9 MiB (4096000 bytes)" "$out"
t_contains "--show: header version" "Header version:    1 (SWAPSPACE2)" "$out"

# every feature bit set: ghost stays in sight, first, and nothing is cut
"$CRAFT" -g -c ext-all-features allfeat
feat=$(show_field Features "$("$SLE" --show allfeat)")
t_eq "96 feature bits: ghost first" ghost "${feat%%,*}"
t_eq "96 feature bits: all named" 96 "$(tr ',' '\n' <<<"$feat" | wc -l)"
t_contains "96 feature bits: the last one too" ", incompat:0x80000000" "$feat"
json_check "96 feature bits: --json lists them all, ghost first" allfeat \
	'.swaparea[0].features | length == 96 and .[0] == "ghost" and
	 (map(select(. == "ghost")) | length) == 1'

# label bytes that are not printable text are shown as \xNN in the text
# modes; --json carries the label itself where it is UTF-8 (else null) and
# always its bytes in hex, and stays valid UTF-8
"$CRAFT" -L $'\x01a\\b\xff\xc3\xa9\x1b[' -U $UU oddlabel
want='\x01a\x5cb\xff'$'\xc3\xa9''\x1b['
# the lines without options are swaplabel's: the label as it is
t_eq "odd label: swaplabel lines, the bytes as they are" \
	"$(printf 'LABEL: \x01a\\b\xff\xc3\xa9\x1b[\n' | od -An -tx1)" \
	"$("$SLE" oddlabel | head -n 1 | od -An -tx1)"
if [ $HAVE_UL = yes ]; then
	t_eq "odd label: the same bytes as swaplabel" \
		"$("$SWAPLABEL" oddlabel | od -An -tx1)" "$("$SLE" oddlabel | od -An -tx1)"
fi
t_eq "odd label: --show" "$want" "$(show_field LABEL "$("$SLE" --show oddlabel)")"
t_eq "odd label, not UTF-8: --json label null, label_hex the bytes" \
	"null 01615c62ffc3a91b5b" \
	"$("$SLE" --show --json oddlabel | jq -r '.swaparea[0] | "\(.label) \(.label_hex)"')"
t_check "odd label: --json is valid UTF-8" \
	bash -c '"$1" --show --json oddlabel | iconv -f UTF-8 -t UTF-8 >/dev/null' \
	_ "$SLE"
t_eq "odd label: no control character in --show and --json" 0 \
	"$( { "$SLE" --show oddlabel; "$SLE" --show --json oddlabel; } |
		tr -d '\n' | LC_ALL=C grep -c '[[:cntrl:]]')"
# UTF-8 with control characters, quotes and backslashes: the value itself
"$CRAFT" -L $'\x01a\\b"\xc3\xa9\x1b[' -U $UU utflabel
t_eq "UTF-8 label: --json carries it exactly" \
	"$(printf '\x01a\\b"\xc3\xa9\x1b[' | od -An -tx1)" \
	"$("$SLE" --show --json utflabel | jq -j '.swaparea[0].label' | od -An -tx1)"
# the name of the file too
cp oddlabel $'odd\tname\x1b'
t_eq "odd file name: --show" 'odd\x09name\x1b' \
	"$(show_field Device "$("$SLE" --show $'odd\tname\x1b')")"
t_eq "odd file name: --json, the name itself" $'odd\tname\x1b' \
	"$("$SLE" --show --json $'odd\tname\x1b' | jq -r '.swaparea[0].device')"
cp oddlabel $'bad\xfename'
t_eq "file name not UTF-8: --json device null, device_hex the bytes" \
	"null 626164fe6e616d65" \
	"$("$SLE" --show --json $'bad\xfename' | jq -r '.swaparea[0] | "\(.device) \(.device_hex)"')"

# an area too short for libblkid
"$CRAFT" -g -l 4096 -U $UU short
json_check "short ghost: blkid false with a reason" short \
	'.swaparea[0] | .blkid == false and (.blkid_reason | test("4096 bytes"))'
# the active state comes from the list of active areas
printf 'Filename\tType\tSize\tUsed\tPriority\n%s\tfile\t36\t0\t-2\n' \
	"$T_TMP/short" >swaps.short
GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.short json_check "active area: active true" \
	short '.swaparea[0].active == true'
t_eq "active area: text" yes \
	"$(show_field Active "$(GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.short "$SLE" --show short)")"

## ---- --check: every finding code, its severity and the exit code ----
# name|craft arguments|code|severity|exit code
findings='
no-signature|-c no-magic|no-signature|error|3
v0-header|-c v0|v0-header|error|3
hibernation|-c hibernation|hibernation-image|error|3
bad-version|-c version|bad-version|error|3
truncated|-n 16 -l 2000|truncated|error|3
zero-last-page|-c last-page-zero|zero-last-page|error|3
too-small|-n 5|too-small|warning|2
oversized|-n 100 -l 40960|oversized-last-page|error|3
ghost-not-shorter|-g -n 10 -l 40960|ghost-not-shorter|error|3
badpages-too-many|-c badpages-too-many|badpages-too-many|error|3
badpage-out-of-range|-b 0|badpage-out-of-range|error|3
badpages-in-ghost|-g -b 3|badpages-in-ghost|error|3
badpages-in-file|-b 3|badpages-in-file|error|3
ext-bad-magic-swapped|-g -c ext-swapped -n 10|ext-bad-magic|error|3
ext-bad-magic-garbage|-c ext-garbage|ext-bad-magic|warning|2
ext-bad-version|-g -c ext-version|ext-bad-version|error|3
ext-bad-length|-g -c ext-length|ext-bad-length|error|3
ext-crc-mismatch|-g -c ext-crc|ext-crc-mismatch|error|3
ext-reserved-nonzero|-g -c ext-reserved|ext-reserved-nonzero|note|0
ext-pages-mismatch|-g -c ext-pages|ext-pages-mismatch|error|3
ext-unknown-incompat|-g -c ext-incompat|ext-unknown-incompat|error|3
ext-unknown-ro-compat|-g -c ext-ro-compat|ext-unknown-ro-compat|error|3
ext-unknown-compat|-g -c ext-compat|ext-unknown-compat|note|0
ext-not-ghost|-g -c ext-not-ghost -n 10|ext-not-ghost|note|0
label-unterminated|-c label-full|label-unterminated|note|0
nil-uuid|-U clear|nil-uuid|warning|2
blkid-guard-nonzero|-c guard|blkid-guard-nonzero|warning|2
holes|-S -n 64|holes|error|3
ghost-file-length-short|-g -l 4096|ghost-file-length|warning|2
ghost-file-length-long|-g -l 81920|ghost-file-length|note|0
page-size-mismatch|-p 65536|page-size-mismatch|warning|2
ghost-too-large|-g -c ghost-over-cap|ghost-too-large|error|3
'
sys_ps=$(getconf PAGESIZE)
while IFS='|' read -r name args code sev rc; do
	[ -n "$name" ] || continue
	if [ "$code" = page-size-mismatch ] && [ "$sys_ps" = 65536 ]; then
		args="-p 4096"
	fi
	f=chk-$name
	# shellcheck disable=SC2086
	"$CRAFT" $args $f
	cp $f $f.orig
	t_run "$SLE" --check $f
	t_contains "$name: reported" "$sev: $code: " "$T_OUT"
	if [ $ROOT = yes ]; then
		t_eq "$name: exit code" "$rc" "$T_RC"
	else
		t_skip "$name: exit code" "owner-not-root adds a warning"
	fi
	got=$("$SLE" --check --json $f | jq -r --arg c "$code" \
		'[.findings[] | select(.code == $c) | .severity] | first')
	t_eq "$name: --json severity" "$sev" "$got"
	t_same_file "$name: --check leaves the file alone" $f.orig $f
done <<<"$findings"

"$CRAFT" -g valid
t_run "$SLE" --check valid
if [ $ROOT = yes ]; then
	t_eq "valid ghost: exit code 0" 0 "$T_RC"
	t_eq "valid ghost: no output" "" "$T_OUT"
	t_eq "valid ghost: empty JSON list" 0 \
		"$("$SLE" --check --json valid | jq '.findings | length')"
fi
chmod 0644 valid
t_run "$SLE" --check valid
t_contains "insecure-mode reported" "warning: insecure-mode: " "$T_OUT"
t_eq "insecure-mode: exit code" 2 "$T_RC"
chmod 0600 valid
if [ $ROOT = yes ]; then
	chown 65534 valid
	t_run "$SLE" --check valid
	t_contains "owner-not-root reported" "note: owner-not-root: " "$T_OUT"
	t_eq "owner-not-root: exit code" 0 "$T_RC"
	chown 0 valid
else
	t_skip "owner-not-root" "needs root to give the file away"
fi
t_run "$SLE" --check missing-file
t_eq "could not check: exit code 1" 1 "$T_RC"
# nothing but a regular file or a block device is read, in any mode, and
# nothing blocks on it (a fifo would wait for a writer)
mkdir adir
mkfifo fifo
# perl-base is essential in Debian: no extra package for a socket
perl -MIO::Socket::UNIX -e \
	'IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $ARGV[0]) or die' sock
for node in adir /dev/null fifo sock; do
	for mode in "" --show "--show --json" --check "--check --json" "-L x"; do
		# shellcheck disable=SC2086
		t_run timeout 10 "$SLE" $mode $node
		t_eq "$node: ${mode:-no option}: exit code 1" 1 "$T_RC"
		t_contains "$node: ${mode:-no option}: message" \
			"$node: is neither a block device nor a regular file" "$T_ERR"
	done
done
# a fifo put in the place of a file between the look and the open
if t_strace_ok; then
	for mode in "" --show --check; do
		"$CRAFT" -g swapped
		# shellcheck disable=SC2086
		ASAN_OPTIONS=detect_leaks=0 timeout 10 strace -qq -o /dev/null \
			-P swapped -e trace=openat -e inject=openat:delay_enter=500000 \
			"$SLE" $mode swapped >swapped.out 2>swapped.err &
		pid=$!
		sleep 0.2
		rm swapped
		mkfifo swapped
		wait $pid
		t_eq "fifo put in place while opening: ${mode:-no option}: exit code" \
			1 $?
		t_contains "fifo put in place while opening: ${mode:-no option}: message" \
			"swapped: is neither a block device nor a regular file" \
			"$(cat swapped.err)"
		rm -f swapped
	done
else
	t_skip "a fifo put in place while opening" "strace cannot trace here"
fi
t_run "$SLE" --check --show valid
t_eq "usage error: exit code 1" 1 "$T_RC"

## ---- changes: validator pass and byte-level footprint ----
LABEL_R=1052-1068
UUID_R=1036-1052
LAST_R=1028-1032
EXT_R=1068-1132
EXT_PAGES_R=1088-1096
EXT_CRC_R=1128-1132

# check_valid NAME FILE EXPECTED-RC
check_valid() {
	t_run "$SLE" --check "$2"
	if [ $ROOT = yes ]; then
		t_eq "$1: validator exit code" "$3" "$T_RC"
	fi
	case "$T_OUT" in
	*error:*) t_fail "$1: validator finds no error" "$T_OUT" ;;
	*) t_pass "$1: validator finds no error" ;;
	esac
}

for order in little big; do
	for ps in 4096 65536; do
		g=chg-$order-$ps
		"$CRAFT" -g -e $order -p $ps -n 4000 -L old -U $UU $g
		if [ $ps = "$sys_ps" ]; then ok=0; else ok=2; fi

		cp $g $g.0
		t_run "$SLE" -L brand-new $g
		t_eq "$g -L: exit code" 0 "$T_RC"
		t_only_changed "$g -L: only the label" $g.0 $g "$LABEL_R"
		t_eq "$g -L: read back" brand-new "$("$SLE" --show --json $g | jq -r '.swaparea[0].label')"
		check_valid "$g -L" $g $ok

		cp $g $g.0
		"$SLE" -U 0fedcba9-8765-4321-0fed-cba987654321 $g
		t_only_changed "$g -U: only the UUID" $g.0 $g "$UUID_R"
		check_valid "$g -U" $g $ok

		cp $g $g.0
		t_run "$SLE" --size $((8000 * ps)) $g
		t_eq "$g --size grow: exit code" 0 "$T_RC"
		t_only_changed "$g --size grow: last_page, ext pages and CRC" $g.0 $g \
			"$LAST_R $EXT_PAGES_R $EXT_CRC_R"
		json_check "$g --size grow: new size, same order and page size" $g \
			'.swaparea[0] | .pages == 8000 and .byteorder == $o and .pagesize == $ps and .kind == "ghost"' \
			--arg o $order --argjson ps $ps
		check_valid "$g --size grow" $g $ok

		cp $g $g.0
		"$SLE" --size $((20 * ps)) $g
		t_only_changed "$g --size shrink: footprint" $g.0 $g \
			"$LAST_R $EXT_PAGES_R $EXT_CRC_R"
		json_check "$g --size shrink: 20 pages" $g '.swaparea[0].pages == 20'
		check_valid "$g --size shrink" $g $ok
	done
done

# sizes are rounded down to whole pages; -s is --size
"$CRAFT" -g -n 2000 rnd
t_run "$SLE" -s 4100001 rnd
t_eq "-s: exit code" 0 "$T_RC"
json_check "-s 4100001: rounded down to 1000 pages" rnd '.swaparea[0].pages == 1000'
"$SLE" -s 4M rnd
json_check "-s 4M: 1024 pages" rnd '.swaparea[0].pages == 1024'

# --ghost on the RFC-style one-page file: only the record is written
"$CRAFT" -n 1000 -l 4096 -U $UU rfc1
cp rfc1 rfc1.0
t_run "$SLE" --ghost rfc1
t_eq "--ghost on a one-page file: exit code" 0 "$T_RC"
t_only_changed "--ghost on a one-page file: only the record" rfc1.0 rfc1 "$EXT_R"
json_check "--ghost on a one-page file: a ghost of 1000 pages" rfc1 \
	'.swaparea[0] | .kind == "ghost" and .pages == 1000'
check_valid "--ghost on a one-page file" rfc1 2

# --ghost --size on a full regular area
"$CRAFT" -e big -n 16 -U $UU reg
cp reg reg.0
t_run "$SLE" --ghost --size 1G reg
t_eq "--ghost --size: exit code" 0 "$T_RC"
t_only_changed "--ghost --size: last_page and the record" reg.0 reg "$LAST_R $EXT_R"
json_check "--ghost --size: 1 GiB ghost, big-endian kept" reg \
	'.swaparea[0] | .kind == "ghost" and .size == 1073741824 and .byteorder == "big"'
check_valid "--ghost --size" reg 0

# --no-ghost back to exactly what mkswap writes
if [ $HAVE_UL = yes ]; then
	mkswap_file mk 65536 -L back -U $UU
	"$CRAFT" -g -n 16 -l 65536 -L back -U $UU ng
	cp ng ng.0
	t_run "$SLE" --no-ghost ng
	t_eq "--no-ghost: exit code" 0 "$T_RC"
	t_only_changed "--no-ghost: only the record" ng.0 ng "$EXT_R"
	t_same_file "--no-ghost: identical to mkswap's header" mk ng
	check_valid "--no-ghost" ng 0
fi
"$CRAFT" -g -e big -n 16 -l 65536 ngb
cp ngb ngb.0
"$SLE" --no-ghost ngb
t_only_changed "--no-ghost big-endian: only the record" ngb.0 ngb "$EXT_R"
t_eq "--no-ghost: record zeroed" "" \
	"$(od -An -v -tx1 -j1068 -N64 ngb | tr -d ' 0\n')"
t_eq "--no-ghost: twin of a crafted regular header" "" \
	"$("$CRAFT" -e big -n 16 ngb.reg; cmp ngb ngb.reg)"

# the record goes entirely, even with a compat feature this tool ignores
"$CRAFT" -g -n 16 -l 65536 -c ext-compat ngc
"$SLE" --no-ghost ngc
t_eq "--no-ghost with a compat feature: record zeroed" "" \
	"$(od -An -v -tx1 -j1068 -N64 ngc | tr -d ' 0\n')"

# a change that changes nothing writes nothing
"$CRAFT" -g -L same same
touch -d '2000-01-01' same
t_run "$SLE" -L same same
t_eq "no-op: exit code" 0 "$T_RC"
t_eq "no-op: file not written" 946684800 "$(stat -c %Y same)"

# conversions leave the record's reserved bytes zero, whatever was there
reserved() {
	od -An -v -tx1 -j1096 -N32 "$1" | tr -d ' 0\n'
}
"$CRAFT" -g -n 1000 -c ext-reserved rsv1
t_run "$SLE" --size 8M rsv1
t_eq "--size: stray reserved bytes cleared" "0 " "$T_RC $(reserved rsv1)"
"$CRAFT" -g -n 1000 -l 4096 -c ext-not-ghost -c ext-reserved rsv2
t_run "$SLE" --ghost rsv2
t_eq "--ghost on a record without GHOST: reserved bytes cleared" "0 " \
	"$T_RC $(reserved rsv2)"
# no record, but stray bytes where its reserved bytes go
"$CRAFT" -n 1000 -l 4096 -c ext-reserved rsv3
t_run "$SLE" --ghost rsv3
t_eq "--ghost over stray padding: reserved bytes zero" "0 " \
	"$T_RC $(reserved rsv3)"
for f in rsv1 rsv2 rsv3; do
	t_run "$SLE" --check $f
	case "$T_OUT" in
	*ext-reserved-nonzero* | *error:*) t_fail "$f: the result checks clean" "$T_OUT" ;;
	*) t_pass "$f: the result checks clean" ;;
	esac
done

# --no-ghost on a fallocated file: unwritten extents are no holes to
# swapon(2), though SEEK_HOLE calls them holes on ext4 and XFS.  Made past
# readahead's reach, and never read before: cached pages hide the holes
# from SEEK_HOLE.
"$CRAFT" -g -n 1024 -l 4096 -L fa fa
fallocate -l 4M fa
if filefrag -v fa >/dev/null 2>&1; then
	t_run "$SLE" --no-ghost fa
	t_eq "--no-ghost on a fallocated file: exit code" 0 "$T_RC"
	t_eq "--no-ghost on a fallocated file: no message" "" "$T_ERR"
	json_check "--no-ghost on a fallocated file: regular, 4 MiB" fa \
		'.swaparea[0] | .kind == "regular" and .pages == 1024'
else
	t_skip "--no-ghost on a fallocated file" "no FIEMAP on this file system"
fi

## ---- the lock around a change ----
# hold FILE SECONDS: lock FILE as another program would, in the background;
# returns once the lock is held
hold() {
	flock "$1" sleep "$2" &
	HOLDER=$!
	while flock -n "$1" true; do
		sleep 0.05
	done
}
"$CRAFT" -g -n 1000 -L old -U $UU lk
cp lk lk.0
hold lk 1
t_run "$SLE" -L waited lk
wait $HOLDER
t_eq "locked: the change waits, then succeeds" 0 "$T_RC"
t_eq "locked: says it waits" \
	"swaplabel-ext: lk: device already locked, waiting to get lock ... OK" "$T_ERR"
t_eq "locked: written after the wait" waited \
	"$("$SLE" --show --json lk | jq -r '.swaparea[0].label')"
cp lk.0 lk
hold lk 2
LOCK_BLOCK_DEVICE=nonblock t_refused "locked, LOCK_BLOCK_DEVICE=nonblock" lk \
	"lk: device already locked; nothing changed" -L x lk
t_run "$SLE" --show lk
t_eq "locked: --show does not wait" 0 "$T_RC"
t_eq "locked: --show says nothing of it" "" "$T_ERR"
LOCK_BLOCK_DEVICE=no t_run "$SLE" -L nolock lk
t_eq "locked, LOCK_BLOCK_DEVICE=no: no wait" "0 " "$T_RC $T_ERR"
kill $HOLDER 2>/dev/null
wait $HOLDER 2>/dev/null
LOCK_BLOCK_DEVICE=maybe t_refused "unsupported lock mode" lk \
	"unsupported lock mode: maybe" -L x lk
# --lock says the same as the variable, and wins over it
cp lk.0 lk
hold lk 2
LOCK_BLOCK_DEVICE=yes t_refused "locked, --lock=nonblock" lk \
	"lk: device already locked; nothing changed" --lock=nonblock -L x lk
LOCK_BLOCK_DEVICE=nonblock t_run "$SLE" --lock=no -L nolock lk
t_eq "locked, --lock=no over LOCK_BLOCK_DEVICE=nonblock: no wait" "0 " "$T_RC $T_ERR"
# the lock goes with its holder's sleep, not with flock(1) itself
wait $HOLDER
cp lk.0 lk
t_refused "--lock=maybe" lk "unsupported lock mode: maybe" --lock=maybe -L x lk
t_refused "--lock without a change" lk "--lock applies only to changes" --lock --show lk
LOCK_BLOCK_DEVICE=maybe t_run "$SLE" --show lk
t_eq "--show ignores LOCK_BLOCK_DEVICE" "0 " "$T_RC $T_ERR"
t_run "$SLE" --lock -L plain lk
t_eq "--lock without a mode waits if it must: free lock" "0 " "$T_RC $T_ERR"
# a file replaced while the change waits for its lock
"$CRAFT" -g -n 1000 -L new lk.new
cp lk.new lk.new.0
flock lk sh -c 'sleep 1; mv lk.new lk' &
HOLDER=$!
while flock -n lk true; do sleep 0.05; done
t_run "$SLE" -L x lk
wait $HOLDER
t_eq "replaced while waiting: exit code" 1 "$T_RC"
t_contains "replaced while waiting: message" \
	"lk: the file was replaced while waiting for the lock; nothing changed" "$T_ERR"
t_same_file "replaced while waiting: the new file unchanged" lk.new.0 lk

## ---- a write that fails says what the header holds ----
"$CRAFT" -g -n 1000 -L AAAA -U $UU wf
if t_strace_ok; then
	SLE_REAL=$SLE
	# sle_inject INJECTION ARGS...: swaplabel-ext under strace
	sle_inject() {
		local inj=$1
		shift
		ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e inject="$inj" \
			"$SLE_REAL" "$@"
	}
	SLE=sle_inject
	t_refused "pwrite fails: ENOSPC" wf \
		"wf: failed to write the swap header: No space left on device; nothing changed" \
		pwrite64:error=ENOSPC -L BBBB wf
	SLE=$SLE_REAL
	cp wf wf.0
	t_run sle_inject fsync:error=EIO -L BBBB wf
	t_eq "fsync fails: exit code" 1 "$T_RC"
	t_eq "fsync fails: says the new header is written, not that it is durable" \
		"swaplabel-ext: wf: new header written, but not known to be durable: fsync failed: Input/output error" \
		"$T_ERR"
	t_only_changed "fsync fails: the new label is what the file holds" \
		wf.0 wf "$LABEL_R"
	cp wf.0 wf
else
	t_skip "failing writes" "strace cannot trace here"
fi
# a write cut short: the file size limit stops it inside the label, the
# next pwrite fails with EFBIG, and the bytes written are put back
cp wf wf.0
t_run bash -c 'trap "" XFSZ; exec prlimit --fsize=1056 "$@"' _ "$SLE" -L BBBBBBBBBBBB wf
t_eq "pwrite cut short: exit code" 1 "$T_RC"
t_eq "pwrite cut short: message" \
	"swaplabel-ext: wf: failed to write the swap header: File too large; the old header is back, nothing changed" \
	"$T_ERR"
t_same_file "pwrite cut short: old header back" wf.0 wf

## ---- refusals ----
"$CRAFT" -g -n 1000 -U $UU r
printf 'Filename\tType\tSize\tUsed\tPriority\n%s\tfile\t36\t0\t-2\n' \
	"$T_TMP/r" >swaps.r
GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.r t_refused "active area" r \
	"is an active swap area" -L x r
GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.r t_refused "active area, --force" r \
	"is an active swap area" --force -L x r
GHOSTSWAP_PROC_SWAPS=$T_TMP/nonexistent t_refused "unknown active state" r \
	"cannot tell whether the area is active" -L x r

# a list that cannot be read to its end: the area is listed past the first
# block that stdio reads, so only a read error after that block hides it
t_late_swaps_list "$T_TMP/r" 36 >swaps.late
GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.late t_refused "active area listed late" r \
	"is an active swap area" -L x r
if t_strace_ok; then
	t_read_error_wrapper swaps.late "$SLE" sle-eio
	GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.late SLE=$T_TMP/sle-eio t_refused \
		"read error in the list of active areas" r \
		"cannot tell whether the area is active" -L x r
	t_eq "read error in the list: --show says unknown" unknown \
		"$(show_field Active "$(GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.late \
			"$T_TMP/sle-eio" --show r)")"
	t_eq "read error in the list: --json active is null" null \
		"$(GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.late "$T_TMP/sle-eio" --show --json r |
			jq '.swaparea[0].active')"
else
	t_skip "read error in the list of active areas" "strace cannot trace here"
fi
mkdir swaps.dir
t_eq "the list is a directory: --show says unknown" unknown \
	"$(show_field Active "$(GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.dir "$SLE" --show r)")"

# the installed program reads the real /proc/swaps, which lists no file of
# this test, whatever a stand-in list says
if [ -n "$SLEI" ]; then
	t_eq "installed: GHOSTSWAP_PROC_SWAPS ignored by --show" no \
		"$(show_field Active "$(GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.r "$SLEI" --show r)")"
	GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.r t_run "$SLEI" -L hookless r
	t_eq "installed: GHOSTSWAP_PROC_SWAPS ignored by -L" "0 LABEL: hookless" \
		"$T_RC $("$SLE" r | head -n 1)"
else
	t_skip "installed: GHOSTSWAP_PROC_SWAPS ignored" "no installed program given"
fi

"$CRAFT" -g -c ext-crc bad
# a label or UUID goes into any area libblkid finds, as swaplabel writes
# it, whatever else the header has wrong; the damaged record stays
cp bad bad.0
t_run "$SLE" -L relabelled bad
t_eq "-L on a header with errors: done, as swaplabel does" "0 " "$T_RC $T_ERR"
t_only_changed "-L on a header with errors: only the label" bad.0 bad "$LABEL_R"
if [ $HAVE_UL = yes ]; then
	cp bad.0 bad.ul
	"$SWAPLABEL" -L relabelled bad.ul
	t_same_file "-L on a header with errors: swaplabel's bytes" bad.ul bad
fi
cp bad.0 bad
t_refused "--size on a header with errors" bad "ext-crc-mismatch" --size 2G bad
t_run "$SLE" --force --size 2G bad
t_eq "--force --size: exit code" 0 "$T_RC"
t_eq "--force: each finding said once" 1 "$(grep -c ext-crc-mismatch <<<"$T_ERR")"
"$CRAFT" -g -c ext-ro-compat roc
t_refused "unknown read-only feature" roc "read-only features" -L x roc
t_run "$SLE" --show roc
t_eq "unknown read-only feature: --show works" 0 "$T_RC"
t_contains "unknown read-only feature: --show names it" "ro_compat:0x00000001" "$T_OUT"
cp roc roc.0
t_run "$SLE" --force -L forced roc
t_eq "unknown read-only feature: --force -L" 0 "$T_RC"
t_only_changed "unknown read-only feature: --force changes the label only" roc.0 roc "$LABEL_R"

t_refused "--size not a size" r "invalid size: '12Q': Invalid argument" --size 12Q r
t_refused "--size out of range" r "invalid size: '16E': Numerical result out of range" --size 16E r
t_refused "--size below 11 pages" r \
	"size 40K is too small: a ghost area needs at least 11 pages of 4096 bytes (44 KiB)" --size 40K r
t_refused "--size beyond last_page" r "too large" --size 17T r
# the ghost limit, 2^28 pages: just below, at it, one page above
cp r r.0
t_run "$SLE" --size $(((1 << 28) * 4096 - 4096)) r
t_eq "--size one page under the ghost limit: exit code" 0 "$T_RC"
t_run "$SLE" --size 1T r
t_eq "--size at the ghost limit: exit code" 0 "$T_RC"
json_check "--size at the ghost limit: 2^28 pages" r '.swaparea[0].pages == 268435456'
t_refused "--size one page above the ghost limit" r \
	"a ghost area advertises at most 268435456 pages (1 TiB with 4096-byte pages)" \
	--size $(((1 << 28) * 4096 + 4096)) r
cp r.0 r
"$CRAFT" -g -c ghost-over-cap overcap
t_refused "a ghost above the limit: --size within it needs --force" overcap \
	"ghost-too-large" --size 2T overcap
t_run "$SLE" -L x overcap
t_eq "a ghost above the limit: -L, as swaplabel" 0 "$T_RC"
# a regular area that advertises more than its file: swaplabel relabels it
"$CRAFT" -n 1000 -l 65536 -U $UU longer
cp longer longer.0
t_run "$SLE" -L x longer
t_eq "last_page past the end of the file: -L, as swaplabel" "0 x" \
	"$T_RC $("$SLE" longer | sed -n 's/^LABEL: //p')"
if [ $HAVE_UL = yes ]; then
	cp longer.0 longer.ul
	"$SWAPLABEL" -L x longer.ul
	t_same_file "last_page past the end of the file: swaplabel's bytes" longer.ul longer
fi
t_run "$SLE" --force --size 1T overcap
t_eq "--force --size brings a ghost back under the limit" 0 "$T_RC"
"$CRAFT" -n 268435457 -l 4096 rfcbig
t_refused "--ghost on a header above the ghost limit" rfcbig \
	"the area advertises 268435457 pages, a ghost area at most 268435456" \
	--ghost rfcbig
t_run "$SLE" --ghost --size 1T rfcbig
t_eq "--ghost --size at the limit on that header: exit code" 0 "$T_RC"
# a ghost area with bad pages is refused as it stands
"$CRAFT" -g -n 1000 -b 500 bp
t_refused "--size on a ghost with bad pages" bp "badpages-in-ghost" --size 400K bp
"$CRAFT" -n 16 reg2
t_refused "--size on a regular area" reg2 "ghost areas only" --size 1G reg2
t_refused "--ghost on a full regular area" reg2 "must advertise more" --ghost reg2
t_refused "--ghost with a --size the file holds" reg2 "must advertise more" \
	--ghost --size 64K reg2
"$CRAFT" -g -n 1000 shortg
t_refused "--no-ghost on a short ghost" shortg "a regular swap area needs all of it" \
	--no-ghost shortg
"$CRAFT" -g -n 16 -l 65536 -S sparseg
t_refused "--no-ghost on a ghost with holes" sparseg "holes" --no-ghost sparseg
# a hole inside the area while blocks past the end make up the count
"$CRAFT" -g -n 16 -l 65536 nohole
if fallocate -p -o 8192 -l 4096 nohole 2>/dev/null &&
	fallocate -n -o 65536 -l 65536 nohole 2>/dev/null; then
	t_refused "--no-ghost on a ghost with a hole inside" nohole "holes" \
		--no-ghost nohole
else
	t_skip "--no-ghost on a ghost with a hole inside" "no fallocate support"
fi

t_refused "--ghost with --no-ghost" r "mutually exclusive" --ghost --no-ghost r
t_refused "--size with --no-ghost" r "mutually exclusive" --size 1G --no-ghost r
t_refused "--show with -L" r "mutually exclusive arguments: --show --label" --show -L x r
t_refused "--check with --size" r "mutually exclusive arguments: --check --size" --check --size 1G r
t_refused "--json alone" r "--json needs" --json r
t_refused "--force alone" r "--force applies only" --force r
t_refused "-L on zeros" zeros "not a valid swap partition" -L x zeros

t_end

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The command-line conventions both tools share through lib/cliutil.c, in
# util-linux's words: --help and --version, the hint after a usage error,
# mutually exclusive options, output that cannot be written, an empty
# device name, and the page sizes mkswap-ghost takes.  Each check runs
# both tools where the convention applies to both.
#
# usage: conventions.sh MKSWAP-GHOST SWAPLABEL-EXT
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

MG=$(realpath "$1")
SL=$(realpath "$2")
UU=01234567-89ab-cdef-0123-456789abcdef
MANDIR=$(cd "$(dirname "$0")/../../man" && pwd)

t_begin conventions
cd "$T_TMP" || exit 1
printf 'Filename\tType\tSize\tUsed\tPriority\n' >swaps.none
export GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.none

# t_refusal NAME EXPECTED-STDERR-LINE CMD...: exit 1, nothing on stdout,
# the line on stderr
t_refusal() {
	local name=$1 want=$2
	shift 2
	t_run "$@"
	t_eq "$name: exit code" 1 "$T_RC"
	t_eq "$name: stdout" "" "$T_OUT"
	t_contains "$name: message" "$want" "$T_ERR"
}

for tool in "$MG" "$SL"; do
	name=$(basename "$tool")
	t_run "$tool" --help
	t_eq "$name --help: exit code" 0 "$T_RC"
	t_contains "$name --help: usage section" $'\nUsage:\n' $'\n'"$T_OUT"
	t_contains "$name --help: options section" $'\nOptions:\n' "$T_OUT"
	t_contains "$name --help: man page" "For more details see $name(8)." "$T_OUT"
	t_run "$tool" --version
	# util-linux's words before the version; the list in parentheses
	# after it is nls.sh's to check
	version_line=${T_OUT%% (*}
	t_eq "$name --version" "$name from ghostswap" "${version_line% *}"
	t_refusal "$name, unknown option" "Try '$name --help' for more information." \
		"$tool" --no-such-option x
	t_refusal "$name, empty device name" "the device name is empty" "$tool" ""

	# util-linux's close_stdout(): what could not be written fails the run
	t_run bash -c '"$1" --help >/dev/full' _ "$tool"
	t_eq "$name --help >/dev/full: exit code" 1 "$T_RC"
	t_contains "$name --help >/dev/full: message" "$name: write error" "$T_ERR"
	t_run bash -c '"$1" --help | true' _ "$tool"
	t_eq "$name --help into a closed pipe: no error" "" "$T_ERR"
done

# Every option that --help lists has its man page entry, and back.
for tool in "$MG" "$SL"; do
	name=$(basename "$tool")
	man=$MANDIR/$name.8
	for opt in $("$tool" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' |
		     grep -oE -- '--[a-z-]+'); do
		if grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$man"; then
			t_pass "$name: $opt in $name(8)"
		else
			t_fail "$name: $opt in $name(8)" "no entry for $opt"
		fi
	done
done

# mkswap-ghost: a refused write of the summary is an error although the
# area is made, as with mkswap
t_run bash -c '"$1" -q -F --size 1M new.swap >/dev/full; echo "rc=$?"' _ "$MG"
t_contains "mkswap-ghost -q, nothing to write: success" "rc=0" "$T_OUT"
rm -f new.swap
t_run bash -c '"$1" -F --size 1M new.swap >/dev/full' _ "$MG"
t_eq "mkswap-ghost >/dev/full: exit code" 1 "$T_RC"
t_contains "mkswap-ghost >/dev/full: message" "mkswap-ghost: write error" "$T_ERR"
"$MG" -q -F --size 1M sw
t_run bash -c '"$1" --show sw >/dev/full' _ "$SL"
t_eq "swaplabel-ext --show >/dev/full: exit code" 1 "$T_RC"
t_contains "swaplabel-ext --show >/dev/full: message" "swaplabel-ext: write error" "$T_ERR"

# Mutually exclusive options: the message names the two given, in the order
# given (util-linux names the whole group, options not given included).
cp sw sw.keep
t_refusal "mkswap-ghost --check --ghost" \
	"mkswap-ghost: mutually exclusive arguments: --check --ghost" \
	"$MG" --check --ghost --size 1G sw
t_refusal "mkswap-ghost --ghost --offset" \
	"mkswap-ghost: mutually exclusive arguments: --ghost --offset" \
	"$MG" --ghost -o 4096 --size 1G sw
t_refusal "swaplabel-ext --ghost --no-ghost" \
	"swaplabel-ext: mutually exclusive arguments: --ghost --no-ghost" \
	"$SL" --ghost --no-ghost sw
t_refusal "swaplabel-ext --check -L" \
	"swaplabel-ext: mutually exclusive arguments: --check --label" \
	"$SL" --check -L x sw
t_refusal "swaplabel-ext --no-ghost --size" \
	"swaplabel-ext: mutually exclusive arguments: --no-ghost --size" \
	"$SL" --no-ghost --size 1G sw
t_refusal "swaplabel-ext --show --check" \
	"swaplabel-ext: mutually exclusive arguments: --show --check" \
	"$SL" --show --check sw
t_same_file "refused options leave the file as it was" sw.keep sw

# Page sizes: mkswap takes any power of two from 2048 up; this suite
# takes 2048 up to 256 KiB, the largest page of any Linux port, as --help
# and the man page say.
t_contains "--help gives the page size range" "specify page size in bytes (2048 to 262144)" \
	"$("$MG" --help)"
for ps in 524288 1048576; do
	t_refusal "mkswap-ghost -p $ps" "Unsupported page size $ps (supported: 2048 to 262144)" \
		"$MG" -p "$ps" sw
done
t_refusal "mkswap-ghost -p 1024" "Bad user-specified page size 1024" "$MG" -p 1024 sw
t_same_file "refused page sizes leave the file as it was" sw.keep sw
head -c $((16 * 262144)) /dev/zero >big.sw
for ps in 2048 131072 262144; do
	t_run "$MG" -q -p $ps -U $UU big.sw
	t_eq "mkswap-ghost -p $ps: made, and read back at that size" "0 $ps" \
		"$T_RC $("$SL" --show big.sw | sed -n 's/^Page size: *//p')"
	if [ -x "${MKSWAP:-/usr/sbin/mkswap}" ]; then
		cp big.sw big.ours
		"${MKSWAP:-/usr/sbin/mkswap}" -q -p $ps -U $UU big.sw >/dev/null 2>&1
		t_same_file "mkswap-ghost -p $ps: mkswap's bytes" big.sw big.ours
	fi
done
t_run "$MG" --ghost -q -p 262144 -s 1G big.gh
t_eq "mkswap-ghost --ghost -p 262144: ten pages" "0 2621440" "$T_RC $(stat -c %s big.gh)"

t_end

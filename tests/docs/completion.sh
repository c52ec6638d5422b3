#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The bash completions of the tools, loaded the way bash-completion loads
# them (by the command's name, from a completions directory) and called as
# bash calls them: what they offer for option values, options and the
# area argument, and that they offer every long option of --help and
# nothing else.
#
# usage: completion.sh COMPLETION-DIR MKSWAP-GHOST SWAPLABEL-EXT GHOSTSWAP-SETUP
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

COMPDIR=$(realpath "$1")
MG=$(realpath "$2")
SL=$(realpath "$3")
GS=$(realpath "$4")

t_begin completion
cd "$T_TMP" || exit 1

# bash-completion's own loader, not a stand-in: a missing package fails
# the suite (tests/setup.sh installs it)
BASH_COMPLETION=$(pkg-config --variable=completionsdir bash-completion 2>/dev/null)
BASH_COMPLETION=${BASH_COMPLETION%/completions}/bash_completion
if [ ! -r "$BASH_COMPLETION" ]; then
	t_fail "bash-completion installed" "no ${BASH_COMPLETION:-bash_completion script}"
	t_end
	exit 1
fi
# shellcheck source=/dev/null
. "$BASH_COMPLETION"

# Where bash-completion looks for a user's completions: it must find each
# file under the name of its command, as an installed copy is found.
export BASH_COMPLETION_USER_DIR=$T_TMP/user
mkdir -p "$BASH_COMPLETION_USER_DIR/completions"
ln -s "$COMPDIR/mkswap-ghost" "$COMPDIR/swaplabel-ext" "$COMPDIR/ghostswap-setup" \
	"$BASH_COMPLETION_USER_DIR/completions/"

# lsblk, as the completions call it, lists two fake devices
mkdir bin
printf '#!/bin/sh\nprintf "/dev/fake0\\n/dev/fake1\\n"\n' >bin/lsblk
chmod +x bin/lsblk
PATH=$T_TMP/bin:$PATH

# compopt only works inside a completion that bash started; record what
# the functions ask of it instead
compopt() {
	local IFS=' '
	T_COMPOPT="$T_COMPOPT $*"
}

declare -A T_FUNC
for cmd in mkswap-ghost swaplabel-ext ghostswap-setup; do
	__load_completion "$cmd"
	spec=$(complete -p "$cmd" 2>/dev/null)
	t_contains "$cmd: completion loaded by name" "complete -F " "$spec"
	T_FUNC[$cmd]=$(printf '%s\n' "$spec" | sed -n 's/^complete -F \([^ ]*\) .*/\1/p')
done

# t_complete WORD...: complete the last word after the others (an empty
# last word is a TAB after a space), as bash would; the offers, sorted,
# go to T_REPLY, what compopt was asked to T_COMPOPT
t_complete() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	T_COMPOPT=
	"${T_FUNC[$1]}" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	T_REPLY=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
	T_REPLY=${T_REPLY% }
}

# t_offers NAME EXPECTED WORD...: the sorted offers, space-separated
t_offers() {
	local name=$1 want=$2
	shift 2
	t_complete "$@"
	t_eq "$name" "$want" "$T_REPLY"
}

: >swap.a
: >swap.b

t_offers "mkswap-ghost --gh" "--ghost" mkswap-ghost --gh
t_offers "mkswap-ghost -e" "big little native" mkswap-ghost -e ''
t_offers "mkswap-ghost --endianness l" "little" mkswap-ghost --endianness l
t_offers "mkswap-ghost -p: the page sizes it takes" \
	"131072 16384 2048 262144 32768 4096 65536 8192" mkswap-ghost -p ''
t_offers "mkswap-ghost --pagesize 6" "65536" mkswap-ghost --pagesize 6
t_offers "mkswap-ghost -U" "clear random time" mkswap-ghost -U ''
t_offers "mkswap-ghost -v" "1" mkswap-ghost -v ''
t_offers "mkswap-ghost -L: nothing" "" mkswap-ghost -L ''
t_offers "mkswap-ghost -o: nothing" "" mkswap-ghost -o ''
t_offers "mkswap-ghost -s 4: suffixes" "4G 4K 4M 4T" mkswap-ghost -s 4
t_offers "mkswap-ghost --size 1.5: nothing" "" mkswap-ghost --size 1.5
t_complete mkswap-ghost --size ''
t_contains "mkswap-ghost --size: common sizes" "64G" "$T_REPLY"
t_offers "mkswap-ghost --lock=" "no nonblock yes" mkswap-ghost --lock =
t_offers "mkswap-ghost --lock=n" "no nonblock" mkswap-ghost --lock = n
t_offers "mkswap-ghost --lock=n, '=' not a word break" \
	"--lock=no --lock=nonblock" mkswap-ghost --lock=n

# the area: block devices, with bash's own completion behind them
t_offers "mkswap-ghost: block devices" "/dev/fake0 /dev/fake1" mkswap-ghost -q ''
t_contains "mkswap-ghost: default completion behind them" "-o default" "$T_COMPOPT"
t_offers "mkswap-ghost -L x: block devices" "/dev/fake0 /dev/fake1" \
	mkswap-ghost -L x /dev/f
# a file to be created: files
t_offers "mkswap-ghost --ghost: files" "swap.a swap.b" \
	mkswap-ghost --ghost --size 64G sw
t_contains "mkswap-ghost --ghost: completed as file names" "-o filenames" "$T_COMPOPT"
t_offers "mkswap-ghost -F: files" "swap.a swap.b" mkswap-ghost -F sw
t_offers "mkswap-ghost --file: files" "swap.a swap.b" mkswap-ghost -s 1G --file sw
t_offers "mkswap-ghost -qF: files" "swap.a swap.b" mkswap-ghost -qF sw
t_offers "mkswap-ghost --lock=no -F: files" "swap.a swap.b" \
	mkswap-ghost --lock = no -F sw
# after the area comes its size in blocks
t_offers "mkswap-ghost DEVICE: nothing for the size" "" mkswap-ghost /dev/fake0 ''

t_offers "swaplabel-ext --lo" "--lock" swaplabel-ext --lo
t_offers "swaplabel-ext --no" "--no-ghost" swaplabel-ext --no
t_offers "swaplabel-ext --lock=" "no nonblock yes" swaplabel-ext --lock =
t_offers "swaplabel-ext --lock=no" "no nonblock" swaplabel-ext --lock = no
t_offers "swaplabel-ext --lock=, '=' not a word break" \
	"--lock=no --lock=nonblock --lock=yes" swaplabel-ext --lock=
t_offers "swaplabel-ext -U" "clear random time" swaplabel-ext -U ''
t_offers "swaplabel-ext -U r" "random" swaplabel-ext -U r
t_offers "swaplabel-ext -L: nothing" "" swaplabel-ext -L ''
t_offers "swaplabel-ext -s 64: suffixes" "64G 64K 64M 64T" swaplabel-ext -s 64
t_offers "swaplabel-ext: files" "swap.a swap.b" swaplabel-ext --show sw
t_contains "swaplabel-ext: completed as file names" "-o filenames" "$T_COMPOPT"
# a name with a space, or a glob character, is one offer, as it is
: >'x y*'
t_complete swaplabel-ext x
t_eq "swaplabel-ext: a file name with a space: one offer" "1 x y*" \
	"${#COMPREPLY[@]} ${COMPREPLY[0]}"
t_complete mkswap-ghost -F x
t_eq "mkswap-ghost -F: a file name with a space: one offer" "1 x y*" \
	"${#COMPREPLY[@]} ${COMPREPLY[0]}"

t_offers "ghostswap-setup --st" "--start --state-dir --status --stop" ghostswap-setup --st
mkdir -p confdir
touch a.conf
t_offers "ghostswap-setup --config: .conf files and directories" "a.conf bin confdir user" \
	ghostswap-setup --config ''
t_offers "ghostswap-setup --root: directories" "bin confdir user" ghostswap-setup --root ''

# The size hints are written twice, once in each file, since either may
# be loaded alone: the copies must stay the same.
sizes_mg=$(bash -c '. "$1"; declare -f _ghostswap_sizes' _ "$COMPDIR/mkswap-ghost")
sizes_sl=$(bash -c '. "$1"; declare -f _ghostswap_sizes' _ "$COMPDIR/swaplabel-ext")
t_eq "size hints: the same in both files" "$sizes_mg" "$sizes_sl"

# Every long option of --help is offered, and no other: a new option
# fails here until its completion is written.  Every option with a value
# is completed on its own, the same in its short and long form: not with
# the options or the areas, which a missing entry would offer.
for tool in "$MG" "$SL" "$GS"; do
	name=$(basename "$tool")
	help=$("$tool" --help)
	want=$(printf '%s\n' "$help" | grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' |
	       grep -oE -- '--[a-z-]+' | sort | tr '\n' ' ')
	t_offers "$name --: every long option of --help" "${want% }" "$name" --
	while read -r short long; do
		t_complete "$name" "$short" ''
		short_reply=$T_REPLY
		t_complete "$name" "$long" ''
		t_eq "$name $short and $long: the same offers" "$short_reply" "$T_REPLY"
		case " $T_REPLY " in
		*" swap.a "*|*" /dev/fake0 "*|*" --"*)
			t_fail "$name $long: its value completed" "offers: $T_REPLY" ;;
		*)
			t_pass "$name $long: its value completed" ;;
		esac
	done < <(printf '%s\n' "$help" |
		 sed -nE 's/^ +(-[a-zA-Z]), (--[a-z-]+)[ =](<[^>]+>|[A-Z]+)  .*/\1 \2/p')
done

t_end

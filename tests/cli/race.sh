#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Concurrent changes of one area by swaplabel-ext: each one reads, modifies
# and writes the header under an exclusive lock, so none is lost.  Rounds
# of three changes (-L, -U, --size) run at once, some with every write
# delayed under strace to hold the window open, and at the end all three
# values must be there.  With LOCK_BLOCK_DEVICE=nonblock a change may be
# refused instead, with a message, and exactly the changes that succeeded
# must be there.
#
# usage: race.sh SWAPLABEL-EXT GSW-CRAFT
# shellcheck shell=bash source-path=SCRIPTDIR disable=SC2086

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

SLE=$(realpath "$1")
CRAFT=$(realpath "$2")
UU=3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b
UU2=01234567-89ab-cdef-0123-456789abcdef

t_begin race
cd "$T_TMP" || exit 1
command -v jq >/dev/null || { echo "jq is required" >&2; exit 1; }
printf 'Filename\tType\tSize\tUsed\tPriority\n' >swaps.none
export GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.none
# LeakSanitizer cannot work under ptrace; a sanitizer build's is off
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
unset LOCK_BLOCK_DEVICE
STRACE=no
t_strace_ok && STRACE=yes

# slow DELAY-US ARGS...: swaplabel-ext ARGS with each pwrite(2) held back
slow() {
	local delay=$1
	shift
	strace -f -qq -o /dev/null -e trace=pwrite64 \
		-e inject=pwrite64:delay_enter="$delay" "$SLE" "$@"
}

# facts FILE: "label uuid pages" as --show --json reads them back
facts() {
	"$SLE" --show --json "$1" |
		jq -r '.swaparea[0] | "\(.label) \(.uuid) \(.pages)"'
}

# the only thing a waiting change may say
only_waited() {
	! grep -v 'device already locked, waiting to get lock \.\.\. OK$' "$1" |
		grep -q .
}

## ---- a change that starts while another is between read and write ----
if [ $STRACE = yes ]; then
	"$CRAFT" -g -n 1000 -L old -U $UU two
	# the first writes a second after it has read the header
	strace -f -qq -o a.trace -e trace=pread64,pwrite64 \
		-e inject=pwrite64:delay_enter=1000000 "$SLE" -L first two \
		>a.out 2>a.err &
	a=$!
	for _ in $(seq 100); do
		# the header read: GSW_MAX_PAGE_SIZE bytes from offset 0
		grep -q 'pread64(.*, 262144, 0) = ' a.trace 2>/dev/null && break
		sleep 0.05
	done
	t_run "$SLE" -U $UU2 two
	wait $a
	a_rc=$?
	t_eq "second change waits: exit codes" "0 0" "$a_rc $T_RC"
	t_contains "second change waits: says so" \
		"two: device already locked, waiting to get lock ... OK" "$T_ERR"
	t_eq "second change waits: both changes kept" "first $UU2 1000" \
		"$(facts two)"
else
	t_skip "a change between another's read and write" "strace cannot trace here"
fi

# round NAME I DELAY: three changes of one file at once, every pwrite
# delayed by DELAY microseconds (0: no strace); all must succeed and all
# three values must be there
round() {
	local name=$1 i=$2 delay=$3 f=race$2 uuid pages rcs="" p
	local pids=()
	uuid=$(printf '%08x-0000-4000-8000-%012x' "$i" "$i")
	pages=$((2000 + i))
	"$CRAFT" -g -n 1000 -L old -U $UU $f
	for args in "-L r$i" "-U $uuid" "--size $((pages * 4096))"; do
		if [ "$delay" -gt 0 ]; then
			slow "$delay" $args $f >/dev/null 2>"$f.err.${#pids[@]}" &
		else
			"$SLE" $args $f >/dev/null 2>"$f.err.${#pids[@]}" &
		fi
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait "$p"
		rcs="$rcs$?"
	done
	if [ "$rcs" != 000 ]; then
		t_fail "$name $i: every change succeeds" "exit codes $rcs" \
			"$(cat $f.err.*)"
		return 1
	fi
	for p in 0 1 2; do
		if ! only_waited $f.err.$p; then
			t_fail "$name $i: no message but the wait" "$(cat $f.err.$p)"
			return 1
		fi
	done
	if [ "$(facts $f)" != "r$i $uuid $pages" ]; then
		t_fail "$name $i: no change lost" "expected: r$i $uuid $pages" \
			"actual:   $(facts $f)"
		return 1
	fi
	rm -f $f $f.err.*
}

lost=0
for i in $(seq 1 40); do
	round "undelayed round" "$i" 0 || lost=$((lost + 1))
done
t_eq "40 undelayed rounds: no change lost, none failed" 0 $lost

if [ $STRACE = yes ]; then
	lost=0
	for i in $(seq 101 110); do
		# 20 to 200 ms, different each round
		round "delayed round" "$i" $((20000 * (i % 10 + 1))) ||
			lost=$((lost + 1))
	done
	t_eq "10 rounds with delayed writes: no change lost, none failed" 0 $lost
else
	t_skip "rounds with delayed writes" "strace cannot trace here"
fi

## ---- nonblock: a change may be refused, but never lost ----
# nonblock_round I: three changes at once, each refused or kept
nonblock_round() {
	local i=$1 f=nb$1 uuid pages p rc want_l=old want_u=$UU want_p=1000
	local pids=() ok=0
	uuid=$(printf '%08x-1111-4000-8000-%012x' "$i" "$i")
	pages=$((3000 + i))
	"$CRAFT" -g -n 1000 -L old -U $UU $f
	for args in "-L n$i" "-U $uuid" "--size $((pages * 4096))"; do
		LOCK_BLOCK_DEVICE=nonblock slow 200000 $args $f \
			>/dev/null 2>"$f.err.${#pids[@]}" &
		pids+=($!)
	done
	for p in 0 1 2; do
		wait "${pids[$p]}"
		rc=$?
		if [ $rc -eq 0 ] && [ ! -s $f.err.$p ]; then
			ok=$((ok + 1))
			case $p in
			0) want_l=n$i ;;
			1) want_u=$uuid ;;
			2) want_p=$pages ;;
			esac
		elif [ $rc -ne 1 ] ||
			! grep -q "^swaplabel-ext: $f: device already locked; nothing changed$" \
				$f.err.$p; then
			t_fail "nonblock round $i: refused with the reason" \
				"exit code $rc" "$(cat $f.err.$p)"
			return 1
		fi
	done
	if [ $ok -eq 0 ]; then
		t_fail "nonblock round $i: one change gets the lock"
		return 1
	fi
	if [ "$(facts $f)" != "$want_l $want_u $want_p" ]; then
		t_fail "nonblock round $i: exactly the changes that succeeded" \
			"expected: $want_l $want_u $want_p" "actual:   $(facts $f)"
		return 1
	fi
	rm -f $f $f.err.*
}

if [ $STRACE = yes ]; then
	bad=0
	for i in 1 2 3 4 5; do
		nonblock_round "$i" || bad=$((bad + 1))
	done
	t_eq "5 nonblock rounds: refused or kept, never lost" 0 $bad
else
	t_skip "nonblock rounds" "strace cannot trace here"
fi

t_end

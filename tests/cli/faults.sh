#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fault injection over every write path of mkswap-ghost and swaplabel-ext.
# A clean run of each scenario under strace lists the system calls the
# tool makes once it reaches the target; then every one of them in turn is
# made to fail (ENOSPC, EIO, EDQUOT) or to kill the tool (SIGKILL before
# the call runs).  After each run the target must be byte for byte the old
# file or the new one, the exit code 0 only with the new one, a failure
# that leaves the new file must say that it is written, and no temporary
# file may be left: a killed run may leave one, which the next run in that
# directory must remove (see mkswap-ghost(8)).
#
# strace counts calls from the start of the process, and a sanitizer's
# runtime makes a varying number of them before main() (about one run in
# 450 under ASan).  So the points come from two clean runs that agree, and
# a fault counts only when the log shows it hit the very call it aimed at;
# a run where it did not is repeated.
#
# MKSWAP-GHOST and SWAPLABEL-EXT are the copies with test hooks; the
# installed programs, when given, go through one scenario each as well.
#
# usage: faults.sh MKSWAP-GHOST SWAPLABEL-EXT GSW-CRAFT [MKSWAP-GHOST-INSTALLED
#                  SWAPLABEL-EXT-INSTALLED]
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

MG=$(realpath "$1")
SL=$(realpath "$2")
CRAFT=$(realpath "$3")
MGI=${4:+$(realpath "$4")}
SLI=${5:+$(realpath "$5")}
UU1=11111111-2222-3333-4444-555555555555
UU2=01234567-89ab-cdef-0123-456789abcdef

t_begin faults
if ! t_strace_ok; then
	# not a skip: without strace this suite checks nothing
	echo "faults: strace is required and must be allowed to trace" >&2
	exit 1
fi
cd "$T_TMP" || exit 1
printf 'Filename\tType\tSize\tUsed\tPriority\n' >swaps.none
head -c 100000 /dev/urandom >old.random
export GHOSTSWAP_PROC_SWAPS=$T_TMP/swaps.none
# LeakSanitizer cannot work under ptrace
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

W=$T_TMP/w
T=$W/t
TRACE=openat,open,creat,write,pwrite64,fallocate,fsync,fdatasync,ftruncate
TRACE=$TRACE,rename,renameat,renameat2,link,linkat,unlink,unlinkat,fchmod
TRACE=$TRACE,fchown,close,flock,ioctl
ERRORS="ENOSPC EIO EDQUOT"
N_FAULTS=0
N_RUNS=0
N_LOST=0
N_LEFT=0
N_MISSED=0

# The target's bytes; with STATE=header, for a file resized in place, its
# header page and whether swaplabel-ext --check finds it a usable area (no
# holes, no more advertised than the file holds).
STATE=bytes
state() {
	if [ ! -e "$T" ]; then
		echo absent
	elif [ $STATE = header ]; then
		echo "$(head -c 4096 "$T" | sha256sum | cut -d ' ' -f 1)" \
			"$("$SL" --check "$T" >/dev/null 2>&1 && echo usable || echo unusable)"
	else
		sha256sum <"$T" | cut -d ' ' -f 1
	fi
}

# everything in the work directory but the target
leftovers() {
	find "$W" -mindepth 1 ! -path "$T" -printf '%f '
}

# fresh_dir PREP: an empty work directory, then PREP run in it
fresh_dir() {
	rm -rf "$W"
	mkdir "$W"
	(cd "$W" && eval "$1") || {
		echo "faults: cannot prepare: $1" >&2
		exit 1
	}
}

# The traced calls of LOG from the first one that names the work directory
# on, as "syscall occurrence position": occurrence counts every call of that
# name from the start, as strace's when= does; position counts only the
# calls from the work directory on.  It skips the standard streams; with
# LANDED=SYSCALL it prints only the call of that name a fault hit.
trace_calls() {
	awk -v w="$W" -v landed="${LANDED:-}" '
		{
			line = $0
			sub(/^[0-9]+ +/, "", line)
			if (line !~ /^[a-z0-9_]+\(/)
				next
			name = line
			sub(/\(.*/, "", name)
			n[name]++
			if (!started && index(line, w))
				started = 1
			if (!started)
				next
			pos++
			if (landed != "") {
				# an injected error, or the call a signal stopped
				if (name == landed && (line ~ /\(INJECTED\)$/ || line ~ / = \?$/))
					hit = name " " n[name] " " pos
				next
			}
			if (line ~ /^(close|write)\([012][,)]/)
				next
			print name, n[name], pos
		}
		END { if (landed && hit != "") print hit }' "$1"
}

# base_landed LOG [PARTIAL]: the forced fallback of the scenario, if any,
# happened (BASE is only ever an O_TMPFILE open made to fail); with
# PARTIAL, a run stopped before that open passes too
base_landed() {
	[ -z "$base" ] && return 0
	if [ -n "${2:-}" ]; then
		! grep 'O_TMPFILE' "$1" | grep -qv '(INJECTED)$'
	else
		grep -q 'O_TMPFILE.*(INJECTED)$' "$1"
	fi
}

# scenario NAME PREP BASE CMD...: BASE is extra strace arguments used in
# every run (an injection that forces a fallback), or ""
scenario() {
	local name=$1 prep=$2 base=$3 old new rc pt sc n pos e spec try landed
	local -a cmd=("${@:4}") basearg=()
	local -A fails=() counts=()
	# FAULTS_ONLY=REGEX runs only the scenarios it matches, when debugging
	if [ -n "${FAULTS_ONLY:-}" ] && ! [[ "$name" =~ $FAULTS_ONLY ]]; then
		return
	fi
	[ -n "$base" ] && read -r -a basearg <<<"$base"

	# Two clean runs in a row that make the same calls give the list of
	# points; a sanitizer's runtime may add calls before main() now and
	# then (see below).
	local agreed=no fallback=no
	rm -f "$T_TMP/points" "$T_TMP/points.new"
	for try in 1 2 3 4 5 6; do
		fresh_dir "$prep"
		old=$(state)
		strace -f -qq -o "$T_TMP/clean.log" -e trace=$TRACE "${basearg[@]}" \
			"${cmd[@]}" >/dev/null 2>"$T_TMP/clean.err" </dev/null
		rc=$?
		new=$(state)
		base_landed "$T_TMP/clean.log" || continue
		fallback=yes
		if [ $rc -ne 0 ] || [ "$new" = "$old" ] || [ -n "$(leftovers)" ]; then
			t_fail "$name: clean run" "exit code $rc, changed: $([ "$new" != "$old" ] && echo yes || echo no)," \
				"left: $(leftovers)" "$(cat "$T_TMP/clean.err")"
			return
		fi
		trace_calls "$T_TMP/clean.log" >"$T_TMP/points.new"
		if [ -f "$T_TMP/points" ] && cmp -s "$T_TMP/points" "$T_TMP/points.new"; then
			agreed=yes
			break
		fi
		mv "$T_TMP/points.new" "$T_TMP/points"
	done
	if [ $fallback = no ]; then
		t_fail "$name: clean run" "the forced fallback ($base) never took effect"
		return
	elif [ $agreed = no ]; then
		t_fail "$name: clean run" "no two runs in a row made the same calls"
		return
	fi

	while read -r sc n pos; do
		# the fallback scenarios inject into openat already
		case " $base " in *"inject=$sc:"*) continue ;; esac
		counts[$sc]=$((${counts[$sc]:-0} + 1))
		for e in $ERRORS KILL; do
			if [ "$e" = KILL ]; then
				spec="$sc:signal=KILL:when=$n"
			else
				spec="$sc:error=$e:when=$n"
			fi
			pt="$sc#$n $e"
			# A sanitizer's runtime may make a varying number of calls
			# before main(), which moves the Nth call off the one the
			# clean run found: such a run proves nothing and is repeated.
			for try in 1 2 3 4 5; do
				fresh_dir "$prep"
				# in a subshell, so that no "Killed" line reaches the log
				(
					strace -f -qq -o "$T_TMP/f.log" -e trace=$TRACE "${basearg[@]}" \
						-e inject="$spec" "${cmd[@]}" >/dev/null 2>"$T_TMP/f.err" </dev/null
					echo $? >"$T_TMP/f.rc"
				) 2>/dev/null
				landed=$(LANDED=$sc trace_calls "$T_TMP/f.log")
				[ "$landed" = "$sc $n $pos" ] && base_landed "$T_TMP/f.log" partial && break
				# FAULTS_DEBUG=1 shows each miss
				[ -n "${FAULTS_DEBUG:-}" ] &&
					echo "faults: $name: $spec hit ${landed:-nothing}, not $sc $n $pos" >&2
			done
			rc=$(cat "$T_TMP/f.rc")
			N_RUNS=$((N_RUNS + try))
			N_MISSED=$((N_MISSED + try - 1))
			if [ "$landed" != "$sc $n $pos" ]; then
				fails[$sc]+="$pt: in $try runs the fault never hit call $pos of the clean run (last: ${landed:-none}); "
				continue
			fi
			N_FAULTS=$((N_FAULTS + 1))
			check_run "$pt" "$rc" "$old" "$new" "${cmd[@]}"
			[ -n "$WHY" ] && fails[$sc]+="$WHY; "
		done
	done <"$T_TMP/points"

	for sc in "${!counts[@]}"; do
		if [ -z "${fails[$sc]:-}" ]; then
			t_pass "$name: $sc x${counts[$sc]} ($ERRORS SIGKILL)"
		else
			t_fail "$name: $sc x${counts[$sc]}" "${fails[$sc]}"
		fi
	done
}

# check_run POINT RC OLD NEW CMD...: sets WHY to what is wrong, or ""
check_run() {
	local pt=$1 rc=$2 old=$3 new=$4 now left err
	shift 4
	now=$(state)
	left=$(leftovers)
	err=$(tr '\n' ' ' <"$T_TMP/f.err")
	WHY=""
	if [ "$now" != "$old" ] && [ "$now" != "$new" ]; then
		N_LOST=$((N_LOST + 1))
		WHY="$pt: target is neither the old nor the new file (exit $rc: $err)"
	elif [ "$rc" -eq 0 ] && [ "$now" != "$new" ]; then
		WHY="$pt: exit 0 but the old file is there"
	elif [ "$rc" -ne 0 ] && [ "$rc" -ne 137 ] && [ -z "$err" ]; then
		WHY="$pt: exit $rc without a message"
	elif [ "$rc" -ne 0 ] && [ "$rc" -ne 137 ] && [ "$now" = "$new" ] &&
		[[ "$err" != *"written"* ]]; then
		WHY="$pt: exit $rc with the new file in place, but says: $err"
	elif [ -n "$left" ] && [ "$rc" -ne 137 ]; then
		WHY="$pt: left $left(exit $rc)"
	elif [ -n "$left" ]; then
		# a killed run: one temporary file at most, which the next run
		# names and leaves where it is (only the user can tell whose a
		# file is); then the test removes it
		N_LEFT=$((N_LEFT + 1))
		local -a loud=()
		for a in "$@"; do [ "$a" = -q ] || loud+=("$a"); done
		if [[ "$left" != .ghostswap-tmp.??????" " ]]; then
			WHY="$pt: killed, left $left"
		elif ! "${loud[@]}" >/dev/null 2>"$T_TMP/next.err" </dev/null; then
			WHY="$pt: killed, left $left; the next run failed: $(cat "$T_TMP/next.err")"
		elif [ "$(leftovers)" != "$left" ]; then
			WHY="$pt: killed, left $left; after the next run: $(leftovers)"
		elif ! grep -q "${left% }: left by an interrupted run" "$T_TMP/next.err"; then
			WHY="$pt: killed, left $left which the next run did not report"
		fi
		rm -f "$W/${left% }"
	fi
	# a failed fsync must not leak the descriptor it failed on
	if [ -z "$WHY" ]; then
		local fd
		fd=$(sed -n 's/^[0-9]* *fsync(\([0-9]*\)) *= -1 .*(INJECTED)$/\1/p' "$T_TMP/f.log")
		if [ -n "$fd" ] && ! sed -n '/fsync('"$fd"') .*(INJECTED)/,$p' "$T_TMP/f.log" |
			grep -q "close($fd) "; then
			WHY="$pt: descriptor $fd not closed after its fsync failed"
		fi
	fi
}

##### mkswap-ghost --ghost: a new file, and over an existing one
scenario "mkswap-ghost --ghost, new file" "true" "" \
	"$MG" --ghost -q -s 1G -U $UU2 -L new "$T"
scenario "mkswap-ghost --ghost -f over a file of data" \
	"cp ../old.random t" "" \
	"$MG" --ghost -f -q -s 1G -U $UU2 -L new "$T"

##### mkswap-ghost -F -s: a new file, zero-filled and fallocated
scenario "mkswap-ghost -F -s 64K, new file" "true" "" \
	"$MG" -q -F -s 64K -U $UU2 -L new "$T"
scenario "mkswap-ghost -F -s 2M, new file" "true" "" \
	"$MG" -q -F -s 2M -U $UU2 -L new "$T"

##### the same without O_TMPFILE: a named temporary file from the start
# The O_TMPFILE open is the first openat after the work directory's.
fallback_open() {
	fresh_dir "$1"
	strace -f -qq -o "$T_TMP/probe.log" -e trace=openat "${@:2}" >/dev/null 2>&1 </dev/null
	awk '/O_TMPFILE/ { print NR; exit }' "$T_TMP/probe.log"
}
# no_tmpfile NAME PREP CMD...: scenario NAME without O_TMPFILE
no_tmpfile() {
	local n
	n=$(fallback_open "$2" "${@:3}")
	if [ -n "$n" ]; then
		scenario "$1, no O_TMPFILE" "$2" "-e inject=openat:error=EOPNOTSUPP:when=$n" "${@:3}"
	else
		t_fail "$1, no O_TMPFILE" "no O_TMPFILE open in a clean run"
	fi
}
no_tmpfile "mkswap-ghost --ghost -f over a file of data" "cp ../old.random t" \
	"$MG" --ghost -f -q -s 1G -U $UU2 -L new "$T"
no_tmpfile "mkswap-ghost -F -s 2M, new file" "true" \
	"$MG" -q -F -s 2M -U $UU2 -L new "$T"

##### mkswap-ghost in place: over an old swap area, and -F -s on one
scenario "mkswap-ghost in place over a swap area" \
	"head -c 1048576 /dev/zero >t && chmod 600 t && $MG -q -U $UU1 -L old t" "" \
	"$MG" -q -U $UU2 -L new "$T"

# The file is resized in place, as by mkswap: until the new header is
# written, the old area must stay usable, whatever the file's length.
STATE=header
scenario "mkswap-ghost -F -s, growing a swap area in place" \
	"head -c 1048576 /dev/zero >t && chmod 600 t && $MG -q -U $UU1 -L old t" "" \
	"$MG" -q -F -s 2M -U $UU2 -L new "$T"
scenario "mkswap-ghost -F -s, shrinking a swap area in place" \
	"head -c 2097152 /dev/zero >t && chmod 600 t && $MG -q -U $UU1 -L old t" "" \
	"$MG" -q -F -s 1M -U $UU2 -L new "$T"
STATE=bytes

##### swaplabel-ext on a file
scenario "swaplabel-ext -L" "$MG -q --ghost -s 8G -U $UU1 -L old t" "" \
	"$SL" -L new "$T"
scenario "swaplabel-ext -U" "$MG -q --ghost -s 8G -U $UU1 -L old t" "" \
	"$SL" -U $UU2 "$T"
scenario "swaplabel-ext --size" "$MG -q --ghost -s 8G -U $UU1 -L old t" "" \
	"$SL" --size 16G "$T"
scenario "swaplabel-ext --ghost" "$MG -q -F -s 40960 -U $UU1 t" "" \
	"$SL" --ghost --size 1G "$T"
scenario "swaplabel-ext --no-ghost" "$CRAFT -g -n 16 -l 65536 -U $UU1 t" "" \
	"$SL" --no-ghost "$T"

##### the installed programs, which read the real list of active areas
if [ -n "$MGI" ] && [ -n "$SLI" ]; then
	scenario "installed mkswap-ghost --ghost -f over a file of data" "cp ../old.random t" "" \
		"$MGI" --ghost -f -q -s 1G -U $UU2 -L new "$T"
	scenario "installed swaplabel-ext -L" "$MG -q --ghost -s 8G -U $UU1 -L old t" "" \
		"$SLI" -L new "$T"
else
	t_skip "installed programs" "not given"
fi

t_eq "no file lost" 0 "$N_LOST"
printf 'faults: %d injected, %d runs (%d repeated: the fault missed its call), files lost: %d, killed runs that left a temporary file: %d\n' \
	"$N_FAULTS" "$N_RUNS" "$N_MISSED" "$N_LOST" "$N_LEFT"
t_end

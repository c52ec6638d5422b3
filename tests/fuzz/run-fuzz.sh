#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Replay the kept regression inputs, then fuzz each target for a bounded
# time from a seed corpus the tools write.  A crash fails the run; its input
# is printed and copied into regressions/<target>/ so that it can be
# committed and replayed from then on.
#
#   run-fuzz.sh BUILD_DIR SECONDS [TARGET...]
#
# FUZZ_JOBS targets run at once (default: the number of CPUs); each is one
# libFuzzer process.  The last line sums up, for CI's summary.
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 BUILD_DIR SECONDS [TARGET...]" >&2
	exit 2
fi
build=$(cd "$1" && pwd)
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] ||
	targets=(fuzz_parse_validate fuzz_roundtrip fuzz_build_validate fuzz_size)
jobs=${FUZZ_JOBS:-$(nproc)}

for target in "${targets[@]}"; do
	if [ ! -x "$build/tests/fuzz/$target" ]; then
		echo "run-fuzz: $build/tests/fuzz/$target is missing (configure with -Dfuzz=true)" >&2
		echo "fuzz: not run (no $target)"
		exit 1
	fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! "$here/make-corpus.sh" "$build" "$work/seeds"; then
	echo "fuzz: not run (the seed corpus could not be made)"
	exit 1
fi

# UndefinedBehaviorSanitizer stops at the first report (the targets are
# built with -fno-sanitize-recover) but prints no stack unless asked.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

# Which seeds, and how long an input may grow, for each target.
seeds_of() {
	case $1 in
	fuzz_build_validate) echo build ;;
	fuzz_size) echo size ;;
	*) echo headers ;;
	esac
}
max_len_of() {
	case $1 in
	fuzz_build_validate) echo 4096 ;;
	fuzz_size) echo 64 ;;
	*) echo "$((64 * 1024))" ;;	# the largest page
	esac
}

# Print a kept input so that a CI log alone is enough to reproduce it.
show_input() {
	echo "kept as $1 ($(stat -c %s "$2") bytes); its first 256:"
	head -c 256 "$2" | od -A x -t x1z -v
}

# One target; writes $work/$target.result: STATUS RUNS SECONDS
run_target() {
	local target=$1 bin=$build/tests/fuzz/$1
	local log=$work/$target.log art=$work/$target.art/
	local corpus=$work/$target.corpus regs=() runs=0 secs=0 line
	local status=ok start=$SECONDS

	mkdir -p "$corpus" "$art"
	shopt -s nullglob
	regs=("$here/regressions/$target"/*)
	shopt -u nullglob
	{
		if [ ${#regs[@]} -gt 0 ]; then
			echo "== replaying ${#regs[@]} regression input(s)"
			"$bin" -artifact_prefix="$art" "${regs[@]}" || status=regression
		fi
		if [ "$status" = ok ]; then
			cp "$work/seeds/$(seeds_of "$target")"/* "$corpus"/ || status=error
		fi
		if [ "$status" = ok ]; then
			"$bin" -max_total_time="$seconds" -max_len="$(max_len_of "$target")" \
				-timeout=10 -artifact_prefix="$art" -print_final_stats=1 \
				"$corpus" || status=crash
		fi
	} >"$log" 2>&1
	# -print_final_stats gives the count even after a crash
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1) || true
	if [ -n "$line" ]; then
		runs=$(echo "$line" | awk '{ print $2 }')
		secs=$(echo "$line" | awk '{ print $5 }')
	else
		secs=$((SECONDS - start))
	fi
	echo "$status ${runs:-0} $secs" >"$work/$target.result"
}

for target in "${targets[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		wait -n || true
	done
	echo "fuzz: $target: started (${seconds} s)"
	run_target "$target" &
done
wait

total_runs=0
crashes=0
for target in "${targets[@]}"; do
	status=error runs=0 secs=0
	[ -f "$work/$target.result" ] && read -r status runs secs <"$work/$target.result"
	total_runs=$((total_runs + runs))
	if [ "$status" = ok ]; then
		echo "fuzz: $target: $runs execs in $secs s"
		continue
	fi
	crashes=$((crashes + 1))
	echo "fuzz: $target: FAILED ($status)"
	# the report and its stack, then libFuzzer's own lines on the input
	awk '/==ERROR|runtime error|invariant broken|deadly signal/ { on = 1 }
	     /^Shadow bytes around/ { on = 0 }
	     /^Running: / { last = $0 }
	     /^MS: |^artifact_prefix|^Test unit written/ { on = 1 }
	     on { print }
	     END { if (last) print "last input: " substr(last, 10) }' \
		"$work/$target.log" | grep -v '^stat::' | head -n 80
	# a failing regression input is kept already
	[ "$status" = crash ] || continue
	mkdir -p "$here/regressions/$target"
	for input in "$work/$target.art"/*; do
		[ -f "$input" ] || continue
		cp "$input" "$here/regressions/$target/"
		show_input "tests/fuzz/regressions/$target/$(basename "$input")" "$input"
	done
done

echo "fuzz: ${#targets[@]} targets, $total_runs execs, $crashes crashes"
[ "$crashes" -eq 0 ]

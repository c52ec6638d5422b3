#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Create a 64 GiB ghost swap file with mkswap-ghost and a 64 GiB regular
# swap file the way it is done today (fallocate + util-linux mkswap), side
# by side in one run.  Prints the median wall time of RUNS runs and the disk
# space each takes, and their ratios.
#
# usage: bench/create-64g.sh [BUILD_DIR] [WORK_DIR]
#   BUILD_DIR  meson build directory (default: build)
#   WORK_DIR   where the files are made; needs 64 GiB free (default: .)
#   RUNS       environment, number of runs per tool (default: 5)
set -euo pipefail

build=${1:-build}
work=${2:-.}
runs=${RUNS:-5}
size=64G
size_kib=$((64 * 1024 * 1024))

mkswap_ghost=$build/mkswap-ghost/mkswap-ghost
mkswap=$(command -v mkswap || echo /usr/sbin/mkswap)
[ -x "$mkswap_ghost" ] || { echo "bench: $mkswap_ghost not built" >&2; exit 1; }
[ -x "$mkswap" ] || { echo "bench: util-linux mkswap not found" >&2; exit 1; }

free_kib=$(df -Pk "$work" | awk 'NR == 2 { print $4 }')
if [ "$free_kib" -lt $((size_kib + 1024 * 1024)) ]; then
	echo "bench: $work has $((free_kib / 1024 / 1024)) GiB free, needs 65 GiB" >&2
	exit 1
fi

ghost=$work/bench-ghost.swap
regular=$work/bench-regular.swap
trap 'rm -f "$ghost" "$regular"' EXIT

now_ns() { date +%s%N; }

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print int((NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

make_ghost() { "$mkswap_ghost" -q --ghost --size "$size" "$ghost"; }
make_regular() {
	fallocate -l "$size" "$regular"
	chmod 0600 "$regular"
	"$mkswap" -q "$regular"
}

ghost_times=()
regular_times=()
for ((i = 0; i < runs; i++)); do
	rm -f "$ghost" "$regular"
	sync
	t0=$(now_ns); make_ghost; t1=$(now_ns)
	ghost_times+=($(((t1 - t0) / 1000)))
	t0=$(now_ns); make_regular; t1=$(now_ns)
	regular_times+=($(((t1 - t0) / 1000)))
done

ghost_us=$(printf '%s\n' "${ghost_times[@]}" | median)
regular_us=$(printf '%s\n' "${regular_times[@]}" | median)
ghost_disk=$(($(stat -c %b "$ghost") * $(stat -c %B "$ghost")))
regular_disk=$(($(stat -c %b "$regular") * $(stat -c %B "$regular")))

printf '%-34s %14s %18s\n' "64 GiB swap file" "median time" "disk used"
printf '%-34s %11d us %12d bytes\n' "ghost (mkswap-ghost --ghost)" "$ghost_us" "$ghost_disk"
printf '%-34s %11d us %12d bytes\n' "regular (fallocate + mkswap)" "$regular_us" "$regular_disk"
awk -v gt="$ghost_us" -v rt="$regular_us" -v gd="$ghost_disk" -v rd="$regular_disk" 'BEGIN {
	printf "ratio regular/ghost: time %.1fx, disk %.0fx\n", rt / gt, rd / gd
}'
echo "runs per tool: $runs"

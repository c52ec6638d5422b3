#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Reading a ghost swap header: swaplabel-ext --check (parse + validate)
# against blkid -p (libblkid's low-level probe) on the same 64 GiB ghost
# file, side by side in one run.  Prints the mean wall time per call over
# RUNS calls of each and their ratio.
#
# usage: bench/probe.sh [BUILD_DIR]   (RUNS in the environment, default 200)
set -euo pipefail

build=${1:-build}
runs=${RUNS:-200}
mkswap_ghost=$build/mkswap-ghost/mkswap-ghost
swaplabel_ext=$build/swaplabel-ext/swaplabel-ext
blkid=$(command -v blkid || echo /usr/sbin/blkid)
for tool in "$mkswap_ghost" "$swaplabel_ext" "$blkid"; do
	[ -x "$tool" ] || { echo "bench: $tool not found" >&2; exit 1; }
done

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$mkswap_ghost" -q --ghost --size 64G "$dir/ghost.swap"

# mean microseconds per call of the command given
per_call_us() {
	local t0 t1 i
	t0=$(date +%s%N)
	for ((i = 0; i < runs; i++)); do
		"$@" >/dev/null
	done
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000 / runs))
}

check_us=$(per_call_us "$swaplabel_ext" --check "$dir/ghost.swap")
blkid_us=$(per_call_us "$blkid" -p "$dir/ghost.swap")

printf '%-36s %10s\n' "read a 64 GiB ghost header" "per call"
printf '%-36s %7d us\n' "swaplabel-ext --check" "$check_us"
printf '%-36s %7d us\n' "blkid -p" "$blkid_us"
awk -v c="$check_us" -v b="$blkid_us" 'BEGIN { printf "ratio swaplabel-ext/blkid: %.2fx\n", c / b }'
echo "calls per tool: $runs"

# SPDX-License-Identifier: GPL-2.0-or-later
# Marks in the kernel log, for the host suites (bash) and the booted
# guests (busybox sh) alike.  A mark is a line written to /dev/kmsg, so
# the messages after it are found by content: counting lines goes wrong
# once the ring buffer is full and drops its oldest line for every new one.
#
# dmesg_mark: write the next mark and print its number
# dmesg_since N: the kernel log after mark N
#
# dmesg_mark runs in $(...), so its count lives in a file:
# KMSG_MARK_COUNT, which a host suite points into its scratch directory.
# The tag tells this run's marks from those of an earlier run still in the
# log of a machine that was not rebooted in between.
# shellcheck shell=sh disable=SC3043

KMSG_MARK_COUNT=${KMSG_MARK_COUNT:-/tmp/marks}
KMSG_MARK_TAG=${KMSG_MARK_TAG:-$$.$(date +%s)}

dmesg_mark() {
	local m
	m=$(($(cat "$KMSG_MARK_COUNT" 2>/dev/null || echo 0) + 1))
	echo $m >"$KMSG_MARK_COUNT"
	echo "ghosttest-mark $KMSG_MARK_TAG-$m" >/dev/kmsg || return 1
	echo $m
}

dmesg_since() {
	dmesg | sed -n "/ghosttest-mark $KMSG_MARK_TAG-$1\$/,\$p" | sed 1d
}

# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers for the shell test suites; source it, then call t_begin,
# the checks, and t_end last.  Each check prints one "ok"/"FAIL" line and
# the suite closes with "N passed, N failed".
# shellcheck shell=bash

T_PASSED=0
T_FAILED=0
T_SKIPPED=0
T_NAME=""

t_begin() {
	T_NAME=$1
	T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ghostswap-test.XXXXXX")
	trap 't_cleanup' EXIT
	# The copies with test hooks read the kernel's support of ghost areas
	# from a fake sysfs that says "no", unless the suite gives its own:
	# as root they would otherwise try a swapon on the host at every
	# swaplabel-ext --show of a ghost area.  It lives beside the scratch
	# directory, not in it, where the suites list what they made.
	if [ -z "${GHOSTSWAP_SYSFS+set}" ]; then
		T_SYSFS=$(mktemp -d "${TMPDIR:-/tmp}/ghostswap-sysfs.XXXXXX")
		mkdir -p "$T_SYSFS/kernel/mm/swap"
		echo 0 >"$T_SYSFS/kernel/mm/swap/ghost_supported"
		export GHOSTSWAP_SYSFS=$T_SYSFS
	fi
}

t_cleanup() {
	if [ -n "${T_CLEANUP_HOOK:-}" ]; then
		"$T_CLEANUP_HOOK" || true
	fi
	rm -rf "$T_TMP"
	[ -z "${T_SYSFS:-}" ] || rm -rf "$T_SYSFS"
}

t_pass() {
	T_PASSED=$((T_PASSED + 1))
	printf 'ok: %s\n' "$1"
}

t_fail() {
	T_FAILED=$((T_FAILED + 1))
	printf 'FAIL: %s\n' "$1"
	shift
	[ $# -gt 0 ] && printf '      %s\n' "$@"
	return 0
}

t_skip() {
	T_SKIPPED=$((T_SKIPPED + 1))
	printf 'skip: %s (%s)\n' "$1" "$2"
}

# t_check NAME CMD...: pass when CMD succeeds
t_check() {
	local name=$1
	shift
	if "$@"; then
		t_pass "$name"
	else
		t_fail "$name" "command failed: $*"
	fi
}

# t_eq NAME EXPECTED ACTUAL
t_eq() {
	if [ "$2" = "$3" ]; then
		t_pass "$1"
	else
		t_fail "$1" "expected: $2" "actual:   $3"
	fi
}

# t_contains NAME NEEDLE HAYSTACK
t_contains() {
	case "$3" in
	*"$2"*) t_pass "$1" ;;
	*) t_fail "$1" "missing: $2" "in:      $3" ;;
	esac
}

# t_run CMD...: run CMD, leaving its exit code in T_RC, its stdout in
# T_OUT and its stderr in T_ERR.
t_run() {
	"$@" >"$T_TMP/.out" 2>"$T_TMP/.err" </dev/null
	T_RC=$?
	T_OUT=$(cat "$T_TMP/.out")
	T_ERR=$(cat "$T_TMP/.err")
}

# t_same_file NAME A B: byte-for-byte comparison
t_same_file() {
	if cmp -s "$2" "$3"; then
		t_pass "$1"
	else
		t_fail "$1" "$(cmp "$2" "$3" 2>&1 | head -n 1)"
	fi
}

# t_strace_ok: strace is installed and allowed to trace here
t_strace_ok() {
	command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null
}

# t_read_error_wrapper FILE PROG WRAPPER: write WRAPPER, a program that runs
# PROG with its arguments under strace, every read(2) of FILE after the
# first failing with EIO (needs t_strace_ok).  LeakSanitizer cannot work
# under ptrace and would fail the run, so a sanitizer build's is off.
t_read_error_wrapper() {
	local file
	file=$(realpath "$1")
	{
		echo '#!/bin/bash'
		# shellcheck disable=SC2016 # expanded by the wrapper
		echo 'export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0'
		printf 'exec strace -f -qq -o /dev/null -P %q -e trace=read -e inject=read:error=EIO:when=2+ %q "$@"\n' \
			"$file" "$2"
	} >"$3"
	chmod +x "$3"
}

# t_late_swaps_list PATH KIB: a list of active areas in which PATH comes
# after 2000 other lines, well past the first block that stdio reads, so
# that only a read error after that block can hide it
t_late_swaps_list() {
	printf 'Filename\tType\tSize\tUsed\tPriority\n'
	for i in $(seq 2000); do
		printf '/nonexistent/swap%04d\tfile\t1020\t0\t-2\n' "$i"
	done
	printf '%s\tfile\t%s\t0\t-2\n' "$1" "$2"
}

t_end() {
	if [ "$T_SKIPPED" -gt 0 ]; then
		printf '%s: %d passed, %d failed, %d skipped\n' \
			"$T_NAME" "$T_PASSED" "$T_FAILED" "$T_SKIPPED"
	else
		printf '%s: %d passed, %d failed\n' "$T_NAME" "$T_PASSED" "$T_FAILED"
	fi
	[ "$T_FAILED" -eq 0 ]
}

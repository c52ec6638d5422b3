#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# ghostswap-setup on the host kernel, as root: its answer on ghost support
# (and swaplabel-ext --show's) against util-linux swapon of a ghost file
# from mkswap-ghost, with no test file left behind; then, on a kernel
# without ghost support, the zram fallback started and stopped, a failing
# step undone, and fallback = none doing nothing; on a kernel with it, the
# ghost path.  Every zram device, /proc/swaps and zswap's parameters must
# be as they were found.  A kernel without zram fails the suite: the
# fallback would go untested.  Skips (exit 77) only without root.
#
# usage: ghostswap-setup-host.sh GHOSTSWAP-SETUP SWAPLABEL-EXT MKSWAP-GHOST
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"
# shellcheck source=hostlib.sh
. "$(dirname "$0")/hostlib.sh"

GS=$(realpath "$1")
SLE=$(realpath "$2")
MG=$(realpath "$3")

h_begin ghostswap-setup-host

# what must be as it was: zram devices, active areas, zswap's parameters
snapshot() {
	local d
	for d in /sys/block/zram*; do
		[ -e "$d" ] || continue
		echo "$d $(cat "$d/disksize") $(cat "$d/comp_algorithm")"
	done
	cat /proc/swaps
	grep -H . /sys/module/zswap/parameters/* 2>/dev/null
}
R=$T_TMP/root
conf() {
	rm -rf "${R:?}/etc" "${R:?}/run"
	mkdir -p "$R/etc"
	printf '%s\n' "$@" >"$R/etc/ghostswap.conf"
}
# a stop that the checks below could skip must still happen
gs_stop() { [ -e "$R/run/ghostswap/state" ] && "$GS" --root "$R" --stop >/dev/null 2>&1; }
T_CLEANUP_HOOK_HOST=$T_CLEANUP_HOOK
cleanup_all() { gs_stop; "$T_CLEANUP_HOOK_HOST"; }
# shellcheck disable=SC2034 # testlib.sh runs it
T_CLEANUP_HOOK=cleanup_all

BEFORE=$(snapshot)

##### detection against swapon itself
"$MG" -q --ghost --size 1G oracle.swap
SWAPS+=("$T_TMP/oracle.swap")
if swapon oracle.swap 2>/dev/null; then
	swapoff oracle.swap
	WANT=yes
else
	WANT=no
fi
echo "util-linux swapon of a ghost file: kernel support $WANT"
if [ -e /sys/kernel/mm/swap/ghost_supported ]; then
	t_eq "the kernel's attribute agrees with swapon" \
		"$([ $WANT = yes ] && echo 1 || echo 0)" "$(cat /sys/kernel/mm/swap/ghost_supported)"
fi
conf "size = 8G" "path = /var/swap/ghost.swap"
mkdir -p "$R/var/swap"
t_run "$GS" --root "$R" --status
t_eq "--status: exit code" 0 "$T_RC"
t_eq "--status: kernel support" "$WANT" \
	"$(echo "$T_OUT" | sed -n 's/^Kernel support: *\([a-z]*\).*/\1/p')"
t_run "$SLE" --show oracle.swap
t_eq "swaplabel-ext --show: kernel support" "$WANT" \
	"$(echo "$T_OUT" | sed -n 's/^Kernel support: *\([a-z]*\).*/\1/p')"
t_eq "no test file left behind" "" \
	"$(find "$R" "$T_TMP" -name '.ghostswap-probe.*' 2>/dev/null)"
t_eq "detection: the system as it was" "$BEFORE" "$(snapshot)"
# not root: unknown, said why
if command -v setpriv >/dev/null; then
	chmod 0755 "$T_TMP"
	cp oracle.swap nobody.swap
	chown 65534:65534 nobody.swap
	t_run setpriv --reuid=65534 --regid=65534 --clear-groups "$SLE" --show nobody.swap
	t_contains "not root: unknown" "Kernel support:    unknown (no /sys/kernel/mm/swap/ghost_supported, and testing with swapon needs root)" "$T_OUT"
fi

if [ $WANT = no ]; then
	##### fallback = none: nothing done, exit 2
	t_run "$GS" --root "$R"
	t_eq "fallback none: exit code" 2 "$T_RC"
	t_contains "fallback none: message" "fallback = none: nothing was changed" "$T_ERR"
	t_eq "fallback none: the system as it was" "$BEFORE" "$(snapshot)"
	t_eq "fallback none: no ghost file" no "$([ -e "$R/var/swap/ghost.swap" ] && echo yes || echo no)"

	##### the zram fallback
	if [ ! -e /sys/class/zram-control/hot_add ] && [ ! -e /sys/block/zram0 ]; then
		t_fail "zram: the kernel has it" "no /sys/class/zram-control, no /sys/block/zram0"
	else
		ALG=$(tr -d '[]' </sys/block/zram0/comp_algorithm 2>/dev/null | tr ' ' '\n' | grep -x -m1 -E 'lz4|lzo|zstd')
		conf "size = 8G" "fallback = zram" "zram-size = 32M" "priority = 77" \
			${ALG:+"zram-compressor = $ALG"}
		t_run "$GS" --root "$R"
		echo "$T_OUT"
		echo "$T_ERR"
		t_eq "zram: exit code" 0 "$T_RC"
		DEV=$(echo "$T_OUT" | sed -n 's/^swapon: \(\/dev\/zram[0-9]*\), priority 77$/\1/p')
		t_contains "zram: fallback said" "fallback: zram, as the configuration asks" "$T_OUT"
		t_eq "zram: active, 32 MiB less the header, priority 77" \
			"partition $((32 * 1024 - $(getconf PAGESIZE) / 1024)) 77" \
			"$(awk -v d="$DEV" '$1 == d { print $2, $3, $5 }' /proc/swaps)"
		t_eq "zram: blkid sees a swap area" swap "$(blkid -p -o value -s TYPE "$DEV" 2>/dev/null)"
		t_run "$GS" --root "$R" --status
		t_contains "zram: --status shows the state" "swapon $DEV" "$T_OUT"
		t_run "$GS" --root "$R" --stop
		t_eq "zram: stop: exit code" 0 "$T_RC"
		t_contains "zram: stop: swapoff said" "swapoff: $DEV" "$T_OUT"
		t_eq "zram: stop: the system as it was" "$BEFORE" "$(snapshot)"

		# a step that fails (an algorithm zram does not have) is undone
		conf "size = 8G" "fallback = zram" "zram-size = 32M" "zram-compressor = no-such-alg"
		t_run "$GS" --root "$R"
		t_eq "zram, bad algorithm: exit code" 1 "$T_RC"
		t_contains "zram, bad algorithm: the step named" \
			"zram: cannot set the algorithm of /dev/zram" "$T_ERR"
		t_eq "zram, bad algorithm: the system as it was" "$BEFORE" "$(snapshot)"
		t_eq "zram, bad algorithm: no state" no \
			"$([ -e "$R/run/ghostswap/state" ] && echo yes || echo no)"
	fi
else
	##### a kernel that takes ghost areas: the ghost path
	conf "size = 8G" "priority = 77" "zswap-max-pool-percent = 33"
	t_run "$GS" --root "$R"
	echo "$T_OUT"
	t_eq "ghost: exit code" 0 "$T_RC"
	t_eq "ghost: active, priority 77" "77" \
		"$(awk -v f="$R/var/swap/ghost.swap" '$1 == f { print $5 }' /proc/swaps)"
	t_eq "ghost: max_pool_percent" 33 "$(cat /sys/module/zswap/parameters/max_pool_percent)"
	t_run "$GS" --root "$R" --stop
	t_eq "ghost: stop: exit code" 0 "$T_RC"
	t_eq "ghost: stop: the system as it was" "$BEFORE" "$(snapshot)"
fi

t_end

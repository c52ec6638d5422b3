#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# ghostswap-setup without root and without touching the system: options,
# the configuration (good and bad input, conf.d order, sizes from RAM and
# the format's bound), dry runs, --status, and every failed step undone,
# all against a fake sysfs (GHOSTSWAP_SYSFS), a fixed RAM size
# (GHOSTSWAP_PROC_MEMINFO) and a step made to fail (GHOSTSWAP_FAIL_STEP),
# which only the copy with test hooks reads.  Also the "Kernel support:"
# line of swaplabel-ext --show.
#
# usage: ghostswap-setup.sh GHOSTSWAP-SETUP-HOOKED GHOSTSWAP-SETUP \
#        MKSWAP-GHOST SWAPLABEL-EXT-HOOKED
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

GS=$(realpath "$1")
GS_INSTALLED=$(realpath "$2")
MG=$(realpath "$3")
SLE=$(realpath "$4")

t_begin ghostswap-setup-cli
cd "$T_TMP" || exit 1

# a machine of 4 GiB whose kernel says it takes ghost areas
printf 'MemTotal:        4194304 kB\nMemFree:         1000 kB\n' >meminfo
export GHOSTSWAP_PROC_MEMINFO=$T_TMP/meminfo
export GHOSTSWAP_SYSFS=$T_TMP/sys
export GHOSTSWAP_PROC_SWAPS=/dev/null
ZP=$T_TMP/sys/module/zswap/parameters
fake_sysfs() {
	rm -rf sys
	mkdir -p sys/kernel/mm/swap "$ZP"
	echo "$1" >sys/kernel/mm/swap/ghost_supported
	echo lzo >"$ZP/compressor"
	echo N >"$ZP/enabled"
	echo 20 >"$ZP/max_pool_percent"
	echo 90 >"$ZP/accept_threshold_percent"
	echo N >"$ZP/shrinker_enabled"
}
zswap_now() {
	local p
	for p in compressor enabled max_pool_percent accept_threshold_percent shrinker_enabled; do
		printf '%s=%s ' "$p" "$(cat "$ZP/$p")"
	done
}
ZSWAP0="compressor=lzo enabled=N max_pool_percent=20 accept_threshold_percent=90 shrinker_enabled=N "
# R: the root prefix; conf LINES...: its /etc/ghostswap.conf, alone in
# etc/, and no state
R=$T_TMP/root
conf() {
	rm -rf "${R:?}/etc" "${R:?}/run"
	mkdir -p "$R/etc"
	printf '%s\n' "$@" >"$R/etc/ghostswap.conf"
}
tree() { (cd "$R" && find . | sort); }
PS=$(getconf PAGESIZE)

##### options
t_run "$GS" --help
t_eq "--help: exit code" 0 "$T_RC"
t_contains "--help: usage" " ghostswap-setup [options] [--start|--stop|--status]" "$T_OUT"
t_contains "--help: man page" "ghostswap-setup(8)" "$T_OUT"
t_run "$GS" --version
t_contains "--version" "ghostswap-setup from ghostswap" "$T_OUT"
t_run "$GS" --bogus
t_eq "unknown option: exit code" 1 "$T_RC"
t_contains "unknown option: hint" "Try 'ghostswap-setup --help' for more information." "$T_ERR"
t_run "$GS" --start --stop
t_eq "--start --stop: exit code" 1 "$T_RC"
t_contains "--start --stop: message" "mutually exclusive arguments: --start --stop" "$T_ERR"
t_run "$GS" --status --dry-run
t_contains "--status --dry-run: message" "mutually exclusive arguments: --status --dry-run" "$T_ERR"
t_run "$GS" --root relative
t_contains "--root relative: refused" "--root needs an absolute path" "$T_ERR"
t_run "$GS" extra
t_eq "an argument: exit code" 1 "$T_RC"

##### no configuration: nothing to do
fake_sysfs 1
rm -rf "${R:?}" && mkdir -p "$R/etc"
t_run "$GS" --root "$R"
t_eq "no configuration: exit code" 0 "$T_RC"
t_contains "no configuration: says so" "no configuration ($R/etc/ghostswap.conf): nothing to do" "$T_OUT"
t_eq "no configuration: nothing created" ". ./etc" "$(tree | tr '\n' ' ' | sed 's/ $//')"

##### dry run of the ghost path
conf "size = ram * 4" "zswap-max-pool-percent = 40" "zswap-compressor = lz4"
t_run "$GS" --root "$R" --dry-run
t_eq "dry run: exit code" 0 "$T_RC"
t_contains "dry run: support from the attribute" \
	"kernel support: yes (from $T_TMP/sys/kernel/mm/swap/ghost_supported)" "$T_OUT"
t_contains "dry run: file and size (ram * 4 of 4 GiB)" \
	"would create or reuse the ghost file $R/var/swap/ghost.swap (advertises 16 GiB)" "$T_OUT"
t_contains "dry run: zswap" "would set zswap's max_pool_percent to 40" "$T_OUT"
t_contains "dry run: zswap on" "would set zswap's enabled to Y" "$T_OUT"
t_contains "dry run: default priority" "would swapon $R/var/swap/ghost.swap with priority 100" "$T_OUT"
t_eq "dry run: nothing created" ". ./etc ./etc/ghostswap.conf" "$(tree | tr '\n' ' ' | sed 's/ $//')"
t_eq "dry run: zswap untouched" "$ZSWAP0" "$(zswap_now)"

# conf.d: files in byte order, each overriding the main file
mkdir "$R/etc/ghostswap.conf.d"
echo "priority = 10" >"$R/etc/ghostswap.conf.d/10-a.conf"
echo "priority = 20" >"$R/etc/ghostswap.conf.d/20-b.conf"
echo "priority = 99" >"$R/etc/ghostswap.conf.d/30-c.conf.disabled"
t_run "$GS" --root "$R" -n
t_contains "conf.d: the last file wins" "with priority 20" "$T_OUT"
# --config: that file alone
echo "size = 64G" >only.conf
t_run "$GS" --root "$R" -n --config only.conf
t_contains "--config: its size" "(advertises 64 GiB)" "$T_OUT"
t_contains "--config: conf.d ignored" "with priority 100" "$T_OUT"

# sizes
for case in "ram / 2|2 GiB" "64G|64 GiB" "min(ram / 2, 1G)|1 GiB" "max(ram, 8G) + 1G|9 GiB" \
	"ram * 1.5|6 GiB" "(ram + 4G) / 4|2 GiB"; do
	conf "size = ${case%%|*}"
	t_run "$GS" --root "$R" -n
	t_contains "size ${case%%|*}" "(advertises ${case#*|})" "$T_OUT"
done
# a size from RAM beyond the format's bound is capped, and says so
conf "size = ram * 1024"
t_run "$GS" --root "$R" -n
t_eq "capped: exit code" 0 "$T_RC"
# 2^28 pages
t_contains "capped: the bound used" "(advertises $((PS / 4096)) TiB)" "$T_OUT"
t_contains "capped: warned" "$R/etc/ghostswap.conf:1: size: 'ram * 1024' is more than a ghost area may advertise" "$T_ERR"

##### bad input: the file and line, exit 1, nothing done
bad() {
	local name=$1 msg=$2
	shift 2
	conf "$@"
	t_run "$GS" --root "$R"
	t_eq "bad: $name: exit code" 1 "$T_RC"
	t_contains "bad: $name: message" "$msg" "$T_ERR"
	t_eq "bad: $name: nothing created" ". ./etc ./etc/ghostswap.conf" "$(tree | tr '\n' ' ' | sed 's/ $//')"
	t_eq "bad: $name: zswap untouched" "$ZSWAP0" "$(zswap_now)"
}
C=$R/etc/ghostswap.conf
bad "unknown key" "$C:2: unknown key 'sise'" "# comment" "sise = 1G"
bad "no '='" "$C:1: expected 'key = value', found 'size 1G'" "size 1G"
bad "no value" "$C:1: size: no value" "size ="
bad "syntax" "$C:1: size: cannot read 'ram *' at column 6" "size = ram *"
bad "unknown word" "$C:1: size: cannot read 'rom * 2' at column 1" "size = rom * 2"
bad "division by zero" "$C:1: size: 'ram / 0' divides by zero" "size = ram / 0"
bad "negative" "$C:1: size: '1G - 2G' is out of range" "size = 1G - 2G"
bad "too large" "$C:1: size: '2T' is more than the" "size = 2T"
bad "too small" "$C:1: size: '16K' gives 16 KiB; a ghost area advertises at least" "size = 16K"
bad "priority" "$C:1: priority: '40000' is not a number from 0 to 32767" "priority = 40000"
bad "fallback" "$C:1: fallback: 'swapfile' is neither zram nor none" "fallback = swapfile"
bad "percent" "$C:1: zswap-max-pool-percent: '101' is not a number from 0 to 100" \
	"zswap-max-pool-percent = 101"
bad "bool" "$C:1: zswap-shrinker-enabled: 'maybe' is neither yes nor no" \
	"zswap-shrinker-enabled = maybe"
bad "compressor" "$C:1: zswap-compressor: 'lz4;rm' is not a compressor's name" \
	"zswap-compressor = lz4;rm"
bad "relative path" "$C:1: path: 'swap/ghost' is not an absolute path to a file" "path = swap/ghost"
bad "twice" "$C:2: size given twice in one file (first at $C:1)" "size = 1G" "size = 2G"
bad "zram size" "$C:2: zram-size: '4K' gives 4096 bytes; a zram swap device holds" \
	"fallback = zram" "zram-size = 4K"
# conf.d: its own name and line
conf "size = 1G"
mkdir "$R/etc/ghostswap.conf.d"
printf '\n\npriority = high\n' >"$R/etc/ghostswap.conf.d/50-x.conf"
t_run "$GS" --root "$R" -n
t_contains "bad: conf.d file and line" "$R/etc/ghostswap.conf.d/50-x.conf:3: priority: 'high'" "$T_ERR"

##### --status
for v in "1|yes" "0|no" "2|unknown"; do
	fake_sysfs "${v%%|*}"
	conf "size = 8G" "fallback = zram" "zswap-max-pool-percent = 40"
	t_run "$GS" --root "$R" --status
	t_eq "status ${v#*|}: exit code" 0 "$T_RC"
	t_eq "status ${v#*|}: kernel support" "${v#*|}" \
		"$(echo "$T_OUT" | sed -n 's/^Kernel support: *\([a-z]*\).*/\1/p')"
done
t_contains "status: files" "Configuration:     $R/etc/ghostswap.conf" "$T_OUT"
t_contains "status: fallback" "Fallback:          zram, min(ram / 2, 4G) = 2 GiB" "$T_OUT"
t_contains "status: zswap, configured" "max_pool_percent=20 (configured: 40)" "$T_OUT"
t_contains "status: not started" "State:             not started" "$T_OUT"

##### no ghost support, fallback = none: exit 2, nothing done
fake_sysfs 0
conf "size = 8G"
t_run "$GS" --root "$R"
t_eq "unsupported, fallback none: exit code" 2 "$T_RC"
t_contains "unsupported, fallback none: message" "says fallback = none: nothing was changed" "$T_ERR"
t_eq "unsupported, fallback none: nothing created" ". ./etc ./etc/ghostswap.conf" \
	"$(tree | tr '\n' ' ' | sed 's/ $//')"
conf "size = 8G" "fallback = zram" "zram-size = ram / 4" "zram-compressor = zstd"
t_run "$GS" --root "$R" -n
t_contains "unsupported, zram: dry run" "would add a zram device of 1 GiB, algorithm zstd" "$T_OUT"

##### every failed step undoes those before it
fake_sysfs 1
G=$R/var/swap/ghost.swap
for step in state dir file zswap swapon; do
	conf "size = 8G" "zswap-max-pool-percent = 40" "zswap-shrinker-enabled = yes"
	GHOSTSWAP_FAIL_STEP=$step t_run "$GS" --root "$R"
	t_eq "fail at $step: exit code" 1 "$T_RC"
	t_eq "fail at $step: zswap as it was" "$ZSWAP0" "$(zswap_now)"
	# the state directory may stay; the state file may not
	t_eq "fail at $step: nothing left" ". ./etc ./etc/ghostswap.conf" \
		"$(tree | grep -v '^./run' | tr '\n' ' ' | sed 's/ $//')"
	t_eq "fail at $step: no state" no "$([ -e "$R/run/ghostswap/state" ] && echo yes || echo no)"
done
t_contains "fail at swapon: the step named" "swapon of $G failed: Input/output error" "$T_ERR"
t_contains "fail at swapon: undone" "undoing the steps before it" "$T_ERR"
t_contains "fail at swapon: zswap restored" "zswap: max_pool_percent restored to 20" "$T_OUT"
t_contains "fail at swapon: file removed" "ghost file: removed $G" "$T_OUT"
t_contains "fail at swapon: directory removed" "directory: removed $R/var/swap" "$T_OUT"

# an existing file that is not a ghost area is never replaced
conf "size = 8G"
mkdir -p "$R/var/swap"
echo "precious data" >"$G"
cp "$G" precious.before
t_run "$GS" --root "$R"
t_eq "not a ghost area: exit code" 1 "$T_RC"
t_contains "not a ghost area: message" "$G exists and is not a ghost swap area; will not replace it" "$T_ERR"
t_same_file "not a ghost area: unchanged" precious.before "$G"
# a ghost area someone else made, of another size: kept as it is
rm "$G"
"$MG" -q --ghost --size 4G -L mine "$G"
cp "$G" other.before
t_run "$GS" --root "$R"
t_contains "another's ghost area: refused" "ghostswap-setup did not create" "$T_ERR"
t_same_file "another's ghost area: unchanged" other.before "$G"
# of the configured size: reused, and left there when a later step fails
conf "size = 4G" "zswap-max-pool-percent = 40"
GHOSTSWAP_FAIL_STEP=swapon t_run "$GS" --root "$R"
t_contains "reused: said" "ghost file: reusing $G (advertises 4 GiB)" "$T_OUT"
t_same_file "reused: unchanged after the undo" other.before "$G"
t_eq "reused: zswap as it was" "$ZSWAP0" "$(zswap_now)"
# one of ours, of another size: rewritten, and given its old header back
rm "$G"
conf "size = 2G"
GHOSTSWAP_FAIL_STEP=swapon t_run "$GS" --root "$R"
t_eq "ours: made by a failed run's undo?" "no" "$([ -e "$G" ] && echo yes || echo no)"
"$MG" -q --ghost --size 2G -L ghostswap-setup "$G"
cp "$G" ours.before
conf "size = 3G"
GHOSTSWAP_FAIL_STEP=swapon t_run "$GS" --root "$R"
t_contains "ours: rewritten" "ghost file: rewrote $G to advertise 3 GiB" "$T_OUT"
t_contains "ours: old header back" "ghost file: $G has its old header again" "$T_OUT"
t_same_file "ours: the old file again" ours.before "$G"

##### --stop from a state file: only what was changed, and only if still so
conf "size = 2G"
t_run "$GS" --root "$R" --stop
t_eq "stop, not started: exit code" 0 "$T_RC"
t_contains "stop, not started: says so" "not started" "$T_OUT"
mkdir -p "$R/run/ghostswap"
printf 'file\t%s\tcreated\nzswap\tmax_pool_percent\t20\t40\nzswap\tenabled\tN\tY\nzswap\tcompressor\tlzo\tzstd\n' \
	"$G" >"$R/run/ghostswap/state"
echo 40 >"$ZP/max_pool_percent"
echo Y >"$ZP/enabled"
echo lz4 >"$ZP/compressor"
t_run "$GS" --root "$R" --start
t_contains "started twice: refused" "already started" "$T_ERR"
t_run "$GS" --root "$R" --stop --dry-run
t_contains "stop --dry-run: the steps" "  zswap enabled N Y" "$T_OUT"
t_eq "stop --dry-run: nothing changed" "Y" "$(cat "$ZP/enabled")"
t_run "$GS" --root "$R" --stop
t_eq "stop: exit code" 0 "$T_RC"
t_eq "stop: restored, another's change left" \
	"compressor=lz4 enabled=N max_pool_percent=20 accept_threshold_percent=90 shrinker_enabled=N " \
	"$(zswap_now)"
t_contains "stop: another's change named" "zswap: compressor is now lz4, not the zstd set at start: left as it is" "$T_ERR"
t_eq "stop: the file stays" yes "$([ -e "$G" ] && echo yes || echo no)"
t_eq "stop: state removed" no "$([ -e "$R/run/ghostswap/state" ] && echo yes || echo no)"

##### the installed program has no test hooks
fake_sysfs 1
conf "size = 8G"
t_run "$GS_INSTALLED" --root "$R" -n
if echo "$T_OUT" | grep -q "from $T_TMP/sys"; then
	t_fail "installed: GHOSTSWAP_SYSFS ignored" "$T_OUT"
else
	t_pass "installed: GHOSTSWAP_SYSFS ignored"
fi

##### swaplabel-ext --show: the kernel's support of ghost areas
"$MG" -q --ghost --size 8G ghost.swap
"$MG" -q -F -s 1M regular.swap
for v in "1|yes" "0|no"; do
	fake_sysfs "${v%%|*}"
	t_run "$SLE" --show ghost.swap
	t_contains "swaplabel-ext --show ghost: ${v#*|}" "Kernel support:    ${v#*|} (from " "$T_OUT"
	t_eq "swaplabel-ext --show --json ghost: ${v#*|}" "${v#*|}" \
		"$("$SLE" --show --json ghost.swap | jq -r '.swaparea[0].kernel_support')"
done
t_run "$SLE" --show regular.swap
t_eq "swaplabel-ext --show regular: no such line" "" "$(echo "$T_OUT" | grep -i 'kernel support')"
t_eq "swaplabel-ext --show --json regular: null" null \
	"$("$SLE" --show --json regular.swap | jq -r '.swaparea[0].kernel_support')"

t_end

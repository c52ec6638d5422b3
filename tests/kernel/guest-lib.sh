# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the guest's /init (busybox sh), sourced by guest-init.sh.
# shellcheck shell=sh disable=SC3043

export PATH=/bin:/sbin:/usr/bin:/usr/sbin
# busybox sh runs its own applet of a name before looking at PATH; these
# must be util-linux's programs, which the initramfs holds in /bin
swapon() { /bin/swapon "$@"; }
swapoff() { /bin/swapoff "$@"; }
blkid() { /bin/blkid "$@"; }

MKSWAP=/bin/mkswap-ghost
GT=/bin/ghosttest
ZSWAP=/sys/module/zswap/parameters
THP=/sys/kernel/mm/transparent_hugepage

# result VERDICT ID TEXT; the guest's uptime at the end shows where the
# time goes
result() {
	echo "GT-RESULT: $1 $2 $3 [$(cut -d' ' -f1 /proc/uptime) s]"
}

# verdict ID TEXT: PASS when the command run just before succeeded
verdict() {
	if [ $? = 0 ]; then
		result PASS "$1" "$2"
	else
		result FAIL "$1" "$2"
	fi
}

# wanted ID: false when the host listed ID in ghosttest.skip= (comma
# separated, and the option may come more than once: the suite gives
# one, GHOSTSWAP_GUEST_ARGS another): a scenario left to another guest,
# or one left out to run those after it when it brings a kernel down
wanted() {
	case ",$(tr ' ' '\n' </proc/cmdline | sed -n 's/^ghosttest\.skip=//p' | tr '\n' ,)" in
	*",$1,"*) result SKIP "$1" "skipped as the host asked"; return 1 ;;
	esac
}

log() {
	echo "guest: $*"
}

vmstat() {
	awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat
}

meminfo_kib() {
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

zswap_stat() {
	cat "/sys/kernel/debug/zswap/$1" 2>/dev/null || echo 0
}

# zswap's refusals of pages that did not compress
zswap_rejects() {
	echo $(($(zswap_stat reject_compress_poor) + $(zswap_stat reject_compress_fail)))
}

# sectors read and written on a disk: "READ WRITTEN"
disk_sectors() {
	awk '{ print $3, $7 }' "/sys/block/$1/stat"
}

vda_write_sectors() {
	disk_sectors vda | cut -d' ' -f2
}

taint() {
	cat /proc/sys/kernel/tainted
}

# swap_type FILE: the Type column of FILE in /proc/swaps
swap_type() {
	awk -v f="$1" '$1 == f { print $2 }' /proc/swaps
}

swap_size() {
	awk -v f="$1" '$1 == f { print $3 }' /proc/swaps
}

swap_used() {
	awk -v f="$1" '$1 == f { print $4 }' /proc/swaps
}

# content, size and allocated blocks of a file
file_sum() {
	echo "$(md5sum <"$1" | cut -d' ' -f1) $(stat -c '%s %b' "$1")"
}

# dmesg_mark and dmesg_since
. /lib/kmsg-mark.sh

# every check of a fill's output: at least one full pass and no bad page
all_verified() {
	grep -q "verified [0-9]* pages, 0 bad" "$1" &&
		! grep -q "pages, [1-9][0-9]* bad" "$1"
}

# verified_again OUT: the check after GO passed as well
verified_again() {
	all_verified "$1" && grep -q "verified again [0-9]* pages, 0 bad" "$1"
}

# Memory cgroups.  CG is the limited one most workloads run in; cg_make
# creates others (no limit unless given).
CGROOT=/sys/fs/cgroup

# guest_mounts DIR...: the pseudo file systems an /init needs, the cgroup
# tree included, after making DIR... (mount points of its own)
guest_mounts() {
	mount -t proc proc /proc
	mount -t sysfs sys /sys
	mount -t devtmpfs dev /dev 2>/dev/null
	mount -t debugfs debugfs /sys/kernel/debug
	mount -t tmpfs tmp /tmp
	mkdir -p $CGROOT "$@"
	mount -t cgroup2 cgroup2 $CGROOT
}
CG=$CGROOT/gt
cg_make() {
	mkdir -p "$CGROOT/$1"
	[ -z "${2:-}" ] || echo "$2" >"$CGROOT/$1/memory.max"
}

# run_in CGROUP CMD...: run CMD as a member of CGROUP (a path)
run_in() {
	local cg=$1
	shift
	sh -c "echo \$\$ >$cg/cgroup.procs && exec \"\$@\"" sh "$@"
}

run_in_cgroup() {
	run_in $CG "$@"
}

oom_kills() {
	awk '$1 == "oom_kill" { print $2 }' "${1:-$CG}/memory.events"
}

memcg_stat() {
	awk -v k="$2" '$1 == k { print $2 }' "$1/memory.stat"
}

# wait_ready FILE PID: wait until FILE exists or PID has ended (a fill
# that dies before it is ready must not hang the guest)
wait_ready() {
	while [ ! -e "$1" ] && kill -0 "$2" 2>/dev/null; do
		sleep 1
	done
}

# start_fill CGROUP OUT READY FILL-ARGS...: fill memory in the background
# as a member of CGROUP and wait until every page is written and checked;
# the data stays held until GO (READY with .go appended) appears.  Sets
# fill_pid.
start_fill() {
	local cg=$1 out=$2 ready=$3
	shift 3
	rm -f "$ready" "$ready.go"
	run_in "$cg" $GT fill "$@" "$ready" "$ready.go" >"$out" 2>&1 &
	fill_pid=$!
	wait_ready "$ready" $fill_pid
	cat "$out"
}

# start_held_fill OUT FILL-ARGS...: start_fill in the limited cgroup, with
# /tmp/ready for READY (the data stays held until /tmp/ready.go appears)
start_held_fill() {
	local out=$1
	shift
	start_fill "$CG" "$out" /tmp/ready "$@"
}

# The two clean ends of a fill the cgroup cannot hold: ended by the memcg
# OOM killer (SIGKILL), or finished with every page verified.
# usage: ended_cleanly EXIT_CODE OOM_KILLS_BEFORE OOM_KILLS_AFTER OUTPUT
ended_cleanly() {
	if [ "$1" = 137 ] && [ "$3" -gt "$2" ]; then
		return 0
	fi
	[ "$1" = 0 ] && all_verified "$4"
}

# Before the kernel log goes to the host: the taint mask, which every
# WARN, BUG, oops and KASAN report sets, and lockdep's verdict, which a
# lockdep report clears; neither depends on the log buffer's size.
report_health() {
	echo "GT-RELEASE: $(uname -r)"
	echo "GT-TAINT: $(taint)"
	if [ -r /proc/lockdep_stats ]; then
		echo "GT-DEBUG-LOCKS: $(awk '$1 == "debug_locks:" { print $2 }' /proc/lockdep_stats)"
	fi
}

# the taint mask and the kernel log between markers for the host, and
# the mark that every scenario ran
report_end() {
	report_health
	echo "GT-DMESG-BEGIN"
	dmesg
	echo "GT-DMESG-END"
	echo "GT-DONE"
	sync
}

# the report, then the end of the run
finish() {
	report_end
	umount /mnt /ghost /jnl 2>/dev/null
	reboot -f
}

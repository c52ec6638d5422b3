#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the benchmark guest (busybox sh), started by bench/vm.sh.
# Prints machine-readable lines that the host turns into the report:
#   BENCH-INFO KEY=VALUE ...   the guest and its settings
#   BENCH-RUN  KEY=VALUE ...   one workload run under one configuration
#   BENCH-COST KEY=VALUE ...   kernel memory taken by one swapon
#   BENCH-PROF KEY=VALUE ...   calls and time of one kernel function in
#                              one run (bench.profile=1 only)
#   BENCH-DONE                 the end of a complete run
#
# Configurations (one configuration active at a time):
#   A   ghost file of 64 GiB on vdc, zswap on
#   Ad  A at priority 10 above B's swap file at priority 5: what zswap
#       refuses for a ghost slot goes on to the file (only the workloads
#       with incompressible data: elsewhere it is A)
#   B   regular swap file on vda, zswap on, writeback allowed
#   Bn  B with memory.zswap.writeback=0 in the workload's cgroup (B')
#   C   zram as the only swap, zswap off
# zswap and zram both compress with lzo.
#
# Disks: vda ext4 holding the regular swap file, vdb ext4 sized for the
# largest area measured (regular files for the cost table; sparse on the
# host), vdc ext4 holding only the ghost files, so its counters are theirs.
# shellcheck shell=sh disable=SC3043

. /lib/guest-lib.sh

guest_mounts /mnt /big /ghost /pin
echo +memory >$CGROOT/cgroup.subtree_control

# bench.KEY=VALUE from the kernel command line, else DEFAULT
param() {
	local v
	v=$(sed -n "s/.*bench\\.$1=\\([^ ]*\\).*/\\1/p" /proc/cmdline)
	echo "${v:-$2}"
}
MIB=$(param mib 32)
REPS=$(param reps 4)
WORKLOADS=$(param work comp,mixed,random,global,multi,random-wb | tr , ' ')
CONFIGS=$(param configs A,Ad,B,Bn,C | tr , ' ')
COST=$(param cost 1)
PROFILE=$(param profile 0)
KPROF=$(param kprof 0)
COMP=lzo
ZRAM=/sys/block/zram0

fail_boot() {
	echo "BENCH-ERROR $*"
	report_end
	reboot -f
}

mount -t ext4 /dev/vda /mnt || fail_boot "cannot mount /dev/vda"
mount -t ext4 -o noinit_itable /dev/vdb /big || fail_boot "cannot mount /dev/vdb"
# noatime: reading the ghost file's header writes nothing
mount -t ext4 -o noatime /dev/vdc /ghost || fail_boot "cannot mount /dev/vdc"
[ -d $ZRAM ] || fail_boot "the kernel has no zram (CONFIG_ZRAM)"

echo $COMP >$ZSWAP/compressor
GHOST=/ghost/ghost.swap
REGULAR=/mnt/regular.swap
$MKSWAP -q --ghost --size 64G $GHOST || fail_boot "mkswap-ghost --ghost failed"
# the regular area the way distributions make swap files; 1 GiB holds
# every workload, as zram's disk size below does
fallocate -l 1G $REGULAR && chmod 0600 $REGULAR && $MKSWAP -q $REGULAR ||
	fail_boot "cannot make the regular swap file"
sync

echo "BENCH-INFO cpus=$(grep -c ^processor /proc/cpuinfo)" \
	"memtotal_kib=$(meminfo_kib MemTotal) kernel=$(uname -r)" \
	"zswap_compressor=$(cat $ZSWAP/compressor)" \
	"zram_compressor=$(sed 's/.*\[\([^]]*\)\].*/\1/' $ZRAM/comp_algorithm)" \
	"max_pool_percent=$(cat $ZSWAP/max_pool_percent)" \
	"shrinker=$(cat $ZSWAP/shrinker_enabled) mib=$MIB reps=$REPS" \
	"thp=$(sed 's/.*\[\([^]]*\)\].*/\1/' $THP/enabled)"

# --- the function profile (bench.profile=1) ----------------------------------
# ftrace's function profiler counts calls and, with the graph tracer,
# times them children included, for the functions a swap-in and a
# swap-out pass through; the report turns them into time per fault
TRACE=/sys/kernel/tracing
PROF_FUNCS="handle_mm_fault do_swap_page swapin_sync swapin_readahead
swap_vma_readahead swap_cluster_readahead swap_cache_get_folio
swap_cache_alloc_folio mem_cgroup_swapin_charge_folio swap_read_folio
zswap_load zswap_decompress zram_bvec_read zram_read_page
lzo1x_decompress_safe folio_free_swap shrink_folio_list zswap_store
zram_write_page swap_writeout folio_alloc_swap"
if [ "$PROFILE" = 1 ]; then
	[ -e $TRACE/function_profile_enabled ] ||
		mount -t tracefs nodev $TRACE 2>/dev/null
	[ -e $TRACE/function_profile_enabled ] ||
		fail_boot "bench.profile=1 needs a kernel with CONFIG_FUNCTION_PROFILER and CONFIG_FUNCTION_GRAPH_TRACER"
	# only the functions this kernel can trace (others are inlined)
	for f in $PROF_FUNCS; do
		grep -qx "$f" $TRACE/available_filter_functions && echo "$f"
	done >$TRACE/set_ftrace_filter
	echo "BENCH-INFO profiled=$(tr '\n' , <$TRACE/set_ftrace_filter)"
fi

# prof_start, prof_stop W CFG REP: profile one run, one BENCH-PROF line
# per function that was called (calls and microseconds, all CPUs).  The
# profiler stays on from the first run to the end and each run reports
# the difference of two readings: switching it off and on between runs
# brought this kernel down in lock_vma_under_rcu()
prof_read() {
	cat $TRACE/trace_stat/function* | awk '
		$4 == "us" && $2 ~ /^[0-9]+$/ { hits[$1] += $2; us[$1] += $3 }
		END { for (f in hits) printf "%s %d %.1f\n", f, hits[f], us[f] }'
}
prof_start() {
	[ "$PROFILE" = 1 ] || return 0
	[ "$(cat $TRACE/function_profile_enabled)" = 1 ] ||
		echo 1 >$TRACE/function_profile_enabled
	prof_read >/tmp/prof.0
}
prof_stop() {
	[ "$PROFILE" = 1 ] || return 0
	prof_read | awk -v pre="BENCH-PROF w=$1 cfg=$2 rep=$3" '
		FILENAME == "/tmp/prof.0" { c0[$1] = $2; u0[$1] = $3; next }
		$2 > c0[$1] { printf "%s fn=%s calls=%d us=%.1f\n", pre, $1, $2 - c0[$1], $3 - u0[$1] }' /tmp/prof.0 -
}

# --- the kernel's sampling profiler (bench.kprof=1) ------------------------
# With profile=SHIFT on the command line the timer interrupt counts the
# kernel address it interrupted on every CPU, in buckets of 2^SHIFT bytes
# from _stext (/proc/profile: the bucket size, then one 32-bit counter per
# bucket; writing to it clears the counters).  Each run reports the
# buckets that took the most ticks as BENCH-KPROF lines, which vm.sh names
# with the kernel's System.map: whatever the CPU did, reclaim's scanning
# and compaction included, at the cost of one interrupt per tick.
if [ "$KPROF" = 1 ] && [ ! -w /proc/profile ]; then
	fail_boot "bench.kprof=1 needs a kernel with CONFIG_PROFILING booted with profile=N"
fi
kprof_start() {
	[ "$KPROF" = 1 ] || return 0
	echo 0 >/proc/profile
}
kprof_stop() {
	[ "$KPROF" = 1 ] || return 0
	local pre="BENCH-KPROF w=$1 cfg=$2 rep=$3"
	od -An -v -tu4 /proc/profile | tr -s ' ' '\n' | grep . |
		awk 'NR > 1 && $1 > 0 { print $1, NR - 2 }' >/tmp/kprof
	echo "$pre bucket=total ticks=$(awk '{ t += $1 } END { print t + 0 }' /tmp/kprof)"
	sort -rn /tmp/kprof | head -n 40 | while read -r t b; do
		echo "$pre bucket=$b ticks=$t"
	done
}

# --- configurations ------------------------------------------------------
# zram_setup SIZE: a fresh zram0 of disk size SIZE compressing with lzo
zram_setup() {
	echo 1 >$ZRAM/reset
	echo $COMP >$ZRAM/comp_algorithm &&
		echo "$1" >$ZRAM/disksize && $MKSWAP -q /dev/zram0
}

# cfg_on CFG: activate CFG's swap area; sets DEV (its disk), WB (the
# cgroup's memory.zswap.writeback)
cfg_on() {
	WB=1
	case $1 in
	A)
		echo Y >$ZSWAP/enabled
		DEV=vdc
		swapon $GHOST
		;;
	Ad)
		echo Y >$ZSWAP/enabled
		DEV=vda
		swapon -p 10 $GHOST && swapon -p 5 $REGULAR
		;;
	B | Bn)
		echo Y >$ZSWAP/enabled
		DEV=vda
		[ "$1" = Bn ] && WB=0
		swapon $REGULAR
		;;
	C)
		echo N >$ZSWAP/enabled
		DEV=zram0
		zram_setup 1G && swapon /dev/zram0
		;;
	esac
}

cfg_off() {
	swapoff -a
	[ "$1" = C ] && echo 1 >$ZRAM/reset
	echo Y >$ZSWAP/enabled
}

# --- counters ------------------------------------------------------------
# counters DEV CGROUP: the cumulative counters a run reports, in a fixed
# order (see delta_line); the last two are the guest's CPU time, busy and
# idle (idle and iowait), in USER_HZ ticks, summed over its CPUs: they
# tell a run that computes from one that sleeps
counters() {
	local z=/sys/kernel/debug/zswap f poor=0 fail=0 other=0 lim=0
	[ -r $z/reject_compress_poor ] && poor=$(cat $z/reject_compress_poor)
	[ -r $z/reject_compress_fail ] && fail=$(cat $z/reject_compress_fail)
	for f in reject_reclaim_fail reject_alloc_fail reject_kmemcache_fail; do
		[ -r $z/$f ] && other=$((other + $(cat $z/$f)))
	done
	[ -r $z/pool_limit_hit ] && lim=$(cat $z/pool_limit_hit)
	echo "$(awk '$1 ~ /^(pswpin|pswpout|zswpin|zswpout|zswpwb|oom_kill|swap_ghost_kept|pgmajfault|swap_ra)$/ {
		v[$1] = $2 } END {
		printf "%d %d %d %d %d %d %d %d %d", v["pswpin"], v["pswpout"], v["zswpin"],
			v["zswpout"], v["zswpwb"], v["oom_kill"], v["swap_ghost_kept"],
			v["pgmajfault"], v["swap_ra"] }' /proc/vmstat)" \
		"$poor $fail $other $lim $(disk_sectors "$1")" \
		"$(oom_kills "$2")" \
		"$(awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)"
}

# delta_line BEFORE AFTER: the named differences
delta_line() {
	echo "$1 $2" | awk '{
		n = split("pswpin pswpout zswpin zswpout zswpwb oom kept majflt swap_ra rej_poor rej_fail rej_other limit_hit rd_sectors wr_sectors oom_memcg cpu_busy cpu_idle", k, " ")
		for (i = 1; i <= n; i++)
			printf "%s=%d ", k[i], $(i + n) - $i
	}'
}

uptime_s() {
	cut -d' ' -f1 /proc/uptime
}

# --- workloads -----------------------------------------------------------
# workload W: sets W_LIMIT (memory.max), W_ARGS (ghosttest fill), W_PROCS
# (how many fills run at once), W_MIB (data per fill) and W_ZMAX (the
# cgroup's memory.zswap.max)
workload() {
	W_PROCS=1
	W_ZMAX=max
	case $1 in
	comp)	# about 3:1; the compressed set fits in half of the data
		W_MIB=$MIB; W_LIMIT=$((MIB / 2))M
		W_ARGS="compressible -r 2" ;;
	mixed)	# 30 % of the pages incompressible, spread evenly
		W_MIB=$MIB; W_LIMIT=$((MIB * 3 / 4))M
		W_ARGS="mixed -i 30 -r 2" ;;
	random)	# nothing compresses: only a disk or uncharged memory helps
		W_MIB=$MIB; W_LIMIT=$((MIB / 2))M
		W_ARGS="random -r 2" ;;
	random-wb)	# random with memory.zswap.max at 1M: zswap stores
		# what it cannot compress as it is, and writes it back to a swap
		# file once the cgroup's share of the pool is full (by default
		# it keeps such pages, charged to the cgroup, which ends in an
		# OOM kill with or without a ghost area)
		W_MIB=$MIB; W_LIMIT=$((MIB / 2))M
		W_ARGS="random -r 2"; W_ZMAX=1M ;;
	global)	# no limit: 1.5 times the free memory (the rest pinned)
		W_MIB=$((GLOBAL_FREE * 3 / 2)); W_LIMIT=max
		W_ARGS="compressible -r 2" ;;
	multi)	# two processes on the two CPUs sharing one cgroup; each
		# brings its own page tables and stack, hence 5/8 rather than 1/2
		W_PROCS=2; W_MIB=$((MIB / 2)); W_LIMIT=$((MIB * 5 / 8))M
		W_ARGS="compressible -r 2" ;;
	esac
}

# run_one W CFG REP: one run, one BENCH-RUN line
run_one() {
	local w=$1 cfg=$2 rep=$3 cg=$CGROOT/bench i rc=0 ok=1 c0 c1 t0 t1 zmax=- zhuge=- p pids=
	workload "$w"
	cfg_on "$cfg" || { echo "BENCH-RUN w=$w cfg=$cfg rep=$rep setup=failed"; cfg_off "$cfg"; return; }
	rmdir $cg 2>/dev/null
	mkdir $cg
	echo "$W_LIMIT" >$cg/memory.max
	echo "$W_ZMAX" >$cg/memory.zswap.max
	echo $WB >$cg/memory.zswap.writeback
	sync
	echo 3 >/proc/sys/vm/drop_caches
	c0=$(counters $DEV $cg)
	prof_start
	kprof_start
	t0=$(uptime_s)
	i=0
	while [ $i -lt "$W_PROCS" ]; do
		# shellcheck disable=SC2086
		run_in $cg $GT fill $W_MIB $W_ARGS >/tmp/fill.$i 2>&1 &
		pids="$pids $!"
		i=$((i + 1))
	done
	for p in $pids; do
		wait "$p" || rc=$?
	done
	t1=$(uptime_s)
	kprof_stop "$w" "$cfg" "$rep"
	prof_stop "$w" "$cfg" "$rep"
	c1=$(counters $DEV $cg)
	i=0
	while [ $i -lt "$W_PROCS" ]; do
		# the last generation checked, every byte of it
		grep -q "generation 2 verified [0-9]* pages, 0 bad" /tmp/fill.$i || ok=0
		grep -q "pages, [1-9][0-9]* bad" /tmp/fill.$i && ok=bad
		i=$((i + 1))
	done
	if [ "$cfg" = C ]; then
		# the fields of mm_stat, split on purpose
		# shellcheck disable=SC2046
		set -- $(cat $ZRAM/mm_stat)
		zmax=$(($5 / 1024))
		zhuge=${9:-0}
	fi
	echo "BENCH-RUN w=$w cfg=$cfg rep=$rep rc=$rc verified=$ok" \
		"secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')" \
		"mib=$((W_MIB * W_PROCS)) limit=$W_LIMIT $(delta_line "$c0" "$c1")" \
		"zram_max_kib=$zmax zram_huge=$zhuge"
	[ "$ok" = bad ] && cat /tmp/fill.*
	rmdir $cg
	cfg_off "$cfg"
}

# --- memory cost at swapon -----------------------------------------------
# kmem: "MemFree Slab VmallocUsed Percpu" in KiB, caches dropped
kmem() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	awk '$1 ~ /^(MemFree|Slab|VmallocUsed|Percpu):$/ { v[$1] = $2 } END {
		print v["MemFree:"], v["Slab:"], v["VmallocUsed:"], v["Percpu:"] }' /proc/meminfo
}

# cost KIND GIB REP: swapon of a KIND area advertising GIB GiB
cost() {
	local kind=$1 gib=$2 rep=$3 m0 m1 rc=0 area
	case $kind in
	ghost)
		area=/ghost/cost.swap
		$MKSWAP -q --ghost --size "${gib}G" $area || rc=1
		m0=$(kmem)
		[ $rc = 0 ] && { swapon $area || rc=1; }
		;;
	regular)
		# made once per size, before the first repetition
		area=/big/cost-$gib.swap
		m0=$(kmem)
		swapon $area || rc=1
		;;
	zram)
		area=/dev/zram0
		echo 1 >$ZRAM/reset
		m0=$(kmem)
		zram_setup "${gib}G" 2>/tmp/zram.err && swapon $area || rc=1
		;;
	esac
	m1=$(kmem)
	echo "BENCH-COST kind=$kind gib=$gib rep=$rep rc=$rc $(echo "$m0 $m1" | awk '{
		printf "memfree=%d slab=%d vmalloc=%d percpu=%d", $1 - $5, $6 - $2, $7 - $3, $8 - $4 }')"
	[ $rc = 0 ] || { cat /tmp/zram.err 2>/dev/null; dmesg | tail -n 3; }
	swapoff $area 2>/dev/null
	case $kind in
	ghost) rm -f $area ;;
	zram) echo 1 >$ZRAM/reset ;;
	esac
}

if [ "$COST" = 1 ]; then
	for gib in 1 16 64 1024; do
		# a regular area needs every block allocated: fallocate does it
		# without writing the data (the host's image stays sparse)
		f=/big/cost-$gib.swap
		fallocate -l "${gib}G" $f && chmod 0600 $f && $MKSWAP -q $f ||
			echo "BENCH-ERROR cannot make a ${gib}G regular swap file"
		for rep in 1 2 3; do
			for kind in ghost regular zram; do
				cost $kind $gib $rep
			done
		done
		rm -f $f
	done
fi

# --- the runs, configurations interleaved ---------------------------------
for w in $WORKLOADS; do
	if [ "$w" = global ]; then
		# Pin most of the guest's memory so that global reclaim starts
		# after a small fill, the same for every configuration of the
		# block.  ramfs pages are unevictable: reclaim does not scan them
		# (a tmpfs that may not swap keeps them on the LRU, and scanning
		# them makes each run many times slower under emulation).
		GLOBAL_FREE=$MIB
		pin=$(($(kmem | cut -d' ' -f1) / 1024 - GLOBAL_FREE))
		mount -t ramfs pin /pin &&
			dd if=/dev/zero of=/pin/fill bs=1M count=$pin 2>/dev/null
		echo "BENCH-INFO global_free_mib=$GLOBAL_FREE pinned_mib=$pin" \
			"memfree_kib=$(kmem | cut -d' ' -f1)"
		# The first run after the pinning, whatever its configuration,
		# took 2.5 to 6 times as long as the others, the extra CPU all
		# zeroing pages (bench/README.md, "Where the time goes"): one
		# run of the first configuration, not reported, takes that.
		# shellcheck disable=SC2086 # the list, split on purpose
		set -- $CONFIGS
		run_one "$w" "$1" 0 >/dev/null
		echo "BENCH-INFO global_warmup_cfg=$1"
	fi
	rep=1
	while [ $rep -le "$REPS" ]; do
		for cfg in $CONFIGS; do
			# with everything compressible Ad never reaches its file
			[ "$cfg" = Ad ] && [ "$w" != mixed ] && [ "$w" != random ] &&
				[ "$w" != random-wb ] && continue
			run_one "$w" "$cfg" $rep
		done
		rep=$((rep + 1))
	done
	[ "$w" = global ] && umount /pin
done

echo "BENCH-DONE uptime=$(uptime_s)"
report_end
umount /mnt /big /ghost 2>/dev/null
reboot -f

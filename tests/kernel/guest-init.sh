#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the test guest (busybox sh).  Runs every scenario, printing one
# "GT-RESULT: PASS|FAIL <id> <text>" line each, then the taint mask and the
# kernel log between markers, and ends the run: by hibernating to a real
# swap file when the host asked for it (ghosttest=hibernate; the host then
# reads the image's signature from the disk), else by rebooting (qemu runs
# with -no-reboot, so either ends it).
#
# Disks: /dev/vda an empty ext4 filesystem (regular swap files, crafted
# headers), /dev/vdb a small raw disk, /dev/vdc an ext4 filesystem that
# only ever holds the ghost swap files (so its I/O counters belong to
# them), /dev/vdd an ext4 filesystem mounted with data=journal, /dev/vde
# an ext4 filesystem with 16 KiB blocks.
# shellcheck shell=sh disable=SC3043

. /lib/guest-lib.sh

guest_mounts /mnt /ghost /jnl /etc

UUID=8f5e2d4c-1b3a-4c6d-9e8f-0a1b2c3d4e5f
LABEL=ghostlbl
# 64 GiB in KiB, less the header page: what /proc/swaps must show
GHOST_KIB=$((64 * 1024 * 1024 - 4))
# The debug kernel runs ten times slower or more under emulation: its
# guest divides the sizes of data and cgroups by ghosttest.scale=N.
SCALE=$(sed -n 's/.*ghosttest\.scale=\([0-9]*\).*/\1/p' /proc/cmdline)
SCALE=${SCALE:-1}
# mib N [MIN]: N MiB scaled down, at least MIN (default 1)
mib() {
	local v=$(($1 / SCALE))
	[ "$v" -ge "${2:-1}" ] || v=${2:-1}
	echo $v
}
# zswap's pool is charged to the cgroup: the data compresses about 3:1,
# so a 128M cgroup holds 192 MiB as about 64 MiB in zswap plus the rest
WORK_MIB=$(mib 192)
LIMIT=$(mib 128)M

# every scenario then fails on its own check
mount -t ext4 /dev/vda /mnt || log "cannot mount /dev/vda"

# n. a kernel built without CONFIG_ZSWAP (booted with ghosttest=nozswap)
# refuses a ghost header, and takes a regular file as before
if grep -qw "ghosttest=nozswap" /proc/cmdline; then
	log "zswap built in: $([ -d /sys/module/zswap ] && echo yes || echo no)"
	NG=/mnt/ghost.swap
	$MKSWAP --ghost --size 1G $NG
	n=$(dmesg_mark)
	swapon $NG >/tmp/swapon.err 2>&1
	ng_rc=$?
	cat /tmp/swapon.err
	dmesg_since $n
	cat /proc/swaps
	[ ! -d /sys/module/zswap ] && [ $ng_rc != 0 ] && [ -z "$(swap_type $NG)" ] &&
	grep -q "Invalid argument" /tmp/swapon.err &&
	dmesg_since $n | grep -q "ghost swap needs a kernel built with CONFIG_ZSWAP"
	verdict n1 "kernel without CONFIG_ZSWAP refuses a ghost file with EINVAL"
	[ "$ng_rc" = 0 ] && swapoff $NG
	NR=/mnt/regular.swap
	dd if=/dev/zero of=$NR bs=1M count=16 2>/dev/null
	chmod 0600 $NR
	$MKSWAP $NR
	swapon $NR
	cat /proc/swaps
	[ "$(swap_type $NR)" = file ] && [ "$(swap_size $NR)" = $((16 * 1024 - 4)) ] &&
	swapoff $NR && [ -z "$(swap_type $NR)" ]
	verdict n2 "kernel without CONFIG_ZSWAP activates a regular file from mkswap-ghost"
	log "ghost_supported: $(cat /sys/kernel/mm/swap/ghost_supported 2>&1)"
	[ "$(cat /sys/kernel/mm/swap/ghost_supported)" = 0 ]
	verdict n3 "kernel without CONFIG_ZSWAP says in sysfs that it takes no ghost files"
	finish
fi

# the ghost files live alone on vdc; noatime, so reading them writes nothing
mount -t ext4 -o noatime /dev/vdc /ghost || log "cannot mount /dev/vdc"
mount -t ext4 -o data=journal /dev/vdd /jnl || log "cannot mount /dev/vdd"

echo +memory >$CGROOT/cgroup.subtree_control
cg_make gt $LIMIT
log "cpus $(grep -c ^processor /proc/cpuinfo), MemTotal $(meminfo_kib MemTotal) KiB," \
	"zswap enabled=$(cat $ZSWAP/enabled) compressor=$(cat $ZSWAP/compressor)" \
	"max_pool_percent=$(cat $ZSWAP/max_pool_percent), THP $(cat $THP/enabled)"
[ "$(grep -c ^processor /proc/cpuinfo)" = 2 ]
verdict smp "the guest runs on 2 CPUs"

# sup. the kernel says in sysfs that swapon takes ghost files, so that
# setup tools need no test swapon (ghostswap-setup reads it, scenario gs)
log "ghost_supported: $(cat /sys/kernel/mm/swap/ghost_supported 2>&1)"
[ "$(cat /sys/kernel/mm/swap/ghost_supported)" = 1 ]
verdict sup "/sys/kernel/mm/swap/ghost_supported reads 1"

# v. what a ghost area adds to what the kernel promises: nothing to
# CommitLimit (with vm.overcommit_memory=2 a commitment beyond RAM is
# refused with the ghost area on), nothing to the size the OOM killer
# scales scores against (a task's oom_score stays), while SwapTotal shows
# its slots.  A regular file adds its size to CommitLimit as always.
cg_make acct
start_fill $CGROOT/acct /tmp/acct.out /tmp/acct.ready "$(mib 96 8)" compressible
# the fill itself, not the shell that started it (fill_pid)
acct_pid=$(head -n 1 $CGROOT/acct/cgroup.procs)
commit0=$(meminfo_kib CommitLimit)
score0=$(cat /proc/$acct_pid/oom_score)
VG=/ghost/acct.swap
$MKSWAP -q --ghost --size 64G $VG
swapon $VG
commit1=$(meminfo_kib CommitLimit)
score1=$(cat /proc/$acct_pid/oom_score)
total1=$(meminfo_kib SwapTotal)
echo 2 >/proc/sys/vm/overcommit_memory
# room left for commitments, plus 64 MiB: must be refused
over=$((($(meminfo_kib CommitLimit) - $(meminfo_kib Committed_AS)) / 1024 + 64))
res_over=$($GT reserve $over)
res_small=$($GT reserve 16)
echo 0 >/proc/sys/vm/overcommit_memory
# swapoff takes nothing out of CommitLimit for a ghost area, so it must
# not ask whether commitments fit without the area's 64 GiB
swapoff $VG && vg_off=yes || vg_off=no
rm -f $VG
VR=/mnt/acct-regular.swap
dd if=/dev/zero of=$VR bs=1M count=16 2>/dev/null
chmod 0600 $VR
$MKSWAP -q $VR
swapon $VR
commit2=$(meminfo_kib CommitLimit)
swapoff $VR
rm -f $VR
touch /tmp/acct.ready.go
wait "${fill_pid:?}"
arc=$?
log "accounting: CommitLimit $commit0 KiB, with 64G ghost $commit1, with 16M file $commit2;" \
	"oom_score $score0 -> $score1 with ghost; SwapTotal $total1 KiB;" \
	"overcommit 2: $res_over, $res_small; swapoff of the ghost area: $vg_off"
# oom_score is 666 for a task of no size and grows with its share of RAM
# plus swap: the fill's share must show, and stay the same
[ "$commit1" = "$commit0" ] && [ $vg_off = yes ] && [ "$commit2" = $((commit0 + 16 * 1024 - 4)) ] &&
	[ "$score0" -gt 668 ] && [ "$score1" = "$score0" ] && [ "$total1" = "$GHOST_KIB" ] &&
	[ "$res_over" = "refused $over MiB" ] && [ "$res_small" = "reserved 16 MiB" ] &&
	[ $arc = 0 ] && verified_again /tmp/acct.out
verdict v "a 64G ghost area adds nothing to CommitLimit or OOM scaling, only to SwapTotal; swapoff works"

# u. kernel memory a ghost area costs at swapon, caches dropped: 1G, 64G
# and the largest size allowed (2^28 pages); one page more is refused
# with a message naming the file.  What MemFree has not regained after
# swapoff is logged, not judged: page caches refill in between.
if wanted u; then
	# kmem: "MemFree Slab" in KiB, caches dropped
	kmem() {
		sync
		echo 3 >/proc/sys/vm/drop_caches
		echo "$(meminfo_kib MemFree) $(meminfo_kib Slab)"
	}
	# swap_vmalloc_kib: the vmalloc space that swap code holds (the caller of
	# the allocation names swapon, or the function it inlined), exactly, from
	# /proc/vmallocinfo; meminfo's VmallocUsed also moves with every
	# short-lived process's vmapped stack
	swap_vmalloc_kib() {
		awk '$3 ~ /swap/ {
			for (i = 4; i <= NF; i++)
				if ($i ~ /^pages=/) { sub("pages=", "", $i); n += $i }
		} END { print n * 4 }' /proc/vmallocinfo
	}
	# cost_of SIZE-ARGS...: make the ghost file and print, in KiB, what
	# swapon of it took: "vmalloc Slab MemFree-drop left": swap's vmalloc
	# space, the growth of Slab, the fall of MemFree, and the MemFree drop
	# that remains after swapoff
	cost_of() {
		local f=/ghost/cost.swap m0 m1 m2 arr
		$MKSWAP -q --ghost "$@" $f || return 1
		m0=$(kmem)
		arr=$(swap_vmalloc_kib)
		swapon $f || return 1
		m1=$(kmem)
		arr=$(($(swap_vmalloc_kib) - arr))
		grep swap /proc/vmallocinfo >&2
		swapoff $f || return 1
		m2=$(kmem)
		rm -f $f
		set -- $m0 $m1 $m2
		echo "$arr $(($4 - $2)) $(($1 - $3)) $(($1 - $5))"
	}
	# kernel_kib VMALLOC SLAB ...: the area's kernel memory, vmalloc plus slab
	kernel_kib() { echo $(($1 + ($2 > 0 ? $2 : 0))); }
	# least_cost SIZE-ARGS...: cost_of three times, the line of the least
	# kernel memory: whatever else allocates meanwhile only adds to Slab
	least_cost() {
		local i c best= k bestk=
		for i in 1 2 3; do
			c=$(cost_of "$@") || return 1
			k=$(kernel_kib $c)
			[ -z "$bestk" ] || [ "$k" -lt "$bestk" ] && best=$c bestk=$k
		done
		echo "$best"
	}
	c1g=$(least_cost --size 1G)
	c64g=$(least_cost --size 64G)
	cmax=$(least_cost --size 1T)
	OV=/ghost/over.swap
	$GT mkhdr $OV 4096 $(((1 << 28) + 1)) ghost
	n=$(dmesg_mark)
	swapon $OV 2>/dev/null
	orc=$?
	omsg=$(dmesg_since $n | grep "$OV")
	rm -f $OV
	log "swapon cost in KiB (swap's vmalloc space, Slab growth, MemFree drop," \
		"MemFree drop left after swapoff): 1G $c1g; 64G $c64g; 2^28 pages $cmax;" \
		"one page more: rc $orc, '$omsg'"
	k1=$(kernel_kib $c1g) k64=$(kernel_kib $c64g) kmax=$(kernel_kib $cmax)
	echo "GT-COST: 1G $k1 KiB, 64G $k64 KiB, 2^28 pages $kmax KiB"
	# A ghost area's cluster descriptors come as its clusters are used: at
	# swapon it holds a pointer per page of descriptors (48 KiB at 2^28 pages
	# on the main kernel, more with lockdep) in Slab, and two pages from the
	# page allocator whatever its size (the header cluster's descriptors and
	# swap table; MemFree shows them).  At most 1 KiB per advertised GiB: 1
	# MiB at 2^28 pages, where an array for every cluster took 24 MiB.  At
	# 64G the 64 KiB that bound allows is within Slab's granularity (a new
	# slab of kmalloc-4k is 32 KiB) and its noise, so the bound there is 128
	# KiB, still a twelfth of that array's 1.5 MiB.  The debug kernel's Slab
	# moves by MiBs either way on its own (KASAN's quarantine: -816 KiB at
	# 64G and +2700 KiB at 2^28 pages in one run), so there the bound is 4
	# MiB at both sizes, against 57 MiB that its larger descriptors took in
	# an array at 2^28 pages: still no swapon cost that grows with the size.
	bound64=128 boundmax=1024
	[ "$SCALE" = 1 ] || bound64=4096 boundmax=4096
	[ "$k64" -le $bound64 ] && [ "$kmax" -le $boundmax ] && [ "$orc" != 0 ] &&
		case $omsg in *"is larger than the 268435456 allowed"*) true ;; *) false ;; esac
	verdict u "a ghost area of up to 2^28 pages costs at most 1 KiB of kernel memory per advertised GiB at swapon; one page more is refused by name"
fi

# st. the series' own kernel selftest (tools/testing/selftests/cgroup/
# test_zswap_ghost.c, built static from the patched tree by the host),
# in the ghost files' directory, with no other swap area active: every
# test it plans must pass, none may skip
if [ -x /bin/test_zswap_ghost ]; then
	(cd /ghost && GHOST_SWAP_DIR=/ghost /bin/test_zswap_ghost) >/tmp/st.out 2>&1
	strc=$?
	sed 's/^/selftest: /' /tmp/st.out
else
	strc="missing: the patched tree has no test_zswap_ghost.c"
	: >/tmp/st.out
fi
st_plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' /tmp/st.out)
log "selftest: exit $strc, plan ${st_plan:-none}, $(grep '^# Totals' /tmp/st.out)"
[ "$strc" = 0 ] && [ "${st_plan:-0}" -gt 0 ] &&
	grep -q "^# Totals: pass:$st_plan fail:0 xfail:0 xpass:0 skip:0 error:0\$" /tmp/st.out &&
	[ -z "$(sed 1d /proc/swaps)" ]
verdict st "kernel selftest test_zswap_ghost: every planned test passes, none skipped"

# a. ghost file made by mkswap-ghost activates with util-linux swapon
G=/ghost/ghost.swap
$MKSWAP --ghost --size 64G -L $LABEL -U $UUID $G
ls -ls $G
n=$(dmesg_mark)
swapon $G
cat /proc/swaps
dmesg_since $n
[ "$(swap_type $G)" = ghost ] && [ "$(swap_size $G)" = "$GHOST_KIB" ] &&
	dmesg_since $n | grep -q "Adding ${GHOST_KIB}k ghost swap on $G\."
verdict a "swapon of a 64G ghost file made by mkswap-ghost, the kernel says ghost"

# b. blkid sees a swap area with our UUID and LABEL
out=$(blkid $G)
log "blkid: $out"
case "$out" in
*'TYPE="swap"'*) ;;
*) false ;;
esac && case "$out" in
*"UUID=\"$UUID\""*) ;;
*) false ;;
esac && case "$out" in
*"LABEL=\"$LABEL\""*) ;;
*) false ;;
esac
verdict b "blkid reports TYPE, UUID and LABEL of the ghost file"

# c. memory pressure through zswap, then a second generation written over
# the swapped-out data (zswap replaces the old entries); the ghost file's
# disk is neither read nor written
sync
echo 3 >/proc/sys/vm/drop_caches
z0=$(vmstat zswpout)
p0=$(vmstat pswpout)
w0=$(vda_write_sectors)
io0=$(disk_sectors vdc)
start_held_fill /tmp/fill.out -r 1 $WORK_MIB compressible
z1=$(vmstat zswpout)
zi1=$(vmstat zswpin)
p1=$(vmstat pswpout)
w1=$(vda_write_sectors)
io1=$(disk_sectors vdc)
stored=$(zswap_stat stored_pages)
swapcached=$(meminfo_kib SwapCached)
log "zswpout $z0 -> $z1, zswpin $zi1, SwapCached $swapcached KiB, pswpout $p0 -> $p1, vda sectors written $w0 -> $w1," \
	"vdc sectors read/written $io0 -> $io1," \
	"zswap stored_pages $stored, pool $(zswap_stat pool_total_size) B, swap used $(swap_used $G) KiB"
[ -e /tmp/ready ] && all_verified /tmp/fill.out &&
grep -q "generation 1 verified [0-9]* pages, 0 bad" /tmp/fill.out &&
[ "$z1" -gt "$z0" ] && [ "$stored" -gt 0 ] &&
[ "$p1" = "$p0" ] && [ "$w1" = "$w0" ]
verdict c "pressure in a $LIMIT cgroup: $WORK_MIB MiB, two generations, verified via zswap, no disk writes"
[ "$io1" = "$io0" ]
verdict c-io "the ghost file's disk: 0 sectors read and 0 written while it is swap ($io0 -> $io1)"
# Every page was read back (swapped in from zswap) before the fill stopped
# to wait.  A swap-in that left the page in the swap cache would keep its
# slot pinned.  A fault on a ghost area frees the slot of the page it maps
# at once, so only the folios reclaim is writing out at this moment, and
# the few pages read ahead past the last fault, are in the swap cache.
[ "$swapcached" -lt 8192 ]
verdict c-sync "swap-in from a ghost area leaves nothing in the swap cache (SwapCached $swapcached KiB < 8 MiB)"

# e. swapoff while the data lives in zswap, then check it again
echo max >$CG/memory.max
swapoff $G
rc=$?
touch /tmp/ready.go
wait "${fill_pid:?}"
frc=$?
cat /tmp/fill.out
[ $rc = 0 ] && [ $frc = 0 ] && [ -z "$(swap_type $G)" ] && verified_again /tmp/fill.out
verdict e "swapoff of the ghost file after (c); data still verifies"
echo $LIMIT >$CG/memory.max

# d. incompressible data under pressure with only ghost swap
swapon $G
r0=$(zswap_rejects)
k0=$(oom_kills)
g0=$(vmstat swap_ghost_kept)
gc0=$(memcg_stat $CG swap_ghost_kept)
run_in_cgroup $GT fill $WORK_MIB random >/tmp/rand.out 2>&1
rrc=$?
cat /tmp/rand.out
r1=$(zswap_rejects)
k1=$(oom_kills)
g1=$(vmstat swap_ghost_kept)
gc1=$(memcg_stat $CG swap_ghost_kept)
log "incompressible: exit $rrc, oom_kill $k0 -> $k1, rejected by zswap $r0 -> $r1," \
	"swap_ghost_kept $g0 -> $g1 (memory.stat $gc0 -> $gc1)"
# Decided outcome: zswap rejects the pages, the ghost area cannot take
# them, so they stay resident and the memcg OOM killer ends the program
# (SIGKILL, exit 137).  Surviving with all data verified is also correct.
# Either way zswap must have refused pages, or the scenario tested nothing.
# Each refused folio went back to memory and was counted, globally and in
# the cgroup: as many as zswap's refusals of poorly compressing pages.
[ "$r1" -gt "$r0" ] && ended_cleanly $rrc "$k0" "$k1" /tmp/rand.out &&
	[ $((g1 - g0)) -ge $((r1 - r0)) ] && [ $((gc1 - gc0)) -ge $((r1 - r0)) ]
verdict d "incompressible pages with only ghost swap: clean memcg OOM kill or verified data"

# w. reclaim under GFP_NOFS: the cgroup at its limit holds data of which
# a tenth does not compress (dirty ghost swap-cache folios stay on its
# LRU) while it writes files and metadata on ext4 with data=journal, so
# reclaim runs inside journal transactions, where reclaim may do I/O but
# must not enter a filesystem.  Reclaim then asks every dirty swap-cache
# folio's swap area whether its I/O needs the filesystem.  It runs while
# no area but the ghost one has been active since boot: a swap_info slot
# that a real area used before would hide a missing ops table.
if wanted w; then
	echo "$(mib 96)M" >$CG/memory.max
	sc0=$(memcg_stat $CG pgscan)
	z0=$(vmstat zswpout)
	start_held_fill /tmp/nofs.out -i 10 "$(mib 96)" mixed
	run_in_cgroup $GT writer /jnl 12 8 >/tmp/writer.out 2>&1
	wrc=$?
	cat /tmp/writer.out
	sc1=$(memcg_stat $CG pgscan)
	z1=$(vmstat zswpout)
	touch /tmp/ready.go
	wait $fill_pid
	frc=$?
	cat /tmp/nofs.out
	log "NOFS: writer exit $wrc, fill exit $frc, memcg pgscan $sc0 -> $sc1, zswpout $z0 -> $z1"
	[ $wrc = 0 ] && [ $frc = 0 ] && verified_again /tmp/nofs.out &&
	[ "$sc1" -gt "$sc0" ] && [ "$z1" -gt "$z0" ]
	verdict w "memcg reclaim from journaled ext4 writes (GFP_NOFS) with dirty ghost swap-cache folios"
	echo $LIMIT >$CG/memory.max
fi

# p. a share of incompressible pages in a cgroup that can hold them: the
# workload survives, every byte verifies, zswap refused the incompressible
# pages (they stay resident) and took the others
P_MIB=$(mib 128)
P_LIMIT=$(mib 112)M
echo $P_LIMIT >$CG/memory.max
r0=$(zswap_rejects)
z0=$(vmstat zswpout)
k0=$(oom_kills)
run_in_cgroup $GT fill -r 1 $P_MIB mixed -i 30 >/tmp/mixed.out 2>&1
prc=$?
cat /tmp/mixed.out
r1=$(zswap_rejects)
z1=$(vmstat zswpout)
k1=$(oom_kills)
log "30% incompressible: exit $prc, oom_kill $k0 -> $k1, rejected by zswap $r0 -> $r1, zswpout $z0 -> $z1"
[ $prc = 0 ] && all_verified /tmp/mixed.out && [ "$k1" = "$k0" ] &&
[ "$r1" -gt "$r0" ] && [ "$z1" -gt "$z0" ]
verdict p "30% incompressible in a $P_LIMIT cgroup: survives, every byte verified, zswap rejects counted"
echo $LIMIT >$CG/memory.max

# s. shmem (memfd) pages swap to the ghost area through shmem_writeout,
# large shmem folios allowed
echo advise >$THP/shmem_enabled
z0=$(vmstat zswpout)
sf0=$(vmstat thp_file_alloc)
S_MIB=$(mib 160)
run_in_cgroup $GT fill -s -H "$S_MIB" compressible >/tmp/shmem.out 2>&1
src=$?
cat /tmp/shmem.out
z1=$(vmstat zswpout)
sf1=$(vmstat thp_file_alloc)
log "shmem: exit $src, zswpout $z0 -> $z1, thp_file_alloc $sf0 -> $sf1"
[ $src = 0 ] && all_verified /tmp/shmem.out && [ "$z1" -gt "$z0" ]
verdict s "$S_MIB MiB of shmem in the $LIMIT cgroup swaps through the ghost area and verifies"
echo never >$THP/shmem_enabled

# t. large folios with one subpage in sixteen incompressible: reclaim
# splits them (a swap file, ghost or not, has no large slots), zswap takes
# the subpages that compress, and only the others stay in memory.  zswap
# must not compress the same data again and again: it may refuse each
# incompressible page a few times (reclaim meets it again after it has
# aged), but fewer than four times on average.
T_MIB=$(mib 160 8)
# large_folio_run ID ALLOC FALLBACK WHOLE TEXT: fill with such folios;
# ALLOC, FALLBACK and WHOLE name functions that print how many folios of
# the size under test were allocated, split at swap-out, and swapped out
# whole
large_folio_run() {
	local id=$1 alloc=$2 fallback=$3 whole=$4 text=$5 out=/tmp/$1.out
	local a0 a1 b0 b1 w0 w1 r0 r1 rc bad_pages
	a0=$($alloc)
	b0=$($fallback)
	w0=$($whole)
	r0=$(zswap_rejects)
	run_in_cgroup $GT fill -H -x "$T_MIB" compressible >$out 2>&1
	rc=$?
	cat $out
	a1=$($alloc)
	b1=$($fallback)
	w1=$($whole)
	r1=$(zswap_rejects)
	bad_pages=$((T_MIB * 256 / 16))
	log "$id: exit $rc, allocated $a0 -> $a1, split at swap-out $b0 -> $b1," \
		"swapped out whole $w0 -> $w1, rejected by zswap $r0 -> $r1" \
		"for $bad_pages incompressible pages"
	[ $rc = 0 ] && all_verified $out && [ "$a1" -gt "$a0" ] &&
	[ "$b1" -gt "$b0" ] && [ "$w1" = "$w0" ] && [ "$r1" -gt "$r0" ] &&
	[ $((r1 - r0)) -lt $((4 * bad_pages)) ]
	verdict "$id" "$text"
}
M64=$THP/hugepages-64kB
pmd_alloc() { vmstat thp_fault_alloc; }
pmd_fallback() { vmstat thp_swpout_fallback; }
pmd_whole() { vmstat thp_swpout; }
m64_alloc() { cat $M64/stats/anon_fault_alloc; }
m64_fallback() { cat $M64/stats/swpout_fallback; }
m64_whole() { cat $M64/stats/swpout; }

echo "$(mib 112 6)M" >$CG/memory.max
echo madvise >$THP/enabled
echo never >$M64/enabled
large_folio_run t1 pmd_alloc pmd_fallback pmd_whole \
	"PMD THPs with incompressible subpages: split at swap-out, the rest via zswap, every byte verified"
echo never >$THP/enabled
echo always >$M64/enabled
large_folio_run t2 m64_alloc m64_fallback m64_whole \
	"64K mTHPs with one incompressible subpage each: split at swap-out, the rest via zswap, every byte verified"
echo never >$M64/enabled
echo madvise >$THP/enabled
echo $LIMIT >$CG/memory.max

# r. global reclaim: no cgroup limit, more data than the guest has free
# memory, a tenth of it incompressible (dirty ghost swap-cache folios that
# zswap refused stay on the LRU); kswapd and direct reclaim both swap out.
# Most of the memory is first taken by a tmpfs that may not swap, so the
# data need not exceed all of the guest's memory.
echo 50 >$ZSWAP/max_pool_percent
rest_mib=$(mib 192 64)
pin_mib=$(($(meminfo_kib MemAvailable) / 1024 - rest_mib))
mkdir -p /pin
mount -t tmpfs -o noswap,size=${pin_mib}m pin /pin &&
	dd if=/dev/zero of=/pin/fill bs=1M count=$pin_mib 2>/dev/null
r_mib=$((rest_mib * 3 / 2))
ks0=$(vmstat pgscan_kswapd)
ds0=$(vmstat pgscan_direct)
z0=$(vmstat zswpout)
r0=$(zswap_rejects)
$GT fill $r_mib mixed -i 10 >/tmp/global.out 2>&1
grc=$?
cat /tmp/global.out
ks1=$(vmstat pgscan_kswapd)
ds1=$(vmstat pgscan_direct)
z1=$(vmstat zswpout)
r1=$(zswap_rejects)
umount /pin
log "global reclaim: $r_mib MiB with $rest_mib MiB left free ($pin_mib pinned), exit $grc," \
	"pgscan_kswapd $ks0 -> $ks1, pgscan_direct $ds0 -> $ds1, zswpout $z0 -> $z1," \
	"rejected by zswap $r0 -> $r1"
[ $grc = 0 ] && all_verified /tmp/global.out && [ "$ks1" -gt "$ks0" ] &&
[ "$ds1" -gt "$ds0" ] && [ "$z1" -gt "$z0" ] && [ "$r1" -gt "$r0" ]
verdict r "global reclaim (kswapd and direct) with ghost swap only: every byte verified"
echo 20 >$ZSWAP/max_pool_percent

# q. zswap's pool limit (max_pool_percent) is what a ghost area can really
# hold.  Ghost entries fill the pool to its limit (A); a few percent of it
# is freed again (B, stored first, exits), less than the accept threshold's
# margin; then more pages are reclaimed (C).  Writeback cannot make room
# for ghost entries, so a store for a ghost area waits for nothing but
# room: with only the ghost area active, C's pages must reach zswap (q1).
# Stores for an area with storage keep zswap's hysteresis in the pool's
# own unit: with a real area of higher priority activated (q2), C's pages
# that get its slots are refused while the pool is above the accept
# threshold (they go to the disk, no entry of the real area in zswap),
# and once A has ended and the pool is below it, D's are stored again.
# Entries in zswap of areas with storage: stored_pages less the ghost
# entries.  The two counters are separate files, and a ghost entry freed
# between the reads (a waiting fill faulting a page of its own back) would
# count as one of another area, so the reads are taken again until
# stored_pages is the same before and after stored_ghost_pages.
zswap_real_entries() {
	local s1 g s2 i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		s1=$(zswap_stat stored_pages)
		g=$(zswap_stat stored_ghost_pages)
		s2=$(zswap_stat stored_pages)
		[ "$s1" = "$s2" ] && break
		log "zswap's entries changed while counted (try $i): $s1 -> $s2" >&2
	done
	echo $((s1 - g))
}

pool_run() {
	local id=$1 text=$2 real=$3 lim0 lim1 z0 z1 p0 p1 wb0 wb1 b_pid a_pid c_pid
	local a_rc c_rc max_b pool real_entries cmib=4 d_rc=0 real_d=0
	echo 1 >$ZSWAP/max_pool_percent
	max_b=$(($(meminfo_kib MemTotal) * 1024 / 100))
	for c in qa qb qc; do cg_make $c; done
	swapon $G
	start_fill $CGROOT/qb /tmp/qb.out /tmp/qb.ready 1 compressible
	b_pid=$fill_pid
	echo 1M >$CGROOT/qb/memory.reclaim 2>/dev/null
	log "$id: B reclaimed: stored_pages $(zswap_stat stored_pages)," \
		"B's zswapped $(memcg_stat $CGROOT/qb zswapped) B, pool $(zswap_stat pool_total_size) B"
	lim0=$(zswap_stat pool_limit_hit)
	start_fill $CGROOT/qa /tmp/qa.out /tmp/qa.ready 32 compressible
	a_pid=$fill_pid
	echo 32M >$CGROOT/qa/memory.reclaim 2>/dev/null
	lim1=$(zswap_stat pool_limit_hit)
	log "$id: pool limit $max_b B, pool $(zswap_stat pool_total_size) B after A," \
		"pool_limit_hit $lim0 -> $lim1, stored_pages $(zswap_stat stored_pages)"
	# b_pid is the shell that waits for B: end B itself, through its cgroup
	echo 1 >$CGROOT/qb/cgroup.kill
	wait $b_pid 2>/dev/null
	sleep 1
	log "$id: pool $(zswap_stat pool_total_size) B, stored_pages $(zswap_stat stored_pages) after B exited"
	# a larger C with a real area: this CPU's ghost cluster may take up
	# to 512 of its pages first, the real area gets the rest
	[ -z "$real" ] || { swapon -p 5 $real; cmib=8; }
	z0=$(vmstat zswpout)
	p0=$(vmstat pswpout)
	wb0=$(zswap_stat written_back_pages)
	start_fill $CGROOT/qc /tmp/qc.out /tmp/qc.ready $cmib compressible
	c_pid=$fill_pid
	echo ${cmib}M >$CGROOT/qc/memory.reclaim 2>/dev/null
	z1=$(vmstat zswpout)
	p1=$(vmstat pswpout)
	wb1=$(zswap_stat written_back_pages)
	pool=$(zswap_stat pool_total_size)
	real_entries=$(zswap_real_entries)
	cat /proc/swaps
	log "$id: C reclaimed: zswpout $z0 -> $z1, pswpout $p0 -> $p1, pool $pool B," \
		"stored_pages $(zswap_stat stored_pages), ghost $(zswap_stat stored_ghost_pages)," \
		"written_back_pages $wb0 -> $wb1"
	touch /tmp/qa.ready.go
	wait $a_pid
	a_rc=$?
	if [ -n "$real" ]; then
		# A has read its data back: the pool is below the threshold
		cg_make qd
		start_fill $CGROOT/qd /tmp/qd.out /tmp/qd.ready 8 compressible
		echo 8M >$CGROOT/qd/memory.reclaim 2>/dev/null
		real_d=$(zswap_real_entries)
		log "$id: after A ended, D reclaimed: pool $(zswap_stat pool_total_size) B," \
			"entries of areas with storage in zswap $real_d"
		touch /tmp/qd.ready.go
		wait $fill_pid
		d_rc=$?
		cat /tmp/qd.out
		verified_again /tmp/qd.out || d_rc=bad
	fi
	touch /tmp/qc.ready.go
	wait $c_pid
	c_rc=$?
	cat /tmp/qa.out /tmp/qc.out
	[ -z "$real" ] || swapoff $real
	swapoff $G
	echo 20 >$ZSWAP/max_pool_percent
	log "$id: entries of areas with storage in zswap after C: $real_entries"
	if [ -z "$real" ]; then
		[ "$z1" -gt "$z0" ]
	else
		[ "$p1" -gt "$p0" ] && [ "$real_entries" = 0 ] &&
		[ "$real_d" -gt 0 ] && [ "$d_rc" = 0 ]
	fi && [ "$lim1" -gt "$lim0" ] &&
	[ "$a_rc" = 0 ] && [ "$c_rc" = 0 ] &&
	verified_again /tmp/qa.out && verified_again /tmp/qc.out
	verdict "$id" "$text"
}

# h. a regular swap file from mkswap-ghost carries the same workload
R=/mnt/regular.swap
dd if=/dev/zero of=$R bs=1M count="$(mib 320 64)" 2>/dev/null
$MKSWAP -L reg $R
swapoff -a
pool_run q1 "pool full of ghost entries, a few percent freed: new ghost stores accepted again"
pool_run q2 "pool full of ghost entries, a real area above: its stores wait for the accept threshold, then resume" $R
swapon $R
cat /proc/swaps
z0=$(vmstat zswpout)
run_in_cgroup $GT fill $WORK_MIB compressible >/tmp/reg.out 2>&1
hrc=$?
z1=$(vmstat zswpout)
cat /tmp/reg.out
log "regular: zswpout $z0 -> $z1, pswpout $(vmstat pswpout)"
[ "$(swap_type $R)" = file ] && [ $hrc = 0 ] && all_verified /tmp/reg.out &&
[ "$z1" -gt "$z0" ]
verdict h "regular file from mkswap-ghost shows as file and carries (c)"
echo max >$CG/memory.max
swapoff $R
echo $LIMIT >$CG/memory.max

# gs. ghostswap-setup end to end, as the unit runs it at boot: one
# configuration; the kernel's support found by its attribute or a test
# swapon; the ghost file made on vdc and activated with the configured
# priority; zswap's parameters set; c's workload through it, every byte
# verified; --stop swaps it off and gives back exactly the parameters it
# changed (and the state file goes)
zswap_params() {
	for p in enabled compressor max_pool_percent accept_threshold_percent \
		shrinker_enabled; do
		printf '%s=%s ' $p "$(cat $ZSWAP/$p 2>/dev/null)"
	done
}
GSF=/ghost/setup/ghost.swap
gs_shrink=Y
[ "$(cat $ZSWAP/shrinker_enabled 2>/dev/null)" = Y ] && gs_shrink=N
cat >/etc/ghostswap.conf <<GSEOF
# one ghost area of 16 GiB; zswap's pool and threshold changed
size = 16G
path = $GSF
priority = 42
zswap-max-pool-percent = 35
zswap-accept-threshold-percent = 80
zswap-shrinker-enabled = $gs_shrink
GSEOF
zs0=$(zswap_params)
/bin/ghostswap-setup --status >/tmp/gs-status.out 2>&1
cat /tmp/gs-status.out
/bin/ghostswap-setup --start >/tmp/gs-start.out 2>&1
gs_rc=$?
cat /tmp/gs-start.out /proc/swaps
gs_type=$(swap_type $GSF)
gs_prio=$(awk -v f=$GSF '$1 == f { print $5 }' /proc/swaps)
zs1=$(zswap_params)
z0=$(vmstat zswpout)
run_in_cgroup $GT fill $WORK_MIB compressible >/tmp/gs-fill.out 2>&1
gs_fill=$?
z1=$(vmstat zswpout)
cat /tmp/gs-fill.out
/bin/ghostswap-setup --stop >/tmp/gs-stop.out 2>&1
gs_stop=$?
cat /tmp/gs-stop.out
zs2=$(zswap_params)
log "gs: zswap before $zs0, started $zs1, stopped $zs2; zswpout $z0 -> $z1"
[ $gs_rc = 0 ] &&
grep -q "^Kernel support: *yes (from /sys/kernel/mm/swap/ghost_supported)" /tmp/gs-status.out &&
[ "$gs_type" = ghost ] && [ "$gs_prio" = 42 ] &&
[ "$zs1" = "enabled=Y compressor=$(cat $ZSWAP/compressor) max_pool_percent=35 accept_threshold_percent=80 shrinker_enabled=$gs_shrink " ] &&
[ $gs_fill = 0 ] && all_verified /tmp/gs-fill.out && [ "$z1" -gt "$z0" ] &&
[ $gs_stop = 0 ] && [ -z "$(swap_type $GSF)" ] && [ "$zs2" = "$zs0" ] &&
[ ! -e /run/ghostswap/state ] && [ -f $GSF ]
verdict gs "ghostswap-setup: ghost area at its priority carries (c), --stop restores zswap"
rm -f /etc/ghostswap.conf

# f. a header-only file of PAGE_SIZE without the ghost flag is refused
F=/mnt/onepage.swap
$GT mkhdr $F 4096 16384
n=$(dmesg_mark)
if swapon $F 2>/dev/null; then
	swapoff $F
	f_ok=false
else
	f_ok=true
fi
dmesg_since $n
$f_ok && [ -z "$(swap_type $F)" ] &&
dmesg_since $n | grep -q "Swap area shorter than signature indicates"
verdict f "header-only PAGE_SIZE file without the flag is refused"

# g. bad CRC, unknown incompat feature, ghost flag on a block device; the
# kernel's message names the file or device it refuses
refused() {
	local dev=$1 msg=$2 n
	n=$(dmesg_mark)
	if swapon "$dev" 2>/dev/null; then
		swapoff "$dev"
		return 1
	fi
	dmesg_since $n
	dmesg_since $n | grep -qF "$dev: $msg"
}
B=/mnt/badcrc.swap
$GT mkhdr $B 40960 262144 ghost,badcrc
refused $B "swap header extension checksum mismatch"
verdict g1 "ghost header with a bad CRC is refused"
U=/mnt/incompat.swap
$GT mkhdr $U 40960 262144 ghost,incompat=80
refused $U "swap header has unknown incompatible features 0x80"
verdict g2 "header with an unknown incompat feature is refused"
$GT mkhdr /dev/vdb 0 262144 ghost
refused /dev/vdb "ghost swap is not supported on block devices"
verdict g3 "ghost flag on a block device is refused"
V=/mnt/version.swap
$GT mkhdr $V 40960 262144 ghost,version=2
refused $V "swap header extension version 2 length 64 is not supported"
verdict g4 "ghost record of an unknown version is refused"
BB=/mnt/badcrc-big.swap
$GT mkhdr $BB 40960 262144 ghost,big,badcrc
refused $BB "swap header extension checksum mismatch"
verdict g5 "big-endian ghost header with a bad CRC is refused"

# x. a ghost file on ext4 with 16 KiB blocks (larger than a page) is
# used: that check is about swap I/O, which a ghost area never does.  A
# regular swap file there is still refused.
if wanted x; then
	mkdir -p /lbs
	mount -t ext4 /dev/vde /lbs
	XG=/lbs/ghost.swap
	$MKSWAP -q --ghost --size 1G $XG
	swapon $XG
	xg_type=$(swap_type $XG)
	[ -n "$xg_type" ] && swapoff $XG
	XR=/lbs/regular.swap
	dd if=/dev/zero of=$XR bs=1M count=8 2>/dev/null
	chmod 0600 $XR
	$MKSWAP -q $XR
	if swapon $XR 2>/dev/null; then
		swapoff $XR
		xr=accepted
	else
		xr=refused
	fi
	log "16 KiB-block ext4: ghost file type '$xg_type', regular file $xr"
	umount /lbs
	[ "$xg_type" = ghost ] && [ $xr = refused ]
	verdict x "ghost file on ext4 with blocks larger than a page activates; a regular file does not"
fi

# The differential corpus: swapon's verdict on each crafted header, as
# GT-DIFF lines the host sets against swaplabel-ext --check (diff_table in
# run-kernel-tests.sh).  From the root cgroup: whatever an area at the
# size limit allocates at swapon stays out of any small cgroup's way.
. /lib/guest-diff.sh
diff_corpus /corpus /mnt

# i. a big-endian ghost header activates as ghost
E=/ghost/big.swap
$MKSWAP --ghost --size 1G -e big $E
swapon $E
cat /proc/swaps
[ "$(swap_type $E)" = ghost ] && [ "$(swap_size $E)" = $((1024 * 1024 - 4)) ]
verdict i "big-endian ghost header activates as ghost"
swapoff $E
# i2. and again: the first swapon must not have converted the cached
# header page to this machine's byte order, leaving the record in the other
n=$(dmesg_mark)
swapon $E
erc=$?
dmesg_since $n
[ $erc = 0 ] && [ "$(swap_type $E)" = ghost ] && swapoff $E
verdict i2 "big-endian ghost file: swapon, swapoff, swapon again works"

# j. /etc/fstab entry activates with swapon -a
echo "$G none swap defaults 0 0" >/etc/fstab
swapon -a
cat /proc/swaps
[ "$(swap_type $G)" = ghost ]
verdict j "fstab entry for the ghost file activates with swapon -a"
swapoff -a

# k. zswap disabled at run time: swapon succeeds with a notice, and pages
# that cannot go to zswap stay in memory (the cgroup meets its OOM killer)
echo N >$ZSWAP/enabled
n=$(dmesg_mark)
swapon $G
swapon_rc=$?
dmesg_since $n
k0=$(oom_kills)
z0=$(vmstat zswpout)
run_in_cgroup $GT fill $WORK_MIB compressible >/tmp/off.out 2>&1
orc=$?
k1=$(oom_kills)
z1=$(vmstat zswpout)
cat /tmp/off.out
log "zswap off: swapon $swapon_rc, fill exit $orc, oom_kill $k0 -> $k1, zswpout $z0 -> $z1"
[ $swapon_rc = 0 ] && [ "$(swap_type $G)" = ghost ] &&
dmesg_since $n | grep -q "zswap is disabled" &&
[ $orc = 137 ] && [ "$k1" -gt "$k0" ] && [ "$z1" = "$z0" ]
verdict k "zswap disabled at run time: ghost swapon with a notice, pages stay resident"
swapoff $G
echo Y >$ZSWAP/enabled

# Hibernating freezes kswapd, which waits for it to finish its pass;
# under emulation a pass can outlast the freezer's default 20 s when the
# image's preallocation has it writing shmem out (l2 failed so once in
# five runs), so l and l2 give it two minutes
echo 120000 >/sys/power/pm_freeze_timeout

# l. hibernation never selects a ghost area: with only the ghost file
# active there is no swap device to write the image to
swapon $G
ghost_active=$(swap_type $G)
n=$(dmesg_mark)
echo disk >/sys/power/state 2>/dev/null
hib_rc=$?
dmesg_since $n | grep -i "swap\|hibernat\|PM:"
[ "$ghost_active" = ghost ] && [ $hib_rc != 0 ] &&
dmesg_since $n | grep -q "Cannot find swap device"
verdict l "hibernation refuses to use the ghost area"
swapoff $G

# m0 and m: the zswap shrinker on, and a zswap limit on the cgroup that
# makes zswap write back on every store over it when it can
MG=/ghost/ghost-small.swap
MG_MIB=$(mib 4)
ZSWAP_MAX=$(mib 4)M
echo Y >$ZSWAP/shrinker_enabled
echo $ZSWAP_MAX >$CG/memory.zswap.max

# m0. the same shrinker and zswap limit with only a ghost area active:
# zswap keeps ghost entries off its writeback LRU, so it finds nothing to
# write back and must not try (no writeback, not one entry refused by
# it); what is over the limit stays in memory
swapon $G
wb0=$(zswap_stat written_back_pages)
rf0=$(zswap_stat reject_reclaim_fail)
z0=$(vmstat zswpout)
k0=$(oom_kills)
run_in_cgroup $GT fill $WORK_MIB compressible >/tmp/cap.out 2>&1
crc=$?
cat /tmp/cap.out
wb1=$(zswap_stat written_back_pages)
rf1=$(zswap_stat reject_reclaim_fail)
z1=$(vmstat zswpout)
k1=$(oom_kills)
log "ghost only, zswap.max $ZSWAP_MAX: exit $crc, oom_kill $k0 -> $k1, zswpout $z0 -> $z1," \
	"written_back_pages $wb0 -> $wb1, reject_reclaim_fail $rf0 -> $rf1"
ended_cleanly $crc "$k0" "$k1" /tmp/cap.out &&
[ "$(swap_type $G)" = ghost ] && [ "$z1" -gt "$z0" ] &&
[ "$wb1" = "$wb0" ] && [ "$rf1" = "$rf0" ]
verdict m0 "only a ghost area, shrinker on and a zswap limit: zswap never attempts writeback"
swapoff $G

# m. a small ghost area in front of a regular one of lower priority: the
# ghost area fills first and the rest goes to the regular file.  With a
# real area active zswap must write back, but only the regular area's
# entries, so the ghost file is never written.  Ghost entries are kept
# off zswap's writeback LRU, so writeback never even meets them.  Were
# they on it, each would be refused at least once: the ghost area fills
# first, so its entries are the oldest there (about twelve refusals per
# entry were seen).  The refusals must therefore stay below a tenth of
# the ghost area's pages; the margin leaves room for the only refusals
# left, regular entries whose page is in the swap cache at that moment
# (none were seen).  (At equal priority the
# allocator gives the rotational regular area one slot per cluster the
# ghost area gets, and the dynamic shrinker alone barely runs with this
# well-compressing data: neither would show writeback reliably.)
$MKSWAP --ghost --size ${MG_MIB}M $MG
gs0=$(file_sum $MG)
swapon -p 10 $MG
swapon -p 5 $R
cat /proc/swaps
sync
echo 3 >/proc/sys/vm/drop_caches
z0=$(vmstat zswpout)
p0=$(vmstat pswpout)
w0=$(vda_write_sectors)
wb0=$(zswap_stat written_back_pages)
rf0=$(zswap_stat reject_reclaim_fail)
start_held_fill /tmp/mix.out $WORK_MIB compressible
cat /proc/swaps
z1=$(vmstat zswpout)
p1=$(vmstat pswpout)
w1=$(vda_write_sectors)
wb1=$(zswap_stat written_back_pages)
rf1=$(zswap_stat reject_reclaim_fail)
gu=$(swap_used $MG)
ru=$(swap_used $R)
gt=$(swap_type $MG)
rt=$(swap_type $R)
gs1=$(file_sum $MG)
# /proc/swaps counts KiB, the guest's pages are 4 KiB
gp=$((gu / 4))
rf_max=$((gp / 10))
log "mixed: zswpout $z0 -> $z1, pswpout $p0 -> $p1, vda sectors written $w0 -> $w1," \
	"written_back_pages $wb0 -> $wb1, reject_reclaim_fail $rf0 -> $rf1," \
	"zswap pool $(zswap_stat pool_total_size) B, cgroup zswap $(cat $CG/memory.zswap.current) B," \
	"used ghost $gu KiB, regular $ru KiB"
log "mixed: refused by writeback $((rf1 - rf0)), bound $rf_max ($gp ghost pages / 10)"
log "mixed: ghost file (md5 size blocks) $gs0 -> $gs1"
[ -e /tmp/ready ] && all_verified /tmp/mix.out &&
[ "$gt" = ghost ] && [ "$rt" = file ] && [ "$gu" -gt 0 ] && [ "$ru" -gt 0 ] &&
[ "$z1" -gt "$z0" ] && [ "$wb1" -gt "$wb0" ] && [ "$p1" -gt "$p0" ] &&
[ "$w1" -gt "$w0" ] && [ "$gs1" = "$gs0" ] && [ $((rf1 - rf0)) -lt "$rf_max" ]
verdict m1 "ghost area plus lower-priority regular area: data verifies, zswap writes back to the regular file only, ghost entries are never writeback candidates"
echo max >$CG/memory.max
swapoff $MG
grc=$?
swapoff $R
rrc=$?
touch /tmp/ready.go
wait "${fill_pid:?}"
frc=$?
cat /tmp/mix.out
gs2=$(file_sum $MG)
log "mixed swapoff: ghost $grc, regular $rrc, fill exit $frc, ghost file $gs2"
[ $grc = 0 ] && [ $rrc = 0 ] && [ $frc = 0 ] &&
[ -z "$(swap_type $MG)" ] && [ -z "$(swap_type $R)" ] &&
verified_again /tmp/mix.out && [ "$gs2" = "$gs0" ]
verdict m2 "swapoff of both areas after (m1); data still verifies, ghost file untouched"
echo N >$ZSWAP/shrinker_enabled
echo max >$CG/memory.zswap.max
echo $LIMIT >$CG/memory.max

# Fall-through (series v3): a ghost area at priority 10 above the regular
# file R at priority 5.  A folio zswap refuses for a ghost slot, or one
# zswap cannot take at all, must reach R while R has free slots: no OOM
# kill while swap with storage is free, the pages are written to R
# (pswpout rises) and every byte verifies.  Each scenario ends with both
# areas off.
# ft_begin: both areas on, counters noted; ft_end ID TEXT OUT RC [EXTRA]:
# the common checks, EXTRA a further condition already evaluated (0 or 1)
ft_begin() {
	swapon -p 10 $G
	swapon -p 5 $R
	ft_p0=$(vmstat pswpout)
	ft_k0=$(oom_kills)
	ft_gk0=$(vmstat oom_kill)
	ft_kept0=$(vmstat swap_ghost_kept)
	ft_t0=$(cut -d. -f1 /proc/uptime)
}
ft_end() {
	local id=$1 text=$2 out=$3 rc=$4 extra=${5:-0} p1 k1 gk1 kept1 ru
	p1=$(vmstat pswpout)
	k1=$(oom_kills)
	gk1=$(vmstat oom_kill)
	kept1=$(vmstat swap_ghost_kept)
	ru=$(swap_used $R)
	cat "$out"
	log "$id: exit $rc, pswpout $ft_p0 -> $p1, oom_kill (cgroup) $ft_k0 -> $k1," \
		"oom_kill (all) $ft_gk0 -> $gk1, swap_ghost_kept $ft_kept0 -> $kept1," \
		"regular used $ru KiB, ghost used $(swap_used $G) KiB," \
		"$(($(cut -d. -f1 /proc/uptime) - ft_t0)) s"
	ft_kept=$((kept1 - ft_kept0))
	[ "$rc" = 0 ] && all_verified "$out" && [ "$p1" -gt "$ft_p0" ] &&
	[ "$k1" = "$ft_k0" ] && [ "$gk1" = "$ft_gk0" ] && [ "$extra" = 0 ]
	verdict "$id" "$text"
	swapoff $G
	swapoff $R
}

# ft-memcg. incompressible data in a cgroup: zswap refuses every page for
# a ghost slot, and reclaim hands each one on to R.  zswap caches R's
# pages under a small memory.zswap.max and writes them back to R.
if wanted ft-memcg; then
	echo "$(mib 16)M" >$CG/memory.zswap.max
	ft_begin
	r0=$(zswap_rejects)
	run_in_cgroup $GT fill $WORK_MIB random >/tmp/ft1.out 2>&1
	rc=$?
	r1=$(zswap_rejects)
	log "ft-memcg: rejected by zswap $r0 -> $r1"
	[ "$r1" -gt "$r0" ]
	ft_end ft-memcg "ghost above real, incompressible data in a cgroup: refused pages reach the real area, no OOM, every byte verified" /tmp/ft1.out $rc $?
	echo max >$CG/memory.zswap.max
fi

# ft-off. zswap switched off at run time with a ghost area active: the
# kernel says so, the ghost area takes no pages, R takes them all
if wanted ft-off; then
	ft_begin
	n=$(dmesg_mark)
	echo N >$ZSWAP/enabled
	dmesg_since $n
	run_in_cgroup $GT fill $WORK_MIB compressible >/tmp/ft2.out 2>&1
	rc=$?
	dmesg_since $n | grep -q "ghost swap area is active"
	ft_end ft-off "zswap off at run time with ghost above real: a warning, pages reach the real area, no OOM, every byte verified" /tmp/ft2.out $rc $?
	echo Y >$ZSWAP/enabled
fi

# ft-zmax0. memory.zswap.max=0 in the cgroup: no page of it can use the
# ghost area, which stays empty, and R takes them
if wanted ft-zmax0; then
	echo 0 >$CG/memory.zswap.max
	ft_begin
	run_in_cgroup $GT fill $WORK_MIB compressible >/tmp/ft3.out 2>&1
	rc=$?
	[ "$(swap_used $G)" = 0 ]
	ft_end ft-zmax0 "memory.zswap.max=0 with ghost above real: the ghost area stays empty, pages reach the real area, no OOM, every byte verified" /tmp/ft3.out $rc $?
	echo max >$CG/memory.zswap.max
fi

# ft-global. global reclaim without a cgroup: incompressible data more
# than the free memory, with a small zswap pool (2% of RAM) so that R's
# pages go to the disk soon; zswap refuses them for ghost slots first
if wanted ft-global; then
	pool_pct=$(cat $ZSWAP/max_pool_percent)
	echo 2 >$ZSWAP/max_pool_percent
	sync
	echo 3 >/proc/sys/vm/drop_caches
	avail=$(($(meminfo_kib MemAvailable) / 1024))
	# the margin beyond MemAvailable is not scaled: 16 MiB on the debug
	# kernel were found elsewhere (caches, zswap's pool) and no page had
	# to reach the disk, so the scenario proved nothing there
	gmib=$((avail + 96))
	log "ft-global: MemAvailable $avail MiB, fill $gmib MiB"
	ft_begin
	$GT fill $gmib random >/tmp/ft4.out 2>&1
	rc=$?
	ft_end ft-global "global reclaim, ghost above real, incompressible data beyond free memory: pages reach the real area, no OOM, every byte verified" /tmp/ft4.out $rc
	echo "$pool_pct" >$ZSWAP/max_pool_percent
fi

# ft-shmem. the same as ft-memcg with shmem: shmem_writeout takes a folio
# zswap refused for a ghost slot back into the page cache and gives it
# a slot in R
if wanted ft-shmem; then
	echo "$(mib 16)M" >$CG/memory.zswap.max
	ft_begin
	run_in_cgroup $GT fill -s $WORK_MIB random >/tmp/ft5.out 2>&1
	rc=$?
	ft_end ft-shmem "shmem, ghost above real, incompressible data in a cgroup: refused folios reach the real area, no OOM, every byte verified" /tmp/ft5.out $rc
	echo max >$CG/memory.zswap.max
fi

# ra. readahead from a ghost area (series v3): a fault reads its
# neighbours ahead from zswap, and the fill reads in runs, so each run
# leaves the pages read ahead past its end in the swap cache, never
# mapped.  zswap keeps their copies and the folios are clean, so reclaim
# drops them even with zswap off: storing them again would be refused,
# and a folio no page table maps cannot be handed on to R.  The cgroup
# has no limit while the runs are read; memory.reclaim does the reclaim,
# with the cgroup frozen so that nothing the fill touches while it polls
# for GO comes back during the reclaim.
ra_reclaim() {
	local i=0
	echo 1 >$CG/cgroup.freeze
	while ! grep -qx "frozen 1" $CG/cgroup.events && [ $i -lt 30 ]; do
		sleep 1
		i=$((i + 1))
	done
	echo "$1" >$CG/memory.reclaim 2>/dev/null
	echo 0 >$CG/cgroup.freeze
}
if wanted ra; then
	echo max >$CG/memory.max
	ft_begin
	ra_mib=$(mib 32 8)
	rm -f /tmp/ra.read /tmp/ra.go.read
	start_fill $CG /tmp/ra.out /tmp/ra -R $ra_mib compressible
	ra_reclaim "$((ra_mib * 2))M"
	zsw=$(memcg_stat $CG zswapped)
	sc0=$(meminfo_kib SwapCached)
	mf0=$(vmstat pgmajfault)
	touch /tmp/ra.go
	wait_ready /tmp/ra.read "$fill_pid"
	sc1=$(meminfo_kib SwapCached)
	mf1=$(vmstat pgmajfault)
	kept0=$(vmstat swap_ghost_kept)
	echo N >$ZSWAP/enabled
	ra_reclaim "$((ra_mib * 2))M"
	sleep 1
	ra_reclaim "$((ra_mib * 2))M"
	sc2=$(meminfo_kib SwapCached)
	kept1=$(vmstat swap_ghost_kept)
	echo Y >$ZSWAP/enabled
	touch /tmp/ra.go.read
	wait "$fill_pid"
	rc=$?
	# the fill reads 16 pages of every 64, a quarter of its pages
	ra_read=$((ra_mib * 64))
	log "ra: zswapped $zsw B before the runs, major faults $((mf1 - mf0)) for $ra_read pages read," \
		"SwapCached $sc0 -> $sc1 KiB after the runs, $sc2 KiB after reclaim with zswap off," \
		"swap_ghost_kept $kept0 -> $kept1"
	[ "$zsw" -ge $((ra_mib * 1024 * 1024 / 2)) ] &&
	[ $((mf1 - mf0)) -lt $((ra_read / 2)) ] &&
	[ $((sc1 - sc0)) -ge $((ra_mib * 32)) ] &&
	[ "$sc2" -lt $(((sc1 - sc0) / 4 + sc0)) ] &&
	[ "$kept1" = "$kept0" ] && verified_again /tmp/ra.out
	ft_end ra "ghost readahead: runs fault once per window, the pages read ahead and never mapped are dropped by reclaim with zswap off (nothing kept), every byte verified" /tmp/ra.out $rc $?
	echo $LIMIT >$CG/memory.max
fi

# off-ghost. only a ghost area and zswap off: reclaim must not scan anon
# memory for slots that cannot take a page.  The fill meets its memcg
# OOM killer; reclaim neither gave a ghost slot to any page (no refusal
# counted) nor scanned anon pages more than a tenth of the fill's
# pages, and the whole run ends within two minutes.
if wanted off-ghost; then
	echo N >$ZSWAP/enabled
	swapon $G
	k0=$(oom_kills)
	kept0=$(vmstat swap_ghost_kept)
	sa0=$(vmstat pgscan_anon)
	t0=$(cut -d. -f1 /proc/uptime)
	run_in_cgroup $GT fill $WORK_MIB compressible >/tmp/og.out 2>&1
	rc=$?
	t1=$(cut -d. -f1 /proc/uptime)
	k1=$(oom_kills)
	kept1=$(vmstat swap_ghost_kept)
	sa1=$(vmstat pgscan_anon)
	cat /tmp/og.out
	log "off-ghost: exit $rc, oom_kill $k0 -> $k1, swap_ghost_kept $kept0 -> $kept1," \
		"pgscan_anon $sa0 -> $sa1, $((t1 - t0)) s, swap used $(swap_used $G) KiB"
	[ "$rc" = 137 ] && [ "$k1" -gt "$k0" ] && [ "$kept1" = "$kept0" ] &&
	[ $((sa1 - sa0)) -lt $((WORK_MIB * 256 / 10)) ] && [ $((t1 - t0)) -lt 120 ]
	verdict off-ghost "ghost only, zswap off: memcg OOM without scanning anon memory for ghost slots (bounded time)"
	swapoff $G
	echo Y >$ZSWAP/enabled
fi

# off-on. zswap switched off and on again while the ghost area holds
# entries: those stay loadable, new pages go to R meanwhile, swapoff of
# both areas works and every byte of both fills verifies
if wanted off-on; then
	ft_begin
	start_held_fill /tmp/oo.out $WORK_MIB compressible
	gs=$(zswap_stat stored_ghost_pages)
	n=$(dmesg_mark)
	echo N >$ZSWAP/enabled
	run_in_cgroup $GT fill "$(mib 48)" compressible >/tmp/oo2.out 2>&1
	rc=$?
	cat /tmp/oo2.out
	echo Y >$ZSWAP/enabled
	k1=$(oom_kills)
	echo max >$CG/memory.max
	swapoff $G
	grc=$?
	swapoff $R
	rrc=$?
	touch /tmp/ready.go
	wait "${fill_pid:?}"
	frc=$?
	cat /tmp/oo.out
	log "off-on: ghost entries $gs, second fill exit $rc, oom_kill $ft_k0 -> $k1," \
		"swapoff ghost $grc regular $rrc, held fill exit $frc"
	[ "$gs" -gt 0 ] && [ $rc = 0 ] && all_verified /tmp/oo2.out &&
	[ "$k1" = "$ft_k0" ] && [ $grc = 0 ] && [ $rrc = 0 ] && [ $frc = 0 ] &&
	verified_again /tmp/oo.out && dmesg_since $n | grep -q "ghost swap area is active"
	verdict off-on "zswap off and on with ghost entries: nothing lost, new pages reach the real area meanwhile, swapoff works"
	echo $LIMIT >$CG/memory.max
fi

# oom. a task whose swap entries outnumber RAM (zero-filled pages, which
# take a ghost slot and nothing in zswap) keeps /proc/PID/oom_score in its
# range: the kernel scales the badness to 0..2000 (1000 for a task of no
# size plus its share of the total) and shows two thirds of that, so at
# most 1333.  The OOM killer's total counts the ghost slots in use, and
# oom_score_adj still shifts the score by what it says (-500: 333 shown).
if wanted oom; then
	swapon $G
	# the mapping is larger than RAM: let it through whatever the
	# overcommit heuristic thinks of ghost areas (that is scenario oc)
	echo 1 >/proc/sys/vm/overcommit_memory
	cg_make oz 32M
	zmib=$(mib 1100 900)
	rm -f /tmp/oz.ready /tmp/oz.ready.go
	run_in $CGROOT/oz $GT zeros "$zmib" /tmp/oz.ready /tmp/oz.ready.go >/tmp/oz.out 2>&1 &
	oz_pid=$!
	wait_ready /tmp/oz.ready $oz_pid
	zp=$(head -n 1 $CGROOT/oz/cgroup.procs)
	score=$(cat /proc/$zp/oom_score)
	echo -500 >/proc/$zp/oom_score_adj
	score_adj=$(cat /proc/$zp/oom_score)
	used=$(swap_used $G)
	touch /tmp/oz.ready.go
	wait $oz_pid
	zrc=$?
	cat /tmp/oz.out
	log "oom: $zmib MiB of zeros, ghost used $used KiB, MemTotal $(meminfo_kib MemTotal) KiB," \
		"oom_score $score, with oom_score_adj -500: $score_adj, exit $zrc"
	# most of the task is in the ghost area, and its score is in range,
	# well above the 666 of a task of no size
	[ $zrc = 0 ] && [ "$used" -gt $((zmib * 1024 / 2)) ] &&
	[ "$score" -gt 900 ] && [ "$score" -le 1333 ] &&
	[ $((score - score_adj)) -ge 330 ] && [ $((score - score_adj)) -le 336 ]
	verdict oom "swap entries beyond RAM in a ghost area: oom_score stays in range, oom_score_adj keeps its meaning"
	echo 0 >/proc/sys/vm/overcommit_memory
	swapoff $G
	rmdir $CGROOT/oz
fi

# oc. overcommit's heuristic (vm.overcommit_memory=0) with a ghost area
# active counts it for at most RAM again: one private mapping of 1.4
# times RAM, refused without the area, is allowed with it; one of 2.2
# times RAM stays refused.  With zswap off the area counts for nothing.
if wanted oc; then
	ram=$(($(meminfo_kib MemTotal) / 1024))
	mid=$((ram * 14 / 10))
	big=$((ram * 22 / 10))
	oc_none=$($GT reserve $mid)
	swapon $G
	oc_mid=$($GT reserve $mid)
	oc_big=$($GT reserve $big)
	echo N >$ZSWAP/enabled
	oc_off=$($GT reserve $mid)
	echo Y >$ZSWAP/enabled
	swapoff $G
	log "oc: RAM $ram MiB; without ghost: $oc_none; with 64G ghost: $oc_mid, $oc_big;" \
		"zswap off: $oc_off"
	[ "$oc_none" = "refused $mid MiB" ] && [ "$oc_mid" = "reserved $mid MiB" ] &&
	[ "$oc_big" = "refused $big MiB" ] && [ "$oc_off" = "refused $mid MiB" ]
	verdict oc "overcommit heuristic: a ghost area serves a mapping beyond RAM, bounded by RAM again, nothing with zswap off"
fi

# charge. swapon of a ghost area of the largest size from a cgroup whose
# limit is below what an array of its cluster descriptors would take
# (24 MiB): swap metadata belongs to no cgroup, so swapon works and
# charges nothing.  A kernel that allocates per-slot metadata at swapon
# (the 6.12 series: 815 MiB for 1 TiB) gets a size it can hold from the
# host, ghosttest.charge_size= (64G there: 51 MiB, still far above 4M).
CHARGE_SIZE=$(sed -n 's/.*ghosttest\.charge_size=\([0-9]*[KMGT]\).*/\1/p' /proc/cmdline)
CHARGE_SIZE=${CHARGE_SIZE:-1T}
if wanted charge; then
	CH=/ghost/charge.swap
	$MKSWAP -q --ghost --size $CHARGE_SIZE $CH
	cg_make ch 4M
	c0=$(memcg_stat $CGROOT/ch kernel)
	run_in $CGROOT/ch swapon $CH
	crc=$?
	c1=$(memcg_stat $CGROOT/ch kernel)
	log "charge: swapon of a $CHARGE_SIZE ghost area in a 4M cgroup: exit $crc, type $(swap_type $CH)," \
		"kernel memory of the cgroup $c0 -> $c1 bytes"
	[ $crc = 0 ] && [ "$(swap_type $CH)" = ghost ] && [ $((c1 - c0)) -lt 1048576 ]
	verdict charge "a $CHARGE_SIZE ghost area activates from a cgroup limited below its metadata: nothing charged"
	swapoff $CH
	rm -f $CH
	rmdir $CGROOT/ch
fi

# thr. zswap's accept threshold is a share of the pool's limit: above 100
# the pool could never be below it, and the kernel refuses the value
if wanted thr; then
	thr0=$(cat $ZSWAP/accept_threshold_percent)
	echo 101 >$ZSWAP/accept_threshold_percent 2>/dev/null && t101=taken || t101=refused
	thr1=$(cat $ZSWAP/accept_threshold_percent)
	echo 100 >$ZSWAP/accept_threshold_percent && t100=taken || t100=refused
	echo "$thr0" >$ZSWAP/accept_threshold_percent
	log "thr: accept_threshold_percent $thr0; 101 $t101 (then $thr1); 100 $t100"
	[ $t101 = refused ] && [ "$thr1" = "$thr0" ] && [ $t100 = taken ]
	verdict thr "zswap accept_threshold_percent above 100 is refused"
fi

# miss. no scenario ever found a ghost entry without its data: the
# counter of such misses exists and is 0
miss=$(vmstat swap_ghost_miss)
log "miss: swap_ghost_miss ${miss:-absent}"
[ "$miss" = 0 ]
verdict miss "no ghost entry was ever found without its data (swap_ghost_miss is 0)"

# l2. hibernation with a ghost area at swap type 0 and a real area next to
# it: the real area must be the one found.  The guest hibernates as its
# last act (the image is written and the guest reboots, which ends qemu);
# the host then finds the image's signature in the real swap file.
if grep -qw "ghosttest=hibernate" /proc/cmdline; then
	HR=/mnt/hibernate.swap
	dd if=/dev/zero of=$HR bs=1M count=160 2>/dev/null
	$MKSWAP -L hib $HR
	swapon $G
	swapon $HR
	cat /proc/swaps
	first=$(awk 'NR == 2 { print $1 }' /proc/swaps)
	log "hibernation: type 0 is $first; ghost file $(file_sum $G)"
	echo "GT-HIBERNATE: ghost-first=$([ "$first" = $G ] && echo yes || echo no)"
	# a swap file is found by its disk and the block of its header page
	$GT fibmap $HR >/sys/power/resume_offset
	echo /dev/vda >/sys/power/resume
	log "hibernation: resume $(cat /sys/power/resume) offset $(cat /sys/power/resume_offset)"
	echo reboot >/sys/power/disk
	echo 0 >/sys/power/image_size
	report_end
	echo disk >/sys/power/state
	echo "GT-HIBERNATE: failed ($?)"
	dmesg | tail -n 20
	reboot -f
fi

finish

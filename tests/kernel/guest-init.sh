#!/bin/sh
# /init of the test guest (busybox sh).  Runs every scenario, printing one
# "GT-RESULT: PASS|FAIL <id> <text>" line each, then the kernel log between
# markers, and reboots (qemu runs with -no-reboot, so that ends the run).
#
# Disks: /dev/vda is an empty ext4 filesystem, /dev/vdb a small raw disk.
# shellcheck shell=sh disable=SC3043

export PATH=/bin:/sbin:/usr/bin:/usr/sbin
# busybox sh runs its own applet of a name before looking at PATH; these
# must be util-linux's programs, which the initramfs holds in /bin
swapon() { /bin/swapon "$@"; }
swapoff() { /bin/swapoff "$@"; }
blkid() { /bin/blkid "$@"; }
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmp /tmp
mkdir -p /sys/fs/cgroup /mnt /etc
mount -t cgroup2 cgroup2 /sys/fs/cgroup

MKSWAP=/bin/mkswap-ghost
UUID=8f5e2d4c-1b3a-4c6d-9e8f-0a1b2c3d4e5f
LABEL=ghostlbl
# 64 GiB in KiB, less the header page: what /proc/swaps must show
GHOST_KIB=$((64 * 1024 * 1024 - 4))
WORK_MIB=256
LIMIT=64M

result() {
	echo "GT-RESULT: $1 $2 $3"
}

# verdict ID TEXT: PASS when the command run just before succeeded
verdict() {
	if [ $? = 0 ]; then
		result PASS "$1" "$2"
	else
		result FAIL "$1" "$2"
	fi
}

vmstat() {
	awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat
}

zswap_stat() {
	cat "/sys/kernel/debug/zswap/$1" 2>/dev/null || echo 0
}

vda_write_sectors() {
	awk '{ print $7 }' /sys/block/vda/stat
}

log() {
	echo "guest: $*"
}

# swap_type FILE: the Type column of FILE in /proc/swaps
swap_type() {
	awk -v f="$1" '$1 == f { print $2 }' /proc/swaps
}

swap_size() {
	awk -v f="$1" '$1 == f { print $3 }' /proc/swaps
}

# dmesg_mark: put a numbered mark in the kernel log and print its number;
# dmesg_since N: the kernel log after mark N
# (called in $(...), so the count lives in a file, not a variable)
dmesg_mark() {
	local m
	m=$(($(cat /tmp/marks 2>/dev/null || echo 0) + 1))
	echo $m >/tmp/marks
	echo "ghosttest-mark $m" >/dev/kmsg
	echo $m
}

dmesg_since() {
	dmesg | sed -n "/ghosttest-mark $1\$/,\$p" | sed 1d
}

# the memory cgroup every workload runs in
CG=/sys/fs/cgroup/gt
cg_setup() {
	echo +memory >/sys/fs/cgroup/cgroup.subtree_control
	mkdir -p $CG
	echo $LIMIT >$CG/memory.max
}

# run_in_cgroup CMD...: run CMD as a member of the limited test cgroup
run_in_cgroup() {
	sh -c "echo \$\$ >$CG/cgroup.procs && exec \"\$@\"" sh "$@"
}

# Fill the cgroup's working set in the background and wait until every
# page is written; the data stays held (fill_pid) until /tmp/go appears.
start_held_fill() {
	rm -f /tmp/ready /tmp/go
	run_in_cgroup /bin/ghosttest fill $WORK_MIB compressible /tmp/ready /tmp/go \
		>"$1" 2>&1 &
	fill_pid=$!
	while [ ! -e /tmp/ready ] && kill -0 $fill_pid 2>/dev/null; do
		sleep 1
	done
	cat "$1"
}

# The two clean ends of a fill the cgroup cannot hold: ended by the memcg
# OOM killer (SIGKILL), or finished with every page verified.
# usage: ended_cleanly EXIT_CODE OOM_KILLS_BEFORE OOM_KILLS_AFTER OUTPUT
ended_cleanly() {
	if [ "$1" = 137 ] && [ "$3" -gt "$2" ]; then
		return 0
	fi
	[ "$1" = 0 ] && grep -q "verified [0-9]* pages, 0 bad" "$4"
}

oom_kills() {
	awk '$1 == "oom_kill" { print $2 }' $CG/memory.events
}

# the kernel log between markers for the host, then the end of the run
finish() {
	echo "GT-DMESG-BEGIN"
	dmesg
	echo "GT-DMESG-END"
	echo "GT-DONE"
	sync
	umount /mnt 2>/dev/null
	reboot -f
}

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
	finish
fi

cg_setup
log "zswap enabled=$(cat /sys/module/zswap/parameters/enabled)" \
	"compressor=$(cat /sys/module/zswap/parameters/compressor)"

# a. ghost file made by mkswap-ghost activates with util-linux swapon
G=/mnt/ghost.swap
$MKSWAP --ghost --size 64G -L $LABEL -U $UUID $G
ls -ls $G
swapon $G
cat /proc/swaps
[ "$(swap_type $G)" = ghost ] && [ "$(swap_size $G)" = "$GHOST_KIB" ]
verdict a "swapon of a 64G ghost file made by mkswap-ghost"

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

# c. memory pressure through zswap, nothing written to the disk
sync
echo 3 >/proc/sys/vm/drop_caches
z0=$(vmstat zswpout)
p0=$(vmstat pswpout)
w0=$(vda_write_sectors)
start_held_fill /tmp/fill.out
z1=$(vmstat zswpout)
p1=$(vmstat pswpout)
w1=$(vda_write_sectors)
stored=$(zswap_stat stored_pages)
log "zswpout $z0 -> $z1, pswpout $p0 -> $p1, vda sectors written $w0 -> $w1," \
	"zswap stored_pages $stored, swap used $(awk -v f=$G '$1 == f { print $4 }' /proc/swaps) KiB"
[ -e /tmp/ready ] && grep -q "verified [0-9]* pages, 0 bad" /tmp/fill.out &&
[ "$z1" -gt "$z0" ] && [ "$stored" -gt 0 ] &&
[ "$p1" = "$p0" ] && [ "$w1" = "$w0" ]
verdict c "pressure in a $LIMIT cgroup: $WORK_MIB MiB verified via zswap, no disk writes"

# e. swapoff while the data lives in zswap, then check it again
echo max >$CG/memory.max
swapoff $G
rc=$?
touch /tmp/go
wait $fill_pid
frc=$?
cat /tmp/fill.out
[ $rc = 0 ] && [ $frc = 0 ] && [ -z "$(swap_type $G)" ] &&
grep -q "verified again [0-9]* pages, 0 bad" /tmp/fill.out
verdict e "swapoff of the ghost file after (c); data still verifies"
echo $LIMIT >$CG/memory.max

# d. incompressible data under pressure with only ghost swap
swapon $G
r0=$(zswap_stat reject_compress_poor)
f0=$(zswap_stat reject_compress_fail)
k0=$(oom_kills)
run_in_cgroup /bin/ghosttest fill $WORK_MIB random >/tmp/rand.out 2>&1
rrc=$?
cat /tmp/rand.out
r1=$(zswap_stat reject_compress_poor)
f1=$(zswap_stat reject_compress_fail)
k1=$(oom_kills)
log "incompressible: exit $rrc, oom_kill $k0 -> $k1," \
	"reject_compress_poor $r0 -> $r1, reject_compress_fail $f0 -> $f1"
# Decided outcome: zswap rejects the pages, the ghost area cannot take
# them, so they stay resident and the memcg OOM killer ends the program
# (SIGKILL, exit 137).  Surviving with all data verified is also correct.
# Either way zswap must have refused pages, or the scenario tested nothing.
[ $((r1 + f1)) -gt $((r0 + f0)) ] && ended_cleanly $rrc "$k0" "$k1" /tmp/rand.out
verdict d "incompressible pages with only ghost swap: clean memcg OOM kill or verified data"
swapoff $G

# f. a header-only file of PAGE_SIZE without the ghost flag is refused
F=/mnt/onepage.swap
/bin/ghosttest mkhdr $F 4096 16384
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

# g. bad CRC, unknown incompat feature, ghost flag on a block device
refused() {
	local dev=$1 msg=$2 n
	n=$(dmesg_mark)
	if swapon "$dev" 2>/dev/null; then
		swapoff "$dev"
		return 1
	fi
	dmesg_since $n
	dmesg_since $n | grep -q "$msg"
}
B=/mnt/badcrc.swap
/bin/ghosttest mkhdr $B 40960 262144 ghost,badcrc
refused $B "swap header extension checksum mismatch"
verdict g1 "ghost header with a bad CRC is refused"
U=/mnt/incompat.swap
/bin/ghosttest mkhdr $U 40960 262144 ghost,incompat=80
refused $U "unknown incompatible features 0x80"
verdict g2 "header with an unknown incompat feature is refused"
/bin/ghosttest mkhdr /dev/vdb 0 262144 ghost
refused /dev/vdb "ghost swap is not supported on block devices"
verdict g3 "ghost flag on a block device is refused"
V=/mnt/version.swap
/bin/ghosttest mkhdr $V 40960 262144 ghost,version=2
refused $V "swap header extension version 2 length 64 is not supported"
verdict g4 "ghost record of an unknown version is refused"
BB=/mnt/badcrc-big.swap
/bin/ghosttest mkhdr $BB 40960 262144 ghost,big,badcrc
refused $BB "swap header extension checksum mismatch"
verdict g5 "big-endian ghost header with a bad CRC is refused"

# h. a regular swap file from mkswap-ghost carries the same workload
R=/mnt/regular.swap
dd if=/dev/zero of=$R bs=1M count=320 2>/dev/null
$MKSWAP -L reg $R
swapon $R
cat /proc/swaps
rm -f /tmp/ready /tmp/go
z0=$(vmstat zswpout)
run_in_cgroup /bin/ghosttest fill $WORK_MIB compressible >/tmp/reg.out 2>&1
hrc=$?
z1=$(vmstat zswpout)
cat /tmp/reg.out
log "regular: zswpout $z0 -> $z1, pswpout $(vmstat pswpout)"
[ "$(swap_type $R)" = file ] && [ $hrc = 0 ] &&
grep -q "verified [0-9]* pages, 0 bad" /tmp/reg.out && [ "$z1" -gt "$z0" ]
verdict h "regular file from mkswap-ghost shows as file and carries (c)"
echo max >$CG/memory.max
swapoff $R
echo $LIMIT >$CG/memory.max

# i. a big-endian ghost header activates as ghost
E=/mnt/big.swap
$MKSWAP --ghost --size 1G -e big $E
swapon $E
cat /proc/swaps
[ "$(swap_type $E)" = ghost ] && [ "$(swap_size $E)" = $((1024 * 1024 - 4)) ]
verdict i "big-endian ghost header activates as ghost"
swapoff $E

# j. /etc/fstab entry activates with swapon -a
echo "$G none swap defaults 0 0" >/etc/fstab
swapon -a
cat /proc/swaps
[ "$(swap_type $G)" = ghost ]
verdict j "fstab entry for the ghost file activates with swapon -a"
swapoff -a

# k. zswap disabled at run time: swapon succeeds with a notice, and pages
# that cannot go to zswap stay in memory (the cgroup meets its OOM killer)
echo N >/sys/module/zswap/parameters/enabled
n=$(dmesg_mark)
swapon $G
swapon_rc=$?
dmesg_since $n
k0=$(oom_kills)
z0=$(vmstat zswpout)
run_in_cgroup /bin/ghosttest fill $WORK_MIB compressible >/tmp/off.out 2>&1
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
echo Y >/sys/module/zswap/parameters/enabled

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
MG=/mnt/ghost-small.swap
MG_MIB=16
ZSWAP_MAX=1M
swap_used() {
	awk -v f="$1" '$1 == f { print $4 }' /proc/swaps
}
# content, size and allocated blocks of the ghost file
ghost_sum() {
	echo "$(md5sum <$MG | cut -d' ' -f1) $(stat -c '%s %b' $MG)"
}
echo Y >/sys/module/zswap/parameters/shrinker_enabled
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
run_in_cgroup /bin/ghosttest fill $WORK_MIB compressible >/tmp/cap.out 2>&1
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
gs0=$(ghost_sum)
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
start_held_fill /tmp/mix.out
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
gs1=$(ghost_sum)
# /proc/swaps counts KiB, the guest's pages are 4 KiB
gp=$((gu / 4))
rf_max=$((gp / 10))
log "mixed: zswpout $z0 -> $z1, pswpout $p0 -> $p1, vda sectors written $w0 -> $w1," \
	"written_back_pages $wb0 -> $wb1, reject_reclaim_fail $rf0 -> $rf1," \
	"zswap pool $(zswap_stat pool_total_size) B, cgroup zswap $(cat $CG/memory.zswap.current) B," \
	"used ghost $gu KiB, regular $ru KiB"
log "mixed: refused by writeback $((rf1 - rf0)), bound $rf_max ($gp ghost pages / 10)"
log "mixed: ghost file (md5 size blocks) $gs0 -> $gs1"
[ -e /tmp/ready ] && grep -q "verified [0-9]* pages, 0 bad" /tmp/mix.out &&
[ "$gt" = ghost ] && [ "$rt" = file ] && [ "$gu" -gt 0 ] && [ "$ru" -gt 0 ] &&
[ "$z1" -gt "$z0" ] && [ "$wb1" -gt "$wb0" ] && [ "$p1" -gt "$p0" ] &&
[ "$w1" -gt "$w0" ] && [ "$gs1" = "$gs0" ] && [ $((rf1 - rf0)) -lt "$rf_max" ]
verdict m1 "ghost area plus lower-priority regular area: data verifies, zswap writes back to the regular file only, ghost entries are never writeback candidates"
echo max >$CG/memory.max
swapoff $MG
grc=$?
swapoff $R
rrc=$?
touch /tmp/go
wait $fill_pid
frc=$?
cat /tmp/mix.out
gs2=$(ghost_sum)
log "mixed swapoff: ghost $grc, regular $rrc, fill exit $frc, ghost file $gs2"
[ $grc = 0 ] && [ $rrc = 0 ] && [ $frc = 0 ] &&
[ -z "$(swap_type $MG)" ] && [ -z "$(swap_type $R)" ] &&
grep -q "verified again [0-9]* pages, 0 bad" /tmp/mix.out && [ "$gs2" = "$gs0" ]
verdict m2 "swapoff of both areas after (m1); data still verifies, ghost file untouched"
echo N >/sys/module/zswap/parameters/shrinker_enabled
echo max >$CG/memory.zswap.max
echo $LIMIT >$CG/memory.max

finish

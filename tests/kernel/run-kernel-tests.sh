#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Booted-kernel suite: fetch Debian's linux-source, apply kernel/patches,
# build a small kernel as a Debian package with kernel/build-deb.sh (the
# package is unpacked into a scratch root, and the kernel in it is the one
# the main guest boots), boot it in qemu with an initramfs holding busybox,
# util-linux's swapon/swapoff/blkid, mkswap-ghost, ghostswap-setup and
# ghosttest, and report one line per guest scenario plus "N passed, N
# failed".
#
# usage: run-kernel-tests.sh SRCDIR MKSWAP_GHOST LOGDIR SWAPLABEL_EXT GHOSTSWAP_SETUP
#
# Environment:
#   GHOSTSWAP_KERNEL_CACHE  cache directory (default
#                           ${XDG_CACHE_HOME:-$HOME/.cache}/ghostswap-kernel,
#                           with -VERSION for a source other than 7.3)
#   GHOSTSWAP_KERNEL_PKG    source package (default linux-source-7.3;
#                           linux-source-6.12 takes kernel/patches-6.12)
#   GHOSTSWAP_KERNEL_NA     scenarios that do not apply to that kernel,
#                           comma separated: reported, not run (default:
#                           the series' own list below)
#   GHOSTSWAP_QEMU_TIMEOUT  seconds a guest may run (default 1200; the
#                           debug kernel's guest gets three times that)
#   GHOSTSWAP_KERNEL_BUDGET seconds the whole suite may take (default
#                           4200, below the meson timeout): a guest gets
#                           no more than what is left, and one that would
#                           start with less than a minute fails unbooted
#   GHOSTSWAP_KERNEL_DEBUG  0 skips the debug kernel (default 1)
#   GHOSTSWAP_KERNEL_NOZSWAP
#                           0 skips the kernel without zswap (default 1)
#   GHOSTSWAP_KERNEL_BOOT   0 stops once the series is applied and
#                           checked: no kernel is built or booted, and the
#                           selftest is only compiled (default 1)
#   GHOSTSWAP_GUEST_ARGS    more kernel command line for the guests, e.g.
#                           ghosttest.skip=w to run an older series past a
#                           scenario that brings it down
#   GHOSTSWAP_KERNEL_IMAGE  a bzImage built from an earlier version of the
#                           series (with kernel/ghostswap.config): boot it
#                           as the main kernel instead of building one, to
#                           show which scenarios fail there; the debug and
#                           no-zswap kernels and the package checks are
#                           left out
set -uo pipefail

srcdir=$(cd "$1" && pwd)
mkswap=$(realpath "$2" 2>/dev/null || echo "$2")
logdir=$3
swaplabel=$(realpath "$4" 2>/dev/null || echo "$4")
setup=$(realpath "$5" 2>/dev/null || echo "$5")
here=$srcdir/tests/kernel
# shellcheck source=initramfs-lib.sh
. "$here/initramfs-lib.sh"
# shellcheck source=../debian-lib.sh
. "$here/../debian-lib.sh"
pkg=${GHOSTSWAP_KERNEL_PKG:-linux-source-7.3}
kver=${pkg#linux-source-}
# Per kernel series: its patches, chosen as kernel/build-deb.sh chooses
# them (kernel/patches-VERSION when there is one), its cache (so that the
# suites of two kernels do not rebuild each other's trees), the scenarios
# that do not apply to it (reported as such, neither run nor counted) and
# guest arguments of its own.  tests/kernel/README.md says why for 6.12.
series_dir=$srcdir/kernel/patches
[ -d "$srcdir/kernel/patches-$kver" ] && series_dir=$srcdir/kernel/patches-$kver
kcache_name=ghostswap-kernel
[ "$kver" = 7.3 ] || kcache_name=ghostswap-kernel-$kver
kernel_na=
kernel_args=
case $kver in
6.12)
	kernel_na=u,x
	kernel_args=ghosttest.charge_size=64G
	;;
esac
cache=${GHOSTSWAP_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/$kcache_name}
kernel_na=${GHOSTSWAP_KERNEL_NA-$kernel_na}
qemu_timeout=${GHOSTSWAP_QEMU_TIMEOUT:-1200}
budget=${GHOSTSWAP_KERNEL_BUDGET:-4200}
debug_kernel=${GHOSTSWAP_KERNEL_DEBUG:-1}
nozswap_kernel=${GHOSTSWAP_KERNEL_NOZSWAP:-1}
boot_kernels=${GHOSTSWAP_KERNEL_BOOT:-1}
guest_args=${GHOSTSWAP_GUEST_ARGS:-}
jobs=$(nproc)
start=$(date +%s)

passed=0
failed=0
skipped=0
# per build directory (by log prefix): whether it already holds this
# series and fragment, and the process building it in the background
declare -A unchanged=() build_pid=()

say() {
	printf 'kernel-tests: [%4ss] %s\n' $(($(date +%s) - start)) "$*"
}

die() {
	printf 'kernel-tests: error: %s\n' "$*" >&2
	echo "FAIL: harness: $*"
	echo "$passed passed, $((failed + 1)) failed"
	exit 1
}

pass() {
	passed=$((passed + 1))
	echo "ok: $*"
}

fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}

mkdir -p "$cache" "$logdir" || die "cannot create $cache or $logdir"
rm -f "$logdir"/kernel-*.log
[ -x "$mkswap" ] || die "mkswap-ghost not found at $mkswap"

need_pkgs "$logdir/kernel-apt.log" flex bison bc libelf-dev make gcc perl \
	python3-ply cpio xz-utils qemu-system-x86 busybox-static e2fsprogs util-linux mount \
	debian-archive-keyring dpkg-dev debhelper rsync kmod openssl libssl-dev libdw-dev \
	python3 patch

# --- the kernel source -------------------------------------------------
say "fetching $pkg"
read -r ver deb < <(bash "$here/fetch-source.sh" "$cache" "$pkg") ||
	die "could not download $pkg"
[ -n "${deb:-}" ] && [ -f "$deb" ] || die "could not download $pkg"
say "$pkg $ver"
echo "$pkg $ver" >"$logdir/kernel-source-version.txt"

# The source is unpacked and the series applied by kernel/build-deb.sh,
# which builds the main kernel's package from the same tree below: its
# cache directory keeps the source as it came (pristine/) and a
# hard-linked copy with the series applied (linux/), made again only when
# the series changes.
patchdir=${GHOSTSWAP_KERNEL_PATCHES:-$series_dir}
# the cover letter (0000-*) is not applied and does not change the tree
patches=()
for p in "$patchdir"/0*.patch; do
	case $(basename "$p") in 0000-*) ;; *) [ -e "$p" ] && patches+=("$p") ;; esac
done
[ ${#patches[@]} -gt 0 ] || die "no patches in $patchdir"
series_id=$(cat "${patches[@]}" | sha256sum | cut -c1-16)
# a build still running when the suite ends (die, or a guest's failure
# ending the script) is stopped with it
stop_builds() {
	local pid
	for pid in "${build_pid[@]}"; do
		pkill -TERM -P "$pid" 2>/dev/null
		kill "$pid" 2>/dev/null
	done
}

work=$(mktemp -d "${TMPDIR:-/tmp}/ghostswap-kernel.XXXXXX")
trap 'stop_builds; rm -rf "$work"' EXIT
mkdir -p "$work/builder-cwd"
pkgdir=$cache/package
# what the suite kept before the builder did it
rm -rf "$cache/linux" "$cache"/pristine-*
say "unpacking $pkg and applying ${#patches[@]} patches (kernel/build-deb.sh --prepare-only)"
# from an empty directory of its own, which must stay empty: the builder
# writes nothing outside its output directory
tree=$(cd "$work/builder-cwd" && "$srcdir/kernel/build-deb.sh" --prepare-only \
	--source "$deb" --patches "$patchdir" "$pkgdir" 2>"$logdir/kernel-prepare.log" |
	tail -n1) && [ -f "$tree/.series" ] || {
	cat "$logdir/kernel-prepare.log" >&2
	die "$(tail -n1 "$logdir/kernel-prepare.log")"
}

# Every patch of the series must be clean for checkpatch --strict.
for p in "${patches[@]}"; do
	name=$(basename "$p")
	summary=$(cd "$tree" && PATH=/usr/bin:/bin:$PATH perl scripts/checkpatch.pl --strict "$p" 2>&1 |
		tee -a "$logdir/kernel-checkpatch.log" | grep "^total:")
	if [[ $summary == "total: 0 errors, 0 warnings"* ]]; then
		pass "checkpatch --strict $name"
	else
		fail "checkpatch --strict $name: ${summary:-no summary}"
	fi
done

# build_selftest OUT: the series' selftest, built from the patched tree
# the way the selftests build it, static, as OUT; a series without it
# leaves scenario st to fail
build_selftest() {
	local sel=$tree/tools/testing/selftests cglib cginc
	[ -f "$sel/cgroup/test_zswap_ghost.c" ] || return 0
	# cgroup_util moved to lib/ after 6.12
	cglib=$sel/cgroup/lib
	cginc=$cglib/include
	[ -f "$cglib/cgroup_util.c" ] || { cglib=$sel/cgroup; cginc=$cglib; }
	gcc -static -O2 -Wall -Werror -pthread -I"$sel" -I"$cginc" \
		-o "$1" "$sel/cgroup/test_zswap_ghost.c" "$cglib/cgroup_util.c"
}

# finish: the closing line, and the exit status
finish() {
	say "done"
	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" = 0 ]
	exit
}

# Without boots (GHOSTSWAP_KERNEL_BOOT=0) the suite stops here: the series
# applies to the source, every patch is clean, and the selftest builds.
if [ "$boot_kernels" = 0 ]; then
	pass "the ${#patches[@]} patches apply to $pkg $ver"
	if [ -f "$tree/tools/testing/selftests/cgroup/test_zswap_ghost.c" ] &&
		build_selftest "$work/test_zswap_ghost"; then
		pass "the series' selftest builds"
	else
		fail "the series' selftest is missing or does not build"
	fi
	finish
fi

# --- the kernels -------------------------------------------------------
# The C files of the series are recompiled whenever a build directory's
# series or fragment changed, so their warnings (and those of the headers
# they include) reach that build's log; a build with nothing to do reports
# what its last real build found (.series-warnings).
touched=$(sed -n 's|^+++ b/||p' "${patches[@]}" | sort -u)
touch_series() {
	local f
	for f in $touched; do
		case $f in *.c) [ -f "$tree/$f" ] && touch "$tree/$f" ;; esac
	done
}

# kernel_prepare BUILD_DIR FRAGMENT LOG_PREFIX: make BUILD_DIR ready to
# build the series with tinyconfig plus FRAGMENT (out of the shared source
# tree, O=).  Quick; returns non-zero with the reason in $kerr.
kernel_prepare() {
	local build=$1 frag=$2 lp=$3 line f
	if [ "$(cat "$build/.built" 2>/dev/null)" = "$ver $series_id" ] &&
		cmp -s "$frag" "$build/.fragment" && [ -f "$build/.series-warnings" ]; then
		unchanged[$lp]=true
	else
		unchanged[$lp]=false
		touch_series
	fi
	# Objects built from another version or series may be newer than the
	# sources now in the tree.  Files the last series changed get a fresh
	# time so make rebuilds what depends on them; with no record of what
	# was built, start from scratch.
	if [ -e "$build" ] && [ "$(cat "$build/.built" 2>/dev/null)" != "$ver $series_id" ]; then
		if [ "$(head -n1 "$build/.built" 2>/dev/null | cut -d' ' -f1)" = "$ver" ] &&
			[ -f "$build/.built-touched" ]; then
			while read -r f; do
				[ -f "$tree/$f" ] || continue
				cp "$tree/$f" "$tree/$f.fresh" && mv -f "$tree/$f.fresh" "$tree/$f"
			done <"$build/.built-touched"
		else
			say "discarding $build (unknown or other source)"
			rm -rf "$build"
		fi
	fi
	mkdir -p "$build"
	if ! cmp -s "$frag" "$build/.fragment" || [ ! -f "$build/.config" ]; then
		say "configuring $(basename "$build") (tinyconfig + $(basename "$frag"))"
		{ make -s -C "$tree" O="$build" tinyconfig >"$logdir/$lp-config.log" 2>&1 &&
		  "$tree/scripts/kconfig/merge_config.sh" -m -O "$build" \
			"$build/.config" "$frag" >>"$logdir/$lp-config.log" 2>&1 &&
		  make -s -C "$tree" O="$build" olddefconfig >>"$logdir/$lp-config.log" 2>&1; } || {
			kerr="kernel configuration failed (see $lp-config.log)"
			return 1
		}
		# every option of the fragment must survive olddefconfig
		while IFS= read -r line; do
			case $line in
			CONFIG_*=*) grep -qx "$line" "$build/.config" ;;
			"# CONFIG_"*" is not set")
				! grep -q "^$(echo "$line" | cut -d' ' -f2)=" "$build/.config" ;;
			*) continue ;;
			esac || {
				kerr="config option lost by olddefconfig: $line"
				return 1
			}
		done <"$frag"
		cp "$frag" "$build/.fragment"
	fi
}

# kernel_checked BUILD_DIR LOG_PREFIX LABEL: after a successful build,
# one check for compiler warnings in the files the series touches (a build
# that had nothing to do reports what its last real build found,
# .series-warnings), and the record of what BUILD_DIR now holds
kernel_checked() {
	local build=$1 lp=$2 label=$3 new_warnings
	if ${unchanged[$lp]}; then
		new_warnings=$(cat "$build/.series-warnings")
	else
		new_warnings=$(grep -F "$touched" "$logdir/$lp-build.log" | grep "warning:")
		printf '%s' "$new_warnings" >"$build/.series-warnings"
	fi
	if [ -n "$new_warnings" ]; then
		fail "${label}kernel build warnings in files the series touches"
		echo "$new_warnings"
	else
		pass "${label}no build warnings in the $(echo "$touched" | wc -l) files the series touches"
	fi
	cp "$tree/.touched" "$build/.built-touched"
	echo "$ver $series_id" >"$build/.built"
}

# build_package BUILD_DIR FRAGMENT LOG_PREFIX PKG_DIR: configure as
# kernel_prepare does, then build that configuration as a Debian package
# in PKG_DIR with kernel/build-deb.sh.  Returns non-zero with the reason
# in $kerr.
build_package() {
	local build=$1 frag=$2 lp=$3 pkgdir=$4
	kernel_prepare "$build" "$frag" "$lp" || return 1
	say "building the kernel package in $pkgdir (kernel/build-deb.sh, -j$jobs)"
	# from an empty directory of its own, which must stay empty: the
	# builder writes nothing outside its output directory
	if ! (cd "$work/builder-cwd" && "$srcdir/kernel/build-deb.sh" --source "$deb" \
		--patches "$patchdir" --config "$build/.config" \
		--localversion -ghostswap-suite --pkgversion "$ver+suite" \
		-j"$jobs" "$pkgdir") >"$logdir/$lp-package.log" 2>&1; then
		tail -n 30 "$logdir/$lp-package.log" >&2
		kerr="kernel package build failed (see $lp-package.log)"
		return 1
	fi
	sed 's/^/  /' "$logdir/$lp-package.log"
	cp "$pkgdir/build.log" "$logdir/$lp-build.log"
	kernel_checked "$build" "$lp" ""
}

# build_start BUILD_DIR FRAGMENT LOG_PREFIX: configure BUILD_DIR, then
# build its bzImage in the background at the lowest priority, so that a
# guest booted meanwhile keeps the CPUs it asks for and the build takes
# what the guest leaves idle; build_finish collects it.
build_start() {
	local build=$1 frag=$2 lp=$3
	rm -f "$work/$lp.rc"
	if ! kernel_prepare "$build" "$frag" "$lp"; then
		echo "$kerr" >"$work/$lp.kerr"
		return
	fi
	say "building $(basename "$build")/bzImage in the background (-j$jobs, nice 19)"
	( nice -n 19 make -C "$tree" O="$build" -j"$jobs" bzImage \
		>"$logdir/$lp-build.log" 2>&1
	  echo $? >"$work/$lp.rc" ) &
	build_pid[$lp]=$!
}

# build_finish BUILD_DIR LOG_PREFIX LABEL: wait for the build build_start
# began, then check it as kernel_checked does.  Returns non-zero with the
# reason in $kerr.
build_finish() {
	local build=$1 lp=$2 label=$3 t0
	if [ -f "$work/$lp.kerr" ]; then
		kerr=$(cat "$work/$lp.kerr")
		return 1
	fi
	t0=$(date +%s)
	wait "${build_pid[$lp]}"
	unset "build_pid[$lp]"
	say "$(basename "$build")/bzImage built (waited $(($(date +%s) - t0)) s for it)"
	if [ "$(cat "$work/$lp.rc" 2>/dev/null)" != 0 ]; then
		tail -n 30 "$logdir/$lp-build.log" >&2
		kerr="kernel build failed (see $lp-build.log)"
		return 1
	fi
	kernel_checked "$build" "$lp" "$label"
}

# package_checks PKG_DIR: unpack the kernel package that build-deb.sh
# made into a scratch root, check it, and set bzimage and pkg_release to
# the kernel it installs
package_checks() {
	local pkgdir=$1 image='' d name pver arch
	for d in "$pkgdir"/linux-image-*.deb; do
		case $d in *-dbg_*) ;; *) [ -f "$d" ] && image=$d ;; esac
	done
	[ -n "$image" ] || die "build-deb.sh made no linux-image package"
	name=$(dpkg-deb -f "$image" Package)
	pver=$(dpkg-deb -f "$image" Version)
	arch=$(dpkg-deb -f "$image" Architecture)
	pkg_release=${name#linux-image-}
	rm -rf "$work/pkgroot"
	dpkg-deb -x "$image" "$work/pkgroot" || die "cannot unpack $image"
	bzimage=$work/pkgroot/boot/vmlinuz-$pkg_release
	if [ -f "$bzimage" ] && [ "$arch" = "$(dpkg --print-architecture)" ] &&
		[ "$pver" = "$ver+suite" ] &&
		grep -qx CONFIG_ZSWAP=y "$work/pkgroot/boot/config-$pkg_release"; then
		pass "package: $name $pver ($arch) installs /boot/vmlinuz-$pkg_release, with CONFIG_ZSWAP=y in its config"
	else
		fail "package: $name $pver ($arch) lacks /boot/vmlinuz-$pkg_release or CONFIG_ZSWAP=y, or has another version or architecture"
	fi
	if [ -z "$(ls -A "$work/builder-cwd")" ] &&
		[ "$(sha256sum <"$deb")" = "$deb_sum" ] &&
		[ "$(cat "${patches[@]}" | sha256sum)" = "$series_sum" ]; then
		pass "package: build-deb.sh left its working directory, the source package and the series as they were"
	else
		fail "package: build-deb.sh wrote outside its output directory or changed its inputs"
	fi
}

if [ -n "${GHOSTSWAP_KERNEL_IMAGE:-}" ]; then
	bzimage=$(realpath "$GHOSTSWAP_KERNEL_IMAGE") ||
		die "no kernel image $GHOSTSWAP_KERNEL_IMAGE"
	say "booting $bzimage instead of the series' kernel"
	debug_kernel=0
	pkg_release=
else
	deb_sum=$(sha256sum <"$deb")
	series_sum=$(cat "${patches[@]}" | sha256sum)
	build_package "$cache/build" "$srcdir/kernel/ghostswap.config" kernel \
		"$pkgdir" || die "$kerr"
	package_checks "$pkgdir"
fi

# --- the initramfs -----------------------------------------------------
say "assembling the initramfs"
root=$work/root
initramfs_base "$root" || die "cannot assemble the initramfs (busybox-static, ghosttest)"
build_selftest "$root/bin/test_zswap_ghost" || die "cannot build test_zswap_ghost"
initramfs_programs "$root" /sbin/swapon /sbin/swapoff /sbin/blkid "$mkswap" "$setup" ||
	die "cannot copy the guest's programs"
[ "$(basename "$mkswap")" = mkswap-ghost ] ||
	mv "$root/bin/$(basename "$mkswap")" "$root/bin/mkswap-ghost"
install -m 0755 "$here/guest-init.sh" "$root/init"
install -m 0644 "$here/guest-lib.sh" "$root/lib/guest-lib.sh"
install -m 0644 "$here/../kmsg-mark.sh" "$root/lib/kmsg-mark.sh"
# the differential corpus: crafted headers that swapon judges in the
# guest and swaplabel-ext --check on the host (diff_table)
install -m 0644 "$here/guest-diff.sh" "$root/lib/guest-diff.sh"
gcc -std=c11 -O2 -Wall -Wextra -Werror -o "$work/mkcorpus" "$here/mkcorpus.c" ||
	die "cannot build mkcorpus"
"$work/mkcorpus" "$root/corpus" || die "cannot write the corpus"
initramfs_pack "$root" "$work/initramfs.cpio" || die "cannot build the initramfs"

# --- boots -------------------------------------------------------------
accel=tcg
if [ -w /dev/kvm ] && grep -qE '\b(vmx|svm)\b' /proc/cpuinfo; then
	accel=kvm
fi

# Scenario ids a guest must report: the ID of every "verdict ID",
# "pool_run ID", "large_folio_run ID" and "ft_end ID" of guest-init.sh, n1 and n2 only
# for the guest without zswap.  A guest that stops early (an oops ends
# it, oops=panic) leaves the rest not reached, and each of those fails.
expected_ids() {
	sed -n -E 's/^[[:space:]]*(verdict|pool_run|large_folio_run|ft_end) ([a-z0-9-]+) .*/\2/p' \
		"$here/guest-init.sh" | if [ "$1" = nozswap ]; then
		grep -x 'n[0-9]*'
	else
		grep -vx 'n[0-9]*'
	fi
}

# make_disks DIR: the guest's disks, see guest-init.sh
make_disks() {
	local d=$1
	rm -f "$d"/vd?.img
	truncate -s 1G "$d/vda.img"
	mkfs.ext4 -q -F "$d/vda.img" || die "mkfs.ext4 failed"
	truncate -s 64M "$d/vdb.img"
	# the ghost files' own filesystem: initialised in full now, so that
	# nothing but the ghost files could ever cause I/O on it later
	truncate -s 64M "$d/vdc.img"
	mkfs.ext4 -q -F -b 4096 -E lazy_itable_init=0,lazy_journal_init=0 \
		"$d/vdc.img" || die "mkfs.ext4 failed"
	truncate -s 512M "$d/vdd.img"
	mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 \
		"$d/vdd.img" || die "mkfs.ext4 failed"
	# blocks larger than the guest's pages (mkfs warns that this host
	# could not mount it; the guest kernel can)
	truncate -s 64M "$d/vde.img"
	mkfs.ext4 -q -F -b 16384 "$d/vde.img" 2>/dev/null ||
		die "mkfs.ext4 -b 16384 failed"
}

disk_args() {
	local d=$1 x
	for x in a b c d e; do
		printf -- '-drive file=%s,if=virtio,format=raw ' "$d/vd$x.img"
	done
}

# taint_names MASK: the kernel's letters for the bits set in MASK
taint_names() {
	local letters=PFSRMBUDAWCIOELKXTN bit=0 out=
	while [ "$bit" -lt ${#letters} ]; do
		[ $(($1 >> bit & 1)) = 1 ] && out="$out${letters:bit:1}"
		bit=$((bit + 1))
	done
	echo "${out:-none}"
}

# guest_logs NAME: set console, dmesg and label, the log files and the
# prefix of the checks of guest NAME
guest_logs() {
	if [ "$1" = main ]; then
		console=$logdir/kernel-console.log
		dmesg=$logdir/kernel-guest-dmesg.log
		label=
	else
		console=$logdir/kernel-$1-console.log
		dmesg=$logdir/kernel-$1-guest-dmesg.log
		label="$1 guest: "
	fi
}

# boot NAME KERNEL MEM_MIB TIMEOUT KERNEL_ARGS QEMU_ARGS...: boot KERNEL
# with the initramfs, console to kernel-console.log (main guest) or
# kernel-NAME-console.log, then count its results, the scenarios it did not
# reach, whether it finished, its taint mask and lockdep's verdict.
boot() {
	local name=$1 kernel=$2 mem=$3 tmo=$4 args=$5 console dmesg label qrc
	local verdict id text seen tainted locks planned left
	shift 5
	guest_logs "$name"
	# the scenarios this guest leaves to another by design (not skips)
	planned=$(sed -n 's/.*ghosttest\.skip=\([^ ]*\).*/\1/p' <<<"$args")
	left=$((start + budget - $(date +%s)))
	if [ "$left" -lt 60 ]; then
		fail "${label}not booted: the suite's time budget of $budget s is spent"
		return
	fi
	[ "$tmo" -le "$left" ] || tmo=$left
	say "booting the $name guest (accel=$accel, 2 CPUs, at most $tmo s)"
	# shellcheck disable=SC2046
	timeout "$tmo" qemu-system-x86_64 \
		-machine q35,accel=$accel -cpu max -smp 2 -m "$mem" \
		-nographic -no-reboot -nodefaults -serial stdio \
		-kernel "$kernel" -initrd "$work/initramfs.cpio" \
		-append "console=ttyS0 panic=-1 oops=panic loglevel=5 $args${kernel_na:+ ghosttest.skip=$kernel_na} $kernel_args $guest_args" "$@" \
		</dev/null >"$console" 2>&1
	qrc=$?
	say "$name guest finished (qemu exit $qrc)"

	sed -n '/^GT-DMESG-BEGIN/,/^GT-DMESG-END/p' "$console" | sed '1d;$d' |
		tr -d '\r' >"$dmesg"
	echo "kernel-tests: $name guest kernel log: $dmesg"
	echo "kernel-tests: $name guest console: $console"
	grep -v "^GT-" "$console" | tr -d '\r' | grep "^guest:\|^ghosttest:\|^selftest:" | sed 's/^/  /'

	seen=" "
	while read -r _ verdict id text; do
		seen="$seen$id "
		if [ "$verdict" = PASS ]; then
			pass "$label$id $text"
		elif [ "$verdict" = SKIP ] && [[ ,$kernel_na, == *,$id,* ]]; then
			echo "${label}$id does not apply to this kernel (tests/kernel/README.md says why)"
		elif [ "$verdict" = SKIP ] && [[ ,$planned, == *,$id,* ]]; then
			echo "${label}$id runs on the main guest only"
		elif [ "$verdict" = SKIP ]; then
			skipped=$((skipped + 1))
			echo "skip: $label$id $text"
		else
			fail "$label$id $text"
		fi
	done < <(tr -d '\r' <"$console" | grep "^GT-RESULT: ")
	for id in $(expected_ids "$name"); do
		case $seen in
		*" $id "*) ;;
		*) fail "$label$id not reached: the guest stopped before it" ;;
		esac
	done

	if ! grep -q "^GT-DONE" "$console"; then
		fail "${label}guest did not finish all scenarios (qemu exit $qrc)"
		tail -n 60 "$console"
	fi
	tainted=$(tr -d '\r' <"$console" | sed -n 's/^GT-TAINT: //p')
	if [ "$tainted" = 0 ]; then
		pass "${label}kernel not tainted at the end of the run"
	elif [ -z "$tainted" ]; then
		fail "${label}taint not reported: the guest did not reach its end"
	else
		fail "${label}kernel tainted: $tainted ($(taint_names "$tainted"))"
	fi
	locks=$(tr -d '\r' <"$console" | sed -n 's/^GT-DEBUG-LOCKS: //p')
	if [ -n "$locks" ]; then
		if [ "$locks" = 1 ]; then
			pass "${label}lockdep found nothing (debug_locks 1)"
		else
			fail "${label}lockdep reported a problem (debug_locks $locks)"
		fi
	fi
	if tr -d '\r' <"$console" |
		grep -E "WARNING:|BUG:|Oops|KASAN|circular locking|inconsistent lock"; then
		fail "${label}kernel log has a warning, BUG, oops or checker report"
	else
		pass "${label}kernel log has no warning, BUG, oops or checker report"
	fi
}

# diff_table NAME: the guest's swapon verdicts on the corpus next to
# swaplabel-ext --check's on the host; one check, failed by any
# disagreement that swap-ghost(5) does not list as intended
diff_table() {
	local name=$1 label console dmesg out
	guest_logs "$name"
	out=$logdir/kernel-${name}-diff.txt
	tr -d '\r' <"$console" | sed -n 's/^GT-DIFF \([^ ]*\) \(accept\|refuse\)$/\1 \2/p' \
		>"$work/verdicts"
	# a kernel series may differ from the tools in more cases, listed
	# in a file of its own (diff-intended-VERSION)
	cat "$here/diff-intended" >"$work/intended"
	if [ -f "$here/diff-intended-${pkg#linux-source-}" ]; then
		cat "$here/diff-intended-${pkg#linux-source-}" >>"$work/intended"
	fi
	"$here/diff-table.sh" "$swaplabel" "$root/corpus" "$work/verdicts" \
		"$work/intended" "$srcdir/man/swap-ghost.5" >"$out" 2>&1
	local rc=$?
	sed 's/^/  /' "$out"
	if [ $rc = 0 ]; then
		pass "${label}diff $(tail -n 1 "$out" | sed 's/^diff: //')"
	else
		fail "${label}diff $(tail -n 1 "$out" | sed 's/^diff: //') (see $(basename "$out"))"
	fi
}

# hibernation_check NAME DISKS: the guest hibernated as its last act with
# a ghost area at swap type 0 and a real swap file next to it; the image
# must be in the real file (its signature replaces SWAPSPACE2) and the
# ghost file must be unchanged
hibernation_check() {
	local name=$1 d=$2 label console dmesg sig gsum gnow
	guest_logs "$name"
	sig=$(debugfs -R "cat /hibernate.swap" "$d/vda.img" 2>/dev/null |
		head -c 4096 | tail -c 10 | tr -d '\0')
	gsum=$(tr -d '\r' <"$console" | sed -n 's/^guest: hibernation: .*; ghost file \([0-9a-f]*\) .*/\1/p')
	gnow=$(debugfs -R "cat /ghost.swap" "$d/vdc.img" 2>/dev/null | md5sum | cut -d' ' -f1)
	echo "kernel-tests: ${label}hibernation: real file signature '$sig'," \
		"ghost file $gsum -> $gnow"
	tr -d '\r' <"$console" | grep "^GT-HIBERNATE"
	# grep -c reads all of its input: with pipefail, grep -q would leave
	# tr to die of SIGPIPE on a long console and fail the pipeline
	tr -d '\r' <"$console" | grep -c "^GT-HIBERNATE: ghost-first=yes" >/dev/null &&
		! tr -d '\r' <"$console" | grep -c "^GT-HIBERNATE: failed" >/dev/null &&
		[ "$sig" = S1SUSPEND ] && [ -n "$gsum" ] && [ "$gsum" = "$gnow" ]
	if [ $? = 0 ]; then
		pass "${label}l2 hibernation with a ghost area at type 0 writes its image to the real area"
	else
		fail "${label}l2 hibernation with a ghost area at type 0 writes its image to the real area"
	fi
}

# --- the other kernels, built while the guests run -------------------------
# The debug kernel: the same fragment plus the kernel's checkers.  The
# kernel without zswap: the same fragment with zswap and its options
# turned off (zsmalloc stays: zram, there for bench/vm.sh, selects it).
# Each has its own build directory and builds in the background while the
# guest before it runs (build_start): the debug kernel during the main
# guest, the kernel without zswap during the debug guest.  An earlier
# series' image (GHOSTSWAP_KERNEL_IMAGE) stands for the main kernel only,
# so neither is built then.
nozswap=$cache/build-nozswap
with_nozswap=false
if [ -z "${GHOSTSWAP_KERNEL_IMAGE:-}" ] && [ "$nozswap_kernel" != 0 ]; then
	with_nozswap=true
	sed -e 's/^CONFIG_ZSWAP=y$/# CONFIG_ZSWAP is not set/' \
		-e '/^CONFIG_ZSWAP_/d' -e '/^CONFIG_ZSMALLOC=/d' \
		"$srcdir/kernel/ghostswap.config" >"$work/nozswap.config"
fi
[ "${GHOSTSWAP_KERNEL_DEBUG:-1}" != 0 ] ||
	say "the debug kernel is left out (GHOSTSWAP_KERNEL_DEBUG=0)"
[ "$nozswap_kernel" != 0 ] ||
	say "the kernel without zswap is left out (GHOSTSWAP_KERNEL_NOZSWAP=0)"
if [ "$debug_kernel" != 0 ]; then
	cat "$srcdir/kernel/ghostswap.config" "$srcdir/kernel/ghostswap-debug.config" \
		>"$work/debug.config"
	build_start "$cache/build-debug" "$work/debug.config" kernel-debug
elif $with_nozswap; then
	build_start "$nozswap" "$work/nozswap.config" kernel-nozswap
fi

make_disks "$work"
boot main "$bzimage" 768 "$qemu_timeout" \
	"zswap.enabled=1 zswap.compressor=lzo ghosttest=hibernate" \
	$(disk_args "$work")
if [ -n "$pkg_release" ]; then
	booted=$(tr -d '\r' <"$logdir/kernel-console.log" | sed -n 's/^GT-RELEASE: //p')
	t_release="main guest ran the packaged kernel"
	if [ "$booted" = "$pkg_release" ]; then
		pass "$t_release ($booted)"
	else
		fail "$t_release: uname -r says '${booted:-nothing}', the package $pkg_release"
	fi
fi
hibernation_check main "$work"
diff_table main

# --- the debug kernel ----------------------------------------------------
# Every scenario of the main guest with data and cgroups an eighth of the
# size (the checkers make it ten times slower and more), but two that run
# on the main guest only (debug_main_only): ft-global and oom fill all of
# the guest's memory, which the scale does not shrink, and took 100 to
# 840 s and 55 to 95 s of a debug guest of about 700 s.  Their kernel
# paths still run under the checkers: the fall-through from a ghost slot
# to the real area in ft-memcg, ft-off, ft-zmax0 and ft-shmem, global
# reclaim (kswapd and direct) over a ghost area in r, and the OOM kill
# with ghost swap in d and off-ghost.
debug_main_only=ft-global,oom
if [ "$debug_kernel" != 0 ]; then
	debug_err=
	build_finish "$cache/build-debug" kernel-debug "debug kernel: " || debug_err=$kerr
	$with_nozswap && build_start "$nozswap" "$work/nozswap.config" kernel-nozswap
	if [ -z "$debug_err" ]; then
		make_disks "$work"
		boot debug "$cache/build-debug/arch/x86/boot/bzImage" 768 \
			$((qemu_timeout * 3)) \
			"zswap.enabled=1 zswap.compressor=lzo ghosttest=hibernate ghosttest.scale=8 slub_debug=FZ ghosttest.skip=$debug_main_only" \
			$(disk_args "$work")
		hibernation_check debug "$work"
		diff_table debug
	else
		fail "debug kernel: $debug_err"
	fi
fi

# --- the kernel without zswap (scenario n) -------------------------------
# The guest only checks what such a kernel does with ghost and regular
# swap files.
if $with_nozswap; then
	if build_finish "$nozswap" kernel-nozswap "nozswap kernel: "; then
		truncate -s 64M "$work/vdn.img"
		# 4 KiB blocks: a small filesystem defaults to 1 KiB ones, and swap
		# then skips the pages whose blocks are not page-aligned on disk
		mkfs.ext4 -q -F -b 4096 "$work/vdn.img" || die "mkfs.ext4 failed"
		boot nozswap "$nozswap/arch/x86/boot/bzImage" 256 "$qemu_timeout" \
			"ghosttest=nozswap" \
			-drive "file=$work/vdn.img,if=virtio,format=raw"
	else
		fail "n kernel without CONFIG_ZSWAP: $kerr"
	fi
fi
finish

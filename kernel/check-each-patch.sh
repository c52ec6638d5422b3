#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Check that every patch of the series builds on its own: apply the
# patches one at a time to the pristine source the kernel suite unpacked,
# and after each compile the objects of every C file the series touches
# (all of them when the patch changes a header, else those of the C files
# it changes) that the suite's configuration builds, with warnings as
# errors.  A bisection of the series then
# meets no broken build.
#
# usage: kernel/check-each-patch.sh [PATCH_DIR]   (default: kernel/patches)
#
# Needs the kernel suite's cache (run `meson test -C build --suite kernel-7.3`
# once): GHOSTSWAP_KERNEL_CACHE as for the suite, so for the 6.12 series
# the cache of the suite's 6.12 run.  Works in a directory of
# its own under the cache and leaves the suite's tree and builds alone.
# Takes about 10 minutes on two cores.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
patchdir=$(cd "${1:-$here/patches}" && pwd)
cache=${GHOSTSWAP_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ghostswap-kernel}
fragment=$here/ghostswap.config
jobs=$(nproc)

die() {
	echo "check-each-patch: $*" >&2
	exit 1
}

# unpacked by kernel/build-deb.sh for the suite
pristine=$cache/package/pristine
[ -f "$pristine/.source" ] ||
	die "no unpacked kernel source in $cache/package; run the kernel suite once"
patches=()
for p in "$patchdir"/0*.patch; do
	case $(basename "$p") in 0000-*) ;; *) patches+=("$p") ;; esac
done
[ ${#patches[@]} -gt 0 ] || die "no patches in $patchdir"

work=$cache/each-patch
tree=$work/linux
build=$work/build
rm -rf "$tree"
mkdir -p "$work"
# patch(1) writes a new file for each one it changes, so the hard links
# keep the pristine tree as it is
cp -al "$pristine" "$tree" || die "cannot copy $pristine"

if ! cmp -s "$fragment" "$build/.fragment"; then
	rm -rf "$build"
	mkdir -p "$build"
	{ make -s -C "$tree" O="$build" tinyconfig &&
	  "$tree/scripts/kconfig/merge_config.sh" -m -O "$build" "$build/.config" "$fragment" &&
	  make -s -C "$tree" O="$build" olddefconfig; } >"$work/config.log" 2>&1 ||
		die "configuration failed (see $work/config.log)"
	cp "$fragment" "$build/.fragment"
fi
echo "check-each-patch: preparing the build directory"
make -s -C "$tree" O="$build" -j"$jobs" prepare >"$work/prepare.log" 2>&1 ||
	die "make prepare failed (see $work/prepare.log)"

# objects of the given C files that the suite's main build compiled (a
# file the configuration leaves out, mm/memcontrol-v1.c say, cannot be
# compiled alone); the suite builds its main kernel as a package, in the
# builder's build directory
suite_build=$cache/package/build
[ -f "$suite_build/vmlinux" ] || die "no kernel build in $suite_build; run the kernel suite once"
built_objs() {
	local f o
	for f in "$@"; do
		o=${f%.c}.o
		[ -f "$suite_build/$o" ] && echo "$o"
	done
	return 0
}
# shellcheck disable=SC2046
all_objs=$(built_objs $(sed -n 's|^+++ b/\(.*\.c\)$|\1|p' "${patches[@]}" | sort -u))
failed=0
n=0
for p in "${patches[@]}"; do
	n=$((n + 1))
	name=$(basename "$p")
	patch -d "$tree" -p1 -s -N --no-backup-if-mismatch <"$p" >"$work/patch.log" 2>&1 ||
		die "$name does not apply (see $work/patch.log)"
	files=$(sed -n 's|^+++ b/||p' "$p")
	if grep -q '\.h$' <<<"$files"; then
		objs=$all_objs
	else
		# shellcheck disable=SC2046
		objs=$(built_objs $(grep '\.c$' <<<"$files"))
	fi
	if [ -z "$objs" ]; then
		echo "ok $n $name (no kernel C file)"
		continue
	fi
	# compile them now, whatever make thinks of the times: the tree is
	# rebuilt from the pristine one for every run
	for o in $objs; do
		rm -f "$build/$o"
	done
	# shellcheck disable=SC2086
	if make -s -C "$tree" O="$build" -j"$jobs" KCFLAGS=-Werror $objs \
		>"$work/build-$n.log" 2>&1; then
		echo "ok $n $name"
	else
		echo "FAIL $n $name (see $work/build-$n.log)"
		grep -m 5 "error:" "$work/build-$n.log"
		failed=$((failed + 1))
	fi
done
echo "check-each-patch: $((n - failed)) of $n patches build on their own"
[ "$failed" = 0 ]

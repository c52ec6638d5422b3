#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Install what ghostswap needs on Debian, then configure and build it in
# ./build with warnings as errors.  Run as root (apt-get); safe to re-run.
#
# usage: setup.sh [--tools]
#   --tools  only what building and running the tools needs (a compiler,
#            Meson, libblkid and libuuid): the test suites are left out
#   without: everything every test suite needs as well
set -euo pipefail

cd "$(dirname "$0")/.."
tools_only=no
case ${1:-} in
--tools) tools_only=yes ;;
"") ;;
*) echo "usage: $0 [--tools]" >&2; exit 2 ;;
esac

# The tools: compiler, Meson, util-linux's libraries.
tools_packages=(gcc meson ninja-build pkg-config libblkid-dev uuid-dev)
# Build of the suites: make, Check for the unit tests.
build_packages=("${tools_packages[@]}" make check)
# Translations (po/): gettext's xgettext and msgfmt, for `ninja
# ghostswap-pot`, catalogs and the nls test.
build_packages+=(gettext)
# Command-line tests: Debian's util-linux tools to compare with, jq to
# parse --json output, strace to make reads of /proc/swaps fail.
# The host suite mounts a btrfs loop image (kmod: where btrfs is a module).
cli_packages=(util-linux e2fsprogs jq strace btrfs-progs kmod)
# Docs suite: the man page linters (groff-base has groff and tbl, without
# X11), bash-completion, whose loader the completion test calls,
# licensecheck, which the licensing test compares with each SPDX line, and
# systemd, whose systemd-analyze verifies ghostswap-setup's unit.
docs_packages=(mandoc groff-base bash-completion licensecheck systemd)
# Debian packages (debian/, built by .ci/run): the tools that build and
# check them, and the Build-Depends no list above has (gettext: po/).
package_packages=(dpkg-dev debhelper lintian gettext)
# Install suite: abidw and abidiff, for the library's ABI against the one
# recorded in libghostswap/libghostswap.abi.
install_packages=(abigail-tools)
# Fuzzing (tests/fuzz): clang, libFuzzer and the sanitizers' runtimes (only
# recommended by clang, so named here), llvm-symbolizer for readable stacks.
fuzz_packages=(clang libclang-rt-dev llvm)
# Booted-kernel suite: kernel build tools, qemu, the guest's userland; the
# main kernel is built as a Debian package by kernel/build-deb.sh: make
# bindeb-pkg checks the build dependencies the kernel's packaging declares
# (debhelper, libdw-dev, libssl-dev, python3, rsync, kmod, ...), and
# openssl makes the kernel's signing key.
kernel_packages=(flex bison bc libelf-dev perl python3-ply cpio xz-utils
	qemu-system-x86 busybox-static mount debian-archive-keyring
	dpkg-dev debhelper rsync kmod openssl libssl-dev libdw-dev python3 patch)
# util-linux suite: dpkg-source (dpkg-dev) and xz unpack the source, git
# applies the series (binary test images too); the autotools rerun
# autogen.sh when a patch changes the build system.
util_linux_packages=(dpkg-dev xz-utils git debian-archive-keyring
	autoconf automake autopoint libtool gettext bison)

if [ $tools_only = yes ]; then
	wanted=("${tools_packages[@]}")
else
	wanted=("${build_packages[@]}" "${cli_packages[@]}" "${docs_packages[@]}"
		"${package_packages[@]}" "${install_packages[@]}" "${fuzz_packages[@]}"
		"${kernel_packages[@]}" "${util_linux_packages[@]}")
fi
missing=()
for pkg in "${wanted[@]}"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "setup: missing packages (run as root to install): ${missing[*]}" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ $tools_only = yes ]; then
	[ -f build/build.ninja ] || meson setup build -Dwerror=true -Dtests=false
elif [ ! -f build/build.ninja ]; then
	meson setup build -Dwerror=true
else
	# a build set up by --tools gets its suites now
	meson configure build -Dtests=true
fi
ninja -C build

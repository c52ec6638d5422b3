#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Install what ghostswap needs on Debian, then configure and build it in
# ./build with warnings as errors.  Run as root (apt-get); safe to re-run.
set -euo pipefail

cd "$(dirname "$0")/.."

# Build: compiler, Meson, util-linux's libraries, Check for the unit tests.
build_packages=(gcc make meson ninja-build pkg-config check
	libblkid-dev uuid-dev)
# Translations (po/): gettext's xgettext and msgfmt, for `ninja
# ghostswap-pot`, catalogs and the nls test.
build_packages+=(gettext)
# Command-line tests: Debian's util-linux tools to compare with, jq to
# parse --json output, strace to make reads of /proc/swaps fail.
# The host suite mounts a btrfs loop image (kmod: where btrfs is a module).
cli_packages=(util-linux e2fsprogs jq strace btrfs-progs kmod)
# Docs suite: the man page linters (groff-base has groff and tbl, without
# X11), bash-completion, whose loader the completion test calls, and
# licensecheck, which the licensing test compares with each SPDX line.
docs_packages=(mandoc groff-base bash-completion licensecheck)
# Debian packages (debian/, built by .ci/run): the tools that build and
# check them, and the Build-Depends no list above has (gettext: po/).
package_packages=(dpkg-dev debhelper lintian gettext)
# Fuzzing (tests/fuzz): clang, libFuzzer and the sanitizers' runtimes (only
# recommended by clang, so named here), llvm-symbolizer for readable stacks.
fuzz_packages=(clang libclang-rt-dev llvm)
# Booted-kernel suite: kernel build tools, qemu, the guest's userland.
kernel_packages=(flex bison bc libelf-dev perl python3-ply cpio xz-utils
	qemu-system-x86 busybox-static mount debian-archive-keyring)
# util-linux suite: dpkg-source (dpkg-dev) and xz unpack the source, git
# applies the series (binary test images too); the autotools rerun
# autogen.sh when a patch changes the build system.
util_linux_packages=(dpkg-dev xz-utils git debian-archive-keyring
	autoconf automake autopoint libtool gettext bison)

missing=()
for pkg in "${build_packages[@]}" "${cli_packages[@]}" "${docs_packages[@]}" \
	"${package_packages[@]}" "${fuzz_packages[@]}" "${kernel_packages[@]}" \
	"${util_linux_packages[@]}"; do
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

if [ ! -f build/build.ninja ]; then
	meson setup build -Dwerror=true
fi
ninja -C build

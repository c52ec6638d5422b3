#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fetch Debian's linux-source package for the series into the cache, using a
# private apt sources list so the machine's own apt configuration is left
# alone.  Prints the package version and the path of the downloaded .deb.
#
# usage: fetch-source.sh CACHE_DIR PACKAGE
set -euo pipefail
# shellcheck source=../debian-lib.sh
. "$(dirname "$0")/../debian-lib.sh"

cache=$1
pkg=${2:-linux-source-7.3}
mkdir -p "$cache/debs"
# trixie itself for linux-source-6.12, its backports for newer kernels
private_apt "$cache/apt" deb "trixie trixie-updates trixie-backports experimental" amd64 || exit 1

# newest .deb already in the cache, for when the archive cannot be reached
cached_deb() {
	ls "$cache/debs/${pkg}_"*.deb 2>/dev/null | sort -V | tail -n1
}

if ! apt-get "${APT_OPTS[@]}" -qq update >&2; then
	deb=$(cached_deb)
	if [ -n "$deb" ]; then
		echo "fetch-source: apt-get update failed, using the cached $deb" >&2
		ver=$(dpkg-deb -f "$deb" Version)
		echo "$ver $deb"
		exit 0
	fi
	echo "fetch-source: apt-get update failed and nothing is cached" >&2
	exit 1
fi
ver=$(apt-cache "${APT_OPTS[@]}" show "$pkg" 2>/dev/null |
	awk '/^Version:/ { print $2 }' | sort -V | tail -n1)
if [ -z "$ver" ]; then
	echo "fetch-source: $pkg not found in trixie, trixie-updates, trixie-backports or experimental" >&2
	exit 1
fi
deb=$(ls "$cache/debs/${pkg}_${ver}_"*.deb 2>/dev/null | head -n1 || true)
if [ -z "$deb" ]; then
	(cd "$cache/debs" && apt-get "${APT_OPTS[@]}" -qq download "$pkg=$ver" >&2)
	deb=$(ls "$cache/debs/${pkg}_${ver}_"*.deb | head -n1)
fi
echo "$ver $deb"

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fetch Debian's util-linux source package (newest 2.42.x in sid) into the
# cache, using a private apt sources list so the machine's own apt
# configuration is left alone.  Trust comes from the archive: apt checks
# sid's Release file against the Debian archive keyring and every
# downloaded file against the checksums in the signed Sources index.
# Prints the version and the path of the .dsc (or, when the mirror lacks
# it, the upstream version and the path of the .orig.tar.xz).
#
# usage: fetch-source.sh CACHE_DIR
set -euo pipefail
# shellcheck source=../debian-lib.sh
. "$(dirname "$0")/../debian-lib.sh"

cache=$1
pkg=util-linux
series=2.42
src_dir=$cache/src
mkdir -p "$src_dir"

# newest cached source of the series, for when the archive cannot be
# reached: a .dsc, or an upstream tarball
cached_source() {
	# shellcheck disable=SC2012 # the names are ours, without blanks
	ls "$src_dir/${pkg}_$series".*.dsc "$src_dir/${pkg}_$series".*.orig.tar.xz \
		2>/dev/null | sort -V | tail -n1
}

source_version() {
	case $1 in
	*.dsc) awk '/^Version:/ { print $2; exit }' "$1" ;;
	*) basename "$1" .orig.tar.xz | sed 's/^[^_]*_//' ;;
	esac
}

private_apt "$cache/apt" deb-src sid || exit 1
# what this machine has installed plays no part in fetching a source
APT_OPTS+=(-o "Dir::State::Status=/dev/null")

if ! apt-get "${APT_OPTS[@]}" -qq update >&2; then
	src=$(cached_source)
	if [ -n "$src" ]; then
		echo "fetch-source: apt-get update failed, using the cached $src" >&2
		echo "$(source_version "$src") $src"
		exit 0
	fi
	echo "fetch-source: apt-get update failed and nothing is cached" >&2
	exit 1
fi
ver=$(apt-cache "${APT_OPTS[@]}" showsrc "$pkg" 2>/dev/null |
	awk '/^Version:/ { print $2 }' | grep "^$series\." | sort -V | tail -n1 || true)
if [ -z "$ver" ]; then
	echo "fetch-source: no $pkg $series.x source in sid" >&2
	exit 1
fi
dsc=$src_dir/${pkg}_${ver#*:}.dsc
upver=${ver#*:}
upver=${upver%-*}
orig=$src_dir/${pkg}_$upver.orig.tar.xz
if [ -f "$dsc" ]; then
	echo "$ver $dsc"
	exit 0
fi
# Download into a scratch directory and move the files in only when
# complete, so that an interrupted download never looks cached.
tmp=$(mktemp -d "$src_dir/.dl.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if (cd "$tmp" && apt-get "${APT_OPTS[@]}" -qq source --download-only \
	"$pkg=$ver" >&2); then
	mv "$tmp"/* "$src_dir/"
	echo "$ver $dsc"
	exit 0
fi
# Some mirrors lag behind their own Sources index and lack the newest
# .dsc while already carrying the upstream tarball.  The tarball alone is
# still the release the series is written against, so fetch it by the
# checksum the signed index gives (apt-helper verifies it) and say that
# Debian's own patches are missing.
echo "fetch-source: $pkg $ver incomplete on the mirror; using the upstream tarball without Debian's patches" >&2
if [ ! -f "$orig" ]; then
	stanza=$(apt-cache "${APT_OPTS[@]}" showsrc "$pkg" | awk -v v="$ver" '
		/^$/ { if (hit) exit; n = 0; delete l; next }
		{ l[++n] = $0 }
		/^Version:/ && $2 == v { hit = 1 }
		END { if (hit) for (i = 1; i <= n; i++) print l[i] }')
	dir=$(awk '/^Directory:/ { print $2 }' <<<"$stanza")
	sum=$(awk -v f="$(basename "$orig")" '
		/^Checksums-Sha256:/ { on = 1; next }
		/^[^ ]/ { on = 0 }
		on && $3 == f { print $1 }' <<<"$stanza")
	if [ -z "$dir" ] || [ -z "$sum" ]; then
		echo "fetch-source: no $(basename "$orig") in the Sources entry of $ver" >&2
		exit 1
	fi
	/usr/lib/apt/apt-helper "${APT_OPTS[@]}" download-file \
		"$DEBIAN_URI/$dir/$(basename "$orig")" "$tmp/$(basename "$orig")" \
		"SHA256:$sum" >&2
	mv "$tmp/$(basename "$orig")" "$orig"
fi
echo "$upver $orig"

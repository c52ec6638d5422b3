#!/bin/bash
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
apt_dir=$cache/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" \
	"$apt_dir/sources.list.d" "$cache/debs"


keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [ ! -r "$keyring" ]; then
	echo "fetch-source: $keyring missing (install debian-archive-keyring)" >&2
	exit 1
fi
uri=$(find_debian_uri) || {
	echo "fetch-source: no Debian archive URI found in the apt configuration" >&2
	exit 1
}

srcfile=$apt_dir/kernel.sources
cat >"$srcfile" <<EOS
Types: deb
URIs: $uri
Suites: trixie-backports experimental
Components: main
Architectures: amd64
Signed-By: $keyring
EOS

aptopts=(-o "Dir::Etc::sourcelist=$srcfile"
	-o "Dir::Etc::sourceparts=$apt_dir/sources.list.d"
	-o "Dir::State::Lists=$apt_dir/lists"
	-o "Dir::Cache=$apt_dir"
	-o "Dir::Cache::archives=$apt_dir/archives"
	-o APT::Get::List-Cleanup=0
	-o Debug::NoLocking=1
	-o APT::Sandbox::User=root)

# newest .deb already in the cache, for when the archive cannot be reached
cached_deb() {
	ls "$cache/debs/${pkg}_"*.deb 2>/dev/null | sort -V | tail -n1
}

if ! apt-get "${aptopts[@]}" -qq update >&2; then
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
ver=$(apt-cache "${aptopts[@]}" show "$pkg" 2>/dev/null |
	awk '/^Version:/ { print $2 }' | sort -V | tail -n1)
if [ -z "$ver" ]; then
	echo "fetch-source: $pkg not found in trixie-backports or experimental" >&2
	exit 1
fi
deb=$(ls "$cache/debs/${pkg}_${ver}_"*.deb 2>/dev/null | head -n1 || true)
if [ -z "$deb" ]; then
	(cd "$cache/debs" && apt-get "${aptopts[@]}" -qq download "$pkg=$ver" >&2)
	deb=$(ls "$cache/debs/${pkg}_${ver}_"*.deb | head -n1)
fi
echo "$ver $deb"

# SPDX-License-Identifier: GPL-2.0-or-later
# Debian helpers shared by the suites that build downloaded sources
# (tests/kernel, tests/util-linux); source it.
# shellcheck shell=bash

# find_debian_uri: the URI of the Debian mirror this machine's apt already
# uses (deb or deb-src, never the security archive), so that no host name
# is baked into the project; fails when there is none.
find_debian_uri() {
	local f uri
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		uri=$(awk '
			/^[[:space:]]*$/ { if (deb && uri) { print uri; exit } deb = 0; uri = "" ; next }
			/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { uri = $i; break } }
			/^Signed-By:.*debian-archive-keyring/ { deb = 1 }
			END { if (deb && uri) print uri }' "$f" | head -n1)
		if [ -n "$uri" ]; then
			echo "$uri"
			return
		fi
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		uri=$(awk '($1 == "deb" || $1 == "deb-src") && $0 !~ /security/ && $0 ~ /debian/ {
			for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' "$f")
		if [ -n "$uri" ]; then
			echo "$uri"
			return
		fi
	done
	return 1
}

# private_apt APT_DIR TYPES SUITES [ARCHITECTURES]: an apt configuration
# of its own in APT_DIR, so that the machine's is left alone, with one
# source: this machine's Debian mirror (find_debian_uri), trusted through
# the Debian archive keyring; apt checks the suites' Release files with
# it and every download against their signed indexes.  Sets APT_OPTS, the
# options that select it, and DEBIAN_URI; says why and fails when it
# cannot.
private_apt() {
	local dir=$1 types=$2 suites=$3 arch=${4:-}
	local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	local sources=$dir/debian.sources
	mkdir -p "$dir/lists/partial" "$dir/archives/partial" "$dir/sources.list.d"
	if [ ! -r "$keyring" ]; then
		echo "${DEBIAN_LIB_PROG:-fetch-source}: $keyring missing (install debian-archive-keyring)" >&2
		return 1
	fi
	DEBIAN_URI=$(find_debian_uri) || {
		echo "${DEBIAN_LIB_PROG:-fetch-source}: no Debian archive URI found in the apt configuration" >&2
		return 1
	}
	{
		echo "Types: $types"
		echo "URIs: $DEBIAN_URI"
		echo "Suites: $suites"
		echo "Components: main"
		[ -z "$arch" ] || echo "Architectures: $arch"
		echo "Signed-By: $keyring"
	} >"$sources"
	# shellcheck disable=SC2034 # for the caller
	APT_OPTS=(-o "Dir::Etc::sourcelist=$sources"
		-o "Dir::Etc::sourceparts=$dir/sources.list.d"
		-o "Dir::State::Lists=$dir/lists"
		-o "Dir::Cache=$dir"
		-o "Dir::Cache::archives=$dir/archives"
		-o APT::Get::List-Cleanup=0
		-o Debug::NoLocking=1
		-o APT::Sandbox::User=root)
}

# need_pkgs LOG PACKAGE...: install what is missing when running as root
# (apt-get's output goes to LOG), so a fresh CI machine needs no extra
# step; otherwise stop and name it.  Uses the caller's say and die.
need_pkgs() {
	local log=$1 missing=() p
	shift
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" = 0 ] || die "missing Debian packages: ${missing[*]}"
	say "installing ${missing[*]}"
	# the package lists may be stale or absent: update only when needed;
	# suites that run side by side wait for each other's dpkg lock
	local lock=(-o DPkg::Lock::Timeout=900)
	{ DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" install -y -qq \
		--no-install-recommends "${missing[@]}" ||
	  { apt-get "${lock[@]}" update -qq &&
	    DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" install -y -qq \
		--no-install-recommends "${missing[@]}"; }; } >"$log" 2>&1 ||
		die "apt-get install ${missing[*]} failed (see $(basename "$log"))"
}

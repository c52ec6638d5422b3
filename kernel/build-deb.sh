#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build an installable Debian kernel package with the ghost swap series:
# Debian's linux-source of a given version, the series applied, a given
# configuration (by default the running kernel's) with the options the
# series needs switched on, and the kernel's own `make bindeb-pkg`.
#
# Everything it writes goes into OUTDIR: the downloaded source package,
# the unpacked and patched tree, the build, its temporary files and the
# packages.  An OUTDIR this script made before is reused, so that a build
# of the same source is incremental; any other OUTDIR must be empty.
set -uo pipefail

prog='build-deb.sh'
version=0.1.0
here=$(cd "$(dirname "$0")" && pwd)
# the Debian suites that carry linux-source packages for Debian 13
suites="trixie trixie-updates trixie-backports"
stamp=.ghostswap-build-deb

usage() {
	cat <<EOF
Usage:
 $prog [options] <outdir>

Build an installable Debian kernel package (linux-image) with the ghost
swap series, from Debian's linux-source package.

Options:
 -s, --source <version|file>  linux-source package: the kernel version it
                                is named for (7.3 downloads linux-source-7.3)
                                or a linux-source .deb already downloaded
                                (default: 7.3)
 -p, --patches <dir>          the series (default: kernel/patches-VERSION
                                when there is one for the source's kernel
                                version, as kernel/patches-6.12, else
                                kernel/patches)
 -c, --config <file>          configuration to start from (default: the
                                running kernel's /boot/config-\$(uname -r))
 -l, --localversion <string>  appended to the kernel release (default: -ghostswap)
     --pkgversion <version>   version of the packages (default: the
                                source package's, with +ghostswap1)
     --keep-debug-info        keep the configuration's debug information
                                (by default it is switched off: it makes the
                                build several times longer and larger)
     --prepare-only           stop once the series is applied, and print
                                the patched tree's path (for a script that
                                builds from it itself)
 -j, --jobs <n>               parallel build jobs (default: $(nproc))

 -h, --help                   display this help
 -V, --version                display version

Exit status: 0 when the packages are built, 1 on any error or bad usage
(the reason is printed).
EOF
	exit 0
}

die() {
	echo "$prog: $*" >&2
	exit 1
}

bad_usage() {
	echo "$prog: $*" >&2
	echo "Try '$prog --help' for more information." >&2
	exit 1
}

start=$(date +%s)
step=0
steps=7
progress() {
	step=$((step + 1))
	printf '%s: [%d/%d %3dm%02ds] %s\n' "$prog" $step $steps \
		$((($(date +%s) - start) / 60)) $((($(date +%s) - start) % 60)) "$*"
}

# --- options ---------------------------------------------------------------
source_arg=7.3
patchdir=
config=
localversion=-ghostswap
pkgversion=
keep_debug=false
prepare_only=false
jobs=$(nproc)
outdir=

opts=$(getopt -n "$prog" -o s:p:c:l:j:hV \
	-l source:,patches:,config:,localversion:,pkgversion:,keep-debug-info,prepare-only,jobs:,help,version \
	-- "$@") || {
	echo "Try '$prog --help' for more information." >&2
	exit 1
}
eval set -- "$opts"
while true; do
	case $1 in
	-s | --source) source_arg=$2; shift 2 ;;
	-p | --patches) patchdir=$2; shift 2 ;;
	-c | --config) config=$2; shift 2 ;;
	-l | --localversion) localversion=$2; shift 2 ;;
	--pkgversion) pkgversion=$2; shift 2 ;;
	--keep-debug-info) keep_debug=true; shift ;;
	--prepare-only) prepare_only=true; shift ;;
	-j | --jobs) jobs=$2; shift 2 ;;
	-h | --help) usage ;;
	-V | --version) echo "$prog from ghostswap $version"; exit 0 ;;
	--) shift; break ;;
	esac
done
[ $# -eq 1 ] || bad_usage "expected one output directory, got $#"
$prepare_only && steps=4
outdir=$1
case $jobs in '' | *[!0-9]* | 0) bad_usage "--jobs: not a positive number: $jobs" ;; esac
case $localversion in *[!A-Za-z0-9.+-]*) bad_usage "--localversion: only letters, digits and . + - may be used: $localversion" ;; esac

# --- 1: what the build needs -------------------------------------------------
progress "checking the tools and the configuration"
# command, then the Debian package that has it
tools="make:make gcc:gcc flex:flex bison:bison bc:bc perl:perl cpio:cpio flock:util-linux
	rsync:rsync kmod:kmod openssl:openssl python3:python3 patch:patch
	dpkg-buildpackage:dpkg-dev dpkg-deb:dpkg xz:xz-utils dh:debhelper"
missing=()
for t in $tools; do
	command -v "${t%%:*}" >/dev/null 2>&1 || missing+=("${t#*:}")
done
# libraries: their headers, looked for where Debian puts them
[ -e /usr/include/libelf.h ] || missing+=(libelf-dev)
[ -e /usr/include/openssl/ssl.h ] || missing+=(libssl-dev)
[ -e /usr/include/elfutils/libdw.h ] || missing+=(libdw-dev)
if [ ${#missing[@]} -gt 0 ]; then
	die "missing Debian packages: ${missing[*]}
install them with: apt-get install ${missing[*]}"
fi

if [ -z "$config" ] && ! $prepare_only; then
	config=/boot/config-$(uname -r)
	[ -r "$config" ] ||
		die "no configuration of the running kernel at $config; give one with --config"
fi
if ! $prepare_only; then
	[ -f "$config" ] && [ -r "$config" ] || die "cannot read the configuration $config"
	grep -q '^CONFIG_' "$config" || die "$config is not a kernel configuration"
	grep -qx 'CONFIG_SWAP=y' "$config" ||
		die "$config has no swap (CONFIG_SWAP is not set): ghost swap needs a kernel with swap; start from another configuration"
	grep -qx 'CONFIG_MMU=y' "$config" ||
		die "$config is for a kernel without an MMU, which has no swap"
	config=$(realpath "$config")
fi

# load_series: the patches of $patchdir, checked before any work
load_series() {
	local p
	[ -d "$patchdir" ] || die "no series at $patchdir"
	patchdir=$(cd "$patchdir" && pwd)
	patches=()
	for p in "$patchdir"/0*.patch; do
		case $(basename "$p") in 0000-*) ;; *) [ -e "$p" ] && patches+=("$p") ;; esac
	done
	[ ${#patches[@]} -gt 0 ] || die "no patches (0001-*.patch ...) in $patchdir"
}
# a series named on the command line is checked now; the default one
# depends on the source's kernel version, known once the package is
[ -z "$patchdir" ] || load_series

# The output directory: made here, or made by an earlier run, or empty.
if [ -e "$outdir" ]; then
	[ -d "$outdir" ] || die "$outdir exists and is not a directory"
	if [ ! -e "$outdir/$stamp" ] && [ -n "$(ls -A "$outdir")" ]; then
		die "$outdir is not empty and was not made by $prog; give a new or empty directory"
	fi
fi
mkdir -p "$outdir" || die "cannot create $outdir"
outdir=$(cd "$outdir" && pwd)
# the stamp is also the lock: two builds in one directory would compile
# the same objects at once and break each other's
exec 9>>"$outdir/$stamp" || die "cannot write to $outdir"
flock -n 9 || die "$outdir is in use by another $prog; wait for it to end or give another directory"
mkdir -p "$outdir/tmp"
export TMPDIR=$outdir/tmp

# --- 2: the source package -----------------------------------------------------
case $source_arg in
*.deb)
	progress "using $source_arg"
	deb=$(realpath "$source_arg" 2>/dev/null) && [ -f "$deb" ] ||
		die "no such file: $source_arg"
	;;
*)
	pkg=linux-source-$source_arg
	progress "downloading $pkg from Debian (${suites// /, })"
	case $source_arg in *[!0-9.]* | .* | *.) die "--source: not a version like 6.12 or 7.3, nor a .deb: $source_arg" ;; esac
	# shellcheck source=../tests/debian-lib.sh
	. "$here/../tests/debian-lib.sh"
	# shellcheck disable=SC2034 # names this script in debian-lib.sh's messages
	DEBIAN_LIB_PROG=$prog
	private_apt "$outdir/apt" deb "$suites" || exit 1
	apt-get "${APT_OPTS[@]}" -qq update >"$outdir/apt.log" 2>&1 ||
		die "apt-get update failed (see $outdir/apt.log)"
	ver=$(apt-cache "${APT_OPTS[@]}" show "$pkg" 2>/dev/null |
		awk '/^Version:/ { print $2 }' | sort -V | tail -n1)
	[ -n "$ver" ] || die "Debian has no package $pkg in ${suites// /, }"
	deb=$(ls "$outdir/${pkg}_${ver}_"*.deb 2>/dev/null | head -n1)
	if [ -z "$deb" ]; then
		(cd "$outdir" && apt-get "${APT_OPTS[@]}" -qq download "$pkg=$ver") \
			>>"$outdir/apt.log" 2>&1 || die "cannot download $pkg $ver (see $outdir/apt.log)"
		deb=$(ls "$outdir/${pkg}_${ver}_"*.deb | head -n1)
	fi
	;;
esac
srcpkg=$(dpkg-deb -f "$deb" Package 2>/dev/null) && [ -n "$srcpkg" ] ||
	die "$deb is not a Debian package"
case $srcpkg in linux-source-*) ;; *) die "$deb is $srcpkg, not a linux-source package" ;; esac
srcver=$(dpkg-deb -f "$deb" Version)
[ -n "$pkgversion" ] || pkgversion=$srcver+ghostswap1
if [ -z "$patchdir" ]; then
	patchdir=$here/patches
	[ -d "$here/patches-${srcpkg#linux-source-}" ] &&
		patchdir=$here/patches-${srcpkg#linux-source-}
	load_series
fi

# --- 3: the tree ------------------------------------------------------------------
# The unpacked source stays as it came (pristine); the tree built is a
# hard-linked copy with the series applied, since patch(1) writes a new
# file for each one it changes.
pristine=$outdir/pristine
tree=$outdir/linux
build=$outdir/build
if [ "$(cat "$pristine/.source" 2>/dev/null)" != "$srcpkg $srcver" ]; then
	progress "unpacking $srcpkg $srcver"
	rm -rf "$pristine" "$tree" "$build" "$outdir/unpack"
	mkdir -p "$outdir/unpack" "$pristine"
	dpkg-deb -x "$deb" "$outdir/unpack" || die "cannot unpack $deb"
	tarball=$(ls "$outdir"/unpack/usr/src/linux-source-*.tar.* 2>/dev/null | head -n1)
	[ -n "$tarball" ] || die "$deb holds no source tarball"
	tar -xf "$tarball" -C "$pristine" --strip-components=1 ||
		die "cannot unpack $tarball"
	rm -rf "$outdir/unpack"
	echo "$srcpkg $srcver" >"$pristine/.source"
else
	progress "reusing the unpacked $srcpkg $srcver"
fi

# --- 4: the series ----------------------------------------------------------------
series_id=$(cat "${patches[@]}" | sha256sum | cut -c1-16)
if [ "$(cat "$tree/.series" 2>/dev/null)" != "$srcver $series_id" ]; then
	progress "applying ${#patches[@]} patches from $patchdir"
	rm -rf "$tree"
	cp -al "$pristine" "$tree" || die "cannot copy the source tree"
	for p in "${patches[@]}"; do
		if ! patch -d "$tree" -p1 -s -f -N --no-backup-if-mismatch \
			<"$p" >"$outdir/patch.log" 2>&1; then
			# what failed, without the text patch quotes around it
			grep -v -e '^|' -e '^---' -e '^The text leading' "$outdir/patch.log" |
				head -n 10 | sed 's/^/  /' >&2
			rm -rf "$tree"
			die "patch $(basename "$p") does not apply to $srcpkg $srcver: the series in $patchdir is not for this kernel"
		fi
	done
	# A file the last series built changed but this one does not comes
	# back with the pristine file's older time; give it (and every file
	# this series changes) a new one, by a copy that leaves the pristine
	# file alone, so that make rebuilds what depends on it.
	# (a diff that is not git's puts a tab and a date after the name)
	sed -n 's|^+++ b/\([^	]*\).*|\1|p' "${patches[@]}" | sort -u >"$tree/.touched"
	cat "$tree/.touched" "$build/.touched" 2>/dev/null | sort -u | while read -r f; do
		[ -f "$tree/$f" ] || continue
		cp "$tree/$f" "$tree/$f.fresh" && mv -f "$tree/$f.fresh" "$tree/$f"
	done
	echo "$srcver $series_id" >"$tree/.series"
else
	progress "the series is already applied"
fi

if $prepare_only; then
	echo "$tree"
	exit 0
fi

# --- 5: the configuration --------------------------------------------------------
progress "configuring from $config"
mkdir -p "$build"
cfg=$build/.config
cp "$config" "$cfg.new" || die "cannot copy $config"
sc() { "$tree/scripts/config" --file "$cfg.new" "$@"; }
# what the series needs
sc --enable SWAP --enable ZSWAP --enable ZSMALLOC
# Debian's configurations name its own signing certificates, which only its
# build has: the kernel makes a key of its own instead
sc --set-str SYSTEM_TRUSTED_KEYS "" --set-str SYSTEM_REVOCATION_KEYS ""
$keep_debug || sc --disable DEBUG_INFO --enable DEBUG_INFO_NONE \
	--disable DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT --disable DEBUG_INFO_DWARF4 \
	--disable DEBUG_INFO_DWARF5 --disable DEBUG_INFO_BTF
sc --set-str LOCALVERSION "" --disable LOCALVERSION_AUTO
if ! make -s -C "$tree" O="$build" KCONFIG_CONFIG=.config.new olddefconfig \
	>"$outdir/config.log" 2>&1; then
	die "the configuration does not build a kernel (see $outdir/config.log)"
fi
for opt in SWAP ZSWAP ZSMALLOC; do
	grep -qx "CONFIG_$opt=y" "$cfg.new" ||
		die "CONFIG_$opt cannot be switched on in this configuration (an option it depends on is off; see $outdir/config.log)"
done
# an unchanged configuration keeps its time, so that make rebuilds nothing
if cmp -s "$cfg.new" "$cfg"; then
	rm -f "$cfg.new"
else
	mv -f "$cfg.new" "$cfg"
fi

# --- 6: the build -----------------------------------------------------------------
progress "building with $jobs jobs (the log is $outdir/build.log)"
rm -f "$outdir"/*.deb "$outdir"/*.buildinfo "$outdir"/*.changes
make -C "$tree" O="$build" -j"$jobs" LOCALVERSION="$localversion" \
	KDEB_PKGVERSION="$pkgversion" bindeb-pkg >"$outdir/build.log" 2>&1 &
make_pid=$!
# a line a minute, so that a long build shows it is alive
while kill -0 $make_pid 2>/dev/null; do
	for _ in $(seq 60); do
		kill -0 $make_pid 2>/dev/null || break
		sleep 1
	done
	kill -0 $make_pid 2>/dev/null || break
	printf '%s:       %3dm: %d files compiled\n' "$prog" $((($(date +%s) - start) / 60)) \
		"$(grep -c '^  CC ' "$outdir/build.log")"
done
wait $make_pid || {
	# dpkg-buildpackage checks the build dependencies that the kernel's
	# own packaging (scripts/package/mkdebian) declares, which vary with
	# the kernel version, before it compiles anything
	unmet=$(sed -n 's/.*Unmet build dependencies: //p' "$outdir/build.log" | head -n1 |
		sed -e 's/([^)]*)//g' -e 's/:native//g' -e 's/<[^>]*>//g' \
			-e 's/debhelper-compat/debhelper/' | tr -s ' ' '\n' | grep . | sort -u | tr '\n' ' ')
	if [ -n "$unmet" ]; then
		die "missing Debian packages that this kernel's packaging needs: ${unmet% }
install them with: apt-get install ${unmet% }"
	fi
	tail -n 20 "$outdir/build.log" >&2
	die "the build failed (see $outdir/build.log)"
}
cp "$tree/.touched" "$build/.touched"

# --- 7: the packages -------------------------------------------------------------
image=
for d in "$outdir"/linux-image-*.deb; do
	case $d in *-dbg_*) ;; *) [ -f "$d" ] && image=$d ;; esac
done
[ -n "$image" ] || die "the build made no linux-image package (see $outdir/build.log)"
release=$(dpkg-deb -f "$image" Package | sed 's/^linux-image-//')
# grep -c reads the whole listing: -q would stop dpkg-deb with SIGPIPE
dpkg-deb -c "$image" | grep -c "/boot/vmlinuz-$release\$" >/dev/null ||
	die "$image holds no /boot/vmlinuz-$release"
progress "built kernel $release from $srcpkg $srcver and ${#patches[@]} patches"
for d in "$outdir"/*.deb; do
	case $d in "$deb") continue ;; esac
	echo "  $d"
done
echo "Install the kernel with: apt install $image"

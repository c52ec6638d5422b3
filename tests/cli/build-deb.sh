#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# kernel/build-deb.sh's refusals, which come before any build: bad usage,
# missing Debian packages, a configuration without swap, an output
# directory it did not make, a package that is not a linux-source, and a
# series that does not apply.  Each must exit 1 with its reason and leave
# what it was given as it was.  The build itself, which takes minutes, is
# the kernel suite's: its main guest boots the kernel of the package.
#
# usage: build-deb.sh KERNEL/BUILD-DEB.SH
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

BD=$(realpath "$1")
SERIES=$(dirname "$BD")/patches

t_begin build-deb
cd "$T_TMP" || exit 1

# sum PATH...: the names and contents of the files under PATH
sum() { find "$@" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16; }

# a configuration that builds a kernel with swap, as far as the checks
# before the build can tell
printf 'CONFIG_64BIT=y\nCONFIG_MMU=y\nCONFIG_SWAP=y\n' >good.config
series_sum=$(sum "$SERIES")

##### usage
t_run "$BD" --help
t_eq "--help: exit 0" 0 "$T_RC"
for o in --source --patches --config --localversion --pkgversion \
	--keep-debug-info --jobs --help --version; do
	t_contains "--help lists $o" "$o" "$T_OUT"
done
t_run "$BD" --version
t_eq "--version" "0 build-deb.sh from ghostswap" "$T_RC ${T_OUT% *}"
t_run "$BD"
t_eq "no output directory: exit 1" 1 "$T_RC"
t_contains "no output directory: says so" "expected one output directory" "$T_ERR"
t_run "$BD" --bogus out
t_eq "unknown option: exit 1" 1 "$T_RC"
t_contains "unknown option: points to --help" "Try 'build-deb.sh --help'" "$T_ERR"
t_run "$BD" -j 0 out
t_eq "--jobs 0: exit 1" "1" "$T_RC"
t_run "$BD" --localversion '-a b' out
t_eq "--localversion with a space: exit 1" "1" "$T_RC"
t_check "bad usage: no output directory made" test ! -e out

##### missing Debian packages: flex is hidden from PATH
mkdir nofx
for d in /usr/local/bin /usr/bin /bin /usr/sbin /sbin; do
	for f in "$d"/*; do
		b=$(basename "$f")
		[ "$b" = flex ] || [ -e "nofx/$b" ] || ln -s "$f" "nofx/$b"
	done
done
t_run env PATH="$T_TMP/nofx" "$BD" --config good.config out
t_eq "no flex: exit 1" 1 "$T_RC"
t_contains "no flex: names the package" "missing Debian packages:" "$T_ERR"
t_contains "no flex: flex among them" "flex" "$T_ERR"
t_contains "no flex: says how to install" "apt-get install" "$T_ERR"
t_check "no flex: no output directory made" test ! -e out

##### configurations
printf 'CONFIG_64BIT=y\nCONFIG_MMU=y\n# CONFIG_SWAP is not set\n' >noswap.config
cp noswap.config noswap.copy
t_run "$BD" --config noswap.config out
t_eq "no CONFIG_SWAP: exit 1" 1 "$T_RC"
t_contains "no CONFIG_SWAP: says so" "CONFIG_SWAP is not set" "$T_ERR"
t_check "no CONFIG_SWAP: no output directory made" test ! -e out
t_same_file "no CONFIG_SWAP: configuration unchanged" noswap.config noswap.copy
echo 'not a configuration' >text.config
t_run "$BD" --config text.config out
t_eq "not a configuration: exit 1" 1 "$T_RC"
t_contains "not a configuration: says so" "is not a kernel configuration" "$T_ERR"
t_run "$BD" --config missing.config out
t_eq "no such configuration: exit 1" 1 "$T_RC"
t_contains "no such configuration: says so" "cannot read the configuration" "$T_ERR"

##### an output directory it did not make
mkdir mine
echo data >mine/keep
before=$(sum mine)
t_run "$BD" --config good.config mine
t_eq "foreign directory: exit 1" 1 "$T_RC"
t_contains "foreign directory: says so" "was not made by build-deb.sh" "$T_ERR"
t_eq "foreign directory: left as it was" "$before" "$(sum mine)"
t_eq "foreign directory: nothing added" "keep" "$(ls -A mine)"

##### source packages
# deb NAME VERSION DIR: a Debian package NAME of VERSION holding DIR's tree
deb() {
	mkdir -p "$3/DEBIAN"
	printf 'Package: %s\nVersion: %s\nArchitecture: all\nMaintainer: t <t@example.org>\nDescription: test\n' \
		"$1" "$2" >"$3/DEBIAN/control"
	dpkg-deb -Zgzip --build "$3" "$1_$2_all.deb" >/dev/null
}
mkdir -p other/usr/share/doc/other
deb other 1.0 other
t_run "$BD" --config good.config --source other_1.0_all.deb out1
t_eq "not a linux-source: exit 1" 1 "$T_RC"
t_contains "not a linux-source: says so" "is other, not a linux-source package" "$T_ERR"
t_run "$BD" --config good.config --source nosuch.deb out1
t_eq "no such .deb: exit 1" 1 "$T_RC"
t_run "$BD" --config good.config --source 7.x out1
t_eq "--source neither version nor .deb: exit 1" 1 "$T_RC"
t_contains "--source neither version nor .deb: says so" "not a version like" "$T_ERR"

# a linux-source package of a kernel the series was not written for
mkdir -p tree/linux-source-0.1/mm src/usr/src
echo 'int dummy;' >tree/linux-source-0.1/mm/swapfile.c
tar -C tree -cJf src/usr/src/linux-source-0.1.tar.xz linux-source-0.1
deb linux-source-0.1 0.1-1 src
deb_sum=$(sum linux-source-0.1_0.1-1_all.deb)
t_run "$BD" --config good.config --source linux-source-0.1_0.1-1_all.deb out2
t_eq "series that does not apply: exit 1" 1 "$T_RC"
t_contains "series that does not apply: names the patch and the source" \
	"does not apply to linux-source-0.1 0.1-1" "$T_ERR"
t_eq "series that does not apply: series unchanged" "$series_sum" "$(sum "$SERIES")"
t_eq "series that does not apply: source package unchanged" "$deb_sum" \
	"$(sum linux-source-0.1_0.1-1_all.deb)"
t_eq "series that does not apply: no patched tree left" no \
	"$([ -e out2/linux ] && echo yes || echo no)"
# the directory it made is its own: a second run may use it
t_run "$BD" --config good.config --source linux-source-0.1_0.1-1_all.deb out2
t_contains "its own directory: reused (source unpacked once)" \
	"reusing the unpacked linux-source-0.1 0.1-1" "$T_OUT"
# --prepare-only: the tree with the series applied, and the path of it;
# no configuration needed.  A series of one patch for the fake source.
mkdir -p a/mm b/mm series
echo 'int dummy;' >a/mm/swapfile.c
printf 'int dummy;\nint ghost;\n' >b/mm/swapfile.c
(diff -u a/mm/swapfile.c b/mm/swapfile.c; true) >series/0001-ghost.patch
t_run "$BD" --prepare-only --patches series --source linux-source-0.1_0.1-1_all.deb out4
t_eq "--prepare-only: exit 0" 0 "$T_RC"
t_eq "--prepare-only: four steps, numbered out of four" "1/4 2/4 3/4 4/4" \
	"$(echo "$T_OUT" | sed -n 's/^build-deb.sh: \[\([0-9]\/[0-9]\) .*/\1/p' | tr '\n' ' ' | sed 's/ $//')"
t_eq "--prepare-only: prints the tree" "$T_TMP/out4/linux" "$(echo "$T_OUT" | tail -n1)"
t_eq "--prepare-only: the series is applied" "int ghost;" "$(tail -n1 out4/linux/mm/swapfile.c 2>&1)"
t_eq "--prepare-only: the unpacked source stays as it came" "int dummy;" \
	"$(cat out4/pristine/mm/swapfile.c 2>&1)"
t_eq "--prepare-only: the files the series changes are listed" "mm/swapfile.c" \
	"$(cat out4/linux/.touched 2>&1)"
t_check "--prepare-only: nothing built" test ! -e out4/build
t_run "$BD" --prepare-only --patches series --source linux-source-0.1_0.1-1_all.deb out4
t_contains "--prepare-only again: the series is not applied twice" \
	"the series is already applied" "$T_OUT"
t_eq "--prepare-only again: the file patched once" 2 "$(wc -l <out4/linux/mm/swapfile.c)"

# one build at a time in a directory: a second one is refused while the
# first holds it
flock out4/.ghostswap-build-deb sleep 5 &
holder=$!
sleep 1
t_run "$BD" --prepare-only --patches series --source linux-source-0.1_0.1-1_all.deb out4
t_eq "directory in use: exit 1" 1 "$T_RC"
t_contains "directory in use: says so" "is in use by another build-deb.sh" "$T_ERR"
kill $holder 2>/dev/null
wait $holder 2>/dev/null

mkdir empty
t_run "$BD" --config good.config --patches empty \
	--source linux-source-0.1_0.1-1_all.deb out3
t_eq "no patches: exit 1" 1 "$T_RC"
t_contains "no patches: says so" "no patches" "$T_ERR"

# Without --patches, the series for the source's kernel version when
# there is one (kernel/patches-0.1 here), else kernel/patches: a copy of
# the script next to both, where the general series does not apply
mkdir -p kdir/kernel/patches kdir/kernel/patches-0.1 kdir/tests
cp "$BD" kdir/kernel/build-deb.sh
cp "$(dirname "$BD")/../tests/debian-lib.sh" kdir/tests/
cp series/0001-ghost.patch kdir/kernel/patches-0.1/
cp "$SERIES"/0001-*.patch kdir/kernel/patches/
t_run kdir/kernel/build-deb.sh --prepare-only --source linux-source-0.1_0.1-1_all.deb out5
t_eq "default series for the version: exit 0" 0 "$T_RC"
t_contains "default series for the version: patches-0.1" \
	"applying 1 patches from $T_TMP/kdir/kernel/patches-0.1" "$T_OUT"
t_eq "default series for the version: applied" "int ghost;" \
	"$(tail -n1 out5/linux/mm/swapfile.c 2>&1)"
rm -r kdir/kernel/patches-0.1
t_run kdir/kernel/build-deb.sh --prepare-only --source linux-source-0.1_0.1-1_all.deb out6
t_eq "no series for the version: kernel/patches, which does not apply: exit 1" 1 "$T_RC"
t_contains "no series for the version: kernel/patches tried" \
	"the series in $T_TMP/kdir/kernel/patches is not for this kernel" "$T_ERR"

t_end

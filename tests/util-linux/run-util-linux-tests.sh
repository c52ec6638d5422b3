#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# util-linux suite: fetch Debian's util-linux source, build a reduced tree
# twice (as released, and with util-linux/patches applied), run
# util-linux's own tests for mkswap, swaplabel, blkid and swapon on both
# (swapon's need root), and check
# the patched tools against ours: patched mkswap --ghost and mkswap-ghost
# write the same bytes, and patched blkid reports ghost status exactly for
# the headers swaplabel-ext finds a valid ghost record in, judged on the
# header alone (as libblkid judges it).  Also util-linux's mkswap and
# swaplabel tests run with mkswap-ghost and swaplabel-ext.  One "ok"/"FAIL" line
# per check, then "N passed, N failed".
#
# usage: run-util-linux-tests.sh SRCDIR MKSWAP_GHOST SWAPLABEL_EXT LOGDIR GSW_CRAFT
#
# Environment:
#   GHOSTSWAP_UL_CACHE    cache directory (default
#                         ${XDG_CACHE_HOME:-$HOME/.cache}/ghostswap-util-linux)
#   GHOSTSWAP_UL_PATCHES  series to apply (default SRCDIR/util-linux/patches)
#   GHOSTSWAP_UL_TAG      the blkid tag that marks a ghost area (default:
#                         the tag the series' swap prober sets, else
#                         SWAP_GHOST)
#   GHOSTSWAP_UL_TESTS    util-linux test components (default
#                         "mkswap swaplabel blkid swapon")
#   GHOSTSWAP_UL_STEPWISE 1 (default): build the patched tree after each
#                         patch, so that every patch is known to build;
#                         0: apply the whole series, then build once
set -uo pipefail

srcdir=$(cd "$1" && pwd)
mkswap_ghost=$(realpath "$2" 2>/dev/null || echo "$2")
swaplabel_ext=$(realpath "$3" 2>/dev/null || echo "$3")
logdir=$(mkdir -p "$4" && cd "$4" && pwd)
gsw_craft=$(realpath "$5" 2>/dev/null || echo "$5")
here=$srcdir/tests/util-linux
cache=${GHOSTSWAP_UL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ghostswap-util-linux}
patchdir=${GHOSTSWAP_UL_PATCHES:-$srcdir/util-linux/patches}
components=${GHOSTSWAP_UL_TESTS:-mkswap swaplabel blkid swapon}
stepwise=${GHOSTSWAP_UL_STEPWISE:-1}
start=$(date +%s)

# shellcheck source=../testlib.sh
. "$srcdir/tests/testlib.sh"
# shellcheck source=../debian-lib.sh
. "$srcdir/tests/debian-lib.sh"
t_begin util-linux

say() {
	printf 'util-linux-tests: [%4ss] %s\n' $(($(date +%s) - start)) "$*" >&2
}

die() {
	printf 'util-linux-tests: error: %s\n' "$*" >&2
	t_fail "harness: $*"
	echo "$T_PASSED passed, $T_FAILED failed"
	exit 1
}

mkdir -p "$cache" || die "cannot create $cache"
rm -f "$logdir"/util-linux-*.log
for exe in "$mkswap_ghost" "$swaplabel_ext" "$gsw_craft"; do
	[ -x "$exe" ] || die "$exe is not an executable"
done

need_pkgs "$logdir/util-linux-apt.log" gcc make pkg-config dpkg-dev xz-utils \
	git debian-archive-keyring autoconf automake autopoint libtool gettext bison

# --- the source ---------------------------------------------------------
say "fetching util-linux"
read -r ver src < <(bash "$here/fetch-source.sh" "$cache" \
	2>"$logdir/util-linux-fetch.log") ||
	die "could not download util-linux (see util-linux-fetch.log)"
if [ -z "${src:-}" ] || [ ! -f "$src" ]; then
	die "could not download util-linux"
fi
case $src in
*.dsc) say "util-linux $ver (Debian source package)" ;;
*) say "util-linux $ver (upstream tarball: the mirror lacks the .dsc)" ;;
esac
echo "util-linux $ver $(basename "$src")" >"$logdir/util-linux-source-version.txt"

# the cover letter (0000-*) documents the series and changes nothing
patches=()
for p in "$patchdir"/0*.patch; do
	case $(basename "$p") in 0000-*) ;; *) [ -e "$p" ] && patches+=("$p") ;; esac
done

# Reduced build: configure as usual, minus documentation, bindings and
# translations, then make only the four programs the series touches, the
# libraries they link and what their tests call (swapoff, fallocate,
# losetup, fdisk, sfdisk, partx and two helpers), plus the test helpers
# the series adds; a test whose program is missing skips.
# --disable-all-programs cannot be used: it also turns off mkswap and
# swaplabel, which have no --enable switch to turn them back on.
configure_args=(--disable-nls --disable-asciidoc --disable-poman
	--disable-bash-completion --without-python --without-systemd
	--without-udev --without-econf --without-readline --without-ncursesw
	--without-ncurses --without-tinfo --disable-liblastlog2
	--disable-pam-lastlog2)
make_targets=(blkid mkswap swapon swapoff swaplabel fallocate losetup fdisk sfdisk
	partx test_sysinfo sample-partitions)

# touches_build PATCH...: some patch changes what autogen.sh reads
touches_build() {
	[ $# -gt 0 ] &&
		grep -qE '^\+\+\+ b/(.*Make(file|module)\.am|configure\.ac|m4/.*)$' "$@"
}

# series_targets PATCH...: the test programs the patches add to the
# build (check_PROGRAMS), which their tests need
series_targets() {
	[ $# -gt 0 ] &&
		sed -nE 's/^\+check_PROGRAMS \+= ([A-Za-z0-9_-]+)$/\1/p' "$@" | sort -u
}

# apply_patch TREE PATCH LOG: apply PATCH to TREE (git apply handles the
# binary patches of test images) and keep a copy in TREE/.series; says
# why on failure
apply_patch() {
	if ! (cd "$1" && git apply --index --whitespace=nowarn "$2") >>"$3" 2>&1; then
		echo "$(basename "$2") does not apply to util-linux $ver (see $(basename "$3"))"
		return 1
	fi
	cp "$2" "$1/.series/"
}

# prepare NAME PATCH...: $cache/NAME, a tree of the source with the patches
# applied and built.  A tree built from the same source, recipe and
# patches is reused as it is.  A tree of the same source and recipe but
# another series is reset to the source (git puts back only the files the
# old series changed) and rebuilt incrementally; only a new source, a new
# recipe, or a series that changes the build system starts afresh.
# Prints the tree's path, or why it could not be built.
prepare() {
	local name=$1 base_key key tree p fresh=1 log=$logdir/util-linux-build-$1.log
	shift
	base_key=$({ echo "$ver $(basename "$src")"; echo "${configure_args[*]}"
		echo "${make_targets[*]}"; } | sha256sum | cut -c1-16)
	key=$({ echo "$base_key"; cat "$@" /dev/null; } | sha256sum | cut -c1-16)
	tree=$cache/$name
	if [ "$(cat "$tree/.built" 2>/dev/null)" = "$key" ]; then
		say "$name build is up to date ($tree)"
		echo "$tree"
		return 0
	fi
	: >"$log"
	if [ "$(cat "$tree/.base" 2>/dev/null)" = "$base_key" ] &&
		! touches_build "$tree"/.series/*.patch "$@" &&
		(cd "$tree" && git reset -q --hard base) >>"$log" 2>&1; then
		fresh=0
		say "resetting $name tree for the new series"
	else
		say "unpacking $name tree"
		rm -rf "$tree"
		case $src in
		*.dsc)
			# dpkg-source checks the files against the .dsc and
			# applies Debian's own patches
			if ! dpkg-source -x "$src" "$tree" >>"$log" 2>&1; then
				echo "dpkg-source -x failed (see $(basename "$log"))"
				return 1
			fi
			;;
		*)
			if ! mkdir -p "$tree" ||
				! tar -xf "$src" -C "$tree" --strip-components=1 >>"$log" 2>&1; then
				echo "cannot unpack $(basename "$src")"
				return 1
			fi
			;;
		esac
		# git apply handles the binary patches of test images, and the
		# base commit lets the next series start from the source again;
		# a repository of its own keeps git from any enclosing one
		if ! (cd "$tree" && git init -q && git add -A -f &&
			git -c user.name=ghostswap -c user.email=ghostswap@localhost \
				commit -q -m base && git tag base) >>"$log" 2>&1; then
			echo "git init failed (see $(basename "$log"))"
			return 1
		fi
	fi
	rm -rf "$tree/.built" "$tree/.series"
	mkdir -p "$tree/.series"
	# every patch must build: configure the source, then apply the
	# patches one at a time and build after each (incrementally, so the
	# cost over one build is what each patch makes recompile).  When the
	# series changes the build system, the source's build system is
	# first regenerated with this machine's autotools, so that make can
	# regenerate it again after such a patch.
	if [ $# -gt 0 ] && [ "$stepwise" = 1 ]; then
		if [ $fresh = 1 ]; then
			say "configuring $name tree"
			if ! (
				cd "$tree" || exit 1
				if touches_build "$@"; then
					./autogen.sh || exit 1
				fi
				./configure "${configure_args[@]}" &&
					echo "$base_key" >.base
			) >>"$log" 2>&1; then
				echo "$name configure failed (see $(basename "$log"))"
				return 1
			fi
		fi
		local applied=() extra=()
		for p in "$@"; do
			apply_patch "$tree" "$p" "$log" || return 1
			applied+=("$p")
			mapfile -t extra < <(series_targets "${applied[@]}")
			say "building $name tree with $(basename "$p")"
			echo "=== make after $(basename "$p")" >>"$log"
			if ! (cd "$tree" && make -j"$(nproc)" "${make_targets[@]}" \
				"${extra[@]}") >>"$log" 2>&1; then
				echo "$name build failed after $(basename "$p") (see $(basename "$log"))"
				return 1
			fi
		done
		echo "$key" >"$tree/.built"
		echo "$tree"
		return 0
	fi
	for p in "$@"; do
		apply_patch "$tree" "$p" "$log" || return 1
	done
	say "building $name tree"
	if ! (
		cd "$tree" || exit 1
		if [ $fresh = 1 ]; then
			if touches_build "$@"; then
				./autogen.sh || exit 1
			fi
			./configure "${configure_args[@]}" || exit 1
			# from here on, a new series can build incrementally
			echo "$base_key" >.base
		fi
		# shellcheck disable=SC2046 # one word per target
		make -j"$(nproc)" "${make_targets[@]}" $(series_targets "$@")
	) >>"$log" 2>&1; then
		echo "$name build failed (see $(basename "$log"))"
		return 1
	fi
	echo "$key" >"$tree/.built"
	echo "$tree"
}

base_tree=$(prepare baseline) || die "$base_tree"
if [ ${#patches[@]} -gt 0 ]; then
	if patched_tree=$(prepare patched "${patches[@]}"); then
		if [ "$stepwise" = 1 ]; then
			t_pass "series (${#patches[@]} patches) applies to util-linux $ver and builds after each patch"
		else
			t_pass "series (${#patches[@]} patches) applies to util-linux $ver and builds"
		fi
	else
		t_fail "series applies and builds: $patched_tree"
		patched_tree=
	fi
else
	t_fail "series missing: no patches in util-linux/patches"
	patched_tree=
fi

# --- util-linux's own tests ---------------------------------------------
# run_ul_tests TREE NAME: run the components, leaving "test<TAB>result" lines
# in $T_TMP/NAME.results
# [COMPONENTS [VAR=VALUE...]]: other components, and the environment of
# tests/run.sh (such as TS_CMD_MKSWAP, the mkswap the tests run)
run_ul_tests() {
	local tree=$1 name=$2 comps=${3:-$components}
	shift 2
	[ $# -gt 0 ] && shift
	say "running util-linux tests ($comps) in the ${tree##*/} tree ($name)"
	rm -rf "$tree/tests/diff" "$tree/tests/output"
	# shellcheck disable=SC2086 # the component list is split on purpose
	(cd "$tree" && env "$@" bash tests/run.sh --srcdir="$tree" --builddir="$tree" \
		--parallel=2 $comps) >"$logdir/util-linux-tests-$name.log" 2>&1
	# parsable lines: "COMPONENT: DESC [NN] SUBTEST ... RESULT (why)";
	# the number goes, as new subtests renumber the old ones
	sed -nE 's/^ *([^ ]+): (.*[^ ]) +\.\.\. *(OK|FAILED|SKIPPED|KNOWN FAILED).*/\1: \2\t\3/p' \
		"$logdir/util-linux-tests-$name.log" |
		sed -E 's/: \[[0-9]+\] /: /' | sort -u >"$T_TMP/$name.results"
	# the output of failed tests, for the log
	if [ -d "$tree/tests/diff" ]; then
		find "$tree/tests/diff" -type f -exec tail -n +1 {} + \
			>"$logdir/util-linux-tests-$name.diff" 2>/dev/null
	fi
}

counts() {
	awk -F'\t' '{ n[$2]++ } END {
		printf "%d passed, %d failed, %d skipped", n["OK"], n["FAILED"] + n["KNOWN FAILED"], n["SKIPPED"] }' "$1"
}

run_ul_tests "$base_tree" baseline
say "baseline: $(counts "$T_TMP/baseline.results")"
# a component that only skips is a missing build target or package, not a
# result
for c in $components; do
	if grep -qE "^$c: .*"$'\t'"(OK|FAILED|KNOWN FAILED)$" "$T_TMP/baseline.results"; then
		t_pass "util-linux $c tests run on the unpatched tree ($(grep -c "^$c: " "$T_TMP/baseline.results") results)"
	else
		t_fail "util-linux $c tests run on the unpatched tree" \
			"$(grep "^$c: " "$T_TMP/baseline.results" | head -n3)" \
			"see util-linux-tests-baseline.log"
	fi
done

# --- util-linux's tests with our tools -----------------------------------
# mkswap-ghost and swaplabel-ext claim util-linux's behaviour: run the
# stock tree's mkswap and swaplabel tests with them under util-linux's
# names (the tests' TS_CMD_* variables; the names through symlinks, as
# the messages carry the program name).  Whatever util-linux passes with
# its own tools must pass with ours, unless the difference is one the
# tools document.
declare -A deliberate=()
ours_dir=$T_TMP/our-tools
mkdir -p "$ours_dir"
ln -sf "$mkswap_ghost" "$ours_dir/mkswap"
ln -sf "$swaplabel_ext" "$ours_dir/swaplabel"
run_ul_tests "$base_tree" ours "mkswap swaplabel" \
	TS_CMD_MKSWAP="$ours_dir/mkswap" TS_CMD_SWAPLABEL="$ours_dir/swaplabel"
say "our tools: $(counts "$T_TMP/ours.results")"
if [ -d "$base_tree/tests/diff" ]; then
	find "$base_tree/tests/diff" -type f -exec tail -n +1 {} + \
		>"$logdir/util-linux-tests-ours.diff" 2>/dev/null
fi
ours_same=0
ours_total=0
while IFS=$'\t' read -r test result; do
	case $test in mkswap:* | swaplabel:*) ;; *) continue ;; esac
	[ "$result" = OK ] || continue
	ours_total=$((ours_total + 1))
	mine=$(awk -F'\t' -v t="$test" '$1 == t { print $2 }' "$T_TMP/ours.results")
	if [ "$mine" = OK ]; then
		ours_same=$((ours_same + 1))
	elif [ -n "${deliberate[$test]:-}" ]; then
		t_pass "our tools under util-linux's names: $test: ${mine:-not run} (deliberate: ${deliberate[$test]})"
	else
		t_fail "our tools under util-linux's names: $test: ${mine:-not run} (util-linux's own tools: OK)" \
			"see util-linux-tests-ours.log and util-linux-tests-ours.diff"
	fi
done <"$T_TMP/baseline.results"
if [ $ours_total -eq 0 ]; then
	t_fail "util-linux's mkswap and swaplabel tests pass on the unpatched tree"
else
	t_pass "our tools under util-linux's names pass $ours_same of the $ours_total mkswap and swaplabel tests util-linux's own tools pass"
fi

if [ -n "$patched_tree" ]; then
	run_ul_tests "$patched_tree" patched
	say "patched: $(counts "$T_TMP/patched.results")"
	newfail=0
	while IFS=$'\t' read -r test result; do
		before=$(awk -F'\t' -v t="$test" '$1 == t { print $2 }' "$T_TMP/baseline.results")
		case $result in
		OK) continue ;;
		FAILED | "KNOWN FAILED")
			# failing before the series is not the series' doing
			[ "$before" = FAILED ] || [ "$before" = "KNOWN FAILED" ] && continue
			;;
		SKIPPED)
			# a new test must run here, an old one may skip as before
			[ -n "$before" ] && continue
			;;
		esac
		newfail=$((newfail + 1))
		t_fail "util-linux test $test: $result (unpatched: ${before:-no such test})"
	done <"$T_TMP/patched.results"
	new_tests=$(awk -F'\t' 'NR == FNR { seen[$1] = 1; next } !($1 in seen)' \
		"$T_TMP/baseline.results" "$T_TMP/patched.results" | wc -l)
	if [ ! -s "$T_TMP/patched.results" ]; then
		t_fail "util-linux tests run on the patched tree" \
			"no results; see util-linux-tests-patched.log"
	elif [ $newfail -eq 0 ]; then
		t_pass "util-linux tests ($components): none newly failing, $new_tests new all passing; patched: $(counts "$T_TMP/patched.results"); unpatched: $(counts "$T_TMP/baseline.results")"
	fi
	# the series adds ghost tests next to the existing ones
	for c in mkswap blkid swaplabel swapon; do
		if ! grep -qiE "^$c: .*ghost" "$T_TMP/patched.results"; then
			t_fail "util-linux $c tests include ghost cases"
		else
			t_pass "util-linux $c tests include ghost cases"
		fi
	done
fi

# --- patched tools against ours -------------------------------------------
if [ -z "$patched_tree" ]; then
	say "no patched tree: the cross-checks need the series"
	echo "$T_PASSED passed, $T_FAILED failed"
	[ "$T_FAILED" -eq 0 ]
	exit
fi
ul_mkswap=$patched_tree/mkswap
ul_blkid=$patched_tree/blkid
base_blkid=$base_tree/blkid

# The tag a ghost area gets: the one the series' swap prober sets that
# stock libblkid does not know, unless the environment names it.
ghost_tag=${GHOSTSWAP_UL_TAG:-}
if [ -z "$ghost_tag" ]; then
	ghost_tag=$(sed -nE '/^\+\+\+ b\/libblkid\/src\/superblocks\/swap\.c/,/^diff --git/ s/^\+.*blkid_probe_set_value\(pr, *"([A-Z_]+)".*/\1/p' \
		"${patches[@]}" | head -n1)
	ghost_tag=${ghost_tag:-SWAP_GHOST}
fi
say "ghost tag: $ghost_tag"
# the issue asks for one documented tag: named in the cover letter and in
# libblkid's list of superblock tags
cover=$patchdir/0000-cover-letter.patch
if [ -f "$cover" ] && grep -qw -- "$ghost_tag" "$cover"; then
	t_pass "the cover letter names the blkid tag $ghost_tag"
else
	t_fail "the cover letter names the blkid tag $ghost_tag" "in $cover"
fi
if grep -qw -- "$ghost_tag" "$patched_tree/libblkid/src/superblocks/superblocks.c"; then
	t_pass "libblkid's tag list documents $ghost_tag"
else
	t_fail "libblkid's tag list documents $ghost_tag" \
		"not in libblkid/src/superblocks/superblocks.c"
fi

uuid=8c4a2f3e-1d5b-4e6f-9a7b-0c1d2e3f4a5b
for ps in 4096 8192 16384; do
	for order in little big; do
		a=$T_TMP/ul-$ps-$order
		b=$T_TMP/ours-$ps-$order
		name="mkswap --ghost -p $ps -e $order: util-linux and mkswap-ghost write the same bytes"
		if ! "$ul_mkswap" -q --ghost --size 64M -p "$ps" -e "$order" -U "$uuid" \
			-L ghostlabel "$a" >"$T_TMP/ul.err" 2>&1; then
			t_fail "$name" "util-linux mkswap failed: $(head -n2 "$T_TMP/ul.err")"
		elif ! "$mkswap_ghost" -q --ghost --size 64M -p "$ps" -e "$order" \
			-U "$uuid" -L ghostlabel "$b" >"$T_TMP/ours.err" 2>&1; then
			t_fail "$name" "mkswap-ghost failed: $(head -n2 "$T_TMP/ours.err")"
		else
			t_same_file "$name" "$a" "$b"
		fi
	done
done

# the refusal to replace a data file: the same rule and the same words
# (the program name aside)
data=$T_TMP/data.bin
name="mkswap --ghost on a 10 MiB data file: util-linux and mkswap-ghost refuse it with the same message"
refusal() {
	head -c $((10 << 20)) /dev/zero | tr '\0' 'x' >"$data"
	"$1" -q --ghost --size 1G "$data" 2>&1 && echo "(exit 0)"
	echo "size $(stat -c %s "$data")"
}
ul_says=$(refusal "$ul_mkswap" | sed -E 's/^(lt-)?mkswap(-ghost)?: //')
our_says=$(refusal "$mkswap_ghost" | sed -E 's/^(lt-)?mkswap(-ghost)?: //')
if [ "$ul_says" = "$our_says" ] && [ "$(echo "$ul_says" | tail -n1)" = "size $((10 << 20))" ]; then
	t_pass "$name"
else
	t_fail "$name" "util-linux: $ul_says" "ours:       $our_says"
fi

# what the patched blkid says about a ghost file, for the record
if [ -f "$T_TMP/ul-4096-little" ]; then
	echo "patched blkid -p -o export on a 64M ghost file (4K pages):"
	"$ul_blkid" -p -o export "$T_TMP/ul-4096-little" 2>&1 |
		grep -v '^DEVNAME=' | sed 's/^/    /'
fi

# The corpus: regular and ghost headers, each ghost one also with every
# field gsw-craft can break, in both byte orders and two page sizes.
corrupt_fields=(no-magic v0 hibernation version last-page-zero badpages-too-many
	ext-version ext-length ext-crc ext-reserved ext-pages ext-incompat
	ext-ro-compat ext-compat ext-all-features ext-not-ghost ext-swapped
	ext-garbage ghost-over-cap label-full guard)
corpus=$T_TMP/corpus
mkdir -p "$corpus"
cases=()
for ps in 4096 8192; do
	for order in little big; do
		p="$ps-$order"
		"$gsw_craft" -p "$ps" -e "$order" -L reg "$corpus/$p-regular" &&
			cases+=("$p-regular")
		"$gsw_craft" -p "$ps" -e "$order" -g "$corpus/$p-ghost" &&
			cases+=("$p-ghost")
		"$gsw_craft" -p "$ps" -e "$order" -g -L ghostlabel -n 1000000 \
			"$corpus/$p-ghost-labelled" && cases+=("$p-ghost-labelled")
		# a ghost header in a file that holds every page it advertises:
		# the kernel refuses it, the header is still a ghost one
		"$gsw_craft" -p "$ps" -e "$order" -g -n 12 -l $((12 * ps)) \
			"$corpus/$p-ghost-notshorter" && cases+=("$p-ghost-notshorter")
		for f in "${corrupt_fields[@]}"; do
			"$gsw_craft" -p "$ps" -e "$order" -g -L g -c "$f" \
				"$corpus/$p-ghost+$f" && cases+=("$p-ghost+$f")
		done
	done
done 2>"$logdir/util-linux-corpus.log"
[ ${#cases[@]} -gt 0 ] || die "gsw-craft wrote no corpus (see util-linux-corpus.log)"

# tags TOOL FILE: the identity tags blkid -p reports, one line
tags() {
	"$1" -p -o export "$2" 2>/dev/null | grep -E '^(TYPE|UUID|LABEL)=' | tr '\n' ' '
}

# swaplabel-ext --check codes about the file or the kernel's limits, not
# about the header
policy_codes='ghost-too-large|ghost-not-shorter|ghost-on-blockdev|ghost-file-length|holes|hidden-holes|shared-extents|copy-on-write|fs-no-swap|too-small|truncated|insecure-mode|owner-not-root|page-size-mismatch'

table=$logdir/util-linux-verdicts.txt
printf '%-36s %-6s %-13s %-9s %s\n' CASE CHECK SWAPLABEL-EXT BLKID TYPE/UUID/LABEL >"$table"
agree=0
kept=0
for c in "${cases[@]}"; do
	f=$corpus/$c
	"$swaplabel_ext" --check "$f" >/dev/null 2>&1
	rc=$?
	# a ghost header: swaplabel-ext sees the ghost record and finds no
	# fault in the header itself; what the kernel allows for the size
	# (ghost-too-large) or the file (ghost-not-shorter, ...) is left to
	# mkswap and swapon, as libblkid leaves it
	ours=not-ghost
	header_errors=$("$swaplabel_ext" --check "$f" 2>&1 |
		sed -nE 's/^error: ([a-z0-9-]+):.*/\1/p' | grep -vxE "$policy_codes")
	if [ -z "$header_errors" ] &&
		"$swaplabel_ext" --show -J "$f" 2>/dev/null | grep -q '"kind": *"ghost"'; then
		ours=ghost
	fi
	theirs=not-ghost
	"$ul_blkid" -p -o export "$f" 2>/dev/null | grep -q "^$ghost_tag=" &&
		theirs=ghost
	before=$(tags "$base_blkid" "$f")
	after=$(tags "$ul_blkid" "$f")
	if [ "$before" = "$after" ]; then
		same=kept
		kept=$((kept + 1))
	else
		same=CHANGED
		t_fail "blkid -p keeps stock TYPE/UUID/LABEL for $c" \
			"unpatched: ${before:-(nothing)}" "patched:   ${after:-(nothing)}"
	fi
	printf '%-36s %-6s %-13s %-9s %s\n' "$c" "rc=$rc" "$ours" "$theirs" "$same" >>"$table"
	if [ "$ours" = "$theirs" ]; then
		agree=$((agree + 1))
	else
		t_fail "blkid -p ghost verdict for $c" \
			"swaplabel-ext: $ours (--check exit $rc, header errors: ${header_errors:-none}); blkid $ghost_tag: $theirs" \
			"blkid: $("$ul_blkid" -p -o export "$f" 2>&1 | tr '\n' ' ')"
	fi
done
cat "$table"
ghosts=$(awk 'NR > 1 && $3 == "ghost"' "$table" | wc -l)
[ $agree -eq ${#cases[@]} ] &&
	t_pass "blkid -p $ghost_tag agrees with swaplabel-ext --check on all ${#cases[@]} headers ($ghosts ghost)"
[ $kept -eq ${#cases[@]} ] &&
	t_pass "blkid -p keeps stock TYPE/UUID/LABEL on all ${#cases[@]} headers"
if [ "$ghosts" -eq 0 ]; then
	t_fail "the corpus holds headers swaplabel-ext accepts as ghost"
fi

say "done"
echo "$T_PASSED passed, $T_FAILED failed"
[ "$T_FAILED" -eq 0 ]

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Write the fuzzers' seed corpus with the suite's own tools, so that the
# seeds are headers as users get them (and as the tests break them), not
# blobs kept in the tree.
#
#   make-corpus.sh BUILD_DIR OUT_DIR
#
# BUILD_DIR is a build configured with -Dfuzz=true.  OUT_DIR receives
#   headers/  the first page of each area (fuzz_parse_validate, fuzz_roundtrip)
#   build/    parameter bytes for fuzz_build_validate
#   size/     one size argument per file (fuzz_size)
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 BUILD_DIR OUT_DIR" >&2
	exit 2
fi
build=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkswap=$build/mkswap-ghost/mkswap-ghost
swaplabel=$build/swaplabel-ext/swaplabel-ext
craft=$build/tests/fuzz/gsw-craft
for tool in "$mkswap" "$swaplabel" "$craft"; do
	if [ ! -x "$tool" ]; then
		echo "make-corpus: $tool is missing: build $build first" >&2
		exit 1
	fi
done

mkdir -p "$out/headers" "$out/build" "$out/size"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
uuid=3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b

# keep the first page: the header targets read nothing past it
seed() {
	local name=$1 page_size=$2 file=$3

	head -c "$page_size" "$file" >"$out/headers/$name"
}

# mkswap-ghost on a regular file of PAGES pages
regular() {
	local name=$1 page_size=$2 pages=$3
	shift 3

	truncate -s $((page_size * pages)) "$scratch/$name"
	"$mkswap" -q -p "$page_size" "$@" "$scratch/$name"
	seed "$name" "$page_size" "$scratch/$name"
}

ghost() {
	local name=$1 page_size=$2
	shift 2

	"$mkswap" -q --ghost -p "$page_size" "$@" "$scratch/$name"
	seed "$name" "$page_size" "$scratch/$name"
}

regular regular-4k 4096 10
regular regular-4k-id 4096 16 -L seed-label -U "$uuid"
regular regular-4k-big 4096 10 -e big -L big -U clear
regular regular-16k 16384 10 -L sixteen
regular regular-64k-big 65536 10 -e big -U "$uuid"
ghost ghost-4k 4096 --size 64G -U "$uuid"
ghost ghost-4k-big 4096 --size 1T -e big -L ghost-label
ghost ghost-16k-big 16384 --size 1T -e big -U clear
ghost ghost-64k 65536 --size 16G -L sixty-four

# what swaplabel-ext leaves after each kind of change
cp "$scratch/regular-4k" "$scratch/to-ghost"
"$swaplabel" --ghost --size 8G "$scratch/to-ghost"
seed to-ghost 4096 "$scratch/to-ghost"
cp "$scratch/ghost-4k" "$scratch/resized"
"$swaplabel" --size 128G "$scratch/resized"
seed resized 4096 "$scratch/resized"
cp "$scratch/ghost-16k-big" "$scratch/relabelled"
"$swaplabel" -L relabelled -U "$uuid" "$scratch/relabelled"
seed relabelled 16384 "$scratch/relabelled"

# headers gsw-craft writes for the tests: bad pages, and each broken field
"$craft" -p 4096 -n 16 -b 1 -b 5 -b 15 "$scratch/badpages"
seed badpages 4096 "$scratch/badpages"
"$craft" -p 16384 -e big -n 64 -b 2 -b 63 "$scratch/badpages-big"
seed badpages-big 16384 "$scratch/badpages-big"
"$craft" -p 4096 -g -b 3 "$scratch/badpages-ghost"
seed badpages-ghost 4096 "$scratch/badpages-ghost"
n=0
for field in no-magic v0 hibernation version last-page-zero \
	badpages-too-many ext-version ext-length ext-crc ext-reserved \
	ext-pages ext-incompat ext-ro-compat ext-compat ext-not-ghost \
	ext-swapped ext-garbage ghost-over-cap label-full guard; do
	# vary byte order and page size across the broken fields
	page_size=$((4096 << (n % 3 * 2)))
	order=$([ $((n % 2)) -eq 0 ] && echo little || echo big)
	n=$((n + 1))
	"$craft" -p "$page_size" -e "$order" -g -L "$field" -c "$field" \
		"$scratch/broken-$field"
	seed "broken-$field" "$page_size" "$scratch/broken-$field"
done

# fuzz_build_validate reads: flags, page size, how the pages are picked
# and their bytes, then UUID, label and bad pages as the flags ask
printf '\x00\x00\x04\x10\x00' >"$out/build/regular-4k"
printf '\x1d\x04\x04\x00\x01' >"$out/build/ghost-64k-big"
printf '\x1c\x02\x02\x00seed-uuid-bytes!seed-label\0\0\0\0\0\0\0\0\0' \
	>"$out/build/ghost-cap"
printf '\x21\x00\x04\x20\x00\x03\x01\x05\x1f' >"$out/build/badpages"
printf '\x25\x01\x04\x20\x00\x02\x01\x05' >"$out/build/badpages-ghost"
printf '\x20\x00\x01\x00\xff\x00' >"$out/build/badpages-max"

# sizes: the hand-written list, and the sizes the tools print
n=0
while IFS= read -r line || [ -n "$line" ]; do
	printf '%s' "$line" >"$out/size/list-$n"
	n=$((n + 1))
done <"$here/size-seeds.txt"
for file in ghost-4k ghost-64k regular-16k; do
	"$swaplabel" --show "$scratch/$file"
done | sed -n 's/^\(Advertised size\|File length\|Allocated\): *\([^(]*[^ (]\).*/\2/p' |
	sort -u | while IFS= read -r human; do
		printf '%s' "$human" >"$out/size/shown-$n"
		n=$((n + 1))
	done

echo "make-corpus: $(ls "$out/headers" | wc -l) headers," \
	"$(ls "$out/build" | wc -l) parameter sets, $(ls "$out/size" | wc -l) sizes"

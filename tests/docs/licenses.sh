#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Licensing as a distribution checks it: every source file names its
# license in an SPDX line, each named license has its text in LICENSES/,
# debian/copyright says the same of each file (its last matching Files
# stanza, as Debian reads it), licensecheck(1) finds the same license in
# the file, every object of the installed library comes from a source
# that allows linking it from any program (LGPL), and every file the
# kernel series creates carries an SPDX line of its own.
#
# usage: licenses.sh SOURCE-ROOT BUILD-ROOT
# shellcheck shell=bash source-path=SCRIPTDIR

# shellcheck source=../testlib.sh
. "$(dirname "$0")/../testlib.sh"

SRC=$(realpath "$1")
BUILD=$(realpath "$2")
t_begin licenses
cd "$SRC" || exit 1

# what is not source: data, generated files, prose, and Debian's own
# control files (debian/copyright covers them)
not_source() {
	case $1 in
	*.md | *.patch | *.abi | .gitignore | po/ghostswap.pot | LICENSES/* | COPYING) return 0 ;;
	tests/fuzz/regressions/* | tests/fuzz/size-seeds.txt | tests/kernel/diff-intended*) return 0 ;;
	debian/rules | debian/tests/build | debian/tests/smoke) return 1 ;;
	debian/*) return 0 ;;
	esac
	return 1
}

# spdx FILE: the identifier in its first three lines
spdx() {
	head -n 3 "$1" | sed -n 's/.*SPDX-License-Identifier: *\([A-Za-z0-9.+-]*\).*/\1/p' | head -n 1
}

# debian_licenses FILE...: "FILE<tab>LICENSE" for each, LICENSE from the
# last Files stanza of debian/copyright that matches FILE
debian_licenses() {
	python3 - "$@" <<'PY'
import fnmatch, sys
stanzas = []
for para in open("debian/copyright").read().split("\n\n"):
    fields, key = {}, None
    for line in para.splitlines():
        if line[:1] in (" ", "\t") and key:
            fields[key] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    if "Files" in fields:
        stanzas.append((fields["Files"].split(), fields["License"].split()[0]))
for path in sys.argv[1:]:
    lic = "none"
    for globs, name in stanzas:
        if any(fnmatch.fnmatchcase(path, g) for g in globs):
            lic = name
    print(path + "\t" + lic)
PY
}

declare -A DEBIAN_NAME=([GPL-2.0-or-later]=GPL-2+ [GPL-2.0-only]=GPL-2
	[LGPL-2.1-or-later]=LGPL-2.1+)
declare -A LICENSECHECK_NAME=([GPL-2.0-or-later]=GPL-2 [GPL-2.0-only]=GPL-2
	[LGPL-2.1-or-later]=LGPL-2.1)

missing=() unknown=() mismatch=() checked=0 sources=()
mapfile -t files < <(git ls-files 2>/dev/null || find . -type f ! -path './.git/*' -printf '%P\n')
for f in "${files[@]}"; do
	not_source "$f" || sources+=("$f")
done
# one licensecheck run for all: it is a Perl program, slow to start
declare -A LC DEB
while IFS=$'\t' read -r f lic; do
	DEB[$f]=$lic
done < <(debian_licenses "${sources[@]}")
while IFS=$'\t' read -r f lc; do
	LC[$f]=$lc
done < <(licensecheck --check='.*' --shortname-scheme=debian,spdx "${sources[@]}" |
	sed 's/: \(\*No copyright\* \)\{0,1\}/\t/')
for f in "${sources[@]}"; do
	checked=$((checked + 1))
	id=$(spdx "$f")
	if [ -z "$id" ]; then
		missing+=("$f")
		continue
	fi
	if [ -z "${DEBIAN_NAME[$id]:-}" ] || [ ! -f "LICENSES/$id.txt" ]; then
		unknown+=("$f: $id")
		continue
	fi
	deb=${DEB[$f]}
	[ "$deb" = "${DEBIAN_NAME[$id]}" ] ||
		mismatch+=("$f: SPDX $id, debian/copyright $deb")
	lc=${LC[$f]:-}
	[ "$lc" = "${LICENSECHECK_NAME[$id]}" ] ||
		mismatch+=("$f: SPDX $id, licensecheck '$lc'")
done
t_check "source files found ($checked)" test "$checked" -gt 50
t_eq "every source file has an SPDX line" "" "${missing[*]}"
t_eq "every SPDX identifier is one the project uses, with its text in LICENSES/" \
	"" "${unknown[*]}"
t_eq "debian/copyright and licensecheck agree with each SPDX line" "" \
	"$(printf '%s\n' "${mismatch[@]}")"
t_check "COPYING holds the default license (GPL-2.0-or-later)" \
	cmp -s COPYING LICENSES/GPL-2.0-or-later.txt

# The installed library: each of its objects compiled from an LGPL source
# (a GPL part would bind every program that links it).
lib_sources=$(python3 - "$BUILD/compile_commands.json" <<'PY'
import json, os, sys
for e in json.load(open(sys.argv[1])):
    if e["output"].startswith("libghostswap/libghostswap.a.p/"):
        print(os.path.relpath(os.path.join(e["directory"], e["file"])))
PY
)
not_lgpl=""
for f in $lib_sources; do
	[ "$(spdx "$f")" = LGPL-2.1-or-later ] || not_lgpl+="$f "
done
t_check "the installed library's sources found" test -n "$lib_sources"
t_eq "every object of libghostswap comes from an LGPL-2.1-or-later source" "" "$not_lgpl"
t_eq "the installed header is LGPL-2.1-or-later" LGPL-2.1-or-later "$(spdx libghostswap/ghostswap.h)"

# Files that the kernel series creates carry their own SPDX line.
no_spdx=$(for p in kernel/patches/0*.patch; do
	awk -v p="$(basename "$p")" '
		/^diff --git / { file = $4; sub(/^b\//, "", file); fresh = 0; n = 0 }
		/^--- \/dev\/null/ { fresh = 1; seen = 0 }
		fresh && /^\+/ && !/^\+\+\+ / { n++; if ($0 ~ /SPDX-License-Identifier/) seen = 1;
			if (n == 3 && !seen) { print p ": " file; fresh = 0 } }
	' "$p"
done)
t_eq "every file the kernel series creates has an SPDX line" "" "$no_spdx"

t_end

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The differential table: every case of the corpus as swaplabel-ext --check
# judges it on the host and as swapon judged it in the booted guest, next
# to what swap-ghost(5) says swapon must do.
#
# usage: diff-table.sh HOSTTOOL CORPUSDIR KERNEL_VERDICTS INTENDED MANPAGE
#
# KERNEL_VERDICTS has one "NAME accept|refuse" line per case (the guest's
# GT-DIFF lines without their tag).  INTENDED has one "NAME<TAB>phrase" line
# per disagreement that swap-ghost(5) explains; the phrase must appear in
# MANPAGE as it stands.  A line "NAME<TAB>kernel refuse<TAB>phrase" (or
# accept) also changes what the kernel must do with that case from what
# the corpus expects: a kernel series that differs there, as 6.12 does
# for the largest ghost areas.
#
# The tool accepts an area when --check finds no error (exit 0, or 2 for
# warnings only: warnings never stop swapon) and refuses it on exit 3; any
# other exit means it could not check the file.
#
# Fails when a case differs between tool and kernel without an entry in
# INTENDED, when the kernel does not do what EXPECT says, when an entry of
# INTENDED names no case, names a case that does not disagree, or has a
# phrase MANPAGE lacks, when a case has no kernel verdict or the tool could
# not check it, and when the corpus has fewer than 40 cases.
# shellcheck shell=bash

MIN_CASES=40

if [ $# -ne 5 ]; then
	echo "usage: $0 HOSTTOOL CORPUSDIR KERNEL_VERDICTS INTENDED MANPAGE" >&2
	exit 2
fi
tool=$1 corpus=$2 verdicts=$3 intended=$4 manpage=$5
for f in "$corpus/MANIFEST" "$verdicts" "$intended" "$manpage"; do
	if [ ! -r "$f" ]; then
		echo "$0: cannot read $f" >&2
		exit 2
	fi
done
if [ ! -x "$tool" ]; then
	echo "$0: $tool is not executable" >&2
	exit 2
fi

failed=0
problems=()
problem() {
	problems+=("$*")
}

declare -A kernel=() phrase=() in_corpus=() kexpect=()

n=0
while read -r name verdict extra; do
	n=$((n + 1))
	[ -n "$name" ] || continue
	case $verdict in
	accept | refuse) ;;
	*)
		problem "$verdicts line $n: verdict '$verdict' for $name is not accept or refuse"
		failed=$((failed + 1))
		continue
		;;
	esac
	if [ -n "$extra" ]; then
		problem "$verdicts line $n: more than a name and a verdict"
		failed=$((failed + 1))
	fi
	if [ -n "${kernel[$name]:-}" ] && [ "${kernel[$name]}" != "$verdict" ]; then
		problem "$verdicts: $name is both ${kernel[$name]} and $verdict"
		failed=$((failed + 1))
	fi
	kernel[$name]=$verdict
done <"$verdicts"

n=0
while IFS= read -r line; do
	n=$((n + 1))
	[ -n "$line" ] || continue
	name=${line%%$'\t'*}
	text=${line#*$'\t'}
	if [ "$name" = "$line" ] || [ -z "$name" ] || [ -z "$text" ]; then
		problem "$intended line $n: not NAME<TAB>phrase"
		failed=$((failed + 1))
		continue
	fi
	case $text in
	"kernel accept"$'\t'* | "kernel refuse"$'\t'*)
		kexpect[$name]=${text:7:6}
		text=${text:14}
		;;
	esac
	if ! grep -qF -- "$text" "$manpage"; then
		problem "$intended: the phrase for $name is not in $manpage: $text"
		failed=$((failed + 1))
	fi
	phrase[$name]=$text
done <"$intended"

# tool_verdict FILE: accept, refuse or error in $tv, the codes of the
# errors found (or what went wrong) in $codes
tool_verdict() {
	local out rc
	out=$("$tool" --check "$1" 2>&1 </dev/null)
	rc=$?
	codes=$(sed -n 's/^error: \([a-z0-9-]*\): .*/\1/p' <<<"$out" | paste -sd, -)
	case $rc in
	0 | 2) tv=accept ;;
	3) tv=refuse ;;
	*)
		tv=error
		codes="exit $rc: $(head -n 1 <<<"$out")"
		;;
	esac
}

fmt='%-32s | %-6s | %-7s | %-6s | %s\n'
# shellcheck disable=SC2059
printf "$fmt" case tool kernel expect note

cases=0 disagree=0 listed=0
while read -r name kind order pagesize bytes expect extra; do
	[ -n "$name" ] || continue
	cases=$((cases + 1))
	in_corpus[$name]=1
	note=""
	bad=no
	if [ -n "$extra" ] || [ -z "$expect" ] ||
		[[ ! "$kind $order $expect" =~ ^(ghost|regular)\ (le|be)\ (accept|refuse)$ ]] ||
		[[ ! "$pagesize $bytes" =~ ^[0-9]+\ [0-9]+$ ]]; then
		note="malformed MANIFEST line"
		bad=yes
	fi
	tool_verdict "$corpus/$name"
	t=$tv
	k=${kernel[$name]:-missing}
	if [ "$t" = error ]; then
		note="${note:+$note; }tool could not check it ($codes)"
		bad=yes
	fi
	if [ "$k" = missing ]; then
		note="${note:+$note; }no kernel verdict"
		bad=yes
	fi
	if [ "$t" != error ] && [ "$k" != missing ]; then
		if [ "$t" != "$k" ]; then
			disagree=$((disagree + 1))
			if [ -n "${phrase[$name]:-}" ]; then
				listed=$((listed + 1))
				note="${note:+$note; }intended: ${phrase[$name]}"
			else
				note="${note:+$note; }DISAGREEMENT not in $(basename "$intended")"
				bad=yes
			fi
		elif [ -n "${phrase[$name]:-}" ]; then
			note="${note:+$note; }listed as intended, but tool and kernel agree"
			bad=yes
		fi
		if [ "$k" != "${kexpect[$name]:-$expect}" ]; then
			note="${note:+$note; }kernel differs from expect"
			bad=yes
		fi
		if [ "$t" != "$expect" ] && [ -z "${phrase[$name]:-}" ]; then
			note="${note:+$note; }tool differs from expect"
			bad=yes
		fi
	fi
	if [ -z "$note" ] && [ -n "$codes" ]; then
		note="tool: $codes"
	fi
	if [ $bad = yes ]; then
		failed=$((failed + 1))
		note="FAIL: $note"
	fi
	# shellcheck disable=SC2059
	printf "$fmt" "$name" "$t" "$k" "${kexpect[$name]:-$expect}" "$note"
done <"$corpus/MANIFEST"

while read -r name; do
	if [ -n "$name" ] && [ -z "${in_corpus[$name]:-}" ]; then
		problem "$intended: $name is not a case of the corpus"
		failed=$((failed + 1))
	fi
done < <(printf '%s\n' "${!phrase[@]}" | sort)
extra=$(for name in "${!kernel[@]}"; do
	[ -n "${in_corpus[$name]:-}" ] || echo "$name"
done | sort | paste -sd' ' -)
[ -z "$extra" ] || problem "$verdicts: verdicts for cases not in the corpus, ignored: $extra"
if [ "$cases" -lt $MIN_CASES ]; then
	problem "the corpus has $cases cases, fewer than $MIN_CASES"
	failed=$((failed + 1))
fi

for p in "${problems[@]}"; do
	echo "diff: $p"
done
echo "diff: $cases cases, $disagree disagreements, $listed intended, $failed failed"
[ "$failed" -eq 0 ]

# SPDX-License-Identifier: GPL-2.0-or-later
# The guest half of the differential corpus (tests/kernel/mkcorpus.c):
# swapon's verdict on every case, for diff-table.sh to set against
# swaplabel-ext --check on the host.  Sourced by the guest's /init (busybox
# sh); the host turns the verdicts into diff-table.sh's input with
#   sed -n 's/^GT-DIFF \([^ ]*\) \(accept\|refuse\)$/\1 \2/p' CONSOLE-LOG
# shellcheck shell=sh disable=SC3043

# The programs under test are util-linux's, which the initramfs holds in
# /bin; busybox sh would run its own applets of these names.  GD_KMSG is
# where the marks go that tell a refusal's own kernel message from an older
# one (the host's test of this file points it elsewhere).
GD_SWAPON=${GD_SWAPON:-/bin/swapon}
GD_SWAPOFF=${GD_SWAPOFF:-/bin/swapoff}
GD_KMSG=${GD_KMSG:-/dev/kmsg}

# diff_corpus CORPUSDIR MOUNTPOINT: for each case of CORPUSDIR/MANIFEST,
# swapon on a copy of it on MOUNTPOINT (ext4); prints
#   GT-DIFF NAME accept|refuse
# and for a refusal
#   GT-DIFF-MSG NAME TEXT
# with the kernel's last log line, or what swapon(8) said when the kernel
# said nothing (swapon refuses some files itself).  An accepted area is
# swapped off again, and every copy is removed.
diff_corpus() {
	local src="$1" dir="$2/gt-diff" out=/tmp/gt-diff.out name rest msg

	rm -rf "$dir"
	mkdir "$dir" || return 1
	# cat writes every block: swapon refuses holes.  The modes travel too,
	# since swapon(8) looks at them.  One sync for the lot.
	while read -r name rest; do
		[ -n "$name" ] || continue
		cat "$src/$name" >"$dir/$name" &&
			chmod "$(stat -c %a "$src/$name")" "$dir/$name" ||
			echo "GT-DIFF-MSG $name copy to $dir failed"
	done <"$src/MANIFEST"
	sync

	while read -r name rest; do
		[ -n "$name" ] || continue
		echo "gt-diff: $name" >"$GD_KMSG"
		if "$GD_SWAPON" "$dir/$name" >$out 2>&1 </dev/null; then
			echo "GT-DIFF $name accept"
			"$GD_SWAPOFF" "$dir/$name" >$out 2>&1 </dev/null ||
				echo "GT-DIFF-MSG $name swapoff failed: $(tail -n 1 $out)"
		else
			echo "GT-DIFF $name refuse"
			msg=$(dmesg | tail -n 1 | sed 's/^\[[^]]*\] *//')
			if [ "$msg" = "gt-diff: $name" ]; then
				msg="no kernel message; $(tail -n 1 $out)"
			fi
			echo "GT-DIFF-MSG $name $msg"
		fi
		rm -f "$dir/$name"
	done <"$src/MANIFEST"
	rm -f $out
	rmdir "$dir"
}

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The running system: a ghost swap area with zswap against a regular swap
# file with zswap (with and without writeback) and against zram, in one
# booted guest of the kernel suite's patched kernel.  Prints a Markdown
# report; the guest's console goes to CONSOLE_LOG.
#
# usage: bench/vm.sh [BUILD_DIR]   (meson build directory, default: build)
#
# Environment:
#   BENCH_MIB      data of one workload in MiB (default 32); cgroup limits
#                  scale with it
#   BENCH_REPS     repetitions of every configuration (default 4)
#   BENCH_WORK     workloads, comma separated (default
#                  comp,mixed,random,global,multi,random-wb)
#   BENCH_COST     0 leaves out the memory cost at swapon (default 1)
#   BENCH_CONFIGS  configurations, comma separated (default A,Ad,B,Bn,C;
#                  see bench/vm-guest.sh)
#   BENCH_KERNEL   a bzImage to boot instead of the suite's kernel (an
#                  earlier series, to compare); it needs the options of
#                  kernel/ghostswap.config
#   BENCH_LABEL    what the report calls the kernel (default: the series in
#                  kernel/patches, or "BENCH_KERNEL" when that is set)
#   BENCH_TIMEOUT  seconds the guest may run (default 1800)
#   BENCH_PROFILE  1 profiles every run with ftrace's function profiler
#                  (calls and time of the functions a swap-in and a
#                  swap-out pass through); needs a BENCH_KERNEL built with
#                  kernel/ghostswap.config plus kernel/ghostswap-profile.config
#   BENCH_KPROF    1 samples the kernel with its own profiler (profile=6:
#                  the address every timer tick interrupts, on every CPU,
#                  in 64-byte buckets) and reports per run the functions
#                  that took the most ticks; needs a kernel built with
#                  CONFIG_PROFILING (kernel/ghostswap-profile.config has it)
#                  and its System.map (BENCH_SYSTEM_MAP, default: beside
#                  BENCH_KERNEL or at the top of its build directory, or
#                  the suite's build directory)
#   CONSOLE_LOG    the guest's console (default BUILD_DIR/meson-logs/bench-vm-console.log)
#   GHOSTSWAP_KERNEL_CACHE  as for the kernel suite
#   BENCH_FROM_CONSOLE      a console kept from an earlier run: print its
#                           report again without booting
#
# Needs the kernel the kernel suite builds (tests/kernel), with CONFIG_ZRAM
# from kernel/ghostswap.config.  It is a benchmark, not a test: nothing
# here asserts a figure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
srcdir=$(dirname "$here")
# shellcheck source=../tests/kernel/initramfs-lib.sh
. "$srcdir/tests/kernel/initramfs-lib.sh"
build=$(cd "${1:-build}" && pwd) || { echo "bench: no build directory ${1:-build}" >&2; exit 1; }
cache=${GHOSTSWAP_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ghostswap-kernel}
# the suite configures its main kernel in build/ and builds it as a Debian
# package with kernel/build-deb.sh, whose build directory holds the image
kconf=$cache/build
kbuild=$cache/package/build
bzimage=${BENCH_KERNEL:-$kbuild/arch/x86/boot/bzImage}
mkswap=$build/mkswap-ghost/mkswap-ghost
mib=${BENCH_MIB:-32}
reps=${BENCH_REPS:-4}
work_list=${BENCH_WORK:-comp,mixed,random,global,multi,random-wb}
cost=${BENCH_COST:-1}
configs=${BENCH_CONFIGS:-A,Ad,B,Bn,C}
if [ -n "${BENCH_KERNEL:-}" ]; then
	label=${BENCH_LABEL:-BENCH_KERNEL}
else
	label=${BENCH_LABEL:-the series in kernel/patches}
fi
tmo=${BENCH_TIMEOUT:-1800}
profile=${BENCH_PROFILE:-0}
kprof=${BENCH_KPROF:-0}
kprof_args=
[ "$kprof" = 1 ] && kprof_args="bench.kprof=1 profile=6"
if [ -n "${BENCH_SYSTEM_MAP:-}" ]; then
	sysmap=$BENCH_SYSTEM_MAP
elif [ -n "${BENCH_KERNEL:-}" ]; then
	# beside the image, or at the top of the build directory it is in
	case $BENCH_KERNEL in
	*/arch/x86/boot/bzImage) sysmap=${BENCH_KERNEL%/arch/x86/boot/bzImage}/System.map ;;
	*) sysmap=$(dirname "$BENCH_KERNEL")/System.map ;;
	esac
else
	sysmap=$kbuild/System.map
fi
console=${CONSOLE_LOG:-$build/meson-logs/bench-vm-console.log}
mem_mib=1024

die() {
	echo "bench: $*" >&2
	exit 1
}

suite_cmd="meson test -C ${1:-build} --suite kernel-7.3 (or: bash tests/kernel/run-kernel-tests.sh . ${1:-build}/mkswap-ghost/mkswap-ghost LOGDIR ${1:-build}/swaplabel-ext/swaplabel-ext)"
if [ -n "${BENCH_KERNEL:-}" ]; then
	[ -f "$bzimage" ] || die "no kernel image $bzimage (BENCH_KERNEL)"
else
	[ -f "$bzimage" ] && [ -f "$kbuild/.config" ] ||
		die "no kernel in $kbuild; build it with the kernel suite first: $suite_cmd"
	grep -qx "CONFIG_ZRAM=y" "$kbuild/.config" ||
		die "the kernel in $kbuild has no CONFIG_ZRAM; kernel/ghostswap.config asks for it, so run the kernel suite once to rebuild it: $suite_cmd"
	if ! cmp -s "$srcdir/kernel/ghostswap.config" "$kconf/.fragment"; then
		echo "bench: note: kernel/ghostswap.config changed since the kernel was built; the suite rebuilds it" >&2
	fi
fi
[ -x "$mkswap" ] || die "$mkswap not built (ninja -C ${1:-build})"
for t in qemu-system-x86_64 mkfs.ext4 gcc cpio; do
	command -v $t >/dev/null || die "$t not found (the kernel suite's Debian packages provide it)"
done
[ -x /bin/busybox ] || die "busybox-static not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/ghostswap-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

accel=tcg
if [ -w /dev/kvm ] && grep -qE '\b(vmx|svm)\b' /proc/cpuinfo; then
	accel=kvm
fi

# boot: build the initramfs and the disks, run the guest with its console
# in $console
boot() {
	# --- the initramfs, as the kernel suite assembles it --------------------
	root=$work/root
	initramfs_base "$root" || die "cannot assemble the initramfs (busybox-static, ghosttest)"
	initramfs_programs "$root" /sbin/swapon /sbin/swapoff "$mkswap" ||
		die "cannot copy the guest's programs"
	install -m 0755 "$here/vm-guest.sh" "$root/init"
	install -m 0644 "$srcdir/tests/kernel/guest-lib.sh" "$root/lib/guest-lib.sh"
	install -m 0644 "$srcdir/tests/kmsg-mark.sh" "$root/lib/kmsg-mark.sh"
	initramfs_pack "$root" "$work/initramfs.cpio"

	# --- disks: raw images, sparse on the host ------------------------------
	truncate -s 2G "$work/vda.img"
	mkfs.ext4 -q -F "$work/vda.img"
	# room for a fully allocated 1 TiB swap file; no journal and few inodes,
	# so mkfs and the guest write only the allocation metadata
	truncate -s 1040G "$work/vdb.img"
	mkfs.ext4 -q -F -O ^has_journal -N 1024 -E nodiscard "$work/vdb.img"
	# the ghost files alone, initialised in full now so nothing else writes
	truncate -s 64M "$work/vdc.img"
	mkfs.ext4 -q -F -b 4096 -E lazy_itable_init=0,lazy_journal_init=0 "$work/vdc.img"

	mkdir -p "$(dirname "$console")"
	echo "bench: booting the guest (accel=$accel, 2 CPUs, $mem_mib MiB); console: $console" >&2
	timeout "$tmo" qemu-system-x86_64 \
		-machine q35,accel=$accel -cpu max -smp 2 -m $mem_mib \
		-nographic -no-reboot -nodefaults -serial stdio \
		-kernel "$bzimage" -initrd "$work/initramfs.cpio" \
		-append "console=ttyS0 panic=-1 oops=panic loglevel=2 zswap.enabled=1 zswap.compressor=lzo bench.mib=$mib bench.reps=$reps bench.work=$work_list bench.cost=$cost bench.configs=$configs bench.profile=$profile $kprof_args" \
		-drive "file=$work/vda.img,if=virtio,format=raw" \
		-drive "file=$work/vdb.img,if=virtio,format=raw" \
		-drive "file=$work/vdc.img,if=virtio,format=raw" \
		</dev/null >"$console" 2>&1 || qrc=$?
}

qrc=0
if [ -n "${BENCH_FROM_CONSOLE:-}" ]; then
	# the report again from a kept console, without booting
	console=$BENCH_FROM_CONSOLE
else
	boot
fi
# the firmware's escape sequences may precede the first line
tr -d '\r' <"$console" | sed 's/^.*\(BENCH-[A-Z]* \)/\1/' >"$work/console"
if ! grep -q "^BENCH-DONE" "$work/console"; then
	tail -n 40 "$work/console" >&2
	die "the guest did not finish (qemu exit $qrc); see $console"
fi
# the profiler's buckets named: a bucket is 64 bytes from _stext, and
# belongs to the function of the System.map that starts at or before it
if grep -q "^BENCH-KPROF " "$work/console"; then
	[ -r "$sysmap" ] || die "BENCH-KPROF lines but no System.map at $sysmap (BENCH_SYSTEM_MAP)"
	# (the low 32 bits of each address: the kernel text lies within one
	# such window, and they are exact in awk'"'"'s numbers)
	awk 'function low32(h,    i, x) {
		h = tolower(substr(h, length(h) - 7))
		x = 0
		for (i = 1; i <= 8; i++)
			x = x * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
		return x
	}
	FNR == NR {
		if ($2 ~ /^[tTwW]$/) { addr[++n] = $1; name[n] = $3 }
		if ($3 == "_stext") stext = low32($1)
		next
	}
	/^BENCH-KPROF / {
		if (!sorted) {
			for (i = 1; i <= n; i++) a[i] = low32(addr[i])
			sorted = 1
		}
		split($0, f, " ")
		for (i in f) if (split(f[i], kv, "=") == 2) v[kv[1]] = kv[2]
		if (v["bucket"] == "total") { print "BENCH-KSYM w=" v["w"] " cfg=" v["cfg"] " rep=" v["rep"] " fn=total ticks=" v["ticks"]; next }
		x = stext + v["bucket"] * 64
		lo = 1; hi = n
		while (lo < hi) { mid = int((lo + hi + 1) / 2); if (a[mid] <= x) lo = mid; else hi = mid - 1 }
		t[v["w"] " " v["cfg"] " " v["rep"], name[lo]] += v["ticks"]
	}
	END {
		for (k in t) { split(k, kk, SUBSEP); split(kk[1], r, " ")
			print "BENCH-KSYM w=" r[1] " cfg=" r[2] " rep=" r[3] " fn=" kk[2] " ticks=" t[k] }
	}' <(sort -k1,1 "$sysmap") "$work/console" >"$work/ksym"
	cat "$work/ksym" >>"$work/console"
fi
grep "^BENCH-ERROR" "$work/console" >&2 || true
if grep -qE "WARNING:|BUG:|Oops" "$work/console"; then
	echo "bench: the guest's kernel log has a warning or oops; see $console" >&2
fi

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
host_desc="$(nproc) host CPUs ($cpu_model), qemu $accel"

# --- the report ------------------------------------------------------------
awk -v host="$host_desc" -v mem="$mem_mib" -v label="$label" '
function kv(line, arr,    n, i, f, p) {
	delete arr
	n = split(line, f, " ")
	for (i = 2; i <= n; i++) {
		p = index(f[i], "=")
		if (p)
			arr[substr(f[i], 1, p - 1)] = substr(f[i], p + 1)
	}
}
# median of the numbers in a[1..n]
function median(a, n,    i, j, t, b) {
	if (n == 0)
		return ""
	for (i = 1; i <= n; i++)
		b[i] = a[i] + 0
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && b[j - 1] > b[j]; j--) {
			t = b[j]; b[j] = b[j - 1]; b[j - 1] = t
		}
	return (n % 2) ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
}
function least(a, n,    i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] < m) m = a[i]; return m }
function most(a, n,    i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] > m) m = a[i]; return m }
function mib(sectors) { return sprintf("%.1f", sectors * 512 / 1048576) }
function name(c) { return c == "A" ? "A ghost 64G + zswap" : c == "Ad" ? "Ad ghost 64G above B'"'"'s file" : c == "B" ? "B file + zswap" : \
	c == "Bn" ? "B'"'"' file + zswap, writeback=0" : "C zram, zswap off" }
BEGIN { ncfg = split("A Ad B Bn C", cfgs, " ") }
/^BENCH-INFO / { kv($0, a); for (k in a) info[k] = a[k] }
/^BENCH-DONE / { kv($0, a); elapsed = a["uptime"] }
/^BENCH-RUN / {
	kv($0, a)
	w = a["w"]; c = a["cfg"]; r = a["rep"]
	if (!(w in wseen)) { wseen[w] = 1; worder[++nw] = w }
	key = w SUBSEP c SUBSEP r
	if (r > maxrep) maxrep = r
	runs[++nr] = key
	for (k in a) run[key, k] = a[k]
	run[key, "fin"] = (a["rc"] == 0 && a["verified"] == 1)
}
/^BENCH-PROF / {
	kv($0, a)
	k = a["w"] SUBSEP a["cfg"]
	pcalls[k, a["fn"]] += a["calls"]
	pus[k, a["fn"]] += a["us"]
	pfn[a["fn"]] = 1
	if (!((k, a["rep"]) in prun)) { prun[k, a["rep"]] = 1; pnrun[k]++ }
}
/^BENCH-KSYM / {
	kv($0, a)
	k = a["w"] SUBSEP a["cfg"] SUBSEP a["rep"]
	if (a["fn"] == "total") ktotal[k] = a["ticks"] + 0
	else { kfn[k, ++nkfn[k]] = a["fn"]; kt[k, nkfn[k]] = a["ticks"] + 0 }
}
/^BENCH-COST / {
	kv($0, a)
	key = a["kind"] SUBSEP a["gib"]
	if (!((a["kind"], a["gib"], "n") in cost)) {
		if (!(a["gib"] in gseen)) { gseen[a["gib"]] = 1; gorder[++ng] = a["gib"] }
	}
	n = ++cost[a["kind"], a["gib"], "n"]
	cost[a["kind"], a["gib"], "rc", n] = a["rc"]
	if (a["rc"] == 0) {
		m = ++cost[a["kind"], a["gib"], "ok"]
		for (k in a)
			cost[a["kind"], a["gib"], k, m] = a[k]
		cost[a["kind"], a["gib"], "kern", m] = a["slab"] + a["vmalloc"] + a["percpu"]
	}
}
END {
	wdesc["comp"] = "compressible (text, about 3:1 with lzo), memory.max half the data"
	wdesc["mixed"] = "30 % incompressible pages, memory.max three quarters of the data"
	wdesc["random"] = "fully incompressible, memory.max half the data"
	wdesc["global"] = "compressible, no cgroup limit: the guest memory left free (the rest pinned in a ramfs, which reclaim does not scan) is two thirds of the data; one run of the first configuration after the pinning, not reported, warms up (the first run after it spent minutes zeroing pages, whatever its configuration)"
	wdesc["random-wb"] = "random with the cgroup'"'"'s memory.zswap.max at 1M, so that zswap writes back to a swap file what it stored uncompressed"
	wdesc["multi"] = "two processes at once on the 2 vCPUs, compressible, together as much data as comp, in one cgroup of 5/8 of the data (each process brings its own page tables and stack)"

	print "## Kernel benchmark: ghost + zswap, swap file + zswap, zram"
	print ""
	printf "Guest: Linux %s, %d vCPUs, %d MiB (MemTotal %d KiB), THP %s; host: %s.\n", \
		info["kernel"], info["cpus"], mem, info["memtotal_kib"], info["thp"], host
	printf "Kernel: %s.\n", label
	printf "Compressor: zswap %s, zram %s. zswap max_pool_percent %s, shrinker %s.\n", \
		info["zswap_compressor"], info["zram_compressor"], info["max_pool_percent"], info["shrinker"]
	printf "One boot, configurations interleaved (A Ad B B'"'"' C, repeated %d times per workload); the guest ran for %d s.\n", maxrep, elapsed
	print ""
	print "- **A**: ghost file advertising 64 GiB (mkswap-ghost --ghost), zswap on"
	print "- **Ad**: A at priority 10 above B'"'"'s swap file at priority 5 (workloads with incompressible data only): what zswap refuses goes on to the file"
	print "- **B**: regular 1 GiB swap file (fallocate + mkswap) on ext4, zswap on, defaults"
	print "- **B'"'"'**: B with memory.zswap.writeback=0 in the workload cgroup"
	print "- **C**: zram, disksize 1 GiB, as the only swap; zswap off"
	print ""
	printf "Every run is `ghosttest fill MIB KIND -r 2`: writes every page, verifies every byte, then rewrites and verifies twice more (3 write passes, 3 full verifications); a run counts as finished only with exit 0 and the last generation verified. Time is wall time from start to exit. Counters are deltas over the run; disk = the swap area'"'"'s own disk (A: the ghost file'"'"'s filesystem, B: the swap file'"'"'s; C has none). Figures are medians over the repetitions; the ratio is the median of the per-repetition ratios to A in the same round, with the least and the greatest of them.\n"
	for (wi = 1; wi <= nw; wi++) {
		w = worder[wi]
		k1 = w SUBSEP "A" SUBSEP 1
		print ""
		printf "### %s: %s MiB, memory.max %s\n\n", w, run[k1, "mib"], run[k1, "limit"]
		print wdesc[w] "."
		print ""
		print "| configuration | finished | median s | ratio to A | pswpin | pswpout | zswpin | zswpout | zswpwb | zswap rejects | disk MiB read/written | OOM kills | zram peak MiB |"
		print "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
		for (ci = 1; ci <= ncfg; ci++) {
			c = cfgs[ci]
			n = 0; fin = 0; nrat = 0
			delete t; delete rat; delete v
			for (r = 1; r <= maxrep; r++) {
				key = w SUBSEP c SUBSEP r
				if (!((key, "w") in run))
					continue
				n++
				fin += run[key, "fin"]
				t[n] = run[key, "secs"]
				ka = w SUBSEP "A" SUBSEP r
				if (run[key, "fin"] && run[ka, "fin"] && run[ka, "secs"] > 0)
					rat[++nrat] = run[key, "secs"] / run[ka, "secs"]
				split("pswpin pswpout zswpin zswpout zswpwb", f, " ")
				for (i = 1; i <= 5; i++)
					v[f[i], n] = run[key, f[i]]
				v["rej", n] = run[key, "rej_poor"] + run[key, "rej_fail"] + run[key, "rej_other"]
				v["rd", n] = run[key, "rd_sectors"]
				v["wr", n] = run[key, "wr_sectors"]
				v["oom", n] = run[key, "oom"]
				v["zram", n] = run[key, "zram_max_kib"]
			}
			if (n == 0)
				continue
			line = sprintf("| %s | %d/%d | %s | %s |", name(c), fin, n, \
				fin == n ? sprintf("%.2f", median(t, n)) : sprintf("(%.2f)", median(t, n)), \
				nrat ? sprintf("%.3f (%.3f-%.3f)", median(rat, nrat), least(rat, nrat), most(rat, nrat)) : "-")
			# the time of A over that of this configuration, round by round
			for (j = 1; j <= nrat; j++)
				ghost_over[w, c, j] = 1 / rat[j]
			ghost_over[w, c] = nrat
			split("pswpin pswpout zswpin zswpout zswpwb rej", g, " ")
			for (i = 1; i <= 6; i++) {
				delete x
				for (j = 1; j <= n; j++) x[j] = v[g[i], j]
				line = line sprintf(" %d |", median(x, n))
			}
			delete x; delete y
			for (j = 1; j <= n; j++) { x[j] = v["rd", j]; y[j] = v["wr", j] }
			line = line (c == "C" ? " - |" : sprintf(" %s / %s |", mib(median(x, n)), mib(median(y, n))))
			oomtot = 0
			for (j = 1; j <= n; j++) oomtot += v["oom", j]
			line = line sprintf(" %d |", oomtot)
			delete x
			for (j = 1; j <= n; j++) x[j] = v["zram", j]
			line = line (c == "C" ? sprintf(" %.1f |", median(x, n) / 1024) : " - |")
			print line
			med[w, c] = (fin == n) ? median(t, n) : ""
		}
	}

	# the function profile: per workload, calls and time per run of each
	# function, time per call (callees included), configurations side by side
	nfo = split("handle_mm_fault do_swap_page swapin_sync swapin_readahead swap_vma_readahead swap_cluster_readahead swap_cache_get_folio swap_cache_alloc_folio mem_cgroup_swapin_charge_folio swap_read_folio zswap_load zswap_decompress zram_bvec_read zram_read_page lzo1x_decompress_safe folio_free_swap shrink_folio_list zswap_store zram_write_page swap_writeout folio_alloc_swap", fo, " ")
	for (wi = 1; wi <= nw; wi++) {
		w = worder[wi]
		hdr = "| function |"; sep = "|---|"
		for (ci = 1; ci <= ncfg; ci++)
			if ((w SUBSEP cfgs[ci]) in pnrun) {
				hdr = hdr sprintf(" %s calls | %s us/call | %s ms |", cfgs[ci], cfgs[ci], cfgs[ci])
				sep = sep "---|---|---|"
			}
		if (hdr == "| function |")
			continue
		print ""
		printf "### Where the time goes: %s (function profile, per run)\n\n", w
		print "ftrace'"'"'s function profiler over each run, all CPUs: calls per run, microseconds per call and milliseconds per run, each call timed from entry to return, callees and sleeps included (so rows overlap: handle_mm_fault contains do_swap_page, which contains the swap-in below it). Tracing slows every call it times; compare configurations, not absolute times."
		print ""
		print hdr
		print sep
		for (fi = 1; fi <= nfo; fi++) {
			fname = fo[fi]
			if (!(fname in pfn))
				continue
			line = "| " fname " |"
			for (ci = 1; ci <= ncfg; ci++) {
				k = w SUBSEP cfgs[ci]
				if (!(k in pnrun))
					continue
				nrn = pnrun[k]
				if (pcalls[k, fname] > 0)
					line = line sprintf(" %d | %.1f | %.0f |", pcalls[k, fname] / nrn, \
						pus[k, fname] / pcalls[k, fname], pus[k, fname] / nrn / 1000)
				else
					line = line " 0 | - | - |"
			}
			print line
		}
	}

	# ghost areas never do I/O: every sector on their disk over all A runs
	for (i = 1; i <= nr; i++) {
		key = runs[i]
		split(key, kk, SUBSEP)
		if (kk[2] == "A")
			ghost_sectors += run[key, "rd_sectors"] + run[key, "wr_sectors"]
	}

	if (ng) {
		print ""
		print "### Kernel memory at swapon, caches dropped (KiB, median of 3)"
		print ""
		print "Deltas from before the area exists (for zram: before disksize is set) to after swapon. kernel = Slab + VmallocUsed + Percpu (Slab includes kmalloc allocations too large for a slab cache, which come from the page allocator); MemFree drop is a cross-check that also moves with per-CPU page lists, so it is noisy by a few hundred KiB up to a few MiB."
		print ""
		print "| advertised | area | MemFree drop | Slab | VmallocUsed | Percpu | kernel |"
		print "|---|---|---|---|---|---|---|"
		nk = split("ghost regular zram", kinds, " ")
		for (gi = 1; gi <= ng; gi++) {
			gib = gorder[gi]
			for (ki = 1; ki <= nk; ki++) {
				kd = kinds[ki]
				m = cost[kd, gib, "ok"] + 0
				size = gib + 0 >= 1024 ? (gib / 1024) " TiB" : gib " GiB"
				if (m == 0) {
					printf "| %s | %s | %s | | | | |\n", size, kd, \
						kd == "zram" ? "disksize refused" : "swapon refused"
					continue
				}
				line = sprintf("| %s | %s |", size, kd)
				split("memfree slab vmalloc percpu kern", f, " ")
				for (i = 1; i <= 5; i++) {
					delete x
					for (j = 1; j <= m; j++) x[j] = cost[kd, gib, f[i], j]
					cm[kd, gib, f[i]] = median(x, m)
					line = line sprintf(" %d |", cm[kd, gib, f[i]])
				}
				print line
			}
		}
		print ""
		print "Per advertised GiB: slope from 1 GiB to 64 GiB (and to 1 TiB where it can be activated):"
		print ""
		print "| area | kernel KiB/GiB, 1-64 GiB | MemFree KiB/GiB, 1-64 GiB | kernel KiB/GiB, 1 GiB-1 TiB |"
		print "|---|---|---|---|"
		for (ki = 1; ki <= nk; ki++) {
			kd = kinds[ki]
			if (!cost[kd, 1, "ok"] || !cost[kd, 64, "ok"])
				continue
			sk = (cm[kd, 64, "kern"] - cm[kd, 1, "kern"]) / 63
			sm = (cm[kd, 64, "memfree"] - cm[kd, 1, "memfree"]) / 63
			slope[kd] = sk
			st = cost[kd, 1024, "ok"] ? sprintf("%.1f", (cm[kd, 1024, "kern"] - cm[kd, 1, "kern"]) / 1023) : "-"
			printf "| %s | %.1f | %.1f | %s |\n", kd, sk, sm, st
		}
	}

	print ""
	print "### Every run"
	print ""
	print "rejects = zswap'"'"'s reject_compress_poor/compress_fail/other (reclaim, alloc, kmemcache); kept = swap_ghost_kept; disk in sectors of 512 bytes on the area'"'"'s disk (C: on zram0); OOM = oom_kill of /proc/vmstat (memcg and global kills); zram = mm_stat mem_used_max KiB and huge_pages_since; CPU = the guest'"'"'s CPU seconds during the run, busy and idle, summed over its two CPUs."
	print ""
	print "| workload | rep | cfg | exit | verified | s | major faults | swap readahead | pswpin | pswpout | zswpin | zswpout | zswpwb | rejects | pool limit hit | kept | disk read/written | OOM | zram | CPU busy/idle |"
	print "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	for (i = 1; i <= nr; i++) {
		key = runs[i]
		split(key, kk, SUBSEP)
		printf "| %s | %s | %s | %s | %s | %s | %d | %d | %d | %d | %d | %d | %d | %d/%d/%d | %d | %d | %d / %d | %d | %s | %.1f / %.1f |\n", \
			kk[1], kk[3], kk[2] == "Bn" ? "B'"'"'" : kk[2], run[key, "rc"], \
			run[key, "verified"] == 1 ? "yes" : run[key, "verified"] == "bad" ? "BAD" : "no", \
			run[key, "secs"], run[key, "majflt"], run[key, "swap_ra"], \
			run[key, "pswpin"], run[key, "pswpout"], \
			run[key, "zswpin"], run[key, "zswpout"], run[key, "zswpwb"], \
			run[key, "rej_poor"], run[key, "rej_fail"], run[key, "rej_other"], \
			run[key, "limit_hit"], run[key, "kept"], run[key, "rd_sectors"], \
			run[key, "wr_sectors"], run[key, "oom"], \
			kk[2] == "C" ? run[key, "zram_max_kib"] " / " run[key, "zram_huge"] : "-", \
			run[key, "cpu_busy"] / 100, run[key, "cpu_idle"] / 100
	}

	if (length(ktotal) > 0) {
		print ""
		print "### Where the CPU goes (BENCH_KPROF=1)"
		print ""
		print "The kernel'"'"'s sampling profiler: ticks in the kernel on both vCPUs during the run (250 a second each; ticks in user space are not counted), and the six functions with the most of them, with their share of the kernel'"'"'s ticks."
		print ""
		print "| workload | rep | cfg | s | kernel ticks | functions |"
		print "|---|---|---|---|---|---|"
		for (i = 1; i <= nr; i++) {
			key = runs[i]
			if (!(key in ktotal))
				continue
			split(key, kk, SUBSEP)
			# the six largest, by selection
			line = ""
			delete used
			for (j = 1; j <= 6; j++) {
				best = 0
				for (m = 1; m <= nkfn[key]; m++)
					if (!(m in used) && (best == 0 || kt[key, m] > kt[key, best]))
						best = m
				if (best == 0)
					break
				used[best] = 1
				line = line sprintf("%s`%s` %.0f %%", line == "" ? "" : ", ", kfn[key, best], ktotal[key] ? 100 * kt[key, best] / ktotal[key] : 0)
			}
			printf "| %s | %s | %s | %s | %d | %s |\n", kk[1], kk[3], kk[2], run[key, "secs"], ktotal[key], line
		}
	}

	r1 = (med["comp", "A"] != "" && med["comp", "B"] != "") ? sprintf("%.3f", med["comp", "A"] / med["comp", "B"]) : "NA"
	r2 = (med["comp", "A"] != "" && med["comp", "C"] != "") ? sprintf("%.3f", med["comp", "A"] / med["comp", "C"]) : "NA"
	gk = ("ghost" in slope) ? sprintf("%.1f", slope["ghost"]) : "NA"
	zk = ("zram" in slope) ? sprintf("%.1f", slope["zram"]) : "NA"
	print ""
	print "### Goals"
	print ""
	printf "- ghost/file+zswap (comp, median time A / B) = %s (goal <= 1.0)\n", r1
	printf "- ghost/zram (comp, median time A / C) = %s (goal <= 1.0)\n", r2
	# every compressible workload: the time of A over that of B and of C, round by round
	worst_b = worst_c = ""
	nwc = split("comp global multi", wc, " ")
	for (wi = 1; wi <= nwc; wi++) {
		w = wc[wi]
		for (ci = 1; ci <= 2; ci++) {
			c = ci == 1 ? "B" : "C"
			n = ghost_over[w, c] + 0
			if (!n)
				continue
			delete x
			for (j = 1; j <= n; j++) x[j] = ghost_over[w, c, j]
			m = median(x, n)
			printf "- %s, A / %s round by round: median %.3f, least %.3f, greatest %.3f (%d rounds; goal: median <= 1.0)\n", \
				w, c, m, least(x, n), most(x, n), n
			if (c == "B" && (worst_b == "" || m > worst_b)) worst_b = m
			if (c == "C" && (worst_c == "" || m > worst_c)) worst_c = m
		}
	}
	printf "- swap I/O on the ghost file'"'"'s disk over all A runs: %d bytes (goal 0)\n", ghost_sectors * 512
	if (gk != "NA" && zk != "NA")
		printf "- kernel memory per advertised GiB: ghost %s KiB (goal at most 1), zram %s KiB\n", gk, zk
	print ""
	printf "summary: ghost/file+zswap=%s ghost/zram=%s ghost_disk_bytes=%d ghost_kib_per_gib=%s zram_kib_per_gib=%s worst_ghost/file+zswap=%s worst_ghost/zram=%s\n", \
		r1, r2, ghost_sectors * 512, gk, zk, \
		worst_b == "" ? "NA" : sprintf("%.3f", worst_b), worst_c == "" ? "NA" : sprintf("%.3f", worst_c)
}' "$work/console"

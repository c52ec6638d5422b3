# SPDX-License-Identifier: GPL-2.0-or-later
# Building a guest's initramfs on the host, shared by the kernel suite and
# bench/vm.sh; source it.
# shellcheck shell=bash

# initramfs_base ROOT: the directory tree, busybox's applets and ghosttest
# (built static from the suite's source)
initramfs_base() {
	local root=$1 t
	mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,mnt,lib,lib64,usr/lib}
	cp /bin/busybox "$root/bin/busybox" || return 1
	for t in $(/bin/busybox --list); do
		[ "$t" = busybox ] || ln -sf busybox "$root/bin/$t"
	done
	# util-linux's programs replace busybox's applets of the same name
	rm -f "$root"/bin/{swapon,swapoff,blkid}
	gcc -static -O2 -Wall -Wextra -Werror -o "$root/bin/ghosttest" \
		"$(dirname "${BASH_SOURCE[0]}")/ghosttest.c"
}

# initramfs_programs ROOT PROG...: each program to /bin with its shared
# libraries.  ldd runs on the program where it is: one of the build tree
# finds libghostswap through its RUNPATH ($ORIGIN/../lib), which resolves
# only there; such a library goes to /lib, which /bin/../lib names in the
# guest, and a system library to its own path.
initramfs_programs() {
	local root=$1 prog lib
	shift
	for prog in "$@"; do
		install -m 0755 "$prog" "$root/bin/" || return 1
		for lib in $(ldd "$prog" 2>/dev/null | grep -o '/[^ ]*'); do
			case $lib in
			/lib/* | /lib64/* | /usr/lib/*)
				mkdir -p "$root$(dirname "$lib")"
				cp -L "$lib" "$root$lib" ;;
			*)	cp -L "$lib" "$root/lib/" ;;
			esac || return 1
		done
	done
}

# initramfs_pack ROOT OUT: ROOT as the newc cpio archive the kernel unpacks
initramfs_pack() {
	(cd "$1" && find . | cpio -o -H newc --quiet) >"$2"
}

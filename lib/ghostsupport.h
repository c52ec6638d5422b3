/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ghostsupport.h - does the running kernel take ghost swap areas?  Asked
 * the same way by ghostswap-setup --status and swaplabel-ext --show.
 */
#ifndef GSW_GHOSTSUPPORT_H
#define GSW_GHOSTSUPPORT_H

#include <stddef.h>

enum gsw_kernel_support {
	GSW_SUPPORT_UNKNOWN = -1,	/* not root, or no place to test */
	GSW_SUPPORT_NO = 0,
	GSW_SUPPORT_YES = 1,
};

/* The read-only attribute the kernel series adds, under the sysfs root */
#define GSW_SUPPORT_ATTR	"/kernel/mm/swap/ghost_supported"

/*
 * Ask the kernel, without guessing.  When SYSFS ("/sys" when NULL) has
 * GSW_SUPPORT_ATTR, its "1" or "0" is the answer.  Otherwise, as root, a
 * tiny ghost file is made in a private directory that mkdtemp(3) creates
 * in PROBE_DIR (which must be on a disk file system, as swap files are)
 * and swapon(2) is tried on it; a kernel that takes it is asked to give it
 * back at once.  When it refuses with EINVAL, a regular swap file of the
 * same size is tried in the same place: only when that one is taken is
 * the answer "no", else the place, not the kernel, is the reason.  Both
 * files and the directory are removed before returning.  With PROBE_DIR
 * NULL nothing is tried: without the attribute the answer is unknown.
 *
 * WHY (WHYLEN bytes) receives, in the tools' words, how the answer was
 * found or why there is none.
 */
enum gsw_kernel_support gsw_kernel_ghost_support(const char *sysfs,
						 const char *probe_dir,
						 char *why, size_t whylen);

/*
 * Where a test for PATH goes: the nearest directory above it that exists
 * (its own, unless it is yet to be created).  A string to free; NULL and
 * errno when out of memory.
 */
char *gsw_support_probe_dir(const char *path);

/* "yes", "no", "unknown": the words scripts read, never translated */
const char *gsw_kernel_support_name(enum gsw_kernel_support support);

#endif /* GSW_GHOSTSUPPORT_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * extents.h - a file's extent list as swapon(2) judges it: shared by the library
 * (compiled into it, not exported) and the tools.
 */
#ifndef GSW_EXTENTS_H
#define GSW_EXTENTS_H

#include <stdint.h>

/*
 * What in a file's extent list keeps swapon(2) from using it, as mkswap
 * reports it.  Unwritten (fallocated) extents are data to swapon and are
 * not reported.
 */
enum gsw_extent_problem {
	GSW_EXTENT_HOLE,	/* a range no extent maps */
	GSW_EXTENT_INLINE,	/* data kept in the inode */
	GSW_EXTENT_SHARED,	/* reflinked or snapshotted */
	GSW_EXTENT_DELALLOC,	/* no blocks even after a sync */
};
/* mkswap's words for PROBLEM ("hole detected", ...) */
const char *gsw_extent_problem_name(enum gsw_extent_problem problem);
/* Return nonzero to stop the walk. */
typedef int (*gsw_extent_cb)(enum gsw_extent_problem problem, uint64_t offset,
			     void *data);
/*
 * Walk the extents of FD over [0, END) and call CB for each problem, in
 * file order.  Returns 0 after the whole range, 1 when CB stopped it, or a
 * negative errno when the file system cannot list extents (tmpfs, some
 * FUSE file systems: -EOPNOTSUPP).
 */
int gsw_scan_extents(int fd, uint64_t end, gsw_extent_cb cb, void *data);

#endif /* GSW_EXTENTS_H */

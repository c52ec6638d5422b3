/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Walking a file's extent list for what keeps swapon(2) from using it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <linux/fiemap.h>

#include "extents.h"

/* extents asked for per FIEMAP call */
#define EXTENTS_PER_CALL	64

const char *gsw_extent_problem_name(enum gsw_extent_problem problem)
{
	switch (problem) {
	case GSW_EXTENT_HOLE:
		return "hole detected";
	case GSW_EXTENT_INLINE:
		return "data inline extent";
	case GSW_EXTENT_SHARED:
		return "shared extent";
	case GSW_EXTENT_DELALLOC:
		return "unallocated extent";
	}
	return "unknown extent problem";
}

/* Report each problem flag of FE in turn; nonzero when CB says stop. */
static int report_flags(const struct fiemap_extent *fe, gsw_extent_cb cb,
			void *data)
{
	static const struct {
		uint32_t flag;
		enum gsw_extent_problem problem;
	} flags[] = {
		{ FIEMAP_EXTENT_DATA_INLINE, GSW_EXTENT_INLINE },
		{ FIEMAP_EXTENT_SHARED, GSW_EXTENT_SHARED },
		{ FIEMAP_EXTENT_DELALLOC, GSW_EXTENT_DELALLOC },
	};

	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if ((fe->fe_flags & flags[i].flag) &&
		    cb(flags[i].problem, fe->fe_logical, data))
			return 1;
	return 0;
}

int gsw_scan_extents(int fd, uint64_t end, gsw_extent_cb cb, void *data)
{
	struct fiemap *fm;
	uint64_t pos = 0;	/* everything before it is mapped */
	bool last = false;
	int rc = 0;

	fm = malloc(sizeof(*fm) + EXTENTS_PER_CALL * sizeof(struct fiemap_extent));
	if (!fm)
		return -ENOMEM;
	while (pos < end && !last) {
		uint64_t from = pos;

		memset(fm, 0, sizeof(*fm));
		fm->fm_start = pos;
		fm->fm_length = end - pos;
		/* delayed allocations get their blocks first */
		fm->fm_flags = FIEMAP_FLAG_SYNC;
		fm->fm_extent_count = EXTENTS_PER_CALL;
		if (ioctl(fd, FS_IOC_FIEMAP, fm) < 0) {
			rc = -errno;
			goto out;
		}
		if (fm->fm_mapped_extents == 0)
			break;
		for (unsigned int i = 0; i < fm->fm_mapped_extents; i++) {
			const struct fiemap_extent *fe = &fm->fm_extents[i];

			if (fe->fe_logical >= end) {
				last = true;
				break;
			}
			if ((fe->fe_logical > pos && cb(GSW_EXTENT_HOLE, pos, data)) ||
			    report_flags(fe, cb, data)) {
				rc = 1;
				goto out;
			}
			if (fe->fe_logical + fe->fe_length > pos)
				pos = fe->fe_logical + fe->fe_length;
			if (fe->fe_flags & FIEMAP_EXTENT_LAST)
				last = true;
		}
		/* a file system that keeps answering the same would never end */
		if (!last && pos == from) {
			rc = -EIO;
			goto out;
		}
	}
	if (pos < end && cb(GSW_EXTENT_HOLE, pos, data))
		rc = 1;
out:
	free(fm);
	return rc;
}

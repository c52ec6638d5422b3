/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Whole writes: a short write of a swap header is never acceptable.  And
 * the one file attribute a swap file needs on btrfs.
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/fs.h>

#include "io.h"

int gsw_pwrite_all(int fd, const void *buf, size_t len, uint64_t offset)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t n = pwrite(fd, p, len, (off_t)offset);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		offset += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

int gsw_set_nocow(int fd)
{
	int attr = 0;

	if (ioctl(fd, FS_IOC_GETFLAGS, &attr) != 0)
		return 0;
	if (attr & FS_NOCOW_FL)
		return 0;
	attr |= FS_NOCOW_FL;
	if (ioctl(fd, FS_IOC_SETFLAGS, &attr) < 0 && errno != EOPNOTSUPP &&
	    errno != ENOTTY && errno != ENOSYS && errno != EINVAL)
		return -errno;
	return 0;
}

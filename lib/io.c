/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Whole writes: a short write of a swap header is never acceptable.
 */
#include <errno.h>
#include <unistd.h>

#include "ghostswap.h"

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

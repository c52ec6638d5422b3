/*
 * Replacing a file so that a crash leaves either the old file or the whole
 * new one, never a half-written swap header.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ghostswap.h"

/* Files up to this size get real zeros; larger ones are fallocated. */
#define ZERO_FILL_LIMIT (1024 * 1024)

static int fill(int fd, const uint8_t *page, size_t page_len, uint64_t len)
{
	static const uint8_t zeros[4096];
	int rc;

	if (len <= ZERO_FILL_LIMIT) {
		for (uint64_t off = page_len; off < len; off += sizeof(zeros)) {
			size_t n = len - off < sizeof(zeros) ? (size_t)(len - off) : sizeof(zeros);

			rc = gsw_pwrite_all(fd, zeros, n, off);
			if (rc)
				return rc;
		}
	} else {
		rc = posix_fallocate(fd, 0, (off_t)len);
		if (rc)
			return -rc;
	}
	return gsw_pwrite_all(fd, page, page_len, 0);
}

/* Follow a symbolic link to an existing target; refuse a dangling one. */
static int resolve(const char *path, char *out, size_t outlen)
{
	struct stat st;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		char *target = realpath(path, NULL);

		if (!target)
			return -errno;
		if (strlen(target) >= outlen) {
			free(target);
			return -ENAMETOOLONG;
		}
		strcpy(out, target);
		free(target);
		return 0;
	}
	if (strlen(path) >= outlen)
		return -ENAMETOOLONG;
	strcpy(out, path);
	return 0;
}

static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return -errno;
	if (fsync(fd) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int gsw_write_file_atomic(const char *path, const uint8_t *page,
			  size_t page_len, uint64_t len, mode_t mode)
{
	char target[PATH_MAX], dir[PATH_MAX], tmp[PATH_MAX + 16];
	const char *base;
	struct stat st;
	int fd, rc;

	if (len < page_len)
		return -EINVAL;
	rc = resolve(path, target, sizeof(target));
	if (rc)
		return rc;
	if (stat(target, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return -EISDIR;
		/* never put a file in place of a device or socket */
		if (!S_ISREG(st.st_mode))
			return -EINVAL;
	}

	base = strrchr(target, '/');
	if (base) {
		size_t dirlen = base == target ? 1 : (size_t)(base - target);

		memcpy(dir, target, dirlen);
		dir[dirlen] = '\0';
		base++;
	} else {
		strcpy(dir, ".");
		base = target;
	}
	if (snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, base) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;

	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		rc = -errno;
		goto fail;
	}
	rc = fill(fd, page, page_len, len);
	if (rc)
		goto fail;
	if (fsync(fd) < 0 || close(fd) < 0) {
		rc = -errno;
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target) < 0) {
		rc = -errno;
		goto fail;
	}
	return sync_dir(dir);
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return rc;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Replacing a file so that a crash leaves either the old file or the whole
 * new one, never a half-written swap header, and no partly written copy
 * lying beside it.
 *
 * The new file is written as an unnamed O_TMPFILE inode, which the kernel
 * frees by itself when the writer dies.  It gets a name only once it is
 * whole and on disk: its own when nothing is there yet, or, to replace a
 * file, a short temporary name that is renamed over the target at once
 * (linkat(2) cannot replace a name).  Where O_TMPFILE is not supported the
 * file is written under that temporary name from the start.  Every writer
 * holds a flock(2) on its temporary file until it has its final name.
 *
 * Nothing here deletes a file this run did not create: a writer killed
 * while its file had a temporary name leaves that file behind, and the
 * tools report such files (lib/leftover.c) instead of guessing that a file
 * with a name like theirs is theirs to remove.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ghostswap.h"
#include "io.h"

/* Files up to this size get real zeros; larger ones are fallocated. */
#define ZERO_FILL_LIMIT (1024 * 1024)

#include "tmpname.h"

#define TMP_PREFIX	GSW_TMP_PREFIX
#define TMP_PREFIX_LEN	GSW_TMP_PREFIX_LEN
#define TMP_RANDOM_LEN	GSW_TMP_RANDOM_LEN
#define TMP_NAME_LEN	GSW_TMP_NAME_LEN

static const char tmp_chars[] = GSW_TMP_CHARS;

static void tmp_name(char name[TMP_NAME_LEN + 1])
{
	uint8_t rnd[TMP_RANDOM_LEN];

	if (getrandom(rnd, sizeof(rnd), GRND_NONBLOCK) != (ssize_t)sizeof(rnd)) {
		struct timespec ts;
		uint64_t x;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		x = (uint64_t)ts.tv_nsec * 2654435761u ^ (uint64_t)getpid() << 20 ^
		    (uint64_t)ts.tv_sec;
		for (size_t i = 0; i < sizeof(rnd); i++, x >>= 8)
			rnd[i] = (uint8_t)x;
	}
	memcpy(name, TMP_PREFIX, TMP_PREFIX_LEN);
	for (size_t i = 0; i < TMP_RANDOM_LEN; i++)
		name[TMP_PREFIX_LEN + i] = tmp_chars[rnd[i] % (sizeof(tmp_chars) - 1)];
	name[TMP_NAME_LEN] = '\0';
}

/* Does NAME in DIRFD still name the file open as FD? */
static bool names_fd(int dirfd, const char *name, int fd)
{
	struct stat a, b;

	return fstatat(dirfd, name, &a, AT_SYMLINK_NOFOLLOW) == 0 &&
	       fstat(fd, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static int zero_range(int fd, uint64_t from, uint64_t to)
{
	static const uint8_t zeros[4096];

	while (from < to) {
		size_t n = to - from < sizeof(zeros) ? (size_t)(to - from) : sizeof(zeros);
		int rc = gsw_pwrite_all(fd, zeros, n, from);

		if (rc)
			return rc;
		from += n;
	}
	return 0;
}

static int fill(int fd, const uint8_t *page, size_t page_len, uint64_t page_off,
		uint64_t len)
{
	int rc;

	if (len <= ZERO_FILL_LIMIT) {
		rc = zero_range(fd, 0, page_off);
		if (!rc)
			rc = zero_range(fd, page_off + page_len, len);
	} else {
		/* reads as zeros, and no block of it is left to allocate later */
		rc = -posix_fallocate(fd, 0, (off_t)len);
	}
	if (rc)
		return rc;
	return gsw_pwrite_all(fd, page, page_len, page_off);
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

/*
 * An unnamed file in DIRFD, or -EOPNOTSUPP where the file system or the
 * kernel has none.
 */
static int open_unnamed(int dirfd, mode_t mode)
{
	int fd = openat(dirfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, mode);

	if (fd >= 0)
		return fd;
	/* a kernel without O_TMPFILE sees O_DIRECTORY | O_RDWR: EISDIR */
	if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)
		return -EOPNOTSUPP;
	return -errno;
}

/* A new file under a temporary name, locked; the name goes to NAME. */
static int open_named(int dirfd, char name[TMP_NAME_LEN + 1])
{
	for (int tries = 0; tries < 100; tries++) {
		int fd;

		tmp_name(name);
		fd = openat(dirfd, name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			if (errno == EEXIST)
				continue;
			return -errno;
		}
		/* the lock tells a report of leftovers that this one is in use */
		if (flock(fd, LOCK_EX) < 0) {
			int rc = -errno;

			if (names_fd(dirfd, name, fd))
				unlinkat(dirfd, name, 0);
			close(fd);
			return rc;
		}
		return fd;
	}
	return -EEXIST;
}

/* Give the unnamed file FD the name NAME in DIRFD; fails if NAME exists. */
static int link_unnamed(int fd, int dirfd, const char *name)
{
	char proc[64];

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (linkat(AT_FDCWD, proc, dirfd, name, AT_SYMLINK_FOLLOW) == 0)
		return 0;
	/* without /proc, AT_EMPTY_PATH (which may need CAP_DAC_READ_SEARCH) */
	if (errno == ENOENT && linkat(fd, "", dirfd, name, AT_EMPTY_PATH) == 0)
		return 0;
	return -errno;
}

/*
 * Rename TMP to NAME; when there was no file to replace, never replace one
 * that appeared meanwhile, where the file system can tell.
 */
static int put_in_place(int dirfd, const char *tmp, const char *name, bool replace)
{
	if (!replace) {
		if (renameat2(dirfd, tmp, dirfd, name, RENAME_NOREPLACE) == 0)
			return 0;
		if (errno != EINVAL && errno != ENOSYS)
			return -1;
	}
	return renameat(dirfd, tmp, dirfd, name);
}

int gsw_write_file_atomic_at(const char *path, const uint8_t *page,
			     size_t page_len, uint64_t page_off, uint64_t len,
			     mode_t mode)
{
	char target[PATH_MAX], dir[PATH_MAX], tmp[TMP_NAME_LEN + 1] = "";
	const char *base;
	bool exists = false;
	struct stat st;
	int dirfd, fd, rc;

	if (page_off > len || len - page_off < page_len)
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
		/* the other names would keep the old file */
		if (st.st_nlink > 1)
			return -EMLINK;
		exists = true;
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
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return -errno;

	fd = open_unnamed(dirfd, mode);
	if (fd == -EOPNOTSUPP)
		fd = open_named(dirfd, tmp);
	else if (fd >= 0 && flock(fd, LOCK_EX) < 0) {
		rc = -errno;
		goto fail;
	}
	if (fd < 0) {
		rc = fd;
		goto out;
	}
	/*
	 * A replacement keeps the owner, group and permission bits of the
	 * file it replaces, or is not made: a caller who may not give it
	 * those gets -EPERM and can write in place instead.  The mode given
	 * to open is cut by the umask, hence fchmod() for a new file too.
	 */
	if (exists && fchown(fd, st.st_uid, st.st_gid) < 0) {
		rc = -errno;
		goto fail;
	}
	if (fchmod(fd, exists ? st.st_mode & 07777 : mode) < 0) {
		rc = -errno;
		goto fail;
	}
	rc = gsw_set_nocow(fd);
	if (!rc)
		rc = fill(fd, page, page_len, page_off, len);
	if (rc)
		goto fail;
	if (fsync(fd) < 0) {
		rc = -errno;
		goto fail;
	}

	if (!*tmp && !exists) {
		rc = link_unnamed(fd, dirfd, base);
		/* another file took the name meanwhile: leave it alone */
		if (rc)
			goto fail;
	} else {
		if (!*tmp) {
			for (int tries = 0; tries < 100; tries++) {
				tmp_name(tmp);
				rc = link_unnamed(fd, dirfd, tmp);
				if (rc != -EEXIST)
					break;
			}
			if (rc) {
				*tmp = '\0';
				goto fail;
			}
		}
		if (put_in_place(dirfd, tmp, base, exists) < 0) {
			rc = -errno;
			goto fail;
		}
	}
	*tmp = '\0';
	/* the file is in place: from here on, nothing undoes that */
	rc = close(fd) < 0 ? -errno : 0;
	if (!rc && fsync(dirfd) < 0)
		rc = -errno;
	close(dirfd);
	if (rc) {
		errno = -rc;
		return GSW_WRITTEN_NOT_DURABLE;
	}
	return 0;
fail:
	/* only the file this run created, should another have taken the name */
	if (*tmp && names_fd(dirfd, tmp, fd))
		unlinkat(dirfd, tmp, 0);
	close(fd);
out:
	close(dirfd);
	return rc;
}

int gsw_write_file_atomic(const char *path, const uint8_t *page,
			  size_t page_len, uint64_t len, mode_t mode)
{
	return gsw_write_file_atomic_at(path, page, page_len, 0, len, mode);
}

int gsw_write_file_in_place(int fd, const uint8_t *page, size_t page_len,
			    uint64_t len)
{
	struct stat st;
	int rc;

	if (len < page_len)
		return -EINVAL;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	/*
	 * The zeros go first and the header page last, so that the old
	 * header stays until the new one replaces it in one write; the
	 * file is cut only once the new header, which makes no claim on
	 * what lies past LEN, is on disk.
	 */
	rc = fill(fd, page, page_len, 0, len);
	if (!rc && fsync(fd) < 0)
		rc = -errno;
	if (!rc && (uint64_t)st.st_size > len && ftruncate(fd, (off_t)len) < 0)
		rc = -errno;
	if (!rc && fsync(fd) < 0)
		rc = -errno;
	return rc;
}

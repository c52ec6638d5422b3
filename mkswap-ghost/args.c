/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Small helpers that keep mkswap-ghost's answers identical to mkswap's:
 * number parsing, the --lock modes and the mount check.
 */
#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <dirent.h>
#include <fcntl.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/loop.h>

#include "mkswap-ghost.h"
#include "nls.h"

/*
 * Base 10 only, leading blanks allowed, and a minus sign is an overflow
 * rather than a syntax error: that is what util-linux answers.
 */
uint64_t parse_unum_or_err(const char *str, uint64_t max, const char *errmesg)
{
	char *end = NULL;
	uintmax_t num;

	errno = 0;
	if (!str || !*str) {
		errno = EINVAL;
		goto bad;
	}
	if (strtoimax(str, &end, 10) < 0) {
		errno = ERANGE;
		goto bad;
	}
	errno = 0;
	num = strtoumax(str, &end, 10);
	if (errno)
		goto bad;
	if (end == str || *end) {
		errno = EINVAL;
		goto bad;
	}
	if (num > max) {
		errno = ERANGE;
		goto bad;
	}
	return num;
bad:
	if (errno == ERANGE)
		err(EXIT_FAILURE, "%s: '%s'", errmesg, str);
	errx(EXIT_FAILURE, "%s: '%s'", errmesg, str);
}

int64_t parse_snum_or_err(const char *str, int64_t min, int64_t max,
			  const char *errmesg)
{
	char *end = NULL;
	intmax_t num;

	errno = 0;
	if (!str || !*str) {
		errno = EINVAL;
		errx(EXIT_FAILURE, "%s: '%s'", errmesg, str);
	}
	num = strtoimax(str, &end, 10);
	if (errno == 0 && (num < min || num > max))
		errno = ERANGE;
	if (errno)
		err(EXIT_FAILURE, "%s: '%s'", errmesg, str);
	if (end == str || *end)
		errx(EXIT_FAILURE, "%s: '%s'", errmesg, str);
	return num;
}

/*
 * The lock --lock or LOCK_BLOCK_DEVICE asks for.  Without either, none in
 * place, as with mkswap, and a wait for --ghost, which replaces a file
 * that swaplabel-ext may be changing under its own lock.  An unknown mode
 * is reported and gives GSW_LOCK_INVALID.
 */
enum gsw_lock lock_mode(const struct mkswap_control *ctl)
{
	return gsw_lock_mode(ctl->lockmode, ctl->ghost ? GSW_LOCK_WAIT : GSW_LOCK_NO);
}

/* Take that lock on FD; exits, with mkswap's words, when it cannot. */
void lock_device(const struct mkswap_control *ctl, int fd)
{
	int rc = gsw_lock_fd(fd, ctl->devname, lock_mode(ctl));

	if (rc == -EWOULDBLOCK)
		warnx(_("%s: device already locked"), ctl->devname);
	if (rc < 0)
		exit(EXIT_FAILURE);
}

/*
 * The mount table names devices by path: a block device matches by its
 * device number, anything else by its inode, and a file also through the
 * loop device LOOP_RDEV it backs (0: none), as util-linux's check does.
 */
bool is_mounted(const char *devname, const struct stat *st, dev_t loop_rdev)
{
	FILE *f = setmntent("/proc/self/mounts", "r");
	struct mntent *mnt;
	bool found = false;

	if (!f)
		return false;
	while (!found && (mnt = getmntent(f)) != NULL) {
		struct stat mst;

		if (mnt->mnt_fsname[0] != '/')
			continue;
		if (strcmp(mnt->mnt_fsname, devname) == 0)
			found = true;
		else if (st && stat(mnt->mnt_fsname, &mst) == 0) {
			if (S_ISBLK(mst.st_mode))
				found = (S_ISBLK(st->st_mode) && mst.st_rdev == st->st_rdev) ||
					(loop_rdev && mst.st_rdev == loop_rdev);
			else
				found = !S_ISBLK(st->st_mode) && mst.st_dev == st->st_dev &&
					mst.st_ino == st->st_ino;
		}
	}
	endmntent(f);
	return found;
}

/*
 * Is the loop device NAME (under /dev) backed by the file ST describes?
 * The device itself knows the inode; without the right to open it, the
 * path sysfs keeps (which follows no rename) is the next best witness.
 */
static bool loop_backed_by(const char *name, const struct stat *st)
{
	struct loop_info64 info;
	char path[PATH_MAX], backing[PATH_MAX];
	struct stat bst;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/dev/%s", name);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0) {
		int rc = ioctl(fd, LOOP_GET_STATUS64, &info);

		close(fd);
		if (rc == 0)
			return info.lo_inode == st->st_ino &&
			       info.lo_device == st->st_dev;
		/* ENXIO: no file behind it */
		if (errno == ENXIO)
			return false;
	}
	snprintf(path, sizeof(path), "/sys/block/%s/loop/backing_file", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, backing, sizeof(backing) - 1);
	close(fd);
	if (n <= 0)
		return false;
	backing[n] = '\0';
	backing[strcspn(backing, "\n")] = '\0';
	return stat(backing, &bst) == 0 && bst.st_dev == st->st_dev &&
	       bst.st_ino == st->st_ino;
}

/*
 * A regular file that backs a loop device, mounted or not, is in use:
 * writing a swap header over it destroys what the device presents.  Puts
 * the device's name in NAME and its number in RDEV (0 when /dev has no
 * node for it) and returns true when there is one.
 */
bool backs_loop_device(const struct stat *st, char *name, size_t len,
		       dev_t *rdev)
{
	DIR *d = opendir("/sys/block");
	struct dirent *de;
	bool found = false;

	if (!S_ISREG(st->st_mode) || !d) {
		if (d)
			closedir(d);
		return false;
	}
	while (!found && (de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "loop", 4) != 0)
			continue;
		found = loop_backed_by(de->d_name, st);
		if (found) {
			struct stat lst;

			snprintf(name, len, "/dev/%s", de->d_name);
			*rdev = stat(name, &lst) == 0 ? lst.st_rdev : 0;
		}
	}
	closedir(d);
	return found;
}

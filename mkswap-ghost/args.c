/*
 * Small helpers that keep mkswap-ghost's answers identical to mkswap's:
 * number parsing, the --lock modes and the mount check.
 */
#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

uint64_t parse_size_or_err(const char *str, const char *errmesg)
{
	uint64_t bytes;
	int rc = gsw_parse_size(str, &bytes);

	if (rc == 0)
		return bytes;
	errno = -rc;
	err(EXIT_FAILURE, "%s: '%s'", errmesg, str);
}

/*
 * The lock --lock or LOCK_BLOCK_DEVICE asks for, none without either, as
 * with mkswap; an unknown mode is reported and gives GSW_LOCK_INVALID.
 */
enum gsw_lock lock_mode(const struct mkswap_control *ctl)
{
	return gsw_lock_mode(ctl->lockmode, GSW_LOCK_NO);
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
 * device number, anything else by its inode.
 */
bool is_mounted(const char *devname, const struct stat *st)
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
				found = S_ISBLK(st->st_mode) && mst.st_rdev == st->st_rdev;
			else
				found = !S_ISBLK(st->st_mode) && mst.st_dev == st->st_dev &&
					mst.st_ino == st->st_ino;
		}
	}
	endmntent(f);
	return found;
}

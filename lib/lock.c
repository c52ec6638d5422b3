/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The exclusive flock(2) a tool takes on a device or file before it
 * rewrites it: the LOCK_BLOCK_DEVICE convention of util-linux, which udev
 * and other tools follow.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>

#include "lock.h"
#include "nls.h"

const char *gsw_lock_arg(const char *optarg)
{
	if (!optarg)
		return "yes";
	return *optarg == '=' ? optarg + 1 : optarg;
}

enum gsw_lock gsw_lock_mode(const char *arg, enum gsw_lock dflt)
{
	const char *mode = arg ? arg : getenv("LOCK_BLOCK_DEVICE");

	if (!mode)
		return dflt;
	if (strcasecmp(mode, "yes") == 0 || strcmp(mode, "1") == 0)
		return GSW_LOCK_WAIT;
	if (strcasecmp(mode, "nonblock") == 0)
		return GSW_LOCK_NONBLOCK;
	if (strcasecmp(mode, "no") == 0 || strcmp(mode, "0") == 0)
		return GSW_LOCK_NO;
	warnx(_("unsupported lock mode: %s"), mode);
	return GSW_LOCK_INVALID;
}

int gsw_lock_fd(int fd, const char *name, enum gsw_lock mode)
{
	if (mode == GSW_LOCK_NO)
		return 0;
	if (mode == GSW_LOCK_INVALID)
		return -EINVAL;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno != EWOULDBLOCK) {
		warn(_("%s: failed to get lock"), name);
		return -errno;
	}
	if (mode == GSW_LOCK_NONBLOCK)
		return -EWOULDBLOCK;

	/* a wait that may be long is announced, as mkswap does */
	fprintf(stderr, _("%s: %s: device already locked, waiting to get lock ... "),
		program_invocation_short_name, name);
	while (flock(fd, LOCK_EX) < 0) {
		int saved = errno;

		if (saved == EINTR)
			continue;
		fputc('\n', stderr);
		errno = saved;
		warn(_("%s: failed to get lock"), name);
		return -saved;
	}
	fputs(_("OK\n"), stderr);
	return 0;
}

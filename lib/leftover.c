/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The temporary files of interrupted runs, reported.  A name that matches
 * ours proves nothing about whose the file is, so the tools say where such
 * files are and leave them to the user.
 */
#include <dirent.h>
#include <err.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "leftover.h"
#include "nls.h"
#include "tmpname.h"

static bool has_tmp_name(const char *name)
{
	if (strlen(name) != GSW_TMP_NAME_LEN ||
	    strncmp(name, GSW_TMP_PREFIX, GSW_TMP_PREFIX_LEN) != 0)
		return false;
	return strspn(name + GSW_TMP_PREFIX_LEN, GSW_TMP_CHARS) ==
	       GSW_TMP_RANDOM_LEN;
}

/* A writer holds its temporary file locked until the file has its name. */
static bool in_use(int fd)
{
	if (flock(fd, LOCK_SH | LOCK_NB) < 0)
		return true;
	flock(fd, LOCK_UN);
	return false;
}

void gsw_report_leftovers(const char *path)
{
	char *real = realpath(path, NULL);
	char *dir = real ? dirname(real) : NULL;
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *de;

	while (d && (de = readdir(d)) != NULL) {
		struct stat st;
		int fd;

		if (!has_tmp_name(de->d_name))
			continue;
		fd = openat(dirfd(d), de->d_name,
			    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && !in_use(fd))
			warnx(_("%s/%s: left by an interrupted run; remove it "
				"if nothing else uses it"), dir, de->d_name);
		close(fd);
	}
	if (d)
		closedir(d);
	free(real);
}

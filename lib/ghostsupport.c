/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Whether the running kernel takes ghost swap areas (see ghostsupport.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/swap.h>
#include <unistd.h>

#include "ghostsupport.h"
#include "ghostswap.h"
#include "nls.h"

#ifndef TMPFS_MAGIC
# define TMPFS_MAGIC	0x01021994
#endif
#ifndef RAMFS_MAGIC
# define RAMFS_MAGIC	0x858458f6
#endif

/* pages the probe's ghost header advertises: a little more than its file */
#define PROBE_GHOST_PAGES	(GSW_GHOST_FILE_PAGES * 4)

const char *gsw_kernel_support_name(enum gsw_kernel_support support)
{
	switch (support) {
	case GSW_SUPPORT_YES:
		return "yes";
	case GSW_SUPPORT_NO:
		return "no";
	case GSW_SUPPORT_UNKNOWN:
		break;
	}
	return "unknown";
}

char *gsw_support_probe_dir(const char *path)
{
	char *dir = strdup(path);
	struct stat st;

	do {
		char *parent = dir ? strdup(dirname(dir)) : NULL;

		free(dir);
		dir = parent;
	} while (dir && stat(dir, &st) != 0 && strcmp(dir, "/") != 0 &&
		 strcmp(dir, ".") != 0);
	return dir;
}

/* The attribute's answer, or GSW_SUPPORT_UNKNOWN with *FOUND false. */
static enum gsw_kernel_support read_attr(const char *path, bool *found,
					 char *why, size_t whylen)
{
	char buf[16] = "";
	FILE *f = fopen(path, "re");

	*found = f != NULL;
	if (!f)
		return GSW_SUPPORT_UNKNOWN;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	if (strcmp(buf, "1") == 0 || strcmp(buf, "0") == 0) {
		snprintf(why, whylen, _("from %s"), path);
		return buf[0] == '1' ? GSW_SUPPORT_YES : GSW_SUPPORT_NO;
	}
	snprintf(why, whylen, _("%s reads \"%s\", neither 1 nor 0"), path, buf);
	return GSW_SUPPORT_UNKNOWN;
}

/* A swap file of PAGES pages (ghost or not) at PATH; 0 or -errno. */
static int make_probe(const char *path, bool ghost)
{
	unsigned int ps = (unsigned int)getpagesize();
	struct gsw_params params = {
		.page_size = ps,
		.pages = ghost ? PROBE_GHOST_PAGES : GSW_GHOST_FILE_PAGES,
		.ghost = ghost,
	};
	uint8_t *page = calloc(1, ps);
	int rc;

	if (!page)
		return -ENOMEM;
	rc = gsw_build(&params, page);
	if (rc == 0)
		rc = gsw_write_file_atomic(path, page, ps,
					   (uint64_t)GSW_GHOST_FILE_PAGES * ps, 0600);
	free(page);
	return rc < 0 ? rc : 0;
}

/*
 * swapon(2) of PATH, given back at once: 0 when the kernel took it,
 * -errno when it refused.  *STUCK is set when it could not be given back.
 */
static int try_swapon(const char *path, bool *stuck)
{
	if (swapon(path, 0) != 0)
		return -errno;
	if (swapoff(path) != 0)
		*stuck = true;
	return 0;
}

enum gsw_kernel_support gsw_kernel_ghost_support(const char *sysfs,
						 const char *probe_dir,
						 char *why, size_t whylen)
{
	enum gsw_kernel_support ret = GSW_SUPPORT_UNKNOWN;
	char attr[PATH_MAX], dir[PATH_MAX], ghost[PATH_MAX + 16], regular[PATH_MAX + 16];
	bool found, stuck = false;
	struct statfs sfs;
	int rc;

	snprintf(attr, sizeof(attr), "%s%s", sysfs ? sysfs : "/sys", GSW_SUPPORT_ATTR);
	ret = read_attr(attr, &found, why, whylen);
	if (found)
		return ret;
	if (!probe_dir) {
		snprintf(why, whylen, _("no %s"), attr);
		return GSW_SUPPORT_UNKNOWN;
	}
	if (geteuid() != 0) {
		snprintf(why, whylen, _("no %s, and testing with swapon needs root"), attr);
		return GSW_SUPPORT_UNKNOWN;
	}
	if (snprintf(dir, sizeof(dir), "%s/.ghostswap-probe.XXXXXX", probe_dir) >=
	    (int)sizeof(dir) || !mkdtemp(dir)) {
		snprintf(why, whylen, _("no %s, and no directory for a test in %s: %s"),
			 attr, probe_dir, strerror(errno ? errno : ENAMETOOLONG));
		return GSW_SUPPORT_UNKNOWN;
	}
	snprintf(ghost, sizeof(ghost), "%s/ghost.swap", dir);
	snprintf(regular, sizeof(regular), "%s/regular.swap", dir);
	if (statfs(dir, &sfs) == 0 &&
	    (sfs.f_type == TMPFS_MAGIC || sfs.f_type == RAMFS_MAGIC)) {
		snprintf(why, whylen, _("no %s, and %s is on a memory file system, "
			 "where no swap file can be tested"), attr, probe_dir);
		goto out;
	}
	rc = make_probe(ghost, true);
	if (rc == 0)
		rc = try_swapon(ghost, &stuck);
	else
		goto cannot_write;
	if (rc == 0) {
		ret = GSW_SUPPORT_YES;
		snprintf(why, whylen, _("a test ghost file in %s was taken by swapon"),
			 probe_dir);
		goto out;
	}
	if (rc != -EINVAL) {
		snprintf(why, whylen, _("swapon of a test ghost file in %s failed: %s"),
			 probe_dir, strerror(-rc));
		goto out;
	}
	rc = make_probe(regular, false);
	if (rc < 0)
		goto cannot_write;
	rc = try_swapon(regular, &stuck);
	if (rc == 0) {
		ret = GSW_SUPPORT_NO;
		snprintf(why, whylen, _("swapon in %s refused a test ghost file and "
			 "took a regular one"), probe_dir);
	} else {
		snprintf(why, whylen, _("swapon in %s refused a test ghost file and a "
			 "regular one too (%s): this file system takes no swap files"),
			 probe_dir, strerror(-rc));
	}
	goto out;
cannot_write:
	snprintf(why, whylen, _("cannot write a test file in %s: %s"), probe_dir,
		 strerror(-rc));
out:
	if (stuck) {
		/* an active area is never removed: say where it stays */
		snprintf(why, whylen, _("a test swap file in %s could not be swapped off "
			 "and is left there"), dir);
		return GSW_SUPPORT_UNKNOWN;
	}
	unlink(ghost);
	unlink(regular);
	rmdir(dir);
	return ret;
}

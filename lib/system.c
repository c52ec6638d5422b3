/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the running system says about swap areas.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "system.h"

/* /proc/swaps escapes blanks and backslashes in names as \ooo */
static void unescape_octal(char *s)
{
	char *out = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 4;
		} else {
			*out++ = *s++;
		}
	}
	*out = '\0';
}

int gsw_is_active_swap(dev_t dev, ino_t ino, bool blockdev, dev_t rdev,
		       const char *swaps_path)
{
	FILE *f = fopen(swaps_path ? swaps_path : "/proc/swaps", "re");
	char *line = NULL;
	size_t cap = 0;
	bool titles = true;
	int found = 0;

	if (!f)
		return -errno;
	while (!found) {
		char *name;
		struct stat st;

		errno = 0;
		if (getline(&line, &cap, f) < 0) {
			/*
			 * The area asked about may be listed after the point
			 * where reading stopped: short of the end of the list,
			 * the answer is unknown, never "not active".
			 */
			if (!feof(f))
				found = errno ? -errno : -EIO;
			break;
		}
		/* the first line holds the column titles */
		if (titles) {
			titles = false;
			continue;
		}
		name = strtok(line, " \t\n");
		if (!name)
			continue;
		unescape_octal(name);
		if (stat(name, &st) < 0)
			continue;
		if (blockdev)
			found = S_ISBLK(st.st_mode) && st.st_rdev == rdev;
		else
			found = !S_ISBLK(st.st_mode) && st.st_dev == dev &&
				st.st_ino == ino;
	}
	free(line);
	fclose(f);
	return found;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Opening a swap area, reading its header page and gathering the facts the
 * other modes report on.
 */
#include <blkid.h>
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uuid.h>

#include "nls.h"
#include "swaplabel-ext.h"
#include "uuidarg.h"

/* swapon(2) takes nothing else, and nothing else is read without risk */
static bool is_area_type(mode_t mode)
{
	return S_ISREG(mode) || S_ISBLK(mode);
}

int area_open(struct swap_area *area, const char *path, bool writable)
{
	int flags = O_CLOEXEC | O_NONBLOCK | (writable ? O_RDWR : O_RDONLY);
	struct stat st;
	int fl;

	memset(area, 0, sizeof(*area));
	area->path = path;
	area->fd = -1;
	area->active = -ENOENT;

	/*
	 * Look before opening: opening a character device can act by itself
	 * (a tape rewinds, a watchdog starts), and a socket cannot be opened.
	 */
	if (stat(path, &st) < 0)
		return -errno;
	if (!is_area_type(st.st_mode))
		return -EINVAL;
	/*
	 * O_EXCL makes the kernel refuse a block device that is in use
	 * (mounted, or an active swap area) before we touch it.
	 */
	if (writable && S_ISBLK(st.st_mode))
		flags |= O_EXCL;

	/*
	 * The path may name something else by the time it is opened:
	 * O_NONBLOCK keeps a fifo put there from blocking the open, and what
	 * was opened is judged by fstat().
	 */
	area->fd = open(path, flags);
	if (area->fd < 0)
		return -errno;
	if (fstat(area->fd, &area->st) < 0)
		return -errno;
	if (!is_area_type(area->st.st_mode))
		return -EINVAL;
	if ((area->st.st_mode & S_IFMT) != (st.st_mode & S_IFMT))
		return -ESTALE;
	fl = fcntl(area->fd, F_GETFL);
	if (fl < 0 || fcntl(area->fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
		return -errno;
	return 0;
}

/*
 * Lock the opened area so that two changes never interleave their
 * read-modify-write.  Returns 0, or -errno after saying why.
 */
int area_lock(struct swap_area *area, enum gsw_lock mode)
{
	struct stat now;
	int rc = gsw_lock_fd(area->fd, area->path, mode);

	if (rc == -EWOULDBLOCK)
		warnx(_("%s: device already locked; nothing changed"), area->path);
	if (rc < 0)
		return rc;

	/*
	 * A lock holder may have replaced the file (mkswap-ghost --ghost
	 * renames a new one over it): a change of the unlinked old file
	 * would be lost without a word.
	 */
	if (S_ISREG(area->st.st_mode) &&
	    (stat(area->path, &now) < 0 || now.st_dev != area->st.st_dev ||
	     now.st_ino != area->st.st_ino)) {
		warnx(_("%s: the file was replaced while waiting for the lock; "
		      "nothing changed"), area->path);
		return -ESTALE;
	}
	return 0;
}

int area_read(struct swap_area *area)
{
	area->len = 0;
	while (area->len < sizeof(area->buf)) {
		ssize_t n = pread(area->fd, area->buf + area->len,
				  sizeof(area->buf) - area->len, (off_t)area->len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		area->len += (size_t)n;
	}
	area->parse_rc = gsw_parse(area->buf, area->len, &area->hdr);
	return 0;
}

void area_close(struct swap_area *area)
{
	if (area->fd >= 0)
		close(area->fd);
	area->fd = -1;
}

void area_load_state(struct swap_area *area, const char *swaps_path)
{
	if (gsw_file_facts_from_fd(area->fd, &area->facts) < 0)
		area->facts.known = false;
	area->active = gsw_is_active_swap(area->st.st_dev, area->st.st_ino,
					  S_ISBLK(area->st.st_mode),
					  area->st.st_rdev, swaps_path);
}

static bool guard_is_zero(const struct swap_area *area)
{
	for (size_t i = 0; i < GSW_BLKID_GUARD_LEN; i++)
		if (area->len > GSW_OFF_BLKID_GUARD + i &&
		    area->buf[GSW_OFF_BLKID_GUARD + i])
			return false;
	return true;
}

/* Say, in WHY, what keeps libblkid from reporting the area in full. */
static void explain_blkid(const struct swap_area *area, int rc,
			  char *why, size_t whylen)
{
	const struct gsw_header *hdr = &area->hdr;

	if (rc == -2)
		snprintf(why, whylen, _("another signature makes the result "
			 "ambiguous; use wipefs(8)"));
	else if (area->parse_rc == -EINVAL)
		snprintf(why, whylen, _("there is no swap signature"));
	else if (area->facts.known && area->facts.size < GSW_BLKID_MIN_BYTES)
		snprintf(why, whylen, _("the area is %llu bytes long; libblkid "
			 "ignores swap areas shorter than %u bytes"),
			 (unsigned long long)area->facts.size, GSW_BLKID_MIN_BYTES);
	else if (hdr->version == 1 && hdr->info_version != 1)
		snprintf(why, whylen, _("info.version is %u, not 1"),
			 hdr->info_version);
	else if (hdr->version == 1 && hdr->last_page == 0)
		snprintf(why, whylen, _("last_page is 0"));
	else
		snprintf(why, whylen, _("its swap prober does not accept the "
			 "header"));
}

/*
 * Ask libblkid itself rather than predicting it, so the answer stays true
 * for the installed version; the reason is then worked out from the header.
 */
enum blkid_view area_blkid_view(const struct swap_area *area, char *why,
				size_t whylen)
{
	char *filter[] = { "swap", NULL };
	blkid_probe pr;
	int rc = -1;

	*why = '\0';
	pr = blkid_new_probe_from_filename(area->path);
	if (pr) {
		blkid_probe_enable_superblocks(pr, 1);
		blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_LABEL |
				BLKID_SUBLKS_UUID | BLKID_SUBLKS_VERSION);
		blkid_probe_filter_superblocks_type(pr, BLKID_FLTR_ONLYIN,
						    filter);
		rc = blkid_do_safeprobe(pr);
		blkid_free_probe(pr);
	}
	if (rc == 0 && area->parse_rc == 0 && !guard_is_zero(area)) {
		snprintf(why, whylen, _("padding words 32 and 33 are not zero"));
		return BLKID_NO_IDS;
	}
	if (rc == 0)
		return BLKID_DETECTED;
	explain_blkid(area, rc, why, whylen);
	return BLKID_MISSED;
}

/* The label as libblkid reports it: up to the NUL, trailing blanks cut. */
void area_label_string(const struct gsw_header *hdr, char *buf, size_t buflen)
{
	size_t len = strnlen(hdr->label, GSW_LABEL_LEN);

	if (len >= buflen)
		len = buflen - 1;
	memcpy(buf, hdr->label, len);
	while (len > 0 && isspace((unsigned char)buf[len - 1]))
		len--;
	buf[len] = '\0';
}

bool area_uuid_is_nil(const struct gsw_header *hdr)
{
	return uuid_is_null(hdr->uuid);
}

void area_uuid_string(const struct gsw_header *hdr, char buf[GSW_UUID_STR_LEN])
{
	gsw_uuid_string(hdr->uuid, buf);
}

struct gsw_report *area_validate(const struct swap_area *area, const uint8_t *buf)
{
	struct gsw_report *report = gsw_report_new();
	int rc;

	if (!report)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	rc = gsw_validate(buf, area->len, area->facts.known ? &area->facts : NULL,
			  report);
	if (rc < 0) {
		errno = -rc;
		err(EXIT_FAILURE, _("%s: cannot validate the header"), area->path);
	}
	return report;
}

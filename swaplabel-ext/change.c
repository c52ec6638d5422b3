/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Changing a header in place: label, UUID, ghost flag and advertised size.
 * The new page is built in memory, validated, and written once.
 */
#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nls.h"
#include "swaplabel-ext.h"

/*
 * Errors the requested conversion exists to clear: a regular header that
 * advertises more than its file is what --ghost makes legitimate, and a
 * ghost that its file already covers is what --no-ghost (or a larger
 * --size) repairs.
 */
static bool resolved_by(const struct swaplabel_control *ctl, enum gsw_code code)
{
	switch (code) {
	case GSW_OVERSIZED_LAST_PAGE:
		return ctl->ghost;
	case GSW_GHOST_NOT_SHORTER:
		return ctl->no_ghost || ctl->size_arg;
	case GSW_EXT_NOT_GHOST:
		return ctl->ghost || ctl->no_ghost;
	default:
		return false;
	}
}

/*
 * Findings about the file's data rather than the header.  swaplabel edits
 * such files, so they never block a change of the header; they block
 * --no-ghost, which exists to make the file a regular swap area.
 */
static bool about_file_data(enum gsw_code code)
{
	switch (code) {
	case GSW_HOLES:
	case GSW_HIDDEN_HOLES:
	case GSW_SHARED_EXTENTS:
	case GSW_COPY_ON_WRITE:
	case GSW_FS_NO_SWAP:
		return true;
	default:
		return false;
	}
}

enum errors_of {
	HEADER_ERRORS,		/* of the header as it is */
	RESULT_ERRORS,		/* of the header as the change leaves it */
	FILE_DATA_ERRORS,	/* of the file behind the new header */
};

/*
 * Print the errors of one kind in REPORT, except those already printed in
 * SAID (a header that --force changes anyway keeps its old findings);
 * returns how many there are.
 */
static unsigned int print_errors(const struct swaplabel_control *ctl,
				 const struct gsw_report *report,
				 enum errors_of which, const struct gsw_report *said)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < gsw_report_count(report); i++) {
		enum gsw_code code = gsw_report_code(report, i);

		if (gsw_report_severity(report, i) != GSW_ERROR ||
		    (which == FILE_DATA_ERRORS) != about_file_data(code) ||
		    (which == HEADER_ERRORS && resolved_by(ctl, code)))
			continue;
		n++;
		if (said && gsw_report_has(said, code))
			continue;
		fprintf(stderr, "%s: %s: %s\n", gsw_severity_name(GSW_ERROR),
			gsw_code_name(code), gsw_report_message(report, i));
	}
	return n;
}

static void human(uint64_t bytes, char *buf, size_t len)
{
	gsw_human_size(bytes, buf, len);
}

/* Refuse what the format or the fail-closed rule does not allow. */
static int check_request(const struct swaplabel_control *ctl,
			 const struct swap_area *area, uint64_t *new_pages)
{
	const struct gsw_header *hdr = &area->hdr;
	const struct gsw_file_facts *facts = &area->facts;
	unsigned int ps = hdr->page_size;
	bool ghost = gsw_is_ghost(hdr);
	bool result_ghost = ctl->ghost || (ghost && !ctl->no_ghost);
	uint64_t pages = gsw_advertised_pages(hdr);
	char a[32], b[32];

	if (ctl->size_arg && !result_ghost) {
		warnx(_("%s: --size changes ghost areas only; a regular swap "
		      "area is resized by mkswap(8)"), area->path);
		return -EINVAL;
	}
	if (ctl->size_arg) {
		/* one page more than the smallest file a ghost area has */
		const unsigned int min = GSW_GHOST_FILE_PAGES + 1;

		pages = ctl->size / ps;
		if (pages < min) {
			human((uint64_t)min * ps, a, sizeof(a));
			warnx(_("%s: size %s is too small: a ghost area needs at "
			      "least %u pages of %u bytes (%s)"), area->path,
			      ctl->size_arg, min, ps, a);
			return -ERANGE;
		}
	}
	*new_pages = pages;

	if (!facts->known && (result_ghost || ctl->no_ghost)) {
		warnx(_("%s: cannot tell the size of the area"), area->path);
		return -EIO;
	}
	if (result_ghost && facts->is_blockdev && (ctl->ghost || ctl->size_arg)) {
		warnx(_("%s: a ghost swap area must be a file, not a block device"),
		      area->path);
		return -EINVAL;
	}
	if (result_ghost && (ctl->ghost || ctl->size_arg)) {
		switch (gsw_ghost_size_check(pages, ps, facts->size)) {
		case GSW_GHOST_SIZE_TOO_LARGE:
			if (!ctl->size_arg) {
				warnx(_("%s: the area advertises %" PRIu64 " pages, "
				      "a ghost area at most %" PRIu64 "; give a "
				      "smaller --size"), area->path, pages,
				      GSW_GHOST_MAX_PAGES);
				return -ERANGE;
			}
			human(GSW_GHOST_MAX_PAGES * ps, a, sizeof(a));
			warnx(_("%s: size %s is too large: a ghost area advertises "
			      "at most %" PRIu64 " pages (%s with %u-byte pages); "
			      "the kernel refuses larger ones"), area->path,
			      ctl->size_arg, GSW_GHOST_MAX_PAGES, a, ps);
			return -ERANGE;
		case GSW_GHOST_SIZE_NOT_LARGER:
			human(pages * ps, a, sizeof(a));
			human(facts->size, b, sizeof(b));
			warnx(_("%s: a ghost area must advertise more than its file "
			      "holds (%s advertised, %s in the file)%s"), area->path,
			      a, b, ctl->size_arg ? "" : "; give a larger --size");
			return -ERANGE;
		case GSW_GHOST_SIZE_OK:
			break;
		}
	}
	if (ctl->no_ghost && ghost) {
		if (facts->size < pages * ps) {
			human(pages * ps, a, sizeof(a));
			human(facts->size, b, sizeof(b));
			warnx(_("%s: the file holds %s of the %s it advertises; "
			      "a regular swap area needs all of it"),
			      area->path, b, a);
			return -ERANGE;
		}
	}
	return 0;
}

static void apply(const struct swaplabel_control *ctl, struct gsw_header *hdr,
		  uint64_t pages)
{
	if (ctl->label) {
		char label[GSW_LABEL_MAX + 1];

		snprintf(label, sizeof(label), "%s", ctl->label);
		if (strlen(ctl->label) > strlen(label))
			warnx(_("label is too long. Truncating it to '%s'"), label);
		gsw_set_label(hdr, label);
	}
	if (ctl->uuid_arg)
		memcpy(hdr->uuid, ctl->uuid, GSW_UUID_LEN);
	if (ctl->ghost)
		gsw_set_ghost(hdr, true);
	if (ctl->no_ghost)
		/* drop the whole record: the plain v1 header mkswap writes */
		hdr->has_ext = false;
	if (ctl->size_arg)
		gsw_set_pages(hdr, pages);
}

/*
 * gsw_pwrite_all(), but *DONE says how many bytes made it, also on
 * failure: a part-written header is put back from that.
 */
static int pwrite_counted(int fd, const uint8_t *buf, size_t len, off_t offset,
			  size_t *done)
{
	*done = 0;
	while (*done < len) {
		ssize_t n = pwrite(fd, buf + *done, len - *done,
				   offset + (off_t)*done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		*done += (size_t)n;
	}
	return 0;
}

/*
 * Write the bytes of PAGE that differ from OLD, the page as read under the
 * lock, and make them durable.  Every field a change touches lies in bytes
 * 1028 to 1131, inside one sector, so the write is one short one.  On
 * failure the message says what the header holds now, and a part-written
 * header is put back as it was when that can be done.
 */
static int write_change(struct swap_area *area, const uint8_t *old,
			const uint8_t *page, size_t len)
{
	size_t lo = 0, hi = len, done;
	int rc, rc2;

	while (lo < len && old[lo] == page[lo])
		lo++;
	while (hi > lo && old[hi - 1] == page[hi - 1])
		hi--;
	if (lo == hi)
		return 0;

	rc = pwrite_counted(area->fd, page + lo, hi - lo, (off_t)lo, &done);
	if (rc < 0 && done == 0) {
		warnx(_("%s: failed to write the swap header: %s; nothing changed"),
		      area->path, strerror(-rc));
		return rc;
	}
	if (rc < 0) {
		/* we hold the lock: the old bytes are still the ones to keep */
		rc2 = gsw_pwrite_all(area->fd, old + lo, done, lo);
		if (rc2 < 0)
			warnx(_("%s: failed to write the swap header: %s; it is "
			      "partly written (%zu of %zu bytes) and putting the "
			      "old one back failed too: %s"), area->path,
			      strerror(-rc), done, hi - lo, strerror(-rc2));
		else if (fsync(area->fd) < 0)
			warnx(_("%s: failed to write the swap header: %s; the old "
			      "header is back, but not known to be durable: fsync "
			      "failed: %s"), area->path, strerror(-rc),
			      strerror(errno));
		else
			warnx(_("%s: failed to write the swap header: %s; the old "
			      "header is back, nothing changed"), area->path,
			      strerror(-rc));
		return rc;
	}
	if (fsync(area->fd) < 0) {
		rc = -errno;
		warnx(_("%s: new header written, but not known to be durable: "
		      "fsync failed: %s"), area->path, strerror(-rc));
		return rc;
	}
	return 0;
}

/*
 * Did the change reach the file the path names?  A writer that ignores
 * locks may have renamed another file over it while we wrote: then the
 * change is in a file nobody will see, and that is no success.
 */
static bool still_named(const struct swap_area *area)
{
	struct stat now;

	if (!S_ISREG(area->st.st_mode))
		return true;
	if (stat(area->path, &now) == 0 && now.st_dev == area->st.st_dev &&
	    now.st_ino == area->st.st_ino)
		return true;
	warnx(_("%s: the file was replaced while the change was written; the "
	      "change went to the old file and is lost"), area->path);
	return false;
}

int change_area(struct swaplabel_control *ctl, struct swap_area *area)
{
	struct gsw_report *before = NULL, *after = NULL;
	struct gsw_header hdr = area->hdr;
	unsigned int ps = hdr.page_size;
	uint64_t pages;
	uint8_t *page;
	int rc = EXIT_FAILURE;
	bool ids_only;

	if (area->active == 1) {
		warnx(_("%s: is an active swap area; run swapoff(8) first"),
		      area->path);
		return EXIT_FAILURE;
	}
	if (area->active < 0 && !ctl->force) {
		warnx(_("%s: cannot tell whether the area is active (use --force "
		      "to change it anyway)"), area->path);
		return EXIT_FAILURE;
	}
	/*
	 * A feature we do not know may depend on fields we would rewrite.  Its
	 * own reason comes first: the validator lists it among the errors too.
	 */
	if (hdr.has_ext && (hdr.ext.ro_compat & ~GSW_FEATURE_RO_COMPAT_SUPP) &&
	    !ctl->force) {
		warnx(_("%s: the header has read-only features this tool does not "
		      "know; nothing changed (use --force to change it anyway)"),
		      area->path);
		return EXIT_FAILURE;
	}
	/*
	 * A new label or UUID is what swaplabel(8) writes into any area
	 * libblkid finds (header_usable() has checked that much), whatever
	 * else is wrong with it: those bytes lie outside everything the
	 * validator judges, so its findings do not stop such a change.
	 */
	ids_only = !ctl->ghost && !ctl->no_ghost && !ctl->size_arg;
	if (!ids_only) {
		before = area_validate(area, area->buf);
		if (print_errors(ctl, before, HEADER_ERRORS, NULL) && !ctl->force) {
			warnx(_("%s: the swap header is not valid; nothing changed "
			      "(use --force to change it anyway)"), area->path);
			goto out;
		}
	}
	if (check_request(ctl, area, &pages) < 0)
		goto out;

	apply(ctl, &hdr, pages);

	/* validate the result over the whole buffer, as it will read back */
	page = malloc(area->len);
	if (!page)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	memcpy(page, area->buf, area->len);
	if (gsw_serialize(&hdr, page) < 0) {
		warnx(_("%s: cannot write this kind of swap header"), area->path);
		goto out_page;
	}
	/*
	 * Label and UUID lie outside the record's CRC: a change of only those
	 * leaves the record as it was, so --force never rewrites a damaged
	 * record behind the user's back.
	 */
	if (ids_only)
		memcpy(page + GSW_EXT_OFFSET, area->buf + GSW_EXT_OFFSET,
		       GSW_EXT_LEN);
	else {
		after = area_validate(area, page);
		/* what swapon would refuse in the file, --force or not */
		if (ctl->no_ghost && gsw_is_ghost(&area->hdr) &&
		    print_errors(ctl, after, FILE_DATA_ERRORS, NULL)) {
			warnx(_("%s: swapon would refuse the file as a regular swap "
			      "area; nothing changed"), area->path);
			goto out_page;
		}
		if (print_errors(ctl, after, RESULT_ERRORS, before) && !ctl->force) {
			warnx(_("%s: the change would leave an invalid swap header; "
			      "nothing changed"), area->path);
			goto out_page;
		}
	}
	if (write_change(area, area->buf, page, ps) == 0 && still_named(area))
		rc = EXIT_SUCCESS;
out_page:
	free(page);
out:
	gsw_report_free(before);
	gsw_report_free(after);
	return rc;
}

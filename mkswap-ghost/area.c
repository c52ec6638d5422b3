/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Setting up a swap area in place on an existing device or file, step by
 * step as util-linux mkswap does it, so that both leave the same bytes and
 * say the same things.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mkswap-ghost.h"
#include "nls.h"

/* Pages of the area, the header page included, before any limit. */
uint64_t get_size_in_pages(const struct mkswap_control *ctl)
{
	uint64_t size;

	if (ctl->file && ctl->filesz)
		size = ctl->filesz;
	else {
		struct gsw_file_facts facts;
		int fd = open(ctl->devname, O_RDONLY | O_CLOEXEC);
		int rc;

		if (fd < 0)
			err(EXIT_FAILURE, _("cannot open %s"), ctl->devname);
		rc = gsw_file_facts_from_fd(fd, &facts);
		if (rc < 0) {
			errno = -rc;
			err(EXIT_FAILURE, _("cannot determine size of %s"), ctl->devname);
		}
		size = facts.size;
		close(fd);
	}
	if (ctl->offset > size)
		errx(EXIT_FAILURE, _("offset larger than file size"));
	return (size - ctl->offset) / ctl->pagesize;
}

void open_device(struct mkswap_control *ctl)
{
	int rc;
	int flags = O_RDWR | O_CLOEXEC;

	if (ctl->file && !S_ISREG(ctl->devstat.st_mode))
		errx(EXIT_FAILURE, _("cannot create swap file %s: node isn't regular file"),
		     ctl->devname);
	/* O_EXCL keeps a block device that is in use (mounted, RAID) out */
	if (S_ISBLK(ctl->devstat.st_mode))
		flags |= O_EXCL;
	ctl->fd = open(ctl->devname, flags);
	if (ctl->fd < 0)
		err(EXIT_FAILURE, _("cannot open %s"), ctl->devname);

	/*
	 * Unlike mkswap, lock before the mode and size of a file change: a
	 * run that is refused the lock must leave the target as it found it.
	 */
	lock_device(ctl, ctl->fd);
	if (fstat(ctl->fd, &ctl->devstat) < 0)
		err(EXIT_FAILURE, _("stat of %s failed"), ctl->devname);
	/* before anything changes, the mode included */
	if (ctl->file && ctl->filesz && (uint64_t)ctl->devstat.st_size > ctl->filesz)
		check_data_kept(ctl, ctl->fd, ctl->filesz);

	if (ctl->file && fchmod(ctl->fd, 0600) < 0)
		err(EXIT_FAILURE, _("cannot set permissions on swap file %s"),
		    ctl->devname);
	if (fstat(ctl->fd, &ctl->devstat) < 0)
		err(EXIT_FAILURE, _("stat of %s failed"), ctl->devname);
	if (ctl->file && ctl->filesz) {
		/* too late for a file with data on btrfs, as with mkswap */
		rc = gsw_set_nocow(ctl->fd);
		if (rc < 0) {
			errno = -rc;
			warn(_("failed to set 'nocow' attribute"));
		}
		/*
		 * Unlike mkswap, which truncates first, keep the old area whole
		 * until the new header replaces it: allocating grows the file
		 * without holes, and a smaller file is cut only after the new
		 * header, which advertises no more than is left, is written.
		 */
		if ((uint64_t)ctl->devstat.st_size > ctl->filesz)
			ctl->truncate_to = ctl->filesz;
		errno = posix_fallocate(ctl->fd, 0, (off_t)ctl->filesz);
		if (errno)
			err(EXIT_FAILURE, _("couldn't allocate swap file %s"), ctl->devname);
		if (fstat(ctl->fd, &ctl->devstat) < 0)
			err(EXIT_FAILURE, _("stat of %s failed"), ctl->devname);
	}

	if (ctl->check && S_ISREG(ctl->devstat.st_mode)) {
		ctl->check = false;
		if (!ctl->quiet)
			warnx(_("warning: checking bad blocks from swap file is not supported: %s"),
			      ctl->devname);
	}
}

/*
 * Does the file open as FD start with a swap header, of any page size or
 * byte order, damaged or not?  That is what the user made it for.
 */
static bool holds_swap_area(int fd)
{
	static uint8_t buf[GSW_MAX_PAGE_SIZE];
	struct gsw_header hdr;
	ssize_t n = pread(fd, buf, sizeof(buf), 0);

	return n > 0 && gsw_parse(buf, (size_t)n, &hdr) != -EINVAL;
}

/*
 * Replacing a file, or cutting it to NEW_LEN bytes, loses what it holds:
 * without -f that is done only to an empty file or a swap area, never to
 * data the user may not know is there.
 */
void check_data_kept(const struct mkswap_control *ctl, int fd, uint64_t new_len)
{
	char size[32], kept[32];

	if (ctl->force || ctl->devstat.st_size == 0 || holds_swap_area(fd))
		return;
	gsw_human_size((uint64_t)ctl->devstat.st_size, size, sizeof(size));
	gsw_human_size(new_len, kept, sizeof(kept));
	if (ctl->ghost)
		errx(EXIT_FAILURE, _("error: %s holds %s of data that is not a swap area; "
		     "--ghost would replace it with a %s file (use -f to replace it)"),
		     ctl->devname, size, kept);
	errx(EXIT_FAILURE, _("error: %s holds %s of data that is not a swap area; "
	     "--size would cut it to %s (use -f to cut it)"), ctl->devname, size, kept);
}

static void page_bad(struct mkswap_control *ctl, uint32_t page)
{
	uint32_t max = gsw_max_badpages(ctl->pagesize);

	if (ctl->nbadpages == max)
		errx(EXIT_FAILURE, _("too many bad pages: %" PRIu32), max);
	ctl->badpages[ctl->nbadpages++] = page;
}

/* A page that cannot be read whole is recorded in the header as bad. */
void check_blocks(struct mkswap_control *ctl)
{
	uint8_t *buf = malloc(ctl->pagesize);

	ctl->badpages = calloc(gsw_max_badpages(ctl->pagesize) + 1, sizeof(uint32_t));
	if (!buf || !ctl->badpages)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	for (uint64_t page = 0; page < ctl->npages; page++) {
		off_t off = (off_t)(ctl->offset + page * ctl->pagesize);
		ssize_t n = pread(ctl->fd, buf, ctl->pagesize, off);

		if (n != (ssize_t)ctl->pagesize)
			page_bad(ctl, (uint32_t)page);
	}
	if (!ctl->quiet)
		printf(P_("%" PRIu32 " bad page\n", "%" PRIu32 " bad pages\n",
			  ctl->nbadpages), ctl->nbadpages);
	free(buf);
}

static int warn_extent(enum gsw_extent_problem problem, uint64_t off, void *data)
{
	struct mkswap_control *ctl = data;

	if (ctl->nbad_extents == 0) {
		fprintf(stderr, _("\n%s: %s contains holes or other unsupported extents.\n"
				  "        This swap file can be rejected by kernel on swap activation!\n"),
			program_invocation_short_name, ctl->devname);
		if (ctl->verbose)
			fputc('\n', stderr);
		else
			fputs(_("        Use --verbose for more details.\n"), stderr);
	}
	if (ctl->verbose)
		fprintf(stderr, _(" - %s at offset %" PRIu64 "\n"),
			gsw_extent_problem_name(problem), off);
	ctl->nbad_extents++;
	/* without --verbose the first one is all that is said */
	return !ctl->verbose;
}

/*
 * The kernel refuses swap files with holes and cannot swap to shared or
 * inline extents; say so now rather than at swapon time.  A file system
 * that cannot list extents gets no warning, as with mkswap.
 */
void check_extents(struct mkswap_control *ctl)
{
	/* what is past a size the file is to be cut to does not count */
	uint64_t end = ctl->truncate_to ? ctl->truncate_to : (uint64_t)ctl->devstat.st_size;

	gsw_scan_extents(ctl->fd, end, warn_extent, ctl);
	if (ctl->nbad_extents)
		fputc('\n', stderr);
}

static void report_wiped(const char *type, void *data)
{
	const struct mkswap_control *ctl = data;

	if (!ctl->quiet)
		warnx(_("%s: warning: wiping old %s signature."), ctl->devname, type);
}

/*
 * Make old formats invisible: the boot sector is zeroed and every signature
 * libblkid finds erased, unless a partition table is found and --force was
 * not given.  Unlike mkswap, an old swap signature where the new one goes
 * is not erased first: the header write replaces it, so that a write that
 * fails leaves the old swap area instead of no signature at all.
 */
void wipe_device(struct mkswap_control *ctl)
{
	char pttype[64];
	int rc = gsw_wipe_foreign(ctl->fd, !ctl->force, pttype, sizeof(pttype),
				  ctl->offset + ctl->pagesize - GSW_MAGIC_LEN,
				  report_wiped, ctl);

	if (rc < 0)
		errx(EXIT_FAILURE, _("unable to erase bootbits sectors"));
	ctl->old_swap_kept = rc == 2;
	if (rc == 1 && !ctl->quiet) {
		warnx(_("%s: warning: don't erase bootbits sectors"), ctl->devname);
		fprintf(stderr, _("        (%s partition table detected). "), pttype);
		fputs(_("Use -f to force.\n"), stderr);
	}
}

/*
 * The header page from byte 1024 on, in one write: the boot sector stays
 * as it is.
 */
void write_header_to_device(struct mkswap_control *ctl, const uint8_t *page)
{
	off_t off = (off_t)(ctl->offset + GSW_OFF_VERSION);
	int rc = gsw_pwrite_all(ctl->fd, page + GSW_OFF_VERSION,
				ctl->pagesize - GSW_OFF_VERSION, (uint64_t)off);

	if (rc == 0)
		return;
	errno = -rc;
	warn(_("%s: unable to write signature page"), ctl->devname);
	/* say what is left, as far as a failed write lets us know */
	if (ctl->old_swap_kept)
		warnx(_("%s: the old swap header should still be there"), ctl->devname);
	else
		warnx(_("%s: old signatures are erased; it has no swap header now"),
		      ctl->devname);
	exit(EXIT_FAILURE);
}

/* swapon(2) reads the header from the disk, so it must be there first. */
void close_device(struct mkswap_control *ctl)
{
	int rc = 0;

	if (ctl->truncate_to && ftruncate(ctl->fd, (off_t)ctl->truncate_to) < 0)
		err(EXIT_FAILURE, _("%s: header written, but the file could not be cut to "
		    "%" PRIu64 " bytes"), ctl->devname, ctl->truncate_to);
	if (fsync(ctl->fd) != 0 && errno != EINVAL)
		rc = -errno;
	if (close(ctl->fd) != 0 && !rc)
		rc = -errno;
	ctl->fd = -1;
	if (rc) {
		errno = -rc;
		err(EXIT_FAILURE, _("%s: written, but not known to be durable: fsync failed"),
		    ctl->devname);
	}
}

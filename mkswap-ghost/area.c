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
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/fs.h>
#include <linux/fiemap.h>

#include "mkswap-ghost.h"

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
			err(EXIT_FAILURE, "cannot open %s", ctl->devname);
		rc = gsw_file_facts_from_fd(fd, &facts);
		if (rc < 0) {
			errno = -rc;
			err(EXIT_FAILURE, "cannot determine size of %s", ctl->devname);
		}
		size = facts.size;
		close(fd);
	}
	if (ctl->offset > size)
		errx(EXIT_FAILURE, "offset larger than file size");
	return (size - ctl->offset) / ctl->pagesize;
}

/* btrfs keeps copy-on-write files out of swap; ask for plain extents */
static void set_nocow(int fd)
{
	int attr = 0;

	if (ioctl(fd, FS_IOC_GETFLAGS, &attr) != 0)
		return;
	attr |= FS_NOCOW_FL;
	if (ioctl(fd, FS_IOC_SETFLAGS, &attr) < 0 &&
	    errno != EOPNOTSUPP && errno != ENOSYS && errno != EINVAL)
		warn("failed to set 'nocow' attribute");
}

void open_device(struct mkswap_control *ctl)
{
	int flags = O_RDWR | O_CLOEXEC;

	if (ctl->file && !S_ISREG(ctl->devstat.st_mode))
		errx(EXIT_FAILURE, "cannot create swap file %s: node isn't regular file",
		     ctl->devname);
	/* O_EXCL keeps a block device that is in use (mounted, RAID) out */
	if (S_ISBLK(ctl->devstat.st_mode))
		flags |= O_EXCL;
	ctl->fd = open(ctl->devname, flags);
	if (ctl->fd < 0)
		err(EXIT_FAILURE, "cannot open %s", ctl->devname);

	/*
	 * Unlike mkswap, lock before the mode and size of a file change: a
	 * run that is refused the lock must leave the target as it found it.
	 */
	if (blkdev_lock(ctl->fd, ctl->devname, ctl->lockmode) != 0)
		exit(EXIT_FAILURE);

	if (ctl->file && fchmod(ctl->fd, 0600) < 0)
		err(EXIT_FAILURE, "cannot set permissions on swap file %s",
		    ctl->devname);
	if (ctl->file && ctl->filesz) {
		set_nocow(ctl->fd);
		if (ftruncate(ctl->fd, (off_t)ctl->filesz) < 0)
			err(EXIT_FAILURE, "couldn't allocate swap file %s", ctl->devname);
		errno = posix_fallocate(ctl->fd, 0, (off_t)ctl->filesz);
		if (errno)
			err(EXIT_FAILURE, "couldn't allocate swap file %s", ctl->devname);
	}
	if (fstat(ctl->fd, &ctl->devstat) < 0)
		err(EXIT_FAILURE, "stat of %s failed", ctl->devname);

	if (ctl->check && S_ISREG(ctl->devstat.st_mode)) {
		ctl->check = false;
		if (!ctl->quiet)
			warnx("warning: checking bad blocks from swap file is not supported: %s",
			      ctl->devname);
	}
}

/*
 * --ghost writes nothing in place, but whoever holds the lock on the file
 * it replaces is working on that file, which must not be swapped for
 * another under them.  Returns the descriptor that holds the lock, to keep
 * open until the new file is in place, or -1 when there is nothing to lock.
 */
int lock_replaced_file(const struct mkswap_control *ctl)
{
	int fd;

	if (!ctl->exists || !lockmode_wants_lock(ctl->lockmode))
		return -1;
	fd = open(ctl->devname, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		err(EXIT_FAILURE, "cannot open %s", ctl->devname);
	if (blkdev_lock(fd, ctl->devname, ctl->lockmode) != 0)
		exit(EXIT_FAILURE);
	return fd;
}

static void page_bad(struct mkswap_control *ctl, uint32_t page)
{
	uint32_t max = gsw_max_badpages(ctl->pagesize);

	if (ctl->nbadpages == max)
		errx(EXIT_FAILURE, "too many bad pages: %" PRIu32, max);
	ctl->badpages[ctl->nbadpages++] = page;
}

/* A page that cannot be read whole is recorded in the header as bad. */
void check_blocks(struct mkswap_control *ctl)
{
	uint8_t *buf = malloc(ctl->pagesize);

	ctl->badpages = calloc(gsw_max_badpages(ctl->pagesize) + 1, sizeof(uint32_t));
	if (!buf || !ctl->badpages)
		err(EXIT_FAILURE, "cannot allocate memory");
	for (uint64_t page = 0; page < ctl->npages; page++) {
		off_t off = (off_t)(ctl->offset + page * ctl->pagesize);
		ssize_t n = pread(ctl->fd, buf, ctl->pagesize, off);

		if (n != (ssize_t)ctl->pagesize)
			page_bad(ctl, (uint32_t)page);
	}
	if (!ctl->quiet)
		printf("%" PRIu32 " bad page%s\n", ctl->nbadpages,
		       ctl->nbadpages == 1 ? "" : "s");
	free(buf);
}

static void warn_extent(struct mkswap_control *ctl, const char *what, uint64_t off)
{
	if (ctl->nbad_extents == 0) {
		fprintf(stderr, "\n%s: %s contains holes or other unsupported extents.\n"
			"        This swap file can be rejected by kernel on swap activation!\n",
			program_invocation_short_name, ctl->devname);
		if (ctl->verbose)
			fputc('\n', stderr);
		else
			fputs("        Use --verbose for more details.\n", stderr);
	}
	if (ctl->verbose)
		fprintf(stderr, " - %s at offset %" PRIu64 "\n", what, off);
	ctl->nbad_extents++;
}

/*
 * The kernel refuses swap files with holes and cannot swap to shared or
 * inline extents; say so now rather than at swapon time.
 */
void check_extents(struct mkswap_control *ctl)
{
	uint8_t buf[BUFSIZ] __attribute__((aligned(8)));
	struct fiemap *fm = (struct fiemap *)buf;
	uint64_t last_logical = 0;
	bool last = false;

	memset(buf, 0, sizeof(buf));
	do {
		unsigned int n;

		fm->fm_length = ~0ULL;
		fm->fm_flags = FIEMAP_FLAG_SYNC;
		fm->fm_extent_count = (sizeof(buf) - sizeof(*fm)) / sizeof(struct fiemap_extent);
		if (ioctl(ctl->fd, FS_IOC_FIEMAP, fm) < 0)
			return;
		n = fm->fm_mapped_extents;
		if (n == 0)
			break;
		for (unsigned int i = 0; i < n; i++) {
			const struct fiemap_extent *e = &fm->fm_extents[i];

			if (e->fe_logical > last_logical)
				warn_extent(ctl, "hole detected", last_logical);
			last_logical = e->fe_logical + e->fe_length;
			if (e->fe_flags & FIEMAP_EXTENT_LAST)
				last = true;
			if (e->fe_flags & FIEMAP_EXTENT_DATA_INLINE)
				warn_extent(ctl, "data inline extent", e->fe_logical);
			if (e->fe_flags & FIEMAP_EXTENT_SHARED)
				warn_extent(ctl, "shared extent", e->fe_logical);
			if (e->fe_flags & FIEMAP_EXTENT_DELALLOC)
				warn_extent(ctl, "unallocated extent", e->fe_logical);
			if (!ctl->verbose && ctl->nbad_extents)
				goto done;
		}
		fm->fm_start = fm->fm_extents[n - 1].fe_logical + fm->fm_extents[n - 1].fe_length;
	} while (!last);

	if (last_logical < (uint64_t)ctl->devstat.st_size)
		warn_extent(ctl, "hole detected", last_logical);
done:
	if (ctl->nbad_extents)
		fputc('\n', stderr);
}

static void report_wiped(const char *type, void *data)
{
	const struct mkswap_control *ctl = data;

	if (!ctl->quiet)
		warnx("%s: warning: wiping old %s signature.", ctl->devname, type);
}

/*
 * Make old formats invisible: the boot sector is zeroed and every signature
 * libblkid finds erased, the old swap one included, unless a partition
 * table is found and --force was not given.
 */
void wipe_device(struct mkswap_control *ctl)
{
	char pttype[64];
	int rc = gsw_wipe_foreign(ctl->fd, !ctl->force, pttype, sizeof(pttype),
				  report_wiped, ctl);

	if (rc < 0)
		errx(EXIT_FAILURE, "unable to erase bootbits sectors");
	if (rc == 1 && !ctl->quiet) {
		warnx("%s: warning: don't erase bootbits sectors", ctl->devname);
		fprintf(stderr, "        (%s partition table detected). ", pttype);
		fputs("Use -f to force.\n", stderr);
	}
}

/* The header page from byte 1024 on: the boot sector stays as it is. */
void write_header_to_device(struct mkswap_control *ctl, const uint8_t *page)
{
	off_t off = (off_t)(ctl->offset + GSW_OFF_VERSION);

	if (gsw_pwrite_all(ctl->fd, page + GSW_OFF_VERSION,
			   ctl->pagesize - GSW_OFF_VERSION, (uint64_t)off) != 0)
		err(EXIT_FAILURE, "%s: unable to write signature page", ctl->devname);
}

/* swapon(2) reads the header from the disk, so it must be there first. */
void close_device(struct mkswap_control *ctl)
{
	if ((fsync(ctl->fd) != 0 && errno != EINVAL) || close(ctl->fd) != 0)
		err(EXIT_FAILURE, "write failed");
	ctl->fd = -1;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The validator: every rule of swap-ghost(5), each reported as a finding
 * with a stable code, so that tools and scripts can act on it.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <linux/fs.h>
#include <linux/magic.h>

#include "byteorder.h"
#include "extents.h"
#include "ghostswap.h"
#include "io.h"
#include "report.h"

static const char *const code_names[GSW_CODE_COUNT] = {
	[GSW_NO_SIGNATURE] = "no-signature",
	[GSW_V0_HEADER] = "v0-header",
	[GSW_HIBERNATION_IMAGE] = "hibernation-image",
	[GSW_BAD_VERSION] = "bad-version",
	[GSW_TRUNCATED] = "truncated",
	[GSW_ZERO_LAST_PAGE] = "zero-last-page",
	[GSW_TOO_SMALL] = "too-small",
	[GSW_OVERSIZED_LAST_PAGE] = "oversized-last-page",
	[GSW_GHOST_NOT_SHORTER] = "ghost-not-shorter",
	[GSW_BADPAGES_TOO_MANY] = "badpages-too-many",
	[GSW_BADPAGE_OUT_OF_RANGE] = "badpage-out-of-range",
	[GSW_BADPAGES_IN_GHOST] = "badpages-in-ghost",
	[GSW_EXT_BAD_MAGIC] = "ext-bad-magic",
	[GSW_EXT_BAD_VERSION] = "ext-bad-version",
	[GSW_EXT_BAD_LENGTH] = "ext-bad-length",
	[GSW_EXT_CRC_MISMATCH] = "ext-crc-mismatch",
	[GSW_EXT_RESERVED_NONZERO] = "ext-reserved-nonzero",
	[GSW_EXT_PAGES_MISMATCH] = "ext-pages-mismatch",
	[GSW_EXT_UNKNOWN_INCOMPAT] = "ext-unknown-incompat",
	[GSW_EXT_UNKNOWN_RO_COMPAT] = "ext-unknown-ro-compat",
	[GSW_EXT_UNKNOWN_COMPAT] = "ext-unknown-compat",
	[GSW_EXT_NOT_GHOST] = "ext-not-ghost",
	[GSW_LABEL_UNTERMINATED] = "label-unterminated",
	[GSW_NIL_UUID] = "nil-uuid",
	[GSW_BLKID_GUARD_NONZERO] = "blkid-guard-nonzero",
	[GSW_HOLES] = "holes",
	[GSW_MODE] = "insecure-mode",
	[GSW_OWNER] = "owner-not-root",
	[GSW_GHOST_ON_BLOCKDEV] = "ghost-on-blockdev",
	[GSW_GHOST_FILE_LENGTH] = "ghost-file-length",
	[GSW_PAGE_SIZE_MISMATCH] = "page-size-mismatch",
	[GSW_BADPAGES_IN_FILE] = "badpages-in-file",
	[GSW_GHOST_TOO_LARGE] = "ghost-too-large",
	[GSW_HIDDEN_HOLES] = "hidden-holes",
	[GSW_SHARED_EXTENTS] = "shared-extents",
	[GSW_COPY_ON_WRITE] = "copy-on-write",
	[GSW_FS_NO_SWAP] = "fs-no-swap",
};

const char *gsw_code_name(enum gsw_code code)
{
	if ((unsigned int)code >= GSW_CODE_COUNT)
		return NULL;
	return code_names[code];
}

const char *gsw_severity_name(enum gsw_severity severity)
{
	switch (severity) {
	case GSW_NOTE:
		return "note";
	case GSW_WARNING:
		return "warning";
	case GSW_ERROR:
		return "error";
	case GSW_SEVERITY_NONE:
		break;
	}
	return NULL;
}

__attribute__((format(printf, 4, 5)))
/*
 * Findings are recorded through this one function; a finding that cannot
 * be (no memory) makes gsw_validate() fail, never pass silently: the
 * report remembers it.
 */
static void add(struct gsw_report *report, enum gsw_code code,
		enum gsw_severity severity, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(struct gsw_report *report, enum gsw_code code,
		enum gsw_severity severity, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	gsw_report_addv(report, code, severity, fmt, ap);
	va_end(ap);
}

/* Signatures the kernel and other resume tools put where the magic was. */
static const char *find_hibernation(const uint8_t *buf, size_t len)
{
	static const char *const sigs[] = {
		"S1SUSPEND", "S2SUSPEND", "ULSUSPEND", "LINHIB0001",
	};

	for (unsigned int ps = GSW_MIN_PAGE_SIZE; ps <= GSW_MAX_PAGE_SIZE && len >= ps;
	     ps <<= 1)
		for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			if (memcmp(buf + ps - GSW_MAGIC_LEN, sigs[i], strlen(sigs[i])) == 0)
				return sigs[i];
	return NULL;
}

static bool all_zero(const uint8_t *p, size_t len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

static void check_ext(const struct gsw_header *hdr, const uint8_t *buf,
		      struct gsw_report *report)
{
	const struct gsw_ext *ext = &hdr->ext;
	const uint8_t *rec = buf + GSW_EXT_OFFSET;
	uint32_t unknown;

	if (!hdr->has_ext) {
		if (gsw_get32(rec, !hdr->big_endian) == GSW_EXT_MAGIC)
			add(report, GSW_EXT_BAD_MAGIC, GSW_ERROR,
			    "extension record is in %s-endian order, the header in %s-endian",
			    gsw_order_name(!hdr->big_endian),
			    gsw_order_name(hdr->big_endian));
		else if (!all_zero(rec, GSW_EXT_LEN))
			add(report, GSW_EXT_BAD_MAGIC, GSW_WARNING,
			    "unknown data where the extension record lives (offset %d)",
			    GSW_EXT_OFFSET);
		return;
	}
	if (ext->version != GSW_EXT_VERSION) {
		add(report, GSW_EXT_BAD_VERSION, GSW_ERROR,
		    "extension record version %u is not supported (expected %u)",
		    ext->version, GSW_EXT_VERSION);
		return;
	}
	if (ext->length != GSW_EXT_LEN)
		add(report, GSW_EXT_BAD_LENGTH, GSW_ERROR,
		    "extension record length is %u bytes, expected %u",
		    ext->length, GSW_EXT_LEN);
	if (!ext->crc_ok)
		add(report, GSW_EXT_CRC_MISMATCH, GSW_ERROR,
		    "extension record checksum 0x%08" PRIx32 " does not match its contents (0x%08" PRIx32 ")",
		    ext->crc, gsw_crc32c(rec, GSW_EXT_OFF_CRC));
	/* a later compat feature may use them: readers never insist on zero */
	if (!ext->reserved_zero)
		add(report, GSW_EXT_RESERVED_NONZERO, GSW_NOTE,
		    "reserved bytes of the extension record are not zero (ignored)");
	if (ext->pages != gsw_advertised_pages(hdr))
		add(report, GSW_EXT_PAGES_MISMATCH, GSW_ERROR,
		    "extension advertises %" PRIu64 " pages, last_page says %" PRIu64,
		    ext->pages, gsw_advertised_pages(hdr));

	unknown = ext->incompat & ~GSW_FEATURE_INCOMPAT_SUPP;
	if (unknown)
		add(report, GSW_EXT_UNKNOWN_INCOMPAT, GSW_ERROR,
		    "unknown incompatible features 0x%08" PRIx32 ": no kernel or tool may use this area",
		    unknown);
	/* the kernel writes to every area it activates: no read-only use */
	unknown = ext->ro_compat & ~GSW_FEATURE_RO_COMPAT_SUPP;
	if (unknown)
		add(report, GSW_EXT_UNKNOWN_RO_COMPAT, GSW_ERROR,
		    "unknown read-only compatible features 0x%08" PRIx32 ": swapon refuses the area and the header must not be changed",
		    unknown);
	unknown = ext->compat & ~GSW_FEATURE_COMPAT_SUPP;
	if (unknown)
		add(report, GSW_EXT_UNKNOWN_COMPAT, GSW_NOTE,
		    "unknown compatible features 0x%08" PRIx32 " (safe to ignore)", unknown);
	if (!(ext->incompat & GSW_FEATURE_INCOMPAT_GHOST))
		add(report, GSW_EXT_NOT_GHOST, GSW_NOTE,
		    "extension record present without the ghost feature");
}

static void check_badpages(const struct gsw_header *hdr, const uint8_t *buf,
			   struct gsw_report *report)
{
	uint32_t max = gsw_max_badpages(hdr->page_size);

	if (hdr->nr_badpages > max) {
		add(report, GSW_BADPAGES_TOO_MANY, GSW_ERROR,
		    "%" PRIu32 " bad pages listed, a %u-byte page holds at most %" PRIu32,
		    hdr->nr_badpages, hdr->page_size, max);
		return;
	}
	for (uint32_t i = 0; i < hdr->nr_badpages; i++) {
		uint32_t page = gsw_get32(buf + GSW_OFF_BADPAGES + 4 * i, hdr->big_endian);

		if (page == 0 || page > hdr->last_page) {
			add(report, GSW_BADPAGE_OUT_OF_RANGE, GSW_ERROR,
			    "bad page entry %" PRIu32 " is %" PRIu32 ", outside 1..%" PRIu32,
			    i, page, hdr->last_page);
			break;
		}
	}
	if (hdr->nr_badpages && gsw_is_ghost(hdr))
		add(report, GSW_BADPAGES_IN_GHOST, GSW_ERROR,
		    "a ghost area lists %" PRIu32 " bad pages but has no pages on disk: swapon refuses it",
		    hdr->nr_badpages);
}

/*
 * The size rule of a ghost area, gsw_ghost_size_check()'s.  Without FACTS
 * only the upper limit can be checked: a file of 0 bytes is shorter than
 * any area.
 */
static void check_ghost_size(const struct gsw_header *hdr,
			     const struct gsw_file_facts *facts,
			     struct gsw_report *report)
{
	uint64_t pages = gsw_advertised_pages(hdr);
	uint64_t file_size = facts ? facts->size : 0;

	switch (gsw_ghost_size_check(pages, hdr->page_size, file_size)) {
	case GSW_GHOST_SIZE_OK:
		break;
	case GSW_GHOST_SIZE_TOO_LARGE:
		add(report, GSW_GHOST_TOO_LARGE, GSW_ERROR,
		    "ghost area advertises %" PRIu64 " pages, more than the %" PRIu64
		    " the kernel allows: it would hold metadata for every one in memory",
		    pages, GSW_GHOST_MAX_PAGES);
		break;
	case GSW_GHOST_SIZE_NOT_LARGER:
		add(report, GSW_GHOST_NOT_SHORTER, GSW_ERROR,
		    "ghost file holds %" PRIu64 " bytes, not less than the %" PRIu64
		    " it advertises: a kernel without ghost support would use it as a real area",
		    file_size, pages * hdr->page_size);
		break;
	}
}

static void check_size(const struct gsw_header *hdr,
		       const struct gsw_file_facts *facts,
		       struct gsw_report *report)
{
	uint64_t bytes = gsw_advertised_pages(hdr) * hdr->page_size;

	if (!gsw_is_ghost(hdr)) {
		if (bytes > facts->size)
			add(report, GSW_OVERSIZED_LAST_PAGE, GSW_ERROR,
			    "header advertises %" PRIu64 " bytes but the %s holds %" PRIu64,
			    bytes, facts->is_blockdev ? "device" : "file", facts->size);
		return;
	}
	if (facts->is_blockdev) {
		add(report, GSW_GHOST_ON_BLOCKDEV, GSW_ERROR,
		    "the ghost feature is only valid on a regular file");
		/* the device's size says nothing about the ghost area */
		check_ghost_size(hdr, NULL, report);
		return;
	}
	check_ghost_size(hdr, facts, report);
	/* libblkid's minimum is in bytes: 1 page of 64 KiB is enough */
	if (facts->size < GSW_BLKID_MIN_BYTES)
		add(report, GSW_GHOST_FILE_LENGTH, GSW_WARNING,
		    "ghost file is %" PRIu64 " bytes long; blkid ignores swap areas shorter "
		    "than %u KiB (%u bytes)", facts->size, GSW_BLKID_MIN_BYTES / 1024,
		    GSW_BLKID_MIN_BYTES);
	else if (facts->size != (uint64_t)GSW_GHOST_FILE_PAGES * hdr->page_size)
		add(report, GSW_GHOST_FILE_LENGTH, GSW_NOTE,
		    "ghost file is %" PRIu64 " bytes long, not the usual %u pages (%" PRIu64 " bytes)",
		    facts->size, GSW_GHOST_FILE_PAGES,
		    (uint64_t)GSW_GHOST_FILE_PAGES * hdr->page_size);
}

/*
 * What keeps swapon from a regular file's data.  swapon(8) refuses a file
 * with fewer blocks than bytes; the kernel then maps every page of the
 * file, not only the area, through the file system.  A ghost area skips
 * that mapping: only swapon(8)'s count and the header read apply to it.
 */
static void check_file_data(const struct gsw_header *hdr,
			    const struct gsw_file_facts *facts,
			    struct gsw_report *report)
{
	if (facts->allocated < facts->size)
		add(report, GSW_HOLES, GSW_ERROR,
		    "file has holes (%" PRIu64 " of %" PRIu64 " bytes allocated): swapon refuses it",
		    facts->allocated, facts->size);
	/* tmpfs cannot even read a swap header: it has no read_folio */
	if (facts->fs_type == TMPFS_MAGIC) {
		add(report, GSW_FS_NO_SWAP, GSW_ERROR,
		    "the file is on tmpfs, which cannot hold swap areas: the kernel refuses it");
		return;
	}
	if (gsw_is_ghost(hdr))
		return;
	if (facts->fs_type == RAMFS_MAGIC) {
		add(report, GSW_FS_NO_SWAP, GSW_ERROR,
		    "the file is on ramfs, which cannot map a swap file's blocks: "
		    "the kernel refuses it");
		return;
	}
	if (facts->has_unmapped && facts->allocated >= facts->size)
		add(report, GSW_HIDDEN_HOLES, GSW_ERROR,
		    "file has a hole at byte %" PRIu64 " that blocks allocated past its end "
		    "hide from swapon(8): the kernel refuses it", facts->unmapped_at);
	if (facts->has_shared)
		add(report, GSW_SHARED_EXTENTS, GSW_ERROR,
		    "the extent at byte %" PRIu64 " is shared with another file or a snapshot "
		    "(reflink): the kernel refuses it", facts->shared_at);
	if (facts->fs_type == BTRFS_SUPER_MAGIC && !facts->nocow)
		add(report, GSW_COPY_ON_WRITE, GSW_ERROR,
		    "the file is copy-on-write on btrfs (no chattr +C): the kernel refuses it");
}

static void check_file(const struct gsw_header *hdr,
		       const struct gsw_file_facts *facts,
		       struct gsw_report *report)
{
	/*
	 * swapon(8)'s test, bit for bit: group and other access, and the
	 * set-id and sticky bits; a block device may be group accessible
	 * (the disk group).  Execute permission for the owner is no risk,
	 * and swapon says nothing about it.
	 */
	mode_t insecure = facts->is_blockdev ? 07007 : 07077;

	check_size(hdr, facts, report);
	/* a ghost header with bad pages is reported as such already */
	if (!facts->is_blockdev && hdr->nr_badpages && !gsw_is_ghost(hdr))
		add(report, GSW_BADPAGES_IN_FILE, GSW_ERROR,
		    "a swap file lists %" PRIu32 " bad pages: the kernel takes bad pages "
		    "from block devices only and refuses the file", hdr->nr_badpages);
	if (!facts->is_blockdev)
		check_file_data(hdr, facts, report);
	if (facts->mode & insecure)
		add(report, GSW_MODE, GSW_WARNING,
		    "insecure permissions %04o, %04o suggested",
		    (unsigned int)(facts->mode & 07777), (unsigned int)(~insecure & 0666));
	/*
	 * swapon(8) warns about any regular file not owned by root, but a
	 * user may well prepare a file that root takes over with chown:
	 * that is a step still to do, not a fault of the area.
	 */
	if (!facts->is_blockdev && facts->uid != 0)
		add(report, GSW_OWNER, GSW_NOTE,
		    "file is owned by uid %u; swapon warns until it is owned by root (chown 0)",
		    (unsigned int)facts->uid);
	if (facts->system_page_size && facts->system_page_size != hdr->page_size)
		add(report, GSW_PAGE_SIZE_MISMATCH, GSW_WARNING,
		    "page size %u differs from this system's %u: the kernel will refuse it",
		    hdr->page_size, facts->system_page_size);
}

static void check_identity(const struct gsw_header *hdr, const uint8_t *buf,
			   struct gsw_report *report)
{
	if (memchr(hdr->label, 0, GSW_LABEL_LEN) == NULL)
		add(report, GSW_LABEL_UNTERMINATED, GSW_NOTE,
		    "label fills all %d bytes without a terminating NUL "
		    "(util-linux writes at most %d)", GSW_LABEL_LEN, GSW_LABEL_MAX);
	if (all_zero(hdr->uuid, GSW_UUID_LEN))
		add(report, GSW_NIL_UUID, GSW_WARNING,
		    "UUID is nil: blkid reports none and UUID= in fstab cannot find the area");
	if (!all_zero(buf + GSW_OFF_BLKID_GUARD, GSW_BLKID_GUARD_LEN))
		add(report, GSW_BLKID_GUARD_NONZERO, GSW_WARNING,
		    "padding words 32 and 33 are not zero: blkid hides LABEL and UUID");
}

/*
 * mkswap's minimum is in pages, libblkid's in bytes of the file or device
 * (a ghost file's length is ghost-file-length's business).
 */
static void check_too_small(const struct gsw_header *hdr,
			    const struct gsw_file_facts *facts,
			    struct gsw_report *report)
{
	uint64_t pages = gsw_advertised_pages(hdr);

	if (facts && facts->known && !gsw_is_ghost(hdr) &&
	    facts->size < GSW_BLKID_MIN_BYTES)
		add(report, GSW_TOO_SMALL, GSW_WARNING,
		    "area advertises %" PRIu64 " pages, mkswap writes at least %u; "
		    "blkid ignores its %" PRIu64 "-byte %s (under %u KiB)",
		    pages, GSW_MIN_PAGES, facts->size,
		    facts->is_blockdev ? "device" : "file", GSW_BLKID_MIN_BYTES / 1024);
	else
		add(report, GSW_TOO_SMALL, GSW_WARNING,
		    "area advertises %" PRIu64 " pages, mkswap writes at least %u",
		    pages, GSW_MIN_PAGES);
}


int gsw_validate(const uint8_t *buf, size_t len,
		 const struct gsw_file_facts *facts, struct gsw_report *report)
{
	struct gsw_header hdr;
	const char *hib;
	int rc;

	gsw_report_clear(report);
	rc = gsw_parse(buf, len, &hdr);
	if (rc == -EINVAL) {
		hib = find_hibernation(buf, len);
		if (hib)
			add(report, GSW_HIBERNATION_IMAGE, GSW_ERROR,
			    "the swap signature was replaced by hibernation signature %s: "
			    "resume from it or re-create the area", hib);
		else if (len < GSW_MIN_PAGE_SIZE)
			add(report, GSW_TRUNCATED, GSW_ERROR,
			    "only %zu bytes, shorter than the smallest page (%u)",
			    len, GSW_MIN_PAGE_SIZE);
		else
			add(report, GSW_NO_SIGNATURE, GSW_ERROR,
			    "no swap signature at any page size from %u to %u",
			    GSW_MIN_PAGE_SIZE, GSW_MAX_PAGE_SIZE);
		return gsw_report_status(report);
	}
	if (hdr.version == 0) {
		add(report, GSW_V0_HEADER, GSW_ERROR,
		    "obsolete version 0 header (SWAP-SPACE); re-create it with mkswap");
		return gsw_report_status(report);
	}
	if (rc < 0) {
		add(report, GSW_BAD_VERSION, GSW_ERROR,
		    "header version is 0x%08" PRIx32 ", expected 1 in either byte order",
		    hdr.info_version);
		return gsw_report_status(report);
	}

	if (hdr.last_page == 0)
		add(report, GSW_ZERO_LAST_PAGE, GSW_ERROR,
		    "last_page is 0: the area has no usable page");
	else if (gsw_advertised_pages(&hdr) < GSW_MIN_PAGES)
		check_too_small(&hdr, facts, report);
	check_badpages(&hdr, buf, report);
	check_ext(&hdr, buf, report);
	/* with facts, the file checks do it and can compare with the file */
	if (gsw_is_ghost(&hdr) && !(facts && facts->known))
		check_ghost_size(&hdr, NULL, report);
	check_identity(&hdr, buf, report);
	if (facts && facts->known)
		check_file(&hdr, facts, report);
	return gsw_report_status(report);
}

static int note_extent(enum gsw_extent_problem problem, uint64_t offset,
		       void *data)
{
	struct gsw_file_facts *facts = data;

	if (problem == GSW_EXTENT_SHARED) {
		if (!facts->has_shared)
			facts->shared_at = offset;
		facts->has_shared = true;
	} else {
		if (!facts->has_unmapped)
			facts->unmapped_at = offset;
		facts->has_unmapped = true;
	}
	return facts->has_shared && facts->has_unmapped;
}

/*
 * The facts of a regular file's data, as far as they can be learnt: a
 * file system that answers none of these questions leaves them false.
 */
static void file_data_facts(int fd, struct gsw_file_facts *facts)
{
	unsigned int ps = facts->system_page_size ? facts->system_page_size
						  : GSW_MIN_PAGE_SIZE;
	uint64_t end = facts->size / ps * ps;
	struct statfs sfs;
	int attr = 0;
	off_t hole;

	if (fstatfs(fd, &sfs) == 0)
		facts->fs_type = (uint64_t)(unsigned long)sfs.f_type;
	if (ioctl(fd, FS_IOC_GETFLAGS, &attr) == 0)
		facts->nocow = attr & FS_NOCOW_FL;
	/*
	 * Unwritten (fallocated) extents are data to swapon, while SEEK_HOLE
	 * on ext4 and XFS calls them holes unless their pages are cached:
	 * the extent list decides where there is one.
	 */
	if (gsw_scan_extents(fd, end, note_extent, facts) >= 0)
		return;
	/* no extent list (tmpfs, some FUSE): these have no unwritten extents */
	hole = lseek(fd, 0, SEEK_HOLE);
	if (hole >= 0 && (uint64_t)hole < end) {
		facts->has_unmapped = true;
		facts->unmapped_at = (uint64_t)hole;
	}
}

int gsw_file_facts_from_fd(int fd, struct gsw_file_facts *facts)
{
	struct stat st;

	long page_size = sysconf(_SC_PAGESIZE);

	memset(facts, 0, sizeof(*facts));
	if (fstat(fd, &st) < 0)
		return -errno;
	facts->known = true;
	if (page_size > 0)
		facts->system_page_size = (unsigned int)page_size;
	facts->mode = st.st_mode;
	facts->uid = st.st_uid;
	facts->is_blockdev = S_ISBLK(st.st_mode);
	if (facts->is_blockdev) {
		uint64_t bytes;

		if (ioctl(fd, BLKGETSIZE64, &bytes) < 0)
			return -errno;
		facts->size = bytes;
		facts->allocated = bytes;
	} else {
		facts->size = (uint64_t)st.st_size;
		facts->allocated = (uint64_t)st.st_blocks * 512;
		file_data_facts(fd, facts);
	}
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mkcorpus - write the differential corpus: crafted swap headers that
 * swaplabel-ext --check judges on the host and swapon judges in a booted
 * guest, each with what swap-ghost(5) says swapon on a 4 KiB-page x86_64
 * kernel with the ghost series must do.
 *
 * Every byte is put in place here, with a CRC-32C of its own, so that the
 * corpus does not share a bug with the reader it tests.
 *
 * usage: mkcorpus DIR
 *
 * DIR gets one file per case and DIR/MANIFEST with one line per case:
 *
 *	NAME KIND ORDER PAGESIZE FILEBYTES EXPECT
 *
 * KIND is ghost when the header was written with a record carrying the
 * GHOST feature (whatever was broken afterwards), regular otherwise; ORDER
 * is the header's byte order, le or be; PAGESIZE the page size it was
 * written for; EXPECT accept or refuse.
 */
#define _POSIX_C_SOURCE 200809L

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* swap-ghost(5), HEADER LAYOUT and EXTENSION RECORD */
#define OFF_VERSION	1024
#define OFF_LAST_PAGE	1028
#define OFF_NR_BAD	1032
#define OFF_UUID	1036
#define OFF_LABEL	1052
#define OFF_RECORD	1068
#define OFF_PADDING	1068	/* u32 padding[117] */
#define OFF_BLKID_GUARD	1196	/* padding[32] */
#define OFF_BADPAGES	1536
#define MAGIC_LEN	10

#define REC_LEN		64
#define REC_MAGIC	0x47485354u
#define REC_VERSION	1
#define REC_OFF_VERSION	4
#define REC_OFF_LENGTH	6
#define REC_OFF_COMPAT	8
#define REC_OFF_RO	12
#define REC_OFF_INCOMPAT 16
#define REC_OFF_PAGES	20
#define REC_OFF_RESERVED 28
#define REC_OFF_CRC	60
#define INCOMPAT_GHOST	0x00000001u

#define PS_4K		4096u
#define PS_64K		65536u
/* the regular areas are copied into a small guest: keep them small */
#define REG_PAGES	64
/* what mkswap-ghost --ghost writes: the header page and nine of zeros */
#define GHOST_FILE_PAGES 10
#define GHOST_MAX_PAGES	((uint64_t)1 << 28)

/* What a case does to a well-formed header, after it is built. */
enum tweak {
	T_NONE,
	T_LABEL_FULL,		/* 16 bytes, no NUL */
	T_NIL_UUID,
	T_NO_MAGIC,
	T_HIBERNATION,		/* the magic as the kernel's hibernation leaves it */
	T_V0,
	T_VERSION_2,
	T_LAST_PAGE_0,
	T_BADPAGES_TOO_MANY,
	T_BADPAGE_ZERO,
	T_BADPAGE_BEYOND,
	T_BADPAGE,		/* one valid entry */
	T_REC_OTHER_ORDER,	/* the whole record in the other byte order */
	T_REC_GARBAGE,		/* data where the record lives, no magic */
	T_REC_VERSION_2,
	T_REC_LENGTH_32,
	T_REC_LENGTH_128,
	T_REC_CRC,
	T_REC_RESERVED,
	T_REC_PAGES,
	T_REC_INCOMPAT_LOW,	/* an unknown incompat bit next to GHOST */
	T_REC_INCOMPAT_HIGH,
	T_REC_RO_COMPAT,
	T_REC_COMPAT,
	T_PADDING,		/* a padding word outside record and guard */
	T_BLKID_GUARD,
	T_MODE_0644,		/* the file, not the header */
};

/* The record a case starts from. */
enum record {
	R_NONE,
	R_GHOST,		/* GHOST set, as mkswap-ghost writes it */
	R_PLAIN,		/* a record without any feature */
	R_PLAIN_COMPAT,		/* a record with only an unknown compat bit */
};

struct corpus_case {
	const char *name;
	bool ghost;		/* KIND */
	bool big;		/* ORDER */
	unsigned int page_size;
	uint64_t pages;		/* last_page + 1 as written */
	uint64_t file_bytes;	/* 0: what the kind implies */
	enum record record;
	enum tweak tweak;
	bool accept;		/* EXPECT */
};

#define LE false
#define BE true
#define ACCEPT true
#define REFUSE false
#define G64 ((uint64_t)1 << 24)	/* 64 GiB of 4 KiB pages */

/*
 * The corpus.  Each rule of swap-ghost(5) VALIDATION RULES and EXTENSION
 * RECORD, in both byte orders where the order can matter.  Not here: rules
 * a file copied onto ext4 cannot carry (ghost-on-blockdev, holes,
 * owner-not-root; the guest writes every file whole), which the kernel
 * suite's own scenarios and the unit tests cover.
 */
static const struct corpus_case corpus[] = {
	/* valid areas */
	{ "01-regular-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_NONE, ACCEPT },
	{ "02-regular-be", false, BE, PS_4K, REG_PAGES, 0, R_NONE, T_NONE, ACCEPT },
	{ "03-ghost-le", true, LE, PS_4K, G64, 0, R_GHOST, T_NONE, ACCEPT },
	{ "04-ghost-be", true, BE, PS_4K, (uint64_t)1 << 18, 0, R_GHOST, T_NONE, ACCEPT },
	{ "05-ghost-smallest-le", true, LE, PS_4K, 11, 0, R_GHOST, T_NONE, ACCEPT },
	{ "06-regular-label-full-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_LABEL_FULL, ACCEPT },
	{ "07-ghost-label-full-be", true, BE, PS_4K, G64, 0, R_GHOST, T_LABEL_FULL, ACCEPT },
	{ "08-regular-nil-uuid-be", false, BE, PS_4K, REG_PAGES, 0, R_NONE, T_NIL_UUID, ACCEPT },
	{ "09-ghost-nil-uuid-le", true, LE, PS_4K, G64, 0, R_GHOST, T_NIL_UUID, ACCEPT },
	{ "10-ghost-one-page-le", true, LE, PS_4K, G64, PS_4K, R_GHOST, T_NONE, ACCEPT },
	{ "11-ghost-16-pages-be", true, BE, PS_4K, G64, 16 * PS_4K, R_GHOST, T_NONE, ACCEPT },
	{ "12-regular-too-small-le", false, LE, PS_4K, 8, 0, R_NONE, T_NONE, ACCEPT },
	{ "13-regular-mode-0644-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_MODE_0644, ACCEPT },
	/* the signature and the classic header */
	{ "14-no-signature-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_NO_MAGIC, REFUSE },
	{ "15-truncated-le", false, LE, PS_4K, REG_PAGES, 2048, R_NONE, T_NONE, REFUSE },
	/* util-linux swapon rewrites the magic, then the kernel takes it */
	{ "16-hibernation-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_HIBERNATION, ACCEPT },
	{ "17-v0-header-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_V0, REFUSE },
	{ "18-bad-version-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_VERSION_2, REFUSE },
	{ "19-bad-version-be", true, BE, PS_4K, G64, 0, R_GHOST, T_VERSION_2, REFUSE },
	{ "20-zero-last-page-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_LAST_PAGE_0, REFUSE },
	{ "21-zero-last-page-be", false, BE, PS_4K, REG_PAGES, 0, R_NONE, T_LAST_PAGE_0, REFUSE },
	/* bad pages */
	{ "22-badpages-too-many-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_BADPAGES_TOO_MANY, REFUSE },
	{ "23-badpages-too-many-be", false, BE, PS_4K, REG_PAGES, 0, R_NONE, T_BADPAGES_TOO_MANY, REFUSE },
	{ "24-badpage-zero-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_BADPAGE_ZERO, REFUSE },
	{ "25-badpage-beyond-be", false, BE, PS_4K, REG_PAGES, 0, R_NONE, T_BADPAGE_BEYOND, REFUSE },
	{ "26-badpages-in-file-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_BADPAGE, REFUSE },
	{ "27-badpages-in-file-be", false, BE, PS_4K, REG_PAGES, 0, R_NONE, T_BADPAGE, REFUSE },
	{ "28-badpages-in-ghost-le", true, LE, PS_4K, G64, 0, R_GHOST, T_BADPAGE, REFUSE },
	{ "29-badpages-in-ghost-be", true, BE, PS_4K, G64, 0, R_GHOST, T_BADPAGE, REFUSE },
	/* the record's magic */
	{ "30-ext-other-order-regular-le", true, LE, PS_4K, REG_PAGES, REG_PAGES * PS_4K,
	  R_GHOST, T_REC_OTHER_ORDER, REFUSE },
	{ "31-ext-other-order-regular-be", true, BE, PS_4K, REG_PAGES, REG_PAGES * PS_4K,
	  R_GHOST, T_REC_OTHER_ORDER, REFUSE },
	{ "32-ext-other-order-ghost-be", true, BE, PS_4K, G64, 0, R_GHOST, T_REC_OTHER_ORDER, REFUSE },
	{ "33-ext-garbage-regular-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_REC_GARBAGE, ACCEPT },
	/* the record's fields */
	{ "34-ext-version-le", true, LE, PS_4K, G64, 0, R_GHOST, T_REC_VERSION_2, REFUSE },
	{ "35-ext-version-be", true, BE, PS_4K, G64, 0, R_GHOST, T_REC_VERSION_2, REFUSE },
	{ "36-ext-length-le", true, LE, PS_4K, G64, 0, R_GHOST, T_REC_LENGTH_32, REFUSE },
	{ "37-ext-length-be", true, BE, PS_4K, G64, 0, R_GHOST, T_REC_LENGTH_128, REFUSE },
	{ "38-ext-crc-le", true, LE, PS_4K, G64, 0, R_GHOST, T_REC_CRC, REFUSE },
	{ "39-ext-crc-be", true, BE, PS_4K, G64, 0, R_GHOST, T_REC_CRC, REFUSE },
	{ "40-ext-reserved-ghost-le", true, LE, PS_4K, G64, 0, R_GHOST, T_REC_RESERVED, ACCEPT },
	{ "41-ext-reserved-ghost-be", true, BE, PS_4K, G64, 0, R_GHOST, T_REC_RESERVED, ACCEPT },
	{ "42-ext-pages-mismatch-le", true, LE, PS_4K, G64, 0, R_GHOST, T_REC_PAGES, REFUSE },
	{ "43-ext-pages-mismatch-be", true, BE, PS_4K, G64, 0, R_GHOST, T_REC_PAGES, REFUSE },
	{ "44-ext-incompat-le", true, LE, PS_4K, G64, 0, R_GHOST, T_REC_INCOMPAT_LOW, REFUSE },
	{ "45-ext-incompat-be", true, BE, PS_4K, G64, 0, R_GHOST, T_REC_INCOMPAT_HIGH, REFUSE },
	{ "46-ext-ro-compat-le", true, LE, PS_4K, G64, 0, R_GHOST, T_REC_RO_COMPAT, REFUSE },
	{ "47-ext-ro-compat-be", true, BE, PS_4K, G64, 0, R_GHOST, T_REC_RO_COMPAT, REFUSE },
	{ "48-ext-ro-compat-regular-le", false, LE, PS_4K, REG_PAGES, 0, R_PLAIN, T_REC_RO_COMPAT, REFUSE },
	{ "49-ext-compat-ghost-le", true, LE, PS_4K, G64, 0, R_GHOST, T_REC_COMPAT, ACCEPT },
	{ "50-ext-compat-ghost-be", true, BE, PS_4K, G64, 0, R_GHOST, T_REC_COMPAT, ACCEPT },
	{ "51-ext-compat-regular-be", false, BE, PS_4K, REG_PAGES, 0, R_PLAIN_COMPAT, T_NONE, ACCEPT },
	{ "52-ext-not-ghost-regular-le", false, LE, PS_4K, REG_PAGES, 0, R_PLAIN, T_NONE, ACCEPT },
	/* a record without GHOST makes no ghost of a short file */
	{ "53-ext-not-ghost-short-be", false, BE, PS_4K, G64, GHOST_FILE_PAGES * PS_4K,
	  R_PLAIN, T_NONE, REFUSE },
	/* padding outside the record */
	{ "54-padding-regular-le", false, LE, PS_4K, REG_PAGES, 0, R_NONE, T_PADDING, ACCEPT },
	{ "55-padding-ghost-be", true, BE, PS_4K, G64, 0, R_GHOST, T_PADDING, ACCEPT },
	{ "56-blkid-guard-ghost-le", true, LE, PS_4K, G64, 0, R_GHOST, T_BLKID_GUARD, ACCEPT },
	/* the ghost size limit, in pages whatever the page size */
	{ "57-ghost-at-limit-le", true, LE, PS_4K, GHOST_MAX_PAGES, 0, R_GHOST, T_NONE, ACCEPT },
	{ "58-ghost-at-limit-be", true, BE, PS_4K, GHOST_MAX_PAGES, 0, R_GHOST, T_NONE, ACCEPT },
	{ "59-ghost-over-limit-le", true, LE, PS_4K, GHOST_MAX_PAGES + 1, 0, R_GHOST, T_NONE, REFUSE },
	{ "60-ghost-over-limit-be", true, BE, PS_4K, GHOST_MAX_PAGES + 1, 0, R_GHOST, T_NONE, REFUSE },
	/* the area against its file */
	{ "61-oversized-regular-le", false, LE, PS_4K, REG_PAGES, 32 * PS_4K, R_NONE, T_NONE, REFUSE },
	{ "62-oversized-regular-be", false, BE, PS_4K, REG_PAGES, GHOST_FILE_PAGES * PS_4K,
	  R_NONE, T_NONE, REFUSE },
	/* the kernel with the ghost series takes it: the header decides */
	{ "63-ghost-not-shorter-le", true, LE, PS_4K, REG_PAGES, REG_PAGES * PS_4K,
	  R_GHOST, T_NONE, ACCEPT },
	/* a 4 KiB-page kernel finds no signature in a 64 KiB-page header */
	{ "64-pagesize-64k-regular-le", false, LE, PS_64K, 16, 0, R_NONE, T_NONE, REFUSE },
	{ "65-pagesize-64k-ghost-be", true, BE, PS_64K, (uint64_t)1 << 20, 0, R_GHOST, T_NONE, REFUSE },
};

#define NCASES (sizeof(corpus) / sizeof(corpus[0]))

/*
 * CRC-32C, reflected polynomial 0x82f63b78, bit by bit: slow, short, and
 * not the library's table.
 */
static uint32_t crc32c(const uint8_t *p, size_t len)
{
	uint32_t crc = 0xffffffffu;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0x82f63b78u & (0u - (crc & 1)));
	}
	return crc ^ 0xffffffffu;
}

static void put16(uint8_t *p, uint16_t v, bool big)
{
	p[big ? 0 : 1] = (uint8_t)(v >> 8);
	p[big ? 1 : 0] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v, bool big)
{
	for (int i = 0; i < 4; i++)
		p[big ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v, bool big)
{
	for (int i = 0; i < 8; i++)
		p[big ? 7 - i : i] = (uint8_t)(v >> (8 * i));
}

static void seal_record(uint8_t *rec, bool big)
{
	put32(rec + REC_OFF_CRC, crc32c(rec, REC_OFF_CRC), big);
}

static void write_record(uint8_t *rec, bool big, uint32_t compat,
			 uint32_t incompat, uint64_t pages)
{
	memset(rec, 0, REC_LEN);
	put32(rec, REC_MAGIC, big);
	put16(rec + REC_OFF_VERSION, REC_VERSION, big);
	put16(rec + REC_OFF_LENGTH, REC_LEN, big);
	put32(rec + REC_OFF_COMPAT, compat, big);
	put32(rec + REC_OFF_INCOMPAT, incompat, big);
	put64(rec + REC_OFF_PAGES, pages, big);
	seal_record(rec, big);
}

/* A random-looking version 4 UUID of its own for each case. */
static void case_uuid(uint8_t *uuid, unsigned int n)
{
	static const uint8_t base[16] = {
		0x6b, 0x1d, 0x0c, 0x52, 0x9e, 0x47, 0x4a, 0x3f,
		0x8d, 0x21, 0x5e, 0x60, 0xc4, 0x0b, 0x73, 0x00,
	};

	memcpy(uuid, base, 16);
	uuid[15] = (uint8_t)n;
}

static void apply_tweak(const struct corpus_case *c, uint8_t *page)
{
	const unsigned int ps = c->page_size;
	const uint32_t last = (uint32_t)(c->pages - 1);
	const uint32_t max_bad = (ps - OFF_BADPAGES - MAGIC_LEN) / 4;
	uint8_t *rec = page + OFF_RECORD;
	uint8_t *magic = page + ps - MAGIC_LEN;
	bool big = c->big;

	switch (c->tweak) {
	case T_NONE:
	case T_MODE_0644:
		break;
	case T_LABEL_FULL:
		memcpy(page + OFF_LABEL, "label-of-16-byte", 16);
		break;
	case T_NIL_UUID:
		memset(page + OFF_UUID, 0, 16);
		break;
	case T_NO_MAGIC:
		memset(magic, 0, MAGIC_LEN);
		break;
	case T_HIBERNATION:
		/* swsusp keeps the old magic just before its own */
		memcpy(magic - MAGIC_LEN, "SWAPSPACE2", MAGIC_LEN);
		memcpy(magic, "S1SUSPEND\0", MAGIC_LEN);
		break;
	case T_V0:
		memcpy(magic, "SWAP-SPACE", MAGIC_LEN);
		break;
	case T_VERSION_2:
		put32(page + OFF_VERSION, 2, big);
		break;
	case T_LAST_PAGE_0:
		put32(page + OFF_LAST_PAGE, 0, big);
		break;
	case T_BADPAGES_TOO_MANY:
		put32(page + OFF_NR_BAD, max_bad + 1, big);
		for (uint32_t i = 0; i < max_bad; i++)
			put32(page + OFF_BADPAGES + 4 * i, 1 + i % last, big);
		break;
	case T_BADPAGE_ZERO:
		put32(page + OFF_NR_BAD, 1, big);
		put32(page + OFF_BADPAGES, 0, big);
		break;
	case T_BADPAGE_BEYOND:
		put32(page + OFF_NR_BAD, 2, big);
		put32(page + OFF_BADPAGES, 5, big);
		put32(page + OFF_BADPAGES + 4, last + 1, big);
		break;
	case T_BADPAGE:
		put32(page + OFF_NR_BAD, 1, big);
		put32(page + OFF_BADPAGES, 5, big);
		break;
	case T_REC_OTHER_ORDER:
		write_record(rec, !big, 0, INCOMPAT_GHOST, c->pages);
		break;
	case T_REC_GARBAGE:
		memcpy(rec + 8, "not a record", 12);
		break;
	case T_REC_VERSION_2:
		put16(rec + REC_OFF_VERSION, 2, big);
		seal_record(rec, big);
		break;
	case T_REC_LENGTH_32:
		put16(rec + REC_OFF_LENGTH, 32, big);
		seal_record(rec, big);
		break;
	case T_REC_LENGTH_128:
		put16(rec + REC_OFF_LENGTH, 128, big);
		seal_record(rec, big);
		break;
	case T_REC_CRC:
		rec[REC_OFF_CRC + 2] ^= 0x10;
		break;
	case T_REC_RESERVED:
		memcpy(rec + REC_OFF_RESERVED + 4, "future", 6);
		seal_record(rec, big);
		break;
	case T_REC_PAGES:
		put64(rec + REC_OFF_PAGES, c->pages + 1, big);
		seal_record(rec, big);
		break;
	case T_REC_INCOMPAT_LOW:
		put32(rec + REC_OFF_INCOMPAT, INCOMPAT_GHOST | 0x80u, big);
		seal_record(rec, big);
		break;
	case T_REC_INCOMPAT_HIGH:
		put32(rec + REC_OFF_INCOMPAT, INCOMPAT_GHOST | 0x80000000u, big);
		seal_record(rec, big);
		break;
	case T_REC_RO_COMPAT:
		put32(rec + REC_OFF_RO, 0x00000001u, big);
		seal_record(rec, big);
		break;
	case T_REC_COMPAT:
		put32(rec + REC_OFF_COMPAT, 0x00000004u, big);
		seal_record(rec, big);
		break;
	case T_PADDING:
		put32(page + OFF_PADDING + 4 * 20, 0x5a5a0001u, big);
		break;
	case T_BLKID_GUARD:
		page[OFF_BLKID_GUARD] = 1;
		break;
	}
}

static void build_header(const struct corpus_case *c, uint8_t *page, unsigned int n)
{
	const unsigned int ps = c->page_size;
	bool big = c->big;
	char label[16];

	memset(page, 0, ps);
	put32(page + OFF_VERSION, 1, big);
	put32(page + OFF_LAST_PAGE, (uint32_t)(c->pages - 1), big);
	case_uuid(page + OFF_UUID, n);
	snprintf(label, sizeof(label), "corpus-%.2s", c->name);
	memcpy(page + OFF_LABEL, label, strlen(label));
	switch (c->record) {
	case R_NONE:
		break;
	case R_GHOST:
		write_record(page + OFF_RECORD, big, 0, INCOMPAT_GHOST, c->pages);
		break;
	case R_PLAIN:
		write_record(page + OFF_RECORD, big, 0, 0, c->pages);
		break;
	case R_PLAIN_COMPAT:
		write_record(page + OFF_RECORD, big, 0x00000002u, 0, c->pages);
		break;
	}
	memcpy(page + ps - MAGIC_LEN, "SWAPSPACE2", MAGIC_LEN);
	apply_tweak(c, page);
}

static uint64_t file_bytes(const struct corpus_case *c)
{
	if (c->file_bytes)
		return c->file_bytes;
	if (c->ghost)
		return (uint64_t)GHOST_FILE_PAGES * c->page_size;
	return c->pages * c->page_size;
}

static void write_all(int fd, const uint8_t *p, size_t len, const char *path)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			err(EXIT_FAILURE, "write %s", path);
		p += n;
		len -= (size_t)n;
	}
}

/*
 * Written out in full, since swapon refuses holes.  The data pages of a
 * regular area carry a pattern rather than zeros, so that no copy on the
 * way can make them sparse; a ghost file is zeros after its header page,
 * as mkswap-ghost writes it.
 */
static void write_case(int dirfd, const char *dir, const struct corpus_case *c,
		       unsigned int n)
{
	static uint8_t page[PS_64K], fill[PS_64K];
	uint64_t len = file_bytes(c), done;
	mode_t mode = c->tweak == T_MODE_0644 ? 0644 : 0600;
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, c->name);
	build_header(c, page, n);
	fd = openat(dirfd, c->name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		err(EXIT_FAILURE, "cannot create %s", path);
	/* umask must not decide the mode a case is about */
	if (fchmod(fd, mode) < 0)
		err(EXIT_FAILURE, "cannot set the mode of %s", path);

	done = len < c->page_size ? len : c->page_size;
	write_all(fd, page, (size_t)done, path);
	memset(fill, c->ghost ? 0 : 0xa5, c->page_size);
	while (done < len) {
		size_t chunk = len - done < c->page_size ? (size_t)(len - done)
							   : c->page_size;

		write_all(fd, fill, chunk, path);
		done += chunk;
	}
	if (close(fd) < 0)
		err(EXIT_FAILURE, "cannot write %s", path);
}

/* Catch a slip in the table before it reaches a guest. */
static void check_corpus(void)
{
	static const uint8_t check[] = "123456789";

	if (crc32c(check, 9) != 0xe3069283u)
		errx(EXIT_FAILURE, "internal error: CRC-32C check value");
	if (NCASES < 40)
		errx(EXIT_FAILURE, "internal error: only %zu cases", NCASES);
	for (size_t i = 0; i < NCASES; i++) {
		const char *name = corpus[i].name;
		char want[3];

		snprintf(want, sizeof(want), "%02zu", i + 1);
		if (strncmp(name, want, 2) != 0 || name[2] != '-' ||
		    strspn(name + 3, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		    strlen(name + 3))
			errx(EXIT_FAILURE, "internal error: case name %s", name);
		if (corpus[i].pages < 1 || corpus[i].pages > (uint64_t)UINT32_MAX + 1)
			errx(EXIT_FAILURE, "internal error: %s: pages", name);
	}
}

int main(int argc, char **argv)
{
	const char *dir;
	FILE *manifest;
	int dirfd, fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return EXIT_FAILURE;
	}
	dir = argv[1];
	check_corpus();

	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		err(EXIT_FAILURE, "cannot create %s", dir);
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		err(EXIT_FAILURE, "cannot open %s", dir);

	for (size_t i = 0; i < NCASES; i++)
		write_case(dirfd, dir, &corpus[i], (unsigned int)(i + 1));

	/* last, so that a MANIFEST never lists a case not yet written */
	fd = openat(dirfd, "MANIFEST", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || !(manifest = fdopen(fd, "w")))
		err(EXIT_FAILURE, "cannot create %s/MANIFEST", dir);
	for (size_t i = 0; i < NCASES; i++) {
		const struct corpus_case *c = &corpus[i];

		fprintf(manifest, "%s %s %s %u %llu %s\n", c->name,
			c->ghost ? "ghost" : "regular", c->big ? "be" : "le",
			c->page_size, (unsigned long long)file_bytes(c),
			c->accept ? "accept" : "refuse");
	}
	if (fclose(manifest) != 0)
		err(EXIT_FAILURE, "cannot write %s/MANIFEST", dir);
	close(dirfd);
	return EXIT_SUCCESS;
}

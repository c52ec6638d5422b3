/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gsw-craft - write a swap header file for the command-line tests, valid or
 * with one chosen field broken, so that every validator finding can be
 * produced on demand.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byteorder.h"
#include "ghostswap.h"
#include "uuidarg.h"

#define MAX_BAD 16

struct craft {
	unsigned int page_size;
	enum gsw_byte_order order;
	uint64_t pages;			/* 0: derived from the length */
	uint64_t length;		/* 0: derived from the pages */
	bool ghost;
	bool sparse;
	const char *label;
	uint8_t uuid[GSW_UUID_LEN];
	uint32_t bad[MAX_BAD];
	uint32_t nr_bad;
	const char *corrupt[16];
	unsigned int nr_corrupt;
};

/* Break one field; the record's CRC is redone unless the CRC is the target. */
static void corrupt(uint8_t *page, const struct craft *c, const char *what)
{
	bool big = gsw_order_is_big(c->order);
	uint8_t *rec = page + GSW_EXT_OFFSET;
	uint8_t *magic = page + c->page_size - GSW_MAGIC_LEN;
	bool fix_crc = true;

	if (!strcmp(what, "no-magic"))
		memset(magic, 0, GSW_MAGIC_LEN);
	else if (!strcmp(what, "v0"))
		memcpy(magic, GSW_MAGIC_V0, GSW_MAGIC_LEN);
	else if (!strcmp(what, "hibernation"))
		memcpy(magic, "S1SUSPEND\0", GSW_MAGIC_LEN);
	else if (!strcmp(what, "version"))
		gsw_put32(page + GSW_OFF_VERSION, 2, big);
	else if (!strcmp(what, "last-page-zero"))
		gsw_put32(page + GSW_OFF_LAST_PAGE, 0, big);
	else if (!strcmp(what, "badpages-too-many"))
		gsw_put32(page + GSW_OFF_NR_BADPAGES,
		      gsw_max_badpages(c->page_size) + 1, big);
	else if (!strcmp(what, "ext-version"))
		gsw_put16(rec + GSW_EXT_OFF_VERSION, GSW_EXT_VERSION + 1, big);
	else if (!strcmp(what, "ext-length"))
		gsw_put16(rec + GSW_EXT_OFF_LENGTH, GSW_EXT_LEN / 2, big);
	else if (!strcmp(what, "ext-crc")) {
		rec[GSW_EXT_OFF_CRC] ^= 0xff;
		fix_crc = false;
	} else if (!strcmp(what, "ext-reserved"))
		rec[GSW_EXT_OFF_RESERVED + 3] = 0x5a;
	else if (!strcmp(what, "ext-pages"))
		/* the low word of the u64 sits first in little-endian order */
		rec[GSW_EXT_OFF_PAGES + (big ? 7 : 0)] ^= 0x01;
	else if (!strcmp(what, "ext-incompat"))
		gsw_put32(rec + GSW_EXT_OFF_INCOMPAT,
		      gsw_get32(rec + GSW_EXT_OFF_INCOMPAT, big) | 0x80000000u, big);
	else if (!strcmp(what, "ext-ro-compat"))
		gsw_put32(rec + GSW_EXT_OFF_RO_COMPAT, 0x00000001u, big);
	else if (!strcmp(what, "ext-compat"))
		gsw_put32(rec + GSW_EXT_OFF_COMPAT, 0x00000001u, big);
	else if (!strcmp(what, "ext-all-features")) {
		/* every bit of every set, ghost among 95 unknown ones */
		gsw_put32(rec + GSW_EXT_OFF_COMPAT, UINT32_MAX, big);
		gsw_put32(rec + GSW_EXT_OFF_RO_COMPAT, UINT32_MAX, big);
		gsw_put32(rec + GSW_EXT_OFF_INCOMPAT, UINT32_MAX, big);
	} else if (!strcmp(what, "ext-not-ghost"))
		gsw_put32(rec + GSW_EXT_OFF_INCOMPAT, 0, big);
	else if (!strcmp(what, "ext-swapped")) {
		/* the record written in the other byte order than the header */
		gsw_put32(rec + GSW_EXT_OFF_MAGIC, GSW_EXT_MAGIC, !big);
		fix_crc = false;
	} else if (!strcmp(what, "ext-garbage")) {
		rec[7] = 0x42;
		fix_crc = false;
	} else if (!strcmp(what, "ghost-over-cap")) {
		/* gsw_build() refuses to write it */
		gsw_put32(page + GSW_OFF_LAST_PAGE, (uint32_t)GSW_GHOST_MAX_PAGES, big);
		gsw_put64(rec + GSW_EXT_OFF_PAGES, GSW_GHOST_MAX_PAGES + 1, big);
	} else if (!strcmp(what, "label-full"))
		memcpy(page + GSW_OFF_LABEL, "0123456789abcdef", GSW_LABEL_LEN);
	else if (!strcmp(what, "guard"))
		page[GSW_OFF_BLKID_GUARD] = 1;
	else
		errx(EXIT_FAILURE, "unknown field to corrupt: %s", what);

	if (fix_crc && gsw_get32(rec + GSW_EXT_OFF_MAGIC, big) == GSW_EXT_MAGIC)
		gsw_put32(rec + GSW_EXT_OFF_CRC, gsw_crc32c(rec, GSW_EXT_OFF_CRC), big);
}

static void write_all(int fd, const void *buf, size_t len, const char *path)
{
	const uint8_t *p = buf;

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

static void craft_file(const struct craft *c, const char *path)
{
	struct gsw_params params = {
		.page_size = c->page_size,
		.order = c->order,
		.pages = c->pages,
		.uuid = c->uuid,
		.label = c->label,
		.ghost = c->ghost,
		.badpages = c->bad,
		.nr_badpages = c->nr_bad,
	};
	static uint8_t page[GSW_MAX_PAGE_SIZE], zeros[GSW_MAX_PAGE_SIZE];
	uint64_t left;
	int fd;

	if (gsw_build(&params, page) < 0)
		errx(EXIT_FAILURE, "cannot build a header with these parameters");
	for (unsigned int i = 0; i < c->nr_corrupt; i++)
		corrupt(page, c, c->corrupt[i]);

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		err(EXIT_FAILURE, "cannot open %s", path);
	write_all(fd, page, c->length < c->page_size ? c->length : c->page_size,
		  path);
	if (c->sparse) {
		if (ftruncate(fd, (off_t)c->length) < 0)
			err(EXIT_FAILURE, "truncate %s", path);
	} else {
		for (left = c->length > c->page_size ? c->length - c->page_size : 0;
		     left;) {
			size_t n = left < sizeof(zeros) ? left : sizeof(zeros);

			write_all(fd, zeros, n, path);
			left -= n;
		}
	}
	if (fsync(fd) < 0 || close(fd) < 0)
		err(EXIT_FAILURE, "close %s", path);
}

static void __attribute__((__noreturn__)) usage(void)
{
	printf("\nUsage:\n %s [options] <file>\n", program_invocation_short_name);
	fputs("\nWrite a swap header file for tests.\n\nOptions:\n"
	      " -p, --pagesize <n>      page size (4096)\n"
	      " -e, --endian <order>    little, big or native (little)\n"
	      " -n, --pages <n>         advertised pages\n"
	      " -l, --length <bytes>    file length\n"
	      " -g, --ghost             add the ghost extension record\n"
	      " -L, --label <label>     label\n"
	      " -U, --uuid <uuid>       UUID, or clear, random, time\n"
	      " -b, --badpage <n>       add a bad page entry\n"
	      " -S, --sparse            leave the data area as a hole\n"
	      " -c, --corrupt <field>   break a field after building\n"
	      " -h, --help              display this help\n", stdout);
	exit(EXIT_SUCCESS);
}

static uint64_t number(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		errx(EXIT_FAILURE, "invalid number: %s", s);
	return v;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "pagesize", required_argument, NULL, 'p' },
		{ "endian",   required_argument, NULL, 'e' },
		{ "pages",    required_argument, NULL, 'n' },
		{ "length",   required_argument, NULL, 'l' },
		{ "ghost",    no_argument,       NULL, 'g' },
		{ "label",    required_argument, NULL, 'L' },
		{ "uuid",     required_argument, NULL, 'U' },
		{ "badpage",  required_argument, NULL, 'b' },
		{ "sparse",   no_argument,       NULL, 'S' },
		{ "corrupt",  required_argument, NULL, 'c' },
		{ "help",     no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct craft c = { .page_size = 4096, .order = GSW_ORDER_LITTLE };
	int ch;

	/* a fixed UUID keeps the crafted files reproducible */
	gsw_uuid_from_arg("3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b", c.uuid);

	while ((ch = getopt_long(argc, argv, "p:e:n:l:gL:U:b:Sc:h", longopts,
				 NULL)) != -1) {
		switch (ch) {
		case 'p':
			c.page_size = (unsigned int)number(optarg);
			break;
		case 'e':
			if (!strcmp(optarg, "little"))
				c.order = GSW_ORDER_LITTLE;
			else if (!strcmp(optarg, "big"))
				c.order = GSW_ORDER_BIG;
			else if (!strcmp(optarg, "native"))
				c.order = GSW_ORDER_NATIVE;
			else
				errx(EXIT_FAILURE, "unknown byte order: %s", optarg);
			break;
		case 'n':
			c.pages = number(optarg);
			break;
		case 'l':
			c.length = number(optarg);
			break;
		case 'g':
			c.ghost = true;
			break;
		case 'L':
			c.label = optarg;
			break;
		case 'U':
			if (gsw_uuid_from_arg(optarg, c.uuid) < 0)
				errx(EXIT_FAILURE, "invalid UUID: %s", optarg);
			break;
		case 'b':
			if (c.nr_bad == MAX_BAD)
				errx(EXIT_FAILURE, "too many bad pages");
			c.bad[c.nr_bad++] = (uint32_t)number(optarg);
			break;
		case 'S':
			c.sparse = true;
			break;
		case 'c':
			if (c.nr_corrupt == sizeof(c.corrupt) / sizeof(c.corrupt[0]))
				errx(EXIT_FAILURE, "too many fields to corrupt");
			c.corrupt[c.nr_corrupt++] = optarg;
			break;
		case 'h':
			usage();
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n",
				program_invocation_short_name);
			return EXIT_FAILURE;
		}
	}
	if (optind + 1 != argc)
		errx(EXIT_FAILURE, "expected one file name");

	/* a regular area fills its file; a ghost one has the usual 10 pages */
	if (!c.pages)
		c.pages = c.ghost ? 256 : c.length ? c.length / c.page_size : 16;
	if (!c.length)
		c.length = c.ghost ? (uint64_t)GSW_GHOST_FILE_PAGES * c.page_size
				   : c.pages * c.page_size;

	craft_file(&c, argv[optind]);
	return EXIT_SUCCESS;
}

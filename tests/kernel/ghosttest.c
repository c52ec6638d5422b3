/*
 * ghosttest - test program run inside the test guest.
 *
 *   ghosttest fill MIB compressible|random [READY GO]
 *       Write MIB MiB of anonymous memory with content derived from each
 *       page's index, read every page back and compare every byte.  With
 *       READY and GO, create READY after the first check, wait for GO to
 *       appear and check everything once more (the data must survive
 *       whatever the test did in between, e.g. swapoff).
 *
 *   ghosttest mkhdr FILE FILESIZE PAGES [FLAG,...]
 *       Write a SWAPSPACE2 header advertising PAGES pages.  FILESIZE bytes
 *       are written in total (0: only the header page, keep the rest of
 *       FILE, for block devices).  Flags: ghost, big (other byte order
 *       than the host's), badcrc, incompat=HEX (extra incompat bits),
 *       version=N (record version).  Without ghost, incompat or version
 *       no extension record is written.
 *
 * Exit status: 0 on success, 1 on usage or system errors, 2 when data
 * read back differs from what was written.
 */
#include <err.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096u

static uint64_t splitmix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/*
 * Compressible pages repeat one word derived from the page index (so a
 * page swapped to the wrong slot is caught); random pages are a
 * pseudo-random stream seeded by the index, which lzo cannot shrink.
 */
static void page_content(uint64_t *words, size_t idx, bool random)
{
	uint64_t s = splitmix(idx + 1);
	size_t i;

	for (i = 0; i < PAGE / sizeof(*words); i++) {
		if (random) {
			s = splitmix(s);
			words[i] = s;
		} else {
			words[i] = (i % 64 == 0) ? idx : s;
		}
	}
}

static size_t verify(const unsigned char *mem, size_t pages, bool random)
{
	uint64_t expect[PAGE / sizeof(uint64_t)];
	size_t bad = 0, i;

	for (i = 0; i < pages; i++) {
		page_content(expect, i, random);
		if (memcmp(mem + i * PAGE, expect, PAGE) != 0) {
			if (bad < 5)
				fprintf(stderr, "ghosttest: page %zu differs\n", i);
			bad++;
		}
	}
	return bad;
}

static int cmd_fill(int argc, char **argv)
{
	size_t mib, pages, i, bad;
	unsigned char *mem;
	bool random;

	if (argc != 2 && argc != 4)
		errx(1, "usage: fill MIB compressible|random [READY GO]");
	mib = strtoul(argv[0], NULL, 10);
	if (!mib)
		errx(1, "bad size: %s", argv[0]);
	if (strcmp(argv[1], "random") == 0)
		random = true;
	else if (strcmp(argv[1], "compressible") == 0)
		random = false;
	else
		errx(1, "unknown content kind: %s", argv[1]);

	pages = mib * 1024 * 1024 / PAGE;
	mem = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		err(1, "mmap");
	/* no THP: swap works on small pages here and the test says so */
	madvise(mem, pages * PAGE, MADV_NOHUGEPAGE);

	for (i = 0; i < pages; i++)
		page_content((uint64_t *)(mem + i * PAGE), i, random);
	printf("ghosttest: wrote %zu pages\n", pages);
	fflush(stdout);

	bad = verify(mem, pages, random);
	printf("ghosttest: verified %zu pages, %zu bad\n", pages, bad);
	fflush(stdout);
	if (bad)
		return 2;

	if (argc == 4) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0)
			err(1, "%s", argv[2]);
		close(fd);
		while (access(argv[3], F_OK) != 0)
			nanosleep(&ts, NULL);
		bad = verify(mem, pages, random);
		printf("ghosttest: verified again %zu pages, %zu bad\n",
		       pages, bad);
		if (bad)
			return 2;
	}
	return 0;
}

static uint32_t crc32c(const unsigned char *p, size_t len)
{
	uint32_t crc = 0xffffffffu;
	int k;

	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0x82f63b78u & -(crc & 1));
	}
	return crc ^ 0xffffffffu;
}

struct hdr_opts {
	bool ghost, big, badcrc, ext;
	uint32_t incompat_extra;
	uint16_t version;
};

/* store in the header's byte order, chosen independently of the host */
static bool host_big(void)
{
	const uint16_t one = 1;

	return *(const unsigned char *)&one == 0;
}

static void put(unsigned char *p, uint64_t v, int len, bool big)
{
	int i;

	for (i = 0; i < len; i++)
		p[big ? len - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

static void build_header(unsigned char *page, uint64_t pages,
			 const struct hdr_opts *o)
{
	bool big = o->big ? !host_big() : host_big();
	unsigned char *rec = page + 1068;
	uint32_t incompat = (o->ghost ? 1u : 0u) | o->incompat_extra;

	memset(page, 0, PAGE);
	put(page + 1024, 1, 4, big);
	put(page + 1028, pages - 1, 4, big);
	/* a fixed UUID and label, so blkid has something to show */
	memcpy(page + 1036, "\x5e\x1f\x2a\x33\x44\x55\x46\x77"
	       "\x88\x99\xaa\xbb\xcc\xdd\xee\xf0", 16);
	memcpy(page + 1052, "ghosttest", 9);
	memcpy(page + PAGE - 10, "SWAPSPACE2", 10);
	if (!o->ext)
		return;
	put(rec + 0, 0x47485354u, 4, big);
	put(rec + 4, o->version, 2, big);
	put(rec + 6, 64, 2, big);
	put(rec + 16, incompat, 4, big);
	put(rec + 20, pages, 8, big);
	put(rec + 60, crc32c(rec, 60) ^ (o->badcrc ? 0x1u : 0u), 4, big);
}

static int cmd_mkhdr(int argc, char **argv)
{
	struct hdr_opts o = { .version = 1 };
	unsigned char page[PAGE], zero[PAGE];
	unsigned long long fsize, pages, done;
	char *flags, *tok, *save = NULL;
	int fd;

	if (argc < 3 || argc > 4)
		errx(1, "usage: mkhdr FILE FILESIZE PAGES [FLAG,...]");
	fsize = strtoull(argv[1], NULL, 0);
	pages = strtoull(argv[2], NULL, 0);
	if (pages < 2 || pages > 0x100000000ull)
		errx(1, "bad page count: %s", argv[2]);
	flags = argc == 4 ? argv[3] : (char *)"";
	for (tok = strtok_r(flags, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "ghost") == 0)
			o.ghost = o.ext = true;
		else if (strcmp(tok, "big") == 0)
			o.big = true;
		else if (strcmp(tok, "badcrc") == 0)
			o.badcrc = true;
		else if (strncmp(tok, "incompat=", 9) == 0) {
			o.incompat_extra = strtoul(tok + 9, NULL, 16);
			o.ext = true;
		} else if (strncmp(tok, "version=", 8) == 0) {
			o.version = (uint16_t)strtoul(tok + 8, NULL, 0);
			o.ext = true;
		} else {
			errx(1, "unknown flag: %s", tok);
		}
	}

	build_header(page, pages, &o);
	fd = open(argv[0], O_WRONLY | O_CREAT | (fsize ? O_TRUNC : 0), 0600);
	if (fd < 0)
		err(1, "%s", argv[0]);
	if (write(fd, page, PAGE) != PAGE)
		err(1, "write %s", argv[0]);
	memset(zero, 0, sizeof(zero));
	for (done = PAGE; done < fsize; done += PAGE)
		if (write(fd, zero, PAGE) != PAGE)
			err(1, "write %s", argv[0]);
	if (fsync(fd) != 0 || close(fd) != 0)
		err(1, "close %s", argv[0]);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "fill") == 0)
		return cmd_fill(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "mkhdr") == 0)
		return cmd_mkhdr(argc - 2, argv + 2);
	errx(1, "usage: ghosttest fill|mkhdr ...");
}

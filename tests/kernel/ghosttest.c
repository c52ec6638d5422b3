/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ghosttest - test program run inside the test guest.
 *
 *   ghosttest fill [-n NONCE] [-r GENERATIONS] [-s] [-H] [-i PERCENT] [-x]
 *                  MIB KIND [READY GO]
 *       Write MIB MiB of memory, read every page back and compare every
 *       byte ("verified N pages, B bad").  With READY and GO, create READY
 *       after the last check, wait for GO to appear and check everything
 *       once more ("verified again N pages, B bad"): the data must survive
 *       whatever the test did in between, e.g. swapoff.
 *
 *       KIND is compressible (text-like log lines, about 3:1 with lzo),
 *       random (incompressible) or mixed (PERCENT % incompressible pages,
 *       evenly spread).  Every page starts with its index, the nonce and
 *       the generation, and the rest of it is derived from the three, so a
 *       page read from the wrong slot, an older run or an older write is
 *       caught.  The first bad page is described: which page, nonce and
 *       generation it claims to be, and whether it holds the previous
 *       generation (a lost update).  Options may also follow MIB and KIND.
 *
 *       -n NONCE        64-bit run nonce in hex (default: from getrandom)
 *       -r GENERATIONS  after the first check, rewrite every page with the
 *                       content of generation 1, 2, ... GENERATIONS and
 *                       check all again each time ("generation G verified
 *                       N pages, B bad"); rewriting brings swapped-out
 *                       pages back and dirties them, so zswap must replace
 *                       their old entries (default 0)
 *       -s              shared memory (memfd, i.e. shmem) instead of
 *                       private anonymous memory
 *       -H              allow large folios: 2 MiB aligned, MADV_HUGEPAGE
 *                       (default: MADV_NOHUGEPAGE); shmem may refuse
 *                       MADV_HUGEPAGE, which is reported and ignored
 *       -i PERCENT      share of incompressible pages for mixed (default 30)
 *       -x              with compressible: every 16th page is incompressible,
 *                       one bad subpage per 64 KiB folio
 *       -R              with READY and GO: once GO appears, read the first
 *                       16 pages of every 64 in order ("read N pages in
 *                       runs"), create READY.read and wait for GO.read
 *                       before the last check.  Each run lets swap
 *                       readahead grow its window and leaves the pages it
 *                       read ahead past the run in the swap cache, never
 *                       mapped
 *
 *   ghosttest writer DIR SECONDS [MIB]
 *       For SECONDS seconds, put metadata and buffered-write load on the
 *       filesystem at DIR: rewrite files w.0 .. w.255 (every 16th with MIB
 *       MiB, default 8, the others small), rename and unlink small files,
 *       make and remove directories, fsync now and then.  Running out of
 *       space removes the files and goes on.  Everything is removed at the
 *       end.  Meant to make a memory cgroup at its limit reclaim from inside
 *       filesystem transactions (GFP_NOFS).
 *
 *   ghosttest mkhdr FILE FILESIZE PAGES [FLAG,...]
 *       Write a SWAPSPACE2 header advertising PAGES pages.  FILESIZE bytes
 *       are written in total (0: only the header page, keep the rest of
 *       FILE, for block devices).  Flags: ghost, big (other byte order
 *       than the host's), badcrc, incompat=HEX (extra incompat bits),
 *       version=N (record version).  Without ghost, incompat or version
 *       no extension record is written.
 *
 *   ghosttest fibmap FILE
 *       Print the disk block that holds FILE's first block (FIBMAP, as
 *       root), for /sys/power/resume_offset.
 *
 *   ghosttest zeros MIB READY GO
 *       Write a zero byte to every page of MIB MiB of private anonymous
 *       memory (each page is allocated and stays all zeros), create READY,
 *       wait for GO to appear and exit.  Reclaim swaps such pages out
 *       without zswap (the swap zero map), so a small cgroup can hold a
 *       task with far more swap entries than RAM.
 *
 *   ghosttest reserve MIB
 *       Map MIB MiB of private writable anonymous memory without touching
 *       it and print "reserved MIB MiB", or "refused MIB MiB" when mmap
 *       fails with ENOMEM: under vm.overcommit_memory=2 that is the
 *       kernel's commit accounting saying no.
 *
 *   ghosttest dump [-n NONCE] [-g GENERATION] [-i PERCENT] [-x] MIB KIND FILE
 *       Not used by the tests: write the content fill would write to FILE,
 *       to measure its compression on the host, e.g. lzop -1 -c FILE | wc -c
 *       (lzop compresses 256 KiB blocks and so finds more than zswap, which
 *       compresses every page alone).
 *
 * Exit status: 0 on success, 1 on usage or system errors, 2 when data
 * read back differs from what was written.
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096u
#define HUGE_ALIGN (2u << 20)
/* index, nonce and generation at the start of every page */
#define HEAD_WORDS 3

static uint64_t splitmix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

enum kind { COMPRESSIBLE, RANDOM, MIXED };

static const char *const kind_names[] = {
	[COMPRESSIBLE] = "compressible",
	[RANDOM] = "random",
	[MIXED] = "mixed",
};

/* what a page holds, apart from its index and generation */
struct content {
	enum kind kind;
	unsigned int percent;	/* mixed: share of incompressible pages */
	bool one_bad;		/* -x: every 16th page incompressible */
	uint64_t nonce;
};

static bool incompressible(const struct content *c, size_t idx)
{
	switch (c->kind) {
	case RANDOM:
		return true;
	case MIXED:
		/* exactly PERCENT of every 100 consecutive pages */
		return (idx * c->percent) % 100 < c->percent;
	default:
		return c->one_bad && idx % 16 == 15;
	}
}

/*
 * Compressible pages are text: words from a small vocabulary, numbers and
 * line breaks.  Three words in four follow the previous word's fixed
 * successor, like a recurring phrase, the rest are drawn at random; that
 * gives around 1.4 KiB per 4 KiB page with lzo (1.2 to 1.8 KiB), about
 * as much as real logs or source shrink.  Runs of one word would shrink
 * to almost nothing and hide bugs that only show with realistic entry
 * sizes.
 */
static const char *const vocab[64] = {
	"the", "of", "and", "to", "in", "is", "for", "with",
	"page", "swap", "memory", "cache", "file", "read", "write", "entry",
	"folio", "zone", "node", "free", "used", "block", "device", "request",
	"queue", "error", "warning", "info", "debug", "start", "stop", "done",
	"failed", "retry", "timeout", "user", "system", "kernel", "process",
	"thread", "signal", "open", "close", "buffer", "limit", "count",
	"value", "status", "ready", "network", "packet", "address", "server",
	"client", "session", "update", "delete", "insert", "select", "table",
	"index", "record", "version", "config",
};

/* one token of text from the random R: a word, a number or a line break */
static size_t text_token(char *tok, uint64_t r, unsigned int *word)
{
	unsigned int v;
	size_t n = 0;
	char digits[8];
	int d = 0;

	switch (r & 31) {
	case 0:
	case 1:
		tok[0] = '\n';
		return 1;
	case 2:
		/* ids, sizes, counters: digits lzo has to keep as they are */
		v = (unsigned int)((r >> 8) % 100000);
		do {
			digits[d++] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
		while (d)
			tok[n++] = digits[--d];
		tok[n++] = (r >> 40) & 1 ? ' ' : ',';
		return n;
	default:
		/* 5w + 1 mod 64 visits every word: the successor of each */
		if ((r >> 20) & 3)
			*word = (*word * 5 + 1) & 63;
		else
			*word = (r >> 8) & 63;
		n = strlen(vocab[*word]);
		memcpy(tok, vocab[*word], n);
		tok[n++] = ' ';
		return n;
	}
}

static void text_fill(unsigned char *p, size_t len, uint64_t s)
{
	unsigned int word = 0;
	char tok[16];
	size_t pos = 0, n;

	while (pos < len) {
		s = splitmix(s);
		n = text_token(tok, s, &word);
		if (n > len - pos)
			n = len - pos;
		memcpy(p + pos, tok, n);
		pos += n;
	}
}

static void random_fill(unsigned char *p, size_t len, uint64_t s)
{
	size_t i;

	for (i = 0; i + sizeof(s) <= len; i += sizeof(s)) {
		s = splitmix(s);
		memcpy(p + i, &s, sizeof(s));
	}
}

/*
 * The page's index, the run's nonce and the generation lead the page and
 * seed the rest, so content from another slot, run or write never matches.
 */
static void page_content(unsigned char *page, const struct content *c,
			 size_t idx, unsigned int gen)
{
	uint64_t head[HEAD_WORDS] = { idx, c->nonce, gen };
	uint64_t seed = splitmix(splitmix(splitmix(c->nonce) ^ gen) ^ idx);

	memcpy(page, head, sizeof(head));
	if (incompressible(c, idx))
		random_fill(page + sizeof(head), PAGE - sizeof(head), seed);
	else
		text_fill(page + sizeof(head), PAGE - sizeof(head), seed);
}

static void write_pages(unsigned char *mem, size_t pages,
			const struct content *c, unsigned int gen)
{
	size_t i;

	for (i = 0; i < pages; i++)
		page_content(mem + i * PAGE, c, i, gen);
}

/* say what the first bad page holds instead, to tell a lost update apart */
static void explain(const unsigned char *got, const unsigned char *expect,
		    const struct content *c, size_t idx, unsigned int gen)
{
	unsigned char older[PAGE];
	uint64_t head[HEAD_WORDS];
	size_t i, first = PAGE, ndiff = 0, nzero = 0;

	for (i = 0; i < PAGE; i++) {
		if (got[i] != expect[i]) {
			if (first == PAGE)
				first = i;
			ndiff++;
		}
		nzero += !got[i];
	}
	memcpy(head, got, sizeof(head));
	fprintf(stderr, "ghosttest: page %zu: %zu of %u bytes differ,"
		" the first at %zu%s; it says page %llu, nonce %016llx,"
		" generation %llu\n",
		idx, ndiff, PAGE, first, nzero == PAGE ? ", all zero" : "",
		(unsigned long long)head[0], (unsigned long long)head[1],
		(unsigned long long)head[2]);
	if (gen == 0) {
		fprintf(stderr, "ghosttest: page %zu matches no generation\n",
			idx);
		return;
	}
	page_content(older, c, idx, gen - 1);
	if (memcmp(got, older, PAGE) == 0)
		fprintf(stderr, "ghosttest: page %zu holds generation %u,"
			" not %u: the update was lost\n", idx, gen - 1, gen);
	else
		fprintf(stderr, "ghosttest: page %zu matches neither generation"
			" %u nor %u\n", idx, gen - 1, gen);
}

static size_t verify(const unsigned char *mem, size_t pages,
		     const struct content *c, unsigned int gen)
{
	unsigned char expect[PAGE];
	size_t bad = 0, i;

	for (i = 0; i < pages; i++) {
		page_content(expect, c, i, gen);
		if (memcmp(mem + i * PAGE, expect, PAGE) == 0)
			continue;
		if (bad < 5)
			fprintf(stderr, "ghosttest: page %zu differs\n", i);
		if (bad == 0)
			explain(mem + i * PAGE, expect, c, i, gen);
		bad++;
	}
	return bad;
}

static unsigned long long number(const char *s, int base,
				 unsigned long long max, const char *what)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || end == s || *end || v > max)
		errx(1, "bad %s: %s", what, s);
	return v;
}

static uint64_t new_nonce(void)
{
	uint64_t nonce;
	ssize_t n;

	do
		n = getrandom(&nonce, sizeof(nonce), 0);
	while (n < 0 && errno == EINTR);
	if (n != sizeof(nonce))
		err(1, "getrandom");
	return nonce;
}

struct fill_opts {
	struct content c;
	bool nonce_set, percent_set, shmem, huge, runs;
	unsigned int generations;
};

/*
 * Options of fill and dump; glibc's getopt also takes them after the
 * positional arguments.  Returns the index of the first of those.
 */
static int parse_opts(int argc, char **argv, const char *optstr,
		      const char *usage, struct fill_opts *o)
{
	int ch;

	o->c.percent = 30;
	while ((ch = getopt(argc, argv, optstr)) != -1) {
		switch (ch) {
		case 'n':
			o->c.nonce = number(optarg, 16, UINT64_MAX, "nonce");
			o->nonce_set = true;
			break;
		case 'r':
		case 'g':
			o->generations = number(optarg, 10, 1000000,
						"generation");
			break;
		case 's':
			o->shmem = true;
			break;
		case 'H':
			o->huge = true;
			break;
		case 'i':
			o->c.percent = number(optarg, 10, 100, "percentage");
			o->percent_set = true;
			break;
		case 'x':
			o->c.one_bad = true;
			break;
		case 'R':
			o->runs = true;
			break;
		default:
			errx(1, "usage: %s", usage);
		}
	}
	if (!o->nonce_set)
		o->c.nonce = new_nonce();
	return optind;
}

/* MIB and KIND, the first two positional arguments; returns the pages */
static size_t parse_size_kind(char **pos, struct fill_opts *o)
{
	size_t mib = number(pos[0], 10, SIZE_MAX / (1024 * 1024), "size");
	size_t k;

	if (!mib)
		errx(1, "bad size: %s", pos[0]);
	for (k = 0; k <= MIXED; k++)
		if (strcmp(pos[1], kind_names[k]) == 0)
			break;
	if (k > MIXED)
		errx(1, "unknown content kind: %s", pos[1]);
	o->c.kind = k;
	if (o->c.one_bad && o->c.kind != COMPRESSIBLE)
		errx(1, "-x needs content kind compressible");
	if (o->percent_set && o->c.kind != MIXED)
		errx(1, "-i needs content kind mixed");
	return mib * 1024 * 1024 / PAGE;
}

/*
 * Private anonymous or shmem memory; with huge, 2 MiB aligned so whole
 * PMD-sized (and any smaller) large folios fit: reserve more than needed,
 * map over the aligned part and give back the rest.
 */
static unsigned char *map_memory(size_t len, bool shmem, bool huge)
{
	size_t align = huge ? HUGE_ALIGN : PAGE;
	int flags = MAP_PRIVATE | MAP_ANONYMOUS, fd = -1;
	unsigned char *area, *mem;
	size_t head, tail;

	area = mmap(NULL, len + align, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (area == MAP_FAILED)
		err(1, "mmap");
	head = -(uintptr_t)area & (align - 1);
	tail = align - head;
	mem = area + head;
	if (shmem) {
		fd = memfd_create("ghosttest", 0);
		if (fd < 0)
			err(1, "memfd_create");
		if (ftruncate(fd, len) != 0)
			err(1, "ftruncate");
		flags = MAP_SHARED;
	}
	if (mmap(mem, len, PROT_READ | PROT_WRITE, flags | MAP_FIXED,
		 fd, 0) == MAP_FAILED)
		err(1, "mmap");
	/* the mapping keeps the memfd's file alive */
	if (fd >= 0)
		close(fd);
	if (head && munmap(area, head) != 0)
		err(1, "munmap");
	if (tail && munmap(mem + len, tail) != 0)
		err(1, "munmap");

	if (!huge) {
		/* small pages only, unless the test asks for large folios */
		madvise(mem, len, MADV_NOHUGEPAGE);
	} else if (madvise(mem, len, MADV_HUGEPAGE) != 0) {
		/* shmem may refuse it, depending on shmem_enabled */
		if (!shmem)
			err(1, "MADV_HUGEPAGE");
		fprintf(stderr, "ghosttest: MADV_HUGEPAGE failed: %s\n",
			strerror(errno));
	}
	return mem;
}

static void wait_for_go(const char *ready, const char *go)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	int fd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		err(1, "%s", ready);
	close(fd);
	while (access(go, F_OK) != 0)
		nanosleep(&ts, NULL);
}

#define FILL_USAGE "fill [-n NONCE] [-r GENERATIONS] [-s] [-H]" \
	" [-i PERCENT] [-x] [-R] MIB compressible|random|mixed [READY GO]"

#define RUN_PAGES 16
#define RUN_STRIDE 64

/*
 * Fault in the first RUN_PAGES pages of every RUN_STRIDE, in order, and
 * then wait at READY.read for GO.read: see -R.
 */
static void read_in_runs(const unsigned char *mem, size_t pages,
			 const char *ready, const char *go)
{
	char ready_read[PATH_MAX], go_read[PATH_MAX];
	volatile const unsigned char *p;
	size_t i, n = 0;
	unsigned int sum = 0;

	if (snprintf(ready_read, sizeof(ready_read), "%s.read", ready) >=
		    (int)sizeof(ready_read) ||
	    snprintf(go_read, sizeof(go_read), "%s.read", go) >=
		    (int)sizeof(go_read))
		errx(1, "path too long: %s", ready);
	for (i = 0; i < pages; i++) {
		if (i % RUN_STRIDE >= RUN_PAGES)
			continue;
		p = mem + i * PAGE;
		sum += *p;
		n++;
	}
	printf("ghosttest: read %zu pages in runs (sum %u)\n", n, sum);
	fflush(stdout);
	wait_for_go(ready_read, go_read);
}

static int cmd_fill(int argc, char **argv)
{
	struct fill_opts o = { 0 };
	size_t pages, i, nbad = 0, bad;
	unsigned char *mem;
	unsigned int g;
	char **pos;
	int npos;

	pos = argv + parse_opts(argc, argv, "n:r:sHi:xR", FILL_USAGE, &o);
	npos = argc - (int)(pos - argv);
	if (npos != 2 && npos != 4)
		errx(1, "usage: %s", FILL_USAGE);
	if (o.runs && npos != 4)
		errx(1, "-R needs READY and GO");
	pages = parse_size_kind(pos, &o);
	printf("ghosttest: nonce %016llx\n", (unsigned long long)o.c.nonce);
	fflush(stdout);

	mem = map_memory(pages * PAGE, o.shmem, o.huge);
	write_pages(mem, pages, &o.c, 0);
	for (i = 0; i < pages; i++)
		nbad += incompressible(&o.c, i);
	printf("ghosttest: wrote %zu pages (%s, %.1f%% incompressible)\n",
	       pages, kind_names[o.c.kind], 100.0 * nbad / pages);
	fflush(stdout);

	bad = verify(mem, pages, &o.c, 0);
	printf("ghosttest: verified %zu pages, %zu bad\n", pages, bad);
	fflush(stdout);
	if (bad)
		return 2;

	for (g = 1; g <= o.generations; g++) {
		write_pages(mem, pages, &o.c, g);
		bad = verify(mem, pages, &o.c, g);
		printf("ghosttest: generation %u verified %zu pages, %zu bad\n",
		       g, pages, bad);
		fflush(stdout);
		if (bad)
			return 2;
	}

	if (npos == 4) {
		wait_for_go(pos[2], pos[3]);
		if (o.runs)
			read_in_runs(mem, pages, pos[2], pos[3]);
		bad = verify(mem, pages, &o.c, o.generations);
		printf("ghosttest: verified again %zu pages, %zu bad\n",
		       pages, bad);
		if (bad)
			return 2;
	}
	return 0;
}

#define DUMP_USAGE "dump [-n NONCE] [-g GENERATION] [-i PERCENT] [-x]" \
	" MIB compressible|random|mixed FILE"

static int cmd_dump(int argc, char **argv)
{
	struct fill_opts o = { 0 };
	unsigned char page[PAGE];
	size_t pages, i;
	char **pos;
	FILE *f;

	pos = argv + parse_opts(argc, argv, "n:g:i:x", DUMP_USAGE, &o);
	if (argc - (pos - argv) != 3)
		errx(1, "usage: %s", DUMP_USAGE);
	pages = parse_size_kind(pos, &o);
	printf("ghosttest: nonce %016llx\n", (unsigned long long)o.c.nonce);
	f = fopen(pos[2], "w");
	if (!f)
		err(1, "%s", pos[2]);
	for (i = 0; i < pages; i++) {
		page_content(page, &o.c, i, o.generations);
		if (fwrite(page, PAGE, 1, f) != 1)
			err(1, "write %s", pos[2]);
	}
	if (fclose(f) != 0)
		err(1, "close %s", pos[2]);
	return 0;
}

/*
 * writer: a bounded set of names, so the load runs for as long as asked
 * without filling the filesystem: WR_FILES data files, every 16th of them
 * big, WR_SMALL small files replaced by rename, WR_DIRS directories.
 */
#define WR_FILES 256
#define WR_SMALL 64
#define WR_DIRS 32
#define WR_CHUNK (64u * 1024)

struct writer {
	int dfd;
	size_t big;		/* bytes in every 16th data file */
	unsigned long long bytes;
	unsigned long nospace;
	unsigned char buf[WR_CHUNK];
};

/* no space is the filesystem being full, not an error of the test */
static bool out_of_space(void)
{
	return errno == ENOSPC || errno == EDQUOT;
}

static void wr_remove(struct writer *w, const char *name, int flags)
{
	if (unlinkat(w->dfd, name, flags) != 0 && errno != ENOENT)
		err(1, "remove %s", name);
}

static void wr_clear(struct writer *w)
{
	char name[32];
	unsigned int n;

	for (n = 0; n < WR_FILES; n++) {
		snprintf(name, sizeof(name), "w.%u", n);
		wr_remove(w, name, 0);
	}
	for (n = 0; n < WR_SMALL; n++) {
		snprintf(name, sizeof(name), "s.%u", n);
		wr_remove(w, name, 0);
	}
	wr_remove(w, "s.tmp", 0);
	for (n = 0; n < WR_DIRS; n++) {
		snprintf(name, sizeof(name), "d.%u/f", n);
		wr_remove(w, name, 0);
		snprintf(name, sizeof(name), "d.%u", n);
		wr_remove(w, name, AT_REMOVEDIR);
	}
}

/* (re)write NAME with LEN bytes; false when the filesystem is full */
static bool wr_file(struct writer *w, const char *name, size_t len, bool sync)
{
	size_t done = 0, n;
	ssize_t r;
	int fd;

	fd = openat(w->dfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		if (out_of_space())
			return false;
		err(1, "create %s", name);
	}
	while (done < len) {
		n = len - done < WR_CHUNK ? len - done : WR_CHUNK;
		r = write(fd, w->buf, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			if (out_of_space())
				goto full;
			err(1, "write %s", name);
		}
		done += r;
		w->bytes += r;
	}
	if (sync && fsync(fd) != 0) {
		if (out_of_space())
			goto full;
		err(1, "fsync %s", name);
	}
	if (close(fd) != 0) {
		if (out_of_space())
			return false;
		err(1, "close %s", name);
	}
	return true;
full:
	close(fd);
	return false;
}

/* one round of data and metadata changes; false when the disk is full */
static bool wr_step(struct writer *w, unsigned long k)
{
	unsigned int n = k % WR_FILES;
	char name[32], old[32];

	/* data: every 16th file big, the others 4 to 60 KiB */
	snprintf(name, sizeof(name), "w.%u", n);
	if (!wr_file(w, name, n % 16 == 0 ? w->big : (k % 15 + 1) * 4096,
		     k % 32 == 31))
		return false;

	/* a small file replaced the safe way: write aside, rename over */
	if (!wr_file(w, "s.tmp", 512 + k % 2048, false))
		return false;
	snprintf(name, sizeof(name), "s.%lu", k % WR_SMALL);
	if (renameat(w->dfd, "s.tmp", w->dfd, name) != 0) {
		if (out_of_space())
			return false;
		err(1, "rename s.tmp %s", name);
	}
	snprintf(old, sizeof(old), "s.%lu", (k + WR_SMALL / 2) % WR_SMALL);
	wr_remove(w, old, 0);

	/* a directory with one file made, an older one removed */
	snprintf(name, sizeof(name), "d.%lu", k % WR_DIRS);
	if (mkdirat(w->dfd, name, 0755) != 0 && errno != EEXIST) {
		if (out_of_space())
			return false;
		err(1, "mkdir %s", name);
	}
	snprintf(name, sizeof(name), "d.%lu/f", k % WR_DIRS);
	if (!wr_file(w, name, 100, false))
		return false;
	snprintf(old, sizeof(old), "d.%lu/f", (k + WR_DIRS / 2) % WR_DIRS);
	wr_remove(w, old, 0);
	snprintf(old, sizeof(old), "d.%lu", (k + WR_DIRS / 2) % WR_DIRS);
	wr_remove(w, old, AT_REMOVEDIR);
	return true;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmd_writer(int argc, char **argv)
{
	static struct writer w;
	unsigned long k;
	double end;

	if (argc < 2 || argc > 3)
		errx(1, "usage: writer DIR SECONDS [MIB]");
	end = now() + number(argv[1], 10, 1000000, "seconds");
	w.big = (argc == 3 ? number(argv[2], 10, 1 << 20, "size") : 8) << 20;
	w.dfd = open(argv[0], O_RDONLY | O_DIRECTORY);
	if (w.dfd < 0)
		err(1, "%s", argv[0]);
	/* page cache content like any text file's, not zeros */
	text_fill(w.buf, sizeof(w.buf), splitmix(getpid()));

	for (k = 0; now() < end; k++) {
		if (!wr_step(&w, k)) {
			w.nospace++;
			wr_clear(&w);
		}
	}
	wr_clear(&w);
	close(w.dfd);
	if (w.nospace)
		printf("ghosttest: writer ran out of space %lu times\n",
		       w.nospace);
	printf("ghosttest: writer did %lu iterations, %llu MiB written\n",
	       k, w.bytes >> 20);
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

/*
 * Hibernation to a swap file needs the disk block where the file's header
 * page lies (resume_offset); busybox has no filefrag to tell it.
 */
static int cmd_fibmap(int argc, char **argv)
{
	int fd, block = 0;

	if (argc != 1)
		errx(1, "usage: fibmap FILE");
	fd = open(argv[0], O_RDONLY);
	if (fd < 0)
		err(1, "%s", argv[0]);
	if (ioctl(fd, FIBMAP, &block) != 0)
		err(1, "FIBMAP %s", argv[0]);
	close(fd);
	printf("%d\n", block);
	return 0;
}

static int cmd_zeros(int argc, char **argv)
{
	unsigned long mib, i;
	volatile char *p;
	char *end;

	if (argc != 3)
		errx(1, "usage: zeros MIB READY GO");
	errno = 0;
	mib = strtoul(argv[0], &end, 10);
	if (errno || end == argv[0] || *end || mib == 0)
		errx(1, "zeros: bad size '%s'", argv[0]);
	p = mmap(NULL, mib << 20, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		err(1, "mmap %lu MiB", mib);
	/* THP would make a zero-filled 2 MiB folio of every touch */
	madvise((void *)p, mib << 20, MADV_NOHUGEPAGE);
	for (i = 0; i < (mib << 20); i += PAGE)
		p[i] = 0;
	printf("zeros: %lu MiB touched\n", mib);
	fflush(stdout);
	wait_for_go(argv[1], argv[2]);
	return 0;
}

static int cmd_reserve(int argc, char **argv)
{
	unsigned long mib;
	char *end;
	void *p;

	if (argc != 1)
		errx(1, "usage: reserve MIB");
	errno = 0;
	mib = strtoul(argv[0], &end, 10);
	if (errno || end == argv[0] || *end || mib == 0)
		errx(1, "reserve: bad size '%s'", argv[0]);
	p = mmap(NULL, mib << 20, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		if (errno != ENOMEM)
			err(1, "mmap %lu MiB", mib);
		printf("refused %lu MiB\n", mib);
		return 0;
	}
	printf("reserved %lu MiB\n", mib);
	munmap(p, mib << 20);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "fill") == 0)
		return cmd_fill(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "writer") == 0)
		return cmd_writer(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "mkhdr") == 0)
		return cmd_mkhdr(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "dump") == 0)
		return cmd_dump(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "fibmap") == 0)
		return cmd_fibmap(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "zeros") == 0)
		return cmd_zeros(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "reserve") == 0)
		return cmd_reserve(argc - 2, argv + 2);
	errx(1, "usage: ghosttest fill|writer|mkhdr|fibmap|zeros|reserve|dump ...");
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mkswap-ghost - set up a Linux swap area, or a ghost swap file for zswap.
 *
 * Without --ghost this is mkswap(8) of util-linux 2.41: the same options,
 * messages and bytes on disk.  With --ghost it writes a small, fully
 * allocated file whose header advertises a much larger area (swap-ghost(5)).
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cliutil.h"
#include "leftover.h"
#include "mkswap-ghost.h"
#include "uuidarg.h"

#define SWAP_VERSION	1

/* make_*() found a file where there was none: decide again */
#define MAKE_AGAIN	(-1)

/* smallest page that holds the v1 header and the magic, as mkswap checks */
#define MIN_USER_PAGESIZE	(GSW_OFF_BADPAGES + 4 + GSW_MAGIC_LEN)

static void __attribute__((__noreturn__)) usage(void)
{
	FILE *out = stdout;
	const char *name = program_invocation_short_name;

	fputs(GSW_USAGE_HEADER, out);
	fprintf(out, _(" %s [options] device [size]\n"), name);
	fprintf(out, _(" %s [options] --ghost --size SIZE file\n"), name);
	fputs(GSW_USAGE_SEPARATOR, out);
	fputs(_("Set up a Linux swap area, or a ghost swap file for zswap.\n"), out);
	fputs(GSW_USAGE_OPTIONS, out);
	fputs(_(" -c, --check               check bad blocks before creating the swap area\n"), out);
	fputs(_(" -f, --force               allow swap size area be larger than device\n"), out);
	fputs(_(" -q, --quiet               suppress output and warning messages\n"), out);
	fprintf(out, _(" -p, --pagesize SIZE       specify page size in bytes (%u to %u)\n"),
		GSW_MIN_PAGE_SIZE, GSW_MAX_PAGE_SIZE);
	fputs(_(" -L, --label LABEL         specify label\n"), out);
	fputs(_(" -v, --swapversion NUM     specify swap-space version number\n"), out);
	fputs(_(" -U, --uuid UUID           specify the uuid to use (or clear, random, time)\n"), out);
	fprintf(out, _(" -e, --endianness=<value>  specify the endianness to use (%s, %s or %s)\n"),
		"native", "little", "big");
	fputs(_(" -o, --offset OFFSET       specify the offset in the device\n"), out);
	fputs(_(" -s, --size SIZE           specify the size of a swap file in bytes\n"), out);
	fputs(_(" -F, --file                create a swap file\n"), out);
	fputs(_("     --ghost               create a ghost swap file that advertises --size\n"), out);
	fputs(_("     --verbose             verbose output\n"), out);
	fprintf(out, _("     --lock[=<mode>]       use exclusive device lock (%s, %s or %s)\n"),
		"yes", "no", "nonblock");
	fputs(GSW_USAGE_SEPARATOR, out);
	fprintf(out, GSW_USAGE_HELP_OPTIONS(27));
	fprintf(out, GSW_USAGE_MAN_TAIL("mkswap-ghost(8)"));
	exit(EXIT_SUCCESS);
}

enum {
	OPT_LOCK = CHAR_MAX + 1,
	OPT_VERBOSE,
	OPT_GHOST,
};

static const struct option longopts[] = {
	{ "check",       no_argument,       NULL, 'c' },
	{ "force",       no_argument,       NULL, 'f' },
	{ "quiet",       no_argument,       NULL, 'q' },
	{ "pagesize",    required_argument, NULL, 'p' },
	{ "label",       required_argument, NULL, 'L' },
	{ "swapversion", required_argument, NULL, 'v' },
	{ "uuid",        required_argument, NULL, 'U' },
	{ "endianness",  required_argument, NULL, 'e' },
	{ "offset",      required_argument, NULL, 'o' },
	{ "size",        required_argument, NULL, 's' },
	{ "file",        no_argument,       NULL, 'F' },
	{ "ghost",       no_argument,       NULL, OPT_GHOST },
	{ "version",     no_argument,       NULL, 'V' },
	{ "help",        no_argument,       NULL, 'h' },
	{ "lock",        optional_argument, NULL, OPT_LOCK },
	{ "verbose",     no_argument,       NULL, OPT_VERBOSE },
	{ NULL, 0, NULL, 0 }
};

/* Options that make no sense together, in ASCII order. */
static const struct gsw_excl_group exclusive[] = {
	{ { 'c', 'q' } },
	{ { 'c', OPT_GHOST } },
	{ { 'o', OPT_GHOST } },
	{ { 0 } }
};

static void parse_uuid(struct mkswap_control *ctl, const char *opt_uuid)
{
	if (!opt_uuid)
		gsw_uuid_generate(ctl->uuid);
	else if (gsw_uuid_from_arg(opt_uuid, ctl->uuid) != 0)
		errx(EXIT_FAILURE, _("error: parsing UUID failed"));
}

static void init_pagesize(struct mkswap_control *ctl)
{
	const unsigned int kernel_pagesize = (unsigned int)getpagesize();
	unsigned int ps = ctl->user_pagesize;

	if (!ps) {
		ctl->pagesize = kernel_pagesize;
		return;
	}
	if ((ps & (ps - 1)) || ps < MIN_USER_PAGESIZE)
		errx(EXIT_FAILURE, _("Bad user-specified page size %u"), ps);
	/* no Linux port has pages outside this range */
	if (ps < GSW_MIN_PAGE_SIZE || ps > GSW_MAX_PAGE_SIZE)
		errx(EXIT_FAILURE, _("Unsupported page size %u (supported: %u to %u)"),
		     ps, GSW_MIN_PAGE_SIZE, GSW_MAX_PAGE_SIZE);
	if (!ctl->quiet && ps != kernel_pagesize)
		warnx(_("Using user-specified page size %u, instead of the system value %u"),
		      ps, kernel_pagesize);
	ctl->pagesize = ps;
}

static void init_label(struct mkswap_control *ctl)
{
	if (!ctl->opt_label)
		return;
	strncpy(ctl->label, ctl->opt_label, GSW_LABEL_MAX);
	ctl->label[GSW_LABEL_MAX] = '\0';
}

/* The parent directory must be there: nothing is created on the way. */
static void check_parent(const char *path)
{
	char *copy = strdup(path);
	struct stat st;

	if (!copy)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	if (stat(dirname(copy), &st) != 0)
		err(EXIT_FAILURE, _("cannot create %s"), path);
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		err(EXIT_FAILURE, _("cannot create %s"), path);
	}
	free(copy);
}

/*
 * Refuse what must never be overwritten, before anything is touched: a
 * directory, an active swap area, and for --ghost anything but a regular
 * file.  Symbolic links are followed; a dangling one is not replaced.
 */
static void inspect_target(struct mkswap_control *ctl, bool may_create)
{
	struct stat lst;
	int rc;

	ctl->exists = false;
	if (stat(ctl->devname, &ctl->devstat) == 0)
		ctl->exists = true;
	else if (errno != ENOENT && !(errno == ENOTDIR && may_create))
		err(EXIT_FAILURE, _("stat of %s failed"), ctl->devname);
	else if (!may_create)
		err(EXIT_FAILURE, _("cannot open %s"), ctl->devname);
	else if (lstat(ctl->devname, &lst) == 0 && S_ISLNK(lst.st_mode))
		errx(EXIT_FAILURE, _("error: %s is a dangling symbolic link; will not replace it"),
		     ctl->devname);
	else
		check_parent(ctl->devname);

	if (!ctl->exists)
		return;
	if (S_ISDIR(ctl->devstat.st_mode))
		errx(EXIT_FAILURE, _("error: %s is a directory; will not make swapspace"),
		     ctl->devname);
	rc = gsw_is_active_swap(ctl->devstat.st_dev, ctl->devstat.st_ino,
				S_ISBLK(ctl->devstat.st_mode), ctl->devstat.st_rdev,
				ctl->swaps_path);
	/* a kernel without swap support has no /proc/swaps and nothing active */
	if (rc < 0 && (ctl->swaps_path || rc != -ENOENT)) {
		errno = -rc;
		err(EXIT_FAILURE, _("error: cannot tell whether %s is an active swap area"),
		    ctl->devname);
	}
	if (rc == 1)
		errx(EXIT_FAILURE, _("error: %s is an active swap area; will not make swapspace"),
		     ctl->devname);
	if (ctl->ghost && S_ISBLK(ctl->devstat.st_mode))
		errx(EXIT_FAILURE, _("error: %s is a block device; --ghost needs a regular file"),
		     ctl->devname);
	if (ctl->ghost && !S_ISREG(ctl->devstat.st_mode))
		errx(EXIT_FAILURE, _("error: %s is not a regular file; will not replace it"),
		     ctl->devname);
	/* a new file in its place would leave the other names on the old one */
	if (ctl->ghost && ctl->devstat.st_nlink > 1)
		errx(EXIT_FAILURE, _("error: %s has %ju hard links; will not replace it"),
		     ctl->devname, (uintmax_t)ctl->devstat.st_nlink);
	/* opening a fifo would hang, and no character device holds swap */
	if (!S_ISREG(ctl->devstat.st_mode) && !S_ISBLK(ctl->devstat.st_mode))
		errx(EXIT_FAILURE, _("error: %s is neither a block device nor a regular file; "
		     "will not make swapspace"), ctl->devname);
}

/*
 * What is mounted, or presented by a loop device, mounted or not, is in
 * use: a swap header written over it destroys what the user is using.
 */
static void check_not_in_use(const struct mkswap_control *ctl)
{
	char loopdev[PATH_MAX] = "";
	dev_t loop_rdev = 0;
	bool backs_loop = ctl->exists &&
		backs_loop_device(&ctl->devstat, loopdev, sizeof(loopdev), &loop_rdev);

	if (is_mounted(ctl->devname, ctl->exists ? &ctl->devstat : NULL, loop_rdev))
		errx(EXIT_FAILURE, _("error: %s is mounted; will not make swapspace"),
		     ctl->devname);
	if (backs_loop)
		errx(EXIT_FAILURE, _("error: %s is in use by loop device %s; "
		     "will not make swapspace"), ctl->devname, loopdev);
}

/* One zeroed page holding the header for PAGES pages. */
static uint8_t *build_header(const struct mkswap_control *ctl, uint64_t pages)
{
	struct gsw_params params = {
		.page_size = ctl->pagesize,
		.order = ctl->order,
		.pages = pages,
		.uuid = ctl->uuid,
		.label = ctl->opt_label ? ctl->label : NULL,
		.ghost = ctl->ghost,
		.badpages = ctl->badpages,
		.nr_badpages = ctl->nbadpages,
	};
	uint8_t *page = calloc(1, ctl->pagesize);
	int rc;

	if (!page)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	rc = gsw_build(&params, page);
	if (rc) {
		errno = -rc;
		err(EXIT_FAILURE, _("cannot build the swap header"));
	}
	return page;
}

static void print_summary(const struct mkswap_control *ctl, uint64_t bytes)
{
	char human[32], uuid[GSW_UUID_STR_LEN];

	if (ctl->quiet)
		return;
	gsw_human_size(bytes, human, sizeof(human));
	if (ctl->ghost)
		printf(_("Setting up ghost swapspace version %d, size = %s (%" PRIu64 " bytes)\n"),
		       SWAP_VERSION, human, bytes);
	else
		printf(_("Setting up swapspace version %d, size = %s (%" PRIu64 " bytes)\n"),
		       SWAP_VERSION, human, bytes);
	if (ctl->opt_label && strlen(ctl->opt_label) > GSW_LABEL_MAX) {
		/* between the two lines, where mkswap says it */
		fflush(stdout);
		warnx(_("Label was truncated."));
	}
	if (ctl->opt_label)
		printf("LABEL=%s, ", ctl->label);
	else
		fputs(_("no label, "), stdout);
	gsw_uuid_string(ctl->uuid, uuid);
	printf("UUID=%s\n", uuid);
}

/*
 * The outcome of gsw_write_file_atomic*(): on failure the target is as it
 * was, except when only the directory could not be made durable.
 */
static void check_written(const struct mkswap_control *ctl, int rc, const char *failed)
{
	if (rc == GSW_WRITTEN_NOT_DURABLE)
		err(EXIT_FAILURE, _("%s: written, but not known to be durable: "
		    "fsync of its directory failed"), ctl->devname);
	if (rc) {
		errno = -rc;
		err(EXIT_FAILURE, "%s %s", failed, ctl->devname);
	}
}

/*
 * The file --ghost replaces, opened for writing as an in-place change
 * would be: whoever may not write the file may not replace it either, and
 * a read-only file system says so before anything is printed.  Locked
 * (by default: a change waits for the one in progress), then checked to
 * be still the file the path names, and to hold nothing that replacing it
 * would lose without -f.
 */
static int open_replaced_file(struct mkswap_control *ctl)
{
	struct stat now;
	int fd = open(ctl->devname, O_RDWR | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		err(EXIT_FAILURE, _("cannot open %s"), ctl->devname);
	if (fstat(fd, &now) < 0)
		err(EXIT_FAILURE, _("stat of %s failed"), ctl->devname);
	if (!S_ISREG(now.st_mode) || now.st_ino != ctl->devstat.st_ino ||
	    now.st_dev != ctl->devstat.st_dev)
		errx(EXIT_FAILURE, _("error: %s changed while it was being opened; "
		     "nothing changed"), ctl->devname);
	lock_device(ctl, fd);
	if (stat(ctl->devname, &now) < 0 || now.st_ino != ctl->devstat.st_ino ||
	    now.st_dev != ctl->devstat.st_dev)
		errx(EXIT_FAILURE, _("error: %s was replaced while waiting for the "
		     "lock; nothing changed"), ctl->devname);
	if (fstat(fd, &ctl->devstat) < 0)
		err(EXIT_FAILURE, _("stat of %s failed"), ctl->devname);
	check_data_kept(ctl, fd, GSW_GHOST_FILE_PAGES * ctl->pagesize);
	return fd;
}

/*
 * --ghost: the whole file is replaced at once.  Its header advertises the
 * --size area but the file holds only GSW_GHOST_FILE_PAGES pages; a kernel
 * without ghost support then refuses it instead of swapping into it.  A
 * file that may be written but not replaced (its directory is not
 * writable, or its owner could not be kept) is rewritten in place.
 * Returns MAKE_AGAIN when another run created the file meanwhile.
 */
static int make_ghost(struct mkswap_control *ctl)
{
	const uint64_t file_len = GSW_GHOST_FILE_PAGES * ctl->pagesize;
	uint64_t pages = ctl->filesz / ctl->pagesize;
	uint8_t *page;
	int rc, fd = -1;

	inspect_target(ctl, true);
	if (lock_mode(ctl) == GSW_LOCK_INVALID)
		exit(EXIT_FAILURE);
	switch (gsw_ghost_size_check(pages, ctl->pagesize, file_len)) {
	case GSW_GHOST_SIZE_OK:
		break;
	case GSW_GHOST_SIZE_NOT_LARGER:
		/* it advertises more than its file holds: one page more at least */
		errx(EXIT_FAILURE, _("error: ghost swap area needs to be at least %" PRIu64
		     " KiB (%u pages)"), file_len / 1024 + ctl->pagesize / 1024,
		     GSW_GHOST_FILE_PAGES + 1);
	case GSW_GHOST_SIZE_TOO_LARGE:
		/* the kernel keeps metadata in memory for every advertised page */
		errx(EXIT_FAILURE, _("error: ghost swap area cannot be larger than %" PRIu64
		     " KiB (%" PRIu64 " pages): the kernel refuses larger ghost areas"),
		     GSW_GHOST_MAX_PAGES * (ctl->pagesize / 1024), GSW_GHOST_MAX_PAGES);
	}
	check_not_in_use(ctl);
	if (ctl->exists)
		fd = open_replaced_file(ctl);

	page = build_header(ctl, pages);
	rc = gsw_write_file_atomic(ctl->devname, page, ctl->pagesize, file_len, 0600);
	if ((rc == -EACCES || rc == -EPERM) && fd >= 0)
		rc = gsw_write_file_in_place(fd, page, ctl->pagesize, file_len);
	free(page);
	if (fd >= 0)
		close(fd);
	if (rc == -EEXIST && !ctl->exists)
		return MAKE_AGAIN;
	/* TRANSLATORS: followed by the file name */
	check_written(ctl, rc, _("cannot create"));
	/* the size the header advertises, as --size and swaplabel-ext give it */
	print_summary(ctl, pages * ctl->pagesize);
	if (!ctl->quiet)
		gsw_report_leftovers(ctl->devname);
	return EXIT_SUCCESS;
}

/* The checks mkswap makes on the area size, with its messages. */
static void size_area(struct mkswap_control *ctl)
{
	uint64_t sz = get_size_in_pages(ctl);

	if (!ctl->npages)
		ctl->npages = sz;
	else if (ctl->npages > sz && !ctl->force)
		errx(EXIT_FAILURE, _("error: size %" PRIu64 " KiB is larger than device size %"
		     PRIu64 " KiB"), ctl->npages * (ctl->pagesize / 1024),
		     sz * (ctl->pagesize / 1024));

	if (ctl->npages < GSW_MIN_PAGES)
		errx(EXIT_FAILURE, _("error: swap area needs to be at least %u KiB"),
		     GSW_MIN_PAGES * ctl->pagesize / 1024);
	if (ctl->npages > UINT32_MAX) {
		/* mkswap stops one page short of what last_page could say */
		ctl->npages = UINT32_MAX;
		if (!ctl->quiet)
			warnx(_("warning: truncating swap area to %" PRIu64 " KiB"),
			      ctl->npages * ctl->pagesize / 1024);
	}
}

/*
 * --file for a file that does not exist yet: it appears complete or not
 * at all, under a temporary name until it is whole.  Returns MAKE_AGAIN
 * when another run created the file meanwhile.
 */
static int make_new_file(struct mkswap_control *ctl)
{
	uint8_t *page = build_header(ctl, ctl->npages);
	int rc;

	/* zeros, like the boot sector mkswap wipes on the file it creates */
	memset(page, 0, GSW_OFF_VERSION);
	if (ctl->check && !ctl->quiet)
		warnx(_("warning: checking bad blocks from swap file is not supported: %s"),
		      ctl->devname);
	/* the bytes before --offset read as zeros without being written */
	rc = gsw_write_file_atomic_at(ctl->devname, page, ctl->pagesize, ctl->offset,
				      ctl->filesz, 0600);
	free(page);
	if (rc == -EEXIST)
		return MAKE_AGAIN;
	/* TRANSLATORS: followed by the file name */
	check_written(ctl, rc, _("couldn't allocate swap file"));
	/* as mkswap says it, once the file is allocated */
	print_summary(ctl, (ctl->npages - 1) * ctl->pagesize);
	if (!ctl->quiet)
		gsw_report_leftovers(ctl->devname);
	return EXIT_SUCCESS;
}

static int make_swap(struct mkswap_control *ctl, const char *block_count)
{
	int perm_mask;
	uint8_t *page;

	if (block_count) {
		/* the legacy size argument counts 1 KiB blocks */
		uint64_t blks = parse_unum_or_err(block_count, UINT64_MAX,
						  _("invalid block count argument"));

		ctl->npages = blks / (ctl->pagesize / 1024);
	}
	inspect_target(ctl, ctl->file && ctl->filesz);
	size_area(ctl);
	check_not_in_use(ctl);
	if (!ctl->exists) {
		/*
		 * Nothing to lock before the file appears, but a lock mode
		 * that is refused must be refused before it does.
		 */
		if (lock_mode(ctl) == GSW_LOCK_INVALID)
			exit(EXIT_FAILURE);
		return make_new_file(ctl);
	}

	open_device(ctl);
	perm_mask = S_ISBLK(ctl->devstat.st_mode) ? 07007 : 07077;
	if (!ctl->quiet && (ctl->devstat.st_mode & perm_mask) != 0)
		warnx(_("%s: insecure permissions %04o, fix with: chmod %04o %s"),
		      ctl->devname, ctl->devstat.st_mode & 07777,
		      ~perm_mask & 0666, ctl->devname);
	if (!ctl->quiet && getuid() == 0 && S_ISREG(ctl->devstat.st_mode) &&
	    ctl->devstat.st_uid != 0)
		warnx(_("%s: insecure file owner %d, fix with: chown 0:0 %s"),
		      ctl->devname, (int)ctl->devstat.st_uid, ctl->devname);

	if (ctl->check)
		check_blocks(ctl);
	if (!ctl->quiet && S_ISREG(ctl->devstat.st_mode))
		check_extents(ctl);

	wipe_device(ctl);

	if (ctl->npages - GSW_MIN_PAGES < ctl->nbadpages)
		errx(EXIT_FAILURE, _("Unable to set up swap-space: unreadable"));
	page = build_header(ctl, ctl->npages);
	print_summary(ctl, (ctl->npages - ctl->nbadpages - 1) * ctl->pagesize);
	write_header_to_device(ctl, page);
	free(page);
	close_device(ctl);
	return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	struct mkswap_control ctl = { .fd = -1, .order = GSW_ORDER_NATIVE };
	int seen[sizeof(exclusive) / sizeof(exclusive[0])] = { 0 };
	const char *block_count = NULL, *opt_uuid = NULL;
	int c, version, rc;

	gsw_tool_init(GSW_TOOL_LOCALEDIR);
	while ((c = getopt_long(argc, argv, "cfp:qL:v:U:e:o:s:FVh", longopts, NULL)) != -1) {
		gsw_check_exclusive(c, longopts, exclusive, seen);
		switch (c) {
		case 'c':
			ctl.check = true;
			break;
		case 'f':
			ctl.force = true;
			break;
		case 'p':
			ctl.user_pagesize = (unsigned int)parse_unum_or_err(optarg, UINT32_MAX,
							_("parsing page size failed"));
			break;
		case 'q':
			ctl.quiet = true;
			break;
		case 'L':
			ctl.opt_label = optarg;
			break;
		case 'v':
			version = (int)parse_snum_or_err(optarg, INT32_MIN, INT32_MAX,
							 _("parsing version number failed"));
			if (version != SWAP_VERSION)
				errx(EXIT_FAILURE, _("swapspace version %d is not supported"), version);
			break;
		case 'U':
			opt_uuid = optarg;
			break;
		case 'e':
			if (strcmp(optarg, "native") == 0)
				ctl.order = GSW_ORDER_NATIVE;
			else if (strcmp(optarg, "little") == 0)
				ctl.order = GSW_ORDER_LITTLE;
			else if (strcmp(optarg, "big") == 0)
				ctl.order = GSW_ORDER_BIG;
			else
				errx(EXIT_FAILURE, _("invalid endianness %s is not supported"), optarg);
			break;
		case 'o':
			ctl.offset = parse_unum_or_err(optarg, INT64_MAX, _("invalid offset"));
			break;
		case 's':
			ctl.filesz = gsw_parse_size_or_err(optarg, _("invalid size"));
			ctl.filesz_set = true;
			break;
		case 'F':
			ctl.file = true;
			break;
		case OPT_GHOST:
			ctl.ghost = true;
			break;
		case OPT_LOCK:
			ctl.lockmode = gsw_lock_arg(optarg);
			break;
		case OPT_VERBOSE:
			ctl.verbose = true;
			break;
		case 'V':
			gsw_print_version(NULL, GSW_TOOL_FEATURES);
		case 'h':
			usage();
		default:
			gsw_errtryhelp();
		}
	}

	if (optind < argc)
		ctl.devname = argv[optind++];
	if (optind < argc)
		block_count = argv[optind++];
	if (optind != argc) {
		warnx(_("only one device argument is currently supported"));
		gsw_errtryhelp();
	}

#ifdef GHOSTSWAP_TEST_HOOKS
	/*
	 * Only the copies built for the test suites let a file stand in for
	 * /proc/swaps: in an installed program it would switch the active
	 * area check off.
	 */
	ctl.swaps_path = getenv("GHOSTSWAP_PROC_SWAPS");
#endif
	parse_uuid(&ctl, opt_uuid);
	init_pagesize(&ctl);

	if (!ctl.devname) {
		warnx(_("error: Nowhere to set up swap on?"));
		gsw_errtryhelp();
	}
	/* before "Setting up ...": no file has an empty name */
	if (!*ctl.devname)
		errx(EXIT_FAILURE, _("error: the device name is empty"));
	if (ctl.ghost) {
		if (block_count)
			errx(EXIT_FAILURE, _("error: --ghost takes its size from --size, "
			     "not from a block count"));
		if (!ctl.filesz_set)
			errx(EXIT_FAILURE, _("error: --ghost requires --size"));
	}
	init_label(&ctl);

	/*
	 * A file that another run created after ours found none is treated
	 * like any file that was there: replaced or rewritten by the same
	 * rules, not a reason to fail.
	 */
	for (int tries = 0; tries < 3; tries++) {
		rc = ctl.ghost ? make_ghost(&ctl) : make_swap(&ctl, block_count);
		if (rc != MAKE_AGAIN)
			return rc;
	}
	errno = EEXIST;
	err(EXIT_FAILURE, _("cannot create %s"), ctl.devname);
}

/*
 * swaplabel-ext - display, check or change the header of a swap area,
 * ghost areas included.
 *
 * Without options other than -L and -U it behaves as util-linux swaplabel,
 * but it reads the header itself, so it also handles areas that libblkid
 * does not report.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "swaplabel-ext.h"
#include "uuidarg.h"

static void __attribute__((__noreturn__)) usage(void)
{
	FILE *out = stdout;

	fputs("\nUsage:\n", out);
	fprintf(out, " %s [options] <device>\n", program_invocation_short_name);

	fputs("\nDisplay, check or change the header of a swap area, "
	      "ghost areas included.\n", out);

	fputs("\nOptions:\n", out);
	fputs(" -L, --label <label>  specify a new label\n", out);
	fputs(" -U, --uuid <uuid>    specify a new uuid, or clear, random, time\n", out);
	fputs(" -s, --size <size>    change the advertised size of a ghost area\n", out);
	fputs("     --ghost          turn a regular swap area into a ghost one\n", out);
	fputs("     --no-ghost       turn a ghost area into a regular one\n", out);
	fputs(" -f, --force          change a header that fails validation\n", out);
	fputs("     --show           display every fact of the header\n", out);
	fputs("     --check          validate the header\n", out);
	fputs(" -J, --json           use JSON output format (--show, --check)\n", out);
	fputs("\n", out);
	fputs(" -h, --help           display this help\n", out);
	fputs(" -V, --version        display version\n", out);
	fputs("\nFor more details see swaplabel-ext(8).\n", out);
	exit(EXIT_SUCCESS);
}

static void __attribute__((__noreturn__)) errtryhelp(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n",
		program_invocation_short_name);
	exit(EXIT_FAILURE);
}

static void parse_args(struct swaplabel_control *ctl, int argc, char **argv)
{
	enum {
		OPT_GHOST = 0x100,
		OPT_NO_GHOST,
		OPT_SHOW,
		OPT_CHECK,
	};
	static const struct option longopts[] = {
		{ "label",    required_argument, NULL, 'L' },
		{ "uuid",     required_argument, NULL, 'U' },
		{ "size",     required_argument, NULL, 's' },
		{ "ghost",    no_argument,       NULL, OPT_GHOST },
		{ "no-ghost", no_argument,       NULL, OPT_NO_GHOST },
		{ "force",    no_argument,       NULL, 'f' },
		{ "show",     no_argument,       NULL, OPT_SHOW },
		{ "check",    no_argument,       NULL, OPT_CHECK },
		{ "json",     no_argument,       NULL, 'J' },
		{ "help",     no_argument,       NULL, 'h' },
		{ "version",  no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "L:U:s:fJhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'L':
			ctl->label = optarg;
			break;
		case 'U':
			if (gsw_uuid_from_arg(optarg, ctl->uuid) < 0)
				errx(EXIT_FAILURE, "failed to parse UUID: %s", optarg);
			ctl->uuid_arg = optarg;
			break;
		case 's':
			if (gsw_parse_size(optarg, &ctl->size) < 0)
				errx(EXIT_FAILURE, "invalid size: '%s'", optarg);
			ctl->size_arg = optarg;
			break;
		case OPT_GHOST:
			ctl->ghost = 1;
			break;
		case OPT_NO_GHOST:
			ctl->no_ghost = 1;
			break;
		case 'f':
			ctl->force = 1;
			break;
		case OPT_SHOW:
			ctl->show = 1;
			break;
		case OPT_CHECK:
			ctl->check = 1;
			break;
		case 'J':
			ctl->json = 1;
			break;
		case 'h':
			usage();
		case 'V':
			printf("%s from %s\n", program_invocation_short_name,
			       PACKAGE_STRING);
			exit(EXIT_SUCCESS);
		default:
			errtryhelp();
		}
	}

	if (optind == argc) {
		warnx("no device specified");
		errtryhelp();
	}
	ctl->devname = argv[optind++];
	if (optind < argc) {
		warnx("unexpected argument: %s", argv[optind]);
		errtryhelp();
	}
}

/* Reject option sets that ask for two things at once. */
static void check_conflicts(const struct swaplabel_control *ctl)
{
	bool change = ctl->label || ctl->uuid_arg || ctl->size_arg ||
		      ctl->ghost || ctl->no_ghost;

	if (ctl->show && ctl->check)
		errx(EXIT_FAILURE, "--show and --check are mutually exclusive");
	if ((ctl->show || ctl->check) && change)
		errx(EXIT_FAILURE, "%s does not go with options that change "
		     "the header", ctl->show ? "--show" : "--check");
	if (ctl->json && !ctl->show && !ctl->check)
		errx(EXIT_FAILURE, "--json needs --show or --check");
	if (ctl->ghost && ctl->no_ghost)
		errx(EXIT_FAILURE, "--ghost and --no-ghost are mutually exclusive");
	if (ctl->size_arg && ctl->no_ghost)
		errx(EXIT_FAILURE, "--size and --no-ghost are mutually exclusive");
	if (ctl->force && !change)
		errx(EXIT_FAILURE, "--force applies only to changes");
}

/* The messages swaplabel gives for areas it cannot read. */
static bool header_usable(const struct swap_area *area)
{
	if (area->parse_rc == -EINVAL) {
		warnx("%s: not a valid swap partition", area->path);
		return false;
	}
	if (area->hdr.version != 1) {
		warnx("%s: unsupported swap version '%d'", area->path,
		      area->hdr.version);
		return false;
	}
	if (area->parse_rc < 0) {
		warnx("%s: unsupported swap header: info.version is %u",
		      area->path, area->hdr.info_version);
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	struct swaplabel_control ctl = { 0 };
	static struct swap_area area;
	bool change;
	int rc;

	parse_args(&ctl, argc, argv);
	check_conflicts(&ctl);
	change = ctl.label || ctl.uuid_arg || ctl.size_arg || ctl.ghost ||
		 ctl.no_ghost;
#ifdef GHOSTSWAP_TEST_HOOKS
	/*
	 * Only the copies built for the test suites let a file stand in for
	 * /proc/swaps: in an installed program it would switch the active
	 * area check off.
	 */
	ctl.swaps_path = getenv("GHOSTSWAP_PROC_SWAPS");
#endif

	rc = area_open(&area, ctl.devname, change);
	if (rc == -EBUSY && change) {
		warnx("%s: the device is in use (mounted, or an active swap "
		      "area); nothing changed", ctl.devname);
		return EXIT_FAILURE;
	}
	if (rc == -EINVAL) {
		warnx("%s: is neither a block device nor a regular file; "
		      "not a swap area", ctl.devname);
		return EXIT_FAILURE;
	}
	if (rc < 0) {
		errno = -rc;
		warn("cannot open %s", ctl.devname);
		return EXIT_FAILURE;
	}
	area_load_state(&area, ctl.swaps_path);

	if (ctl.check)
		rc = check_area(&area, ctl.json);
	else if (!header_usable(&area))
		rc = EXIT_FAILURE;
	else if (ctl.show)
		rc = show_area(&area, ctl.json);
	else if (change)
		rc = change_area(&ctl, &area);
	else
		rc = show_compat(&area);

	area_close(&area);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("write error");
		rc = EXIT_FAILURE;
	}
	return rc;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * swaplabel-ext - display, check or change the header of a swap area,
 * ghost areas included.
 *
 * Without options other than -L and -U it behaves as util-linux swaplabel,
 * but it reads the header itself, so it also handles areas that libblkid
 * does not report.
 */
#include <err.h>
#include <blkid.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cliutil.h"
#include "swaplabel-ext.h"
#include "uuidarg.h"

static void __attribute__((__noreturn__)) usage(void)
{
	FILE *out = stdout;

	fputs(GSW_USAGE_HEADER, out);
	fprintf(out, _(" %s [options] <device>\n"), program_invocation_short_name);

	fputs(GSW_USAGE_SEPARATOR, out);
	fputs(_("Display, check or change the header of a swap area, "
		"ghost areas included.\n"), out);

	fputs(GSW_USAGE_OPTIONS, out);
	fputs(_(" -L, --label <label>  specify a new label\n"), out);
	fputs(_(" -U, --uuid <uuid>    specify a new uuid, or clear, random, time\n"), out);
	fputs(_(" -s, --size <size>    change the advertised size of a ghost area\n"), out);
	fputs(_("     --ghost          turn a regular swap area into a ghost one\n"), out);
	fputs(_("     --no-ghost       turn a ghost area into a regular one\n"), out);
	fputs(_(" -f, --force          change a header that fails validation\n"), out);
	fputs(_("     --show           display every fact of the header\n"), out);
	fputs(_("     --check          validate the header\n"), out);
	fputs(_(" -J, --json           use JSON output format (--show, --check)\n"), out);
	fprintf(out, _("     --lock[=<mode>]  how to wait for the lock on the area (%s, %s or %s)\n"),
		"yes", "no", "nonblock");
	fputs(GSW_USAGE_SEPARATOR, out);
	fprintf(out, GSW_USAGE_HELP_OPTIONS(22));
	fprintf(out, GSW_USAGE_MAN_TAIL("swaplabel-ext(8)"));
	exit(EXIT_SUCCESS);
}

enum {
	OPT_GHOST = CHAR_MAX + 1,
	OPT_NO_GHOST,
	OPT_SHOW,
	OPT_CHECK,
	OPT_LOCK,
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
	{ "lock",     optional_argument, NULL, OPT_LOCK },
	{ "help",     no_argument,       NULL, 'h' },
	{ "version",  no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/*
 * Options that ask for two things at once, in ASCII order: a change goes
 * with neither --show nor --check, the conversions exclude each other, and
 * --no-ghost takes no size.
 */
static const struct gsw_excl_group exclusive[] = {
	{ { 'L', OPT_SHOW, OPT_CHECK } },
	{ { 'U', OPT_SHOW, OPT_CHECK } },
	{ { 's', OPT_NO_GHOST, OPT_SHOW, OPT_CHECK } },
	{ { OPT_GHOST, OPT_NO_GHOST, OPT_SHOW, OPT_CHECK } },
	{ { 0 } }
};

static bool wants_change(const struct swaplabel_control *ctl)
{
	return ctl->label || ctl->uuid_arg || ctl->size_arg || ctl->ghost ||
	       ctl->no_ghost;
}

static void parse_args(struct swaplabel_control *ctl, int argc, char **argv)
{
	int seen[sizeof(exclusive) / sizeof(exclusive[0])] = { 0 };
	const char *lock_arg = NULL;
	bool lock_given = false;
	int c;

	while ((c = getopt_long(argc, argv, "L:U:s:fJhV", longopts, NULL)) != -1) {
		gsw_check_exclusive(c, longopts, exclusive, seen);
		switch (c) {
		case 'L':
			ctl->label = optarg;
			break;
		case 'U':
			if (gsw_uuid_from_arg(optarg, ctl->uuid) < 0)
				errx(EXIT_FAILURE, _("failed to parse UUID: %s"), optarg);
			ctl->uuid_arg = optarg;
			break;
		case 's':
			ctl->size = gsw_parse_size_or_err(optarg, _("invalid size"));
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
		case OPT_LOCK:
			lock_given = true;
			lock_arg = gsw_lock_arg(optarg);
			break;
		case 'h':
			usage();
		case 'V': {
			/* libblkid's version decides what "libblkid:" in --show says */
			const char *libs[] = { "libblkid", NULL, NULL };

			blkid_get_library_version(&libs[1], NULL);
			gsw_print_version(libs, GSW_TOOL_FEATURES);
		}
		default:
			gsw_errtryhelp();
		}
	}

	if (optind == argc) {
		warnx(_("no device specified"));
		gsw_errtryhelp();
	}
	ctl->devname = argv[optind++];
	if (optind < argc) {
		warnx(_("unexpected argument: %s"), argv[optind]);
		gsw_errtryhelp();
	}
	if (!*ctl->devname)
		errx(EXIT_FAILURE, _("the device name is empty"));
	/* options that only qualify another one */
	if (ctl->json && !ctl->show && !ctl->check)
		errx(EXIT_FAILURE, _("--json needs --show or --check"));
	if (ctl->force && !wants_change(ctl))
		errx(EXIT_FAILURE, _("--force applies only to changes"));
	if (lock_given && !wants_change(ctl))
		errx(EXIT_FAILURE, _("--lock applies only to changes"));
	/* unlike mkswap, a change waits for the lock unless told otherwise */
	if (wants_change(ctl)) {
		ctl->lock = gsw_lock_mode(lock_arg, GSW_LOCK_WAIT);
		if (ctl->lock == GSW_LOCK_INVALID)
			exit(EXIT_FAILURE);
	}
}

/* The messages swaplabel gives for areas it cannot read. */
static bool header_usable(const struct swap_area *area)
{
	if (area->parse_rc == -EINVAL) {
		warnx(_("%s: not a valid swap partition"), area->path);
		return false;
	}
	if (area->hdr.version != 1) {
		warnx(_("%s: unsupported swap version '%d'"), area->path,
		      area->hdr.version);
		return false;
	}
	if (area->parse_rc < 0) {
		warnx(_("%s: unsupported swap header: info.version is %u"),
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

	gsw_tool_init(GSW_TOOL_LOCALEDIR);
	parse_args(&ctl, argc, argv);
	change = wants_change(&ctl);
#ifdef GHOSTSWAP_TEST_HOOKS
	/*
	 * Only the copies built for the test suites let a file stand in for
	 * /proc/swaps: in an installed program it would switch the active
	 * area check off.
	 */
	ctl.swaps_path = getenv("GHOSTSWAP_PROC_SWAPS");
	/* and a directory for /sys, for the kernel's support of ghost areas */
	ctl.sysfs = getenv("GHOSTSWAP_SYSFS");
#endif

	rc = area_open(&area, ctl.devname, change);
	if (rc == -EBUSY && change) {
		warnx(_("%s: the device is in use (mounted, or an active swap "
		      "area); nothing changed"), ctl.devname);
		return EXIT_FAILURE;
	}
	if (rc == -EINVAL) {
		warnx(_("%s: is neither a block device nor a regular file; "
		      "not a swap area"), ctl.devname);
		return EXIT_FAILURE;
	}
	if (rc == -ESTALE) {
		warnx(_("%s: was replaced while being opened; try again"),
		      ctl.devname);
		return EXIT_FAILURE;
	}
	if (rc < 0) {
		errno = -rc;
		warn(_("cannot open %s"), ctl.devname);
		return EXIT_FAILURE;
	}
	/*
	 * A change reads, modifies and writes the header, all of it under
	 * the lock: a change that ran meanwhile would otherwise be lost.
	 */
	if (change && area_lock(&area, ctl.lock) < 0) {
		area_close(&area);
		return EXIT_FAILURE;
	}
	rc = area_read(&area);
	if (rc < 0) {
		errno = -rc;
		warn(_("cannot read %s"), ctl.devname);
		area_close(&area);
		return EXIT_FAILURE;
	}
	area_load_state(&area, ctl.swaps_path);

	if (ctl.check)
		rc = check_area(&area, ctl.json);
	else if (!header_usable(&area))
		rc = EXIT_FAILURE;
	else if (ctl.show)
		rc = show_area(&area, ctl.json, ctl.sysfs);
	else if (change)
		rc = change_area(&ctl, &area);
	else
		rc = show_compat(&area);

	/* gsw_close_stdout() reports what could not be written */
	area_close(&area);
	return rc;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ghostswap-setup - set up ghost swap for zswap from ghostswap.conf(5), or
 * the zram fallback on a kernel without ghost support, and undo it.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cliutil.h"
#include "ghostswap-setup.h"
#include "size.h"

static void __attribute__((__noreturn__)) usage(void)
{
	FILE *out = stdout;

	fputs(GSW_USAGE_HEADER, out);
	fprintf(out, _(" %s [options] [--start|--stop|--status]\n"),
		program_invocation_short_name);
	fputs(GSW_USAGE_SEPARATOR, out);
	fputs(_("Set up ghost swap for zswap as ghostswap.conf says, or its zram fallback.\n"),
	      out);
	fputs(GSW_USAGE_OPTIONS, out);
	fputs(_("     --start            set up swap (the default)\n"), out);
	fputs(_("     --stop             undo what --start did\n"), out);
	fputs(_("     --status           show kernel support, configuration and state\n"), out);
	fputs(_(" -n, --dry-run          print what would be done, change nothing\n"), out);
	fputs(_(" -c, --config <file>    read only this configuration file\n"), out);
	fputs(_(" -r, --root <dir>       prefix of the configuration, state and file paths\n"),
	      out);
	fputs(_("     --state-dir <dir>  where the state is kept (default /run/ghostswap)\n"),
	      out);
	fputs(GSW_USAGE_SEPARATOR, out);
	fprintf(out, GSW_USAGE_HELP_OPTIONS(24));
	fprintf(out, GSW_USAGE_MAN_TAIL("ghostswap-setup(8)"));
	exit(EXIT_SUCCESS);
}

enum {
	OPT_START = CHAR_MAX + 1,
	OPT_STOP,
	OPT_STATUS,
	OPT_STATE_DIR,
};

static const struct option longopts[] = {
	{ "start",     no_argument,       NULL, OPT_START },
	{ "stop",      no_argument,       NULL, OPT_STOP },
	{ "status",    no_argument,       NULL, OPT_STATUS },
	{ "dry-run",   no_argument,       NULL, 'n' },
	{ "config",    required_argument, NULL, 'c' },
	{ "root",      required_argument, NULL, 'r' },
	{ "state-dir", required_argument, NULL, OPT_STATE_DIR },
	{ "help",      no_argument,       NULL, 'h' },
	{ "version",   no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* one action at a time; --status changes nothing, so no dry run of it */
static const struct gsw_excl_group exclusive[] = {
	{ { OPT_START, OPT_STOP, OPT_STATUS } },
	{ { 'n', OPT_STATUS } },
	{ { 0 } }
};

static void print_status(struct setup_control *ctl)
{
	const struct setup_config *c = &ctl->conf;
	enum gsw_kernel_support ks;
	char why[512], human[32], buf[256];
	char *probe = gsw_support_probe_dir(c->file);

	if (!probe)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	ks = gsw_kernel_ghost_support(ctl->sysfs, probe, why, sizeof(why));
	free(probe);
	/* the key and its word as swaplabel-ext --show prints them */
	printf("%-18s %s (%s)\n", _("Kernel support:"), gsw_kernel_support_name(ks), why);
	printf("%-18s %s\n", _("Configuration:"), c->files ? c->files : _("none"));
	gsw_human_size(c->size_bytes, human, sizeof(human));
	printf("%-18s %s = %s%s\n", _("Size:"), c->size.text, human,
	       c->size_capped ? _(" (capped: the most a ghost area may advertise)") : "");
	printf("%-18s %s\n", _("Ghost file:"), c->file);
	printf("%-18s %d\n", _("Priority:"), c->prio);
	gsw_human_size(c->zram_bytes, human, sizeof(human));
	if (c->fallback_mode == GS_FALLBACK_ZRAM)
		printf("%-18s zram, %s = %s\n", _("Fallback:"), c->zram_size.text, human);
	else
		printf("%-18s none\n", _("Fallback:"));
	printf("%-18s", _("zswap:"));
	for (int p = 0; p < GS_ZSWAP_NPARAMS; p++) {
		char path[128];

		snprintf(path, sizeof(path), "/module/zswap/parameters/%s", gs_zswap_name(p));
		if (gs_sysfs_read(ctl, path, buf, sizeof(buf)) < 0)
			snprintf(buf, sizeof(buf), "?");
		printf(" %s=%s", gs_zswap_name(p), buf);
		if (c->zswap[p].text && p != GS_ZSWAP_ENABLED && strcmp(buf, c->zswap[p].text))
			printf(_(" (configured: %s)"), c->zswap[p].text);
	}
	fputc('\n', stdout);
	gs_print_state(ctl);
}

static char *joined(const char *a, const char *b)
{
	char *s;

	if (asprintf(&s, "%s%s", a, b) < 0)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	return s;
}

int main(int argc, char **argv)
{
	struct setup_control ctl = {
		.root = "",
		.sysfs = "/sys",
		.meminfo = "/proc/meminfo",
	};
	int seen[sizeof(exclusive) / sizeof(exclusive[0])] = { 0 };
	char *state_dir = NULL;
	int c, rc;

	gsw_tool_init(GSW_TOOL_LOCALEDIR);
	while ((c = getopt_long(argc, argv, "nc:r:hV", longopts, NULL)) != -1) {
		gsw_check_exclusive(c, longopts, exclusive, seen);
		switch (c) {
		case OPT_START:
			ctl.start = true;
			break;
		case OPT_STOP:
			ctl.stop = true;
			break;
		case OPT_STATUS:
			ctl.status = true;
			break;
		case 'n':
			ctl.dry_run = true;
			break;
		case 'c':
			ctl.config = optarg;
			break;
		case 'r':
			ctl.root = optarg;
			break;
		case OPT_STATE_DIR:
			ctl.state_dir = optarg;
			break;
		case 'V':
			gsw_print_version(NULL, GSW_TOOL_FEATURES);
		case 'h':
			usage();
		default:
			gsw_errtryhelp();
		}
	}
	if (optind < argc) {
		warnx(_("unexpected argument: %s"), argv[optind]);
		gsw_errtryhelp();
	}
	if (!ctl.stop && !ctl.status)
		ctl.start = true;
	/* "/" is no prefix: the paths stay as they are */
	if (strcmp(ctl.root, "/") == 0)
		ctl.root = "";
	if (*ctl.root && ctl.root[0] != '/')
		errx(EXIT_FAILURE, _("--root needs an absolute path: %s"), ctl.root);
	if (!ctl.state_dir)
		ctl.state_dir = state_dir = joined(ctl.root, "/run/ghostswap");
	ctl.state_file = joined(ctl.state_dir, "/state");

#ifdef GHOSTSWAP_TEST_HOOKS
	/*
	 * Only the copies built for the test suites read these: in an
	 * installed program they would let the environment point the tool at
	 * another kernel interface.
	 */
	if (getenv("GHOSTSWAP_SYSFS"))
		ctl.sysfs = getenv("GHOSTSWAP_SYSFS");
	if (getenv("GHOSTSWAP_PROC_MEMINFO"))
		ctl.meminfo = getenv("GHOSTSWAP_PROC_MEMINFO");
	ctl.swaps_path = getenv("GHOSTSWAP_PROC_SWAPS");
	ctl.fail_step = getenv("GHOSTSWAP_FAIL_STEP");
#endif
	ctl.pagesize = (unsigned int)getpagesize();
	ctl.ram = gs_read_ram(ctl.meminfo);
	gs_load_config(&ctl);

	if (ctl.status) {
		print_status(&ctl);
		rc = GS_EXIT_SUCCESS;
	} else if (ctl.stop) {
		rc = gs_stop(&ctl);
	} else {
		rc = gs_start(&ctl);
	}
	gs_free_config(&ctl.conf);
	free(ctl.state_file);
	free(state_dir);
	return rc;
}

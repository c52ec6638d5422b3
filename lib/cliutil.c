/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Command-line conventions shared by the tools (see cliutil.h).
 */
#include <err.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "cliutil.h"
#include "size.h"

void gsw_errtryhelp(void)
{
	fprintf(stderr, _("Try '%s --help' for more information.\n"),
		program_invocation_short_name);
	exit(EXIT_FAILURE);
}

/* ", " before all but the first item in the parentheses, " (" before that */
static void version_item(bool *first)
{
	fputs(*first ? " (" : ", ", stdout);
	*first = false;
}

void gsw_print_version(const char *const *libs, const char *const *features)
{
	static const char *const built_in[] = {
#ifdef ENABLE_NLS
		"nls",
#endif
		NULL
	};
	const char *const *lists[] = { built_in, features };
	bool first = true, named = false;

	/* TRANSLATORS: program name, then package name and version */
	printf(_("%s from %s"), program_invocation_short_name, PACKAGE_STRING);
	for (const char *const *l = libs; l && l[0]; l += 2) {
		version_item(&first);
		printf("%s %s", l[0], l[1] ? l[1] : "?");
	}
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		for (const char *const *f = lists[i]; f && *f; f++) {
			version_item(&first);
			/* util-linux's print_version_with_features() words */
			if (!named) {
				printf("%s ", _("features:"));
				named = true;
			}
			fputs(*f, stdout);
		}
	}
	if (!first)
		fputc(')', stdout);
	fputc('\n', stdout);
	exit(EXIT_SUCCESS);
}

void gsw_close_stdout(void)
{
	bool failed;

	errno = 0;
	failed = ferror(stdout) != 0;
	if (fclose(stdout) != 0)
		failed = true;
	/* a reader that closed its pipe had all it wanted: not an error */
	if (failed && errno != EPIPE) {
		if (errno)
			warn(_("write error"));
		else
			warnx(_("write error"));
		_exit(EXIT_FAILURE);
	}
}

static const char *long_name(const struct option *longopts, int c)
{
	for (const struct option *o = longopts; o->name; o++)
		if (o->val == c)
			return o->name;
	return "?";
}

void gsw_check_exclusive(int c, const struct option *longopts,
			 const struct gsw_excl_group *groups, int *seen)
{
	for (size_t g = 0; groups[g].opts[0]; g++) {
		const int *opts = groups[g].opts;
		bool member = false;

		for (size_t i = 0; opts[i]; i++)
			member = member || opts[i] == c;
		if (!member)
			continue;
		if (seen[g] && seen[g] != c) {
			/*
			 * The two options given, in the order given: util-linux
			 * lists the whole group, options the user never typed
			 * included, which reads as if they had been.
			 */
			fprintf(stderr, _("%s: mutually exclusive arguments: --%s --%s\n"),
				program_invocation_short_name,
				long_name(longopts, seen[g]), long_name(longopts, c));
			exit(EXIT_FAILURE);
		}
		seen[g] = c;
	}
}

void gsw_tool_init(const char *localedir)
{
	setlocale(LC_ALL, "");
	bindtextdomain(GETTEXT_PACKAGE, localedir);
	textdomain(GETTEXT_PACKAGE);
	atexit(gsw_close_stdout);
}

uint64_t gsw_parse_size_or_err(const char *str, const char *errmesg)
{
	uint64_t bytes;
	int rc = gsw_parse_size(str, &bytes);

	if (rc == 0)
		return bytes;
	/* the reason too, as util-linux's strtosize_or_err() gives it */
	errno = -rc;
	err(EXIT_FAILURE, "%s: '%s'", errmesg, str);
}

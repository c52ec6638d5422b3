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

void gsw_errtryhelp(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n",
		program_invocation_short_name);
	exit(EXIT_FAILURE);
}

void gsw_print_version(void)
{
	printf("%s from %s\n", program_invocation_short_name, PACKAGE_STRING);
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
			warn("write error");
		else
			warnx("write error");
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
			fprintf(stderr, "%s: mutually exclusive arguments:",
				program_invocation_short_name);
			/* the whole group, so that one message names the choice */
			for (size_t i = 0; opts[i]; i++)
				fprintf(stderr, " --%s", long_name(longopts, opts[i]));
			fputc('\n', stderr);
			exit(EXIT_FAILURE);
		}
		seen[g] = c;
	}
}

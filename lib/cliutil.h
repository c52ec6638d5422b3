/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cliutil.h - what both tools say and check on their command line the
 * same way, in util-linux's words: usage sections, the --help hint,
 * --version, and options that exclude each other.
 */
#ifndef GSW_CLIUTIL_H
#define GSW_CLIUTIL_H

#include <getopt.h>
#include <stddef.h>

#include "nls.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Pieces of usage(), util-linux's USAGE_* macros. */
#define GSW_USAGE_HEADER	_("\nUsage:\n")
#define GSW_USAGE_OPTIONS	_("\nOptions:\n")
#define GSW_USAGE_SEPARATOR	"\n"
#define GSW_USAGE_OPTSTR_HELP	_("display this help")
#define GSW_USAGE_OPTSTR_VERSION _("display version")
/* printf() arguments: -h and -V, their text starting after WIDTH columns */
#define GSW_USAGE_HELP_OPTIONS(width) \
	"%-" #width "s%s\n%-" #width "s%s\n", \
	" -h, --help", GSW_USAGE_OPTSTR_HELP, \
	" -V, --version", GSW_USAGE_OPTSTR_VERSION
/* printf() arguments: the closing pointer to the man PAGE */
#define GSW_USAGE_MAN_TAIL(page) _("\nFor more details see %s.\n"), page

/* "Try 'NAME --help' for more information." on stderr; exits 1. */
#include <stdint.h>

void __attribute__((__noreturn__)) gsw_errtryhelp(void);

/*
 * util-linux's --version with the features compiled in, on stdout; exits
 * 0 (1 on a write error):
 *
 *   NAME from ghostswap VERSION (LIB LIBVERSION, ..., features: FEATURE, ...)
 *
 * LIBS lists the libraries the tool calls itself as name, version pairs;
 * FEATURES names what the tool was built with: GSW_TOOL_FEATURES.  Both
 * end with NULL and may be NULL; "nls" is added when translations are
 * built in.  The parentheses are left out when there is nothing to put in
 * them.
 */
void __attribute__((__noreturn__))
gsw_print_version(const char *const *libs, const char *const *features);
/*
 * The features only the tool's own build knows, expanded in its source:
 * lib/cliutil.c is compiled once, for the installed tools and their
 * copies with test hooks alike.
 */
#ifdef GHOSTSWAP_TEST_HOOKS
# define GSW_TOOL_FEATURES ((const char *const[]){ "test-hooks", NULL })
#else
# define GSW_TOOL_FEATURES NULL
#endif

/*
 * Flush stdout and exit 1 with "write error" when anything written to it
 * was lost (a full disk, a closed pipe), as util-linux's close_stdout()
 * does.  Registered with atexit() by both tools.
 */
void gsw_close_stdout(void);

/*
 * What each tool does first: the locale, its messages from LOCALEDIR, and
 * gsw_close_stdout() at exit.  GSW_TOOL_LOCALEDIR is the directory: the
 * copies built with test hooks take GHOSTSWAP_LOCALEDIR when it is set,
 * so that the suites can try a catalog that is not installed.
 */
void gsw_tool_init(const char *localedir);
#ifdef GHOSTSWAP_TEST_HOOKS
# define GSW_TOOL_LOCALEDIR \
	(getenv("GHOSTSWAP_LOCALEDIR") ? getenv("GHOSTSWAP_LOCALEDIR") : LOCALEDIR)
#else
# define GSW_TOOL_LOCALEDIR LOCALEDIR
#endif

/*
 * Groups of options of which at most one may be given.  Each group lists
 * option values (getopt_long's val) and ends with 0; the table ends with an
 * empty group.  SEEN has one int per group, zeroed by the caller.
 */
#define GSW_EXCL_MAX	4
struct gsw_excl_group {
	int opts[GSW_EXCL_MAX + 1];
};

/*
 * Call for every option C getopt_long returns.  When C and another option
 * already seen share a group, prints "mutually exclusive arguments:" and
 * the long names of the whole group, in the order it lists them (keep
 * groups in ASCII order, as util-linux does), and exits 1.
 */
/*
 * The size STR (gsw_parse_size()) in bytes; exits with ERRMESG, STR and
 * the reason (out of range, not a number) when it does not parse.
 */
uint64_t gsw_parse_size_or_err(const char *str, const char *errmesg);

void gsw_check_exclusive(int c, const struct option *longopts,
			 const struct gsw_excl_group *groups, int *seen);

#ifdef __cplusplus
}
#endif
#endif /* GSW_CLIUTIL_H */

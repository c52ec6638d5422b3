/*
 * cliutil.h - what both tools say and check on their command line the
 * same way, in util-linux's words: usage sections, the --help hint,
 * --version, and options that exclude each other.
 */
#ifndef GSW_CLIUTIL_H
#define GSW_CLIUTIL_H

#include <getopt.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GSW_USAGE_HEADER	"\nUsage:\n"
#define GSW_USAGE_OPTIONS	"\nOptions:\n"
#define GSW_USAGE_SEPARATOR	"\n"
#define GSW_USAGE_HELP		" -h, --help             display this help\n"
#define GSW_USAGE_VERSION	" -V, --version          display version\n"
#define GSW_USAGE_MAN_TAIL(page) "\nFor more details see " page ".\n"

/* "Try 'NAME --help' for more information." on stderr; exits 1. */
void __attribute__((__noreturn__)) gsw_errtryhelp(void);

/* "NAME from ghostswap VERSION" on stdout; exits 0 (1 on a write error). */
void __attribute__((__noreturn__)) gsw_print_version(void);

/*
 * Flush stdout and exit 1 with "write error" when anything written to it
 * was lost (a full disk, a closed pipe), as util-linux's close_stdout()
 * does.  Registered with atexit() by both tools.
 */
void gsw_close_stdout(void);

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
void gsw_check_exclusive(int c, const struct option *longopts,
			 const struct gsw_excl_group *groups, int *seen);

#ifdef __cplusplus
}
#endif
#endif /* GSW_CLIUTIL_H */

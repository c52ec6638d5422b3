/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nls.h - message translation for the tools, util-linux's way: _() for a
 * message printed at once, N_() to mark one that is translated later, P_()
 * for one with singular and plural forms.  Without ENABLE_NLS (meson
 * -Dnls=disabled) they leave the English text as it is.
 *
 * Only the tools and their command-line helpers (cliutil.c) translate.  The
 * format library keeps its words in English, as libblkid does: a library
 * does not know the program's text domain, and its findings are also data.
 * Never translate what scripts read: JSON keys and the values that name
 * something ("ghost", "little"), finding codes ("ghost-not-shorter") and
 * severity names ("error") in --check output.  Prose is translated where
 * it is composed, also when --json carries it.
 */
#ifndef GSW_NLS_H
#define GSW_NLS_H

#include "config.h"

#include <locale.h>

#ifdef ENABLE_NLS
# include <libintl.h>
# define _(text)			gettext(text)
# define P_(singular, plural, n)	ngettext(singular, plural, n)
#else
# define _(text)			(text)
# define P_(singular, plural, n)	((n) == 1 ? (singular) : (plural))
# undef bindtextdomain
# define bindtextdomain(domain, dir)	((void)(dir))
# undef textdomain
# define textdomain(domain)		((void)0)
#endif

#define N_(text)			text

#endif /* GSW_NLS_H */

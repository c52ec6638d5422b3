/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tmpname.h - the name a file being replaced is written under: shared by
 * the writer (atomic.c) and the tools' report of leftovers (leftover.c).
 * A name of its own that says whose it is, and of a fixed length, so that
 * it fits beside a target of any name length.
 */
#ifndef GSW_TMPNAME_H
#define GSW_TMPNAME_H

#define GSW_TMP_PREFIX		".ghostswap-tmp."
#define GSW_TMP_PREFIX_LEN	15
#define GSW_TMP_RANDOM_LEN	6
#define GSW_TMP_NAME_LEN	(GSW_TMP_PREFIX_LEN + GSW_TMP_RANDOM_LEN)
#define GSW_TMP_CHARS \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

#endif /* GSW_TMPNAME_H */

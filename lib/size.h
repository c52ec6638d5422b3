/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * size.h - sizes as util-linux reads and prints them, for the tools.
 */
#ifndef GSW_SIZE_H
#define GSW_SIZE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse a size in the syntax of util-linux's strtosize(): a number as
 * strtoumax() reads it in base 0 (so "0x10" is 16 and "010" is 8), an
 * optional decimal fraction, and a suffix K, M, G, T, P, E, Z, Y in either
 * case, alone or with "iB" (powers of 1024) or with "B" (powers of 1000).
 * The same strings are accepted and refused; a fraction is converted
 * exactly, rounded down, where util-linux approximates it.  Returns 0,
 * -EINVAL (syntax) or -ERANGE (more than 64 bits); BYTES is set only on
 * success.
 */
int gsw_parse_size(const char *str, uint64_t *bytes);
/* "64 GiB" style, like util-linux's size_to_human_string(). */
void gsw_human_size(uint64_t bytes, char *buf, size_t buflen);

#endif /* GSW_SIZE_H */

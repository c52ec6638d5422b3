/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sizeexpr.h - a size given as an expression of the machine's memory, as
 * ghostswap.conf(5) writes them: "ram * 4", "ram / 2", "64G",
 * "min(ram / 2, 4G)".
 */
#ifndef GSW_SIZEEXPR_H
#define GSW_SIZEEXPR_H

#include <stddef.h>
#include <stdint.h>

/*
 * Evaluate EXPR with RAM standing for RAM bytes.  The grammar:
 *
 *   expr   := term (('+' | '-') term)*
 *   term   := factor (('*' | '/') factor)*
 *   factor := 'ram' | SIZE | NUMBER | '(' expr ')'
 *             | ('min' | 'max') '(' expr ',' expr ')'
 *
 * SIZE is a size as gsw_parse_size() reads it ("64G", "512MiB", "0x100K",
 * a plain integer); NUMBER a decimal with a fraction ("1.5").  Blanks may
 * stand between tokens.  The result is rounded down to a byte.
 *
 * Returns 0 and sets BYTES, or a negative errno: -EINVAL for a syntax
 * error, -ERANGE when a value is negative or needs more than 64 bits,
 * -EDOM for a division by zero.  On error *ERRPOS, when ERRPOS is not
 * NULL, is the offset in EXPR where the problem was found.
 */
int gsw_eval_size_expr(const char *expr, uint64_t ram, uint64_t *bytes,
		       size_t *errpos);

#endif /* GSW_SIZEEXPR_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sizes as expressions of the machine's memory (see sizeexpr.h): a small
 * recursive-descent evaluator over long double, whose 64-bit mantissa holds
 * every byte count below 2^64 exactly.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "size.h"
#include "sizeexpr.h"

#define VALUE_LIMIT	18446744073709551616.0L	/* 2^64 */

struct expr_state {
	const char *text;
	size_t pos;
	long double ram;
	int rc;			/* first error, 0 while there is none */
	size_t errpos;
};

static void fail(struct expr_state *s, int rc, size_t pos)
{
	if (!s->rc) {
		s->rc = rc;
		s->errpos = pos;
	}
}

static void skip_blanks(struct expr_state *s)
{
	while (s->text[s->pos] == ' ' || s->text[s->pos] == '\t')
		s->pos++;
}

/* Is the next token the character C?  Consumes it when it is. */
static bool accept(struct expr_state *s, char c)
{
	skip_blanks(s);
	if (s->text[s->pos] != c)
		return false;
	s->pos++;
	return true;
}

static void expect(struct expr_state *s, char c)
{
	if (!accept(s, c))
		fail(s, -EINVAL, s->pos);
}

static long double checked(struct expr_state *s, long double v, size_t pos)
{
	if (v < 0 || v >= VALUE_LIMIT)
		fail(s, -ERANGE, pos);
	return v;
}

static long double expr(struct expr_state *s);

/* A size ("64G", "0x10", "7") or a decimal with a fraction ("1.5"). */
static long double number(struct expr_state *s)
{
	size_t start = s->pos, len = 0;
	bool letters = false, dot = false;
	char buf[64];
	uint64_t bytes;
	int rc;

	while (isalnum((unsigned char)s->text[start + len]) || s->text[start + len] == '.') {
		letters = letters || isalpha((unsigned char)s->text[start + len]);
		dot = dot || s->text[start + len] == '.';
		len++;
	}
	s->pos += len;
	if (len >= sizeof(buf)) {
		fail(s, -EINVAL, start);
		return 0;
	}
	memcpy(buf, s->text + start, len);
	buf[len] = '\0';
	if (dot && !letters) {
		char *end;
		long double v = strtold(buf, &end);

		if (*end || end == buf)
			fail(s, -EINVAL, start);
		return checked(s, v, start);
	}
	rc = gsw_parse_size(buf, &bytes);
	if (rc < 0) {
		fail(s, rc, start);
		return 0;
	}
	return (long double)bytes;
}

static long double factor(struct expr_state *s)
{
	const char *p;
	size_t start;

	skip_blanks(s);
	start = s->pos;
	p = s->text + s->pos;
	if (accept(s, '(')) {
		long double v = expr(s);

		expect(s, ')');
		return v;
	}
	if (isdigit((unsigned char)*p) || *p == '.')
		return number(s);
	if (isalpha((unsigned char)*p)) {
		size_t len = 0;

		while (isalpha((unsigned char)p[len]))
			len++;
		s->pos += len;
		if (len == 3 && strncmp(p, "ram", 3) == 0)
			return s->ram;
		if (len == 3 && (strncmp(p, "min", 3) == 0 || strncmp(p, "max", 3) == 0)) {
			long double a, b;

			expect(s, '(');
			a = expr(s);
			expect(s, ',');
			b = expr(s);
			expect(s, ')');
			return (p[1] == 'i') == (a < b) ? a : b;
		}
	}
	fail(s, -EINVAL, start);
	return 0;
}

static long double term(struct expr_state *s)
{
	long double v = factor(s);

	while (!s->rc) {
		size_t at;
		long double r;

		skip_blanks(s);
		at = s->pos;
		if (accept(s, '*')) {
			v = checked(s, v * factor(s), at);
		} else if (accept(s, '/')) {
			r = factor(s);
			if (r == 0) {
				fail(s, -EDOM, at);
				return 0;
			}
			v = v / r;
		} else {
			break;
		}
	}
	return v;
}

static long double expr(struct expr_state *s)
{
	long double v = term(s);

	while (!s->rc) {
		size_t at;

		skip_blanks(s);
		at = s->pos;
		if (accept(s, '+'))
			v = checked(s, v + term(s), at);
		else if (accept(s, '-'))
			v = checked(s, v - term(s), at);
		else
			break;
	}
	return v;
}

int gsw_eval_size_expr(const char *text, uint64_t ram, uint64_t *bytes,
		       size_t *errpos)
{
	struct expr_state s = { .text = text, .ram = (long double)ram };
	long double v = expr(&s);

	skip_blanks(&s);
	if (!s.rc && s.text[s.pos])
		fail(&s, -EINVAL, s.pos);
	if (!s.rc)
		checked(&s, v, 0);
	if (s.rc) {
		if (errpos)
			*errpos = s.errpos;
		return s.rc;
	}
	*bytes = (uint64_t)v;
	return 0;
}

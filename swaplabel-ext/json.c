/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A JSON writer for one document at a time, indented as util-linux's
 * --json output is, strings checked for UTF-8 by the caller.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>

#include "json.h"

bool json_is_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		size_t n;
		uint32_t cp;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] < 0xc2 || p[i] > 0xf4)
			return false;
		n = p[i] < 0xe0 ? 2 : p[i] < 0xf0 ? 3 : 4;
		if (i + n > len)
			return false;
		cp = p[i] & (0x7f >> n);
		for (size_t k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		/* overlong forms, surrogates, beyond Unicode */
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		i += n;
	}
	return true;
}

void json_init(struct json *j, FILE *out)
{
	j->out = out;
	j->depth = 0;
	j->has_items[0] = false;
}

/* The comma, the indentation and the key of the next item. */
static void item(struct json *j, const char *key)
{
	if (j->has_items[j->depth])
		fputc(',', j->out);
	if (j->depth > 0)
		fputc('\n', j->out);
	j->has_items[j->depth] = true;
	fprintf(j->out, "%*s", 3 * j->depth, "");
	if (key)
		fprintf(j->out, "\"%s\": ", key);
}

static void open_container(struct json *j, const char *key, char open,
			   char close)
{
	item(j, key);
	fputc(open, j->out);
	/* the documents here are three levels deep; deeper is a bug */
	if (j->depth + 1 >= JSON_MAX_DEPTH)
		abort();
	j->closer[++j->depth] = close;
	j->has_items[j->depth] = false;
}

void json_open_object(struct json *j, const char *key)
{
	open_container(j, key, '{', '}');
}

void json_open_array(struct json *j, const char *key)
{
	open_container(j, key, '[', ']');
}

void json_close(struct json *j)
{
	char close = j->closer[j->depth];
	bool empty = !j->has_items[j->depth];

	j->depth--;
	/* an empty array or object closes where it opened: [] and {} */
	if (!empty)
		fprintf(j->out, "\n%*s", 3 * j->depth, "");
	fputc(close, j->out);
	if (j->depth == 0)
		fputc('\n', j->out);
}

static void put_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

void json_string(struct json *j, const char *key, const char *s)
{
	item(j, key);
	if (s && *s)
		put_string(j->out, s);
	else
		fputs("null", j->out);
}

void json_hex(struct json *j, const char *key, const char *s, size_t len)
{
	item(j, key);
	if (!len) {
		fputs("null", j->out);
		return;
	}
	fputc('"', j->out);
	for (size_t i = 0; i < len; i++)
		fprintf(j->out, "%02x", (unsigned char)s[i]);
	fputc('"', j->out);
}

void json_number(struct json *j, const char *key, uint64_t value)
{
	item(j, key);
	fprintf(j->out, "%" PRIu64, value);
}

void json_bool(struct json *j, const char *key, int value)
{
	item(j, key);
	fputs(value < 0 ? "null" : value ? "true" : "false", j->out);
}

void json_null(struct json *j, const char *key)
{
	item(j, key);
	fputs("null", j->out);
}

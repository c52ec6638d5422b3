/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * json.h - the JSON that --show and --check print.  A small writer of its
 * own: libsmartcols prints an empty array as [null] and passes bytes that
 * are not UTF-8 through, which makes the document invalid.
 */
#ifndef SWAPLABEL_EXT_JSON_H
#define SWAPLABEL_EXT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH	8

struct json {
	FILE *out;
	int depth;
	bool has_items[JSON_MAX_DEPTH];	/* a comma before the next item */
	char closer[JSON_MAX_DEPTH];	/* what closes each open level */
};

/* Is S (LEN bytes) valid UTF-8, as every JSON string must be? */
bool json_is_utf8(const char *s, size_t len);

/*
 * Each call writes one member of the object being written (KEY given) or
 * one element of the array being written (KEY NULL); the document itself
 * is json_open_object(j, NULL) ... json_close(j).
 */
void json_init(struct json *j, FILE *out);
void json_open_object(struct json *j, const char *key);
void json_open_array(struct json *j, const char *key);
void json_close(struct json *j);
/* S, or null when S is NULL or empty; S must be valid UTF-8 */
void json_string(struct json *j, const char *key, const char *s);
/* LEN bytes of S as lower-case hex, or null when LEN is 0 */
void json_hex(struct json *j, const char *key, const char *s, size_t len);
void json_number(struct json *j, const char *key, uint64_t value);
/* VALUE < 0: null (not known) */
void json_bool(struct json *j, const char *key, int value);
void json_null(struct json *j, const char *key);

#endif /* SWAPLABEL_EXT_JSON_H */

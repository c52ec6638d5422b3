/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uuidarg.h - the UUID argument of mkswap(8)-style tools.
 */
#ifndef GSW_UUIDARG_H
#define GSW_UUIDARG_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Turn ARG into a UUID the way mkswap -U does: "clear" gives the nil UUID,
 * "random" and "time" generate one of that kind, anything else must be a
 * UUID in its 36-character text form.  Returns 0, or -EINVAL when ARG does
 * not parse (OUT is then left untouched).
 */
int gsw_uuid_from_arg(const char *arg, uint8_t out[16]);

/* A fresh UUID for a new area when the user gave none. */
void gsw_uuid_generate(uint8_t out[16]);

/* The lower-case text form of UUID, as libblkid and mkswap print it. */
void gsw_uuid_string(const uint8_t uuid[16], char out[37]);

#ifdef __cplusplus
}
#endif
#endif /* GSW_UUIDARG_H */

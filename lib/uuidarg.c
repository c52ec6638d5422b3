/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The UUID argument shared by the tools, with the keywords mkswap accepts.
 */
#include <errno.h>
#include <string.h>
#include <uuid.h>

#include "uuidarg.h"

int gsw_uuid_from_arg(const char *arg, uint8_t out[16])
{
	uuid_t uu;

	if (strcmp(arg, "clear") == 0)
		uuid_clear(uu);
	else if (strcmp(arg, "random") == 0)
		uuid_generate_random(uu);
	else if (strcmp(arg, "time") == 0)
		/* libuuid falls back to a random one without a clock source */
		uuid_generate_time(uu);
	else if (uuid_parse(arg, uu) != 0)
		return -EINVAL;
	memcpy(out, uu, sizeof(uu));
	return 0;
}

void gsw_uuid_generate(uint8_t out[16])
{
	uuid_t uu;

	uuid_generate(uu);
	memcpy(out, uu, sizeof(uu));
}

void gsw_uuid_string(const uint8_t uuid[16], char out[37])
{
	uuid_unparse_lower(uuid, out);
}

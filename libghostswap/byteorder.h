/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Field access in a chosen byte order.  Internal to the library: on-disk
 * values are converted here and nowhere else.
 */
#ifndef GSW_BYTEORDER_H
#define GSW_BYTEORDER_H

#include <stdbool.h>
#include <stdint.h>

static inline uint16_t gsw_get16(const uint8_t *p, bool big)
{
	return big ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}

static inline uint32_t gsw_get32(const uint8_t *p, bool big)
{
	if (big)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		       (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[1] << 8 | p[0];
}

static inline uint64_t gsw_get64(const uint8_t *p, bool big)
{
	uint64_t first = gsw_get32(p, big), second = gsw_get32(p + 4, big);

	return big ? first << 32 | second : second << 32 | first;
}

static inline void gsw_put16(uint8_t *p, uint16_t v, bool big)
{
	p[big ? 0 : 1] = (uint8_t)(v >> 8);
	p[big ? 1 : 0] = (uint8_t)v;
}

static inline void gsw_put32(uint8_t *p, uint32_t v, bool big)
{
	for (int i = 0; i < 4; i++)
		p[big ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

static inline void gsw_put64(uint8_t *p, uint64_t v, bool big)
{
	gsw_put32(p + (big ? 4 : 0), (uint32_t)v, big);
	gsw_put32(p + (big ? 0 : 4), (uint32_t)(v >> 32), big);
}

#endif /* GSW_BYTEORDER_H */

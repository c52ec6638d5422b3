/*
 * Sizes as util-linux reads and prints them: "64G", "64GiB" and "64GB"
 * (the last in powers of 1000), optionally with a decimal fraction.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ghostswap.h"

static const char unit_letters[] = "KMGTPE";

static int scale(uint64_t *value, uint64_t base, unsigned int times)
{
	while (times--) {
		if (*value > UINT64_MAX / base)
			return -ERANGE;
		*value *= base;
	}
	return 0;
}

int gsw_parse_size(const char *str, uint64_t *bytes)
{
	uint64_t whole = 0, frac_num = 0, frac_den = 1, base = 1024, unit = 1;
	unsigned int power = 0;
	const char *p = str;
	const char *letter;

	if (!str || !isdigit((unsigned char)*p))
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		uint64_t digit = (uint64_t)(*p - '0');

		if (whole > (UINT64_MAX - digit) / 10)
			return -ERANGE;
		whole = whole * 10 + digit;
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		/* six decimals are plenty; more are read and ignored */
		for (; isdigit((unsigned char)*p); p++)
			if (frac_den < 1000000) {
				frac_num = frac_num * 10 + (uint64_t)(*p - '0');
				frac_den *= 10;
			}
	}
	if (*p) {
		letter = strchr(unit_letters, toupper((unsigned char)*p));
		if (!letter)
			return -EINVAL;
		power = (unsigned int)(letter - unit_letters) + 1;
		p++;
		if (p[0] == 'i' && p[1] == 'B')
			p += 2;
		else if (p[0] == 'B' && p[1] == '\0') {
			base = 1000;
			p++;
		}
		if (*p)
			return -EINVAL;
	}
	if (scale(&unit, base, power) < 0 || scale(&whole, unit, 1) < 0)
		return -ERANGE;
	if (frac_num) {
		/* the fraction of one unit, rounded down to whole bytes */
		uint64_t extra = (unit / frac_den) * frac_num +
			((unit % frac_den) * frac_num) / frac_den;
		if (whole > UINT64_MAX - extra)
			return -ERANGE;
		whole += extra;
	}
	*bytes = whole;
	return 0;
}

void gsw_human_size(uint64_t bytes, char *buf, size_t buflen)
{
	unsigned int exp = 0;
	uint64_t dec, frac;

	while (exp < 60 && (bytes >> (exp + 10)) != 0)
		exp += 10;
	if (!exp) {
		snprintf(buf, buflen, "%u B", (unsigned int)bytes);
		return;
	}
	dec = bytes >> exp;
	frac = bytes & ((1ULL << exp) - 1);
	if (frac) {
		/*
		 * Thousandths first, then one decimal rounded, as util-linux
		 * prints it; rounding 1024ths instead differs, e.g. 1.1 MiB.
		 */
		if (frac >= UINT64_MAX / 1000)
			frac = (frac / 1024) * 1000 / (1ULL << (exp - 10));
		else
			frac = frac * 1000 / (1ULL << exp);
		frac = (frac + 50) / 100;
		if (frac == 10) {
			dec++;
			frac = 0;
		}
	}
	if (frac)
		snprintf(buf, buflen, "%llu.%llu %ciB", (unsigned long long)dec,
			 (unsigned long long)frac, unit_letters[exp / 10 - 1]);
	else
		snprintf(buf, buflen, "%llu %ciB", (unsigned long long)dec,
			 unit_letters[exp / 10 - 1]);
}

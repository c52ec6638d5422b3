/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sizes as util-linux reads and prints them.
 *
 * gsw_parse_size() accepts exactly the strings util-linux's strtosize()
 * accepts, so that "--size" means the same to mkswap-ghost as to mkswap:
 * the number is read by strtoumax() in base 0 (leading blanks, "+", 0x hex
 * and leading-0 octal included), then comes an optional fraction and a
 * suffix K M G T P E Z Y (either case), optionally followed by "iB"/"ib"
 * (powers of 1024) or by "B"/"b" alone (powers of 1000).  Only the
 * fraction is computed differently: util-linux approximates each decimal
 * digit on its own (its 1.9K is 2048 bytes, its 0.75G 1.05 GiB), here the
 * result is exact, rounded down to a byte.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "size.h"

static const char unit_letters[] = "KMGTPE";

/* strtosize()'s suffix letters, upper or lower case: 1 for K ... 8 for Y */
static unsigned int suffix_power(char c)
{
	static const char letters[] = "KMGTPEZY";
	const char *l;

	if (!c)
		return 0;
	l = strchr(letters, toupper((unsigned char)c));
	return l ? (unsigned int)(l - letters) + 1 : 0;
}

static int scale(uint64_t *value, uint64_t base, unsigned int times)
{
	while (times--) {
		if (*value > UINT64_MAX / base)
			return -ERANGE;
		*value *= base;
	}
	return 0;
}

/*
 * UNIT times 0.<ZEROS zeros><DIGITS>, rounded down.  Horner's scheme from
 * the last digit keeps it exact: flooring at each step loses nothing, and
 * 9 * unit + unit stays below 2^64 for units up to 2^60 or 10^18.
 */
static uint64_t fraction_of(uint64_t unit, size_t zeros, const char *digits,
			    size_t ndigits)
{
	uint64_t v = 0;

	while (ndigits--)
		v = ((uint64_t)(digits[ndigits] - '0') * unit + v) / 10;
	while (zeros-- && v)
		v /= 10;
	return v;
}

int gsw_parse_size(const char *str, uint64_t *bytes)
{
	const char *p, *digits = NULL;
	size_t zeros = 0, ndigits = 0;
	uint64_t whole, unit = 1, base = 1024;
	unsigned int power;
	char *end;

	if (!str || !*str)
		return -EINVAL;
	for (p = str; isspace((unsigned char)*p); p++)
		;
	/* strtoumax() would take "-1" for UINTMAX_MAX */
	if (*p == '-')
		return -EINVAL;
	errno = 0;
	whole = strtoumax(str, &end, 0);
	if (end == str)
		return -EINVAL;
	if (errno)
		return -errno;
	if (!*end) {
		*bytes = whole;
		return 0;
	}

	/*
	 * What follows the number: "<letter>", "<letter>iB" or "<letter>B",
	 * or a decimal point and more.  The point is taken as long as no
	 * nonzero fraction digit has been read, as strtosize() does: "5.K"
	 * is 5K, and the zeros of "1.0.5K" count towards the fraction.
	 */
	for (p = end;;) {
		if (p[1] == 'i' && (p[2] == 'B' || p[2] == 'b') && !p[3])
			break;
		if ((p[1] == 'B' || p[1] == 'b') && !p[2]) {
			base = 1000;
			break;
		}
		if (!p[1])
			break;
		if (*p != '.' || digits)
			return -EINVAL;
		for (p++; *p == '0'; p++)
			zeros++;
		if (isdigit((unsigned char)*p)) {
			digits = p;
			errno = 0;
			/* strtosize() refuses what strtoumax() cannot hold */
			strtoumax(digits, &end, 10);
			if (errno)
				return -errno;
			p = end;
			ndigits = (size_t)(p - digits);
		}
		/* a fraction needs a suffix */
		if (!*p)
			return -EINVAL;
	}
	power = suffix_power(*p);
	if (!power)
		return -EINVAL;
	if (scale(&whole, base, power) < 0)
		return -ERANGE;
	if (digits) {
		uint64_t extra;

		/* Z and Y: only 0 with no fraction fits */
		if (scale(&unit, base, power) < 0)
			return -ERANGE;
		extra = fraction_of(unit, zeros, digits, ndigits);
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

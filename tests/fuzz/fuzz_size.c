/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_size - any text as a size argument: gsw_parse_size() must not crash,
 * must answer 0, -EINVAL or -ERANGE and touch nothing on failure; a size it
 * accepts must read back the same printed in decimal, hex or octal, and
 * scale as its header says with each suffix, a fraction exactly.
 * gsw_human_size() must fit any buffer it is given.
 */
#include <errno.h>
#include <inttypes.h>

#include "fuzz.h"
#include "size.h"

/*
 * Parse TEXT and check that the answer is one the contract allows, and
 * that BYTES is left alone on failure.
 */
static int parse(const char *text, uint64_t *bytes)
{
	const uint64_t untouched = 0x5a5a5a5a5a5a5a5aULL;
	uint64_t value = untouched;
	int rc = gsw_parse_size(text, &value);

	FUZZ_CHECK(rc == 0 || rc == -EINVAL || rc == -ERANGE);
	if (rc)
		FUZZ_CHECK(value == untouched);
	else
		*bytes = value;
	return rc;
}

/* N with SUFFIX must mean N * MULT bytes, or overflow when that does. */
static void check_suffix(uint64_t n, const char *suffix, uint64_t mult)
{
	char text[48];
	uint64_t bytes = 0;
	int rc;

	snprintf(text, sizeof(text), "%" PRIu64 "%s", n, suffix);
	rc = parse(text, &bytes);
	if (n && mult > UINT64_MAX / n) {
		FUZZ_CHECK(rc == -ERANGE);
		return;
	}
	FUZZ_CHECK(rc == 0);
	FUZZ_CHECK(bytes == n * mult);
}

/*
 * N.FRAC with SUFFIX is N units plus FRAC of one, converted exactly and
 * rounded down, or -ERANGE when that is over 64 bits.  FRAC has at most
 * six digits, so 128 bits hold every product.
 */
static void check_fraction(uint64_t n, const char *frac, const char *suffix,
			   uint64_t mult)
{
	unsigned __int128 exact, scale = 1;
	char text[64];
	uint64_t bytes = 0, digits = 0;
	int rc;

	for (const char *d = frac; *d; d++) {
		digits = digits * 10 + (uint64_t)(*d - '0');
		scale *= 10;
	}
	exact = (unsigned __int128)n * mult + (unsigned __int128)mult * digits / scale;
	snprintf(text, sizeof(text), "%" PRIu64 ".%s%s", n, frac, suffix);
	rc = parse(text, &bytes);
	if (exact > UINT64_MAX) {
		FUZZ_CHECK(rc == -ERANGE);
		return;
	}
	FUZZ_CHECK(rc == 0);
	FUZZ_CHECK(bytes == exact);
}

static void check_human(uint64_t bytes, size_t buflen)
{
	char buf[64];

	memset(buf, 'x', sizeof(buf));
	gsw_human_size(bytes, buf, buflen);
	if (buflen) {
		FUZZ_CHECK(memchr(buf, '\0', buflen) != NULL);
		FUZZ_CHECK(buflen < 2 || buf[0] != '\0');
	}
	/* nothing past the buffer it was given */
	for (size_t i = buflen; i < sizeof(buf); i++)
		FUZZ_CHECK(buf[i] == 'x');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		const char *suffix;
		uint64_t mult;
	} units[] = {
		{ "K", 1ULL << 10 }, { "M", 1ULL << 20 }, { "G", 1ULL << 30 },
		{ "T", 1ULL << 40 }, { "P", 1ULL << 50 }, { "E", 1ULL << 60 },
		{ "KiB", 1ULL << 10 }, { "GiB", 1ULL << 30 },
		{ "KB", 1000ULL }, { "MB", 1000000ULL }, { "GB", 1000000000ULL },
	};
	char *text = malloc(size + 1);
	char plain[32];
	uint64_t bytes = 0, again = 0;

	FUZZ_CHECK(text);
	memcpy(text, data, size);
	text[size] = '\0';

	if (parse(text, &bytes) == 0) {
		/* strtoumax() in base 0: decimal, hex and octal alike */
		snprintf(plain, sizeof(plain), "%" PRIu64, bytes);
		FUZZ_CHECK(parse(plain, &again) == 0 && again == bytes);
		snprintf(plain, sizeof(plain), "0x%" PRIx64, bytes);
		FUZZ_CHECK(parse(plain, &again) == 0 && again == bytes);
		snprintf(plain, sizeof(plain), "0%" PRIo64, bytes);
		FUZZ_CHECK(parse(plain, &again) == 0 && again == bytes);

		/* small values only: the check itself must not overflow */
		check_suffix(bytes % 100000, units[bytes % 11].suffix,
			     units[bytes % 11].mult);
		/* and the largest number that still fits, with a fraction */
		snprintf(plain, sizeof(plain), "%06" PRIu64, bytes % 1000000);
		check_fraction(UINT64_MAX / units[bytes % 11].mult - bytes % 2,
			       plain, units[bytes % 11].suffix,
			       units[bytes % 11].mult);
		check_fraction(bytes % 1000, plain + bytes % 6,
			       units[(bytes / 11) % 11].suffix,
			       units[(bytes / 11) % 11].mult);
		check_human(bytes, size % 64);
	}
	/* any value at all, with room to spare */
	if (size >= sizeof(bytes)) {
		memcpy(&bytes, data, sizeof(bytes));
		check_human(bytes, sizeof(plain));
	}
	free(text);
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Printing a header: the swaplabel-compatible lines and the full --show
 * view, as text or JSON.
 */
#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghostsupport.h"
#include "json.h"
#include "nls.h"
#include "swaplabel-ext.h"

/* Length of the UTF-8 sequence of a printable character at S, or 0. */
static size_t utf8_printable(const unsigned char *s, size_t left)
{
	uint32_t cp;
	size_t len;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;	/* ASCII, a continuation byte, or never valid */
	len = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (len > left)
		return 0;
	cp = s[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond Unicode, C1 controls */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || cp < 0xa0)
		return 0;
	return len;
}

/*
 * LEN bytes of S as text that is safe on a terminal and valid UTF-8 (JSON
 * needs it, and libsmartcols does not check): control characters, bytes
 * that are not valid UTF-8 and the backslash itself become \xNN, as lsblk
 * encodes names.  Returns a string to free.
 */
static char *safe_string(const char *s, size_t len)
{
	const unsigned char *in = (const unsigned char *)s;
	char *out = malloc(4 * len + 1), *o = out;

	if (!out)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	for (size_t i = 0; i < len;) {
		size_t n = utf8_printable(in + i, len - i);

		if (n) {
			memcpy(o, in + i, n);
			o += n;
			i += n;
		} else if (in[i] < 0x20 || in[i] >= 0x7f || in[i] == '\\') {
			o += sprintf(o, "\\x%02x", in[i]);
			i++;
		} else {
			*o++ = (char)in[i++];
		}
	}
	*o = '\0';
	return out;
}

/* The label as libblkid reports it, made safe to print. */
static char *label_string(const struct gsw_header *hdr)
{
	char raw[GSW_LABEL_LEN + 1];

	area_label_string(hdr, raw, sizeof(raw));
	return safe_string(raw, strlen(raw));
}

int show_compat(struct swap_area *area)
{
	char uuid[GSW_UUID_STR_LEN], why[160];
	char label[GSW_LABEL_LEN + 1];

	switch (area_blkid_view(area, why, sizeof(why))) {
	case BLKID_MISSED:
		warnx(_("%s: libblkid does not detect this swap area: %s"),
		      area->path, why);
		break;
	case BLKID_NO_IDS:
		warnx(_("%s: libblkid does not report LABEL and UUID of this "
		      "swap area: %s"), area->path, why);
		break;
	case BLKID_DETECTED:
		break;
	}

	/*
	 * swaplabel prints what libblkid reports, as it is (as blkid does):
	 * nothing for an empty value, and a label's bytes unescaped.
	 */
	area_label_string(&area->hdr, label, sizeof(label));
	if (*label)
		printf("LABEL: %s\n", label);
	if (!area_uuid_is_nil(&area->hdr)) {
		area_uuid_string(&area->hdr, uuid);
		printf("UUID:  %s\n", uuid);
	}
	return EXIT_SUCCESS;
}

/* "ro_compat:0x00000001", the longest name a feature bit gets */
#define FEATURE_NAME_MAX	20
/* every bit of the three sets named, with separators of 2 bytes at most */
#define FEATURES_MAX		(3 * 32 * (FEATURE_NAME_MAX + 2) + 1)

/*
 * Names of the feature bits, SEP between them; unknown bits in hex.  ghost
 * comes first, so that no number of unknown bits pushes it out of sight.
 */
static void feature_names(const struct gsw_header *hdr, char *buf,
			  size_t buflen, const char *sep)
{
	static const struct {
		const char *set;
		size_t off;
	} sets[] = {
		{ "compat", offsetof(struct gsw_ext, compat) },
		{ "ro_compat", offsetof(struct gsw_ext, ro_compat) },
		{ "incompat", offsetof(struct gsw_ext, incompat) },
	};
	size_t used = 0;
	int n;

	*buf = '\0';
	if (!hdr->has_ext)
		return;
	if (hdr->ext.incompat & GSW_FEATURE_INCOMPAT_GHOST) {
		n = snprintf(buf, buflen, "ghost");
		if (n < 0 || (size_t)n >= buflen)
			return;
		used = (size_t)n;
	}
	for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		uint32_t bits;

		memcpy(&bits, (const char *)&hdr->ext + sets[s].off, sizeof(bits));
		for (unsigned int b = 0; b < 32; b++) {
			uint32_t bit = 1u << b;

			if (!(bits & bit) || (s == 2 &&
					      bit == GSW_FEATURE_INCOMPAT_GHOST))
				continue;
			n = snprintf(buf + used, buflen - used,
				     "%s%s:0x%08" PRIx32, used ? sep : "",
				     sets[s].set, bit);
			if (n < 0 || (size_t)n >= buflen - used)
				return;
			used += (size_t)n;
		}
	}
}

struct show_facts {
	char *device;			/* made safe to print */
	char *label;			/* made safe to print */
	char uuid[GSW_UUID_STR_LEN];
	char features[FEATURES_MAX];
	char blkid_why[160];
	enum blkid_view blkid;
	uint64_t size;
	/* a ghost area's: does the running kernel take it? */
	enum gsw_kernel_support support;
	char support_why[512];
};

static void collect(struct swap_area *area, struct show_facts *f,
		    const char *sep, const char *sysfs)
{
	const struct gsw_header *hdr = &area->hdr;
	char *dir;

	memset(f, 0, sizeof(*f));
	f->device = safe_string(area->path, strlen(area->path));
	f->label = label_string(hdr);
	area_uuid_string(hdr, f->uuid);
	feature_names(hdr, f->features, sizeof(f->features), sep);
	f->blkid = area_blkid_view(area, f->blkid_why, sizeof(f->blkid_why));
	f->size = gsw_advertised_pages(hdr) * hdr->page_size;
	if (gsw_is_ghost(hdr)) {
		dir = gsw_support_probe_dir(area->path);
		if (!dir)
			err(EXIT_FAILURE, _("cannot allocate memory"));
		f->support = gsw_kernel_ghost_support(sysfs, dir, f->support_why,
						      sizeof(f->support_why));
		free(dir);
	}
}

static void release(struct show_facts *f)
{
	free(f->device);
	free(f->label);
}

static const char *active_string(int active)
{
	return active == 1 ? _("yes") : active == 0 ? _("no") : _("unknown");
}

static void print_bytes(const char *key, uint64_t bytes)
{
	char human[32];

	gsw_human_size(bytes, human, sizeof(human));
	/* TRANSLATORS: the key of --show, a size such as "1 MiB", bytes */
	printf(_("%-18s %s (%" PRIu64 " bytes)\n"), key, human, bytes);
}

static int show_text(struct swap_area *area, const char *sysfs)
{
	const struct gsw_header *hdr = &area->hdr;
	struct show_facts f;

	collect(area, &f, ", ", sysfs);
	/* the keys and prose are translated, the words --json also uses are not */
	printf("%-18s %s\n", _("Device:"), f.device);
	printf("%-18s %s\n", _("Kind:"), gsw_is_ghost(hdr) ? "ghost" : "regular");
	printf("%-18s %d (%s)\n", _("Header version:"), hdr->version,
	       hdr->version ? GSW_MAGIC_V1 : GSW_MAGIC_V0);
	if (hdr->has_ext)
		printf("%-18s %u\n", _("Extension version:"), hdr->ext.version);
	else
		printf("%-18s %s\n", _("Extension version:"), _("none"));
	print_bytes(_("Advertised size:"), f.size);
	printf("%-18s %" PRIu64 "\n", _("Pages:"), gsw_advertised_pages(hdr));
	printf("%-18s %u\n", _("Page size:"), hdr->page_size);
	printf("%-18s %s-endian\n", _("Byte order:"),
	       gsw_order_name(hdr->big_endian));
	printf("%-18s %s\n", "LABEL:", f.label);
	printf("%-18s %s\n", "UUID:", f.uuid);
	printf("%-18s %s\n", _("Features:"), *f.features ? f.features : _("none"));
	printf("%-18s %" PRIu32 "\n", _("Bad pages:"), hdr->nr_badpages);
	if (area->facts.known) {
		print_bytes(area->facts.is_blockdev ? _("Device size:") :
			    _("File length:"), area->facts.size);
		if (!area->facts.is_blockdev)
			print_bytes(_("Allocated:"), area->facts.allocated);
	}
	printf("%-18s %s\n", _("Active:"), active_string(area->active));
	if (f.blkid == BLKID_DETECTED)
		printf("%-18s %s\n", "libblkid:", _("detects it"));
	else
		printf("%-18s %s: %s\n", "libblkid:",
		       f.blkid == BLKID_MISSED ? _("does not detect it") :
		       _("detects it without LABEL and UUID"), f.blkid_why);
	/* the running kernel's answer matters to a ghost area only */
	if (gsw_is_ghost(hdr))
		printf("%-18s %s (%s)\n", _("Kernel support:"),
		       gsw_kernel_support_name(f.support), f.support_why);
	release(&f);
	return EXIT_SUCCESS;
}

/*
 * A text value and its bytes: the value where the bytes are UTF-8 (JSON
 * strings can hold nothing else), null otherwise; the hex form always, so
 * that any label or name comes through whole.
 */
static void json_text(struct json *j, const char *key, const char *hex_key,
		      const char *raw)
{
	size_t len = strlen(raw);

	json_string(j, key, json_is_utf8(raw, len) ? raw : NULL);
	json_hex(j, hex_key, raw, len);
}

static int show_json(struct swap_area *area, const char *sysfs)
{
	const struct gsw_header *hdr = &area->hdr;
	const struct gsw_file_facts *facts = &area->facts;
	char label[GSW_LABEL_LEN + 1];
	struct show_facts f;
	struct json j;

	collect(area, &f, "\n", sysfs);
	area_label_string(hdr, label, sizeof(label));
	json_init(&j, stdout);
	json_open_object(&j, NULL);
	json_open_array(&j, "swaparea");
	json_open_object(&j, NULL);
	json_text(&j, "device", "device_hex", area->path);
	json_string(&j, "kind", gsw_is_ghost(hdr) ? "ghost" : "regular");
	json_number(&j, "version", (uint64_t)hdr->version);
	if (hdr->has_ext)
		json_number(&j, "ext_version", hdr->ext.version);
	else
		json_null(&j, "ext_version");
	json_number(&j, "size", f.size);
	json_number(&j, "pages", gsw_advertised_pages(hdr));
	json_number(&j, "pagesize", hdr->page_size);
	json_string(&j, "byteorder", gsw_order_name(hdr->big_endian));
	json_text(&j, "label", "label_hex", label);
	json_string(&j, "uuid", f.uuid);
	json_open_array(&j, "features");
	for (char *name = strtok(f.features, "\n"); name; name = strtok(NULL, "\n"))
		json_string(&j, NULL, name);
	json_close(&j);
	json_number(&j, "compat", hdr->has_ext ? hdr->ext.compat : 0);
	json_number(&j, "ro_compat", hdr->has_ext ? hdr->ext.ro_compat : 0);
	json_number(&j, "incompat", hdr->has_ext ? hdr->ext.incompat : 0);
	json_number(&j, "badpages", hdr->nr_badpages);
	json_bool(&j, "blockdev", S_ISBLK(area->st.st_mode));
	if (facts->known) {
		json_number(&j, "file_size", facts->size);
		json_number(&j, "allocated", facts->allocated);
	} else {
		json_null(&j, "file_size");
		json_null(&j, "allocated");
	}
	/* not known is not false */
	json_bool(&j, "active", area->active < 0 ? -1 : area->active);
	json_bool(&j, "blkid", f.blkid != BLKID_MISSED);
	json_string(&j, "blkid_reason", f.blkid_why);
	json_string(&j, "kernel_support", gsw_is_ghost(hdr) ?
		    gsw_kernel_support_name(f.support) : NULL);
	json_close(&j);
	json_close(&j);
	json_close(&j);
	release(&f);
	return EXIT_SUCCESS;
}

int show_area(struct swap_area *area, bool json, const char *sysfs)
{
	return json ? show_json(area, sysfs) : show_text(area, sysfs);
}

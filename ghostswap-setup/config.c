/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ghostswap.conf(5): reading, checking and evaluating the configuration.
 * Every problem is reported with the file and line that caused it, before
 * anything is changed.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ghostswap-setup.h"
#include "nls.h"
#include "size.h"
#include "sizeexpr.h"

static const char *const zswap_names[GS_ZSWAP_NPARAMS] = {
	[GS_ZSWAP_COMPRESSOR] = "compressor",
	[GS_ZSWAP_MAX_POOL_PERCENT] = "max_pool_percent",
	[GS_ZSWAP_ACCEPT_THRESHOLD_PERCENT] = "accept_threshold_percent",
	[GS_ZSWAP_SHRINKER_ENABLED] = "shrinker_enabled",
	[GS_ZSWAP_ENABLED] = "enabled",
};

const char *gs_zswap_name(enum gs_zswap_param p)
{
	return zswap_names[p];
}

enum value_kind { V_SIZE, V_PATH, V_PRIO, V_FALLBACK, V_NAME, V_PERCENT, V_BOOL };

struct key {
	const char *name;
	enum value_kind kind;
	size_t off;			/* of its struct gs_value in setup_config */
};

#define CONF_OFF(field)	offsetof(struct setup_config, field)
static const struct key keys[] = {
	{ "size", V_SIZE, CONF_OFF(size) },
	{ "path", V_PATH, CONF_OFF(path) },
	{ "priority", V_PRIO, CONF_OFF(priority) },
	{ "fallback", V_FALLBACK, CONF_OFF(fallback) },
	{ "zram-size", V_SIZE, CONF_OFF(zram_size) },
	{ "zram-compressor", V_NAME, CONF_OFF(zram_compressor) },
	{ "zswap-compressor", V_NAME, CONF_OFF(zswap[GS_ZSWAP_COMPRESSOR]) },
	{ "zswap-max-pool-percent", V_PERCENT, CONF_OFF(zswap[GS_ZSWAP_MAX_POOL_PERCENT]) },
	{ "zswap-accept-threshold-percent", V_PERCENT,
	  CONF_OFF(zswap[GS_ZSWAP_ACCEPT_THRESHOLD_PERCENT]) },
	{ "zswap-shrinker-enabled", V_BOOL, CONF_OFF(zswap[GS_ZSWAP_SHRINKER_ENABLED]) },
};
#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

char *gs_strdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	return d;
}

static char *xasprintf_where(const char *file, unsigned int line)
{
	char *s;

	if (asprintf(&s, "%s:%u", file, line) < 0)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	return s;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* A bounded decimal integer, nothing around it. */
static bool parse_int(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s) && *s != '-')
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* A compressor's name as the kernel lists them: letters, digits, '-' */
static bool is_name(const char *s)
{
	if (!*s || strlen(s) > 63)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return false;
	return true;
}

static const char *bool_value(const char *s)
{
	static const char *const yes[] = { "yes", "y", "Y", "1", "true", "on" };
	static const char *const no[] = { "no", "n", "N", "0", "false", "off" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(s, yes[i]) == 0)
			return "Y";
		if (strcmp(s, no[i]) == 0)
			return "N";
	}
	return NULL;
}

/* The checks that need no other value: syntax and ranges. */
static void check_value(const struct key *k, const char *v, const char *where,
			uint64_t ram)
{
	uint64_t bytes;
	size_t pos = 0;
	long n;
	int rc;

	switch (k->kind) {
	case V_SIZE:
		rc = gsw_eval_size_expr(v, ram, &bytes, &pos);
		if (rc == -EINVAL)
			errx(EXIT_FAILURE, _("%s: %s: cannot read '%s' at column %zu "
			     "(a size such as 64G, or an expression of ram such as ram * 2)"),
			     where, k->name, v, pos + 1);
		if (rc == -EDOM)
			errx(EXIT_FAILURE, _("%s: %s: '%s' divides by zero"), where, k->name, v);
		if (rc < 0)
			errx(EXIT_FAILURE, _("%s: %s: '%s' is out of range (negative, or "
			     "more than 64 bits)"), where, k->name, v);
		break;
	case V_PATH:
		if (v[0] != '/' || v[strlen(v) - 1] == '/')
			errx(EXIT_FAILURE, _("%s: %s: '%s' is not an absolute path to a file"),
			     where, k->name, v);
		/* the state file keeps it on a line, between tabs */
		for (const char *p = v; *p; p++)
			if (iscntrl((unsigned char)*p))
				errx(EXIT_FAILURE, _("%s: %s: control characters in '%s'"),
				     where, k->name, v);
		break;
	case V_PRIO:
		if (!parse_int(v, 0, GS_MAX_PRIORITY, &n))
			errx(EXIT_FAILURE, _("%s: %s: '%s' is not a number from 0 to %d"),
			     where, k->name, v, GS_MAX_PRIORITY);
		break;
	case V_FALLBACK:
		if (strcmp(v, "zram") != 0 && strcmp(v, "none") != 0)
			errx(EXIT_FAILURE, _("%s: %s: '%s' is neither zram nor none"),
			     where, k->name, v);
		break;
	case V_NAME:
		if (!is_name(v))
			errx(EXIT_FAILURE, _("%s: %s: '%s' is not a compressor's name"),
			     where, k->name, v);
		break;
	case V_PERCENT:
		if (!parse_int(v, 0, 100, &n))
			errx(EXIT_FAILURE, _("%s: %s: '%s' is not a number from 0 to 100"),
			     where, k->name, v);
		break;
	case V_BOOL:
		if (!bool_value(v))
			errx(EXIT_FAILURE, _("%s: %s: '%s' is neither yes nor no"),
			     where, k->name, v);
		break;
	}
}

static void read_file(struct setup_control *ctl, const char *path, bool must_exist)
{
	struct setup_config *c = &ctl->conf;
	char *seen[NKEYS] = { NULL };
	FILE *f = fopen(path, "re");
	char *line = NULL, *files;
	size_t cap = 0;
	unsigned int lineno = 0;

	if (!f) {
		if (errno == ENOENT && !must_exist)
			return;
		err(EXIT_FAILURE, _("cannot open %s"), path);
	}
	if (asprintf(&files, "%s%s%s", c->files ? c->files : "",
		     c->files ? ", " : "", path) < 0)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	free(c->files);
	c->files = files;
	errno = 0;
	while (getline(&line, &cap, f) >= 0) {
		char *s, *eq, *name, *value, *where;
		const struct key *k = NULL;
		struct gs_value *slot;

		lineno++;
		s = line;
		s[strcspn(s, "#")] = '\0';
		s = trim(s);
		if (!*s)
			continue;
		where = xasprintf_where(path, lineno);
		eq = strchr(s, '=');
		if (!eq)
			errx(EXIT_FAILURE, _("%s: expected 'key = value', found '%s'"), where, s);
		*eq = '\0';
		name = trim(s);
		value = trim(eq + 1);
		for (size_t i = 0; i < NKEYS; i++)
			if (strcmp(keys[i].name, name) == 0)
				k = &keys[i];
		if (!k)
			errx(EXIT_FAILURE, _("%s: unknown key '%s'"), where, name);
		if (!*value)
			errx(EXIT_FAILURE, _("%s: %s: no value"), where, name);
		if (seen[k - keys])
			errx(EXIT_FAILURE, _("%s: %s given twice in one file (first at %s)"),
			     where, name, seen[k - keys]);
		check_value(k, value, where, ctl->ram);
		seen[k - keys] = where;
		slot = (struct gs_value *)((char *)c + k->off);
		free(slot->text);
		slot->text = gs_strdup(k->kind == V_BOOL ? bool_value(value) : value);
		/* a later file overrides an earlier one's value */
		free(slot->where);
		slot->where = where;
	}
	if (ferror(f))
		err(EXIT_FAILURE, _("cannot read %s"), path);
	free(line);
	fclose(f);
}

static void set_default(struct gs_value *v, const char *text)
{
	if (!v->text)
		v->text = gs_strdup(text);
}

/* "where: " for a value from a file, nothing for a default */
static const char *origin(const struct gs_value *v, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", v->where ? v->where : "", v->where ? ": " : "");
	return buf;
}

/* What depends on RAM and the page size, and how values combine. */
static void evaluate(struct setup_control *ctl)
{
	struct setup_config *c = &ctl->conf;
	const uint64_t ps = ctl->pagesize;
	const uint64_t file_len = (uint64_t)GSW_GHOST_FILE_PAGES * ps;
	uint64_t bytes, pages;
	char o[4096 + 32], human[32];
	long n;

	set_default(&c->size, GS_DEFAULT_SIZE);
	set_default(&c->path, GS_DEFAULT_PATH);
	set_default(&c->fallback, "none");
	set_default(&c->zram_size, GS_DEFAULT_ZRAM_SIZE);
	if (!c->priority.text) {
		if (asprintf(&c->priority.text, "%d", GS_DEFAULT_PRIORITY) < 0)
			err(EXIT_FAILURE, _("cannot allocate memory"));
	}
	c->zswap[GS_ZSWAP_ENABLED].text = gs_strdup("Y");

	if (gsw_eval_size_expr(c->size.text, ctl->ram, &bytes, NULL) < 0)
		errx(EXIT_FAILURE, _("%ssize: '%s' is out of range"),
		     origin(&c->size, o, sizeof(o)), c->size.text);
	pages = bytes / ps;
	switch (gsw_ghost_size_check(pages, ctl->pagesize, file_len)) {
	case GSW_GHOST_SIZE_OK:
		break;
	case GSW_GHOST_SIZE_NOT_LARGER:
		gsw_human_size(bytes, human, sizeof(human));
		errx(EXIT_FAILURE, _("%ssize: '%s' gives %s; a ghost area advertises at "
		     "least %" PRIu64 " KiB"), origin(&c->size, o, sizeof(o)),
		     c->size.text, human, (file_len + ps) / 1024);
	case GSW_GHOST_SIZE_TOO_LARGE:
		/* a size from RAM is capped; one written as a number is a mistake */
		if (!strstr(c->size.text, "ram")) {
			gsw_human_size(GSW_GHOST_MAX_PAGES * ps, human, sizeof(human));
			errx(EXIT_FAILURE, _("%ssize: '%s' is more than the %s a ghost "
			     "area may advertise"), origin(&c->size, o, sizeof(o)),
			     c->size.text, human);
		}
		pages = GSW_GHOST_MAX_PAGES;
		c->size_capped = true;
		break;
	}
	c->size_bytes = pages * ps;

	if (gsw_eval_size_expr(c->zram_size.text, ctl->ram, &bytes, NULL) < 0)
		errx(EXIT_FAILURE, _("%szram-size: '%s' is out of range"),
		     origin(&c->zram_size, o, sizeof(o)), c->zram_size.text);
	c->zram_bytes = bytes / ps * ps;
	c->fallback_mode = strcmp(c->fallback.text, "zram") == 0 ?
			   GS_FALLBACK_ZRAM : GS_FALLBACK_NONE;
	if (c->fallback_mode == GS_FALLBACK_ZRAM &&
	    (c->zram_bytes / ps < GSW_MIN_PAGES || c->zram_bytes / ps > UINT32_MAX))
		errx(EXIT_FAILURE, _("%szram-size: '%s' gives %" PRIu64 " bytes; a zram "
		     "swap device holds %u to %" PRIu64 " pages"),
		     origin(&c->zram_size, o, sizeof(o)), c->zram_size.text, bytes,
		     GSW_MIN_PAGES, (uint64_t)UINT32_MAX);
	if (!parse_int(c->priority.text, 0, GS_MAX_PRIORITY, &n))
		n = GS_DEFAULT_PRIORITY;
	c->prio = (int)n;
	if (asprintf(&c->file, "%s%s", ctl->root, c->path.text) < 0)
		err(EXIT_FAILURE, _("cannot allocate memory"));
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void gs_load_config(struct setup_control *ctl)
{
	char *main_file, *pattern;
	glob_t g;

	if (ctl->config) {
		read_file(ctl, ctl->config, true);
	} else {
		if (asprintf(&main_file, "%s/etc/ghostswap.conf", ctl->root) < 0 ||
		    asprintf(&pattern, "%s/etc/ghostswap.conf.d/*.conf", ctl->root) < 0)
			err(EXIT_FAILURE, _("cannot allocate memory"));
		read_file(ctl, main_file, false);
		if (glob(pattern, 0, NULL, &g) == 0) {
			/* glob sorts in the locale's order; the files go by bytes */
			qsort(g.gl_pathv, g.gl_pathc, sizeof(char *), compare_names);
			for (size_t i = 0; i < g.gl_pathc; i++)
				read_file(ctl, g.gl_pathv[i], true);
			globfree(&g);
		}
		free(main_file);
		free(pattern);
	}
	evaluate(ctl);
}

static void free_value(struct gs_value *v)
{
	free(v->text);
	free(v->where);
}

void gs_free_config(struct setup_config *c)
{
	free_value(&c->size);
	free_value(&c->path);
	free_value(&c->priority);
	free_value(&c->fallback);
	free_value(&c->zram_size);
	free_value(&c->zram_compressor);
	for (int p = 0; p < GS_ZSWAP_NPARAMS; p++)
		free_value(&c->zswap[p]);
	free(c->files);
	free(c->file);
}

uint64_t gs_read_ram(const char *meminfo)
{
	FILE *f = fopen(meminfo, "re");
	char line[256];
	uint64_t kib = 0;

	if (!f)
		err(EXIT_FAILURE, _("cannot open %s"), meminfo);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemTotal: %" SCNu64 " kB", &kib) == 1)
			break;
	fclose(f);
	if (!kib)
		errx(EXIT_FAILURE, _("%s: no MemTotal line"), meminfo);
	return kib * 1024;
}

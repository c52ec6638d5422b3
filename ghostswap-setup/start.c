/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Starting and stopping: each step says what it did and is recorded in the
 * state file at once, so that a failed step undoes those before it and
 * --stop undoes them all, last first.
 *
 * The state file holds one step a line, its words separated by tabs:
 *
 *   dir PATH                   a directory created for the ghost file
 *   file PATH created|rewritten|reused
 *   zswap NAME OLD NEW         a zswap parameter changed from OLD to NEW
 *   zram-added N               /dev/zramN made through hot_add
 *   zram-used N                the existing, unused /dev/zramN taken
 *   zram-comp N OLD NEW        its compression algorithm changed
 *   zram-disksize N            its size set
 *   swapon PATH                the area switched on
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <unistd.h>

#include "ghostswap-setup.h"
#include "io.h"
#include "nls.h"
#include "size.h"
#include "system.h"
#include "uuidarg.h"

#define MAX_STEPS	32
#define MAX_WORDS	4

struct step {
	char *w[MAX_WORDS];		/* the kind, then its arguments */
};

struct run {
	struct setup_control *ctl;
	struct step steps[MAX_STEPS];
	size_t nsteps;
	uint8_t *old_header;		/* a rewritten file's header, for undo */
	size_t old_len;
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

static char *sysfs_path(const struct setup_control *ctl, const char *path)
{
	char *p;

	if (asprintf(&p, "%s%s", ctl->sysfs, path) < 0)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	return p;
}

int gs_sysfs_read(const struct setup_control *ctl, const char *path,
		  char *buf, size_t len)
{
	char *p = sysfs_path(ctl, path);
	int fd = open(p, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	int rc = 0;

	free(p);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0)
		rc = -errno;
	close(fd);
	if (rc)
		return rc;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int sysfs_write(const struct setup_control *ctl, const char *path,
		       const char *value)
{
	char *p = sysfs_path(ctl, path);
	int fd = open(p, O_WRONLY | O_CLOEXEC);
	int rc = 0;

	free(p);
	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) < 0)
		rc = -errno;
	if (close(fd) != 0 && !rc)
		rc = -errno;
	return rc;
}

/* The test hook: the step named NAME fails with EIO before it acts. */
static int injected(const struct setup_control *ctl, const char *name)
{
	return ctl->fail_step && strcmp(ctl->fail_step, name) == 0 ? -EIO : 0;
}

/* ---- the state file ---- */

/* DIR and the directories above it that are missing; 0 or -errno */
static int make_dirs(const char *dir)
{
	char *copy = gs_strdup(dir);
	int rc = 0;

	for (char *p = copy + 1; !rc; p++) {
		bool last = *p == '\0';

		if (*p != '/' && !last)
			continue;
		*p = '\0';
		if (mkdir(copy, 0755) != 0 && errno != EEXIST)
			rc = -errno;
		if (last)
			break;
		*p = '/';
	}
	free(copy);
	return rc;
}

static int save_state(struct run *r)
{
	struct setup_control *ctl = r->ctl;
	char *tmp;
	FILE *f;
	int rc = injected(ctl, "state");

	if (rc)
		return rc;
	rc = make_dirs(ctl->state_dir);
	if (rc < 0)
		return rc;
	if (asprintf(&tmp, "%s.new", ctl->state_file) < 0)
		return -ENOMEM;
	f = fopen(tmp, "we");
	if (!f) {
		rc = -errno;
		free(tmp);
		return rc;
	}
	fputs("# ghostswap-setup: what --stop undoes, last line first\n", f);
	for (size_t i = 0; i < r->nsteps; i++) {
		for (size_t w = 0; w < MAX_WORDS && r->steps[i].w[w]; w++)
			fprintf(f, "%s%s", w ? "\t" : "", r->steps[i].w[w]);
		fputc('\n', f);
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		rc = -errno;
	if (fclose(f) != 0 && !rc)
		rc = -errno;
	if (!rc && rename(tmp, ctl->state_file) != 0)
		rc = -errno;
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* Record a step that was done; the state file follows at once. */
static int record(struct run *r, const char *kind, const char *a, const char *b,
		  const char *c)
{
	struct step *s;

	if (r->nsteps == MAX_STEPS)
		return -E2BIG;
	s = &r->steps[r->nsteps++];
	s->w[0] = gs_strdup(kind);
	s->w[1] = a ? gs_strdup(a) : NULL;
	s->w[2] = b ? gs_strdup(b) : NULL;
	s->w[3] = c ? gs_strdup(c) : NULL;
	return save_state(r);
}

static int load_state(struct run *r)
{
	FILE *f = fopen(r->ctl->state_file, "re");
	char *line = NULL;
	size_t cap = 0;

	if (!f)
		return -errno;
	while (getline(&line, &cap, f) >= 0) {
		struct step *s;
		char *save = NULL, *tok;

		line[strcspn(line, "\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		if (r->nsteps == MAX_STEPS)
			break;
		s = &r->steps[r->nsteps++];
		tok = strtok_r(line, "\t", &save);
		for (size_t w = 0; w < MAX_WORDS && tok; w++) {
			s->w[w] = gs_strdup(tok);
			tok = strtok_r(NULL, "\t", &save);
		}
	}
	free(line);
	fclose(f);
	return 0;
}

static void free_step(struct step *s)
{
	for (size_t w = 0; w < MAX_WORDS; w++) {
		free(s->w[w]);
		s->w[w] = NULL;
	}
}

/* What a run holds when it ends, whatever it did. */
static void release_run(struct run *r)
{
	while (r->nsteps)
		free_step(&r->steps[--r->nsteps]);
	free(r->old_header);
	r->old_header = NULL;
}

/* ---- undoing one step ---- */

/* the name in brackets of a "[lzo-rle] lzo lz4" list */
static void bracketed(const char *list, char *out, size_t len)
{
	const char *a = strchr(list, '['), *b = a ? strchr(a, ']') : NULL;

	if (a && b && (size_t)(b - a) < len) {
		memcpy(out, a + 1, (size_t)(b - a - 1));
		out[b - a - 1] = '\0';
	} else {
		snprintf(out, len, "%s", list);
	}
}

static char *zram_attr(int dev, const char *attr)
{
	char *p;

	if (asprintf(&p, "/block/zram%d/%s", dev, attr) < 0)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	return p;
}

static int undo_zswap(struct run *r, const struct step *s)
{
	char path[128], now[256];
	int rc;

	snprintf(path, sizeof(path), "/module/zswap/parameters/%s", s->w[1]);
	rc = gs_sysfs_read(r->ctl, path, now, sizeof(now));
	if (rc == 0 && strcmp(now, s->w[3] ? s->w[3] : "") != 0) {
		warnx(_("zswap: %s is now %s, not the %s set at start: left as it is"),
		      s->w[1], now, s->w[3]);
		return 0;
	}
	if (rc == 0)
		rc = sysfs_write(r->ctl, path, s->w[2] ? s->w[2] : "");
	if (rc < 0) {
		errno = -rc;
		warn(_("zswap: cannot restore %s to %s"), s->w[1], s->w[2]);
		return rc;
	}
	say(_("zswap: %s restored to %s"), s->w[1], s->w[2]);
	return 0;
}

/* Undo step S; ON_STOP leaves what --stop keeps (the file, its directory). */
static int undo(struct run *r, const struct step *s, bool on_stop)
{
	const char *k = s->w[0];
	int rc = 0, dev = s->w[1] ? atoi(s->w[1]) : 0;
	char *p, buf[256], num[32];

	if (strcmp(k, "swapon") == 0) {
		if (swapoff(s->w[1]) != 0 && errno != EINVAL) {
			warn(_("swapoff of %s failed"), s->w[1]);
			return -errno;
		}
		say(_("swapoff: %s"), s->w[1]);
	} else if (strcmp(k, "zswap") == 0) {
		rc = undo_zswap(r, s);
	} else if (strcmp(k, "file") == 0 && !on_stop) {
		if (strcmp(s->w[2], "created") == 0) {
			if (unlink(s->w[1]) != 0) {
				warn(_("cannot remove %s"), s->w[1]);
				return -errno;
			}
			say(_("ghost file: removed %s"), s->w[1]);
		} else if (strcmp(s->w[2], "rewritten") == 0 && r->old_header) {
			rc = gsw_write_file_atomic(s->w[1], r->old_header, r->old_len,
						   (uint64_t)GSW_GHOST_FILE_PAGES * r->old_len,
						   0600);
			if (rc < 0) {
				errno = -rc;
				warn(_("cannot write the old header back to %s"), s->w[1]);
				return rc;
			}
			say(_("ghost file: %s has its old header again"), s->w[1]);
		}
	} else if (strcmp(k, "dir") == 0 && !on_stop) {
		if (rmdir(s->w[1]) != 0) {
			warn(_("cannot remove the directory %s"), s->w[1]);
			return -errno;
		}
		say(_("directory: removed %s"), s->w[1]);
	} else if (strcmp(k, "zram-disksize") == 0) {
		p = zram_attr(dev, "reset");
		rc = sysfs_write(r->ctl, p, "1");
		free(p);
		if (rc < 0) {
			errno = -rc;
			warn(_("zram: cannot reset /dev/zram%d"), dev);
			return rc;
		}
		say(_("zram: /dev/zram%d reset"), dev);
	} else if (strcmp(k, "zram-comp") == 0) {
		p = zram_attr(dev, "comp_algorithm");
		rc = gs_sysfs_read(r->ctl, p, buf, sizeof(buf));
		bracketed(buf, num, sizeof(num));
		if (rc == 0 && strcmp(num, s->w[2]) != 0)
			rc = sysfs_write(r->ctl, p, s->w[2]);
		free(p);
		if (rc < 0) {
			errno = -rc;
			warn(_("zram: cannot restore the algorithm of /dev/zram%d to %s"),
			     dev, s->w[2]);
			return rc;
		}
		say(_("zram: /dev/zram%d algorithm restored to %s"), dev, s->w[2]);
	} else if (strcmp(k, "zram-added") == 0) {
		rc = sysfs_write(r->ctl, "/class/zram-control/hot_remove", s->w[1]);
		if (rc < 0) {
			errno = -rc;
			warn(_("zram: cannot remove /dev/zram%d"), dev);
			return rc;
		}
		say(_("zram: /dev/zram%d removed"), dev);
	}
	return 0;
}

/* Undo every recorded step, last first; 0 when all were undone. */
static int undo_all(struct run *r, bool on_stop)
{
	int failed = 0;

	while (r->nsteps) {
		struct step *s = &r->steps[r->nsteps - 1];

		if (undo(r, s, on_stop) < 0) {
			failed = -1;
			break;
		}
		free_step(s);
		r->nsteps--;
	}
	return failed;
}

/* A step failed: say which, undo the others, and end the run. */
static int __attribute__((__noreturn__, __format__(__printf__, 3, 4)))
step_failed(struct run *r, int rc, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(-rc));
	if (r->nsteps)
		warnx(_("undoing the steps before it"));
	if (undo_all(r, false) < 0) {
		warnx(_("could not undo every step: what is left is in %s"),
		      r->ctl->state_file);
		save_state(r);
		exit(GS_EXIT_FAILURE);
	}
	unlink(r->ctl->state_file);
	if (r->nsteps == 0)
		warnx(_("nothing was changed"));
	exit(GS_EXIT_FAILURE);
}

/* ---- the ghost file ---- */

/*
 * How to make or keep the file; the header of one to rewrite stays in
 * r->old_header, for an undo.
 */
enum file_plan { FILE_CREATE, FILE_REUSE, FILE_REWRITE };

static enum file_plan plan_file(struct run *r, const char *file)
{
	struct setup_control *ctl = r->ctl;
	const struct setup_config *c = &ctl->conf;
	struct gsw_header hdr;
	struct gsw_file_facts facts;
	struct gsw_report *report;
	struct stat st;
	ssize_t n;
	char label[GSW_LABEL_LEN + 1];
	char have[32], want[32];
	enum file_plan plan;
	int fd, rc, active;

	if (lstat(file, &st) != 0) {
		if (errno != ENOENT)
			err(EXIT_FAILURE, _("stat of %s failed"), file);
		return FILE_CREATE;
	}
	if (!S_ISREG(st.st_mode))
		errx(EXIT_FAILURE, _("error: %s is not a regular file; will not replace it; "
		     "nothing was changed"), file);
	active = gsw_is_active_swap(st.st_dev, st.st_ino, false, 0, ctl->swaps_path);
	if (active == 1)
		errx(EXIT_FAILURE, _("error: %s is already an active swap area; "
		     "nothing was changed"), file);
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		err(EXIT_FAILURE, _("cannot open %s"), file);
	r->old_header = calloc(1, GSW_MAX_PAGE_SIZE);
	if (!r->old_header)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	n = pread(fd, r->old_header, GSW_MAX_PAGE_SIZE, 0);
	if (n < 0)
		err(EXIT_FAILURE, _("cannot read %s"), file);
	rc = gsw_parse(r->old_header, (size_t)n, &hdr);
	if (rc < 0 || !gsw_is_ghost(&hdr))
		errx(EXIT_FAILURE, _("error: %s exists and is not a ghost swap area; "
		     "will not replace it; nothing was changed"), file);
	memcpy(label, hdr.label, GSW_LABEL_LEN);
	label[GSW_LABEL_LEN] = '\0';
	report = gsw_report_new();
	if (!report)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	if (gsw_file_facts_from_fd(fd, &facts) < 0)
		facts.known = false;
	close(fd);
	gsw_validate(r->old_header, (size_t)n, &facts, report);
	if (gsw_report_worst(report) == GSW_ERROR)
		errx(EXIT_FAILURE, _("error: %s is a ghost swap area that fails validation "
		     "(swaplabel-ext --check %s says why); nothing was changed"), file, file);
	gsw_report_free(report);
	if (hdr.page_size == ctl->pagesize &&
	    gsw_advertised_pages(&hdr) * hdr.page_size == c->size_bytes)
		plan = FILE_REUSE;
	else if (strcmp(label, GS_LABEL) == 0)
		plan = FILE_REWRITE;
	else {
		gsw_human_size(gsw_advertised_pages(&hdr) * hdr.page_size, have, sizeof(have));
		gsw_human_size(c->size_bytes, want, sizeof(want));
		errx(EXIT_FAILURE, _("error: %s is a ghost swap area of %s that "
		     "ghostswap-setup did not create (its label is not %s), and the "
		     "configuration asks for %s: will not replace it; nothing was changed"),
		     file, have, GS_LABEL, want);
	}
	/* a ghost file is its header page and zeros: that page is all to keep */
	r->old_len = hdr.page_size;
	return plan;
}

static void make_ghost_file(struct run *r, enum file_plan plan, const char *file)
{
	struct setup_control *ctl = r->ctl;
	uint8_t uuid[GSW_UUID_LEN];
	struct gsw_header old;
	struct gsw_params params = {
		.page_size = ctl->pagesize,
		.pages = ctl->conf.size_bytes / ctl->pagesize,
		.uuid = uuid,
		.label = GS_LABEL,
		.ghost = true,
	};
	char human[32];
	uint8_t *page;
	int rc = injected(ctl, "file");

	gsw_human_size(ctl->conf.size_bytes, human, sizeof(human));
	if (plan == FILE_REUSE) {
		say(_("ghost file: reusing %s (advertises %s)"), file, human);
		rc = record(r, "file", file, "reused", NULL);
		if (rc < 0)
			step_failed(r, rc, _("saving the state in %s"), ctl->state_file);
		return;
	}
	gsw_uuid_generate(uuid);
	/* a rewritten file keeps its UUID */
	if (plan == FILE_REWRITE && gsw_parse(r->old_header, r->old_len, &old) == 0)
		memcpy(uuid, old.uuid, sizeof(uuid));
	page = calloc(1, ctl->pagesize);
	if (!page)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	if (!rc)
		rc = gsw_build(&params, page);
	if (!rc)
		rc = gsw_write_file_atomic(file, page, ctl->pagesize,
					   (uint64_t)GSW_GHOST_FILE_PAGES * ctl->pagesize,
					   0600);
	free(page);
	if (rc == GSW_WRITTEN_NOT_DURABLE)
		rc = 0;
	if (rc < 0)
		step_failed(r, rc, _("ghost file: cannot write %s"), file);
	say(plan == FILE_CREATE ? _("ghost file: created %s (advertises %s)") :
	    _("ghost file: rewrote %s to advertise %s"), file, human);
	rc = record(r, "file", file, plan == FILE_CREATE ? "created" : "rewritten", NULL);
	if (rc < 0)
		step_failed(r, rc, _("saving the state in %s"), ctl->state_file);
}

/* ---- zswap ---- */

static void set_zswap(struct run *r)
{
	struct setup_control *ctl = r->ctl;
	char path[128], old[256];
	int rc;

	for (int p = 0; p < GS_ZSWAP_NPARAMS; p++) {
		const char *want = ctl->conf.zswap[p].text;

		if (!want)
			continue;
		snprintf(path, sizeof(path), "/module/zswap/parameters/%s", gs_zswap_name(p));
		rc = injected(ctl, "zswap");
		if (!rc)
			rc = gs_sysfs_read(ctl, path, old, sizeof(old));
		if (rc < 0)
			step_failed(r, rc, _("zswap: cannot read %s%s"), ctl->sysfs, path);
		if (strcmp(old, want) == 0) {
			say(_("zswap: %s is already %s"), gs_zswap_name(p), want);
			continue;
		}
		rc = sysfs_write(ctl, path, want);
		if (rc < 0)
			step_failed(r, rc, _("zswap: cannot set %s to %s"), gs_zswap_name(p), want);
		say(_("zswap: %s %s -> %s"), gs_zswap_name(p), old, want);
		rc = record(r, "zswap", gs_zswap_name(p), old, want);
		if (rc < 0)
			step_failed(r, rc, _("saving the state in %s"), ctl->state_file);
	}
}

static void do_swapon(struct run *r, const char *path)
{
	struct setup_control *ctl = r->ctl;
	int flags = SWAP_FLAG_PREFER |
		    ((ctl->conf.prio << SWAP_FLAG_PRIO_SHIFT) & SWAP_FLAG_PRIO_MASK);
	int rc = injected(ctl, "swapon");

	if (!rc && swapon(path, flags) != 0)
		rc = -errno;
	if (rc < 0)
		step_failed(r, rc, _("swapon of %s failed"), path);
	say(_("swapon: %s, priority %d"), path, ctl->conf.prio);
	rc = record(r, "swapon", path, NULL, NULL);
	if (rc < 0)
		step_failed(r, rc, _("saving the state in %s"), ctl->state_file);
}

/* ---- zram ---- */

static void zram_start(struct run *r)
{
	struct setup_control *ctl = r->ctl;
	const struct setup_config *c = &ctl->conf;
	char buf[256], cur[64], num[32], dev[64], human[32];
	uint8_t uuid[GSW_UUID_LEN];
	uint8_t *page;
	int rc, id, fd;
	char *p;

	rc = injected(ctl, "zram-add");
	if (!rc)
		rc = gs_sysfs_read(ctl, "/class/zram-control/hot_add", buf, sizeof(buf));
	if (rc == 0) {
		id = atoi(buf);
		snprintf(num, sizeof(num), "%d", id);
		say(_("zram: /dev/zram%d added"), id);
		rc = record(r, "zram-added", num, NULL, NULL);
	} else if (rc == -ENOENT) {
		/* no zram-control: the first device, when nobody uses it */
		p = zram_attr(0, "disksize");
		rc = gs_sysfs_read(ctl, p, buf, sizeof(buf));
		free(p);
		if (rc < 0)
			step_failed(r, rc, _("zram: no zram device (is the zram module loaded?)"));
		if (strcmp(buf, "0") != 0)
			step_failed(r, -EBUSY, _("zram: /dev/zram0 is in use and there "
				    "is no %s/class/zram-control to add another"), ctl->sysfs);
		id = 0;
		strcpy(num, "0");
		say(_("zram: using /dev/zram0"));
		rc = record(r, "zram-used", num, NULL, NULL);
	} else {
		step_failed(r, rc, _("zram: cannot add a device"));
	}
	if (rc < 0)
		step_failed(r, rc, _("saving the state in %s"), ctl->state_file);

	if (c->zram_compressor.text) {
		p = zram_attr(id, "comp_algorithm");
		rc = injected(ctl, "zram-comp");
		if (!rc)
			rc = gs_sysfs_read(ctl, p, buf, sizeof(buf));
		bracketed(buf, cur, sizeof(cur));
		if (!rc && strcmp(cur, c->zram_compressor.text) != 0) {
			rc = sysfs_write(ctl, p, c->zram_compressor.text);
			if (!rc) {
				say(_("zram: /dev/zram%d algorithm %s -> %s"), id, cur,
				    c->zram_compressor.text);
				rc = record(r, "zram-comp", num, cur, c->zram_compressor.text);
			}
		}
		free(p);
		if (rc < 0)
			step_failed(r, rc, _("zram: cannot set the algorithm of /dev/zram%d to %s"),
				    id, c->zram_compressor.text);
	}

	p = zram_attr(id, "disksize");
	snprintf(buf, sizeof(buf), "%" PRIu64, c->zram_bytes);
	rc = injected(ctl, "zram-disksize");
	if (!rc)
		rc = sysfs_write(ctl, p, buf);
	free(p);
	if (rc < 0)
		step_failed(r, rc, _("zram: cannot set the size of /dev/zram%d"), id);
	gsw_human_size(c->zram_bytes, human, sizeof(human));
	say(_("zram: /dev/zram%d size %s"), id, human);
	rc = record(r, "zram-disksize", num, NULL, NULL);
	if (rc < 0)
		step_failed(r, rc, _("saving the state in %s"), ctl->state_file);

	/* a swap header, as mkswap writes it, through the format's library */
	snprintf(dev, sizeof(dev), "/dev/zram%d", id);
	gsw_uuid_generate(uuid);
	page = calloc(1, ctl->pagesize);
	if (!page)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	rc = injected(ctl, "mkswap");
	if (!rc)
		rc = gsw_build(&(struct gsw_params){ .page_size = ctl->pagesize,
			       .pages = c->zram_bytes / ctl->pagesize, .uuid = uuid },
			       page);
	fd = -1;
	if (!rc) {
		fd = open(dev, O_RDWR | O_EXCL | O_CLOEXEC);
		rc = fd < 0 ? -errno : gsw_pwrite_all(fd, page, ctl->pagesize, 0);
	}
	if (!rc && fsync(fd) != 0)
		rc = -errno;
	if (fd >= 0)
		close(fd);
	free(page);
	if (rc < 0)
		step_failed(r, rc, _("mkswap: cannot write a swap header to %s"), dev);
	say(_("mkswap: swap header written to %s"), dev);
	do_swapon(r, dev);
}

/* The directories above FILE that are missing, each recorded. */
static void make_parents(struct run *r, const char *file)
{
	char *dir = gs_strdup(file);
	struct stat st;
	int rc;

	/* from the top down: each one's parent is there when it is made */
	for (char *p = dir + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (stat(dir, &st) != 0) {
			rc = injected(r->ctl, "dir");
			if (!rc && mkdir(dir, 0700) != 0)
				rc = -errno;
			if (rc < 0)
				step_failed(r, rc, _("directory: cannot create %s"), dir);
			say(_("directory: created %s"), dir);
			rc = record(r, "dir", dir, NULL, NULL);
			if (rc < 0)
				step_failed(r, rc, _("saving the state in %s"),
					    r->ctl->state_file);
		}
		*p = '/';
	}
	free(dir);
}

/* ---- the whole runs ---- */

static void dry_start(struct setup_control *ctl, enum gsw_kernel_support ks)
{
	const struct setup_config *c = &ctl->conf;
	char human[32], zhuman[32];

	gsw_human_size(c->size_bytes, human, sizeof(human));
	gsw_human_size(c->zram_bytes, zhuman, sizeof(zhuman));
	if (ks != GSW_SUPPORT_NO) {
		if (ks == GSW_SUPPORT_UNKNOWN)
			say(_("would test whether the kernel takes ghost swap areas, then:"));
		say(_("would create or reuse the ghost file %s (advertises %s)"), c->file, human);
		for (int p = 0; p < GS_ZSWAP_NPARAMS; p++)
			if (c->zswap[p].text)
				say(_("would set zswap's %s to %s"), gs_zswap_name(p),
				    c->zswap[p].text);
		say(_("would swapon %s with priority %d"), c->file, c->prio);
		say(_("would save what was done in %s"), ctl->state_file);
	}
	if (ks == GSW_SUPPORT_UNKNOWN)
		say(_("if the kernel refuses it:"));
	if (ks == GSW_SUPPORT_YES)
		return;
	if (c->fallback_mode == GS_FALLBACK_NONE) {
		say(_("would do nothing: the kernel has no ghost swap support and "
		      "fallback = none"));
		return;
	}
	say(_("would add a zram device of %s%s%s"), zhuman,
	    c->zram_compressor.text ? _(", algorithm ") : "",
	    c->zram_compressor.text ? c->zram_compressor.text : "");
	say(_("would write a swap header to it and swapon it with priority %d"), c->prio);
	say(_("would save what was done in %s"), ctl->state_file);
}

int gs_start(struct setup_control *ctl)
{
	struct setup_config *c = &ctl->conf;
	struct run r = { .ctl = ctl };
	enum gsw_kernel_support ks;
	char why[512], human[32];
	char *probe;

	if (!c->files) {
		say(_("no configuration (%s%s): nothing to do"), ctl->root, "/etc/ghostswap.conf");
		return GS_EXIT_SUCCESS;
	}
	if (access(ctl->state_file, F_OK) == 0)
		errx(EXIT_FAILURE, _("already started (%s exists; use --stop first); "
		     "nothing was changed"), ctl->state_file);
	if (c->size_capped) {
		gsw_human_size(c->size_bytes, human, sizeof(human));
		warnx(_("%s: size: '%s' is more than a ghost area may advertise: %s used"),
		      c->size.where ? c->size.where : "-", c->size.text, human);
	}
	probe = gsw_support_probe_dir(c->file);
	if (!probe)
		err(EXIT_FAILURE, _("cannot allocate memory"));
	if (ctl->dry_run) {
		/* only the attribute: a test swapon would change the system */
		ks = gsw_kernel_ghost_support(ctl->sysfs, NULL, why, sizeof(why));
		if (ks == GSW_SUPPORT_UNKNOWN)
			snprintf(why, sizeof(why), _("would be tested with a ghost file in %s"),
				 probe);
	} else {
		ks = gsw_kernel_ghost_support(ctl->sysfs, probe, why, sizeof(why));
	}
	say(_("kernel support: %s (%s)"), gsw_kernel_support_name(ks), why);
	free(probe);
	if (ctl->dry_run) {
		dry_start(ctl, ks);
		return GS_EXIT_SUCCESS;
	}
	if (ks == GSW_SUPPORT_UNKNOWN)
		errx(EXIT_FAILURE, _("cannot tell whether the kernel takes ghost swap areas; "
		     "nothing was changed"));
	if (ks == GSW_SUPPORT_NO && c->fallback_mode == GS_FALLBACK_NONE) {
		warnx(_("the kernel does not take ghost swap areas and the configuration "
			"says fallback = none: nothing was changed"));
		return GS_EXIT_UNSUPPORTED;
	}
	if (ks == GSW_SUPPORT_NO) {
		say(_("fallback: zram, as the configuration asks"));
		zram_start(&r);
		say(_("done: zram swap on, state in %s"), ctl->state_file);
		release_run(&r);
		return GS_EXIT_SUCCESS;
	}

	enum file_plan plan = plan_file(&r, c->file);

	make_parents(&r, c->file);
	make_ghost_file(&r, plan, c->file);
	set_zswap(&r);
	do_swapon(&r, c->file);
	say(_("done: ghost swap on, state in %s"), ctl->state_file);
	release_run(&r);
	return GS_EXIT_SUCCESS;
}

static void step_line(const struct step *s)
{
	fputs("  ", stdout);
	for (size_t w = 0; w < MAX_WORDS && s->w[w]; w++)
		printf("%s%s", w ? " " : "", s->w[w]);
	fputc('\n', stdout);
}

int gs_stop(struct setup_control *ctl)
{
	struct run r = { .ctl = ctl };
	int rc = load_state(&r);

	if (rc == -ENOENT) {
		say(_("not started (no %s): nothing to do"), ctl->state_file);
		return GS_EXIT_SUCCESS;
	}
	if (rc < 0) {
		errno = -rc;
		err(EXIT_FAILURE, _("cannot read %s"), ctl->state_file);
	}
	if (ctl->dry_run) {
		say(_("would undo, last first:"));
		for (size_t i = r.nsteps; i-- > 0;)
			step_line(&r.steps[i]);
		release_run(&r);
		return GS_EXIT_SUCCESS;
	}
	if (undo_all(&r, true) < 0) {
		warnx(_("stopped half-way: what is left is in %s"), ctl->state_file);
		save_state(&r);
		release_run(&r);
		return GS_EXIT_FAILURE;
	}
	if (unlink(ctl->state_file) != 0)
		warn(_("cannot remove %s"), ctl->state_file);
	say(_("stopped"));
	release_run(&r);
	return GS_EXIT_SUCCESS;
}

int gs_print_state(struct setup_control *ctl)
{
	struct run r = { .ctl = ctl };
	int rc = load_state(&r);

	if (rc == -ENOENT) {
		printf("%-18s %s\n", _("State:"), _("not started"));
		return 0;
	}
	if (rc < 0) {
		printf("%-18s %s: %s\n", _("State:"), ctl->state_file, strerror(-rc));
		return 1;
	}
	printf("%-18s %s (%s)\n", _("State:"), _("started"), ctl->state_file);
	for (size_t i = 0; i < r.nsteps; i++)
		step_line(&r.steps[i]);
	release_run(&r);
	return 0;
}

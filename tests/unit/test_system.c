/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

/* short enough that every name below fits in PATH_MAX */
static char dir[256];

static void make_dir(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/gsw-unit.XXXXXX", base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(active_swap_matched_by_inode)
{
	char swapfile[PATH_MAX], other[PATH_MAX], swaps[PATH_MAX], text[3 * PATH_MAX];
	struct stat st, st_other;

	make_dir();
	/* a blank in the name, escaped as /proc/swaps does */
	snprintf(swapfile, sizeof(swapfile), "%s/swap file", dir);
	snprintf(other, sizeof(other), "%s/other", dir);
	snprintf(swaps, sizeof(swaps), "%s/swaps", dir);
	write_text(swapfile, "x");
	write_text(other, "y");
	ck_assert_int_eq(stat(swapfile, &st), 0);
	ck_assert_int_eq(stat(other, &st_other), 0);

	snprintf(text, sizeof(text),
		 "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
		 "%s/swap\\040file                       file\t\t1020\t\t0\t\t-2\n", dir);
	write_text(swaps, text);
	ck_assert_int_eq(gsw_is_active_swap(st.st_dev, st.st_ino, false, 0, swaps), 1);
	ck_assert_int_eq(gsw_is_active_swap(st_other.st_dev, st_other.st_ino, false, 0,
					    swaps), 0);
	/* a block device is matched by rdev, never by the inode of its node */
	ck_assert_int_eq(gsw_is_active_swap(st.st_dev, st.st_ino, true, st.st_rdev,
					    swaps), 0);

	write_text(swaps, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	ck_assert_int_eq(gsw_is_active_swap(st.st_dev, st.st_ino, false, 0, swaps), 0);
	unlink(swaps);
	ck_assert_int_eq(gsw_is_active_swap(st.st_dev, st.st_ino, false, 0, swaps),
			 -ENOENT);
	remove_dir();
}
END_TEST

START_TEST(atomic_write_creates_and_replaces)
{
	char path[PATH_MAX], link[PATH_MAX], dangling[PATH_MAX], sub[PATH_MAX];
	uint8_t page[4096], back[4096 * 10];
	struct stat st;
	int fd;

	make_dir();
	snprintf(path, sizeof(path), "%s/ghost", dir);
	memset(page, 0x5a, sizeof(page));
	ck_assert_int_eq(gsw_write_file_atomic(path, page, sizeof(page), 40960, 0600), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_size, 40960);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	ck_assert_uint_ge((uint64_t)st.st_blocks * 512, 40960);
	fd = open(path, O_RDONLY);
	ck_assert_int_eq(read(fd, back, sizeof(back)), 40960);
	close(fd);
	ck_assert_mem_eq(back, page, sizeof(page));
	for (size_t i = 4096; i < 40960; i++)
		ck_assert_uint_eq(back[i], 0);

	/* through a symlink the target is replaced, the link stays */
	snprintf(link, sizeof(link), "%s/link", dir);
	ck_assert_int_eq(symlink("ghost", link), 0);
	memset(page, 0x11, sizeof(page));
	ck_assert_int_eq(gsw_write_file_atomic(link, page, sizeof(page), 8192, 0600), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_size, 8192);

	snprintf(dangling, sizeof(dangling), "%s/dangling", dir);
	ck_assert_int_eq(symlink("nowhere", dangling), 0);
	ck_assert_int_eq(gsw_write_file_atomic(dangling, page, sizeof(page), 8192, 0600),
			 -ENOENT);

	snprintf(sub, sizeof(sub), "%s/sub", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_assert_int_eq(gsw_write_file_atomic(sub, page, sizeof(page), 8192, 0600),
			 -EISDIR);
	ck_assert_int_eq(gsw_write_file_atomic("/dev/null", page, sizeof(page), 8192,
					       0600), -EINVAL);
	snprintf(sub, sizeof(sub), "%s/missing/file", dir);
	ck_assert_int_eq(gsw_write_file_atomic(sub, page, sizeof(page), 8192, 0600),
			 -ENOENT);
	ck_assert_int_eq(gsw_write_file_atomic(path, page, sizeof(page), 100, 0600),
			 -EINVAL);
	remove_dir();
}
END_TEST

/* A new empty file NAME with MODE in a new scratch directory. */
static int new_file(const char *name, mode_t mode)
{
	char path[PATH_MAX];
	int fd;

	make_dir();
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDWR | O_CREAT, mode);
	ck_assert_int_ge(fd, 0);
	return fd;
}

START_TEST(file_facts)
{
	struct gsw_file_facts facts;
	int fd;

	fd = new_file("sparse", 0640);
	ck_assert_int_eq(ftruncate(fd, 1 << 20), 0);
	ck_assert_int_eq(gsw_file_facts_from_fd(fd, &facts), 0);
	ck_assert(facts.known);
	ck_assert(!facts.is_blockdev);
	ck_assert_uint_eq(facts.size, 1 << 20);
	ck_assert_uint_lt(facts.allocated, facts.size);
	/* the walk over the data: all of it is a hole, nothing is shared */
	ck_assert(facts.has_unmapped);
	ck_assert_uint_eq(facts.unmapped_at, 0);
	ck_assert(!facts.has_shared);
	ck_assert_uint_ne(facts.fs_type, 0);
	ck_assert_uint_eq(facts.mode & 07777, 0640);
	ck_assert_uint_eq(facts.uid, geteuid());
	ck_assert_uint_eq(facts.system_page_size, (unsigned int)sysconf(_SC_PAGESIZE));
	close(fd);
	ck_assert_int_eq(gsw_file_facts_from_fd(fd, &facts), -EBADF);
	remove_dir();
}
END_TEST

/* A hole that blocks past the end hide from st_blocks is still found. */
START_TEST(file_facts_hidden_hole)
{
	static uint8_t buf[1 << 16];
	struct gsw_file_facts facts;
	int fd;

	fd = new_file("hidden", 0600);
	memset(buf, 0x5a, sizeof(buf));
	for (int i = 0; i < 16; i++)
		ck_assert_int_eq(gsw_pwrite_all(fd, buf, sizeof(buf), (uint64_t)i << 16), 0);
	ck_assert_int_eq(fsync(fd), 0);
	ck_assert_int_eq(gsw_file_facts_from_fd(fd, &facts), 0);
	ck_assert(!facts.has_unmapped);
	if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 3 << 16, 1 << 16) ||
	    fallocate(fd, FALLOC_FL_KEEP_SIZE, 1 << 20, 1 << 20)) {
		/* the file system cannot make one: nothing to check */
		close(fd);
		remove_dir();
		return;
	}
	ck_assert_int_eq(gsw_file_facts_from_fd(fd, &facts), 0);
	ck_assert_uint_ge(facts.allocated, facts.size);
	ck_assert(facts.has_unmapped);
	ck_assert_uint_eq(facts.unmapped_at, 3 << 16);
	close(fd);
	remove_dir();
}
END_TEST

Suite *system_suite(void)
{
	Suite *s = suite_create("system");
	TCase *tc = tcase_create("system");

	tcase_add_test(tc, active_swap_matched_by_inode);
	tcase_add_test(tc, atomic_write_creates_and_replaces);
	tcase_add_test(tc, file_facts);
	tcase_add_test(tc, file_facts_hidden_hole);
	suite_add_tcase(s, tc);
	return s;
}

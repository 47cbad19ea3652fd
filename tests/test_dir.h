/* test_dir.h - a scratch directory per test (mkdtemp) and its removal, for
 * the tests that open a real SQLite store. Header-only: the Makefile links no
 * test support file but tests/xml_log.c.
 *
 * Ownership: the caller owns the directory name buffer; test_dir_remove()
 * deletes the files directly in it (no subdirectories are made) and then it. */
#ifndef XMPPD_TEST_DIR_H
#define XMPPD_TEST_DIR_H

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static inline void test_dir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	const struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char p[PATH_MAX];
		(void)snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		(void)unlink(p);
	}
	closedir(d);
	(void)rmdir(dir);
}

#endif

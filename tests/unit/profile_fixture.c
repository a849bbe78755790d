/* profile_fixture.c: what the profile tests share. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "profile_fixture.h"

char *tmpdir;

/* Remove one entry of a tree (for nftw). */
static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    chmod(path, 0700); /* a test may have made it unwritable */
    return remove(path);
}

/* A fresh temp folder under $TENANTRY_TEST_TMPDIR (or /tmp). */
int setup(void **state)
{
    (void)state;
    const char *base = getenv("TENANTRY_TEST_TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    mkdir(base, 0700);
    tmpdir = xasprintf("%s/test_profile.XXXXXX", base);
    return mkdtemp(tmpdir) ? 0 : -1;
}

/* Remove the temp folder and everything in it. */
int teardown(void **state)
{
    (void)state;
    int rc = nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(tmpdir);
    return rc;
}

/* Write text to tmpdir/name with mode; returns the path. */
char *write_file(const char *name, const char *text, mode_t mode)
{
    char *path = xasprintf("%s/%s", tmpdir, name);
    unlink(path); /* it may be read-only from the step before */
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, mode), 0);
    return path;
}

/* Load text (written with mode) and expect success into set. */
void load_ok(const char *text, mode_t mode, struct profile_set *set)
{
    char *path = write_file("config", text, mode);
    struct tn_error err = {0};
    if (!profile_load(path, set, &err))
        fail_msg("%s", err.message);
    free(path);
}

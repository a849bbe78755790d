/* profile_fixture.h: what the profile tests share: a fresh folder per test, files written
 * with a mode, and valid profile groups. */
#ifndef TENANTRY_TEST_PROFILE_FIXTURE_H
#define TENANTRY_TEST_PROFILE_FIXTURE_H

#include <sys/types.h>

#include "core/profile.h"

/* A valid profile group called name (with inline secret unless secret says otherwise). */
#define GOOD(name, secret)                                                                   \
    "{ name = \"" name "\"; url = \"https://api.example.com\"; "                             \
    "auth_url = \"https://auth.example.com/oauth/token\"; audience = \"https://aud.example\"; " \
    "client_id = \"id-" name "\"; " secret " }"
#define INLINE "client_secret = \"s3cr3t-value\";"
#define ENVSRC "client_secret_env = \"TN_TEST_SECRET\";"

/* The test's fresh folder. */
extern char *tmpdir;

/* cmocka setup and teardown: make tmpdir under $TENANTRY_TEST_TMPDIR (or /tmp), remove it. */
int setup(void **state);
int teardown(void **state);
/* Write text to tmpdir/name with mode; returns the path. */
char *write_file(const char *name, const char *text, mode_t mode);
/* Load text (written with mode) and expect success into set. */
void load_ok(const char *text, mode_t mode, struct profile_set *set);

#endif

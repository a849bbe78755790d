/* fuzz_profiles.c: the profiles reader on any text: the file as profile_load reads it (a 0600
 * file of ours; libconfig, every profile validated), its keys group applied to the keymap
 * (keymap_load), and the same text as a built-in settings group (profile_group_strings).
 * Inputs with @include are skipped: they would read other files of the machine. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/profile.h"
#include "core/util.h"
#include "fuzz.h"
#include "tui/keys.h"

/* The file the inputs are written to, made once, removed at exit. */
static char path[4096];

static void remove_file(void)
{
    unlink(path);
}

static const char *input_file(void)
{
    if (path[0])
        return path;
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof(path), "%s/tenantry-fuzz-profiles-XXXXXX",
             dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path); /* 0600 */
    fuzz_assert(fd >= 0, "a temporary file for the input");
    close(fd);
    atexit(remove_file);
    return path;
}

static bool count_setting(void *ud, const char *name, const char *value, struct tn_error *err)
{
    (void)err;
    fuzz_assert(name && value, "a setting has a name and a value");
    (*(size_t *)ud)++;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    if (strstr(text, "@include") || strlen(text) != size) {
        free(text);
        return 0;
    }
    FILE *f = fopen(input_file(), "w");
    fuzz_assert(f != NULL, "the input file opens");
    fuzz_assert(fwrite(text, 1, size, f) == size && fclose(f) == 0, "the input is written");

    struct profile_set set;
    struct tn_error err = {0};
    if (profile_load(path, &set, &err)) {
        for (size_t i = 0; i < set.n; i++) {
            struct tn_error e = {0};
            (void)profile_validate(&set.v[i], &e);
            (void)profile_find(&set, set.v[i].name);
            err_clear(&e);
        }
        const struct profile *p = profile_default(&set, &err);
        if (p) {
            char page[64], limit[64];
            profile_page_params(p, page, limit);
            (void)profile_secret_of(p);
        }
        err_clear(&err);
        static struct keymap *km; /* one, made once: the defaults cost a parse */
        if (!km)
            km = keymap_new();
        (void)keymap_load(km, &set, &err);
        profile_set_free(&set);
    }
    err_clear(&err);
    size_t n = 0;
    (void)profile_group_strings(NULL, text, "keys", count_setting, &n, &err);
    err_clear(&err);
    free(text);
    return 0;
}

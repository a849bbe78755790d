/* xdg.c: where tenantry's files go (XDG base directories) and making their folders. */
#include "config.h"

#include "core/xdg.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/util.h"

char *xdg_path(const char *env, const char *home_sub, const char *name)
{
    const char *base = getenv(env);
    const char *sub = NULL;
    if (!base || base[0] != '/') {
        base = getenv("HOME");
        sub = home_sub;
        struct passwd *pw = base && base[0] == '/' ? NULL : getpwuid(getuid());
        if (pw)
            base = pw->pw_dir;
    }
    if (!base || base[0] != '/')
        return NULL;
    size_t n = strlen(base);
    while (n > 1 && base[n - 1] == '/')
        n--;
    if (n == 1)
        n = 0; /* "/" */
    return sub ? xasprintf("%.*s/%s/%s", (int)n, base, sub, name)
               : xasprintf("%.*s/%s", (int)n, base, name);
}

bool xdg_make_dirs(const char *dir, struct tn_error *err)
{
    char *buf = xstrdup(dir);
    bool ok = true;
    for (char *p = buf + 1; ok; p++) {
        char c = *p;
        if (c != '/' && c)
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
            /* TRANSLATORS: the folder's path, then the system's error message. */
            err_set(err, ST_OTHER, _("cannot create the folder %s: %s"), buf, strerror(errno));
            ok = false;
        }
        if (!c)
            break;
        *p = c;
    }
    free(buf);
    return ok;
}

bool xdg_make_parent(const char *path, struct tn_error *err)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return true;
    char *dir = xstrndup(path, (size_t)(slash - path));
    bool ok = xdg_make_dirs(dir, err);
    free(dir);
    return ok;
}

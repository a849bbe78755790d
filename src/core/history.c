/* history.c: prompt histories kept in $XDG_STATE_HOME/tenantry/. */
#include "config.h"

#include "core/history.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"

struct history {
    char *path; /* NULL: no place to keep it */
    char **lines;
    size_t n;
};

/* $XDG_STATE_HOME/tenantry (else $HOME/.local/state/tenantry), or NULL. */
static char *state_dir(void)
{
    const char *xdg = getenv("XDG_STATE_HOME");
    if (xdg && *xdg == '/')
        return xasprintf("%s/tenantry", xdg);
    const char *home = getenv("HOME");
    return home && *home ? xasprintf("%s/.local/state/tenantry", home) : NULL;
}

/* Make dir and its parents (mode 0700 for the new ones); 0 or -errno. */
static int make_dirs(const char *dir)
{
    char *p = xstrdup(dir);
    int rc = 0;
    for (char *s = p + 1; rc == 0; s++) {
        if (*s && *s != '/')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST)
            rc = -errno;
        *s = c;
        if (!c)
            break;
    }
    free(p);
    return rc;
}

/* Add text at the end (an older copy of it goes, and the oldest past HISTORY_MAX). */
static void add_line(struct history *h, const char *text)
{
    for (size_t i = 0; i < h->n; i++) {
        if (!strcmp(h->lines[i], text)) {
            free(h->lines[i]);
            memmove(h->lines + i, h->lines + i + 1, (h->n - i - 1) * sizeof(*h->lines));
            h->n--;
            break;
        }
    }
    if (h->n == HISTORY_MAX) {
        free(h->lines[0]);
        memmove(h->lines, h->lines + 1, (h->n - 1) * sizeof(*h->lines));
        h->n--;
    }
    h->lines = xreallocarray(h->lines, h->n + 1, sizeof(*h->lines));
    h->lines[h->n++] = xstrdup(text);
}

/* Write the lines to the file: a temp file 0600 beside it, renamed over it. */
static void save(const struct history *h)
{
    char *dir = xstrndup(h->path, (size_t)(strrchr(h->path, '/') - h->path));
    char *tmp = xasprintf("%s.tmp.%ld", h->path, (long)getpid());
    int fd = make_dirs(dir) == 0 ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
    bool ok = fd >= 0;
    for (size_t i = 0; ok && i < h->n; i++)
        ok = util_write_all(fd, h->lines[i], strlen(h->lines[i])) == 0 &&
             util_write_all(fd, "\n", 1) == 0;
    if (fd >= 0)
        ok = close(fd) == 0 && ok;
    if (ok)
        ok = rename(tmp, h->path) == 0;
    if (!ok && fd >= 0)
        unlink(tmp);
    free(tmp);
    free(dir);
}

struct history *history_open(const char *name)
{
    struct history *h = xcalloc(1, sizeof(*h));
    char *dir = state_dir();
    if (!dir)
        return h;
    h->path = xasprintf("%s/%s_history", dir, name);
    free(dir);
    FILE *f = fopen(h->path, "re");
    if (!f)
        return h;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        line[strcspn(line, "\n")] = '\0';
        if (*line)
            add_line(h, line);
    }
    free(line);
    fclose(f);
    return h;
}

void history_free(struct history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n; i++)
        free(h->lines[i]);
    free(h->lines);
    free(h->path);
    free(h);
}

size_t history_count(const struct history *h)
{
    return h->n;
}

const char *history_get(const struct history *h, size_t i)
{
    return i < h->n ? h->lines[i] : NULL;
}

void history_add(struct history *h, const char *text)
{
    if (!text || !*text || strchr(text, '\n'))
        return;
    add_line(h, text);
    if (h->path)
        save(h);
}

/* history.c: prompt histories kept in $XDG_STATE_HOME/tenantry/. */
#include "config.h"

#include "core/history.h"

#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "core/xdg.h"

struct history {
    char *path; /* NULL: no place to keep it */
    char **lines;
    size_t n;
};

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
    struct tn_error err = {0};
    char *tmp = xasprintf("%s.tmp.%ld", h->path, (long)getpid());
    int fd = xdg_make_parent(h->path, &err) ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)
                                            : -1;
    err_clear(&err); /* not kept: the history stays for this run */
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
}

struct history *history_open(const char *name)
{
    struct history *h = xcalloc(1, sizeof(*h));
    char *file = xasprintf("tenantry/%s_history", name);
    h->path = xdg_path("XDG_STATE_HOME", ".local/state", file);
    free(file);
    if (!h->path)
        return h;
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

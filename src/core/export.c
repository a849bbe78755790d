/* export.c: rows of a loaded list written to a file (CSV, JSON lines, a JSON array). */
#include "config.h"

#include "core/export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/text.h"

struct export {
    char *path, *tmp;
    int fd;
    enum export_format format;
    const struct list *list;
    const struct api_kind_def *def;
    size_t count;
    struct strbuf buf; /* a batch, written at once */
};

bool export_format_of(const char *path, enum export_format *out)
{
    static const struct {
        const char *ext;
        enum export_format f;
    } exts[] = {{".csv", EXPORT_CSV}, {".jsonl", EXPORT_JSONL}, {".json", EXPORT_JSON}};
    size_t n = strlen(path);
    for (size_t i = 0; i < ARRAY_SIZE(exts); i++) {
        size_t e = strlen(exts[i].ext);
        if (n > e && path[n - e - 1] != '/' && !strcasecmp(path + n - e, exts[i].ext)) {
            *out = exts[i].f;
            return true;
        }
    }
    return false;
}

/* The folder of path ("." when it names none), a new string. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

struct export *export_open(const char *path, enum export_format f, const struct list *l,
                           struct tn_error *err)
{
    struct stat st;
    if (lstat(path, &st) == 0) {
        err_set(err, ST_USAGE, _("%s exists: it is not overwritten"), path);
        err_hint(err, _("Export to another name, or remove that file first."));
        return NULL;
    }
    char *dir = folder_of(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        /* TRANSLATORS: a folder, then why (the system's words). */
        err_set(err, ST_OTHER, _("cannot write in %s: %s"), dir, strerror(errno));
        free(dir);
        free(tmp);
        return NULL;
    }
    free(dir);
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask); /* as any new file: an export holds no secret */
    struct export *x = xcalloc(1, sizeof(*x));
    *x = (struct export){xstrdup(path), tmp, fd, f, l, list_kind(l), 0, SB_INIT};
    if (f == EXPORT_CSV) { /* the header: the paths of the fields that are not secret */
        for (size_t i = 0; i < x->def->nfields; i++)
            if (!(x->def->fields[i].flags & FIELD_SECRET)) {
                if (x->buf.len)
                    sb_addc(&x->buf, ',');
                csv_add_field(&x->buf, x->def->fields[i].path, false);
            }
        sb_addc(&x->buf, '\n');
    } else if (f == EXPORT_JSON) {
        sb_addc(&x->buf, '[');
    }
    return x;
}

/* Put item at the dotted path under obj, making the objects on the way. */
static void put_at(cJSON *obj, const char *path, cJSON *item)
{
    const char *dot;
    while ((dot = strchr(path, '.'))) {
        char *head = xstrndup(path, (size_t)(dot - path));
        cJSON *next = cJSON_GetObjectItemCaseSensitive(obj, head);
        if (!cJSON_IsObject(next)) {
            next = json_new_object();
            json_add(obj, head, next);
        }
        free(head);
        obj = next;
        path = dot + 1;
    }
    json_add(obj, path, item);
}

/* True when s is a whole number as JSON writes one. */
static bool is_integer(const char *s)
{
    s += *s == '-';
    if (!*s || (s[0] == '0' && s[1]))
        return false;
    return strspn(s, "0123456789") == strlen(s);
}

/* Row i as an object made of its fields that are not secret, appended to sb. */
static void row_object(const struct export *x, size_t i, struct strbuf *sb)
{
    cJSON *obj = json_new_object();
    for (size_t f = 0; f < x->def->nfields; f++) {
        const struct api_field *fd = &x->def->fields[f];
        const char *v = list_value(x->list, i, f);
        if ((fd->flags & FIELD_SECRET) || !*v)
            continue;
        cJSON *item = NULL;
        bool doc = x->def->doc_field && !strcmp(fd->path, x->def->doc_field);
        if (doc)
            item = json_parse(v, strlen(v)); /* the document, as it was printed */
        else if ((fd->flags & FIELD_NUMBER) && is_integer(v))
            item = cJSON_CreateRaw(v); /* exact, however long */
        if (!item)
            item = json_new_string(v);
        put_at(obj, fd->path, item);
    }
    char *text = json_print(obj);
    text_add_json(sb, text, strlen(text));
    free(text);
    cJSON_Delete(obj);
}

bool export_rows(struct export *x, const size_t *rows, size_t n, struct tn_error *err)
{
    for (size_t r = 0; r < n; r++) {
        size_t i = rows[r];
        if (x->format == EXPORT_CSV) {
            bool first = true;
            for (size_t f = 0; f < x->def->nfields; f++) {
                if (x->def->fields[f].flags & FIELD_SECRET)
                    continue;
                if (!first)
                    sb_addc(&x->buf, ',');
                csv_add_field(&x->buf, list_value(x->list, i, f), false);
                first = false;
            }
            sb_addc(&x->buf, '\n');
            continue;
        }
        if (x->format == EXPORT_JSON && x->count + r)
            sb_adds(&x->buf, ",\n");
        const char *raw = list_raw(x->list, i); /* kept without its secrets */
        if (raw)
            text_add_json(&x->buf, raw, strlen(raw));
        else
            row_object(x, i, &x->buf);
        if (x->format == EXPORT_JSONL)
            sb_addc(&x->buf, '\n');
    }
    x->count += n;
    int rc = x->buf.len ? util_write_all(x->fd, x->buf.buf, x->buf.len) : 0;
    if (rc < 0) {
        /* TRANSLATORS: a file's name, then why (the system's words). */
        err_set(err, ST_OTHER, _("cannot write %s: %s"), x->tmp, strerror(-rc));
        sb_reset(&x->buf);
        return false;
    }
    sb_reset(&x->buf);
    return true;
}

size_t export_count(const struct export *x)
{
    return x->count;
}

/* Free x, its temporary file removed when remove_tmp. */
static void release(struct export *x, bool remove_tmp)
{
    if (x->fd >= 0)
        close(x->fd);
    if (remove_tmp)
        unlink(x->tmp);
    sb_free(&x->buf);
    free(x->path);
    free(x->tmp);
    free(x);
}

void export_abort(struct export *x)
{
    if (x)
        release(x, true);
}

bool export_finish(struct export *x, struct tn_error *err)
{
    if (x->format == EXPORT_JSON)
        sb_adds(&x->buf, "]\n");
    if (!export_rows(x, NULL, 0, err))
        goto fail;
    if (fsync(x->fd) < 0 || close(x->fd) < 0) {
        x->fd = -1;
        /* TRANSLATORS: a file's name, then why (the system's words). */
        err_set(err, ST_OTHER, _("cannot write %s: %s"), x->tmp, strerror(errno));
        goto fail;
    }
    x->fd = -1;
    /* link: in place only when nothing is there (a file made meanwhile stays as it is) */
    if (link(x->tmp, x->path) < 0) {
        struct stat st;
        if (errno == EEXIST || lstat(x->path, &st) == 0) {
            err_set(err, ST_USAGE, _("%s appeared while exporting: it is not overwritten"),
                    x->path);
            err_hint(err, _("Export to another name."));
            goto fail;
        }
        if (rename(x->tmp, x->path) < 0) { /* a file system without hard links */
            /* TRANSLATORS: a file's name, then why (the system's words). */
            err_set(err, ST_OTHER, _("cannot write %s: %s"), x->path, strerror(errno));
            goto fail;
        }
    } else {
        unlink(x->tmp);
    }
    char *dir = folder_of(x->path);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) { /* the new name lasts */
        (void)fsync(dfd);
        close(dfd);
    }
    free(dir);
    release(x, false);
    return true;
fail:
    release(x, true);
    return false;
}

/* journal.c: the journal of every change, one JSON line each, appended. */
#include "config.h"

#include "core/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/json.h"
#include "core/util.h"
#include "core/xdg.h"

struct journal_entry {
    cJSON *o; /* the line's members in order */
    enum status_code code;
    long status;
    bool unknown; /* failed after a send that got no answer */
};

char *journal_path(void)
{
    const char *env = getenv("TENANTRY_JOURNAL");
    if (env && *env)
        return xstrdup(env);
    return xdg_path("XDG_STATE_HOME", ".local/state", "tenantry/journal.jsonl");
}

struct journal_entry *journal_entry_new(const char *operation, const char *kind)
{
    struct journal_entry *e = xcalloc(1, sizeof(*e));
    char when[32];
    util_format_iso8601(util_wallclock_ms(), when);
    e->o = json_new_object();
    json_add_string(e->o, "time", when);
    json_add_string(e->o, "operation", operation);
    json_add_string(e->o, "kind", kind);
    e->code = ST_NETWORK; /* until it ends: no answer */
    return e;
}

void journal_entry_set(struct journal_entry *e, const char *key, const char *value)
{
    cJSON_DeleteItemFromObjectCaseSensitive(e->o, key);
    if (value)
        json_add_string(e->o, key, value);
}

void journal_entry_add_field(struct journal_entry *e, const char *field)
{
    cJSON *f = cJSON_GetObjectItemCaseSensitive(e->o, "fields");
    if (!f) {
        f = cJSON_CreateArray();
        if (!f)
            die("out of memory");
        json_add(e->o, "fields", f);
    }
    const cJSON *each;
    cJSON_ArrayForEach(each, f)
    {
        if (!strcmp(each->valuestring, field))
            return; /* once */
    }
    json_append(f, cJSON_CreateString(field));
}

void journal_entry_end(struct journal_entry *e, enum status_code code, long status,
                       const char *error)
{
    e->code = code;
    e->status = status;
    journal_entry_set(e, "error", code == ST_OK ? NULL : error);
}

void journal_entry_unknown(struct journal_entry *e)
{
    e->unknown = true;
}

const char *journal_entry_outcome(const struct journal_entry *e)
{
    if (e->code == ST_OK || e->code == ST_CREATED_UNREAD)
        return "done";
    if ((e->code == ST_NETWORK && e->status == 0) || e->unknown)
        return "unknown: answer lost";
    return "failed";
}

bool journal_append(const char *path, const struct journal_entry *e, struct tn_error *err)
{
    if (!xdg_make_parent(path, err))
        return false;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
    if (fd < 0) {
        /* TRANSLATORS: the journal file's path, then the system's error message. */
        err_set(err, ST_OTHER, _("cannot open the journal %s: %s"), path, strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && (st.st_mode & 077) && st.st_uid == geteuid())
        (void)fchmod(fd, 0600); /* no secret in it, but it is the operator's own record */
    cJSON *o = cJSON_Duplicate(e->o, true);
    if (!o)
        die("out of memory");
    json_add_string(o, "outcome", journal_entry_outcome(e));
    json_add(o, "status", e->status ? cJSON_CreateNumber((double)e->status) : cJSON_CreateNull());
    char *line = json_print(o);
    cJSON_Delete(o);
    size_t n = strlen(line);
    line[n] = '\n'; /* the NUL becomes the newline: one write, one whole line */
    int rc = util_write_all(fd, line, n + 1);
    free(line);
    if (close(fd) != 0 && rc == 0)
        rc = -errno;
    if (rc != 0) {
        /* TRANSLATORS: the journal file's path, then the system's error message. */
        err_set(err, ST_OTHER, _("cannot write to the journal %s: %s"), path, strerror(-rc));
        return false;
    }
    return true;
}

void journal_entry_free(struct journal_entry *e)
{
    if (!e)
        return;
    cJSON_Delete(e->o);
    free(e);
}

bool journal_each(const char *path, void (*fn)(void *ud, const cJSON *entry), void *ud,
                  size_t *bad, struct tn_error *err)
{
    FILE *f = fopen(path, "re");
    if (!f) {
        if (errno == ENOENT)
            return true; /* nothing changed yet */
        /* TRANSLATORS: the journal file's path, then the system's error message. */
        err_set(err, ST_OTHER, _("cannot read the journal %s: %s"), path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        cJSON *o = json_parse(line, (size_t)n);
        if (cJSON_IsObject(o))
            fn(ud, o);
        else
            ++*bad;
        cJSON_Delete(o);
    }
    free(line);
    bool ok = !ferror(f);
    fclose(f);
    if (!ok)
        err_set(err, ST_OTHER, _("cannot read the journal %s"), path);
    return ok;
}

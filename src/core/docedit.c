/* docedit.c: editing an object's JSON document in the operator's editor. */
#include "config.h"

#include "core/docedit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/json.h"
#include "core/merge.h"
#include "core/run.h"
#include "core/util.h"

char *docedit_write_temp(const char *what, const char *text, struct tn_error *err)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    char *path = xasprintf("%s/tenantry-%s-XXXXXX.json", dir, what);
    int fd = mkstemps(path, 5); /* 0600 */
    if (fd < 0) {
        /* TRANSLATORS: the folder's path, then the system's error message; keep TMPDIR
         * untranslated. */
        err_set(err, ST_OTHER, _("cannot create a file in %s: %s"), dir, strerror(errno));
        err_hint(err, _("Set TMPDIR to a folder you can write to."));
        free(path);
        return NULL;
    }
    int rc = util_write_all(fd, text, strlen(text));
    if (rc == 0 && fsync(fd) != 0)
        rc = -errno;
    if (close(fd) != 0 && rc == 0)
        rc = -errno;
    if (rc != 0) {
        err_set(err, ST_OTHER, _("cannot write %s: %s"), path, strerror(-rc));
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

/* The parsed raw JSON of row (an empty object when it has none). */
static cJSON *row_object(const struct row *row)
{
    cJSON *obj = row && row->raw ? json_parse(row->raw, strlen(row->raw)) : NULL;
    if (!cJSON_IsObject(obj)) {
        cJSON_Delete(obj);
        obj = json_new_object();
    }
    return obj;
}

/* Pretty JSON of obj with a final newline. */
static char *pretty_text(const cJSON *obj)
{
    char *text = cJSON_Print(obj);
    if (!text)
        die("out of memory");
    char *out = xasprintf("%s\n", text);
    cJSON_free(text);
    return out;
}

char *docedit_text(const struct row *row)
{
    const char *field = row->def->doc_field;
    cJSON *obj = row_object(row);
    if (field && !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(obj, field))) {
        cJSON_DeleteItemFromObjectCaseSensitive(obj, field);
        json_add(obj, field, json_new_object());
    }
    char *out = pretty_text(obj);
    cJSON_Delete(obj);
    return out;
}

bool docedit_has_doc(const struct row *row)
{
    const char *field = row->def->doc_field;
    cJSON *obj = row->raw ? json_parse(row->raw, strlen(row->raw)) : NULL;
    bool has = field && cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(obj, field));
    cJSON_Delete(obj);
    return has;
}

char *docedit_merge_text(const struct row *base, const struct row *server, const char *mine,
                         size_t *nconflicts)
{
    const char *field = server->def->doc_field;
    cJSON *s = row_object(server), *b = row_object(base);
    cJSON *m = mine ? json_parse(mine, strlen(mine)) : NULL;
    const cJSON *sdoc = cJSON_GetObjectItemCaseSensitive(s, field);
    const cJSON *bdoc = cJSON_GetObjectItemCaseSensitive(b, field);
    cJSON *conflicts = NULL, *merged;
    if (cJSON_IsObject(sdoc)) /* base unknown (not an object): every difference is a conflict */
        merged = merge_objects(cJSON_IsObject(bdoc) ? bdoc : NULL, m, sdoc, &conflicts);
    else /* the server does not show it: nothing to merge with */
        merged = cJSON_IsObject(m) ? cJSON_Duplicate(m, true) : json_new_object();
    if (!merged)
        die("out of memory");
    cJSON_Delete(m);
    cJSON_Delete(b);
    /* the conflicts first, where the eye starts; then the server's object, merged */
    cJSON *out = json_new_object();
    *nconflicts = (size_t)cJSON_GetArraySize(conflicts);
    if (conflicts)
        json_add(out, DOCEDIT_CONFLICTS, conflicts);
    cJSON_DeleteItemFromObjectCaseSensitive(s, DOCEDIT_CONFLICTS);
    if (!cJSON_GetObjectItemCaseSensitive(s, field))
        json_add(s, field, json_new_object());
    while (s->child) {
        cJSON *item = s->child;
        cJSON_DetachItemViaPointer(s, item);
        if (strcmp(item->string, field)) {
            json_add(out, item->string, item); /* (the key is copied before it is freed) */
            continue;
        }
        cJSON_Delete(item);
        json_add(out, field, merged);
    }
    cJSON_Delete(s);
    char *text = pretty_text(out);
    cJSON_Delete(out);
    return text;
}

const char *docedit_editor(void)
{
    const char *e = getenv("VISUAL");
    if (!e || !*e)
        e = getenv("EDITOR");
    return e && *e ? e : "vi";
}

bool editor_run(const char *path, struct tn_error *err)
{
    const char *editor = docedit_editor();
    /* the editor is a command line ("code --wait"): the shell splits it; the path is $1.
     * Ctrl-C and Ctrl-\ are the editor's while it runs (as git does): the caller must be
     * there after it to keep or remove the file */
    char *cmd = xasprintf("%s \"$1\"", editor);
    int st = run_foreground(cmd, (const char *const[]){path, NULL}, NULL, err);
    free(cmd);
    if (st == 0)
        return true;
    if (st < 0)
        err_prefix(err, _("cannot run the editor"));
    else if (st == 127)
        err_set(err, ST_OTHER, _("the editor '%s' could not be run"), editor);
    else if (st > 128)
        /* TRANSLATORS: the editor's command, then the signal's number. */
        err_set(err, ST_OTHER, _("the editor '%s' was stopped by signal %d"), editor, st - 128);
    else
        /* TRANSLATORS: the editor's command, then its exit status. */
        err_set(err, ST_OTHER, _("the editor '%s' exited with status %d"), editor, st);
    err_hint(err, _("Set VISUAL or EDITOR to the editor to use."));
    return false;
}

char *docedit_read_file(const char *path, struct tn_error *err)
{
    bool stdin_ = !strcmp(path, "-");
    int fd = stdin_ ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    /* TRANSLATORS: stands for a file's path in "cannot read %s" when the edit was read from
     * standard input. */
    const char *name = stdin_ ? _("standard input") : path;
    if (fd < 0) {
        /* TRANSLATORS: the file's path (or "standard input"), then the system's error message. */
        err_set(err, ST_USAGE, _("cannot read %s: %s"), name, strerror(errno));
        return NULL;
    }
    struct strbuf sb = SB_INIT;
    char buf[8192];
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || sb.len + (size_t)n > DOCEDIT_MAX) {
            if (n < 0)
                err_set(err, ST_USAGE, _("cannot read %s: %s"), name, strerror(errno));
            else
                /* TRANSLATORS: the file's path (or "standard input"), then the largest size in
                 * bytes. */
                err_set(err, ST_USAGE, _("%s holds more than %d bytes"), name, DOCEDIT_MAX);
            sb_free(&sb);
            if (!stdin_)
                close(fd);
            return NULL;
        }
        sb_add(&sb, buf, (size_t)n);
    }
    if (!stdin_)
        close(fd);
    return sb_steal(&sb);
}

/* Add name to the comma-separated list *list. */
static void list_add(char **list, const char *name)
{
    char *s = *list ? xasprintf("%s, %s", *list, name) : xstrdup(name);
    free(*list);
    *list = s;
}

bool docedit_parse(const struct row *row, const char *text, struct docedit_result *out,
                   struct tn_error *err)
{
    const char *field = row->def->doc_field;
    *out = (struct docedit_result){0};
    cJSON *edit = json_parse(text, strlen(text));
    if (!cJSON_IsObject(edit)) {
        err_set(err, ST_USAGE, edit ? _("the edited file must hold one JSON object")
                                    : _("the edited file is not valid JSON"));
        cJSON_Delete(edit);
        return false;
    }
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(edit, field);
    if (!cJSON_IsObject(doc)) {
        err_set(err, ST_USAGE, _("the edited file's \"%s\" must be a JSON object"), field);
        cJSON_Delete(edit);
        return false;
    }
    const cJSON *left = cJSON_GetObjectItemCaseSensitive(edit, DOCEDIT_CONFLICTS), *item;
    if (left) {
        char *keys = NULL; /* what it lists: the keys changed on both sides */
        cJSON_ArrayForEach(item, left)
            list_add(&keys, item->string);
        /* TRANSLATORS: the 1st %s is the member's name "_conflicts" (kept as is), the 2nd the
         * keys it lists, separated by commas. */
        err_set(err, ST_USAGE, _("the edited file still holds \"%s\" (changed on both sides: "
                                 "%s): it is not saved"), DOCEDIT_CONFLICTS, keys ? keys : "");
        /* TRANSLATORS: the 1st %s is the edited field's name (e.g. "data"), the 2nd the member's
         * name "_conflicts"; both are kept as is. */
        err_hint(err, _("Give each key it lists the value it should have in \"%s\", then "
                        "remove the \"%s\" member and save."), field, DOCEDIT_CONFLICTS);
        free(keys);
        cJSON_Delete(edit);
        return false;
    }
    cJSON *orig = row->raw ? json_parse(row->raw, strlen(row->raw)) : NULL;
    const cJSON *before = orig ? cJSON_GetObjectItemCaseSensitive(orig, field) : NULL;
    if (!cJSON_IsObject(before))
        before = NULL; /* absent or null: the server did not show it */
    /* a server that never sends the document back (write-only data): what is written is new,
     * and an empty object is no change */
    out->changed = before ? !cJSON_Compare(before, doc, true) : cJSON_GetArraySize(doc) > 0;
    out->doc = json_print(doc);
    /* the other fields are the server's: say which were changed, as they are not sent */
    cJSON_ArrayForEach(item, edit)
    {
        if (!strcmp(item->string, field))
            continue;
        const cJSON *was = orig ? cJSON_GetObjectItemCaseSensitive(orig, item->string) : NULL;
        if (!was || !cJSON_Compare(was, item, true))
            list_add(&out->ignored, item->string);
    }
    cJSON_ArrayForEach(item, orig)
    {
        if (strcmp(item->string, field) && !cJSON_GetObjectItemCaseSensitive(edit, item->string))
            list_add(&out->ignored, item->string);
    }
    cJSON_Delete(orig);
    cJSON_Delete(edit);
    return true;
}

void docedit_result_free(struct docedit_result *r)
{
    free(r->doc);
    free(r->ignored);
    *r = (struct docedit_result){0};
}

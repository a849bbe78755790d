/* hostile.c: the sandbox's hostile-text faults: error bodies and cursors that would take over a
 * terminal (--hostile-errors), names that hold a \u0000 escape (--nul-names). */
#include "config.h"

#include "sandbox/hostile.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/util.h"

/* Stands for a NUL in a name until the body is printed (a cJSON string cannot hold one). */
#define NUL_MARK "@@tenantry-sandbox-nul@@"

/* Append HOSTILE_TEXT to every string value in item and below. */
static void poison_strings(cJSON *item)
{
    for (; item; item = item->next) {
        if (cJSON_IsString(item)) {
            char *s = xasprintf("%s%s", item->valuestring, HOSTILE_TEXT);
            if (!cJSON_SetValuestring(item, s))
                die("out of memory");
            free(s);
        }
        poison_strings(item->child);
    }
}

/* Append what stands for a NUL to the string member key of obj, if it has one. */
static void mark_name(cJSON *obj, const char *key)
{
    const char *name = json_get_string(obj, key);
    if (!name)
        return;
    char *s = xasprintf("%s" NUL_MARK "%s", name, "tail");
    cJSON_ReplaceItemInObjectCaseSensitive(obj, key, json_new_string(s));
    free(s);
}

/* Mark the name of a row object (MATTR's "name", a system tenant's "data.name"). */
static void mark_row(cJSON *row)
{
    mark_name(row, "name");
    cJSON *data = json_get_object(row, "data");
    if (data)
        mark_name(data, "name");
}

/* The rows of an answer: a page's data[], hydra:member[] or plain array, or the object. */
static void mark_rows(cJSON *body)
{
    cJSON *rows = cJSON_IsArray(body) ? body : json_get_array(body, "data"), *row;
    if (!rows)
        rows = json_get_array(body, "hydra:member");
    if (!rows) {
        mark_row(body);
        return;
    }
    cJSON_ArrayForEach(row, rows)
    {
        if (cJSON_IsObject(row))
            mark_row(row);
    }
}

/* text with every NUL_MARK written as the JSON escape \u0000, in a new string. */
static char *unmark(const char *text)
{
    struct strbuf sb = SB_INIT;
    const char *p = text, *m;
    while ((m = strstr(p, NUL_MARK))) {
        sb_add(&sb, p, (size_t)(m - p));
        sb_adds(&sb, "\\u0000");
        p = m + strlen(NUL_MARK);
    }
    sb_adds(&sb, p);
    return sb_steal(&sb);
}

void hostile_answer(const struct sandbox_opts *o, struct reply *rep)
{
    if ((!o->hostile_errors && !o->nul_names) || !rep->body)
        return;
    bool error = rep->status >= 400;
    if (error && !o->hostile_errors)
        return;
    cJSON *body = json_parse(rep->body, rep->len);
    if (!body) {
        if (!error)
            return;
        char *text = xasprintf("%s%s", rep->body, HOSTILE_TEXT); /* a bare-text error */
        free(rep->body);
        rep->body = text;
        rep->len = strlen(text);
        return;
    }
    if (error) {
        poison_strings(body->child);
    } else {
        if (o->hostile_errors && json_get_string(body, "nextCursor")) {
            char *c = xasprintf("%s%s", json_get_string(body, "nextCursor"), HOSTILE_TEXT);
            cJSON_ReplaceItemInObjectCaseSensitive(body, "nextCursor", json_new_string(c));
            free(c);
        }
        if (o->nul_names)
            mark_rows(body);
    }
    char *printed = json_print(body);
    cJSON_Delete(body);
    free(rep->body);
    rep->body = unmark(printed);
    rep->len = strlen(rep->body);
    free(printed);
}

const char *hostile_cursor(const struct sandbox_opts *o, const char *cursor)
{
    static _Thread_local char buf[512];
    size_t n = cursor ? strlen(cursor) : 0, h = strlen(HOSTILE_TEXT);
    if (!o->hostile_errors || n < h || n - h >= sizeof(buf) ||
        strcmp(cursor + n - h, HOSTILE_TEXT))
        return cursor;
    memcpy(buf, cursor, n - h);
    buf[n - h] = '\0';
    return buf;
}

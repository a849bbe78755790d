/* model.c: rows copied out of the server's JSON, and pages of rows. */
#include "config.h"

#include "core/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/json_scan.h"
#include "core/util.h"

/* The item at a dotted path ("environment.name") under obj, or NULL. */
static cJSON *find_item(cJSON *obj, const char *path)
{
    const char *p = path;
    while (obj && cJSON_IsObject(obj)) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        cJSON *child = NULL;
        cJSON_ArrayForEach(child, obj)
        {
            if (child->string && strlen(child->string) == n && !memcmp(child->string, p, n))
                break;
        }
        if (!dot)
            return child;
        obj = child;
        p = dot + 1;
    }
    return NULL;
}

/* find_item for a read-only tree. */
static const cJSON *lookup(const cJSON *obj, const char *path)
{
    union {
        const cJSON *c;
        cJSON *m;
    } u = {.c = obj};
    return find_item(u.m, path);
}

/* A field's value as text: strings as they are, numbers and booleans printed, arrays of
 * strings joined with ",", objects as compact JSON, anything else "". */
static char *value_text(const cJSON *item)
{
    if (cJSON_IsString(item))
        return xstrdup(item->valuestring);
    if (cJSON_IsBool(item))
        return xstrdup(cJSON_IsTrue(item) ? "true" : "false");
    if (cJSON_IsNumber(item)) {
        char *s = json_print(item);
        return s;
    }
    if (cJSON_IsArray(item)) {
        struct strbuf sb = SB_INIT;
        const cJSON *e;
        cJSON_ArrayForEach(e, item)
        {
            if (!cJSON_IsString(e))
                continue;
            if (sb.len)
                sb_addc(&sb, ',');
            sb_adds(&sb, e->valuestring);
        }
        return sb_steal(&sb);
    }
    if (cJSON_IsObject(item))
        return json_print(item);
    return xstrdup("");
}

/* Remove the item at path from a copy of obj. */
static void detach_path(cJSON *obj, const char *path)
{
    const char *dot = strrchr(path, '.');
    cJSON *parent = obj;
    if (dot) {
        char *head = xstrndup(path, (size_t)(dot - path));
        parent = find_item(obj, head);
        free(head);
    }
    if (!cJSON_IsObject(parent))
        return;
    cJSON *gone = cJSON_DetachItemFromObjectCaseSensitive(parent, dot ? dot + 1 : path);
    if (gone && cJSON_IsString(gone))
        util_wipe(gone->valuestring, strlen(gone->valuestring));
    cJSON_Delete(gone);
}

/* A row of obj's fields (and its raw JSON when want_raw); see model_row_from_json. */
static struct row *row_build(const struct api_kind_def *def, const cJSON *obj,
                             bool keep_secret_in_raw, bool want_raw)
{
    struct row *row = xcalloc(1, sizeof(*row));
    bool has_secret = false;
    row->def = def;
    row->values = xcalloc(def->nfields, sizeof(*row->values));
    for (size_t i = 0; i < def->nfields; i++) {
        const cJSON *item = lookup(obj, def->fields[i].path);
        if (def->fields[i].flags & FIELD_SECRET) {
            row->values[i] = xstrdup("");
            if (cJSON_IsString(item)) {
                util_free_secret(row->secret);
                row->secret = xstrdup(item->valuestring);
                has_secret = true;
            }
            continue;
        }
        row->values[i] = value_text(item);
    }
    if (!want_raw)
        return row;
    if (has_secret && !keep_secret_in_raw) {
        cJSON *copy = cJSON_Duplicate(obj, 1);
        if (!copy)
            die("out of memory");
        for (size_t i = 0; i < def->nfields; i++)
            if (def->fields[i].flags & FIELD_SECRET)
                detach_path(copy, def->fields[i].path);
        row->raw = json_print(copy);
        cJSON_Delete(copy);
    } else {
        row->raw = has_secret ? json_print_secret(obj) : json_print(obj);
    }
    return row;
}

struct row *model_row_from_json(const struct api_kind_def *def, const cJSON *obj,
                                bool keep_secret_in_raw)
{
    return row_build(def, obj, keep_secret_in_raw, true);
}

struct row *model_row_values(const struct api_kind_def *def, const cJSON *obj)
{
    return row_build(def, obj, false, false);
}

struct row *model_row_raw(const struct api_kind_def *def, struct json_span text)
{
    const char *names[8];
    size_t n = 0;
    for (size_t f = 0; f < def->nfields; f++) {
        if (!(def->fields[f].flags & FIELD_SECRET))
            continue;
        if (n == ARRAY_SIZE(names))
            return NULL;
        const char *path = def->fields[f].path, *last = strrchr(path, '.');
        names[n++] = last ? last + 1 : path;
    }
    struct strbuf sb = SB_INIT;
    if (!json_scan_copy(&sb, text, names, n)) {
        sb_free(&sb);
        return NULL; /* a secret to take out: the parsed object's way */
    }
    struct row *row = xcalloc(1, sizeof(*row));
    row->def = def;
    row->raw = sb_steal(&sb);
    return row;
}

const char *model_row_id(const struct row *row)
{
    return row->values ? row->values[row->def->id_field] : "";
}

int model_field_index(const struct api_kind_def *def, const char *path)
{
    for (size_t i = 0; i < def->nfields; i++)
        if (!strcmp(def->fields[i].path, path))
            return (int)i;
    return -1;
}

const char *model_row_get(const struct row *row, const char *path)
{
    int i = model_field_index(row->def, path);
    return i < 0 || !row->values ? NULL : row->values[i];
}

void model_row_free(struct row *row)
{
    if (!row)
        return;
    for (size_t i = 0; row->values && i < row->def->nfields; i++)
        free(row->values[i]);
    free(row->values);
    if (row->secret) {
        util_free_secret(row->secret);
        util_free_secret(row->raw); /* it may hold the secret too */
    } else {
        free(row->raw);
    }
    free(row);
}

void model_page_add(struct page *page, struct row *row)
{
    if (!(page->n & (page->n - 1))) /* 0, 1, 2, 4...: room doubles */
        page->rows = xreallocarray(page->rows, page->n ? page->n * 2 : 1, sizeof(*page->rows));
    page->rows[page->n++] = row;
}

void model_page_clear(struct page *page)
{
    for (size_t i = 0; i < page->n; i++)
        model_row_free(page->rows[i]);
    free(page->rows);
    free(page->next);
    free(page->warning);
    *page = (struct page){0};
}

/* raw with the kind's secret fields removed, as a new string ("" when secret still shows);
 * NULL when it holds none. */
char *model_raw_without_secrets(const struct api_kind_def *def, const char *raw,
                                const char *secret)
{
    bool suspect = secret && *secret && strstr(raw, secret);
    for (size_t f = 0; f < def->nfields && !suspect; f++) {
        if (!(def->fields[f].flags & FIELD_SECRET))
            continue;
        const char *path = def->fields[f].path, *last = strrchr(path, '.');
        last = last ? last + 1 : path;
        suspect = strstr(raw, last) != NULL;
    }
    if (!suspect)
        return NULL;
    cJSON *tree = json_parse(raw, strlen(raw));
    if (!tree) /* not JSON (never from model): keep nothing rather than risk a secret */
        return xstrdup("");
    for (size_t f = 0; f < def->nfields; f++) {
        if (!(def->fields[f].flags & FIELD_SECRET))
            continue;
        const char *path = def->fields[f].path, *last = strrchr(path, '.');
        char *up = last ? xstrndup(path, (size_t)(last - path)) : NULL, *dot;
        cJSON *parent = tree;
        for (char *name = up; parent && name; name = dot ? dot + 1 : NULL) {
            if ((dot = strchr(name, '.')))
                *dot = '\0';
            parent = cJSON_GetObjectItemCaseSensitive(parent, name);
        }
        free(up);
        cJSON *gone; /* every one of duplicate keys */
        while (cJSON_IsObject(parent) &&
               (gone = cJSON_DetachItemFromObjectCaseSensitive(parent, last ? last + 1 : path)))
            json_delete_wiped(gone);
    }
    char *clean = json_print(tree);
    json_delete_wiped(tree);
    if (secret && *secret && strstr(clean, secret)) { /* somewhere odd: keep nothing */
        util_free_secret(clean);
        return xstrdup("");
    }
    return clean;
}

/* The item at a dotted key inside obj, or NULL. */
static const cJSON *item_at(const cJSON *obj, const char *key)
{
    while (cJSON_IsObject(obj)) {
        size_t n = strcspn(key, ".");
        const cJSON *m;
        const cJSON *hit = NULL;
        cJSON_ArrayForEach(m, obj)
        {
            if (m->string && strlen(m->string) == n && !memcmp(m->string, key, n)) {
                hit = m;
                break;
            }
        }
        if (!hit || !key[n])
            return hit;
        obj = hit;
        key += n + 1;
    }
    return NULL;
}

/* A JSON value as a cell's text into sb. */
static void add_item(struct strbuf *sb, const cJSON *item)
{
    if (cJSON_IsString(item)) {
        sb_adds(sb, item->valuestring);
    } else if (cJSON_IsBool(item)) {
        sb_adds(sb, cJSON_IsTrue(item) ? "true" : "false");
    } else if (item && !cJSON_IsNull(item)) {
        char *s = json_print(item);
        sb_adds(sb, s);
        free(s);
    }
}

void model_json_key(const char *json, const char *key, struct strbuf *out)
{
    if (!json || *json != '{')
        return;
    cJSON *j = json_parse(json, strlen(json));
    add_item(out, item_at(j, key));
    cJSON_Delete(j);
}

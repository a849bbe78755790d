/* merge.c: three-way key-by-key comparison and merge of JSON objects. */
#include "config.h"

#include "core/merge.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/util.h"

/* obj when it is an object, else NULL. */
static const cJSON *object_or_null(const cJSON *obj)
{
    return cJSON_IsObject(obj) ? obj : NULL;
}

/* The member key of obj (NULL obj: none). */
static const cJSON *member(const cJSON *obj, const char *key)
{
    return obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

/* True when a and b (either NULL) are the same JSON. */
static bool same(const cJSON *a, const cJSON *b)
{
    return (!a && !b) || (a && b && cJSON_Compare(a, b, true));
}

static char *print_or_null(const cJSON *item)
{
    return item ? json_print(item) : NULL;
}

static void add_key(struct merge_diff *d, const char *key, const cJSON *b, const cJSON *y,
                    const cJSON *s)
{
    const cJSON *bv = member(b, key), *yv = member(y, key), *sv = member(s, key);
    struct merge_key k = {.key = xstrdup(key)};
    k.base = print_or_null(bv);
    k.yours = print_or_null(yv);
    k.server = print_or_null(sv);
    k.differs = s && !same(sv, yv);
    if (k.differs && b) {
        bool you = !same(bv, yv), server = !same(bv, sv);
        k.who = you && server ? MERGE_BOTH : you ? MERGE_YOURS : server ? MERGE_SERVER
                                                                        : MERGE_NOBODY;
    }
    d->keys = xreallocarray(d->keys, d->n + 1, sizeof(*d->keys));
    d->keys[d->n++] = k;
}

void merge_diff(const cJSON *base, const cJSON *yours, const cJSON *server,
                struct merge_diff *out)
{
    const cJSON *b = object_or_null(base), *y = object_or_null(yours);
    const cJSON *s = object_or_null(server), *item;
    *out = (struct merge_diff){0};
    cJSON_ArrayForEach(item, s)
        add_key(out, item->string, b, y, s);
    cJSON_ArrayForEach(item, y)
        if (!member(s, item->string))
            add_key(out, item->string, b, y, s);
}

void merge_diff_free(struct merge_diff *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->keys[i].key);
        free(d->keys[i].base);
        free(d->keys[i].yours);
        free(d->keys[i].server);
    }
    free(d->keys);
    *d = (struct merge_diff){0};
}

bool merge_key_conflicts(const struct merge_key *k, bool know_base)
{
    return k->differs && (!know_base || k->who == MERGE_BOTH);
}

/* Add a copy of v as key to obj, when v is there. */
static void add_copy(cJSON *obj, const char *key, const cJSON *v)
{
    if (v)
        json_add(obj, key, cJSON_Duplicate(v, true));
}

cJSON *merge_objects(const cJSON *base, const cJSON *yours, const cJSON *server,
                     cJSON **conflicts)
{
    const cJSON *b = object_or_null(base), *y = object_or_null(yours);
    const cJSON *s = object_or_null(server);
    cJSON *out = s ? cJSON_Duplicate(s, true) : json_new_object();
    if (!out)
        die("out of memory");
    *conflicts = NULL;
    struct merge_diff d;
    merge_diff(b, y, s ? s : out, &d); /* no server object: an empty one */
    for (size_t i = 0; i < d.n; i++) {
        const struct merge_key *k = &d.keys[i];
        const cJSON *yv = member(y, k->key);
        if (merge_key_conflicts(k, b != NULL)) {
            cJSON *c = json_new_object();
            add_copy(c, "yours", yv);
            add_copy(c, "server", member(s, k->key));
            add_copy(c, "base", member(b, k->key));
            if (!*conflicts)
                *conflicts = json_new_object();
            json_add(*conflicts, k->key, c);
        } else if (k->who == MERGE_YOURS && !yv) {
            cJSON_DeleteItemFromObjectCaseSensitive(out, k->key);
        } else if (k->who == MERGE_YOURS && member(out, k->key)) { /* in place: keep the order */
            cJSON *copy = cJSON_Duplicate(yv, true);
            if (!copy || !cJSON_ReplaceItemInObjectCaseSensitive(out, k->key, copy))
                die("out of memory");
        } else if (k->who == MERGE_YOURS) {
            add_copy(out, k->key, yv);
        }
    }
    merge_diff_free(&d);
    return out;
}

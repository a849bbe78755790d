/* sysfilter.c: whether a /system/tenants row satisfies a list's filters. */
#include "config.h"

#include "core/sysfilter.h"

#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

/* True when one of key's values in filter is the row's value (whole numbers compared as
 * such, else case-insensitively); true when filter has no value of key. */
static bool any_equal(const struct api_values *filter, const char *key, const char *have,
                      bool number)
{
    size_t n = api_values_count(filter, key);
    long long h, w;
    for (size_t i = 0; i < n; i++) {
        const char *want = api_values_get(filter, key, i);
        if (number ? str_to_llong(have, INT64_MIN, INT64_MAX, &h) &&
                         str_to_llong(want, INT64_MIN, INT64_MAX, &w) && h == w
                   : !strcasecmp(have, want))
            return true;
    }
    return n == 0;
}

/* True when the row's date field is on the wrong side of key's date (after it for an upper
 * bound, before it for a lower one). */
static bool outside(const struct api_values *filter, const char *key, const char *have,
                    bool upper)
{
    const char *bound = api_values_get(filter, key, 0);
    int64_t b, h;
    if (!bound || !util_parse_iso8601(bound, &b) || !util_parse_iso8601(have, &h))
        return false;
    return upper ? h > b : h < b;
}

bool sysfilter_contradicts(const struct api_values *filter, const struct row *row)
{
    if (!filter || !filter->n)
        return false;
    const char *id = model_row_get(row, "id"), *uuid = model_row_get(row, "uuid");
    const char *created = model_row_get(row, "createdAt");
    const char *updated = model_row_get(row, "updatedAt");
    return (id && *id && !any_equal(filter, "id", id, true)) ||
           (uuid && *uuid && !any_equal(filter, "uuid", uuid, false)) ||
           (created && outside(filter, "created-before", created, true)) ||
           (created && outside(filter, "created-after", created, false)) ||
           (updated && outside(filter, "updated-before", updated, true)) ||
           (updated && outside(filter, "updated-after", updated, false));
}

struct api_values *sysfilter_copy(const struct api_values *filter)
{
    if (!filter || !filter->n)
        return NULL;
    struct api_values *c = xcalloc(1, sizeof(*c));
    struct api_value *v = xcalloc(filter->n, sizeof(*v));
    for (size_t i = 0; i < filter->n; i++)
        v[i] = (struct api_value){xstrdup(filter->v[i].key), xstrdup(filter->v[i].value)};
    c->v = v;
    c->n = filter->n;
    return c;
}

void sysfilter_free(struct api_values *copy)
{
    if (!copy)
        return;
    for (size_t i = 0; i < copy->n; i++) {
        free((void *)(uintptr_t)copy->v[i].key);
        free((void *)(uintptr_t)copy->v[i].value);
    }
    free((void *)(uintptr_t)copy->v);
    free(copy);
}

/* filter.c: ':filter' terms into a kind's server filters. */
#include "config.h"

#include "core/filter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/util.h"

void filter_terms_free(struct filter_terms *f)
{
    for (size_t i = 0; i < f->n; i++)
        free((void *)(uintptr_t)f->v[i].value); /* our copy */
    free(f->v);
    free(f->text);
    *f = (struct filter_terms){0};
}

void filter_terms_add(struct filter_terms *f, const char *key, const char *value)
{
    f->v = xreallocarray(f->v, f->n + 1, sizeof(*f->v));
    f->v[f->n++] = (struct api_value){key, xstrdup(value)};
}

/* The date filter of k bounding name ("created", "createdAt") before or after, or NULL. */
static const struct api_input *bound_of(const struct api_kind_def *k, const char *name, size_t n,
                                        bool before)
{
    if (n > 2 && !strncmp(name + n - 2, "At", 2))
        n -= 2;
    char *key = xasprintf("%.*s-%s", (int)n, name, before ? "before" : "after");
    const struct api_input *def = api_input_find(k->filters, k->nfilters, key);
    free(key);
    return def && (def->flags & INPUT_DATE) ? def : NULL;
}

/* n when key ends in suffix, the length before it; else 0. */
static size_t stem(const char *key, const char *suffix)
{
    size_t n = strlen(key), m = strlen(suffix);
    return n > m && !strcmp(key + n - m, suffix) ? n - m : 0;
}

/* Add to err (what is wrong) the terms k accepts; false. */
static bool filter_hint(const struct api_kind_def *k, struct tn_error *err)
{
    struct strbuf dates = SB_INIT, others = SB_INIT;
    for (size_t i = 0; i < k->nfilters; i++) {
        const struct api_input *def = &k->filters[i];
        size_t after = stem(def->key, "-after"), before = stem(def->key, "-before");
        if (!(def->flags & INPUT_DATE) || (!after && !before)) {
            char *term = xasprintf("%s=%s", def->key, def->arg);
            if (others.len) {
                /* TRANSLATORS: joins filter terms in a hint: the terms so far (e.g. "id=N"),
                 * then one more (e.g. "uuid=U"), as in "id=N or uuid=U"; used again for a
                 * third ("id=N or uuid=U or name=S"). */
                char *both = xasprintf(_("%s or %s"), sb_str(&others), term);
                sb_reset(&others);
                sb_adds(&others, both);
                free(both);
            } else {
                sb_adds(&others, term);
            }
            free(term);
        } else if (after) {
            sb_addf(&dates, "%s%.*s>%s", dates.len ? ", " : "", (int)after, def->key, def->arg);
            if (bound_of(k, def->key, after, true))
                sb_addf(&dates, ", %.*s<%s", (int)after, def->key, def->arg);
        } else if (!bound_of(k, def->key, before, false)) {
            sb_addf(&dates, "%s%.*s<%s", dates.len ? ", " : "", (int)before, def->key, def->arg);
        }
    }
    if (dates.len && others.len)
        err_hint(err,
                 /* TRANSLATORS: the 1st %s lists the date bounds (e.g. created>DATE,
                  * created<DATE), the 2nd the other terms (e.g. id=N or uuid=U); keep ":filter"
                  * as it is. */
                 _("Use %s (the dates included; DATE as 2024-01-01 or 2024-01-01T10:00:00Z), "
                   "%s, separated by spaces; :filter alone clears."),
                 sb_str(&dates), sb_str(&others));
    else
        /* TRANSLATORS: %s lists the filter terms (e.g. id=N or uuid=U), kept as is; keep
         * ":filter" as it is. */
        err_hint(err, _("Use %s, separated by spaces; :filter alone clears."),
                 dates.len ? sb_str(&dates) : sb_str(&others));
    sb_free(&dates);
    sb_free(&others);
    return false;
}

/* One term ("created>2024-01-01") into out; false with err set. */
static bool add_term(const struct api_kind_def *k, const char *term, struct filter_terms *out,
                     struct tn_error *err)
{
    size_t n = strcspn(term, "<>=");
    if (!term[n] || !n) {
        err_set(err, ST_USAGE, _("'%s' is not a filter term"), term);
        return filter_hint(k, err);
    }
    char op = term[n];
    const char *value = term + n + 1;
    if (op != '=' && *value == '=')
        value++; /* >= and <= say the same: the bounds are included */
    const struct api_input *def;
    if (op == '=') {
        char *name = xstrndup(term, n);
        def = api_input_find(k->filters, k->nfilters, name);
        free(name);
        if (def && (def->flags & INPUT_DATE))
            def = NULL; /* a date takes < or >, never = */
    } else {
        def = bound_of(k, term, n, op == '<');
    }
    long long number;
    struct api_values have = {out->v, out->n};
    bool ok = false;
    if (!def)
        err_set(err, ST_USAGE, _("'%s' is not a filter term"), term);
    else if (!*value)
        err_set(err, ST_USAGE, _("'%s' lacks a value"), term);
    else if ((def->flags & INPUT_DATE) && !api_date_ok(value))
        /* TRANSLATORS: the filter term as typed (e.g. created>2024-13-01), then its value. */
        err_set(err, ST_USAGE, _("'%s': '%s' is not a date"), term, value);
    else if ((def->flags & INPUT_INT) && !str_to_llong(value, 0, INT64_MAX, &number))
        /* TRANSLATORS: the filter term as typed (e.g. id=x), then its value. */
        err_set(err, ST_USAGE, _("'%s': '%s' is not a whole number"), term, value);
    else if ((def->flags & INPUT_UUID) && !util_is_uuid(value))
        /* TRANSLATORS: the filter term as typed (e.g. uuid=x), then its value. */
        err_set(err, ST_USAGE, _("'%s': '%s' is not a UUID"), term, value);
    else if (!(def->flags & INPUT_MULTI) && api_values_count(&have, def->key))
        err_set(err, ST_USAGE, _("'%s' repeats a bound given already"), term);
    else
        ok = true;
    if (!ok)
        return filter_hint(k, err);
    filter_terms_add(out, def->key, value);
    return true;
}

bool filter_parse(const struct api_kind_def *k, const char *text, struct filter_terms *out,
                  struct tn_error *err)
{
    struct strbuf canon = SB_INIT;
    char *copy = xstrdup(text);
    bool ok = true;
    for (char *save = NULL, *term = strtok_r(copy, " \t", &save); term && ok;
         term = strtok_r(NULL, " \t", &save)) {
        ok = add_term(k, term, out, err);
        sb_addf(&canon, "%s%s", canon.len ? " " : "", term);
    }
    free(copy);
    struct api_values values = {out->v, out->n};
    if (ok)
        ok = api_check_filter(k, &values, err);
    if (ok) {
        out->text = sb_steal(&canon);
    } else {
        sb_free(&canon);
        filter_terms_free(out);
    }
    return ok;
}

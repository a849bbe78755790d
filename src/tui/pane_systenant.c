/* pane_systenant.c: the tenants pane of the system API (/system/tenants): UUID, number, dates and
 * version, and the ':filter' terms the server applies (created>DATE, id=N...). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "tui/pane.h"

static const char *const systenant_columns[] = {"uuid", "id", "createdAt", "updatedAt",
                                                "version"};

/* A bound on a date: "created" or "updated" with '<' (at or before) or '>' (at or after). */
static const struct {
    const char *name, *before, *after;
} bounds[] = {
    {"created", "created-before", "created-after"},
    {"createdAt", "created-before", "created-after"},
    {"updated", "updated-before", "updated-after"},
    {"updatedAt", "updated-before", "updated-after"},
};

/* Add to err (what is wrong) what is accepted; false. */
static bool filter_hint(struct tn_error *err)
{
    err_hint(err, _("Use created>DATE, created<DATE, updated>DATE, updated<DATE (the dates "
                    "included; DATE as 2024-01-01 or 2024-01-01T10:00:00Z), id=N or uuid=UUID, "
                    "separated by spaces; :filter alone clears."));
    return false;
}

/* One term ("created>2024-01-01") into out; false with err set. */
static bool add_term(const struct api_kind_def *k, const char *term, struct pane_filter *out,
                     struct tn_error *err)
{
    size_t n = strcspn(term, "<>=");
    if (!term[n] || !n) {
        err_set(err, ST_USAGE, _("'%s' is not a filter term"), term);
        return filter_hint(err);
    }
    char *name = xstrndup(term, n);
    char op = term[n];
    const char *value = term + n + 1;
    if (op != '=' && *value == '=')
        value++; /* >= and <= say the same: the bounds are included */
    const char *key = NULL;
    bool ok = false;
    for (size_t i = 0; i < ARRAY_SIZE(bounds) && op != '='; i++)
        if (!strcmp(name, bounds[i].name))
            key = op == '<' ? bounds[i].before : bounds[i].after;
    const struct api_input *def = api_input_find(k->filters, k->nfilters, key ? key : name);
    if (op == '=' && def && (def->flags & INPUT_DATE))
        def = NULL; /* created-after=DATE is fine; created=DATE is not */
    long long number;
    struct api_values have = {out->v, out->n};
    if (!def || (op != '=' && !key))
        err_set(err, ST_USAGE, _("'%s' is not a filter term"), term);
    else if (!*value)
        err_set(err, ST_USAGE, _("'%s' lacks a value"), term);
    else if ((def->flags & INPUT_DATE) && !api_date_ok(value))
        err_set(err, ST_USAGE, _("'%s': '%s' is not a date"), term, value);
    else if ((def->flags & INPUT_INT) && !str_to_llong(value, 0, INT64_MAX, &number))
        err_set(err, ST_USAGE, _("'%s': '%s' is not a whole number"), term, value);
    else if (!(def->flags & INPUT_MULTI) && api_values_count(&have, def->key))
        err_set(err, ST_USAGE, _("'%s' repeats a bound given already"), term);
    else
        ok = true;
    if (!ok)
        filter_hint(err);
    else
        pane_filter_add(out, def->key, value);
    free(name);
    return ok;
}

/* A ':filter' line into the server's filters: terms separated by spaces; "" for none. */
static bool parse_filter(const struct api_kind_def *k, const char *text, struct pane_filter *out,
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
        pane_filter_free(out);
    }
    return ok;
}

const struct pane_ops systenant_pane_ops = {
    .kind = "tenants",
    .title = N_("Tenants"),
    .columns = systenant_columns,
    .ncolumns = ARRAY_SIZE(systenant_columns),
    .crumb = "uuid",
    .server_filter = parse_filter,
};

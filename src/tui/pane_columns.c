/* pane_columns.c: a list pane's columns: the pane's own, the ones asked for (:columns, the
 * columns setting), a system tenant's data keys, and the sort column among them. */
#include "config.h"

#include "tui/pane.h"
#include "tui/pane_impl.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "tui/tui.h"

#define DATA_COLUMNS 3 /* a document's first scalar keys shown, unless data_columns says */

void pane_next_sort(struct pane *p)
{
    int c = p->sort_col + 1; /* (a key of a system tenant's data too) */
    p->sort_col = c >= (int)p->cs.n ? -1 : c;
    p->reverse = false;
    pane_rekeep(p);
    if (p->sort_col < 0)
        tui_message(p->app, _("Sorted in load order"));
    else
        /* TRANSLATORS: %s is the heading of the column sorted by (e.g. NAME). */
        tui_message(p->app, _("Sorted by %s"), p->cs.v[p->sort_col].header);
}

/* Build the columns: the document's keys first (a system tenant's data), then list (paths),
 * or the pane's own when list is NULL or names none the kind has. */
static void build_columns(struct pane *p, const char *data, const char *list)
{
    const char *sort = p->sort_col >= 0 ? p->cs.v[p->sort_col].path : NULL;
    char *keep = sort ? xstrdup(sort) : NULL;
    columns_clear(&p->cs);
    pane_forget_widths(p);
    if (data)
        columns_add_list(&p->cs, p->kind, data, NULL);
    size_t before = p->cs.n;
    if (list)
        columns_add_list(&p->cs, p->kind, list, NULL);
    if (p->cs.n == before) /* none asked for (or none the kind has): the pane's own */
        for (size_t i = 0; i < p->ops->ncolumns; i++)
            columns_add(&p->cs, p->kind, p->ops->columns[i]);
    int label = p->ops->label ? columns_find(&p->cs, p->ops->label) : -1;
    if (label >= 0 && columns_find(&p->cs, p->ops->label_with) >= 0)
        p->cs.v[label].style = COL_LABEL; /* the environment column names the domain */
    p->sort_col = keep ? columns_find(&p->cs, keep) : -1;
    free(keep);
}

void pane_set_columns(struct pane *p, const char *list)
{
    free(p->colspec);
    p->colspec = list && *list ? xstrdup(list) : NULL;
    build_columns(p, p->dataspec, p->colspec);
    tui_dirty(p->app);
}

bool pane_describe(const struct pane *p, size_t i, struct strbuf *out)
{
    struct strbuf v = SB_INIT;
    size_t before = out->len;
    for (size_t c = 0; c < p->cs.n; c++) {
        const struct column *col = &p->cs.v[c];
        const char *text = col->key ? columns_value(col, p->list, i, &v) : "";
        if (*text)
            sb_addf(out, "%s%s: %s", out->len > before ? ", " : "", col->key, text);
    }
    sb_free(&v);
    return out->len > before;
}

size_t pane_column_choices(const struct pane *p, struct strbuf *out)
{
    size_t n = 0;
    for (size_t c = 0; c < p->cs.n; c++, n++) /* those shown, in their order */
        sb_addf(out, "%s%s", out->len ? "," : "", p->cs.v[c].path);
    for (size_t f = 0; f < p->kind->nfields; f++) { /* then the others */
        const char *path = p->kind->fields[f].path;
        if ((p->kind->fields[f].flags & FIELD_SECRET) || columns_find(&p->cs, path) >= 0 ||
            (p->kind->doc_field && !strcmp(path, p->kind->doc_field)))
            continue;
        sb_addf(out, "%s%s", out->len ? "," : "", path);
        n++;
    }
    const char *doc = p->kind->doc_field; /* and the keys of the first document loaded */
    int f = doc ? model_field_index(p->kind, doc) : -1;
    struct strbuf keys = SB_INIT;
    for (size_t i = 0; f >= 0 && i < list_count(p->list) && !keys.len && i < 100; i++)
        columns_scalar_keys(doc, list_value(p->list, i, (size_t)f), COLUMNS_MAX, &keys);
    for (const char *s = sb_str(&keys); *s;) {
        size_t len = strcspn(s, ",");
        char *path = xstrndup(s, len);
        if (columns_find(&p->cs, path) < 0) {
            sb_addf(out, "%s%s", out->len ? "," : "", path);
            n++;
        }
        free(path);
        s += len + (s[len] == ',');
    }
    sb_free(&keys);
    return n;
}

const char *pane_columns(const struct pane *p, struct strbuf *out)
{
    for (size_t c = 0; c < p->cs.n; c++)
        sb_addf(out, "%s%s", c ? "," : "", p->cs.v[c].path);
    return sb_str(out);
}

void pane_find_data_columns(struct pane *p)
{
    const char *doc = p->kind->doc_field;
    if (!doc || p->data_cols)
        return;
    for (size_t c = 0; c < p->cs.n; c++) /* the columns asked for name the data's keys */
        if (p->cs.v[c].key && !strcmp(p->kind->fields[p->cs.v[c].field].path, doc)) {
            p->data_cols = true;
            return;
        }
    int f = model_field_index(p->kind, doc);
    const struct profile *prof = tui_session(p->app) ? api_profile(tui_session(p->app)) : NULL;
    struct strbuf sb = SB_INIT;
    if (prof && prof->data_columns) {
        const char *s = prof->data_columns;
        while (*s) { /* "name,plan": each a key of the document */
            size_t n = strcspn(s, ",");
            while (n && *s == ' ')
                s++, n--;
            if (n)
                sb_addf(&sb, "%s%s.%.*s", sb.len ? "," : "", doc, (int)n, s);
            s += n + (s[n] == ',');
        }
        p->data_cols = true;
    } else if (f >= 0) {
        for (size_t i = 0; i < list_count(p->list) && !sb.len && i < 100; i++)
            columns_scalar_keys(doc, list_value(p->list, i, (size_t)f), DATA_COLUMNS, &sb);
        p->data_cols = sb.len > 0 || list_count(p->list) >= 100;
    }
    if (sb.len) {
        free(p->dataspec);
        p->dataspec = sb_steal(&sb);
        build_columns(p, p->dataspec, p->colspec);
    }
    sb_free(&sb);
}

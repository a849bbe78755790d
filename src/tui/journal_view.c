/* journal_view.c: the journal of changes as a text view, newest first. */
#include "config.h"

#include "tui/journal_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/journal.h"
#include "core/util.h"

/* The lines, oldest first, as journal_each gives them. */
struct lines {
    char **v;
    bool *failed;
    size_t n, cap;
};

/* s, or "" when absent. */
static const char *or_empty(const cJSON *o, const char *key)
{
    const char *s = json_get_string(o, key);
    return s ? s : "";
}

/* journal_each's callback: one line for the entry. */
static void add_entry(void *ud, const cJSON *o)
{
    struct lines *l = ud;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
        l->failed = xreallocarray(l->failed, l->cap, sizeof(*l->failed));
    }
    char when[20]; /* "2026-12-06 10:42:21" of "2026-12-06T10:42:21.953Z" */
    snprintf(when, sizeof(when), "%s", or_empty(o, "time"));
    if (strlen(when) > 10)
        when[10] = ' ';
    const char *name = or_empty(o, "name"), *id = or_empty(o, "id");
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(o, "status");
    char code[16] = "";
    if (cJSON_IsNumber(status))
        snprintf(code, sizeof(code), " %d", (int)status->valuedouble);
    const char *outcome = or_empty(o, "outcome");
    /* TRANSLATORS: a journal line: time, profile, operation (create, update, delete), kind
     * (tenants, clients), outcome (done, failed, unknown: answer lost), status, then the
     * object: its name and ID in parentheses, or its ID */
    l->v[l->n] = xasprintf(_("%s  %-10s %-7s %-8s %s%s  %s%s%s%s"), when,
                           or_empty(o, "profile"), or_empty(o, "operation"),
                           or_empty(o, "kind"), outcome, code, name, *name ? " (" : "", id,
                           *name ? ")" : "");
    l->failed[l->n] = strcmp(outcome, "done") != 0;
    l->n++;
}

struct textview *journal_view_new(const char *path)
{
    struct textview *t = textview_new(_("Journal"));
    if (!path) {
        textview_add(t, _("No journal: neither XDG_STATE_HOME nor HOME is set."), TH_ERROR);
        return t;
    }
    struct lines l = {0};
    size_t bad = 0;
    struct tn_error err = {0};
    bool ok = journal_each(path, add_entry, &l, &bad, &err);
    char *title = xasprintf(ngettext("Journal: %zu change, newest first",
                                     "Journal: %zu changes, newest first", l.n),
                            l.n);
    textview_set_title(t, title);
    free(title);
    if (!ok)
        textview_add(t, err.message, TH_ERROR);
    else if (!l.n)
        textview_add(t, _("No change has been made yet (or the journal is off in every "
                          "profile used)."), TH_DIM);
    for (size_t i = l.n; i-- > 0;) {
        textview_add(t, l.v[i], l.failed[i] ? TH_ERROR : TH_NORMAL);
        free(l.v[i]);
    }
    if (bad) {
        char *skipped = xasprintf(ngettext("(%zu line that is not a change was skipped)",
                                           "(%zu lines that are not changes were skipped)", bad),
                                  bad);
        textview_add(t, skipped, TH_DIM);
        free(skipped);
    }
    textview_add(t, "", TH_NORMAL);
    textview_add(t, path, TH_DIM);
    free(l.v);
    free(l.failed);
    err_clear(&err);
    return t;
}

/* export.c: `:export FILE` in the console: the rows of the focused pane, as shown, written a
 * chunk at a time (core/export) from the loop. */
#include "config.h"

#include "tui/export.h"

#include <stdlib.h>
#include <string.h>

#include "core/export.h"
#include "core/intl.h"
#include "core/phrase.h"
#include "core/list.h"
#include "core/marks.h"
#include "tui/pane.h"
#include "tui/tui_state.h"

#define EXPORT_CHUNK 1000      /* rows written between looks at the clock */
#define EXPORT_SLICE_MS 8      /* a step writes for about this long, then keys go first */
#define EXPORT_SHOW_MS 100     /* the progress line changes at most this often */

struct export_job {
    struct export *x;
    struct pane *pane;
    unsigned gen;    /* the list's generation: a reload makes the indexes name other rows */
    size_t *rows, n, at;
    char *path;
    bool more;       /* the list had more rows on the server than were loaded */
    int64_t shown;   /* when the progress was last said */
};

static void job_free(struct tui *t)
{
    struct export_job *j = t->export;
    if (!j)
        return;
    export_abort(j->x);
    free(j->rows);
    free(j->path);
    free(j);
    t->export = NULL;
    sb_reset(&t->progress);
    t->dirty = true;
}

/* "~/x" as $HOME/x; a new string. */
static char *expand(const char *path)
{
    const char *home = getenv("HOME");
    if (path[0] == '~' && path[1] == '/' && home && *home)
        return xasprintf("%s%s", home, path + 1);
    return xstrdup(path);
}

/* Say how far the export is. */
static void progress(struct tui *t)
{
    struct export_job *j = t->export;
    char a[32], b[32];
    sb_reset(&t->progress);
    sb_addf(&t->progress,
            /* TRANSLATORS: the file's name, the rows written so far and the rows in all (numbers
             * with separators: "1,200"; the plural follows the rows in all); Esc is a key. */
            ngettext("Exporting to %s: %s of %s row (Esc stops)",
                     "Exporting to %s: %s of %s rows (Esc stops)", j->n),
            j->path, pane_count_text(j->at, a), pane_count_text(j->n, b));
    j->shown = util_now_ms();
    t->dirty = true;
}

void export_start(struct tui *t, const char *arg)
{
    struct pane *p = tui_focused(t);
    enum export_format f;
    struct tn_error err = {0};
    if (!arg || !*arg) {
        tui_message(t, _("Name the file to export to: :export FILE.csv, .jsonl or .json"));
        return;
    }
    if (t->export) {
        /* TRANSLATORS: %s is a file's name; Esc is a key. */
        tui_message(t, _("An export to %s is running: wait for it, or Esc stops it"),
                    t->export->path);
        return;
    }
    if (!p || !list_started(pane_list(p))) {
        tui_message(t, _("Nothing loaded to export yet"));
        return;
    }
    if (!export_format_of(arg, &f)) {
        /* TRANSLATORS: keep ":export" as it is; %s is the file name typed. */
        err_set(&err, ST_USAGE, _(":export %s: no format of that name"), arg);
        err_hint(&err, _("Name the file .csv, .jsonl (one JSON object a line) or .json (an "
                         "array)."));
        tui_error(t, &err);
        err_clear(&err);
        return;
    }
    char *path = expand(arg);
    struct export *x = export_open(path, f, pane_list(p), &err);
    if (!x) {
        err_prefix(&err, ":export");
        tui_error(t, &err);
        err_clear(&err);
        free(path);
        return;
    }
    struct export_job *j = xcalloc(1, sizeof(*j));
    j->x = x;
    j->pane = p;
    j->gen = list_generation(pane_list(p));
    /* the rows as the pane shows them (its filter, its sort); when rows are marked, only
     * the marked ones */
    j->rows = pane_rows(p, &j->n);
    const struct marks *m = pane_marks(p);
    if (marks_count(m)) {
        size_t kept = 0;
        for (size_t i = 0; i < j->n; i++)
            if (marks_has(m, list_id(pane_list(p), j->rows[i])))
                j->rows[kept++] = j->rows[i];
        j->n = kept;
    }
    j->path = path;
    /* rows on the server not loaded yet: said when the export is the list, not the marks */
    j->more = !marks_count(m) && list_more(pane_list(p));
    t->export = j;
    progress(t);
}

/* The export ended: put the file in place and say so, or say why not. */
static void finish(struct tui *t)
{
    struct export_job *j = t->export;
    struct tn_error err = {0};
    struct export *x = j->x;
    j->x = NULL;
    char a[32];
    const struct api_kind_def *k = pane_kind(j->pane);
    if (!export_finish(x, &err)) {
        err_prefix(&err, ":export");
        tui_error(t, &err);
    } else if (j->more) {
        char key[32];
        tui_message(t,
                    phrase_n(k, PH_WROTE_MORE, j->n,
                             /* TRANSLATORS: the number of rows ("1,200"), the file's name, then
                              * a key (G). */
                             ngettext("Wrote the %s row loaded to %s; the server may have "
                                      "more: %s loads them all first",
                                      "Wrote the %s rows loaded to %s; the server may have "
                                      "more: %s loads them all first",
                                      j->n)),
                    pane_count_text(j->n, a), j->path, keymap_hint(t->km, ACT_LAST, key));
    } else {
        tui_message(t,
                    phrase_n(k, PH_WROTE, j->n,
                             /* TRANSLATORS: the number of rows ("1,200"), then the file's
                              * name. */
                             ngettext("Wrote %s row to %s", "Wrote %s rows to %s", j->n)),
                    pane_count_text(j->n, a), j->path);
    }
    err_clear(&err);
    job_free(t);
}

bool export_step(struct tui *t)
{
    struct export_job *j = t->export;
    if (!j)
        return false;
    if (list_generation(pane_list(j->pane)) != j->gen) {
        char *path = xstrdup(j->path);
        job_free(t);
        tui_message(t, _("The list was loaded again while exporting: nothing written to %s"),
                    path);
        free(path);
        return false;
    }
    int64_t start = util_now_ms();
    struct tn_error err = {0};
    while (j->at < j->n && util_now_ms() - start < EXPORT_SLICE_MS) {
        size_t k = j->n - j->at < EXPORT_CHUNK ? j->n - j->at : EXPORT_CHUNK;
        if (!export_rows(j->x, j->rows + j->at, k, &err)) {
            err_prefix(&err, ":export");
            tui_error(t, &err);
            err_clear(&err);
            job_free(t);
            return false;
        }
        j->at += k;
    }
    if (j->at == j->n) {
        finish(t);
        return false;
    }
    if (util_now_ms() - j->shown >= EXPORT_SHOW_MS)
        progress(t);
    return true;
}

bool export_running(const struct tui *t)
{
    return t->export != NULL;
}

bool export_stop(struct tui *t)
{
    if (!t->export)
        return false;
    char *path = xstrdup(t->export->path);
    job_free(t);
    tui_message(t, _("Stopped the export: nothing written to %s"), path);
    free(path);
    return true;
}

void export_drop(struct tui *t)
{
    job_free(t);
}

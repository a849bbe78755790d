/* pane_impl.h: a list pane's state, shared by pane.c (loading, selection, actions) and
 * pane_draw.c (measuring and drawing). Nothing else includes it. */
#ifndef TENANTRY_PANE_IMPL_H
#define TENANTRY_PANE_IMPL_H

#include "core/walk.h"
#include "tui/columns.h"
#include "tui/pane.h"

#define MIN_SCREEN 10 /* rows assumed for prefetching before the pane was drawn */

struct pane {
    const struct pane_ops *ops;
    struct tui *app;
    const struct api_kind_def *kind;
    struct list *list;
    struct list_view *view;
    struct columns cs; /* the columns, most important first */
    char *colspec;     /* the columns asked for (paths, comma-separated), or NULL */
    char *dataspec;    /* the document's columns ("data.name,data.plan"), or NULL */
    bool data_cols;    /* the document's columns were chosen */
    bool id_cut;       /* the last drawing cut or left out the ID column */
    size_t sel, top; /* in displayed rows (the "all" row first, when there is one) */
    int height;      /* rows of data last drawn */
    int sort_col;    /* index into cs, or -1 */
    bool reverse;
    char *filter;
    struct api_call *call;
    bool load_all;  /* G: load until the end */
    bool failed;    /* the last load failed: wait for a refresh */
    bool stopped;   /* Esc stopped loading: no more pages until asked (r, G, scrolling) */
    struct tn_error err; /* why */
    char *parent;   /* the parent ID the list is for */
    const char *why; /* why nothing is listed (N_() text), or NULL */
    char *want_id;  /* keep this row selected once it is loaded again (refresh) */
    size_t want_rows;
    struct filter_terms sf; /* what the server filters (':filter') */
    bool has_total; /* the server said how many the list holds: total */
    unsigned long long total;
    struct walk *walk; /* the pages loaded so far, to stop a list that would never end */
    int asked;         /* the page size the call in flight asked for */
    size_t last_n;     /* the rows of the last page */
    bool maybe_end;    /* the last page was short but came with a next-page token: more may
                        * be available; asked for only at the last row (or G) */
};

/* Rows shown, counting the "all" row. */
size_t pane_shown(const struct pane *p);
/* Keep the selection on screen in a pane of rows data rows. */
void pane_scroll_to_sel(struct pane *p, size_t rows);
/* How many the list holds: what the server counted (local creates and deletes followed), and
 * never fewer than are loaded. */
size_t pane_total(const struct pane *p);

#endif

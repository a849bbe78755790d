/* pane_impl.h: a list pane's state, shared by pane.c (loading, selection, actions) and
 * pane_draw.c (measuring and drawing). Nothing else includes it. */
#ifndef TENANTRY_PANE_IMPL_H
#define TENANTRY_PANE_IMPL_H

#include "core/walk.h"
#include "tui/columns.h"
#include "tui/pane.h"

#define MIN_SCREEN 10 /* rows assumed for prefetching before the pane was drawn */
/* A pane not focused that starts another list (the clients following the tenant) shows its
 * last rows this long before "Loading...": a quick answer replaces them in one drawing. */
#define PANE_HOLD_MS 400

struct draw_saved;

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
    bool load_on;   /* L: load until the end, the selection staying where it is */
    void (*landed)(void *ud, struct pane *p); /* runs when a page was taken in, or NULL */
    void *landed_ud;
    unsigned char *flags; /* PANE_NEW, PANE_GONE by list row (:watch), nflags of them */
    size_t nflags;
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
    struct marks *marks; /* marked rows by ID (pane_marks.c) */
    char *marks_parent;  /* the parent they were marked under, or NULL */
    bool paged;        /* PgDn was pressed since the list started: keep a page ahead */
    bool maybe_end;    /* the last page was short but came with a next-page token: more may
                        * be available; asked for only at the last row (or G) */
    /* the widest cells each column wanted since the list, the view or the columns changed
     * or the rows jumped by more than one: a column only widens as rows scroll by one at a
     * time, so scrolling moves no column */
    int kept_want[COLUMNS_MAX], kept_vals[COLUMNS_MAX];
    size_t kept_first; /* the first row measured last */
    struct draw_saved *saved; /* the pane as last drawn with rows (not focused) */
    bool saved_ok;
    int64_t hold_until; /* show saved until then while the next list loads */
};

/* Rows shown, counting the "all" row. */
size_t pane_shown(const struct pane *p);
/* Keep the selection on screen in a pane of rows data rows. */
void pane_scroll_to_sel(struct pane *p, size_t rows);
/* The rows are listed under parent now (NULL: none): the marks go when that is another one
 * than they were made under (pane_marks.c). */
void pane_marks_under(struct pane *p, const char *parent);
/* How many the list holds: what the server counted (local creates and deletes followed), and
 * never fewer than are loaded. */
size_t pane_total(const struct pane *p);
/* Forget the widths the columns kept (another list, other columns). */
void pane_forget_widths(struct pane *p);
/* Cycle the sort column: none, each column in turn, none. */
void pane_next_sort(struct pane *p);
/* A document kind (a system tenant's data): its columns are the profile's data_columns, or
 * the first scalar keys of the first row that has some. */
void pane_find_data_columns(struct pane *p);

#endif

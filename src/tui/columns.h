/* columns.h: a pane's columns: what each shows (a field of the kind, or a key of a field that
 * holds a JSON object, as a system tenant's data.plan), how it gives way when the width is
 * short (IDs first, down to a middle ellipsis that keeps both ends; then the least important;
 * the first never goes), and the text of each cell. */
#ifndef TENANTRY_COLUMNS_H
#define TENANTRY_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/list.h"
#include "core/model.h"
#include "core/util.h"
#include "tui/theme.h"

#define COLUMNS_MAX 12
#define COLUMNS_ID_MIN 17 /* an ID cut in its middle keeps 8 cells at each end */
#define COLUMNS_TEXT_MIN 8
#define COLUMNS_FIRST_SOFT 32 /* the first column gives way down to this before the others */
#define COLUMNS_TEXT_MAX 48 /* no text column wants more (a hostile name takes no pane) */

/* How a column's values show and give way. */
enum column_style {
    COL_TEXT,  /* cut at its end */
    COL_ID,    /* an identifier: shrinks first, cut in its middle */
    COL_LABEL, /* a host name shown as its first label ("acme" of acme.vii.au01...): the
                * environment column names the rest; the full host is in the details */
};

/* One column. */
struct column {
    size_t field;    /* the kind's field */
    char *key;       /* a key of the JSON object that field holds, or NULL */
    char *path;      /* as given ("data.plan") */
    char *header;    /* the heading, translated */
    enum column_style style;
};

/* The columns of a pane, most important first. */
struct columns {
    struct column v[COLUMNS_MAX];
    size_t n;
};

/* Add the column of path (a field path of kind k, or FIELD.KEY inside a field holding a JSON
 * object) to cs; false when k has no such field or cs is full. The kind's ID field is a
 * COL_ID column. */
bool columns_add(struct columns *cs, const struct api_kind_def *k, const char *path);
/* Add the columns of a comma-separated list of paths ("name,subdomain,id"); the number
 * added. Unknown paths are skipped and named in *bad (a new string to free), when bad. */
size_t columns_add_list(struct columns *cs, const struct api_kind_def *k, const char *list,
                        char **bad);
/* The index of the column of path in cs, or -1. */
int columns_find(const struct columns *cs, const char *path);
/* Forget every column. */
void columns_clear(struct columns *cs);
/* The text of column c for row i of l (written to sb when it must be made: a label, a key of
 * a JSON object). */
const char *columns_value(const struct column *c, const struct list *l, size_t i,
                          struct strbuf *sb);
/* The first scalar keys (up to max) of the JSON object text json (a system tenant's data),
 * as paths "FIELD.KEY" appended to out, comma-separated; the number found. */
size_t columns_scalar_keys(const char *field, const char *json, size_t max, struct strbuf *out);

/* The columns drawn: indexes into the set and widths in cells. */
struct colfit {
    size_t col[COLUMNS_MAX];
    int width[COLUMNS_MAX];
    size_t n;
};

/* Fit cs into w cells (one space between columns), each column wanting want[c] cells (its
 * heading or its widest value) and vals[c] for its widest value alone: when they do not fit,
 * headings wider than the values are cut first (not below COLUMNS_TEXT_MIN), then IDs shrink
 * to COLUMNS_ID_MIN, then the first column to COLUMNS_FIRST_SOFT, then the other columns from the last to the second shrink to
 * COLUMNS_TEXT_MIN (or their want, when less), then the last columns go (the first stays, cut
 * to w). Width left over goes to the first column. */
void columns_fit(const struct columns *cs, const int *want, const int *vals, int w,
                 struct colfit *out);
/* Draw text in column c's style at (y, x) in w cells (padded). */
void columns_draw_cell(const struct column *c, int y, int x, int w, const char *text,
                       enum theme_role role);

#endif

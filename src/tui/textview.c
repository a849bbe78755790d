/* textview.c: a scrollable, searchable view of text lines (detail and help views). */
#include "config.h"

#include "tui/textview.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/text.h"
#include "core/util.h"

struct tv_line {
    char *text;
    enum theme_role role;
    int indent;  /* in src: the continuation rows' indent (cells), or -1: never wrapped */
    size_t from; /* in lines: the src line it comes from */
};

struct textview {
    struct view base; /* first, so that a struct view * is a struct textview * */
    char *title;
    struct tv_line *lines; /* the rows shown (with wrapping: src's lines at the last width) */
    size_t n, cap;
    struct tv_line *src; /* with wrapping (textview_add_wrapped): the lines as added */
    size_t nsrc, srccap;
    bool wraps;      /* some line wraps: lines is made from src at each new width */
    int built_width; /* the width lines was made for (0: not yet) */
    size_t top;       /* the first line shown */
    int left;         /* the cells scrolled off to the left (Right, Left) */
    int width;        /* the cells of text at the last draw */
    size_t height;    /* the rows of text at the last draw (0 before the first) */
    char *search;     /* the last search text, or NULL */
    bool has_match;
    size_t match;     /* the line of the current match when has_match */
    char *status;     /* "match 3 of 7 for 'x'", or NULL */
};

static void tv_draw(struct view *v, struct rect r);
static enum tui_result tv_handle(struct view *v, enum action act, int key);
static void tv_search(struct view *v, const char *text, bool forward);
static void tv_free(struct view *v);

static const struct view_ops textview_ops = {
    .draw = tv_draw,
    .handle = tv_handle,
    .search = tv_search,
    .free = tv_free,
};

static struct textview *tv_of(struct view *v)
{
    return (struct textview *)v;
}

struct textview *textview_new(const char *title)
{
    struct textview *t = xcalloc(1, sizeof(*t));
    t->base.ops = &textview_ops;
    t->title = xstrdup(title ? title : "");
    return t;
}

struct view *textview_view(struct textview *t)
{
    return &t->base;
}

void textview_set_title(struct textview *t, const char *title)
{
    free(t->title);
    t->title = xstrdup(title ? title : "");
}

/* Append to the array *v (*n lines of *cap) a line of len bytes at s (taken when own). */
static void tv_append(struct tv_line **v, size_t *n, size_t *cap, struct tv_line line)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *v = xreallocarray(*v, *cap, sizeof(**v));
    }
    (*v)[(*n)++] = line;
}

/* Append a line of len bytes at s, continued indent cells in when it wraps (-1: never). */
static void tv_push_wrap(struct textview *t, const char *s, size_t len, enum theme_role role,
                         int indent)
{
    if (t->wraps) {
        tv_append(&t->src, &t->nsrc, &t->srccap,
                  (struct tv_line){xstrndup(s, len), role, indent, 0});
        t->built_width = 0;
        return;
    }
    tv_append(&t->lines, &t->n, &t->cap, (struct tv_line){xstrndup(s, len), role, -1, t->n});
}

/* Append a line of len bytes at s. */
static void tv_push(struct textview *t, const char *s, size_t len, enum theme_role role)
{
    tv_push_wrap(t, s, len, role, -1);
}

void textview_add(struct textview *t, const char *line, enum theme_role role)
{
    if (!line)
        line = "";
    tv_push(t, line, strlen(line), role);
}

void textview_add_wrapped(struct textview *t, const char *line, enum theme_role role, int indent)
{
    if (!t->wraps) { /* the lines so far become the first of src */
        t->wraps = true;
        for (size_t i = 0; i < t->n; i++)
            tv_append(&t->src, &t->nsrc, &t->srccap, t->lines[i]);
        t->n = 0;
    }
    if (!line)
        line = "";
    tv_push_wrap(t, line, strlen(line), role, indent < 0 ? 0 : indent);
}

/* Make the rows (lines) from src at width cells: a wrapped line continues indent cells in.
 * The first row shown and the match stay on the same lines of src. */
static void tv_rebuild(struct textview *t, int width)
{
    size_t top_from = !t->n ? 0 : t->top < t->n ? t->lines[t->top].from : t->nsrc;
    size_t match_from = t->has_match && t->match < t->n ? t->lines[t->match].from : 0;
    for (size_t i = 0; i < t->n; i++)
        free(t->lines[i].text);
    t->n = 0;
    t->top = top_from >= t->nsrc ? SIZE_MAX : 0; /* past the end: the end (textview_show_end) */
    for (size_t i = 0; i < t->nsrc; i++) {
        const struct tv_line *l = &t->src[i];
        const char *s = l->text;
        int indent = l->indent;
        if (i == top_from)
            t->top = t->n;
        if (t->has_match && i == match_from)
            t->match = t->n;
        if (indent < 0 || width - indent < 16 || draw_width(s) <= width) {
            tv_append(&t->lines, &t->n, &t->cap, (struct tv_line){xstrdup(s), l->role, -1, i});
            continue;
        }
        for (bool first = true; *s; first = false) {
            int w = first ? width : width - indent;
            size_t len = draw_wrap_len(s, w);
            char *row = first ? xstrndup(s, len) : xasprintf("%*s%.*s", indent, "", (int)len, s);
            tv_append(&t->lines, &t->n, &t->cap, (struct tv_line){row, l->role, -1, i});
            s += len ? len : strlen(s);
            while (*s == ' ')
                s++;
        }
    }
    if (t->top == SIZE_MAX)
        t->top = t->n;
    t->built_width = width;
}

/* With wrapping: make the rows again when the width changed (before the first draw: one row a
 * line), so that moving and searching see the rows the next draw shows. */
static void tv_rows(struct textview *t)
{
    int width = t->width > 0 ? t->width : INT_MAX;
    if (t->wraps && width != t->built_width)
        tv_rebuild(t, width);
}

void textview_add_text(struct textview *t, const char *text, enum theme_role role)
{
    if (!text)
        return;
    for (;;) {
        const char *nl = strchr(text, '\n');
        size_t len = nl ? (size_t)(nl - text) : strlen(text);
        if (!nl && len == 0)
            break; /* a final newline ends the last line, it does not start one */
        if (len > 0 && text[len - 1] == '\r')
            len--;
        tv_push(t, text, len, role);
        if (!nl)
            break;
        text = nl + 1;
    }
}

/* Forget the current match and the status text. */
static void tv_reset_match(struct textview *t)
{
    t->has_match = false;
    t->match = 0;
    free(t->status);
    t->status = NULL;
}

void textview_clear(struct textview *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->lines[i].text);
    for (size_t i = 0; i < t->nsrc; i++)
        free(t->src[i].text);
    t->n = t->nsrc = 0;
    t->built_width = 0;
    t->top = 0;
    tv_reset_match(t);
}

size_t textview_lines(const struct textview *t)
{
    return t->wraps ? t->nsrc : t->n;
}

size_t textview_top(const struct textview *t)
{
    return t->top;
}

const char *textview_status(const struct textview *t)
{
    return t->status ? t->status : "";
}

/* The rows a page holds (1 before the first draw). */
static size_t tv_page(const struct textview *t)
{
    return t->height ? t->height : 1;
}

/* The largest useful top: the last page shows the last line at the bottom. */
static size_t tv_max_top(const struct textview *t)
{
    size_t page = tv_page(t);
    return t->n > page ? t->n - page : 0;
}

/* Set top to want, clamped; true when it moved. */
static bool tv_scroll_to(struct textview *t, size_t want)
{
    size_t max = tv_max_top(t);
    if (want > max)
        want = max;
    if (want == t->top)
        return false;
    t->top = want;
    return true;
}

/* Scroll so that line is visible, a third of a page from the top when it was not. */
static void tv_show_line(struct textview *t, size_t line)
{
    size_t page = tv_page(t);
    if (line >= t->top && line < t->top + page)
        return;
    tv_scroll_to(t, line > page / 3 ? line - page / 3 : 0);
}

void textview_show_end(struct textview *t)
{
    tv_rows(t);
    t->top = t->n; /* tv_draw brings it back to the last page */
}

static void tv_draw(struct view *v, struct rect r)
{
    struct textview *t = tv_of(v);
    if (r.h <= 0 || r.w <= 0)
        return;
    draw_fill(r.y, r.x, r.w, TH_TITLE_FOCUS);
    if (r.w > 1)
        draw_text(r.y, r.x + 1, r.w - 1, t->title, TH_TITLE_FOCUS, true);
    int rows = r.h >= 2 ? r.h - 2 : 0;
    t->height = rows > 0 ? (size_t)rows : 1;
    t->width = r.w > 1 ? r.w - 1 : 1;
    tv_rows(t);
    if (t->top > tv_max_top(t))
        t->top = tv_max_top(t);
    for (int i = 0; i < rows; i++) {
        int y = r.y + 1 + i;
        size_t idx = t->top + (size_t)i;
        if (idx >= t->n) {
            draw_fill(y, r.x, r.w, TH_NORMAL);
            continue;
        }
        enum theme_role role = t->has_match && idx == t->match ? TH_MATCH : t->lines[idx].role;
        draw_fill(y, r.x, 1, role);
        if (r.w > 1)
            draw_text(y, r.x + 1, r.w - 1, draw_skip(t->lines[idx].text, t->left), role, true);
    }
    if (r.h < 2)
        return;
    int y = r.y + r.h - 1;
    char *pos = !t->n       ? xstrdup("")
                /* TRANSLATORS: the first line shown, the number of lines, then the first column
                 * shown; it sits in the view's bottom line: keep it short. */
                : t->left   ? xasprintf(_("line %zu of %zu, column %d"), t->top + 1, t->n,
                                        t->left + 1)
                            /* TRANSLATORS: the first line shown, then the number of lines; it
                             * sits in a view's bottom line: keep it short. */
                            : xasprintf(_("line %zu of %zu"), t->top + 1, t->n);
    int pw = draw_width(pos);
    const char *status = textview_status(t);
    draw_fill(y, r.x, r.w, TH_STATUS);
    if (*status) {
        int sw = r.w - 1 - (pw + 2 < r.w / 2 ? pw + 2 : 0);
        if (sw > 0)
            draw_text(y, r.x + 1, sw, status, TH_STATUS, true);
        if (pw + 2 < r.w / 2)
            draw_text_right(y, r.x, r.w - 1, pos, TH_STATUS);
    } else if (r.w > 1) {
        draw_text(y, r.x + 1, r.w - 1, pos, TH_STATUS, true);
    }
    free(pos);
}

static enum tui_result tv_handle(struct view *v, enum action act, int key)
{
    struct textview *t = tv_of(v);
    tv_rows(t);
    size_t page = tv_page(t);
    bool moved;
    (void)key;
    switch (act) {
    case ACT_MOVE_DOWN:
        moved = tv_scroll_to(t, t->top + 1);
        break;
    case ACT_MOVE_UP:
        moved = t->top > 0 && tv_scroll_to(t, t->top - 1);
        break;
    case ACT_PAGE_DOWN:
        moved = tv_scroll_to(t, t->top + page);
        break;
    case ACT_PAGE_UP:
        moved = tv_scroll_to(t, t->top > page ? t->top - page : 0);
        break;
    case ACT_FIRST:
        moved = tv_scroll_to(t, 0);
        break;
    case ACT_LAST:
        moved = tv_scroll_to(t, tv_max_top(t));
        break;
    case ACT_NEXT_PANE: /* Right, l: sideways, to read a long value to its end */
    case ACT_PREV_PANE: {
        int widest = 0, step = t->width > 16 ? t->width / 2 : 8;
        for (size_t i = 0; i < t->n; i++) {
            int w = draw_width(t->lines[i].text);
            widest = w > widest ? w : widest;
        }
        int max = widest > t->width ? widest - t->width : 0, was = t->left;
        t->left += act == ACT_NEXT_PANE ? step : -step;
        t->left = t->left > max ? max : t->left < 0 ? 0 : t->left;
        moved = t->left != was;
        break;
    }
    case ACT_FILTER:
        return TR_SEARCH;
    case ACT_SEARCH_NEXT:
    case ACT_SEARCH_PREV:
        if (!t->search)
            return TR_NONE;
        {
            char *text = xstrdup(t->search);
            tv_search(v, text, act == ACT_SEARCH_NEXT);
            free(text);
        }
        return TR_REDRAW;
    case ACT_BACK:
    case ACT_QUIT:
    case ACT_DETAILS:
    case ACT_HELP:
        return TR_CLOSE;
    case ACT_REDRAW:
        return TR_REDRAW;
    default:
        return TR_NONE;
    }
    return moved ? TR_REDRAW : TR_NONE;
}

/* The line after (forward) or before i, wrapping; n > 0. */
static size_t tv_step(size_t i, size_t n, bool forward)
{
    if (forward)
        return i + 1 < n ? i + 1 : 0;
    return i > 0 ? i - 1 : n - 1;
}

/* Search lines for text: from the current match (excluded when text is the last search,
 * so that n/N move on; included for a new text) or from the visible page; wraps. */
static void tv_search(struct view *v, const char *text, bool forward)
{
    struct textview *t = tv_of(v);
    tv_rows(t);
    bool again = t->search && t->has_match && text && strcmp(text, t->search) == 0;
    size_t start, count = 0, rank = 0;

    if (text != t->search) {
        free(t->search);
        t->search = text && *text ? xstrdup(text) : NULL;
    }
    bool had = t->has_match;
    size_t from = t->match;
    tv_reset_match(t);
    if (!t->search)
        return;

    if (t->n == 0) {
        t->status = xasprintf(_("no match for '%s'"), t->search);
        return;
    }
    if (had && from < t->n)
        start = again ? tv_step(from, t->n, forward) : from;
    else if (forward)
        start = t->top < t->n ? t->top : 0;
    else
        start = t->top + tv_page(t) - 1 < t->n ? t->top + tv_page(t) - 1 : t->n - 1;

    size_t i = start;
    for (size_t k = 0; k < t->n; k++, i = tv_step(i, t->n, forward)) {
        if (text_contains_ci(t->lines[i].text, t->search)) {
            t->has_match = true;
            t->match = i;
            break;
        }
    }
    if (!t->has_match) {
        t->status = xasprintf(_("no match for '%s'"), t->search);
        return;
    }
    for (size_t j = 0; j < t->n; j++) {
        if (text_contains_ci(t->lines[j].text, t->search)) {
            count++;
            if (j <= t->match)
                rank++;
        }
    }
    /* TRANSLATORS: the match's rank, the number of matches, then the text searched for. */
    t->status = xasprintf(_("match %zu of %zu for '%s'"), rank, count, t->search);
    tv_show_line(t, t->match);
}

static void tv_free(struct view *v)
{
    struct textview *t = tv_of(v);
    if (!t)
        return;
    textview_clear(t);
    free(t->lines);
    free(t->src);
    free(t->title);
    free(t->search);
    free(t);
}

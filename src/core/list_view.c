/* list_view.c: views over a list: the rows that pass a filter and a keep condition, in a
 * stable sort order. A view takes in appended rows in O(page + view): new rows are sorted
 * among themselves and merged in by binary search. Rows removed or set (the list's change
 * log, which each view remembers how far it has applied) are taken out in one pass and those
 * still alive and passing put back the same way, before appended rows. */
#include "config.h"

#include "core/list.h"
#include "core/list_impl.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/text.h"
#include "core/util.h"

struct list_view {
    const struct list *l;
    uint32_t *idx;     /* the rows shown, in order */
    size_t n, cap;
    size_t seen;       /* list rows examined */
    size_t logged;     /* entries of the list's change log applied */
    unsigned gen;      /* the list's generation when built */
    char *filter;      /* NULL: none */
    size_t *fields;    /* the fields the filter searches; none: every field */
    size_t nfields;
    list_keep_fn keep;
    void *ud;
    size_t sort_slot;  /* NO_SLOT: load order */
    unsigned sort_as;  /* FIELD_NUMBER, FIELD_DATE or 0 (text) */
    bool reverse;
    char *want_key;    /* list_view_sort_key's, for the next list_view_set */
    char *sort_key;    /* the sort field holds objects: sorted by this key of theirs */
    char **keyed;      /* with sort_key: each row's value of it, by list row (NULL: not read) */
    size_t nkeyed;
};

/* A number's or a date's sort key: order-preserving bits of the value (a date's microseconds
 * since 1970); what does not read as one sorts after every value that does. */
static uint64_t value_key(unsigned as, const char *s)
{
    double d;
    if (as == FIELD_DATE) {
        int64_t us;
        if (!util_parse_iso8601(s, &us))
            return UINT64_MAX;
        d = (double)us;
    } else {
        char *end;
        d = strtod(s, &end);
        if (end == s || *end || !isfinite(d))
            return UINT64_MAX;
    }
    uint64_t bits;
    memcpy(&bits, &d, sizeof(bits));
    bits = bits >> 63 ? ~bits : bits | (uint64_t)1 << 63;
    return bits == UINT64_MAX ? UINT64_MAX - 1 : bits;
}

/* Whether row a goes before row b (a != b) in v: by the sort value (text, or a number's or
 * a date's value), equal values in load order; unsorted, by row number. Reversed, the exact
 * reverse of that order (so reversing needs no sort). A total order, so the view is always
 * sorted by it. */
static inline bool goes_before(const struct list_view *v, uint32_t a, uint32_t b)
{
    if (v->reverse) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    if (v->sort_slot != NO_SLOT && v->sort_key) { /* a key's values, read beforehand */
        const char *sa = v->keyed[a], *sb = v->keyed[b];
        if (v->sort_as) {
            uint64_t ka = value_key(v->sort_as, sa), kb = value_key(v->sort_as, sb);
            if (ka != kb)
                return ka < kb;
        } else {
            int c = strcmp(sa, sb);
            if (c)
                return c < 0;
        }
    } else if (v->sort_slot != NO_SLOT) {
        uint32_t ra = refs_of(v->l, a)[v->sort_slot], rb = refs_of(v->l, b)[v->sort_slot];
        if (ra != rb && v->sort_as) {
            uint64_t ka = value_key(v->sort_as, str_at(v->l, ra)),
                     kb = value_key(v->sort_as, str_at(v->l, rb));
            if (ka != kb)
                return ka < kb;
        } else if (ra != rb) {
            int c = strcmp(str_at(v->l, ra), str_at(v->l, rb));
            if (c)
                return c < 0;
        }
    }
    return a < b;
}

/* Whether list row i is alive and passes v's filter and condition. */
static bool passes(const struct list_view *v, size_t i)
{
    if (is_removed(v->l, i))
        return false;
    if (v->filter) {
        size_t n = v->nfields ? v->nfields : v->l->def->nfields;
        bool hit = false;
        for (size_t k = 0; k < n && !hit; k++)
            hit = text_contains_ci(list_value(v->l, i, v->nfields ? v->fields[k] : k), v->filter);
        if (!hit)
            return false;
    }
    return !v->keep || v->keep(v->ud, v->l, i);
}

/* A row and 8 bytes of its sort value (big-endian, NUL padded), for sorting. */
struct sort_item {
    uint64_t head;
    uint32_t row;
};

#define SORT_DEPTH 64 /* bytes sorted 8 at a time; past them, strcmp sorts what is left */

/* Row i's sort value. */
static inline const char *sort_value(const struct list_view *v, uint32_t i)
{
    return v->sort_key ? v->keyed[i] : str_at(v->l, refs_of(v->l, i)[v->sort_slot]);
}

/* Forget the key's values read. */
static void forget_keyed(struct list_view *v)
{
    for (size_t i = 0; i < v->nkeyed; i++)
        free(v->keyed[i]);
    free(v->keyed);
    v->keyed = NULL;
    v->nkeyed = 0;
}

/* With a sort key: read the key's value of rows[0..n) (again: they may have changed). */
static void read_keyed(struct list_view *v, const uint32_t *rows, size_t n)
{
    if (!v->sort_key || v->sort_slot == NO_SLOT)
        return;
    const struct list *l = v->l;
    if (v->nkeyed < l->count) {
        v->keyed = xreallocarray(v->keyed, l->count, sizeof(*v->keyed));
        memset(v->keyed + v->nkeyed, 0, (l->count - v->nkeyed) * sizeof(*v->keyed));
        v->nkeyed = l->count;
    }
    struct strbuf sb = SB_INIT;
    for (size_t j = 0; j < n; j++) {
        sb_reset(&sb);
        model_json_key(str_at(l, refs_of(l, rows[j])[v->sort_slot]), v->sort_key, &sb);
        free(v->keyed[rows[j]]);
        v->keyed[rows[j]] = xstrdup(sb_str(&sb));
    }
    sb_free(&sb);
}

/* Whether x goes before y by their heads, then (when tail) by their values from byte tail
 * on, then by row. */
static inline bool item_before(const struct list_view *v, const struct sort_item *x,
                               const struct sort_item *y, size_t tail)
{
    if (v->reverse) {
        const struct sort_item *t = x;
        x = y;
        y = t;
    }
    if (x->head != y->head)
        return x->head < y->head;
    if (tail && (x->head & 0xff)) { /* both go on past the head */
        int c = strcmp(sort_value(v, x->row) + tail, sort_value(v, y->row) + tail);
        if (c)
            return c < 0;
    }
    return x->row < y->row;
}

/* Sort a[0..n) by item_before: insertion sort for short runs, then bottom-up merges, each
 * copying its shorter run out to tmp (n / 2 + 1 items), skipping runs already in order. */
static void sort_items(const struct list_view *v, struct sort_item *a, size_t n,
                       struct sort_item *tmp, size_t tail)
{
    enum { RUN = 16 };
    for (size_t lo = 0; lo < n; lo += RUN) {
        size_t hi = lo + RUN < n ? lo + RUN : n;
        for (size_t i = lo + 1; i < hi; i++) {
            struct sort_item x = a[i];
            size_t j = i;
            for (; j > lo && item_before(v, &x, &a[j - 1], tail); j--)
                a[j] = a[j - 1];
            a[j] = x;
        }
    }
    for (size_t width = RUN; width < n; width *= 2) {
        for (size_t lo = 0; lo + width < n; lo += 2 * width) {
            size_t mid = lo + width, hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t nl = mid - lo, nr = hi - mid;
            if (!item_before(v, &a[mid], &a[mid - 1], tail))
                continue; /* already in order */
            if (nl <= nr) { /* the left run goes out, the merge runs forwards */
                size_t i = 0, j = mid, k = lo;
                memcpy(tmp, a + lo, nl * sizeof(*tmp));
                while (i < nl && j < hi)
                    a[k++] = item_before(v, &a[j], &tmp[i], tail) ? a[j++] : tmp[i++];
                memcpy(a + k, tmp + i, (nl - i) * sizeof(*tmp));
            } else { /* the right run goes out, the merge runs backwards */
                size_t i = mid, j = nr, k = hi;
                memcpy(tmp, a + mid, nr * sizeof(*tmp));
                while (i > lo && j > 0)
                    a[--k] = item_before(v, &tmp[j - 1], &a[i - 1], tail) ? a[--i] : tmp[--j];
                memcpy(a + lo, tmp, j * sizeof(*tmp));
            }
        }
    }
}

/* Sort items[0..n), whose values agree on their first depth bytes (none of them NUL), by
 * the next 8 bytes, then each run that agrees on those too and goes on by the 8 after (a
 * radix sort on 8-byte digits: most comparisons never look at the strings), equal values in
 * load order. */
static void sort_from(const struct list_view *v, struct sort_item *items, size_t n,
                      struct sort_item *tmp, size_t depth)
{
    if (v->sort_as) { /* numbers and dates: one key each */
        for (size_t i = 0; i < n; i++)
            items[i].head = value_key(v->sort_as, sort_value(v, items[i].row));
        sort_items(v, items, n, tmp, 0);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const char *s = sort_value(v, items[i].row) + depth;
        uint64_t head = 0;
        bool end = false;
        for (size_t b = 0; b < 8; b++) {
            unsigned char c = end ? 0 : (unsigned char)s[b];
            end = !c;
            head = head << 8 | c;
        }
        items[i].head = head;
    }
    if (depth >= SORT_DEPTH) {
        sort_items(v, items, n, tmp, depth + 8);
        return;
    }
    sort_items(v, items, n, tmp, 0);
    for (size_t i = 0, j; i < n; i = j) {
        bool same = !v->sort_key; /* one stored string (interned): nothing more to sort */
        uint32_t ref = refs_of(v->l, items[i].row)[v->sort_slot];
        for (j = i + 1; j < n && items[j].head == items[i].head; j++)
            same = same && refs_of(v->l, items[j].row)[v->sort_slot] == ref;
        if (j - i > 1 && (items[i].head & 0xff) && !same)
            sort_from(v, items + i, j - i, tmp, depth + 8);
    }
}

/* Sort rows[0..n) (in load order) by goes_before. */
static void sort_rows(const struct list_view *v, uint32_t *rows, size_t n)
{
    struct sort_item *items = xreallocarray(NULL, n, sizeof(*items));
    struct sort_item *tmp = xreallocarray(NULL, n / 2 + 1, sizeof(*tmp));
    for (size_t i = 0; i < n; i++)
        items[i].row = rows[i];
    sort_from(v, items, n, tmp, 0);
    for (size_t i = 0; i < n; i++)
        rows[i] = items[i].row;
    free(tmp);
    free(items);
}

/* The list rows from v->seen on that pass v, in v's order, as a new array (count in *m). */
static uint32_t *take_new(struct list_view *v, size_t *m)
{
    size_t from = v->seen, count = v->l->count, k = 0;
    uint32_t *rows = xreallocarray(NULL, count - from ? count - from : 1, sizeof(*rows));
    for (size_t i = from; i < count; i++)
        if (passes(v, i))
            rows[k++] = (uint32_t)i;
    read_keyed(v, rows, k);
    if (v->sort_slot != NO_SLOT && k > 1)
        sort_rows(v, rows, k);
    for (size_t i = 0; v->sort_slot == NO_SLOT && v->reverse && i < k / 2; i++) {
        uint32_t t = rows[i];
        rows[i] = rows[k - 1 - i];
        rows[k - 1 - i] = t;
    }
    v->seen = count;
    *m = k;
    return rows;
}

/* Rebuild v from every row of its list. */
static void rebuild(struct list_view *v)
{
    v->seen = 0;
    v->gen = v->l->gen;
    v->logged = v->l->nlog;
    free(v->idx);
    v->idx = take_new(v, &v->n);
    v->cap = v->l->count ? v->l->count : 1;
    if (v->n < v->cap / 2) { /* a narrow filter: give back what it does not use */
        v->cap = v->n ? v->n : 1;
        v->idx = xreallocarray(v->idx, v->cap, sizeof(*v->idx));
    }
}

/* With a sort key: how its values sort: as numbers when every one read is a number, as
 * dates when every one is a date, else as text (empty values aside). */
static unsigned keyed_sort_as(struct list_view *v)
{
    const struct list *l = v->l;
    uint32_t *rows = xreallocarray(NULL, l->count ? l->count : 1, sizeof(*rows));
    size_t n = 0;
    for (size_t i = 0; i < l->count; i++)
        if (!is_removed(l, i))
            rows[n++] = (uint32_t)i;
    read_keyed(v, rows, n);
    bool number = true, date = true, any = false;
    for (size_t j = 0; j < n && (number || date); j++) {
        const char *s = v->keyed[rows[j]];
        if (!*s)
            continue;
        any = true;
        number = number && value_key(FIELD_NUMBER, s) != UINT64_MAX;
        date = date && value_key(FIELD_DATE, s) != UINT64_MAX;
    }
    free(rows);
    return !any ? 0 : number ? FIELD_NUMBER : date ? FIELD_DATE : 0;
}

void list_view_sort_key(struct list_view *v, const char *key)
{
    free(v->want_key);
    v->want_key = key && *key ? xstrdup(key) : NULL;
}

struct list_view *list_view_new(const struct list *l)
{
    struct list_view *v = xcalloc(1, sizeof(*v));
    v->l = l;
    v->sort_slot = NO_SLOT;
    rebuild(v);
    return v;
}

void list_view_free(struct list_view *v)
{
    if (!v)
        return;
    free(v->idx);
    free(v->filter);
    free(v->fields);
    forget_keyed(v);
    free(v->want_key);
    free(v->sort_key);
    free(v);
}

void list_view_set(struct list_view *v, const char *filter, const size_t *fields, size_t nfields,
                   list_keep_fn keep, void *ud, int sort_field, bool reverse)
{
    const struct list *l = v->l;
    size_t slot = sort_field >= 0 && (size_t)sort_field < l->def->nfields ? l->slot[sort_field]
                                                                          : NO_SLOT;
    const char *key = slot == NO_SLOT ? NULL : v->want_key;
    bool same_key = key ? v->sort_key && !strcmp(key, v->sort_key) : !v->sort_key;
    /* typing on in a filter: the matches of the longer text are among those shown */
    /* (the same text again is a rebuild: the keep condition's inputs may have changed) */
    bool refine = filter && *filter &&
                  (!v->filter || (strcmp(filter, v->filter) && text_contains_ci(filter, v->filter))) &&
                  keep == v->keep && ud == v->ud && slot == v->sort_slot && same_key &&
                  reverse == v->reverse && nfields == v->nfields &&
                  (!nfields || !memcmp(fields, v->fields, nfields * sizeof(*fields))) &&
                  v->gen == l->gen && v->seen == l->count && v->logged == l->nlog;
    /* only the direction changed: the order reversed is the reverse order (no sort) */
    bool same_filter = filter && *filter ? v->filter && !strcmp(filter, v->filter) : !v->filter;
    bool flip = reverse != v->reverse && same_filter && keep == v->keep && ud == v->ud &&
                slot == v->sort_slot && same_key &&
                nfields == v->nfields &&
                (!nfields || !memcmp(fields, v->fields, nfields * sizeof(*fields))) &&
                v->gen == l->gen && v->seen == l->count && v->logged == l->nlog;
    if (flip) {
        for (size_t j = 0; j < v->n / 2; j++) {
            uint32_t t = v->idx[j];
            v->idx[j] = v->idx[v->n - 1 - j];
            v->idx[v->n - 1 - j] = t;
        }
        v->reverse = reverse;
        return;
    }
    free(v->filter);
    v->filter = filter && *filter ? xstrdup(filter) : NULL;
    if (refine) {
        size_t k = 0;
        for (size_t j = 0; j < v->n; j++)
            if (passes(v, v->idx[j]))
                v->idx[k++] = v->idx[j];
        v->n = k;
        return;
    }
    free(v->fields);
    v->fields = NULL;
    v->nfields = 0;
    if (nfields) {
        v->fields = xreallocarray(NULL, nfields, sizeof(*v->fields));
        memcpy(v->fields, fields, nfields * sizeof(*fields));
        v->nfields = nfields;
    }
    v->keep = keep;
    v->ud = ud;
    v->sort_slot = sort_field >= 0 && (size_t)sort_field < l->def->nfields
                       ? l->slot[sort_field] : NO_SLOT;
    v->sort_as = v->sort_slot == NO_SLOT ? 0
                 : l->def->fields[sort_field].flags & (FIELD_NUMBER | FIELD_DATE);
    v->reverse = reverse;
    forget_keyed(v);
    free(v->sort_key);
    v->sort_key = key ? xstrdup(key) : NULL;
    if (v->sort_key)
        v->sort_as = keyed_sort_as(v);
    rebuild(v);
}

/* The position in v->idx[0..n) of the first row that goes after row x. */
static size_t upper_bound(const struct list_view *v, size_t n, uint32_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (goes_before(v, x, v->idx[mid]))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Merge rows add[0..m) (in v's order, none of them in the view) into the view. */
static void merge_in(struct list_view *v, const uint32_t *add, size_t m)
{
    size_t n = v->n;
    if (n + m > v->cap) {
        v->cap = n + m > v->cap * 2 ? n + m : v->cap * 2;
        v->idx = xreallocarray(v->idx, v->cap, sizeof(*v->idx));
    }
    /* merge from the end: each new row (last first) finds its place among the old ones by
     * binary search, and the old rows after it move up in one go */
    size_t end = n; /* old rows [0, end) not yet moved */
    for (size_t j = m; j-- > 0;) {
        size_t p = upper_bound(v, end, add[j]);
        memmove(v->idx + p + j + 1, v->idx + p, (end - p) * sizeof(*v->idx));
        v->idx[p + j] = add[j];
        end = p;
    }
    v->n = n + m;
}

/* qsort order of row numbers. */
static int cmp_row(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Whether row x is among rows[0..k) (ascending). */
static bool among(const uint32_t *rows, size_t k, uint32_t x)
{
    if (x < rows[0] || x > rows[k - 1])
        return false;
    size_t lo = 0, hi = k;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rows[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return rows[lo] == x;
}

/* Apply the list's change log from v->logged on: take the changed rows out of the view, then
 * put back those the view has seen that are alive and pass, where they now sort. */
static void apply_log(struct list_view *v)
{
    const struct list *l = v->l;
    size_t k = l->nlog - v->logged, m = 0;
    uint32_t *rows = xreallocarray(NULL, k, sizeof(*rows));
    memcpy(rows, l->log + v->logged, k * sizeof(*rows));
    v->logged = l->nlog;
    if (k > 1) {
        qsort(rows, k, sizeof(*rows), cmp_row);
        size_t u = 1;
        for (size_t j = 1; j < k; j++)
            if (rows[j] != rows[u - 1])
                rows[u++] = rows[j];
        k = u;
    }
    size_t w = 0;
    for (size_t j = 0; j < v->n; j++)
        if (!among(rows, k, v->idx[j]))
            v->idx[w++] = v->idx[j];
    v->n = w;
    for (size_t j = 0; j < k; j++) /* rows not seen yet come in with the appended ones */
        if (rows[j] < v->seen && passes(v, rows[j]))
            rows[m++] = rows[j];
    read_keyed(v, rows, m); /* their values may have changed */
    if (v->sort_slot != NO_SLOT && m > 1)
        sort_rows(v, rows, m);
    for (size_t j = 0; v->sort_slot == NO_SLOT && v->reverse && j < m / 2; j++) {
        uint32_t t = rows[j];
        rows[j] = rows[m - 1 - j];
        rows[m - 1 - j] = t;
    }
    merge_in(v, rows, m);
    free(rows);
}

void list_view_update(struct list_view *v)
{
    const struct list *l = v->l;
    if (v->gen != l->gen || l->count < v->seen || l->nlog < v->logged) {
        rebuild(v);
        return;
    }
    if (v->logged < l->nlog)
        apply_log(v);
    if (l->count == v->seen)
        return;
    size_t m;
    uint32_t *add = take_new(v, &m);
    merge_in(v, add, m);
    free(add);
}

size_t list_view_count(const struct list_view *v)
{
    return v->gen == v->l->gen ? v->n : 0; /* a cleared list shows nothing until updated */
}

size_t list_view_row(const struct list_view *v, size_t n)
{
    return v->idx[n];
}

size_t list_view_find(const struct list_view *v, size_t i)
{
    if (v->gen != v->l->gen || i >= v->seen || !v->n)
        return SIZE_MAX;
    if (v->logged != v->l->nlog) { /* rows changed since: the view may be out of order */
        for (size_t p = 0; p < v->n; p++)
            if (v->idx[p] == i)
                return p;
        return SIZE_MAX;
    }
    size_t p = upper_bound(v, v->n, (uint32_t)i); /* i itself sorts before the first after it */
    return p && v->idx[p - 1] == i ? p - 1 : SIZE_MAX;
}

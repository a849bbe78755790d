/* list.h: a loaded list of objects of one kind, stored compactly (a million tenants must fit
 * in a few hundred MB), plus its paging state and views (filter and sort) over it. */
#ifndef TENANTRY_LIST_H
#define TENANTRY_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

struct list;

/* A new empty list of kind def. The raw JSON of each row is kept only when keep_raw (for
 * kinds that cannot be fetched one by one, so the detail view has it). */
struct list *list_new(const struct api_kind_def *def, bool keep_raw);
/* Free the list. NULL is fine. */
void list_free(struct list *l);
/* Forget every row (removed and local ones and the changes too) and the paging state (a
 * refresh). */
void list_clear(struct list *l);
/* The kind. */
const struct api_kind_def *list_kind(const struct list *l);
/* A number that changes when the list is cleared (its row indexes then name other rows). */
unsigned list_generation(const struct list *l);

/* Copy page's rows (not their secrets) into the list and take its next-page token
 * (page->next is NULL at the end). The page is left for the caller to clear. A page row
 * whose ID is that of a local row (one list_add_row added, not removed) does not become a
 * second row: it updates the local row in place, as list_set_row does (the object created
 * here has now come in with a page). Page rows with equal IDs among themselves are all
 * stored. */
void list_add_page(struct list *l, const struct page *page);
/* Copy one row in at the end as a local row (e.g. a created object) and return its index. */
size_t list_add_row(struct list *l, const struct row *row);
/* Replace row i's values (and its raw JSON when kept, without secrets) with row's; the ID
 * index follows a changed ID. Views re-place the row at their next list_view_update (sorted
 * by its new value, shown or not by the filter on its new values). No-op for a removed row
 * or one out of range, and (no change recorded) when the values are the same. */
void list_set_row(struct list *l, size_t i, const struct row *row);
/* Remove row i (e.g. a deleted object): its slot stays (other rows keep their indexes and
 * list_count still counts it), list_find no longer finds it, and views drop it at their
 * next list_view_update. list_value, list_id and list_raw of it still return its last
 * values. Removing a removed row (or one out of range) is a no-op. */
void list_remove(struct list *l, size_t i);
/* Whether row i was removed. */
bool list_removed(const struct list *l, size_t i);
/* The number of row slots (rows loaded or added, removed ones included). */
size_t list_count(const struct list *l);
/* The number of rows not removed (what is shown as "N loaded"). */
size_t list_live(const struct list *l);
/* The value of field f (an index into the kind's fields) of row i; "" when absent. */
const char *list_value(const struct list *l, size_t i, size_t f);
/* Row i's identifying value. */
const char *list_id(const struct list *l, size_t i);
/* Row i's raw JSON, or NULL when not kept. */
const char *list_raw(const struct list *l, size_t i);
/* The index of the row whose ID is id (of several, the lowest-numbered one), never a removed
 * one, or SIZE_MAX. */
size_t list_find(const struct list *l, const char *id);

/* Paging: the token of the next page (NULL when none loaded yet or at the end), whether the
 * first page was loaded, and whether more pages exist. */
const char *list_next(const struct list *l);
bool list_started(const struct list *l);
bool list_more(const struct list *l);

/* Bytes the list holds (rows, strings, indexes), for the benchmark. */
size_t list_bytes(const struct list *l);

/* A view: the rows of a list that pass a filter, in a sort order. */
struct list_view;

/* Decide whether row i passes a view's extra condition (e.g. "in environment X"). */
typedef bool (*list_keep_fn)(void *ud, const struct list *l, size_t i);

/* The sort field of the next list_view_set holds JSON objects (a system tenant's data): sort
 * by their key (NULL: by the field's value). Numbers sort as numbers and dates as dates when
 * every value is one. */
void list_view_sort_key(struct list_view *v, const char *key);
/* A new view over l showing every row in load order. */
struct list_view *list_view_new(const struct list *l);
void list_view_free(struct list_view *v);
/* Set the filter text (case-insensitive substring over the given fields; "" or NULL for
 * none), the extra condition keep (NULL for none), the sort field (-1 for load order) and
 * direction. Rebuilds the view. */
void list_view_set(struct list_view *v, const char *filter, const size_t *fields, size_t nfields,
                   list_keep_fn keep, void *ud, int sort_field, bool reverse);
/* Take in the list's changes since the last rebuild or update: rows removed or set (each is
 * taken out and, when it still passes, put back where it now sorts) and rows appended (cheap:
 * only the changed and new rows are examined, a sorted view merges them in; a pass over the
 * view when rows changed). Also handles a cleared list. */
void list_view_update(struct list_view *v);
/* The number of rows in the view and the list index of the n-th. */
size_t list_view_count(const struct list_view *v);
size_t list_view_row(const struct list_view *v, size_t n);
/* The position in the view of list row i, or SIZE_MAX when it is not in the view (until the
 * next update, a changed row is still found where it was shown). */
size_t list_view_find(const struct list_view *v, size_t i);

#endif

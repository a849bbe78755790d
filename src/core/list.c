/* list.c: a loaded list of objects of one kind, stored compactly, with views over it.
 *
 * Strings live in an arena of chunks (small ones first, then 256 KiB each; a long value gets
 * a chunk of its own) and are named by 32-bit references: the chunk number in the high bits,
 * the offset in the low ones, 0 for "". Each row is one reference per stored field (every
 * field but the secret ones) plus one for its raw JSON when kept, in blocks of 4096 rows, so
 * nothing big is ever reallocated. A field's last few distinct values are remembered, so
 * values repeated from row to row (an environment's name and ID) are stored once. The ID
 * index is an open-addressing table (linear probing) of row numbers: one entry per row with
 * an ID that was not removed, rows of equal IDs in row order along the probe sequence (so
 * list_find finds the lowest-numbered one); removing a row or changing its ID takes its
 * entry out by shifting the rest of its cluster back (no tombstones).
 *
 * Changes cost nothing per row until they happen: a removed row keeps its slot and strings
 * and gets a bit in a bitmap allocated at the first removal; local rows (list_add_row) are a
 * sorted array of row numbers (appended in order); list_set_row interns the new values (the
 * old strings stay in the arena until list_clear). Each remove or set appends the row number
 * to a change log, and a view remembers how much of the log it has applied: list_view_update
 * takes the logged rows out of the view in one pass, puts back (merged in by binary search,
 * like appended rows) those still alive and passing, then merges in appended rows. The log is
 * emptied by list_clear only; it grows by 4 bytes per change. */
#include "config.h"

#include "core/list.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/json.h"
#include "core/text.h"
#include "core/util.h"

#define OFFSET_BITS 18
#define OFFSET_MASK ((1u << OFFSET_BITS) - 1)
#define CHUNK_MAX (1u << OFFSET_BITS)            /* 256 KiB: the size chunks grow to */
#define CHUNK_FIRST 4096u                        /* a small list stays small */
#define MAX_CHUNKS (1u << (32 - OFFSET_BITS))    /* what a reference can name */
#define BIG_VALUE (CHUNK_MAX / 4)                /* a longer value gets a chunk of its own */
#define BLOCK_BITS 12
#define BLOCK_ROWS (1u << BLOCK_BITS)            /* rows per block of references */
#define FIRST_ROWS 16u                           /* the first block grows from this */
#define MRU 8                                    /* recent distinct values kept per field */
#define NO_SLOT SIZE_MAX
#define MAX_ROWS (UINT32_MAX - 1)                /* row numbers + 1 fit the ID table */

/* A value stored lately, and a hash of it that saves most string comparisons. */
struct recent {
    uint32_t ref, hash;
};

struct list {
    const struct api_kind_def *def;
    bool keep_raw;
    size_t *slot;     /* slot of each field in a row's references, NO_SLOT for secrets */
    size_t nslots;    /* stored fields, plus one for the raw JSON when kept */
    size_t raw_slot;
    struct recent *mru; /* MRU values per stored field, most recent first, ref 0 unused */

    char **chunks;    /* the string arena */
    size_t nchunks, chunks_cap;
    size_t cur;       /* the chunk being filled (SIZE_MAX: none yet) */
    size_t cur_used, cur_size;
    size_t next_size; /* the size of the next ordinary chunk */
    size_t arena_bytes;

    uint32_t **blocks; /* row references, BLOCK_ROWS rows (block 0: rows0_cap) each */
    size_t nblocks, blocks_cap;
    size_t rows0_cap;
    size_t count;

    uint32_t *ids;    /* ID table: row number + 1, 0 empty; ids_cap a power of two */
    size_t ids_cap, ids_used;

    uint64_t *removed; /* a bit per removed row (NULL until the first removal) */
    size_t removed_words, nremoved;

    uint32_t *local;  /* rows list_add_row added, ascending */
    size_t nlocal, local_cap;

    uint32_t *log;    /* rows removed or set, in order */
    size_t nlog, log_cap;

    char *next;       /* paging */
    bool started;
    unsigned gen;     /* bumped by list_clear, so views know to rebuild */
};

/* ------------------------------------------------------------------ arena */

/* The string a reference names. */
static inline const char *str_at(const struct list *l, uint32_t ref)
{
    return ref ? l->chunks[ref >> OFFSET_BITS] + (ref & OFFSET_MASK) : "";
}

/* Add a chunk of size bytes and return its number. */
static size_t arena_chunk(struct list *l, size_t size)
{
    if (l->nchunks == MAX_CHUNKS)
        die(_("too much data for one list"));
    if (l->nchunks == l->chunks_cap) {
        l->chunks_cap = l->chunks_cap ? l->chunks_cap * 2 : 16;
        l->chunks = xreallocarray(l->chunks, l->chunks_cap, sizeof(*l->chunks));
    }
    l->chunks[l->nchunks] = xmalloc(size);
    l->arena_bytes += size;
    return l->nchunks++;
}

/* Copy len bytes of s (no NUL among them) into the arena and return its reference. */
static uint32_t arena_add(struct list *l, const char *s, size_t len)
{
    size_t need = len + 1, chunk, off;
    size_t reserve = l->nchunks == 0; /* reference 0 is "": nothing starts at chunk 0's 0 */
    if (!len)
        return 0;
    if (need > BIG_VALUE) {
        chunk = arena_chunk(l, need + reserve);
        off = reserve;
    } else {
        if (l->cur == SIZE_MAX || l->cur_size - l->cur_used < need) {
            size_t size = l->next_size;
            while (size < need + reserve)
                size *= 2;
            l->cur = arena_chunk(l, size);
            l->cur_size = size;
            l->cur_used = reserve;
            if (l->next_size < CHUNK_MAX)
                l->next_size *= 2;
        }
        chunk = l->cur;
        off = l->cur_used;
        l->cur_used += need;
    }
    memcpy(l->chunks[chunk] + off, s, len);
    l->chunks[chunk][off + len] = '\0';
    return (uint32_t)(chunk << OFFSET_BITS | off);
}

/* A hash of s (FNV-1a with a final mix). */
static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    h ^= h >> 16;
    h *= 0x7feb352du;
    h ^= h >> 15;
    return h;
}

/* The reference of s for stored field slot: a recent equal value's if there is one, else a
 * new copy. */
static uint32_t intern(struct list *l, size_t slot, const char *s)
{
    struct recent *mru = l->mru + slot * MRU, hit;
    size_t k;
    if (!s || !*s)
        return 0;
    uint32_t hash = hash_str(s);
    for (k = 0; k < MRU && mru[k].ref; k++)
        if (mru[k].hash == hash && !strcmp(str_at(l, mru[k].ref), s))
            break;
    if (k < MRU && mru[k].ref) {
        hit = mru[k];
    } else {
        hit = (struct recent){arena_add(l, s, strlen(s)), hash};
        k = MRU - 1; /* the least recent goes */
    }
    memmove(mru + 1, mru, k * sizeof(*mru));
    mru[0] = hit;
    return hit.ref;
}

/* ------------------------------------------------------------------ rows */

/* Row i's references. */
static inline const uint32_t *refs_of(const struct list *l, size_t i)
{
    return l->blocks[i >> BLOCK_BITS] + (i & (BLOCK_ROWS - 1)) * l->nslots;
}

/* Room for row number l->count; its references, zeroed. */
static uint32_t *new_refs(struct list *l)
{
    size_t i = l->count, b = i >> BLOCK_BITS;
    if (i >= MAX_ROWS)
        die(_("too much data for one list"));
    if (b == 0 && i == l->rows0_cap) {
        size_t cap = l->rows0_cap ? l->rows0_cap * 2 : FIRST_ROWS;
        if (cap > BLOCK_ROWS)
            cap = BLOCK_ROWS;
        if (!l->nblocks) {
            l->blocks_cap = 4;
            l->blocks = xcalloc(l->blocks_cap, sizeof(*l->blocks));
            l->nblocks = 1;
        }
        l->blocks[0] = xreallocarray(l->blocks[0], cap, l->nslots * sizeof(uint32_t));
        l->rows0_cap = cap;
    } else if (b == l->nblocks) {
        if (l->nblocks == l->blocks_cap) {
            l->blocks_cap *= 2;
            l->blocks = xreallocarray(l->blocks, l->blocks_cap, sizeof(*l->blocks));
        }
        l->blocks[l->nblocks++] = xreallocarray(NULL, BLOCK_ROWS, l->nslots * sizeof(uint32_t));
    }
    uint32_t *refs = l->blocks[b] + (i & (BLOCK_ROWS - 1)) * l->nslots;
    memset(refs, 0, l->nslots * sizeof(*refs));
    return refs;
}

/* Whether row i was removed (i < l->count). */
static inline bool is_removed(const struct list *l, size_t i)
{
    return l->removed && i / 64 < l->removed_words && (l->removed[i / 64] >> (i % 64) & 1);
}

/* Put row i (whose ID is not "") into the ID table, which has room, after every entry (row i
 * is the newest of its ID). */
static void ids_put(struct list *l, size_t i)
{
    size_t mask = l->ids_cap - 1, p = hash_str(list_id(l, i)) & mask;
    while (l->ids[p])
        p = (p + 1) & mask;
    l->ids[p] = (uint32_t)(i + 1);
}

/* Put row i (whose ID is not "") into the ID table, which has room, before the entries of
 * later rows with its ID, so that equal IDs stay in row order. */
static void ids_put_ordered(struct list *l, size_t i)
{
    const char *id = list_id(l, i);
    size_t mask = l->ids_cap - 1, p = hash_str(id) & mask;
    uint32_t cur = (uint32_t)(i + 1);
    for (; l->ids[p]; p = (p + 1) & mask) {
        uint32_t e = l->ids[p];
        if (e > cur && !strcmp(list_id(l, e - 1), id)) { /* a later row of the ID moves on */
            l->ids[p] = cur;
            cur = e;
        }
    }
    l->ids[p] = cur;
}

/* Index row i by its ID (ordered: before later rows of the ID), growing the table to stay at
 * most three quarters full. */
static void ids_add(struct list *l, size_t i, bool ordered)
{
    if (!*list_id(l, i))
        return;
    if ((l->ids_used + 1) * 4 > l->ids_cap * 3) {
        free(l->ids);
        l->ids_cap = l->ids_cap ? l->ids_cap * 2 : 16;
        l->ids = xcalloc(l->ids_cap, sizeof(*l->ids));
        l->ids_used = 0;
        for (size_t r = 0; r < l->count; r++) /* in row order: the first of equal IDs is found */
            if (*list_id(l, r) && !is_removed(l, r)) {
                ids_put(l, r);
                l->ids_used++;
            }
        return; /* row i is in */
    }
    if (ordered)
        ids_put_ordered(l, i);
    else
        ids_put(l, i);
    l->ids_used++;
}

/* Take row i's entry (under its current ID) out of the ID table, moving the entries after
 * it in its cluster back where their probe sequences allow (their order is kept). */
static void ids_del(struct list *l, size_t i)
{
    if (!l->ids_cap || !*list_id(l, i))
        return;
    size_t mask = l->ids_cap - 1, p = hash_str(list_id(l, i)) & mask;
    while (l->ids[p] && l->ids[p] != i + 1)
        p = (p + 1) & mask;
    if (!l->ids[p])
        return;
    for (size_t j = p;;) {
        j = (j + 1) & mask;
        if (!l->ids[j])
            break;
        size_t home = hash_str(list_id(l, l->ids[j] - 1)) & mask;
        if (((j - home) & mask) >= ((j - p) & mask)) { /* home is not in (p, j]: it may move */
            l->ids[p] = l->ids[j];
            p = j;
        }
    }
    l->ids[p] = 0;
    l->ids_used--;
}

/* Note in the change log that row i was removed or set. */
static void log_change(struct list *l, size_t i)
{
    if (l->nlog == l->log_cap) {
        l->log_cap = l->log_cap ? l->log_cap * 2 : 16;
        l->log = xreallocarray(l->log, l->log_cap, sizeof(*l->log));
    }
    l->log[l->nlog++] = (uint32_t)i;
}

/* Whether row i is a local row. */
static bool is_local(const struct list *l, size_t i)
{
    size_t lo = 0, hi = l->nlocal;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->local[mid] < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < l->nlocal && l->local[lo] == i;
}

/* The local row (not removed) whose ID is id, or SIZE_MAX. */
static size_t find_local(const struct list *l, const char *id)
{
    if (!l->nlocal || !l->ids_cap || !id || !*id)
        return SIZE_MAX;
    size_t mask = l->ids_cap - 1;
    for (size_t p = hash_str(id) & mask; l->ids[p]; p = (p + 1) & mask)
        if (!strcmp(list_id(l, l->ids[p] - 1), id) && is_local(l, l->ids[p] - 1))
            return l->ids[p] - 1;
    return SIZE_MAX;
}

/* ------------------------------------------------------------------ lists */

struct list *list_new(const struct api_kind_def *def, bool keep_raw)
{
    struct list *l = xcalloc(1, sizeof(*l));
    l->def = def;
    l->keep_raw = keep_raw;
    l->slot = xcalloc(def->nfields ? def->nfields : 1, sizeof(*l->slot));
    for (size_t f = 0; f < def->nfields; f++)
        l->slot[f] = def->fields[f].flags & FIELD_SECRET ? NO_SLOT : l->nslots++;
    l->raw_slot = keep_raw ? l->nslots++ : NO_SLOT;
    if (!l->nslots)
        l->nslots = 1; /* a kind of nothing but secrets: rows still count */
    l->mru = xcalloc(l->nslots * MRU, sizeof(*l->mru));
    l->cur = SIZE_MAX;
    l->next_size = CHUNK_FIRST;
    return l;
}

/* Free rows, strings and the ID table, keeping the kind's layout. */
static void free_rows(struct list *l)
{
    for (size_t c = 0; c < l->nchunks; c++)
        free(l->chunks[c]);
    free(l->chunks);
    for (size_t b = 0; b < l->nblocks; b++)
        free(l->blocks[b]);
    free(l->blocks);
    free(l->ids);
    free(l->removed);
    free(l->local);
    free(l->log);
    free(l->next);
}

void list_free(struct list *l)
{
    if (!l)
        return;
    free_rows(l);
    free(l->mru);
    free(l->slot);
    free(l);
}

void list_clear(struct list *l)
{
    free_rows(l);
    memset(l->mru, 0, l->nslots * MRU * sizeof(*l->mru));
    *l = (struct list){.def = l->def, .keep_raw = l->keep_raw, .slot = l->slot,
                       .nslots = l->nslots, .raw_slot = l->raw_slot, .mru = l->mru,
                       .cur = SIZE_MAX, .next_size = CHUNK_FIRST, .gen = l->gen + 1};
}

const struct api_kind_def *list_kind(const struct list *l)
{
    return l->def;
}

/* row's value of field f, NULL when absent. */
static inline const char *row_value(const struct row *row, size_t f)
{
    return row->values ? row->values[f] : NULL;
}

/* row's raw JSON as it is to be stored (without secrets; "" when not kept or absent); *copy
 * is set to what to free after. */
static const char *stored_raw(const struct list *l, const struct row *row, char **copy)
{
    *copy = NULL;
    if (!l->keep_raw || !row->raw)
        return "";
    *copy = model_raw_without_secrets(l->def, row->raw, row->secret);
    return *copy ? *copy : row->raw;
}

/* Copy row in at the end and return its index. */
static size_t append_row(struct list *l, const struct row *row)
{
    uint32_t *refs = new_refs(l);
    for (size_t f = 0; f < l->def->nfields; f++)
        if (l->slot[f] != NO_SLOT)
            refs[l->slot[f]] = intern(l, l->slot[f], row_value(row, f));
    if (l->keep_raw) {
        char *copy;
        const char *raw = stored_raw(l, row, &copy);
        refs[l->raw_slot] = arena_add(l, raw, strlen(raw));
        free(copy);
    }
    l->count++;
    ids_add(l, l->count - 1, false);
    return l->count - 1;
}

size_t list_add_row(struct list *l, const struct row *row)
{
    size_t i = append_row(l, row);
    if (l->nlocal == l->local_cap) {
        l->local_cap = l->local_cap ? l->local_cap * 2 : 8;
        l->local = xreallocarray(l->local, l->local_cap, sizeof(*l->local));
    }
    l->local[l->nlocal++] = (uint32_t)i; /* the newest row: the array stays sorted */
    return i;
}

void list_set_row(struct list *l, size_t i, const struct row *row)
{
    if (i >= l->count || is_removed(l, i))
        return;
    uint32_t *refs = l->blocks[i >> BLOCK_BITS] + (i & (BLOCK_ROWS - 1)) * l->nslots;
    char *copy;
    const char *raw = stored_raw(l, row, &copy);
    bool changed = l->keep_raw && strcmp(raw, str_at(l, refs[l->raw_slot]));
    for (size_t f = 0; f < l->def->nfields && !changed; f++) {
        const char *s = row_value(row, f);
        changed = l->slot[f] != NO_SLOT && strcmp(s ? s : "", str_at(l, refs[l->slot[f]]));
    }
    if (!changed) {
        free(copy);
        return;
    }
    size_t id_slot = l->slot[l->def->id_field];
    const char *id = row_value(row, l->def->id_field);
    bool new_id = id_slot != NO_SLOT && strcmp(id ? id : "", list_id(l, i));
    if (new_id)
        ids_del(l, i);
    for (size_t f = 0; f < l->def->nfields; f++)
        if (l->slot[f] != NO_SLOT)
            refs[l->slot[f]] = intern(l, l->slot[f], row_value(row, f));
    if (l->keep_raw)
        refs[l->raw_slot] = arena_add(l, raw, strlen(raw));
    free(copy);
    if (new_id)
        ids_add(l, i, true);
    log_change(l, i);
}

void list_remove(struct list *l, size_t i)
{
    if (i >= l->count || is_removed(l, i))
        return;
    if (i / 64 >= l->removed_words) {
        size_t words = (l->count + 63) / 64;
        if (words < l->removed_words * 2)
            words = l->removed_words * 2;
        l->removed = xreallocarray(l->removed, words, sizeof(*l->removed));
        memset(l->removed + l->removed_words, 0,
               (words - l->removed_words) * sizeof(*l->removed));
        l->removed_words = words;
    }
    ids_del(l, i);
    l->removed[i / 64] |= (uint64_t)1 << (i % 64);
    l->nremoved++;
    log_change(l, i);
}

bool list_removed(const struct list *l, size_t i)
{
    return i < l->count && is_removed(l, i);
}

void list_add_page(struct list *l, const struct page *page)
{
    for (size_t r = 0; r < page->n; r++) {
        size_t i = find_local(l, row_value(page->rows[r], l->def->id_field));
        if (i != SIZE_MAX)
            list_set_row(l, i, page->rows[r]);
        else
            append_row(l, page->rows[r]);
    }
    free(l->next);
    l->next = page->next ? xstrdup(page->next) : NULL;
    l->started = true;
}

size_t list_count(const struct list *l)
{
    return l->count;
}

size_t list_live(const struct list *l)
{
    return l->count - l->nremoved;
}

const char *list_value(const struct list *l, size_t i, size_t f)
{
    if (i >= l->count || f >= l->def->nfields || l->slot[f] == NO_SLOT)
        return "";
    return str_at(l, refs_of(l, i)[l->slot[f]]);
}

const char *list_id(const struct list *l, size_t i)
{
    return list_value(l, i, l->def->id_field);
}

const char *list_raw(const struct list *l, size_t i)
{
    if (!l->keep_raw || i >= l->count)
        return NULL;
    return str_at(l, refs_of(l, i)[l->raw_slot]);
}

size_t list_find(const struct list *l, const char *id)
{
    if (!l->ids_cap || !id || !*id)
        return SIZE_MAX;
    size_t mask = l->ids_cap - 1;
    for (size_t p = hash_str(id) & mask; l->ids[p]; p = (p + 1) & mask)
        if (!strcmp(list_id(l, l->ids[p] - 1), id))
            return l->ids[p] - 1;
    return SIZE_MAX;
}

const char *list_next(const struct list *l)
{
    return l->next;
}

bool list_started(const struct list *l)
{
    return l->started;
}

bool list_more(const struct list *l)
{
    return l->next != NULL;
}

size_t list_bytes(const struct list *l)
{
    size_t n = sizeof(*l) + l->arena_bytes;
    n += l->chunks_cap * sizeof(*l->chunks) + l->blocks_cap * sizeof(*l->blocks);
    if (l->nblocks)
        n += (l->rows0_cap + (l->nblocks - 1) * BLOCK_ROWS) * l->nslots * sizeof(uint32_t);
    n += l->ids_cap * sizeof(*l->ids);
    n += l->removed_words * sizeof(*l->removed) + l->local_cap * sizeof(*l->local);
    n += l->log_cap * sizeof(*l->log);
    n += l->nslots * MRU * sizeof(*l->mru) + l->def->nfields * sizeof(*l->slot);
    if (l->next)
        n += strlen(l->next) + 1;
    return n;
}

/* ------------------------------------------------------------------ views */

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
    bool reverse;
};

/* Whether row a goes before row b (a != b) in v: by the sort value (descending when
 * reversed), equal values in load order; unsorted, by row number (descending when reversed).
 * A total order, so the view is always sorted by it. */
static inline bool goes_before(const struct list_view *v, uint32_t a, uint32_t b)
{
    if (v->sort_slot != NO_SLOT) {
        uint32_t ra = refs_of(v->l, a)[v->sort_slot], rb = refs_of(v->l, b)[v->sort_slot];
        if (ra != rb) {
            int c = strcmp(str_at(v->l, ra), str_at(v->l, rb));
            if (c)
                return v->reverse ? c > 0 : c < 0;
        }
        return a < b;
    }
    return v->reverse ? a > b : a < b;
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
    return str_at(v->l, refs_of(v->l, i)[v->sort_slot]);
}

/* Whether x goes before y by their heads, then (when tail) by their values from byte tail
 * on, then by row. */
static inline bool item_before(const struct list_view *v, const struct sort_item *x,
                               const struct sort_item *y, size_t tail)
{
    if (x->head != y->head)
        return v->reverse ? x->head > y->head : x->head < y->head;
    if (tail && (x->head & 0xff)) { /* both go on past the head */
        int c = strcmp(sort_value(v, x->row) + tail, sort_value(v, y->row) + tail);
        if (c)
            return v->reverse ? c > 0 : c < 0;
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
        bool same = true; /* one stored string (interned): nothing more to sort */
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
    free(v);
}

void list_view_set(struct list_view *v, const char *filter, const size_t *fields, size_t nfields,
                   list_keep_fn keep, void *ud, int sort_field, bool reverse)
{
    const struct list *l = v->l;
    size_t slot = sort_field >= 0 && (size_t)sort_field < l->def->nfields ? l->slot[sort_field]
                                                                          : NO_SLOT;
    /* typing on in a filter: the matches of the longer text are among those shown */
    /* (the same text again is a rebuild: the keep condition's inputs may have changed) */
    bool refine = filter && *filter &&
                  (!v->filter || (strcmp(filter, v->filter) && text_contains_ci(filter, v->filter))) &&
                  keep == v->keep && ud == v->ud && slot == v->sort_slot &&
                  reverse == v->reverse && nfields == v->nfields &&
                  (!nfields || !memcmp(fields, v->fields, nfields * sizeof(*fields))) &&
                  v->gen == l->gen && v->seen == l->count && v->logged == l->nlog;
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
    v->reverse = reverse;
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

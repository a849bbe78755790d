/* list.c: a loaded list of objects of one kind, stored compactly (views: list_view.c).
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
 * to a change log that views apply (list_view.c). The log is emptied by list_clear only; it
 * grows by 4 bytes per change. */
#include "config.h"

#include "core/list.h"
#include "core/list_impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/util.h"

/* ------------------------------------------------------------------ arena */


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

unsigned list_generation(const struct list *l)
{
    return l->gen;
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

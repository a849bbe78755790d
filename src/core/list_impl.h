/* list_impl.h: the inside of a list, shared by list.c (the store) and list_view.c (the
 * views over it). Nothing else includes it. */
#ifndef TENANTRY_LIST_IMPL_H
#define TENANTRY_LIST_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/list.h"

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

/* The string a reference names. */
static inline const char *str_at(const struct list *l, uint32_t ref)
{
    return ref ? l->chunks[ref >> OFFSET_BITS] + (ref & OFFSET_MASK) : "";
}

/* Row i's references. */
static inline const uint32_t *refs_of(const struct list *l, size_t i)
{
    return l->blocks[i >> BLOCK_BITS] + (i & (BLOCK_ROWS - 1)) * l->nslots;
}

/* Whether row i was removed (i < l->count). */
static inline bool is_removed(const struct list *l, size_t i)
{
    return l->removed && i / 64 < l->removed_words && (l->removed[i / 64] >> (i % 64) & 1);
}

#endif

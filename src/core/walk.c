/* walk.c: the history of one list walk, to stop a list that would never end. Tokens and rows
 * are kept as 64-bit hashes (not cryptographic: a server that made two collide would only
 * stop its own list): two of a million tokens share one with a chance of about 3 in
 * 10^8, and that would stop a list with an error, never lose a row silently. */
#include "config.h"

#include "core/walk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

struct walk {
    size_t pages;
    bool stopped;
    uint64_t *tokens; /* an open-addressing set of the tokens followed (0: empty slot) */
    size_t ntokens, cap;
    uint64_t *first;  /* the hash of each row of the first page */
    size_t nfirst;
    uint64_t last;    /* the hash of the page before, and its row count */
    size_t nlast;
};

/* A 64-bit hash of n bytes of p, continuing from h, never 0: eight bytes a step, each mixed
 * in by a multiply (a list of 100,000 rows hashes its 15 MB several times faster than FNV-1a
 * byte by byte did), and a final avalanche (murmur3's fmix64). */
static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t w;
    h ^= n * 0x9e3779b97f4a7c15ull;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
    }
    w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h ? h : 1;
}

#define HASH_START 0xcbf29ce484222325ull

/* The hash of one row: its JSON as the server sent it, else its values. */
static uint64_t row_hash(const struct row *r)
{
    if (r->raw)
        return hash_bytes(HASH_START, r->raw, strlen(r->raw));
    uint64_t h = HASH_START;
    for (size_t f = 0; r->def && f < r->def->nfields; f++)
        h = hash_bytes(h, r->values[f], strlen(r->values[f]) + 1);
    return h;
}

struct walk *walk_new(void)
{
    return xcalloc(1, sizeof(struct walk));
}

void walk_free(struct walk *w)
{
    if (!w)
        return;
    free(w->tokens);
    free(w->first);
    free(w);
}

void walk_reset(struct walk *w)
{
    free(w->tokens);
    free(w->first);
    *w = (struct walk){0};
}

/* Add h to the token set; false when it was there already. */
static bool token_add(struct walk *w, uint64_t h)
{
    if ((w->ntokens + 1) * 2 > w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        uint64_t *t = xcalloc(cap, sizeof(*t));
        for (size_t i = 0; i < w->cap; i++) {
            if (!w->tokens[i])
                continue;
            size_t p = (size_t)w->tokens[i] & (cap - 1);
            while (t[p])
                p = (p + 1) & (cap - 1);
            t[p] = w->tokens[i];
        }
        free(w->tokens);
        w->tokens = t;
        w->cap = cap;
    }
    size_t p = (size_t)h & (w->cap - 1);
    for (; w->tokens[p]; p = (p + 1) & (w->cap - 1))
        if (w->tokens[p] == h)
            return false;
    w->tokens[p] = h;
    w->ntokens++;
    return true;
}

/* True when h is in the token set. */
static bool token_seen(const struct walk *w, uint64_t h)
{
    if (!w->cap)
        return false;
    for (size_t p = (size_t)h & (w->cap - 1); w->tokens[p]; p = (p + 1) & (w->cap - 1))
        if (w->tokens[p] == h)
            return true;
    return false;
}

enum walk_verdict walk_check(struct walk *w, const char *followed, const struct page *page)
{
    enum walk_verdict v = WALK_OK;
    if (followed)
        token_add(w, hash_bytes(HASH_START, followed, strlen(followed)));
    uint64_t *rows = xcalloc(page->n + 1, sizeof(*rows));
    uint64_t all = HASH_START;
    for (size_t i = 0; i < page->n; i++) {
        rows[i] = row_hash(page->rows[i]);
        all = hash_bytes(all, &rows[i], sizeof(rows[i]));
    }
    if (w->pages > 0 && page->n > 0) {
        size_t m = page->n < w->nfirst ? page->n : w->nfirst;
        if (page->n == w->nlast && all == w->last)
            v = WALK_SAME_PAGE;
        if (m > 0 && !memcmp(rows, w->first, m * sizeof(*rows)))
            v = WALK_FIRST_AGAIN; /* also the same page, when that was the first */
    }
    if (v == WALK_OK && page->next && token_seen(w, hash_bytes(HASH_START, page->next,
                                                              strlen(page->next))))
        v = WALK_REPEATED_LINK;
    if (w->pages++ == 0) {
        w->first = rows;
        w->nfirst = page->n;
    } else {
        free(rows);
    }
    w->last = all;
    w->nlast = page->n;
    w->stopped |= v != WALK_OK;
    return v;
}

size_t walk_pages(const struct walk *w)
{
    return w->pages;
}

bool walk_stopped(const struct walk *w)
{
    return w->stopped;
}

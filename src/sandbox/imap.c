/* imap.c: an open-addressing hash index from keys to row numbers; the rows keep the keys. */
#include "config.h"

#include "sandbox/imap.h"

#include <stdlib.h>

#include "core/util.h"

#define SLOT_EMPTY 0u
#define SLOT_DEAD UINT32_MAX

struct imap_slot {
    uint32_t row1; /* row + 1; SLOT_EMPTY or SLOT_DEAD otherwise */
    uint32_t hash; /* low bits of the key's hash, to skip most key comparisons */
};

uint64_t imap_hash_more(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint64_t imap_hash(const void *data, size_t n)
{
    return imap_hash_more(0xcbf29ce484222325ULL, data, n);
}

/* The slots keep only the low 32 bits of a key's hash, so those alone choose the first slot. */
static size_t first_slot(const struct imap *m, uint32_t hash32)
{
    /* Spread the bits: FNV's low bits alone cluster on similar keys. */
    uint64_t h = hash32;
    return (size_t)((h ^ (h >> 29)) * 0x9e3779b97f4a7c15ULL >> 7) & (m->cap - 1);
}

static void place(struct imap *m, uint32_t hash32, uint32_t row)
{
    size_t i = first_slot(m, hash32);
    while (m->slots[i].row1 != SLOT_EMPTY && m->slots[i].row1 != SLOT_DEAD)
        i = (i + 1) & (m->cap - 1);
    if (m->slots[i].row1 == SLOT_DEAD)
        m->dead--;
    m->slots[i].row1 = row + 1;
    m->slots[i].hash = hash32;
    m->used++;
}

static void rehash(struct imap *m, size_t cap)
{
    struct imap_slot *old = m->slots;
    size_t old_cap = m->cap;
    m->slots = xcalloc(cap, sizeof(*m->slots));
    m->cap = cap;
    m->used = m->dead = 0;
    for (size_t i = 0; i < old_cap; i++) {
        uint32_t r = old[i].row1;
        if (r != SLOT_EMPTY && r != SLOT_DEAD) {
            place(m, old[i].hash, r - 1);
        }
    }
    free(old);
}

void imap_insert(struct imap *m, uint64_t hash, uint32_t row)
{
    if ((m->used + m->dead + 1) * 10 >= m->cap * 7)
        rehash(m, m->cap ? (m->used * 2 >= m->cap / 2 ? m->cap * 2 : m->cap) : 64);
    place(m, (uint32_t)hash, row);
}

uint32_t imap_find(const struct imap *m, uint64_t hash, imap_eq_fn eq, const void *key, void *ctx)
{
    if (!m->cap)
        return IMAP_NONE;
    uint32_t h32 = (uint32_t)hash;
    size_t i = first_slot(m, h32);
    for (;;) {
        const struct imap_slot *s = &m->slots[i];
        if (s->row1 == SLOT_EMPTY)
            return IMAP_NONE;
        if (s->row1 != SLOT_DEAD && s->hash == h32 && eq(s->row1 - 1, key, ctx))
            return s->row1 - 1;
        i = (i + 1) & (m->cap - 1);
    }
}

bool imap_remove(struct imap *m, uint64_t hash, uint32_t row)
{
    if (!m->cap)
        return false;
    uint32_t h32 = (uint32_t)hash;
    size_t i = first_slot(m, h32);
    for (;;) {
        struct imap_slot *s = &m->slots[i];
        if (s->row1 == SLOT_EMPTY)
            return false;
        if (s->row1 == row + 1) {
            s->row1 = SLOT_DEAD;
            m->used--;
            m->dead++;
            return true;
        }
        i = (i + 1) & (m->cap - 1);
    }
}

void imap_free(struct imap *m)
{
    free(m->slots);
    m->slots = NULL;
    m->cap = m->used = m->dead = 0;
}

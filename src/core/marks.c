/* marks.c: a set of marked IDs in marking order, hashed (open addressing, linear probing,
 * tombstones; the order array compacted when half of it is unmarked). */
#include "config.h"

#include "core/marks.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define EMPTY 0
#define TOMB SIZE_MAX

struct entry {
    char *id, *name, *error; /* id NULL: unmarked since (a hole until compacted) */
};

struct marks {
    struct entry *v; /* in marking order */
    size_t n, cap;   /* slots used (holes too), allocated */
    size_t live, failed, holes;
    size_t *table; /* entry index + 1, EMPTY or TOMB */
    size_t tcap, tused; /* a power of two; slots not EMPTY */
};

/* FNV-1a. */
static size_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h ^ (h >> 15);
}

/* The table slot holding id, or SIZE_MAX. */
static size_t find(const struct marks *m, const char *id)
{
    if (!m->tcap)
        return SIZE_MAX;
    size_t mask = m->tcap - 1;
    for (size_t p = hash(id) & mask;; p = (p + 1) & mask) {
        size_t e = m->table[p];
        if (e == EMPTY)
            return SIZE_MAX;
        if (e != TOMB && !strcmp(m->v[e - 1].id, id))
            return p;
    }
}

/* Put entry index i into a table with room. */
static void put(struct marks *m, size_t i)
{
    size_t mask = m->tcap - 1, p = hash(m->v[i].id) & mask;
    while (m->table[p] != EMPTY && m->table[p] != TOMB)
        p = (p + 1) & mask;
    if (m->table[p] == EMPTY)
        m->tused++;
    m->table[p] = i + 1;
}

/* Drop the holes from the order and build the table again, with room for more. */
static void rebuild(struct marks *m)
{
    size_t k = 0;
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].id)
            m->v[k++] = m->v[i];
    m->n = k;
    m->holes = 0;
    size_t cap = 16;
    while (cap < 2 * (m->live + 1))
        cap *= 2;
    free(m->table);
    m->table = xcalloc(cap, sizeof(*m->table));
    m->tcap = cap;
    m->tused = 0;
    for (size_t i = 0; i < m->n; i++)
        put(m, i);
}

struct marks *marks_new(void)
{
    return xcalloc(1, sizeof(struct marks));
}

/* Free one entry's strings (leaving a hole). */
static void entry_clear(struct entry *e)
{
    free(e->id);
    free(e->name);
    free(e->error);
    *e = (struct entry){0};
}

void marks_clear(struct marks *m)
{
    for (size_t i = 0; i < m->n; i++)
        entry_clear(&m->v[i]);
    m->n = m->live = m->failed = m->holes = 0;
    free(m->table);
    m->table = NULL;
    m->tcap = m->tused = 0;
}

void marks_free(struct marks *m)
{
    if (!m)
        return;
    marks_clear(m);
    free(m->v);
    free(m);
}

bool marks_has(const struct marks *m, const char *id)
{
    return find(m, id) != SIZE_MAX;
}

bool marks_add(struct marks *m, const char *id, const char *name)
{
    if (marks_has(m, id))
        return false;
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        m->v = xreallocarray(m->v, m->cap, sizeof(*m->v));
    }
    m->v[m->n] = (struct entry){xstrdup(id), xstrdup(name ? name : id), NULL};
    m->n++;
    m->live++;
    if (2 * (m->tused + 1) > m->tcap)
        rebuild(m); /* puts the new one in too */
    else
        put(m, m->n - 1);
    return true;
}

bool marks_remove(struct marks *m, const char *id)
{
    size_t p = find(m, id);
    if (p == SIZE_MAX)
        return false;
    struct entry *e = &m->v[m->table[p] - 1];
    m->failed -= e->error != NULL;
    entry_clear(e);
    m->table[p] = TOMB;
    m->live--;
    m->holes++;
    if (m->holes > 32 && m->holes > m->live)
        rebuild(m);
    return true;
}

size_t marks_count(const struct marks *m)
{
    return m->live;
}

size_t marks_failed(const struct marks *m)
{
    return m->failed;
}

size_t marks_list(const struct marks *m, const char **ids, const char **names, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < m->n && k < max; i++) {
        if (!m->v[i].id)
            continue;
        if (ids)
            ids[k] = m->v[i].id;
        if (names)
            names[k] = m->v[i].name;
        k++;
    }
    return k;
}

void marks_set_error(struct marks *m, const char *id, const char *error)
{
    size_t p = find(m, id);
    if (p == SIZE_MAX)
        return;
    struct entry *e = &m->v[m->table[p] - 1];
    m->failed -= e->error != NULL;
    free(e->error);
    e->error = error ? xstrdup(error) : NULL;
    m->failed += e->error != NULL;
}

const char *marks_error(const struct marks *m, const char *id)
{
    size_t p = find(m, id);
    return p == SIZE_MAX ? NULL : m->v[m->table[p] - 1].error;
}

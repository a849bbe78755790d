/* systore.c: the sandbox's in-memory /system tenants.
 *
 * Rows live in an append-only array in creation order, so a row's id is its position + 1 and
 * finding by id is direct; a deleted row stays as a tombstone. A hash index finds a uuid, and
 * the sorted array of live rows makes an unfiltered page a slice (no scan) and its total a
 * count. Seeded rows keep no data text: it is drawn again from the seed when asked for. */
#include "config.h"

#include "sandbox/systore.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/json.h"
#include "core/util.h"
#include "sandbox/imap.h"
#include "sandbox/seed.h"

#define SEED_FROM 1514764800LL  /* 2018-01-01T00:00:00Z */
#define SEED_UNTIL 1767225600LL /* 2026-01-01T00:00:00Z */
#define SEED_STREAM (3ULL << 56)      /* rows: uuid, times, version */
#define SEED_DATA_STREAM (5ULL << 56) /* rows' data */
#define UPDATE_SPAN (180LL * 86400)   /* a seeded update comes within 180 days */

struct sysrow {
    char uuid[37];
    bool deleted;
    int32_t version;
    int64_t created, updated;
    char *data; /* NULL: the seeded data, drawn from the seed */
};

struct systore {
    pthread_mutex_t lock;
    uint64_t seed;
    struct rng rng; /* uuids of rows created through the API */
    struct sysrow *rows;
    size_t nrows, caprows;
    uint32_t *live; /* positions of the rows not deleted, ascending */
    size_t nlive, caplive;
    struct imap by_uuid;
};

static const char *const plans[] = {"free", "standard", "premium", "enterprise"};

/* ------------------------------------------------------------------ rows */

static bool uuid_eq(uint32_t row, const void *key, void *ctx)
{
    const struct systore *s = ctx;
    return strcmp(s->rows[row].uuid, key) == 0;
}

static uint64_t uuid_hash(const char *uuid)
{
    return imap_hash(uuid, strlen(uuid));
}

static struct sysrow *find_row(struct systore *s, const char *uuid)
{
    uint32_t row = imap_find(&s->by_uuid, uuid_hash(uuid), uuid_eq, uuid, s);
    return row == IMAP_NONE ? NULL : &s->rows[row];
}

/* Append a live row (its data set by the caller). */
static struct sysrow *append_row(struct systore *s, const char *uuid, int64_t created,
                                 int64_t updated, long long version)
{
    if (s->nrows == s->caprows) {
        s->caprows = s->caprows ? s->caprows * 2 : 1024;
        s->rows = xreallocarray(s->rows, s->caprows, sizeof(*s->rows));
    }
    if (s->nlive == s->caplive) {
        s->caplive = s->caplive ? s->caplive * 2 : 1024;
        s->live = xreallocarray(s->live, s->caplive, sizeof(*s->live));
    }
    uint32_t row = (uint32_t)s->nrows++;
    struct sysrow *r = &s->rows[row];
    memset(r, 0, sizeof(*r));
    memcpy(r->uuid, uuid, sizeof(r->uuid));
    r->created = created;
    r->updated = updated;
    r->version = (int32_t)version;
    s->live[s->nlive++] = row; /* rows only ever grow, so live stays sorted */
    imap_insert(&s->by_uuid, uuid_hash(r->uuid), row);
    return r;
}

/* The data text of seeded row i, drawn from the seed: {"name":"...","plan":"..."}. */
static char *seeded_data(uint64_t seed, size_t i)
{
    struct rng r;
    char name[128];
    rng_seed(&r, seed, SEED_DATA_STREAM + i);
    seed_tenant_name(&r, name, sizeof(name));
    cJSON *o = json_new_object();
    json_add_string(o, "name", name);
    json_add_string(o, "plan", plans[rng_below(&r, ARRAY_SIZE(plans))]);
    char *text = json_print(o);
    cJSON_Delete(o);
    return text;
}

/* Copy row into out (data as a new string). */
static void copy_row(const struct systore *s, const struct sysrow *r, struct systenant *out)
{
    size_t i = (size_t)(r - s->rows);
    out->id = (long long)i + 1;
    memcpy(out->uuid, r->uuid, sizeof(out->uuid));
    out->created = r->created;
    out->updated = r->updated;
    out->version = r->version;
    out->data = r->data ? xstrdup(r->data) : seeded_data(s->seed, i);
}

void systenant_clear(struct systenant *t)
{
    free(t->data);
    t->data = NULL;
}

void systenant_free_all(struct systenant *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        systenant_clear(&rows[i]);
    free(rows);
}

/* ------------------------------------------------------------------ seeding */

/* Seed n rows: createdAt strictly increasing (n is at most 10 million, so each row has a
 * slot of at least 25 s between SEED_FROM and SEED_UNTIL), updatedAt at or after it. */
static void seed_rows(struct systore *s, unsigned long n)
{
    int64_t span = SEED_UNTIL - SEED_FROM;
    int64_t slot = n ? span / (int64_t)n : span;
    char uuid[37];
    for (unsigned long i = 0; i < n; i++) {
        struct rng r;
        rng_seed(&r, s->seed, SEED_STREAM + i);
        seed_uuid(&r, uuid);
        int64_t created = SEED_FROM + (int64_t)i * span / (int64_t)n +
                          (int64_t)rng_below(&r, (uint64_t)(slot > 1 ? slot : 1));
        long long version = 1 + (long long)rng_below(&r, 3);
        int64_t updated = created;
        if (version > 1)
            updated += 1 + (int64_t)rng_below(&r, UPDATE_SPAN);
        while (find_row(s, uuid)) /* never in practice; uuids stay unique all the same */
            seed_uuid(&r, uuid);
        append_row(s, uuid, created, updated, version);
    }
}

struct systore *systore_new(const struct systore_seed *seed)
{
    struct systore *s = xcalloc(1, sizeof(*s));
    pthread_mutex_init(&s->lock, NULL);
    s->seed = seed->seed;
    rng_seed(&s->rng, seed->seed, SEED_STREAM - 1);
    seed_rows(s, seed->tenants);
    return s;
}

void systore_free(struct systore *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nrows; i++)
        free(s->rows[i].data);
    free(s->rows);
    free(s->live);
    imap_free(&s->by_uuid);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* ------------------------------------------------------------------ lists */

void sysfilter_init(struct sysfilter *f)
{
    memset(f, 0, sizeof(*f));
    f->created_min = f->updated_min = INT64_MIN;
    f->created_max = f->updated_max = INT64_MAX;
}

static bool has_dates(const struct sysfilter *f)
{
    return f->created_min != INT64_MIN || f->created_max != INT64_MAX ||
           f->updated_min != INT64_MIN || f->updated_max != INT64_MAX;
}

/* Is time t (seconds) within [min, max] (microseconds)? */
static bool within(int64_t t, int64_t min, int64_t max)
{
    int64_t us = t * 1000000;
    return us >= min && us <= max;
}

/* Does row r pass the uuid and date filters of f (the id filter is applied by the caller)? */
static bool row_matches(const struct sysrow *r, const struct sysfilter *f)
{
    if (r->deleted)
        return false;
    if (f->by_uuid) {
        bool found = false;
        for (size_t i = 0; i < f->nuuids && !found; i++)
            found = strcmp(f->uuids[i], r->uuid) == 0;
        if (!found)
            return false;
    }
    return within(r->created, f->created_min, f->created_max) &&
           within(r->updated, f->updated_min, f->updated_max);
}

static int cmp_row(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The candidate rows of f in ascending order, when an id or uuid filter narrows them to a
 * few (new array, *n of them); NULL (all live rows) otherwise. */
static uint32_t *candidates(struct systore *s, const struct sysfilter *f, size_t *n)
{
    uint32_t *rows;
    *n = 0;
    if (f->by_id) {
        rows = xcalloc(f->nids ? f->nids : 1, sizeof(*rows));
        for (size_t i = 0; i < f->nids; i++)
            if (f->ids[i] >= 1 && (unsigned long long)f->ids[i] <= s->nrows)
                rows[(*n)++] = (uint32_t)(f->ids[i] - 1); /* ids come sorted */
        return rows;
    }
    if (f->by_uuid) {
        rows = xcalloc(f->nuuids ? f->nuuids : 1, sizeof(*rows));
        for (size_t i = 0; i < f->nuuids; i++) {
            uint32_t row = imap_find(&s->by_uuid, uuid_hash(f->uuids[i]), uuid_eq, f->uuids[i],
                                     s);
            if (row != IMAP_NONE)
                rows[(*n)++] = row;
        }
        qsort(rows, *n, sizeof(*rows), cmp_row);
        size_t k = 0;
        for (size_t i = 0; i < *n; i++)
            if (k == 0 || rows[k - 1] != rows[i])
                rows[k++] = rows[i];
        *n = k;
        return rows;
    }
    return NULL;
}

size_t systore_list(struct systore *s, const struct sysfilter *f, uint64_t offset, size_t limit,
                    struct systenant **rows, size_t *n)
{
    size_t total = 0, taken = 0, ncand;
    *rows = xcalloc(limit ? limit : 1, sizeof(**rows));
    pthread_mutex_lock(&s->lock);
    uint32_t *cand = candidates(s, f, &ncand);
    if (!cand && !has_dates(f)) {
        /* Every live row: the page is a slice. */
        total = s->nlive;
        for (uint64_t i = offset; i < s->nlive && taken < limit; i++)
            copy_row(s, &s->rows[s->live[i]], &(*rows)[taken++]);
    } else {
        const uint32_t *v = cand ? cand : s->live;
        size_t nv = cand ? ncand : s->nlive;
        for (size_t i = 0; i < nv; i++) {
            const struct sysrow *r = &s->rows[v[i]];
            if (!row_matches(r, f))
                continue;
            if (total >= offset && taken < limit)
                copy_row(s, r, &(*rows)[taken++]);
            total++;
        }
    }
    pthread_mutex_unlock(&s->lock);
    free(cand);
    *n = taken;
    return total;
}

/* ------------------------------------------------------------------ items */

enum systore_rc systore_get(struct systore *s, const char *uuid, struct systenant *out)
{
    pthread_mutex_lock(&s->lock);
    struct sysrow *r = find_row(s, uuid);
    if (r)
        copy_row(s, r, out);
    pthread_mutex_unlock(&s->lock);
    return r ? SYSTORE_OK : SYSTORE_NOT_FOUND;
}

static int64_t now_seconds(void)
{
    return util_wallclock_ms() / 1000;
}

enum systore_rc systore_create(struct systore *s, const char *uuid, const char *data,
                               long long version, struct systenant *out)
{
    enum systore_rc rc = SYSTORE_TAKEN;
    char drawn[37];
    pthread_mutex_lock(&s->lock);
    if (!uuid) {
        do
            seed_uuid(&s->rng, drawn);
        while (find_row(s, drawn));
        uuid = drawn;
    }
    if (!find_row(s, uuid)) {
        int64_t now = now_seconds();
        struct sysrow *r = append_row(s, uuid, now, now, version);
        r->data = xstrdup(data);
        copy_row(s, r, out);
        rc = SYSTORE_OK;
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

enum systore_rc systore_update(struct systore *s, const char *uuid, const char *data,
                               long long version, struct systenant *out)
{
    enum systore_rc rc = SYSTORE_NOT_FOUND;
    pthread_mutex_lock(&s->lock);
    struct sysrow *r = find_row(s, uuid);
    if (r && r->version != version) {
        rc = SYSTORE_STALE;
        copy_row(s, r, out);
    } else if (r && r->version >= SYSTORE_VERSION_MAX) {
        rc = SYSTORE_EXHAUSTED;
    } else if (r) {
        if (data) {
            free(r->data);
            r->data = xstrdup(data);
        }
        r->version++;
        r->updated = now_seconds();
        copy_row(s, r, out);
        rc = SYSTORE_OK;
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

/* Take row out of the sorted array of live rows. */
static void unlist_row(struct systore *s, uint32_t row)
{
    size_t lo = 0, hi = s->nlive;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->live[mid] < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->nlive && s->live[lo] == row) {
        memmove(&s->live[lo], &s->live[lo + 1], (s->nlive - lo - 1) * sizeof(*s->live));
        s->nlive--;
    }
}

enum systore_rc systore_delete(struct systore *s, const char *uuid)
{
    pthread_mutex_lock(&s->lock);
    struct sysrow *r = find_row(s, uuid);
    if (r) {
        uint32_t row = (uint32_t)(r - s->rows);
        imap_remove(&s->by_uuid, uuid_hash(r->uuid), row);
        unlist_row(s, row);
        r->deleted = true;
        free(r->data);
        r->data = NULL;
    }
    pthread_mutex_unlock(&s->lock);
    return r ? SYSTORE_OK : SYSTORE_NOT_FOUND;
}

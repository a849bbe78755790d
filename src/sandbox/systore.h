/* systore.h: the sandbox's in-memory /system tenants (DigitalState's Tenant entity): numeric
 * id, uuid, createdAt, updatedAt, data and the version used for optimistic locking.
 * Thread-safe: every call takes the store's lock, and rows are handed out as copies. */
#ifndef TENANTRY_SANDBOX_SYSTORE_H
#define TENANTRY_SANDBOX_SYSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SYSTORE_VERSION_MAX 2147483647LL /* a version is a positive 32-bit integer */

struct systore;

enum systore_rc {
    SYSTORE_OK,
    SYSTORE_NOT_FOUND, /* no tenant has this uuid */
    SYSTORE_TAKEN,     /* the uuid is already used */
    SYSTORE_STALE,     /* the version sent is not the stored one */
    SYSTORE_EXHAUSTED, /* the stored version cannot grow any more */
};

/* One tenant, as copied out of the store. */
struct systenant {
    long long id;    /* 1, 2, ... in creation order */
    char uuid[37];   /* lowercase */
    int64_t created; /* seconds since the epoch */
    int64_t updated;
    long long version;
    char *data; /* the data object as JSON text; owned */
};

/* What a list keeps: rows matching every filter given. Times are microseconds since the
 * epoch and inclusive; INT64_MIN and INT64_MAX leave a bound open. */
struct sysfilter {
    bool by_id;             /* keep rows whose id is in ids (sorted, without duplicates) */
    const long long *ids;
    size_t nids;
    bool by_uuid;           /* keep rows whose uuid is in uuids (lowercase) */
    const char (*uuids)[37];
    size_t nuuids;
    int64_t created_min, created_max;
    int64_t updated_min, updated_max;
};

struct systore_seed {
    unsigned long tenants;
    uint64_t seed;
};

/* Build the seeded data set: ids 1..N, createdAt spread over 2018..2025 and increasing with
 * the id, updatedAt at or after createdAt, version 1..3, data {"name","plan"}. */
struct systore *systore_new(const struct systore_seed *seed);
/* Free everything. */
void systore_free(struct systore *s);

/* Free what t owns (its data). */
void systenant_clear(struct systenant *t);
/* Free n rows from systore_list() and the array. */
void systenant_free_all(struct systenant *rows, size_t n);
/* A filter that keeps every row. */
void sysfilter_init(struct sysfilter *f);

/* The rows matching f in id order, skipping offset of them and taking at most limit into a new
 * array *rows (*n of them); returns how many rows match in all. */
size_t systore_list(struct systore *s, const struct sysfilter *f, uint64_t offset, size_t limit,
                    struct systenant **rows, size_t *n);
/* The tenant with this (lowercase) uuid. */
enum systore_rc systore_get(struct systore *s, const char *uuid, struct systenant *out);
/* Create a tenant now with this uuid (lowercase; NULL draws one), data (JSON text of an object)
 * and version. */
enum systore_rc systore_create(struct systore *s, const char *uuid, const char *data,
                               long long version, struct systenant *out);
/* Update the tenant with this uuid if its version is version: data replaced unless NULL,
 * version + 1, updatedAt now. SYSTORE_STALE leaves the tenant as stored in *out. */
enum systore_rc systore_update(struct systore *s, const char *uuid, const char *data,
                               long long version, struct systenant *out);
/* Delete the tenant with this uuid. */
enum systore_rc systore_delete(struct systore *s, const char *uuid);

#endif

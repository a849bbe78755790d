/* seed.h: deterministic pseudo-random data (names, IDs) and unpredictable secrets. */
#ifndef TENANTRY_SANDBOX_SEED_H
#define TENANTRY_SANDBOX_SEED_H

#include <stddef.h>
#include <stdint.h>

/* A small, fast, seedable generator (xoshiro256**). */
struct rng {
    uint64_t s[4];
};

/* Seed r from seed and a stream number, so independent streams never overlap in practice. */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
/* The next 64 random bits. */
uint64_t rng_next(struct rng *r);
/* A uniform number in [0, n). */
uint64_t rng_below(struct rng *r, uint64_t n);
/* A uniform double in [0, 1). */
double rng_unit(struct rng *r);

/* Write a version-4 UUID (lowercase, 36 chars + NUL) drawn from r. */
void seed_uuid(struct rng *r, char out[37]);
/* Write n characters of [A-Za-z0-9] drawn from r, then a NUL. */
void seed_alnum(struct rng *r, char *out, size_t n);
/* Write n unpredictable characters of [A-Za-z0-9_-] (from the kernel), then a NUL. */
void seed_secret(char *out, size_t n);

/* A realistic company name for tenant i, e.g. "Blue Harbor Logistics" (static storage). */
void seed_tenant_name(struct rng *r, char *out, size_t size);
/* A realistic client name, e.g. "issuer-portal" (static storage). */
void seed_client_name(struct rng *r, char *out, size_t size);
/* The i-th hostile name (escape sequences, invalid UTF-8, ...), or NULL past the last. */
const char *seed_hostile_name(size_t i);

/* Fixed facts of environment i: name "au01", domain, region, deployment model. */
struct env_facts {
    char name[16];
    char domain[64];
    char auth_domain[80];
    const char *deployment_model;
    const char *region_id;
    const char *region_name;
    const char *region_display;
};
/* Describe environment i (any i: regions repeat with a higher number). */
void seed_environment(size_t i, struct env_facts *out);

#endif

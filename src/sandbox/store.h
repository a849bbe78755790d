/* store.h: the sandbox's in-memory environments, tenants and clients, rendered as the
 * Management API's JSON. Thread-safe: every call takes the store's lock. */
#ifndef TENANTRY_SANDBOX_STORE_H
#define TENANTRY_SANDBOX_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

struct store;

enum store_rc {
    STORE_OK,
    STORE_NOT_FOUND,      /* no such tenant or client */
    STORE_BAD_CURSOR,     /* a cursor this list did not hand out */
    STORE_NO_ENVIRONMENT, /* environmentId names no environment */
    STORE_TAKEN,          /* subdomain already used in that environment */
};

/* The documented client roles, as bits. */
enum store_role {
    ROLE_ADMIN = 1 << 0,
    ROLE_ISSUER = 1 << 1,
    ROLE_VERIFIER = 1 << 2,
    ROLE_DTS_PROVIDER = 1 << 3,
    ROLE_DTS_CONSUMER = 1 << 4,
    ROLE_AUDITOR = 1 << 5,
};

struct store_seed {
    unsigned environments;
    unsigned long tenants;
    unsigned clients; /* per tenant */
    uint64_t seed;
    bool hostile_names;
};

/* Build the seeded data set. */
struct store *store_new(const struct store_seed *seed);
/* Free everything. */
void store_free(struct store *s);

/* The role bit named name, or 0 when name is not a documented role. */
unsigned store_role_from_name(const char *name);

/* What a list page asks for: at most limit rows from cursor (NULL: the beginning); repeat
 * makes the page's nextCursor lead to the same page again (a fault). */
struct store_page_args {
    size_t limit;
    const char *cursor;
    bool repeat;
};
/* Lists: *out becomes {"data":[...], "nextCursor"?}. */
enum store_rc store_list_environments(struct store *s, const struct store_page_args *a,
                                      cJSON **out);
enum store_rc store_list_tenants(struct store *s, const struct store_page_args *a, cJSON **out);
enum store_rc store_list_clients(struct store *s, const char *tenant_id,
                                 const struct store_page_args *a, cJSON **out);

/* The tenant with this (lowercase) id. */
enum store_rc store_get_tenant(struct store *s, const char *id, cJSON **out);
/* Create a tenant and its first admin client; *out carries client{clientId,clientSecret}. */
enum store_rc store_create_tenant(struct store *s, const char *name, const char *label,
                                  const char *environment_id, cJSON **out);
/* Delete a tenant and its clients. */
enum store_rc store_delete_tenant(struct store *s, const char *id);

/* Create a client; *out carries its clientSecret. */
enum store_rc store_create_client(struct store *s, const char *tenant_id, const char *name,
                                  unsigned roles, cJSON **out);
/* Change a client's name (NULL keeps it) and roles (0 keeps them). */
enum store_rc store_update_client(struct store *s, const char *tenant_id, const char *client_id,
                                  const char *name, unsigned roles, cJSON **out);
/* Delete a client. */
enum store_rc store_delete_client(struct store *s, const char *tenant_id, const char *client_id);

#endif

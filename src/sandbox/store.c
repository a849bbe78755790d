/* store.c: the sandbox's in-memory environments, tenants and clients, rendered as the
 * Management API's JSON.
 *
 * Rows live in append-only arrays in creation order; a deleted row stays as a tombstone, so a
 * row's position never changes and a cursor can simply name the next position. A walk thus
 * returns each row once, even while rows are created (appended) or deleted between pages. */
#include "config.h"

#include "sandbox/store.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/rules.h"
#include "core/util.h"
#include "sandbox/imap.h"
#include "sandbox/seed.h"

#define CLIENT_ID_LEN 32
#define SECRET_LEN 64

struct environment {
    char id[37];
    struct env_facts facts;
};

struct client {
    char id[CLIENT_ID_LEN + 1];
    bool deleted;
    unsigned char roles;
    char *name;
};

struct client_list {
    struct client *v;
    size_t n, cap;
};

struct tenant {
    char id[37];
    bool deleted;
    bool clients_ready; /* seeded clients are made on first use */
    uint32_t env;
    char *name;
    char *label; /* the subdomain label; the host name is label.vii.domain */
    struct client_list *clients;
};

/* A bump allocator for row strings: a million tenants in a few large blocks. */
struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    char data[];
};

struct store {
    pthread_mutex_t lock;
    struct store_seed seed;
    struct rng rng; /* IDs of rows created through the API */
    struct environment *envs;
    size_t nenvs;
    struct tenant *tenants;
    size_t ntenants, captenants;
    struct imap by_id;    /* tenant id -> row */
    struct imap by_label; /* (environment, label) -> row */
    struct arena_block *arena;
};

/* The permissions of each of core's rules_roles, in its order. */
static const char *const role_permissions[RULES_NROLES][3] = {
    {"tenant:manage", "clients:manage", NULL},
    {"credentials:issue", "offers:create", NULL},
    {"presentations:verify", NULL, NULL},
    {"dts:provide", NULL, NULL},
    {"dts:consume", NULL, NULL},
    {"audit:read", NULL, NULL},
};

/* ------------------------------------------------------------------ strings */

static char *arena_strdup(struct store *s, const char *str)
{
    size_t n = strlen(str) + 1;
    struct arena_block *b = s->arena;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > (1u << 20) ? n : (1u << 20);
        b = xmalloc(sizeof(*b) + cap);
        b->next = s->arena;
        b->used = 0;
        b->cap = cap;
        s->arena = b;
    }
    char *p = b->data + b->used;
    memcpy(p, str, n);
    b->used += n;
    return p;
}

/* ------------------------------------------------------------------ indexes */

static uint64_t label_hash(uint32_t env, const char *label)
{
    return imap_hash_more(imap_hash(&env, sizeof(env)), label, strlen(label));
}

struct label_key {
    uint32_t env;
    const char *label;
};

static bool label_eq(uint32_t row, const void *key, void *ctx)
{
    const struct store *s = ctx;
    const struct label_key *k = key;
    return s->tenants[row].env == k->env && strcmp(s->tenants[row].label, k->label) == 0;
}

static bool id_eq(uint32_t row, const void *key, void *ctx)
{
    const struct store *s = ctx;
    return strcmp(s->tenants[row].id, key) == 0;
}

static bool label_taken(struct store *s, uint32_t env, const char *label)
{
    struct label_key k = {env, label};
    return imap_find(&s->by_label, label_hash(env, label), label_eq, &k, s) != IMAP_NONE;
}

static struct tenant *find_tenant(struct store *s, const char *id)
{
    uint32_t row = imap_find(&s->by_id, imap_hash(id, strlen(id)), id_eq, id, s);
    return row == IMAP_NONE ? NULL : &s->tenants[row];
}

/* ------------------------------------------------------------------ seeding */

static struct tenant *append_tenant(struct store *s, const char *id, const char *name,
                                    const char *label, uint32_t env)
{
    if (s->ntenants == s->captenants) {
        s->captenants = s->captenants ? s->captenants * 2 : 1024;
        s->tenants = xreallocarray(s->tenants, s->captenants, sizeof(*s->tenants));
    }
    uint32_t row = (uint32_t)s->ntenants++;
    struct tenant *t = &s->tenants[row];
    memset(t, 0, sizeof(*t));
    memcpy(t->id, id, sizeof(t->id));
    t->name = arena_strdup(s, name);
    t->label = arena_strdup(s, label);
    t->env = env;
    imap_insert(&s->by_id, imap_hash(t->id, strlen(t->id)), row);
    imap_insert(&s->by_label, label_hash(env, t->label), row);
    return t;
}

/* Turn a company name into a subdomain label: "Blue Harbor Bank" -> "blue-harbor-bank". */
static void slugify(const char *name, char *out, size_t size)
{
    size_t o = 0;
    bool dash = false;
    for (const char *p = name; *p && o + 1 < size; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c) && c < 0x80) {
            if (dash && o > 0 && o + 2 < size)
                out[o++] = '-';
            out[o++] = (char)tolower(c);
            dash = false;
        } else {
            dash = true;
        }
    }
    out[o] = '\0';
}

static void seed_tenants(struct store *s)
{
    char name[128], label[96], base[64], id[37];
    for (unsigned long i = 0; i < s->seed.tenants; i++) {
        struct rng r;
        rng_seed(&r, s->seed.seed, 1000 + (uint64_t)i);
        seed_uuid(&r, id);
        uint32_t env = (uint32_t)rng_below(&r, s->nenvs);
        const char *hostile = s->seed.hostile_names ? seed_hostile_name(i) : NULL;
        if (hostile) {
            snprintf(name, sizeof(name), "%s", hostile);
            snprintf(base, sizeof(base), "hostile-%lu", i);
        } else {
            seed_tenant_name(&r, name, sizeof(name));
            slugify(name, base, 50);
        }
        /* Word-made labels hold no digits, so "-<row>" makes a taken one unique at once. */
        snprintf(label, sizeof(label), "%s", base);
        if (label_taken(s, env, label))
            snprintf(label, sizeof(label), "%s-%lu", base, i);
        append_tenant(s, id, hostile ? hostile : name, label, env);
    }
}

static struct client *append_client(struct store *s, struct tenant *t, const char *id,
                                    const char *name, unsigned roles)
{
    struct client_list *l = t->clients;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4;
        l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
    }
    struct client *c = &l->v[l->n++];
    memset(c, 0, sizeof(*c));
    snprintf(c->id, sizeof(c->id), "%s", id);
    c->name = arena_strdup(s, name);
    c->roles = (unsigned char)roles;
    return c;
}

/* Make a tenant's client list exist, with its seeded clients the first time. */
static struct client_list *clients_of(struct store *s, struct tenant *t)
{
    if (t->clients_ready)
        return t->clients;
    t->clients_ready = true;
    t->clients = xcalloc(1, sizeof(*t->clients));
    size_t row = (size_t)(t - s->tenants);
    struct rng r;
    rng_seed(&r, s->seed.seed, ((uint64_t)1 << 40) + row);
    char id[CLIENT_ID_LEN + 1], name[96];
    for (unsigned j = 0; j < s->seed.clients; j++) {
        seed_alnum(&r, id, CLIENT_ID_LEN);
        seed_client_name(&r, name, sizeof(name));
        unsigned roles = (unsigned)rng_below(&r, (1u << RULES_NROLES) - 1) + 1;
        const char *hostile = s->seed.hostile_names ? seed_hostile_name(row + j) : NULL;
        append_client(s, t, id, hostile ? hostile : name, roles);
    }
    return t->clients;
}

struct store *store_new(const struct store_seed *seed)
{
    struct store *s = xcalloc(1, sizeof(*s));
    pthread_mutex_init(&s->lock, NULL);
    s->seed = *seed;
    rng_seed(&s->rng, seed->seed, 7);
    s->nenvs = seed->environments ? seed->environments : 1;
    s->envs = xcalloc(s->nenvs, sizeof(*s->envs));
    struct rng r;
    rng_seed(&r, seed->seed, 1);
    for (size_t i = 0; i < s->nenvs; i++) {
        seed_uuid(&r, s->envs[i].id);
        seed_environment(i, &s->envs[i].facts);
    }
    seed_tenants(s);
    return s;
}

void store_free(struct store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->ntenants; i++) {
        if (s->tenants[i].clients) {
            free(s->tenants[i].clients->v);
            free(s->tenants[i].clients);
        }
    }
    free(s->tenants);
    free(s->envs);
    imap_free(&s->by_id);
    imap_free(&s->by_label);
    while (s->arena) {
        struct arena_block *next = s->arena->next;
        free(s->arena);
        s->arena = next;
    }
    pthread_mutex_destroy(&s->lock);
    free(s);
}

unsigned store_role_from_name(const char *name)
{
    for (size_t i = 0; i < RULES_NROLES; i++)
        if (strcmp(name, rules_roles[i]) == 0)
            return 1u << i;
    return 0;
}

/* ------------------------------------------------------------------ rendering */

static cJSON *environment_json(const struct environment *e)
{
    cJSON *o = json_new_object();
    json_add_string(o, "id", e->id);
    json_add_string(o, "name", e->facts.name);
    json_add_string(o, "domain", e->facts.domain);
    json_add_string(o, "authorizationServerDomain", e->facts.auth_domain);
    json_add_string(o, "deploymentModel", e->facts.deployment_model);
    cJSON *region = json_new_object();
    json_add_string(region, "id", e->facts.region_id);
    json_add_string(region, "name", e->facts.region_name);
    json_add_string(region, "displayName", e->facts.region_display);
    json_add(o, "region", region);
    return o;
}

static cJSON *tenant_json(const struct store *s, const struct tenant *t)
{
    const struct environment *e = &s->envs[t->env];
    cJSON *o = json_new_object();
    json_add_string(o, "id", t->id);
    json_add_string(o, "name", t->name);
    char *host = xasprintf("%s.vii.%s", t->label, e->facts.domain);
    json_add_string(o, "subdomain", host);
    free(host);
    json_add(o, "environment", environment_json(e));
    return o;
}

static cJSON *client_json(const struct client *c)
{
    cJSON *o = json_new_object();
    json_add_string(o, "clientId", c->id);
    json_add_string(o, "name", c->name);
    cJSON *roles = json_new_array(), *perms = json_new_array();
    for (size_t i = 0; i < RULES_NROLES; i++) {
        if (!(c->roles & (1u << i)))
            continue;
        json_append(roles, json_new_string(rules_roles[i]));
        for (size_t j = 0; j < 3 && role_permissions[i][j]; j++)
            json_append(perms, json_new_string(role_permissions[i][j]));
    }
    json_add(o, "roles", roles);
    json_add(o, "permissions", perms);
    return o;
}

/* ------------------------------------------------------------------ paging */

/* A cursor is base64url("K:N"): K names the list ("e", "t", or "c" and the tenant's row, so a
 * cursor of one tenant's clients is refused on another's), N the position to go on from. */
static cJSON *cursor_json(const char *kind, size_t next)
{
    char *raw = xasprintf("%s:%zu", kind, next);
    char *enc = util_base64url_encode(raw, strlen(raw));
    cJSON *item = json_new_string(enc);
    free(enc);
    free(raw);
    return item;
}

/* Decode cursor for list kind (which has n rows so far) into a start position. */
static bool cursor_start(const char *cursor, const char *kind, size_t n, size_t *start)
{
    size_t len, klen = strlen(kind);
    *start = 0;
    if (!cursor)
        return true;
    char *raw = util_base64url_decode(cursor, &len);
    long long pos;
    bool ok = raw && len > klen + 1 && strncmp(raw, kind, klen) == 0 && raw[klen] == ':' &&
              str_to_llong(raw + klen + 1, 0, (long long)n, &pos);
    free(raw);
    if (ok)
        *start = (size_t)pos;
    return ok;
}

typedef cJSON *(*row_fn)(const struct store *s, const void *rows, size_t i);

static cJSON *env_row(const struct store *s, const void *rows, size_t i)
{
    (void)s;
    return environment_json(&((const struct environment *)rows)[i]);
}

static cJSON *tenant_row(const struct store *s, const void *rows, size_t i)
{
    const struct tenant *t = &((const struct tenant *)rows)[i];
    return t->deleted ? NULL : tenant_json(s, t);
}

static cJSON *client_row(const struct store *s, const void *rows, size_t i)
{
    (void)s;
    const struct client *c = &((const struct client *)rows)[i];
    return c->deleted ? NULL : client_json(c);
}

/* A page of limit rows from the cursor's position; its nextCursor names the position after it,
 * or (repeat) the page's own start, so that following it serves the same page again. */
static enum store_rc list_page(const struct store *s, const char *kind, const void *rows, size_t n,
                               row_fn row, const struct store_page_args *a, cJSON **out)
{
    size_t i, limit = a->limit;
    if (!cursor_start(a->cursor, kind, n, &i))
        return STORE_BAD_CURSOR;
    size_t start = i;
    cJSON *page = json_new_object(), *data = json_new_array();
    json_add(page, "data", data);
    size_t taken = 0;
    for (; i < n && taken < limit; i++) {
        cJSON *item = row(s, rows, i); /* NULL for a deleted row */
        if (item) {
            json_append(data, item);
            taken++;
        }
    }
    if (taken)
        json_add(page, "nextCursor", cursor_json(kind, a->repeat ? start : i));
    *out = page;
    return STORE_OK;
}

enum store_rc store_list_environments(struct store *s, const struct store_page_args *a,
                                      cJSON **out)
{
    pthread_mutex_lock(&s->lock);
    enum store_rc rc = list_page(s, "e", s->envs, s->nenvs, env_row, a, out);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

enum store_rc store_list_tenants(struct store *s, const struct store_page_args *a, cJSON **out)
{
    pthread_mutex_lock(&s->lock);
    enum store_rc rc = list_page(s, "t", s->tenants, s->ntenants, tenant_row, a, out);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

enum store_rc store_list_clients(struct store *s, const char *tenant_id,
                                 const struct store_page_args *a, cJSON **out)
{
    enum store_rc rc = STORE_NOT_FOUND;
    pthread_mutex_lock(&s->lock);
    struct tenant *t = find_tenant(s, tenant_id);
    if (t) {
        struct client_list *l = clients_of(s, t);
        char kind[32];
        snprintf(kind, sizeof(kind), "c%zu", (size_t)(t - s->tenants));
        rc = list_page(s, kind, l->v, l->n, client_row, a, out);
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

/* ------------------------------------------------------------------ tenants */

enum store_rc store_get_tenant(struct store *s, const char *id, cJSON **out)
{
    pthread_mutex_lock(&s->lock);
    struct tenant *t = find_tenant(s, id);
    if (t)
        *out = tenant_json(s, t);
    pthread_mutex_unlock(&s->lock);
    return t ? STORE_OK : STORE_NOT_FOUND;
}

/* A new client's JSON with its secret, which the store never keeps. */
static cJSON *new_client_json(const struct client *c, bool full)
{
    char secret[SECRET_LEN + 1];
    seed_secret(secret, SECRET_LEN);
    cJSON *o = full ? client_json(c) : json_new_object();
    if (!full)
        json_add_string(o, "clientId", c->id);
    json_add_string(o, "clientSecret", secret);
    util_wipe(secret, sizeof(secret));
    return o;
}

static void new_client_id(struct store *s, struct tenant *t, char id[CLIENT_ID_LEN + 1])
{
    struct client_list *l = t->clients;
    bool clash;
    do {
        seed_alnum(&s->rng, id, CLIENT_ID_LEN);
        clash = false;
        for (size_t i = 0; i < l->n && !clash; i++)
            clash = strcmp(l->v[i].id, id) == 0;
    } while (clash);
}

enum store_rc store_create_tenant(struct store *s, const char *name, const char *label,
                                  const char *environment_id, cJSON **out)
{
    enum store_rc rc = STORE_NO_ENVIRONMENT;
    pthread_mutex_lock(&s->lock);
    uint32_t env;
    for (env = 0; env < s->nenvs; env++)
        if (strcmp(s->envs[env].id, environment_id) == 0)
            break;
    if (env == s->nenvs)
        goto out;
    rc = STORE_TAKEN;
    if (label_taken(s, env, label))
        goto out;
    char id[37];
    do
        seed_uuid(&s->rng, id);
    while (find_tenant(s, id));
    struct tenant *t = append_tenant(s, id, name, label, env);
    t->clients_ready = true;
    t->clients = xcalloc(1, sizeof(*t->clients));
    char cid[CLIENT_ID_LEN + 1];
    new_client_id(s, t, cid);
    struct client *admin = append_client(s, t, cid, "Tenant admin", ROLE_ADMIN);
    *out = tenant_json(s, t);
    json_add(*out, "client", new_client_json(admin, false));
    rc = STORE_OK;
out:
    pthread_mutex_unlock(&s->lock);
    return rc;
}

enum store_rc store_delete_tenant(struct store *s, const char *id)
{
    pthread_mutex_lock(&s->lock);
    struct tenant *t = find_tenant(s, id);
    if (t) {
        uint32_t row = (uint32_t)(t - s->tenants);
        imap_remove(&s->by_id, imap_hash(t->id, strlen(t->id)), row);
        imap_remove(&s->by_label, label_hash(t->env, t->label), row);
        t->deleted = true;
        if (t->clients) {
            free(t->clients->v);
            free(t->clients);
            t->clients = NULL;
        }
    }
    pthread_mutex_unlock(&s->lock);
    return t ? STORE_OK : STORE_NOT_FOUND;
}

/* ------------------------------------------------------------------ clients */

static struct client *find_client(struct store *s, struct tenant *t, const char *client_id)
{
    struct client_list *l = clients_of(s, t);
    for (size_t i = 0; i < l->n; i++)
        if (!l->v[i].deleted && strcmp(l->v[i].id, client_id) == 0)
            return &l->v[i];
    return NULL;
}

enum store_rc store_create_client(struct store *s, const char *tenant_id, const char *name,
                                  unsigned roles, cJSON **out)
{
    pthread_mutex_lock(&s->lock);
    struct tenant *t = find_tenant(s, tenant_id);
    if (t) {
        clients_of(s, t);
        char cid[CLIENT_ID_LEN + 1];
        new_client_id(s, t, cid);
        *out = new_client_json(append_client(s, t, cid, name, roles), true);
    }
    pthread_mutex_unlock(&s->lock);
    return t ? STORE_OK : STORE_NOT_FOUND;
}

enum store_rc store_update_client(struct store *s, const char *tenant_id, const char *client_id,
                                  const char *name, unsigned roles, cJSON **out)
{
    enum store_rc rc = STORE_NOT_FOUND;
    pthread_mutex_lock(&s->lock);
    struct tenant *t = find_tenant(s, tenant_id);
    struct client *c = t ? find_client(s, t, client_id) : NULL;
    if (c) {
        if (name)
            c->name = arena_strdup(s, name);
        if (roles)
            c->roles = (unsigned char)roles;
        *out = client_json(c);
        rc = STORE_OK;
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

enum store_rc store_delete_client(struct store *s, const char *tenant_id, const char *client_id)
{
    pthread_mutex_lock(&s->lock);
    struct tenant *t = find_tenant(s, tenant_id);
    struct client *c = t ? find_client(s, t, client_id) : NULL;
    if (c)
        c->deleted = true;
    pthread_mutex_unlock(&s->lock);
    return c ? STORE_OK : STORE_NOT_FOUND;
}

/* system.c: the /system/tenants API's routes. Handlers negotiate the format, check the request,
 * call the store and answer; protocol texts (API Platform's and Symfony's) are not translated.
 *
 * Checks come in API Platform's order: the format (406), the tenant (404), the body's type
 * (415), its syntax (400), its values (400 with violations), the version (409). */
#include "config.h"

#include "sandbox/system.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/json.h"
#include "core/util.h"
#include "sandbox/sysformat.h"

#define COLLECTION_PATH SYS_COLLECTION_PATH
#define CONTEXT SYS_CONTEXT
#define LIMIT_DEFAULT 10
#define LIMIT_MAX 1000
#define LIMIT_RENAMED_MAX 100 /* maximum_items_per_page where the parameters are renamed */

static const struct sandbox_opts *opts;
static struct systore *store;

void system_init(const struct sandbox_opts *o, struct systore *s)
{
    opts = o;
    store = s;
}


/* ------------------------------------------------------------------ checks */

/* Copy a UUID lowercased. */
static void uuid_lower(const char *s, char out[37])
{
    for (size_t i = 0; i < 37; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
}

static void not_found(struct reply *rep)
{
    reply_problem(rep, 404, "Not Found");
}

/* The tenant uuid of the path, lowercased into out; false with a 404 when it is none (an
 * identifier that is not a UUID finds no tenant). */
static bool path_uuid(const struct request *req, struct reply *rep, char out[37])
{
    if (!util_is_uuid(req->args[0])) {
        not_found(rep);
        return false;
    }
    uuid_lower(req->args[0], out);
    return true;
}

/* Is the body application/json (parameters such as charset aside)? Else answer 415. */
static bool body_is_json(const struct request *req, struct reply *rep)
{
    const char *type = request_header(req, "Content-Type");
    if (!type) {
        reply_problem(rep, 415, "The \"Content-Type\" header must exist.");
        return false;
    }
    size_t n = strcspn(type, ";");
    while (n && (type[n - 1] == ' ' || type[n - 1] == '\t'))
        n--;
    if (n == 16 && strncasecmp(type, "application/json", 16) == 0)
        return true;
    char *msg = xasprintf("The content-type \"%.*s\" is not supported. Supported MIME types are "
                          "\"application/json\".",
                          (int)n, type);
    reply_problem(rep, 415, msg);
    free(msg);
    return false;
}

/* The body as a JSON object; NULL with a 400 answer otherwise. */
static cJSON *body_object(const struct request *req, struct reply *rep)
{
    cJSON *in = json_parse(req->body, req->body_len);
    if (!in) {
        reply_problem(rep, 400, "Syntax error: the request body is not valid JSON.");
        return NULL;
    }
    if (!cJSON_IsObject(in)) {
        cJSON_Delete(in);
        reply_problem(rep, 400, "The input data is misformatted: the body must be a JSON object.");
        return NULL;
    }
    return in;
}

/* Add a violation for each member of in that is not a property of a tenant. The read-only
 * ones (id, createdAt, updatedAt) are ignored, as API Platform ignores them. */
static void unknown_members(const cJSON *in, cJSON *violations)
{
    static const char *const known[] = {"uuid", "data", "version", "id", "createdAt",
                                        "updatedAt"};
    const cJSON *m;
    cJSON_ArrayForEach(m, in)
    {
        bool ok = false;
        for (size_t i = 0; i < ARRAY_SIZE(known) && !ok; i++)
            ok = strcmp(m->string, known[i]) == 0;
        if (!ok)
            json_append(violations, violation_new(m->string, "This field was not expected."));
    }
}

/* The uuid member: absent or null leaves out empty; a UUID string is lowercased into out;
 * anything else adds a violation. */
static void uuid_member(const cJSON *in, char out[37], cJSON *violations)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(in, "uuid");
    out[0] = '\0';
    if (!m || cJSON_IsNull(m))
        return;
    if (!cJSON_IsString(m))
        json_append(violations, violation_new("uuid", "This value should be of type string."));
    else if (!util_is_uuid(m->valuestring))
        json_append(violations, violation_new("uuid", "This is not a valid UUID."));
    else
        uuid_lower(m->valuestring, out);
}

/* The data member as JSON text (new string): an object; absent is NULL, and a violation when
 * required; null or another type add a violation. */
static char *data_member(const cJSON *in, bool required, cJSON *violations)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(in, "data");
    if (!m && !required)
        return NULL;
    if (!m || cJSON_IsNull(m)) {
        json_append(violations, violation_new("data", "This value should not be blank."));
        return NULL;
    }
    if (!cJSON_IsObject(m)) {
        json_append(violations, violation_new("data", "This value should be of type object."));
        return NULL;
    }
    return json_print(m);
}

/* Is d a whole number? (Every double beyond 2^53 is.) */
static bool is_whole(double d)
{
    if (d != d)
        return false;
    if (d <= -9007199254740992.0 || d >= 9007199254740992.0)
        return true;
    return d == (double)(long long)d;
}

/* The required version member: an integer from 1 to SYSTORE_VERSION_MAX into *out; false with
 * a violation otherwise. */
static bool version_member(const cJSON *in, long long *out, cJSON *violations)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(in, "version");
    const char *problem = NULL;
    if (!m || cJSON_IsNull(m))
        problem = "This value should not be blank.";
    else if (!cJSON_IsNumber(m) || !is_whole(m->valuedouble))
        problem = "This value should be of type integer.";
    else if (!(m->valuedouble >= 1.0 && m->valuedouble <= (double)SYSTORE_VERSION_MAX))
        problem = "This value should be between 1 and 2147483647.";
    if (problem) {
        json_append(violations, violation_new("version", problem));
        return false;
    }
    *out = (long long)m->valuedouble;
    return true;
}

/* Answer 400 with the violations when there are any (true then); else free them. */
static bool reject_violations(struct reply *rep, cJSON *violations)
{
    if (cJSON_GetArraySize(violations) == 0) {
        cJSON_Delete(violations);
        return false;
    }
    reply_violations(rep, violations);
    return true;
}

/* The _SUCCESS event of a create or update names the tenant and the version it wrote. */
static void note_written(struct reply *rep, const struct systenant *t)
{
    rep->event_id = xstrdup(t->uuid);
    rep->event_extra = xasprintf("version=%lld", t->version);
}

/* ------------------------------------------------------------------ list query */

/* What a list request asks for, read from its query. */
struct list_query {
    struct sysfilter f;
    long long *ids;
    size_t nids, capids;
    char (*uuids)[37];
    size_t nuuids, capuuids;
    const char *page; /* the last value of each paging parameter, or NULL */
    const char *limit;
    cJSON *violations;
};

/* API Platform's date filters (before and after are inclusive; strictly_ ones move the bound
 * by a microsecond): the key, the bound it sets in struct sysfilter, and how. */
static const struct date_filter {
    const char *key;
    size_t bound; /* offset of the int64_t bound */
    bool upper;   /* an upper bound (before), else a lower one (after) */
    int64_t shift;
} date_filters[] = {
    {"createdAt[before]", offsetof(struct sysfilter, created_max), true, 0},
    {"createdAt[strictly_before]", offsetof(struct sysfilter, created_max), true, -1},
    {"createdAt[after]", offsetof(struct sysfilter, created_min), false, 0},
    {"createdAt[strictly_after]", offsetof(struct sysfilter, created_min), false, 1},
    {"updatedAt[before]", offsetof(struct sysfilter, updated_max), true, 0},
    {"updatedAt[strictly_before]", offsetof(struct sysfilter, updated_max), true, -1},
    {"updatedAt[after]", offsetof(struct sysfilter, updated_min), false, 0},
    {"updatedAt[strictly_after]", offsetof(struct sysfilter, updated_min), false, 1},
};

/* Is key name, or name[] / name[N] (PHP's array forms)? */
static bool is_array_key(const char *key, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(key, name, n) != 0)
        return false;
    if (key[n] == '\0')
        return true;
    if (key[n] != '[')
        return false;
    size_t digits = strspn(key + n + 1, "0123456789");
    return key[n + 1 + digits] == ']' && key[n + 2 + digits] == '\0';
}

/* Does key belong to a filter (a known one or a misspelt form of one)? */
static bool is_filter_key(const char *key)
{
    return strncmp(key, "id[", 3) == 0 || strncmp(key, "uuid[", 5) == 0 ||
           strncmp(key, "createdAt", 9) == 0 || strncmp(key, "updatedAt", 9) == 0;
}

static void add_id(struct list_query *q, long long id)
{
    if (q->nids == q->capids) {
        q->capids = q->capids ? q->capids * 2 : 8;
        q->ids = xreallocarray(q->ids, q->capids, sizeof(*q->ids));
    }
    q->ids[q->nids++] = id;
}

static void add_uuid(struct list_query *q, const char *uuid)
{
    if (q->nuuids == q->capuuids) {
        q->capuuids = q->capuuids ? q->capuuids * 2 : 8;
        q->uuids = xreallocarray(q->uuids, q->capuuids, sizeof(*q->uuids));
    }
    uuid_lower(uuid, q->uuids[q->nuuids++]);
}

/* Take one date filter's value into the filter (bounds given twice both hold). */
static void read_date_filter(struct list_query *q, const struct date_filter *df,
                             const char *value)
{
    int64_t us, *bound = (int64_t *)((char *)&q->f + df->bound);
    if (!util_parse_iso8601(value, &us)) {
        json_append(q->violations, violation_new(df->key, "This value is not a valid date."));
        return;
    }
    us += df->shift;
    if (df->upper)
        *bound = us < *bound ? us : *bound;
    else
        *bound = us > *bound ? us : *bound;
}

/* Read one query argument of a list request (a query_fn). */
static void read_list_arg(const char *key, const char *value, void *ctx)
{
    struct list_query *q = ctx;
    long long id;
    if (strcmp(key, opts->page_param) == 0) {
        q->page = value;
    } else if (strcmp(key, opts->limit_param) == 0) {
        q->limit = value;
    } else if (opts->ignore_filters) {
        return; /* --ignore-filters: as API Platform ignores a filter it does not know */
    } else if (is_array_key(key, "id")) {
        q->f.by_id = true;
        if (str_to_llong(value, LLONG_MIN, LLONG_MAX, &id))
            add_id(q, id);
        else
            json_append(q->violations, violation_new(key, "This value should be an integer."));
    } else if (is_array_key(key, "uuid")) {
        q->f.by_uuid = true;
        if (util_is_uuid(value))
            add_uuid(q, value);
        else
            json_append(q->violations, violation_new(key, "This is not a valid UUID."));
    } else if (is_filter_key(key)) {
        for (size_t i = 0; i < ARRAY_SIZE(date_filters); i++) {
            if (strcmp(key, date_filters[i].key) == 0) {
                read_date_filter(q, &date_filters[i], value);
                return;
            }
        }
        json_append(q->violations, violation_new(key, "This filter is not supported."));
    }
    /* Anything else is not ours: ignored, as API Platform ignores it. */
}

static int cmp_id(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Read page and limit (defaults when absent), adding a violation for a bad one. With renamed
 * parameters a limit above 100 is cut to 100. */
static void paging(struct list_query *q, long long *page, long long *limit)
{
    bool renamed = strcmp(opts->page_param, "page") != 0 ||
                   strcmp(opts->limit_param, "limit") != 0;
    *page = 1;
    *limit = LIMIT_DEFAULT;
    if (q->page && !str_to_llong(q->page, 1, LLONG_MAX, page)) {
        json_append(q->violations,
                    violation_new(opts->page_param, "This value should be a whole number of at "
                                                    "least 1."));
    }
    if (q->limit && !str_to_llong(q->limit, 1, renamed ? LLONG_MAX : LIMIT_MAX, limit)) {
        json_append(q->violations,
                    violation_new(opts->limit_param,
                                  renamed ? "This value should be a whole number of at least 1."
                                          : "This value should be a whole number from 1 to "
                                            "1000."));
    }
    if (renamed && *limit > LIMIT_RENAMED_MAX)
        *limit = LIMIT_RENAMED_MAX;
    if (opts->page_cap && *limit > (long long)opts->page_cap)
        *limit = (long long)opts->page_cap;
}

/* ------------------------------------------------------------------ hydra:view */

/* Append s %-encoded as RFC 3986 asks (what PHP's http_build_query does with RFC3986). */
static void add_encoded(struct strbuf *sb, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (isalnum(*p) || strchr("-._~", *p))
            sb_addc(sb, (char)*p);
        else
            sb_addf(sb, "%%%02X", *p);
    }
}

/* Append one query argument other than the page to the links' query (a query_fn). */
static void add_link_arg(const char *key, const char *value, void *ctx)
{
    struct strbuf *sb = ctx;
    if (strcmp(key, opts->page_param) == 0)
        return;
    if (sb->len)
        sb_addc(sb, '&');
    add_encoded(sb, key);
    sb_addc(sb, '=');
    add_encoded(sb, value);
}

/* The IRI of page k of the list with the query args (all but the page). */
static char *page_iri(const char *args, long long k)
{
    return xasprintf(COLLECTION_PATH "?%s%s%s=%lld", args, *args ? "&" : "", opts->page_param,
                     k);
}

static void add_page_link(cJSON *view, const char *key, const char *args, long long k)
{
    char *iri = page_iri(args, k);
    json_add_string(view, key, iri);
    free(iri);
}

/* The hydra:view of page k of last, or NULL when everything fits on the first page. With
 * req->repeat_cursor (a fault), hydra:next leads to page k again. */
static cJSON *view_json(const struct request *req, struct reply *rep, long long k,
                        long long last)
{
    if (last <= 1 && k == 1)
        return NULL;
    struct strbuf args = SB_INIT;
    request_query_each(req, add_link_arg, &args);
    cJSON *view = json_new_object();
    add_page_link(view, "@id", sb_str(&args), k);
    json_add_string(view, "@type", "hydra:PartialCollectionView");
    add_page_link(view, "hydra:first", sb_str(&args), 1);
    add_page_link(view, "hydra:last", sb_str(&args), last);
    if (k > 1)
        add_page_link(view, "hydra:previous", sb_str(&args), k - 1);
    if (k < last)
        add_page_link(view, "hydra:next", sb_str(&args), req->repeat_cursor ? k : k + 1);
    rep->cursor_repeated = req->repeat_cursor && k < last;
    sb_free(&args);
    return view;
}

/* ------------------------------------------------------------------ routes */

static void list_free(struct list_query *q)
{
    free(q->ids);
    free(q->uuids);
    cJSON_Delete(q->violations);
}

static void tenants_list(const struct request *req, struct reply *rep)
{
    enum format f = sysformat_request(opts, req, rep);
    if (f == FORMAT_NONE)
        return;
    struct list_query q = {.violations = json_new_array()};
    long long page, limit;
    sysfilter_init(&q.f);
    request_query_each(req, read_list_arg, &q);
    paging(&q, &page, &limit);
    if (cJSON_GetArraySize(q.violations) > 0) {
        reply_violations(rep, q.violations);
        q.violations = NULL;
        list_free(&q);
        return;
    }
    if (q.nids) /* q.ids is NULL when no id came */
        qsort(q.ids, q.nids, sizeof(*q.ids), cmp_id);
    size_t k = 0;
    for (size_t i = 0; i < q.nids; i++)
        if (k == 0 || q.ids[k - 1] != q.ids[i])
            q.ids[k++] = q.ids[i];
    q.f.ids = q.ids;
    q.f.nids = k;
    q.f.uuids = (const char(*)[37])q.uuids;
    q.f.nuuids = q.nuuids;

    uint64_t before = (uint64_t)(page - 1);
    uint64_t offset = before > UINT64_MAX / (uint64_t)limit ? UINT64_MAX
                                                             : before * (uint64_t)limit;
    struct systenant *rows;
    size_t n;
    size_t total = systore_list(store, &q.f, offset, (size_t)limit, &rows, &n);
    cJSON *members = json_new_array();
    for (size_t i = 0; i < n; i++)
        json_append(members, sysformat_item(opts, &rows[i], f == FORMAT_JSONLD ? ITEM_LD_MEMBER : ITEM_PLAIN));
    systenant_free_all(rows, n);
    if (f == FORMAT_JSON) {
        sysformat_reply(rep, 200, members, f);
    } else {
        long long last = total ? (long long)((total + (size_t)limit - 1) / (size_t)limit) : 1;
        cJSON *body = json_new_object();
        json_add_string(body, "@context", CONTEXT);
        json_add_string(body, "@id", COLLECTION_PATH);
        json_add_string(body, "@type", "hydra:Collection");
        json_add(body, "hydra:member", members);
        cJSON_AddNumberToObject(body, "hydra:totalItems", (double)total);
        cJSON *view = view_json(req, rep, page, last);
        if (view)
            json_add(body, "hydra:view", view);
        sysformat_reply(rep, 200, body, f);
    }
    list_free(&q);
}

static void tenant_create(const struct request *req, struct reply *rep)
{
    enum format f = sysformat_request(opts, req, rep);
    if (f == FORMAT_NONE || !body_is_json(req, rep))
        return;
    cJSON *in = body_object(req, rep);
    if (!in)
        return;
    cJSON *violations = json_new_array();
    char uuid[37];
    long long version = 0;
    unknown_members(in, violations);
    uuid_member(in, uuid, violations);
    char *data = data_member(in, true, violations);
    version_member(in, &version, violations);
    cJSON_Delete(in);
    if (reject_violations(rep, violations)) {
        free(data);
        return;
    }
    struct systenant t;
    if (systore_create(store, uuid[0] ? uuid : NULL, data, version, &t) != SYSTORE_OK) {
        violations = json_new_array();
        json_append(violations, violation_new("uuid", "This value is already used."));
        reply_violations(rep, violations);
    } else {
        note_written(rep, &t);
        sysformat_reply_item(opts, rep, (unsigned)opts->post_status, &t, f);
        systenant_clear(&t);
    }
    free(data);
}

static void tenant_get(const struct request *req, struct reply *rep)
{
    char uuid[37];
    struct systenant t;
    enum format f = sysformat_request(opts, req, rep);
    if (f == FORMAT_NONE || !path_uuid(req, rep, uuid))
        return;
    if (systore_get(store, uuid, &t) != SYSTORE_OK) {
        not_found(rep);
        return;
    }
    sysformat_reply_item(opts, rep, 200, &t, f);
    systenant_clear(&t);
}

/* Answer an update whose version is not the stored one: 409, or 500 with
 * --conflict-status 500 as older servers do. */
static void stale(struct reply *rep, long long sent, const struct systenant *stored)
{
    if (opts->conflict_status == 500) {
        reply_problem(rep, 500, "Internal Server Error");
        return;
    }
    char *msg = xasprintf("The version %lld is stale: the tenant is at version %lld.", sent,
                          stored->version);
    reply_problem(rep, 409, msg);
    free(msg);
}

static void tenant_update(const struct request *req, struct reply *rep)
{
    char uuid[37], sent_uuid[37];
    struct systenant t;
    enum format f = sysformat_request(opts, req, rep);
    if (f == FORMAT_NONE || !path_uuid(req, rep, uuid))
        return;
    if (systore_get(store, uuid, &t) != SYSTORE_OK) {
        not_found(rep);
        return;
    }
    systenant_clear(&t);
    if (!body_is_json(req, rep))
        return;
    cJSON *in = body_object(req, rep);
    if (!in)
        return;
    cJSON *violations = json_new_array();
    long long version = 0;
    unknown_members(in, violations);
    uuid_member(in, sent_uuid, violations);
    if (sent_uuid[0] && strcmp(sent_uuid, uuid) != 0) {
        char *msg = xasprintf("This value should be equal to \"%s\".", uuid);
        json_append(violations, violation_new("uuid", msg));
        free(msg);
    }
    char *data = data_member(in, false, violations);
    version_member(in, &version, violations);
    cJSON_Delete(in);
    if (reject_violations(rep, violations)) {
        free(data);
        return;
    }
    switch (systore_update(store, uuid, data, version, &t)) {
    case SYSTORE_OK:
        note_written(rep, &t);
        sysformat_reply_item(opts, rep, 200, &t, f);
        systenant_clear(&t);
        break;
    case SYSTORE_STALE:
        stale(rep, version, &t);
        systenant_clear(&t);
        break;
    case SYSTORE_EXHAUSTED:
        violations = json_new_array();
        json_append(violations, violation_new("version", "This value cannot grow any more."));
        reply_violations(rep, violations);
        break;
    default:
        not_found(rep); /* deleted meanwhile */
        break;
    }
    free(data);
}

static void tenant_delete(const struct request *req, struct reply *rep)
{
    char uuid[37];
    enum format f = sysformat_request(opts, req, rep);
    if (f == FORMAT_NONE || !path_uuid(req, rep, uuid))
        return;
    if (systore_delete(store, uuid) != SYSTORE_OK)
        not_found(rep);
    else
        reply_empty(rep, 204);
}

const struct route system_routes[] = {
    {"GET", COLLECTION_PATH, "SYSTEM_TENANT_RETRIEVE_LIST", AUTH_BASIC, true, tenants_list},
    {"POST", COLLECTION_PATH, "SYSTEM_TENANT_CREATE", AUTH_BASIC, true, tenant_create},
    {"GET", COLLECTION_PATH "/*", "SYSTEM_TENANT_RETRIEVE", AUTH_BASIC, true, tenant_get},
    {"PUT", COLLECTION_PATH "/*", "SYSTEM_TENANT_UPDATE", AUTH_BASIC, true, tenant_update},
    {"DELETE", COLLECTION_PATH "/*", "SYSTEM_TENANT_DELETE", AUTH_BASIC, true, tenant_delete},
};
const size_t system_nroutes = ARRAY_SIZE(system_routes);

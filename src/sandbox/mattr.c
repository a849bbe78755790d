/* mattr.c: the Management API's routes (token, environments, tenants, clients).
 * Handlers check the request, call the store and answer; protocol texts are not translated. */
#include "config.h"

#include "sandbox/mattr.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/json.h"
#include "core/rules.h"
#include "core/util.h"
#include "sandbox/hostile.h"
#include "sandbox/tokens.h"

#define LIMIT_DEFAULT 100
#define LIMIT_MAX 1000
#define NAME_MAX_LEN 255

static const struct sandbox_opts *opts;
static struct store *store;

void mattr_init(const struct sandbox_opts *o, struct store *s)
{
    opts = o;
    store = s;
}

/* ------------------------------------------------------------------ token */

static void token_denied(struct reply *rep)
{
    cJSON *body = json_new_object();
    json_add_string(body, "error", "access_denied");
    json_add_string(body, "error_description", "Unauthorized");
    reply_json(rep, 401, body);
}

/* The form body as a JSON object of strings (later keys win); NULL when an escape is
 * malformed or decodes to a NUL byte. */
static cJSON *form_to_json(const char *body, size_t len)
{
    cJSON *obj = json_new_object();
    const char *p = body, *end = body + len;
    struct strbuf k = SB_INIT, v = SB_INIT;
    bool ok = true;
    while (ok && p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        if (eq) {
            sb_reset(&k);
            sb_reset(&v);
            ok = util_percent_decode(p, (size_t)(eq - p), true, &k) &&
                 util_percent_decode(eq + 1, (size_t)(stop - eq - 1), true, &v);
            if (ok) {
                cJSON *old = cJSON_GetObjectItemCaseSensitive(obj, sb_str(&k));
                if (cJSON_IsString(old))
                    util_wipe(old->valuestring, strlen(old->valuestring));
                cJSON_DeleteItemFromObjectCaseSensitive(obj, sb_str(&k));
                json_add_string(obj, sb_str(&k), sb_str(&v));
            }
        }
        if (!amp)
            break;
        p = amp + 1;
    }
    sb_free(&k);
    sb_wipe(&v);
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

static bool field_is(const cJSON *obj, const char *key, const char *want)
{
    const char *v = json_get_string(obj, key);
    if (!v)
        return false;
    /* Compare without an early exit, so timing says nothing about the secret. */
    size_t a = strlen(v), b = strlen(want);
    unsigned char diff = a != b;
    for (size_t i = 0; i < a && i < b; i++)
        diff |= (unsigned char)(v[i] ^ want[i]);
    return diff == 0;
}

static void token_create(const struct request *req, struct reply *rep)
{
    const char *type = request_header(req, "Content-Type");
    cJSON *in;
    bool form = type && strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0;
    in = form ? form_to_json(req->body, req->body_len) : json_parse(req->body, req->body_len);
    if (!in) {
        cJSON *body = json_new_object();
        json_add_string(body, "error", "invalid_request");
        json_add_string(body, "error_description",
                        form ? "The form body is malformed or holds a NUL byte"
                             : "The request body is not valid JSON or holds a NUL character");
        reply_json(rep, 400, body);
        return;
    }
    bool ok = field_is(in, "client_id", opts->client_id) &&
              field_is(in, "client_secret", opts->client_secret) &&
              field_is(in, "audience", opts->audience) &&
              field_is(in, "grant_type", "client_credentials");
    /* The parsed tree holds the secret the client sent: wipe it before freeing. */
    cJSON *sent = cJSON_GetObjectItemCaseSensitive(in, "client_secret");
    if (cJSON_IsString(sent))
        util_wipe(sent->valuestring, strlen(sent->valuestring));
    cJSON_Delete(in);
    if (!ok) {
        token_denied(rep);
        return;
    }
    char *token = tokens_issue();
    cJSON *body = json_new_object();
    if (opts->token_suffix) { /* a hostile token server; the token no longer works here */
        char *bad = xasprintf("%s%s", token, opts->token_suffix);
        util_free_secret(token);
        token = bad;
    }
    size_t len = strlen(token);
    if (opts->token_bytes > 0 && (size_t)opts->token_bytes > len) { /* --token-bytes */
        char *padded = xmalloc((size_t)opts->token_bytes + 1);
        memcpy(padded, token, len);
        memset(padded + len, 'A', (size_t)opts->token_bytes - len);
        padded[opts->token_bytes] = '\0';
        util_free_secret(token);
        token = padded;
    }
    json_add_string(body, "access_token", token);
    cJSON_AddNumberToObject(body, "expires_in",
                            (double)(opts->expires_in_set ? opts->expires_in : opts->token_ttl));
    json_add_string(body, "token_type", "Bearer");
    util_free_secret(token);
    reply_json(rep, 200, body);
    rep->no_store = true;
}

/* ------------------------------------------------------------------ checks */

/* Read limit and cursor (a limit above --page-cap is cut to it, as servers that cap pages
 * do); false (with a 400 answer) when either is bad. */
static bool page_args(const struct request *req, struct reply *rep, struct store_page_args *a)
{
    const char *l = request_query(req, "limit");
    long long n = LIMIT_DEFAULT;
    if (l && !str_to_llong(l, 1, LIMIT_MAX, &n)) {
        reply_bad_param(rep, "query", "limit", "must be a whole number from 1 to 1000", l);
        return false;
    }
    a->limit = opts->page_cap && (size_t)n > opts->page_cap ? opts->page_cap : (size_t)n;
    a->cursor = hostile_cursor(opts, request_query(req, "cursor"));
    if (a->cursor && !*a->cursor)
        a->cursor = NULL; /* "cursor=" asks for the first page */
    a->repeat = req->repeat_cursor;
    return true;
}

/* Answer a list page, noting a repeated cursor for the event log. */
static void reply_page(const struct request *req, struct reply *rep, cJSON *page)
{
    rep->cursor_repeated = req->repeat_cursor && json_get_string(page, "nextCursor");
    reply_json(rep, 200, page);
}

static void bad_cursor(struct reply *rep, const char *cursor)
{
    reply_bad_param(rep, "query", "cursor", "is not a cursor of this list", cursor);
}

/* Check the tenantId path segment and lowercase it into out; false with a 400 answer. */
static bool tenant_id_arg(const char *arg, struct reply *rep, char out[37])
{
    if (!util_is_uuid(arg)) {
        reply_bad_param(rep, "path", "tenantId", "must be a UUID", arg);
        return false;
    }
    for (size_t i = 0; i < 37; i++)
        out[i] = (char)tolower((unsigned char)arg[i]);
    return true;
}

/* The body as a JSON object; NULL with a 400 answer otherwise. */
static cJSON *body_object(const struct request *req, struct reply *rep)
{
    cJSON *in = json_parse(req->body, req->body_len);
    if (!in) {
        reply_bad_param(rep, "body", "body", "must be valid JSON", NULL);
        return NULL;
    }
    if (!cJSON_IsObject(in)) {
        cJSON_Delete(in);
        reply_bad_param(rep, "body", "body", "must be a JSON object", NULL);
        return NULL;
    }
    return in;
}

/* A name member: absent (ok, *out NULL), or a string of 1..255 bytes. */
static bool name_field(const cJSON *in, bool required, const char **out, cJSON *details)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(in, "name");
    *out = NULL;
    if (!m || cJSON_IsNull(m)) {
        if (required)
            json_append(details, detail_new("body", "name", "is required", NULL));
        return !required;
    }
    size_t n = cJSON_IsString(m) ? strlen(m->valuestring) : 0;
    if (!cJSON_IsString(m) || n == 0 || n > NAME_MAX_LEN) {
        json_append(details, detail_new("body", "name", "must be a string of 1 to 255 bytes",
                                        NULL));
        return false;
    }
    *out = m->valuestring;
    return true;
}

/* A roles member: absent (ok, *roles 0 unless required), or a non-empty array of roles
 * (core's rules_roles). */
static bool roles_field(const cJSON *in, bool required, unsigned *roles, cJSON *details)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(in, "roles"), *e;
    *roles = 0;
    if (!m || cJSON_IsNull(m)) {
        if (required)
            json_append(details, detail_new("body", "roles", "is required", NULL));
        return !required;
    }
    if (!json_is_string_array(m) || cJSON_GetArraySize(m) == 0) {
        json_append(details, detail_new("body", "roles", "must be a non-empty array of roles",
                                        NULL));
        return false;
    }
    cJSON_ArrayForEach(e, m)
    {
        unsigned bit = store_role_from_name(e->valuestring);
        if (!bit) {
            struct strbuf known = SB_INIT;
            for (size_t i = 0; i < RULES_NROLES; i++)
                sb_addf(&known, "%s%s", i == 0 ? "must be " : i + 1 < RULES_NROLES ? ", " : " or ",
                        rules_roles[i]);
            json_append(details, detail_new("body", "roles", sb_str(&known), e->valuestring));
            sb_free(&known);
            return false;
        }
        *roles |= bit;
    }
    return true;
}

/* Answer 400 with details when it holds any entry; true when it did. */
static bool reject_details(struct reply *rep, cJSON *details)
{
    if (cJSON_GetArraySize(details) == 0) {
        cJSON_Delete(details);
        return false;
    }
    reply_error(rep, 400, "Validation Error", details);
    return true;
}

static void not_found(struct reply *rep, const char *what)
{
    reply_error(rep, 404, what, NULL);
}

/* ------------------------------------------------------------------ environments */

static void environments_list(const struct request *req, struct reply *rep)
{
    struct store_page_args a;
    cJSON *page;
    if (!page_args(req, rep, &a))
        return;
    if (store_list_environments(store, &a, &page) != STORE_OK)
        bad_cursor(rep, a.cursor);
    else
        reply_page(req, rep, page);
}

/* ------------------------------------------------------------------ tenants */

static void tenants_list(const struct request *req, struct reply *rep)
{
    struct store_page_args a;
    cJSON *page;
    if (!page_args(req, rep, &a))
        return;
    if (store_list_tenants(store, &a, &page) != STORE_OK)
        bad_cursor(rep, a.cursor);
    else
        reply_page(req, rep, page);
}

static void tenant_create(const struct request *req, struct reply *rep)
{
    cJSON *in = body_object(req, rep);
    if (!in)
        return;
    cJSON *details = json_new_array();
    const char *name;
    name_field(in, false, &name, details);
    const char *label = json_get_string(in, "subdomain");
    if (!cJSON_GetObjectItemCaseSensitive(in, "subdomain"))
        json_append(details, detail_new("body", "subdomain", "is required", NULL));
    else if (!label || !rules_label_ok(label))
        json_append(details,
                    detail_new("body", "subdomain",
                               "must be 1 to 63 of a-z, 0-9 and '-', not starting or ending "
                               "with '-'",
                               label));
    const char *env = json_get_string(in, "environmentId");
    if (!cJSON_GetObjectItemCaseSensitive(in, "environmentId"))
        json_append(details, detail_new("body", "environmentId", "is required", NULL));
    else if (!env || !util_is_uuid(env))
        json_append(details, detail_new("body", "environmentId", "must be a UUID", env));
    if (reject_details(rep, details)) {
        cJSON_Delete(in);
        return;
    }
    char env_lower[37];
    for (size_t i = 0; i < 37; i++)
        env_lower[i] = (char)tolower((unsigned char)env[i]);
    cJSON *out = NULL;
    switch (store_create_tenant(store, name ? name : label, label, env_lower, &out)) {
    case STORE_OK:
        rep->event_id = xstrdup(json_get_string(out, "id"));
        reply_json(rep, 201, out);
        break;
    case STORE_NO_ENVIRONMENT:
        reply_bad_param(rep, "body", "environmentId", "names no environment", env);
        break;
    case STORE_TAKEN:
        reply_bad_param(rep, "body", "subdomain", "is already used in this environment", label);
        break;
    default:
        reply_error(rep, 500, "Unexpected store result", NULL);
        break;
    }
    cJSON_Delete(in);
}

static void tenant_get(const struct request *req, struct reply *rep)
{
    char id[37];
    cJSON *out;
    if (!tenant_id_arg(req->args[0], rep, id))
        return;
    if (store_get_tenant(store, id, &out) != STORE_OK)
        not_found(rep, "Tenant not found");
    else
        reply_json(rep, 200, out);
}

static void tenant_delete(const struct request *req, struct reply *rep)
{
    char id[37];
    if (!tenant_id_arg(req->args[0], rep, id))
        return;
    if (store_delete_tenant(store, id) != STORE_OK)
        not_found(rep, "Tenant not found");
    else
        reply_empty(rep, 204);
}

/* ------------------------------------------------------------------ clients */

static void clients_list(const struct request *req, struct reply *rep)
{
    char id[37];
    struct store_page_args a;
    cJSON *page;
    if (!tenant_id_arg(req->args[0], rep, id) || !page_args(req, rep, &a))
        return;
    switch (store_list_clients(store, id, &a, &page)) {
    case STORE_OK:
        reply_page(req, rep, page);
        break;
    case STORE_BAD_CURSOR:
        bad_cursor(rep, a.cursor);
        break;
    default:
        not_found(rep, "Tenant not found");
        break;
    }
}

static void client_create(const struct request *req, struct reply *rep)
{
    char id[37];
    if (!tenant_id_arg(req->args[0], rep, id))
        return;
    cJSON *in = body_object(req, rep);
    if (!in)
        return;
    cJSON *details = json_new_array();
    const char *name;
    unsigned roles;
    name_field(in, true, &name, details);
    roles_field(in, true, &roles, details);
    cJSON *out = NULL;
    if (!reject_details(rep, details)) {
        if (store_create_client(store, id, name, roles, &out) != STORE_OK) {
            not_found(rep, "Tenant not found");
        } else {
            rep->event_id = xstrdup(json_get_string(out, "clientId"));
            reply_json(rep, 201, out);
        }
    }
    cJSON_Delete(in);
}

static void client_update(const struct request *req, struct reply *rep)
{
    char id[37];
    if (!tenant_id_arg(req->args[0], rep, id))
        return;
    cJSON *in = body_object(req, rep);
    if (!in)
        return;
    cJSON *details = json_new_array();
    const char *name;
    unsigned roles;
    name_field(in, false, &name, details);
    roles_field(in, false, &roles, details);
    cJSON *out = NULL;
    if (!reject_details(rep, details)) {
        if (store_update_client(store, id, req->args[1], name, roles, &out) != STORE_OK)
            not_found(rep, "Client not found");
        else
            reply_json(rep, 200, out);
    }
    cJSON_Delete(in);
}

static void client_delete(const struct request *req, struct reply *rep)
{
    char id[37];
    if (!tenant_id_arg(req->args[0], rep, id))
        return;
    if (store_delete_client(store, id, req->args[1]) != STORE_OK)
        not_found(rep, "Client not found");
    else
        reply_empty(rep, 204);
}

const struct route mattr_routes[] = {
    {"POST", "/oauth/token", "AUTH_TOKEN_CREATE", AUTH_NONE, false, token_create},
    {"GET", "/v1/environments", "ENVIRONMENT_RETRIEVE_LIST", AUTH_BEARER, true,
     environments_list},
    {"GET", "/v1/tenants", "TENANT_RETRIEVE_LIST", AUTH_BEARER, true, tenants_list},
    {"POST", "/v1/tenants", "TENANT_CREATE", AUTH_BEARER, true, tenant_create},
    {"GET", "/v1/tenants/*", "TENANT_RETRIEVE", AUTH_BEARER, true, tenant_get},
    {"DELETE", "/v1/tenants/*", "TENANT_DELETE", AUTH_BEARER, true, tenant_delete},
    {"GET", "/v1/tenants/*/clients", "TENANT_CLIENT_RETRIEVE_LIST", AUTH_BEARER, true,
     clients_list},
    {"POST", "/v1/tenants/*/clients", "TENANT_CLIENT_CREATE", AUTH_BEARER, true, client_create},
    {"PUT", "/v1/tenants/*/clients/*", "TENANT_CLIENT_UPDATE", AUTH_BEARER, true, client_update},
    {"DELETE", "/v1/tenants/*/clients/*", "TENANT_CLIENT_DELETE", AUTH_BEARER, true,
     client_delete},
};
const size_t mattr_nroutes = ARRAY_SIZE(mattr_routes);

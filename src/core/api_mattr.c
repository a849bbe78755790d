/* api_mattr.c: the MATTR VII Management API backend (environments, tenants, clients). */
#include "config.h"

#include "core/api_mattr.h"

#include <stdlib.h>
#include <string.h>

#include "core/auth.h"
#include "core/intl.h"
#include "core/phrase.h"
#include "core/json.h"
#include "core/log.h"

/* ------------------------------------------------------------------ kinds */

static const struct api_field environment_fields[] = {
    /* TRANSLATORS: NAME and the other words in capitals in these tables are column headings of
     * the lists (the console's panes and `list` output). Keep them short: a column is as wide as
     * its values. ID is also the placeholder of an ID in usage lines. */
    {"name", N_("NAME"), FIELD_TABLE},
    {"region.name", N_("REGION"), FIELD_TABLE},
    {"domain", N_("DOMAIN"), FIELD_TABLE},
    {"deploymentModel", N_("DEPLOYMENT"), FIELD_TABLE},
    {"id", N_("ID"), 0},
    {"authorizationServerDomain", N_("AUTH SERVER"), 0},
    {"region.id", N_("REGION ID"), 0},
    {"region.displayName", N_("REGION NAME"), 0},
};

static const struct api_kind_def environments = {
    .name = "environments",
    .singular = N_("environment"),
    .fields = environment_fields,
    .nfields = ARRAY_SIZE(environment_fields),
    .id_field = 4,
    .ops = API_OP_LIST,
};

static const struct api_field tenant_fields[] = {
    {"name", N_("NAME"), FIELD_TABLE},
    /* TRANSLATORS: a column heading (like NAME above); keep it short. */
    {"subdomain", N_("SUBDOMAIN"), FIELD_TABLE},
    {"environment.name", N_("ENVIRONMENT"), FIELD_TABLE},
    {"id", N_("ID"), FIELD_TABLE},
    {"environment.id", N_("ENVIRONMENT ID"), 0},
    {"environment.region.name", N_("REGION"), 0},
    {"permissions", N_("PERMISSIONS"), 0},
    {"client.clientId", N_("CLIENT ID"), 0},
    {"client.clientSecret", N_("CLIENT SECRET"), FIELD_SECRET},
};

static const struct api_input tenant_inputs[] = {
    {"name", "name", "NAME", N_("the tenant's display name (default: the subdomain)"), 0, NULL},
    {"subdomain", "subdomain", "LABEL",
     N_("the subdomain label: lower-case letters, digits and '-'"), INPUT_REQUIRED | INPUT_LABEL,
     NULL},
    {"environment", "environment", "ENV",
     N_("the environment to create it in: its ID or its name (e.g. au01)"), INPUT_REQUIRED,
     "environments"},
};

static const struct api_kind_def tenants = {
    .name = "tenants",
    .singular = N_("tenant"),
    .fields = tenant_fields,
    .nfields = ARRAY_SIZE(tenant_fields),
    .id_field = 3,
    .inputs = tenant_inputs,
    .ninputs = ARRAY_SIZE(tenant_inputs),
    .ops = API_OP_LIST | API_OP_GET | API_OP_CREATE | API_OP_DELETE,
};

static const struct api_field client_fields[] = {
    {"name", N_("NAME"), FIELD_TABLE},
    /* TRANSLATORS: a column heading (like NAME above); keep it short. */
    {"roles", N_("ROLES"), FIELD_TABLE},
    {"clientId", N_("CLIENT ID"), FIELD_TABLE},
    {"permissions", N_("PERMISSIONS"), 0},
    {"clientSecret", N_("CLIENT SECRET"), FIELD_SECRET},
};

static const struct api_input client_inputs[] = {
    {"name", "name", "NAME", N_("the client's name"), INPUT_REQUIRED | INPUT_UPDATE, NULL},
    {"roles", "role", "ROLE",
     N_("admin, issuer, verifier, dts-provider, dts-consumer or auditor; repeat for several"),
     INPUT_REQUIRED | INPUT_MULTI | INPUT_UPDATE, NULL},
};

static const struct api_kind_def clients = {
    .name = "clients",
    .singular = N_("client"),
    .fields = client_fields,
    .nfields = ARRAY_SIZE(client_fields),
    .id_field = 2,
    .parent = "tenants",
    .inputs = client_inputs,
    .ninputs = ARRAY_SIZE(client_inputs),
    .ops = API_OP_LIST | API_OP_CREATE | API_OP_UPDATE | API_OP_DELETE,
};

static const struct api_kind_def *const mattr_kinds[] = {&environments, &tenants, &clients};

/* ------------------------------------------------------------------ session */

struct api_impl {
    struct http_engine *engine;
    struct auth *auth;
    struct api_link link; /* the auth's copy of link.http points into it: auth goes first */
};

/* What a token request of p needs, but the transport settings (left zero). */
static struct auth_config auth_config_of(const struct profile *p)
{
    struct profile_secret ps = profile_secret_of(p);
    return (struct auth_config){
        .profile = p->name,
        .token_url = p->auth_url,
        .audience = p->audience,
        .client_id = p->client_id,
        .secret_inline = ps.inline_value,
        .secret_env = ps.env,
        .secret_command = ps.command,
        .secret_name = ps.name,
        .token_cache = !p->no_token_cache,
        .fresh_token = p->fresh_token,
    };
}

static bool mattr_credential_cached(const struct profile *p)
{
    struct auth_config ac = auth_config_of(p);
    return p->auth_url && p->client_id && p->audience && auth_token_cached(&ac);
}

static struct api_impl *mattr_open(struct http_engine *e, const struct profile *p,
                                   const char *secret, struct tn_error *err)
{
    struct api_impl *m = xcalloc(1, sizeof(*m));
    m->engine = e;
    if (!api_link_open(&m->link, p, err)) {
        free(m);
        return NULL;
    }
    if (!http_url_allowed(p->auth_url, err)) {
        err_prefix(err, _("profile \"%s\""), p->name);
        api_link_close(&m->link);
        free(m);
        return NULL;
    }
    struct auth_config ac = auth_config_of(p);
    ac.client_secret = secret;
    ac.http = m->link.http;
    m->auth = auth_new(e, &ac);
    return m;
}

static void mattr_close(struct api_impl *m)
{
    auth_free(m->auth);
    api_link_close(&m->link);
    free(m);
}

static int64_t mattr_token_expiry(const struct api_impl *m)
{
    return auth_token_expiry(m->auth);
}

static void mattr_cancel(struct api_impl *m, struct http_request *req)
{
    auth_cancel(m->auth, req);
}

/* ------------------------------------------------------------------ requests */

/* The URL of a kind's collection (or of one object when id is set). */
static char *object_url(const struct api_impl *m, const struct api_target *t, const char *id)
{
    struct strbuf sb = SB_INIT;
    sb_adds(&sb, m->link.base);
    if (t->kind == &clients) {
        sb_adds(&sb, "/v1/tenants/");
        api_add_escaped(&sb, t->parent ? t->parent : "");
        sb_adds(&sb, "/clients");
    } else {
        sb_addf(&sb, "/v1/%s", t->kind->name);
    }
    if (id) {
        sb_addc(&sb, '/');
        api_add_escaped(&sb, id);
    }
    return sb_steal(&sb);
}

static void on_done(struct http_request *req, void *ud);

/* A request ready for the API: JSON in and out. */
static struct http_request *request_new(struct api_impl *m, const char *method, const char *url)
{
    struct http_request *req = http_request_new(method, url, &m->link.http);
    http_request_header(req, "Accept: application/json", false);
    if (!strcmp(method, "GET")) /* a read answered with a body cut short is read again */
        http_request_set_body_check(req, json_looks_whole);
    return req;
}

/* Send req for call through the token layer. */
static struct http_request *send(struct api_impl *m, struct api_call *call,
                                 struct http_request *req)
{
    auth_submit(m->auth, req, on_done, call);
    return req;
}

/* Attach a JSON body (consumed). */
static void set_json_body(struct http_request *req, cJSON *body)
{
    char *text = json_print(body);
    http_request_body(req, text, strlen(text), "application/json", false);
    free(text);
    cJSON_Delete(body);
}

static struct http_request *mattr_list(struct api_impl *m, struct api_call *call,
                                       const struct api_target *t, const char *next, int limit)
{
    char *base = object_url(m, t, NULL);
    struct strbuf url = SB_INIT;
    sb_addf(&url, "%s?limit=%d", base, limit);
    if (next) {
        sb_adds(&url, "&cursor=");
        api_add_escaped(&url, next);
    }
    free(base);
    struct http_request *req = request_new(m, "GET", sb_str(&url));
    sb_free(&url);
    return send(m, call, req);
}

static struct http_request *mattr_get(struct api_impl *m, struct api_call *call,
                                      const struct api_target *t)
{
    char *url = object_url(m, t, t->id);
    struct http_request *req = request_new(m, "GET", url);
    free(url);
    return send(m, call, req);
}

static struct http_request *mattr_remove(struct api_impl *m, struct api_call *call,
                                         const struct api_target *t)
{
    char *url = object_url(m, t, t->id);
    struct http_request *req = request_new(m, "DELETE", url);
    free(url);
    return send(m, call, req);
}

/* The request body of a tenant create or a client create or update. */
static cJSON *input_body(const struct api_target *t, const struct api_values *in)
{
    cJSON *body = json_new_object();
    if (t->kind == &tenants) {
        if (api_values_get(in, "name", 0))
            json_add_string(body, "name", api_values_get(in, "name", 0));
        json_add_string(body, "subdomain", api_values_get(in, "subdomain", 0));
        json_add_string(body, "environmentId", api_values_get(in, "environment", 0));
        return body;
    }
    if (api_values_get(in, "name", 0))
        json_add_string(body, "name", api_values_get(in, "name", 0));
    size_t nroles = api_values_count(in, "roles");
    if (nroles) {
        cJSON *roles = json_new_array();
        for (size_t i = 0; i < nroles; i++)
            json_append(roles, json_new_string(api_values_get(in, "roles", i)));
        json_add(body, "roles", roles);
    }
    return body;
}

static struct http_request *mattr_create(struct api_impl *m, struct api_call *call,
                                         const struct api_target *t,
                                         const struct api_values *in, struct tn_error *err)
{
    (void)err; /* api_create checked the inputs */
    char *url = object_url(m, t, NULL);
    struct http_request *req = request_new(m, "POST", url);
    free(url);
    set_json_body(req, input_body(t, in));
    return send(m, call, req);
}

static struct http_request *mattr_update(struct api_impl *m, struct api_call *call,
                                         const struct api_target *t,
                                         const struct api_values *in, struct tn_error *err)
{
    (void)err; /* api_update checked the inputs */
    char *url = object_url(m, t, t->id);
    struct http_request *req = request_new(m, "PUT", url);
    free(url);
    set_json_body(req, input_body(t, in));
    return send(m, call, req);
}

/* ------------------------------------------------------------------ responses */

/* An error from a non-2xx response: {code, type?, message, details[]} or bare text. */
static void response_error(struct http_request *req, const struct api_kind_def *kind,
                           struct tn_error *err)
{
    long status = http_status(req);
    size_t len;
    const char *body = http_body(req, &len);
    cJSON *j = json_parse_answer(body, len);
    const char *code = j ? json_get_string(j, "code") : NULL;
    const char *message = j ? json_get_string(j, "message") : NULL;
    struct strbuf sb = SB_INIT;
    if (message)
        sb_adds(&sb, message);
    else
        api_add_bare_message(&sb, req, j);
    const cJSON *details = j ? json_get_array(j, "details") : NULL, *d;
    cJSON_ArrayForEach(d, details)
    {
        const char *param = json_get_string(d, "param");
        const char *msg = json_get_string(d, "msg");
        if (param && msg) {
            sb_addf(&sb, "; %s %s", param, msg);
            err_add_detail(err, param, msg);
        } else if (msg)
            sb_addf(&sb, "; %s", msg);
    }
    api_set_http_error(req, sb_str(&sb), err);
    free(err->api_code);
    err->api_code = code ? xstrdup(code) : NULL;
    sb_free(&sb);
    cJSON_Delete(j);
    switch (status) {
    case 401:
        err_hint(err, _("The API refused the token even after renewing it: check the "
                        "profile's audience and that its client may use this API."));
        break;
    case 403:
        err_hint(err, _("The profile's client lacks the permission for this operation."));
        break;
    case 404:
        if (kind->parent)
            /* TRANSLATORS: the two %s are command words (keep them): `tenantry tenants list`,
             * `tenantry clients list TENANT`. */
            err_hint(err,
                     _("No such tenant or client: check the IDs (`tenantry %s list`, "
                       "`tenantry %s list TENANT`)."),
                     kind->parent, kind->name);
        else
            err_hint(err,
                     phrase(kind, PH_NO_SUCH,
                            _("Not found: check the ID (`tenantry %s list` shows them).")),
                     kind->name);
        break;
    default:
        break;
    }
}

/* Set the page's next token from the server's cursor next (NULL when none) after n items. The
 * end: an empty data (as the document says) or no cursor. A short page is not the end: servers
 * cap pages below the limit asked for, and the cursor leads on. */
static void set_next(struct page *page, const char *next, int n)
{
    if (next && *next && n > 0)
        page->next = xstrdup(next);
}

/* Turn a list response into a page: {data: [...], nextCursor?}; parts the row parts
 * (API_ROW_*). */
static bool parse_page(const cJSON *j, const struct api_kind_def *kind, unsigned parts,
                       struct page *page, struct tn_error *err)
{
    const cJSON *data = json_get_array(j, "data"), *item;
    if (!data) {
        err_set(err, ST_NETWORK, _("the server's list has no \"data\" array"));
        return false;
    }
    cJSON_ArrayForEach(item, data)
    {
        if (cJSON_IsObject(item))
            model_page_add(page, parts & API_ROW_RAW ? model_row_from_json(kind, item, false)
                                                     : model_row_values(kind, item));
    }
    set_next(page, json_get_string(j, "nextCursor"), cJSON_GetArraySize(data));
    return true;
}

/* A list response of a call that wants raw rows only, made into a page straight from the
 * text (no tree): true when it is {data: [...], nextCursor?} as the document says; false, with
 * nothing done, for anything else (parse_page then says what is wrong). */
static bool page_from_text(struct http_request *req, const struct api_kind_def *kind,
                           struct page *page)
{
    static const char *const names[] = {"data", "nextCursor"};
    struct json_span found[ARRAY_SIZE(names)], item;
    size_t len, pos = 0;
    const char *body = http_body(req, &len);
    if (!json_scan_object(body, len, names, ARRAY_SIZE(names), found) || !found[0].p ||
        found[0].p[0] != '[')
        return false;
    int n = 0;
    while (json_scan_next(found[0], &pos, &item)) {
        n++;
        if (item.p[0] != '{')
            continue;
        struct row *row = model_row_raw(kind, item);
        if (!row) { /* it may hold a secret: take it out of the parsed object */
            cJSON *obj = json_parse(item.p, item.len);
            if (!obj) {
                model_page_clear(page);
                return false;
            }
            row = model_row_from_json(kind, obj, false);
            json_delete_wiped(obj);
        }
        model_page_add(page, row);
    }
    cJSON *next = found[1].p ? json_parse(found[1].p, found[1].len) : NULL;
    set_next(page, cJSON_IsString(next) ? next->valuestring : NULL, n);
    cJSON_Delete(next);
    return true;
}

bool api_mattr_parse(const struct api_kind_def *kind, enum api_op op, const char *body,
                     size_t len, int limit, struct page *page, struct row **row,
                     struct tn_error *err)
{
    cJSON *j = json_parse(body, len);
    bool ok = j != NULL;
    (void)limit;
    if (!j)
        err_set(err, ST_NETWORK, _("the server sent a response that is not JSON"));
    else if (op == API_OP_LIST)
        ok = parse_page(j, kind, API_ROW_VALUES | API_ROW_RAW, page, err); /* a short page: on */
    else if (cJSON_IsObject(j))
        *row = model_row_from_json(kind, j, true);
    else
        ok = false;
    json_delete_wiped(j);
    return ok;
}

/* Every finished request: interpret the status and the body for the call's operation. */
static void on_done(struct http_request *req, void *ud)
{
    struct api_call *call = ud;
    const struct api_kind_def *kind = api_call_kind(call);
    enum api_op op = api_call_op(call);
    struct tn_error err = {0};
    long status = http_status(req);
    struct page page = {0};
    struct row *row = NULL;

    if (http_error(req)->code != ST_OK) {
        err_copy(&err, http_error(req));
    } else if (op == API_OP_DELETE && status == 404 && http_maybe_repeated(req)) {
        log_printf("DELETE %s: 404 after a send that got no answer, so that one deleted it",
                   http_url(req));
    } else if (status < 200 || status > 299) {
        response_error(req, kind, &err);
    } else if (op == API_OP_LIST && api_call_parts(call) == API_ROW_RAW &&
               page_from_text(req, kind, &page)) {
        /* rows as the server wrote them */
    } else if (op != API_OP_DELETE) {
        cJSON *j = api_response_json(req, &err);
        if (j && op == API_OP_LIST)
            parse_page(j, kind, api_call_parts(call), &page, &err);
        else if (cJSON_IsObject(j))
            row = model_row_from_json(kind, j, true);
        else if (j)
            /* TRANSLATORS: the HTTP method (GET, POST...) and the URL of the request. */
            err_set(&err, ST_NETWORK, _("%s %s: the server sent an unexpected response"),
                    http_method(req), http_url(req));
        if (op == API_OP_CREATE && !row) /* created all the same: never "try again" */
            api_set_created_unread(call, req, &err);
        /* a create (and, per the document, an update) response holds a new secret */
        if (op == API_OP_CREATE || op == API_OP_UPDATE)
            json_delete_wiped(j);
        else
            cJSON_Delete(j);
    }
    if (op == API_OP_DELETE) /* a lost answer, then refusals: it may be gone all the same */
        api_set_maybe_done(req, &err);
    api_call_set_status(call, status);
    http_request_free(req);
    if (op == API_OP_DELETE)
        api_call_done(call, &err);
    else if (op == API_OP_LIST)
        api_call_page(call, &page, &err);
    else
        api_call_row(call, row, &err);
    err_clear(&err);
}

const struct api_backend mattr_backend = {
    .name = "mattr",
    .auth = API_AUTH_TOKEN,
    .kinds = mattr_kinds,
    .nkinds = ARRAY_SIZE(mattr_kinds),
    .open = mattr_open,
    .close = mattr_close,
    .credential_cached = mattr_credential_cached,
    .list = mattr_list,
    .get = mattr_get,
    .create = mattr_create,
    .update = mattr_update,
    .remove = mattr_remove,
    .cancel = mattr_cancel,
    .token_expiry = mattr_token_expiry,
};

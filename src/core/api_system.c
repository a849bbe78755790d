/* api_system.c: the /system/tenants API backend (DigitalState): Basic auth, page numbers as the
 * opaque next-page token, JSON-LD (hydra:Collection) or plain JSON lists, and optimistic
 * locking by version, where a conflict is a 409 or, on older servers, a 500 that a re-read
 * of the version tells apart. */
#include "config.h"

#include "core/api_system.h"
#include "core/api_system_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/auth.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/log.h"
#include "core/sysfilter.h"

/* ------------------------------------------------------------------ kinds */

static const struct api_field tenant_fields[] = {
    /* TRANSLATORS: a column heading of the system tenants list; also the placeholder of a UUID
     * in usage lines (e.g. "tenants get UUID"). Keep the capitals. */
    {"uuid", N_("UUID"), FIELD_TABLE},
    {"id", N_("ID"), FIELD_TABLE | FIELD_NUMBER},
    /* TRANSLATORS: a column heading (like UUID above); keep it short. */
    {"createdAt", N_("CREATED"), FIELD_TABLE | FIELD_DATE},
    {"updatedAt", N_("UPDATED"), FIELD_TABLE | FIELD_DATE},
    {"version", N_("VERSION"), FIELD_TABLE | FIELD_NUMBER},
    {"data", N_("DATA"), 0},
};

static const struct api_input tenant_inputs[] = {
    {"data", "data", "FILE",
     N_("JSON object file, or - for standard input"),
     INPUT_REQUIRED | INPUT_UPDATE | INPUT_FILE, NULL},
    {"uuid", "uuid", "UUID", N_("the new tenant's UUID (default: the server makes one)"),
     INPUT_UUID, NULL},
    {"version", "version", "N",
     N_("the version read (create: 1 unless given)"),
     INPUT_UPDATE | INPUT_UPDATE_REQUIRED | INPUT_INT, NULL},
};

static const struct api_input tenant_filters[] = {
    {"id", "id", "N", N_("only the tenant with this number; repeat for several"),
     INPUT_MULTI | INPUT_INT, NULL},
    {"uuid", "uuid", "UUID", N_("only the tenant with this UUID; repeat for several"),
     INPUT_MULTI | INPUT_UUID, NULL},
    {"created-before", "created-before", "DATE",
     N_("created at or before DATE (2024-01-01[T10:00:00Z])"), INPUT_DATE, NULL},
    {"created-after", "created-after", "DATE", N_("created at or after DATE"), INPUT_DATE, NULL},
    {"updated-before", "updated-before", "DATE", N_("updated at or before DATE"), INPUT_DATE,
     NULL},
    {"updated-after", "updated-after", "DATE", N_("updated at or after DATE"), INPUT_DATE, NULL},
};

/* The server's query parameter of each filter key (id and uuid take "[]" when repeated). */
static const struct {
    const char *key, *param;
} filter_params[] = {
    {"id", "id"},
    {"uuid", "uuid"},
    {"created-before", "createdAt[before]"},
    {"created-after", "createdAt[after]"},
    {"updated-before", "updatedAt[before]"},
    {"updated-after", "updatedAt[after]"},
};

const struct api_kind_def system_tenants = {
    .name = "tenants",
    .singular = N_("tenant"),
    .fields = tenant_fields,
    .nfields = ARRAY_SIZE(tenant_fields),
    .id_field = 0,
    .inputs = tenant_inputs,
    .ninputs = ARRAY_SIZE(tenant_inputs),
    .ops = API_OP_LIST | API_OP_GET | API_OP_CREATE | API_OP_UPDATE | API_OP_DELETE,
    .filters = tenant_filters,
    .nfilters = ARRAY_SIZE(tenant_filters),
    .version_field = "version",
    .doc_field = "data",
};

static const struct api_kind_def *const system_kinds[] = {&system_tenants};

/* ------------------------------------------------------------------ session */

static struct api_impl *system_open(struct http_engine *e, const struct profile *p,
                                    const char *secret, struct tn_error *err)
{
    struct api_impl *m = xcalloc(1, sizeof(*m));
    m->engine = e;
    if (!api_link_open(&m->link, p, err)) {
        free(m);
        return NULL;
    }
    m->auth_line = auth_basic_header(p->user ? p->user : "", secret);
    profile_page_params(p, m->page_param, m->limit_param);
    m->parallel = p->parallel_pages > 0 ? p->parallel_pages : PROFILE_DEFAULT_PARALLEL_PAGES;
    return m;
}

static void pending_free(struct pending *p)
{
    struct api_impl *m = p->impl;
    if (p->prev)
        p->prev->next = p->next;
    else
        m->pending = p->next;
    if (p->next)
        p->next->prev = p->prev;
    cJSON_Delete(p->data);
    sysfilter_free(p->filter);
    err_clear(&p->first);
    free(p);
}

/* Stop p's request (or free its held answer) and free p. */
static void pending_drop(struct pending *p)
{
    if (p->held)
        http_request_free(p->req);
    else
        http_cancel(p->impl->engine, p->req);
    pending_free(p);
}

/* Drop every page fetched ahead that no call asked for (its list ended, failed, was cancelled
 * or started again). */
static void ahead_drop(struct api_impl *m)
{
    for (struct pending *p = m->pending, *next; p; p = next) {
        next = p->next;
        if (!p->call)
            pending_drop(p);
    }
}

static void system_close(struct api_impl *m)
{
    while (m->pending)
        pending_drop(m->pending);
    util_free_secret(m->auth_line);
    api_link_close(&m->link);
    free(m);
}

static int64_t system_token_expiry(const struct api_impl *m)
{
    (void)m;
    return 0; /* Basic auth: no token */
}

static void system_cancel(struct api_impl *m, struct http_request *req)
{
    bool list = false;
    for (struct pending *p = m->pending; p; p = p->next) {
        if (p->req == req) {
            list = p->call && api_call_op(p->call) == API_OP_LIST;
            pending_free(p);
            break;
        }
    }
    http_cancel(m->engine, req);
    if (list) /* a load stopped: the pages fetched ahead for it go too */
        ahead_drop(m);
}

/* ------------------------------------------------------------------ requests */

static void on_done(struct http_request *req, void *ud);

/* The URL of the collection, or of one tenant when id is set. */
static void add_url(struct strbuf *sb, const struct api_impl *m, const char *id)
{
    sb_adds(sb, m->link.base);
    sb_adds(sb, "/system/tenants");
    if (id) {
        sb_addc(sb, '/');
        api_add_escaped(sb, id);
    }
}

/* A request to the API: JSON-LD asked for (plain JSON understood too), Basic auth. */
static struct http_request *request_new(struct api_impl *m, const char *method, const char *url)
{
    struct http_request *req = http_request_new(method, url, &m->link.http);
    http_request_header(req, "Accept: application/ld+json, application/json;q=0.9", false);
    http_request_header(req, m->auth_line, true);
    if (!strcmp(method, "GET")) /* a read answered with a body cut short is read again */
        http_request_set_body_check(req, json_looks_whole);
    return req;
}

/* Send method url for call, with body (consumed) when not NULL. */
static struct http_request *send(struct api_impl *m, struct api_call *call, const char *method,
                                 const char *url, cJSON *body, struct pending **out)
{
    struct http_request *req = request_new(m, method, url);
    if (body) {
        char *text = json_print(body);
        http_request_body(req, text, strlen(text), "application/json", false);
        free(text);
        cJSON_Delete(body);
    }
    if (!strcmp(method, "PUT"))
        http_request_set_retry(req, false); /* a version check: re-sent, it would conflict */
    struct pending *p = xcalloc(1, sizeof(*p));
    p->impl = m;
    p->call = call;
    p->req = req;
    p->next = m->pending;
    if (m->pending)
        m->pending->prev = p;
    m->pending = p;
    if (out)
        *out = p;
    http_submit(m->engine, req, on_done, p);
    return req;
}

/* A next-page token is the page number, "PAGE" or "PAGE:SIZE" where SIZE is how many rows
 * the first page of a plain (uncounted) list held when that was fewer than asked for: the
 * server may cap the page size, so the list ends only at a page shorter than that. The page
 * number (0 when the token holds none) and *size (0 when absent). */
static long long token_page(const char *next, long long *size)
{
    long long n;
    *size = 0;
    if (!next)
        return 1;
    const char *colon = strchr(next, ':');
    char *head = colon ? xstrndup(next, (size_t)(colon - next)) : xstrdup(next);
    bool ok = str_to_llong(head, 1, INT32_MAX, &n) &&
              (!colon || str_to_llong(colon + 1, 1, INT32_MAX, size));
    free(head);
    return ok ? n : 0;
}

/* A --cursor is a token a list gave: "PAGE" or "PAGE:SIZE", whole numbers from 1. */
static bool system_check_cursor(const char *next, struct tn_error *err)
{
    long long size;
    if (token_page(next, &size) > 0)
        return true;
    err_set(err, ST_USAGE, _("--cursor '%s' is not a page of this API"), next);
    err_hint(err, _("Give the cursor a list printed (\"Next page: --cursor N\"): a page number "
                    "from 1, or leave --cursor out to start at the first page."));
    return false;
}

/* Append "name=value" (both escaped) to a URL ending in '?' or holding parameters. */
static void add_param(struct strbuf *sb, const char *name, const char *value)
{
    if (sb_str(sb)[sb->len - 1] != '?')
        sb_addc(sb, '&');
    api_add_escaped(sb, name);
    sb_addc(sb, '=');
    api_add_escaped(sb, value);
}

/* The URL of page (a number, or a token that is none: the server then says what is wrong)
 * of the list with limit rows a page and the filters filter. */
static void list_url(struct strbuf *url, const struct api_impl *m,
                     const struct api_values *filter, const char *page, int limit)
{
    add_url(url, m, NULL);
    sb_addc(url, '?');
    add_param(url, m->page_param, page);
    char number[32];
    snprintf(number, sizeof(number), "%d", limit);
    add_param(url, m->limit_param, number);
    for (size_t f = 0; f < ARRAY_SIZE(filter_params); f++) {
        size_t n = api_values_count(filter, filter_params[f].key);
        for (size_t i = 0; i < n; i++) {
            char *name = xasprintf("%s%s", filter_params[f].param, n > 1 ? "[]" : "");
            add_param(url, name, api_values_get(filter, filter_params[f].key, i));
            free(name);
        }
    }
}

/* The page fetched ahead whose URL is url, or NULL. */
static struct pending *ahead_find(struct api_impl *m, const char *url)
{
    for (struct pending *p = m->pending; p; p = p->next)
        if (!p->call && !strcmp(http_url(p->req), url))
            return p;
    return NULL;
}

/* Once a page of a bulk load (p, answered with page) tells the total, fetch the pages after
 * it ahead, so that up to m->parallel of them are in flight; the calls that ask for them
 * later take them over, in order (system_list). Not when the links lead elsewhere than the
 * next page number: those are followed one by one. */
static void ahead_fill(const struct pending *p, const struct page *page, int limit)
{
    struct api_impl *m = p->impl;
    long long size, after = page->next ? token_page(page->next, &size) : 0;
    if (m->parallel < 2 || !p->ahead || !page->has_total || p->page < 1 ||
        after != p->page + 1 || size)
        return;
    long long per = page->n > 0 && page->n < (size_t)limit ? (long long)page->n : limit;
    long long last = ((long long)page->total + per - 1) / per;
    for (long long q = after; q < after + m->parallel && q <= last; q++) {
        char number[32];
        snprintf(number, sizeof(number), "%lld", q);
        struct strbuf url = SB_INIT;
        list_url(&url, m, p->filter, number, limit);
        if (!ahead_find(m, sb_str(&url))) {
            struct pending *a;
            send(m, NULL, "GET", sb_str(&url), NULL, &a);
            a->page = q;
            a->ahead = true;
            a->filter = sysfilter_copy(p->filter);
        }
        sb_free(&url);
    }
}

static struct http_request *system_list(struct api_impl *m, struct api_call *call,
                                        const struct api_target *t, const char *next, int limit)
{
    long long size;
    long long page = token_page(next, &size);
    char number[32];
    if (page > 0)
        snprintf(number, sizeof(number), "%lld", page);
    struct strbuf url = SB_INIT;
    list_url(&url, m, t->filter, page > 0 ? number : next, limit);
    if (!next)
        ahead_drop(m); /* a list from its start: what was fetched ahead is of another */
    struct pending *p = ahead_find(m, sb_str(&url));
    if (p) { /* fetched ahead: this call takes it over */
        p->call = call;
        p->ahead = t->bulk;
        if (p->held) { /* answered already: delivered from the next dispatch */
            p->held = false;
            http_deliver(m->engine, p->req, on_done, p);
        }
        sb_free(&url);
        return p->req;
    }
    struct http_request *req = send(m, call, "GET", sb_str(&url), NULL, &p);
    p->page = page;
    p->size = size;
    p->filter = sysfilter_copy(t->filter);
    p->ahead = t->bulk;
    sb_free(&url);
    return req;
}

static struct http_request *system_get(struct api_impl *m, struct api_call *call,
                                       const struct api_target *t)
{
    struct strbuf url = SB_INIT;
    add_url(&url, m, t->id);
    struct http_request *req = send(m, call, "GET", sb_str(&url), NULL, NULL);
    sb_free(&url);
    return req;
}

static struct http_request *system_remove(struct api_impl *m, struct api_call *call,
                                          const struct api_target *t)
{
    struct strbuf url = SB_INIT;
    add_url(&url, m, t->id);
    struct http_request *req = send(m, call, "DELETE", sb_str(&url), NULL, NULL);
    sb_free(&url);
    return req;
}

/* The data input parsed: a JSON object, or NULL with err set. */
static cJSON *parse_data(const char *text, struct tn_error *err)
{
    cJSON *data = json_parse(text, strlen(text));
    if (!cJSON_IsObject(data)) {
        cJSON_Delete(data);
        err_set(err, ST_USAGE, data ? _("--data must hold a JSON object ({...})")
                                    : _("--data does not hold valid JSON"));
        err_hint(err, _("The tenant's data is one JSON object, e.g. {\"name\": \"acme\"}."));
        return NULL;
    }
    return data;
}

/* The body of a create or update: uuid, data and version. */
static cJSON *input_body(const struct api_values *in, long long version, cJSON *data)
{
    cJSON *body = json_new_object();
    const char *uuid = api_values_get(in, "uuid", 0);
    if (uuid)
        json_add_string(body, "uuid", uuid);
    if (data)
        json_add(body, "data", data);
    json_add(body, "version", json_new_number((double)version));
    return body;
}

/* The version input as a number (api_check_input checked it), or dflt when absent. */
static long long input_version(const struct api_values *in, long long dflt)
{
    long long v;
    const char *s = api_values_get(in, "version", 0);
    return s && str_to_llong(s, 0, INT64_MAX, &v) ? v : dflt;
}

static struct http_request *system_create(struct api_impl *m, struct api_call *call,
                                          const struct api_target *t,
                                          const struct api_values *in, struct tn_error *err)
{
    const char *uuid = api_values_get(in, "uuid", 0);
    if (uuid && !*uuid) {
        err_set(err, ST_USAGE, _("--uuid is empty"));
        err_hint(err, _("Leave --uuid out and the server makes one."));
        return NULL;
    }
    cJSON *data = parse_data(api_values_get(in, "data", 0), err);
    if (!data)
        return NULL;
    struct strbuf url = SB_INIT;
    add_url(&url, m, NULL);
    (void)t;
    struct http_request *req =
        send(m, call, "POST", sb_str(&url), input_body(in, input_version(in, 1), data), NULL);
    sb_free(&url);
    return req;
}

static struct http_request *system_update(struct api_impl *m, struct api_call *call,
                                          const struct api_target *t,
                                          const struct api_values *in, struct tn_error *err)
{
    const char *text = api_values_get(in, "data", 0);
    cJSON *data = text ? parse_data(text, err) : NULL;
    if (text && !data)
        return NULL;
    struct strbuf url = SB_INIT;
    add_url(&url, m, t->id);
    long long version = input_version(in, 0);
    cJSON *sent = data ? cJSON_Duplicate(data, 1) : NULL;
    struct pending *p;
    struct http_request *req =
        send(m, call, "PUT", sb_str(&url), input_body(in, version, data), &p);
    p->version = version;
    p->data = sent;
    sb_free(&url);
    return req;
}

/* The version a tenant row holds, or -1. */
static long long row_version(const struct row *row)
{
    long long v;
    const char *s = model_row_get(row, "version");
    return s && str_to_llong(s, 0, INT64_MAX, &v) ? v : -1;
}

/* True when the row's data is the JSON object data. */
static bool row_data_is(const struct row *row, const cJSON *data)
{
    const char *text = model_row_get(row, "data");
    cJSON *have = text && *text ? json_parse(text, strlen(text)) : NULL;
    bool same = have && data && cJSON_Compare(have, data, true);
    cJSON_Delete(have);
    return same;
}

/* Deliver p's outcome and free it. */
static void finish(struct pending *p, struct page *page, struct row *row, struct tn_error *err)
{
    struct api_call *call = p->call;
    enum api_op op = api_call_op(call);
    pending_free(p);
    if (op == API_OP_DELETE)
        api_call_done(call, err);
    else if (op == API_OP_LIST)
        api_call_page(call, page, err);
    else
        api_call_row(call, row, err);
    err_clear(err);
}

/* An update's answer was a 409 or a 500, or none came: read the tenant again to tell what
 * happened (the version says whether someone else changed it, or whether ours was saved). */
static void reread(struct pending *p, struct http_request *req, struct tn_error *answer)
{
    struct api_impl *m = p->impl;
    p->rereading = true;
    err_move(&p->first, answer);
    char *url = xstrdup(http_url(req));
    http_request_free(req);
    log_printf("PUT %s: %ld; reading the tenant again to see whether it changed", url,
               p->first.http_status);
    p->req = request_new(m, "GET", url);
    free(url);
    api_call_set_request(p->call, p->req);
    http_submit(m->engine, p->req, on_done, p);
}

/* The re-read of a tenant after an update's doubtful answer. */
static void reread_done(struct pending *p, struct http_request *req)
{
    struct tn_error err = {0};
    struct row *row = NULL;
    long status = http_status(req);
    if (http_error(req)->code == ST_OK && status >= 200 && status <= 299) {
        cJSON *j = api_response_json(req, &err);
        if (cJSON_IsObject(j))
            row = system_read_row(j);
        cJSON_Delete(j);
        err_clear(&err);
    }
    long long now = row ? row_version(row) : -1;
    char *url = xstrdup(http_url(req));
    http_request_free(req);
    if (row && now == p->version + 1 && row_data_is(row, p->data)) {
        /* the tenant is one version on, with the data sent: the change was made (the answer
         * was lost, or the server failed after saving it) */
        log_printf("PUT %s: the tenant is at version %lld with the data sent: the change is "
                   "saved", url, now);
    } else if (p->first.http_status == 409 || (now >= 0 && now != p->version)) {
        err_move(&err, &p->first);
        if (now >= 0 && now != p->version)
            /* TRANSLATORS: %s is the tenant's URL; the two numbers are versions: the one the
             * change was based on, then the server's; keep "PUT" untranslated. */
            err_set(&err, ST_CONFLICT, _("PUT %s: the tenant changed since it was read: the "
                                         "change was based on version %lld, the server has "
                                         "version %lld"), url, p->version, now);
        else
            /* TRANSLATORS: %s is the tenant's URL, the number the version the change was based
             * on; keep "PUT" untranslated. */
            err_set(&err, ST_CONFLICT, _("PUT %s: the server refused the change as a "
                                         "conflict with version %lld"), url, p->version);
        err_hint(&err, _("Read it again and apply the change to the new version (`tenantry "
                         "tenants edit UUID` does both)."));
    } else {
        err_move(&err, &p->first); /* not a conflict: the first answer stands */
        model_row_free(row);
        row = NULL;
    }
    free(url);
    finish(p, NULL, row, &err);
}

/* Every finished request: interpret the status and the body for the call's operation. */
static void on_done(struct http_request *req, void *ud)
{
    struct pending *p = ud;
    if (!p->call) { /* fetched ahead: kept until a call asks for it */
        p->held = true;
        return;
    }
    if (p->rereading) {
        reread_done(p, req);
        return;
    }
    enum api_op op = api_call_op(p->call);
    struct tn_error err = {0};
    long status = http_status(req);
    struct page page = {0};
    struct row *row = NULL;
    api_call_set_status(p->call, status);

    if (http_error(req)->code != ST_OK) {
        err_copy(&err, http_error(req));
        if (op == API_OP_UPDATE) { /* it may have been saved before the answer was lost */
            reread(p, req, &err);
            return;
        }
    } else if (op == API_OP_DELETE && status == 404 && http_maybe_repeated(req)) {
        log_printf("DELETE %s: 404 after a send that got no answer, so that one deleted it",
                   http_url(req));
    } else if (status < 200 || status > 299) {
        system_read_error(req, &err);
        if (op == API_OP_UPDATE && (status == 409 || status == 500)) {
            reread(p, req, &err);
            return;
        }
    } else if (op != API_OP_DELETE) {
        cJSON *j = api_response_json(req, &err);
        if (j && op == API_OP_LIST) { /* a page that cannot be read is an error, not a row */
            if (system_read_page(j, p, api_call_limit(p->call), &page, &err))
                ahead_fill(p, &page, api_call_limit(p->call));
        } else if (cJSON_IsObject(j))
            row = system_read_row(j);
        else if (j)
            err_set(&err, ST_NETWORK, _("%s %s: the server sent an unexpected response"),
                    http_method(req), http_url(req));
        if (op == API_OP_CREATE && !row) /* created all the same: never "try again" */
            api_set_created_unread(p->call, req, &err);
        cJSON_Delete(j);
    }
    if (op == API_OP_DELETE) /* a lost answer, then refusals: it may be gone all the same */
        api_set_maybe_done(req, &err);
    http_request_free(req);
    if (op == API_OP_LIST && err.code != ST_OK) /* the load stops here */
        ahead_drop(p->impl);
    finish(p, &page, row, &err);
}

/* The largest page: 1000 (the document's servers), 100 where the parameters are renamed
 * (such deployments cap _limit at 100). */
static int system_max_page_size(const struct api_impl *m)
{
    return !strcmp(m->page_param, "page") && !strcmp(m->limit_param, "limit") ? 1000 : 100;
}

/* A later page of a plain JSON list starting with the first page's rows: the server ignores
 * our page parameter (a JSON-LD list's links tell its name before that: system_read_page). */
static bool system_repeat_hint(const struct api_impl *m, const struct page *page,
                               struct tn_error *err)
{
    if (page->has_total)
        return false;
    /* TRANSLATORS: the 1st and 2nd %s are the names now used for the page and the page size; the
     * 3rd an example value such as "page,limit"; keep page_params = "..."; as it is (a profile
     * setting). */
    err_hint(err, _("The server names its page parameter otherwise: set page_params in the "
                    "profile to its names of the page and the page size (now \"%s,%s\"), "
                    "e.g. page_params = \"%s\";"),
             m->page_param, m->limit_param,
             strcmp(m->page_param, "_page") ? "_page,_limit" : "page,limit");
    return true;
}

const struct api_backend system_backend = {
    .name = "system",
    .auth = API_AUTH_BASIC,
    .kinds = system_kinds,
    .nkinds = ARRAY_SIZE(system_kinds),
    .open = system_open,
    .close = system_close,
    .list = system_list,
    .get = system_get,
    .create = system_create,
    .update = system_update,
    .remove = system_remove,
    .cancel = system_cancel,
    .token_expiry = system_token_expiry,
    .check_cursor = system_check_cursor,
    .max_page_size = system_max_page_size,
    .repeat_hint = system_repeat_hint,
};

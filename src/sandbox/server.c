/* server.c: the HTTP side of the sandbox: libmicrohttpd, routing, bodies, faults, events;
 * the credentials are checked in auth.c. */
#include "config.h"

#include "sandbox/server.h"

#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <microhttpd.h>

#include "core/intl.h"
#include "core/json.h"
#include "core/util.h"
#include "sandbox/auth.h"
#include "sandbox/events.h"
#include "sandbox/hostile.h"
#include "sandbox/seed.h"
#include "sandbox/tokens.h"

struct server {
    struct MHD_Daemon *daemon;
    const struct sandbox_opts *opts;
    const struct route *routes;
    size_t nroutes;
    pthread_mutex_t rng_lock;
    struct rng rng; /* fault decisions */
    long failed_first; /* requests failed for --fail-first (under rng_lock) */
    atomic_ulong next_req;
    atomic_bool stopping;
};

/* What arrives for one request, across libmicrohttpd's calls. */
struct exchange {
    char *raw_path; /* the path as sent, before %-decoding: routes match on it */
    bool started;   /* the first call for this request is done */
    struct strbuf body;
    bool too_large;
    bool answered;
};

enum fault { FAULT_NONE, FAULT_FAIL, FAULT_DROP, FAULT_MALFORMED, FAULT_REPEAT_CURSOR };
static const char *const fault_names[] = {NULL, "fail", "drop", "malformed", "repeat-cursor"};

/* ------------------------------------------------------------------ requests */

struct query_lookup {
    const char *key;
    const char *value;
    bool found;
};

static enum MHD_Result query_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    struct query_lookup *q = cls;
    (void)kind;
    if (!q->found && strcmp(key, q->key) == 0) {
        q->found = true;
        q->value = value ? value : "";
    }
    return MHD_YES;
}

const char *request_query(const struct request *req, const char *key)
{
    struct query_lookup q = {key, NULL, false};
    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, query_iter, &q);
    return q.value;
}

static enum MHD_Result find_nul(void *cls, enum MHD_ValueKind kind, const char *key,
                                size_t key_size, const char *value, size_t value_size)
{
    const char **bad = cls;
    (void)kind;
    if (!*bad && (strlen(key) != key_size || (value && strlen(value) != value_size)))
        *bad = key;
    return MHD_YES;
}

/* The first query argument whose name or value holds a NUL byte (%00), or NULL. */
static const char *query_with_nul(struct MHD_Connection *conn)
{
    const char *bad = NULL;
    MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, find_nul, &bad);
    return bad;
}

const char *request_header(const struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

struct query_each {
    query_fn fn;
    void *ctx;
};

static enum MHD_Result query_each_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                                       const char *value)
{
    const struct query_each *q = cls;
    (void)kind;
    q->fn(key, value ? value : "", q->ctx);
    return MHD_YES;
}

void request_query_each(const struct request *req, query_fn fn, void *ctx)
{
    struct query_each q = {fn, ctx};
    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, query_each_iter, &q);
}

/* ------------------------------------------------------------------ routing */

/* Match the raw path against pattern, %-decoding the "*" segments into args (in scratch);
 * false when it does not match. *bad is set when a segment has a malformed escape or a NUL. */
static bool route_match(const char *pattern, const char *path, const char **args,
                        struct strbuf *scratch, bool *bad)
{
    size_t nargs = 0, offsets[ROUTE_MAX_ARGS];
    const char *p = pattern, *u = path;
    sb_reset(scratch);
    *bad = false;
    while (*p && *u) {
        if (*p == '*') {
            size_t n = strcspn(u, "/");
            if (n == 0 || nargs == ROUTE_MAX_ARGS)
                return false;
            offsets[nargs++] = scratch->len;
            if (!util_percent_decode(u, n, false, scratch))
                *bad = true;
            sb_addc(scratch, '\0');
            u += n;
            p++;
        } else if (*p++ != *u++) {
            return false;
        }
    }
    if (*p != '\0' || *u != '\0')
        return false;
    for (size_t i = 0; i < nargs; i++)
        args[i] = scratch->buf + offsets[i]; /* the buffer no longer moves */
    return true;
}

/* The route for method and path; *allow lists the methods of a path that matched others, and
 * *other is the first such route (its API decides how a 405 looks). */
static const struct route *route_find(const struct server *srv, const char *method,
                                      const char *path, const char **args,
                                      struct strbuf *scratch, bool *bad, struct strbuf *allow,
                                      const struct route **other)
{
    *other = NULL;
    for (size_t i = 0; i < srv->nroutes; i++) {
        const struct route *r = &srv->routes[i];
        if (!route_match(r->pattern, path, args, scratch, bad))
            continue;
        if (strcmp(r->method, method) == 0)
            return r;
        if (allow->len)
            sb_adds(allow, ", ");
        sb_adds(allow, r->method);
        if (!*other)
            *other = r;
    }
    return NULL;
}

/* The first route whose path starts with the same segment as path ("/system/..."), or NULL:
 * its API decides how a 404 for an unknown path there looks. */
static const struct route *route_family(const struct server *srv, const char *path)
{
    size_t n = strcspn(path + (*path == '/'), "/") + (*path == '/');
    for (size_t i = 0; i < srv->nroutes; i++) {
        const char *pattern = srv->routes[i].pattern;
        if (strncmp(pattern, path, n) == 0 && (pattern[n] == '/' || pattern[n] == '\0'))
            return &srv->routes[i];
    }
    return NULL;
}

/* An error the server itself answers (401, 404, 405, 413, bad path or query, injected failure)
 * in the style of route r's API: problem+json on the /system API, else {code, type, message,
 * details}. */
static void route_error(const struct route *r, struct reply *rep, unsigned status,
                        const char *message)
{
    if (r && r->auth == AUTH_BASIC)
        reply_problem(rep, status, message);
    else
        reply_error(rep, status, message, NULL);
}

/* ------------------------------------------------------------------ faults */

static bool roll(struct server *srv, double rate)
{
    if (rate <= 0.0)
        return false;
    pthread_mutex_lock(&srv->rng_lock);
    double x = rng_unit(&srv->rng);
    pthread_mutex_unlock(&srv->rng_lock);
    return x < rate;
}

/* True for each of the first --fail-first requests faults apply to. */
static bool fail_first(struct server *srv)
{
    if (srv->opts->fail_first <= 0)
        return false;
    pthread_mutex_lock(&srv->rng_lock);
    bool yes = srv->failed_first < srv->opts->fail_first;
    srv->failed_first += yes;
    pthread_mutex_unlock(&srv->rng_lock);
    return yes;
}

/* Wait --latency-ms; false when the client hung up meanwhile, so its slot is freed at once. */
static bool sleep_latency(struct server *srv, struct MHD_Connection *conn)
{
    long left = srv->opts->latency_ms;
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    int fd = info ? info->connect_fd : -1;
    while (left > 0 && !atomic_load(&srv->stopping)) {
        int step = left < 50 ? (int)left : 50;
        struct pollfd pfd = {fd, POLLRDHUP, 0};
        if (fd >= 0 && poll(&pfd, 1, step) > 0 &&
            (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR)))
            return false;
        if (fd < 0) {
            struct timespec ts = {0, step * 1000000L};
            nanosleep(&ts, NULL);
        }
        left -= step;
    }
    return true;
}

/* ------------------------------------------------------------------ events */

/* The raw path with anything but [A-Za-z0-9/._~%-] written as %XX, so a log line stays one
 * harmless line. */
static void add_safe_path(struct strbuf *sb, const char *path)
{
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/._~%-", *p))
            sb_addc(sb, (char)*p);
        else
            sb_addf(sb, "%%%02X", *p);
    }
}

/* One query argument, key=value (decoded, then written as add_safe_path does, with "[]:+="
 * kept), after a "&" unless it is the first (a query_fn). */
static void add_query_arg(const char *key, const char *value, void *ctx)
{
    struct strbuf *sb = ctx;
    if (sb->len)
        sb_addc(sb, '&');
    struct strbuf arg = SB_INIT;
    sb_addf(&arg, "%s=%s", key, value);
    for (const unsigned char *p = (const unsigned char *)sb_str(&arg); *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/._~-[]:+=", *p))
            sb_addc(sb, (char)*p);
        else
            sb_addf(sb, "%%%02X", *p);
    }
    sb_free(&arg);
}

static void log_event(const struct route *r, const char *suffix, unsigned long req_no,
                      const char *method, const char *path, const struct reply *rep,
                      enum fault fault, const struct request *req)
{
    struct strbuf name = SB_INIT, fields = SB_INIT;
    sb_addf(&name, "%s_%s", r->event, suffix);
    sb_addf(&fields, "req=%lu method=%s path=", req_no, method);
    add_safe_path(&fields, path);
    if (req) { /* a _START line: the query it asked, when it has one */
        struct strbuf q = SB_INIT;
        request_query_each(req, add_query_arg, &q);
        if (q.len)
            sb_addf(&fields, " query=%s", sb_str(&q));
        sb_free(&q);
    }
    if (rep) {
        sb_addf(&fields, " status=%u", rep->status);
        if (rep->event_id && rep->status < 400)
            sb_addf(&fields, " id=%s", rep->event_id);
        if (rep->event_extra && rep->status < 400)
            sb_addf(&fields, " %s", rep->event_extra);
    }
    if (fault != FAULT_NONE)
        sb_addf(&fields, " fault=%s", fault_names[fault]);
    events_write(name.buf, fields.buf);
    sb_free(&name);
    sb_free(&fields);
}

/* ------------------------------------------------------------------ sending */

struct partial {
    char *body;
    size_t len, sent_limit;
};

static ssize_t partial_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct partial *p = cls;
    if (pos >= p->sent_limit)
        return MHD_CONTENT_READER_END_WITH_ERROR; /* close the connection mid-body */
    size_t n = p->sent_limit - (size_t)pos;
    if (n > max)
        n = max;
    memcpy(buf, p->body + pos, n);
    return (ssize_t)n;
}

static void partial_free(void *cls)
{
    struct partial *p = cls;
    free(p->body);
    free(p);
}

static enum MHD_Result send_reply(struct server *srv, struct MHD_Connection *conn,
                                  struct reply *rep, enum fault fault)
{
    struct MHD_Response *resp;
    if (fault == FAULT_DROP) {
        if (rep->len < 2)
            return MHD_NO; /* nothing to cut in half: close without an answer */
        struct partial *p = xmalloc(sizeof(*p));
        p->body = rep->body;
        p->len = rep->len;
        p->sent_limit = rep->len / 2;
        rep->body = NULL;
        resp = MHD_create_response_from_callback(p->len, 4096, partial_read, p, partial_free);
    } else {
        if (fault == FAULT_MALFORMED && rep->len > 1)
            rep->len = rep->len / 2; /* a cut JSON text never parses */
        resp = MHD_create_response_from_buffer(rep->body ? rep->len : 0, rep->body,
                                               rep->body ? MHD_RESPMEM_MUST_FREE
                                                         : MHD_RESPMEM_PERSISTENT);
        rep->body = NULL;
    }
    if (!resp)
        return MHD_NO;
    if (rep->content_type)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, rep->content_type);
    if (rep->allow)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, rep->allow);
    if (rep->www_authenticate)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, rep->www_authenticate);
    if (rep->location)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, rep->location);
    if (srv->opts->header_bytes > 0) { /* --header-bytes */
        char *pad = xmalloc((size_t)srv->opts->header_bytes + 1);
        memset(pad, 'x', (size_t)srv->opts->header_bytes);
        pad[srv->opts->header_bytes] = '\0';
        MHD_add_response_header(resp, "X-Padding", pad);
        free(pad);
    }
    if (rep->no_store)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (fault == FAULT_FAIL && (rep->status == 429 || rep->status == 503)) {
        char secs[24];
        snprintf(secs, sizeof(secs), "%ld", srv->opts->retry_after);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, secs);
    }
    enum MHD_Result ret = MHD_queue_response(conn, rep->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* ------------------------------------------------------------------ dispatch */

/* True when faults may be injected into a request of method (--fault-methods). */
static bool faulted_method(const struct server *srv, const char *method)
{
    const char *list = srv->opts->fault_methods;
    size_t n = strlen(method);
    while (list && *list) {
        size_t len = strcspn(list, ",");
        if (len == n && !strncasecmp(list, method, n))
            return true;
        list += len + (list[len] == ',');
    }
    return !list;
}

static enum MHD_Result dispatch(struct server *srv, struct MHD_Connection *conn, const char *method,
                                struct exchange *ex)
{
    int64_t started = util_now_ms();
    const char *path = ex->raw_path;
    struct request req = {.method = method, .path = path, .conn = conn};
    struct reply rep = {0};
    enum fault fault = FAULT_NONE;
    struct strbuf allow = SB_INIT, scratch = SB_INIT;
    bool bad_segment = false;
    const char *nul_arg;
    const struct route *other;
    enum basic_result basic = BASIC_OK;

    if (!sleep_latency(srv, conn))
        return MHD_NO; /* the client is gone: nothing arrived at the API */
    const struct route *r =
        route_find(srv, method, path, req.args, &scratch, &bad_segment, &allow, &other);
    bool faults = r && r->faults && faulted_method(srv, method);
    unsigned long req_no = atomic_fetch_add(&srv->next_req, 1) + 1;
    bool problem = r && r->auth == AUTH_BASIC;
    if (!r) {
        if (allow.len)
            route_error(other, &rep, 405, "Method not allowed");
        else
            route_error(route_family(srv, path), &rep, 404, "Route not found");
    } else {
        log_event(r, "START", req_no, method, path, NULL, FAULT_NONE, &req);
        req.body = sb_str(&ex->body);
        req.body_len = ex->body.len;
        if (r->auth == AUTH_BEARER && !auth_bearer_ok(&req)) {
            if (srv->opts->plain_401)
                reply_text(&rep, 401, xstrdup("Unauthorized"), "text/plain; charset=utf-8");
            else
                reply_error(&rep, 401, "Unauthorized", NULL);
        } else if (r->auth == AUTH_BASIC &&
                   (basic = auth_basic_check(&req, srv->opts->system_user,
                                             srv->opts->system_password)) != BASIC_OK) {
            auth_basic_denied(&rep, basic);
        } else if (ex->too_large) {
            route_error(r, &rep, 413, "Request body is larger than 1 MiB");
        } else if (bad_segment) {
            if (problem)
                reply_problem(&rep, 400, "The path holds a malformed %-escape or a NUL byte.");
            else
                reply_bad_param(&rep, "path", "path",
                                "holds a malformed %-escape or a NUL byte", NULL);
        } else if ((nul_arg = query_with_nul(conn))) {
            if (problem) {
                cJSON *v = json_new_array();
                json_append(v, violation_new(nul_arg, "This value must not contain a NUL byte."));
                reply_violations(&rep, v);
            } else {
                reply_bad_param(&rep, "query", nul_arg, "must not contain a NUL byte", NULL);
            }
        } else if (faults && (fail_first(srv) || roll(srv, srv->opts->fail_rate))) {
            fault = FAULT_FAIL;
            if (srv->opts->fail_status < 400) { /* a redirect, as a misplaced proxy sends */
                reply_empty(&rep, (unsigned)srv->opts->fail_status);
                rep.location = "/moved-elsewhere/";
            } else {
                route_error(r, &rep, (unsigned)srv->opts->fail_status, "Injected failure");
            }
        } else {
            req.repeat_cursor = faults && roll(srv, srv->opts->repeat_cursor_rate);
            r->fn(&req, &rep);
            if (rep.cursor_repeated)
                fault = FAULT_REPEAT_CURSOR;
            if (faults && roll(srv, srv->opts->drop_rate))
                fault = FAULT_DROP;
            else if (faults && rep.len > 1 && roll(srv, srv->opts->malformed_rate))
                fault = FAULT_MALFORMED;
        }
        log_event(r, rep.status < 400 ? "SUCCESS" : "FAIL", req_no, method, path, &rep, fault,
                  NULL);
    }

    if (srv->opts->verbose) {
        struct strbuf line = SB_INIT;
        sb_addf(&line, "%s ", method);
        add_safe_path(&line, path);
        sb_addf(&line, " %u %lldms%s%s\n", rep.status, (long long)(util_now_ms() - started),
                fault ? " fault=" : "", fault ? fault_names[fault] : "");
        fputs(line.buf, stderr);
        sb_free(&line);
    }

    hostile_answer(srv->opts, &rep);
    rep.allow = !r && allow.len ? allow.buf : NULL;
    enum MHD_Result ret = send_reply(srv, conn, &rep, fault);
    free(rep.body);
    free(rep.event_id);
    free(rep.event_extra);
    sb_free(&allow);
    sb_free(&scratch);
    return ret;
}

/* Called first for each request, with the URI as sent: keep the raw path for routing. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    (void)conn;
    struct exchange *ex = xcalloc(1, sizeof(*ex));
    ex->raw_path = xstrndup(uri, strcspn(uri, "?"));
    return ex;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    struct server *srv = cls;
    struct exchange *ex = *con_cls;
    (void)version;

    if (!ex) { /* not seen by on_uri (never expected): route on the decoded URL */
        ex = on_uri(srv, url, conn);
        *con_cls = ex;
    }
    if (!ex->started) {
        ex->started = true;
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        long long n;
        if (cl && str_to_llong(cl, 0, INT64_MAX, &n) && n > BODY_LIMIT) {
            /* Answer before reading the body; curl's Expect: 100-continue never gets a go. */
            ex->too_large = true;
            ex->answered = true;
            return dispatch(srv, conn, method, ex);
        }
        if (!*upload_data_size)
            return MHD_YES;
    }
    if (*upload_data_size) {
        if (!ex->too_large) {
            if (ex->body.len + *upload_data_size > BODY_LIMIT) {
                ex->too_large = true;
                sb_wipe(&ex->body);
            } else {
                sb_add(&ex->body, upload_data, *upload_data_size);
            }
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (ex->answered)
        return MHD_YES;
    ex->answered = true;
    return dispatch(srv, conn, method, ex);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct exchange *ex = *con_cls;
    (void)cls;
    (void)conn;
    (void)toe;
    if (ex) {
        sb_wipe(&ex->body); /* a token request body holds the client secret */
        free(ex->raw_path);
        free(ex);
        *con_cls = NULL;
    }
}

/* libmicrohttpd's own messages (e.g. on a dropped answer) only with --verbose. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    const struct server *srv = cls;
    if (srv->opts->verbose) {
        fputs("libmicrohttpd: ", stderr);
        vfprintf(stderr, fmt, ap);
    }
}

struct server *server_start(const struct sandbox_opts *opts, const struct route *routes, size_t n,
                            int fd, bool ipv6)
{
    struct server *srv = xcalloc(1, sizeof(*srv));
    srv->opts = opts;
    srv->routes = routes;
    srv->nroutes = n;
    pthread_mutex_init(&srv->rng_lock, NULL);
    rng_seed(&srv->rng, opts->seed, 99);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_ERROR_LOG | (ipv6 ? MHD_USE_IPv6 : 0);
    /* HTTPS: the PEM texts in memory; with no TLS the options are skipped (the list ends). */
    struct MHD_OptionItem tls[] = {
        {MHD_OPTION_HTTPS_MEM_CERT, 0, opts->tls_cert},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, opts->tls_key},
        {MHD_OPTION_END, 0, NULL},
    };
    if (opts->tls_cert) {
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            fprintf(stderr, _("%s: this libmicrohttpd was built without TLS: --tls-cert cannot "
                              "be served\n"), util_progname());
            pthread_mutex_destroy(&srv->rng_lock);
            free(srv);
            return NULL;
        }
        flags |= MHD_USE_TLS;
    } else {
        tls[0].option = MHD_OPTION_END;
    }
    srv->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
                                   MHD_OPTION_ARRAY, tls,
                                   MHD_OPTION_EXTERNAL_LOGGER, mhd_log, srv,
                                   MHD_OPTION_LISTEN_SOCKET, fd,
                                   MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
                                   MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
                                   MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
                                   MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
                                   /* room for --header-bytes; else libmicrohttpd's 32 KiB */
                                   MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                                   (size_t)(opts->header_bytes ? opts->header_bytes + 65536
                                                               : 32768),
                                   MHD_OPTION_END);
    if (!srv->daemon) {
        if (opts->tls_cert) /* libmicrohttpd said why with --verbose only */
            fprintf(stderr, _("%s: cannot serve HTTPS: is --tls-key the private key of "
                              "--tls-cert, both PEM?\n"), util_progname());
        pthread_mutex_destroy(&srv->rng_lock);
        free(srv);
        return NULL;
    }
    return srv;
}

void server_stop(struct server *srv)
{
    if (!srv)
        return;
    atomic_store(&srv->stopping, true);
    MHD_stop_daemon(srv->daemon);
    pthread_mutex_destroy(&srv->rng_lock);
    free(srv);
}

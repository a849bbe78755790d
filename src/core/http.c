/* http.c: one long-lived curl multi handle; requests with callbacks, retries, redaction (a request
 * itself: http_request.c). */
#include "config.h"

#include "core/http.h"
#include "core/http_impl.h"
#include "core/http_proxy.h"
#include "core/http_tls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/log.h"

#define MAX_RETRY_AFTER_MS (64L * 1000) /* a longer Retry-After is not waited for */

struct http_engine {
    CURLM *multi;
    struct http_request *head;
    size_t active; /* requests inside the multi handle */
    uint64_t rng;
};

struct http_engine *http_engine_new(void)
{
    static bool global_done;
    if (!global_done) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            die(_("cannot initialise libcurl"));
        global_done = true;
    }
    struct http_engine *e = xcalloc(1, sizeof(*e));
    e->multi = curl_multi_init();
    if (!e->multi)
        die(_("cannot initialise libcurl"));
    e->rng = (uint64_t)util_now_ms() * 0x9E3779B97F4A7C15ull ^ (uint64_t)getpid();
    return e;
}

/* ------------------------------------------------------------------ curl glue */

#if LIBCURL_VERSION_NUM >= 0x075000
/* Open curl's sockets close-on-exec: a secret command or an editor started while a
 * connection is open must not inherit it. */
static curl_socket_t open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
    (void)ud;
    (void)purpose;
    return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* curl calls this before each transmission, its own re-sends included: curl silently sends a
 * request again when a reused connection turns out dead. Count them, and refuse the second
 * transmission of a request that must not be repeated (a create). */
static int on_prereq(void *ud, char *conn_primary_ip, char *conn_local_ip, int conn_primary_port,
                     int conn_local_port)
{
    struct http_request *req = ud;
    (void)conn_primary_ip;
    (void)conn_local_ip;
    (void)conn_primary_port;
    (void)conn_local_port;
    if (req->attempt_sends > 0) {
        req->unanswered++; /* the previous transmission died without an answer */
        if (!req->retry) {
            log_printf("%s %s: the connection died after sending; not sending it again",
                       req->method, req->url);
            return CURL_PREREQFUNC_ABORT;
        }
    }
    req->attempt_sends++;
    req->sends++;
    return CURL_PREREQFUNC_OK;
}
#endif

/* curl's debug callback: protocol text to the log, redacted; bodies by size only. */
static int on_debug(CURL *easy, curl_infotype type, char *data, size_t size, void *ud)
{
    (void)easy;
    (void)ud;
    switch (type) {
    case CURLINFO_TEXT:
        log_protocol("*", data, size);
        break;
    case CURLINFO_HEADER_OUT:
        log_protocol(">", data, size);
        break;
    case CURLINFO_HEADER_IN:
        log_protocol("<", data, size);
        break;
    default: /* bodies and TLS data: they can hold secrets, and are never logged */
        break;
    }
    return 0;
}

/* Build (or rebuild) the easy handle for the next attempt. */
static void easy_setup(struct http_request *req)
{
    if (!req->easy) {
        req->easy = curl_easy_init();
        if (!req->easy)
            die(_("cannot initialise libcurl"));
    } else {
        curl_easy_reset(req->easy);
    }
    CURL *h = req->easy;
    http_slist_free_wiped(req->slist);
    req->slist = NULL;
    for (size_t i = 0; i < req->nheaders; i++) {
        struct curl_slist *s = curl_slist_append(req->slist, req->headers[i].line);
        if (!s)
            die(_("out of memory"));
        req->slist = s;
    }
    /* an empty "Expect:" stops curl waiting for 100-continue on bodies */
    struct curl_slist *s = curl_slist_append(req->slist, "Expect:");
    if (!s)
        die(_("out of memory"));
    req->slist = s;

    curl_easy_setopt(h, CURLOPT_URL, req->url);
    curl_easy_setopt(h, CURLOPT_PRIVATE, req);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, req->errbuf);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, req->slist);
    curl_easy_setopt(h, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (req->settings.ca_file)
        curl_easy_setopt(h, CURLOPT_CAINFO, req->settings.ca_file);
    if (req->settings.proxy) /* else curl reads HTTPS_PROXY, NO_PROXY... */
        curl_easy_setopt(h, CURLOPT_PROXY, req->settings.proxy);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, req->settings.connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, req->settings.timeout_ms);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
#if LIBCURL_VERSION_NUM >= 0x075000
    curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, on_prereq);
    curl_easy_setopt(h, CURLOPT_PREREQDATA, req);
#else
    if (!req->retry) /* curl re-sends only on a reused connection */
        curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
#endif
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, http_request_on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, req);
    if (!strcmp(req->method, "GET")) {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, req->method);
        if (req->body || !strcmp(req->method, "POST")) {
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body ? req->body : "");
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)req->body_len);
        }
    }
    if (log_enabled()) {
        curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
        curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
    }
}

/* Link req into the engine's list. */
static void link_req(struct http_engine *e, struct http_request *req)
{
    req->prev = NULL;
    req->next = e->head;
    if (e->head)
        e->head->prev = req;
    e->head = req;
}

/* Unlink req from the engine's list. */
static void unlink_req(struct http_engine *e, struct http_request *req)
{
    if (req->prev)
        req->prev->next = req->next;
    else
        e->head = req->next;
    if (req->next)
        req->next->prev = req->prev;
    req->prev = req->next = NULL;
}

static void drive(struct http_engine *e);

/* Start the next attempt of req. */
static void start_attempt(struct http_engine *e, struct http_request *req)
{
    http_request_reset(req);
    easy_setup(req);
    req->attempts++;
    req->attempt_sends = 0;
    req->started_ms = util_now_ms();
    req->state = REQ_ACTIVE;
    if (curl_multi_add_handle(e->multi, req->easy) != CURLM_OK)
        die(_("libcurl refused a transfer"));
    e->active++;
}

void http_submit(struct http_engine *e, struct http_request *req, http_done_fn done, void *ud)
{
    req->done = done;
    req->ud = ud;
    req->attempts = req->sends = req->unanswered = 0;
    link_req(e, req);
    struct tn_error err = {0};
    if (!http_url_allowed(req->url, &err)) {
        http_request_reset(req);
        err_move(&req->err, &err);
        req->state = REQ_DONE; /* delivered by the next http_dispatch() */
        return;
    }
    start_attempt(e, req);
    drive(e); /* send it now: the server works while the caller does something else */
}

void http_deliver(struct http_engine *e, struct http_request *req, http_done_fn done, void *ud)
{
    req->done = done;
    req->ud = ud;
    link_req(e, req);
    req->state = REQ_DONE; /* delivered by the next http_dispatch() */
}

void http_cancel(struct http_engine *e, struct http_request *req)
{
    if (req->state == REQ_ACTIVE) {
        curl_multi_remove_handle(e->multi, req->easy);
        e->active--;
    }
    log_printf("%s %s cancelled", req->method, req->url);
    unlink_req(e, req);
    http_request_free(req);
}

void http_engine_free(struct http_engine *e)
{
    if (!e)
        return;
    while (e->head)
        http_cancel(e, e->head);
    curl_multi_cleanup(e->multi);
    http_spare_free();
    free(e);
}

/* A uniformly random fraction in [0.5, 1) for jitter. */
static double jitter(struct http_engine *e)
{
    e->rng ^= e->rng << 13;
    e->rng ^= e->rng >> 7;
    e->rng ^= e->rng << 17;
    return 0.5 + (double)(e->rng >> 11) / (double)(1ull << 53) / 2;
}

/* True when an answer is worth another attempt: 429 and 502..504; a GET's 500 (a read
 * changes nothing); a 2xx whose body the request's check finds cut short or unreadable. */
static bool answer_retryable(const struct http_request *req, long status)
{
    if (status == 500 && !strcmp(req->method, "GET"))
        return true;
    if (status >= 200 && status <= 299 && req->body_ok &&
        !req->body_ok(sb_str(&req->resp), req->resp.len)) {
        log_printf("%s %s: the answer's body is cut short or unreadable", req->method, req->url);
        return true;
    }
    return status == 429 || status == 502 || status == 503 || status == 504;
}

/* True when a transport failure is worth another attempt. */
static bool curl_retryable(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

/* What libcurl's "Out of memory" means here: a header too large to send (the request's
 * largest, named) or to receive (libcurl takes at most 100 KiB). */
static void too_large_error(struct http_request *req)
{
    size_t big = 0, total = 0;
    for (size_t i = 0; i < req->nheaders; i++) {
        size_t n = strlen(req->headers[i].line);
        total += n;
        if (n > strlen(req->headers[big].line))
            big = i;
    }
    if (total > 64 * 1024) { /* libcurl refuses requests of 1 MiB; no API needs 64 KiB */
        const char *line = req->headers[big].line;
        /* TRANSLATORS: the HTTP method and the URL of the request, the header's name (e.g.
         * Authorization), then its size in KiB. */
        err_set(&req->err, ST_NETWORK, _("%s %s: the request's %.*s header is %zu KiB, too "
                                         "large to send"),
                req->method, req->url, (int)strcspn(line, ":"), line, strlen(line) / 1024);
        err_hint(&req->err, _("A token or setting that large is a server's or a profile's "
                              "mistake: check the token endpoint (auth_url)."));
        return;
    }
    /* TRANSLATORS: the HTTP method (GET, POST...) and the URL of the request. */
    err_set(&req->err, ST_NETWORK, _("%s %s: the answer has a header larger than the 100 KiB "
                                     "accepted"),
            req->method, req->url);
    err_hint(&req->err, _("The server (or a proxy in front of it) is misbehaving: check the "
                          "profile's url."));
}

/* Turn a transport failure into an error an operator can act on. */
static void transport_error(struct http_request *req, CURLcode rc)
{
    const char *detail = req->errbuf[0] ? req->errbuf : curl_easy_strerror(rc);
    struct tn_error *err = &req->err;
    if (req->too_large) {
        /* TRANSLATORS: the HTTP method and the URL of the request, then the limit in MiB. */
        err_set(err, ST_NETWORK, _("%s %s: the response is larger than %u MiB"), req->method,
                req->url, MAX_BODY >> 20);
        return;
    }
    if (!req->retry && req->unanswered > 0) {
        /* TRANSLATORS: the HTTP method (GET, POST...) and the URL of the request. */
        err_set(err, ST_NETWORK, _("%s %s: the connection broke after the request was sent, so "
                                   "it may or may not have been carried out"),
                req->method, req->url);
        err_hint(err, _("It was not sent again. Check whether it took effect (list or get) "
                        "before trying again."));
        return;
    }
    if (req->connect_code >= 300) {
        /* TRANSLATORS: the HTTP method and the URL of the request, then libcurl's error text
         * (English). */
        err_set(err, ST_NETWORK, _("%s %s: the proxy did not connect to the server (%s)"),
                req->method, req->url, detail);
        http_proxy_hint(err, req->url, req->settings.proxy, req->connect_code);
        return;
    }
    if (rc == CURLE_PEER_FAILED_VERIFICATION) {
        http_tls_error(err, req->method, req->url, req->easy, detail, req->settings.ca_file);
        return;
    }
    if (rc == CURLE_SSL_CACERT_BADFILE) {
        http_tls_ca_file_error(err, req->method, req->url, detail, req->settings.ca_file);
        return;
    }
    if (rc == CURLE_OUT_OF_MEMORY && !req->errbuf[0]) {
        too_large_error(req);
        return;
    }
    err_set(err, ST_NETWORK, "%s %s: %s", req->method, req->url, detail);
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
        err_hint(err, _("The host name is unknown: check the profile's url (and your DNS or "
                        "proxy settings)."));
        break;
    case CURLE_COULDNT_CONNECT:
        err_hint(err, _("Nothing answered: check that the server is running and that the "
                        "profile's url is right."));
        http_proxy_hint(err, req->url, req->settings.proxy, 0);
        break;
    case CURLE_COULDNT_RESOLVE_PROXY:
        err_hint(err, _("The proxy's host name is unknown: check the profile's proxy setting "
                        "or the HTTPS_PROXY, https_proxy and ALL_PROXY variables."));
        break;
    case CURLE_OPERATION_TIMEDOUT:
        err_hint(err, _("The server or the network is slow: try again, or raise the profile's "
                        "timeout (now %ld s)."),
                 req->settings.timeout_ms / 1000);
        break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
        err_hint(err, _("The server's TLS certificate could not be verified: for a private CA "
                        "set ca_file in the profile."));
        break;
    default:
        break;
    }
}

/* Hide the credentials curl's message may quote (a proxy URL it could not use). */
static void redact_errbuf(struct http_request *req)
{
    struct strbuf sb = SB_INIT;
    log_redact_credentials(req->errbuf, strlen(req->errbuf), &sb);
    snprintf(req->errbuf, sizeof(req->errbuf), "%s", sb_str(&sb));
    sb_wipe(&sb);
}

/* A finished attempt: deliver, or schedule another attempt. */
static void attempt_done(struct http_engine *e, struct http_request *req, CURLcode rc)
{
    curl_multi_remove_handle(e->multi, req->easy);
    e->active--;
    long status = 0;
    if (rc == CURLE_OK)
        curl_easy_getinfo(req->easy, CURLINFO_RESPONSE_CODE, &status);
    char *ct = NULL;
    if (rc == CURLE_OK && curl_easy_getinfo(req->easy, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK &&
        ct)
        req->content_type = xstrdup(ct);
    req->status = status;
    if (rc != CURLE_OK)
        redact_errbuf(req);
    if (rc != CURLE_OK &&
        curl_easy_getinfo(req->easy, CURLINFO_HTTP_CONNECTCODE, &req->connect_code) != CURLE_OK)
        req->connect_code = 0;
    if (rc != CURLE_OK && rc != CURLE_ABORTED_BY_CALLBACK && req->attempt_sends > 0)
        req->unanswered++; /* sent, but no complete answer: the server may have done it */
    int64_t took = util_now_ms() - req->started_ms;
    if (rc == CURLE_OK)
        log_printf("%s %s -> %ld (%lld ms, %zu bytes, attempt %d)", req->method, req->url,
                   status, (long long)took, req->resp.len, req->attempts);
    else
        log_printf("%s %s -> failed: %s (%lld ms, attempt %d)", req->method, req->url,
                   req->errbuf[0] ? req->errbuf : curl_easy_strerror(rc), (long long)took,
                   req->attempts);

    bool again = req->retry && req->attempts < req->settings.max_attempts &&
                 (rc == CURLE_OK ? answer_retryable(req, status)
                                 : curl_retryable(rc) && (req->connect_code < 300 ||
                                                          answer_retryable(req, req->connect_code)));
    long delay = 0;
    if (again) {
        long base = req->settings.backoff_ms;
        for (int i = 1; i < req->attempts && base < req->settings.backoff_max_ms; i++)
            base *= 2;
        if (base > req->settings.backoff_max_ms)
            base = req->settings.backoff_max_ms;
        delay = (long)((double)base * jitter(e));
        curl_off_t after = -1;
        if (rc == CURLE_OK && curl_easy_getinfo(req->easy, CURLINFO_RETRY_AFTER, &after) ==
                                  CURLE_OK && after >= 0) {
            if (after * 1000 > MAX_RETRY_AFTER_MS) {
                log_printf("the server asks to retry after %lld s: not waiting", (long long)after);
                again = false;
            } else if (after * 1000 > delay) {
                delay = (long)after * 1000;
            }
        }
    }
    if (again) {
        log_printf("%s %s: retrying in %ld ms", req->method, req->url, delay);
        req->retry_status = rc == CURLE_OK ? status : 0;
        req->retry_why = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST
                             /* TRANSLATORS: why a request is being retried, shown in the status
                              * line after "retrying in N s: "; keep it short. */
                             ? N_("cannot connect")
                         : rc == CURLE_OPERATION_TIMEDOUT ? N_("timed out")
                                                          : N_("connection dropped");
        req->state = REQ_WAITING;
        req->due_ms = util_now_ms() + delay;
        return;
    }
    if (rc != CURLE_OK)
        transport_error(req, rc);
    req->state = REQ_DONE;
}

/* Let curl do what it can now, and record every transfer that finished (callbacks run
 * later, from http_dispatch). Whoever calls curl_multi_perform must read its messages at once:
 * a message left queued would wait for the next network event. */
static void drive(struct http_engine *e)
{
    int running = 0;
    if (e->active)
        curl_multi_perform(e->multi, &running);
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(e->multi, &left))) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        struct http_request *req = NULL;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&req);
        attempt_done(e, req, msg->data.result);
    }
}

bool http_retry_next(const struct http_engine *e, int64_t *in_ms, long *status,
                     const char **why)
{
    const struct http_request *next = NULL;
    for (const struct http_request *r = e->head; r; r = r->next)
        if (r->state == REQ_WAITING && (!next || r->due_ms < next->due_ms))
            next = r;
    if (!next)
        return false;
    int64_t left = next->due_ms - util_now_ms();
    *in_ms = left > 0 ? left : 0;
    *status = next->retry_status;
    *why = next->retry_why;
    return true;
}

bool http_busy(const struct http_engine *e)
{
    return e->head != NULL;
}

/* Milliseconds until the engine needs attention without network activity (-1: none). */
static long next_deadline(struct http_engine *e)
{
    long ms = -1;
    int64_t now = util_now_ms();
    for (struct http_request *r = e->head; r; r = r->next) {
        long d = -1;
        if (r->state == REQ_DONE)
            d = 0;
        else if (r->state == REQ_WAITING)
            d = r->due_ms > now ? (long)(r->due_ms - now) : 0;
        if (d >= 0 && (ms < 0 || d < ms))
            ms = d;
    }
    return ms;
}

int http_wait(struct http_engine *e, int extra_fd, int max_ms)
{
    long ms = next_deadline(e);
    long curl_ms = -1;
    if (e->active && curl_multi_timeout(e->multi, &curl_ms) == CURLM_OK && curl_ms >= 0 &&
        (ms < 0 || curl_ms < ms))
        ms = curl_ms;
    if (max_ms >= 0 && (ms < 0 || max_ms < ms))
        ms = max_ms;
    if (ms < 0) /* curl_multi_poll needs a bound; the caller loops */
        ms = 60000;
    struct curl_waitfd fd = {.fd = extra_fd, .events = CURL_WAIT_POLLIN, .revents = 0};
    int n = 0;
    curl_multi_poll(e->multi, extra_fd >= 0 ? &fd : NULL, extra_fd >= 0 ? 1u : 0u, (int)ms, &n);
    return extra_fd >= 0 && fd.revents != 0;
}

void http_dispatch(struct http_engine *e)
{
    /* restart due retries first, so that drive() sends them at once */
    int64_t now = util_now_ms();
    for (struct http_request *r = e->head; r; r = r->next)
        if (r->state == REQ_WAITING && r->due_ms <= now)
            start_attempt(e, r);
    drive(e);
    /* deliver one at a time: a callback may submit or cancel other requests */
    for (;;) {
        struct http_request *r = e->head;
        while (r && r->state != REQ_DONE)
            r = r->next;
        if (!r)
            break;
        unlink_req(e, r);
        r->state = REQ_NEW;
        r->done(r, r->ud);
    }
}

void http_pump(struct http_engine *e)
{
    while (http_busy(e)) {
        http_wait(e, -1, -1);
        http_dispatch(e);
    }
}

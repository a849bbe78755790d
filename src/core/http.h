/* http.h: one long-lived curl multi handle; requests are objects with a completion callback.
 * The caller either runs its own loop (http_wait + http_dispatch) or pumps (http_pump). */
#ifndef TENANTRY_HTTP_H
#define TENANTRY_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"
#include "core/util.h"

struct http_engine;
struct http_request;

/* Per-profile transport settings. */
struct http_settings {
    long connect_timeout_ms; /* default 10 s */
    long timeout_ms;         /* whole transfer; default 30 s */
    const char *ca_file;     /* CA bundle to verify servers with instead of the system's */
    const char *proxy;       /* proxy URL (may hold credentials); NULL: curl's variables */
    int max_attempts;        /* for retryable requests; default 5 */
    long backoff_ms;         /* first retry delay before jitter; default 250 ms */
    long backoff_max_ms;     /* longest delay; default 8 s */
};

/* Called once when a request is finished (after any retries). The callback owns req: it
 * frees it (http_request_free) or submits it again. */
typedef void (*http_done_fn)(struct http_request *req, void *ud);

/* Create the engine (curl_global_init on first use). */
struct http_engine *http_engine_new(void);
/* Cancel and free every request, then the engine. */
void http_engine_free(struct http_engine *e);

/* Check that url may be used: https, or http to a loopback address only. */
bool http_url_allowed(const char *url, struct tn_error *err);

/* A new request (method "GET", "POST", "PUT", "DELETE"). settings is copied; NULL for the
 * defaults. GET, PUT and DELETE are retried (on connection failures, 429 and 502..504; a GET
 * on 500 too); POST is not (see http_request_set_retry). */
struct http_request *http_request_new(const char *method, const char *url,
                                      const struct http_settings *settings);
/* Add a header line ("Accept: application/json"); a secret one is wiped when freed. */
void http_request_header(struct http_request *req, const char *line, bool secret);
/* Replace the header starting with prefix ("Authorization:") by line, or add it. */
void http_request_set_header(struct http_request *req, const char *prefix, const char *line,
                             bool secret);
/* Set the body (copied); a secret body (a token request) is wiped and never logged. */
void http_request_body(struct http_request *req, const char *data, size_t len,
                       const char *content_type, bool secret);
/* Allow or forbid automatic retries of this request. */
void http_request_set_retry(struct http_request *req, bool retry);
/* Have a retried request's 2xx answer checked by body_ok (e.g. json_looks_whole): a body cut
 * short or unreadable is then retried like a 503, within the same attempts. */
void http_request_set_body_check(struct http_request *req,
                                 bool (*body_ok)(const char *body, size_t len));
/* Submit; done is called from http_dispatch() when it is finished. */
void http_submit(struct http_engine *e, struct http_request *req, http_done_fn done, void *ud);
/* Hand back a request that is not to be sent (one that finished, or one failed with
 * http_request_fail): done gets it from the next http_dispatch(), as if it had just finished. */
void http_deliver(struct http_engine *e, struct http_request *req, http_done_fn done, void *ud);
/* Stop a submitted request and free it; its callback is not called. */
void http_cancel(struct http_engine *e, struct http_request *req);
/* Free a finished request. NULL is fine. */
void http_request_free(struct http_request *req);

/* After completion: the HTTP status (0 when no response came). */
long http_status(const struct http_request *req);
/* The response body (NUL-terminated) and its length. */
const char *http_body(const struct http_request *req, size_t *len);
/* The response's Content-Type, or "". */
const char *http_content_type(const struct http_request *req);
/* Where a 3xx answer redirects to (never followed), or NULL. */
const char *http_redirect(const struct http_request *req);
/* How many times the request was sent (or tried, when no connection was made). */
int http_attempts(const struct http_request *req);
/* True when an earlier transmission got no complete answer, so the server may have carried
 * the request out before the answer that came (a DELETE's 404 then means it is done). */
bool http_maybe_repeated(const struct http_request *req);
/* The method and URL. */
const char *http_method(const struct http_request *req);
const char *http_url(const struct http_request *req);
/* The transport error (ST_NETWORK with a message and hint) or, when a layer above failed
 * the request (http_request_fail), that error; ST_OK when a response came. */
const struct tn_error *http_error(const struct http_request *req);
/* Mark req as failed with err (moved) without a response (e.g. no token could be had). */
void http_request_fail(struct http_request *req, struct tn_error *err);
/* Forget the last response so that req can be submitted again. */
void http_request_reset(struct http_request *req);

/* True while any request is in flight or waiting to be retried. */
bool http_busy(const struct http_engine *e);
/* The retry the engine waits for first, if any: in how long (ms), the HTTP status that caused
 * it, or 0 and why (an N_() marked English phrase: "connection dropped"). */
bool http_retry_next(const struct http_engine *e, int64_t *in_ms, long *status,
                     const char **why);
/* Wait up to max_ms (-1: until something happens) for network activity or for extra_fd
 * (-1 for none) to become readable; returns 1 when extra_fd is readable or hung up, else 0. */
int http_wait(struct http_engine *e, int extra_fd, int max_ms);
/* Do the transfers' pending work and call the callbacks of finished requests. */
void http_dispatch(struct http_engine *e);
/* Block until no request is in flight. */
void http_pump(struct http_engine *e);

#endif

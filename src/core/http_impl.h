/* http_impl.h: what the HTTP engine's files share (http.c drives curl, http_request.c holds a
 * request and its answer): a request's record and its states. */
#ifndef TENANTRY_HTTP_IMPL_H
#define TENANTRY_HTTP_IMPL_H

#include <curl/curl.h>

#include "core/http.h"

#define MAX_BODY (64u << 20) /* a response larger than this is refused */

enum req_state { REQ_NEW, REQ_ACTIVE, REQ_WAITING, REQ_DONE };

struct header {
    char *line;
    bool secret;
};

struct http_request {
    struct http_request *prev, *next; /* in the engine's list while submitted */
    enum req_state state;
    char *method, *url;
    struct http_settings settings;
    char *ca_file; /* our copy of settings.ca_file */
    char *proxy;   /* our copy of settings.proxy (a secret: it may hold a password) */
    struct header *headers;
    size_t nheaders;
    struct curl_slist *slist;
    char *body;
    size_t body_len;
    bool body_secret, retry;
    bool (*body_ok)(const char *body, size_t len); /* a 2xx body worth keeping, or NULL */
    CURL *easy;
    char errbuf[CURL_ERROR_SIZE];
    /* the outcome */
    long status;
    struct strbuf resp;
    char *content_type;
    bool too_large;
    long connect_code; /* the proxy's answer to CONNECT, 0 when none */
    int attempts;      /* our attempts (each may be sent more than once by curl) */
    int sends;         /* transmissions of the request, curl's own re-sends included */
    int attempt_sends; /* transmissions in the current attempt */
    int unanswered;    /* transmissions that got no complete answer */
    int64_t started_ms, due_ms;
    long retry_status;     /* waiting for a retry: the status that caused it, 0 for ... */
    const char *retry_why; /* ... what failed (N_() marked) */
    struct tn_error err;
    http_done_fn done;
    void *ud;
};

/* curl's write callback (ud: the request): collect the body, refusing absurd sizes. */
size_t http_request_on_body(char *data, size_t size, size_t n, void *ud);
/* Free a header list built from a request's lines, wiping the copies (they may hold a token). */
void http_slist_free_wiped(struct curl_slist *s);
/* Free the response buffer kept for reuse (when the engine goes). */
void http_spare_free(void);

#endif

/* http_request.c: one HTTP request: the URLs allowed, its method, headers and body (secrets
 * wiped when freed), and its answer as the engine (http.c) collected it. */
#include "config.h"

#include "core/http.h"
#include "core/http_impl.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/intl.h"

#define MAX_SPARE (16u << 20) /* a larger response buffer is not kept for reuse */

static const struct http_settings default_settings = {
    .connect_timeout_ms = 10000,
    .timeout_ms = 30000,
    .ca_file = NULL,
    .max_attempts = 5,
    .backoff_ms = 250,
    .backoff_max_ms = 8000,
};


/* True when host (no brackets) is a loopback name or address. */
static bool host_is_loopback(const char *host)
{
    if (!strcasecmp(host, "localhost") || !strcmp(host, "::1"))
        return true;
    return !strncmp(host, "127.", 4) && strspn(host, "0123456789.") == strlen(host);
}

bool http_url_allowed(const char *url, struct tn_error *err)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL;
    bool ok = false;
    if (!u)
        die(_("out of memory"));
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        err_set(err, ST_USAGE, _("'%s' is not a valid URL"), url);
        err_hint(err, _("Write it in full, e.g. https://tenant.vii.au01.mattr.global"));
        goto out;
    }
    size_t hl = strlen(host);
    if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
        memmove(host, host + 1, hl - 2);
        host[hl - 2] = '\0';
    }
    if (!strcasecmp(scheme, "https") || (!strcasecmp(scheme, "http") && host_is_loopback(host))) {
        ok = true;
    } else if (!strcasecmp(scheme, "http")) {
        err_set(err, ST_USAGE, _("'%s' uses plain http to a host that is not this machine"), url);
        err_hint(err, _("Use https: credentials and tokens must not cross the network in clear "
                        "text (plain http is allowed to loopback addresses only)."));
    } else {
        err_set(err, ST_USAGE, _("'%s' is not an http or https URL"), url);
    }
out:
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return ok;
}

/* The buffer of the last response let go, wiped and empty, for the next one: the pages of a
 * long list (hundreds of KB each) then cost no allocation, page faults or trimming each. */
static struct strbuf spare;

/* Let go of a response body: wiped (it may hold a secret), then kept as the spare. */
static void resp_release(struct strbuf *resp)
{
    if (!resp->buf)
        return;
    util_wipe(resp->buf, resp->len + 1); /* all that was written: the body and its NUL */
    if (!spare.buf && resp->cap <= MAX_SPARE) {
        spare = *resp;
        spare.len = 0;
    } else {
        free(resp->buf);
    }
    *resp = (struct strbuf)SB_INIT;
}

void http_slist_free_wiped(struct curl_slist *s)
{
    for (struct curl_slist *i = s; i; i = i->next)
        util_wipe(i->data, strlen(i->data));
    curl_slist_free_all(s);
}

struct http_request *http_request_new(const char *method, const char *url,
                                      const struct http_settings *settings)
{
    struct http_request *req = xcalloc(1, sizeof(*req));
    req->method = xstrdup(method);
    req->url = xstrdup(url);
    req->settings = settings ? *settings : default_settings;
    if (req->settings.connect_timeout_ms <= 0)
        req->settings.connect_timeout_ms = default_settings.connect_timeout_ms;
    if (req->settings.timeout_ms <= 0)
        req->settings.timeout_ms = default_settings.timeout_ms;
    if (req->settings.max_attempts <= 0)
        req->settings.max_attempts = default_settings.max_attempts;
    if (req->settings.backoff_ms <= 0)
        req->settings.backoff_ms = default_settings.backoff_ms;
    if (req->settings.backoff_max_ms <= 0)
        req->settings.backoff_max_ms = default_settings.backoff_max_ms;
    if (req->settings.ca_file)
        req->settings.ca_file = req->ca_file = xstrdup(req->settings.ca_file);
    if (req->settings.proxy)
        req->settings.proxy = req->proxy = xstrdup(req->settings.proxy);
    req->retry = strcmp(method, "POST") != 0;
    return req;
}

void http_request_header(struct http_request *req, const char *line, bool secret)
{
    req->headers = xreallocarray(req->headers, req->nheaders + 1, sizeof(*req->headers));
    req->headers[req->nheaders++] = (struct header){xstrdup(line), secret};
}

/* Free a header line, wiping it when secret. */
static void header_free(struct header *h)
{
    if (h->secret)
        util_free_secret(h->line);
    else
        free(h->line);
}

void http_request_set_header(struct http_request *req, const char *prefix, const char *line,
                             bool secret)
{
    size_t pl = strlen(prefix);
    for (size_t i = 0; i < req->nheaders; i++) {
        if (!strncasecmp(req->headers[i].line, prefix, pl)) {
            header_free(&req->headers[i]);
            req->headers[i] = (struct header){xstrdup(line), secret};
            return;
        }
    }
    http_request_header(req, line, secret);
}

void http_request_body(struct http_request *req, const char *data, size_t len,
                       const char *content_type, bool secret)
{
    if (req->body_secret)
        util_wipe(req->body, req->body_len);
    free(req->body);
    req->body = xmalloc(len + 1);
    memcpy(req->body, data, len);
    req->body[len] = '\0';
    req->body_len = len;
    req->body_secret = secret;
    char *ct = xasprintf("Content-Type: %s", content_type);
    http_request_set_header(req, "Content-Type:", ct, false);
    free(ct);
}

void http_request_set_retry(struct http_request *req, bool retry)
{
    req->retry = retry;
}

void http_request_set_body_check(struct http_request *req,
                                 bool (*body_ok)(const char *body, size_t len))
{
    req->body_ok = body_ok;
}

void http_request_reset(struct http_request *req)
{
    req->status = 0;
    resp_release(&req->resp);
    free(req->content_type);
    req->content_type = NULL;
    req->too_large = false;
    req->connect_code = 0;
    req->errbuf[0] = '\0';
    err_clear(&req->err);
}

void http_request_free(struct http_request *req)
{
    if (!req)
        return;
    if (req->easy)
        curl_easy_cleanup(req->easy);
    http_slist_free_wiped(req->slist);
    for (size_t i = 0; i < req->nheaders; i++)
        header_free(&req->headers[i]);
    free(req->headers);
    if (req->body_secret)
        util_wipe(req->body, req->body_len);
    free(req->body);
    http_request_reset(req);
    free(req->ca_file);
    util_free_secret(req->proxy);
    free(req->method);
    free(req->url);
    free(req);
}

long http_status(const struct http_request *req)
{
    return req->status;
}

const char *http_body(const struct http_request *req, size_t *len)
{
    if (len)
        *len = req->resp.len;
    return sb_str(&req->resp);
}

const char *http_content_type(const struct http_request *req)
{
    return req->content_type ? req->content_type : "";
}

const char *http_redirect(const struct http_request *req)
{
    char *url = NULL;
    if (!req->easy || curl_easy_getinfo(req->easy, CURLINFO_REDIRECT_URL, &url) != CURLE_OK)
        return NULL;
    return url;
}

int http_attempts(const struct http_request *req)
{
    return req->sends > req->attempts ? req->sends : req->attempts;
}

bool http_maybe_repeated(const struct http_request *req)
{
    return req->unanswered > 0;
}

const char *http_method(const struct http_request *req)
{
    return req->method;
}

const char *http_url(const struct http_request *req)
{
    return req->url;
}

const struct tn_error *http_error(const struct http_request *req)
{
    return &req->err;
}

void http_request_fail(struct http_request *req, struct tn_error *err)
{
    err_move(&req->err, err);
    if (req->err.code == ST_OK)
        req->err.code = ST_OTHER;
}

size_t http_request_on_body(char *data, size_t size, size_t n, void *ud)
{
    struct http_request *req = ud;
    size_t len = size * n;
    if (req->resp.len + len > MAX_BODY) {
        req->too_large = true;
        return 0;
    }
    curl_off_t expect = 0;
    if (!req->resp.cap && spare.buf) {
        req->resp = spare;
        spare = (struct strbuf)SB_INIT;
    }
    if (!req->resp.len &&
        curl_easy_getinfo(req->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expect) == CURLE_OK &&
        expect > 0 && (uint64_t)expect <= MAX_BODY)
        sb_grow(&req->resp, (size_t)expect); /* one allocation for the whole body */
    sb_add(&req->resp, data, len);
    return len;
}

void http_spare_free(void)
{
    sb_free(&spare); /* wiped when it was let go */
}

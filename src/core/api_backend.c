/* api_backend.c: what the backends (api_mattr.c, api_system.c) share: a profile's link to its
 * server, escaping a path segment, the class of an HTTP status, reading a 2xx body, and the
 * errors of an answer (a refusal, a create whose answer cannot be read). */
#include "config.h"

#include "core/api.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/phrase.h"
#include "core/json.h"
#include "core/text.h"
#include "core/util.h"

void api_add_escaped(struct strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            sb_addc(sb, (char)*p);
        } else {
            sb_addc(sb, '%');
            sb_addc(sb, hex[*p >> 4]);
            sb_addc(sb, hex[*p & 15]);
        }
    }
}

enum status_code api_status_class(long status)
{
    switch (status) {
    case 400:
    case 409:
    case 422:
        return ST_INVALID;
    case 401:
    case 403:
        return ST_AUTH;
    case 404:
        return ST_NOT_FOUND;
    default:
        return status == 429 || status >= 500 ? ST_NETWORK : ST_OTHER;
    }
}

cJSON *api_response_json(struct http_request *req, struct tn_error *err)
{
    size_t len;
    const char *body = http_body(req, &len);
    cJSON *j = json_parse_answer(body, len);
    if (!j || !(cJSON_IsObject(j) || cJSON_IsArray(j))) {
        cJSON_Delete(j);
        err->http_status = http_status(req);
        /* TRANSLATORS: the HTTP method (GET, POST...) and the URL of the request. */
        err_set(err, ST_NETWORK, _("%s %s: the server sent a response that is not JSON"),
                http_method(req), http_url(req));
        err_hint(err, _("Check that the profile's url points at the API; try again."));
        return NULL;
    }
    return j;
}

void api_set_created_unread(struct api_call *call, struct http_request *req,
                            struct tn_error *err)
{
    const struct api_kind_def *k = api_call_kind(call);
    bool secret = false;
    for (size_t i = 0; i < k->nfields; i++)
        secret |= (k->fields[i].flags & FIELD_SECRET) != 0;
    err->http_status = http_status(req);
    err_set(err, ST_CREATED_UNREAD,
            phrase(k, PH_CREATED_UNREAD,
                   _("%s %s: it was created (HTTP %ld), but the server's answer could not be "
                     "read")),
            http_method(req), http_url(req), err->http_status);
    char *list = xasprintf("%s %s list%s", util_progname(), k->name,
                           /* TRANSLATORS: a placeholder added to a command, as in "tenantry
                            * clients list TENANT"; keep the space at the start and the capitals. */
                           k->parent ? _(" TENANT") : "");
    if (secret && k->parent)
        err_hint(err,
                 _("The client secret in that answer is lost: it is never shown again. "
                   "Do not create it again: find the new client with `%s`, then delete it "
                   "and create another (or rotate its secret where your platform "
                   "allows)."),
                 list);
    else if (secret)
        err_hint(err,
                 _("The secret of its first client, in that answer, is lost: it is never "
                   "shown again. Do not create it again: find the new tenant with `%s`, "
                   "then delete its client and create another (or rotate that client's "
                   "secret where your platform allows)."),
                 list);
    else
        err_hint(err, phrase(k, PH_FIND_NEW, _("Do not create it again: find it with `%s`.")),
                 list);
    free(list);
}

void api_set_maybe_done(const struct http_request *req, struct tn_error *err)
{
    if (err->code == ST_OK || !http_maybe_repeated(req))
        return;
    err->maybe_done = true;
    err_hint(err, _("A send of it got no answer before this, so it may have been carried out "
                    "all the same: list them to see."));
}

bool api_link_open(struct api_link *l, const struct profile *p, struct tn_error *err)
{
    memset(l, 0, sizeof(*l));
    if (!http_url_allowed(p->url, err)) {
        /* TRANSLATORS: %s is the profile's name; the reason follows after ": ". */
        err_prefix(err, _("profile \"%s\""), p->name);
        return false;
    }
    l->base = xstrdup(p->url);
    size_t n = strlen(l->base);
    while (n && l->base[n - 1] == '/')
        l->base[--n] = '\0';
    l->http.timeout_ms = (long)(p->timeout > 0 ? p->timeout : PROFILE_DEFAULT_TIMEOUT) * 1000;
    if (p->ca_file)
        l->http.ca_file = l->ca_file = xstrdup(p->ca_file);
    if (p->proxy)
        l->http.proxy = l->proxy = xstrdup(p->proxy);
    return true;
}

void api_link_close(struct api_link *l)
{
    free(l->base);
    free(l->ca_file);
    util_free_secret(l->proxy);
    memset(l, 0, sizeof(*l));
}

void api_add_bare_message(struct strbuf *sb, struct http_request *req, const cJSON *j)
{
    size_t len;
    const char *body = http_body(req, &len);
    long status = http_status(req);
    const char *to = http_redirect(req);
    if (status >= 300 && status <= 399 && to)
        sb_addf(sb, _("the server redirects to %s (redirects are not followed)"), to);
    else if (status >= 300 && status <= 399)
        sb_adds(sb, _("the server answered with a redirect (not followed)"));
    else if (!j && len && len <= 200 && !memchr(body, '<', len))
        sb_add(sb, body, strcspn(body, "\r\n"));
    else
        sb_adds(sb, _("the answer holds no error message")); /* err_format adds the status */
}

void api_set_http_error(struct http_request *req, const char *said, struct tn_error *err)
{
    long status = http_status(req);
    err->http_status = status;
    err_set(err, api_status_class(status), "%s %s: %s", http_method(req), http_url(req), said);
    if (status >= 300 && status <= 399) {
        err_hint(err, _("Check the profile's url (https rather than http? the API's path?): "
                        "requests are never redirected, so that credentials go nowhere else."));
        return;
    }
    if (status != 429 && (status < 502 || status > 504))
        return;
    if (!strcmp(http_method(req), "POST"))
        err_hint(err, _("The server is busy or failing. A create is never retried "
                        "automatically: try again later."));
    else
        err_hint(err, ngettext("The server is busy or failing (tried %d time): try again later.",
                               "The server is busy or failing (tried %d times): try again later.",
                               (unsigned long)http_attempts(req)),
                 http_attempts(req));
}

/* auth.c: OAuth client-credentials tokens: fetch, cache, renew, replay on 401. */
#include "config.h"

#include "core/auth.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/json.h"
#include "core/keyring.h"
#include "core/log.h"
#include "core/secret.h"

#define RENEW_BEFORE_MS (60 * 1000)
#define DEFAULT_TTL_S 3600 /* when the token response has no expires_in */
#define TOKEN_MAX_BYTES (16 * 1024)
#define MAX_TTL_S (10LL * 365 * 86400) /* a longer expires_in is malformed */

/* A request given to auth_submit, until it is delivered. */
struct call {
    struct call *next;
    struct auth *auth;
    struct http_request *req;
    http_done_fn done;
    void *ud;
    bool waiting;  /* queued for a token (not in the engine) */
    bool replayed; /* already sent again after a 401 */
    unsigned gen;  /* the token request it waits for */
    char *token;   /* the token it was sent with */
};

struct auth {
    struct http_engine *engine;
    char *profile, *token_url, *audience, *client_id;
    char *client_secret; /* NULL until resolved from the sources below */
    char *secret_inline, *secret_env, *secret_command, *secret_name;
    struct http_settings http;
    char *ca_file;
    char *token;            /* NULL when there is none */
    int64_t renew_at_ms;    /* monotonic */
    int64_t expires_wall_ms;
    char *cache_name;       /* the token's key in the kernel keyring, NULL when not cached */
    bool fresh;             /* do not take a cached token (a new one is still cached) */
    struct http_request *token_req; /* in flight, or NULL */
    unsigned gen;                   /* counts token requests */
    struct call *calls;
};

struct auth *auth_new(struct http_engine *e, const struct auth_config *cfg)
{
    struct auth *a = xcalloc(1, sizeof(*a));
    a->engine = e;
    a->profile = xstrdup(cfg->profile ? cfg->profile : "");
    a->token_url = xstrdup(cfg->token_url);
    a->audience = xstrdup(cfg->audience);
    a->client_id = xstrdup(cfg->client_id);
    a->client_secret = cfg->client_secret ? xstrdup(cfg->client_secret) : NULL;
    a->secret_inline = cfg->secret_inline ? xstrdup(cfg->secret_inline) : NULL;
    a->secret_env = cfg->secret_env ? xstrdup(cfg->secret_env) : NULL;
    a->secret_command = cfg->secret_command ? xstrdup(cfg->secret_command) : NULL;
    a->secret_name = xstrdup(cfg->secret_name ? cfg->secret_name : "client_secret");
    a->http = cfg->http;
    if (cfg->http.ca_file)
        a->http.ca_file = a->ca_file = xstrdup(cfg->http.ca_file);
    if (cfg->token_cache)
        a->cache_name = keyring_token_name(cfg->token_url, cfg->client_id, cfg->audience);
    a->fresh = cfg->fresh_token;
    return a;
}

/* Free a call record (not its request). */
static void call_free(struct call *c)
{
    util_free_secret(c->token);
    free(c);
}

/* Unlink c from a's list. */
static void call_unlink(struct auth *a, struct call *c)
{
    for (struct call **p = &a->calls; *p; p = &(*p)->next) {
        if (*p == c) {
            *p = c->next;
            return;
        }
    }
}

void auth_forget(struct auth *a)
{
    util_free_secret(a->token);
    a->token = NULL;
    a->expires_wall_ms = 0;
}

void auth_free(struct auth *a)
{
    if (!a)
        return;
    while (a->calls)
        auth_cancel(a, a->calls->req);
    if (a->token_req)
        http_cancel(a->engine, a->token_req);
    auth_forget(a);
    util_free_secret(a->client_secret);
    util_free_secret(a->secret_inline);
    free(a->secret_env);
    free(a->secret_command);
    free(a->secret_name);
    free(a->profile);
    free(a->token_url);
    free(a->audience);
    free(a->client_id);
    free(a->ca_file);
    free(a->cache_name);
    free(a);
}

int64_t auth_token_expiry(const struct auth *a)
{
    return a->token ? a->expires_wall_ms : 0;
}

static void fetch_token(struct auth *a);
static void on_api_done(struct http_request *req, void *ud);

/* Send c's request with the current token. */
static void send_call(struct auth *a, struct call *c)
{
    char *line = xasprintf("Authorization: Bearer %s", a->token);
    http_request_set_header(c->req, "Authorization:", line, true);
    util_free_secret(line);
    util_free_secret(c->token);
    c->token = xstrdup(a->token);
    c->waiting = false;
    http_submit(a->engine, c->req, on_api_done, c);
}

/* True when the token can be used now. */
static bool token_fresh(const struct auth *a)
{
    return a->token && util_now_ms() < a->renew_at_ms;
}

/* Take the token another command left in the kernel keyring, when there is a good one. */
static bool token_from_cache(struct auth *a)
{
    char *tok = NULL;
    int64_t expires, renew;
    if (!a->cache_name || a->fresh || !keyring_token_load(a->cache_name, &tok, &expires, &renew))
        return false;
    if (a->token && !strcmp(a->token, tok)) { /* the one we have, no fresher */
        util_free_secret(tok);
        return false;
    }
    auth_forget(a);
    a->token = tok;
    int64_t now = util_wallclock_ms();
    a->renew_at_ms = util_now_ms() + (renew - now);
    a->expires_wall_ms = expires;
    log_printf("token for profile %s taken from the kernel keyring, expires in %lld s",
               a->profile, (long long)((expires - now) / 1000));
    return true;
}

/* Queue c for a token and make sure one is being fetched. */
static void wait_for_token(struct auth *a, struct call *c)
{
    c->waiting = true;
    if (!a->token_req)
        fetch_token(a);
    c->gen = a->gen;
}

/* Send c with the token we have when it is fresh, or with one from the keyring; else queue it
 * for a new one. */
static void send_or_wait(struct auth *a, struct call *c)
{
    if (token_fresh(a) || (!a->token_req && token_from_cache(a)))
        send_call(a, c);
    else
        wait_for_token(a, c);
}

void auth_submit(struct auth *a, struct http_request *req, http_done_fn done, void *ud)
{
    struct call *c = xcalloc(1, sizeof(*c));
    c->auth = a;
    c->req = req;
    c->done = done;
    c->ud = ud;
    c->next = a->calls;
    a->calls = c;
    send_or_wait(a, c);
}

void auth_cancel(struct auth *a, struct http_request *req)
{
    for (struct call *c = a->calls; c; c = c->next) {
        if (c->req != req)
            continue;
        call_unlink(a, c);
        if (c->waiting)
            http_request_free(req);
        else
            http_cancel(a->engine, req);
        call_free(c);
        return;
    }
}

/* Hand c's request to its owner. */
static void deliver(struct auth *a, struct call *c)
{
    call_unlink(a, c);
    struct http_request *req = c->req;
    http_done_fn done = c->done;
    void *ud = c->ud;
    call_free(c);
    done(req, ud);
}

static void on_api_done(struct http_request *req, void *ud)
{
    struct call *c = ud;
    struct auth *a = c->auth;
    if (http_status(req) == 401 && a->cache_name && c->token)
        keyring_token_drop(a->cache_name, c->token);
    if (http_status(req) == 401 && !c->replayed) {
        log_printf("%s %s: 401, renewing the token and replaying once", http_method(req),
                   http_url(req));
        c->replayed = true;
        if (a->token && c->token && !strcmp(a->token, c->token))
            auth_forget(a);
        http_request_reset(req);
        send_or_wait(a, c);
        return;
    }
    deliver(a, c);
}

/* Fail every call waiting for token request gen with err (copied to each). Calls that the
 * callbacks queue meanwhile wait for a new token request and are left alone. */
static void fail_waiting(struct auth *a, const struct tn_error *err, unsigned gen)
{
    for (;;) {
        struct call *c = a->calls;
        while (c && !(c->waiting && c->gen == gen))
            c = c->next;
        if (!c)
            return;
        struct tn_error copy = {0};
        err_copy(&copy, err);
        http_request_fail(c->req, &copy);
        deliver(a, c);
    }
}

/* Send every waiting call with the new token. */
static void send_waiting(struct auth *a)
{
    for (struct call *c = a->calls; c; c = c->next)
        if (c->waiting)
            send_call(a, c);
}

/* Turn a refused token request into a message: both documented JSON shapes
 * ({"error", "error_description"} and {code, message}) and a bare-text body. */
static void token_refused(struct auth *a, struct http_request *req, struct tn_error *err)
{
    size_t len;
    const char *body = http_body(req, &len);
    long status = http_status(req);
    cJSON *j = json_parse_answer(body, len);
    const char *code = j ? json_get_string(j, "error") : NULL;
    const char *desc = j ? json_get_string(j, "error_description") : NULL;
    if (j && !code) {
        code = json_get_string(j, "code");
        desc = json_get_string(j, "message");
    }
    struct strbuf why = SB_INIT;
    if (code && desc)
        sb_addf(&why, "%s: %s", code, desc);
    else if (code || desc)
        sb_adds(&why, code ? code : desc);
    else if (len && len < 200 && !j)
        sb_add(&why, body, strcspn(body, "\r\n"));
    err->http_status = status;
    free(err->api_code);
    err->api_code = code ? xstrdup(code) : NULL;
    if (status >= 500 || status == 429) { /* err_format adds the status */
        if (why.len)
            /* TRANSLATORS: the token endpoint's URL, then the server's reason (English, from
             * the server). */
            err_set(err, ST_NETWORK, _("the token endpoint %s failed: %s"), a->token_url,
                    sb_str(&why));
        else
            /* TRANSLATORS: %s is the token endpoint's URL. */
            err_set(err, ST_NETWORK, _("the token endpoint %s failed"), a->token_url);
        err_hint(err, _("The authorization server has a problem: try again later."));
    } else if (status == 404 || status == 405) {
        if (why.len)
            /* TRANSLATORS: the profile's name, the token endpoint's URL, then the server's
             * reason (English, from the server). */
            err_set(err, ST_AUTH, _("profile \"%s\": no token endpoint at %s: %s"), a->profile,
                    a->token_url, sb_str(&why));
        else
            /* TRANSLATORS: the profile's name, then the token endpoint's URL. */
            err_set(err, ST_AUTH, _("profile \"%s\": no token endpoint at %s"), a->profile,
                    a->token_url);
        err_hint(err, _("Check the profile's auth_url."));
    } else {
        if (why.len)
            /* TRANSLATORS: the profile's name, then the server's reason (English, from the
             * server). */
            err_set(err, ST_AUTH, _("profile \"%s\": the token endpoint refused the client "
                                    "credentials: %s"),
                    a->profile, sb_str(&why));
        else
            /* TRANSLATORS: %s is the profile's name. */
            err_set(err, ST_AUTH, _("profile \"%s\": the token endpoint refused the client "
                                    "credentials"),
                    a->profile);
        /* TRANSLATORS: %s is the profile's name; keep the settings' names (client_id, audience,
         * auth_url) and the command in `...` as they are. */
        err_hint(err, _("Check the profile's client_id, client secret, audience and auth_url "
                        "(`tenantry profile test %s` tries them)."),
                 a->profile);
    }
    sb_free(&why);
    cJSON_Delete(j);
}

const char *auth_token_problem(const char *tok)
{
    static const char token68[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                  "0123456789-._~+/";
    size_t n = strlen(tok), body = strspn(tok, token68);
    if (n > TOKEN_MAX_BYTES)
        return _("it is longer than 16 KiB");
    if (body == 0 || strspn(tok + body, "=") != n - body)
        return _("it holds a character a bearer token cannot hold (RFC 6750 allows letters, "
                 "digits, -._~+/ and a trailing =)");
    return NULL;
}

/* The token request finished. */
static void on_token_done(struct http_request *req, void *ud)
{
    struct auth *a = ud;
    struct tn_error err = {0};
    a->token_req = NULL;
    const struct tn_error *terr = http_error(req);
    if (terr->code != ST_OK) {
        err_set(&err, terr->code, _("cannot get a token: %s"), terr->message);
        if (terr->hint)
            err_hint(&err, "%s", terr->hint);
    } else if (http_status(req) != 200) {
        token_refused(a, req, &err);
    } else {
        size_t len;
        const char *body = http_body(req, &len);
        cJSON *j = json_parse_answer(body, len);
        const char *tok = j ? json_get_string(j, "access_token") : NULL;
        long long ttl = DEFAULT_TTL_S;
        const cJSON *exp = j ? cJSON_GetObjectItemCaseSensitive(j, "expires_in") : NULL;
        const char *problem = tok && *tok ? auth_token_problem(tok) : NULL;
        if (!tok || !*tok) {
            err_set(&err, ST_NETWORK, _("the token endpoint %s sent no usable access_token"),
                    a->token_url);
        } else if (exp && !json_get_int(j, "expires_in", 1, MAX_TTL_S, &ttl)) {
            char *said = json_print(exp);
            /* TRANSLATORS: the token endpoint's URL, the value the server sent (JSON, cut at 40
             * characters), then the largest number of seconds allowed; keep expires_in
             * untranslated (a field name). */
            err_set(&err, ST_NETWORK, _("the token endpoint %s sent the expires_in %.40s, which "
                                        "is no whole number of seconds from 1 to %lld"),
                    a->token_url, said, (long long)MAX_TTL_S);
            err_hint(&err, _("The token server's answer is malformed: tell its operator."));
            free(said);
        } else if (problem) {
            /* TRANSLATORS: the token endpoint's URL, then why the token is unusable; keep
             * access_token untranslated (a field name). */
            err_set(&err, ST_NETWORK, _("the token endpoint %s sent an access_token that "
                                        "cannot be sent back: %s"),
                    a->token_url, problem);
            err_hint(&err, _("Check the profile's auth_url: it should name the OAuth token "
                             "endpoint of the Management API."));
        } else {
            auth_forget(a);
            a->token = xstrdup(tok);
            int64_t ttl_ms = (int64_t)ttl * 1000;
            int64_t margin = ttl_ms > 2 * RENEW_BEFORE_MS ? RENEW_BEFORE_MS : ttl_ms / 2;
            a->renew_at_ms = util_now_ms() + ttl_ms - margin;
            int64_t now = util_wallclock_ms();
            a->expires_wall_ms = now + ttl_ms;
            log_printf("token received for profile %s, expires in %lld s", a->profile, ttl);
            if (a->cache_name)
                keyring_token_store(a->cache_name, a->token, a->expires_wall_ms,
                                    now + ttl_ms - margin);
        }
        json_delete_wiped(j);
    }
    http_request_free(req);
    if (err.code != ST_OK) {
        fail_waiting(a, &err, a->gen);
        err_clear(&err);
    } else {
        send_waiting(a);
    }
}

bool auth_token_cached(const struct auth_config *cfg)
{
    if (!cfg->token_cache || cfg->fresh_token)
        return false;
    char *name = keyring_token_name(cfg->token_url, cfg->client_id, cfg->audience), *tok = NULL;
    int64_t expires, renew;
    bool ok = keyring_token_load(name, &tok, &expires, &renew);
    util_free_secret(tok);
    free(name);
    return ok;
}

/* Start a token request, resolving the secret first when that was left for now (a cached
 * token was used until now): a secret that cannot be had fails the request. */
static void fetch_token(struct auth *a)
{
    if (!a->client_secret) {
        struct tn_error err = {0};
        a->client_secret = secret_resolve(a->secret_inline, a->secret_env, a->secret_command,
                                          a->profile, a->secret_name, &err);
        if (!a->client_secret) {
            struct http_request *req = http_request_new("POST", a->token_url, &a->http);
            http_request_fail(req, &err);
            a->token_req = req;
            a->gen++;
            http_deliver(a->engine, req, on_token_done, a);
            return;
        }
    }
    cJSON *body = json_new_object();
    json_add_string(body, "client_id", a->client_id);
    json_add_string(body, "client_secret", a->client_secret);
    json_add_string(body, "audience", a->audience);
    json_add_string(body, "grant_type", "client_credentials");
    char *text = json_print(body);
    json_delete_wiped(body);

    struct http_request *req = http_request_new("POST", a->token_url, &a->http);
    http_request_header(req, "Accept: application/json", false);
    http_request_body(req, text, strlen(text), "application/json", true);
    util_free_secret(text);
    http_request_set_retry(req, true); /* asking for a token twice does no harm */
    a->token_req = req;
    a->gen++;
    log_printf("requesting a token for profile %s from %s", a->profile, a->token_url);
    http_submit(a->engine, req, on_token_done, a);
}

char *auth_basic_header(const char *user, const char *password)
{
    struct strbuf pair = SB_INIT;
    sb_addf(&pair, "%s:%s", user, password);
    char *b64 = util_base64_encode(pair.buf, pair.len);
    sb_wipe(&pair);
    char *line = xasprintf("Authorization: Basic %s", b64);
    util_free_secret(b64);
    return line;
}

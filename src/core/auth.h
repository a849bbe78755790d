/* auth.h: the token lifecycle for OAuth client credentials: fetched on first need, kept in
 * memory and (unless turned off) in the kernel keyring for the next commands, renewed a minute
 * before it expires, renewed once and the request replayed on a 401 (which drops it from the
 * keyring). */
#ifndef TENANTRY_AUTH_H
#define TENANTRY_AUTH_H

#include <stdint.h>

#include "core/http.h"

struct auth;

/* What a token request needs. Strings are copied (the secret wiped when freed). */
struct auth_config {
    const char *profile;   /* for messages */
    const char *token_url;
    const char *audience;
    const char *client_id;
    const char *client_secret; /* NULL: resolved from secret_* when a token must be fetched */
    /* where the secret comes from (inline, an environment variable or a command: one of the
     * three) and its setting's name ("client_secret"), for a client_secret left NULL */
    const char *secret_inline, *secret_env, *secret_command, *secret_name;
    struct http_settings http;
    bool token_cache; /* share tokens between commands through the kernel keyring */
    bool fresh_token; /* never take a cached token (profile test); a new one is still cached */
};

/* A token manager sending its requests through e. */
struct auth *auth_new(struct http_engine *e, const struct auth_config *cfg);
/* True when the kernel keyring holds a token for cfg that is good for now (its cache on and
 * fresh_token off): the secret is then not needed until that token is due for renewal. */
bool auth_token_cached(const struct auth_config *cfg);
/* Cancel what waits for a token, wipe the token and the secret, free a. */
void auth_free(struct auth *a);
/* Submit req with "Authorization: Bearer TOKEN", getting a token first when there is none or
 * it is about to expire; on a 401, renew once and replay. done gets the final outcome; when no
 * token could be had, http_error(req) says why (ST_AUTH or ST_NETWORK). */
void auth_submit(struct auth *a, struct http_request *req, http_done_fn done, void *ud);
/* Stop a request given to auth_submit (waiting or in flight) and free it. */
void auth_cancel(struct auth *a, struct http_request *req);
/* When the current token expires (Unix ms), or 0 when there is none. */
int64_t auth_token_expiry(const struct auth *a);
/* Forget the token so that the next request fetches a new one. */
void auth_forget(struct auth *a);
/* Why tok cannot be sent as a bearer token (not RFC 6750 token68, or over 16 KiB), or NULL
 * when it can. */
const char *auth_token_problem(const char *tok);
/* The header line "Authorization: Basic base64(user:password)" (a secret: util_free_secret). */
char *auth_basic_header(const char *user, const char *password);

#endif

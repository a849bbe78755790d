/* keyring.h: OAuth tokens kept between commands in the kernel's user keyring (libkeyutils):
 * one key per auth URL, client ID and audience, readable by its owner only, expiring when the
 * token is due for renewal; never on disk. Where the keyring is refused (some containers),
 * every call here does nothing after one line in the debug log: tokens stay in memory. */
#ifndef TENANTRY_KEYRING_H
#define TENANTRY_KEYRING_H

#include <stdbool.h>
#include <stdint.h>

/* The key description of the token of (auth_url, client_id, audience): "tenantry:token " and
 * the three, each with '%', space and control characters %-escaped (a new string). */
char *keyring_token_name(const char *auth_url, const char *client_id, const char *audience);
/* The cached token called name, when there is one still good at least until it is due for
 * renewal: true with *token (free with util_free_secret), its expiry and its renewal time
 * (Unix ms). A key that is not the caller's own, or readable by others, is ignored. */
bool keyring_token_load(const char *name, char **token, int64_t *expires_ms,
                        int64_t *renew_ms);
/* Cache token under name until renew_ms (Unix ms; the key's timeout), replacing what was
 * there. */
void keyring_token_store(const char *name, const char *token, int64_t expires_ms,
                         int64_t renew_ms);
/* Drop the key called name if it holds token (a token refused with a 401), or whatever it
 * holds when token is NULL. */
void keyring_token_drop(const char *name, const char *token);

#endif

/* tokens.h: bearer tokens the sandbox issued, and when each expires. Thread-safe. */
#ifndef TENANTRY_SANDBOX_TOKENS_H
#define TENANTRY_SANDBOX_TOKENS_H

#include <stdbool.h>

/* Set the lifetime of tokens issued from now on. */
void tokens_init(long ttl_seconds, const char *audience);
/* Issue a new token (a JWT-shaped opaque string); the caller frees it. */
char *tokens_issue(void);
/* True when token was issued here and has not expired. */
bool tokens_valid(const char *token);
/* Forget every token. */
void tokens_free(void);

#endif

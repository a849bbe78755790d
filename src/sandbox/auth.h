/* auth.h: the sandbox's credentials: bearer tokens (MATTR routes) and Basic auth (the system
 * routes). */
#ifndef TENANTRY_SANDBOX_AUTH_H
#define TENANTRY_SANDBOX_AUTH_H

#include <stdbool.h>

#include "sandbox/server.h"

/* What a Basic check found. */
enum basic_result { BASIC_OK, BASIC_MISSING, BASIC_WRONG };

/* Does req carry "Authorization: Bearer T" with a token the sandbox issued and still honours? */
bool auth_bearer_ok(const struct request *req);
/* Check "Authorization: Basic base64(user:password)" of req against user_want and
 * password_want (--system-user, --system-password), comparing both in constant time. */
enum basic_result auth_basic_check(const struct request *req, const char *user_want,
                                 const char *password_want);
/* Answer a failed Basic check: 401 with the challenge. */
void auth_basic_denied(struct reply *rep, enum basic_result why);

#endif

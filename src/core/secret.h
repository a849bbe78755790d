/* secret.h: where a secret comes from (inline, environment, helper command) and prompts. */
#ifndef TENANTRY_SECRET_H
#define TENANTRY_SECRET_H

#include <stdio.h>

#include "core/status.h"

/* The secret from exactly one source: inline text, the environment variable env_name, or
 * the output of the shell command command (trailing newline removed). profile and what
 * ("client_secret") only label error messages, which never contain the secret. Returns a
 * new string to free with util_free_secret(), or NULL with err set. */
char *secret_resolve(const char *inline_value, const char *env_name, const char *command,
                     const char *profile, const char *what, struct tn_error *err);
/* Read one line from the terminal with echo off, after printing prompt to it. NULL with
 * err set when there is no terminal or the read fails or is empty. */
char *secret_prompt(const char *prompt, struct tn_error *err);
/* Read one line (the secret) from f, newline removed; NULL with err set when empty. */
char *secret_read_line(FILE *f, struct tn_error *err);

#endif

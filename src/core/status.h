/* status.h: outcome codes (one X-macro table) and the error record every core call fills. */
#ifndef TENANTRY_STATUS_H
#define TENANTRY_STATUS_H

#include <stdbool.h>

#include "core/util.h"

/* X(enum name, process exit code, short description) */
#define STATUS_CODES(X)                                                   \
    /* TRANSLATORS: exit statuses, shown as the error when nothing more precise is said */ \
    X(ST_OK, 0, N_("success"))                                            \
    X(ST_OTHER, 1, N_("error"))                                           \
    X(ST_USAGE, 2, N_("usage error"))                                     \
    X(ST_AUTH, 3, N_("authentication failed"))                            \
    X(ST_NOT_FOUND, 4, N_("not found"))                                   \
    X(ST_INVALID, 5, N_("rejected by the server (validation or conflict)")) \
    X(ST_NETWORK, 6, N_("network or server error"))                       \
    X(ST_CONFLICT, 5, N_("conflict: changed since it was read"))                 \
    X(ST_CREATED_UNREAD, 7, N_("created, but the server's answer could not be read"))

enum status_code {
#define X(name, exit, text) name,
    STATUS_CODES(X)
#undef X
};

/* What a server said of one input field ("subdomain": "is already used"). */
struct tn_detail {
    char *field;
    char *message;
};

/* What went wrong: the class, the HTTP status and the server's code and message where there
 * was a response, and what the operator can do about it. Zero-initialise. */
struct tn_error {
    enum status_code code;
    long http_status;   /* 0 when no response came */
    char *api_code;     /* the server's "code" (e.g. "NotFound"), or NULL */
    char *message;      /* one line, never a secret */
    char *hint;         /* what to do, or NULL */
    struct tn_detail *details; /* what the server said of single fields, or NULL */
    size_t ndetails;
    bool maybe_done; /* a change that may have been carried out all the same: a send of it got
                      * no answer before this failure (the outcome is unknown) */
};

/* The process exit status documented for code. */
int status_exit_code(enum status_code code);
/* The translated short description of code. */
const char *status_text(enum status_code code);

/* Replace err's class and message (printf-style); keeps http_status and api_code. */
void err_set(struct tn_error *err, enum status_code code, const char *fmt, ...) TN_PRINTF(3, 4);
/* Replace err's hint (printf-style). */
void err_hint(struct tn_error *err, const char *fmt, ...) TN_PRINTF(2, 3);
/* Put "context: " in front of err's message (printf-style). */
void err_prefix(struct tn_error *err, const char *fmt, ...) TN_PRINTF(2, 3);
/* Add what the server said of one field (both copied). */
void err_add_detail(struct tn_error *err, const char *field, const char *message);
/* Free what err holds and reset it to ST_OK. */
void err_clear(struct tn_error *err);
/* Copy src into dst (clearing dst first). */
void err_copy(struct tn_error *dst, const struct tn_error *src);
/* Move src into dst (clearing dst first); src is left reset. */
void err_move(struct tn_error *dst, struct tn_error *src);
/* One or two lines for a human: "message (HTTP 404 NotFound)" and, if any, the hint. */
char *err_format(const struct tn_error *err);
/* The same on one line: the hint after the message, two spaces between (a status line). */
char *err_format_line(const struct tn_error *err);

#endif

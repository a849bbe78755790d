/* server.h: the HTTP side of the sandbox: libmicrohttpd, routing, bodies, auth, faults,
 * events. An API (mattr.c, system.c) is a table of routes with handlers. */
#ifndef TENANTRY_SANDBOX_SERVER_H
#define TENANTRY_SANDBOX_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "sandbox/opts.h"

#define BODY_LIMIT (1024 * 1024) /* bodies above 1 MiB get 413 */
#define ROUTE_MAX_ARGS 3

struct request {
    const char *method;
    const char *path;
    const char *args[ROUTE_MAX_ARGS]; /* the path segments matched by '*' */
    const char *body;
    size_t body_len;
    struct MHD_Connection *conn;
    bool repeat_cursor; /* a list's next link must lead to the page just served (a fault) */
};

struct reply {
    unsigned status;
    char *body; /* owned */
    size_t len;
    const char *content_type;
    char *event_id;   /* the created row's id, for the _SUCCESS event; owned */
    char *event_extra; /* more "key=value ..." fields for the _SUCCESS event; owned */
    bool no_store;    /* Cache-Control: no-store (token answers) */
    const char *allow; /* the Allow header of a 405 */
    const char *www_authenticate; /* the WWW-Authenticate header of a 401 (static) */
    bool cursor_repeated; /* the handler obeyed repeat_cursor (logged as fault=repeat-cursor) */
    const char *location; /* the Location header of a redirect (static) */
};

typedef void (*route_fn)(const struct request *req, struct reply *rep);

enum route_auth {
    AUTH_NONE,   /* open, e.g. the token endpoint */
    AUTH_BEARER, /* Authorization: Bearer TOKEN issued by /oauth/token */
    AUTH_BASIC,  /* Authorization: Basic with --system-user and --system-password; the
                  * /system API, whose errors (also the server's own) are problem+json */
};

struct route {
    const char *method;
    const char *pattern; /* path; a segment "*" matches any one segment, kept in args */
    const char *event;   /* analytic event prefix, e.g. "TENANT_CREATE" */
    enum route_auth auth;
    bool faults;         /* fault injection applies */
    route_fn fn;
};

struct server;

/* Serve routes (n of them) on the already listening socket fd; NULL with a message on
 * failure. */
struct server *server_start(const struct sandbox_opts *opts, const struct route *routes, size_t n,
                            int fd, bool ipv6);
/* Stop serving and free the server (waits for requests in progress). */
void server_stop(struct server *srv);

/* The query argument key: NULL when absent, "" when present without a value. */
const char *request_query(const struct request *req, const char *key);
/* The request header name (case-insensitive), or NULL. */
const char *request_header(const struct request *req, const char *name);
/* Call fn for every query argument, %-decoded, in the order sent, repeated keys included
 * (value "" when the argument has no '='). */
typedef void (*query_fn)(const char *key, const char *value, void *ctx);
void request_query_each(const struct request *req, query_fn fn, void *ctx);

/* Answer with body (owned; NULL for none) of the given Content-Type (reply.c has them all). */
void reply_text(struct reply *rep, unsigned status, char *body, const char *type);
/* Answer with JSON (takes ownership of body). */
void reply_json(struct reply *rep, unsigned status, cJSON *body);
/* Answer with an error body {code, type, message, details}; takes ownership of details
 * (NULL for none). */
void reply_error(struct reply *rep, unsigned status, const char *message, cJSON *details);
/* Answer 400 naming one bad parameter (location "query", "body" or "path"). */
void reply_bad_param(struct reply *rep, const char *location, const char *param, const char *msg,
                     const char *value);
/* Answer with no body. */
void reply_empty(struct reply *rep, unsigned status);
/* One details[] entry {location, param, msg, value?}. */
cJSON *detail_new(const char *location, const char *param, const char *msg, const char *value);

/* Answer with an RFC 7807 body {type, title, detail} as application/problem+json (the
 * /system API's errors). */
void reply_problem(struct reply *rep, unsigned status, const char *detail);
/* Answer 400 problem+json with violations (an array of violation_new(), owned), its detail
 * "path: message" lines joined by newlines. */
void reply_violations(struct reply *rep, cJSON *violations);
/* One violations[] entry {propertyPath, message}. */
cJSON *violation_new(const char *path, const char *message);

#endif

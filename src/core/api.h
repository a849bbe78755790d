/* api.h: the backend interface. A backend names its resource kinds and implements list-page,
 * get, create, update and delete over the engine; the CLI and the TUI only call api_*. */
#ifndef TENANTRY_API_H
#define TENANTRY_API_H

#include <stdbool.h>
#include <stdint.h>

#include "core/http.h"
#include "core/model.h"
#include "core/profile.h"
#include "core/status.h"

struct api_session;
struct api_call;
struct walk;
struct api_impl; /* a backend's own session state */

/* Completion callbacks. On success err->code is ST_OK. The callback owns what it is given:
 * page contents (model_page_clear; empty on failure, but see api_list) and row (model_row_free; NULL on failure, except that an
 * update failing with ST_CONFLICT passes the object as the server has it now when it could
 * be read). err is freed after the callback returns. */
typedef void (*api_page_fn)(void *ud, struct page *page, const struct tn_error *err);
typedef void (*api_row_fn)(void *ud, struct row *row, const struct tn_error *err);
typedef void (*api_done_fn)(void *ud, const struct tn_error *err);

/* Inputs of a create or update, keyed by the kind's input keys; a key may repeat
 * (INPUT_MULTI). */
struct api_value {
    const char *key;
    const char *value;
};
struct api_values {
    const struct api_value *v;
    size_t n;
};

/* Where a request of a list, get, create, update or delete goes. */
struct api_target {
    const struct api_kind_def *kind;
    const char *parent; /* the parent's ID (a client's tenant), or NULL */
    const char *id;     /* the object's ID for get, update and delete */
    const struct api_values *filter; /* a list's filters, by the kind's filter keys, or NULL */
    unsigned parts; /* what a list's rows need (API_ROW_*), 0 for everything */
    bool bulk; /* a list loaded to its end (--all, G): a backend may fetch pages ahead */
};
/* Parts of a row a list may ask for alone: the values (tables, the console's panes) or the raw
 * JSON (json and jsonl output, written as the server sent it when nothing must be taken out:
 * no parsing into a tree). A row that holds a secret has both. */
#define API_ROW_VALUES 1u
#define API_ROW_RAW 2u

/* How a backend authenticates, for the console's header. */
enum api_auth {
    API_AUTH_TOKEN, /* a bearer token that expires (api_token_expiry) */
    API_AUTH_BASIC, /* a user and password on every request */
};

struct api_backend {
    const char *name; /* "mattr" */
    enum api_auth auth;
    const struct api_kind_def *const *kinds;
    size_t nkinds;
    struct api_impl *(*open)(struct http_engine *e, const struct profile *p, const char *secret,
                             struct tn_error *err);
    void (*close)(struct api_impl *impl);
    /* True when p's credential is cached (a token in the keyring): open then gets no secret
     * and resolves it from the profile only if it must (NULL: never cached). */
    bool (*credential_cached)(const struct profile *p);
    /* Each returns the request it sent (for cancelling); the callback always runs later. */
    struct http_request *(*list)(struct api_impl *impl, struct api_call *call,
                                 const struct api_target *t, const char *next, int limit);
    struct http_request *(*get)(struct api_impl *impl, struct api_call *call,
                                const struct api_target *t);
    struct http_request *(*create)(struct api_impl *impl, struct api_call *call,
                                   const struct api_target *t, const struct api_values *in,
                                   struct tn_error *err);
    struct http_request *(*update)(struct api_impl *impl, struct api_call *call,
                                   const struct api_target *t, const struct api_values *in,
                                   struct tn_error *err);
    struct http_request *(*remove)(struct api_impl *impl, struct api_call *call,
                                   const struct api_target *t);
    void (*cancel)(struct api_impl *impl, struct http_request *req);
    int64_t (*token_expiry)(const struct api_impl *impl);
    /* False with err set when next cannot be a next-page token of this API (--cursor);
     * NULL: its tokens are opaque, any is sent. */
    bool (*check_cursor)(const char *next, struct tn_error *err);
    /* The largest page the API serves (NULL: 1000). */
    int (*max_page_size)(const struct api_impl *impl);
    /* Set the hint for a list whose later page (page) starts with the first page's rows;
     * false when the backend has none to give (NULL: never). */
    bool (*repeat_hint)(const struct api_impl *impl, const struct page *page,
                        struct tn_error *err);
};

/* Every backend (n of them). */
const struct api_backend *const *api_backends(size_t *n);
/* The backend called name ("mattr"), or NULL. */
const struct api_backend *api_backend_find(const char *name);
/* The kind called name in backend b, or NULL. */
const struct api_kind_def *api_kind_find(const struct api_backend *b, const char *name);

/* Open a session for profile p: resolve its secret (unless the backend has a cached token:
 * then only when that must be renewed) and ready the backend. NULL with err set. */
struct api_session *api_open(struct http_engine *e, const struct profile *p,
                             struct tn_error *err);
/* Cancel what is in flight and close the session. */
void api_close(struct api_session *s);
/* The session's backend and profile. */
const struct api_backend *api_backend(const struct api_session *s);
const struct profile *api_profile(const struct api_session *s);
/* Make the session refuse create, update and delete (--readonly); a profile with
 * readonly = true opens read-only. A refused call sends nothing. */
void api_set_readonly(struct api_session *s);
bool api_readonly(const struct api_session *s);
/* When the session's token expires (Unix ms), 0 when none. */
int64_t api_token_expiry(const struct api_session *s);

/* Fetch one page: next is NULL for the first page, else the token a page returned. walk, when
 * not NULL, is the history of the list's pages fetched so far (walk.h): a page that shows the
 * list would never end fails with ST_NETWORK naming the cause (and the page holds the new
 * rows that came with it, if any: a link leading back comes with rows not seen before). */
struct api_call *api_list(struct api_session *s, const struct api_target *t, const char *next,
                          int limit, struct walk *walk, api_page_fn done, void *ud);
/* The page size to ask for: the profile's page_size when it sets one (other than the default
 * 100); else 100, or for a bulk load (--all, G) the largest page the API serves. */
int api_page_size(const struct api_session *s, bool bulk);
/* Fetch one object. */
struct api_call *api_get(struct api_session *s, const struct api_target *t, api_row_fn done,
                         void *ud);
/* Create an object from in. Sent once, never retried. NULL with err set (and nothing sent)
 * when in is not a valid input. */
struct api_call *api_create(struct api_session *s, const struct api_target *t,
                            const struct api_values *in, api_row_fn done, void *ud,
                            struct tn_error *err);
/* Change the object t->id with in; NULL with err set (nothing sent) on an invalid input. */
struct api_call *api_update(struct api_session *s, const struct api_target *t,
                            const struct api_values *in, api_row_fn done, void *ud,
                            struct tn_error *err);
/* Delete the object t->id; NULL with err set (nothing sent) when refused. */
struct api_call *api_delete(struct api_session *s, const struct api_target *t,
                            api_done_fn done, void *ud, struct tn_error *err);
/* Stop a call; its callback is not run. */
void api_cancel(struct api_session *s, struct api_call *call);
/* Add key: value to the journal line of a change in flight (a rotation's "rotates": the old
 * client), when the journal is on. */
void api_call_note(struct api_call *call, const char *key, const char *value);
/* Why a change could not be written to the journal (core/journal.h), or NULL when every line
 * was: for a warning. A journal that cannot be written never stops a change. */
const char *api_journal_problem(const struct api_session *s);

/* For backends: deliver a call's outcome (exactly one of these, once) and free the call. */
void api_call_page(struct api_call *call, struct page *page, const struct tn_error *err);
void api_call_row(struct api_call *call, struct row *row, const struct tn_error *err);
void api_call_done(struct api_call *call, const struct tn_error *err);
/* For backends: the kind a call is about, and its operation. */
const struct api_kind_def *api_call_kind(const struct api_call *call);
enum api_op api_call_op(const struct api_call *call);
/* For backends: the request a call now waits for, when it sends another (a re-read). */
void api_call_set_request(struct api_call *call, struct http_request *req);
/* For backends: the page size a list call asked for. */
int api_call_limit(const struct api_call *call);
/* For backends: the row parts a list call asked for (API_ROW_*; never 0; every part for NULL). */
unsigned api_call_parts(const struct api_call *call);

/* For backends: append s %-encoded as one path segment or query value (RFC 3986 unreserved
 * kept). */
void api_add_escaped(struct strbuf *sb, const char *s);
/* For backends: the class of an HTTP error status (400 -> ST_INVALID, 404 -> ST_NOT_FOUND...). */
enum status_code api_status_class(long status);
/* For backends: what every request to the server a profile names shares. */
struct api_link {
    char *base;                  /* the API URL without a trailing slash */
    struct http_settings http;   /* timeout, CA file and proxy (pointing into this link) */
    char *ca_file;
    char *proxy;                 /* may hold a password */
};
/* For backends: fill l from profile p (its url, timeout, ca_file, proxy). False with err set
 * (naming the profile) when the url may not be used (http_url_allowed); l is then empty. */
bool api_link_open(struct api_link *l, const struct profile *p, struct tn_error *err);
/* For backends: free what api_link_open filled (the proxy wiped: it may hold a password). */
void api_link_close(struct api_link *l);
/* For backends: the HTTP status the call's answer had (for the journal), before the call
 * ends. */
void api_call_set_status(struct api_call *call, long status);
/* For backends: a 2xx body parsed as a JSON object or array; NULL with err set otherwise. */
cJSON *api_response_json(struct http_request *req, struct tn_error *err);
/* For backends: err for a create that req's 2xx answered with a body that cannot be read
 * (ST_CREATED_UNREAD): it was created, the status, and that a secret in the answer is lost
 * and what to do instead of creating it again. */
void api_set_created_unread(struct api_call *call, struct http_request *req,
                            struct tn_error *err);
/* For backends: mark err (a failed delete) as of unknown outcome (maybe_done, with a hint)
 * when a send of req got no answer before: that send may have deleted it. */
void api_set_maybe_done(const struct http_request *req, struct tn_error *err);
/* For backends: append what to call req's error answer when the server's JSON names nothing:
 * the body's first line when it is short bare text (a 401's "Unauthorized"), else "HTTP N".
 * j is the body parsed, NULL when it is not JSON. */
void api_add_bare_message(struct strbuf *sb, struct http_request *req, const cJSON *j);
/* For backends: set err from req's error answer: the class of its status, the status, the
 * message "METHOD URL: said", and for 429 and 502..504 the hint that the server is busy (a
 * create is never retried). The backend adds its own hints for 401, 403 and 404. */
void api_set_http_error(struct http_request *req, const char *said, struct tn_error *err);

/* Check in against kind k's inputs: known keys, required ones present on create (and on
 * update for INPUT_UPDATE_REQUIRED), no repeats of a single-valued one, whole numbers where
 * INPUT_INT, something to change on update. False with err set. */
bool api_check_input(const struct api_kind_def *k, const struct api_values *in, bool create,
                     struct tn_error *err);
/* Check a list's filters against kind k's: known keys, no repeats of a single-valued one,
 * whole numbers and dates where asked. False with err set (ST_USAGE, naming the option). */
bool api_check_filter(const struct api_kind_def *k, const struct api_values *filter,
                      struct tn_error *err);
/* Check a list's first-page token (--cursor) against the API of kind k before anything is
 * sent. False with err set (ST_USAGE). */
bool api_check_cursor(const struct api_kind_def *k, const char *next, struct tn_error *err);
/* The input (or filter) called key among defs (n of them), or NULL. */
const struct api_input *api_input_find(const struct api_input *defs, size_t n, const char *key);
/* True when s is a date as INPUT_DATE describes. */
bool api_date_ok(const char *s);
/* The number of values of key in in, and the i-th of them (NULL past the end). */
size_t api_values_count(const struct api_values *in, const char *key);
const char *api_values_get(const struct api_values *in, const char *key, size_t i);

#endif

/* harness.h: run the real tenantry-sandbox on a free port and talk HTTP to it (cmocka). */
#ifndef TENANTRY_TEST_HARNESS_H
#define TENANTRY_TEST_HARNESS_H

/* cmocka needs these before it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <curl/curl.h>

#include "core/util.h"

/* The sandbox's default credentials (see tenantry-sandbox(1)). */
#define DEMO_CLIENT_ID "tenantry-demo"
#define DEMO_CLIENT_SECRET "tenantry-demo-secret"
#define DEMO_AUDIENCE "https://manage.sandbox.tenantry.test"

/* A token request body (JSON) for the default credentials, with the secret left to printf. */
#define DEMO_TOKEN_BODY_FMT                                                               \
    "{\"client_id\":\"" DEMO_CLIENT_ID "\",\"client_secret\":\"%s\",\"audience\":\""    \
    DEMO_AUDIENCE "\",\"grant_type\":\"client_credentials\"}"
/* The same with the right secret. */
#define DEMO_TOKEN_BODY                                                                   \
    "{\"client_id\":\"" DEMO_CLIENT_ID "\",\"client_secret\":\"" DEMO_CLIENT_SECRET      \
    "\",\"audience\":\"" DEMO_AUDIENCE "\",\"grant_type\":\"client_credentials\"}"

/* A well-formed tenant ID and client ID that no sandbox has. */
#define UNKNOWN_UUID "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
#define UNKNOWN_CLIENT "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

/* The largest request body the sandbox accepts. */
#define BODY_LIMIT 1048576

/* Register a test whose teardown reaps any sandbox a failed test left running. */
#define SANDBOX_TEST(f) cmocka_unit_test_teardown(f, sandbox_reap)

struct sandbox;

/* Start TENANTRY_SANDBOX_BIN with --port 0 --events FILE and the extra arguments that follow
 * (NULL-terminated; sandbox_start(NULL) for none); fail the test unless it says where it
 * listens within 60 s. */
struct sandbox *sandbox_start(const char *arg, ...);
/* The same with the extra arguments as a NULL-terminated array. */
struct sandbox *sandbox_startv(const char *const *args);
/* SIGTERM the server, wait for it and fail the test unless it exited with status 0 (a crash or
 * a sanitizer's leak report fails); remove its events file and free sb. */
void sandbox_stop(struct sandbox *sb);
/* cmocka teardown: kill and free every sandbox still running (those of a failed test). */
int sandbox_reap(void **state);
/* The TCP port the server listens on. */
int sandbox_port(const struct sandbox *sb);
/* "http://127.0.0.1:PORT" followed by path, newly allocated. */
char *sandbox_url(const struct sandbox *sb, const char *path);
/* A bearer token for the default credentials, fetched once and kept by sb. */
const char *sandbox_token(struct sandbox *sb);
/* The libcurl handle kept for sb, so that its connections are reused. */
CURL *sandbox_curl(struct sandbox *sb);
/* The path of the server's events file. */
const char *sandbox_events_path(const struct sandbox *sb);

/* One HTTP response. body is always NUL-terminated (also when len is 0). */
struct resp {
    long status;          /* 0 when no response came */
    char *body;
    size_t len;
    char *content_type;   /* header values, NULL when absent */
    char *retry_after;
    char *allow;
    char *www_authenticate;
    CURLcode curl_rc;
    double seconds;       /* wall-clock time of the exchange */
    cJSON *json;          /* the parsed body, filled in by resp_json() */
};

/* One HTTP request, for what http() cannot say. */
struct req {
    const char *method;
    const char *path;
    const char *bearer;        /* NULL: no Authorization header */
    const char *authorization; /* the whole Authorization value; overrides bearer */
    const char *body;          /* NULL: none */
    size_t body_len;           /* 0: strlen(body) */
    const char *content_type;  /* NULL: no Content-Type header */
    bool chunked;              /* send the body with Transfer-Encoding: chunked */
    const char *accept;        /* NULL: curl's default Accept (any type); "": none */
};

/* Send rq to the sandbox and return what came back; never follows redirects. */
struct resp *http_send(struct sandbox *sb, const struct req *rq);
/* Send method path with an optional bearer token and body of the given content type. */
struct resp *http(struct sandbox *sb, const char *method, const char *path, const char *bearer,
                  const char *body, const char *content_type);
/* The Authorization value "Basic base64(user:password)", newly allocated. */
char *basic_auth(const char *user, const char *password);
/* An API call with the sandbox's token and, when body is not NULL, a JSON body. */
struct resp *api(struct sandbox *sb, const char *method, const char *path, const char *body);
/* A CURLOPT_WRITEFUNCTION that appends to the struct strbuf given as CURLOPT_WRITEDATA. */
size_t harness_write_cb(char *data, size_t size, size_t n, void *ud);
/* The body parsed as JSON (kept by r); fails the test when it is not exactly one JSON value. */
cJSON *resp_json(struct resp *r);
/* Free r and everything in it; NULL is fine. */
void resp_free(struct resp *r);

/* Fail unless r has this status (the message shows what came instead). */
#define assert_status(r, status) assert_status_at((r), (status), __FILE__, __LINE__)
/* Fail unless r is an error of this status whose JSON body is {code, type, message, details[]}
 * with this code; return the parsed body (kept by r). */
#define assert_error(r, status, code) assert_error_at((r), (status), (code), __FILE__, __LINE__)
/* Fail unless r is a 400 BadRequest naming param at location ("query", "body" or "path") in
 * one of its details. */
#define assert_bad_param(r, location, param) \
    assert_bad_param_at((r), (location), (param), __FILE__, __LINE__)
/* Fail unless method path (with a "{}" body and the sandbox's token) is answered 405
 * MethodNotAllowed with exactly this Allow header (e.g. "GET, POST"). */
#define assert_405(sb, method, path, allow) \
    assert_405_at((sb), (method), (path), (allow), __FILE__, __LINE__)
void assert_405_at(struct sandbox *sb, const char *method, const char *path, const char *allow,
                   const char *file, int line);
void assert_status_at(const struct resp *r, long status, const char *file, int line);
cJSON *assert_error_at(struct resp *r, long status, const char *code, const char *file, int line);
void assert_bad_param_at(struct resp *r, const char *location, const char *param,
                         const char *file, int line);
/* Fail (reporting file and line) with a printf-style message. */
void harness_fail(const char *file, int line, const char *fmt, ...) TN_PRINTF(3, 4);
#define FAIL(...) harness_fail(__FILE__, __LINE__, __VA_ARGS__)

/* True for a lowercase canonical UUID (8-4-4-4-12 hex digits). */
bool is_uuid(const char *s);
/* True when s is exactly n characters, all ASCII letters or digits. */
bool is_alnum_id(const char *s, size_t n);
/* The string member key of obj; fails the test when it is missing or not a string. */
const char *member_string(const cJSON *obj, const char *key);
/* The first object of array whose string member key equals value, or NULL. */
const cJSON *find_by(const cJSON *array, const char *key, const char *value);
/* A parsed JSON literal (fails the test when it is invalid); the caller deletes it. */
cJSON *json_literal(const char *text);
/* Percent-encode s for a query string, newly allocated. */
char *url_escape(const char *s);
/* Seconds from an arbitrary start, monotonic. */
double mono_now(void);

/* A growable list of owned strings. Zero-initialise. */
struct strlist {
    char **v;
    size_t n;
    size_t cap;
};
/* Append a copy of s. */
void strlist_add(struct strlist *l, const char *s);
/* How many entries equal s. */
size_t strlist_count(const struct strlist *l, const char *s);
/* True when no two entries are equal. */
bool strlist_unique(const struct strlist *l);
/* Free the entries and the array, leaving l empty. */
void strlist_free(struct strlist *l);

/* GET path?limit=LIMIT&cursor=CURSOR (limit 0 or cursor NULL leave it out); fail unless the
 * answer is 200 with a JSON object holding a data array. */
struct resp *list_page(struct sandbox *sb, const char *path, int limit, const char *cursor);
/* The data array of a page from list_page(). */
cJSON *page_data(struct resp *page);
/* The nextCursor of a page, or NULL when it has none. */
const char *page_next(struct resp *page);
/* Walk the list at path from its start with limit, adding each row's key member to ids; fail
 * unless every non-empty page carries nextCursor and the page after the last row is exactly
 * {"data":[]}. Returns the number of non-empty pages. */
size_t walk_list(struct sandbox *sb, const char *path, int limit, const char *key,
                 struct strlist *ids);

/* The environments (a copy of the data array of GET /v1/environments?limit=1000); the caller
 * deletes it. */
cJSON *environments_get(struct sandbox *sb);
/* The ID of environment number index (0 is the first), newly allocated. */
char *environment_id(struct sandbox *sb, int index);
/* The JSON body of a tenant-create request (name left out when NULL), newly allocated. */
char *tenant_body(const char *name, const char *subdomain, const char *environment_id);
/* Create a tenant with this subdomain label in environment env_id (the first one when NULL);
 * fail unless 201; return the response body, which the caller deletes. */
cJSON *tenant_create(struct sandbox *sb, const char *label, const char *env_id);
/* Create a tenant as tenant_create() does and return its ID, newly allocated. */
char *tenant_create_id(struct sandbox *sb, const char *label);
/* Create a client of tenant_id with name and roles (a JSON array text); fail unless 201;
 * return the response body, which the caller deletes. */
cJSON *client_create(struct sandbox *sb, const char *tenant_id, const char *name,
                     const char *roles_json);
/* The ID of the first seeded tenant, newly allocated. */
char *first_tenant_id(struct sandbox *sb);

/* The whole file at path ("" when it is missing and missing_ok); fails the test otherwise. */
char *file_read(const char *path, bool missing_ok);
/* The whole events file ("" when there is none yet), newly allocated. */
char *events_read(const struct sandbox *sb);
/* The number of event lines whose first word is name. */
int events_count(const struct sandbox *sb, const char *name);
/* Wait (up to 10 s) until at least n lines named name are in the events file; return how many
 * there are then. */
int events_wait(const struct sandbox *sb, const char *name, int n);
/* A copy of the nth (from 0) line named name, without its newline, or NULL. */
char *events_line(const struct sandbox *sb, const char *name, int nth);
/* A copy of the value of the key=value field of an event line, or NULL when absent. */
char *event_field(const char *line, const char *key);
/* Fail unless the event line has the field key=value. */
#define assert_event_field(line, key, value) \
    assert_event_field_at((line), (key), (value), __FILE__, __LINE__)
void assert_event_field_at(const char *line, const char *key, const char *value,
                           const char *file, int line_no);

#endif

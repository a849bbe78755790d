/* test_http.c: core/http, the curl multi engine, against the real tenantry-sandbox over
 * loopback: responses, retries and backoff, Retry-After, POST never retried, transport errors,
 * the URL policy, the loop integration (http_wait with an extra descriptor) and cancelling. */
#include "config.h"

#include "../sandbox/harness.h"
#include "engine.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/http.h"
#include "core/json.h"
#include "core/log.h"
#include "core/status.h"

/* ------------------------------------------------------------------ helpers */

/* Drive the engine until the sandbox logged n events named name; fail after timeout_s. */
static void pump_until_event(struct http_engine *e, const struct sandbox *sb, const char *name,
                             int n, double timeout_s)
{
    double deadline = mono_now() + timeout_s;
    while (events_count(sb, name) < n) {
        if (mono_now() > deadline)
            FAIL("no %d %s events within %.1f s", n, name, timeout_s);
        http_wait(e, -1, 10);
        http_dispatch(e);
    }
}

/* Settings for fast tests: small backoff, attempts as given. */
static struct http_settings fast(int max_attempts)
{
    return (struct http_settings){
        .connect_timeout_ms = 2000,
        .timeout_ms = 10000,
        .max_attempts = max_attempts,
        .backoff_ms = 10,
        .backoff_max_ms = 40,
    };
}

/* A request to the sandbox's path with its bearer token. */
static struct http_request *api_req(struct sandbox *sb, const char *method, const char *path,
                                    const struct http_settings *s)
{
    char *url = sandbox_url(sb, path);
    struct http_request *req = http_request_new(method, url, s);
    free(url);
    char *auth = xasprintf("Authorization: Bearer %s", sandbox_token(sb));
    http_request_header(req, auth, true);
    free(auth);
    http_request_header(req, "Accept: application/json", false);
    return req;
}

/* A request to the sandbox's path without a token (answered 401 after any latency: enough
 * where only the timing matters, and no slow token request is needed first). */
static struct http_request *anon_req(struct sandbox *sb, const char *method, const char *path,
                                     const struct http_settings *s)
{
    char *url = sandbox_url(sb, path);
    struct http_request *req = http_request_new(method, url, s);
    free(url);
    return req;
}

/* The number of events named name that have key=value. */
static int events_with(const struct sandbox *sb, const char *name, const char *key,
                       const char *value)
{
    int n = 0;
    char *line;
    for (int i = 0; (line = events_line(sb, name, i)); i++) {
        char *v = event_field(line, key);
        n += v && !strcmp(v, value);
        free(v);
        free(line);
    }
    return n;
}

/* A loopback port on which nothing listens: a socket is bound to it (so no one else gets
 * it) but does not listen, so connections are refused. Close *fd afterwards. */
static int refused_port(int *fd)
{
    *fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(*fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(*fd, (struct sockaddr *)&a, sizeof a), 0);
    socklen_t len = sizeof a;
    assert_int_equal(getsockname(*fd, (struct sockaddr *)&a, &len), 0);
    return ntohs(a.sin_port);
}

static char *tmp_log_path(const char *name)
{
    const char *dir = getenv("TENANTRY_TEST_TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    char *path = xasprintf("%s/core-http-%ld-%s", dir, (long)getpid(), name);
    unlink(path);
    return path;
}

static int count_substr(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* ------------------------------------------------------------------ responses */

static void test_get_ok(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct http_engine *e = http_engine_new();
    assert_false(http_busy(e));
    struct outcome o = {0};
    struct http_request *req = api_req(sb, "GET", "/v1/environments?limit=2", NULL);
    http_submit(e, req, record, &o);
    assert_int_equal(o.calls, 0); /* never synchronously */
    assert_true(http_busy(e));
    pump_until(e, &o.calls, 1, 10);
    assert_false(http_busy(e));
    assert_ptr_equal(o.req, req);
    assert_int_equal(http_error(req)->code, ST_OK);
    assert_int_equal(http_status(req), 200);
    assert_string_equal(http_content_type(req), "application/json; charset=utf-8");
    assert_int_equal(http_attempts(req), 1);
    assert_string_equal(http_method(req), "GET");
    assert_non_null(strstr(http_url(req), "/v1/environments?limit=2"));
    size_t len = 0;
    const char *body = http_body(req, &len);
    assert_int_equal(len, strlen(body));
    cJSON *j = cJSON_Parse(body);
    assert_non_null(j);
    cJSON *data = cJSON_GetObjectItemCaseSensitive(j, "data");
    assert_true(cJSON_IsArray(data));
    assert_int_equal(cJSON_GetArraySize(data), 2);
    cJSON_Delete(j);
    outcome_free(&o);
    assert_int_equal(events_count(sb, "ENVIRONMENT_RETRIEVE_LIST_SUCCESS"), 1);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_error_status_is_a_response_not_a_transport_error(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    char *path = xasprintf("/v1/tenants/%s", UNKNOWN_UUID);
    struct http_settings s = fast(3);
    http_submit(e, api_req(sb, "GET", path, &s), record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_status(o.req), 404);
    assert_int_equal(http_error(o.req)->code, ST_OK);
    assert_int_equal(http_attempts(o.req), 1); /* a 404 is not retried */
    assert_non_null(strstr(http_body(o.req, NULL), "NotFound"));
    outcome_free(&o);

    /* no token: 401, also just a response */
    char *url = sandbox_url(sb, "/v1/tenants");
    struct http_request *req = http_request_new("GET", url, &s);
    free(url);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 2, 10);
    assert_int_equal(http_status(o.req), 401);
    assert_int_equal(http_error(o.req)->code, ST_OK);
    assert_int_equal(http_attempts(o.req), 1);
    outcome_free(&o);
    free(path);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_post_body_is_sent(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    char *url = sandbox_url(sb, "/oauth/token");
    struct http_request *req = http_request_new("POST", url, NULL);
    free(url);
    http_request_body(req, DEMO_TOKEN_BODY, strlen(DEMO_TOKEN_BODY), "application/json", true);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_status(req), 200);
    cJSON *j = cJSON_Parse(http_body(req, NULL));
    assert_non_null(j);
    assert_true(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, "access_token")));
    cJSON_Delete(j);
    outcome_free(&o);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_concurrent_requests_all_complete(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--latency-ms", "200", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o[12] = {{0}};
    int done = 0;
    double t0 = mono_now();
    for (size_t i = 0; i < ARRAY_SIZE(o); i++)
        http_submit(e, api_req(sb, "GET", "/v1/tenants?limit=1", NULL), record, &o[i]);
    for (;;) {
        done = 0;
        for (size_t i = 0; i < ARRAY_SIZE(o); i++)
            done += o[i].calls;
        if (done == (int)ARRAY_SIZE(o))
            break;
        if (mono_now() - t0 > 15)
            FAIL("only %d of %zu requests completed", done, ARRAY_SIZE(o));
        http_wait(e, -1, 100);
        http_dispatch(e);
    }
    /* in parallel: 12 answers of 200 ms each take far less than 12 * 200 ms */
    assert_true(mono_now() - t0 < 1.5);
    for (size_t i = 0; i < ARRAY_SIZE(o); i++) {
        assert_int_equal(o[i].calls, 1);
        assert_int_equal(http_status(o[i].req), 200);
        outcome_free(&o[i]);
    }
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_connection_reused_and_log_redacted(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    const char *token = sandbox_token(sb);
    char *path = tmp_log_path("reuse.log");
    struct tn_error err = {0};
    assert_true(log_open(path, &err));
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    for (int i = 0; i < 3; i++) {
        http_submit(e, api_req(sb, "GET", "/v1/environments", NULL), record, &o);
        pump_until(e, &o.calls, i + 1, 10);
        assert_int_equal(http_status(o.req), 200);
        outcome_free(&o);
    }
    http_engine_free(e);
    log_close();
    assert_int_equal(events_count(sb, "ENVIRONMENT_RETRIEVE_LIST_SUCCESS"), 3);
    char *text = file_read(path, false);
    /* one connection for three sequential requests on one engine (curl's wording: "Re-using
     * existing connection" up to 8.8, "Re-using existing http: connection" since) */
    assert_int_equal(count_substr(text, "* Connected to "), 1);
    assert_int_equal(count_substr(text, "* Re-using existing "), 2);
    /* the bearer token never reaches the log; the header is there, redacted */
    assert_null(strstr(text, token));
    assert_int_equal(count_substr(text, "> Authorization: [redacted]"), 3);
    assert_int_equal(count_substr(text, "> GET /v1/environments HTTP/1.1"), 3);
    /* the bodies are not logged */
    assert_null(strstr(text, "\"data\""));
    free(text);
    unlink(path);
    free(path);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ retries */

static void test_get_retried_on_503_then_delivered(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", "503",
                                       "--retry-after", "0", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = fast(4);
    http_submit(e, api_req(sb, "GET", "/v1/tenants", &s), record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(o.calls, 1);
    assert_int_equal(http_attempts(o.req), 4);
    assert_int_equal(http_status(o.req), 503);
    assert_int_equal(http_error(o.req)->code, ST_OK);
    assert_non_null(strstr(http_body(o.req, NULL), "ServiceUnavailable"));
    outcome_free(&o);
    assert_int_equal(events_with(sb, "TENANT_RETRIEVE_LIST_FAIL", "fault", "fail"), 4);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_START"), 4);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_retryable_statuses(void **state)
{
    (void)state;
    static const struct {
        const char *status;
        int attempts;
    } cases[] = {
        {"429", 3}, {"502", 3}, {"503", 3}, {"504", 3}, {"500", 3}, {"400", 1}, {"409", 1},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", cases[i].status,
                                           "--retry-after", "0", NULL);
        struct http_engine *e = http_engine_new();
        struct outcome o = {0};
        struct http_settings s = fast(3);
        http_submit(e, api_req(sb, "GET", "/v1/environments", &s), record, &o);
        pump_until(e, &o.calls, 1, 10);
        if (http_attempts(o.req) != cases[i].attempts)
            FAIL("status %s: %d attempts, expected %d", cases[i].status, http_attempts(o.req),
                 cases[i].attempts);
        assert_int_equal(http_status(o.req), atol(cases[i].status));
        assert_int_equal(events_count(sb, "ENVIRONMENT_RETRIEVE_LIST_FAIL"), cases[i].attempts);
        outcome_free(&o);
        http_engine_free(e);
        sandbox_stop(sb);
    }
}

/* A 500 is retried for a GET only (a read changes nothing; a DELETE or PUT that failed with
 * 500 may have been carried out). */
static void test_500_retried_for_get_only(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", "500", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = fast(3);
    char *path = xasprintf("/v1/tenants/%s", UNKNOWN_UUID);
    http_submit(e, api_req(sb, "DELETE", path, &s), record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_attempts(o.req), 1);
    assert_int_equal(http_status(o.req), 500);
    outcome_free(&o);
    o = (struct outcome){0};
    http_submit(e, api_req(sb, "GET", path, &s), record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_attempts(o.req), 3);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_FAIL"), 3);
    free(path);
    outcome_free(&o);
    http_engine_free(e);
    sandbox_stop(sb);
}

/* A 2xx whose body is cut short (with a matching Content-Length, so curl sees no error) is
 * retried when the request checks its body, within the same attempts; without the check it is
 * delivered as it came. */
static void test_body_cut_short_retried_when_checked(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--malformed-rate", "1", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = fast(3);
    struct http_request *req = api_req(sb, "GET", "/v1/environments", &s);
    http_request_set_body_check(req, json_looks_whole);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_attempts(o.req), 3);
    assert_int_equal(http_status(o.req), 200); /* the last answer, still cut short */
    size_t len;
    const char *body = http_body(o.req, &len);
    assert_false(json_looks_whole(body, len));
    assert_int_equal(events_count(sb, "ENVIRONMENT_RETRIEVE_LIST_SUCCESS"), 3);
    outcome_free(&o);
    o = (struct outcome){0};
    http_submit(e, api_req(sb, "GET", "/v1/environments", &s), record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_attempts(o.req), 1);
    outcome_free(&o);
    http_engine_free(e);
    sandbox_stop(sb);
    o = (struct outcome){0};

    /* a whole body passes the check at once */
    sb = sandbox_start(NULL);
    e = http_engine_new();
    req = api_req(sb, "GET", "/v1/environments", &s);
    http_request_set_body_check(req, json_looks_whole);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_attempts(o.req), 1);
    assert_int_equal(http_status(o.req), 200);
    outcome_free(&o);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_retry_after_is_honoured(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", "503",
                                       "--retry-after", "1", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = fast(2); /* backoff 10 ms: only Retry-After can make it wait */
    double t0 = mono_now();
    http_submit(e, api_req(sb, "GET", "/v1/tenants", &s), record, &o);
    pump_until(e, &o.calls, 1, 10);
    double took = o.when - t0;
    assert_int_equal(http_attempts(o.req), 2);
    assert_int_equal(http_status(o.req), 503);
    if (took < 0.9 || took > 3.0)
        FAIL("two attempts with Retry-After: 1 took %.3f s, expected about 1 s", took);
    outcome_free(&o);
    http_engine_free(e);
    sandbox_stop(sb);

    /* 429 carries Retry-After too */
    sb = sandbox_start("--fail-rate", "1", "--fail-status", "429", "--retry-after", "1", NULL);
    e = http_engine_new();
    t0 = mono_now();
    http_submit(e, api_req(sb, "GET", "/v1/tenants", &s), record, &o);
    pump_until(e, &o.calls, 2, 10);
    took = o.when - t0;
    assert_int_equal(http_attempts(o.req), 2);
    assert_int_equal(http_status(o.req), 429);
    if (took < 0.9 || took > 3.0)
        FAIL("429 with Retry-After: 1: two attempts took %.3f s", took);
    outcome_free(&o);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_long_retry_after_is_not_waited_for(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", "503",
                                       "--retry-after", "100", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = fast(5);
    double t0 = mono_now();
    http_submit(e, api_req(sb, "GET", "/v1/tenants", &s), record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_true(o.when - t0 < 2.0);
    assert_int_equal(http_attempts(o.req), 1);
    assert_int_equal(http_status(o.req), 503);
    outcome_free(&o);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_backoff_grows_and_is_capped(void **state)
{
    (void)state;
    /* 502 has no Retry-After: the delays are the backoff, 200 and 400 ms times [0.5, 1) */
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", "502", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = {.max_attempts = 3, .backoff_ms = 200, .backoff_max_ms = 10000};
    double t0 = mono_now();
    http_submit(e, api_req(sb, "GET", "/v1/tenants", &s), record, &o);
    pump_until(e, &o.calls, 1, 10);
    double took = o.when - t0;
    assert_int_equal(http_attempts(o.req), 3);
    if (took < 0.29 || took > 2.5)
        FAIL("backoff 200 ms, 3 attempts took %.3f s, expected 0.3 to 0.6 s", took);
    outcome_free(&o);

    /* capped: a first delay of 5 s is cut to backoff_max_ms */
    s = (struct http_settings){.max_attempts = 4, .backoff_ms = 5000, .backoff_max_ms = 100};
    t0 = mono_now();
    http_submit(e, api_req(sb, "GET", "/v1/tenants", &s), record, &o);
    pump_until(e, &o.calls, 2, 10);
    took = o.when - t0;
    assert_int_equal(http_attempts(o.req), 4);
    if (took < 0.14 || took > 1.5)
        FAIL("backoff capped at 100 ms, 4 attempts took %.3f s", took);
    outcome_free(&o);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_post_never_retried(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", "503",
                                       "--retry-after", "0", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = fast(4);
    struct http_request *req = api_req(sb, "POST", "/v1/tenants", &s);
    char *env = xasprintf("{\"subdomain\":\"retry-me\",\"environmentId\":\"%s\"}", UNKNOWN_UUID);
    http_request_body(req, env, strlen(env), "application/json", false);
    free(env);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_attempts(o.req), 1);
    assert_int_equal(http_status(o.req), 503);
    outcome_free(&o);
    assert_int_equal(events_count(sb, "TENANT_CREATE_START"), 1);
    assert_int_equal(events_with(sb, "TENANT_CREATE_FAIL", "fault", "fail"), 1);

    /* PUT and DELETE are retried */
    char *put_path = xasprintf("/v1/tenants/%s/clients/%s", UNKNOWN_UUID, UNKNOWN_CLIENT);
    req = api_req(sb, "PUT", put_path, &s);
    http_request_body(req, "{\"name\":\"x\"}", 12, "application/json", false);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 2, 10);
    assert_int_equal(http_attempts(o.req), 4);
    outcome_free(&o);
    assert_int_equal(events_count(sb, "TENANT_CLIENT_UPDATE_START"), 4);
    char *del_path = xasprintf("/v1/tenants/%s", UNKNOWN_UUID);
    http_submit(e, api_req(sb, "DELETE", del_path, &s), record, &o);
    pump_until(e, &o.calls, 3, 10);
    assert_int_equal(http_attempts(o.req), 4);
    outcome_free(&o);
    assert_int_equal(events_count(sb, "TENANT_DELETE_START"), 4);

    /* http_request_set_retry overrides the method's default both ways */
    req = api_req(sb, "GET", "/v1/tenants", &s);
    http_request_set_retry(req, false);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 4, 10);
    assert_int_equal(http_attempts(o.req), 1);
    outcome_free(&o);
    req = api_req(sb, "POST", "/v1/tenants", &s);
    http_request_body(req, "{}", 2, "application/json", false);
    http_request_set_retry(req, true);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 5, 10);
    assert_int_equal(http_attempts(o.req), 4);
    outcome_free(&o);
    assert_int_equal(events_count(sb, "TENANT_CREATE_START"), 1 + 4);
    free(put_path);
    free(del_path);
    http_engine_free(e);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ transport errors */

static void test_connection_refused(void **state)
{
    (void)state;
    int fd;
    int port = refused_port(&fd);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = fast(3);
    char *url = xasprintf("http://127.0.0.1:%d/v1/tenants", port);

    http_submit(e, http_request_new("GET", url, &s), record, &o);
    pump_until(e, &o.calls, 1, 10);
    const struct tn_error *err = http_error(o.req);
    assert_int_equal(err->code, ST_NETWORK);
    assert_int_equal(http_status(o.req), 0);
    assert_int_equal(http_attempts(o.req), 3);
    assert_non_null(err->message);
    assert_non_null(strstr(err->message, url));
    assert_non_null(err->hint);
    assert_true(strlen(err->hint) > 0);
    outcome_free(&o);

    struct http_request *post = http_request_new("POST", url, &s);
    http_request_body(post, "{}", 2, "application/json", false);
    http_submit(e, post, record, &o);
    pump_until(e, &o.calls, 2, 10);
    err = http_error(o.req);
    assert_int_equal(err->code, ST_NETWORK);
    assert_int_equal(http_attempts(o.req), 1);
    assert_non_null(err->hint);
    outcome_free(&o);

    /* DELETE is retried like GET */
    http_submit(e, http_request_new("DELETE", url, &s), record, &o);
    pump_until(e, &o.calls, 3, 10);
    assert_int_equal(http_error(o.req)->code, ST_NETWORK);
    assert_int_equal(http_attempts(o.req), 3);
    outcome_free(&o);
    free(url);
    close(fd);
    http_engine_free(e);
}

static void test_dropped_answers_are_retried_then_fail(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--drop-rate", "1", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = fast(3);
    http_submit(e, api_req(sb, "GET", "/v1/environments", &s), record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_error(o.req)->code, ST_NETWORK);
    assert_int_equal(http_attempts(o.req), 3);
    assert_int_equal(http_status(o.req), 0);
    assert_int_equal(events_with(sb, "ENVIRONMENT_RETRIEVE_LIST_SUCCESS", "fault", "drop"), 3);
    outcome_free(&o);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_timeout(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--latency-ms", "2000", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = fast(2);
    s.timeout_ms = 300;
    double t0 = mono_now();
    http_submit(e, anon_req(sb, "GET", "/v1/tenants", &s), record, &o);
    pump_until(e, &o.calls, 1, 10);
    double took = o.when - t0;
    const struct tn_error *err = http_error(o.req);
    assert_int_equal(err->code, ST_NETWORK);
    assert_int_equal(http_attempts(o.req), 2);
    assert_non_null(err->hint);
    if (took < 0.55 || took > 1.9)
        FAIL("two attempts of 300 ms took %.3f s", took);
    outcome_free(&o);
    http_engine_free(e);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ URL policy */

static void test_url_allowed(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "https://x",
        "https://tenant.vii.au01.mattr.global/v1/tenants",
        "HTTPS://EXAMPLE.COM",
        "http://127.0.0.1:1",
        "http://127.0.0.1:8642/oauth/token",
        "http://127.1.2.3/",
        "http://[::1]:1",
        "http://[::1]/x",
        "http://localhost",
        "http://LOCALHOST:8642/",
    };
    static const char *const refused[] = {
        "http://example.com",
        "http://example.com:80/",
        "http://10.0.0.1/",
        "http://127.0.0.1.example.com/",
        "http://localhost.example.com/",
        "http://127.0.0.1@example.com/",
        "ftp://x",
        "file:///etc/passwd",
        "gopher://127.0.0.1/",
        "garbage",
        "",
        "://nothing",
        "https//missing-colon",
    };
    for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
        struct tn_error err = {0};
        if (!http_url_allowed(ok[i], &err))
            FAIL("http_url_allowed refused \"%s\": %s", ok[i], err.message ? err.message : "");
        assert_int_equal(err.code, ST_OK);
        assert_null(err.message);
    }
    for (size_t i = 0; i < ARRAY_SIZE(refused); i++) {
        struct tn_error err = {0};
        if (http_url_allowed(refused[i], &err))
            FAIL("http_url_allowed accepted \"%s\"", refused[i]);
        assert_int_equal(err.code, ST_USAGE);
        assert_non_null(err.message);
        err_clear(&err);
    }
    /* plain http to another host gets the hint why */
    struct tn_error err = {0};
    assert_false(http_url_allowed("http://example.com/", &err));
    assert_non_null(err.hint);
    err_clear(&err);
}

static void test_refused_url_completes_through_callback(void **state)
{
    (void)state;
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_request *req = http_request_new("GET", "http://example.com/v1/tenants", NULL);
    http_submit(e, req, record, &o);
    assert_int_equal(o.calls, 0); /* not inside http_submit */
    assert_true(http_busy(e));
    double t0 = mono_now();
    assert_int_equal(http_wait(e, -1, -1), 0); /* returns at once: something is due */
    assert_true(mono_now() - t0 < 0.5);
    http_dispatch(e);
    assert_int_equal(o.calls, 1);
    assert_ptr_equal(o.req, req);
    assert_false(http_busy(e));
    assert_int_equal(http_error(req)->code, ST_USAGE);
    assert_non_null(http_error(req)->message);
    assert_int_equal(http_status(req), 0);
    outcome_free(&o);

    /* also through http_pump */
    http_submit(e, http_request_new("POST", "ftp://x/", NULL), record, &o);
    assert_int_equal(o.calls, 1);
    http_pump(e);
    assert_int_equal(o.calls, 2);
    assert_int_equal(http_error(o.req)->code, ST_USAGE);
    outcome_free(&o);
    http_engine_free(e);
}

/* ------------------------------------------------------------------ the loop */

static void test_wait_wakes_for_extra_fd_while_request_is_slow(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--latency-ms", "1500", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    int p[2];
    assert_int_equal(pipe(p), 0);
    double t0 = mono_now();
    http_submit(e, anon_req(sb, "GET", "/v1/tenants", NULL), record, &o);

    /* nothing to read yet: http_wait honours max_ms and says 0 */
    for (int i = 0; i < 5; i++) {
        double w0 = mono_now();
        assert_int_equal(http_wait(e, p[0], 60), 0);
        assert_true(mono_now() - w0 < 0.5);
        http_dispatch(e);
    }
    assert_int_equal(o.calls, 0);

    /* a key press: http_wait returns 1 at once although the answer takes 1.5 s */
    assert_int_equal(write(p[1], "k", 1), 1);
    double w0 = mono_now();
    assert_int_equal(http_wait(e, p[0], 10000), 1);
    double woke = mono_now() - w0;
    if (woke > 0.3)
        FAIL("http_wait took %.3f s to notice a readable descriptor", woke);
    http_dispatch(e);
    assert_int_equal(o.calls, 0);
    assert_true(mono_now() - t0 < 1.2); /* all of this happened while the request waited */
    char c;
    assert_int_equal(read(p[0], &c, 1), 1);

    /* the request still completes */
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_status(o.req), 401);
    assert_true(o.when - t0 >= 1.4);
    outcome_free(&o);
    close(p[0]);
    close(p[1]);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_wait_reports_hangup_of_extra_fd(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--latency-ms", "1000", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    int p[2];
    assert_int_equal(pipe(p), 0);
    http_submit(e, anon_req(sb, "GET", "/v1/tenants", NULL), record, &o);
    http_dispatch(e);
    /* the terminal went away: the write end is closed, nothing is left to read. http_wait
     * must say so (1), or a loop waiting for input spins: poll reports POLLHUP at once */
    close(p[1]);
    double w0 = mono_now();
    int r = http_wait(e, p[0], 800);
    double took = mono_now() - w0;
    if (r != 1)
        FAIL("http_wait returned %d after %.3f s for a hung-up descriptor (contract: 1 when "
             "extra_fd is readable or hung up)",
             r, took);
    assert_true(took < 0.3);
    http_engine_free(e); /* cancels the request in flight */
    assert_int_equal(o.calls, 0);
    close(p[0]);
    sandbox_stop(sb);
}

static void test_idle_wait_honours_max_ms(void **state)
{
    (void)state;
    struct http_engine *e = http_engine_new();
    double t0 = mono_now();
    assert_int_equal(http_wait(e, -1, 50), 0);
    double took = mono_now() - t0;
    assert_true(took >= 0.04 && took < 0.5);
    http_dispatch(e); /* nothing to do */
    http_pump(e);     /* returns at once when idle */
    http_engine_free(e);
}

/* ------------------------------------------------------------------ cancelling */

static void test_cancel_in_flight(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--latency-ms", "800", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome cancelled = {0}, other = {0};
    struct http_request *req = anon_req(sb, "GET", "/v1/environments", NULL);
    http_submit(e, req, record, &cancelled);
    pump_for(e, 0.15); /* connected and sent, waiting for the answer */
    assert_int_equal(cancelled.calls, 0);
    http_cancel(e, req);
    assert_false(http_busy(e));
    /* a second slow request: while it runs, the cancelled one would have been answered */
    http_submit(e, anon_req(sb, "GET", "/v1/tenants", NULL), record, &other);
    pump_until(e, &other.calls, 1, 10);
    assert_int_equal(http_status(other.req), 401);
    outcome_free(&other);
    assert_int_equal(cancelled.calls, 0);
    /* the server saw the client hang up during its latency: no request reached the API */
    assert_int_equal(events_count(sb, "ENVIRONMENT_RETRIEVE_LIST_START"), 0);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_FAIL"), 1);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_cancel_waiting_for_retry(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--retry-after", "1", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = fast(3);
    struct http_request *req = api_req(sb, "GET", "/v1/tenants", &s);
    http_submit(e, req, record, &o);
    /* the first attempt fails; the request then waits 1 s for its retry */
    pump_until_event(e, sb, "TENANT_RETRIEVE_LIST_FAIL", 1, 10);
    pump_for(e, 0.2);
    assert_int_equal(o.calls, 0);
    assert_true(http_busy(e));
    http_cancel(e, req);
    assert_false(http_busy(e));
    pump_for(e, 1.3); /* past the retry's due time */
    assert_int_equal(o.calls, 0);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_START"), 1);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_cancel_among_others_and_before_delivery(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o[4] = {{0}};
    struct http_request *r[4];
    for (int i = 0; i < 4; i++) {
        r[i] = api_req(sb, "GET", "/v1/environments", NULL);
        http_submit(e, r[i], record, &o[i]);
    }
    /* cancel the middle of the list, its head and its tail */
    http_cancel(e, r[1]);
    http_cancel(e, r[3]);
    http_cancel(e, r[0]);
    pump_until(e, &o[2].calls, 1, 10);
    assert_false(http_busy(e));
    assert_int_equal(o[0].calls + o[1].calls + o[3].calls, 0);
    assert_int_equal(http_status(o[2].req), 200);
    outcome_free(&o[2]);

    /* a finished but not yet delivered request (a refused URL) */
    struct outcome d = {0};
    struct http_request *refused = http_request_new("GET", "http://example.com/", NULL);
    http_submit(e, refused, record, &d);
    http_cancel(e, refused);
    assert_false(http_busy(e));
    http_dispatch(e);
    assert_int_equal(d.calls, 0);
    http_engine_free(e);
    sandbox_stop(sb);
}

/* Two finished requests whose callbacks each cancel the other: whichever is delivered first
 * cancels the other, which must then never be delivered. */
struct pair {
    struct http_engine *e;
    struct http_request *req[2];
    int calls[2];
};

static void cancel_other(struct http_request *req, void *ud)
{
    struct pair *p = ud;
    int me = req == p->req[1];
    p->calls[me]++;
    if (p->calls[!me] == 0) /* guarded: never touch a request already delivered */
        http_cancel(p->e, p->req[!me]);
    http_request_free(req);
}

static void test_callback_may_cancel_another(void **state)
{
    (void)state;
    struct http_engine *e = http_engine_new();
    struct pair p = {.e = e};
    /* both are finished at once (refused URLs), so one dispatch delivers both unless the
     * first delivered cancels the other */
    p.req[0] = http_request_new("GET", "ftp://a/", NULL);
    p.req[1] = http_request_new("GET", "ftp://b/", NULL);
    http_submit(e, p.req[0], cancel_other, &p);
    http_submit(e, p.req[1], cancel_other, &p);
    http_dispatch(e);
    assert_int_equal(p.calls[0] + p.calls[1], 1);
    assert_false(http_busy(e));
    http_dispatch(e);
    assert_int_equal(p.calls[0] + p.calls[1], 1);
    http_engine_free(e);
}

/* A callback that submits its request again once. */
struct again {
    struct http_engine *e;
    int calls;
    long statuses[2];
};

static void submit_again(struct http_request *req, void *ud)
{
    struct again *a = ud;
    a->statuses[a->calls++] = http_status(req);
    if (a->calls == 1) {
        http_request_reset(req);
        http_submit(a->e, req, submit_again, a);
    } else {
        http_request_free(req);
    }
}

static void test_callback_may_submit_again(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct http_engine *e = http_engine_new();
    struct again a = {.e = e};
    http_submit(e, api_req(sb, "GET", "/v1/environments", NULL), submit_again, &a);
    pump_until(e, &a.calls, 2, 10);
    assert_int_equal(a.statuses[0], 200);
    assert_int_equal(a.statuses[1], 200);
    assert_false(http_busy(e));
    assert_int_equal(events_count(sb, "ENVIRONMENT_RETRIEVE_LIST_SUCCESS"), 2);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_engine_free_with_requests_in_flight(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--latency-ms", "500", NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    for (int i = 0; i < 3; i++)
        http_submit(e, anon_req(sb, "GET", "/v1/tenants", NULL), record, &o);
    pump_for(e, 0.05);
    /* and one finished but not yet delivered */
    http_submit(e, http_request_new("GET", "http://example.com/", NULL), record, &o);
    http_engine_free(e); /* frees them all, no callback (leaks show in the ASan build) */
    assert_int_equal(o.calls, 0);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ every transmission counts */

/* The seed and data size with which the sandbox (--drop-rate 0.5) executes the first DELETE
 * of the first tenant and closes the connection without an answer, then answers the next
 * DELETE 404 in full (see also tests/core/test_mattr.c). */
#define DROP_SEED "2"
#define DROP_TENANTS "3"

static void test_attempts_count_every_transmission(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--seed", DROP_SEED, "--tenants", DROP_TENANTS, NULL);
    char *id = first_tenant_id(sb);
    sandbox_stop(sb);
    sb = sandbox_start("--seed", DROP_SEED, "--tenants", DROP_TENANTS, "--drop-rate", "0.5",
                       NULL);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    /* the token through the engine (no fault on that route), so that the DELETE goes over a
     * reused connection as it does in the program */
    char *url = sandbox_url(sb, "/oauth/token");
    struct http_request *req = http_request_new("POST", url, NULL);
    free(url);
    http_request_body(req, DEMO_TOKEN_BODY, strlen(DEMO_TOKEN_BODY), "application/json", true);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_status(o.req), 200);
    cJSON *j = cJSON_Parse(http_body(o.req, NULL));
    assert_non_null(j);
    char *auth = xasprintf("Authorization: Bearer %s",
                           cJSON_GetObjectItemCaseSensitive(j, "access_token")->valuestring);
    cJSON_Delete(j);
    outcome_free(&o);

    char *path = xasprintf("/v1/tenants/%s", id);
    url = sandbox_url(sb, path);
    req = http_request_new("DELETE", url, NULL);
    http_request_header(req, auth, true);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 2, 15);
    char *first = events_line(sb, "TENANT_DELETE_SUCCESS", 0);
    if (!first)
        FAIL("seed " DROP_SEED " no longer drops the first DELETE's answer: pick another");
    assert_event_field(first, "fault", "drop");
    free(first);
    int sent = events_count(sb, "TENANT_DELETE_START");
    assert_true(sent >= 2);
    assert_int_equal(http_status(o.req), 404);
    /* the server got the DELETE `sent` times: each of them was an attempt (the backend
     * relies on this to see that a 404 follows an earlier, executed attempt) */
    if (http_attempts(o.req) != sent)
        FAIL("the server received the DELETE %d times, http_attempts() says %d", sent,
             http_attempts(o.req));
    outcome_free(&o);
    free(auth);
    free(path);
    free(url);
    free(id);
    http_engine_free(e);
    sandbox_stop(sb);
}

/* A tiny keep-alive HTTP/1.1 server in a child process: it answers every request 201 "{}"
 * except the second, which it reads in full and then closes the connection on without an
 * answer (a server that did the work and died, or a proxy that timed out). One byte per
 * request received goes to the pipe whose read end is returned in *count_fd. */
static pid_t flaky_pid;

static void flaky_serve(int ls, int out)
{
    int n = 0;
    for (;;) {
        int c = accept(ls, NULL, NULL);
        if (c < 0)
            _exit(1);
        char buf[8192];
        size_t len = 0;
        for (;;) {
            /* read one request: the head, then Content-Length bytes */
            char *end;
            while (!(end = memmem(buf, len, "\r\n\r\n", 4))) {
                ssize_t got = read(c, buf + len, sizeof buf - len);
                if (got <= 0)
                    goto next;
                len += (size_t)got;
            }
            size_t head = (size_t)(end - buf) + 4, body = 0;
            for (char *l = buf; l < end; l = strstr(l, "\r\n") + 2)
                if (!strncasecmp(l, "Content-Length:", 15))
                    body = strtoul(l + 15, NULL, 10);
            while (len < head + body) {
                ssize_t got = read(c, buf + len, sizeof buf - len);
                if (got <= 0)
                    goto next;
                len += (size_t)got;
            }
            memmove(buf, buf + head + body, len - head - body);
            len -= head + body;
            n++;
            if (write(out, "r", 1) != 1)
                _exit(1);
            if (n == 2)
                break; /* close without an answer */
            static const char ok[] = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                                     "Content-Length: 2\r\n\r\n{}";
            if (write(c, ok, sizeof ok - 1) != (ssize_t)(sizeof ok - 1))
                break;
        }
    next:
        close(c);
    }
}

static int flaky_start(int *count_fd)
{
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(ls >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(ls, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(ls, 8), 0);
    socklen_t alen = sizeof a;
    assert_int_equal(getsockname(ls, (struct sockaddr *)&a, &alen), 0);
    int p[2];
    assert_int_equal(pipe2(p, O_CLOEXEC), 0);
    fflush(NULL);
    pid_t parent = getpid();
    flaky_pid = fork();
    assert_true(flaky_pid >= 0);
    if (flaky_pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(1);
        close(p[0]);
        flaky_serve(ls, p[1]);
        _exit(0);
    }
    close(ls);
    close(p[1]);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    *count_fd = p[0];
    return ntohs(a.sin_port);
}

static int flaky_teardown(void **state)
{
    (void)state;
    if (flaky_pid > 0) {
        kill(flaky_pid, SIGTERM);
        waitpid(flaky_pid, NULL, 0);
    }
    flaky_pid = 0;
    return 0;
}

/* How many requests the flaky server has received so far. */
static int flaky_count(int fd, int *total)
{
    char buf[64];
    ssize_t got;
    while ((got = read(fd, buf, sizeof buf)) > 0)
        *total += (int)got;
    return *total;
}

static void test_post_not_resent_over_a_dead_reused_connection(void **state)
{
    (void)state;
    int fd, received = 0;
    int port = flaky_start(&fd);
    char *url = xasprintf("http://127.0.0.1:%d/v1/tenants", port);
    struct http_engine *e = http_engine_new();
    struct outcome o = {0};
    struct http_settings s = fast(3);

    struct http_request *req = http_request_new("POST", url, &s);
    http_request_body(req, "{\"n\":1}", 7, "application/json", false);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_status(o.req), 201);
    outcome_free(&o);
    assert_int_equal(flaky_count(fd, &received), 1);

    /* the second create goes over the kept-alive connection; the server reads it (and, for
     * all the client knows, executes it) and closes the connection without an answer */
    req = http_request_new("POST", url, &s);
    http_request_body(req, "{\"n\":2}", 7, "application/json", false);
    http_submit(e, req, record, &o);
    pump_until(e, &o.calls, 2, 10);
    int got = flaky_count(fd, &received) - 1;
    int attempts = http_attempts(o.req);
    long status = http_status(o.req);
    enum status_code code = http_error(o.req)->code;
    outcome_free(&o);
    if (got != 1)
        FAIL("a POST was sent %d times (the engine says %d attempt(s), final status %ld): a "
             "create must never be sent twice",
             got, attempts, status);
    assert_int_equal(attempts, 1);
    assert_int_equal(code, ST_NETWORK);
    free(url);
    close(fd);
    http_engine_free(e);
    flaky_teardown(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_get_ok),
        SANDBOX_TEST(test_error_status_is_a_response_not_a_transport_error),
        SANDBOX_TEST(test_post_body_is_sent),
        SANDBOX_TEST(test_concurrent_requests_all_complete),
        SANDBOX_TEST(test_connection_reused_and_log_redacted),
        SANDBOX_TEST(test_get_retried_on_503_then_delivered),
        SANDBOX_TEST(test_retryable_statuses),
        SANDBOX_TEST(test_500_retried_for_get_only),
        SANDBOX_TEST(test_body_cut_short_retried_when_checked),
        SANDBOX_TEST(test_retry_after_is_honoured),
        SANDBOX_TEST(test_long_retry_after_is_not_waited_for),
        SANDBOX_TEST(test_backoff_grows_and_is_capped),
        SANDBOX_TEST(test_post_never_retried),
        SANDBOX_TEST(test_connection_refused),
        SANDBOX_TEST(test_dropped_answers_are_retried_then_fail),
        SANDBOX_TEST(test_timeout),
        SANDBOX_TEST(test_url_allowed),
        SANDBOX_TEST(test_refused_url_completes_through_callback),
        SANDBOX_TEST(test_wait_wakes_for_extra_fd_while_request_is_slow),
        SANDBOX_TEST(test_wait_reports_hangup_of_extra_fd),
        SANDBOX_TEST(test_idle_wait_honours_max_ms),
        SANDBOX_TEST(test_cancel_in_flight),
        SANDBOX_TEST(test_cancel_waiting_for_retry),
        SANDBOX_TEST(test_cancel_among_others_and_before_delivery),
        SANDBOX_TEST(test_callback_may_cancel_another),
        SANDBOX_TEST(test_callback_may_submit_again),
        SANDBOX_TEST(test_engine_free_with_requests_in_flight),
        SANDBOX_TEST(test_attempts_count_every_transmission),
        cmocka_unit_test_teardown(test_post_not_resent_over_a_dead_reused_connection,
                                  flaky_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

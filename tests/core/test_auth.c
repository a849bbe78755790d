/* test_auth.c: core/auth, the client-credentials token lifecycle, against the real
 * tenantry-sandbox: one token for many requests, refused credentials, renewal before expiry,
 * renewal and one replay on a 401, cancelling, and no secret in messages or the debug log. */
#include "config.h"

#include "../sandbox/harness.h"
#include "engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/http.h"
#include "core/log.h"
#include "core/status.h"

#define PROFILE "staging-eu"
#define WRONG_SECRET "not-the-secret-4f9a1c"

/* ------------------------------------------------------------------ helpers */

/* Sleep (to let a token age; never for synchronisation). */
static void sleep_s(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
        ;
}

/* A token manager for the sandbox's default credentials (secret as given). */
static struct auth *auth_for(struct http_engine *e, struct sandbox *sb, const char *secret)
{
    char *url = sandbox_url(sb, "/oauth/token");
    struct auth_config cfg = {
        .profile = PROFILE,
        .token_url = url,
        .audience = DEMO_AUDIENCE,
        .client_id = DEMO_CLIENT_ID,
        .client_secret = secret,
        .http = {.max_attempts = 3, .backoff_ms = 10, .backoff_max_ms = 40},
    };
    struct auth *a = auth_new(e, &cfg);
    free(url);
    return a;
}

/* A GET of path on the sandbox, with no Authorization header (auth adds it). */
static struct http_request *get(struct sandbox *sb, const char *path)
{
    char *url = sandbox_url(sb, path);
    struct http_request *req = http_request_new("GET", url, NULL);
    free(url);
    http_request_header(req, "Accept: application/json", false);
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

/* ------------------------------------------------------------------ tests */

static void test_one_token_for_many_requests(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct http_engine *e = http_engine_new();
    struct auth *a = auth_for(e, sb, DEMO_CLIENT_SECRET);
    assert_int_equal(auth_token_expiry(a), 0);
    struct outcome o[3] = {{0}};
    for (int i = 0; i < 3; i++)
        auth_submit(a, get(sb, "/v1/tenants?limit=1"), record, &o[i]);
    for (int i = 0; i < 3; i++) {
        pump_until(e, &o[i].calls, 1, 10);
        assert_int_equal(http_error(o[i].req)->code, ST_OK);
        assert_int_equal(http_status(o[i].req), 200);
        outcome_free(&o[i]);
    }
    /* a later one reuses it too */
    struct outcome later = {0};
    auth_submit(a, get(sb, "/v1/environments"), record, &later);
    pump_until(e, &later.calls, 1, 10);
    assert_int_equal(http_status(later.req), 200);
    outcome_free(&later);
    assert_int_equal(events_count(sb, "AUTH_TOKEN_CREATE_SUCCESS"), 1);
    assert_int_equal(events_count(sb, "AUTH_TOKEN_CREATE_START"), 1);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_SUCCESS"), 3);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_FAIL"), 0);
    /* the sandbox's default lifetime is a day */
    int64_t exp = auth_token_expiry(a);
    int64_t now = (int64_t)time(NULL) * 1000;
    assert_true(exp > now + 86390LL * 1000 && exp < now + 86410LL * 1000);
    auth_free(a);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_wrong_secret_fails_every_waiting_request(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct http_engine *e = http_engine_new();
    struct auth *a = auth_for(e, sb, WRONG_SECRET);
    struct outcome o[3] = {{0}};
    for (int i = 0; i < 3; i++)
        auth_submit(a, get(sb, "/v1/tenants"), record, &o[i]);
    for (int i = 0; i < 3; i++) {
        pump_until(e, &o[i].calls, 1, 10);
        const struct tn_error *err = http_error(o[i].req);
        assert_int_equal(err->code, ST_AUTH);
        assert_int_equal(http_status(o[i].req), 0); /* the API was never asked */
        assert_non_null(err->message);
        assert_non_null(strstr(err->message, PROFILE));
        assert_null(strstr(err->message, WRONG_SECRET));
        assert_null(strstr(err->message, DEMO_CLIENT_SECRET));
        if (err->hint) {
            assert_null(strstr(err->hint, WRONG_SECRET));
        }
        assert_int_equal(err->http_status, 401);
        outcome_free(&o[i]);
    }
    assert_int_equal(auth_token_expiry(a), 0);
    /* one token request for the three; none of them reached the API */
    assert_int_equal(events_count(sb, "AUTH_TOKEN_CREATE_FAIL"), 1);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_START"), 0);

    /* a later request asks again (and fails again) */
    struct outcome again = {0};
    auth_submit(a, get(sb, "/v1/tenants"), record, &again);
    pump_until(e, &again.calls, 1, 10);
    assert_int_equal(http_error(again.req)->code, ST_AUTH);
    outcome_free(&again);
    assert_int_equal(events_count(sb, "AUTH_TOKEN_CREATE_FAIL"), 2);
    auth_free(a);
    http_engine_free(e);
    sandbox_stop(sb);
}

/* A callback that, on its first call, submits another request through the same auth. */
struct resubmit {
    struct auth *a;
    struct sandbox *sb;
    struct outcome first, second;
};

static void submit_from_callback(struct http_request *req, void *ud)
{
    struct resubmit *r = ud;
    record(req, &r->first);
    auth_submit(r->a, get(r->sb, "/v1/tenants"), record, &r->second);
}

static void test_request_submitted_from_failure_callback(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct http_engine *e = http_engine_new();
    struct auth *a = auth_for(e, sb, WRONG_SECRET);
    struct resubmit r = {.a = a, .sb = sb};
    auth_submit(a, get(sb, "/v1/tenants"), submit_from_callback, &r);
    pump_until(e, &r.second.calls, 1, 10);
    assert_int_equal(r.first.calls, 1);
    assert_int_equal(http_error(r.first.req)->code, ST_AUTH);
    /* the new request waited for a token request of its own */
    assert_int_equal(http_error(r.second.req)->code, ST_AUTH);
    assert_int_equal(events_count(sb, "AUTH_TOKEN_CREATE_FAIL"), 2);
    outcome_free(&r.first);
    outcome_free(&r.second);
    auth_free(a);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_token_endpoint_unreachable_is_a_network_error(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct http_engine *e = http_engine_new();
    char *url = xasprintf("http://127.0.0.1:%d/nothing-here/oauth/token", sandbox_port(sb));
    struct auth_config cfg = {
        .profile = PROFILE,
        .token_url = "http://127.0.0.1:1/oauth/token", /* port 1: refused */
        .audience = DEMO_AUDIENCE,
        .client_id = DEMO_CLIENT_ID,
        .client_secret = DEMO_CLIENT_SECRET,
        .http = {.max_attempts = 2, .backoff_ms = 10, .backoff_max_ms = 20},
    };
    struct auth *a = auth_new(e, &cfg);
    struct outcome o = {0};
    auth_submit(a, get(sb, "/v1/tenants"), record, &o);
    pump_until(e, &o.calls, 1, 10);
    const struct tn_error *err = http_error(o.req);
    assert_int_equal(err->code, ST_NETWORK);
    assert_non_null(err->message);
    assert_null(strstr(err->message, DEMO_CLIENT_SECRET));
    assert_non_null(err->hint);
    outcome_free(&o);
    auth_free(a);

    /* a token URL that answers 404 (not the token endpoint): not a usable token */
    cfg.token_url = url;
    a = auth_new(e, &cfg);
    auth_submit(a, get(sb, "/v1/tenants"), record, &o);
    pump_until(e, &o.calls, 2, 10);
    err = http_error(o.req);
    assert_int_not_equal(err->code, ST_OK);
    assert_non_null(err->message);
    assert_null(strstr(err->message, DEMO_CLIENT_SECRET));
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_START"), 0);
    outcome_free(&o);
    auth_free(a);
    free(url);
    http_engine_free(e);
    sandbox_stop(sb);
}

/* Expiry claimed longer than real: the first GET after the real lifetime gets a 401; auth
 * renews once and replays; the caller sees 200. */
static void check_renew_on_401(bool plain)
{
    struct sandbox *sb = plain ? sandbox_start("--token-ttl", "1", "--expires-in", "3600",
                                               "--plain-401", NULL)
                               : sandbox_start("--token-ttl", "1", "--expires-in", "3600", NULL);
    struct http_engine *e = http_engine_new();
    struct auth *a = auth_for(e, sb, DEMO_CLIENT_SECRET);
    struct outcome o = {0};
    auth_submit(a, get(sb, "/v1/tenants"), record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_int_equal(http_status(o.req), 200);
    int64_t exp1 = auth_token_expiry(a);
    int64_t now = (int64_t)time(NULL) * 1000;
    assert_true(exp1 > now + 3590LL * 1000); /* it believes the claim */
    sleep_s(1.3);                            /* past the token's real lifetime */
    auth_submit(a, get(sb, "/v1/tenants"), record, &o);
    pump_until(e, &o.calls, 2, 10);
    assert_int_equal(http_error(o.req)->code, ST_OK);
    assert_int_equal(http_status(o.req), 200);
    outcome_free(&o);
    assert_int_equal(events_count(sb, "AUTH_TOKEN_CREATE_SUCCESS"), 2);
    assert_int_equal(events_with(sb, "TENANT_RETRIEVE_LIST_FAIL", "status", "401"), 1);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_SUCCESS"), 2);
    assert_true(auth_token_expiry(a) >= exp1);
    auth_free(a);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_renew_and_replay_on_401(void **state)
{
    (void)state;
    check_renew_on_401(false);
}

static void test_renew_and_replay_on_plain_401(void **state)
{
    (void)state;
    check_renew_on_401(true);
}

static void test_several_requests_meeting_401_share_one_renewal(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--token-ttl", "1", "--expires-in", "3600", NULL);
    struct http_engine *e = http_engine_new();
    struct auth *a = auth_for(e, sb, DEMO_CLIENT_SECRET);
    struct outcome o[4] = {{0}};
    auth_submit(a, get(sb, "/v1/environments"), record, &o[0]);
    pump_until(e, &o[0].calls, 1, 10);
    outcome_free(&o[0]);
    sleep_s(1.2);
    for (int i = 1; i < 4; i++)
        auth_submit(a, get(sb, "/v1/tenants"), record, &o[i]);
    for (int i = 1; i < 4; i++) {
        pump_until(e, &o[i].calls, 1, 10);
        assert_int_equal(http_status(o[i].req), 200);
        outcome_free(&o[i]);
    }
    assert_int_equal(events_with(sb, "TENANT_RETRIEVE_LIST_FAIL", "status", "401"), 3);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_SUCCESS"), 3);
    /* the three 401s of one old token lead to one new token, not three */
    assert_int_equal(events_count(sb, "AUTH_TOKEN_CREATE_SUCCESS"), 2);
    auth_free(a);
    http_engine_free(e);
    sandbox_stop(sb);
}

/* Every token is dead by the time the API checks it (the answer's latency outlives it):
 * a 401 after the replay is the final answer, and there is exactly one replay. */
static void test_replayed_only_once(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--token-ttl", "1", "--expires-in", "3600",
                                       "--latency-ms", "1100", NULL);
    struct http_engine *e = http_engine_new();
    struct auth *a = auth_for(e, sb, DEMO_CLIENT_SECRET);
    struct outcome o = {0};
    auth_submit(a, get(sb, "/v1/tenants"), record, &o);
    pump_until(e, &o.calls, 1, 15);
    assert_int_equal(http_error(o.req)->code, ST_OK);
    assert_int_equal(http_status(o.req), 401);
    outcome_free(&o);
    assert_int_equal(events_count(sb, "AUTH_TOKEN_CREATE_SUCCESS"), 2);
    assert_int_equal(events_with(sb, "TENANT_RETRIEVE_LIST_FAIL", "status", "401"), 2);
    auth_free(a);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_short_token_renewed_before_expiry(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--token-ttl", "2", NULL);
    struct http_engine *e = http_engine_new();
    struct auth *a = auth_for(e, sb, DEMO_CLIENT_SECRET);
    struct outcome o = {0};
    /* the clock auth reads (time(NULL) is a coarse clock that can lag it by a tick) */
    int64_t before = util_wallclock_ms();
    auth_submit(a, get(sb, "/v1/tenants"), record, &o);
    pump_until(e, &o.calls, 1, 10);
    int64_t after = util_wallclock_ms();
    assert_int_equal(http_status(o.req), 200);
    int64_t exp1 = auth_token_expiry(a);
    if (exp1 < before + 2000 || exp1 > after + 2000)
        FAIL("token expiry %lld is not about now + 2 s (%lld..%lld)", (long long)exp1,
             (long long)(before + 2000), (long long)(after + 2000));
    /* a lifetime under two minutes is renewed at half-life: 1 s here */
    sleep_s(1.2);
    auth_submit(a, get(sb, "/v1/tenants"), record, &o);
    pump_until(e, &o.calls, 2, 10);
    assert_int_equal(http_status(o.req), 200);
    outcome_free(&o);
    assert_int_equal(events_count(sb, "AUTH_TOKEN_CREATE_SUCCESS"), 2);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_FAIL"), 0);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_SUCCESS"), 2);
    int64_t exp2 = auth_token_expiry(a);
    assert_true(exp2 >= exp1 + 1000);
    auth_free(a);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_forget_fetches_a_new_token(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct http_engine *e = http_engine_new();
    struct auth *a = auth_for(e, sb, DEMO_CLIENT_SECRET);
    struct outcome o = {0};
    auth_submit(a, get(sb, "/v1/tenants"), record, &o);
    pump_until(e, &o.calls, 1, 10);
    assert_true(auth_token_expiry(a) > 0);
    auth_forget(a);
    assert_int_equal(auth_token_expiry(a), 0);
    auth_submit(a, get(sb, "/v1/tenants"), record, &o);
    pump_until(e, &o.calls, 2, 10);
    assert_int_equal(http_status(o.req), 200);
    outcome_free(&o);
    assert_int_equal(events_count(sb, "AUTH_TOKEN_CREATE_SUCCESS"), 2);
    auth_free(a);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_cancel_waiting_and_in_flight(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--latency-ms", "300", NULL);
    struct http_engine *e = http_engine_new();
    struct auth *a = auth_for(e, sb, DEMO_CLIENT_SECRET);
    struct outcome waiting = {0}, kept = {0}, flying = {0};
    /* two wait for the token; one of them is cancelled before the token comes */
    struct http_request *w = get(sb, "/v1/environments");
    auth_submit(a, w, record, &waiting);
    auth_submit(a, get(sb, "/v1/tenants"), record, &kept);
    auth_cancel(a, w);
    pump_until(e, &kept.calls, 1, 10);
    assert_int_equal(http_status(kept.req), 200);
    assert_int_equal(waiting.calls, 0);
    assert_int_equal(events_count(sb, "ENVIRONMENT_RETRIEVE_LIST_START"), 0);
    outcome_free(&kept);

    /* one in flight (the token is there now), cancelled during the answer's latency */
    struct http_request *f = get(sb, "/v1/environments");
    auth_submit(a, f, record, &flying);
    pump_for(e, 0.1);
    auth_cancel(a, f);
    auth_submit(a, get(sb, "/v1/tenants"), record, &kept);
    pump_until(e, &kept.calls, 2, 10);
    assert_int_equal(flying.calls, 0);
    outcome_free(&kept);
    assert_int_equal(events_count(sb, "ENVIRONMENT_RETRIEVE_LIST_START"), 0);

    /* auth_free with one waiting for a token and its token request in flight */
    auth_forget(a);
    auth_submit(a, get(sb, "/v1/environments"), record, &waiting);
    pump_for(e, 0.05);
    auth_free(a);
    assert_false(http_busy(e));
    http_dispatch(e);
    assert_int_equal(waiting.calls, 0);
    http_engine_free(e);
    sandbox_stop(sb);
}

static void test_debug_log_holds_no_secret(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--token-ttl", "1", "--expires-in", "3600", NULL);
    const char *dir = getenv("TENANTRY_TEST_TMPDIR");
    char *path = xasprintf("%s/core-auth-%ld.log", dir && *dir ? dir : "/tmp", (long)getpid());
    unlink(path);
    struct tn_error err = {0};
    assert_true(log_open(path, &err));
    struct http_engine *e = http_engine_new();
    struct auth *a = auth_for(e, sb, DEMO_CLIENT_SECRET);
    struct outcome o = {0};
    auth_submit(a, get(sb, "/v1/tenants"), record, &o);
    pump_until(e, &o.calls, 1, 10);
    sleep_s(1.2);
    auth_submit(a, get(sb, "/v1/tenants"), record, &o); /* 401, renewal, replay */
    pump_until(e, &o.calls, 2, 10);
    assert_int_equal(http_status(o.req), 200);
    outcome_free(&o);
    auth_free(a);
    http_engine_free(e);
    log_close();
    char *text = file_read(path, false);
    assert_true(strlen(text) > 0);
    assert_null(strstr(text, DEMO_CLIENT_SECRET));
    assert_null(strstr(text, "eyJ")); /* the tokens are JWTs */
    assert_null(strstr(text, "access_token"));
    assert_non_null(strstr(text, "> Authorization: [redacted]"));
    assert_non_null(strstr(text, "401"));
    free(text);
    unlink(path);
    free(path);
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_one_token_for_many_requests),
        SANDBOX_TEST(test_wrong_secret_fails_every_waiting_request),
        SANDBOX_TEST(test_request_submitted_from_failure_callback),
        SANDBOX_TEST(test_token_endpoint_unreachable_is_a_network_error),
        SANDBOX_TEST(test_renew_and_replay_on_401),
        SANDBOX_TEST(test_renew_and_replay_on_plain_401),
        SANDBOX_TEST(test_several_requests_meeting_401_share_one_renewal),
        SANDBOX_TEST(test_replayed_only_once),
        SANDBOX_TEST(test_short_token_renewed_before_expiry),
        SANDBOX_TEST(test_forget_fetches_a_new_token),
        SANDBOX_TEST(test_cancel_waiting_and_in_flight),
        SANDBOX_TEST(test_debug_log_holds_no_secret),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_faults.c: injected failures, dropped connections, malformed bodies and latency. */
#include "config.h"

#include "harness.h"

#include <stdlib.h>
#include <string.h>

/* GET path until the answer is not an injected failure (at most 200 tries). */
static struct resp *get_past_failures(struct sandbox *sb, const char *path)
{
    for (int i = 0; i < 200; i++) {
        struct resp *r = api(sb, "GET", path, NULL);
        if (r->status != 503)
            return r;
        resp_free(r);
    }
    fail_msg("GET %s failed 200 times in a row", path);
    return NULL;
}

/* POST a tenant with label in the first environment, whatever the answer. */
static struct resp *post_tenant(struct sandbox *sb, const char *env, const char *label)
{
    char *body = tenant_body(NULL, label, env);
    struct resp *r = api(sb, "POST", "/v1/tenants", body);
    free(body);
    return r;
}

/* True when one of hosts is label.vii.SOMETHING. */
static bool has_label(const struct strlist *hosts, const char *label)
{
    size_t len = strlen(label);
    for (size_t i = 0; i < hosts->n; i++) {
        if (strncmp(hosts->v[i], label, len) == 0 && strncmp(hosts->v[i] + len, ".vii.", 5) == 0)
            return true;
    }
    return false;
}

static void test_fail_503_has_retry_after_and_error_body(void **state)
{
    (void)state;
    static const char *const paths[] = {"/v1/environments", "/v1/tenants"};
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", "503", NULL);
    for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
        struct resp *r = api(sb, "GET", paths[i], NULL);
        assert_error(r, 503, "ServiceUnavailable");
        assert_non_null(r->retry_after);
        assert_string_equal(r->retry_after, "1");
        resp_free(r);
    }
    sandbox_stop(sb);
}

static void test_fail_status_defaults_to_503(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", NULL);
    struct resp *r = api(sb, "GET", "/v1/tenants", NULL);
    assert_error(r, 503, "ServiceUnavailable");
    assert_non_null(r->retry_after);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_retry_after_follows_flag(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--retry-after", "7", NULL);
    struct resp *r = api(sb, "GET", "/v1/tenants", NULL);
    assert_error(r, 503, "ServiceUnavailable");
    assert_non_null(r->retry_after);
    assert_string_equal(r->retry_after, "7");
    resp_free(r);
    sandbox_stop(sb);
}

static void test_fail_429_has_retry_after(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", "429", NULL);
    struct resp *r = api(sb, "GET", "/v1/tenants", NULL);
    assert_error(r, 429, "TooManyRequests");
    assert_non_null(r->retry_after);
    assert_string_equal(r->retry_after, "1");
    resp_free(r);
    sandbox_stop(sb);
}

static void test_fail_500_has_no_retry_after(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", "500", NULL);
    struct resp *r = api(sb, "GET", "/v1/tenants", NULL);
    assert_error(r, 500, "InternalServerError");
    assert_null(r->retry_after);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_injected_failure_is_not_carried_out(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "0.5", "--seed", "3", NULL);
    struct resp *envs = get_past_failures(sb, "/v1/environments?limit=1");
    assert_status(envs, 200);
    char *env = xstrdup(member_string(cJSON_GetArrayItem(page_data(envs), 0), "id"));
    resp_free(envs);

    struct strlist done = {0}, refused = {0};
    for (int i = 0; i < 40; i++) {
        char label[32];
        snprintf(label, sizeof label, "half-%02d", i);
        struct resp *r = post_tenant(sb, env, label);
        if (r->status == 201)
            strlist_add(&done, member_string(resp_json(r), "subdomain"));
        else if (r->status == 503)
            strlist_add(&refused, label);
        else
            fail_msg("create %s: expected 201 or 503, got %ld", label, r->status);
        resp_free(r);
    }
    assert_true(done.n > 0);
    assert_true(refused.n > 0);

    struct resp *list = get_past_failures(sb, "/v1/tenants?limit=1000");
    assert_status(list, 200);
    struct strlist subs = {0};
    const cJSON *row;
    cJSON_ArrayForEach(row, page_data(list))
        strlist_add(&subs, member_string(row, "subdomain"));
    assert_int_equal(subs.n, 50 + done.n);
    for (size_t i = 0; i < done.n; i++)
        assert_int_equal(strlist_count(&subs, done.v[i]), 1);
    for (size_t i = 0; i < refused.n; i++)
        assert_false(has_label(&subs, refused.v[i]));
    strlist_free(&subs);
    resp_free(list);
    strlist_free(&done);
    strlist_free(&refused);
    free(env);
    sandbox_stop(sb);
}

static void test_injected_failure_is_logged_with_fault(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", NULL);
    struct resp *r = api(sb, "GET", "/v1/tenants", NULL);
    assert_status(r, 503);
    resp_free(r);
    assert_int_equal(events_wait(sb, "TENANT_RETRIEVE_LIST_FAIL", 1), 1);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_START"), 1);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_SUCCESS"), 0);
    char *line = events_line(sb, "TENANT_RETRIEVE_LIST_FAIL", 0);
    assert_event_field(line, "status", "503");
    assert_event_field(line, "fault", "fail");
    free(line);
    sandbox_stop(sb);
}

static void test_token_endpoint_is_never_faulted(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--drop-rate", "1",
                                       "--malformed-rate", "1", NULL);
    for (int i = 0; i < 5; i++) {
        struct resp *r = http(sb, "POST", "/oauth/token", NULL, DEMO_TOKEN_BODY,
                              "application/json");
        assert_status(r, 200);
        assert_true(strlen(member_string(resp_json(r), "access_token")) > 0);
        resp_free(r);
    }
    sandbox_stop(sb);
}

static void test_drop_closes_connection_mid_body(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--drop-rate", "1", NULL);
    struct resp *r = api(sb, "GET", "/v1/tenants", NULL);
    if (r->curl_rc != CURLE_PARTIAL_FILE && r->curl_rc != CURLE_GOT_NOTHING)
        fail_msg("a dropped answer came through as curl %d (%s), HTTP %ld, %zu bytes",
                 (int)r->curl_rc, curl_easy_strerror(r->curl_rc), r->status, r->len);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_dropped_create_and_delete_are_carried_out(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--drop-rate", "1", NULL);
    /* Environments cannot be read through drops; the ID comes from a twin server. */
    struct sandbox *twin = sandbox_start(NULL);
    char *env = environment_id(twin, 0);
    sandbox_stop(twin);

    struct resp *r = post_tenant(sb, env, "dropped");
    assert_true(r->curl_rc == CURLE_PARTIAL_FILE || r->curl_rc == CURLE_GOT_NOTHING);
    resp_free(r);
    assert_int_equal(events_wait(sb, "TENANT_CREATE_SUCCESS", 1), 1);
    char *line = events_line(sb, "TENANT_CREATE_SUCCESS", 0);
    assert_event_field(line, "fault", "drop");
    assert_event_field(line, "status", "201");
    char *id = event_field(line, "id");
    assert_true(is_uuid(id));

    /* The same subdomain again is refused: the first create happened. */
    r = post_tenant(sb, env, "dropped");
    resp_free(r);
    assert_int_equal(events_wait(sb, "TENANT_CREATE_FAIL", 1), 1);
    char *fail_line = events_line(sb, "TENANT_CREATE_FAIL", 0);
    assert_event_field(fail_line, "status", "400");

    /* A delete has no body: the connection closes before any answer. */
    char *path = xasprintf("/v1/tenants/%s", id);
    r = api(sb, "DELETE", path, NULL);
    assert_int_equal(r->curl_rc, CURLE_GOT_NOTHING);
    resp_free(r);
    assert_int_equal(events_wait(sb, "TENANT_DELETE_SUCCESS", 1), 1);
    char *del_line = events_line(sb, "TENANT_DELETE_SUCCESS", 0);
    assert_event_field(del_line, "status", "204");
    assert_event_field(del_line, "fault", "drop");
    free(del_line);
    free(path);
    free(fail_line);
    free(id);
    free(line);
    free(env);
    sandbox_stop(sb);
}

static void test_malformed_body_is_truncated_with_matching_length(void **state)
{
    (void)state;
    struct sandbox *bad = sandbox_start("--malformed-rate", "1", "--seed", "5", NULL);
    struct sandbox *good = sandbox_start("--seed", "5", NULL);
    struct resp *rb = api(bad, "GET", "/v1/tenants", NULL);
    struct resp *rg = api(good, "GET", "/v1/tenants", NULL);
    /* CURLE_OK: exactly Content-Length bytes came. */
    assert_status(rb, 200);
    assert_status(rg, 200);
    cJSON *parsed = cJSON_ParseWithLength(rb->body, rb->len);
    assert_null(parsed);
    assert_true(rb->len > 0);
    assert_true(rb->len < rg->len);
    assert_memory_equal(rb->body, rg->body, rb->len);
    resp_free(rb);
    resp_free(rg);
    sandbox_stop(good);
    sandbox_stop(bad);
}

static void test_malformed_create_is_carried_out(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--malformed-rate", "1", NULL);
    struct sandbox *twin = sandbox_start(NULL);
    char *env = environment_id(twin, 0);
    sandbox_stop(twin);

    struct resp *r = post_tenant(sb, env, "garbled");
    assert_status(r, 201);
    cJSON *parsed = cJSON_ParseWithLength(r->body, r->len);
    assert_null(parsed);
    assert_non_null(strstr(r->body, "{"));
    resp_free(r);
    assert_int_equal(events_wait(sb, "TENANT_CREATE_SUCCESS", 1), 1);
    char *line = events_line(sb, "TENANT_CREATE_SUCCESS", 0);
    assert_event_field(line, "fault", "malformed");
    char *id = event_field(line, "id");
    assert_true(is_uuid(id));

    r = post_tenant(sb, env, "garbled");
    assert_int_equal(r->curl_rc, CURLE_OK);
    assert_int_equal(r->status, 400);
    resp_free(r);
    free(id);
    free(line);
    free(env);
    sandbox_stop(sb);
}

static void test_latency_delays_api_and_token(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--latency-ms", "300", NULL);
    struct resp *t = http(sb, "POST", "/oauth/token", NULL, DEMO_TOKEN_BODY, "application/json");
    assert_status(t, 200);
    assert_true(t->seconds >= 0.3);
    struct resp *r = http(sb, "GET", "/v1/environments", member_string(resp_json(t),
                          "access_token"), NULL, NULL);
    assert_status(r, 200);
    assert_true(r->seconds >= 0.3);
    resp_free(r);
    resp_free(t);
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_fail_503_has_retry_after_and_error_body),
        SANDBOX_TEST(test_fail_status_defaults_to_503),
        SANDBOX_TEST(test_retry_after_follows_flag),
        SANDBOX_TEST(test_fail_429_has_retry_after),
        SANDBOX_TEST(test_fail_500_has_no_retry_after),
        SANDBOX_TEST(test_injected_failure_is_not_carried_out),
        SANDBOX_TEST(test_injected_failure_is_logged_with_fault),
        SANDBOX_TEST(test_token_endpoint_is_never_faulted),
        SANDBOX_TEST(test_drop_closes_connection_mid_body),
        SANDBOX_TEST(test_dropped_create_and_delete_are_carried_out),
        SANDBOX_TEST(test_malformed_body_is_truncated_with_matching_length),
        SANDBOX_TEST(test_malformed_create_is_carried_out),
        SANDBOX_TEST(test_latency_delays_api_and_token),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}

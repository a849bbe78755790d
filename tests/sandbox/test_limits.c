/* test_limits.c: body size limit, malformed and non-object bodies, unknown routes. */
#include "config.h"

#include "harness.h"

#include <stdlib.h>
#include <string.h>

/* A valid tenant-create body for label, padded with trailing white space to exactly size
 * bytes; the caller frees it. */
static char *padded_tenant_body(struct sandbox *sb, const char *label, size_t size)
{
    char *env = environment_id(sb, 0);
    char *json = tenant_body(NULL, label, env);
    size_t len = strlen(json);
    assert_true(len <= size);
    char *body = xmalloc(size + 1);
    memcpy(body, json, len);
    memset(body + len, ' ', size - len);
    body[size] = '\0';
    free(json);
    free(env);
    return body;
}

/* POST body (size bytes) to /v1/tenants, chunked or not. */
static struct resp *post_tenant_body(struct sandbox *sb, const char *body, size_t size, bool chunked)
{
    struct req rq = {
        .method = "POST",
        .path = "/v1/tenants",
        .bearer = sandbox_token(sb),
        .body = body,
        .body_len = size,
        .content_type = "application/json",
        .chunked = chunked,
    };
    return http_send(sb, &rq);
}

/* Create the tenant label with a small body; fail unless 201 (so it was free). */
static void assert_label_free(struct sandbox *sb, const char *label)
{
    cJSON *t = tenant_create(sb, label, NULL);
    cJSON_Delete(t);
}

static void test_body_over_limit_is_413(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *body = padded_tenant_body(sb, "too-big", BODY_LIMIT + 1);
    struct resp *r = post_tenant_body(sb, body, BODY_LIMIT + 1, false);
    assert_error(r, 413, "PayloadTooLarge");
    resp_free(r);
    free(body);
    assert_label_free(sb, "too-big");
    sandbox_stop(sb);
}

static void test_chunked_body_over_limit_is_413(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *body = padded_tenant_body(sb, "too-big-chunked", BODY_LIMIT + 1);
    struct resp *r = post_tenant_body(sb, body, BODY_LIMIT + 1, true);
    assert_error(r, 413, "PayloadTooLarge");
    resp_free(r);
    free(body);
    assert_label_free(sb, "too-big-chunked");
    sandbox_stop(sb);
}

static void test_body_far_over_limit_is_413(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    size_t size = 8 * BODY_LIMIT;
    char *body = padded_tenant_body(sb, "huge", size);
    struct resp *r = post_tenant_body(sb, body, size, true);
    assert_error(r, 413, "PayloadTooLarge");
    resp_free(r);
    free(body);
    sandbox_stop(sb);
}

static void test_body_of_exactly_limit_is_accepted(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *body = padded_tenant_body(sb, "just-fits", BODY_LIMIT);
    struct resp *r = post_tenant_body(sb, body, BODY_LIMIT, false);
    assert_status(r, 201);
    resp_free(r);
    free(body);
    sandbox_stop(sb);
}

static void test_chunked_body_of_exactly_limit_is_accepted(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *body = padded_tenant_body(sb, "just-fits-chunked", BODY_LIMIT);
    struct resp *r = post_tenant_body(sb, body, BODY_LIMIT, true);
    assert_status(r, 201);
    assert_string_equal(member_string(resp_json(r), "name"), "just-fits-chunked");
    resp_free(r);
    free(body);
    sandbox_stop(sb);
}

static void test_client_update_over_limit_is_413(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *c = client_create(sb, tenant, "small", "[\"admin\"]");
    char *path = xasprintf("/v1/tenants/%s/clients/%s", tenant, member_string(c, "clientId"));
    char *body = xmalloc(BODY_LIMIT + 2);
    memset(body, ' ', BODY_LIMIT + 1);
    memcpy(body, "{\"name\":\"big\"}", 14);
    body[BODY_LIMIT + 1] = '\0';
    struct req rq = {
        .method = "PUT",
        .path = path,
        .bearer = sandbox_token(sb),
        .body = body,
        .content_type = "application/json",
    };
    struct resp *r = http_send(sb, &rq);
    assert_error(r, 413, "PayloadTooLarge");
    resp_free(r);
    free(body);
    free(path);
    cJSON_Delete(c);
    free(tenant);
    sandbox_stop(sb);
}

static void test_token_body_over_limit_is_413(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *body = xmalloc(BODY_LIMIT + 2);
    memset(body, ' ', BODY_LIMIT + 1);
    memcpy(body, "{}", 2);
    body[BODY_LIMIT + 1] = '\0';
    struct resp *r = http(sb, "POST", "/oauth/token", NULL, body, "application/json");
    assert_status(r, 413);
    resp_free(r);
    free(body);
    sandbox_stop(sb);
}

/* Fail unless every route that takes a body answers each of bad with 400 BadRequest. */
static void assert_bodies_rejected(const char *const *bad, size_t nbad)
{
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *c = client_create(sb, tenant, "target", "[\"admin\"]");
    const struct {
        const char *method;
        char *path;
    } routes[] = {
        {"POST", xstrdup("/v1/tenants")},
        {"POST", xasprintf("/v1/tenants/%s/clients", tenant)},
        {"PUT", xasprintf("/v1/tenants/%s/clients/%s", tenant, member_string(c, "clientId"))},
    };
    for (size_t i = 0; i < ARRAY_SIZE(routes); i++) {
        for (size_t k = 0; k < nbad; k++) {
            struct resp *r = api(sb, routes[i].method, routes[i].path, bad[k]);
            if (r->status != 400)
                fail_msg("%s %s with '%s': expected 400, got %ld", routes[i].method,
                         routes[i].path, bad[k], r->status);
            assert_error(r, 400, "BadRequest");
            resp_free(r);
        }
        free(routes[i].path);
    }
    cJSON_Delete(c);
    free(tenant);
    sandbox_stop(sb);
}

static void test_malformed_json_is_400_on_every_body(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "{", "{\"name\":}", "not json", "{\"name\":\"x\"} trailing", "", "{\"name\":\"x\",}",
        "{'name':'x'}",
    };
    assert_bodies_rejected(bad, ARRAY_SIZE(bad));
}

static void test_non_object_body_is_400_on_every_body(void **state)
{
    (void)state;
    static const char *const bad[] = {"[]", "[{}]", "\"text\"", "42", "null", "true"};
    assert_bodies_rejected(bad, ARRAY_SIZE(bad));
}

static void test_unknown_route_is_404(void **state)
{
    (void)state;
    static const struct {
        const char *method, *path;
    } calls[] = {
        {"GET", "/"},
        {"GET", "/v1"},
        {"GET", "/v1/"},
        {"GET", "/v1/nope"},
        {"GET", "/v2/tenants"},
        {"POST", "/v1/nope"},
        {"GET", "/v1/environments/" UNKNOWN_UUID},
        {"GET", "/v1/tenants/" UNKNOWN_UUID "/nope"},
        {"GET", "/v1/tenants/" UNKNOWN_UUID "/clients/" UNKNOWN_CLIENT "/x"},
        {"GET", "/oauth/nope"},
        {"GET", "/V1/TENANTS"},
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
        struct resp *r = api(sb, calls[i].method, calls[i].path, NULL);
        if (r->status != 404)
            fail_msg("%s %s: expected 404, got %ld", calls[i].method, calls[i].path, r->status);
        assert_error(r, 404, "NotFound");
        resp_free(r);
    }
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_body_over_limit_is_413),
        SANDBOX_TEST(test_chunked_body_over_limit_is_413),
        SANDBOX_TEST(test_body_far_over_limit_is_413),
        SANDBOX_TEST(test_body_of_exactly_limit_is_accepted),
        SANDBOX_TEST(test_chunked_body_of_exactly_limit_is_accepted),
        SANDBOX_TEST(test_client_update_over_limit_is_413),
        SANDBOX_TEST(test_token_body_over_limit_is_413),
        SANDBOX_TEST(test_malformed_json_is_400_on_every_body),
        SANDBOX_TEST(test_non_object_body_is_400_on_every_body),
        SANDBOX_TEST(test_unknown_route_is_404),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}

/* test_auth.c: the token endpoint and bearer authentication of the API routes. */
#include "config.h"

#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define JSON "application/json"
#define FORM "application/x-www-form-urlencoded"

/* Fail unless r is the token endpoint's exact refusal. */
static void assert_access_denied(struct resp *r)
{
    assert_status(r, 401);
    cJSON *want = json_literal("{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}");
    bool same = cJSON_Compare(want, resp_json(r), true);
    cJSON_Delete(want);
    if (!same)
        fail_msg("token refusal is not the documented body: %s", r->body);
}

/* Fail unless r is a token response with expires_in ttl; return the token (kept by r). */
static const char *assert_token(struct resp *r, double ttl)
{
    assert_status(r, 200);
    cJSON *j = resp_json(r);
    const char *token = member_string(j, "access_token");
    assert_true(strlen(token) > 0);
    assert_string_equal(member_string(j, "token_type"), "Bearer");
    const cJSON *expires = cJSON_GetObjectItemCaseSensitive(j, "expires_in");
    assert_true(cJSON_IsNumber(expires));
    assert_true(expires->valuedouble == ttl);
    return token;
}

/* GET /v1/tenants with this bearer token; return the status. */
static long tenants_status(struct sandbox *sb, const char *token)
{
    struct resp *r = http(sb, "GET", "/v1/tenants", token, NULL, NULL);
    assert_int_equal(r->curl_rc, CURLE_OK);
    long status = r->status;
    resp_free(r);
    return status;
}

static void test_token_json_body_gives_bearer_token(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = http(sb, "POST", "/oauth/token", NULL, DEMO_TOKEN_BODY, JSON);
    const char *token = assert_token(r, 86400);
    assert_non_null(strstr(r->content_type, "application/json"));
    assert_int_equal(tenants_status(sb, token), 200);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_token_form_body_gives_bearer_token(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    const char *body = "client_id=" DEMO_CLIENT_ID "&client_secret=" DEMO_CLIENT_SECRET
                       "&audience=https%3A%2F%2Fmanage.sandbox.tenantry.test"
                       "&grant_type=client_credentials";
    struct resp *r = http(sb, "POST", "/oauth/token", NULL, body, FORM);
    const char *token = assert_token(r, 86400);
    assert_int_equal(tenants_status(sb, token), 200);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_token_expires_in_follows_token_ttl(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--token-ttl", "1234", NULL);
    struct resp *r = http(sb, "POST", "/oauth/token", NULL, DEMO_TOKEN_BODY, JSON);
    assert_token(r, 1234);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_token_any_wrong_or_missing_field_is_denied(void **state)
{
    (void)state;
    static const char *const bodies[] = {
        "{\"client_id\":\"nobody\",\"client_secret\":\"" DEMO_CLIENT_SECRET "\",\"audience\":\""
        DEMO_AUDIENCE "\",\"grant_type\":\"client_credentials\"}",
        "{\"client_id\":\"" DEMO_CLIENT_ID "\",\"client_secret\":\"wrong\",\"audience\":\""
        DEMO_AUDIENCE "\",\"grant_type\":\"client_credentials\"}",
        "{\"client_id\":\"" DEMO_CLIENT_ID "\",\"client_secret\":\"" DEMO_CLIENT_SECRET
        "\",\"audience\":\"https://elsewhere.test\",\"grant_type\":\"client_credentials\"}",
        "{\"client_id\":\"" DEMO_CLIENT_ID "\",\"client_secret\":\"" DEMO_CLIENT_SECRET
        "\",\"audience\":\"" DEMO_AUDIENCE "\",\"grant_type\":\"password\"}",
        "{\"client_secret\":\"" DEMO_CLIENT_SECRET "\",\"audience\":\"" DEMO_AUDIENCE
        "\",\"grant_type\":\"client_credentials\"}",
        "{\"client_id\":\"" DEMO_CLIENT_ID "\",\"audience\":\"" DEMO_AUDIENCE
        "\",\"grant_type\":\"client_credentials\"}",
        "{\"client_id\":\"" DEMO_CLIENT_ID "\",\"client_secret\":\"" DEMO_CLIENT_SECRET
        "\",\"grant_type\":\"client_credentials\"}",
        "{\"client_id\":\"" DEMO_CLIENT_ID "\",\"client_secret\":\"" DEMO_CLIENT_SECRET
        "\",\"audience\":\"" DEMO_AUDIENCE "\"}",
        "{\"client_id\":\"" DEMO_CLIENT_ID "\",\"client_secret\":\"" DEMO_CLIENT_SECRET
        "x\",\"audience\":\"" DEMO_AUDIENCE "\",\"grant_type\":\"client_credentials\"}",
        "{}",
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(bodies); i++) {
        struct resp *r = http(sb, "POST", "/oauth/token", NULL, bodies[i], JSON);
        assert_access_denied(r);
        resp_free(r);
    }
    sandbox_stop(sb);
}

static void test_token_wrong_secret_in_form_is_denied(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    const char *body = "client_id=" DEMO_CLIENT_ID "&client_secret=nope"
                       "&audience=https%3A%2F%2Fmanage.sandbox.tenantry.test"
                       "&grant_type=client_credentials";
    struct resp *r = http(sb, "POST", "/oauth/token", NULL, body, FORM);
    assert_access_denied(r);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_token_custom_credentials_replace_defaults(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--client-id", "ci-bot", "--client-secret", "s3cret",
                                       "--audience", "https://aud.example", NULL);
    struct resp *r = http(sb, "POST", "/oauth/token", NULL,
                          "{\"client_id\":\"ci-bot\",\"client_secret\":\"s3cret\","
                          "\"audience\":\"https://aud.example\","
                          "\"grant_type\":\"client_credentials\"}", JSON);
    assert_token(r, 86400);
    resp_free(r);
    r = http(sb, "POST", "/oauth/token", NULL, DEMO_TOKEN_BODY, JSON);
    assert_access_denied(r);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_token_malformed_json_is_invalid_request(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = http(sb, "POST", "/oauth/token", NULL, "{\"client_id\": ", JSON);
    assert_status(r, 400);
    cJSON *j = resp_json(r);
    assert_string_equal(member_string(j, "error"), "invalid_request");
    member_string(j, "error_description");
    resp_free(r);
    sandbox_stop(sb);
}

static void test_token_endpoint_other_method_is_405(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = http(sb, "GET", "/oauth/token", NULL, NULL, NULL);
    assert_status(r, 405);
    assert_non_null(r->allow);
    assert_non_null(strstr(r->allow, "POST"));
    resp_free(r);
    sandbox_stop(sb);
}

static void test_api_without_token_is_401(void **state)
{
    (void)state;
    static const char *const paths[] = {
        "/v1/environments",
        "/v1/tenants",
        "/v1/tenants/00000000-0000-4000-8000-000000000000",
        "/v1/tenants/00000000-0000-4000-8000-000000000000/clients",
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
        struct resp *r = http(sb, "GET", paths[i], NULL, NULL, NULL);
        assert_error(r, 401, "Unauthorized");
        resp_free(r);
    }
    sandbox_stop(sb);
}

static void test_api_mutations_without_token_are_401_and_not_done(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *env = environment_id(sb, 0);
    char *body = tenant_body("x", "no-token-tenant", env);
    struct resp *r = http(sb, "POST", "/v1/tenants", NULL, body, JSON);
    assert_error(r, 401, "Unauthorized");
    resp_free(r);

    char *id = first_tenant_id(sb);
    char *path = xasprintf("/v1/tenants/%s", id);
    r = http(sb, "DELETE", path, "forged", NULL, NULL);
    assert_error(r, 401, "Unauthorized");
    resp_free(r);
    r = api(sb, "GET", path, NULL);
    assert_status(r, 200);
    resp_free(r);

    /* The refused create did not happen: the same subdomain is still free. */
    r = api(sb, "POST", "/v1/tenants", body);
    assert_status(r, 201);
    resp_free(r);
    free(path);
    free(id);
    free(body);
    free(env);
    sandbox_stop(sb);
}

static void test_api_wrong_token_is_401(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = http(sb, "GET", "/v1/tenants", "not-a-token", NULL, NULL);
    assert_error(r, 401, "Unauthorized");
    resp_free(r);

    /* A real token with one character changed is not a token either. */
    char *forged = xstrdup(sandbox_token(sb));
    forged[strlen(forged) - 1] ^= 1;
    r = http(sb, "GET", "/v1/tenants", forged, NULL, NULL);
    assert_error(r, 401, "Unauthorized");
    resp_free(r);
    free(forged);
    sandbox_stop(sb);
}

static void test_api_non_bearer_authorization_is_401(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *basic = xasprintf("Basic %s", sandbox_token(sb));
    const char *values[] = {basic, "Bearer", "Bearer ", sandbox_token(sb)};
    for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
        struct req rq = {.method = "GET", .path = "/v1/tenants", .authorization = values[i]};
        struct resp *r = http_send(sb, &rq);
        assert_error(r, 401, "Unauthorized");
        resp_free(r);
    }
    free(basic);
    sandbox_stop(sb);
}

static void test_api_expired_token_is_401(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--token-ttl", "1", NULL);
    struct resp *t = http(sb, "POST", "/oauth/token", NULL, DEMO_TOKEN_BODY, JSON);
    const char *token = assert_token(t, 1);
    double issued = mono_now();
    assert_int_equal(tenants_status(sb, token), 200);

    /* Ask again until it is refused; it must be well before ten seconds. */
    struct resp *r = NULL;
    while (mono_now() - issued < 10.0) {
        struct timespec pause = {0, 100 * 1000000L};
        nanosleep(&pause, NULL);
        resp_free(r);
        r = http(sb, "GET", "/v1/tenants", token, NULL, NULL);
        if (r->status != 200)
            break;
    }
    assert_error(r, 401, "Unauthorized");
    assert_true(mono_now() - issued >= 0.5);
    resp_free(r);
    resp_free(t);
    sandbox_stop(sb);
}

static void test_plain_401_is_bare_text(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--plain-401", NULL);
    const char *tokens[] = {NULL, "not-a-token"};
    for (size_t i = 0; i < ARRAY_SIZE(tokens); i++) {
        struct resp *r = http(sb, "GET", "/v1/tenants", tokens[i], NULL, NULL);
        assert_status(r, 401);
        assert_string_equal(r->body, "Unauthorized");
        assert_int_equal(r->len, strlen("Unauthorized"));
        assert_non_null(r->content_type);
        assert_true(strncmp(r->content_type, "text/plain", 10) == 0);
        resp_free(r);
    }
    /* A good token still works. */
    assert_int_equal(tenants_status(sb, sandbox_token(sb)), 200);
    sandbox_stop(sb);
}

static void test_plain_401_leaves_token_refusal_json(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--plain-401", NULL);
    struct resp *r = http(sb, "POST", "/oauth/token", NULL,
                          "{\"client_id\":\"x\",\"client_secret\":\"y\",\"audience\":\"z\","
                          "\"grant_type\":\"client_credentials\"}", JSON);
    assert_access_denied(r);
    resp_free(r);
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_token_json_body_gives_bearer_token),
        SANDBOX_TEST(test_token_form_body_gives_bearer_token),
        SANDBOX_TEST(test_token_expires_in_follows_token_ttl),
        SANDBOX_TEST(test_token_any_wrong_or_missing_field_is_denied),
        SANDBOX_TEST(test_token_wrong_secret_in_form_is_denied),
        SANDBOX_TEST(test_token_custom_credentials_replace_defaults),
        SANDBOX_TEST(test_token_malformed_json_is_invalid_request),
        SANDBOX_TEST(test_token_endpoint_other_method_is_405),
        SANDBOX_TEST(test_api_without_token_is_401),
        SANDBOX_TEST(test_api_mutations_without_token_are_401_and_not_done),
        SANDBOX_TEST(test_api_wrong_token_is_401),
        SANDBOX_TEST(test_api_non_bearer_authorization_is_401),
        SANDBOX_TEST(test_api_expired_token_is_401),
        SANDBOX_TEST(test_plain_401_is_bare_text),
        SANDBOX_TEST(test_plain_401_leaves_token_refusal_json),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}

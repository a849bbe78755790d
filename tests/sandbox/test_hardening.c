/* test_hardening.c: requests that try to slip past the checks: NUL bytes and %-escapes in
 * paths and bodies, cursors of another tenant, oversized bodies without a token, clients that
 * give up while the server is slow. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "harness.h"

static void test_nul_in_path_segment_deletes_nothing(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *id = first_tenant_id(sb);
    char *path = xasprintf("/v1/tenants/%s%%00anything-here", id);
    struct resp *r = api(sb, "DELETE", path, NULL);
    assert_bad_param(r, "path", "path");
    resp_free(r);
    free(path);
    path = xasprintf("/v1/tenants/%s", id);
    r = api(sb, "GET", path, NULL);
    assert_status(r, 200); /* still there */
    resp_free(r);
    free(path);
    free(id);
    sandbox_stop(sb);
}

static void test_encoded_slash_does_not_add_segments(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *id = first_tenant_id(sb);
    char *path = xasprintf("/v1/tenants/%s%%2Fclients", id);
    struct resp *r = api(sb, "GET", path, NULL);
    assert_bad_param(r, "path", "tenantId"); /* "ID/clients" is not a UUID */
    resp_free(r);
    free(path);
    r = api(sb, "GET", "/v1/tenants%00junk", NULL);
    assert_error(r, 404, "NotFound");
    resp_free(r);
    r = api(sb, "GET", "/v1/%74enants", NULL); /* routes match the path as sent */
    assert_error(r, 404, "NotFound");
    resp_free(r);
    free(id);
    sandbox_stop(sb);
}

static void test_nul_in_token_request_is_refused(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = http(sb, "POST", "/oauth/token", NULL,
                          "{\"client_id\":\"" DEMO_CLIENT_ID "\",\"client_secret\":\""
                          DEMO_CLIENT_SECRET "\\u0000xyz\",\"audience\":\"" DEMO_AUDIENCE
                          "\",\"grant_type\":\"client_credentials\"}",
                          "application/json");
    assert_status(r, 400);
    assert_string_equal(member_string(resp_json(r), "error"), "invalid_request");
    resp_free(r);
    r = http(sb, "POST", "/oauth/token", NULL,
             "grant_type=client_credentials&client_id=" DEMO_CLIENT_ID
             "&client_secret=" DEMO_CLIENT_SECRET "%00anything"
             "&audience=https%3A%2F%2Fmanage.sandbox.tenantry.test",
             "application/x-www-form-urlencoded");
    assert_status(r, 400);
    assert_string_equal(member_string(resp_json(r), "error"), "invalid_request");
    resp_free(r);
    /* The same form without the NUL is accepted: the refusal above is about the NUL. */
    r = http(sb, "POST", "/oauth/token", NULL,
             "grant_type=client_credentials&client_id=" DEMO_CLIENT_ID
             "&client_secret=" DEMO_CLIENT_SECRET
             "&audience=https%3A%2F%2Fmanage.sandbox.tenantry.test",
             "application/x-www-form-urlencoded");
    assert_status(r, 200);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_nul_in_body_fields_is_refused(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *env = environment_id(sb, 0);
    char *body = xasprintf("{\"subdomain\":\"nul2\\u0000Evil\",\"environmentId\":\"%s\"}", env);
    struct resp *r = api(sb, "POST", "/v1/tenants", body);
    assert_error(r, 400, "BadRequest");
    resp_free(r);
    free(body);
    char *tenant = first_tenant_id(sb);
    char *path = xasprintf("/v1/tenants/%s/clients", tenant);
    r = api(sb, "POST", path, "{\"name\":\"ok\\u0000hidden\",\"roles\":[\"admin\"]}");
    assert_error(r, 400, "BadRequest");
    resp_free(r);
    r = api(sb, "POST", path, "{\"name\":\"ok\",\"roles\":[\"admin\\u0000xyz\"]}");
    assert_error(r, 400, "BadRequest");
    resp_free(r);
    /* An escaped backslash before "u0000" is an ordinary name. */
    r = api(sb, "POST", path, "{\"name\":\"back\\\\u0000slash\",\"roles\":[\"admin\"]}");
    assert_status(r, 201);
    assert_string_equal(member_string(resp_json(r), "name"), "back\\u0000slash");
    resp_free(r);
    free(path);
    free(tenant);
    free(env);
    sandbox_stop(sb);
}

static void test_client_cursor_of_another_tenant_is_400(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--tenants", "2", "--clients", "3", NULL);
    struct resp *tenants = list_page(sb, "/v1/tenants", 2, NULL);
    char *a = xasprintf("/v1/tenants/%s/clients",
                        member_string(cJSON_GetArrayItem(page_data(tenants), 0), "id"));
    char *b = xasprintf("/v1/tenants/%s/clients",
                        member_string(cJSON_GetArrayItem(page_data(tenants), 1), "id"));
    struct resp *first = list_page(sb, a, 2, NULL);
    char *cursor = url_escape(page_next(first));
    char *path = xasprintf("%s?cursor=%s", b, cursor);
    struct resp *r = api(sb, "GET", path, NULL);
    assert_bad_param(r, "query", "cursor");
    resp_free(r);
    free(path);
    path = xasprintf("%s?cursor=%s", a, cursor); /* on its own list it goes on */
    r = api(sb, "GET", path, NULL);
    assert_status(r, 200);
    assert_int_equal(cJSON_GetArraySize(json_get_array(resp_json(r), "data")), 1);
    resp_free(r);
    free(path);
    free(cursor);
    resp_free(first);
    free(a);
    free(b);
    resp_free(tenants);
    sandbox_stop(sb);
}

static void test_oversized_body_without_token_is_401(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    size_t n = BODY_LIMIT + 10;
    char *big = xmalloc(n + 1);
    memset(big, ' ', n);
    big[n] = '\0';
    struct req rq = {.method = "POST", .path = "/v1/tenants", .body = big, .body_len = n,
                     .content_type = "application/json"};
    struct resp *r = http_send(sb, &rq);
    assert_error(r, 401, "Unauthorized"); /* who may send comes before what was sent */
    resp_free(r);
    free(big);
    sandbox_stop(sb);
}

static void test_client_giving_up_during_latency_is_not_served(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--latency-ms", "2000", NULL);
    const char *token = sandbox_token(sb);
    /* A client that waits 300 ms for a 2 s answer, then hangs up. */
    char *url = sandbox_url(sb, "/v1/tenants");
    char *auth = xasprintf("Authorization: Bearer %s", token);
    CURL *c = curl_easy_init();
    struct curl_slist *h = curl_slist_append(NULL, auth);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 300L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, harness_write_cb);
    struct strbuf ignored = SB_INIT;
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &ignored);
    assert_int_equal(curl_easy_perform(c), CURLE_OPERATION_TIMEDOUT);
    curl_easy_cleanup(c);
    curl_slist_free_all(h);
    sb_free(&ignored);
    /* A patient client is served; the one that left never reached the API. */
    struct resp *r = api(sb, "GET", "/v1/tenants?limit=1", NULL);
    assert_status(r, 200);
    resp_free(r);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_START"), 1);
    assert_int_equal(events_count(sb, "TENANT_RETRIEVE_LIST_SUCCESS"), 1);
    free(auth);
    free(url);
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_nul_in_path_segment_deletes_nothing),
        SANDBOX_TEST(test_encoded_slash_does_not_add_segments),
        SANDBOX_TEST(test_nul_in_token_request_is_refused),
        SANDBOX_TEST(test_nul_in_body_fields_is_refused),
        SANDBOX_TEST(test_client_cursor_of_another_tenant_is_400),
        SANDBOX_TEST(test_oversized_body_without_token_is_401),
        SANDBOX_TEST(test_client_giving_up_during_latency_is_not_served),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

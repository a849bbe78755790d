/* test_system_write.c: the /system/tenants API's writes: create, update with version locking (409,
 * parallel updates), delete, and their problem+json violations. */
#include "config.h"

#include "system_lib.h"

#include "core/json.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static void test_create_answers_200_with_the_tenant(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    time_t before = time(NULL);
    struct resp *r = sys(sb, "POST", SYS, JSON, "{\"data\":{\"plan\":\"gold\"},\"version\":1}");
    assert_status(r, 200);
    assert_type(r, JSON);
    cJSON *t = resp_json(r);
    assert_tenant(t, false, false);
    assert_int_equal(member_int(t, "id"), 26);
    const char *uuid = member_string(t, "uuid");
    assert_int_equal(uuid[14], '4'); /* a version-4 UUID */
    assert_string_equal(member_string(t, "createdAt"), member_string(t, "updatedAt"));
    time_t created = time_of(member_string(t, "createdAt"));
    assert_true(created >= before - 1 && created <= time(NULL) + 1);
    cJSON *want = json_literal("{\"plan\":\"gold\"}");
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(t, "data"), want, true));
    cJSON_Delete(want);
    assert_int_equal(member_int(t, "version"), 1);

    /* It is listed last and answers GET as created. */
    cJSON *all = all_tenants(sb);
    assert_int_equal(cJSON_GetArraySize(all), 26);
    assert_true(cJSON_Compare(tenant_at(all, 26), t, true));
    char *path = xasprintf(SYS "/%s", uuid);
    struct resp *g = sys(sb, "GET", path, JSON, NULL);
    assert_status(g, 200);
    assert_true(cJSON_Compare(resp_json(g), t, true));
    resp_free(g);
    free(path);
    cJSON_Delete(all);
    resp_free(r);

    /* In JSON-LD by default. */
    r = sys(sb, "POST", SYS, NULL, "{\"data\":{},\"version\":3}");
    assert_status(r, 200);
    assert_type(r, LD);
    assert_tenant(resp_json(r), true, false);
    assert_string_equal(member_string(resp_json(r), "@context"), "/contexts/Tenant");
    assert_int_equal(member_int(resp_json(r), "id"), 27);
    assert_int_equal(member_int(resp_json(r), "version"), 3);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_post_status_201(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--post-status", "201", NULL);
    struct resp *r = sys(sb, "POST", SYS, JSON, "{\"data\":{},\"version\":1}");
    assert_status(r, 201);
    assert_tenant(resp_json(r), false, false);
    resp_free(r);
    assert_int_equal(total_of(sb, SYS), 26);
    sandbox_stop(sb);
}

static void test_create_with_uuid_and_taken_uuid(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = sys(sb, "POST", SYS, JSON,
                         "{\"uuid\":\"D928B020-94F6-4928-A510-04FC49D5A174\",\"data\":{},"
                         "\"version\":1}");
    assert_status(r, 200);
    assert_string_equal(member_string(resp_json(r), "uuid"),
                        "d928b020-94f6-4928-a510-04fc49d5a174");
    resp_free(r);
    r = sys(sb, "POST", SYS, JSON,
            "{\"uuid\":\"d928b020-94f6-4928-a510-04fc49d5a174\",\"data\":{},\"version\":1}");
    assert_violation(r, "uuid", "This value is already used.");
    resp_free(r);
    /* A seeded tenant's uuid is taken too. */
    cJSON *all = all_tenants(sb);
    char *body = xasprintf("{\"uuid\":\"%s\",\"data\":{},\"version\":1}",
                           member_string(tenant_at(all, 3), "uuid"));
    r = sys(sb, "POST", SYS, JSON, body);
    assert_violation(r, "uuid", "This value is already used.");
    resp_free(r);
    assert_int_equal(total_of(sb, SYS), 26);
    /* A deleted tenant's uuid is free again. */
    char *path = xasprintf(SYS "/%s", member_string(tenant_at(all, 3), "uuid"));
    r = sys(sb, "DELETE", path, NULL, NULL);
    assert_status(r, 204);
    resp_free(r);
    r = sys(sb, "POST", SYS, JSON, body);
    assert_status(r, 200);
    assert_int_equal(member_int(resp_json(r), "id"), 27);
    resp_free(r);
    free(path);
    free(body);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_create_violations(void **state)
{
    (void)state;
    static const struct {
        const char *body, *path, *message;
    } cases[] = {
        {"{\"version\":1}", "data", "This value should not be blank."},
        {"{\"data\":null,\"version\":1}", "data", "This value should not be blank."},
        {"{\"data\":[],\"version\":1}", "data", "This value should be of type object."},
        {"{\"data\":\"x\",\"version\":1}", "data", "This value should be of type object."},
        {"{\"data\":3,\"version\":1}", "data", "This value should be of type object."},
        {"{\"data\":{}}", "version", "This value should not be blank."},
        {"{\"data\":{},\"version\":null}", "version", "This value should not be blank."},
        {"{\"data\":{},\"version\":1.5}", "version", "This value should be of type integer."},
        {"{\"data\":{},\"version\":\"1\"}", "version", "This value should be of type integer."},
        {"{\"data\":{},\"version\":true}", "version", "This value should be of type integer."},
        {"{\"data\":{},\"version\":{}}", "version", "This value should be of type integer."},
        {"{\"data\":{},\"version\":0}", "version", "This value should be between 1 and 2147483647."},
        {"{\"data\":{},\"version\":-3}", "version", "This value should be between 1 and 2147483647."},
        {"{\"data\":{},\"version\":2147483648}", "version",
         "This value should be between 1 and 2147483647."},
        {"{\"data\":{},\"version\":1e300}", "version",
         "This value should be between 1 and 2147483647."},
        {"{\"uuid\":\"nope\",\"data\":{},\"version\":1}", "uuid", "This is not a valid UUID."},
        {"{\"uuid\":42,\"data\":{},\"version\":1}", "uuid", "This value should be of type string."},
        {"{\"data\":{},\"version\":1,\"name\":\"x\"}", "name", "This field was not expected."},
        {"{\"data\":{},\"version\":1,\"@context\":\"/contexts/Tenant\"}", "@context",
         "This field was not expected."},
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct resp *r = sys(sb, "POST", SYS, JSON, cases[i].body);
        if (r->status != 400)
            fail_msg("POST %s: expected 400, got %ld: %s", cases[i].body, r->status, r->body);
        assert_violation(r, cases[i].path, cases[i].message);
        resp_free(r);
    }
    /* Every problem at once, one line of detail each. */
    struct resp *r = sys(sb, "POST", SYS, JSON, "{}");
    cJSON *j = assert_problem(r, 400);
    assert_string_equal(json_get_string(j, "detail"),
                        "data: This value should not be blank.\n"
                        "version: This value should not be blank.");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "violations")), 2);
    resp_free(r);
    assert_int_equal(total_of(sb, SYS), 25); /* nothing was created */

    /* The largest version is fine; read-only members are ignored. */
    r = sys(sb, "POST", SYS, JSON,
            "{\"id\":99,\"createdAt\":\"1999-01-01T00:00:00+00:00\",\"data\":{},"
            "\"version\":2147483647}");
    assert_status(r, 200);
    assert_int_equal(member_int(resp_json(r), "id"), 26);
    assert_int_equal(member_int(resp_json(r), "version"), 2147483647);
    assert_true(strncmp(member_string(resp_json(r), "createdAt"), "1999", 4) != 0);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_malformed_body_is_400(void **state)
{
    (void)state;
    const char *bodies[] = {"{", "", "[1]", "42", "{\"data\":{},\"version\":1} x",
                            "{\"data\":{\"a\":\"\\u0000\"},\"version\":1}"};
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(bodies); i++) {
        struct resp *r = sys(sb, "POST", SYS, JSON, bodies[i]);
        cJSON *j = assert_problem(r, 400);
        assert_null(cJSON_GetObjectItemCaseSensitive(j, "violations"));
        const char *detail = json_get_string(j, "detail");
        assert_true(strstr(detail, "JSON") || strstr(detail, "misformatted"));
        resp_free(r);
    }
    assert_int_equal(total_of(sb, SYS), 25);
    sandbox_stop(sb);
}

static void test_content_type_must_be_json(void **state)
{
    (void)state;
    const char *body = "{\"data\":{},\"version\":1}";
    const char *refused[] = {"text/plain", "application/ld+json", "application/x-www-form-urlencoded",
                             NULL};
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(refused); i++) {
        struct resp *r = sys_as(sb, "system", "system", "POST", SYS, JSON, body, refused[i]);
        assert_problem(r, 415);
        resp_free(r);
    }
    struct resp *r =
        sys_as(sb, "system", "system", "POST", SYS, JSON, body, "Application/JSON; charset=utf-8");
    assert_status(r, 200);
    resp_free(r);
    assert_int_equal(total_of(sb, SYS), 26);
    sandbox_stop(sb);
}

static void test_body_over_limit_is_413(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    size_t n = BODY_LIMIT + 10;
    char *big = xmalloc(n + 1);
    memset(big, ' ', n);
    memcpy(big, "{\"data\":{},\"version\":1}", 23);
    big[n] = '\0';
    struct resp *r = sys(sb, "POST", SYS, JSON, big);
    assert_problem(r, 413);
    resp_free(r);
    free(big);
    assert_int_equal(total_of(sb, SYS), 25);
    sandbox_stop(sb);
}

static void test_hostile_data_round_trips(void **state)
{
    (void)state;
    const char *data = "{\"name\":\"\\u001b[31mRed\\u0007\\n\",\"nested\":{\"list\":[1,\"two\","
                       "null,true,{\"deep\":\"\\u00e9\\ud83d\\ude80\"}]},\"n\":1.25}";
    struct sandbox *sb = sandbox_start(NULL);
    char *body = xasprintf("{\"data\":%s,\"version\":1}", data);
    struct resp *r = sys(sb, "POST", SYS, JSON, body);
    assert_status(r, 200);
    cJSON *want = json_literal(data);
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(resp_json(r), "data"), want, true));
    char *path = xasprintf(SYS "/%s", member_string(resp_json(r), "uuid"));
    struct resp *g = sys(sb, "GET", path, NULL, NULL);
    assert_status(g, 200);
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(resp_json(g), "data"), want, true));
    resp_free(g);
    free(path);
    cJSON_Delete(want);
    resp_free(r);
    free(body);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ update */

static void test_update_bumps_version_and_replaces_data(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const cJSON *row = tenant_at(all, 5);
    long long v = member_int(row, "version");
    const char *uuid = member_string(row, "uuid");
    char *path = xasprintf(SYS "/%s", uuid);
    time_t before = time(NULL);

    char *body = xasprintf("{\"data\":{\"x\":1},\"version\":%lld}", v);
    struct resp *r = sys(sb, "PUT", path, JSON, body);
    assert_status(r, 200);
    assert_type(r, JSON);
    cJSON *t = resp_json(r);
    assert_tenant(t, false, false);
    assert_int_equal(member_int(t, "id"), 5);
    assert_string_equal(member_string(t, "uuid"), uuid);
    assert_int_equal(member_int(t, "version"), v + 1);
    assert_string_equal(member_string(t, "createdAt"), member_string(row, "createdAt"));
    time_t updated = time_of(member_string(t, "updatedAt"));
    assert_true(updated >= before - 1 && updated <= time(NULL) + 1);
    cJSON *want = json_literal("{\"x\":1}");
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(t, "data"), want, true));
    resp_free(r);
    free(body);

    /* Without data the data stays; the uuid may be repeated (in any case). */
    char *upper = xstrdup(uuid);
    for (char *p = upper; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    body = xasprintf("{\"uuid\":\"%s\",\"version\":%lld}", upper, v + 1);
    r = sys(sb, "PUT", path, NULL, body);
    assert_status(r, 200);
    assert_type(r, LD);
    assert_tenant(resp_json(r), true, false);
    assert_int_equal(member_int(resp_json(r), "version"), v + 2);
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(resp_json(r), "data"), want, true));
    resp_free(r);
    free(body);

    /* The events say which version each PUT wrote. */
    char *line = event_nth(sb, "SYSTEM_TENANT_UPDATE_SUCCESS", 0);
    assert_event_field(line, "id", uuid);
    char *vs = xasprintf("%lld", v + 1);
    assert_event_field(line, "version", vs);
    free(vs);
    free(line);
    line = event_nth(sb, "SYSTEM_TENANT_UPDATE_SUCCESS", 1);
    vs = xasprintf("%lld", v + 2);
    assert_event_field(line, "version", vs);
    free(vs);
    free(line);

    /* Others are untouched. */
    cJSON *after = all_tenants(sb);
    assert_true(cJSON_Compare(tenant_at(after, 4), tenant_at(all, 4), true));
    assert_true(cJSON_Compare(tenant_at(after, 6), tenant_at(all, 6), true));
    assert_int_equal(member_int(tenant_at(after, 5), "version"), v + 2);
    cJSON_Delete(after);
    cJSON_Delete(want);
    free(upper);
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_stale_version_is_409(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = sys(sb, "POST", SYS, JSON, "{\"data\":{\"a\":1},\"version\":1}");
    assert_status(r, 200);
    char *path = xasprintf(SYS "/%s", member_string(resp_json(r), "uuid"));
    resp_free(r);
    r = sys(sb, "PUT", path, JSON, "{\"version\":1}");
    assert_status(r, 200);
    resp_free(r);
    const char *stale[] = {"{\"version\":1,\"data\":{\"b\":2}}", "{\"version\":7}"};
    const char *details[] = {"The version 1 is stale: the tenant is at version 2.",
                             "The version 7 is stale: the tenant is at version 2."};
    for (size_t i = 0; i < ARRAY_SIZE(stale); i++) {
        r = sys(sb, "PUT", path, JSON, stale[i]);
        cJSON *j = assert_problem(r, 409);
        assert_string_equal(json_get_string(j, "detail"), details[i]);
        resp_free(r);
    }
    /* Nothing changed. */
    r = sys(sb, "GET", path, JSON, NULL);
    assert_status(r, 200);
    assert_int_equal(member_int(resp_json(r), "version"), 2);
    cJSON *want = json_literal("{\"a\":1}");
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(resp_json(r), "data"), want, true));
    cJSON_Delete(want);
    resp_free(r);
    char *line = event_nth(sb, "SYSTEM_TENANT_UPDATE_FAIL", 0);
    assert_event_field(line, "status", "409");
    assert_null(event_field(line, "version"));
    free(line);
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_UPDATE_SUCCESS"), 1);
    free(path);
    sandbox_stop(sb);
}

static void test_conflict_status_500(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--conflict-status", "500", NULL);
    cJSON *all = all_tenants(sb);
    const cJSON *row = tenant_at(all, 1);
    char *path = xasprintf(SYS "/%s", member_string(row, "uuid"));
    char *body = xasprintf("{\"version\":%lld}", member_int(row, "version") + 1);
    struct resp *r = sys(sb, "PUT", path, JSON, body);
    cJSON *j = assert_problem(r, 500);
    assert_string_equal(json_get_string(j, "detail"), "Internal Server Error");
    resp_free(r);
    free(body);
    /* The right version still goes through. */
    body = xasprintf("{\"version\":%lld}", member_int(row, "version"));
    r = sys(sb, "PUT", path, JSON, body);
    assert_status(r, 200);
    resp_free(r);
    free(body);
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_update_violations(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const cJSON *row = tenant_at(all, 2);
    char *path = xasprintf(SYS "/%s", member_string(row, "uuid"));
    long long v = member_int(row, "version");
    char *other = xasprintf("{\"uuid\":\"%s\",\"version\":%lld}",
                            member_string(tenant_at(all, 3), "uuid"), v);
    char *bad_data = xasprintf("{\"data\":[],\"version\":%lld}", v);
    char *null_data = xasprintf("{\"data\":null,\"version\":%lld}", v);
    char *extra = xasprintf("{\"version\":%lld,\"plan\":\"x\"}", v);
    struct {
        const char *body, *path, *message;
    } cases[] = {
        {"{}", "version", "This value should not be blank."},
        {"{\"data\":{}}", "version", "This value should not be blank."},
        {"{\"version\":\"1\"}", "version", "This value should be of type integer."},
        {"{\"version\":2.5}", "version", "This value should be of type integer."},
        {other, "uuid", NULL},
        {bad_data, "data", "This value should be of type object."},
        {null_data, "data", "This value should not be blank."},
        {extra, "plan", "This field was not expected."},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct resp *r = sys(sb, "PUT", path, JSON, cases[i].body);
        if (r->status != 400)
            fail_msg("PUT %s: expected 400, got %ld: %s", cases[i].body, r->status, r->body);
        assert_violation(r, cases[i].path, cases[i].message);
        resp_free(r);
    }
    struct resp *r = sys_as(sb, "system", "system", "PUT", path, JSON, "{}", "text/plain");
    assert_problem(r, 415);
    resp_free(r);
    r = sys(sb, "PUT", path, JSON, "{\"version\":");
    assert_problem(r, 400);
    resp_free(r);
    cJSON *after = all_tenants(sb);
    assert_true(cJSON_Compare(after, all, true)); /* nothing changed */
    cJSON_Delete(after);
    free(extra);
    free(null_data);
    free(bad_data);
    free(other);
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

/* PUT the same body to path n times at once (curl_multi); store each status. */
static void put_at_once(struct sandbox *sb, const char *path, const char *body, int n,
                        long *status)
{
    char *url = sandbox_url(sb, path);
    char *basic = basic_auth("system", "system");
    char *auth = xasprintf("Authorization: %s", basic);
    struct curl_slist *headers = curl_slist_append(NULL, auth);
    headers = curl_slist_append(headers, "Content-Type: application/json");
    CURLM *multi = curl_multi_init();
    CURL **easy = xcalloc((size_t)n, sizeof *easy);
    struct strbuf *out = xcalloc((size_t)n, sizeof *out);
    for (int i = 0; i < n; i++) {
        easy[i] = curl_easy_init();
        curl_easy_setopt(easy[i], CURLOPT_URL, url);
        curl_easy_setopt(easy[i], CURLOPT_PROXY, "");
        curl_easy_setopt(easy[i], CURLOPT_NOPROXY, "*");
        curl_easy_setopt(easy[i], CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy[i], CURLOPT_CUSTOMREQUEST, "PUT");
        curl_easy_setopt(easy[i], CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(easy[i], CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(easy[i], CURLOPT_WRITEFUNCTION, harness_write_cb);
        curl_easy_setopt(easy[i], CURLOPT_WRITEDATA, &out[i]);
        curl_easy_setopt(easy[i], CURLOPT_TIMEOUT, 120L);
        curl_multi_add_handle(multi, easy[i]);
    }
    int still = n;
    while (still > 0) {
        assert_int_equal(curl_multi_perform(multi, &still), CURLM_OK);
        if (still > 0)
            assert_int_equal(curl_multi_poll(multi, NULL, 0, 1000, NULL), CURLM_OK);
    }
    for (int i = 0; i < n; i++) {
        status[i] = 0;
        curl_easy_getinfo(easy[i], CURLINFO_RESPONSE_CODE, &status[i]);
        sb_free(&out[i]);
        curl_multi_remove_handle(multi, easy[i]);
        curl_easy_cleanup(easy[i]);
    }
    curl_multi_cleanup(multi);
    free(out);
    free(easy);
    curl_slist_free_all(headers);
    free(auth);
    free(basic);
    free(url);
}

static void test_parallel_updates_of_one_version_let_one_win(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const cJSON *row = tenant_at(all, 9);
    long long v = member_int(row, "version");
    char *path = xasprintf(SYS "/%s", member_string(row, "uuid"));
    char *body = xasprintf("{\"version\":%lld}", v);
    long status[PARALLEL];
    put_at_once(sb, path, body, PARALLEL, status);
    int won = 0, conflicts = 0;
    for (int i = 0; i < PARALLEL; i++) {
        won += status[i] == 200;
        conflicts += status[i] == 409;
    }
    assert_int_equal(won, 1);
    assert_int_equal(conflicts, PARALLEL - 1);
    struct resp *r = sys(sb, "GET", path, JSON, NULL);
    assert_int_equal(member_int(resp_json(r), "version"), v + 1);
    resp_free(r);
    free(body);
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ delete */

static void test_delete_removes_the_tenant(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    char *path = xasprintf(SYS "/%s", member_string(tenant_at(all, 5), "uuid"));
    struct resp *r = sys(sb, "DELETE", path, NULL, NULL);
    assert_status(r, 204);
    assert_int_equal(r->len, 0);
    resp_free(r);
    r = sys(sb, "GET", path, NULL, NULL);
    assert_problem(r, 404);
    resp_free(r);
    r = sys(sb, "DELETE", path, NULL, NULL);
    assert_problem(r, 404);
    resp_free(r);
    r = sys(sb, "PUT", path, NULL, "{\"version\":1}");
    assert_problem(r, 404);
    resp_free(r);
    /* The others keep their ids; the list and its total skip the deleted one. */
    assert_int_equal(total_of(sb, SYS), 24);
    assert_ids(sb, SYS "?id[]=4&id[]=5&id[]=6", "4,6");
    assert_ids(sb, SYS, "1,2,3,4,6,7,8,9,10,11");
    assert_ids(sb, SYS "?page=3", "22,23,24,25");
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ filters */

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_create_answers_200_with_the_tenant),
        SANDBOX_TEST(test_post_status_201),
        SANDBOX_TEST(test_create_with_uuid_and_taken_uuid),
        SANDBOX_TEST(test_create_violations),
        SANDBOX_TEST(test_malformed_body_is_400),
        SANDBOX_TEST(test_content_type_must_be_json),
        SANDBOX_TEST(test_body_over_limit_is_413),
        SANDBOX_TEST(test_hostile_data_round_trips),
        SANDBOX_TEST(test_update_bumps_version_and_replaces_data),
        SANDBOX_TEST(test_stale_version_is_409),
        SANDBOX_TEST(test_conflict_status_500),
        SANDBOX_TEST(test_update_violations),
        SANDBOX_TEST(test_parallel_updates_of_one_version_let_one_win),
        SANDBOX_TEST(test_delete_removes_the_tenant),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}

/* test_system.c: the /system/tenants API: seeded data, JSON and JSON-LD, Basic auth, retrieving
 * one tenant, write-only data, events, faults and malformed requests. The writes are in
 * test_system_write.c, the lists in test_system_list.c. */
#include "config.h"

#include "system_lib.h"

#include "core/json.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ------------------------------------------------------------------ seeded data, formats */

static void test_default_seed_is_25_tenants_as_jsonld(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = list_get(sb, SYS "?limit=1000", NULL);
    cJSON *j = resp_json(r);
    assert_int_equal(member_int(j, "hydra:totalItems"), 25);
    assert_int_equal(cJSON_GetArraySize(members(r)), 25);
    assert_null(view(r)); /* it all fits on one page */
    const cJSON *t, *prev = NULL;
    long long id = 0;
    cJSON_ArrayForEach(t, members(r))
    {
        assert_tenant(t, true, false);
        assert_null(cJSON_GetObjectItemCaseSensitive(t, "@context"));
        assert_int_equal(member_int(t, "id"), ++id);
        long long v = member_int(t, "version");
        assert_true(v >= 1 && v <= 3);
        const char *created = member_string(t, "createdAt");
        assert_true(strncmp(created, "2018", 4) >= 0 && strncmp(created, "2026", 4) < 0);
        if (v == 1)
            assert_string_equal(member_string(t, "updatedAt"), created);
        if (prev) /* createdAt grows with the id */
            assert_true(strcmp(created, member_string(prev, "createdAt")) > 0);
        const cJSON *data = cJSON_GetObjectItemCaseSensitive(t, "data");
        assert_true(strlen(member_string(data, "name")) > 0);
        member_string(data, "plan");
        prev = t;
    }
    resp_free(r);
    sandbox_stop(sb);
}

static void test_system_tenants_flag_sets_count(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--system-tenants", "3", NULL);
    assert_int_equal(total_of(sb, SYS), 3);
    sandbox_stop(sb);
    sb = sandbox_start("--system-tenants", "0", NULL);
    struct resp *r = list_get(sb, SYS, NULL);
    assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 0);
    assert_int_equal(cJSON_GetArraySize(members(r)), 0);
    assert_null(view(r));
    resp_free(r);
    r = list_get(sb, SYS, JSON);
    assert_string_equal(r->body, "[]");
    resp_free(r);
    sandbox_stop(sb);
}

static void test_json_accept_gives_plain_array_of_ten(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = list_get(sb, SYS, JSON);
    assert_int_equal(cJSON_GetArraySize(members(r)), 10);
    char *ids = ids_of(r);
    assert_string_equal(ids, "1,2,3,4,5,6,7,8,9,10");
    free(ids);
    const cJSON *t;
    cJSON_ArrayForEach(t, members(r))
        assert_tenant(t, false, false);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_accept_negotiation(void **state)
{
    (void)state;
    static const struct {
        const char *accept;
        const char *type; /* NULL: 406 */
    } cases[] = {
        {"", LD},
        {"*/*", LD},
        {LD, LD},
        {JSON, JSON},
        {"application/*", LD},
        {"APPLICATION/JSON; charset=utf-8", JSON},
        {"text/html, application/json;q=0.9", JSON},
        {"application/json;q=0.5, application/ld+json", LD},
        {"application/ld+json;q=0.1, application/json", JSON},
        {"text/html", NULL},
        {"application/xml, text/plain;q=0.5", NULL},
        {"application/json;q=0", NULL},
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct resp *r = sys(sb, "GET", SYS, cases[i].accept, NULL);
        if (!cases[i].type) {
            cJSON *j = assert_problem(r, 406);
            assert_non_null(strstr(json_get_string(j, "detail"), "not supported"));
        } else {
            assert_status(r, 200);
            if (!type_is(r->content_type, cases[i].type))
                fail_msg("Accept \"%s\": Content-Type %s, expected %s", cases[i].accept,
                         r->content_type, cases[i].type);
            assert_int_equal(cJSON_IsArray(resp_json(r)), strcmp(cases[i].type, JSON) == 0);
        }
        resp_free(r);
    }
    sandbox_stop(sb);
}

static void test_unacceptable_accept_is_406_everywhere(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    char *item = xasprintf(SYS "/%s", member_string(tenant_at(all, 1), "uuid"));
    struct {
        const char *method, *path, *body;
    } calls[] = {
        {"GET", SYS, NULL},
        {"POST", SYS, "{\"data\":{},\"version\":1}"},
        {"GET", item, NULL},
        {"PUT", item, "{\"version\":1}"},
        {"DELETE", item, NULL},
    };
    for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
        struct resp *r = sys(sb, calls[i].method, calls[i].path, "text/html", calls[i].body);
        assert_problem(r, 406);
        resp_free(r);
    }
    assert_int_equal(total_of(sb, SYS), 25); /* nothing was created or deleted */
    struct resp *r = sys(sb, "GET", item, JSON, NULL);
    assert_status(r, 200);
    assert_true(cJSON_Compare(resp_json(r), tenant_at(all, 1), true));
    resp_free(r);
    free(item);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_same_seed_same_tenants_other_seed_others(void **state)
{
    (void)state;
    cJSON *runs[3];
    const char *seeds[] = {"7", "7", "8"};
    for (int i = 0; i < 3; i++) {
        struct sandbox *sb = sandbox_start("--seed", seeds[i], NULL);
        runs[i] = all_tenants(sb);
        sandbox_stop(sb);
    }
    assert_true(cJSON_Compare(runs[0], runs[1], true));
    assert_false(cJSON_Compare(runs[0], runs[2], true));
    assert_string_not_equal(member_string(tenant_at(runs[0], 1), "uuid"),
                            member_string(tenant_at(runs[2], 1), "uuid"));
    for (int i = 0; i < 3; i++)
        cJSON_Delete(runs[i]);
}

/* ------------------------------------------------------------------ auth */

static void test_missing_or_wrong_credentials_are_401(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *wrong_pass = basic_auth("system", "nope");
    char *wrong_user = basic_auth("nobody", "system");
    char *prefix = basic_auth("system", "syste");
    char *longer = basic_auth("system", "systemx");
    char *bearer = xasprintf("Bearer %s", sandbox_token(sb));
    const char *no_colon = "Basic c3lzdGVt"; /* "system" */
    const char *values[] = {NULL,     wrong_pass, wrong_user, prefix,         longer, bearer,
                            no_colon, "Basic",    "Basic !!!!", "Digest x=1", "c3lzdGVtOnN5c3RlbQ=="};
    for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
        struct req rq = {.method = "GET", .path = SYS, .authorization = values[i]};
        struct resp *r = http_send(sb, &rq);
        assert_problem(r, 401);
        if (!r->www_authenticate || strcmp(r->www_authenticate, "Basic realm=\"system\"") != 0)
            fail_msg("Authorization %s: WWW-Authenticate is %s", values[i] ? values[i] : "(none)",
                     r->www_authenticate ? r->www_authenticate : "(none)");
        assert_null(cJSON_GetObjectItemCaseSensitive(resp_json(r), "hydra:member"));
        resp_free(r);
    }
    /* The document's example header, and the scheme in any case, are let in. */
    const char *good[] = {"Basic c3lzdGVtOnN5c3RlbQ==", "basic c3lzdGVtOnN5c3RlbQ==",
                          "BASIC  c3lzdGVtOnN5c3RlbQ"};
    for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
        struct req rq = {.method = "GET", .path = SYS, .authorization = good[i]};
        struct resp *r = http_send(sb, &rq);
        assert_status(r, 200);
        resp_free(r);
    }
    free(bearer);
    free(longer);
    free(prefix);
    free(wrong_user);
    free(wrong_pass);
    sandbox_stop(sb);
}

static void test_every_route_asks_for_credentials(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    char *item = xasprintf(SYS "/%s", member_string(tenant_at(all, 2), "uuid"));
    struct {
        const char *method, *path, *body;
    } calls[] = {
        {"GET", SYS, NULL},
        {"POST", SYS, "{\"data\":{},\"version\":1}"},
        {"GET", item, NULL},
        {"PUT", item, "{\"version\":1}"},
        {"DELETE", item, NULL},
    };
    for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
        struct resp *r = sys_as(sb, "system", "wrong", calls[i].method, calls[i].path, NULL,
                                calls[i].body, calls[i].body ? JSON : NULL);
        assert_problem(r, 401);
        assert_non_null(r->www_authenticate);
        resp_free(r);
    }
    cJSON *after = all_tenants(sb);
    assert_true(cJSON_Compare(all, after, true)); /* nothing changed */
    cJSON_Delete(after);
    free(item);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_basic_is_not_accepted_on_v1(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *basic = basic_auth("system", "system");
    struct req rq = {.method = "GET", .path = "/v1/tenants", .authorization = basic};
    struct resp *r = http_send(sb, &rq);
    assert_error(r, 401, "Unauthorized");
    resp_free(r);
    free(basic);
    sandbox_stop(sb);
}

static void test_credentials_flags_and_environment(void **state)
{
    (void)state;
    struct sandbox *sb =
        sandbox_start("--system-user", "admin", "--system-password", "s3cret pass", NULL);
    struct resp *r = sys(sb, "GET", SYS, NULL, NULL);
    assert_problem(r, 401);
    resp_free(r);
    r = sys_as(sb, "admin", "s3cret pass", "GET", SYS, NULL, NULL, NULL);
    assert_status(r, 200);
    resp_free(r);
    sandbox_stop(sb);

    /* The password from the environment, as argv is visible to ps; a flag overrides it. */
    setenv("TENANTRY_SANDBOX_SYSTEM_PASSWORD", "from-env", 1);
    sb = sandbox_start(NULL);
    struct sandbox *flagged = sandbox_start("--system-password", "from-flag", NULL);
    unsetenv("TENANTRY_SANDBOX_SYSTEM_PASSWORD");
    r = sys(sb, "GET", SYS, NULL, NULL);
    assert_problem(r, 401);
    resp_free(r);
    r = sys_as(sb, "system", "from-env", "GET", SYS, NULL, NULL, NULL);
    assert_status(r, 200);
    resp_free(r);
    r = sys_as(flagged, "system", "from-env", "GET", SYS, NULL, NULL, NULL);
    assert_problem(r, 401);
    resp_free(r);
    r = sys_as(flagged, "system", "from-flag", "GET", SYS, NULL, NULL, NULL);
    assert_status(r, 200);
    resp_free(r);
    sandbox_stop(flagged);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ items */

static void test_get_item_in_both_forms(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const cJSON *row = tenant_at(all, 17);
    const char *uuid = member_string(row, "uuid");
    char *path = xasprintf(SYS "/%s", uuid);

    struct resp *r = sys(sb, "GET", path, JSON, NULL);
    assert_status(r, 200);
    assert_type(r, JSON);
    assert_true(cJSON_Compare(resp_json(r), row, true));
    resp_free(r);

    r = sys(sb, "GET", path, NULL, NULL);
    assert_status(r, 200);
    assert_type(r, LD);
    cJSON *j = resp_json(r);
    assert_tenant(j, true, false);
    assert_string_equal(member_string(j, "@context"), "/contexts/Tenant");
    cJSON_DeleteItemFromObjectCaseSensitive(j, "@context");
    cJSON_DeleteItemFromObjectCaseSensitive(j, "@id");
    cJSON_DeleteItemFromObjectCaseSensitive(j, "@type");
    assert_true(cJSON_Compare(j, row, true));
    resp_free(r);

    /* An uppercase uuid finds the same tenant. */
    char *upper = xstrdup(path);
    for (char *p = upper + strlen(SYS); *p; p++)
        *p = (char)toupper((unsigned char)*p);
    r = sys(sb, "GET", upper, JSON, NULL);
    assert_status(r, 200);
    assert_true(cJSON_Compare(resp_json(r), row, true));
    resp_free(r);
    free(upper);
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_unknown_or_malformed_uuid_is_404(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    const char *paths[] = {SYS "/" UNKNOWN_UUID, SYS "/not-a-uuid", SYS "/1"};
    for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
        struct resp *r = sys(sb, "GET", paths[i], NULL, NULL);
        assert_problem(r, 404);
        resp_free(r);
        r = sys(sb, "PUT", paths[i], NULL, "{\"version\":1}");
        assert_problem(r, 404);
        resp_free(r);
        /* The tenant is looked for before the body's type is. */
        r = sys_as(sb, "system", "system", "PUT", paths[i], NULL, "x", "text/plain");
        assert_problem(r, 404);
        resp_free(r);
        r = sys(sb, "DELETE", paths[i], NULL, NULL);
        assert_problem(r, 404);
        resp_free(r);
    }
    /* An unknown path under /system/ is answered in the same style. */
    const char *routes[] = {SYS "/", "/system/nothing", SYS "/" UNKNOWN_UUID "/more"};
    for (size_t i = 0; i < ARRAY_SIZE(routes); i++) {
        struct resp *r = sys(sb, "GET", routes[i], NULL, NULL);
        assert_problem(r, 404);
        resp_free(r);
    }
    sandbox_stop(sb);
}

static void test_other_methods_are_405(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    char *item = xasprintf(SYS "/%s", member_string(tenant_at(all, 1), "uuid"));
    struct {
        const char *method, *path, *allow;
    } calls[] = {
        {"PATCH", item, "GET, PUT, DELETE"},
        {"POST", item, "GET, PUT, DELETE"},
        {"PUT", SYS, "GET, POST"},
        {"DELETE", SYS, "GET, POST"},
        {"PATCH", SYS, "GET, POST"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
        struct resp *r = sys(sb, calls[i].method, calls[i].path, NULL, "{}");
        assert_problem(r, 405);
        if (!r->allow || strcmp(r->allow, calls[i].allow) != 0)
            fail_msg("%s %s: Allow is %s, expected %s", calls[i].method, calls[i].path,
                     r->allow ? r->allow : "(none)", calls[i].allow);
        resp_free(r);
    }
    assert_int_equal(total_of(sb, SYS), 25);
    free(item);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ create */

static void test_write_only_data_leaves_data_out(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--write-only-data", NULL);
    const char *accepts[] = {JSON, LD};
    for (size_t i = 0; i < ARRAY_SIZE(accepts); i++) {
        struct resp *r = list_get(sb, SYS "?limit=1000", accepts[i]);
        const cJSON *t;
        assert_int_equal(cJSON_GetArraySize(members(r)), 25);
        cJSON_ArrayForEach(t, members(r))
            assert_tenant(t, i == 1, true);
        resp_free(r);
    }
    struct resp *r = sys(sb, "POST", SYS, JSON, "{\"data\":{\"secret\":\"s\"},\"version\":1}");
    assert_status(r, 200);
    assert_tenant(resp_json(r), false, true);
    assert_null(strstr(r->body, "secret"));
    char *path = xasprintf(SYS "/%s", member_string(resp_json(r), "uuid"));
    resp_free(r);
    r = sys(sb, "GET", path, NULL, NULL);
    assert_status(r, 200);
    assert_tenant(resp_json(r), true, true);
    resp_free(r);
    r = sys(sb, "PUT", path, JSON, "{\"data\":{\"secret\":\"t\"},\"version\":1}");
    assert_status(r, 200);
    assert_tenant(resp_json(r), false, true);
    assert_int_equal(member_int(resp_json(r), "version"), 2);
    resp_free(r);
    free(path);
    /* Data is still required on create. */
    r = sys(sb, "POST", SYS, JSON, "{\"version\":1}");
    assert_violation(r, "data", NULL);
    resp_free(r);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ events, faults, hardening */

static void test_events_of_every_operation(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = list_get(sb, SYS, NULL);
    resp_free(r);
    char *start = event_nth(sb, "SYSTEM_TENANT_RETRIEVE_LIST_START", 0);
    char *line = event_nth(sb, "SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS", 0);
    char *req = event_field(start, "req");
    assert_event_field(line, "req", req);
    assert_event_field(line, "method", "GET");
    assert_event_field(line, "path", SYS);
    assert_event_field(line, "status", "200");
    free(req);
    free(line);
    free(start);

    r = sys(sb, "POST", SYS, JSON, "{\"data\":{},\"version\":4}");
    assert_status(r, 200);
    char *uuid = xstrdup(member_string(resp_json(r), "uuid"));
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_CREATE_SUCCESS", 0);
    assert_event_field(line, "status", "200");
    assert_event_field(line, "id", uuid);
    assert_event_field(line, "version", "4");
    free(line);

    char *path = xasprintf(SYS "/%s", uuid);
    r = sys(sb, "GET", path, NULL, NULL);
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_RETRIEVE_SUCCESS", 0);
    assert_event_field(line, "path", path);
    assert_null(event_field(line, "version"));
    free(line);

    r = sys(sb, "PUT", path, NULL, "{\"version\":4}");
    assert_status(r, 200);
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_UPDATE_SUCCESS", 0);
    assert_event_field(line, "id", uuid);
    assert_event_field(line, "version", "5");
    assert_event_field(line, "method", "PUT");
    free(line);
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_UPDATE_START"), 1);

    r = sys(sb, "DELETE", path, NULL, NULL);
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_DELETE_SUCCESS", 0);
    assert_event_field(line, "status", "204");
    free(line);

    /* Refusals log _FAIL with the status and neither id nor version. */
    r = sys(sb, "POST", SYS, JSON, "{}");
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_CREATE_FAIL", 0);
    assert_event_field(line, "status", "400");
    assert_null(event_field(line, "id"));
    assert_null(event_field(line, "version"));
    free(line);
    r = sys_as(sb, "system", "wrong", "GET", path, NULL, NULL, NULL);
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_RETRIEVE_FAIL", 0);
    assert_event_field(line, "status", "401");
    free(line);
    r = sys(sb, "DELETE", path, NULL, NULL);
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_DELETE_FAIL", 0);
    assert_event_field(line, "status", "404");
    free(line);
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_CREATE_START"), 2);
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_DELETE_START"), 2);
    assert_int_equal(events_count(sb, "TENANT_CREATE_START"), 0);
    free(path);
    free(uuid);
    sandbox_stop(sb);
}

static void test_faults_apply_to_system_routes(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", "503", NULL);
    struct resp *r = sys(sb, "GET", SYS, NULL, NULL);
    assert_problem(r, 503);
    assert_non_null(r->retry_after);
    assert_string_equal(r->retry_after, "1");
    resp_free(r);
    r = sys(sb, "POST", SYS, JSON, "{\"data\":{},\"version\":1}");
    assert_problem(r, 503);
    resp_free(r);
    char *line = event_nth(sb, "SYSTEM_TENANT_CREATE_FAIL", 0);
    assert_event_field(line, "fault", "fail");
    assert_event_field(line, "status", "503");
    free(line);
    sandbox_stop(sb);

    sb = sandbox_start("--malformed-rate", "1", NULL);
    r = sys(sb, "GET", SYS, JSON, NULL);
    assert_status(r, 200);
    assert_null(cJSON_Parse(r->body));
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS", 0);
    assert_event_field(line, "fault", "malformed");
    free(line);
    sandbox_stop(sb);
}

static void test_nul_and_bad_escapes_are_400(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = sys(sb, "GET", SYS "?uuid=a%00b", NULL, NULL);
    assert_violation(r, "uuid", NULL);
    resp_free(r);
    r = sys(sb, "GET", SYS "/%zz", NULL, NULL);
    assert_problem(r, 400);
    resp_free(r);
    r = sys(sb, "GET", SYS "/%00", NULL, NULL);
    assert_problem(r, 400);
    resp_free(r);
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_default_seed_is_25_tenants_as_jsonld),
        SANDBOX_TEST(test_system_tenants_flag_sets_count),
        SANDBOX_TEST(test_json_accept_gives_plain_array_of_ten),
        SANDBOX_TEST(test_accept_negotiation),
        SANDBOX_TEST(test_unacceptable_accept_is_406_everywhere),
        SANDBOX_TEST(test_same_seed_same_tenants_other_seed_others),
        SANDBOX_TEST(test_missing_or_wrong_credentials_are_401),
        SANDBOX_TEST(test_every_route_asks_for_credentials),
        SANDBOX_TEST(test_basic_is_not_accepted_on_v1),
        SANDBOX_TEST(test_credentials_flags_and_environment),
        SANDBOX_TEST(test_get_item_in_both_forms),
        SANDBOX_TEST(test_unknown_or_malformed_uuid_is_404),
        SANDBOX_TEST(test_other_methods_are_405),
        SANDBOX_TEST(test_write_only_data_leaves_data_out),
        SANDBOX_TEST(test_events_of_every_operation),
        SANDBOX_TEST(test_faults_apply_to_system_routes),
        SANDBOX_TEST(test_nul_and_bad_escapes_are_400),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}

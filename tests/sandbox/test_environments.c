/* test_environments.c: GET /v1/environments. */
#include "config.h"

#include "harness.h"

#include <stdlib.h>
#include <string.h>

/* Fail unless env is {id, name, domain, authorizationServerDomain, deploymentModel,
 * region{id, name, displayName}} with non-empty strings and a UUID id. */
static void assert_environment_shape(const cJSON *env)
{
    assert_true(cJSON_IsObject(env));
    assert_true(is_uuid(member_string(env, "id")));
    const char *keys[] = {"name", "domain", "authorizationServerDomain", "deploymentModel"};
    for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
        assert_true(strlen(member_string(env, keys[i])) > 0);
    const cJSON *region = cJSON_GetObjectItemCaseSensitive(env, "region");
    assert_true(cJSON_IsObject(region));
    const char *rkeys[] = {"id", "name", "displayName"};
    for (size_t i = 0; i < ARRAY_SIZE(rkeys); i++)
        assert_true(strlen(member_string(region, rkeys[i])) > 0);
}

static void test_default_is_three_environments(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct strlist ids = {0};
    assert_int_equal(walk_list(sb, "/v1/environments", 0, "id", &ids), 1);
    assert_int_equal(ids.n, 3);
    assert_true(strlist_unique(&ids));
    strlist_free(&ids);
    sandbox_stop(sb);
}

static void test_environments_have_documented_shape(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = list_page(sb, "/v1/environments", 0, NULL);
    assert_non_null(strstr(r->content_type, "application/json"));
    const cJSON *env;
    cJSON_ArrayForEach(env, page_data(r))
        assert_environment_shape(env);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_environments_flag_sets_count(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--environments", "7", NULL);
    struct strlist ids = {0};
    walk_list(sb, "/v1/environments", 1000, "id", &ids);
    assert_int_equal(ids.n, 7);
    assert_true(strlist_unique(&ids));
    strlist_free(&ids);
    sandbox_stop(sb);
}

static void test_single_environment_is_allowed(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--environments", "1", NULL);
    struct strlist ids = {0};
    walk_list(sb, "/v1/environments", 0, "id", &ids);
    assert_int_equal(ids.n, 1);
    strlist_free(&ids);
    sandbox_stop(sb);
}

static void test_environments_page_by_limit_in_order(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--environments", "5", NULL);
    struct strlist paged = {0};
    struct strlist whole = {0};
    assert_int_equal(walk_list(sb, "/v1/environments", 2, "id", &paged), 3);
    assert_int_equal(walk_list(sb, "/v1/environments", 1000, "id", &whole), 1);
    assert_int_equal(paged.n, 5);
    assert_int_equal(whole.n, 5);
    for (size_t i = 0; i < whole.n; i++)
        assert_string_equal(paged.v[i], whole.v[i]);
    strlist_free(&paged);
    strlist_free(&whole);
    sandbox_stop(sb);
}

static void test_same_seed_gives_same_environments(void **state)
{
    (void)state;
    struct sandbox *a = sandbox_start("--seed", "42", NULL);
    struct sandbox *b = sandbox_start("--seed", "42", NULL);
    cJSON *ea = environments_get(a);
    cJSON *eb = environments_get(b);
    assert_true(cJSON_Compare(ea, eb, true));
    cJSON_Delete(ea);
    cJSON_Delete(eb);
    sandbox_stop(b);
    sandbox_stop(a);
}

static void test_environments_other_method_is_405(void **state)
{
    (void)state;
    static const char *const methods[] = {"POST", "PUT", "DELETE", "PATCH"};
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(methods); i++)
        assert_405(sb, methods[i], "/v1/environments", "GET");
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_default_is_three_environments),
        SANDBOX_TEST(test_environments_have_documented_shape),
        SANDBOX_TEST(test_environments_flag_sets_count),
        SANDBOX_TEST(test_single_environment_is_allowed),
        SANDBOX_TEST(test_environments_page_by_limit_in_order),
        SANDBOX_TEST(test_same_seed_gives_same_environments),
        SANDBOX_TEST(test_environments_other_method_is_405),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}

/* test_clients.c: list, create, update and delete a tenant's clients. */
#include "config.h"

#include "harness.h"

#include <stdlib.h>
#include <string.h>

static const char *const all_roles[] = {
    "admin", "issuer", "verifier", "dts-provider", "dts-consumer", "auditor",
};

static bool is_role(const char *s)
{
    for (size_t i = 0; i < ARRAY_SIZE(all_roles); i++) {
        if (strcmp(s, all_roles[i]) == 0)
            return true;
    }
    return false;
}

/* Fail unless c is {clientId (32 letters and digits), name, roles[] (known, at least one),
 * permissions[]} with no clientSecret. */
static void assert_client_shape(const cJSON *c)
{
    assert_true(is_alnum_id(member_string(c, "clientId"), 32));
    member_string(c, "name");
    const cJSON *roles = cJSON_GetObjectItemCaseSensitive(c, "roles");
    assert_true(cJSON_IsArray(roles));
    assert_true(cJSON_GetArraySize(roles) >= 1);
    const cJSON *role;
    cJSON_ArrayForEach(role, roles) {
        assert_true(cJSON_IsString(role));
        assert_true(is_role(role->valuestring));
    }
    assert_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(c, "permissions")));
    assert_null(cJSON_GetObjectItemCaseSensitive(c, "clientSecret"));
}

/* Fail unless the roles of c are exactly the JSON array text want. */
static void assert_roles(const cJSON *c, const char *want)
{
    cJSON *w = json_literal(want);
    bool same = cJSON_Compare(cJSON_GetObjectItemCaseSensitive(c, "roles"), w, true);
    cJSON_Delete(w);
    assert_true(same);
}

static char *clients_path(const char *tenant_id)
{
    return xasprintf("/v1/tenants/%s/clients", tenant_id);
}

static char *client_path(const char *tenant_id, const char *client_id)
{
    return xasprintf("/v1/tenants/%s/clients/%s", tenant_id, client_id);
}

/* All clients of tenant_id, as a copy of the data of one page of up to 1000. */
static cJSON *clients_get(struct sandbox *sb, const char *tenant_id)
{
    char *path = clients_path(tenant_id);
    struct resp *r = list_page(sb, path, 1000, NULL);
    cJSON *data = cJSON_Duplicate(page_data(r), true);
    resp_free(r);
    free(path);
    return data;
}

/* Send method path body; fail unless 400 naming param in the body. */
static void assert_rejected(struct sandbox *sb, const char *method, const char *path,
                            const char *body, const char *param)
{
    struct resp *r = api(sb, method, path, body);
    if (r->status != 400)
        fail_msg("%s %s with %s: expected 400, got %ld: %s", method, path, body, r->status,
                 r->body);
    assert_bad_param(r, "body", param);
    resp_free(r);
}

static void test_seeded_clients_have_documented_shape(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *list = clients_get(sb, tenant);
    assert_int_equal(cJSON_GetArraySize(list), 3);
    const cJSON *c;
    cJSON_ArrayForEach(c, list)
        assert_client_shape(c);
    cJSON_Delete(list);
    free(tenant);
    sandbox_stop(sb);
}

static void test_seeded_clients_are_stable(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *first = clients_get(sb, tenant);
    cJSON *again = clients_get(sb, tenant);
    assert_true(cJSON_Compare(first, again, true));
    cJSON_Delete(first);
    cJSON_Delete(again);
    free(tenant);
    sandbox_stop(sb);
}

static void test_clients_flag_sets_count(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--clients", "0", NULL);
    char *tenant = first_tenant_id(sb);
    char *path = clients_path(tenant);
    struct strlist ids = {0};
    assert_int_equal(walk_list(sb, path, 0, "clientId", &ids), 0);
    assert_int_equal(ids.n, 0);
    strlist_free(&ids);
    free(path);
    free(tenant);
    sandbox_stop(sb);
}

static void test_create_returns_client_with_secret_once(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    char *path = clients_path(tenant);
    struct resp *r = api(sb, "POST", path, "{\"name\":\"CI robot\",\"roles\":[\"issuer\"]}");
    assert_status(r, 201);
    cJSON *c = resp_json(r);
    assert_true(is_alnum_id(member_string(c, "clientId"), 32));
    assert_string_equal(member_string(c, "name"), "CI robot");
    assert_roles(c, "[\"issuer\"]");
    assert_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(c, "permissions")));
    const char *secret = member_string(c, "clientSecret");
    assert_true(strlen(secret) > 0);

    /* Listed with the three seeded ones, without its secret. */
    cJSON *list = clients_get(sb, tenant);
    assert_int_equal(cJSON_GetArraySize(list), 4);
    const cJSON *listed = find_by(list, "clientId", member_string(c, "clientId"));
    assert_non_null(listed);
    assert_string_equal(member_string(listed, "name"), "CI robot");
    assert_client_shape(listed);
    char *text = cJSON_PrintUnformatted(list);
    assert_null(strstr(text, secret));
    cJSON_free(text);
    cJSON_Delete(list);
    resp_free(r);
    free(path);
    free(tenant);
    sandbox_stop(sb);
}

static void test_create_accepts_every_role(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    const char *roles = "[\"admin\",\"issuer\",\"verifier\",\"dts-provider\",\"dts-consumer\","
                        "\"auditor\"]";
    cJSON *c = client_create(sb, tenant, "everything", roles);
    assert_roles(c, roles);
    cJSON_Delete(c);
    free(tenant);
    sandbox_stop(sb);
}

static void test_client_ids_are_unique(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    struct strlist ids = {0};
    for (int i = 0; i < 20; i++) {
        cJSON *c = client_create(sb, tenant, "same-name", "[\"auditor\"]");
        strlist_add(&ids, member_string(c, "clientId"));
        cJSON_Delete(c);
    }
    assert_true(strlist_unique(&ids));
    strlist_free(&ids);
    free(tenant);
    sandbox_stop(sb);
}

static void test_create_with_bad_fields_is_rejected(void **state)
{
    (void)state;
    static const struct {
        const char *body, *param;
    } bad[] = {
        {"{\"roles\":[\"admin\"]}", "name"},
        {"{\"name\":\"\",\"roles\":[\"admin\"]}", "name"},
        {"{\"name\":42,\"roles\":[\"admin\"]}", "name"},
        {"{\"name\":null,\"roles\":[\"admin\"]}", "name"},
        {"{\"name\":\"c\"}", "roles"},
        {"{\"name\":\"c\",\"roles\":[]}", "roles"},
        {"{\"name\":\"c\",\"roles\":[\"root\"]}", "roles"},
        {"{\"name\":\"c\",\"roles\":[\"admin\",\"root\"]}", "roles"},
        {"{\"name\":\"c\",\"roles\":\"admin\"}", "roles"},
        {"{\"name\":\"c\",\"roles\":[42]}", "roles"},
        {"{\"name\":\"c\",\"roles\":[\"Admin\"]}", "roles"},
    };
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    char *path = clients_path(tenant);
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
        assert_rejected(sb, "POST", path, bad[i].body, bad[i].param);
    cJSON *list = clients_get(sb, tenant);
    assert_int_equal(cJSON_GetArraySize(list), 3);
    cJSON_Delete(list);
    free(path);
    free(tenant);
    sandbox_stop(sb);
}

static void test_update_changes_name_only(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *c = client_create(sb, tenant, "before", "[\"verifier\",\"auditor\"]");
    const char *id = member_string(c, "clientId");
    char *path = client_path(tenant, id);
    struct resp *r = api(sb, "PUT", path, "{\"name\":\"after\"}");
    assert_status(r, 200);
    cJSON *u = resp_json(r);
    assert_string_equal(member_string(u, "clientId"), id);
    assert_string_equal(member_string(u, "name"), "after");
    assert_roles(u, "[\"verifier\",\"auditor\"]");
    assert_client_shape(u);

    cJSON *list = clients_get(sb, tenant);
    const cJSON *listed = find_by(list, "clientId", id);
    assert_non_null(listed);
    assert_true(cJSON_Compare(listed, u, true));
    cJSON_Delete(list);
    resp_free(r);
    free(path);
    cJSON_Delete(c);
    free(tenant);
    sandbox_stop(sb);
}

static void test_update_changes_roles_only(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *c = client_create(sb, tenant, "keeps-name", "[\"issuer\"]");
    char *path = client_path(tenant, member_string(c, "clientId"));
    struct resp *r = api(sb, "PUT", path, "{\"roles\":[\"dts-provider\",\"dts-consumer\"]}");
    assert_status(r, 200);
    assert_string_equal(member_string(resp_json(r), "name"), "keeps-name");
    assert_roles(resp_json(r), "[\"dts-provider\",\"dts-consumer\"]");
    assert_null(cJSON_GetObjectItemCaseSensitive(resp_json(r), "clientSecret"));
    resp_free(r);
    free(path);
    cJSON_Delete(c);
    free(tenant);
    sandbox_stop(sb);
}

static void test_update_with_empty_object_keeps_client(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *c = client_create(sb, tenant, "untouched", "[\"admin\"]");
    char *path = client_path(tenant, member_string(c, "clientId"));
    struct resp *r = api(sb, "PUT", path, "{}");
    assert_status(r, 200);
    cJSON_DeleteItemFromObjectCaseSensitive(c, "clientSecret");
    assert_true(cJSON_Compare(c, resp_json(r), true));
    resp_free(r);
    free(path);
    cJSON_Delete(c);
    free(tenant);
    sandbox_stop(sb);
}

static void test_update_seeded_client(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *list = clients_get(sb, tenant);
    const char *id = member_string(cJSON_GetArrayItem(list, 1), "clientId");
    char *path = client_path(tenant, id);
    struct resp *r = api(sb, "PUT", path, "{\"name\":\"renamed seed\"}");
    assert_status(r, 200);
    assert_string_equal(member_string(resp_json(r), "name"), "renamed seed");
    resp_free(r);
    free(path);
    cJSON_Delete(list);
    free(tenant);
    sandbox_stop(sb);
}

static void test_update_with_bad_fields_is_rejected(void **state)
{
    (void)state;
    static const struct {
        const char *body, *param;
    } bad[] = {
        {"{\"name\":\"\"}", "name"},
        {"{\"name\":42}", "name"},
        {"{\"roles\":[]}", "roles"},
        {"{\"roles\":[\"root\"]}", "roles"},
        {"{\"roles\":\"admin\"}", "roles"},
        {"{\"name\":\"fine\",\"roles\":[null]}", "roles"},
    };
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *c = client_create(sb, tenant, "stays", "[\"admin\"]");
    char *path = client_path(tenant, member_string(c, "clientId"));
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
        assert_rejected(sb, "PUT", path, bad[i].body, bad[i].param);

    /* Nothing changed, not even the valid name of the last one. */
    cJSON *list = clients_get(sb, tenant);
    const cJSON *listed = find_by(list, "clientId", member_string(c, "clientId"));
    assert_non_null(listed);
    assert_string_equal(member_string(listed, "name"), "stays");
    assert_roles(listed, "[\"admin\"]");
    cJSON_Delete(list);
    free(path);
    cJSON_Delete(c);
    free(tenant);
    sandbox_stop(sb);
}

static void test_delete_removes_client(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *c = client_create(sb, tenant, "short-lived", "[\"auditor\"]");
    const char *id = member_string(c, "clientId");
    char *path = client_path(tenant, id);
    struct resp *r = api(sb, "DELETE", path, NULL);
    assert_status(r, 204);
    assert_int_equal(r->len, 0);
    resp_free(r);

    cJSON *list = clients_get(sb, tenant);
    assert_null(find_by(list, "clientId", id));
    assert_int_equal(cJSON_GetArraySize(list), 3);
    cJSON_Delete(list);
    r = api(sb, "DELETE", path, NULL);
    assert_error(r, 404, "NotFound");
    resp_free(r);
    r = api(sb, "PUT", path, "{\"name\":\"ghost\"}");
    assert_error(r, 404, "NotFound");
    resp_free(r);
    free(path);
    cJSON_Delete(c);
    free(tenant);
    sandbox_stop(sb);
}

static void test_client_of_other_tenant_is_404(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *owner = first_tenant_id(sb);
    char *other = tenant_create_id(sb, "other-tenant");
    cJSON *c = client_create(sb, owner, "owned", "[\"admin\"]");
    char *path = client_path(other, member_string(c, "clientId"));
    struct resp *r = api(sb, "PUT", path, "{\"name\":\"stolen\"}");
    assert_error(r, 404, "NotFound");
    resp_free(r);
    r = api(sb, "DELETE", path, NULL);
    assert_error(r, 404, "NotFound");
    resp_free(r);
    free(path);
    cJSON_Delete(c);
    free(other);
    free(owner);
    sandbox_stop(sb);
}

static void test_unknown_client_or_tenant_is_404(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *list = clients_get(sb, tenant);
    const char *real = member_string(cJSON_GetArrayItem(list, 0), "clientId");
    char *paths[] = {
        client_path(tenant, UNKNOWN_CLIENT),
        client_path(UNKNOWN_UUID, real),
    };
    for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
        struct resp *r = api(sb, "PUT", paths[i], "{\"name\":\"x\"}");
        assert_error(r, 404, "NotFound");
        resp_free(r);
        r = api(sb, "DELETE", paths[i], NULL);
        assert_error(r, 404, "NotFound");
        resp_free(r);
        free(paths[i]);
    }
    cJSON_Delete(list);
    free(tenant);
    sandbox_stop(sb);
}

static void test_malformed_tenant_id_in_client_paths_is_400(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = api(sb, "POST", "/v1/tenants/not-a-uuid/clients",
                         "{\"name\":\"c\",\"roles\":[\"admin\"]}");
    assert_bad_param(r, "path", "tenantId");
    resp_free(r);
    r = api(sb, "PUT", "/v1/tenants/not-a-uuid/clients/" UNKNOWN_CLIENT, "{\"name\":\"x\"}");
    assert_bad_param(r, "path", "tenantId");
    resp_free(r);
    r = api(sb, "DELETE", "/v1/tenants/not-a-uuid/clients/" UNKNOWN_CLIENT, NULL);
    assert_bad_param(r, "path", "tenantId");
    resp_free(r);
    sandbox_stop(sb);
}

static void test_client_paths_other_methods_are_405(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = first_tenant_id(sb);
    cJSON *list = clients_get(sb, tenant);
    char *many = clients_path(tenant);
    char *one = client_path(tenant, member_string(cJSON_GetArrayItem(list, 0), "clientId"));
    const struct {
        const char *method, *path, *allow;
    } calls[] = {
        {"PUT", many, "GET, POST"},
        {"DELETE", many, "GET, POST"},
        {"PATCH", many, "GET, POST"},
        {"GET", one, "PUT, DELETE"},
        {"POST", one, "PUT, DELETE"},
        {"PATCH", one, "PUT, DELETE"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(calls); i++)
        assert_405(sb, calls[i].method, calls[i].path, calls[i].allow);
    cJSON *after = clients_get(sb, tenant);
    assert_true(cJSON_Compare(list, after, true));
    cJSON_Delete(after);
    free(one);
    free(many);
    cJSON_Delete(list);
    free(tenant);
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_seeded_clients_have_documented_shape),
        SANDBOX_TEST(test_seeded_clients_are_stable),
        SANDBOX_TEST(test_clients_flag_sets_count),
        SANDBOX_TEST(test_create_returns_client_with_secret_once),
        SANDBOX_TEST(test_create_accepts_every_role),
        SANDBOX_TEST(test_client_ids_are_unique),
        SANDBOX_TEST(test_create_with_bad_fields_is_rejected),
        SANDBOX_TEST(test_update_changes_name_only),
        SANDBOX_TEST(test_update_changes_roles_only),
        SANDBOX_TEST(test_update_with_empty_object_keeps_client),
        SANDBOX_TEST(test_update_seeded_client),
        SANDBOX_TEST(test_update_with_bad_fields_is_rejected),
        SANDBOX_TEST(test_delete_removes_client),
        SANDBOX_TEST(test_client_of_other_tenant_is_404),
        SANDBOX_TEST(test_unknown_client_or_tenant_is_404),
        SANDBOX_TEST(test_malformed_tenant_id_in_client_paths_is_400),
        SANDBOX_TEST(test_client_paths_other_methods_are_405),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}

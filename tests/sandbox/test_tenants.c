/* test_tenants.c: list, create, retrieve and delete tenants. */
#include "config.h"

#include "harness.h"

#include <stdlib.h>
#include <string.h>

#define PARALLEL 32

/* True when s is a valid subdomain label: 1..63 of [a-z0-9-], no hyphen at either end. */
static bool is_label(const char *s, size_t len)
{
    if (len < 1 || len > 63 || s[0] == '-' || s[len - 1] == '-')
        return false;
    for (size_t i = 0; i < len; i++) {
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return false;
    }
    return true;
}

/* Fail unless t is a tenant {id, name, subdomain LABEL.vii.DOMAIN, environment} whose
 * environment is one of envs, exactly. */
static void assert_tenant_shape(const cJSON *t, const cJSON *envs)
{
    assert_true(is_uuid(member_string(t, "id")));
    member_string(t, "name");
    const cJSON *env = cJSON_GetObjectItemCaseSensitive(t, "environment");
    assert_true(cJSON_IsObject(env));
    const cJSON *listed = find_by(envs, "id", member_string(env, "id"));
    assert_non_null(listed);
    assert_true(cJSON_Compare(env, listed, true));

    const char *sub = member_string(t, "subdomain");
    char *suffix = xasprintf(".vii.%s", member_string(env, "domain"));
    size_t sl = strlen(sub), xl = strlen(suffix);
    assert_true(sl > xl);
    assert_string_equal(sub + sl - xl, suffix);
    assert_true(is_label(sub, sl - xl));
    free(suffix);
}

/* POST /v1/tenants with body; fail unless 400 naming param in the body. */
static void assert_create_rejected(struct sandbox *sb, const char *body, const char *param)
{
    struct resp *r = api(sb, "POST", "/v1/tenants", body);
    if (r->status != 400)
        fail_msg("create with %s: expected 400, got %ld: %s", body, r->status, r->body);
    assert_bad_param(r, "body", param);
    resp_free(r);
}

/* The number of tenants, by a walk of the whole list. */
static size_t tenant_count(struct sandbox *sb)
{
    struct strlist ids = {0};
    walk_list(sb, "/v1/tenants", 1000, "id", &ids);
    size_t n = ids.n;
    strlist_free(&ids);
    return n;
}

static void test_default_is_fifty_tenants(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct strlist ids = {0};
    assert_int_equal(walk_list(sb, "/v1/tenants", 0, "id", &ids), 1);
    assert_int_equal(ids.n, 50);
    assert_true(strlist_unique(&ids));
    strlist_free(&ids);
    sandbox_stop(sb);
}

static void test_tenants_flag_sets_count(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--tenants", "7", NULL);
    assert_int_equal(tenant_count(sb), 7);
    sandbox_stop(sb);
}

static void test_zero_tenants_list_is_empty(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--tenants", "0", NULL);
    assert_int_equal(tenant_count(sb), 0);
    sandbox_stop(sb);
}

static void test_seeded_tenants_have_documented_shape(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *envs = environments_get(sb);
    struct resp *r = list_page(sb, "/v1/tenants", 0, NULL);
    const cJSON *t;
    cJSON_ArrayForEach(t, page_data(r)) {
        assert_tenant_shape(t, envs);
        assert_null(cJSON_GetObjectItemCaseSensitive(t, "client"));
    }
    resp_free(r);
    cJSON_Delete(envs);
    sandbox_stop(sb);
}

static void test_create_returns_tenant_with_admin_client(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *envs = environments_get(sb);
    const cJSON *env = cJSON_GetArrayItem(envs, 1);
    char *body = tenant_body("Acme Corp", "acme-corp", member_string(env, "id"));
    struct resp *r = api(sb, "POST", "/v1/tenants", body);
    assert_status(r, 201);
    assert_non_null(strstr(r->content_type, "application/json"));
    cJSON *t = resp_json(r);
    assert_tenant_shape(t, envs);
    assert_string_equal(member_string(t, "name"), "Acme Corp");
    char *host = xasprintf("acme-corp.vii.%s", member_string(env, "domain"));
    assert_string_equal(member_string(t, "subdomain"), host);
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(t, "environment"), env, true));
    const cJSON *client = cJSON_GetObjectItemCaseSensitive(t, "client");
    assert_true(cJSON_IsObject(client));
    assert_true(is_alnum_id(member_string(client, "clientId"), 32));
    assert_true(strlen(member_string(client, "clientSecret")) > 0);
    free(host);
    free(body);
    resp_free(r);
    cJSON_Delete(envs);
    sandbox_stop(sb);
}

static void test_create_without_name_uses_label(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *env = environment_id(sb, 0);
    char *body = tenant_body(NULL, "nameless", env);
    struct resp *r = api(sb, "POST", "/v1/tenants", body);
    assert_status(r, 201);
    assert_string_equal(member_string(resp_json(r), "name"), "nameless");
    resp_free(r);
    free(body);
    free(env);
    sandbox_stop(sb);
}

static void test_get_returns_created_tenant_without_client(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *created = tenant_create(sb, "fetch-me", NULL);
    char *path = xasprintf("/v1/tenants/%s", member_string(created, "id"));
    struct resp *r = api(sb, "GET", path, NULL);
    assert_status(r, 200);
    assert_null(cJSON_GetObjectItemCaseSensitive(resp_json(r), "client"));
    cJSON_DeleteItemFromObjectCaseSensitive(created, "client");
    assert_true(cJSON_Compare(created, resp_json(r), true));
    resp_free(r);
    free(path);
    cJSON_Delete(created);
    sandbox_stop(sb);
}

static void test_get_returns_seeded_tenant_as_listed(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *page = list_page(sb, "/v1/tenants", 0, NULL);
    const cJSON *row = cJSON_GetArrayItem(page_data(page), 17);
    char *path = xasprintf("/v1/tenants/%s", member_string(row, "id"));
    struct resp *r = api(sb, "GET", path, NULL);
    assert_status(r, 200);
    assert_true(cJSON_Compare(row, resp_json(r), true));
    resp_free(r);
    free(path);
    resp_free(page);
    sandbox_stop(sb);
}

static void test_created_tenant_is_listed_last(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *id = tenant_create_id(sb, "newest");
    struct strlist ids = {0};
    walk_list(sb, "/v1/tenants", 0, "id", &ids);
    assert_int_equal(ids.n, 51);
    assert_string_equal(ids.v[50], id);
    assert_int_equal(strlist_count(&ids, id), 1);
    strlist_free(&ids);
    free(id);
    sandbox_stop(sb);
}

static void test_admin_client_is_listed_without_secret(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--clients", "0", NULL);
    cJSON *t = tenant_create(sb, "with-admin", NULL);
    const char *client_id = member_string(cJSON_GetObjectItemCaseSensitive(t, "client"),
                                          "clientId");
    char *path = xasprintf("/v1/tenants/%s/clients", member_string(t, "id"));
    struct resp *r = list_page(sb, path, 0, NULL);
    const cJSON *data = page_data(r);
    assert_int_equal(cJSON_GetArraySize(data), 1);
    const cJSON *c = cJSON_GetArrayItem(data, 0);
    assert_string_equal(member_string(c, "clientId"), client_id);
    member_string(c, "name");
    cJSON *admin = json_literal("[\"admin\"]");
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(c, "roles"), admin, true));
    assert_null(cJSON_GetObjectItemCaseSensitive(c, "clientSecret"));
    assert_null(strstr(r->body, "clientSecret"));
    cJSON_Delete(admin);
    resp_free(r);
    free(path);
    cJSON_Delete(t);
    sandbox_stop(sb);
}

static void test_delete_removes_tenant_and_its_clients(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *id = tenant_create_id(sb, "doomed");
    char *path = xasprintf("/v1/tenants/%s", id);
    char *clients = xasprintf("/v1/tenants/%s/clients", id);
    struct resp *r = api(sb, "DELETE", path, NULL);
    assert_status(r, 204);
    assert_int_equal(r->len, 0);
    resp_free(r);

    r = api(sb, "GET", path, NULL);
    assert_error(r, 404, "NotFound");
    resp_free(r);
    r = api(sb, "DELETE", path, NULL);
    assert_error(r, 404, "NotFound");
    resp_free(r);
    r = api(sb, "GET", clients, NULL);
    assert_error(r, 404, "NotFound");
    resp_free(r);
    assert_int_equal(tenant_count(sb), 50);
    free(clients);
    free(path);
    free(id);
    sandbox_stop(sb);
}

static void test_delete_seeded_tenant(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *id = first_tenant_id(sb);
    char *path = xasprintf("/v1/tenants/%s", id);
    struct resp *r = api(sb, "DELETE", path, NULL);
    assert_status(r, 204);
    resp_free(r);
    struct strlist ids = {0};
    walk_list(sb, "/v1/tenants", 0, "id", &ids);
    assert_int_equal(ids.n, 49);
    assert_int_equal(strlist_count(&ids, id), 0);
    strlist_free(&ids);
    free(path);
    free(id);
    sandbox_stop(sb);
}

static void test_bad_subdomain_is_rejected(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\"\"", "\"-lead\"", "\"trail-\"", "\"Upper\"", "\"under_score\"", "\"dot.ted\"",
        "\"sp ace\"", "\"caf\\u00e9\"", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
        "42", "null", "[\"abc\"]", "\"-\"",
    };
    struct sandbox *sb = sandbox_start(NULL);
    char *env = environment_id(sb, 0);
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char *body = xasprintf("{\"name\":\"n\",\"subdomain\":%s,\"environmentId\":\"%s\"}",
                               bad[i], env);
        assert_create_rejected(sb, body, "subdomain");
        free(body);
    }
    char *missing = xasprintf("{\"name\":\"n\",\"environmentId\":\"%s\"}", env);
    assert_create_rejected(sb, missing, "subdomain");
    free(missing);
    assert_int_equal(tenant_count(sb), 50);
    free(env);
    sandbox_stop(sb);
}

static void test_subdomain_boundaries_are_accepted(void **state)
{
    (void)state;
    static const char *const good[] = {
        "a", "7", "a-b", "x1--2y",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", /* 63 */
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
        cJSON *t = tenant_create(sb, good[i], NULL);
        const char *sub = member_string(t, "subdomain");
        assert_true(strncmp(sub, good[i], strlen(good[i])) == 0);
        assert_true(strncmp(sub + strlen(good[i]), ".vii.", 5) == 0);
        cJSON_Delete(t);
    }
    sandbox_stop(sb);
}

static void test_duplicate_subdomain_in_environment_is_rejected(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *t = tenant_create(sb, "twice", NULL);
    const char *env = member_string(cJSON_GetObjectItemCaseSensitive(t, "environment"), "id");
    char *body = tenant_body("again", "twice", env);
    assert_create_rejected(sb, body, "subdomain");
    assert_int_equal(tenant_count(sb), 51);
    free(body);
    cJSON_Delete(t);
    sandbox_stop(sb);
}

static void test_seeded_subdomain_is_taken(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *page = list_page(sb, "/v1/tenants", 1, NULL);
    const cJSON *row = cJSON_GetArrayItem(page_data(page), 0);
    const char *sub = member_string(row, "subdomain");
    char *label = xstrndup(sub, strcspn(sub, "."));
    const char *env = member_string(cJSON_GetObjectItemCaseSensitive(row, "environment"), "id");
    char *body = tenant_body(NULL, label, env);
    assert_create_rejected(sb, body, "subdomain");
    free(body);
    free(label);
    resp_free(page);
    sandbox_stop(sb);
}

static void test_same_subdomain_in_other_environment_is_allowed(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *env0 = environment_id(sb, 0);
    char *env1 = environment_id(sb, 1);
    cJSON *a = tenant_create(sb, "shared-label", env0);
    cJSON *b = tenant_create(sb, "shared-label", env1);
    assert_string_not_equal(member_string(a, "id"), member_string(b, "id"));
    assert_string_not_equal(member_string(a, "subdomain"), member_string(b, "subdomain"));
    cJSON_Delete(a);
    cJSON_Delete(b);
    free(env0);
    free(env1);
    sandbox_stop(sb);
}

static void test_bad_environment_id_is_rejected(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\"\"", "\"not-a-uuid\"", "\"" UNKNOWN_UUID "\"", "42", "null", "{}",
        "\"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4\"",
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char *body = xasprintf("{\"subdomain\":\"fine\",\"environmentId\":%s}", bad[i]);
        assert_create_rejected(sb, body, "environmentId");
        free(body);
    }
    assert_create_rejected(sb, "{\"subdomain\":\"fine\"}", "environmentId");
    assert_int_equal(tenant_count(sb), 50);
    sandbox_stop(sb);
}

static void test_non_string_name_is_rejected(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *env = environment_id(sb, 0);
    char *body = xasprintf("{\"name\":42,\"subdomain\":\"fine\",\"environmentId\":\"%s\"}", env);
    assert_create_rejected(sb, body, "name");
    free(body);
    free(env);
    sandbox_stop(sb);
}

static void test_malformed_tenant_id_is_400(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "not-a-uuid", "1234", UNKNOWN_UUID "0", "6f1c2a3b4d5e4f608a7b9c0d1e2f3a4b",
        "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4g",
    };
    static const struct {
        const char *method, *suffix;
    } calls[] = {
        {"GET", ""},
        {"DELETE", ""},
        {"GET", "/clients"},
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        for (size_t k = 0; k < ARRAY_SIZE(calls); k++) {
            char *path = xasprintf("/v1/tenants/%s%s", bad[i], calls[k].suffix);
            struct resp *r = api(sb, calls[k].method, path, NULL);
            if (r->status != 400)
                fail_msg("%s %s: expected 400, got %ld", calls[k].method, path, r->status);
            assert_bad_param(r, "path", "tenantId");
            resp_free(r);
            free(path);
        }
    }
    assert_int_equal(tenant_count(sb), 50);
    sandbox_stop(sb);
}

static void test_unknown_tenant_is_404(void **state)
{
    (void)state;
    static const struct {
        const char *method, *path, *body;
    } calls[] = {
        {"GET", "/v1/tenants/" UNKNOWN_UUID, NULL},
        {"DELETE", "/v1/tenants/" UNKNOWN_UUID, NULL},
        {"GET", "/v1/tenants/" UNKNOWN_UUID "/clients", NULL},
        {"POST", "/v1/tenants/" UNKNOWN_UUID "/clients", "{\"name\":\"c\",\"roles\":[\"admin\"]}"},
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
        struct resp *r = api(sb, calls[i].method, calls[i].path, calls[i].body);
        assert_error(r, 404, "NotFound");
        resp_free(r);
    }
    sandbox_stop(sb);
}

static void test_tenant_paths_other_methods_are_405(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *id = first_tenant_id(sb);
    char *one = xasprintf("/v1/tenants/%s", id);
    const struct {
        const char *method, *path, *allow;
    } calls[] = {
        {"PATCH", "/v1/tenants", "GET, POST"},
        {"PUT", "/v1/tenants", "GET, POST"},
        {"DELETE", "/v1/tenants", "GET, POST"},
        {"POST", one, "GET, DELETE"},
        {"PUT", one, "GET, DELETE"},
        {"PATCH", one, "GET, DELETE"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(calls); i++)
        assert_405(sb, calls[i].method, calls[i].path, calls[i].allow);
    /* And the tenant is still there. */
    struct resp *r = api(sb, "GET", one, NULL);
    assert_status(r, 200);
    resp_free(r);
    free(one);
    free(id);
    sandbox_stop(sb);
}

/* POST the n bodies to /v1/tenants all at once (curl_multi); store each answer's status and
 * its body, newly allocated, in answers. */
static void post_tenants_at_once(struct sandbox *sb, char *const *bodies, int n, long *status,
                                 char **answers)
{
    char *url = sandbox_url(sb, "/v1/tenants");
    char *auth = xasprintf("Authorization: Bearer %s", sandbox_token(sb));
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
        curl_easy_setopt(easy[i], CURLOPT_POSTFIELDS, bodies[i]);
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
        answers[i] = sb_steal(&out[i]);
        curl_multi_remove_handle(multi, easy[i]);
        curl_easy_cleanup(easy[i]);
    }
    curl_multi_cleanup(multi);
    free(out);
    free(easy);
    curl_slist_free_all(headers);
    free(auth);
    free(url);
}

static void test_parallel_creates_all_succeed(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *env = environment_id(sb, 0);
    char *bodies[PARALLEL], *answers[PARALLEL];
    long status[PARALLEL];
    for (int i = 0; i < PARALLEL; i++) {
        char label[32];
        snprintf(label, sizeof label, "parallel-%02d", i);
        bodies[i] = tenant_body(NULL, label, env);
    }
    post_tenants_at_once(sb, bodies, PARALLEL, status, answers);

    struct strlist ids = {0};
    for (int i = 0; i < PARALLEL; i++) {
        if (status[i] != 201)
            fail_msg("parallel create %d: expected 201, got %ld: %s", i, status[i], answers[i]);
        cJSON *j = json_literal(answers[i]);
        strlist_add(&ids, member_string(j, "id"));
        cJSON_Delete(j);
        free(answers[i]);
        free(bodies[i]);
    }
    assert_true(strlist_unique(&ids));

    struct strlist listed = {0};
    walk_list(sb, "/v1/tenants", 1000, "id", &listed);
    assert_int_equal(listed.n, 50 + PARALLEL);
    for (size_t i = 0; i < ids.n; i++)
        assert_int_equal(strlist_count(&listed, ids.v[i]), 1);
    strlist_free(&listed);
    strlist_free(&ids);
    free(env);
    sandbox_stop(sb);
}

static void test_parallel_creates_of_one_subdomain_let_one_win(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *env = environment_id(sb, 0);
    char *bodies[PARALLEL], *answers[PARALLEL];
    long status[PARALLEL];
    for (int i = 0; i < PARALLEL; i++)
        bodies[i] = tenant_body(NULL, "contested", env);
    post_tenants_at_once(sb, bodies, PARALLEL, status, answers);
    int created = 0;
    for (int i = 0; i < PARALLEL; i++) {
        if (status[i] == 201)
            created++;
        else if (status[i] != 400)
            fail_msg("contested create %d: expected 201 or 400, got %ld: %s", i, status[i],
                     answers[i]);
        free(answers[i]);
        free(bodies[i]);
    }
    assert_int_equal(created, 1);
    assert_int_equal(tenant_count(sb), 51);
    free(env);
    sandbox_stop(sb);
}

/* True when s is valid UTF-8. */
static bool is_utf8(const unsigned char *s)
{
    while (*s) {
        int extra = *s < 0x80 ? 0 : (*s & 0xe0) == 0xc0 ? 1 : (*s & 0xf0) == 0xe0 ? 2
                  : (*s & 0xf8) == 0xf0 ? 3 : -1;
        if (extra < 0)
            return false;
        s++;
        for (int i = 0; i < extra; i++, s++) {
            if ((*s & 0xc0) != 0x80)
                return false;
        }
    }
    return true;
}

static void test_hostile_names_are_served_as_valid_json(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--hostile-names", NULL);
    cJSON *envs = environments_get(sb);
    struct resp *r = list_page(sb, "/v1/tenants", 0, NULL);
    for (size_t i = 0; i < r->len; i++)
        assert_true((unsigned char)r->body[i] >= 0x20);
    bool escape = false, bad_utf8 = false, long_name = false;
    const cJSON *t;
    cJSON_ArrayForEach(t, page_data(r)) {
        assert_tenant_shape(t, envs);
        const char *name = member_string(t, "name");
        escape |= strchr(name, '\x1b') != NULL;
        bad_utf8 |= !is_utf8((const unsigned char *)name);
        long_name |= strlen(name) > 200;
    }
    assert_true(escape);
    assert_true(bad_utf8);
    assert_true(long_name);

    char *path = xasprintf("/v1/tenants/%s/clients", member_string(
                               cJSON_GetArrayItem(page_data(r), 0), "id"));
    struct resp *c = list_page(sb, path, 0, NULL);
    for (size_t i = 0; i < c->len; i++)
        assert_true((unsigned char)c->body[i] >= 0x20);
    escape = false;
    cJSON_ArrayForEach(t, page_data(c))
        escape |= strchr(member_string(t, "name"), '\x1b') != NULL;
    assert_true(escape);
    resp_free(c);
    free(path);
    resp_free(r);
    cJSON_Delete(envs);
    sandbox_stop(sb);
}

static void test_names_are_tame_without_hostile_names(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = list_page(sb, "/v1/tenants", 0, NULL);
    const cJSON *t;
    cJSON_ArrayForEach(t, page_data(r)) {
        const unsigned char *name = (const unsigned char *)member_string(t, "name");
        assert_true(is_utf8(name));
        for (const unsigned char *p = name; *p; p++)
            assert_true(*p >= 0x20 && *p != 0x7f);
    }
    resp_free(r);
    sandbox_stop(sb);
}

/* The first page of tenants of a server started with --seed seed. */
static cJSON *first_page_with_seed(const char *seed)
{
    struct sandbox *sb = sandbox_start("--seed", seed, NULL);
    struct resp *r = list_page(sb, "/v1/tenants", 0, NULL);
    cJSON *data = cJSON_Duplicate(page_data(r), true);
    resp_free(r);
    sandbox_stop(sb);
    return data;
}

static void test_same_seed_gives_same_tenants(void **state)
{
    (void)state;
    cJSON *a = first_page_with_seed("9");
    cJSON *b = first_page_with_seed("9");
    assert_int_equal(cJSON_GetArraySize(a), 50);
    assert_true(cJSON_Compare(a, b, true));
    cJSON_Delete(a);
    cJSON_Delete(b);
}

static void test_other_seed_gives_other_tenants(void **state)
{
    (void)state;
    cJSON *a = first_page_with_seed("9");
    cJSON *b = first_page_with_seed("10");
    const cJSON *ta = cJSON_GetArrayItem(a, 0);
    const cJSON *tb = cJSON_GetArrayItem(b, 0);
    assert_string_not_equal(member_string(ta, "id"), member_string(tb, "id"));
    assert_false(cJSON_Compare(a, b, true));
    cJSON_Delete(a);
    cJSON_Delete(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_default_is_fifty_tenants),
        SANDBOX_TEST(test_tenants_flag_sets_count),
        SANDBOX_TEST(test_zero_tenants_list_is_empty),
        SANDBOX_TEST(test_seeded_tenants_have_documented_shape),
        SANDBOX_TEST(test_create_returns_tenant_with_admin_client),
        SANDBOX_TEST(test_create_without_name_uses_label),
        SANDBOX_TEST(test_get_returns_created_tenant_without_client),
        SANDBOX_TEST(test_get_returns_seeded_tenant_as_listed),
        SANDBOX_TEST(test_created_tenant_is_listed_last),
        SANDBOX_TEST(test_admin_client_is_listed_without_secret),
        SANDBOX_TEST(test_delete_removes_tenant_and_its_clients),
        SANDBOX_TEST(test_delete_seeded_tenant),
        SANDBOX_TEST(test_bad_subdomain_is_rejected),
        SANDBOX_TEST(test_subdomain_boundaries_are_accepted),
        SANDBOX_TEST(test_duplicate_subdomain_in_environment_is_rejected),
        SANDBOX_TEST(test_seeded_subdomain_is_taken),
        SANDBOX_TEST(test_same_subdomain_in_other_environment_is_allowed),
        SANDBOX_TEST(test_bad_environment_id_is_rejected),
        SANDBOX_TEST(test_non_string_name_is_rejected),
        SANDBOX_TEST(test_malformed_tenant_id_is_400),
        SANDBOX_TEST(test_unknown_tenant_is_404),
        SANDBOX_TEST(test_tenant_paths_other_methods_are_405),
        SANDBOX_TEST(test_parallel_creates_all_succeed),
        SANDBOX_TEST(test_parallel_creates_of_one_subdomain_let_one_win),
        SANDBOX_TEST(test_hostile_names_are_served_as_valid_json),
        SANDBOX_TEST(test_names_are_tame_without_hostile_names),
        SANDBOX_TEST(test_same_seed_gives_same_tenants),
        SANDBOX_TEST(test_other_seed_gives_other_tenants),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}

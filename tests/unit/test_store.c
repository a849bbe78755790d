/* test_store.c: sandbox/store: seeding, paging under change, uniqueness, secrets once. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/json.h"
#include "sandbox/store.h"

/* The arguments of a list page: limit rows from cursor. */
#define PAGE(limit, cursor) (&(struct store_page_args){(limit), (cursor), false})

static struct store *make(unsigned long tenants, unsigned clients, uint64_t seed)
{
    struct store_seed s = {.environments = 3, .tenants = tenants, .clients = clients,
                           .seed = seed};
    return store_new(&s);
}

static char *first_page(struct store *s, size_t limit)
{
    cJSON *page = NULL;
    assert_int_equal(store_list_tenants(s, PAGE(limit, NULL), &page), STORE_OK);
    char *text = json_print(page);
    cJSON_Delete(page);
    return text;
}

static void test_same_seed_same_data(void **state)
{
    (void)state;
    struct store *a = make(40, 2, 7), *b = make(40, 2, 7), *c = make(40, 2, 8);
    char *pa = first_page(a, 40), *pb = first_page(b, 40), *pc = first_page(c, 40);
    assert_string_equal(pa, pb);
    assert_string_not_equal(pa, pc);
    free(pa);
    free(pb);
    free(pc);
    store_free(a);
    store_free(b);
    store_free(c);
}

/* Walk the tenants list page by page, calling between(page_number) after each page. */
static size_t walk(struct store *s, size_t limit, char ids[][37], size_t max,
                   void (*between)(struct store *, int, void *), void *ctx)
{
    size_t n = 0;
    char *cursor = NULL;
    for (int pageno = 0;; pageno++) {
        cJSON *page = NULL, *row;
        assert_int_equal(store_list_tenants(s, PAGE(limit, cursor), &page), STORE_OK);
        cJSON *data = json_get_array(page, "data");
        const char *next = json_get_string(page, "nextCursor");
        free(cursor);
        cursor = NULL;
        if (cJSON_GetArraySize(data) == 0) {
            assert_null(next); /* the page after the last row is {"data": []} */
            cJSON_Delete(page);
            break;
        }
        assert_non_null(next);
        cJSON_ArrayForEach(row, data)
        {
            assert_true(n < max);
            strcpy(ids[n++], json_get_string(row, "id"));
        }
        cursor = strdup(next);
        cJSON_Delete(page);
        if (between)
            between(s, pageno, ctx);
    }
    return n;
}

struct churn {
    char victim[37];  /* deleted before the walk reaches it */
    char created[37]; /* created mid-walk */
};

static void churn_between(struct store *s, int pageno, void *ctx)
{
    struct churn *c = ctx;
    if (pageno != 0)
        return;
    assert_int_equal(store_delete_tenant(s, c->victim), STORE_OK);
    cJSON *env = NULL, *out = NULL;
    assert_int_equal(store_list_environments(s, PAGE(1, NULL), &env), STORE_OK);
    const char *env_id = json_get_string(cJSON_GetArrayItem(json_get_array(env, "data"), 0), "id");
    assert_int_equal(store_create_tenant(s, "Mid Walk", "mid-walk", env_id, &out), STORE_OK);
    strcpy(c->created, json_get_string(out, "id"));
    cJSON_Delete(out);
    cJSON_Delete(env);
}

static void test_walk_returns_each_live_row_once(void **state)
{
    (void)state;
    static char ids[300][37];
    struct store *s = make(250, 0, 1);
    struct churn c = {0};
    /* Find the id of row 200 (not reached by the first page of 100). */
    cJSON *page = NULL;
    assert_int_equal(store_list_tenants(s, PAGE(201, NULL), &page), STORE_OK);
    strcpy(c.victim, json_get_string(cJSON_GetArrayItem(json_get_array(page, "data"), 200), "id"));
    cJSON_Delete(page);

    size_t n = walk(s, 100, ids, 300, churn_between, &c);
    assert_int_equal(n, 250); /* 250 - 1 deleted + 1 created */
    size_t created_seen = 0;
    for (size_t i = 0; i < n; i++) {
        assert_string_not_equal(ids[i], c.victim);
        created_seen += strcmp(ids[i], c.created) == 0;
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(ids[i], ids[j]);
    }
    assert_int_equal(created_seen, 1);
    store_free(s);
}

static void test_cursor_of_another_list_is_refused(void **state)
{
    (void)state;
    struct store *s = make(5, 0, 1);
    cJSON *page = NULL, *other = NULL;
    assert_int_equal(store_list_tenants(s, PAGE(2, NULL), &page), STORE_OK);
    const char *cursor = json_get_string(page, "nextCursor");
    assert_int_equal(store_list_environments(s, PAGE(2, cursor), &other), STORE_BAD_CURSOR);
    assert_int_equal(store_list_tenants(s, PAGE(2, "not-a-cursor!"), &other), STORE_BAD_CURSOR);
    assert_int_equal(store_list_tenants(s, PAGE(2, "dDo5OTk5"), &other), STORE_BAD_CURSOR); /* t:9999 */
    cJSON_Delete(page);
    store_free(s);
}

static void test_subdomain_unique_per_environment(void **state)
{
    (void)state;
    struct store *s = make(0, 0, 1);
    cJSON *envs = NULL, *out = NULL;
    assert_int_equal(store_list_environments(s, PAGE(10, NULL), &envs), STORE_OK);
    cJSON *data = json_get_array(envs, "data");
    const char *e0 = json_get_string(cJSON_GetArrayItem(data, 0), "id");
    const char *e1 = json_get_string(cJSON_GetArrayItem(data, 1), "id");
    assert_int_equal(store_create_tenant(s, "A", "acme", e0, &out), STORE_OK);
    assert_string_equal(json_get_string(out, "subdomain"), "acme.vii.au01.mattr.global");
    cJSON_Delete(out);
    assert_int_equal(store_create_tenant(s, "B", "acme", e0, &out), STORE_TAKEN);
    assert_int_equal(store_create_tenant(s, "C", "acme", e1, &out), STORE_OK);
    cJSON_Delete(out);
    assert_int_equal(store_create_tenant(s, "D", "zeta", "00000000-0000-4000-8000-000000000000",
                                         &out),
                     STORE_NO_ENVIRONMENT);
    cJSON_Delete(envs);
    store_free(s);
}

static void test_secret_only_on_create(void **state)
{
    (void)state;
    struct store *s = make(1, 0, 1);
    cJSON *page = NULL, *out = NULL, *list = NULL;
    assert_int_equal(store_list_tenants(s, PAGE(1, NULL), &page), STORE_OK);
    char tid[37];
    strcpy(tid, json_get_string(cJSON_GetArrayItem(json_get_array(page, "data"), 0), "id"));
    cJSON_Delete(page);
    assert_int_equal(store_create_client(s, tid, "ci", ROLE_ISSUER | ROLE_AUDITOR, &out),
                     STORE_OK);
    const char *secret = json_get_string(out, "clientSecret");
    assert_non_null(secret);
    assert_true(strlen(secret) >= 32);
    char cid[40];
    strcpy(cid, json_get_string(out, "clientId"));
    assert_int_equal(strlen(cid), 32);
    cJSON_Delete(out);

    assert_int_equal(store_update_client(s, tid, cid, "renamed", 0, &out), STORE_OK);
    assert_null(json_get_string(out, "clientSecret"));
    assert_string_equal(json_get_string(out, "name"), "renamed");
    assert_int_equal(cJSON_GetArraySize(json_get_array(out, "roles")), 2); /* kept */
    cJSON_Delete(out);

    assert_int_equal(store_list_clients(s, tid, PAGE(10, NULL), &list), STORE_OK);
    char *text = json_print(list);
    assert_null(strstr(text, "clientSecret"));
    free(text);
    cJSON_Delete(list);

    assert_int_equal(store_delete_client(s, tid, cid), STORE_OK);
    assert_int_equal(store_delete_client(s, tid, cid), STORE_NOT_FOUND);
    assert_int_equal(store_delete_tenant(s, tid), STORE_OK);
    assert_int_equal(store_list_clients(s, tid, PAGE(10, NULL), &list), STORE_NOT_FOUND);
    assert_int_equal(store_get_tenant(s, tid, &out), STORE_NOT_FOUND);
    store_free(s);
}

static void test_roles_by_name(void **state)
{
    (void)state;
    assert_int_equal(store_role_from_name("admin"), ROLE_ADMIN);
    assert_int_equal(store_role_from_name("dts-consumer"), ROLE_DTS_CONSUMER);
    assert_int_equal(store_role_from_name("Admin"), 0);
    assert_int_equal(store_role_from_name(""), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_data),
        cmocka_unit_test(test_walk_returns_each_live_row_once),
        cmocka_unit_test(test_cursor_of_another_list_is_refused),
        cmocka_unit_test(test_subdomain_unique_per_environment),
        cmocka_unit_test(test_secret_only_on_create),
        cmocka_unit_test(test_roles_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

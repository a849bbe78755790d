/* test_paging.c: limit and cursor on the three lists, walks while rows change, and the paging
 * faults (--page-cap, --repeat-cursor-rate, --ignore-filters) on both APIs. */
#include "config.h"

#include "harness.h"

#include <stdlib.h>
#include <string.h>

/* The IDs of one page, appended to ids; returns the page's row count. */
static int add_page_ids(struct resp *page, const char *key, struct strlist *ids)
{
    const cJSON *row;
    cJSON_ArrayForEach(row, page_data(page))
        strlist_add(ids, member_string(row, key));
    return cJSON_GetArraySize(page_data(page));
}

/* The next cursor of a non-empty page, newly allocated; fails when there is none. */
static char *next_cursor(struct resp *page)
{
    const char *next = page_next(page);
    assert_non_null(next);
    assert_true(strlen(next) > 0);
    return xstrdup(next);
}

/* Delete the tenant id; fail unless 204. */
static void tenant_delete(struct sandbox *sb, const char *id)
{
    char *path = xasprintf("/v1/tenants/%s", id);
    struct resp *r = api(sb, "DELETE", path, NULL);
    assert_status(r, 204);
    resp_free(r);
    free(path);
}

/* The path of the clients list of the first tenant, newly allocated. */
static char *first_clients_path(struct sandbox *sb)
{
    char *tenant = first_tenant_id(sb);
    char *path = xasprintf("/v1/tenants/%s/clients", tenant);
    free(tenant);
    return path;
}

static void test_walk_2500_tenants_at_limit_1000(void **state)
{
    (void)state;
    static const int sizes[] = {1000, 1000, 500};
    struct sandbox *sb = sandbox_start("--tenants", "2500", NULL);
    struct strlist ids = {0};
    char *cursor = NULL;
    for (size_t p = 0; p < ARRAY_SIZE(sizes); p++) {
        struct resp *r = list_page(sb, "/v1/tenants", 1000, cursor);
        free(cursor);
        assert_int_equal(add_page_ids(r, "id", &ids), sizes[p]);
        cursor = next_cursor(r);
        resp_free(r);
    }
    struct resp *last = list_page(sb, "/v1/tenants", 1000, cursor);
    cJSON *empty = json_literal("{\"data\":[]}");
    assert_true(cJSON_Compare(empty, resp_json(last), true));
    cJSON_Delete(empty);
    resp_free(last);
    free(cursor);

    assert_int_equal(ids.n, 2500);
    assert_true(strlist_unique(&ids));
    /* The same walk through the harness agrees, row for row. */
    struct strlist again = {0};
    assert_int_equal(walk_list(sb, "/v1/tenants", 1000, "id", &again), 3);
    for (size_t i = 0; i < ids.n; i++)
        assert_string_equal(ids.v[i], again.v[i]);
    strlist_free(&again);
    strlist_free(&ids);
    sandbox_stop(sb);
}

static void test_default_limit_is_100(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--tenants", "150", NULL);
    struct strlist ids = {0};
    struct resp *r = list_page(sb, "/v1/tenants", 0, NULL);
    assert_int_equal(add_page_ids(r, "id", &ids), 100);
    char *cursor = next_cursor(r);
    resp_free(r);
    r = list_page(sb, "/v1/tenants", 0, cursor);
    assert_int_equal(add_page_ids(r, "id", &ids), 50);
    assert_true(strlist_unique(&ids));
    resp_free(r);
    free(cursor);
    strlist_free(&ids);
    sandbox_stop(sb);
}

static void test_limit_one_walks_row_by_row(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--tenants", "4", NULL);
    struct strlist ids = {0};
    assert_int_equal(walk_list(sb, "/v1/tenants", 1, "id", &ids), 4);
    assert_int_equal(ids.n, 4);
    assert_true(strlist_unique(&ids));
    strlist_free(&ids);
    sandbox_stop(sb);
}

static void test_limit_bounds_are_accepted_on_every_list(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *clients = first_clients_path(sb);
    const char *lists[] = {"/v1/environments", "/v1/tenants", clients};
    for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
        struct resp *r = list_page(sb, lists[i], 1, NULL);
        assert_int_equal(cJSON_GetArraySize(page_data(r)), 1);
        resp_free(r);
        r = list_page(sb, lists[i], 1000, NULL);
        assert_true(cJSON_GetArraySize(page_data(r)) > 1);
        resp_free(r);
    }
    free(clients);
    sandbox_stop(sb);
}

/* Fail unless every list answers ?param=VALUE with 400 naming param, for each bad value. */
static void assert_query_rejected(const char *param, const char *const *bad, size_t nbad)
{
    struct sandbox *sb = sandbox_start(NULL);
    char *clients = first_clients_path(sb);
    const char *lists[] = {"/v1/environments", "/v1/tenants", clients};
    for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
        for (size_t k = 0; k < nbad; k++) {
            char *path = xasprintf("%s?%s=%s", lists[i], param, bad[k]);
            struct resp *r = api(sb, "GET", path, NULL);
            if (r->status != 400)
                fail_msg("GET %s: expected 400, got %ld", path, r->status);
            assert_bad_param(r, "query", param);
            resp_free(r);
            free(path);
        }
    }
    free(clients);
    sandbox_stop(sb);
}

static void test_bad_limit_is_400_on_every_list(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "0", "1001", "-1", "abc", "1.5", "", "2abc", "99999999999999999999", "5%00",
    };
    assert_query_rejected("limit", bad, ARRAY_SIZE(bad));
}

static void test_garbage_cursor_is_400_on_every_list(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "garbage", "!!!", "Y3JlYXRlZEF0PTIwMjAtMTAtMDhUMjM", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "%00", "%FF%FE",
    };
    assert_query_rejected("cursor", bad, ARRAY_SIZE(bad));
}

static void test_cursor_of_another_list_is_400(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *clients = first_clients_path(sb);
    const char *lists[] = {"/v1/environments", "/v1/tenants", clients};
    char *cursors[ARRAY_SIZE(lists)];
    for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
        struct resp *r = list_page(sb, lists[i], 1, NULL);
        cursors[i] = next_cursor(r);
        resp_free(r);
    }
    for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
        for (size_t k = 0; k < ARRAY_SIZE(lists); k++) {
            if (i == k)
                continue;
            char *esc = url_escape(cursors[k]);
            char *path = xasprintf("%s?limit=1&cursor=%s", lists[i], esc);
            struct resp *r = api(sb, "GET", path, NULL);
            if (r->status != 400)
                fail_msg("cursor of %s used on %s: expected 400, got %ld", lists[k], lists[i],
                         r->status);
            assert_bad_param(r, "query", "cursor");
            resp_free(r);
            free(path);
            free(esc);
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(lists); i++)
        free(cursors[i]);
    free(clients);
    sandbox_stop(sb);
}

static void test_cursor_can_be_used_twice(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *first = list_page(sb, "/v1/tenants", 10, NULL);
    char *cursor = next_cursor(first);
    struct resp *a = list_page(sb, "/v1/tenants", 10, cursor);
    struct resp *b = list_page(sb, "/v1/tenants", 10, cursor);
    assert_true(cJSON_Compare(resp_json(a), resp_json(b), true));
    assert_int_equal(cJSON_GetArraySize(page_data(a)), 10);
    resp_free(a);
    resp_free(b);
    free(cursor);
    resp_free(first);
    sandbox_stop(sb);
}

static void test_walk_while_rows_are_deleted_and_created(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--tenants", "30", NULL);
    struct strlist seeded = {0};
    walk_list(sb, "/v1/tenants", 1000, "id", &seeded);
    assert_int_equal(seeded.n, 30);

    struct strlist seen = {0};
    struct resp *r = list_page(sb, "/v1/tenants", 10, NULL);
    assert_int_equal(add_page_ids(r, "id", &seen), 10);
    char *cursor = next_cursor(r);
    resp_free(r);

    tenant_delete(sb, seeded.v[25]);         /* not reached yet: must not appear */
    char *mid_a = tenant_create_id(sb, "mid-walk-a");
    r = list_page(sb, "/v1/tenants", 10, cursor);
    free(cursor);
    assert_int_equal(add_page_ids(r, "id", &seen), 10);
    cursor = next_cursor(r);
    resp_free(r);

    tenant_delete(sb, seeded.v[3]);          /* already seen: changes nothing ahead */
    char *mid_b = tenant_create_id(sb, "mid-walk-b");
    for (;;) {
        r = list_page(sb, "/v1/tenants", 10, cursor);
        free(cursor);
        cursor = NULL;
        int n = add_page_ids(r, "id", &seen);
        if (n > 0)
            cursor = next_cursor(r);
        resp_free(r);
        if (n == 0)
            break;
    }

    /* Every live row once, in creation order; the deleted row not at all. */
    assert_int_equal(seen.n, 30 - 1 + 2);
    size_t k = 0;
    for (size_t i = 0; i < seeded.n; i++) {
        if (i == 25)
            continue;
        assert_string_equal(seen.v[k++], seeded.v[i]);
    }
    assert_string_equal(seen.v[k++], mid_a);
    assert_string_equal(seen.v[k++], mid_b);
    assert_int_equal(strlist_count(&seen, seeded.v[25]), 0);
    free(mid_a);
    free(mid_b);
    strlist_free(&seen);
    strlist_free(&seeded);
    sandbox_stop(sb);
}

static void test_walk_survives_deleting_the_cursor_row(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--tenants", "30", NULL);
    struct strlist seeded = {0};
    walk_list(sb, "/v1/tenants", 1000, "id", &seeded);

    struct resp *r = list_page(sb, "/v1/tenants", 10, NULL);
    char *cursor = next_cursor(r);
    resp_free(r);
    tenant_delete(sb, seeded.v[9]);          /* the last row of the page just read */
    tenant_delete(sb, seeded.v[10]);         /* and the first of the next */

    struct strlist seen = {0};
    r = list_page(sb, "/v1/tenants", 10, cursor);
    assert_int_equal(add_page_ids(r, "id", &seen), 10);
    for (size_t i = 0; i < seen.n; i++)
        assert_string_equal(seen.v[i], seeded.v[11 + i]);
    resp_free(r);
    free(cursor);
    strlist_free(&seen);
    strlist_free(&seeded);
    sandbox_stop(sb);
}

static void test_new_row_after_last_page_is_reached(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--tenants", "5", NULL);
    struct resp *r = list_page(sb, "/v1/tenants", 5, NULL);
    char *cursor = next_cursor(r);
    resp_free(r);
    char *id = tenant_create_id(sb, "late-comer");
    r = list_page(sb, "/v1/tenants", 5, cursor);
    assert_int_equal(cJSON_GetArraySize(page_data(r)), 1);
    assert_string_equal(member_string(cJSON_GetArrayItem(page_data(r), 0), "id"), id);
    resp_free(r);
    free(id);
    free(cursor);
    sandbox_stop(sb);
}

static void test_walk_250_clients_at_limit_100(void **state)
{
    (void)state;
    static const int sizes[] = {100, 100, 50};
    struct sandbox *sb = sandbox_start("--clients", "250", NULL);
    char *path = first_clients_path(sb);
    struct strlist ids = {0};
    char *cursor = NULL;
    for (size_t p = 0; p < ARRAY_SIZE(sizes); p++) {
        struct resp *r = list_page(sb, path, 100, cursor);
        free(cursor);
        assert_int_equal(add_page_ids(r, "clientId", &ids), sizes[p]);
        cursor = next_cursor(r);
        resp_free(r);
    }
    struct resp *last = list_page(sb, path, 100, cursor);
    cJSON *empty = json_literal("{\"data\":[]}");
    assert_true(cJSON_Compare(empty, resp_json(last), true));
    cJSON_Delete(empty);
    resp_free(last);
    free(cursor);
    assert_int_equal(ids.n, 250);
    assert_true(strlist_unique(&ids));
    strlist_free(&ids);
    free(path);
    sandbox_stop(sb);
}

static void test_clients_walk_while_clients_change(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--clients", "25", NULL);
    char *tenant = first_tenant_id(sb);
    char *path = xasprintf("/v1/tenants/%s/clients", tenant);
    struct strlist before = {0};
    walk_list(sb, path, 1000, "clientId", &before);
    assert_int_equal(before.n, 25);

    struct strlist seen = {0};
    struct resp *r = list_page(sb, path, 10, NULL);
    add_page_ids(r, "clientId", &seen);
    char *cursor = next_cursor(r);
    resp_free(r);
    char *gone = xasprintf("%s/%s", path, before.v[20]);
    r = api(sb, "DELETE", gone, NULL);
    assert_status(r, 204);
    resp_free(r);
    cJSON *added = client_create(sb, tenant, "mid-walk", "[\"auditor\"]");
    for (;;) {
        r = list_page(sb, path, 10, cursor);
        free(cursor);
        cursor = NULL;
        int n = add_page_ids(r, "clientId", &seen);
        if (n > 0)
            cursor = next_cursor(r);
        resp_free(r);
        if (n == 0)
            break;
    }
    assert_int_equal(seen.n, 25);
    assert_int_equal(strlist_count(&seen, before.v[20]), 0);
    assert_int_equal(strlist_count(&seen, member_string(added, "clientId")), 1);
    assert_true(strlist_unique(&seen));
    cJSON_Delete(added);
    free(gone);
    strlist_free(&seen);
    strlist_free(&before);
    free(path);
    free(tenant);
    sandbox_stop(sb);
}

/* --page-cap 50: a page holds at most 50 rows whatever the limit, its cursor leads on, and the
 * walk still returns every row once (the end is the empty page). */
static void test_page_cap_serves_short_pages_that_go_on(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--tenants", "120", "--page-cap", "50", NULL);
    struct resp *r = list_page(sb, "/v1/tenants", 100, NULL);
    assert_int_equal(cJSON_GetArraySize(page_data(r)), 50);
    assert_non_null(page_next(r));
    resp_free(r);
    struct strlist ids = {0};
    assert_int_equal(walk_list(sb, "/v1/tenants", 1000, "id", &ids), 3); /* 50, 50, 20 */
    assert_int_equal(ids.n, 120);
    assert_true(strlist_unique(&ids));
    strlist_free(&ids);
    /* below the cap, the limit asked for holds */
    r = list_page(sb, "/v1/tenants", 7, NULL);
    assert_int_equal(cJSON_GetArraySize(page_data(r)), 7);
    resp_free(r);
    sandbox_stop(sb);
}

/* --repeat-cursor-rate 1: every page's nextCursor leads to the same page again: the first
 * page's to the first page, a later page's is the cursor it was fetched with. Each is logged
 * as fault=repeat-cursor. */
static void test_repeat_cursor_leads_back_to_the_same_page(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--tenants", "30", NULL);
    struct resp *plain = list_page(sb, "/v1/tenants", 10, NULL);
    char *second = next_cursor(plain);
    sandbox_stop(sb);
    sb = sandbox_start("--tenants", "30", "--repeat-cursor-rate", "1", NULL);
    struct resp *first = list_page(sb, "/v1/tenants", 10, NULL);
    assert_true(cJSON_Compare(page_data(first), page_data(plain), true));
    char *again = next_cursor(first);
    assert_string_not_equal(again, second);
    struct resp *r = list_page(sb, "/v1/tenants", 10, again);
    assert_true(cJSON_Compare(page_data(r), page_data(first), true));
    resp_free(r);
    r = list_page(sb, "/v1/tenants", 10, second);
    assert_string_equal(page_next(r), second);
    resp_free(r);
    char *line = events_line(sb, "TENANT_RETRIEVE_LIST_SUCCESS", 2);
    assert_non_null(line);
    assert_event_field(line, "fault", "repeat-cursor");
    free(line);
    free(again);
    free(second);
    resp_free(first);
    resp_free(plain);
    sandbox_stop(sb);
}

/* GET path of /system/tenants with the default credentials and this Accept; fail unless 200
 * with JSON. */
static struct resp *system_list(struct sandbox *sb, const char *path, const char *accept)
{
    char *auth = basic_auth("system", "system");
    struct req rq = {.method = "GET", .path = path, .authorization = auth, .accept = accept};
    struct resp *r = http_send(sb, &rq);
    free(auth);
    assert_status(r, 200);
    resp_json(r);
    return r;
}

/* The n-th tenant of a plain JSON list answer. */
static const cJSON *system_row(struct resp *r, int n)
{
    const cJSON *row = cJSON_GetArrayItem(resp_json(r), n);
    assert_non_null(row);
    return row;
}

/* --page-cap on /system/tenants: pages of at most N rows, page numbers counting pages of N,
 * hydra:next on every page but the last. */
static void test_system_page_cap(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--system-tenants", "25", "--page-cap", "10", NULL);
    struct resp *r = system_list(sb, "/system/tenants?page=2&limit=100", "application/json");
    assert_int_equal(cJSON_GetArraySize(resp_json(r)), 10);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(system_row(r, 0), "id")->valueint, 11);
    resp_free(r);
    r = system_list(sb, "/system/tenants?page=3&limit=100", "application/ld+json");
    cJSON *j = resp_json(r);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "hydra:member")), 5);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(j, "hydra:totalItems")->valueint, 25);
    const cJSON *view = cJSON_GetObjectItemCaseSensitive(j, "hydra:view");
    assert_string_equal(member_string(view, "hydra:last"), "/system/tenants?limit=100&page=3");
    assert_null(cJSON_GetObjectItemCaseSensitive(view, "hydra:next"));
    resp_free(r);
    sandbox_stop(sb);
}

/* --repeat-cursor-rate 1 on /system/tenants: hydra:next names the page just served. */
static void test_system_repeat_cursor(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--repeat-cursor-rate", "1", NULL);
    struct resp *r = system_list(sb, "/system/tenants?page=2&limit=10", "application/ld+json");
    const cJSON *view = cJSON_GetObjectItemCaseSensitive(resp_json(r), "hydra:view");
    assert_string_equal(member_string(view, "hydra:next"), "/system/tenants?limit=10&page=2");
    resp_free(r);
    char *line = events_line(sb, "SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS", 0);
    assert_non_null(line);
    assert_event_field(line, "fault", "repeat-cursor");
    free(line);
    sandbox_stop(sb);
}

/* --ignore-filters: id, uuid and date filters (even invalid ones) are ignored, every tenant is
 * listed; without it the same filter is applied. */
static void test_system_ignore_filters(void **state)
{
    (void)state;
    static const char path[] =
        "/system/tenants?id[]=3&createdAt[after]=2999-01-01&uuid=nope&limit=100";
    struct sandbox *sb = sandbox_start(NULL);
    char *auth = basic_auth("system", "system");
    struct req rq = {.method = "GET", .path = path, .authorization = auth,
                     .accept = "application/json"};
    struct resp *r = http_send(sb, &rq);
    assert_status(r, 400); /* the invalid uuid */
    resp_free(r);
    free(auth);
    r = system_list(sb, "/system/tenants?id[]=3&limit=100", "application/json");
    assert_int_equal(cJSON_GetArraySize(resp_json(r)), 1);
    resp_free(r);
    sandbox_stop(sb);

    sb = sandbox_start("--ignore-filters", NULL);
    r = system_list(sb, path, "application/json");
    assert_int_equal(cJSON_GetArraySize(resp_json(r)), 25);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(system_row(r, 0), "id")->valueint, 1);
    resp_free(r);
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_walk_2500_tenants_at_limit_1000),
        SANDBOX_TEST(test_default_limit_is_100),
        SANDBOX_TEST(test_limit_one_walks_row_by_row),
        SANDBOX_TEST(test_limit_bounds_are_accepted_on_every_list),
        SANDBOX_TEST(test_bad_limit_is_400_on_every_list),
        SANDBOX_TEST(test_garbage_cursor_is_400_on_every_list),
        SANDBOX_TEST(test_cursor_of_another_list_is_400),
        SANDBOX_TEST(test_cursor_can_be_used_twice),
        SANDBOX_TEST(test_walk_while_rows_are_deleted_and_created),
        SANDBOX_TEST(test_walk_survives_deleting_the_cursor_row),
        SANDBOX_TEST(test_new_row_after_last_page_is_reached),
        SANDBOX_TEST(test_walk_250_clients_at_limit_100),
        SANDBOX_TEST(test_clients_walk_while_clients_change),
        SANDBOX_TEST(test_page_cap_serves_short_pages_that_go_on),
        SANDBOX_TEST(test_repeat_cursor_leads_back_to_the_same_page),
        SANDBOX_TEST(test_system_page_cap),
        SANDBOX_TEST(test_system_repeat_cursor),
        SANDBOX_TEST(test_system_ignore_filters),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}

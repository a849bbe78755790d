/* test_system_list.c: the /system/tenants API's lists: id, uuid and date filters, paging with the
 * default and renamed parameters, hydra:next walks, large lists. */
#include "config.h"

#include "system_lib.h"

#include "core/json.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static void test_id_filters(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    assert_ids(sb, SYS "?id=3", "3");
    assert_ids(sb, SYS "?id[]=5&id[]=2&id[]=5", "2,5");
    assert_ids(sb, SYS "?id%5B%5D=7&id%5B%5D=1", "1,7");
    assert_ids(sb, SYS "?id[0]=4&id[1]=6", "4,6");
    assert_ids(sb, SYS "?id=2&id[]=9", "2,9");
    assert_ids(sb, SYS "?id=999", "");
    assert_ids(sb, SYS "?id=0&id=-1", "");
    assert_int_equal(total_of(sb, SYS "?id[]=1&id[]=2&id[]=3&limit=2"), 3);
    const char *bad[][2] = {{"?id=abc", "id"}, {"?id[]=1.5", "id[]"}, {"?id=", "id"},
                            {"?id[]=1&id[]=x", "id[]"}, {"?id[x]=1", "id[x]"}};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char *path = xasprintf(SYS "%s", bad[i][0]);
        struct resp *r = sys(sb, "GET", path, NULL, NULL);
        assert_violation(r, bad[i][1], NULL);
        resp_free(r);
        free(path);
    }
    sandbox_stop(sb);
}

static void test_uuid_filters(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const char *u3 = member_string(tenant_at(all, 3), "uuid");
    const char *u8 = member_string(tenant_at(all, 8), "uuid");
    char *path = xasprintf(SYS "?uuid=%s", u3);
    assert_ids(sb, path, "3");
    free(path);
    path = xasprintf(SYS "?uuid[]=%s&uuid[]=%s&uuid[]=%s", u8, u3, u8);
    assert_ids(sb, path, "3,8");
    free(path);
    char *upper = xstrdup(u8);
    for (char *p = upper; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    path = xasprintf(SYS "?uuid=%s", upper);
    assert_ids(sb, path, "8");
    free(path);
    path = xasprintf(SYS "?uuid=%s", UNKNOWN_UUID);
    assert_ids(sb, path, "");
    free(path);
    /* Filters combine. */
    path = xasprintf(SYS "?id=3&uuid=%s", u8);
    assert_ids(sb, path, "");
    free(path);
    path = xasprintf(SYS "?id[]=3&id[]=8&uuid=%s", u8);
    assert_ids(sb, path, "8");
    free(path);
    const char *bad[][2] = {{"?uuid=nope", "uuid"}, {"?uuid[]=1", "uuid[]"},
                            {"?uuid[foo]=x", "uuid[foo]"}};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        path = xasprintf(SYS "%s", bad[i][0]);
        struct resp *r = sys(sb, "GET", path, NULL, NULL);
        assert_violation(r, bad[i][1], NULL);
        resp_free(r);
        free(path);
    }
    free(upper);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

/* How many of all have member key (a time) at or before (cmp < 0: strictly before...) t. */
static long long count_times(const cJSON *all, const char *key, const char *t, bool before)
{
    long long n = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, all)
    {
        int c = strcmp(member_string(row, key), t);
        n += before ? c <= 0 : c >= 0;
    }
    return n;
}

/* GET SYS?key=value (value %-encoded) and return hydra:totalItems. */
static long long total_with(struct sandbox *sb, const char *key, const char *value)
{
    char *esc = url_escape(value);
    char *path = xasprintf(SYS "?%s=%s", key, esc);
    long long n = total_of(sb, path);
    free(path);
    free(esc);
    return n;
}

static void test_date_filters_are_inclusive(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const char *c12 = member_string(tenant_at(all, 12), "createdAt");
    assert_int_equal(total_with(sb, "createdAt[before]", c12), 12);
    assert_int_equal(total_with(sb, "createdAt[after]", c12), 14);
    assert_int_equal(total_with(sb, "createdAt[strictly_before]", c12), 11);
    assert_int_equal(total_with(sb, "createdAt[strictly_after]", c12), 13);
    char *esc = url_escape(c12);
    char *path = xasprintf(SYS "?createdAt[after]=%s&createdAt[before]=%s", esc, esc);
    assert_ids(sb, path, "12");
    free(path);
    /* One second later or earlier leaves the row out. */
    char later[32], earlier[32];
    time_t t = time_of(c12);
    strftime(later, sizeof later, "%Y-%m-%dT%H:%M:%SZ", gmtime(&(time_t){t + 1}));
    strftime(earlier, sizeof earlier, "%Y-%m-%dT%H:%M:%SZ", gmtime(&(time_t){t - 1}));
    assert_int_equal(total_with(sb, "createdAt[after]", later), 13);
    assert_int_equal(total_with(sb, "createdAt[before]", earlier), 11);
    free(esc);

    /* updatedAt, on a tenant updated after its creation. */
    const cJSON *row = NULL, *r;
    cJSON_ArrayForEach(r, all)
        if (!row && member_int(r, "version") > 1)
            row = r;
    assert_non_null(row);
    const char *u = member_string(row, "updatedAt");
    assert_int_equal(total_with(sb, "updatedAt[before]", u), count_times(all, "updatedAt", u, true));
    assert_int_equal(total_with(sb, "updatedAt[after]", u), count_times(all, "updatedAt", u, false));
    esc = url_escape(u);
    path = xasprintf(SYS "?updatedAt[after]=%s&updatedAt[before]=%s&limit=100", esc, esc);
    struct resp *lr = list_get(sb, path, JSON);
    const cJSON *m;
    cJSON_ArrayForEach(m, members(lr))
        assert_string_equal(member_string(m, "updatedAt"), u);
    assert_non_null(find_by(members(lr), "uuid", member_string(row, "uuid")));
    resp_free(lr);
    free(path);
    free(esc);

    /* One instant, written many ways, gives the same totals. */
    const char *same[] = {"2022-01-01",
                          "2022-01-01T00:00:00",
                          "2022-01-01T00:00",
                          "2022-01-01T00:00:00Z",
                          "2022-01-01T00:00:00.000Z",
                          "2022-01-01T00:00:00.000000+00:00",
                          "2022-01-01T02:00:00+02:00",
                          "2022-01-01T02:00:00+0200",
                          "2022-01-01T02:00:00.000+02",
                          "2021-12-31T19:00:00-05:00"};
    long long want_before = count_times(all, "createdAt", "2022-01-01T00:00:00+00:00", true);
    long long want_after = count_times(all, "createdAt", "2022-01-01T00:00:00+00:00", false);
    assert_true(want_before > 0 && want_after > 0);
    for (size_t i = 0; i < ARRAY_SIZE(same); i++) {
        if (total_with(sb, "createdAt[before]", same[i]) != want_before ||
            total_with(sb, "createdAt[after]", same[i]) != want_after)
            fail_msg("createdAt %s does not count as 2022-01-01 midnight UTC", same[i]);
    }
    /* An unencoded '+' arrives as a space, and still means +. */
    assert_int_equal(total_of(sb, SYS "?createdAt[before]=2022-01-01T02:00:00+02:00"),
                     want_before);
    /* Both bounds together. */
    assert_int_equal(total_of(sb, SYS "?createdAt[after]=2018-01-01&createdAt[before]=2030-01-01"),
                     25);
    assert_int_equal(total_of(sb, SYS "?createdAt[after]=2026-01-01"), 0);
    assert_int_equal(total_of(sb, SYS "?createdAt[before]=2024-02-29"),
                     count_times(all, "createdAt", "2024-02-29T00:00:00+00:00", true));
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_bad_dates_and_unknown_filters_are_400(void **state)
{
    (void)state;
    const char *bad[][2] = {
        {"createdAt[before]=2021-13-01", "createdAt[before]"},
        {"createdAt[before]=2021-02-29", "createdAt[before]"},
        {"createdAt[after]=yesterday", "createdAt[after]"},
        {"createdAt[after]=", "createdAt[after]"},
        {"updatedAt[before]=2021-01-01T25:00:00", "updatedAt[before]"},
        {"updatedAt[after]=2021-01-01T10:00:00%2B25:00", "updatedAt[after]"},
        {"updatedAt[after]=2021-01-01T10:00:00.Z", "updatedAt[after]"},
        {"updatedAt[after]=2021-1-1", "updatedAt[after]"},
        {"createdAt[around]=2021-01-01", "createdAt[around]"},
        {"createdAt=2021-01-01", "createdAt"},
        {"updatedAt[before][]=2021-01-01", "updatedAt[before][]"},
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char *path = xasprintf(SYS "?%s", bad[i][0]);
        struct resp *r = sys(sb, "GET", path, JSON, NULL);
        if (r->status != 400)
            fail_msg("GET %s: expected 400, got %ld", path, r->status);
        assert_violation(r, bad[i][1], NULL);
        resp_free(r);
        free(path);
    }
    /* Every bad parameter is named at once; unknown parameters are ignored. */
    struct resp *r = sys(sb, "GET", SYS "?id=x&createdAt[before]=x&page=0&foo=bar", NULL, NULL);
    assert_violation(r, "id", NULL);
    assert_violation(r, "createdAt[before]", NULL);
    assert_violation(r, "page", NULL);
    resp_free(r);
    assert_int_equal(total_of(sb, SYS "?foo=bar&sort=id"), 25);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ paging */

static void test_paging_with_default_names(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = list_get(sb, SYS, NULL);
    assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 25);
    const cJSON *v = view(r);
    assert_non_null(v);
    assert_string_equal(member_string(v, "@id"), SYS "?page=1");
    assert_string_equal(member_string(v, "hydra:first"), SYS "?page=1");
    assert_string_equal(member_string(v, "hydra:last"), SYS "?page=3");
    assert_string_equal(member_string(v, "hydra:next"), SYS "?page=2");
    assert_null(cJSON_GetObjectItemCaseSensitive(v, "hydra:previous"));
    resp_free(r);

    r = list_get(sb, SYS "?page=3", NULL);
    char *ids = ids_of(r);
    assert_string_equal(ids, "21,22,23,24,25");
    free(ids);
    v = view(r);
    assert_string_equal(member_string(v, "@id"), SYS "?page=3");
    assert_string_equal(member_string(v, "hydra:previous"), SYS "?page=2");
    assert_null(cJSON_GetObjectItemCaseSensitive(v, "hydra:next"));
    resp_free(r);

    /* The links keep the filters and the limit, in the order sent, and the page goes last. */
    r = list_get(sb, SYS "?page=2&createdAt[after]=2018-01-01&limit=4&id[]=1&id[]=2&id[]=3"
                     "&id[]=4&id[]=5&id[]=6",
                 NULL);
    ids = ids_of(r);
    assert_string_equal(ids, "5,6");
    free(ids);
    v = view(r);
    assert_string_equal(member_string(v, "@id"),
                        SYS "?createdAt%5Bafter%5D=2018-01-01&limit=4&id%5B%5D=1&id%5B%5D=2"
                            "&id%5B%5D=3&id%5B%5D=4&id%5B%5D=5&id%5B%5D=6&page=2");
    assert_int_equal(link_page(member_string(v, "hydra:last"), "page"), 2);
    assert_null(cJSON_GetObjectItemCaseSensitive(v, "hydra:next"));
    assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 6);
    resp_free(r);

    /* Past the end: an empty page, the total still right. */
    r = list_get(sb, SYS "?page=4", NULL);
    assert_int_equal(cJSON_GetArraySize(members(r)), 0);
    assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 25);
    resp_free(r);
    r = list_get(sb, SYS "?page=9223372036854775807&limit=1000", JSON);
    assert_string_equal(r->body, "[]");
    resp_free(r);

    /* Everything on one page: no hydra:view. */
    r = list_get(sb, SYS "?limit=25", NULL);
    assert_int_equal(cJSON_GetArraySize(members(r)), 25);
    assert_null(view(r));
    resp_free(r);
    r = list_get(sb, SYS "?limit=1000", JSON);
    assert_int_equal(cJSON_GetArraySize(members(r)), 25);
    resp_free(r);

    const char *bad[][2] = {{"page=0", "page"},     {"page=-1", "page"},   {"page=abc", "page"},
                            {"page=", "page"},      {"page=1.5", "page"},  {"limit=0", "limit"},
                            {"limit=1001", "limit"}, {"limit=x", "limit"}, {"limit=-5", "limit"}};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char *path = xasprintf(SYS "?%s", bad[i][0]);
        r = sys(sb, "GET", path, JSON, NULL);
        assert_violation(r, bad[i][1], NULL);
        resp_free(r);
        free(path);
    }
    /* _page and _limit are nobody's here. */
    assert_ids(sb, SYS "?_page=2&_limit=2", "1,2,3,4,5,6,7,8,9,10");
    sandbox_stop(sb);
}

static void test_walk_by_hydra_next(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    struct strlist uuids = {0};
    long long total;
    assert_int_equal(walk_hydra(sb, SYS "?limit=7", "page", &uuids, &total), 4);
    assert_int_equal(total, 25);
    assert_int_equal(uuids.n, 25);
    for (size_t i = 0; i < uuids.n; i++) /* in id order, each once */
        assert_string_equal(uuids.v[i], member_string(tenant_at(all, (long long)i + 1), "uuid"));
    strlist_free(&uuids);

    /* A filtered walk keeps its filter on every page. */
    char *esc = url_escape(member_string(tenant_at(all, 10), "createdAt"));
    char *path = xasprintf(SYS "?createdAt[after]=%s&limit=4", esc);
    assert_int_equal(walk_hydra(sb, path, "page", &uuids, &total), 4);
    assert_int_equal(total, 16);
    assert_int_equal(uuids.n, 16);
    for (size_t i = 0; i < uuids.n; i++)
        assert_string_equal(uuids.v[i], member_string(tenant_at(all, (long long)i + 10), "uuid"));
    strlist_free(&uuids);
    free(path);
    free(esc);

    /* One page exactly full: no next, and last is that page. */
    assert_int_equal(walk_hydra(sb, SYS "?limit=5", "page", &uuids, &total), 5);
    assert_int_equal(uuids.n, 25);
    assert_true(strlist_unique(&uuids));
    strlist_free(&uuids);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_renamed_page_params(void **state)
{
    (void)state;
    struct sandbox *sb =
        sandbox_start("--page-params", "_page,_limit", "--system-tenants", "250", NULL);
    /* The limit is cut to 100. */
    const char *capped[] = {SYS "?_limit=500", SYS "?_limit=100", SYS "?_limit=1000",
                            SYS "?_limit=100000"};
    for (size_t i = 0; i < ARRAY_SIZE(capped); i++) {
        struct resp *r = list_get(sb, capped[i], NULL);
        assert_int_equal(cJSON_GetArraySize(members(r)), 100);
        assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 250);
        assert_int_equal(link_page(member_string(view(r), "hydra:last"), "_page"), 3);
        resp_free(r);
    }
    struct resp *r = list_get(sb, SYS "?_limit=500", NULL);
    assert_string_equal(member_string(view(r), "hydra:next"), SYS "?_limit=500&_page=2");
    resp_free(r);
    assert_ids(sb, SYS "?_page=3&_limit=3", "7,8,9");
    r = list_get(sb, SYS "?_page=2&_limit=100", JSON);
    assert_int_equal(member_int(cJSON_GetArrayItem(members(r), 0), "id"), 101);
    assert_int_equal(member_int(cJSON_GetArrayItem(members(r), 99), "id"), 200);
    resp_free(r);
    r = list_get(sb, SYS "?_page=3&_limit=100", JSON);
    assert_int_equal(cJSON_GetArraySize(members(r)), 50);
    resp_free(r);

    /* page and limit are ignored like any unknown parameter, and kept in the links. */
    r = list_get(sb, SYS "?page=2&limit=5", NULL);
    char *ids = ids_of(r);
    assert_string_equal(ids, "1,2,3,4,5,6,7,8,9,10");
    free(ids);
    assert_string_equal(member_string(view(r), "@id"), SYS "?page=2&limit=5&_page=1");
    assert_string_equal(member_string(view(r), "hydra:last"), SYS "?page=2&limit=5&_page=25");
    resp_free(r);
    r = sys(sb, "GET", SYS "?limit=0&page=0", NULL, NULL);
    assert_status(r, 200);
    resp_free(r);

    const char *bad[][2] = {{"_page=0", "_page"}, {"_page=x", "_page"}, {"_limit=0", "_limit"},
                            {"_limit=abc", "_limit"}};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char *path = xasprintf(SYS "?%s", bad[i][0]);
        r = sys(sb, "GET", path, JSON, NULL);
        assert_violation(r, bad[i][1], NULL);
        resp_free(r);
        free(path);
    }

    struct strlist uuids = {0};
    long long total;
    assert_int_equal(walk_hydra(sb, SYS "?_limit=1000", "_page", &uuids, &total), 3);
    assert_int_equal(total, 250);
    assert_int_equal(uuids.n, 250);
    assert_true(strlist_unique(&uuids));
    strlist_free(&uuids);
    sandbox_stop(sb);
}

static void test_walk_of_ten_thousand(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--system-tenants", "10000", NULL);
    struct strlist uuids = {0};
    double t0 = mono_now();
    long long expect_id = 1;
    for (int page = 1;; page++) {
        char *path = xasprintf(SYS "?page=%d&limit=1000", page);
        struct resp *r = list_get(sb, path, JSON);
        free(path);
        int n = cJSON_GetArraySize(members(r));
        if (n == 0) {
            assert_int_equal(page, 11);
            resp_free(r);
            break;
        }
        assert_int_equal(n, 1000);
        const cJSON *t;
        cJSON_ArrayForEach(t, members(r))
        {
            assert_int_equal(member_int(t, "id"), expect_id++);
            strlist_add(&uuids, member_string(t, "uuid"));
        }
        resp_free(r);
    }
    assert_int_equal(uuids.n, 10000);
    assert_true(strlist_unique(&uuids));
    double json_walk = mono_now() - t0;

    /* The same walk in JSON-LD by hydra:next returns the same uuids in the same order. */
    struct strlist ld = {0};
    long long total;
    assert_int_equal(walk_hydra(sb, SYS "?limit=1000", "page", &ld, &total), 10);
    assert_int_equal(total, 10000);
    assert_int_equal(ld.n, 10000);
    for (size_t i = 0; i < ld.n; i++)
        assert_string_equal(ld.v[i], uuids.v[i]);
    strlist_free(&ld);
    strlist_free(&uuids);
    if (json_walk > 30.0)
        fail_msg("walking 10,000 tenants took %.1f s", json_walk);
    sandbox_stop(sb);
}

static void test_a_million_start_and_page_fast(void **state)
{
    (void)state;
    double t0 = mono_now();
    struct sandbox *sb = sandbox_start("--system-tenants", "1000000", NULL);
    double started = mono_now() - t0;
    struct resp *r = list_get(sb, SYS "?page=50000&limit=20", NULL);
    assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 1000000);
    char *ids = ids_of(r);
    assert_true(strncmp(ids, "999981,999982,", 14) == 0);
    free(ids);
    assert_null(cJSON_GetObjectItemCaseSensitive(view(r), "hydra:next"));
    assert_true(r->seconds < 5.0);
    resp_free(r);
    assert_ids(sb, SYS "?id=654321", "654321");
    if (started > 30.0) /* seconds normally; a sanitizer build is slower */
        fail_msg("a million system tenants took %.1f s to start", started);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ --write-only-data */

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_id_filters),
        SANDBOX_TEST(test_uuid_filters),
        SANDBOX_TEST(test_date_filters_are_inclusive),
        SANDBOX_TEST(test_bad_dates_and_unknown_filters_are_400),
        SANDBOX_TEST(test_paging_with_default_names),
        SANDBOX_TEST(test_walk_by_hydra_next),
        SANDBOX_TEST(test_renamed_page_params),
        SANDBOX_TEST(test_walk_of_ten_thousand),
        SANDBOX_TEST(test_a_million_start_and_page_fast),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}

/* test_seed.c: the seeded data set: hostile names travel as valid, escaped JSON; environment
 * names stay unique past the built-in regions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* True when any name in data contains the byte sequence needle. */
static bool any_name_contains(const cJSON *data, const char *needle)
{
    const cJSON *row;
    cJSON_ArrayForEach(row, data)
    {
        if (strstr(member_string(row, "name"), needle))
            return true;
    }
    return false;
}

static void assert_no_raw_control_bytes(const struct resp *r)
{
    for (size_t i = 0; i < r->len; i++) {
        if ((unsigned char)r->body[i] < 0x20)
            FAIL("raw control byte 0x%02x at offset %zu of the JSON body",
                 (unsigned char)r->body[i], i);
    }
}

static void test_hostile_tenant_names_are_escaped_json(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--hostile-names", "--tenants", "20", NULL);
    struct resp *page = list_page(sb, "/v1/tenants", 20, NULL);
    assert_no_raw_control_bytes(page);
    cJSON *data = page_data(page);
    assert_int_equal(cJSON_GetArraySize(data), 20);
    assert_true(any_name_contains(data, "\x1b[31m"));     /* CSI colour */
    assert_true(any_name_contains(data, "\x1b]52;"));     /* OSC 52 clipboard write */
    assert_true(any_name_contains(data, "\a"));
    assert_true(any_name_contains(data, "\n"));
    assert_true(any_name_contains(data, "\xff\xfe"));     /* invalid UTF-8, passed through */
    assert_true(any_name_contains(data, "株式会社"));
    /* Hostile names never leak into host names: every subdomain is a clean label. */
    const cJSON *row;
    cJSON_ArrayForEach(row, data)
    {
        const char *host = member_string(row, "subdomain");
        for (const char *p = host; *p; p++)
            assert_non_null(strchr("abcdefghijklmnopqrstuvwxyz0123456789-.", *p));
    }
    resp_free(page);
    sandbox_stop(sb);
}

static void test_hostile_client_names_are_escaped_json(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--hostile-names", "--tenants", "3", "--clients", "5",
                                       NULL);
    struct resp *tenants = list_page(sb, "/v1/tenants", 1, NULL);
    char *path = xasprintf("/v1/tenants/%s/clients",
                           member_string(cJSON_GetArrayItem(page_data(tenants), 0), "id"));
    struct resp *clients = list_page(sb, path, 10, NULL);
    assert_no_raw_control_bytes(clients);
    assert_int_equal(cJSON_GetArraySize(page_data(clients)), 5);
    assert_true(any_name_contains(page_data(clients), "\x1b["));
    free(path);
    resp_free(clients);
    resp_free(tenants);
    sandbox_stop(sb);
}

static void test_without_flag_names_are_plain(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--tenants", "50", NULL);
    struct resp *page = list_page(sb, "/v1/tenants", 50, NULL);
    const cJSON *row;
    cJSON_ArrayForEach(row, page_data(page))
    {
        for (const unsigned char *p = (const unsigned char *)member_string(row, "name"); *p; p++)
            assert_true(*p >= 0x20 && *p < 0x7f);
    }
    resp_free(page);
    sandbox_stop(sb);
}

static void test_many_environments_have_unique_names_and_domains(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--environments", "30", "--tenants", "0", NULL);
    struct strlist names = {0}, domains = {0};
    walk_list(sb, "/v1/environments", 7, "name", &names);
    walk_list(sb, "/v1/environments", 1000, "domain", &domains);
    assert_int_equal(names.n, 30);
    assert_true(strlist_unique(&names));
    assert_true(strlist_unique(&domains));
    assert_int_equal(strlist_count(&names, "au01"), 1);
    assert_int_equal(strlist_count(&names, "au02"), 1); /* regions repeat with a higher number */
    strlist_free(&names);
    strlist_free(&domains);
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_hostile_tenant_names_are_escaped_json),
        SANDBOX_TEST(test_hostile_client_names_are_escaped_json),
        SANDBOX_TEST(test_without_flag_names_are_plain),
        SANDBOX_TEST(test_many_environments_have_unique_names_and_domains),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

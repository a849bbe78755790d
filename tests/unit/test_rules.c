/* test_rules.c: core/rules (the subdomain label and the roles the API documents) and the
 * checks of api_check_input, api_check_filter and api_check_cursor that use them: what the
 * console's forms and the CLI refuse before sending. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/api.h"
#include "core/rules.h"
#include "core/util.h"

/* A label of n copies of c. */
static char *repeat(char c, size_t n)
{
    char *s = xmalloc(n + 1);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

static void test_label_ok(void **state)
{
    (void)state;
    assert_true(rules_label_ok("acme"));
    assert_true(rules_label_ok("a"));
    assert_true(rules_label_ok("my-tenant-01"));
    assert_true(rules_label_ok("0"));
    assert_false(rules_label_ok(""));
    assert_false(rules_label_ok("-acme"));
    assert_false(rules_label_ok("acme-"));
    assert_false(rules_label_ok("-"));
    assert_false(rules_label_ok("Bad_Sub"));
    assert_false(rules_label_ok("ACME"));
    assert_false(rules_label_ok("a b"));
    assert_false(rules_label_ok("a.b")); /* a label, not a host name */
    assert_false(rules_label_ok("soci\xc3\xa9t\xc3\xa9"));
    char *s = repeat('a', 63);
    assert_true(rules_label_ok(s));
    free(s);
    s = repeat('a', 64);
    assert_false(rules_label_ok(s));
    free(s);
}

/* The message of s's problem, NULL when none. */
static const char *problem(const char *s)
{
    static char buf[200];
    return rules_label_problem(s, buf, sizeof(buf));
}

static void test_label_problem(void **state)
{
    (void)state;
    assert_null(problem("acme"));
    assert_null(problem("a-1"));
    assert_string_equal(problem(""), "enter the subdomain label, e.g. acme");
    assert_string_equal(problem("Bad_Sub"), "upper-case 'B' is not allowed: use 'b'");
    assert_string_equal(problem("bad_sub"), "'_' is not allowed: use a-z, 0-9 and '-'");
    assert_string_equal(problem("a b"), "spaces are not allowed: use a-z, 0-9 and '-'");
    assert_string_equal(problem("a\tb"),
                        "control characters are not allowed: use a-z, 0-9 and '-'");
    assert_string_equal(problem("a\x1b[2Jb"),
                        "control characters are not allowed: use a-z, 0-9 and '-'");
    assert_string_equal(problem("caf\xc3\xa9"),
                        "only a-z, 0-9 and '-' are allowed (no accents or other alphabets)");
    assert_string_equal(problem("-x"), "cannot start or end with '-'");
    assert_string_equal(problem("x-"), "cannot start or end with '-'");
    char *s = repeat('b', 64);
    assert_string_equal(problem(s), "at most 63 characters (this has 64)");
    free(s);
    /* the message agrees with rules_label_ok on every one-character label */
    for (int c = 1; c < 256; c++) {
        char one[2] = {(char)c, '\0'};
        assert_int_equal(problem(one) == NULL, rules_label_ok(one));
    }
    /* a small buffer truncates, never overflows */
    char tiny[8];
    const char *m = rules_label_problem("A", tiny, sizeof(tiny));
    assert_ptr_equal(m, tiny);
    assert_int_equal(strlen(tiny), sizeof(tiny) - 1);
}

static void test_roles(void **state)
{
    (void)state;
    static const char *const documented[] = {"admin", "issuer", "verifier", "dts-provider",
                                             "dts-consumer", "auditor"};
    assert_int_equal(RULES_NROLES, ARRAY_SIZE(documented));
    for (size_t i = 0; i < ARRAY_SIZE(documented); i++) {
        assert_string_equal(rules_roles[i], documented[i]);
        assert_int_equal(rules_role_index(documented[i]), (int)i);
    }
    assert_int_equal(rules_role_index("Admin"), -1);
    assert_int_equal(rules_role_index(""), -1);
    assert_int_equal(rules_role_index("owner"), -1);
}

/* The kind called name of the backend called api. */
static const struct api_kind_def *kind(const char *api, const char *name)
{
    const struct api_backend *b = api_backend_find(api);
    assert_non_null(b);
    const struct api_kind_def *k = api_kind_find(b, name);
    assert_non_null(k);
    return k;
}

/* api_check_input(k, one value key=value, create): true, or false with an ST_USAGE err
 * whose message holds want. */
static void input_is(const struct api_kind_def *k, const struct api_value *v, size_t n,
                     const char *want)
{
    struct api_values in = {v, n};
    struct tn_error err = {0};
    bool ok = api_check_input(k, &in, true, &err);
    if (!want) {
        assert_true(ok);
        return;
    }
    assert_false(ok);
    assert_int_equal(err.code, ST_USAGE);
    assert_non_null(strstr(err.message, want));
    err_clear(&err);
}

static void test_subdomain_input(void **state)
{
    (void)state;
    const struct api_kind_def *k = kind("mattr", "tenants");
    const char *env = "123e4567-e89b-42d3-a456-426614174000";
    struct api_value v[] = {{"subdomain", "acme"}, {"environment", env}};
    input_is(k, v, 2, NULL);
    v[0].value = "Bad_Sub";
    input_is(k, v, 2, "--subdomain 'Bad_Sub': upper-case 'B' is not allowed: use 'b'");
    v[0].value = "acme-";
    input_is(k, v, 2, "cannot start or end with '-'");
    v[0].value = "";
    input_is(k, v, 2, "enter the subdomain label");
}

static void test_uuid_input_and_filter(void **state)
{
    (void)state;
    const struct api_kind_def *k = kind("system", "tenants");
    struct api_value v[] = {{"data", "{}"}, {"uuid", "123E4567-e89b-42d3-a456-426614174000"}};
    input_is(k, v, 2, NULL);
    v[1].value = "nope";
    input_is(k, v, 2, "--uuid must be a UUID");
    v[1].value = "";
    input_is(k, v, 2, "--uuid is empty");
    v[1].value = "123e4567-e89b-42d3-a456-42661417400"; /* one digit short */
    input_is(k, v, 2, "--uuid must be a UUID");

    struct api_value f[] = {{"uuid", "123e4567-e89b-42d3-a456-426614174000"},
                            {"uuid", "223e4567-e89b-42d3-a456-426614174000"}};
    struct api_values filter = {f, 2};
    struct tn_error err = {0};
    assert_true(api_check_filter(k, &filter, &err));
    f[1].value = "223e4567";
    assert_false(api_check_filter(k, &filter, &err));
    assert_int_equal(err.code, ST_USAGE);
    assert_non_null(strstr(err.message, "--uuid must be a UUID"));
    assert_non_null(strstr(err.message, "'223e4567'"));
    err_clear(&err);
}

/* api_check_cursor(k, next): true, or false with ST_USAGE naming the cursor. */
static void cursor_is(const struct api_kind_def *k, const char *next, bool want)
{
    struct tn_error err = {0};
    bool ok = api_check_cursor(k, next, &err);
    assert_int_equal(ok, want);
    if (!want) {
        assert_int_equal(err.code, ST_USAGE);
        assert_non_null(strstr(err.message, "--cursor"));
        assert_non_null(err.hint);
    }
    err_clear(&err);
}

static void test_cursor(void **state)
{
    (void)state;
    const struct api_kind_def *sys = kind("system", "tenants");
    cursor_is(sys, NULL, true); /* no --cursor: the first page */
    cursor_is(sys, "1", true);
    cursor_is(sys, "2", true);
    cursor_is(sys, "3:25", true); /* PAGE:SIZE, as a capped plain list prints it */
    cursor_is(sys, "0", false);
    cursor_is(sys, "-1", false);
    cursor_is(sys, "abc", false);
    cursor_is(sys, "", false);
    cursor_is(sys, "2:0", false);
    cursor_is(sys, "2:", false);
    cursor_is(sys, " 2", false);
    cursor_is(sys, "99999999999", false);
    /* MATTR's cursors are opaque: any is the server's to judge */
    const struct api_kind_def *mattr = kind("mattr", "tenants");
    cursor_is(mattr, "abc", true);
    cursor_is(mattr, "0", true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_label_ok),
        cmocka_unit_test(test_label_problem),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_subdomain_input),
        cmocka_unit_test(test_uuid_input_and_filter),
        cmocka_unit_test(test_cursor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_json.c: core/json: bounded parsing, typed getters, printing without stray copies. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/json.h"
#include "core/util.h"

/* Parse text from a heap buffer of exactly its length (no NUL), so ASan catches over-reads. */
static cJSON *parse_exact(const char *text)
{
    size_t n = strlen(text);
    char *buf = malloc(n ? n : 1);
    assert_non_null(buf);
    if (n)
        memcpy(buf, text, n);
    cJSON *item = json_parse(buf, n);
    free(buf);
    return item;
}

/* json_print_secret prints what json_print does, also when its first buffer is too small. */
static void test_print_secret_matches(void **state)
{
    (void)state;
    cJSON *obj = json_new_object();
    json_add_string(obj, "clientSecret", "s3cr3t");
    char *small = json_print_secret(obj), *plain = json_print(obj);
    assert_string_equal(small, plain);
    free(plain);
    util_free_secret(small);
    struct strbuf long_value = SB_INIT;
    for (int i = 0; i < 3000; i++) /* past several doublings of the buffer */
        sb_addc(&long_value, (char)('a' + i % 26));
    json_add_string(obj, "name", sb_str(&long_value));
    char *big = json_print_secret(obj);
    plain = json_print(obj);
    assert_string_equal(big, plain);
    assert_true(strlen(big) > 3000);
    free(plain);
    util_free_secret(big);
    sb_free(&long_value);
    cJSON_Delete(obj);
}

static void test_parse_without_terminator(void **state)
{
    (void)state;
    cJSON *o = parse_exact("{\"a\":\"b\"}");
    assert_non_null(o);
    assert_string_equal(json_get_string(o, "a"), "b");
    cJSON_Delete(o);
    o = parse_exact("  [1, 2]  \n");
    assert_true(cJSON_IsArray(o));
    cJSON_Delete(o);
}

static void test_parse_rejects_bad_input(void **state)
{
    (void)state;
    assert_null(parse_exact(""));
    assert_null(parse_exact("{\"a\":"));         /* truncated */
    assert_null(parse_exact("{\"a\":1} trailing")); /* trailing garbage */
    assert_null(parse_exact("{} {}"));
    assert_null(json_parse("{\"a\":1}\0", 8));     /* an embedded NUL */
    assert_null(json_parse(NULL, 0));
    assert_null(parse_exact("{\"s\":\"secret\\u0000tail\"}")); /* would cut the string */
    assert_null(parse_exact("{\"k\\u0000\":1}"));
}

static void test_escaped_backslash_is_no_nul(void **state)
{
    (void)state;
    cJSON *o = parse_exact("{\"s\":\"a\\\\u0000b\",\"t\":\"\\u0001\"}");
    assert_non_null(o);
    assert_string_equal(json_get_string(o, "s"), "a\\u0000b");
    assert_string_equal(json_get_string(o, "t"), "\x01");
    cJSON_Delete(o);
}

/* A server's answer: one \u0000 in a value reads as U+FFFD, the rest of the answer intact; an
 * escaped backslash before u0000 stays text; a raw NUL byte still fails. */
static void test_parse_answer_nul_as_fffd(void **state)
{
    (void)state;
    const char *text = "{\"data\":[{\"name\":\"a\\u0000b\"},{\"name\":\"ok\"}],"
                       "\"k\\u0000\":\"\\\\u0000\",\"next\":\"c\"}";
    assert_null(json_parse(text, strlen(text)));
    cJSON *o = json_parse_answer(text, strlen(text));
    assert_non_null(o);
    cJSON *rows = json_get_array(o, "data");
    assert_int_equal(cJSON_GetArraySize(rows), 2);
    assert_string_equal(json_get_string(cJSON_GetArrayItem(rows, 0), "name"), "a\xef\xbf\xbd" "b");
    assert_string_equal(json_get_string(cJSON_GetArrayItem(rows, 1), "name"), "ok");
    assert_string_equal(json_get_string(o, "k\xef\xbf\xbd"), "\\u0000");
    assert_string_equal(json_get_string(o, "next"), "c");
    cJSON_Delete(o);
    assert_null(json_parse_answer("{\"a\":\"x\"}\0", 10));
    assert_null(json_parse_answer("{\"a\":\"\\u0000", 11)); /* still cut short: fails */
}

static void test_getters_check_types(void **state)
{
    (void)state;
    cJSON *o = parse_exact("{\"s\":\"x\",\"n\":5,\"o\":{},\"a\":[],\"nul\":null}");
    assert_string_equal(json_get_string(o, "s"), "x");
    assert_null(json_get_string(o, "n"));
    assert_null(json_get_string(o, "missing"));
    assert_non_null(json_get_object(o, "o"));
    assert_null(json_get_object(o, "a"));
    assert_non_null(json_get_array(o, "a"));
    assert_null(json_get_array(o, "o"));
    assert_null(json_get_string(o, "nul"));
    cJSON *arr = json_get_array(o, "a");
    assert_null(json_get_string(arr, "s")); /* not an object */
    cJSON_Delete(o);
}

static void test_get_int_whole_and_in_range(void **state)
{
    (void)state;
    cJSON *o = parse_exact("{\"a\":86400,\"b\":1.5,\"c\":\"7\",\"d\":1e300,\"e\":-2}");
    long long v = 0;
    assert_true(json_get_int(o, "a", 0, 100000, &v));
    assert_int_equal(v, 86400);
    assert_false(json_get_int(o, "a", 0, 1000, &v));
    assert_false(json_get_int(o, "b", 0, 10, &v));
    assert_false(json_get_int(o, "c", 0, 10, &v));
    assert_false(json_get_int(o, "d", 0, INT64_MAX, &v));
    assert_true(json_get_int(o, "e", -5, 5, &v));
    assert_int_equal(v, -2);
    assert_false(json_get_int(o, "missing", 0, 10, &v));
    cJSON_Delete(o);
}

static void test_string_array(void **state)
{
    (void)state;
    cJSON *o = parse_exact("{\"ok\":[\"a\",\"b\"],\"empty\":[],\"mixed\":[\"a\",1]}");
    assert_true(json_is_string_array(json_get_array(o, "ok")));
    assert_true(json_is_string_array(json_get_array(o, "empty")));
    assert_false(json_is_string_array(json_get_array(o, "mixed")));
    assert_false(json_is_string_array(NULL));
    cJSON_Delete(o);
}

static void test_builders_print_compact(void **state)
{
    (void)state;
    cJSON *o = json_new_object();
    json_add_string(o, "name", "A \"quoted\"\n\x1b name");
    json_add_string(o, "none", NULL);
    cJSON *a = json_new_array();
    json_append(a, json_new_string("admin"));
    json_add(o, "roles", a);
    char *text = json_print(o);
    assert_string_equal(text, "{\"name\":\"A \\\"quoted\\\"\\n\\u001b name\",\"none\":null,"
                              "\"roles\":[\"admin\"]}");
    cJSON *back = json_parse(text, strlen(text));
    assert_string_equal(json_get_string(back, "name"), "A \"quoted\"\n\x1b name");
    cJSON_Delete(back);
    free(text);
    cJSON_Delete(o);
}

/* json_looks_whole: the shape of one whole object or array, strings closed (a body cut short
 * is retried: http_request_set_body_check). */
static void test_looks_whole(void **state)
{
    (void)state;
    static const char *const whole[] = {
        "{}", "[]", " {\"a\": [1, {\"b\": \"}]\\\"\"}]}\n", "[\"{\", \"[\"]\r\n",
        "{\"data\":[{\"id\":\"x\"}],\"nextCursor\":\"dDox\"}",
        /* runs of backslashes: an even run before a quote ends the string, an odd one not */
        "[\"a\\\\\"]", "[\"\\\\\\\"\"]", "[\"\\\\\\\\\", \"]\"]",
    };
    static const char *const cut[] = {
        "", "  ", "{", "{\"data\":[{\"id\":\"x\"}],\"next", "[1, 2", "{\"a\": \"}\"",
        "<html>oops</html>", "null", "\"text\"", "{} {}", "{}x", "[\"\\\"]",
        "[\"a\\\\\\\"]", "[\"\\\\\\\"]",
    };
    for (size_t i = 0; i < ARRAY_SIZE(whole); i++)
        if (!json_looks_whole(whole[i], strlen(whole[i])))
            fail_msg("not whole: %s", whole[i]);
    for (size_t i = 0; i < ARRAY_SIZE(cut); i++)
        if (json_looks_whole(cut[i], strlen(cut[i])))
            fail_msg("whole: %s", cut[i]);
    assert_false(json_looks_whole("{}\0", 3)); /* a NUL after it */
    assert_true(json_looks_whole("{}xyz", 2));  /* only len bytes count */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_without_terminator),
        cmocka_unit_test(test_print_secret_matches),
        cmocka_unit_test(test_parse_rejects_bad_input),
        cmocka_unit_test(test_escaped_backslash_is_no_nul),
        cmocka_unit_test(test_parse_answer_nul_as_fffd),
        cmocka_unit_test(test_getters_check_types),
        cmocka_unit_test(test_get_int_whole_and_in_range),
        cmocka_unit_test(test_string_array),
        cmocka_unit_test(test_builders_print_compact),
        cmocka_unit_test(test_looks_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

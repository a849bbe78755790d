/* test_json_scan.c: core/json_scan (finding values in JSON text without a tree), the raw rows
 * model_row_raw makes from it, and text_add_json (json output made harmless). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/json.h"
#include "core/json_scan.h"
#include "core/model.h"
#include "core/text.h"
#include "core/util.h"

static const char *const page_names[] = {"data", "nextCursor"};

/* json_scan_object over a heap copy of exactly text's length (no NUL after it: ASan sees any
 * read past the end). */
static bool scan_exact(const char *text, struct json_span *found)
{
    size_t n = strlen(text);
    char *buf = malloc(n ? n : 1);
    assert_non_null(buf);
    memcpy(buf, text, n);
    bool ok = json_scan_object(buf, n, page_names, 2, found);
    /* the spans point into buf: keep what the tests look at as offsets */
    for (size_t i = 0; i < 2; i++)
        if (found[i].p)
            found[i].p = text + (found[i].p - buf);
    free(buf);
    return ok;
}

/* The span as a new string. */
static char *span_str(struct json_span s)
{
    return s.p ? xstrndup(s.p, s.len) : NULL;
}

static void test_finds_members(void **state)
{
    (void)state;
    struct json_span f[2];
    assert_true(scan_exact(" {\"nextCursor\" : \"abc\", \"data\":[1, {\"a\":[]}],\"x\":null} \n", f));
    char *data = span_str(f[0]), *next = span_str(f[1]);
    assert_string_equal(data, "[1, {\"a\":[]}]");
    assert_string_equal(next, "\"abc\"");
    free(data);
    free(next);
    /* absent members, the first of duplicates, an escaped name matching nothing */
    assert_true(scan_exact("{\"dat\\u0061\":[],\"data\":[1],\"data\":[2]}", f));
    data = span_str(f[0]);
    assert_string_equal(data, "[1]");
    assert_null(f[1].p);
    free(data);
    assert_true(scan_exact("{}", f));
    assert_null(f[0].p);
}

static void test_rejects_what_is_not_json(void **state)
{
    (void)state;
    struct json_span f[2];
    static const char *const bad[] = {
        "", "[]", "{", "{\"data\":[1,]}", "{\"data\":[1 2]}", "{\"a\":01}", "{\"a\":1.}",
        "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":\"x}", "{\"a\":\"\\q\"}",
        "{\"a\":\"\\u12G4\"}", "{\"a\":\"tab\there\"}", "{\"a\":1} {}", "{\"a\" 1}",
        "{a:1}", "{\"a\":1,}", "{\"a\":'x'}", "{\"a\":\"cut\\u0000here\"}", "{\"a\":[}",
        "{\"a\":1}x",
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        if (scan_exact(bad[i], f))
            fail_msg("accepted: %s", bad[i]);
    }
    /* valid JSON passes, and json_parse agrees */
    static const char *const good[] = {
        "{\"a\":-0.5e+3,\"b\":[true,false,null],\"c\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}",
        "{\"a\":{\"b\":{\"c\":[[[]]]}}}", "{\"\":\"\"}", "{\"a\":\"\xc3\xa9\"}",
    };
    for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
        assert_true(scan_exact(good[i], f));
        cJSON *j = json_parse(good[i], strlen(good[i]));
        assert_non_null(j);
        cJSON_Delete(j);
    }
    /* (json_parse is laxer, e.g. with 01: the scanner refusing sends those its way) */
}

static void test_nesting_bounded(void **state)
{
    (void)state;
    struct strbuf sb = SB_INIT;
    sb_adds(&sb, "{\"data\":");
    for (int i = 0; i < 100000; i++)
        sb_addc(&sb, '[');
    struct json_span f[2];
    assert_false(json_scan_object(sb.buf, sb.len, page_names, 2, f)); /* no stack overflow */
    sb_free(&sb);
}

static void test_array_elements(void **state)
{
    (void)state;
    const char *text = "{\"data\": [ {\"s\":\"a]\\\"}\"} , \"x\" ,3,[1,[2]] ,{} ] }";
    struct json_span f[2], e;
    assert_true(json_scan_object(text, strlen(text), page_names, 2, f));
    static const char *const want[] = {"{\"s\":\"a]\\\"}\"}", "\"x\"", "3", "[1,[2]]", "{}"};
    size_t pos = 0, n = 0;
    while (json_scan_next(f[0], &pos, &e)) {
        assert_true(n < ARRAY_SIZE(want));
        char *got = span_str(e);
        assert_string_equal(got, want[n]);
        free(got);
        n++;
    }
    assert_int_equal(n, ARRAY_SIZE(want));
    const char *empty = "{\"data\":[ ]}";
    assert_true(json_scan_object(empty, strlen(empty), page_names, 2, f));
    pos = 0;
    assert_false(json_scan_next(f[0], &pos, &e));
}

/* The first element of {"data":[ELEMENT]}. */
static struct json_span first_element(const char *text)
{
    struct json_span f[2], e = {NULL, 0};
    size_t pos = 0;
    assert_true(json_scan_object(text, strlen(text), page_names, 2, f));
    assert_true(json_scan_next(f[0], &pos, &e));
    return e;
}

static void test_copy_compacts_and_finds_names(void **state)
{
    (void)state;
    static const char *const secret[] = {"clientSecret"};
    struct strbuf sb = SB_INIT;
    sb_adds(&sb, "kept");
    assert_true(json_scan_copy(&sb, first_element("{\"data\":[ { \"a\" : [ 1 , \"b c\" ] ,\n"
                                                  "\"clientSecretX\": 1, \"x\": \" clientSecret \" } ]}"),
                               secret, 1));
    /* a longer name (clientSecretX) or a value is not the name */
    assert_string_equal(sb_str(&sb),
                        "kept{\"a\":[1,\"b c\"],\"clientSecretX\":1,\"x\":\" clientSecret \"}");
    size_t len = sb.len;
    static const char *const hits[] = {
        "{\"data\":[{\"client\":{\"clientId\":\"i\",\"clientSecret\":\"s\"}}]}",
        "{\"data\":[{\"clientSecret\":null}]}",
        "{\"data\":[{\"a\":[{\"b\":1},{\"clientSecret\":1}]}]}",
        "{\"data\":[{\"client\\u0053ecret\":\"s\"}]}", /* an escape might spell it */
    };
    for (size_t i = 0; i < ARRAY_SIZE(hits); i++) {
        if (json_scan_copy(&sb, first_element(hits[i]), secret, 1))
            fail_msg("missed the secret in %s", hits[i]);
        assert_int_equal(sb.len, len); /* left as it was */
        assert_string_equal(sb_str(&sb) + 4, "{\"a\":[1,\"b c\"],\"clientSecretX\":1,\"x\":\" clientSecret \"}");
    }
    sb_free(&sb);
}

/* Rows of the MATTR tenants kind, as the API layer finds them. */
static const struct api_field fields[] = {
    {"name", "NAME", FIELD_TABLE},
    {"id", "ID", FIELD_TABLE},
    {"client.clientSecret", "CLIENT SECRET", FIELD_SECRET},
};
static const struct api_kind_def kind = {
    .name = "tenants", .singular = "tenant", .fields = fields, .nfields = 3, .id_field = 1,
};

static void test_raw_rows(void **state)
{
    (void)state;
    struct row *row = model_row_raw(&kind, first_element("{\"data\":[{\"id\": \"t1\",\n \"name\":\"A\"}]}"));
    assert_non_null(row);
    assert_string_equal(row->raw, "{\"id\":\"t1\",\"name\":\"A\"}");
    assert_null(row->values);
    assert_string_equal(model_row_id(row), "");
    assert_null(model_row_get(row, "name"));
    model_row_free(row);
    /* a secret: not a raw row (the caller parses it and takes the secret out) */
    assert_null(model_row_raw(&kind, first_element(
                                          "{\"data\":[{\"id\":\"t1\",\"client\":{\"clientSecret\":\"s\"}}]}")));
    /* values only, from a parsed object: no raw, the secret kept apart */
    const char *text = "{\"id\":\"t2\",\"name\":\"B\",\"client\":{\"clientSecret\":\"s\"}}";
    cJSON *obj = json_parse(text, strlen(text));
    assert_non_null(obj);
    row = model_row_values(&kind, obj);
    assert_null(row->raw);
    assert_string_equal(model_row_id(row), "t2");
    assert_string_equal(row->secret, "s");
    model_row_free(row);
    cJSON_Delete(obj);
}

/* text_add_json of s, as a new string. */
static char *neutral(const char *s)
{
    struct strbuf sb = SB_INIT;
    text_add_json(&sb, s, strlen(s));
    return sb_steal(&sb);
}

static void test_json_output_made_harmless(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"{\"a\":\"plain ascii, long enough for whole words\"}",
         "{\"a\":\"plain ascii, long enough for whole words\"}"},
        {"{\"a\":\"caf\xc3\xa9 \xe2\x9c\x93\"}", "{\"a\":\"caf\xc3\xa9 \xe2\x9c\x93\"}"},
        {"{\"a\":\"esc\x1b[2J\"}", "{\"a\":\"esc\\u001b[2J\"}"},
        {"{\"a\":\"del\x7f\"}", "{\"a\":\"del\\u007f\"}"},
        {"{\"a\":\"c1\xc2\x9b" "31m\"}", "{\"a\":\"c1\\u009b31m\"}"},
        {"{\"a\":\"bidi\xe2\x80\xae" "x\xe2\x81\xa6y\"}", "{\"a\":\"bidi\\u202ex\\u2066y\"}"},
        {"{\"a\":\"bad\xff\xc3(\"}", "{\"a\":\"bad\xef\xbf\xbd\xef\xbf\xbd(\"}"},
        {"{\"a\":\"cut \xe2\x80\"}", "{\"a\":\"cut \xef\xbf\xbd\xef\xbf\xbd\"}"},
        {"{\"a\":\"an escape stays: \\u001b\"}", "{\"a\":\"an escape stays: \\u001b\"}"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char *got = neutral(cases[i].in);
        assert_string_equal(got, cases[i].out);
        cJSON *j = json_parse(got, strlen(got)); /* still JSON */
        assert_non_null(j);
        cJSON_Delete(j);
        free(got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finds_members),
        cmocka_unit_test(test_rejects_what_is_not_json),
        cmocka_unit_test(test_nesting_bounded),
        cmocka_unit_test(test_array_elements),
        cmocka_unit_test(test_copy_compacts_and_finds_names),
        cmocka_unit_test(test_raw_rows),
        cmocka_unit_test(test_json_output_made_harmless),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_merge.c: core/merge: the three-way key-by-key comparison (who changed what since the
 * object was read) and the merge built on it (the server's object with your changes applied,
 * the keys both changed listed apart), and docedit's merge file and its "_conflicts" rule. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/docedit.h"
#include "core/json.h"
#include "core/merge.h"
#include "core/model.h"
#include "core/api_system.h"
#include "core/util.h"

static cJSON *parse(const char *text)
{
    cJSON *j = json_parse(text, strlen(text));
    assert_non_null(j);
    return j;
}

/* The entry of key in d (fails when absent). */
static const struct merge_key *key_of(const struct merge_diff *d, const char *key)
{
    for (size_t i = 0; i < d->n; i++)
        if (!strcmp(d->keys[i].key, key))
            return &d->keys[i];
    fail_msg("no key %s", key);
    return NULL;
}

/* Compact JSON of obj equals want (compact JSON). */
static void assert_json(const cJSON *obj, const char *want)
{
    char *got = json_print(obj);
    assert_string_equal(got, want);
    free(got);
}

static void test_diff_who(void **state)
{
    (void)state;
    cJSON *b = parse("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"gone\":5}");
    cJSON *y = parse("{\"a\":1,\"b\":20,\"c\":30,\"d\":4,\"gone\":5,\"new\":true}");
    cJSON *s = parse("{\"a\":1,\"b\":2,\"c\":31,\"d\":40,\"same\":[1]}");
    struct merge_diff d;
    merge_diff(b, y, s, &d);
    /* the server's keys in its order, then yours only */
    assert_int_equal(d.n, 7);
    assert_string_equal(d.keys[0].key, "a");
    assert_string_equal(d.keys[4].key, "same");
    assert_string_equal(d.keys[5].key, "gone");
    assert_string_equal(d.keys[6].key, "new");
    assert_false(key_of(&d, "a")->differs);
    assert_int_equal(key_of(&d, "a")->who, MERGE_NOBODY);
    assert_int_equal(key_of(&d, "b")->who, MERGE_YOURS);
    assert_int_equal(key_of(&d, "c")->who, MERGE_BOTH);
    assert_true(merge_key_conflicts(key_of(&d, "c"), true));
    assert_int_equal(key_of(&d, "d")->who, MERGE_SERVER);
    assert_false(merge_key_conflicts(key_of(&d, "d"), true));
    assert_int_equal(key_of(&d, "same")->who, MERGE_SERVER);
    assert_int_equal(key_of(&d, "gone")->who, MERGE_SERVER); /* the server removed it */
    assert_null(key_of(&d, "gone")->server);
    assert_string_equal(key_of(&d, "gone")->yours, "5");
    assert_string_equal(key_of(&d, "gone")->base, "5");
    assert_int_equal(key_of(&d, "new")->who, MERGE_YOURS);
    assert_string_equal(key_of(&d, "c")->server, "31");
    assert_string_equal(key_of(&d, "c")->yours, "30");
    assert_string_equal(key_of(&d, "c")->base, "3");
    merge_diff_free(&d);
    cJSON_Delete(b);
    cJSON_Delete(y);
    cJSON_Delete(s);
}

/* Both changed a key to the same value: no conflict. No base: nobody is named; server hidden:
 * nothing differs. */
static void test_diff_edges(void **state)
{
    (void)state;
    cJSON *b = parse("{\"k\":1}"), *y = parse("{\"k\":2,\"x\":1}"), *s = parse("{\"k\":2}");
    struct merge_diff d;
    merge_diff(b, y, s, &d);
    assert_false(key_of(&d, "k")->differs);
    assert_false(merge_key_conflicts(key_of(&d, "k"), true));
    merge_diff_free(&d);
    merge_diff(NULL, y, s, &d);
    assert_true(key_of(&d, "x")->differs);
    assert_int_equal(key_of(&d, "x")->who, MERGE_NOBODY);
    assert_true(merge_key_conflicts(key_of(&d, "x"), false));
    merge_diff_free(&d);
    merge_diff(b, y, NULL, &d);
    assert_int_equal(d.n, 2);
    assert_false(key_of(&d, "k")->differs);
    assert_false(key_of(&d, "x")->differs);
    merge_diff_free(&d);
    cJSON *arr = parse("[1]"); /* not an object: as absent */
    merge_diff(arr, arr, arr, &d);
    assert_int_equal(d.n, 0);
    merge_diff_free(&d);
    cJSON_Delete(arr);
    cJSON_Delete(b);
    cJSON_Delete(y);
    cJSON_Delete(s);
}

static void test_merge_objects(void **state)
{
    (void)state;
    cJSON *b = parse("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":{\"x\":1}}");
    cJSON *y = parse("{\"a\":1,\"b\":20,\"c\":30,\"e\":{\"x\":2},\"new\":\"mine\"}");
    cJSON *s = parse("{\"z\":0,\"a\":1,\"b\":2,\"c\":31,\"d\":40,\"e\":{\"x\":1}}");
    cJSON *conflicts;
    cJSON *m = merge_objects(b, y, s, &conflicts);
    /* the server's order; b and e yours (in place), c the server's (a conflict); d: you
     * removed it, the server changed it: a conflict, kept; new: yours */
    assert_json(m, "{\"z\":0,\"a\":1,\"b\":20,\"c\":31,\"d\":40,\"e\":{\"x\":2},\"new\":\"mine\"}");
    assert_non_null(conflicts);
    assert_json(conflicts, "{\"c\":{\"yours\":30,\"server\":31,\"base\":3},"
                           "\"d\":{\"server\":40,\"base\":4}}");
    cJSON_Delete(m);
    cJSON_Delete(conflicts);
    cJSON_Delete(b);
    cJSON_Delete(y);
    cJSON_Delete(s);
}

static void test_merge_removals_and_clean(void **state)
{
    (void)state;
    cJSON *b = parse("{\"a\":1,\"b\":2}"), *y = parse("{\"b\":2,\"c\":3}");
    cJSON *s = parse("{\"a\":1,\"b\":5}");
    cJSON *conflicts;
    cJSON *m = merge_objects(b, y, s, &conflicts);
    assert_json(m, "{\"b\":5,\"c\":3}"); /* a removed (yours), b the server's, c added */
    assert_null(conflicts);
    cJSON_Delete(m);
    /* no base: every difference is a conflict, the server's value kept */
    m = merge_objects(NULL, y, s, &conflicts);
    assert_json(m, "{\"a\":1,\"b\":5}");
    assert_json(conflicts, "{\"a\":{\"server\":1},\"b\":{\"yours\":2,\"server\":5},"
                           "\"c\":{\"yours\":3}}");
    cJSON_Delete(m);
    cJSON_Delete(conflicts);
    /* no server object: yours applied to nothing */
    m = merge_objects(b, y, NULL, &conflicts);
    assert_json(m, "{\"c\":3}");
    assert_null(conflicts);
    cJSON_Delete(m);
    cJSON_Delete(b);
    cJSON_Delete(y);
    cJSON_Delete(s);
}

/* A system tenant row from JSON. */
static struct row *tenant(const char *text)
{
    const struct api_kind_def *k = api_kind_find(&system_backend, "tenants");
    assert_non_null(k);
    cJSON *j = parse(text);
    struct row *r = model_row_from_json(k, j, false);
    cJSON_Delete(j);
    return r;
}

/* The merge file: the conflicts first, then the server's tenant with the merged data; a save
 * that keeps "_conflicts" is refused, one without it is the merged data. */
static void test_docedit_merge_text(void **state)
{
    (void)state;
    struct row *base = tenant("{\"uuid\":\"u\",\"version\":1,\"data\":{\"name\":\"A\",\"plan\":\"x\"}}");
    struct row *server = tenant("{\"uuid\":\"u\",\"version\":2,\"data\":{\"name\":\"B\",\"plan\":\"gold\"}}");
    size_t n;
    char *text = docedit_merge_text(base, server, "{\"name\":\"Mine\",\"plan\":\"x\",\"r\":\"eu\"}", &n);
    assert_int_equal(n, 1);
    cJSON *j = parse(text);
    assert_string_equal(j->child->string, "_conflicts");
    assert_json(cJSON_GetObjectItemCaseSensitive(j, "_conflicts"),
                "{\"name\":{\"yours\":\"Mine\",\"server\":\"B\",\"base\":\"A\"}}");
    assert_json(cJSON_GetObjectItemCaseSensitive(j, "data"),
                "{\"name\":\"B\",\"plan\":\"gold\",\"r\":\"eu\"}");
    assert_string_equal(json_get_string(j, "uuid"), "u");
    struct tn_error err = {0};
    struct docedit_result r;
    assert_false(docedit_parse(server, text, &r, &err));
    assert_int_equal(err.code, ST_USAGE);
    assert_non_null(strstr(err.message, "_conflicts"));
    assert_non_null(strstr(err.message, "name"));
    err_clear(&err);
    cJSON_DeleteItemFromObjectCaseSensitive(j, "_conflicts");
    char *settled = json_print(j);
    assert_true(docedit_parse(server, settled, &r, &err));
    assert_true(r.changed);
    assert_string_equal(r.doc, "{\"name\":\"B\",\"plan\":\"gold\",\"r\":\"eu\"}");
    docedit_result_free(&r);
    free(settled);
    cJSON_Delete(j);
    free(text);
    /* nothing in conflict: no "_conflicts" member */
    text = docedit_merge_text(base, server, "{\"name\":\"A\",\"plan\":\"x\",\"r\":\"eu\"}", &n);
    assert_int_equal(n, 0);
    assert_null(strstr(text, "_conflicts"));
    free(text);
    model_row_free(base);
    model_row_free(server);
}

/* A server that does not send data: the file holds yours, and the row says it has none. */
static void test_docedit_write_only(void **state)
{
    (void)state;
    struct row *hidden = tenant("{\"uuid\":\"u\",\"version\":3}");
    struct row *shown = tenant("{\"uuid\":\"u\",\"version\":3,\"data\":{}}");
    assert_false(docedit_has_doc(hidden));
    assert_true(docedit_has_doc(shown));
    size_t n;
    char *text = docedit_merge_text(hidden, hidden, "{\"k\":1}", &n);
    assert_int_equal(n, 0);
    cJSON *j = parse(text);
    assert_json(cJSON_GetObjectItemCaseSensitive(j, "data"), "{\"k\":1}");
    cJSON_Delete(j);
    free(text);
    model_row_free(hidden);
    model_row_free(shown);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_who),
        cmocka_unit_test(test_diff_edges),
        cmocka_unit_test(test_merge_objects),
        cmocka_unit_test(test_merge_removals_and_clean),
        cmocka_unit_test(test_docedit_merge_text),
        cmocka_unit_test(test_docedit_write_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

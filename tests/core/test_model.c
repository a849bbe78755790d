/* test_model.c: core/model: rows from JSON by dotted field paths, secrets kept apart, pages. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/model.h"
#include "core/util.h"

enum {
    F_NAME,
    F_ENV_NAME,
    F_REGION,
    F_ROLES,
    F_COUNT,
    F_RATIO,
    F_ENABLED,
    F_MISSING,
    F_MISSING_NESTED,
    F_THROUGH_STRING,
    F_OBJECT,
    F_ID,
    F_CLIENT_ID,
    F_SECRET,
};

static const struct api_field fields[] = {
    [F_NAME] = {"name", "NAME", FIELD_TABLE},
    [F_ENV_NAME] = {"environment.name", "ENVIRONMENT", FIELD_TABLE},
    [F_REGION] = {"environment.region.name", "REGION", 0},
    [F_ROLES] = {"roles", "ROLES", 0},
    [F_COUNT] = {"count", "COUNT", 0},
    [F_RATIO] = {"ratio", "RATIO", 0},
    [F_ENABLED] = {"enabled", "ENABLED", 0},
    [F_MISSING] = {"missing", "MISSING", 0},
    [F_MISSING_NESTED] = {"environment.nothing.here", "NOTHING", 0},
    [F_THROUGH_STRING] = {"name.inner", "INNER", 0},
    [F_OBJECT] = {"environment.region", "REGION OBJECT", 0},
    [F_ID] = {"id", "ID", FIELD_TABLE},
    [F_CLIENT_ID] = {"client.clientId", "CLIENT ID", 0},
    [F_SECRET] = {"client.clientSecret", "CLIENT SECRET", FIELD_SECRET},
};

static const struct api_kind_def kind = {
    .name = "things",
    .singular = "thing",
    .fields = fields,
    .nfields = ARRAY_SIZE(fields),
    .id_field = F_ID,
    .ops = API_OP_LIST,
};

/* A client-like kind whose secret sits at the top level. */
static const struct api_field flat_fields[] = {
    {"clientId", "CLIENT ID", FIELD_TABLE},
    {"clientSecret", "CLIENT SECRET", FIELD_SECRET},
    {"name", "NAME", FIELD_TABLE},
};

static const struct api_kind_def flat_kind = {
    .name = "clients",
    .singular = "client",
    .fields = flat_fields,
    .nfields = ARRAY_SIZE(flat_fields),
    .id_field = 0,
    .ops = API_OP_LIST,
};

static const char full_json[] =
    "{\"id\":\"0b6a1c9e-1111-4222-8333-944455556666\",\"name\":\"Acme\","
    "\"environment\":{\"name\":\"prod-au\",\"region\":{\"name\":\"Australia\",\"id\":\"au01\"}},"
    "\"roles\":[\"admin\",\"issuer\",7,\"verifier\"],\"count\":42,\"ratio\":2.5,"
    "\"enabled\":true,"
    "\"client\":{\"clientId\":\"CLIENTID123\",\"clientSecret\":\"S3CR3T-VALUE\"}}";

static cJSON *parse(const char *text)
{
    cJSON *j = cJSON_Parse(text);
    assert_non_null(j);
    return j;
}

static void test_values_by_dotted_path(void **state)
{
    (void)state;
    cJSON *j = parse(full_json);
    struct row *row = model_row_from_json(&kind, j, false);
    assert_ptr_equal(row->def, &kind);
    assert_string_equal(row->values[F_NAME], "Acme");
    assert_string_equal(row->values[F_ENV_NAME], "prod-au");
    assert_string_equal(row->values[F_REGION], "Australia");
    /* an array of strings is joined with ","; other elements are skipped */
    assert_string_equal(row->values[F_ROLES], "admin,issuer,verifier");
    assert_string_equal(row->values[F_COUNT], "42");
    assert_string_equal(row->values[F_RATIO], "2.5");
    assert_string_equal(row->values[F_ENABLED], "true");
    assert_string_equal(row->values[F_CLIENT_ID], "CLIENTID123");
    assert_string_equal(model_row_id(row), "0b6a1c9e-1111-4222-8333-944455556666");
    model_row_free(row);
    cJSON_Delete(j);
}

static void test_missing_and_odd_values_are_empty(void **state)
{
    (void)state;
    cJSON *j = parse(full_json);
    struct row *row = model_row_from_json(&kind, j, false);
    for (size_t i = 0; i < kind.nfields; i++)
        assert_non_null(row->values[i]);
    assert_string_equal(row->values[F_MISSING], "");
    assert_string_equal(row->values[F_MISSING_NESTED], "");
    assert_string_equal(row->values[F_THROUGH_STRING], ""); /* "name" is not an object */
    /* an object is shown as compact JSON (a system tenant's data) */
    assert_string_equal(row->values[F_OBJECT], "{\"name\":\"Australia\",\"id\":\"au01\"}");
    model_row_free(row);
    cJSON_Delete(j);

    /* an empty object: every value "", no secret, raw as sent */
    j = parse("{}");
    row = model_row_from_json(&kind, j, false);
    for (size_t i = 0; i < kind.nfields; i++)
        assert_string_equal(row->values[i], "");
    assert_null(row->secret);
    assert_string_equal(row->raw, "{}");
    model_row_free(row);
    cJSON_Delete(j);

    /* null, false, an empty array, a nested null */
    j = parse("{\"name\":null,\"enabled\":false,\"roles\":[],\"environment\":null,"
              "\"count\":-3}");
    row = model_row_from_json(&kind, j, false);
    assert_string_equal(row->values[F_NAME], "");
    assert_string_equal(row->values[F_ENABLED], "false");
    assert_string_equal(row->values[F_ROLES], "");
    assert_string_equal(row->values[F_ENV_NAME], "");
    assert_string_equal(row->values[F_COUNT], "-3");
    model_row_free(row);
    cJSON_Delete(j);
}

static void test_secret_moved_out_of_values_and_raw(void **state)
{
    (void)state;
    cJSON *j = parse(full_json);
    struct row *row = model_row_from_json(&kind, j, false);
    assert_non_null(row->secret);
    assert_string_equal(row->secret, "S3CR3T-VALUE");
    assert_string_equal(row->values[F_SECRET], "");
    for (size_t i = 0; i < kind.nfields; i++)
        assert_null(strstr(row->values[i], "S3CR3T"));
    assert_non_null(row->raw);
    assert_null(strstr(row->raw, "S3CR3T"));
    assert_null(strstr(row->raw, "clientSecret"));
    /* the rest of raw is intact, including the secret's siblings */
    cJSON *raw = parse(row->raw);
    cJSON *client = cJSON_GetObjectItemCaseSensitive(raw, "client");
    assert_true(cJSON_IsObject(client));
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(client, "clientId")->valuestring,
                        "CLIENTID123");
    assert_null(cJSON_GetObjectItemCaseSensitive(client, "clientSecret"));
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(raw, "name")->valuestring, "Acme");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(raw, "roles")), 4);
    cJSON_Delete(raw);
    /* the caller's tree is not touched */
    cJSON *orig_client = cJSON_GetObjectItemCaseSensitive(j, "client");
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(orig_client, "clientSecret")->valuestring,
                        "S3CR3T-VALUE");
    model_row_free(row);
    cJSON_Delete(j);
}

static void test_secret_kept_in_raw_when_asked(void **state)
{
    (void)state;
    cJSON *j = parse(full_json);
    struct row *row = model_row_from_json(&kind, j, true);
    assert_non_null(row->secret);
    assert_string_equal(row->secret, "S3CR3T-VALUE");
    assert_string_equal(row->values[F_SECRET], ""); /* never in the values */
    assert_non_null(strstr(row->raw, "\"clientSecret\":\"S3CR3T-VALUE\""));
    cJSON *raw = parse(row->raw);
    assert_true(cJSON_Compare(raw, j, true));
    cJSON_Delete(raw);
    model_row_free(row);
    cJSON_Delete(j);
}

static void test_top_level_secret(void **state)
{
    (void)state;
    cJSON *j = parse("{\"clientId\":\"C1\",\"clientSecret\":\"TOPSECRET\",\"name\":\"bot\"}");
    struct row *row = model_row_from_json(&flat_kind, j, false);
    assert_string_equal(row->secret, "TOPSECRET");
    assert_string_equal(row->values[1], "");
    assert_string_equal(model_row_id(row), "C1");
    assert_null(strstr(row->raw, "TOPSECRET"));
    assert_non_null(strstr(row->raw, "\"name\":\"bot\""));
    model_row_free(row);

    row = model_row_from_json(&flat_kind, j, true);
    assert_string_equal(row->secret, "TOPSECRET");
    assert_non_null(strstr(row->raw, "TOPSECRET"));
    model_row_free(row);
    cJSON_Delete(j);

    /* no secret sent (a list or a get): secret NULL, raw is the object as sent */
    j = parse("{\"clientId\":\"C2\",\"name\":\"bot2\"}");
    row = model_row_from_json(&flat_kind, j, false);
    assert_null(row->secret);
    assert_string_equal(row->raw, "{\"clientId\":\"C2\",\"name\":\"bot2\"}");
    model_row_free(row);
    cJSON_Delete(j);

    /* a secret that is not a string is not a secret value */
    j = parse("{\"clientId\":\"C3\",\"clientSecret\":null}");
    row = model_row_from_json(&flat_kind, j, false);
    assert_null(row->secret);
    assert_string_equal(row->values[1], "");
    model_row_free(row);
    cJSON_Delete(j);
}

static void test_row_get_and_field_index(void **state)
{
    (void)state;
    cJSON *j = parse(full_json);
    struct row *row = model_row_from_json(&kind, j, false);
    assert_string_equal(model_row_get(row, "name"), "Acme");
    assert_string_equal(model_row_get(row, "environment.name"), "prod-au");
    assert_string_equal(model_row_get(row, "environment.region.name"), "Australia");
    assert_string_equal(model_row_get(row, "missing"), "");
    assert_string_equal(model_row_get(row, "client.clientSecret"), "");
    assert_null(model_row_get(row, "no.such.field"));
    assert_null(model_row_get(row, "environment")); /* not a field of the kind */
    assert_null(model_row_get(row, ""));
    assert_int_equal(model_field_index(&kind, "name"), F_NAME);
    assert_int_equal(model_field_index(&kind, "client.clientSecret"), F_SECRET);
    assert_int_equal(model_field_index(&kind, "Name"), -1); /* case matters */
    assert_int_equal(model_field_index(&kind, "nope"), -1);
    model_row_free(row);
    cJSON_Delete(j);
    model_row_free(NULL);
}

static void test_pages(void **state)
{
    (void)state;
    struct page page = {0};
    for (int i = 0; i < 130; i++) {
        char *text = xasprintf("{\"clientId\":\"C%03d\",\"clientSecret\":\"s%d\",\"name\":\"n%d\"}",
                               i, i, i);
        cJSON *j = parse(text);
        model_page_add(&page, model_row_from_json(&flat_kind, j, i % 2 == 0));
        cJSON_Delete(j);
        free(text);
    }
    page.next = xstrdup("cursor-token");
    assert_int_equal(page.n, 130);
    for (size_t i = 0; i < page.n; i++) {
        char want[32];
        snprintf(want, sizeof want, "C%03zu", i);
        assert_string_equal(model_row_id(page.rows[i]), want);
    }
    model_page_clear(&page);
    assert_int_equal(page.n, 0);
    assert_null(page.rows);
    assert_null(page.next);
    /* a cleared page is usable again, and clearing an empty page is fine */
    cJSON *j = parse("{\"clientId\":\"X\"}");
    model_page_add(&page, model_row_from_json(&flat_kind, j, false));
    cJSON_Delete(j);
    assert_int_equal(page.n, 1);
    model_page_clear(&page);
    model_page_clear(&page);
    assert_int_equal(page.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_by_dotted_path),
        cmocka_unit_test(test_missing_and_odd_values_are_empty),
        cmocka_unit_test(test_secret_moved_out_of_values_and_raw),
        cmocka_unit_test(test_secret_kept_in_raw_when_asked),
        cmocka_unit_test(test_top_level_secret),
        cmocka_unit_test(test_row_get_and_field_index),
        cmocka_unit_test(test_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

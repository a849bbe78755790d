/* test_list.c: core/list: compact rows, secrets left out, paging state, the ID index, views
 * (filter, condition, sort, updates after appends, a cleared list), and changes (rows removed,
 * set, added locally and met again in a page). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/json.h"
#include "core/list.h"
#include "core/model.h"
#include "core/util.h"

enum { F_NAME, F_SUBDOMAIN, F_ENV, F_ID, F_ENV_ID, F_ROLES, F_SECRET };

static const struct api_field test_fields[] = {
    {"name", "Name", FIELD_TABLE},
    {"subdomain", "Subdomain", FIELD_TABLE},
    {"environment.name", "Environment", FIELD_TABLE},
    {"id", "ID", FIELD_TABLE},
    {"environment.id", "Environment ID", 0},
    {"roles", "Roles", 0},
    {"client.clientSecret", "Client secret", FIELD_SECRET},
};

static const struct api_kind_def test_def = {
    .name = "tenants",
    .singular = "tenant",
    .fields = test_fields,
    .nfields = ARRAY_SIZE(test_fields),
    .id_field = F_ID,
    .ops = API_OP_LIST,
};

/* A row of test_def; env and secret may be NULL (absent). */
static struct row *make_row(const char *name, const char *subdomain, const char *env,
                            const char *id, const char *secret, bool keep_secret_in_raw)
{
    cJSON *obj = json_new_object();
    json_add_string(obj, "name", name);
    json_add_string(obj, "subdomain", subdomain);
    json_add_string(obj, "id", id);
    if (env) {
        cJSON *e = json_new_object();
        json_add_string(e, "name", env);
        char *env_id = xasprintf("env-%s", env);
        json_add_string(e, "id", env_id);
        free(env_id);
        json_add(obj, "environment", e);
    }
    cJSON *roles = json_new_array();
    json_append(roles, json_new_string("admin"));
    json_append(roles, json_new_string("issuer"));
    json_add(obj, "roles", roles);
    if (secret) {
        cJSON *c = json_new_object();
        json_add_string(c, "clientId", "cid");
        json_add_string(c, "clientSecret", secret);
        json_add(obj, "client", c);
    }
    struct row *row = model_row_from_json(&test_def, obj, keep_secret_in_raw);
    cJSON_Delete(obj);
    return row;
}

/* Add one row to l; its index. */
static size_t add(struct list *l, const char *name, const char *env, const char *id)
{
    struct row *row = make_row(name, "sub", env, id, NULL, false);
    size_t i = list_add_row(l, row);
    model_row_free(row);
    return i;
}

/* Set row i of l to these values. */
static void set(struct list *l, size_t i, const char *name, const char *env, const char *id)
{
    struct row *row = make_row(name, "sub", env, id, NULL, false);
    list_set_row(l, i, row);
    model_row_free(row);
}

/* A row's name, environment and ID, for add_page. */
struct triple {
    const char *name, *env, *id;
};

/* Add a page of n rows (and a next-page token) to l. */
static void add_page(struct list *l, const struct triple *rows, size_t n)
{
    struct page page = {0};
    for (size_t r = 0; r < n; r++)
        model_page_add(&page, make_row(rows[r].name, "sub", rows[r].env, rows[r].id, NULL, false));
    page.next = xstrdup("more");
    list_add_page(l, &page);
    model_page_clear(&page);
}

/* A small deterministic random number generator. */
static uint32_t rnd(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static void test_values_and_secrets(void **state)
{
    (void)state;
    struct list *l = list_new(&test_def, false);
    assert_ptr_equal(list_kind(l), &test_def);
    assert_int_equal(list_count(l), 0);
    struct row *row = make_row("Acme", "acme", "au01", "t1", "s3cr3t-value", true);
    list_add_row(l, row);
    model_row_free(row);
    row = make_row("", "bare", NULL, "t2", NULL, false);
    list_add_row(l, row);
    model_row_free(row);
    assert_int_equal(list_count(l), 2);
    assert_string_equal(list_value(l, 0, F_NAME), "Acme");
    assert_string_equal(list_value(l, 0, F_SUBDOMAIN), "acme");
    assert_string_equal(list_value(l, 0, F_ENV), "au01");
    assert_string_equal(list_value(l, 0, F_ENV_ID), "env-au01");
    assert_string_equal(list_value(l, 0, F_ROLES), "admin,issuer");
    assert_string_equal(list_id(l, 0), "t1");
    assert_string_equal(list_value(l, 0, F_SECRET), ""); /* never kept */
    assert_null(list_raw(l, 0));
    assert_string_equal(list_value(l, 1, F_NAME), "");
    assert_string_equal(list_value(l, 1, F_ENV), "");
    assert_string_equal(list_value(l, 1, F_ENV_ID), "");
    assert_string_equal(list_id(l, 1), "t2");
    assert_string_equal(list_value(l, 1, 99), ""); /* no such field */
    assert_string_equal(list_value(l, 5, F_NAME), ""); /* no such row */
    list_free(l);
    list_free(NULL);
}

static void test_raw_kept_without_secret(void **state)
{
    (void)state;
    struct list *l = list_new(&test_def, true);
    /* a row whose raw JSON still holds the secret (as after a create) */
    struct row *row = make_row("Acme", "acme", "au01", "t1", "s3cr3t-value", true);
    assert_non_null(strstr(row->raw, "s3cr3t-value"));
    list_add_row(l, row);
    model_row_free(row);
    row = make_row("Beta", "beta", "us01", "t2", NULL, false);
    list_add_row(l, row);
    model_row_free(row);
    const char *raw = list_raw(l, 0);
    assert_non_null(raw);
    assert_null(strstr(raw, "s3cr3t-value"));
    assert_null(strstr(raw, "clientSecret"));
    assert_non_null(strstr(raw, "\"clientId\":\"cid\"")); /* the rest is kept */
    assert_non_null(strstr(raw, "\"name\":\"Acme\""));
    assert_string_equal(list_value(l, 0, F_SECRET), "");
    assert_non_null(strstr(list_raw(l, 1), "\"name\":\"Beta\""));
    for (size_t f = 0; f < test_def.nfields; f++)
        assert_null(strstr(list_value(l, 0, f), "s3cr3t"));
    /* a duplicate key, and the secret somewhere else too */
    static const char *const odd[] = {
        "{\"id\":\"t3\",\"client\":{\"clientSecret\":\"s3cr3t\",\"clientSecret\":\"s3cr3t\"}}",
        "{\"id\":\"t4\",\"note\":\"s3cr3t\",\"client\":{\"clientSecret\":\"s3cr3t\"}}",
    };
    for (size_t k = 0; k < ARRAY_SIZE(odd); k++) {
        cJSON *obj = json_parse(odd[k], strlen(odd[k]));
        assert_non_null(obj);
        row = model_row_from_json(&test_def, obj, true);
        cJSON_Delete(obj);
        assert_string_equal(row->secret, "s3cr3t");
        list_add_row(l, row);
        model_row_free(row);
        assert_null(strstr(list_raw(l, 2 + k), "s3cr3t"));
    }
    assert_non_null(strstr(list_raw(l, 2), "\"id\":\"t3\""));
    list_free(l);
}

static void test_paging(void **state)
{
    (void)state;
    struct list *l = list_new(&test_def, false);
    assert_false(list_started(l));
    assert_false(list_more(l));
    assert_null(list_next(l));
    struct page page = {0};
    model_page_add(&page, make_row("a", "a", "e", "1", NULL, false));
    model_page_add(&page, make_row("b", "b", "e", "2", NULL, false));
    page.next = xstrdup("token-2");
    list_add_page(l, &page);
    model_page_clear(&page); /* the list holds its own copy of the token */
    assert_true(list_started(l));
    assert_true(list_more(l));
    assert_string_equal(list_next(l), "token-2");
    assert_int_equal(list_count(l), 2);
    model_page_add(&page, make_row("c", "c", "e", "3", NULL, false));
    list_add_page(l, &page); /* the last page */
    model_page_clear(&page);
    assert_true(list_started(l));
    assert_false(list_more(l));
    assert_null(list_next(l));
    assert_int_equal(list_count(l), 3);
    list_add_page(l, &page); /* an empty first page is still a page */
    assert_true(list_started(l));

    size_t before = list_bytes(l);
    assert_true(before > 0);
    list_clear(l);
    assert_false(list_started(l));
    assert_false(list_more(l));
    assert_null(list_next(l));
    assert_int_equal(list_count(l), 0);
    assert_int_equal(list_find(l, "1"), SIZE_MAX);
    assert_true(list_bytes(l) < before);
    model_page_add(&page, make_row("d", "d", "e", "4", NULL, false));
    page.next = xstrdup("again");
    list_add_page(l, &page);
    model_page_clear(&page);
    assert_int_equal(list_count(l), 1);
    assert_string_equal(list_value(l, 0, F_NAME), "d");
    assert_int_equal(list_find(l, "4"), 0);
    assert_string_equal(list_next(l), "again");
    list_free(l); /* frees the token */
}

static void test_find(void **state)
{
    (void)state;
    struct list *l = list_new(&test_def, false);
    char id[32];
    for (size_t i = 0; i < 5000; i++) {
        snprintf(id, sizeof(id), "id-%zu", i);
        add(l, "n", "e", id);
    }
    add(l, "dup", "e", "id-42"); /* the same ID again: the first is found */
    add(l, "no id", "e", "");
    for (size_t i = 0; i < 5000; i++) {
        snprintf(id, sizeof(id), "id-%zu", i);
        assert_int_equal(list_find(l, id), i);
    }
    assert_int_equal(list_find(l, "id-5000"), SIZE_MAX);
    assert_int_equal(list_find(l, "id-"), SIZE_MAX);
    assert_int_equal(list_find(l, ""), SIZE_MAX);
    assert_int_equal(list_find(l, NULL), SIZE_MAX);
    list_free(l);
    l = list_new(&test_def, false);
    assert_int_equal(list_find(l, "x"), SIZE_MAX); /* empty */
    list_free(l);
}

static void test_interning(void **state)
{
    (void)state;
    struct list *l = list_new(&test_def, false);
    /* values that share prefixes, and more distinct values than are remembered */
    static const char *const envs[] = {"a", "ab", "abc", "b", "", "ab", "a", "x1", "x2", "x3",
                                       "x4", "x5", "x6", "x7", "x8", "x9", "a", "abc", "ab"};
    char id[32];
    for (size_t round = 0; round < 3; round++)
        for (size_t i = 0; i < ARRAY_SIZE(envs); i++) {
            snprintf(id, sizeof(id), "%zu-%zu", round, i);
            add(l, envs[i], envs[i], id);
        }
    for (size_t r = 0; r < list_count(l); r++) {
        const char *want = envs[r % ARRAY_SIZE(envs)];
        assert_string_equal(list_value(l, r, F_NAME), want);
        assert_string_equal(list_value(l, r, F_ENV), want);
        char *env_id = xasprintf("env-%s", want);
        assert_string_equal(list_value(l, r, F_ENV_ID), env_id);
        free(env_id);
    }
    /* a value repeated among a few is stored once */
    list_clear(l);
    static const char *const three[] = {"au01", "us01", "eu01"};
    for (size_t i = 0; i < 300; i++) {
        snprintf(id, sizeof(id), "%zu", i);
        add(l, id, three[i % 3], id);
    }
    for (size_t i = 3; i < 300; i++) {
        assert_ptr_equal(list_value(l, i, F_ENV), list_value(l, i % 3, F_ENV));
        assert_ptr_equal(list_value(l, i, F_ROLES), list_value(l, 0, F_ROLES));
        assert_string_equal(list_value(l, i, F_ENV), three[i % 3]);
    }
    list_free(l);
}

static void test_long_values(void **state)
{
    (void)state;
    size_t sizes[] = {200000, 10, 70000, 5000, 300000, 1};
    struct list *l = list_new(&test_def, true);
    for (size_t k = 0; k < ARRAY_SIZE(sizes); k++) {
        char *name = xmalloc(sizes[k] + 1);
        memset(name, 'a' + (int)k, sizes[k]);
        name[sizes[k]] = '\0';
        char id[8];
        snprintf(id, sizeof(id), "%zu", k);
        add(l, name, "e", id);
        free(name);
    }
    for (size_t k = 0; k < ARRAY_SIZE(sizes); k++) {
        const char *v = list_value(l, k, F_NAME);
        assert_int_equal(strlen(v), sizes[k]);
        assert_true(v[0] == 'a' + (int)k && v[sizes[k] - 1] == 'a' + (int)k);
        assert_true(strlen(list_raw(l, k)) > sizes[k]);
    }
    list_free(l);
}

/* Environment names to keep, as a keep condition's user data. */
static char env_dev[] = "dev", env_prod[] = "prod", env_us01[] = "us01";

/* Keep rows of the environment named ud. */
static bool keep_env(void *ud, const struct list *l, size_t i)
{
    return !strcmp(list_value(l, i, F_ENV), (const char *)ud);
}

/* Assert that v shows exactly the list rows in want (SIZE_MAX ends it). */
static void assert_view(const struct list_view *v, const size_t *want)
{
    size_t n = 0;
    while (want[n] != SIZE_MAX)
        n++;
    assert_int_equal(list_view_count(v), n);
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(list_view_row(v, k), want[k]);
        assert_int_equal(list_view_find(v, want[k]), k);
    }
}

/* A list of six rows for the view tests. */
static struct list *six_rows(void)
{
    struct list *l = list_new(&test_def, false);
    add(l, "Charlie", "prod", "0");
    add(l, "alpha", "dev", "1");
    add(l, "Bravo", "prod", "2");
    add(l, "alpha", "prod", "3");
    add(l, "delta", "dev", "4");
    add(l, "Alpha", "test", "5");
    return l;
}

static void test_view_filter_and_keep(void **state)
{
    (void)state;
    struct list *l = six_rows();
    struct list_view *v = list_view_new(l);
    assert_view(v, (size_t[]){0, 1, 2, 3, 4, 5, SIZE_MAX});
    size_t name[] = {F_NAME}, name_env[] = {F_NAME, F_ENV};
    list_view_set(v, "ALPHA", name, 1, NULL, NULL, -1, false);
    assert_view(v, (size_t[]){1, 3, 5, SIZE_MAX});
    list_view_set(v, "pro", name, 1, NULL, NULL, -1, false);
    assert_view(v, (size_t[]){SIZE_MAX});
    assert_int_equal(list_view_find(v, 0), SIZE_MAX);
    list_view_set(v, "pro", name_env, 2, NULL, NULL, -1, false);
    assert_view(v, (size_t[]){0, 2, 3, SIZE_MAX});
    list_view_set(v, "pro", NULL, 0, NULL, NULL, -1, false); /* no fields: every field */
    assert_view(v, (size_t[]){0, 2, 3, SIZE_MAX});
    list_view_set(v, "", name, 1, keep_env, env_dev, -1, false);
    assert_view(v, (size_t[]){1, 4, SIZE_MAX});
    list_view_set(v, "alp", name, 1, keep_env, env_dev, -1, false);
    assert_view(v, (size_t[]){1, SIZE_MAX});
    list_view_set(v, NULL, NULL, 0, NULL, NULL, -1, false);
    assert_view(v, (size_t[]){0, 1, 2, 3, 4, 5, SIZE_MAX});
    list_view_set(v, "secret", NULL, 0, NULL, NULL, -1, false);
    assert_view(v, (size_t[]){SIZE_MAX});
    list_view_free(v);
    list_view_free(NULL);
    list_free(l);
}

static void test_view_sort(void **state)
{
    (void)state;
    struct list *l = six_rows();
    struct list_view *v = list_view_new(l);
    /* strcmp order: capitals first; equal names in load order; reversed, the exact reverse
     * (equal names too: S reverses the view without sorting again) */
    list_view_set(v, NULL, NULL, 0, NULL, NULL, F_NAME, false);
    assert_view(v, (size_t[]){5, 2, 0, 1, 3, 4, SIZE_MAX});
    list_view_set(v, NULL, NULL, 0, NULL, NULL, F_NAME, true);
    assert_view(v, (size_t[]){4, 3, 1, 0, 2, 5, SIZE_MAX});
    list_view_set(v, NULL, NULL, 0, NULL, NULL, F_ENV, false);
    assert_view(v, (size_t[]){1, 4, 0, 2, 3, 5, SIZE_MAX});
    list_view_set(v, NULL, NULL, 0, NULL, NULL, F_ENV, true);
    assert_view(v, (size_t[]){5, 3, 2, 0, 4, 1, SIZE_MAX});
    list_view_set(v, NULL, NULL, 0, NULL, NULL, F_ENV, false); /* and back, in place */
    assert_view(v, (size_t[]){1, 4, 0, 2, 3, 5, SIZE_MAX});
    list_view_set(v, NULL, NULL, 0, NULL, NULL, -1, true); /* load order reversed */
    assert_view(v, (size_t[]){5, 4, 3, 2, 1, 0, SIZE_MAX});
    list_view_set(v, NULL, NULL, 0, NULL, NULL, F_SECRET, false); /* nothing to sort by */
    assert_view(v, (size_t[]){0, 1, 2, 3, 4, 5, SIZE_MAX});
    size_t name[] = {F_NAME};
    list_view_set(v, "a", name, 1, keep_env, env_prod, F_NAME, true);
    assert_view(v, (size_t[]){3, 0, 2, SIZE_MAX});
    list_view_free(v);
    list_free(l);
}

/* The list of rows sorted by name for the reference sort; desc for descending. */
static const struct list *ref_list;
static bool ref_desc;

/* qsort order of two row numbers: by name (descending when ref_desc), then by row. */
static int ref_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(list_value(ref_list, x, F_NAME), list_value(ref_list, y, F_NAME));
    c = c ? c : (x < y ? -1 : x > y);
    return ref_desc ? -c : c; /* reversed: the exact reverse order, equal values too */
}

/* A kind whose fields sort as numbers and dates (a system tenant's id, version, createdAt). */
static const struct api_field num_fields[] = {
    {"uuid", "UUID", FIELD_TABLE},
    {"id", "ID", FIELD_TABLE | FIELD_NUMBER},
    {"createdAt", "CREATED", FIELD_TABLE | FIELD_DATE},
};
static const struct api_kind_def num_def = {
    .name = "tenants", .singular = "tenant", .fields = num_fields,
    .nfields = ARRAY_SIZE(num_fields), .id_field = 0, .ops = API_OP_LIST,
};

static void test_view_sort_numbers_dates(void **state)
{
    (void)state;
    /* "10" after "9"; -1 and 2.5 where they belong; what is no number goes last, in load
     * order; dates with offsets by their instant (strcmp would put 09:30+02:00 after 08:00Z) */
    static const char *const rows[][3] = {
        {"u0", "10", "2024-01-01T09:30:00+02:00"}, /* 07:30Z */
        {"u1", "9", "2024-01-01T08:00:00Z"},
        {"u2", "x", "2023-12-31"},
        {"u3", "-1", "not a date"},
        {"u4", "2.5", "2024-01-01T07:00:00.5Z"},
        {"u5", "", "2024-02-01T00:00:00Z"},
    };
    struct list *l = list_new(&num_def, false);
    for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
        cJSON *o = json_new_object();
        json_add_string(o, "uuid", rows[i][0]);
        json_add_string(o, "id", rows[i][1]);
        json_add_string(o, "createdAt", rows[i][2]);
        struct row *r = model_row_from_json(&num_def, o, false);
        list_add_row(l, r);
        model_row_free(r);
        cJSON_Delete(o);
    }
    struct list_view *v = list_view_new(l);
    list_view_set(v, NULL, NULL, 0, NULL, NULL, 1, false);
    assert_view(v, (size_t[]){3, 4, 1, 0, 2, 5, SIZE_MAX});
    list_view_set(v, NULL, NULL, 0, NULL, NULL, 1, true); /* S: the exact reverse */
    assert_view(v, (size_t[]){5, 2, 0, 1, 4, 3, SIZE_MAX});
    list_view_set(v, NULL, NULL, 0, NULL, NULL, 2, false);
    assert_view(v, (size_t[]){2, 4, 0, 1, 5, 3, SIZE_MAX});
    /* a row added later merges in by the same order */
    cJSON *o = json_new_object();
    json_add_string(o, "uuid", "u6");
    json_add_string(o, "id", "100");
    json_add_string(o, "createdAt", "2024-01-01T07:15:00Z");
    struct row *r = model_row_from_json(&num_def, o, false);
    list_add_row(l, r);
    model_row_free(r);
    cJSON_Delete(o);
    list_view_update(v);
    assert_view(v, (size_t[]){2, 4, 6, 0, 1, 5, 3, SIZE_MAX});
    list_view_set(v, NULL, NULL, 0, NULL, NULL, 1, false);
    assert_view(v, (size_t[]){3, 4, 1, 0, 6, 2, 5, SIZE_MAX});
    list_view_free(v);
    list_free(l);
}

/* A kind with a document field (a system tenant's data). */
static const struct api_field doc_fields[] = {
    {"uuid", "UUID", FIELD_TABLE},
    {"data", "DATA", 0},
};
static const struct api_kind_def doc_def = {
    .name = "tenants", .singular = "tenant", .fields = doc_fields,
    .nfields = ARRAY_SIZE(doc_fields), .id_field = 0, .ops = API_OP_LIST,
    .doc_field = "data",
};

/* Add a row of doc_def whose data is the JSON text data; its index. */
static size_t add_doc(struct list *l, const char *uuid, const char *data)
{
    cJSON *o = json_new_object();
    json_add_string(o, "uuid", uuid);
    json_add(o, "data", json_parse(data, strlen(data)));
    struct row *r = model_row_from_json(&doc_def, o, false);
    size_t i = list_add_row(l, r);
    model_row_free(r);
    cJSON_Delete(o);
    return i;
}

static void test_view_sort_key(void **state)
{
    (void)state;
    /* a key of the data: plan as text, seats as numbers (every value one: "10" after "9"),
     * a row without the key first (empty); S the exact reverse; rows added or changed later
     * go where their values sort; another key sorts again */
    struct list *l = list_new(&doc_def, false);
    add_doc(l, "u0", "{\"plan\":\"pro\",\"seats\":10}");
    add_doc(l, "u1", "{\"plan\":\"basic\",\"seats\":9}");
    add_doc(l, "u2", "{\"seats\":100}");
    add_doc(l, "u3", "{\"plan\":\"enterprise\",\"seats\":\"25\"}");
    struct list_view *v = list_view_new(l);
    list_view_sort_key(v, "plan");
    list_view_set(v, NULL, NULL, 0, NULL, NULL, 1, false);
    assert_view(v, (size_t[]){2, 1, 3, 0, SIZE_MAX});
    list_view_set(v, NULL, NULL, 0, NULL, NULL, 1, true);
    assert_view(v, (size_t[]){0, 3, 1, 2, SIZE_MAX});
    list_view_sort_key(v, "seats");
    list_view_set(v, NULL, NULL, 0, NULL, NULL, 1, false);
    assert_view(v, (size_t[]){1, 0, 3, 2, SIZE_MAX});
    add_doc(l, "u4", "{\"seats\":50}");
    list_view_update(v);
    assert_view(v, (size_t[]){1, 0, 3, 4, 2, SIZE_MAX});
    cJSON *o = json_parse("{\"uuid\":\"u2\",\"data\":{\"seats\":1}}", 32);
    struct row *r = model_row_from_json(&doc_def, o, false);
    list_set_row(l, 2, r); /* u2 now has 1 seat: first */
    model_row_free(r);
    cJSON_Delete(o);
    list_view_update(v);
    assert_view(v, (size_t[]){2, 1, 0, 3, 4, SIZE_MAX});
    list_view_sort_key(v, NULL); /* the data's text itself */
    list_view_set(v, NULL, NULL, 0, NULL, NULL, 1, false);
    assert_int_equal(list_view_count(v), 5);
    list_view_sort_key(v, "plan");
    list_view_set(v, NULL, NULL, 0, NULL, NULL, -1, false); /* no sort field: load order */
    assert_view(v, (size_t[]){0, 1, 2, 3, 4, SIZE_MAX});
    list_view_free(v);
    list_free(l);
}

static void test_view_sort_long_prefixes(void **state)
{
    (void)state;
    /* values alike for 0 to 90 bytes, so that sorting 8 bytes at a time goes deep, and many
     * equal ones, some stored once (interned), some not */
    static const size_t prefixes[] = {0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 71, 72, 73, 90};
    enum { ROWS = 3000 };
    uint32_t seed = 42;
    struct list *l = list_new(&test_def, false);
    for (size_t i = 0; i < ROWS; i++) {
        char name[128], id[16];
        size_t n = prefixes[rnd(&seed) % ARRAY_SIZE(prefixes)];
        memset(name, 'k', n);
        for (size_t tail = rnd(&seed) % 4; tail; tail--)
            name[n++] = "jkl\xc3"[rnd(&seed) % 4];
        name[n] = '\0';
        snprintf(id, sizeof(id), "%zu", i);
        add(l, name, "e", id);
    }
    size_t *want = xreallocarray(NULL, ROWS, sizeof(*want));
    struct list_view *v = list_view_new(l);
    for (int desc = 0; desc < 2; desc++) {
        for (size_t i = 0; i < ROWS; i++)
            want[i] = i;
        ref_list = l;
        ref_desc = desc;
        qsort(want, ROWS, sizeof(*want), ref_cmp);
        list_view_set(v, NULL, NULL, 0, NULL, NULL, F_NAME, desc);
        assert_int_equal(list_view_count(v), ROWS);
        for (size_t k = 0; k < ROWS; k++) {
            assert_int_equal(list_view_row(v, k), want[k]);
            assert_int_equal(list_view_find(v, want[k]), k);
        }
    }
    free(want);
    list_view_free(v);
    list_free(l);
}

/* Assert that v shows what a view rebuilt from scratch with the same settings shows. */
static void assert_same_as_rebuilt(const struct list_view *v, const struct list *l,
                                   const char *filter, const size_t *fields, size_t nfields,
                                   list_keep_fn keep, void *ud, int sort, bool reverse)
{
    struct list_view *fresh = list_view_new(l);
    list_view_set(fresh, filter, fields, nfields, keep, ud, sort, reverse);
    assert_int_equal(list_view_count(v), list_view_count(fresh));
    for (size_t k = 0; k < list_view_count(v); k++) {
        assert_int_equal(list_view_row(v, k), list_view_row(fresh, k));
        assert_int_equal(list_view_find(v, list_view_row(v, k)), k);
    }
    list_view_free(fresh);
}

static void test_view_update(void **state)
{
    (void)state;
    static const char *const envs[] = {"prod", "dev", "test"};
    static const struct {
        const char *filter;
        bool keep;
        int sort;
        bool reverse;
    } cases[] = {
        {NULL, false, -1, false}, {NULL, false, -1, true},   {"3", false, -1, false},
        {"3", true, -1, true},    {NULL, false, F_NAME, false}, {NULL, false, F_NAME, true},
        {"1", false, F_ENV, false}, {NULL, true, F_ENV, true}, {"a", true, F_NAME, false},
    };
    size_t fields[] = {F_NAME, F_ID};
    for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
        uint32_t seed = 7 + (uint32_t)c;
        struct list *l = list_new(&test_def, false);
        struct list_view *v = list_view_new(l);
        void *ud = cases[c].keep ? env_dev : NULL;
        list_keep_fn keep = cases[c].keep ? keep_env : NULL;
        list_view_set(v, cases[c].filter, fields, 2, keep, ud, cases[c].sort, cases[c].reverse);
        size_t next_id = 0;
        for (size_t page = 0; page < 40; page++) {
            size_t n = rnd(&seed) % 30; /* an empty page too, sometimes */
            for (size_t r = 0; r < n; r++) {
                char name[16], id[16];
                snprintf(name, sizeof(name), "n%02u", (unsigned)(rnd(&seed) % 50));
                snprintf(id, sizeof(id), "%zu", next_id++);
                add(l, name, envs[rnd(&seed) % 3], id);
            }
            list_view_update(v);
            assert_same_as_rebuilt(v, l, cases[c].filter, fields, 2, keep, ud, cases[c].sort,
                                   cases[c].reverse);
        }
        list_view_update(v); /* nothing new */
        assert_same_as_rebuilt(v, l, cases[c].filter, fields, 2, keep, ud, cases[c].sort,
                               cases[c].reverse);
        list_view_free(v);
        list_free(l);
    }
}

/* Typing on in a filter narrows the rows shown instead of rescanning the list; the result is
 * the same as a rebuild, also when keys are deleted and when rows came in unseen. */
static void test_view_refine(void **state)
{
    (void)state;
    static const char *const envs[] = {"prod", "dev", "test"};
    static const char *const steps[] = {"n", "N1", "n12", "n1", "", "2", "12", "x12", "12"};
    size_t fields[] = {F_NAME, F_ID};
    uint32_t seed = 99;
    struct list *l = list_new(&test_def, false);
    for (size_t r = 0; r < 300; r++) {
        char name[16], id[16];
        snprintf(name, sizeof(name), "n%03u", (unsigned)(rnd(&seed) % 500));
        snprintf(id, sizeof(id), "%zu", r);
        add(l, name, envs[rnd(&seed) % 3], id);
    }
    struct list_view *v = list_view_new(l);
    for (size_t k = 0; k < ARRAY_SIZE(steps); k++) {
        if (k == 6) /* rows the view has not taken in yet: no shortcut may skip them */
            add(l, "n212", "dev", "new");
        list_view_set(v, steps[k], fields, 2, keep_env, env_dev, F_NAME, true);
        assert_same_as_rebuilt(v, l, steps[k], fields, 2, keep_env, env_dev, F_NAME, true);
    }
    /* the same filter again after what keep reads changed (another environment chosen) is a
     * rebuild, not a narrowing of the rows shown */
    char env[8] = "dev";
    list_view_set(v, "n1", fields, 2, keep_env, env, F_NAME, true);
    strcpy(env, "prod");
    list_view_set(v, "n1", fields, 2, keep_env, env, F_NAME, true);
    assert_same_as_rebuilt(v, l, "n1", fields, 2, keep_env, env, F_NAME, true);
    assert_true(list_view_count(v) > 0);
    list_view_free(v);
    list_free(l);
}

static void test_view_of_cleared_list(void **state)
{
    (void)state;
    struct list *l = six_rows();
    struct list_view *v = list_view_new(l);
    list_view_set(v, NULL, NULL, 0, NULL, NULL, F_NAME, false);
    assert_int_equal(list_view_count(v), 6);
    list_clear(l);
    assert_int_equal(list_view_count(v), 0); /* nothing stale shows before the update */
    assert_int_equal(list_view_find(v, 0), SIZE_MAX);
    list_view_update(v);
    assert_int_equal(list_view_count(v), 0);
    add(l, "zulu", "prod", "a");
    add(l, "yankee", "prod", "b");
    list_view_update(v);
    assert_view(v, (size_t[]){1, 0, SIZE_MAX});
    /* cleared and refilled past the old count before the view hears of it */
    list_clear(l);
    for (size_t i = 0; i < 10; i++) {
        char id[8];
        snprintf(id, sizeof(id), "%zu", i);
        add(l, i % 2 ? "odd" : "even", "prod", id);
    }
    list_view_update(v);
    assert_view(v, (size_t[]){0, 2, 4, 6, 8, 1, 3, 5, 7, 9, SIZE_MAX});
    list_view_free(v);
    list_free(l);
}

/* ------------------------------------------------------------------ changes */

static void test_remove_and_find(void **state)
{
    (void)state;
    struct list *l = list_new(&test_def, false);
    add(l, "a", "e", "x");
    add(l, "b", "e", "dup");
    add(l, "c", "e", "y");
    add(l, "d", "e", "dup");
    add(l, "e", "e", "dup");
    assert_int_equal(list_live(l), 5);
    assert_int_equal(list_find(l, "dup"), 1);
    list_remove(l, 1);
    assert_true(list_removed(l, 1));
    assert_false(list_removed(l, 0));
    assert_false(list_removed(l, 99));
    assert_int_equal(list_count(l), 5); /* the slot stays */
    assert_int_equal(list_live(l), 4);
    assert_int_equal(list_find(l, "dup"), 3); /* the next row of the ID is found */
    assert_string_equal(list_id(l, 1), "dup"); /* its last values stay readable */
    assert_string_equal(list_value(l, 1, F_NAME), "b");
    list_remove(l, 1); /* again: a no-op */
    list_remove(l, 5); /* no such row */
    assert_int_equal(list_live(l), 4);
    list_remove(l, 3);
    assert_int_equal(list_find(l, "dup"), 4);
    list_remove(l, 4);
    assert_int_equal(list_find(l, "dup"), SIZE_MAX);
    assert_int_equal(list_find(l, "x"), 0);
    assert_int_equal(list_find(l, "y"), 2);
    assert_int_equal(list_live(l), 2);
    list_free(l);

    /* many rows, every third removed, then more rows (the ID table grows without them) */
    l = list_new(&test_def, false);
    char id[32];
    for (size_t i = 0; i < 3000; i++) {
        snprintf(id, sizeof(id), "id-%zu", i);
        add(l, "n", "e", id);
    }
    for (size_t i = 0; i < 3000; i += 3)
        list_remove(l, i);
    for (size_t i = 3000; i < 9000; i++) {
        snprintf(id, sizeof(id), "id-%zu", i);
        add(l, "n", "e", id);
    }
    for (size_t i = 0; i < 9000; i++) {
        snprintf(id, sizeof(id), "id-%zu", i);
        assert_int_equal(list_find(l, id), i < 3000 && i % 3 == 0 ? SIZE_MAX : i);
    }
    assert_int_equal(list_live(l), 8000);
    add(l, "again", "e", "id-0"); /* a removed row's ID, added anew */
    assert_int_equal(list_find(l, "id-0"), 9000);
    list_free(l);
}

static void test_set_row_id(void **state)
{
    (void)state;
    struct list *l = list_new(&test_def, false);
    char id[32];
    for (size_t i = 0; i < 2000; i++) {
        snprintf(id, sizeof(id), "id-%zu", i);
        add(l, "n", "e", id);
    }
    set(l, 10, "renamed", "e2", "new-10");
    assert_string_equal(list_value(l, 10, F_NAME), "renamed");
    assert_string_equal(list_value(l, 10, F_ENV), "e2");
    assert_int_equal(list_find(l, "id-10"), SIZE_MAX);
    assert_int_equal(list_find(l, "new-10"), 10);
    /* a later row takes an earlier row's ID, and the reverse: the lowest row is found */
    set(l, 700, "n", "e", "id-5");
    assert_int_equal(list_find(l, "id-5"), 5);
    set(l, 3, "n", "e", "id-5");
    assert_int_equal(list_find(l, "id-5"), 3);
    list_remove(l, 3);
    assert_int_equal(list_find(l, "id-5"), 5);
    list_remove(l, 5);
    assert_int_equal(list_find(l, "id-5"), 700);
    set(l, 700, "n", "e", ""); /* no ID: not indexed */
    assert_int_equal(list_find(l, "id-5"), SIZE_MAX);
    assert_int_equal(list_find(l, "id-700"), SIZE_MAX);
    set(l, 5, "n", "e", "zombie"); /* a removed row is not set */
    assert_int_equal(list_find(l, "zombie"), SIZE_MAX);
    assert_string_equal(list_id(l, 5), "id-5");
    set(l, 2000, "n", "e", "nowhere"); /* no such row */
    assert_int_equal(list_find(l, "nowhere"), SIZE_MAX);
    for (size_t i = 0; i < 2000; i++) {
        if (i == 3 || i == 5 || i == 10 || i == 700)
            continue;
        snprintf(id, sizeof(id), "id-%zu", i);
        assert_int_equal(list_find(l, id), i);
    }
    list_free(l);

    /* the raw JSON follows, without the secret */
    l = list_new(&test_def, true);
    add(l, "Acme", "au01", "t1");
    struct row *row = make_row("Acme Two", "acme", "au01", "t1", "s3cr3t-value", true);
    list_set_row(l, 0, row);
    model_row_free(row);
    assert_non_null(strstr(list_raw(l, 0), "\"name\":\"Acme Two\""));
    assert_null(strstr(list_raw(l, 0), "s3cr3t"));
    assert_string_equal(list_value(l, 0, F_NAME), "Acme Two");
    assert_int_equal(list_find(l, "t1"), 0);
    list_free(l);
}

/* What the views of the change tests show. */
enum { V_PLAIN, V_NAME, V_NAME_DESC, V_LOAD_DESC, V_PROD, V_ALPHA, NVIEWS };

/* Views over l: load order, by name, by name descending, load order descending, the prod
 * environment only, "alpha" in the name. */
static void make_views(struct list *l, struct list_view *v[NVIEWS])
{
    static size_t name[] = {F_NAME};
    for (size_t k = 0; k < NVIEWS; k++)
        v[k] = list_view_new(l);
    list_view_set(v[V_NAME], NULL, NULL, 0, NULL, NULL, F_NAME, false);
    list_view_set(v[V_NAME_DESC], NULL, NULL, 0, NULL, NULL, F_NAME, true);
    list_view_set(v[V_LOAD_DESC], NULL, NULL, 0, NULL, NULL, -1, true);
    list_view_set(v[V_PROD], NULL, NULL, 0, keep_env, env_prod, -1, false);
    list_view_set(v[V_ALPHA], "alpha", name, 1, NULL, NULL, F_NAME, false);
}

static void update_views(struct list_view *v[NVIEWS])
{
    for (size_t k = 0; k < NVIEWS; k++)
        list_view_update(v[k]);
}

static void free_views(struct list_view *v[NVIEWS])
{
    for (size_t k = 0; k < NVIEWS; k++)
        list_view_free(v[k]);
}

static void test_view_remove(void **state)
{
    (void)state;
    struct list *l = six_rows(); /* Charlie prod, alpha dev, Bravo prod, alpha prod, delta
                                  * dev, Alpha test */
    struct list_view *v[NVIEWS];
    make_views(l, v);
    assert_view(v[V_NAME], (size_t[]){5, 2, 0, 1, 3, 4, SIZE_MAX});
    assert_view(v[V_ALPHA], (size_t[]){5, 1, 3, SIZE_MAX});
    list_remove(l, 3);
    list_remove(l, 0);
    /* until the update the views show what they showed */
    assert_view(v[V_NAME], (size_t[]){5, 2, 0, 1, 3, 4, SIZE_MAX});
    assert_int_equal(list_view_find(v[V_PROD], 3), 2);
    update_views(v);
    assert_view(v[V_PLAIN], (size_t[]){1, 2, 4, 5, SIZE_MAX});
    assert_view(v[V_NAME], (size_t[]){5, 2, 1, 4, SIZE_MAX});
    assert_view(v[V_NAME_DESC], (size_t[]){4, 1, 2, 5, SIZE_MAX});
    assert_view(v[V_LOAD_DESC], (size_t[]){5, 4, 2, 1, SIZE_MAX});
    assert_view(v[V_PROD], (size_t[]){2, SIZE_MAX});
    assert_view(v[V_ALPHA], (size_t[]){5, 1, SIZE_MAX});
    for (size_t k = 0; k < NVIEWS; k++) {
        assert_int_equal(list_view_find(v[k], 0), SIZE_MAX);
        assert_int_equal(list_view_find(v[k], 3), SIZE_MAX);
    }
    /* removed while a view has not seen it yet, and a removed row removed again */
    size_t i = add(l, "alphabet", "prod", "6");
    assert_int_equal(i, 6);
    list_remove(l, 6);
    list_remove(l, 0);
    add(l, "Alpine", "prod", "7");
    update_views(v);
    assert_view(v[V_PLAIN], (size_t[]){1, 2, 4, 5, 7, SIZE_MAX});
    assert_view(v[V_NAME], (size_t[]){5, 7, 2, 1, 4, SIZE_MAX});
    assert_view(v[V_PROD], (size_t[]){2, 7, SIZE_MAX});
    assert_view(v[V_ALPHA], (size_t[]){5, 1, SIZE_MAX});
    /* a rebuild and a narrowing never show them either */
    size_t name[] = {F_NAME};
    list_view_set(v[V_PLAIN], "a", name, 1, NULL, NULL, -1, false);
    assert_view(v[V_PLAIN], (size_t[]){1, 2, 4, 5, 7, SIZE_MAX});
    list_view_set(v[V_PLAIN], "al", name, 1, NULL, NULL, -1, false); /* a narrowing */
    assert_view(v[V_PLAIN], (size_t[]){1, 5, 7, SIZE_MAX});
    list_remove(l, 1);
    list_view_set(v[V_PLAIN], "alp", name, 1, NULL, NULL, -1, false); /* not a narrowing now */
    assert_view(v[V_PLAIN], (size_t[]){5, 7, SIZE_MAX});
    assert_int_equal(list_live(l), 4);
    free_views(v);
    list_free(l);
}

static void test_view_set_row_sort(void **state)
{
    (void)state;
    struct list *l = six_rows();
    struct list_view *v[NVIEWS];
    make_views(l, v);
    set(l, 4, "Able", "dev", "4"); /* delta goes first */
    /* until the update, the row is shown (and found) where it was */
    assert_view(v[V_NAME], (size_t[]){5, 2, 0, 1, 3, 4, SIZE_MAX});
    assert_string_equal(list_value(l, list_view_row(v[V_NAME], 5), F_NAME), "Able");
    update_views(v);
    assert_view(v[V_NAME], (size_t[]){4, 5, 2, 0, 1, 3, SIZE_MAX});
    assert_view(v[V_NAME_DESC], (size_t[]){3, 1, 0, 2, 5, 4, SIZE_MAX});
    assert_view(v[V_PLAIN], (size_t[]){0, 1, 2, 3, 4, 5, SIZE_MAX}); /* load order stays */
    assert_view(v[V_LOAD_DESC], (size_t[]){5, 4, 3, 2, 1, 0, SIZE_MAX});
    /* two changes of one row and one of another before an update; equal names keep load
     * order */
    set(l, 0, "alpha", "prod", "0");
    set(l, 5, "zulu", "test", "5");
    set(l, 0, "Bravo", "prod", "0");
    update_views(v);
    assert_view(v[V_NAME], (size_t[]){4, 0, 2, 1, 3, 5, SIZE_MAX});
    assert_view(v[V_NAME_DESC], (size_t[]){5, 3, 1, 2, 0, 4, SIZE_MAX});
    assert_view(v[V_ALPHA], (size_t[]){1, 3, SIZE_MAX});
    /* the same values again change nothing */
    set(l, 2, "Bravo", "prod", "2");
    update_views(v);
    assert_view(v[V_NAME], (size_t[]){4, 0, 2, 1, 3, 5, SIZE_MAX});
    for (size_t k = 0; k < NVIEWS; k++)
        list_view_free(v[k]);
    list_free(l);
}

static void test_view_set_row_filter(void **state)
{
    (void)state;
    struct list *l = six_rows();
    struct list_view *v[NVIEWS];
    make_views(l, v);
    assert_view(v[V_PROD], (size_t[]){0, 2, 3, SIZE_MAX});
    set(l, 4, "delta", "prod", "4"); /* comes into the prod view */
    set(l, 0, "Charlie", "dev", "0"); /* leaves it */
    set(l, 2, "Alphabet", "prod", "2"); /* comes into the alpha view */
    set(l, 3, "omega", "prod", "3"); /* leaves it */
    update_views(v);
    assert_view(v[V_PROD], (size_t[]){2, 3, 4, SIZE_MAX});
    assert_view(v[V_ALPHA], (size_t[]){5, 2, 1, SIZE_MAX});
    assert_view(v[V_PLAIN], (size_t[]){0, 1, 2, 3, 4, 5, SIZE_MAX});
    /* back again, with a narrowing of the filter since the change */
    set(l, 3, "alpha", "prod", "3");
    size_t name[] = {F_NAME};
    list_view_set(v[V_ALPHA], "alphA", name, 1, NULL, NULL, F_NAME, false);
    assert_view(v[V_ALPHA], (size_t[]){5, 2, 1, 3, SIZE_MAX});
    free_views(v);
    list_free(l);
}

/* Random pages, removals and changes, views updated now and then: each stays what a rebuild
 * shows, and never shows a removed row. */
static void test_view_changes_then_pages(void **state)
{
    (void)state;
    static const char *const envs[] = {"prod", "dev", "test"};
    static const struct {
        const char *filter;
        bool keep;
        int sort;
        bool reverse;
    } cases[] = {
        {NULL, false, -1, false}, {NULL, false, -1, true},   {"3", false, -1, false},
        {"3", true, -1, true},    {NULL, false, F_NAME, false}, {NULL, false, F_NAME, true},
        {"1", false, F_ENV, false}, {NULL, true, F_ENV, true}, {"a", true, F_NAME, false},
    };
    size_t fields[] = {F_NAME, F_ID};
    for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
        uint32_t seed = 11 + (uint32_t)c;
        struct list *l = list_new(&test_def, false);
        struct list_view *v = list_view_new(l);
        void *ud = cases[c].keep ? env_dev : NULL;
        list_keep_fn keep = cases[c].keep ? keep_env : NULL;
        list_view_set(v, cases[c].filter, fields, 2, keep, ud, cases[c].sort, cases[c].reverse);
        size_t next_id = 0, removed = 0;
        char names[30][16], ids[30][16];
        for (size_t step = 0; step < 60; step++) {
            struct triple rows[30];
            size_t n = rnd(&seed) % 30;
            for (size_t r = 0; r < n; r++) {
                snprintf(names[r], sizeof(names[r]), "n%02u", (unsigned)(rnd(&seed) % 50));
                snprintf(ids[r], sizeof(ids[r]), "%zu", next_id++);
                rows[r] = (struct triple){names[r], envs[rnd(&seed) % 3], ids[r]};
            }
            add_page(l, rows, n);
            for (size_t k = rnd(&seed) % 6; k && list_count(l); k--) {
                size_t i = rnd(&seed) % list_count(l);
                if (rnd(&seed) % 2) {
                    removed += !list_removed(l, i);
                    list_remove(l, i);
                } else {
                    char name[16];
                    snprintf(name, sizeof(name), "n%02u", (unsigned)(rnd(&seed) % 50));
                    set(l, i, name, envs[rnd(&seed) % 3], list_id(l, i));
                }
            }
            if (rnd(&seed) % 3 == 0)
                continue; /* changes pile up before the next update */
            list_view_update(v);
            assert_same_as_rebuilt(v, l, cases[c].filter, fields, 2, keep, ud, cases[c].sort,
                                   cases[c].reverse);
            for (size_t i = 0; i < list_count(l); i++)
                if (list_removed(l, i))
                    assert_int_equal(list_view_find(v, i), SIZE_MAX);
        }
        list_view_update(v);
        assert_same_as_rebuilt(v, l, cases[c].filter, fields, 2, keep, ud, cases[c].sort,
                               cases[c].reverse);
        assert_true(removed > 0);
        assert_int_equal(list_live(l), list_count(l) - removed);
        list_view_free(v);
        list_free(l);
    }
}

static void test_local_rows(void **state)
{
    (void)state;
    struct list *l = list_new(&test_def, false);
    add_page(l, (struct triple[]){{"m", "prod", "p0"}, {"k", "prod", "p1"}}, 2);
    struct list_view *v = list_view_new(l);
    list_view_set(v, NULL, NULL, 0, NULL, NULL, F_NAME, false);
    assert_int_equal(add(l, "created", "dev", "c1"), 2);
    assert_int_equal(add(l, "made", "dev", "c2"), 3);
    assert_int_equal(add(l, "gone", "dev", "c3"), 4);
    list_remove(l, 4);
    list_view_update(v);
    assert_view(v, (size_t[]){2, 1, 0, 3, SIZE_MAX});
    /* a page brings the created objects: c1 and c2 are updated in place, c3 (removed) and
     * the page's own repeated ID are stored as rows, as is a repeat of a page row */
    add_page(l, (struct triple[]){{"x", "prod", "p2"}, {"zeta", "prod", "c1"},
                                  {"dup", "prod", "p3"}, {"dup2", "prod", "p3"},
                                  {"made", "dev", "c2"}, {"back", "dev", "c3"},
                                  {"again", "prod", "p0"}},
             7);
    assert_int_equal(list_count(l), 10);
    assert_int_equal(list_live(l), 9);
    assert_string_equal(list_value(l, 2, F_NAME), "zeta");
    assert_string_equal(list_value(l, 2, F_ENV), "prod");
    assert_int_equal(list_find(l, "c1"), 2);
    assert_int_equal(list_find(l, "c2"), 3);
    assert_int_equal(list_find(l, "c3"), 8);
    assert_int_equal(list_find(l, "p3"), 6);
    assert_int_equal(list_find(l, "p0"), 0);
    assert_string_equal(list_value(l, 5, F_NAME), "x");
    assert_string_equal(list_value(l, 7, F_NAME), "dup2");
    assert_string_equal(list_value(l, 9, F_NAME), "again");
    list_view_update(v);
    assert_view(v, (size_t[]){9, 8, 6, 7, 1, 0, 3, 5, 2, SIZE_MAX});
    assert_same_as_rebuilt(v, l, NULL, NULL, 0, NULL, NULL, F_NAME, false);
    /* still local: a later page updates it again */
    add_page(l, (struct triple[]){{"zz", "test", "c1"}}, 1);
    assert_int_equal(list_count(l), 10);
    assert_string_equal(list_value(l, 2, F_NAME), "zz");
    list_view_update(v);
    assert_same_as_rebuilt(v, l, NULL, NULL, 0, NULL, NULL, F_NAME, false);
    assert_int_equal(list_view_find(v, 2), 8);
    list_view_free(v);
    list_free(l);
}

static void test_clear_forgets_changes(void **state)
{
    (void)state;
    struct list *l = list_new(&test_def, false);
    add_page(l, (struct triple[]){{"a", "prod", "p0"}, {"b", "prod", "p1"}}, 2);
    add(l, "c", "dev", "c1");
    list_remove(l, 0);
    set(l, 1, "bb", "prod", "p1");
    struct list_view *v = list_view_new(l);
    list_view_set(v, NULL, NULL, 0, NULL, NULL, F_NAME, true);
    assert_view(v, (size_t[]){2, 1, SIZE_MAX});
    size_t before = list_bytes(l);
    list_clear(l);
    assert_int_equal(list_live(l), 0);
    assert_int_equal(list_count(l), 0);
    assert_false(list_removed(l, 0));
    assert_true(list_bytes(l) < before);
    /* the same IDs in a page: row 0 is not removed, c1 is no longer local */
    add_page(l, (struct triple[]){{"c", "dev", "c1"}, {"a", "prod", "p0"}}, 2);
    add_page(l, (struct triple[]){{"c again", "dev", "c1"}}, 1);
    assert_int_equal(list_count(l), 3);
    assert_int_equal(list_live(l), 3);
    assert_false(list_removed(l, 0));
    assert_false(list_removed(l, 1));
    assert_string_equal(list_value(l, 0, F_NAME), "c");
    assert_int_equal(list_find(l, "c1"), 0);
    assert_int_equal(list_find(l, "p0"), 1);
    list_view_update(v);
    assert_view(v, (size_t[]){2, 0, 1, SIZE_MAX});
    /* and changes work again after the clear */
    list_remove(l, 0);
    list_view_update(v);
    assert_view(v, (size_t[]){2, 1, SIZE_MAX});
    assert_int_equal(list_find(l, "c1"), 2);
    list_view_free(v);
    list_free(l);
}

/* Format a UUID-like ID from n. */
static void uuid_of(char out[37], uint32_t n, uint32_t salt)
{
    uint32_t s = n * 2654435761u ^ salt;
    uint32_t a = rnd(&s), b = rnd(&s), c = rnd(&s), d = rnd(&s);
    snprintf(out, 37, "%08x-%04x-%04x-%04x-%04x%08x", n ^ salt, a & 0xffff, 0x4000 | (b & 0xfff),
             0x8000 | (c & 0x3fff), d & 0xffff, a ^ b ^ c);
}

static void test_memory_per_row(void **state)
{
    (void)state;
    enum { ROWS = 200000, PAGE = 100 };
    static const char *const envs[] = {"au01", "us01", "eu01"};
    char env_ids[3][37];
    for (uint32_t e = 0; e < 3; e++)
        uuid_of(env_ids[e], e, 0x5eed);
    struct list *l = list_new(&test_def, false);
    struct page page = {0};
    for (uint32_t i = 0; i < ROWS; i++) {
        char id[37], name[32], sub[48];
        uuid_of(id, i, 0xabcdef);
        snprintf(name, sizeof(name), "Tenant number %06u", i);                  /* 20 */
        snprintf(sub, sizeof(sub), "tenant-%06u-of-the-load-test-example-co", i); /* 40 */
        cJSON *obj = json_new_object();
        json_add_string(obj, "id", id);
        json_add_string(obj, "name", name);
        json_add_string(obj, "subdomain", sub);
        cJSON *e = json_new_object();
        json_add_string(e, "name", envs[i % 3]);
        json_add_string(e, "id", env_ids[i % 3]);
        json_add(obj, "environment", e);
        model_page_add(&page, model_row_from_json(&test_def, obj, false));
        cJSON_Delete(obj);
        if (page.n == PAGE || i + 1 == ROWS) {
            page.next = i + 1 < ROWS ? xstrdup("more") : NULL;
            list_add_page(l, &page);
            model_page_clear(&page);
        }
    }
    assert_int_equal(list_count(l), ROWS);
    assert_false(list_more(l));
    double per_row = (double)list_bytes(l) / ROWS;
    printf("list_bytes: %zu for %d tenant-like rows: %.1f bytes per row\n", list_bytes(l), ROWS,
           per_row);
    assert_true(per_row < 200);
    char id[37];
    uuid_of(id, 123456, 0xabcdef);
    assert_int_equal(list_find(l, id), 123456);
    assert_string_equal(list_value(l, 123456, F_NAME), "Tenant number 123456");
    assert_string_equal(list_value(l, 123457, F_ENV_ID), env_ids[123457 % 3]);
    /* a sorted, filtered view over it */
    struct list_view *v = list_view_new(l);
    size_t fields[] = {F_NAME};
    list_view_set(v, "number 1", fields, 1, keep_env, env_us01, F_SUBDOMAIN, true);
    assert_true(list_view_count(v) > 0);
    for (size_t k = 1; k < list_view_count(v); k++)
        assert_true(strcmp(list_value(l, list_view_row(v, k - 1), F_SUBDOMAIN),
                           list_value(l, list_view_row(v, k), F_SUBDOMAIN)) > 0);
    list_view_free(v);
    list_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_and_secrets),
        cmocka_unit_test(test_raw_kept_without_secret),
        cmocka_unit_test(test_paging),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_interning),
        cmocka_unit_test(test_long_values),
        cmocka_unit_test(test_view_filter_and_keep),
        cmocka_unit_test(test_view_sort),
        cmocka_unit_test(test_view_sort_long_prefixes),
        cmocka_unit_test(test_view_sort_key),
        cmocka_unit_test(test_view_sort_numbers_dates),
        cmocka_unit_test(test_view_update),
        cmocka_unit_test(test_view_refine),
        cmocka_unit_test(test_view_of_cleared_list),
        cmocka_unit_test(test_remove_and_find),
        cmocka_unit_test(test_set_row_id),
        cmocka_unit_test(test_view_remove),
        cmocka_unit_test(test_view_set_row_sort),
        cmocka_unit_test(test_view_set_row_filter),
        cmocka_unit_test(test_view_changes_then_pages),
        cmocka_unit_test(test_local_rows),
        cmocka_unit_test(test_clear_forgets_changes),
        cmocka_unit_test(test_memory_per_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

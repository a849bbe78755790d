/* test_filter.c: core/filter, the ':filter' terms of the console read into the server filters
 * of the system API's tenants (created>DATE, updated<DATE, id=N, uuid=UUID...). */
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
#include "core/filter.h"
#include "core/util.h"

#define UUID1 "123e4567-e89b-42d3-a456-426614174000"
#define UUID2 "223e4567-e89b-42d3-a456-426614174000"

/* The kind called name of the backend called api. */
static const struct api_kind_def *kind(const char *api, const char *name)
{
    const struct api_backend *b = api_backend_find(api);
    assert_non_null(b);
    const struct api_kind_def *k = api_kind_find(b, name);
    assert_non_null(k);
    return k;
}

/* "key=value key=value" of f's values, for comparing. */
static char *values_of(const struct filter_terms *f)
{
    struct strbuf sb = SB_INIT;
    for (size_t i = 0; i < f->n; i++)
        sb_addf(&sb, "%s%s=%s", i ? " " : "", f->v[i].key, f->v[i].value);
    return sb_steal(&sb);
}

/* text parses into want (the values as values_of says them) and canon (the text kept). */
static void parses(const char *text, const char *want, const char *canon)
{
    struct filter_terms f = {0};
    struct tn_error err = {0};
    bool ok = filter_parse(kind("system", "tenants"), text, &f, &err);
    if (!ok)
        fail_msg("'%s': %s", text, err.message);
    char *got = values_of(&f);
    assert_string_equal(got, want);
    assert_non_null(f.text);
    assert_string_equal(f.text, canon);
    free(got);
    filter_terms_free(&f);
    assert_int_equal(f.n, 0);
    assert_null(f.v);
    assert_null(f.text);
}

/* text is refused with a message holding want and the hint of the accepted terms; out is
 * left empty. */
static void refused(const char *text, const char *want)
{
    struct filter_terms f = {0};
    struct tn_error err = {0};
    assert_false(filter_parse(kind("system", "tenants"), text, &f, &err));
    assert_int_equal(err.code, ST_USAGE);
    if (!strstr(err.message, want))
        fail_msg("'%s': '%s' does not say '%s'", text, err.message, want);
    assert_int_equal(f.n, 0);
    assert_null(f.v);
    assert_null(f.text);
    err_clear(&err);
}

static void test_terms(void **state)
{
    (void)state;
    parses("", "", "");
    parses("   ", "", "");
    parses("created>2024-01-01", "created-after=2024-01-01", "created>2024-01-01");
    parses("created<2024-01-01", "created-before=2024-01-01", "created<2024-01-01");
    parses("created>=2024-01-01", "created-after=2024-01-01", "created>=2024-01-01");
    parses("createdAt<=2024-01-01T10:00:00Z", "created-before=2024-01-01T10:00:00Z",
           "createdAt<=2024-01-01T10:00:00Z");
    parses("updated>2024-01-01 updatedAt<2024-02-01",
           "updated-after=2024-01-01 updated-before=2024-02-01",
           "updated>2024-01-01 updatedAt<2024-02-01");
    parses("id=7", "id=7", "id=7");
    parses("  id=7 \t id=8  ", "id=7 id=8", "id=7 id=8"); /* a list; spaces tidied */
    parses("uuid=" UUID1 " uuid=" UUID2, "uuid=" UUID1 " uuid=" UUID2,
           "uuid=" UUID1 " uuid=" UUID2);
    parses("created>2024-01-01 created<2024-12-31 id=3",
           "created-after=2024-01-01 created-before=2024-12-31 id=3",
           "created>2024-01-01 created<2024-12-31 id=3");
}

static void test_refused(void **state)
{
    (void)state;
    refused("size>3", "'size>3' is not a filter term");
    refused("created", "'created' is not a filter term");
    refused(">2024-01-01", "'>2024-01-01' is not a filter term");
    refused("created=2024-01-01", "'created=2024-01-01' is not a filter term");
    refused("created-after=2024-01-01", "is not a filter term"); /* dates take < or > */
    refused("id>3", "'id>3' is not a filter term");
    refused("created>", "'created>' lacks a value");
    refused("id=", "'id=' lacks a value");
    refused("created>2024-13-01", "'created>2024-13-01': '2024-13-01' is not a date");
    refused("created>2024-02-30", "is not a date");
    refused("id=x", "'id=x': 'x' is not a whole number");
    refused("id=-1", "'id=-1': '-1' is not a whole number");
    refused("uuid=nope", "'uuid=nope': 'nope' is not a UUID");
    refused("created>2024-01-01 created>2024-02-01",
            "'created>2024-02-01' repeats a bound given already");
    refused("createdAt>2024-01-01 created>=2024-02-01", "repeats a bound given already");
    /* a bad term after good ones: nothing is kept */
    refused("id=1 id=2 bogus", "'bogus' is not a filter term");
}

static void test_hint(void **state)
{
    (void)state;
    struct filter_terms f = {0};
    struct tn_error err = {0};
    assert_false(filter_parse(kind("system", "tenants"), "x", &f, &err));
    assert_non_null(err.hint);
    assert_string_equal(err.hint,
                        "Use created>DATE, created<DATE, updated>DATE, updated<DATE (the dates "
                        "included; DATE as 2024-01-01 or 2024-01-01T10:00:00Z), id=N or "
                        "uuid=UUID, separated by spaces; :filter alone clears.");
    err_clear(&err);
}

static void test_kind_without_filters(void **state)
{
    (void)state;
    /* MATTR filters nothing on the server: any term is refused, none is fine */
    struct filter_terms f = {0};
    struct tn_error err = {0};
    const struct api_kind_def *k = kind("mattr", "tenants");
    assert_true(filter_parse(k, "", &f, &err));
    filter_terms_free(&f);
    assert_false(filter_parse(k, "id=1", &f, &err));
    assert_int_equal(err.code, ST_USAGE);
    assert_int_equal(f.n, 0);
    err_clear(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_terms),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_hint),
        cmocka_unit_test(test_kind_without_filters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

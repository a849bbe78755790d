/* test_sysfilter.c: core/sysfilter, whether a system tenant row satisfies a list's filters
 * (to tell a server that ignored them). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/api.h"
#include "core/api_system.h"
#include "core/json.h"
#include "core/sysfilter.h"

/* A tenant row from its JSON text. */
static struct row *tenant(const char *text)
{
    const struct api_kind_def *k = api_kind_find(&system_backend, "tenants");
    cJSON *j = json_parse(text, strlen(text));
    assert_non_null(j);
    struct row *r = model_row_from_json(k, j, false);
    cJSON_Delete(j);
    return r;
}

static void test_contradictions(void **state)
{
    (void)state;
    struct row *r = tenant("{\"id\":7,\"uuid\":\"D928B020-94F6-4928-A510-04FC49D5A174\","
                           "\"createdAt\":\"2024-03-01T10:00:00+00:00\","
                           "\"updatedAt\":\"2024-06-30T00:00:00+00:00\",\"version\":1}");
    static const struct {
        struct api_value v[2];
        size_t n;
        bool against;
    } cases[] = {
        {{{"id", "7"}}, 1, false},
        {{{"id", "8"}, {"id", "07"}}, 2, false},
        {{{"id", "8"}}, 1, true},
        {{{"uuid", "d928b020-94f6-4928-a510-04fc49d5a174"}}, 1, false},
        {{{"uuid", "00000000-0000-4000-8000-000000000000"}}, 1, true},
        {{{"created-after", "2024-03-01T10:00:00Z"}}, 1, false}, /* inclusive */
        {{{"created-after", "2024-03-02"}}, 1, true},
        {{{"created-before", "2024-03-01"}}, 1, true},
        {{{"updated-before", "2024-06-30"}}, 1, false},
        {{{"updated-after", "2024-07-01"}}, 1, true},
        {{{"id", "7"}, {"updated-after", "2024-07-01"}}, 2, true},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct api_values f = {cases[i].v, cases[i].n};
        if (sysfilter_contradicts(&f, r) != cases[i].against)
            fail_msg("case %zu: expected %s", i, cases[i].against ? "against" : "kept");
    }
    assert_false(sysfilter_contradicts(NULL, r));
    model_row_free(r);
}

static void test_copy(void **state)
{
    (void)state;
    struct api_value v[] = {{"id", "1"}, {"created-after", "2024-01-01"}};
    struct api_values f = {v, 2};
    struct api_values *c = sysfilter_copy(&f);
    assert_int_equal(c->n, 2);
    assert_string_equal(c->v[1].key, "created-after");
    assert_string_equal(c->v[1].value, "2024-01-01");
    assert_ptr_not_equal(c->v[1].value, v[1].value);
    sysfilter_free(c);
    assert_null(sysfilter_copy(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contradictions),
        cmocka_unit_test(test_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

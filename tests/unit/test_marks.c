/* test_marks.c: core/marks: marking and unmarking by ID, in marking order, names and errors,
 * and a hundred thousand marks with most of them unmarked again (the order compacted, the
 * hash table rebuilt) still answering right. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/marks.h"
#include "core/util.h"

static void test_basics(void **state)
{
    (void)state;
    struct marks *m = marks_new();
    assert_false(marks_has(m, "a"));
    assert_int_equal(marks_count(m), 0);
    assert_true(marks_add(m, "b", "Bee"));
    assert_true(marks_add(m, "a", NULL));
    assert_false(marks_add(m, "b", "again")); /* once */
    assert_true(marks_add(m, "c", "Sea"));
    assert_int_equal(marks_count(m), 3);
    const char *ids[4], *names[4];
    assert_int_equal(marks_list(m, ids, names, 4), 3);
    assert_string_equal(ids[0], "b");
    assert_string_equal(names[0], "Bee");
    assert_string_equal(ids[1], "a");
    assert_string_equal(names[1], "a"); /* no name: the ID */
    assert_string_equal(ids[2], "c");
    assert_int_equal(marks_list(m, ids, NULL, 2), 2); /* the first few */

    assert_null(marks_error(m, "a"));
    marks_set_error(m, "a", "HTTP 503");
    marks_set_error(m, "zzz", "not marked: nothing");
    assert_string_equal(marks_error(m, "a"), "HTTP 503");
    assert_int_equal(marks_failed(m), 1);
    marks_set_error(m, "a", "HTTP 500");
    assert_int_equal(marks_failed(m), 1);
    assert_true(marks_remove(m, "a"));
    assert_false(marks_remove(m, "a"));
    assert_int_equal(marks_failed(m), 0);
    assert_null(marks_error(m, "a"));
    assert_int_equal(marks_list(m, ids, NULL, 4), 2);
    assert_string_equal(ids[0], "b");
    assert_string_equal(ids[1], "c");
    assert_true(marks_add(m, "a", NULL)); /* marked again: last in order */
    assert_int_equal(marks_list(m, ids, NULL, 4), 3);
    assert_string_equal(ids[2], "a");
    marks_clear(m);
    assert_int_equal(marks_count(m), 0);
    assert_false(marks_has(m, "b"));
    assert_true(marks_add(m, "b", NULL));
    marks_free(m);
    marks_free(NULL);
}

static void test_many(void **state)
{
    (void)state;
    enum { N = 100000 };
    struct marks *m = marks_new();
    char id[32];
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof(id), "id-%d", i);
        assert_true(marks_add(m, id, NULL));
    }
    assert_int_equal(marks_count(m), N);
    for (int i = 0; i < N; i++) { /* unmark all but every tenth */
        snprintf(id, sizeof(id), "id-%d", i);
        if (i % 10) {
            assert_true(marks_remove(m, id));
        } else {
            marks_set_error(m, id, "failed");
        }
    }
    assert_int_equal(marks_count(m), N / 10);
    assert_int_equal(marks_failed(m), N / 10);
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof(id), "id-%d", i);
        assert_int_equal(marks_has(m, id), i % 10 == 0);
    }
    const char **ids = xcalloc(N, sizeof(*ids));
    assert_int_equal(marks_list(m, ids, NULL, N), N / 10);
    for (int k = 0; k < N / 10; k++) {
        snprintf(id, sizeof(id), "id-%d", k * 10);
        assert_string_equal(ids[k], id); /* still in marking order */
    }
    free(ids);
    marks_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basics),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

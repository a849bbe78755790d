/* test_walk.c: core/walk, the history of a list walk that stops a list that would never end. */
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
#include "core/walk.h"

static const struct api_field fields[] = {{"id", "ID", FIELD_TABLE}};
static const struct api_kind_def kind = {.name = "things", .fields = fields, .nfields = 1};

/* A page of the rows with IDs first..first+n-1 and the next token (NULL for none). */
static struct page make_page(int first, int n, const char *next)
{
    struct page p = {0};
    for (int i = 0; i < n; i++) {
        char *text = xasprintf("{\"id\":\"r%d\"}", first + i);
        cJSON *j = json_parse(text, strlen(text));
        model_page_add(&p, model_row_from_json(&kind, j, false));
        cJSON_Delete(j);
        free(text);
    }
    p.next = next ? xstrdup(next) : NULL;
    return p;
}

/* Check a page made as make_page does, and free it. */
static enum walk_verdict check(struct walk *w, const char *followed, int first, int n,
                               const char *next)
{
    struct page p = make_page(first, n, next);
    enum walk_verdict v = walk_check(w, followed, &p);
    model_page_clear(&p);
    return v;
}

static void test_a_list_that_ends(void **state)
{
    (void)state;
    struct walk *w = walk_new();
    assert_int_equal(check(w, NULL, 0, 10, "a"), WALK_OK);
    assert_int_equal(check(w, "a", 10, 10, "b"), WALK_OK);
    assert_int_equal(check(w, "b", 20, 3, "c"), WALK_OK); /* short, yet not the end */
    assert_int_equal(check(w, "c", 0, 0, NULL), WALK_OK); /* the empty page that ends it */
    assert_int_equal(walk_pages(w), 4);
    assert_false(walk_stopped(w));
    walk_free(w);
}

static void test_a_link_followed_before(void **state)
{
    (void)state;
    struct walk *w = walk_new();
    assert_int_equal(check(w, NULL, 0, 10, "a"), WALK_OK);
    assert_int_equal(check(w, "a", 10, 10, "b"), WALK_OK);
    assert_int_equal(check(w, "b", 20, 10, "a"), WALK_REPEATED_LINK);
    assert_true(walk_stopped(w));
    /* a page's link to itself, from a walk that started at a cursor */
    walk_reset(w);
    assert_false(walk_stopped(w));
    assert_int_equal(check(w, "x", 30, 10, "x"), WALK_REPEATED_LINK);
    walk_free(w);
}

static void test_the_same_page_again(void **state)
{
    (void)state;
    struct walk *w = walk_new();
    assert_int_equal(check(w, NULL, 0, 10, "a"), WALK_OK);
    assert_int_equal(check(w, "a", 10, 10, "b"), WALK_OK);
    /* a new token, the rows of the page before */
    assert_int_equal(check(w, "b", 10, 10, "c"), WALK_SAME_PAGE);
    assert_true(walk_stopped(w));
    /* rows that only overlap are not a loop (offset paging while rows are added) */
    walk_reset(w);
    assert_int_equal(check(w, NULL, 0, 10, "a"), WALK_OK);
    assert_int_equal(check(w, "a", 9, 10, "b"), WALK_OK);
    walk_free(w);
}

static void test_the_first_page_again(void **state)
{
    (void)state;
    struct walk *w = walk_new();
    assert_int_equal(check(w, NULL, 0, 10, "2"), WALK_OK);
    assert_int_equal(check(w, "2", 0, 10, "3"), WALK_FIRST_AGAIN); /* page 2 = page 1 */
    walk_reset(w);
    assert_int_equal(check(w, NULL, 0, 10, "2"), WALK_OK);
    assert_int_equal(check(w, "2", 10, 10, "3"), WALK_OK);
    assert_int_equal(check(w, "3", 0, 4, "4"), WALK_FIRST_AGAIN); /* a shorter page of it */
    walk_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_list_that_ends),
        cmocka_unit_test(test_a_link_followed_before),
        cmocka_unit_test(test_the_same_page_again),
        cmocka_unit_test(test_the_first_page_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

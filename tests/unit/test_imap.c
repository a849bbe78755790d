/* test_imap.c: sandbox/imap: insert, find, remove, tombstones and growth. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sandbox/imap.h"

#define N 20000

static char keys[N][16];

static bool key_eq(uint32_t row, const void *key, void *ctx)
{
    (void)ctx;
    return strcmp(keys[row], key) == 0;
}

static uint64_t h(const char *k)
{
    return imap_hash(k, strlen(k));
}

static void test_find_after_many_inserts(void **state)
{
    (void)state;
    struct imap m = {0};
    assert_int_equal(imap_find(&m, h("x"), key_eq, "x", NULL), IMAP_NONE);
    for (uint32_t i = 0; i < N; i++) {
        snprintf(keys[i], sizeof(keys[i]), "key-%u", i);
        imap_insert(&m, h(keys[i]), i);
    }
    assert_int_equal(m.used, N);
    for (uint32_t i = 0; i < N; i++)
        assert_int_equal(imap_find(&m, h(keys[i]), key_eq, keys[i], NULL), i);
    assert_int_equal(imap_find(&m, h("key-absent"), key_eq, "key-absent", NULL), IMAP_NONE);
    imap_free(&m);
}

static void test_remove_leaves_others_reachable(void **state)
{
    (void)state;
    struct imap m = {0};
    for (uint32_t i = 0; i < N; i++) {
        snprintf(keys[i], sizeof(keys[i]), "k%u", i);
        imap_insert(&m, h(keys[i]), i);
    }
    for (uint32_t i = 0; i < N; i += 2)
        assert_true(imap_remove(&m, h(keys[i]), i));
    assert_false(imap_remove(&m, h(keys[0]), 0)); /* already gone */
    for (uint32_t i = 0; i < N; i++) {
        uint32_t want = i % 2 ? i : IMAP_NONE;
        assert_int_equal(imap_find(&m, h(keys[i]), key_eq, keys[i], NULL), want);
    }
    /* Churn: tombstones must be reclaimed, not pile up until the table is full. */
    for (int round = 0; round < 50; round++) {
        for (uint32_t i = 0; i < N; i += 2)
            imap_insert(&m, h(keys[i]), i);
        for (uint32_t i = 0; i < N; i += 2)
            assert_true(imap_remove(&m, h(keys[i]), i));
    }
    assert_int_equal(m.used, N / 2);
    assert_true(m.used + m.dead < m.cap);
    imap_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_after_many_inserts),
        cmocka_unit_test(test_remove_leaves_others_reachable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_phrase.c: core/phrase, the whole sentences about each kind: every sentence of a row has
 * the printf directives of the row (what its callers pass), a plural pair agrees with itself,
 * every kind of every backend has the sentences its operations need, and a kind without one
 * gets the caller's fallback. */
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
#include "core/phrase.h"
#include "core/util.h"

/* The printf directives of s in order ("%s%zu"), in out (a '%%' is none). */
static void directives(const char *s, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = s; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        const char *end = p + 1;
        while (*end && strchr("0123456789-+ #'.hlzjt", *end))
            end++;
        if (*end)
            end++;
        /* the length modifiers and the conversion, without flags or widths */
        const char *q = p + 1;
        while (q < end && strchr("0123456789-+ #'.", *q))
            q++;
        out[o++] = '%';
        while (q < end && o + 1 < size)
            out[o++] = *q++;
        p = end - 1;
    }
    out[o] = '\0';
}

static void test_directives_agree(void **state)
{
    (void)state;
    char want[64], got[64];
    for (int id = 0; id < PH_COUNT; id++) {
        directives(phrase_shape((enum phrase_id)id), want, sizeof(want));
        assert_string_equal(want, phrase_shape((enum phrase_id)id)); /* the shape is only that */
        size_t cells = 0;
        for (size_t k = 0; k < phrase_kinds(); k++) {
            const char *one, *many;
            if (!phrase_cell((enum phrase_id)id, k, &one, &many))
                continue;
            cells++;
            directives(one, got, sizeof(got));
            if (strcmp(got, want))
                fail_msg("\"%s\" has %s, its row wants %s", one, got, want);
            if (many) {
                directives(many, got, sizeof(got));
                if (strcmp(got, want))
                    fail_msg("\"%s\" has %s, its row wants %s", many, got, want);
            }
        }
        if (!cells)
            fail_msg("row %d has no sentence", id);
    }
}

/* The sentences each operation of a kind needs. */
static void test_every_kind_has_its_sentences(void **state)
{
    (void)state;
    size_t nb;
    const struct api_backend *const *backends = api_backends(&nb);
    assert_true(nb >= 2);
    static const char fallback[] = "FALLBACK";
    for (size_t b = 0; b < nb; b++) {
        for (size_t i = 0; i < backends[b]->nkinds; i++) {
            const struct api_kind_def *k = backends[b]->kinds[i];
            assert_ptr_not_equal(phrase(k, PH_NONE, fallback), fallback);
            assert_ptr_not_equal(phrase(k, PH_NOT_CALLED, fallback), fallback);
            assert_ptr_not_equal(phrase_n(k, PH_LOADED_MORE, 2, fallback), fallback);
            if (k->ops & API_OP_DELETE) {
                assert_ptr_not_equal(phrase(k, PH_DELETED_ID, fallback), fallback);
                assert_ptr_not_equal(phrase(k, PH_DELETED_NAMED, fallback), fallback);
                assert_ptr_not_equal(phrase_n(k, PH_DELETE_N, 3, fallback), fallback);
            }
            if (k->ops & API_OP_CREATE) {
                assert_ptr_not_equal(phrase(k, PH_CREATED_UNREAD, fallback), fallback);
                assert_ptr_not_equal(phrase(k, PH_NEW_NEEDS, fallback), fallback);
            } else {
                assert_ptr_not_equal(phrase(k, PH_CANNOT_CREATE, fallback), fallback);
            }
        }
    }
}

static void test_words(void **state)
{
    (void)state;
    const struct api_backend *mattr = api_backend_find("mattr");
    assert_non_null(mattr);
    const struct api_kind_def *tenants = api_kind_find(mattr, "tenants");
    const struct api_kind_def *clients = api_kind_find(mattr, "clients");
    assert_string_equal(phrase(tenants, PH_NONE, "x"), "No tenants.");
    assert_string_equal(phrase(clients, PH_DELETED_ID, "x"), "Deleted client %s.");
    assert_string_equal(phrase_n(tenants, PH_DELETE_N, 1, "a"), "delete %zu tenant");
    assert_string_equal(phrase_n(tenants, PH_DELETE_N, 2, "a"), "delete %zu tenants");
    /* a kind the table does not know: the caller's words */
    struct api_kind_def other = {.name = "widgets", .singular = "widget"};
    assert_string_equal(phrase(&other, PH_NONE, "nothing"), "nothing");
    assert_string_equal(phrase_n(&other, PH_DELETE_N, 5, "many"), "many");
    assert_string_equal(phrase(NULL, PH_NONE, "nothing"), "nothing");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_directives_agree),
        cmocka_unit_test(test_every_kind_has_its_sentences),
        cmocka_unit_test(test_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

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
        size_t cells = 0, plural = 0;
        for (size_t k = 0; k < phrase_kinds(); k++) {
            const char *one, *many;
            if (!phrase_cell((enum phrase_id)id, k, &one, &many))
                continue;
            cells++;
            plural += many != NULL;
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
        if (plural && plural != cells) /* phrase_n would give some kinds the fallback */
            fail_msg("row %d: %zu of its %zu sentences are plural pairs", id, plural, cells);
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
            /* the console's and the command line's sentences about any list */
            static const enum phrase_id any[] = {PH_NO_PANE, PH_FILTER_HERE, PH_DETAILS,
                                                 PH_NO_COLUMN, PH_COLUMNS_OF};
            for (size_t j = 0; j < ARRAY_SIZE(any); j++)
                if (phrase(k, any[j], fallback) == fallback)
                    fail_msg("%s has no sentence %d", k->name, (int)any[j]);
            static const enum phrase_id counted[] = {PH_MARKED_SHOWN, PH_MARKED_SHOWN_MORE,
                                                     PH_WROTE, PH_WROTE_MORE};
            for (size_t j = 0; j < ARRAY_SIZE(counted); j++)
                if (phrase_n(k, counted[j], 2, fallback) == fallback)
                    fail_msg("%s has no plural sentence %d", k->name, (int)counted[j]);
            if (k->ops & API_OP_DELETE) {
                static const enum phrase_id bulk[] = {PH_DELETED_N, PH_DELETED_SOME, PH_DELETING,
                                                      PH_DELETE_MARKED, PH_DELETES,
                                                      PH_DELETES_MORE};
                assert_ptr_not_equal(phrase(k, PH_BULK_UNKNOWN, fallback), fallback);
                assert_ptr_not_equal(phrase(k, PH_BULK_FAILED, fallback), fallback);
                for (size_t j = 0; j < ARRAY_SIZE(bulk); j++)
                    if (phrase_n(k, bulk[j], 1, fallback) == fallback)
                        fail_msg("%s has no plural sentence %d", k->name, (int)bulk[j]);
                /* the question "Really ...?", of its own or under its parent */
                if (k->parent) {
                    assert_ptr_not_equal(phrase(k, PH_DELETE_IN, fallback), fallback);
                    assert_ptr_not_equal(phrase(k, PH_DELETE_IN_PROD, fallback), fallback);
                    assert_ptr_not_equal(phrase_n(k, PH_DELETE_N_IN, 2, fallback), fallback);
                } else {
                    assert_ptr_not_equal(phrase(k, PH_DELETE_ONE, fallback), fallback);
                    assert_ptr_not_equal(phrase(k, PH_DELETE_ONE_PROD, fallback), fallback);
                }
            }
            if (k->ops & API_OP_CREATE) {
                assert_ptr_not_equal(phrase(k, PH_CREATED_NAMED, fallback), fallback);
                assert_ptr_not_equal(phrase(k, PH_CREATED_HIDDEN, fallback), fallback);
                if (k->parent) { /* created under a parent another may have replaced */
                    assert_ptr_not_equal(phrase(k, PH_CREATED_AWAY, fallback), fallback);
                    assert_ptr_not_equal(phrase(k, PH_NEW_SECRET, fallback), fallback);
                }
            }
            if (k->doc_field)
                assert_ptr_not_equal(phrase(k, PH_EDIT_HELP, fallback), fallback);
        }
    }
    /* a new MATTR tenant's first client */
    const struct api_kind_def *tenants = api_kind_find(api_backend_find("mattr"), "tenants");
    assert_ptr_not_equal(phrase(tenants, PH_FIRST_CLIENT, fallback), fallback);
    /* the console's jumps (:tenant X, :client X), by the pane's name, and rotate */
    static const char *const jumps[] = {"tenants", "clients"};
    static const enum phrase_id jump[] = {PH_JUMP_NAME_IT, PH_JUMP_READING, PH_JUMP_READ,
                                          PH_JUMP_NO_SUCH, PH_JUMP_HIDDEN, PH_JUMP_THERE,
                                          PH_JUMP_GAVE_UP, PH_NO_PANE};
    static const enum phrase_id jump_n[] = {PH_JUMP_FOUND, PH_JUMP_LOOKING, PH_JUMP_STOPPED,
                                            PH_JUMP_NOT_AMONG};
    for (size_t i = 0; i < ARRAY_SIZE(jumps); i++) {
        for (size_t j = 0; j < ARRAY_SIZE(jump); j++)
            if (phrase_named(jumps[i], jump[j], fallback) == fallback)
                fail_msg("%s has no sentence %d", jumps[i], (int)jump[j]);
        for (size_t j = 0; j < ARRAY_SIZE(jump_n); j++)
            if (phrase_named_n(jumps[i], jump_n[j], 3, fallback) == fallback)
                fail_msg("%s has no plural sentence %d", jumps[i], (int)jump_n[j]);
    }
    assert_ptr_not_equal(phrase_named("clients", PH_CANNOT_ROTATE, fallback), fallback);
    assert_ptr_not_equal(phrase_named("environments", PH_NO_PANE, fallback), fallback);
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
    assert_string_equal(phrase_n(clients, PH_DELETED_N, 1, "a"), "Deleted %zu client");
    assert_string_equal(phrase_n(clients, PH_DELETED_N, 2, "a"), "Deleted %zu clients");
    assert_string_equal(phrase(clients, PH_DELETE_IN, "a"), "delete client %s of tenant %s");
    assert_string_equal(phrase_named("tenants", PH_JUMP_READING, "a"), "Reading tenant %s...");
    assert_string_equal(phrase_named("widgets", PH_JUMP_READING, "a"), "a");
    assert_string_equal(phrase_named_n(NULL, PH_WROTE, 2, "b"), "b");
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

/* test_text.c: core/text: UTF-8 decoding, hostile characters, cells, substring search. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/text.h"
#include "core/util.h"

/* Use a UTF-8 locale unless a test switches. */
static int setup_utf8(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* s as it is shown: every glyph's bytes in a new string; its cells in *cells. */
static char *shown(bool utf8, const char *s, size_t *cells)
{
    struct strbuf sb = SB_INIT;
    struct text_glyph g;
    size_t total = 0;
    for (; *s; s += g.used) {
        text_next(utf8, s, &g);
        assert_true(g.used >= 1 && g.used <= 4);
        assert_true(g.len >= 1);
        sb_add(&sb, g.bytes, g.len);
        total += g.cells;
    }
    if (cells)
        *cells = total;
    return sb_steal(&sb);
}

/* Assert that in is shown as out in cells cells, and that text_cells agrees. */
static void check(bool utf8, const char *in, const char *out, size_t cells)
{
    size_t got;
    char *text = shown(utf8, in, &got);
    assert_string_equal(text, out);
    assert_int_equal(got, cells);
    assert_int_equal(text_cells(utf8, in), cells);
    free(text);
}

/* Encoding and decoding agree at every length's edges; invalid forms decode to 0. */
static void test_encode_decode(void **state)
{
    (void)state;
    static const uint32_t cps[] = {0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000, 0x10ffff};
    static const size_t lens[] = {1, 1, 2, 2, 3, 3, 4, 4};
    for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
        char buf[5] = {0};
        uint32_t back = 0;
        assert_int_equal(text_encode(cps[i], buf), lens[i]);
        assert_int_equal(text_decode(buf, &back), lens[i]);
        assert_int_equal(back, cps[i]);
    }
    uint32_t cp;
    assert_int_equal(text_decode("\xc0\xaf", &cp), 0);     /* overlong */
    assert_int_equal(text_decode("\xed\xa0\x80", &cp), 0); /* surrogate */
    assert_int_equal(text_decode("\xe2\x82", &cp), 0);     /* cut short */
    assert_int_equal(text_decode("", &cp), 1);               /* the NUL itself */
}

/* An ID is copied only when pasting it cannot act: no control, bidi or invalid bytes. */
static void test_plain(void **state)
{
    (void)state;
    assert_true(text_plain("7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a"));
    assert_true(text_plain(""));
    assert_true(text_plain("caf\xc3\xa9 \xe6\xa0\xaa")); /* UTF-8 letters, in any locale */
    assert_false(text_plain("id\nrm -rf ~"));
    assert_false(text_plain("id\x1b]52;c;eA==\x07"));
    assert_false(text_plain("id\xc2\x9b")); /* C1 CSI */
    assert_false(text_plain("id\xe2\x80\xae")); /* right-to-left override */
    assert_false(text_plain("id\xff"));
    assert_false(text_plain("id\x7f"));
}

static void test_locale(void **state)
{
    (void)state;
    assert_true(text_locale_utf8());
    assert_non_null(setlocale(LC_ALL, "C"));
    assert_false(text_locale_utf8());
}

static void test_valid_utf8(void **state)
{
    (void)state;
    check(true, "", "", 0);
    check(true, "plain ASCII ~!", "plain ASCII ~!", 14);
    check(true, "Soci\xc3\xa9t\xc3\xa9", "Soci\xc3\xa9t\xc3\xa9", 7);       /* 2 bytes */
    check(true, "\xe2\x82\xac" "5", "\xe2\x82\xac" "5", 2);                  /* 3 bytes */
    check(true, "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80", 2);                  /* 4 bytes, wide */
    check(true, "e\xcc\x81", "e\xcc\x81", 1);           /* a combining mark takes no cell */
    struct text_glyph g;
    text_next(true, "\xc3\xa9x", &g);
    assert_int_equal(g.used, 2);
    assert_int_equal(g.len, 2);
    assert_int_equal(g.cells, 1);
    assert_memory_equal(g.bytes, "\xc3\xa9", 2);
}

static void test_wide_characters(void **state)
{
    (void)state;
    check(true, "\xe6\xa0\xaa\xe5\xbc\x8f", "\xe6\xa0\xaa\xe5\xbc\x8f", 4);   /* CJK */
    check(true, "a\xe4\xb8\xad" "b", "a\xe4\xb8\xad" "b", 4);
    check(true, "\xef\xbc\xa1", "\xef\xbc\xa1", 2);                          /* fullwidth A */
    struct text_glyph g;
    text_next(true, "\xe4\xb8\xad", &g);
    assert_int_equal(g.cells, 2);
    assert_int_equal(g.used, 3);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    check(true, "\xff", "?", 1);
    check(true, "\x80" "a", "?a", 2);                           /* a lone continuation */
    check(true, "Bad \xff\xfe UTF-8 \xc3\x28", "Bad ?? UTF-8 ?(", 15);
    check(true, "\xc3", "?", 1);                                 /* cut short at the end */
    check(true, "\xe2\x82", "??", 2);
    check(true, "\xc0\xaf" "x", "??x", 3);                       /* overlong '/' */
    check(true, "\xc1\xbf", "??", 2);
    check(true, "\xe0\x80\xaf", "???", 3);                       /* overlong, 3 bytes */
    check(true, "\xf0\x80\x80\xaf", "????", 4);                  /* overlong, 4 bytes */
    check(true, "\xed\xa0\x80", "???", 3);                       /* a high surrogate */
    check(true, "\xed\xbf\xbf", "???", 3);                       /* a low surrogate */
    check(true, "\xf4\x90\x80\x80", "????", 4);                  /* beyond U+10FFFF */
    check(true, "\xf5\x80\x80\x80", "????", 4);
    struct text_glyph g;
    text_next(true, "\xff", &g);
    assert_int_equal(g.used, 1); /* invalid UTF-8 is consumed a byte at a time */
}

static void test_hostile_controls(void **state)
{
    (void)state;
    check(true, "a\nb\tc\rd", "a?b?c?d", 7);                     /* C0 */
    check(true, "\x01\x1f", "??", 2);
    check(true, "del\x7f", "del?", 4);                           /* DEL */
    check(true, "\x1b[31mRed\x1b[0m", "?[31mRed?[0m", 12);       /* ESC */
    check(true, "\xc2\x80\xc2\x9b" "31m", "??31m", 5);           /* C1 as UTF-8 */
    check(true, "\x9b" "31m", "?31m", 4);                        /* C1 as a raw byte */
    check(true, "\xe2\x80\xae" "desrever", "?desrever", 9);      /* RLO */
    check(true, "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", "????", 4);
    check(true, "\xe2\x81\xa6iso\xe2\x81\xa9", "?iso?", 5);      /* LRI ... PDI */
    check(true, "\xe2\x81\xa7\xe2\x81\xa8", "??", 2);
    check(true, "line\xe2\x80\xa8sep", "line?sep", 8);           /* unprintable (wcwidth) */
    struct text_glyph g;
    text_next(true, "\xe2\x80\xaeX", &g);
    assert_int_equal(g.used, 3); /* a hostile character is one "?" */
    assert_int_equal(g.len, 1);
    assert_memory_equal(g.bytes, "?", 1);
}

static void test_other_locale(void **state)
{
    (void)state;
    assert_non_null(setlocale(LC_ALL, "C"));
    check(false, "ascii", "ascii", 5);
    check(false, "Soci\xc3\xa9t\xc3\xa9", "Soci?t?", 7);
    check(false, "\xe6\xa0\xaa\xe5\xbc\x8f \xff", "?? ?", 4);
    check(false, "\xf0\x9f\x98\x80", "?", 1);
    check(false, "\x1b[0m\x7f", "?[0m?", 5);
    char *text = shown(false, "\xe2\x80\xae\xc2\x9b\xed\xa0\x80", NULL);
    for (const char *p = text; *p; p++)
        assert_true((unsigned char)*p < 0x80);
    free(text);
}

static void test_contains_ci(void **state)
{
    (void)state;
    assert_true(text_contains_ci("", ""));
    assert_true(text_contains_ci("anything", ""));
    assert_false(text_contains_ci("", "a"));
    assert_true(text_contains_ci("Acme Corp", "acme"));
    assert_true(text_contains_ci("Acme Corp", "CORP"));
    assert_true(text_contains_ci("Acme Corp", "e c"));
    assert_true(text_contains_ci("acme", "ACME"));
    assert_false(text_contains_ci("acme", "acmes"));
    assert_false(text_contains_ci("acm", "acme"));
    assert_true(text_contains_ci("aaab", "aab"));   /* a partial match does not skip ahead */
    assert_true(text_contains_ci("xxAaAb", "aab"));
    assert_false(text_contains_ci("Acme", "cmx"));
    assert_true(text_contains_ci("au01.example", "AU01"));
    assert_true(text_contains_ci("a-b_c", "-B_"));
    assert_false(text_contains_ci("a[b", "A{B")); /* only letters fold: '[' is not '{' */
    assert_false(text_contains_ci("@", "`"));
    /* non-ASCII bytes compare as they are */
    assert_true(text_contains_ci("Soci\xc3\xa9t\xc3\xa9", "\xc3\xa9T\xc3\xa9"));
    assert_false(text_contains_ci("SOCI\xc3\x89T\xc3\x89", "\xc3\xa9"));
}

/* text_add_neutral: what a server said, made safe for stderr in the current locale; newlines
 * only where asked. */
static void test_add_neutral(void **state)
{
    (void)state;
    struct strbuf sb = SB_INIT;
    text_add_neutral(&sb, "a\x1b]52;c;eA==\x07" "b\xc2\x9b" "2J\tc\nd \xe2\x80\xae" "e \xc3\xa9", false);
    assert_string_equal(sb_str(&sb), "a?]52;c;eA==?b?2J?c?d ?e \xc3\xa9");
    sb_reset(&sb);
    text_add_neutral(&sb, "one\ntwo\r\n", true);
    assert_string_equal(sb_str(&sb), "one\ntwo?\n");
    sb_reset(&sb);
    text_add_neutral(&sb, NULL, true);
    assert_string_equal(sb_str(&sb), "");
    assert_non_null(setlocale(LC_ALL, "C"));
    text_add_neutral(&sb, "caf\xc3\xa9\x1b[2J", false);
    assert_string_equal(sb_str(&sb), "caf??[2J");
    sb_free(&sb);
}

/* Counts are grouped by the locale's separator; C has none, so ",". */
static void test_count(void **state)
{
    (void)state;
    setlocale(LC_NUMERIC, "C");
    char buf[48], small[6];
    assert_string_equal(text_count(0, buf, sizeof(buf)), "0");
    assert_string_equal(text_count(999, buf, sizeof(buf)), "999");
    assert_string_equal(text_count(1200, buf, sizeof(buf)), "1,200");
    assert_string_equal(text_count(1000000, buf, sizeof(buf)), "1,000,000");
    assert_string_equal(text_count(18446744073709551615ULL, buf, sizeof(buf)),
                        "18,446,744,073,709,551,615");
    /* no room for the separators: the digits alone */
    assert_string_equal(text_count(12345, small, sizeof(small)), "12345");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_encode_decode),
        cmocka_unit_test_setup(test_locale, setup_utf8),
        cmocka_unit_test_setup(test_valid_utf8, setup_utf8),
        cmocka_unit_test_setup(test_wide_characters, setup_utf8),
        cmocka_unit_test_setup(test_invalid_utf8, setup_utf8),
        cmocka_unit_test_setup(test_hostile_controls, setup_utf8),
        cmocka_unit_test_setup(test_other_locale, setup_utf8),
        cmocka_unit_test_setup(test_contains_ci, setup_utf8),
        cmocka_unit_test_setup(test_add_neutral, setup_utf8),
        cmocka_unit_test(test_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

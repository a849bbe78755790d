/* test_util.c: core/util: allocation helpers, strbuf, number parsing, base64url, time. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/util.h"

static void test_strbuf_grows_and_stays_terminated(void **state)
{
    (void)state;
    struct strbuf sb = SB_INIT;
    assert_string_equal(sb_str(&sb), "");
    for (int i = 0; i < 1000; i++)
        sb_addf(&sb, "%d,", i % 10);
    assert_int_equal(sb.len, 2000);
    assert_int_equal(sb.buf[sb.len], '\0');
    assert_memory_equal(sb.buf, "0,1,2,", 6);
    sb_reset(&sb);
    assert_string_equal(sb_str(&sb), "");
    sb_add(&sb, "a\0b", 3);
    assert_int_equal(sb.len, 3);
    assert_memory_equal(sb.buf, "a\0b", 4);
    char *owned = sb_steal(&sb);
    assert_null(sb.buf);
    assert_int_equal(sb.len, 0);
    free(owned);
    char *empty = sb_steal(&sb);
    assert_string_equal(empty, "");
    free(empty);
}

static void test_xasprintf_and_xstrndup(void **state)
{
    (void)state;
    char *s = xasprintf("%s-%05d", "id", 42);
    assert_string_equal(s, "id-00042");
    free(s);
    s = xstrndup("abcdef", 3);
    assert_string_equal(s, "abc");
    free(s);
    s = xstrndup("ab", 10);
    assert_string_equal(s, "ab");
    free(s);
}

static void test_str_to_llong_bounds(void **state)
{
    (void)state;
    long long v = -1;
    assert_true(str_to_llong("1", 1, 1000, &v));
    assert_int_equal(v, 1);
    assert_true(str_to_llong("1000", 1, 1000, &v));
    assert_int_equal(v, 1000);
    assert_false(str_to_llong("0", 1, 1000, &v));
    assert_false(str_to_llong("1001", 1, 1000, &v));
    assert_false(str_to_llong("", 1, 1000, &v));
    assert_false(str_to_llong(" 5", 1, 1000, &v));
    assert_false(str_to_llong("5 ", 1, 1000, &v));
    assert_false(str_to_llong("1.5", 1, 1000, &v));
    assert_false(str_to_llong("+5", 1, 1000, &v));
    assert_false(str_to_llong("abc", 1, 1000, &v));
    assert_false(str_to_llong("99999999999999999999999", 1, INT64_MAX, &v));
    assert_true(str_to_llong("-3", -5, 5, &v));
    assert_int_equal(v, -3);
    assert_false(str_to_llong(NULL, 0, 1, &v));
}

static void test_str_to_rate(void **state)
{
    (void)state;
    double r = -1;
    assert_true(str_to_rate("0", &r));
    assert_true(r == 0.0);
    assert_true(str_to_rate("0.25", &r));
    assert_true(r == 0.25);
    assert_true(str_to_rate("1", &r));
    assert_true(r == 1.0);
    assert_false(str_to_rate("1.01", &r));
    assert_false(str_to_rate("-0.1", &r));
    assert_false(str_to_rate("nan", &r));
    assert_false(str_to_rate("0.5x", &r));
    assert_false(str_to_rate("", &r));
}

static void test_base64url_round_trip(void **state)
{
    (void)state;
    const char *samples[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar", "t:1234567",
                             "\xff\xfe\xfd binary \x01"};
    for (size_t i = 0; i < ARRAY_SIZE(samples); i++) {
        char *enc = util_base64url_encode(samples[i], strlen(samples[i]));
        assert_null(strpbrk(enc, "+/="));
        size_t n = 0;
        char *dec = util_base64url_decode(enc, &n);
        assert_non_null(dec);
        assert_int_equal(n, strlen(samples[i]));
        assert_memory_equal(dec, samples[i], n);
        free(enc);
        free(dec);
    }
    struct strbuf sb = SB_INIT;
    sb_grow(&sb, 10);
    assert_string_equal(sb.buf, ""); /* grown but empty is still a string */
    sb_free(&sb);
    char *enc = util_base64url_encode("foobar", 6);
    assert_string_equal(enc, "Zm9vYmFy");
    free(enc);
}

/* RFC 4648 section 10 test vectors, and bytes that differ between the alphabets. */
static void test_base64_standard(void **state)
{
    (void)state;
    static const char *const vec[][2] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                         {"foo", "Zm9v"},  {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
                                         {"foobar", "Zm9vYmFy"}, {"\xfb\xff", "+/8="}};
    for (size_t i = 0; i < sizeof(vec) / sizeof(vec[0]); i++) {
        char *enc = util_base64_encode(vec[i][0], strlen(vec[i][0]));
        assert_string_equal(enc, vec[i][1]);
        free(enc);
    }
}

static void test_base64url_rejects_garbage(void **state)
{
    (void)state;
    size_t n;
    assert_null(util_base64url_decode("Zm9v+mFy", &n)); /* standard alphabet */
    assert_null(util_base64url_decode("Zm9vYmFy=", &n)); /* padding */
    assert_null(util_base64url_decode("Z", &n));         /* impossible length */
    assert_null(util_base64url_decode("Zh", &n));        /* non-zero leftover bits */
    assert_null(util_base64url_decode("Zm 9v", &n));
}

static void test_iso8601(void **state)
{
    (void)state;
    char out[32];
    util_format_iso8601(0, out);
    assert_string_equal(out, "1970-01-01T00:00:00.000Z");
    util_format_iso8601(1795459887123LL, out);
    assert_string_equal(out, "2026-11-23T18:51:27.123Z");
}

static void test_wipe_zeroes(void **state)
{
    (void)state;
    char secret[] = "hunter2";
    util_wipe(secret, sizeof(secret));
    for (size_t i = 0; i < sizeof(secret); i++)
        assert_int_equal(secret[i], 0);
    struct strbuf sb = SB_INIT;
    sb_adds(&sb, "s3cret");
    sb_wipe(&sb);
    assert_null(sb.buf);
    util_free_secret(NULL);
    util_free_secret(xstrdup("gone"));
}

static void test_parse_iso8601_and_uuid(void **state)
{
    (void)state;
    int64_t us;
    assert_true(util_parse_iso8601("1970-01-01", &us));
    assert_int_equal(us, 0);
    assert_true(util_parse_iso8601("1970-01-02T00:00:01.5Z", &us));
    assert_int_equal(us, 86401500000LL);
    assert_true(util_parse_iso8601("2024-02-29T10:00+01:00", &us));
    int64_t plus = us;
    assert_true(util_parse_iso8601("2024-02-29T09:00:00", &us)); /* UTC when no zone */
    assert_int_equal(us, plus);
    assert_true(util_parse_iso8601("2024-02-29T10:00 0100", &us)); /* an unencoded '+' */
    assert_int_equal(us, plus);
    assert_false(util_parse_iso8601("2023-02-29", &us));
    assert_false(util_parse_iso8601("2024-01-01Z", &us));
    assert_false(util_parse_iso8601("2024-01-01T10:00+5", &us));
    assert_true(util_is_uuid("d928b020-94F6-4928-a510-04fc49d5a174"));
    assert_false(util_is_uuid("d928b020-94f6-4928-a510-04fc49d5a17"));
    assert_false(util_is_uuid("d928b020x94f6-4928-a510-04fc49d5a174"));
    assert_false(util_is_uuid("g928b020-94f6-4928-a510-04fc49d5a174"));
}

static void test_percent_decode(void **state)
{
    (void)state;
    struct strbuf sb = SB_INIT;
    assert_true(util_percent_decode("a%20b+c%2Fd", 11, true, &sb));
    assert_string_equal(sb_str(&sb), "a b c/d");
    sb_reset(&sb);
    assert_true(util_percent_decode("a+b", 3, false, &sb));
    assert_string_equal(sb_str(&sb), "a+b");
    sb_reset(&sb);
    assert_true(util_percent_decode("%e6%97%a5", 9, false, &sb));
    assert_string_equal(sb_str(&sb), "\xe6\x97\xa5");
    sb_reset(&sb);
    assert_false(util_percent_decode("secret%00more", 13, false, &sb)); /* NUL */
    sb_reset(&sb);
    assert_false(util_percent_decode("%zz", 3, false, &sb));  /* not hex */
    sb_reset(&sb);
    assert_false(util_percent_decode("ab%4", 4, false, &sb)); /* cut short */
    sb_reset(&sb);
    assert_false(util_percent_decode("ab%", 3, false, &sb));
    sb_reset(&sb);
    assert_true(util_percent_decode("%41%4a%4A", 6, false, &sb)); /* only n bytes are read */
    assert_string_equal(sb_str(&sb), "AJ");
    sb_free(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strbuf_grows_and_stays_terminated),
        cmocka_unit_test(test_xasprintf_and_xstrndup),
        cmocka_unit_test(test_str_to_llong_bounds),
        cmocka_unit_test(test_str_to_rate),
        cmocka_unit_test(test_base64url_round_trip),
        cmocka_unit_test(test_base64url_rejects_garbage),
        cmocka_unit_test(test_base64_standard),
        cmocka_unit_test(test_iso8601),
        cmocka_unit_test(test_wipe_zeroes),
        cmocka_unit_test(test_percent_decode),
        cmocka_unit_test(test_parse_iso8601_and_uuid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

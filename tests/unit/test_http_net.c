/* test_http_net.c: core/http_tls (why a certificate was refused, from OpenSSL's verify codes
 * and from the words of other TLS libraries, which tests/net/tls.sh cannot reach) and
 * core/http_proxy (checking a proxy setting, hiding its credentials, which variable applies). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/http_proxy.h"
#include "core/http_tls.h"
#include "core/status.h"
#include "core/util.h"

static void test_tls_classify_openssl_codes(void **state)
{
    (void)state;
    assert_int_equal(http_tls_classify(10, ""), TLS_EXPIRED);
    assert_int_equal(http_tls_classify(9, ""), TLS_NOT_YET_VALID);
    assert_int_equal(http_tls_classify(18, ""), TLS_SELF_SIGNED);
    assert_int_equal(http_tls_classify(19, ""), TLS_SELF_SIGNED);
    assert_int_equal(http_tls_classify(20, ""), TLS_UNTRUSTED);
    assert_int_equal(http_tls_classify(21, ""), TLS_UNTRUSTED);
    assert_int_equal(http_tls_classify(62, ""), TLS_WRONG_HOST);
    /* the code wins over words */
    assert_int_equal(http_tls_classify(10, "self-signed certificate"), TLS_EXPIRED);
}

static void test_tls_classify_words(void **state)
{
    (void)state;
    /* curl's own host name check (OpenSSL then says "ok") */
    assert_int_equal(http_tls_classify(0, "SSL: no alternative certificate subject name matches "
                                          "target host name '127.0.0.1'"),
                     TLS_WRONG_HOST);
    assert_int_equal(http_tls_classify(0, "SSL: certificate subject name 'a' does not match "
                                          "target host name 'b'"),
                     TLS_WRONG_HOST);
    /* OpenSSL 1.1 and 3 spellings, and GnuTLS's */
    assert_int_equal(http_tls_classify(0, "SSL certificate problem: self signed certificate"),
                     TLS_SELF_SIGNED);
    assert_int_equal(http_tls_classify(0, "SSL certificate problem: self-signed certificate"),
                     TLS_SELF_SIGNED);
    assert_int_equal(http_tls_classify(0, "SSL certificate problem: certificate has expired"),
                     TLS_EXPIRED);
    assert_int_equal(http_tls_classify(0, "server certificate verification failed: "
                                          "certificate expired"),
                     TLS_EXPIRED);
    assert_int_equal(http_tls_classify(0, "SSL certificate problem: certificate is not yet "
                                          "valid"),
                     TLS_NOT_YET_VALID);
    assert_int_equal(http_tls_classify(0, "SSL certificate problem: unable to get local issuer "
                                          "certificate"),
                     TLS_UNTRUSTED);
    assert_int_equal(http_tls_classify(0, "The certificate issuer is not known"), TLS_UNTRUSTED);
    assert_int_equal(http_tls_classify(0, "something else"), TLS_OTHER);
    assert_int_equal(http_tls_classify(0, NULL), TLS_OTHER);
}

static void test_proxy_check(void **state)
{
    (void)state;
    static const char *const good[] = {
        "http://proxy.example.net:3128", "https://proxy.example.net", "socks5h://127.0.0.1:1080",
        "socks4a://p:1", "http://user:pa%40ss@proxy:8080", "proxy.example.net:3128",
        "http://[::1]:3128/",
    };
    static const char *const bad[] = {
        "ftp://proxy:21", "http://", "http://proxy:3128/path", "http://proxy:3128/?q=1",
        "http://proxy:3128/#f", "not a url at all", "http://proxy:99999",
    };
    for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
        struct tn_error err = {0};
        if (!http_proxy_check(good[i], &err))
            fail_msg("'%s' refused: %s", good[i], err.message);
        err_clear(&err);
    }
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        struct tn_error err = {0};
        if (http_proxy_check(bad[i], &err))
            fail_msg("'%s' accepted", bad[i]);
        assert_int_equal(err.code, ST_USAGE);
        assert_non_null(strstr(err.message, "\"proxy\" is not a proxy URL"));
        err_clear(&err);
    }
    /* the message never quotes the value (it may hold a password) */
    struct tn_error err = {0};
    assert_false(http_proxy_check("ftp://user:s3cr3t@proxy:21", &err));
    assert_null(strstr(err.message, "s3cr3t"));
    assert_null(strstr(err.hint ? err.hint : "", "s3cr3t"));
    err_clear(&err);
}

static void test_proxy_credentials_hidden(void **state)
{
    (void)state;
    assert_true(http_proxy_has_credentials("http://user:pw@proxy:3128"));
    assert_true(http_proxy_has_credentials("user@proxy:3128"));
    assert_false(http_proxy_has_credentials("http://proxy:3128"));
    assert_false(http_proxy_has_credentials(NULL));
    char *shown = http_proxy_display("http://user:pw@proxy:3128");
    assert_string_equal(shown, "http://proxy:3128");
    free(shown);
    shown = http_proxy_display("proxy.example.net:3128");
    assert_string_equal(shown, "http://proxy.example.net:3128");
    free(shown);
}

static void test_proxy_of(void **state)
{
    (void)state;
    const char *source = NULL;
    unsetenv("https_proxy");
    unsetenv("HTTPS_PROXY");
    unsetenv("all_proxy");
    unsetenv("ALL_PROXY");
    unsetenv("http_proxy");
    assert_null(http_proxy_of("https://h/", NULL, &source));
    setenv("HTTPS_PROXY", "http://p:1", 1);
    assert_string_equal(http_proxy_of("https://h/", NULL, &source), "http://p:1");
    assert_string_equal(source, "HTTPS_PROXY");
    /* http URLs take http_proxy (lower case only, as curl does) */
    assert_null(http_proxy_of("http://127.0.0.1/", NULL, &source));
    setenv("ALL_PROXY", "http://all:2", 1);
    assert_string_equal(http_proxy_of("http://127.0.0.1/", NULL, &source), "http://all:2");
    /* the profile's setting wins */
    assert_string_equal(http_proxy_of("https://h/", "http://mine:3", &source), "http://mine:3");
    assert_string_equal(source, "proxy");
    unsetenv("HTTPS_PROXY");
    unsetenv("ALL_PROXY");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tls_classify_openssl_codes),
        cmocka_unit_test(test_tls_classify_words),
        cmocka_unit_test(test_proxy_check),
        cmocka_unit_test(test_proxy_credentials_hidden),
        cmocka_unit_test(test_proxy_of),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

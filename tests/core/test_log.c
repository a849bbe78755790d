/* test_log.c: core/log: redaction of protocol text and the debug log file. */
#include "config.h"

#include "../sandbox/harness.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/status.h"
#include "core/util.h"

/* log_redact of text, as a new string. */
static char *redact(const char *text)
{
    struct strbuf out = SB_INIT;
    log_redact(text, strlen(text), &out);
    return sb_steal(&out);
}

/* Fail unless redacting in gives exactly want. */
static void check_redact(const char *in, const char *want)
{
    char *got = redact(in);
    if (strcmp(got, want) != 0)
        fail_msg("log_redact(\"%s\")\n  gave \"%s\"\n  want \"%s\"", in, got, want);
    free(got);
}

/* A new file name in the test folder (not created). */
static char *tmp_path(const char *name)
{
    const char *dir = getenv("TENANTRY_TEST_TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    mkdir(dir, 0777);
    char *path = xasprintf("%s/core-log-%ld-%s", dir, (long)getpid(), name);
    unlink(path);
    return path;
}

/* ------------------------------------------------------------------ log_redact */

static void test_redact_bearer_header_keeps_crlf(void **state)
{
    (void)state;
    check_redact("Authorization: Bearer abc\r\n", "Authorization: [redacted]\r\n");
    /* no line end at all */
    check_redact("Authorization: Bearer abc", "Authorization: [redacted]");
    /* no space after the colon */
    check_redact("Authorization:Bearer abc\r\n", "Authorization: [redacted]\r\n");
}

static void test_redact_is_case_insensitive(void **state)
{
    (void)state;
    check_redact("authorization: Bearer abc\r\n", "authorization: [redacted]\r\n");
    check_redact("AUTHORIZATION: Basic dXNlcjpwYXNz\r\n", "AUTHORIZATION: [redacted]\r\n");
    check_redact("aUtHoRiZaTiOn: Bearer abc\n", "aUtHoRiZaTiOn: [redacted]\n");
}

static void test_redact_proxy_authorization_and_cookies(void **state)
{
    (void)state;
    check_redact("Proxy-Authorization: Basic dXNlcjpwYXNz\r\n",
                 "Proxy-Authorization: [redacted]\r\n");
    check_redact("proxy-authorization: Basic x\r\n", "proxy-authorization: [redacted]\r\n");
    check_redact("Cookie: session=s3cr3t; theme=dark\r\n", "Cookie: [redacted]\r\n");
    check_redact("cookie: session=s3cr3t\r\n", "cookie: [redacted]\r\n");
    check_redact("Set-Cookie: session=s3cr3t; HttpOnly\r\n", "Set-Cookie: [redacted]\r\n");
}

static void test_redact_http2_pseudo_lines_keep_bracket(void **state)
{
    (void)state;
    check_redact("[HTTP/2] [1] [authorization: Bearer abc]",
                 "[HTTP/2] [1] [authorization: [redacted]]");
    check_redact("[HTTP/2] [1] [authorization: Bearer abc]\n",
                 "[HTTP/2] [1] [authorization: [redacted]]\n");
    check_redact("[HTTP/2] [3] [cookie: a=b; c=d]\r\n", "[HTTP/2] [3] [cookie: [redacted]]\r\n");
    check_redact("[HTTP/2] [1] [proxy-authorization: Basic eA==]",
                 "[HTTP/2] [1] [proxy-authorization: [redacted]]");
    /* other pseudo-lines pass unchanged */
    check_redact("[HTTP/2] [1] [:path: /v1/tenants]\n", "[HTTP/2] [1] [:path: /v1/tenants]\n");
}

static void test_redact_multi_line_block(void **state)
{
    (void)state;
    const char *in = "POST /v1/tenants HTTP/1.1\r\n"
                     "Host: 127.0.0.1:8642\r\n"
                     "Authorization: Bearer eyJhbGciOiJub25lIn0.e30.sig\r\n"
                     "Accept: application/json\r\n"
                     "Cookie: a=1\r\n"
                     "Content-Type: application/json\r\n"
                     "\r\n";
    const char *want = "POST /v1/tenants HTTP/1.1\r\n"
                       "Host: 127.0.0.1:8642\r\n"
                       "Authorization: [redacted]\r\n"
                       "Accept: application/json\r\n"
                       "Cookie: [redacted]\r\n"
                       "Content-Type: application/json\r\n"
                       "\r\n";
    check_redact(in, want);
    char *got = redact(in);
    assert_null(strstr(got, "eyJ"));
    assert_null(strstr(got, "a=1"));
    free(got);
}

static void test_redact_url_credentials(void **state)
{
    (void)state;
    /* curl's line when it takes a proxy from the environment */
    check_redact("Uses proxy env variable HTTPS_PROXY == 'http://u:s3cr3t@10.0.0.1:3128'\n",
                 "Uses proxy env variable HTTPS_PROXY == 'http://[redacted]@10.0.0.1:3128'\n");
    /* a raw '@' in the password, several URLs, a URL without credentials */
    check_redact("a http://u:p@ss@h:1/x b socks5h://x@y c https://h/p@q",
                 "a http://[redacted]@h:1/x b socks5h://[redacted]@y c https://h/p@q");
    /* curl's "Proxy auth using Basic with user 'name'" */
    check_redact("Proxy auth using Basic with user 'bob'\n",
                 "Proxy auth using Basic with user '[redacted]'\n");
    check_redact("with user 'unterminated", "with user '[redacted]");
    /* the standalone form, for error messages */
    struct strbuf out = SB_INIT;
    const char *msg = "Unsupported proxy scheme for 'ftp://u:pw@h:1'";
    log_redact_credentials(msg, strlen(msg), &out);
    assert_string_equal(sb_str(&out), "Unsupported proxy scheme for 'ftp://[redacted]@h:1'");
    sb_free(&out);
}

static void test_redact_leaves_mentions_alone(void **state)
{
    (void)state;
    static const char *const same[] = {
        "GET /authorization-docs HTTP/1.1\r\n",
        "GET /v1/authorization:check HTTP/1.1\r\n",
        "Location: https://example.test/authorization\r\n",
        "Referer: https://example.test/?next=authorization:x\r\n",
        "X-Note: authorization required\r\n",
        "X-Authorization-Hint: use a token\r\n",
        "WWW-Authenticate: Bearer realm=\"api\"\r\n",
        "HTTP/1.1 401 Unauthorized\r\n",
        "* Connected to 127.0.0.1 (127.0.0.1) port 8642 (#0)\n",
        "",
        "\r\n",
    };
    for (size_t i = 0; i < ARRAY_SIZE(same); i++)
        check_redact(same[i], same[i]);
}

static void test_redact_respects_len(void **state)
{
    (void)state;
    /* only the first len bytes are used: the secret after them is not even copied */
    const char *text = "Accept: */*\r\nAuthorization: Bearer abc";
    struct strbuf out = SB_INIT;
    log_redact(text, strlen("Accept: */*\r\n"), &out);
    assert_string_equal(sb_str(&out), "Accept: */*\r\n");
    sb_reset(&out);
    log_redact(text, strlen(text), &out);
    assert_string_equal(sb_str(&out), "Accept: */*\r\nAuthorization: [redacted]");
    sb_free(&out);
}

/* ------------------------------------------------------------------ the log file */

static void test_log_open_creates_0600_file(void **state)
{
    (void)state;
    char *path = tmp_path("mode.log");
    mode_t old = umask(0); /* the mode must come from log_open, not from the umask */
    struct tn_error err = {0};
    bool ok = log_open(path, &err);
    umask(old);
    assert_true(ok);
    assert_int_equal(err.code, ST_OK);
    assert_true(log_enabled());
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 07777, 0600);
    log_close();
    assert_false(log_enabled());
    unlink(path);
    free(path);
}

static void test_log_open_appends(void **state)
{
    (void)state;
    char *path = tmp_path("append.log");
    struct tn_error err = {0};
    assert_true(log_open(path, &err));
    log_printf("first %d", 1);
    log_close();
    assert_true(log_open(path, &err));
    log_printf("second %s", "line");
    log_close();
    char *text = file_read(path, false);
    const char *first = strstr(text, " first 1\n");
    const char *second = strstr(text, " second line\n");
    assert_non_null(first);
    assert_non_null(second);
    assert_true(first < second);
    free(text);
    unlink(path);
    free(path);
}

static void test_log_open_failure_sets_error(void **state)
{
    (void)state;
    struct tn_error err = {0};
    assert_false(log_open("/nonexistent-dir-for-tenantry/x.log", &err));
    assert_int_not_equal(err.code, ST_OK);
    assert_non_null(err.message);
    assert_non_null(strstr(err.message, "/nonexistent-dir-for-tenantry/x.log"));
    assert_false(log_enabled());
    err_clear(&err);
}

static void test_log_protocol_tags_lines_without_secrets(void **state)
{
    (void)state;
    char *path = tmp_path("protocol.log");
    struct tn_error err = {0};
    assert_true(log_open(path, &err));
    const char *out = "GET /v1/tenants HTTP/1.1\r\n"
                      "Host: 127.0.0.1\r\n"
                      "Authorization: Bearer TOPSECRETTOKEN\r\n"
                      "Cookie: sid=COOKIESECRET\r\n"
                      "\r\n";
    log_protocol(">", out, strlen(out));
    const char *in = "HTTP/1.1 200 OK\r\nSet-Cookie: sid=SETCOOKIESECRET\r\n\r\n";
    log_protocol("<", in, strlen(in));
    const char *h2 = "[HTTP/2] [1] [authorization: Bearer H2SECRET]\n";
    log_protocol("*", h2, strlen(h2));
    log_close();
    /* nothing is written without an open log */
    log_protocol(">", out, strlen(out));
    log_printf("not written");

    char *text = file_read(path, false);
    assert_null(strstr(text, "TOPSECRETTOKEN"));
    assert_null(strstr(text, "COOKIESECRET"));
    assert_null(strstr(text, "H2SECRET"));
    assert_null(strstr(text, "not written"));
    assert_null(strchr(text, '\r'));

    static const char *const want[] = {
        "> GET /v1/tenants HTTP/1.1",
        "> Host: 127.0.0.1",
        "> Authorization: [redacted]",
        "> Cookie: [redacted]",
        "< HTTP/1.1 200 OK",
        "< Set-Cookie: [redacted]",
        "* [HTTP/2] [1] [authorization: [redacted]]",
    };
    /* one log line per protocol line, each "TIMESTAMP TAG TEXT"; blank lines dropped */
    size_t n = 0;
    for (char *line = text, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        assert_non_null(nl);
        *nl = '\0';
        char *sp = strchr(line, ' ');
        assert_non_null(sp);
        assert_true(sp - line >= 20); /* an ISO 8601 stamp such as 2026-01-02T03:04:05.678Z */
        assert_int_equal(line[4], '-');
        assert_int_equal(sp[-1], 'Z');
        if (n >= ARRAY_SIZE(want))
            fail_msg("unexpected extra log line \"%s\"", line);
        assert_string_equal(sp + 1, want[n]);
        n++;
    }
    assert_int_equal(n, ARRAY_SIZE(want));
    free(text);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_redact_bearer_header_keeps_crlf),
        cmocka_unit_test(test_redact_is_case_insensitive),
        cmocka_unit_test(test_redact_proxy_authorization_and_cookies),
        cmocka_unit_test(test_redact_http2_pseudo_lines_keep_bracket),
        cmocka_unit_test(test_redact_multi_line_block),
        cmocka_unit_test(test_redact_url_credentials),
        cmocka_unit_test(test_redact_leaves_mentions_alone),
        cmocka_unit_test(test_redact_respects_len),
        cmocka_unit_test(test_log_open_creates_0600_file),
        cmocka_unit_test(test_log_open_appends),
        cmocka_unit_test(test_log_open_failure_sets_error),
        cmocka_unit_test(test_log_protocol_tags_lines_without_secrets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

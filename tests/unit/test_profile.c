/* test_profile.c: core/profile: loading and validation (the save: test_profile_save.c). */
#include "config.h"

#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/http.h"
#include "core/profile.h"
#include "core/util.h"
#include "profile_fixture.h"

/* Load text (written with mode) and expect failure with every NULL-ended fragment in the
 * message; returns the error for more checks (caller clears it). */
static struct tn_error load_fails(const char *text, mode_t mode, ...)
{
    char *path = write_file("config", text, mode);
    struct profile_set set;
    struct tn_error err = {0};
    assert_false(profile_load(path, &set, &err));
    assert_non_null(err.message);
    assert_int_equal(strncmp(err.message, path, strlen(path)), 0); /* names the file */
    assert_null(strstr(err.message, "s3cr3t-value"));             /* never the secret */
    assert_null(set.v);
    va_list ap;
    va_start(ap, mode);
    for (const char *frag; (frag = va_arg(ap, const char *));) {
        if (!strstr(err.message, frag))
            fail_msg("\"%s\" not in \"%s\"", frag, err.message);
    }
    va_end(ap);
    free(path);
    return err;
}

/* Shorthand for a failure whose error needs no more checks. */
#define LOAD_FAILS(text, ...)                                      \
    do {                                                           \
        struct tn_error e_ = load_fails(text, 0600, __VA_ARGS__); \
        err_clear(&e_);                                            \
    } while (0)

static const char full_text[] =
    "# every field\n"
    "default_profile = \"demo\";\n"
    "profiles = (\n"
    "  { name = \"demo\"; api = \"mattr\"; url = \"http://127.0.0.1:8642\";\n"
    "    auth_url = \"http://127.0.0.1:8642/oauth/token\"; audience = \"https://manage.sandbox.tenantry.test\";\n"
    "    client_id = \"12345678901234567890\"; client_secret = \"tenantry-demo-secret\";\n"
    "    readonly = true; production = true; page_size = 250; timeout = 0x3c; ca_file = \"/etc/ca.pem\"; },\n"
    "  " GOOD("prod", "client_secret_command = \"pass show mattr/prod 99999999999\";") "\n"
    ");\n";

static void test_load_all_fields(void **state)
{
    (void)state;
    struct profile_set set;
    load_ok(full_text, 0600, &set);
    assert_true(set.exists);
    assert_int_equal(set.n, 2);
    assert_string_equal(set.default_name, "demo");
    const struct profile *p = profile_find(&set, "demo");
    assert_ptr_equal(p, &set.v[0]);
    assert_string_equal(p->api, "mattr");
    assert_string_equal(p->url, "http://127.0.0.1:8642");
    assert_string_equal(p->auth_url, "http://127.0.0.1:8642/oauth/token");
    assert_string_equal(p->audience, "https://manage.sandbox.tenantry.test");
    assert_string_equal(p->client_id, "12345678901234567890"); /* digits in strings untouched */
    assert_string_equal(p->client_secret, "tenantry-demo-secret");
    assert_null(p->client_secret_env);
    assert_null(p->client_secret_command);
    assert_string_equal(p->ca_file, "/etc/ca.pem");
    assert_true(p->readonly);
    assert_true(p->production);
    assert_int_equal(p->page_size, 250);
    assert_int_equal(p->timeout, 60);
    assert_string_equal(set.v[1].client_secret_command, "pass show mattr/prod 99999999999");
    assert_null(profile_find(&set, "nope"));
    struct tn_error err = {0};
    assert_ptr_equal(profile_default(&set, &err), p);
    profile_set_free(&set);
}

static void test_defaults(void **state)
{
    (void)state;
    struct profile_set set;
    load_ok("profiles = ( " GOOD("only", ENVSRC) " );", 0644, &set);
    const struct profile *p = &set.v[0];
    assert_string_equal(p->api, "mattr");
    assert_int_equal(p->page_size, PROFILE_DEFAULT_PAGE_SIZE);
    assert_int_equal(p->timeout, PROFILE_DEFAULT_TIMEOUT);
    assert_false(p->readonly);
    assert_false(p->production);
    assert_null(p->ca_file);
    assert_null(set.default_name);
    struct tn_error err = {0};
    assert_ptr_equal(profile_default(&set, &err), p); /* the only one */
    profile_set_free(&set);
}

static void test_missing_file(void **state)
{
    (void)state;
    char *path = xasprintf("%s/none/config", tmpdir);
    struct profile_set set;
    struct tn_error err = {0};
    assert_true(profile_load(path, &set, &err));
    assert_false(set.exists);
    assert_int_equal(set.n, 0);
    assert_null(profile_default(&set, &err));
    assert_int_equal(err.code, ST_USAGE);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.hint, "tenantry --demo"));
    err_clear(&err);
    profile_set_free(&set);
    free(path);
    assert_false(profile_load(NULL, &set, &err)); /* no home folder: say what to do */
    assert_non_null(strstr(err.hint, "-c FILE"));
    err_clear(&err);
    path = xasprintf("%s/dir", tmpdir); /* other open errors are errors */
    assert_int_equal(mkdir(path, 0700), 0);
    assert_false(profile_load(path, &set, &err));
    assert_non_null(strstr(err.message, path));
    err_clear(&err);
    free(path);
}

static void test_parse_error_names_line(void **state)
{
    (void)state;
    char *path = xasprintf("%s/config", tmpdir);
    char *want = xasprintf("%s:3: ", path);
    struct tn_error err = load_fails("profiles = (\n  { name = \"a\"\n);\n", 0600, want, NULL);
    assert_int_equal(err.code, ST_USAGE);
    err_clear(&err);
    free(want);
    free(path);
}

static void test_missing_required_fields(void **state)
{
    (void)state;
    static const char *const fields[][2] = {
        {"name", "name = \"p\"; "},
        {"url", "url = \"https://a.example\"; "},
        {"auth_url", "auth_url = \"https://a.example/t\"; "},
        {"audience", "audience = \"x\"; "},
        {"client_id", "client_id = \"x\"; "},
    };
    for (size_t skip = 0; skip < ARRAY_SIZE(fields); skip++) {
        struct strbuf text = SB_INIT;
        sb_adds(&text, "profiles = ( { " ENVSRC " ");
        for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
            if (i != skip)
                sb_adds(&text, fields[i][1]);
        sb_adds(&text, "} );\n");
        char *want = xasprintf("%s: missing field \"%s\"", skip ? "profile \"p\"" : "profile #1",
                               fields[skip][0]);
        LOAD_FAILS(sb_str(&text), want, NULL);
        free(want);
        sb_free(&text);
    }
}

static void test_secret_sources(void **state)
{
    (void)state;
    LOAD_FAILS("profiles = ( " GOOD("two", INLINE ENVSRC) " );", "profile \"two\"", "only one",
               NULL);
    LOAD_FAILS("profiles = ( " GOOD("none", "") " );", "profile \"none\"", "no client secret", NULL);
    LOAD_FAILS("profiles = ( " GOOD("e", "client_secret_env = \"A-B\";") " );",
               "client_secret_env", NULL);
    LOAD_FAILS("profiles = ( " GOOD("e", "client_secret = \"\";") " );",
               "field \"client_secret\" is empty", NULL);
}

/* Load one profile whose url (or auth_url) is u; true when accepted. The verdict, message and
 * hint must be the HTTP layer's (http_url_allowed), the message after the file, profile and
 * field: a profile that validates must not have every request refused. */
static bool url_accepted(const char *field, const char *u)
{
    char *text = xasprintf("profiles = ( { name = \"u\"; %s = \"%s\"; %s = \"https://ok.example\"; "
                           "audience = \"a\"; client_id = \"c\"; " ENVSRC " } );",
                           field, u, strcmp(field, "url") ? "url" : "auth_url");
    char *path = write_file("config", text, 0600);
    struct profile_set set;
    struct tn_error err = {0}, http_err = {0};
    bool ok = profile_load(path, &set, &err);
    if (ok != http_url_allowed(u, &http_err))
        fail_msg("%s = \"%s\": the profile says %d, the HTTP layer %d", field, u, ok, !ok);
    if (ok) {
        assert_string_equal(strcmp(field, "url") ? set.v[0].auth_url : set.v[0].url, u);
    } else {
        char *want = xasprintf("%s: profile \"u\": field \"%s\": %s", path, field,
                               http_err.message);
        assert_string_equal(err.message, want);
        assert_int_equal(err.code, ST_USAGE);
        if (http_err.hint)
            assert_string_equal(err.hint, http_err.hint);
        else
            assert_null(err.hint);
        free(want);
    }
    err_clear(&http_err);
    err_clear(&err);
    profile_set_free(&set);
    free(path);
    free(text);
    return ok;
}

static void test_urls(void **state)
{
    (void)state;
    static const char *const fields[] = {"url", "auth_url"};
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        const char *f = fields[i];
        assert_true(url_accepted(f, "https://api.example.com/v1"));
        assert_true(url_accepted(f, "http://127.0.0.1:8642"));
        assert_true(url_accepted(f, "http://127.9.8.7/x"));
        assert_true(url_accepted(f, "http://[::1]:8642/oauth/token"));
        assert_true(url_accepted(f, "http://localhost:8080"));
        assert_false(url_accepted(f, "http://api.example.com"));
        assert_false(url_accepted(f, "http://127.0.0.1.evil.example/"));
        assert_false(url_accepted(f, "http://128.0.0.1/"));
        assert_false(url_accepted(f, "http://[::2]/"));
        assert_false(url_accepted(f, "ftp://127.0.0.1/"));
        assert_false(url_accepted(f, "api.example.com"));
        assert_false(url_accepted(f, "https://"));
        assert_false(url_accepted(f, "http://localhost.:1")); /* the HTTP layer refuses it */
        assert_false(url_accepted(f, "http://LOCALHOST.:8642/oauth/token"));
    }
    /* profile_validate (profile add) applies the same rule */
    struct profile p = {.name = (char[]){"v"}, .url = (char[]){"http://localhost.:1"},
                        .auth_url = (char[]){"https://auth.example/oauth/token"},
                        .audience = (char[]){"a"}, .client_id = (char[]){"c"},
                        .client_secret_env = (char[]){"TN_TEST_SECRET"}};
    struct tn_error err = {0};
    assert_false(profile_validate(&p, &err));
    assert_int_equal(err.code, ST_USAGE);
    assert_string_equal(err.message, "profile \"v\": field \"url\": 'http://localhost.:1' "
                                     "uses plain http to a host that is not this machine");
    assert_non_null(strstr(err.hint, "loopback"));
    err_clear(&err);
    p.url = (char[]){"http://localhost:1"};
    assert_true(profile_validate(&p, &err));
}

static void test_unknown_field_and_types(void **state)
{
    (void)state;
    struct tn_error err = load_fails("profiles = ( " GOOD("t", "client_secert = \"x\";") " );", 0600,
                                     "profile \"t\": unknown field \"client_secert\"", NULL);
    assert_non_null(strstr(err.hint, "client_secret"));
    err_clear(&err);
    LOAD_FAILS("profiles = ( " GOOD("t", ENVSRC "ca_file = 5;") " );",
               "profile \"t\": field \"ca_file\" must be a string", NULL);
    LOAD_FAILS("profiles = ( { name = 7; } );", "profile #1: field \"name\" must be a string", NULL);
    LOAD_FAILS("profiles = ( " GOOD("t", ENVSRC "readonly = \"yes\";") " );",
               "field \"readonly\" must be true or false", NULL);
    LOAD_FAILS("profiles = ( " GOOD("t", ENVSRC "page_size = \"10\";") " );",
               "field \"page_size\" must be a whole number", NULL);
    LOAD_FAILS("profiles = ( " GOOD("t", ENVSRC "timeout = 1.5;") " );",
               "field \"timeout\" must be a whole number", NULL);
    LOAD_FAILS("profiles = ( " GOOD("t", ENVSRC "api = \"soap\";") " );",
               "field \"api\" must be one of: \"mattr\", \"system\"", NULL);
    LOAD_FAILS("profiles = { a = 1; };", "\"profiles\" must be a list", NULL);
    LOAD_FAILS("profiles = ( 1 );", "profile #1 must be a group", NULL);
    LOAD_FAILS("default_profile = 1; profiles = ( " GOOD("t", ENVSRC) " );",
               "default_profile must be a string", NULL);
}

#define SYS(name, more) \
    "{ name = \"" name "\"; api = \"system\"; url = \"http://127.0.0.1:9\"; " more " }"

/* api = "system": url, user and one password source; the MATTR settings are refused. */
static void test_system_profiles(void **state)
{
    (void)state;
    char *path = write_file("config",
                            "profiles = ( " SYS("s1", "user = \"u\"; password = \"s3cr3t-value\";")
                            ", " SYS("s2", "user = \"u\"; password_env = \"PW\"; "
                                           "page_params = \"_page,_limit\";")
                            ", " SYS("s3", "user = \"u\"; password_command = \"pass x\";") " );",
                            0600);
    struct profile_set set;
    struct tn_error err = {0};
    assert_true(profile_load(path, &set, &err));
    assert_int_equal(set.n, 3);
    assert_true(profile_is_system(&set.v[0]));
    struct profile_secret ps = profile_secret_of(&set.v[0]);
    assert_string_equal(ps.inline_value, "s3cr3t-value");
    assert_string_equal(ps.name, "password");
    char page[64], limit[64];
    profile_page_params(&set.v[1], page, limit);
    assert_string_equal(page, "_page");
    assert_string_equal(limit, "_limit");
    profile_page_params(&set.v[0], page, limit);
    assert_string_equal(page, "page");
    assert_string_equal(limit, "limit");
    assert_string_equal(profile_secret_of(&set.v[2]).command, "pass x");
    profile_set_free(&set);
    free(path);

    /* an inline password in a file others can read: refused as a client secret is */
    path = write_file("config", "profiles = ( " SYS("s", "user = \"u\"; password = \"s3cr3t-value\";")
                      " );", 0644);
    assert_false(profile_load(path, &set, &err));
    assert_non_null(strstr(err.hint, "chmod 600"));
    err_clear(&err);
    free(path);

    LOAD_FAILS("profiles = ( " SYS("s", "password = \"p\";") " );", "missing field \"user\"",
               NULL);
    LOAD_FAILS("profiles = ( " SYS("s", "user = \"u\";") " );",
               "no password: set one of password, password_env or password_command", NULL);
    LOAD_FAILS("profiles = ( " SYS("s", "user = \"u\"; password = \"p\"; password_env = \"X\";")
               " );", "set only one of password, password_env and password_command", NULL);
    LOAD_FAILS("profiles = ( " SYS("s", "user = \"u\"; password_env = \"1X\";") " );",
               "field \"password_env\" must name an environment variable", NULL);
    LOAD_FAILS("profiles = ( " SYS("s", "user = \"u\"; password_env = \"X\"; "
                                        "client_id = \"c\";") " );",
               "field \"client_id\" is for api \"mattr\"", NULL);
    LOAD_FAILS("profiles = ( " GOOD("t", ENVSRC "user = \"u\";") " );",
               "field \"user\" is for api \"system\"", NULL);
    /* a user or password in the URL would show in every message: refused */
    LOAD_FAILS("profiles = ( { name = \"s\"; api = \"system\"; "
               "url = \"http://system:s3cr3t-value@127.0.0.1:9\"; user = \"u\"; "
               "password_env = \"X\"; } );",
               "field \"url\" holds a user name or password", NULL);
    LOAD_FAILS("profiles = ( " SYS("s", "user = \"a:b\"; password_env = \"X\";") " );",
               "field \"user\" cannot hold ':'", NULL);
    static const char *const bad_params[] = {"page", "page,page", ",limit", "page,", "a b,c",
                                             "p,l,x"};
    for (size_t i = 0; i < sizeof(bad_params) / sizeof(*bad_params); i++) {
        char *text = xasprintf("profiles = ( " SYS("s", "user = \"u\"; password_env = \"X\"; "
                                                       "page_params = \"%s\";") " );",
                               bad_params[i]);
        LOAD_FAILS(text, "field \"page_params\" must be two different parameter names", NULL);
        free(text);
    }
}

static void test_integer_ranges(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "page_size = 0;", "page_size = 1001;", "page_size = 99999999999;",
        "page_size = 4294967396;", /* 2^32 + 100: libconfig 1.5 would read 100 */
        "page_size = -4294967196;", "page_size = 4294967396L;", "page_size = 0x100000064;",
        "page_size = 99999999999999999999999;", "timeout = 0;", "timeout = 3601;",
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char *text = xasprintf("profiles = ( " GOOD("r", ENVSRC "%s") " );", bad[i]);
        char *path = write_file("config", text, 0600);
        struct profile_set set;
        struct tn_error err = {0};
        if (profile_load(path, &set, &err))
            fail_msg("accepted %s (read as %d/%d)", bad[i], set.v[0].page_size, set.v[0].timeout);
        const char *field = strncmp(bad[i], "page_size", 9) ? "timeout" : "page_size";
        char *want = xasprintf("profile \"r\": field \"%s\" must be between", field);
        /* beyond 64 bits libconfig itself may refuse the literal */
        if (!strstr(err.message, want) && !strstr(err.message, "config:1:"))
            fail_msg("%s: %s", bad[i], err.message);
        free(want);
        err_clear(&err);
        free(path);
        free(text);
    }
    struct profile_set set;
    load_ok("profiles = ( " GOOD("r", ENVSRC "page_size = 1000; timeout = 3600;") ", "
            GOOD("s", ENVSRC "page_size = 1; timeout = 1L;") " ); big = 4294967396; # 99999999999\n",
            0600, &set);
    assert_int_equal(set.v[0].page_size, 1000);
    assert_int_equal(set.v[0].timeout, 3600);
    assert_int_equal(set.v[1].page_size, 1);
    assert_int_equal(set.v[1].timeout, 1);
    profile_set_free(&set);
}

static void test_names(void **state)
{
    (void)state;
    LOAD_FAILS("profiles = ( " GOOD("dup", ENVSRC) ", " GOOD("dup", ENVSRC) " );",
               "profiles #1 and #2 are both called \"dup\"", NULL);
    LOAD_FAILS("profiles = ( " GOOD("bad name", ENVSRC) " );",
               "profile #1: field \"name\" must be 1 to 64", NULL);
    LOAD_FAILS("profiles = ( " GOOD("", ENVSRC) " );", "profile #1: field \"name\" is empty", NULL);
    LOAD_FAILS("profiles = ( " GOOD("a234567890123456789012345678901234567890123456789012345678901234"
                                    "5", ENVSRC) " );", "profile #1: field \"name\"", NULL);
    struct profile_set set;
    load_ok("profiles = ( " GOOD("a234567890123456789012345678901234567890123456789012345678901234",
                                 ENVSRC) ", " GOOD("A.b_c-9", ENVSRC) " );", 0600, &set);
    assert_int_equal(set.n, 2);
    struct tn_error err = {0};
    assert_null(profile_default(&set, &err));
    assert_non_null(strstr(err.message, "no default profile: 2 profiles in"));
    assert_non_null(strstr(err.message, "-p NAME"));
    err_clear(&err);
    profile_set_free(&set);
    LOAD_FAILS("default_profile = \"ghost\"; profiles = ( " GOOD("a", ENVSRC) " );",
               "default_profile \"ghost\" names no profile", NULL);
}

static void test_permissions(void **state)
{
    (void)state;
    char *path = xasprintf("%s/config", tmpdir);
    bool plain = strspn(path, "/._-+:@%,=~0123456789abcdefghijklmnopqrstuvwxyz"
                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(path);
    char *hint = xasprintf(plain ? "Run: chmod 600 %s" : "Run: chmod 600 '%s'", path);
    static const mode_t modes[] = {0644, 0640, 0604, 0610};
    for (size_t i = 0; i < ARRAY_SIZE(modes); i++) {
        char mode[16];
        snprintf(mode, sizeof(mode), "(mode %04o)", (unsigned)modes[i]);
        struct tn_error err = load_fails("profiles = ( " GOOD("p", INLINE) " );", modes[i],
                                         "holds an inline secret (client_secret, password, or a proxy with a password) but others can read it",
                                         mode, NULL);
        assert_int_equal(err.code, ST_USAGE);
        assert_string_equal(err.hint, hint);
        err_clear(&err);
    }
    struct profile_set set;
    load_ok("profiles = ( " GOOD("p", ENVSRC) " );", 0644, &set); /* no secret inside: fine */
    profile_set_free(&set);
    load_ok("profiles = ( " GOOD("p", INLINE) " );", 0600, &set);
    assert_string_equal(set.v[0].client_secret, "s3cr3t-value");
    profile_set_free(&set);
    load_ok("profiles = ( " GOOD("p", INLINE) " );", 0400, &set);
    profile_set_free(&set);
    struct tn_error err = load_fails("profiles = ( " GOOD("p", ENVSRC) " );", 0664,
                                     "can be changed by other users", NULL);
    assert_non_null(strstr(err.hint, "chmod go-w"));
    err_clear(&err);
    if (geteuid() == 0) { /* only root can give a file away */
        char *p = write_file("config", "profiles = ( " GOOD("p", ENVSRC) " );", 0600);
        assert_int_equal(chown(p, 4242, 4242), 0);
        assert_false(profile_load(p, &set, &err));
        assert_non_null(strstr(err.message, "owned by another user (uid 4242)"));
        err_clear(&err);
        free(p);
    }
    free(hint);
    free(path);
}

static void test_default_path(void **state)
{
    (void)state;
    char *old_xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
    char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    setenv("XDG_CONFIG_HOME", "/x/cfg/", 1);
    char *p = profile_default_path();
    assert_string_equal(p, "/x/cfg/tenantry/config");
    free(p);
    setenv("XDG_CONFIG_HOME", "relative", 1);
    setenv("HOME", "/home/u", 1);
    p = profile_default_path();
    assert_string_equal(p, "/home/u/.config/tenantry/config");
    free(p);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("HOME");
    p = profile_default_path();
    assert_non_null(p);
    assert_non_null(strstr(p, "/.config/tenantry/config"));
    assert_true(p[0] == '/');
    free(p);
    if (old_xdg)
        setenv("XDG_CONFIG_HOME", old_xdg, 1);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_xdg);
    free(old_home);
}

/* What profile_group_strings passed: "name=value;" each, and a call limit. */
struct collected {
    struct strbuf sb;
    int calls_left;
};

/* A profile_setting_fn that collects, and fails once its calls are used up. */
static bool collect(void *ud, const char *name, const char *value, struct tn_error *err)
{
    struct collected *c = ud;
    if (c->calls_left-- == 0) {
        err_set(err, ST_USAGE, "stopped at %s", name);
        return false;
    }
    sb_addf(&c->sb, "%s=%s;", name, value);
    return true;
}

static void test_group_strings(void **state)
{
    (void)state;
    struct profile_set set;
    struct tn_error err = {0};
    struct collected c = {SB_INIT, -1};
    /* A keys group next to the profiles is kept, and does not upset loading. */
    load_ok("profiles = ( " GOOD("a", ENVSRC) " );\n"
            "keys = {\n  quit = \"q Q\";\n  move-down = \"j, Down\";\n};\n", 0600, &set);
    assert_int_equal(set.n, 1);
    assert_true(profile_group_strings(&set, NULL, "keys", collect, &c, &err));
    assert_string_equal(sb_str(&c.sb), "quit=q Q;move-down=j, Down;");
    sb_reset(&c.sb);
    assert_true(profile_group_strings(&set, NULL, "nothing", collect, &c, &err));
    assert_int_equal(c.sb.len, 0);
    c.calls_left = 1; /* the first false from fn stops the walk, with fn's error */
    assert_false(profile_group_strings(&set, NULL, "keys", collect, &c, &err));
    assert_string_equal(sb_str(&c.sb), "quit=q Q;");
    assert_string_equal(err.message, "stopped at move-down");
    err_clear(&err);
    sb_reset(&c.sb);
    c.calls_left = -1;
    /* A save keeps the group (libconfig's tree keeps what profile.c does not know). */
    assert_true(profile_set_default(&set, "a", &err));
    assert_true(profile_save(&set, &err));
    profile_set_free(&set);
    char *path = xasprintf("%s/config", tmpdir);
    assert_true(profile_load(path, &set, &err));
    assert_true(profile_group_strings(&set, NULL, "keys", collect, &c, &err));
    assert_string_equal(sb_str(&c.sb), "quit=q Q;move-down=j, Down;");
    sb_reset(&c.sb);
    profile_set_free(&set);

    /* A setting that is not a string: false, naming file and line; the others still pass. */
    load_ok("keys = {\n  quit = \"q\";\n  help = 1;\n  first = \"g\";\n};\n", 0600, &set);
    assert_false(profile_group_strings(&set, NULL, "keys", collect, &c, &err));
    char *want = xasprintf("%s:3: ", path);
    assert_non_null(strstr(err.message, want));
    assert_non_null(strstr(err.message, "help"));
    assert_string_equal(sb_str(&c.sb), "quit=q;first=g;");
    free(want);
    err_clear(&err);
    sb_reset(&c.sb);
    profile_set_free(&set);
    load_ok("keys = ( \"q\" );\n", 0600, &set); /* not a group */
    assert_false(profile_group_strings(&set, NULL, "keys", collect, &c, &err));
    assert_non_null(strstr(err.message, "must be a group"));
    err_clear(&err);
    profile_set_free(&set);

    /* Text instead of the file; no set needed. */
    assert_true(profile_group_strings(NULL, "# built in\nkeys = { help = \"?\"; };\n", "keys",
                                      collect, &c, &err));
    assert_string_equal(sb_str(&c.sb), "help=?;");
    assert_false(profile_group_strings(NULL, "keys = {\n  help = ?;\n};\n", "keys", collect,
                                       &c, &err));
    assert_non_null(strstr(err.message, "built-in keys:2: "));
    err_clear(&err);
    struct profile_set empty = {0}; /* a set with no tree (nothing loaded) */
    assert_true(profile_group_strings(&empty, NULL, "keys", collect, &c, &err));
    sb_free(&c.sb);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_load_all_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse_error_names_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_required_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_secret_sources, setup, teardown),
        cmocka_unit_test_setup_teardown(test_urls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_field_and_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_integer_ranges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
        cmocka_unit_test(test_default_path),
        cmocka_unit_test_setup_teardown(test_system_profiles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_group_strings, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

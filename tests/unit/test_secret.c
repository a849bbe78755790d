/* test_secret.c: core/secret: inline, environment and command secrets, prompts, stdin. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/secret.h"
#include "core/util.h"

/* The secret from command, or NULL with *err set. */
static char *from_command(const char *command, struct tn_error *err)
{
    return secret_resolve(NULL, NULL, command, "prod", "client_secret", err);
}

/* Expect command to fail with ST_AUTH and a message holding want (and never "leak"). */
static void command_fails(const char *command, const char *want)
{
    struct tn_error err = {0};
    char *s = from_command(command, &err);
    if (s)
        fail_msg("%s gave a secret", command);
    assert_int_equal(err.code, ST_AUTH);
    if (!strstr(err.message, want))
        fail_msg("\"%s\" not in \"%s\"", want, err.message);
    assert_non_null(strstr(err.message, "profile \"prod\": client_secret_command"));
    assert_null(strstr(err.message, "leak"));
    err_clear(&err);
}

static void test_inline(void **state)
{
    (void)state;
    struct tn_error err = {0};
    const char *value = "inline-value";
    char *s = secret_resolve(value, NULL, NULL, "p", "client_secret", &err);
    assert_string_equal(s, value);
    assert_ptr_not_equal(s, value);
    util_free_secret(s);
    assert_null(secret_resolve("", NULL, NULL, "p", "client_secret", &err));
    assert_int_equal(err.code, ST_AUTH);
    err_clear(&err);
}

static void test_sources_exactly_one(void **state)
{
    (void)state;
    struct tn_error err = {0};
    assert_null(secret_resolve(NULL, NULL, NULL, "p", "client_secret", &err));
    assert_non_null(strstr(err.message, "exactly one of client_secret, client_secret_env"));
    err_clear(&err);
    assert_null(secret_resolve("x", "HOME", NULL, "p", "client_secret", &err));
    assert_non_null(err.message);
    err_clear(&err);
    assert_null(secret_resolve(NULL, "HOME", "true", "p", "client_secret", &err));
    assert_non_null(err.message);
    err_clear(&err);
}

static void test_environment(void **state)
{
    (void)state;
    struct tn_error err = {0};
    setenv("TN_TEST_SECRET", "from-env", 1);
    char *s = secret_resolve(NULL, "TN_TEST_SECRET", NULL, "p", "client_secret", &err);
    assert_string_equal(s, "from-env");
    util_free_secret(s);
    setenv("TN_TEST_SECRET", "", 1);
    assert_null(secret_resolve(NULL, "TN_TEST_SECRET", NULL, "p", "client_secret", &err));
    assert_int_equal(err.code, ST_AUTH);
    assert_non_null(strstr(err.message, "profile \"p\""));
    assert_non_null(strstr(err.message, "TN_TEST_SECRET"));
    assert_non_null(strstr(err.message, "is empty"));
    err_clear(&err);
    unsetenv("TN_TEST_SECRET");
    assert_null(secret_resolve(NULL, "TN_TEST_SECRET", NULL, "p", "client_secret", &err));
    assert_int_equal(err.code, ST_AUTH);
    assert_non_null(strstr(err.message, "TN_TEST_SECRET"));
    assert_non_null(strstr(err.message, "is not set"));
    err_clear(&err);
}

static void test_command_output(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"printf 'abc\\n'", "abc"},
        {"printf 'abc\\r\\n'", "abc"},
        {"printf 'abc'", "abc"},
        {"printf 'abc\\n\\n'", "abc\n"}, /* only one newline goes */
        {"printf 'a b\\tc\\n'", "a b\tc"},
        {"cat; printf 'stdin was empty'", "stdin was empty"}, /* stdin is /dev/null */
        {"printf '%s' \"$TN_TEST_SECRET\"", "env-reaches-it"},
    };
    setenv("TN_TEST_SECRET", "env-reaches-it", 1);
    int hold[2], saved_stdin = dup(STDIN_FILENO); /* a stdin that never ends: must not be used */
    assert_int_equal(pipe2(hold, O_CLOEXEC), 0);
    assert_int_equal(dup2(hold[0], STDIN_FILENO), STDIN_FILENO);
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct tn_error err = {0};
        char *s = from_command(cases[i][0], &err);
        if (!s)
            fail_msg("%s: %s", cases[i][0], err.message);
        assert_string_equal(s, cases[i][1]);
        util_free_secret(s);
    }
    dup2(saved_stdin, STDIN_FILENO);
    close(saved_stdin);
    close(hold[0]);
    close(hold[1]);
    unsetenv("TN_TEST_SECRET");
}

static void test_command_failures(void **state)
{
    (void)state;
    command_fails("printf 'leak\\n'; exit 3", "exited with status 3");
    command_fails("echo leak; exit 127", "exited with status 127");
    command_fails("true", "printed nothing");
    command_fails("printf '\\n'", "printed nothing");
    command_fails("printf 'leak'; kill -9 $$", "killed by signal 9");
    command_fails("printf 'le\\000ak'", "NUL byte");
    command_fails("head -c 70000 /dev/zero | tr '\\000' x", "more than 64 KiB");
    struct tn_error err = {0};
    char *s = from_command("head -c 65536 /dev/zero | tr '\\000' x", &err);
    assert_non_null(s);
    assert_int_equal(strlen(s), 65536);
    util_free_secret(s);
}

/* Read one secret line from text (n bytes) with secret_read_line. */
static char *line_of(const char *text, size_t n, struct tn_error *err)
{
    FILE *f = fmemopen((void *)(uintptr_t)text, n, "r");
    assert_non_null(f);
    char *s = secret_read_line(f, err);
    fclose(f);
    return s;
}

static void test_read_line(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"abc\n", "abc"}, {"abc\r\n", "abc"}, {"abc", "abc"},
        {"first\nsecond\n", "first"}, {"sp ace\n", "sp ace"},
    };
    struct tn_error err = {0};
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char *s = line_of(cases[i][0], strlen(cases[i][0]), &err);
        assert_non_null(s);
        assert_string_equal(s, cases[i][1]);
        util_free_secret(s);
    }
    static const char *const empty[] = {"", "\n", "\r\n"};
    for (size_t i = 0; i < ARRAY_SIZE(empty); i++) {
        assert_null(line_of(empty[i], strlen(empty[i]), &err));
        assert_int_equal(err.code, ST_USAGE);
        err_clear(&err);
    }
    assert_null(line_of("a\0b\n", 4, &err));
    assert_non_null(strstr(err.message, "NUL"));
    err_clear(&err);
    size_t big = 64 * 1024;
    char *text = xmalloc(big + 3);
    memset(text, 'k', big + 1);
    memcpy(text + big, "\r\n", 3);
    char *s = line_of(text, big + 2, &err); /* exactly 64 KiB: fine */
    assert_non_null(s);
    assert_int_equal(strlen(s), big);
    util_free_secret(s);
    text[big] = 'k';
    assert_null(line_of(text, big + 2, &err)); /* one more byte: too long */
    assert_non_null(strstr(err.message, "64 KiB"));
    err_clear(&err);
    free(text);
    FILE *f = fmemopen((void *)(uintptr_t)"one\ntwo\n", 8, "r"); /* the next line stays */
    s = secret_read_line(f, &err);
    assert_string_equal(s, "one");
    util_free_secret(s);
    s = secret_read_line(f, &err);
    assert_string_equal(s, "two");
    util_free_secret(s);
    fclose(f);
}

/* In a child with no controlling terminal, secret_prompt must refuse. */
static void test_prompt_without_terminal(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct tn_error err = {0};
        if (setsid() < 0)
            _exit(2);
        char *s = secret_prompt("Secret: ", &err);
        _exit(!s && err.code == ST_USAGE && strstr(err.message, "--secret-stdin") ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* Read from the pty master until want shows up (or 5 s pass); everything read in *seen. */
static bool read_until(int master, const char *want, struct strbuf *seen)
{
    int64_t deadline = util_now_ms() + 5000;
    while (!strstr(sb_str(seen), want) && util_now_ms() < deadline) {
        struct pollfd p = {master, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0)
            continue;
        char buf[256];
        ssize_t n = read(master, buf, sizeof(buf));
        if (n <= 0)
            return false;
        sb_add(seen, buf, (size_t)n);
    }
    return strstr(sb_str(seen), want) != NULL;
}

static volatile sig_atomic_t got_sigint;

/* The child's own SIGINT handler, so that it survives Ctrl-C and can report. */
static void on_sigint(int signo)
{
    (void)signo;
    got_sigint = 1;
}

/* Run secret_prompt in a child on a new pty, type input; returns what the child reported:
 * "S:<secret>" or "E:<message>", then "|echo" when echo was back on afterwards and "|sigint"
 * when the child's own SIGINT handler ran. */
static char *prompt_on_pty(const char *input, struct strbuf *screen)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    assert_true(master >= 0);
    assert_int_equal(grantpt(master), 0);
    assert_int_equal(unlockpt(master), 0);
    char *slave = xstrdup(ptsname(master));
    int report[2];
    assert_int_equal(pipe(report), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(report[0]);
        signal(SIGINT, on_sigint);
        if (setsid() < 0)
            _exit(2);
        int fd = open(slave, O_RDWR); /* becomes the controlling terminal */
        if (fd < 0)
            _exit(3);
        struct tn_error err = {0};
        char *s = secret_prompt("Secret: ", &err);
        struct termios t;
        bool echo = tcgetattr(fd, &t) == 0 && (t.c_lflag & ECHO);
        char *msg = xasprintf("%s:%s%s%s", s ? "S" : "E", s ? s : err.message, echo ? "|echo" : "",
                              got_sigint ? "|sigint" : "");
        ssize_t w = write(report[1], msg, strlen(msg));
        _exit(w < 0);
    }
    close(report[1]);
    assert_true(read_until(master, "Secret: ", screen));
    assert_int_equal(write(master, input, strlen(input)), (ssize_t)strlen(input));
    struct strbuf out = SB_INIT;
    char buf[256];
    ssize_t n;
    while ((n = read(report[0], buf, sizeof(buf))) > 0)
        sb_add(&out, buf, (size_t)n);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    read_until(master, "\n", screen);
    close(report[0]);
    close(master);
    free(slave);
    return sb_steal(&out);
}

static void test_prompt_on_terminal(void **state)
{
    (void)state;
    struct strbuf screen = SB_INIT;
    char *got = prompt_on_pty("hunter2\n", &screen);
    assert_string_equal(got, "S:hunter2|echo");
    assert_null(strstr(sb_str(&screen), "hunter2")); /* not echoed */
    assert_non_null(strstr(sb_str(&screen), "\n"));  /* but the line was ended */
    free(got);
    sb_reset(&screen);
    got = prompt_on_pty("\n", &screen);
    assert_string_equal(got, "E:empty secret|echo");
    free(got);
    sb_reset(&screen);
    got = prompt_on_pty("half\003", &screen); /* Ctrl-C while typing: echo comes back */
    assert_string_equal(got, "E:interrupted|echo|sigint"); /* and the signal passed on */
    free(got);
    sb_free(&screen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inline),
        cmocka_unit_test(test_sources_exactly_one),
        cmocka_unit_test(test_environment),
        cmocka_unit_test(test_command_output),
        cmocka_unit_test(test_command_failures),
        cmocka_unit_test(test_read_line),
        cmocka_unit_test(test_prompt_without_terminal),
        cmocka_unit_test(test_prompt_on_terminal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

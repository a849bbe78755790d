/* harness.c: run the real tenantry-sandbox on a free port and read its event log (cmocka). */
#include "config.h"

#include "harness.h"

#include "core/json.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define START_TIMEOUT_MS 60000   /* sanitizer builds start slowly */
#define STOP_TIMEOUT_S 60.0      /* a leak check at exit takes a while */
#define EVENTS_TIMEOUT_S 10.0
#define LISTENING_PREFIX "listening on http://127.0.0.1:"

struct sandbox {
    pid_t pid;
    int port;
    int out_fd;              /* read end of the server's stdout */
    char *events_path;
    char *token;
    CURL *curl;              /* reused, so that connections are kept alive */
    struct sandbox *next;    /* in the list of running sandboxes */
};

static struct sandbox *running;
static unsigned sandbox_seq;

/* ------------------------------------------------------------------ failing */

void harness_fail(const char *file, int line, const char *fmt, ...)
{
    char msg[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    print_error("ERROR: %s\n", msg);
    _fail(file, line);
}

double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
        ;
}

/* ------------------------------------------------------------------ process */

static void curl_init_once(void)
{
    static bool done;
    if (done)
        return;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        FAIL("curl_global_init failed");
    atexit(curl_global_cleanup);
    done = true;
}

static void mkdir_p(const char *dir)
{
    char *path = xstrdup(dir);
    for (char *p = path + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(path, 0777) == -1 && errno != EEXIST) {
                int e = errno;
                free(path);
                FAIL("cannot create %s: %s", dir, strerror(e));
            }
            *p = c;
            if (c == '\0')
                break;
        }
    }
    free(path);
}

static char *new_events_path(void)
{
    const char *dir = getenv("TENANTRY_TEST_TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    mkdir_p(dir);
    char *path = xasprintf("%s/sandbox-%ld-%u.events", dir, (long)getpid(), sandbox_seq++);
    unlink(path);
    return path;
}

/* In the child: stdout to the pipe, every other descriptor closed, die with the parent. */
static void exec_child(char **argv, int out_fd, pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        _exit(127);
    if (dup2(out_fd, STDOUT_FILENO) == -1)
        _exit(127);
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536)
        max = 65536;
    for (int fd = STDERR_FILENO + 1; fd < max; fd++)
        close(fd);
    execv(argv[0], argv);
    fprintf(stderr, "harness: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* Read the server's first line within the start timeout; false with what came otherwise. */
static bool read_first_line(int fd, char *line, size_t size)
{
    size_t len = 0;
    double deadline = mono_now() + START_TIMEOUT_MS / 1000.0;
    line[0] = '\0';
    while (len + 1 < size) {
        int left = (int)((deadline - mono_now()) * 1000.0);
        if (left <= 0)
            return false;
        struct pollfd pfd = {fd, POLLIN, 0};
        int n = poll(&pfd, 1, left);
        if (n == -1 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        ssize_t got = read(fd, line + len, 1);
        if (got == -1 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        if (line[len] == '\n') {
            line[len] = '\0';
            return true;
        }
        line[++len] = '\0';
    }
    return false;
}

static int parse_listening(const char *line)
{
    size_t plen = strlen(LISTENING_PREFIX);
    if (strncmp(line, LISTENING_PREFIX, plen) != 0)
        return -1;
    long long port;
    if (!str_to_llong(line + plen, 1, 65535, &port))
        return -1;
    return (int)port;
}

static void sandbox_unlink(struct sandbox *sb)
{
    for (struct sandbox **p = &running; *p; p = &(*p)->next) {
        if (*p == sb) {
            *p = sb->next;
            return;
        }
    }
}

static void sandbox_free(struct sandbox *sb)
{
    sandbox_unlink(sb);
    if (sb->out_fd >= 0)
        close(sb->out_fd);
    if (sb->curl)
        curl_easy_cleanup(sb->curl);
    if (sb->events_path)
        unlink(sb->events_path);
    free(sb->events_path);
    free(sb->token);
    free(sb);
}

/* Wait for pid until the deadline; true with its status when it ended. */
static bool wait_until(pid_t pid, double seconds, int *status)
{
    double deadline = mono_now() + seconds;
    for (;;) {
        pid_t got = waitpid(pid, status, WNOHANG);
        if (got == pid)
            return true;
        if (got == -1 && errno != EINTR)
            return false;
        if (mono_now() > deadline)
            return false;
        sleep_ms(5);
    }
}

static void describe_status(int status, char *buf, size_t size)
{
    if (WIFEXITED(status))
        snprintf(buf, size, "exit status %d%s", WEXITSTATUS(status),
                 WEXITSTATUS(status) == 86 ? " (a sanitizer report, see stderr)" : "");
    else if (WIFSIGNALED(status))
        snprintf(buf, size, "killed by signal %d", WTERMSIG(status));
    else
        snprintf(buf, size, "status 0x%x", (unsigned)status);
}

struct sandbox *sandbox_startv(const char *const *args)
{
    const char *bin = getenv("TENANTRY_SANDBOX_BIN");
    if (!bin || !*bin)
        FAIL("TENANTRY_SANDBOX_BIN is not set (run the tests with make check)");
    curl_init_once();

    struct sandbox *sb = xcalloc(1, sizeof *sb);
    sb->out_fd = -1;
    sb->events_path = new_events_path();

    size_t nargs = 0;
    while (args && args[nargs])
        nargs++;
    char **argv = xcalloc(nargs + 6, sizeof *argv);
    size_t i = 0;
    argv[i++] = xstrdup(bin);
    argv[i++] = xstrdup("--port");
    argv[i++] = xstrdup("0");
    argv[i++] = xstrdup("--events");
    argv[i++] = xstrdup(sb->events_path);
    for (size_t k = 0; k < nargs; k++)
        argv[i++] = xstrdup(args[k]);
    argv[i] = NULL;

    int fds[2];
    if (pipe2(fds, O_CLOEXEC) == -1)
        FAIL("pipe2: %s", strerror(errno));
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == -1)
        FAIL("fork: %s", strerror(errno));
    if (pid == 0)
        exec_child(argv, fds[1], parent);
    close(fds[1]);
    for (size_t k = 0; k < i; k++)
        free(argv[k]);
    free(argv);
    sb->pid = pid;
    sb->out_fd = fds[0];
    sb->next = running;
    running = sb;

    char line[512];
    bool got = read_first_line(sb->out_fd, line, sizeof line);
    sb->port = got ? parse_listening(line) : -1;
    if (sb->port < 0) {
        char how[128] = "still running";
        int status;
        kill(pid, SIGKILL);
        if (wait_until(pid, STOP_TIMEOUT_S, &status))
            describe_status(status, how, sizeof how);
        sb->pid = 0;
        FAIL("tenantry-sandbox did not say where it listens: first line \"%s\"%s (%s)", line,
             got ? "" : " (incomplete)", how);
    }
    sb->curl = curl_easy_init();
    if (!sb->curl)
        FAIL("curl_easy_init failed");
    return sb;
}

struct sandbox *sandbox_start(const char *arg, ...)
{
    const char *args[64];
    size_t n = 0;
    va_list ap;
    va_start(ap, arg);
    for (const char *a = arg; a; a = va_arg(ap, const char *)) {
        if (n + 1 >= ARRAY_SIZE(args))
            FAIL("too many sandbox arguments");
        args[n++] = a;
    }
    va_end(ap);
    args[n] = NULL;
    return sandbox_startv(args);
}

void sandbox_stop(struct sandbox *sb)
{
    if (!sb)
        return;
    pid_t pid = sb->pid;
    int status = 0;
    bool ended = false;
    if (pid > 0) {
        kill(pid, SIGTERM);
        ended = wait_until(pid, STOP_TIMEOUT_S, &status);
        if (!ended) {
            kill(pid, SIGKILL);
            wait_until(pid, STOP_TIMEOUT_S, &status);
        }
    }
    sandbox_free(sb);
    if (pid <= 0)
        return;
    if (!ended)
        FAIL("tenantry-sandbox (pid %ld) did not stop within %.0f s of SIGTERM", (long)pid,
             STOP_TIMEOUT_S);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char how[128];
        describe_status(status, how, sizeof how);
        FAIL("tenantry-sandbox ended with %s after SIGTERM, not exit status 0", how);
    }
}

int sandbox_reap(void **state)
{
    (void)state;
    while (running) {
        struct sandbox *sb = running;
        if (sb->pid > 0) {
            int status;
            kill(sb->pid, SIGKILL);
            wait_until(sb->pid, STOP_TIMEOUT_S, &status);
        }
        sandbox_free(sb);
    }
    return 0;
}

int sandbox_port(const struct sandbox *sb)
{
    return sb->port;
}

char *sandbox_url(const struct sandbox *sb, const char *path)
{
    return xasprintf("http://127.0.0.1:%d%s", sb->port, path);
}

const char *sandbox_events_path(const struct sandbox *sb)
{
    return sb->events_path;
}

const char *sandbox_token(struct sandbox *sb)
{
    if (sb->token)
        return sb->token;
    struct resp *r = http(sb, "POST", "/oauth/token", NULL, DEMO_TOKEN_BODY, "application/json");
    assert_status(r, 200);
    sb->token = xstrdup(member_string(resp_json(r), "access_token"));
    resp_free(r);
    return sb->token;
}

CURL *sandbox_curl(struct sandbox *sb)
{
    return sb->curl;
}

/* ------------------------------------------------------------------ events */

char *file_read(const char *path, bool missing_ok)
{
    struct strbuf out = SB_INIT;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (!missing_ok || errno != ENOENT)
            FAIL("cannot read %s: %s", path, strerror(errno));
        return sb_steal(&out);
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_add(&out, buf, n);
    fclose(f);
    return sb_steal(&out);
}

char *events_read(const struct sandbox *sb)
{
    return file_read(sb->events_path, true);
}

/* Does line (up to its newline) start with the word name? */
static bool line_named(const char *line, const char *name)
{
    size_t n = strlen(name);
    return strncmp(line, name, n) == 0 &&
           (line[n] == ' ' || line[n] == '\n' || line[n] == '\0');
}

int events_count(const struct sandbox *sb, const char *name)
{
    char *all = events_read(sb);
    int count = 0;
    for (const char *line = all; *line;) {
        count += line_named(line, name);
        const char *nl = strchr(line, '\n');
        if (!nl)
            break;
        line = nl + 1;
    }
    free(all);
    return count;
}

int events_wait(const struct sandbox *sb, const char *name, int n)
{
    double deadline = mono_now() + EVENTS_TIMEOUT_S;
    int count;
    while ((count = events_count(sb, name)) < n && mono_now() < deadline)
        sleep_ms(10);
    return count;
}

char *events_line(const struct sandbox *sb, const char *name, int nth)
{
    char *all = events_read(sb);
    char *found = NULL;
    for (const char *line = all; *line && !found;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (line_named(line, name) && nth-- == 0)
            found = xstrndup(line, len);
        if (!nl)
            break;
        line = nl + 1;
    }
    free(all);
    return found;
}

char *event_field(const char *line, const char *key)
{
    size_t klen = strlen(key);
    for (const char *p = strchr(line, ' '); p; p = strchr(p, ' ')) {
        p++;
        if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
            const char *v = p + klen + 1;
            return xstrndup(v, strcspn(v, " \n"));
        }
    }
    return NULL;
}

void assert_event_field_at(const char *line, const char *key, const char *value,
                           const char *file, int line_no)
{
    char *got = line ? event_field(line, key) : NULL;
    bool same = got && strcmp(got, value) == 0;
    char shown[128];
    snprintf(shown, sizeof shown, "%s", got ? got : "(none)");
    free(got);
    if (!same)
        harness_fail(file, line_no, "event has %s=%s, expected %s: %s", key, shown, value,
                     line ? line : "(no such event)");
}

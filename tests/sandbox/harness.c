/* harness.c: run the real tenantry-sandbox on a free port and talk HTTP to it (cmocka). */
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
#define REQUEST_TIMEOUT_S 120L
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

#define FAIL(...) harness_fail(__FILE__, __LINE__, __VA_ARGS__)

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

/* ------------------------------------------------------------------ HTTP */

struct upload {
    const char *p;
    size_t left;
};

size_t harness_write_cb(char *data, size_t size, size_t n, void *ud)
{
    sb_add(ud, data, size * n);
    return size * n;
}

static size_t read_cb(char *buf, size_t size, size_t n, void *ud)
{
    struct upload *up = ud;
    size_t len = size * n;
    if (len > up->left)
        len = up->left;
    /* Small chunks, so that a chunked body really arrives in many pieces. */
    if (len > 16384)
        len = 16384;
    memcpy(buf, up->p, len);
    up->p += len;
    up->left -= len;
    return len;
}

static void set_header(char **slot, const char *value, size_t len)
{
    free(*slot);
    *slot = xstrndup(value, len);
}

static size_t header_cb(char *data, size_t size, size_t n, void *ud)
{
    struct resp *r = ud;
    size_t len = size * n;
    if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
        /* A new response (after 100 Continue): forget the previous one's headers. */
        free(r->content_type);
        free(r->retry_after);
        free(r->allow);
        r->content_type = r->retry_after = r->allow = NULL;
        return len;
    }
    const char *colon = memchr(data, ':', len);
    if (!colon)
        return len;
    size_t name_len = (size_t)(colon - data);
    const char *v = colon + 1;
    const char *end = data + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
        end--;
    static const struct {
        const char *name;
        size_t offset;
    } wanted[] = {
        {"Content-Type", offsetof(struct resp, content_type)},
        {"Retry-After", offsetof(struct resp, retry_after)},
        {"Allow", offsetof(struct resp, allow)},
    };
    for (size_t i = 0; i < ARRAY_SIZE(wanted); i++) {
        if (strlen(wanted[i].name) == name_len &&
            strncasecmp(data, wanted[i].name, name_len) == 0)
            set_header((char **)((char *)r + wanted[i].offset), v, (size_t)(end - v));
    }
    return len;
}

struct resp *http_send(struct sandbox *sb, const struct req *rq)
{
    CURL *c = sb->curl;
    struct resp *r = xcalloc(1, sizeof *r);
    struct strbuf body = SB_INIT;
    struct curl_slist *headers = NULL;
    struct upload up = {NULL, 0};
    char *url = sandbox_url(sb, rq->path);
    char *h;

    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, REQUEST_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, harness_write_cb);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_cb);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);

    const char *payload = rq->body;
    if (!payload && (strcmp(rq->method, "POST") == 0 || strcmp(rq->method, "PUT") == 0))
        payload = "";
    if (strcmp(rq->method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    else if (strcmp(rq->method, "GET") != 0)
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, rq->method);
    if (payload) {
        size_t len = rq->body_len ? rq->body_len : strlen(payload);
        if (rq->chunked) {
            up.p = payload;
            up.left = len;
            curl_easy_setopt(c, CURLOPT_POST, 1L);
            curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
            curl_easy_setopt(c, CURLOPT_READDATA, &up);
            headers = curl_slist_append(headers, "Transfer-Encoding: chunked");
        } else {
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload);
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
        }
        if (!rq->content_type)
            headers = curl_slist_append(headers, "Content-Type:");
    }
    if (rq->content_type) {
        h = xasprintf("Content-Type: %s", rq->content_type);
        headers = curl_slist_append(headers, h);
        free(h);
    }
    if (rq->authorization || rq->bearer) {
        if (rq->authorization)
            h = xasprintf("Authorization: %s", rq->authorization);
        else
            h = xasprintf("Authorization: Bearer %s", rq->bearer);
        headers = curl_slist_append(headers, h);
        free(h);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);

    double t0 = mono_now();
    r->curl_rc = curl_easy_perform(c);
    r->seconds = mono_now() - t0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    r->len = body.len;
    r->body = sb_steal(&body);

    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(headers);
    free(url);
    return r;
}

struct resp *http(struct sandbox *sb, const char *method, const char *path, const char *bearer,
                  const char *body, const char *content_type)
{
    struct req rq = {
        .method = method,
        .path = path,
        .bearer = bearer,
        .body = body,
        .content_type = content_type,
    };
    return http_send(sb, &rq);
}

struct resp *api(struct sandbox *sb, const char *method, const char *path, const char *body)
{
    const char *token = sandbox_token(sb);
    return http(sb, method, path, token, body, body ? "application/json" : NULL);
}

cJSON *resp_json(struct resp *r)
{
    if (r->json)
        return r->json;
    const char *end = NULL;
    if (strlen(r->body) == r->len)
        r->json = cJSON_ParseWithLengthOpts(r->body, r->len + 1, &end, 1);
    if (!r->json)
        FAIL("the body of a %ld answer is not valid JSON (%zu bytes): %.300s", r->status, r->len,
             r->body);
    return r->json;
}

void resp_free(struct resp *r)
{
    if (!r)
        return;
    cJSON_Delete(r->json);
    free(r->body);
    free(r->content_type);
    free(r->retry_after);
    free(r->allow);
    free(r);
}

/* ------------------------------------------------------------------ assertions */

void assert_status_at(const struct resp *r, long status, const char *file, int line)
{
    if (r->curl_rc != CURLE_OK)
        harness_fail(file, line, "expected HTTP %ld, the transfer failed: %s", status,
                     curl_easy_strerror(r->curl_rc));
    if (r->status != status)
        harness_fail(file, line, "expected HTTP %ld, got %ld: %.500s", status, r->status,
                     r->body);
}

static bool is_json_type(const char *ct)
{
    return ct && strncasecmp(ct, "application/json", 16) == 0 &&
           (ct[16] == '\0' || ct[16] == ';' || ct[16] == ' ');
}

cJSON *assert_error_at(struct resp *r, long status, const char *code, const char *file, int line)
{
    assert_status_at(r, status, file, line);
    if (!is_json_type(r->content_type))
        harness_fail(file, line, "HTTP %ld error: Content-Type is %s, not application/json",
                     status, r->content_type ? r->content_type : "(none)");
    cJSON *j = resp_json(r);
    const char *keys[] = {"code", "type", "message"};
    for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
        if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, keys[i])))
            harness_fail(file, line, "HTTP %ld error body has no string \"%s\": %.500s", status,
                         keys[i], r->body);
    }
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "details")))
        harness_fail(file, line, "HTTP %ld error body has no details array: %.500s", status,
                     r->body);
    const char *got = cJSON_GetObjectItemCaseSensitive(j, "code")->valuestring;
    if (strcmp(got, code) != 0)
        harness_fail(file, line, "HTTP %ld error code is \"%s\", expected \"%s\"", status, got,
                     code);
    return j;
}

void assert_bad_param_at(struct resp *r, const char *location, const char *param,
                         const char *file, int line)
{
    cJSON *j = assert_error_at(r, 400, "BadRequest", file, line);
    const cJSON *d;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(j, "details")) {
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(d, "param");
        if (!cJSON_IsString(p) || strcmp(p->valuestring, param) != 0)
            continue;
        const cJSON *loc = cJSON_GetObjectItemCaseSensitive(d, "location");
        const cJSON *msg = cJSON_GetObjectItemCaseSensitive(d, "msg");
        if (!cJSON_IsString(loc) || strcmp(loc->valuestring, location) != 0)
            harness_fail(file, line, "details entry for \"%s\" has location %s, expected \"%s\": "
                         "%.500s", param, cJSON_IsString(loc) ? loc->valuestring : "(none)",
                         location, r->body);
        if (!cJSON_IsString(msg) || !*msg->valuestring)
            harness_fail(file, line, "details entry for \"%s\" has no msg: %.500s", param,
                         r->body);
        return;
    }
    harness_fail(file, line, "no 400 details entry names param \"%s\": %.500s", param, r->body);
}

/* ------------------------------------------------------------------ small helpers */

bool is_uuid(const char *s)
{
    static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    if (!s || strlen(s) != sizeof shape - 1)
        return false;
    for (size_t i = 0; shape[i]; i++) {
        bool hex = (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f');
        if (shape[i] == '-' ? s[i] != '-' : !hex)
            return false;
    }
    return true;
}

bool is_alnum_id(const char *s, size_t n)
{
    if (!s || strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

const char *member_string(const cJSON *obj, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsString(item)) {
        char *text = obj ? cJSON_PrintUnformatted(obj) : NULL;
        char msg[600];
        snprintf(msg, sizeof msg, "%.500s", text ? text : "(null)");
        cJSON_free(text);
        FAIL("no string member \"%s\" in %s", key, msg);
    }
    return item->valuestring;
}

cJSON *json_literal(const char *text)
{
    cJSON *j = cJSON_Parse(text);
    if (!j)
        FAIL("bad JSON literal in a test: %s", text);
    return j;
}

char *url_escape(const char *s)
{
    struct strbuf out = SB_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            sb_addc(&out, (char)*p);
        else
            sb_addf(&out, "%%%02X", *p);
    }
    return sb_steal(&out);
}

void strlist_add(struct strlist *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
    }
    l->v[l->n++] = xstrdup(s);
}

size_t strlist_count(const struct strlist *l, const char *s)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += strcmp(l->v[i], s) == 0;
    return n;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool strlist_unique(const struct strlist *l)
{
    if (l->n < 2)
        return true;
    char **sorted = xcalloc(l->n, sizeof *sorted);
    memcpy(sorted, l->v, l->n * sizeof *sorted);
    qsort(sorted, l->n, sizeof *sorted, cmp_str);
    bool unique = true;
    for (size_t i = 1; i < l->n && unique; i++)
        unique = strcmp(sorted[i - 1], sorted[i]) != 0;
    free(sorted);
    return unique;
}

void strlist_free(struct strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* ------------------------------------------------------------------ lists */

struct resp *list_page(struct sandbox *sb, const char *path, int limit, const char *cursor)
{
    struct strbuf url = SB_INIT;
    char sep = strchr(path, '?') ? '&' : '?';
    sb_adds(&url, path);
    if (limit) {
        sb_addf(&url, "%climit=%d", sep, limit);
        sep = '&';
    }
    if (cursor) {
        char *esc = url_escape(cursor);
        sb_addf(&url, "%ccursor=%s", sep, esc);
        free(esc);
    }
    struct resp *r = api(sb, "GET", sb_str(&url), NULL);
    sb_free(&url);
    assert_status(r, 200);
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(resp_json(r), "data")))
        FAIL("a list page has no data array: %.300s", r->body);
    return r;
}

cJSON *page_data(struct resp *page)
{
    return cJSON_GetObjectItemCaseSensitive(resp_json(page), "data");
}

const char *page_next(struct resp *page)
{
    const cJSON *next = cJSON_GetObjectItemCaseSensitive(resp_json(page), "nextCursor");
    if (next && !cJSON_IsString(next))
        FAIL("nextCursor is not a string: %.300s", page->body);
    return next ? next->valuestring : NULL;
}

size_t walk_list(struct sandbox *sb, const char *path, int limit, const char *key,
                 struct strlist *ids)
{
    size_t pages = 0;
    char *cursor = NULL;
    for (;;) {
        struct resp *r = list_page(sb, path, limit, cursor);
        free(cursor);
        cursor = NULL;
        const cJSON *data = page_data(r);
        if (cJSON_GetArraySize(data) == 0) {
            cJSON *empty = json_literal("{\"data\":[]}");
            bool same = cJSON_Compare(empty, resp_json(r), true);
            cJSON_Delete(empty);
            if (!same)
                FAIL("the page after the last row of %s is not exactly {\"data\":[]}: %.300s",
                     path, r->body);
            resp_free(r);
            return pages;
        }
        pages++;
        if (limit && cJSON_GetArraySize(data) > limit)
            FAIL("a page of %s has %d rows, more than limit %d", path, cJSON_GetArraySize(data),
                 limit);
        const cJSON *row;
        cJSON_ArrayForEach(row, data)
            strlist_add(ids, member_string(row, key));
        const char *next = page_next(r);
        if (!next || !*next)
            FAIL("non-empty page %zu of %s has no nextCursor", pages, path);
        cursor = xstrdup(next);
        resp_free(r);
        if (pages > 100000)
            FAIL("the walk of %s does not end", path);
    }
}

/* ------------------------------------------------------------------ fixtures */

cJSON *environments_get(struct sandbox *sb)
{
    struct resp *r = list_page(sb, "/v1/environments", 1000, NULL);
    cJSON *copy = cJSON_Duplicate(page_data(r), true);
    resp_free(r);
    if (!copy)
        FAIL("out of memory");
    return copy;
}

char *environment_id(struct sandbox *sb, int index)
{
    cJSON *envs = environments_get(sb);
    const cJSON *env = cJSON_GetArrayItem(envs, index);
    if (!env)
        FAIL("there is no environment number %d", index);
    char *id = xstrdup(member_string(env, "id"));
    cJSON_Delete(envs);
    return id;
}

char *tenant_body(const char *name, const char *subdomain, const char *env_id)
{
    cJSON *o = json_new_object();
    if (name)
        json_add_string(o, "name", name);
    json_add_string(o, "subdomain", subdomain);
    json_add_string(o, "environmentId", env_id);
    char *text = json_print(o);
    cJSON_Delete(o);
    return text;
}

cJSON *tenant_create(struct sandbox *sb, const char *label, const char *env_id)
{
    char *own_env = env_id ? NULL : environment_id(sb, 0);
    char *body = tenant_body(label, label, env_id ? env_id : own_env);
    struct resp *r = api(sb, "POST", "/v1/tenants", body);
    free(body);
    free(own_env);
    assert_status(r, 201);
    cJSON *t = cJSON_Duplicate(resp_json(r), true);
    resp_free(r);
    return t;
}

char *tenant_create_id(struct sandbox *sb, const char *label)
{
    cJSON *t = tenant_create(sb, label, NULL);
    char *id = xstrdup(member_string(t, "id"));
    cJSON_Delete(t);
    return id;
}

cJSON *client_create(struct sandbox *sb, const char *tenant_id, const char *name,
                     const char *roles_json)
{
    char *path = xasprintf("/v1/tenants/%s/clients", tenant_id);
    char *body = xasprintf("{\"name\":\"%s\",\"roles\":%s}", name, roles_json);
    struct resp *r = api(sb, "POST", path, body);
    free(body);
    free(path);
    assert_status(r, 201);
    cJSON *c = cJSON_Duplicate(resp_json(r), true);
    resp_free(r);
    return c;
}

char *first_tenant_id(struct sandbox *sb)
{
    struct resp *r = list_page(sb, "/v1/tenants", 1, NULL);
    const cJSON *row = cJSON_GetArrayItem(page_data(r), 0);
    if (!row)
        FAIL("there are no tenants");
    char *id = xstrdup(member_string(row, "id"));
    resp_free(r);
    return id;
}

/* ------------------------------------------------------------------ events */

char *events_read(const struct sandbox *sb)
{
    struct strbuf out = SB_INIT;
    FILE *f = fopen(sb->events_path, "rb");
    if (!f) {
        if (errno != ENOENT)
            FAIL("cannot read %s: %s", sb->events_path, strerror(errno));
        return sb_steal(&out);
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_add(&out, buf, n);
    fclose(f);
    return sb_steal(&out);
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

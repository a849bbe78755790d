/* demo.c: a throwaway tenantry-sandbox on a free loopback port, for --demo. */
#include "config.h"

#include "demo.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/util.h"
#include "install_dirs.h"

#define DEMO_START_TIMEOUT_MS 30000
#define SANDBOX_NAME "tenantry-sandbox"
#define DEMO_SYSTEM_PASSWORD "tenantry-demo-password"

/* Where the sandbox program is: $TENANTRY_SANDBOX, next to this program, BINDIR, or PATH. */
static char *sandbox_path(void)
{
    const char *env = getenv("TENANTRY_SANDBOX");
    if (env && *env)
        return xstrdup(env);
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = '\0';
            char *p = xasprintf("%s/%s", self, SANDBOX_NAME);
            if (access(p, X_OK) == 0)
                return p;
            free(p);
        }
    }
    char *p = xasprintf("%s/%s", BINDIR, SANDBOX_NAME);
    if (access(p, X_OK) == 0)
        return p;
    free(p);
    return xstrdup(SANDBOX_NAME);
}

/* Read one line (up to size-1 bytes) from fd within the deadline; false on EOF or timeout. */
static bool read_line(int fd, char *buf, size_t size, int64_t deadline)
{
    size_t len = 0;
    while (len + 1 < size) {
        int left = (int)(deadline - util_now_ms());
        struct pollfd p = {fd, POLLIN, 0};
        if (left <= 0 || poll(&p, 1, left) <= 0)
            return false;
        ssize_t got = read(fd, buf + len, 1);
        if (got <= 0)
            return false;
        if (buf[len] == '\n') {
            buf[len] = '\0';
            return true;
        }
        len++;
    }
    return false;
}

struct demo *demo_start(char **err)
{
#ifdef WITHOUT_SANDBOX
    const char *env = getenv("TENANTRY_SANDBOX");
    if (!env || !*env) { /* no sandbox of ours to run; one named by the variable still runs */
        *err = xstrdup(_("--demo is unavailable: this tenantry was built without its sandbox "
                         "(./configure --disable-sandbox); TENANTRY_SANDBOX may name a "
                         "tenantry-sandbox program to use"));
        return NULL;
    }
#endif
    int out[2];
    if (pipe2(out, O_CLOEXEC) < 0) {
        *err = xasprintf(_("cannot create a pipe: %s"), strerror(errno));
        return NULL;
    }
    char *path = sandbox_path();
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        /* TRANSLATORS: the sandbox program's path, then the system's error message. */
        *err = xasprintf(_("cannot start %s: %s"), path, strerror(errno));
        free(path);
        close(out[0]);
        close(out[1]);
        return NULL;
    }
    if (pid == 0) {
        /* The sandbox must not outlive us, whatever way we end. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(127);
        dup2(out[1], STDOUT_FILENO);
        util_cloexec_from(STDERR_FILENO + 1); /* no socket or file of ours */
        setenv("TENANTRY_SANDBOX_SYSTEM_PASSWORD", DEMO_SYSTEM_PASSWORD, 1);
        execlp(path, SANDBOX_NAME, "--port", "0", "--tenants", "250", "--environments", "4",
               "--clients", "5", "--system-tenants", "250", "--system-user", "demo",
               "--post-status", "201", (char *)NULL);
        /* TRANSLATORS: the program's name, the sandbox program's path, then the system's error
         * message. */
        fprintf(stderr, _("%s: cannot run %s: %s\n"), util_progname(), path, strerror(errno));
        _exit(127);
    }
    close(out[1]);

    char line[256];
    unsigned port = 0;
    bool ok = read_line(out[0], line, sizeof(line), util_now_ms() + DEMO_START_TIMEOUT_MS) &&
              sscanf(line, "listening on http://127.0.0.1:%u", &port) == 1 && port > 0;
    close(out[0]);
    if (!ok) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        /* TRANSLATORS: %s is the sandbox program's path. */
        *err = xasprintf(_("the demo server (%s) did not start; is the build complete?"), path);
        free(path);
        return NULL;
    }
    free(path);

    struct demo *d = xcalloc(1, sizeof(*d));
    d->pid = pid;
    d->url = xasprintf("http://127.0.0.1:%u", port);
    d->token_url = xasprintf("%s/oauth/token", d->url);
    d->client_id = "tenantry-demo";
    d->client_secret = "tenantry-demo-secret";
    d->audience = "https://manage.sandbox.tenantry.test";
    d->system_user = "demo";
    d->system_password = DEMO_SYSTEM_PASSWORD;
    return d;
}

void demo_stop(struct demo *d)
{
    if (!d)
        return;
    kill(d->pid, SIGTERM);
    while (waitpid(d->pid, NULL, 0) < 0 && errno == EINTR)
        ;
    free(d->url);
    free(d->token_url);
    free(d);
}

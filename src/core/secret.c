/* secret.c: where a secret comes from (inline, environment, helper command) and prompts. */
#include "config.h"

#include "core/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/util.h"

#define SECRET_MAX (64 * 1024) /* longer is not a secret but a mistake */

/* How long a client_secret_command may run before it is killed. */
static const int command_timeout_ms = 60 * 1000;

/* "profile \"P\": " in front of a message about profile's secret, or "" without a profile. */
static char *label_of(const char *profile)
{
    /* TRANSLATORS: the start of a message naming a profile: %s is its name; keep the colon and
     * the space at the end. */
    return profile ? xasprintf(_("profile \"%s\": "), profile) : xstrdup("");
}

/* Remove one trailing "\n" or "\r\n" from the first *len bytes of buf. */
static void strip_newline(char *buf, size_t *len)
{
    if (*len && buf[*len - 1] == '\n') {
        (*len)--;
        if (*len && buf[*len - 1] == '\r')
            (*len)--;
    }
    buf[*len] = '\0';
}

/* Sleep ms milliseconds (less when a signal comes). */
static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Read a command's output from fd into buf until EOF, overflow or the deadline; 0 on EOF,
 * else the reason as an errno value (ETIMEDOUT, EFBIG, or a read error). */
static int read_output(int fd, char *buf, size_t *len, int64_t deadline)
{
    for (;;) {
        int64_t left = deadline - util_now_ms();
        if (left <= 0)
            return ETIMEDOUT;
        struct pollfd pfd = {fd, POLLIN, 0};
        int r = poll(&pfd, 1, left > INT32_MAX ? INT32_MAX : (int)left);
        if (r < 0 && errno != EINTR)
            return errno;
        if (r <= 0)
            continue;
        ssize_t n = read(fd, buf + *len, SECRET_MAX + 1 - *len);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            return 0;
        *len += (size_t)n;
        if (*len > SECRET_MAX)
            return EFBIG;
    }
}

/* Wait for pid until the deadline (no waiting when kill_now), then kill it; its wait status
 * in *status. 0 when it ended by itself, ETIMEDOUT when it was killed, else waitpid's errno. */
static int reap(pid_t pid, int64_t deadline, bool kill_now, int *status)
{
    long nap = 1;
    while (!kill_now) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid)
            return 0;
        if (r < 0 && errno != EINTR)
            return errno; /* ECHILD when the program ignores SIGCHLD */
        if (util_now_ms() >= deadline)
            break;
        sleep_ms(nap);
        nap = nap < 50 ? nap * 2 : 50;
    }
    kill(pid, SIGKILL);
    while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        ;
    return ETIMEDOUT;
}

/* Start /bin/sh -c command with stdin from /dev/null and stdout to a new pipe (*out). */
static int spawn_shell(const char *command, pid_t *pid, int *out)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return errno;
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO); /* both ends are CLOEXEC */
    posix_spawnattr_init(&attr);
    sigset_t none, reset;
    sigemptyset(&none);
    sigemptyset(&reset);
    sigaddset(&reset, SIGPIPE); /* a program that ignores them must not pass that on */
    sigaddset(&reset, SIGCHLD);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &reset);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    char sh[] = "sh", dash_c[] = "-c";
    char *cmd = xstrdup(command);
    char *argv[] = {sh, dash_c, cmd, NULL};
    util_cloexec_from(STDERR_FILENO + 1); /* no socket or file of ours for the command */
    int rc = posix_spawn(pid, "/bin/sh", &fa, &attr, argv, environ);
    free(cmd);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(fds[1]);
    if (rc != 0)
        close(fds[0]);
    else
        *out = fds[0];
    return rc;
}

/* The output of command (one trailing newline removed), or NULL with err set. */
static char *run_command(const char *command, const char *label, const char *what,
                         struct tn_error *err)
{
    pid_t pid;
    int fd;
    int rc = spawn_shell(command, &pid, &fd);
    if (rc != 0) {
        /* TRANSLATORS: the 1st %s is 'profile "NAME": ' or empty; the 2nd the secret's setting
         * (client_secret or password), which with "_command" makes a setting's name, kept as is;
         * the 3rd the system's error message. */
        err_set(err, ST_AUTH, _("%scannot run %s_command: %s"), label, what, strerror(rc));
        return NULL;
    }
    int64_t deadline = util_now_ms() + command_timeout_ms;
    char *buf = xmalloc(SECRET_MAX + 1);
    size_t len = 0;
    int why = read_output(fd, buf, &len, deadline);
    close(fd);
    int status = 0;
    int waited = reap(pid, deadline, why != 0, &status);
    why = why ? why : waited;
    char *secret = NULL;
    if (why == ETIMEDOUT) {
        err_set(err, ST_AUTH,
                /* TRANSLATORS: the 1st %s is 'profile "NAME": ' or empty; the 2nd the secret's
                 * setting (client_secret or password), which with "_command" makes a setting's
                 * name, kept as is; the number is the time allowed in seconds. */
                ngettext("%s%s_command did not finish within %d second; it was stopped",
                         "%s%s_command did not finish within %d seconds; it was stopped",
                         (unsigned long)(command_timeout_ms / 1000)),
                label, what, command_timeout_ms / 1000);
        err_hint(err, _("check that the command works on its own and does not wait for input"));
    } else if (why == EFBIG) {
        /* TRANSLATORS: the 1st %s is 'profile "NAME": ' or empty; the 2nd the secret's setting
         * (client_secret or password), which with "_command" makes a setting's name, kept as is;
         * the number is the size allowed in KiB. */
        err_set(err, ST_AUTH, _("%s%s_command printed more than %d KiB"), label, what,
                SECRET_MAX / 1024);
    } else if (why != 0) {
        err_set(err, ST_AUTH, _("%scannot run %s_command: %s"), label, what, strerror(why));
    } else if (WIFSIGNALED(status)) {
        /* TRANSLATORS: the 1st %s is 'profile "NAME": ' or empty; the 2nd the secret's setting
         * (client_secret or password), which with "_command" makes a setting's name, kept as is;
         * the number is the signal. */
        err_set(err, ST_AUTH, _("%s%s_command was killed by signal %d"), label, what,
                WTERMSIG(status));
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        /* TRANSLATORS: the 1st %s is 'profile "NAME": ' or empty; the 2nd the secret's setting
         * (client_secret or password), which with "_command" makes a setting's name, kept as is;
         * the number is the exit status. */
        err_set(err, ST_AUTH, _("%s%s_command exited with status %d"), label, what,
                WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    } else if (memchr(buf, '\0', len)) {
        /* TRANSLATORS: the 1st %s is 'profile "NAME": ' or empty; the 2nd the secret's setting
         * (client_secret or password), which with "_command" makes a setting's name, kept as is. */
        err_set(err, ST_AUTH, _("%s%s_command printed a NUL byte"), label, what);
    } else {
        strip_newline(buf, &len);
        if (len)
            secret = xstrndup(buf, len);
        else
            /* TRANSLATORS: the 1st %s is 'profile "NAME": ' or empty; the 2nd the secret's
             * setting (client_secret or password), which with "_command" makes a setting's name,
             * kept as is. */
            err_set(err, ST_AUTH, _("%s%s_command printed nothing"), label, what);
    }
    util_wipe(buf, SECRET_MAX + 1);
    free(buf);
    return secret;
}

char *secret_resolve(const char *inline_value, const char *env_name, const char *command,
                     const char *profile, const char *what, struct tn_error *err)
{
    char *label = label_of(profile);
    char *secret = NULL;
    int sources = !!inline_value + !!env_name + !!command;
    if (sources != 1) {
        /* TRANSLATORS: the 1st %s is 'profile "NAME": ' or empty; the others are the secret's
         * setting (client_secret or password), which with "_env" and "_command" make settings'
         * names, kept as is. */
        err_set(err, ST_USAGE, _("%sset exactly one of %s, %s_env and %s_command"), label, what,
                what, what);
    } else if (inline_value) {
        if (*inline_value)
            secret = xstrdup(inline_value);
        else
            /* TRANSLATORS: the 1st %s is 'profile "NAME": ' or empty; the 2nd the secret's
             * setting's name (client_secret or password), kept as is. */
            err_set(err, ST_AUTH, _("%s%s is empty"), label, what);
    } else if (env_name) {
        const char *v = getenv(env_name);
        if (v && *v)
            secret = xstrdup(v);
        else
            /* TRANSLATORS: the 1st %s is 'profile "NAME": ' or empty; the 2nd the environment
             * variable's name; the 3rd the secret's setting (client_secret or password), which
             * with "_env" makes a setting's name, kept as is. */
            err_set(err, ST_AUTH, v ? _("%sthe environment variable %s (%s_env) is empty")
                                    /* TRANSLATORS: the 1st %s is 'profile "NAME": ' or empty;
                                     * the 2nd the environment variable's name; the 3rd the
                                     * secret's setting (client_secret or password), which with
                                     * "_env" makes a setting's name, kept as is. */
                                    : _("%sthe environment variable %s (%s_env) is not set"),
                    label, env_name, what);
    } else {
        secret = run_command(command, label, what, err);
    }
    free(label);
    return secret;
}

/* The signals that must not leave the terminal without echo; the first five come from the
 * keyboard or another process and are blocked but while waiting for input, so that none is
 * lost between checking for one and reading. SIGTTIN and SIGTTOU come from our own calls. */
static const int prompt_signals[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU};
#define PROMPT_BLOCKED 5
static volatile sig_atomic_t prompt_signo;

/* Note the signal; the prompt then puts the terminal back and delivers it again. */
static void prompt_on_signal(int signo)
{
    prompt_signo = signo;
}

/* Read one line from fd into buf/len (the rest of a too long line is dropped, *too_long set);
 * signals in wait_mask may come while it waits. 0, or -1 with errno. */
static int read_tty_line(int fd, char *buf, size_t *len, bool *too_long, const sigset_t *wait_mask)
{
    while (!prompt_signo) {
        struct pollfd pfd = {fd, POLLIN, 0};
        if (ppoll(&pfd, 1, NULL, wait_mask) < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        char c;
        ssize_t n = read(fd, &c, 1);
        if (n < 0 && errno != EINTR)
            return -1;
        if (n == 0 || (n == 1 && c == '\n'))
            return 0;
        if (n == 1 && *len < SECRET_MAX)
            buf[(*len)++] = c;
        else if (n == 1)
            *too_long = true;
        c = 0;
    }
    return 0;
}

/* One prompt with echo off: 0 and the line in buf/len, -1 with errno, or the signal number
 * that interrupted it (after echo and the handlers are back). */
static int prompt_once(int fd, const char *prompt, char *buf, size_t *len)
{
    struct sigaction sa, old[ARRAY_SIZE(prompt_signals)];
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = prompt_on_signal; /* no SA_RESTART: calls must return */
    sigemptyset(&sa.sa_mask);
    sigset_t block, wait_mask;
    sigemptyset(&block);
    for (size_t i = 0; i < PROMPT_BLOCKED; i++)
        sigaddset(&block, prompt_signals[i]);
    sigprocmask(SIG_BLOCK, &block, &wait_mask);
    prompt_signo = 0;
    for (size_t i = 0; i < ARRAY_SIZE(prompt_signals); i++)
        if (sigaction(prompt_signals[i], &sa, &old[i]) == 0 && old[i].sa_handler == SIG_IGN)
            sigaction(prompt_signals[i], &old[i], NULL); /* ignored stays ignored */
    struct termios saved, quiet;
    int rc = tcgetattr(fd, &saved);
    bool restore = false, too_long = false;
    if (rc == 0) {
        quiet = saved;
        quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHONL);
        quiet.c_lflag |= ICANON;
        restore = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
        rc = restore || prompt_signo ? 0 : -1;
    }
    *len = 0;
    if (rc == 0 && !prompt_signo) {
        (void)util_write_all(fd, prompt, strlen(prompt));
        rc = read_tty_line(fd, buf, len, &too_long, &wait_mask);
        (void)util_write_all(fd, "\n", 1); /* the newline the user typed was not echoed */
    }
    int saved_errno = errno;
    if (restore)
        while (tcsetattr(fd, TCSANOW, &saved) != 0 && errno == EINTR)
            ;
    for (size_t i = 0; i < ARRAY_SIZE(prompt_signals); i++)
        sigaction(prompt_signals[i], &old[i], NULL);
    sigprocmask(SIG_SETMASK, &wait_mask, NULL); /* one still pending goes to its own handler */
    errno = too_long ? EFBIG : saved_errno;
    if (prompt_signo)
        return prompt_signo;
    return too_long ? -1 : rc;
}

char *secret_prompt(const char *prompt, struct tn_error *err)
{
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        err_set(err, ST_USAGE, _("no terminal to ask for the secret; use --secret-stdin"));
        return NULL;
    }
    char *buf = xmalloc(SECRET_MAX + 1);
    size_t len = 0;
    int rc;
    for (;;) {
        rc = prompt_once(fd, prompt, buf, &len);
        if (rc <= 0)
            break;
        kill(getpid(), rc); /* deliver it now, with the terminal as it was */
        if (rc != SIGTSTP && rc != SIGTTIN && rc != SIGTTOU)
            break;
        util_wipe(buf, len); /* stopped and continued: ask again */
    }
    char *secret = NULL;
    if (rc > 0)
        err_set(err, ST_USAGE, _("interrupted"));
    else if (rc < 0 && errno == EFBIG)
        err_set(err, ST_USAGE, _("the secret is longer than %d KiB"), SECRET_MAX / 1024);
    else if (rc < 0)
        err_set(err, ST_OTHER, _("cannot read the terminal: %s"), strerror(errno));
    else if (len == 0)
        err_set(err, ST_USAGE, _("empty secret"));
    else
        secret = xstrndup(buf, len);
    util_wipe(buf, SECRET_MAX + 1);
    free(buf);
    close(fd);
    return secret;
}

char *secret_read_line(FILE *f, struct tn_error *err)
{
    char *buf = xmalloc(SECRET_MAX + 3); /* the secret, "\r\n", NUL */
    size_t len = 0;
    int c = 0;
    while (len < SECRET_MAX + 2 && c != '\n' && (c = getc(f)) != EOF)
        buf[len++] = (char)c;
    bool cut = c != '\n' && c != EOF; /* stopped at the cap, in the middle of the line */
    char *secret = NULL;
    if (ferror(f)) {
        err_set(err, ST_OTHER, _("cannot read the secret: %s"), strerror(errno));
    } else if (memchr(buf, '\0', len)) {
        err_set(err, ST_USAGE, _("the secret holds a NUL byte"));
    } else {
        strip_newline(buf, &len);
        if (cut || len > SECRET_MAX)
            err_set(err, ST_USAGE, _("the secret is longer than %d KiB"), SECRET_MAX / 1024);
        else if (len)
            secret = xstrndup(buf, len);
        else
            err_set(err, ST_USAGE, _("empty secret"));
    }
    util_wipe(buf, SECRET_MAX + 3);
    free(buf);
    return secret;
}

/* run.c: another program run on the terminal while we wait. */
#include "config.h"

#include "core/run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/util.h"

int run_foreground(const char *script, const char *const *args, char *const *env,
                   struct tn_error *err)
{
    size_t nargs = 0;
    while (args && args[nargs])
        nargs++;
    char **argv = xcalloc(nargs + 5, sizeof(*argv)); /* copies: execv wants char * */
    size_t k = 0;
    argv[k++] = xstrdup("sh");
    argv[k++] = xstrdup("-c");
    argv[k++] = xstrdup(script);
    argv[k++] = xstrdup("sh"); /* $0 */
    for (size_t i = 0; i < nargs; i++)
        argv[k++] = xstrdup(args[i]);
    fflush(NULL);
    struct sigaction ign = {.sa_handler = SIG_IGN}, old_int, old_quit;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGINT, &ign, &old_int);
    sigaction(SIGQUIT, &ign, &old_quit);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        for (size_t i = 0; env && env[i]; i++)
            putenv(env[i]); /* the child's copy of the environment only */
        util_cloexec_from(STDERR_FILENO + 1);
        execv("/bin/sh", argv);
        _exit(127);
    }
    int saved = errno;
    for (size_t i = 0; i < k; i++)
        free(argv[i]);
    free(argv);
    int status = 0, rc = -1;
    if (pid > 0)
        while ((rc = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
            ;
    if (pid > 0)
        saved = errno;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    if (pid < 0) {
        err_set(err, ST_OTHER, _("cannot start /bin/sh: %s"), strerror(saved));
        return -1;
    }
    if (rc < 0) {
        err_set(err, ST_OTHER, _("cannot wait for the command: %s"), strerror(saved));
        return -1;
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
}

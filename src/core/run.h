/* run.h: another program run on the terminal while we wait (an editor, a plugin's command):
 * through /bin/sh -c, with arguments as $1..., extra environment variables, and Ctrl-C and
 * Ctrl-\ left to it meanwhile (as git does with an editor). */
#ifndef TENANTRY_RUN_H
#define TENANTRY_RUN_H

#include "core/status.h"

/* Run script with /bin/sh -c; args (NULL-terminated, or NULL) are $1...; env (NAME=VALUE
 * strings, NULL-terminated, or NULL) is added to the environment. Nothing of ours (a socket, a
 * file) is inherited beyond stdin, stdout and stderr. Returns its exit status (0..255; 128 +
 * the signal that killed it; 127 when sh could not run it), or -1 with err set when it could
 * not be started or waited for. */
int run_foreground(const char *script, const char *const *args, char *const *env,
                   struct tn_error *err);

#endif

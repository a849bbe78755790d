/* demo.h: a throwaway tenantry-sandbox on a free loopback port, for --demo. */
#ifndef TENANTRY_DEMO_H
#define TENANTRY_DEMO_H

#include <sys/types.h>

struct demo {
    pid_t pid;
    char *url;      /* "http://127.0.0.1:PORT" */
    char *token_url;
    const char *client_id;
    const char *client_secret; /* the sandbox's public demo credentials */
    const char *audience;
    const char *system_user;     /* the /system/tenants API's Basic auth */
    const char *system_password;
};

/* Start the sandbox (seeded, events off); NULL with *err set (to free) on failure. */
struct demo *demo_start(char **err);
/* Stop the sandbox, wait for it and free d. */
void demo_stop(struct demo *d);

#endif

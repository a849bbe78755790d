/* opts.h: the sandbox's settings, filled from the command line by main.c. */
#ifndef TENANTRY_SANDBOX_OPTS_H
#define TENANTRY_SANDBOX_OPTS_H

#include <stdbool.h>
#include <stdint.h>

struct sandbox_opts {
    const char *bind;          /* address to listen on */
    unsigned port;             /* 0 picks a free one */
    bool verbose;              /* one line per request on stderr */
    const char *client_id;     /* credentials accepted by /oauth/token */
    const char *client_secret;
    const char *audience;
    long token_ttl;            /* seconds */
    long expires_in;           /* what token responses claim; 0: token_ttl */
    bool plain_401;            /* answer 401 with bare text */
    unsigned environments;
    unsigned long tenants;
    unsigned clients;          /* seeded clients per tenant */
    uint64_t seed;
    bool hostile_names;
    const char *events_path;
    long latency_ms;
    double fail_rate;
    int fail_status;
    long retry_after;
    double drop_rate;
    double malformed_rate;
};

#endif

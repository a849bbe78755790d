/* opts.h: the sandbox's settings, filled from the command line by main.c. */
#ifndef TENANTRY_SANDBOX_OPTS_H
#define TENANTRY_SANDBOX_OPTS_H

#include <stdbool.h>
#include <stdint.h>

#define SANDBOX_PARAM_MAX 32 /* the longest name --page-params takes */

struct sandbox_opts {
    const char *bind;          /* address to listen on */
    unsigned port;             /* 0 picks a free one */
    bool verbose;              /* one line per request on stderr */
    char *tls_cert;            /* PEM texts (NUL-terminated) for HTTPS, or NULL for http */
    char *tls_key;
    const char *client_id;     /* credentials accepted by /oauth/token */
    const char *client_secret;
    const char *audience;
    long token_ttl;            /* seconds */
    long long expires_in;      /* what token responses claim, when expires_in_set */
    bool expires_in_set;       /* else they claim token_ttl */
    bool plain_401;            /* answer 401 with bare text */
    const char *token_suffix;  /* appended to issued access tokens (a hostile server) */
    unsigned environments;
    unsigned long tenants;
    unsigned clients;          /* seeded clients per tenant */
    uint64_t seed;
    bool hostile_names;
    bool hostile_errors;       /* escape sequences in error bodies and cursors */
    bool nul_names;            /* a \u0000 escape in every name answered */
    long token_bytes;          /* pad access tokens to this length (0: no padding) */
    long header_bytes;         /* an X-Padding header this long on every answer (0: none) */
    const char *events_path;
    long latency_ms;
    double fail_rate;
    long fail_first;           /* fail the first N requests faults apply to, whatever the rate */
    int fail_status;
    long retry_after;
    double drop_rate;
    double malformed_rate;
    const char *fault_methods; /* comma-separated methods faults apply to; NULL: all */
    unsigned page_cap;         /* serve at most this many rows a page (0: no cap) */
    double repeat_cursor_rate; /* a list page's next link leads to a page already served */
    /* The /system/tenants API */
    const char *system_user;   /* Basic credentials accepted */
    const char *system_password;
    unsigned long system_tenants;
    bool write_only_data;      /* leave data out of answers */
    bool plain_json;           /* plain JSON whatever Accept asks (no JSON-LD) */
    bool ignore_filters;       /* ignore list filters, as API Platform ignores unknown ones */
    char page_param[SANDBOX_PARAM_MAX + 1];  /* names of the paging parameters */
    char limit_param[SANDBOX_PARAM_MAX + 1];
    int post_status;           /* 200 (the document) or 201 (real servers) */
    int conflict_status;       /* 409, or 500 as older servers answer a stale version */
};

#endif

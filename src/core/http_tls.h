/* http_tls.h: what went wrong when a server's TLS certificate was refused, in words an
 * operator can act on. */
#ifndef TENANTRY_HTTP_TLS_H
#define TENANTRY_HTTP_TLS_H

#include "core/status.h"

/* Why a certificate was refused. */
enum http_tls_problem {
    TLS_UNTRUSTED,     /* issued by an authority not known here (ca_file is the cure) */
    TLS_SELF_SIGNED,   /* signed by itself */
    TLS_EXPIRED,
    TLS_NOT_YET_VALID,
    TLS_WRONG_HOST,    /* valid, but for another host name */
    TLS_OTHER,
};

/* Classify a refusal from OpenSSL's verify result (X509_V_ERR_*, 0 when unknown) and curl's
 * message (detail). */
enum http_tls_problem http_tls_classify(long verify, const char *detail);
/* Set err (ST_NETWORK, with a hint) for method url refused with CURLE_PEER_FAILED_VERIFICATION;
 * easy is the curl handle (for the verify result), detail curl's message, ca_file the
 * profile's (NULL: the system's authorities). */
void http_tls_error(struct tn_error *err, const char *method, const char *url, void *easy,
                    const char *detail, const char *ca_file);
/* Set err for a ca_file curl could not use (CURLE_SSL_CACERT_BADFILE). */
void http_tls_ca_file_error(struct tn_error *err, const char *method, const char *url,
                            const char *detail, const char *ca_file);

#endif

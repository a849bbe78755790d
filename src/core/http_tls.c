/* http_tls.c: what went wrong when a server's TLS certificate was refused, in words an
 * operator can act on (untrusted, self-signed, expired, for another host name). */
#include "config.h"

#include "core/http_tls.h"

#include <string.h>

#include <curl/curl.h>

#include "core/intl.h"

/* OpenSSL's verify results (X509_V_ERR_*), as libcurl's OpenSSL backend reports them in
 * CURLINFO_SSL_VERIFYRESULT. */
enum {
    X509_UNABLE_TO_GET_ISSUER_CERT = 2,
    X509_CERT_NOT_YET_VALID = 9,
    X509_CERT_HAS_EXPIRED = 10,
    X509_DEPTH_ZERO_SELF_SIGNED_CERT = 18,
    X509_SELF_SIGNED_CERT_IN_CHAIN = 19,
    X509_UNABLE_TO_GET_ISSUER_CERT_LOCALLY = 20,
    X509_UNABLE_TO_VERIFY_LEAF_SIGNATURE = 21,
    X509_HOSTNAME_MISMATCH = 62,
};

/* True when libcurl verifies with OpenSSL, so that verify results are X509_V_ERR_* codes. */
static bool curl_uses_openssl(void)
{
    const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
    return v && v->ssl_version && !strncmp(v->ssl_version, "OpenSSL", 7);
}

/* True when detail (curl's message) holds one of the NULL-terminated words. */
static bool says(const char *detail, const char *const *words)
{
    for (; *words; words++)
        if (strstr(detail, *words))
            return true;
    return false;
}

enum http_tls_problem http_tls_classify(long verify, const char *detail)
{
    static const char *const mismatch[] = {"subject name", "does not match", "hostname mismatch",
                                           NULL};
    static const char *const self[] = {"self-signed", "self signed", NULL};
    static const char *const expired[] = {"has expired", "certificate expired", NULL};
    static const char *const not_yet[] = {"not yet valid", NULL};
    static const char *const untrusted[] = {"unable to get local issuer", "unable to get issuer",
                                            "unable to verify the first", "issuer is not known",
                                            "not trusted", NULL};
    if (!detail)
        detail = "";
    switch (verify) {
    case X509_CERT_HAS_EXPIRED: return TLS_EXPIRED;
    case X509_CERT_NOT_YET_VALID: return TLS_NOT_YET_VALID;
    case X509_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_SELF_SIGNED_CERT_IN_CHAIN: return TLS_SELF_SIGNED;
    case X509_UNABLE_TO_GET_ISSUER_CERT:
    case X509_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_UNABLE_TO_VERIFY_LEAF_SIGNATURE: return TLS_UNTRUSTED;
    case X509_HOSTNAME_MISMATCH: return TLS_WRONG_HOST;
    default: break;
    }
    /* curl checks the name itself (the verify result then says "ok"); other TLS libraries
     * say it all in words */
    if (says(detail, mismatch))
        return TLS_WRONG_HOST;
    if (says(detail, self))
        return TLS_SELF_SIGNED;
    if (says(detail, expired))
        return TLS_EXPIRED;
    if (says(detail, not_yet))
        return TLS_NOT_YET_VALID;
    if (says(detail, untrusted))
        return TLS_UNTRUSTED;
    return TLS_OTHER;
}

/* The host part of url (a new string from curl, curl_free it), or NULL. */
static char *url_host(const char *url)
{
    CURLU *u = curl_url();
    char *host = NULL;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK)
        curl_url_get(u, CURLUPART_HOST, &host, 0);
    curl_url_cleanup(u);
    return host;
}

void http_tls_error(struct tn_error *err, const char *method, const char *url, void *easy,
                    const char *detail, const char *ca_file)
{
    long verify = 0;
    if (!easy || !curl_uses_openssl() ||
        curl_easy_getinfo(easy, CURLINFO_SSL_VERIFYRESULT, &verify) != CURLE_OK)
        verify = 0;
    char *host = url_host(url);
    const char *h = host ? host : url;
    switch (http_tls_classify(verify, detail)) {
    case TLS_UNTRUSTED:
        /* TRANSLATORS: the HTTP method and the URL of the request, then the TLS library's error
         * text (English). */
        err_set(err, ST_NETWORK, _("%s %s: the server's TLS certificate is not trusted: no "
                                   "certificate authority known here issued it (%s)"),
                method, url, detail);
        if (ca_file)
            /* TRANSLATORS: %s is the path in ca_file; keep ca_file untranslated (a profile
             * setting). */
            err_hint(err, _("ca_file (%s) does not hold the authority that issued it: set "
                            "ca_file in the profile to that authority's certificate (PEM)."),
                     ca_file);
        else
            err_hint(err, _("If the server uses a private certificate authority, set ca_file "
                            "in the profile to its certificate (PEM), e.g. ca_file = "
                            "\"/etc/ssl/private-ca.pem\";"));
        break;
    case TLS_SELF_SIGNED:
        /* TRANSLATORS: the HTTP method and the URL of the request, then the TLS library's error
         * text (English). */
        err_set(err, ST_NETWORK, _("%s %s: the server's TLS certificate is self-signed: no "
                                   "certificate authority vouches for it (%s)"),
                method, url, detail);
        err_hint(err, _("Only if you know this certificate is the server's own: set ca_file in "
                        "the profile to the certificate (PEM). Better, have it issued by a "
                        "certificate authority."));
        break;
    case TLS_EXPIRED:
        /* TRANSLATORS: the HTTP method and the URL of the request, then the TLS library's error
         * text (English). */
        err_set(err, ST_NETWORK, _("%s %s: the server's TLS certificate has expired (%s)"),
                method, url, detail);
        err_hint(err, _("The server's operator must renew it. If it should still be valid, "
                        "check this machine's clock (date)."));
        break;
    case TLS_NOT_YET_VALID:
        /* TRANSLATORS: the HTTP method and the URL of the request, then the TLS library's error
         * text (English). */
        err_set(err, ST_NETWORK, _("%s %s: the server's TLS certificate is not valid yet (%s)"),
                method, url, detail);
        err_hint(err, _("Check this machine's clock (date), or wait until the certificate "
                        "becomes valid."));
        break;
    case TLS_WRONG_HOST:
        /* TRANSLATORS: the HTTP method and the URL of the request, the host name in the
         * profile's url, then the TLS library's error text (English). */
        err_set(err, ST_NETWORK, _("%s %s: the server's TLS certificate is not for the host "
                                   "name %s (%s)"),
                method, url, h, detail);
        err_hint(err, _("Use the host name the certificate was issued for in the profile's url "
                        "(an IP address or another alias does not match); or the server "
                        "answered with another site's certificate."));
        break;
    case TLS_OTHER:
        /* TRANSLATORS: the HTTP method and the URL of the request, then the TLS library's error
         * text (English). */
        err_set(err, ST_NETWORK, _("%s %s: the server's TLS certificate could not be verified "
                                   "(%s)"),
                method, url, detail);
        err_hint(err, _("For a private certificate authority, set ca_file in the profile to "
                        "its certificate (PEM)."));
        break;
    }
    curl_free(host);
}

void http_tls_ca_file_error(struct tn_error *err, const char *method, const char *url,
                            const char *detail, const char *ca_file)
{
    /* TRANSLATORS: the HTTP method and the URL of the request, the ca_file's path (or "(the
     * system's)"), then the TLS library's error text (English); keep "ca_file" untranslated (a
     * profile setting). */
    err_set(err, ST_NETWORK, _("%s %s: cannot use the certificate authorities in ca_file %s "
                               "(%s)"),
            /* TRANSLATORS: stands for ca_file's path when the profile sets none: the system's
             * certificate authorities. */
            method, url, ca_file ? ca_file : _("(the system's)"), detail);
    err_hint(err, _("Set ca_file in the profile to a readable PEM file of CA certificates."));
}

/* http_proxy.c: the proxy a request goes through (a profile's proxy setting, else curl's
 * HTTPS_PROXY / https_proxy / ALL_PROXY / NO_PROXY variables): checking it, showing it without
 * its credentials, and what to say when the proxy fails. */
#include "config.h"

#include "core/http_proxy.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "core/intl.h"
#include "core/util.h"

/* The schemes curl speaks to a proxy. */
static const char *const proxy_schemes[] = {"http", "https", "socks4", "socks4a", "socks5",
                                            "socks5h"};

/* Parse proxy as curl reads it (no scheme means http); NULL when it is no URL. */
static CURLU *proxy_parse(const char *proxy)
{
    CURLU *u = curl_url();
    if (!u)
        die(_("out of memory"));
    /* curl_url's default scheme is https; a proxy's is http */
    char *full = strstr(proxy, "://") ? NULL : xasprintf("http://%s", proxy);
    CURLUcode rc = curl_url_set(u, CURLUPART_URL, full ? full : proxy, CURLU_NON_SUPPORT_SCHEME);
    util_free_secret(full);
    if (rc != CURLUE_OK) {
        curl_url_cleanup(u);
        return NULL;
    }
    return u;
}

/* True when part of u is set (and non-empty). */
static bool has_part(CURLU *u, CURLUPart part)
{
    char *v = NULL;
    bool set = curl_url_get(u, part, &v, 0) == CURLUE_OK && v && *v;
    curl_free(v);
    return set;
}

bool http_proxy_check(const char *proxy, struct tn_error *err)
{
    CURLU *u = proxy_parse(proxy);
    char *scheme = NULL, *path = NULL;
    bool ok = u && curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
              has_part(u, CURLUPART_HOST) && !has_part(u, CURLUPART_QUERY) &&
              !has_part(u, CURLUPART_FRAGMENT);
    if (ok && curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK && path &&
        strcmp(path, "/") != 0 && *path)
        ok = false;
    bool scheme_ok = false;
    for (size_t i = 0; ok && i < ARRAY_SIZE(proxy_schemes); i++)
        scheme_ok |= !strcasecmp(scheme, proxy_schemes[i]);
    /* never the value in the message: it may hold a password */
    if (!ok || !scheme_ok) {
        err_set(err, ST_USAGE, _("field \"proxy\" is not a proxy URL"));
        err_hint(err, _("Write it as SCHEME://[USER:PASSWORD@]HOST:PORT, e.g. "
                        "\"http://proxy.example.net:3128\"; the scheme is one of http, https, "
                        "socks4, socks4a, socks5 and socks5h."));
        ok = false;
    }
    curl_free(scheme);
    curl_free(path);
    curl_url_cleanup(u);
    return ok;
}

bool http_proxy_has_credentials(const char *proxy)
{
    CURLU *u = proxy ? proxy_parse(proxy) : NULL;
    bool has = u && (has_part(u, CURLUPART_USER) || has_part(u, CURLUPART_PASSWORD));
    curl_url_cleanup(u);
    return has;
}

char *http_proxy_display(const char *proxy)
{
    CURLU *u = proxy_parse(proxy);
    char *shown = NULL, *out;
    if (u) {
        curl_url_set(u, CURLUPART_USER, NULL, 0);
        curl_url_set(u, CURLUPART_PASSWORD, NULL, 0);
        curl_url_get(u, CURLUPART_URL, &shown, 0);
    }
    out = xstrdup(shown ? shown : _("(a proxy setting that is no URL)"));
    size_t n = strlen(out);
    if (shown && n > 1 && out[n - 1] == '/') /* curl adds the empty path */
        out[n - 1] = '\0';
    curl_free(shown);
    curl_url_cleanup(u);
    return out;
}

/* The first of the environment variables names that is set and not empty, or NULL; its name
 * goes to *which. */
static const char *env_first(const char *const *names, const char **which)
{
    for (; *names; names++) {
        const char *v = getenv(*names);
        if (v && *v) {
            *which = *names;
            return v;
        }
    }
    return NULL;
}

const char *http_proxy_of(const char *url, const char *profile_proxy, const char **source)
{
    static const char *const https_vars[] = {"https_proxy", "HTTPS_PROXY", "all_proxy",
                                             "ALL_PROXY", NULL};
    static const char *const http_vars[] = {"http_proxy", "all_proxy", "ALL_PROXY", NULL};
    if (profile_proxy) {
        *source = "proxy";
        return profile_proxy;
    }
    bool https = !strncasecmp(url, "https:", 6);
    return env_first(https ? https_vars : http_vars, source);
}

void http_proxy_hint(struct tn_error *err, const char *url, const char *profile_proxy,
                     long connect_code)
{
    const char *source = NULL;
    const char *proxy = http_proxy_of(url, profile_proxy, &source);
    char *shown = proxy ? http_proxy_display(proxy) : NULL;
    /* TRANSLATORS: where the proxy in use was set, shown in parentheses after the proxy's URL;
     * the other cases name an environment variable (e.g. https_proxy). */
    const char *where = source && !strcmp(source, "proxy") ? _("the profile's proxy") : source;
    if (connect_code == 401 || connect_code == 407) {
        /* TRANSLATORS: the 1st %s is the proxy's URL (without its password), the 2nd where it is
         * set: "the profile's proxy" or an environment variable such as https_proxy. Keep
         * USER:PASSWORD@HOST:PORT as it is. */
        err_hint(err, _("The proxy %s (%s) wants a user name and password, or refused them: "
                        "give them in its URL, http://USER:PASSWORD@HOST:PORT."),
                 shown ? shown : "?", where ? where : "?");
    } else if (connect_code == 403) {
        /* TRANSLATORS: the 1st %s is the proxy's URL (without its password), the 2nd where it is
         * set: "the profile's proxy" or an environment variable such as https_proxy. Keep
         * NO_PROXY as it is. */
        err_hint(err, _("The proxy %s (%s) does not allow connections to this host and port: "
                        "ask its administrator, or list the host in NO_PROXY if it is reached "
                        "directly."),
                 shown ? shown : "?", where ? where : "?");
    } else if (connect_code > 0) {
        /* TRANSLATORS: the 1st %s is the proxy's URL (without its password), the 2nd where it is
         * set: "the profile's proxy" or an environment variable such as https_proxy; then the
         * HTTP status the proxy answered. */
        err_hint(err, _("The proxy %s (%s) could not open a tunnel to the server (HTTP %ld)."),
                 shown ? shown : "?", where ? where : "?", connect_code);
    } else if (proxy) {
        /* TRANSLATORS: the 1st %s is the proxy's URL (without its password), the 2nd where it is
         * set: "the profile's proxy" or an environment variable such as https_proxy. Keep "url"
         * (a profile field) and NO_PROXY as they are. */
        err_hint(err, _("Nothing answered: check that the proxy %s (%s) and the server are "
                        "running, and the profile's url (NO_PROXY lists the hosts reached "
                        "directly)."),
                 shown, where);
    }
    free(shown);
}

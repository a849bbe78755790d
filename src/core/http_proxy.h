/* http_proxy.h: the proxy a request goes through (a profile's proxy setting, else curl's
 * HTTPS_PROXY / https_proxy / ALL_PROXY / NO_PROXY variables): checking it, showing it without
 * its credentials, and what to say when the proxy fails. */
#ifndef TENANTRY_HTTP_PROXY_H
#define TENANTRY_HTTP_PROXY_H

#include <stdbool.h>

#include "core/status.h"

/* Check a proxy setting ([SCHEME://][USER:PASSWORD@]HOST[:PORT], schemes http, https, socks4,
 * socks4a, socks5, socks5h); false with err set (never quoting the value, which may hold a
 * password). */
bool http_proxy_check(const char *proxy, struct tn_error *err);
/* True when the proxy URL holds a user name or password. */
bool http_proxy_has_credentials(const char *proxy);
/* The proxy URL without its user name and password, for messages (a new string). */
char *http_proxy_display(const char *proxy);
/* The proxy a request to url would name: profile_proxy, else the environment variable curl
 * reads for url's scheme (NULL when none; NO_PROXY is not looked at). *source is set to the
 * setting's name ("proxy" or the variable's). */
const char *http_proxy_of(const char *url, const char *profile_proxy, const char **source);
/* Set err's hint for a request to url that failed at or through a proxy: connect_code is the
 * proxy's answer to CONNECT (401/407: credentials; 403: refused; 0: no answer). Leaves err
 * alone when no proxy applies and connect_code is 0. */
void http_proxy_hint(struct tn_error *err, const char *url, const char *profile_proxy,
                     long connect_code);

#endif

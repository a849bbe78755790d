/* auth.c: the sandbox's credentials: bearer tokens (MATTR routes) and Basic auth (the system
 * routes), compared in constant time. */
#include "config.h"

#include "sandbox/auth.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <microhttpd.h>

#include "core/util.h"
#include "sandbox/tokens.h"

bool auth_bearer_ok(const struct request *req)
{
    const char *h = request_header(req, MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return false;
    h += 7;
    while (*h == ' ')
        h++;
    return *h && tokens_valid(h);
}

/* Compare n bytes at a with the string b without an early exit, so that timing says nothing
 * about the secret. */
static bool secret_equal(const char *a, size_t n, const char *b)
{
    size_t m = strlen(b);
    unsigned char diff = n != m;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)(a[i] ^ b[i < m ? i : 0]) | (unsigned char)(i >= m);
    return diff == 0 && m > 0;
}

/* The value of one standard base64 character, or -1. */
static int base64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decode standard base64 (RFC 4648 section 4; padding optional) into out; false on anything
 * else. */
static bool base64_decode(const char *text, struct strbuf *out)
{
    size_t n = strlen(text);
    while (n && text[n - 1] == '=')
        n--;
    if (strlen(text) - n > 2 || n % 4 == 1)
        return false;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = base64_value((unsigned char)text[i]);
        if (v < 0)
            return false;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            sb_addc(out, (char)((acc >> bits) & 0xff));
        }
    }
    return true;
}

enum basic_result auth_basic_check(const struct request *req, const char *user_want,
                                  const char *password_want)
{
    const char *h = request_header(req, MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncasecmp(h, "Basic ", 6) != 0)
        return BASIC_MISSING;
    h += 6;
    while (*h == ' ')
        h++;
    struct strbuf raw = SB_INIT;
    bool ok = false;
    if (base64_decode(h, &raw)) {
        const char *colon = memchr(sb_str(&raw), ':', raw.len);
        if (colon) {
            size_t ulen = (size_t)(colon - raw.buf);
            bool user = secret_equal(raw.buf, ulen, user_want);
            bool pass = secret_equal(colon + 1, raw.len - ulen - 1, password_want);
            ok = user & pass;
        }
    }
    sb_wipe(&raw);
    return ok ? BASIC_OK : BASIC_WRONG;
}

void auth_basic_denied(struct reply *rep, enum basic_result why)
{
    reply_problem(rep, 401, why == BASIC_MISSING
                                ? "Full authentication is required to access this resource."
                                : "Invalid credentials.");
    rep->www_authenticate = "Basic realm=\"system\"";
}

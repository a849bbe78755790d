/* text.c: text from servers made safe for a terminal: UTF-8 decoding, hostile characters
 * neutralised, widths in cells. */
#include "config.h"

#include "core/text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "core/util.h"

size_t text_decode(const char *text, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned c = s[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2, v = c & 0x1f, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3, v = c & 0x0f, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) /* also stops at the terminating NUL */
            return 0;
        v = (v << 6) | (s[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return n;
}

size_t text_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* True for code points that must never reach a terminal: C0, DEL, C1, bidi overrides and
 * isolates. */
static bool is_hostile(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

bool text_locale_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8"));
}

void text_next(bool utf8, const char *s, struct text_glyph *g)
{
    uint32_t cp;
    size_t n = text_decode(s, &cp);
    g->bytes = "?";
    g->len = 1;
    g->cells = 1;
    g->used = n ? n : 1; /* an invalid byte is one "?" */
    if (!n || is_hostile(cp) || (!utf8 && cp >= 0x80))
        return;
    if (cp < 0x80) {
        g->bytes = s;
        return;
    }
    wchar_t wc;
    mbstate_t st;
    memset(&st, 0, sizeof(st));
    if (mbrtowc(&wc, s, n, &st) != n)
        return;
    int w = wcwidth(wc);
    if (w < 0)
        return;
    g->bytes = s;
    g->len = n;
    g->cells = (size_t)w;
}

void text_add_neutral(struct strbuf *sb, const char *s, bool keep_lines)
{
    bool utf8 = text_locale_utf8();
    struct text_glyph g;
    for (; s && *s; s += g.used) {
        if (*s == '\n' && keep_lines) {
            g.used = 1;
            sb_addc(sb, '\n');
            continue;
        }
        text_next(utf8, s, &g);
        sb_add(sb, g.bytes, g.len);
    }
}

size_t text_cells(bool utf8, const char *s)
{
    size_t cells = 0;
    struct text_glyph g;
    for (; *s; s += g.used) {
        if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) { /* printable ASCII */
            g.used = 1;
            cells++;
            continue;
        }
        text_next(utf8, s, &g);
        cells += g.cells;
    }
    return cells;
}

/* c in lower case when it is an ASCII capital, whatever the locale. */
static inline unsigned char ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

bool text_contains_ci(const char *hay, const char *needle)
{
    const unsigned char *h = (const unsigned char *)hay, *n = (const unsigned char *)needle;
    if (!n[0])
        return true;
    unsigned char first = ascii_lower(n[0]);
    for (; *h; h++) {
        if (ascii_lower(*h) != first)
            continue;
        size_t i = 1;
        while (n[i] && ascii_lower(h[i]) == ascii_lower(n[i]))
            i++;
        if (!n[i])
            return true;
        if (!h[i]) /* hay is shorter than what is left of needle */
            return false;
    }
    return false;
}

bool text_plain_char(uint32_t cp)
{
    return !is_hostile(cp);
}

bool text_plain(const char *s)
{
    while (*s) {
        uint32_t cp;
        size_t n = text_decode(s, &cp);
        if (!n || is_hostile(cp))
            return false;
        s += n;
    }
    return true;
}

/* True when one of the 8 bytes of x is below 0x20 or above 0x7e. */
static inline bool any_unusual(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    return (((x - ones * 0x20) & ~x) | ((x + ones * (0x7f - 0x7e)) | x)) & highs;
}

void text_add_json(struct strbuf *sb, const char *json, size_t len)
{
    const char *p = json, *run = json, *end = json + len;
    while (p < end) {
        uint64_t x;
        if (end - p >= 8 && (memcpy(&x, p, 8), !any_unusual(x))) { /* plain ASCII */
            p += 8;
            continue;
        }
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c < 0x7f) {
            p++;
            continue;
        }
        uint32_t cp = c;
        size_t n = c < 0x80 ? 1 : text_decode(p, &cp);
        if (n && !is_hostile(cp) && n <= (size_t)(end - p)) { /* valid, beyond ASCII */
            p += n;
            continue;
        }
        sb_add(sb, run, (size_t)(p - run));
        if (n && n <= (size_t)(end - p)) /* the same character to a JSON reader */
            sb_addf(sb, "\\u%04x", (unsigned)cp);
        else
            sb_adds(sb, "\xef\xbf\xbd");
        p += n && n <= (size_t)(end - p) ? n : 1;
        run = p;
    }
    sb_add(sb, run, (size_t)(p - run));
}

const char *text_count(unsigned long long n, char *buf, size_t size)
{
    const struct lconv *lc = localeconv();
    const char *sep = lc->thousands_sep && *lc->thousands_sep ? lc->thousands_sep : ",";
    size_t seplen = strlen(sep);
    char raw[24];
    snprintf(raw, sizeof(raw), "%llu", n);
    size_t len = strlen(raw), o = 0;
    if (len + (len - 1) / 3 * seplen >= size) /* no room for the separators: the digits */
        seplen = 0;
    for (size_t i = 0; i < len && o + 1 < size; i++) {
        if (i && (len - i) % 3 == 0 && seplen) {
            memcpy(buf + o, sep, seplen);
            o += seplen;
        }
        buf[o++] = raw[i];
    }
    if (size)
        buf[o] = '\0';
    return buf;
}

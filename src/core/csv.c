/* csv.c: CSV cells (RFC 4180) as tenantry writes them. */
#include "config.h"

#include "core/csv.h"

#include <stdint.h>
#include <string.h>

#include "core/text.h"

/* Append s to sb as CSV keeps it: UTF-8 whatever the locale, tabs and line breaks kept,
 * every other control character (ESC, BEL, C1, DEL, bidi controls) a "?" and invalid UTF-8
 * U+FFFD. */
static void csv_text(struct strbuf *sb, const char *s)
{
    while (*s) {
        uint32_t cp;
        size_t n = text_decode(s, &cp);
        if (!n)
            sb_adds(sb, "\xef\xbf\xbd");
        else if (cp == '\t' || cp == '\n' || cp == '\r' || text_plain_char(cp))
            sb_add(sb, s, n);
        else
            sb_addc(sb, '?');
        s += n ? n : 1;
    }
}

void csv_add_field(struct strbuf *sb, const char *s, bool raw)
{
    struct strbuf clean = SB_INIT;
    if (!raw && s[0] && strchr("=+-@", s[0]))
        sb_addc(&clean, '\'');
    csv_text(&clean, s);
    const char *t = sb_str(&clean);
    bool quote = strpbrk(t, ",\"\t\r\n") || t[0] == ' ' ||
                 (clean.len && t[clean.len - 1] == ' ');
    if (quote)
        sb_addc(sb, '"');
    for (; *t; t++) {
        if (*t == '"')
            sb_addc(sb, '"');
        sb_addc(sb, *t);
    }
    if (quote)
        sb_addc(sb, '"');
    sb_wipe(&clean); /* it may have held a secret */
}

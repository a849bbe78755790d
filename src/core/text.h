/* text.h: text from servers made safe for a terminal: UTF-8 decoding, hostile characters
 * neutralised, widths in cells. Shared by cli/output and tui/draw. */
#ifndef TENANTRY_TEXT_H
#define TENANTRY_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* One character as it is shown: the bytes to write (a "?" for anything hostile or invalid),
 * how many cells it takes, and how many bytes of the input it consumed. */
struct text_glyph {
    const char *bytes;
    size_t len;
    size_t cells;
    size_t used;
};

/* The length (1 to 4) of the valid UTF-8 character at s and its code point in *cp (the NUL
 * is one byte, code point 0); 0 when s starts no valid one (overlong, surrogate, beyond
 * U+10FFFF, cut short). */
size_t text_decode(const char *s, uint32_t *cp);
/* Write code point cp (a valid one) as UTF-8 into out; its length. */
size_t text_encode(uint32_t cp, char out[4]);
/* True when the current locale's character set is UTF-8. */
bool text_locale_utf8(void);
/* Decode the character at s (not at its end): in a UTF-8 locale printable characters pass
 * and C0, DEL, C1, bidi overrides and isolates, and invalid UTF-8 (per byte) become "?";
 * in other locales every non-ASCII character is "?". */
void text_next(bool utf8, const char *s, struct text_glyph *g);
/* Append s to sb as text_next shows it in the current locale (a "?" for each hostile or
 * invalid character), keeping its newlines when keep_lines: a server's words made safe for
 * stderr. */
void text_add_neutral(struct strbuf *sb, const char *s, bool keep_lines);
/* The cells s takes once neutralised. */
size_t text_cells(bool utf8, const char *s);
/* True when the code point cp is no control character (C0, DEL, C1) and no bidi control. */
bool text_plain_char(uint32_t cp);
/* True when s is valid UTF-8 without control characters (C0, DEL, C1) or bidi controls:
 * safe to paste into a shell. */
bool text_plain(const char *s);
/* Append JSON text (len bytes, then a NUL) to sb made harmless for a terminal and still the
 * same JSON: C0, DEL, C1 and bidi controls (which valid JSON holds only inside strings, C0 only
 * escaped) written as \uXXXX escapes, and each byte of invalid UTF-8 as U+FFFD. For json and
 * jsonl output of what a server sent; the one escaping helper for it. */
void text_add_json(struct strbuf *sb, const char *json, size_t len);
/* True when needle occurs in hay ignoring ASCII case ("" occurs everywhere). */
bool text_contains_ci(const char *hay, const char *needle);
/* n with its digits grouped by the locale's thousands separator (LC_NUMERIC; "," where the
 * locale has none, as in C: "1,200", "1.200", "1 200") in buf of size bytes (48 hold any;
 * a separator that does not fit is left out); buf. */
const char *text_count(unsigned long long n, char *buf, size_t size);

#endif

/* fuzz_text.c: core/text, the neutraliser every server string passes on its way to a
 * terminal: decoding, glyph by glyph in a UTF-8 and in another locale, widths, the plain
 * check, and case-insensitive search. What is shown must hold no control character. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/util.h"
#include "fuzz.h"

/* Walk s glyph by glyph: every glyph consumes input, shows bytes with no C0, DEL or C1
 * control, and the cells add up to text_cells. */
static void walk(bool utf8, const char *s)
{
    size_t cells = 0;
    for (const char *p = s; *p;) {
        struct text_glyph g;
        text_next(utf8, p, &g);
        fuzz_assert(g.used > 0 && g.used <= strlen(p), "a glyph consumes input");
        fuzz_assert(g.cells <= 2, "a glyph takes at most 2 cells");
        for (size_t i = 0; i < g.len; i++) {
            unsigned char c = (unsigned char)g.bytes[i];
            fuzz_assert(c >= 0x20 && c != 0x7f, "no C0 control or DEL is shown");
        }
        if (g.len >= 2 && (unsigned char)g.bytes[0] == 0xc2)
            fuzz_assert((unsigned char)g.bytes[1] >= 0xa0, "no C1 control is shown");
        if (!utf8)
            for (size_t i = 0; i < g.len; i++)
                fuzz_assert((unsigned char)g.bytes[i] < 0x80, "only ASCII outside UTF-8");
        cells += g.cells;
        p += g.used;
    }
    fuzz_assert(cells == text_cells(utf8, s), "text_cells is the sum of the glyphs");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    walk(true, s);
    walk(false, s);
    (void)text_plain(s);
    for (const char *p = s; *p;) {
        uint32_t cp;
        size_t n = text_decode(p, &cp);
        if (n) {
            char out[4];
            fuzz_assert(text_encode(cp, out) == n && !memcmp(out, p, n),
                        "a decoded character encodes back to its bytes");
        }
        p += n ? n : 1;
    }
    size_t half = strlen(s) / 2;
    fuzz_assert(text_contains_ci(s, s + half), "a string contains its own tail");
    (void)text_contains_ci(s + half, s);
    free(s);
    return 0;
}
